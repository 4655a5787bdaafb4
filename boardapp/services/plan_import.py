"""Import an improvement plan from a Word (.docx) or Excel (.xlsx) file: preview, then write.

The GUI dialog and `boardapp import plan` use the same three steps:

1. `preview_plan_import(session, path, plan_name=...)` reads the file and returns a
   `PlanImportPreview`: the plan tree as it would be written, every problem named by
   sheet/table, row and column, the column mapping used, counts, and which leads are existing
   people and roles and which would be created. Nothing is written.
2. The clerk reads it, perhaps maps columns differently (`mapping_overrides`) and previews again.
3. `apply_plan_import(session, preview)` writes the whole plan in the caller's transaction, or
   refuses: when the preview has any error, or the plan name is taken. It flushes as it goes, so
   if anything fails part-way it raises and the caller rolls back (Store.transaction() does):
   the plan is written whole or not at all.

The clerk's fixes (issue 14) are operations on a `PlanImportDraft` (`edit_cell`,
`merge_into_previous`, `skip_row`, `set_column_meaning`, `choose_scale`), each returning a new
draft that `preview_plan_draft(session, draft)` validates again from the file's rows (the file is
never written). The import dialog passes the same fixes as `edits=` to `preview_plan_import`.

Ratings: a cell's ratings are a history, oldest first; on import each becomes a `PlanStatusChange`
(undated: all dated the day of the import, in the cell's order, the last one current). When no
scale in the database holds every rating, a `ScaleOffer` is made from the ratings found, ordered
by colour (red, amber/yellow, green, blue/complete); it is created on import only if accepted
(`create_scale`, or `create_scale_if_none_fits` when no scale holds any of them). A second
rating column ("Impact RAG") is read on the plan's impact scale.

Recommendation codes found in a "Ref" column link the actions to recommendations: those the named
review does not have are created (text to be written); with no review named, a review source is
created for them.

Leads are split one line of the cell at a time (`split_lead_cell`), with the same rules as
everywhere (`split_parties`), and matched through `PartyDirectory`, so "Simon Fisher" in a plan
is the Simon Fisher of the minutes. Recommendation refs ("Recommendation 1,5,6") link to the
recommendations of a review source when one is named (`review_source`); otherwise they are kept
in the verbatim text only, and the preview says so (unless they came from a Ref column of codes).
Status cells are matched to a status scale (named, or the one that fits the values best).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from boardapp.core.enums import PlanDueKind, PlanItemKind, ScaleKind
from boardapp.core.models import (
    Board,
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    PlanStatusChange,
    Recommendation,
    ReviewSource,
    StatusLevel,
    StatusScale,
)
from boardapp.core.rules.leads import PartyName, split_parties
from boardapp.core.rules.matching import Candidate, match_party
from boardapp.importing.edits import CellEdit, RowEdit, RowMerge, RowSkip, apply_edits, describe_edit
from boardapp.importing.limits import Progress
from boardapp.importing.mapping import (
    IGNORE,
    PLAN_FIELDS,
    FieldSpec,
    Override,
    TableMapping,
    header_key,
    parse_overrides,
)
from boardapp.importing.plans import DraftItem, PlanDraft, build_plan_draft
from boardapp.importing.problems import ImportFileError, Location, Problem, Severity
from boardapp.importing.tables import RawDocument, read_tables
from boardapp.services import plan_status
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound, ServiceError
from boardapp.services.parties import PartyDirectory, split_title
from boardapp.services.plan_status import LevelSpec

__all__ = [
    "ImportFileError",
    "LeadPreview",
    "MappingSummary",
    "PlanImportDraft",
    "PlanImportPreview",
    "PreviewNode",
    "ScaleOffer",
    "apply_plan_import",
    "find_board_id",
    "open_plan_draft",
    "preview_plan_draft",
    "preview_plan_import",
    "split_lead_cell",
]

IMPORTED_BY = "Import"


@dataclass(frozen=True)
class LeadPreview:
    """One lead named in a cell: the person or role it matched, or new (created on import)."""

    text: str  # as split from the cell: "DCI Dominic Blackburn"
    is_role: bool
    existing: str = ""  # the matched person's or role's name; "" when new

    @property
    def is_new(self) -> bool:
        return not self.existing


class PartiesPreview:
    """The people and roles a cell names, matched to the directory or noted as new — shared by the
    plan and action-log previews, which must agree on who counts as "new"."""

    def __init__(self, session: Session, problems: list[Problem]) -> None:
        self.directory = PartyDirectory(session)
        self.known_names = self.directory.known_names()
        self.new_people: list[Candidate] = []
        self.new_roles: list[Candidate] = []
        self.matched: set[tuple[bool, str]] = set()
        self.problems = problems

    def read(self, text: str, where: Location, what: str, *, per_line: bool = False) -> tuple[LeadPreview, ...]:
        """Each party in `text`; `what` names the column in messages ("lead", "owner").

        `per_line`: each line of the cell is read on its own (a plan's lead cell lists one post a line).
        """
        found = []
        parties = split_lead_cell(text, self.known_names) if per_line else split_parties(text, self.known_names)
        for party in parties:
            ref = self.directory.find(party.text, prefer_role=party.is_role)
            if ref is not None:
                existing = self.directory.name_of(ref)
                self.matched.add((ref.role_id is not None, existing))
                found.append(LeadPreview(party.text, party.is_role, existing))
                continue
            self._note_new(party, where, what)
            found.append(LeadPreview(party.text, party.is_role))
        return tuple(found)

    def _note_new(self, party: PartyName, where: Location, what: str) -> None:
        """Note a person or role the import would create, once however often it is named."""
        pool = self.new_roles if party.is_role else self.new_people
        if match_party(party.text, pool) is not None:
            return
        if party.is_role:
            pool.append(Candidate(id=-len(pool) - 1, name=party.text, is_role=True))
            return
        _title, name = split_title(party.text)
        pool.append(Candidate(id=-len(pool) - 1, name=name, aliases=(party.text,)))
        if len(name.split()) == 1:
            self.problems.append(
                where.problem(
                    Severity.WARNING,
                    f"the {what} “{party.text}” is a single name: a new person “{name}” will be created. Write the "
                    f"full name in the file to link the right person",
                )
            )


def split_lead_cell(text: str, known_names: Sequence[str] | set[str] | frozenset[str] = ()) -> list[PartyName]:
    """A multi-line lead cell, one line at a time: "DCS\nDirector SC & EH" is two roles.

    A line that starts in lower case continues the line above (a word or phrase wrapped by hand), so
    nothing is ever cut inside a word; the same party written twice ("Director SC &EH", "Director
    SC & EH") is kept once.
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if lines and (line[0].islower() or lines[-1].endswith(("&", "/", ",", "-", " and", " of"))):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    found: list[PartyName] = []
    seen: set[tuple[bool, str]] = set()
    for line in lines:
        for party in split_parties(line, known_names=known_names):
            key = (party.is_role, re.sub(r"\s*&\s*", " & ", party.text).casefold())
            if key not in seen:
                seen.add(key)
                found.append(party)
    return found


@dataclass(frozen=True)
class PreviewNode:
    kind: PlanItemKind
    ref: str
    text: str
    where: str  # "Table 4 row 3"
    description: str = ""
    due_text: str = ""
    due_kind: PlanDueKind = PlanDueKind.NONE
    due_date: dt.date | None = None
    due_note: str = ""
    lead_text: str = ""
    leads: tuple[LeadPreview, ...] = ()
    outcomes: tuple[str, ...] = ()
    evidence_of_impact: str = ""
    oversight_group: str = ""
    kpi_refs_text: str = ""
    recommendation_refs_text: str = ""
    recommendation_refs: tuple[str, ...] = ()  # as read ("ALL" expanded when a source is named)
    recommendation_ids: tuple[int, ...] = ()  # the Recommendation rows they will link to
    status_text: str = ""
    status_level_id: int | None = None  # the current rating's level on an existing scale
    status_label: str = ""
    status_codes: tuple[str, ...] = ()  # every rating in the cell, oldest first, as level codes
    status_history: tuple[str, ...] = ()  # the same, as level labels
    impact_text: str = ""
    impact_level_id: int | None = None
    impact_label: str = ""
    impact_codes: tuple[str, ...] = ()
    new_recommendation_refs: tuple[str, ...] = ()  # created on import, then linked
    children: tuple[PreviewNode, ...] = ()

    def walk(self) -> Iterator[PreviewNode]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class MappingSummary:
    """How the columns of one or more tables laid out alike were read."""

    tables: tuple[str, ...]  # ("Table 4", "Table 5") / ("Sheet 'Plan'",)
    header_row: int  # the header's row number in the first of them
    columns: tuple[str, ...]  # "'By When' → Due", "'Notes' → not imported (...)"

    @property
    def label(self) -> str:
        if len(self.tables) <= 3:
            return ", ".join(self.tables)
        return f"{self.tables[0]} and {len(self.tables) - 1} more alike"


@dataclass(frozen=True)
class PlanImportPreview:
    path: Path
    file_kind: str  # "docx" / "xlsx"
    plan_name: str
    roots: tuple[PreviewNode, ...]
    problems: tuple[Problem, ...]
    mappings: tuple[MappingSummary, ...]
    table_mappings: tuple[TableMapping, ...]  # full detail, for a dialog that edits the mapping
    counts: Mapping[PlanItemKind, int]
    blank_rows: int = 0
    repeated_headers: int = 0
    skipped_tables: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # what the clerk should know that is not a problem of a cell
    scale_id: int | None = None
    scale_name: str = ""
    review_source_id: int | None = None
    review_source_title: str = ""
    new_people: tuple[str, ...] = ()
    new_roles: tuple[str, ...] = ()
    matched_leads: int = 0  # distinct existing people and roles named as leads
    overrides: tuple[Override, ...] = field(default=())
    scale_offer: ScaleOffer | None = None  # a new scale made from the file's ratings (no scale fits them)
    creates_scale: bool = False  # the offer is accepted: the scale is created on import
    impact_scale_id: int | None = None
    impact_scale_name: str = ""
    impact_uses_offer: bool = False
    new_review_source: str = ""  # a review source created on import for the recommendation codes
    draft: PlanImportDraft | None = None  # what the preview was made from, for the clerk's next fix
    continuation_rows: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def can_apply(self) -> bool:
        return not self.errors

    def walk(self) -> Iterator[PreviewNode]:
        for root in self.roots:
            yield from root.walk()

    def summary_lines(self, max_problems: int = 20) -> list[str]:
        """The preview as text: what the CLI prints, and what a dialog can show above its tree."""
        kinds = ", ".join(
            f"{self.counts.get(kind, 0)} {_plural(kind, self.counts.get(kind, 0))}"
            for kind in PlanItemKind
            if self.counts.get(kind, 0) or kind in (PlanItemKind.KEY_AREA, PlanItemKind.ACTION)
        )
        lines = [f"Plan “{self.plan_name}” from {self.path.name}: {kinds}"]
        read = f"Read {len(self.table_mappings)} {'sheet' if self.file_kind == 'xlsx' else 'table'}(s) of plan rows"
        if self.blank_rows:
            read += f"; {self.blank_rows} blank row(s) skipped"
        if self.repeated_headers:
            read += f"; {self.repeated_headers} repeated header row(s) skipped"
        if self.continuation_rows:
            read += f"; {self.continuation_rows} continuation row(s) merged into the action above"
        lines.append(read + ".")
        if self.scale_offer is not None:
            verb = "will be created" if self.creates_scale else "can be created (choose it to import the ratings)"
            lines.append(f"New status scale “{self.scale_offer.name}” ({self.scale_offer.describe()}) {verb}.")
        if self.new_review_source:
            lines.append(f"New review source “{self.new_review_source}” will be created for the recommendation codes.")
        if self.draft is not None and self.draft.edits:
            lines.append("Your fixes: " + "; ".join(describe_edit(e) for e in self.draft.edits))
        if self.skipped_tables:
            lines.append("Not plan tables (left out): " + "; ".join(self.skipped_tables))
        lines.extend(column_lines(self.mappings) or ["Columns:", "  Columns marked “not imported” are kept nowhere."])
        leads = f"Leads: {self.matched_leads} existing people/roles matched"
        if self.new_people or self.new_roles:
            leads += f"; new people ({len(self.new_people)}): {', '.join(self.new_people) or 'none'}"
            leads += f"; new roles ({len(self.new_roles)}): {', '.join(self.new_roles) or 'none'}"
        lines.append(leads)
        lines.extend(self.notes)
        lines.extend(problem_lines(self.problems, max_problems))
        return lines


def _plural(kind: PlanItemKind, n: int) -> str:
    word = {PlanItemKind.KEY_AREA: "key area"}.get(kind, kind.value)
    return word if n == 1 else word + "s"


# -- preview ----------------------------------------------------------------------------------------------
def preview_plan_import(
    session: Session,
    path: str | Path,
    *,
    plan_name: str,
    mapping_overrides: Mapping[str, str] | Sequence[str] | None = None,
    scale: str | None = None,
    review_source: str | None = None,
    progress: Progress | None = None,
    edits: Sequence[RowEdit] = (),
    create_scale: bool = False,
    new_scale_name: str = "",
    create_scale_if_none_fits: bool = False,
) -> PlanImportPreview:
    """What importing `path` as a plan called `plan_name` would write; nothing is written.

    `mapping_overrides`: {"HEADER": "field"} or ["HEADER=field"] (MappingError if unusable).
    `scale`: the status scale's name (default: the one that fits the file's status values).
    `create_scale`: when no scale holds every rating, create one from them (the offer); otherwise each
    rating off the scale is an error until the clerk decides. `create_scale_if_none_fits` takes the
    offer only when no scale holds any of the ratings (the command line's default: a plan with its
    own vocabulary), so one odd rating on a familiar scale ("Purple") stays an error.
    `review_source`: the title (or a unique part of it) of the review whose recommendations the
    file's recommendation refs name. `edits`: the clerk's fixes to the rows (importing/edits.py).
    Raises ImportFileError when the file cannot be read at all, NotFound when the scale or review
    source does not exist, InvalidChange for an empty name.
    """
    draft = open_plan_draft(
        path,
        plan_name=plan_name,
        mapping_overrides=mapping_overrides,
        scale=scale,
        review_source=review_source,
        progress=progress,
    )
    draft = dataclasses.replace(
        draft,
        edits=tuple(edits),
        create_scale=create_scale,
        new_scale_name=new_scale_name,
        create_scale_if_none_fits=create_scale_if_none_fits,
    )
    return preview_plan_draft(session, draft)


@dataclass(frozen=True)
class PlanImportDraft:
    """The file as read plus every choice and fix the clerk made in the preview; never written back.

    Each fix returns a new draft; `preview_plan_draft(session, draft)` validates it again from
    the file's rows, so what is imported is always what the last preview showed.
    """

    document: RawDocument
    plan_name: str
    overrides: tuple[Override, ...] = ()
    edits: tuple[RowEdit, ...] = ()
    scale: str | None = None  # an existing scale's name; None: the best fit
    create_scale: bool = False  # accept the offer of a new scale made from the ratings
    new_scale_name: str = ""  # the offered scale's name, if the clerk changed it
    review_source: str | None = None
    create_scale_if_none_fits: bool = False  # take the offer when no scale holds any rating at all

    def edit_cell(self, table: str, row: int, column: int, text: str) -> PlanImportDraft:
        return dataclasses.replace(self, edits=(*self.edits, CellEdit(table, row, column, text)))

    def merge_into_previous(self, table: str, row: int) -> PlanImportDraft:
        return dataclasses.replace(self, edits=(*self.edits, RowMerge(table, row)))

    def skip_row(self, table: str, row: int) -> PlanImportDraft:
        return dataclasses.replace(self, edits=(*self.edits, RowSkip(table, row)))

    def undo(self) -> PlanImportDraft:
        """The draft without the clerk's last fix to a row."""
        return dataclasses.replace(self, edits=self.edits[:-1])

    def set_column_meaning(self, column: str, field_name: str) -> PlanImportDraft:
        """`column`: a header or a column letter; `field_name`: a field ("lead") or "ignore" (else MappingError)."""
        (override,) = parse_overrides([f"{column}={field_name or IGNORE}"], PLAN_FIELDS)
        kept = tuple(o for o in self.overrides if header_key(o.header) != header_key(override.header))
        return dataclasses.replace(self, overrides=(*kept, override))

    def choose_scale(self, name: str | None = None, *, create: bool = False, new_name: str = "") -> PlanImportDraft:
        """Rate on the scale called `name`, or (create=True) on a new scale made from the file's ratings."""
        return dataclasses.replace(self, scale=None if create else name, create_scale=create, new_scale_name=new_name)

    def set_plan_name(self, name: str) -> PlanImportDraft:
        return dataclasses.replace(self, plan_name=name)

    def set_review_source(self, title: str | None) -> PlanImportDraft:
        return dataclasses.replace(self, review_source=title or None)

    @property
    def edited_document(self) -> RawDocument:
        return apply_edits(self.document, self.edits)


def open_plan_draft(
    path: str | Path,
    *,
    plan_name: str,
    mapping_overrides: Mapping[str, str] | Sequence[str] | None = None,
    scale: str | None = None,
    review_source: str | None = None,
    progress: Progress | None = None,
) -> PlanImportDraft:
    """Read the file (ImportFileError if it cannot be) into a draft with no fixes yet; needs no database."""
    overrides = parse_overrides(mapping_overrides or (), PLAN_FIELDS)
    document = read_tables(path, progress)  # progress(rows read, rows in all) -> False cancels
    return PlanImportDraft(document, plan_name, overrides, scale=scale, review_source=review_source)


def preview_plan_draft(session: Session, draft: PlanImportDraft) -> PlanImportPreview:
    """The preview of a draft with all its fixes made: validated again from scratch; nothing is written."""
    name = " ".join(draft.plan_name.split())
    if not name:
        raise InvalidChange("Give the imported plan a name.")
    chosen_scale = _find_scale(session, draft.scale) if draft.scale else None
    source = _find_source(session, draft.review_source) if draft.review_source else None
    built = build_plan_draft(draft.edited_document, draft.overrides)
    preview = _Resolver(session, built, name, draft.overrides, chosen_scale, source, draft).preview()
    return dataclasses.replace(preview, draft=draft)


def find_board_id(session: Session, name: str) -> int:
    """The id of the board called `name` (case and spacing do not matter); NotFound lists the boards."""
    boards = session.exec(select(Board)).all()
    wanted = " ".join(name.split()).casefold()
    for board in boards:
        if board.id is not None and wanted in (board.name.casefold(), board.short_name.casefold()):
            return board.id
    listed = ", ".join(sorted(b.name for b in boards)) or "there are no boards yet"
    raise NotFound(f"No board is called “{name}” ({listed}).")


def _find_scale(session: Session, name: str) -> StatusScale:
    scales = session.exec(select(StatusScale)).all()
    found = [s for s in scales if s.name.casefold() == name.strip().casefold()]
    if not found:
        listed = ", ".join(f"“{s.name}”" for s in scales) or "there are none yet"
        raise NotFound(f"No status scale is called “{name}” ({listed}).")
    return found[0]


def _find_source(session: Session, title: str) -> ReviewSource:
    sources = session.exec(select(ReviewSource)).all()
    wanted = " ".join(title.split()).casefold()
    exact = [s for s in sources if s.title.casefold() == wanted]
    partial = [s for s in sources if wanted in s.title.casefold()]
    if exact or len(partial) == 1:
        return (exact or partial)[0]
    listed = ", ".join(f"“{s.title}”" for s in sources) or "there are none yet"
    if partial:
        raise NotFound(f"“{title}” names more than one review source ({listed}); give more of the title.")
    raise NotFound(f"No review source is called “{title}” ({listed}).")


@dataclass(frozen=True)
class ScaleOffer:
    """A status scale made from the ratings a file uses, worst first by colour: offered when none fits."""

    name: str
    levels: tuple[LevelSpec, ...]

    def describe(self) -> str:
        return ", ".join(level.label for level in self.levels) + ", worst first"

    def code_of(self, rating: str) -> str | None:
        return _offer_code(rating, self.levels)


# colour words → (rank, colour, means complete); anything else ranks between amber and green
_COLOURS: dict[str, tuple[float, str, str, bool]] = {
    "red": (0, "Red", "#C00000", False),
    "r": (0, "Red", "#C00000", False),
    "amber": (1, "Amber", "#FFC000", False),
    "a": (1, "Amber", "#FFC000", False),
    "yellow": (1.1, "Yellow", "#FFD966", False),
    "y": (1.1, "Yellow", "#FFD966", False),
    "green": (2, "Green", "#00B050", False),
    "g": (2, "Green", "#00B050", False),
    "blue": (3, "Blue", "#2F5597", True),
    "b": (3, "Blue", "#2F5597", True),
    "complete": (3.1, "Complete", "#2F5597", True),
    "completed": (3.1, "Completed", "#2F5597", True),
    "done": (3.1, "Done", "#2F5597", True),
    "closed": (3.1, "Closed", "#2F5597", True),
    "achieved": (3.1, "Achieved", "#2F5597", True),
}


def _rating_key(rating: str) -> tuple[str, str]:
    """("GREEN", "Green") for "Green", "green - on track" and "G"; (CODE, label) for other wording."""
    key = header_key(rating)
    first = key.split()[0] if key else ""
    if first in _COLOURS:
        label = _COLOURS[first][1]
        return label.upper(), label
    label = " ".join(rating.split())
    return re.sub(r"\W+", "_", key).strip("_").upper()[:30] or "?", label


def _offer_code(rating: str, levels: Sequence[LevelSpec]) -> str | None:
    code, _label = _rating_key(rating)
    return code if any(level.code == code for level in levels) else None


def make_scale_offer(ratings: Sequence[str], taken_names: Sequence[str]) -> ScaleOffer | None:
    """The offered scale: one level per rating word found, ordered red, amber/yellow, green, blue/complete."""
    levels: dict[str, tuple[float, LevelSpec]] = {}
    for rating in ratings:
        code, label = _rating_key(rating)
        if code in levels:
            continue
        first = header_key(label).split()[0] if header_key(label) else ""
        rank, _name, colour, complete = _COLOURS.get(first, (1.5, label, "#A6A6A6", False))
        levels[code] = (rank, LevelSpec(code, label, colour, "", complete))
    if not levels:
        return None
    ordered = tuple(spec for _rank, spec in sorted(levels.values(), key=lambda pair: pair[0]))
    name = " / ".join(level.label for level in ordered)
    taken = {n.casefold() for n in taken_names}
    base, number = name, 1
    while name.casefold() in taken:
        number += 1
        name = f"{base} ({'imported' if number == 2 else f'imported {number - 1}'})"
    return ScaleOffer(name, ordered)


class _Ratings:
    """How the ratings of one column (progress or impact) are read: on an existing scale, or the offer."""

    def __init__(self, scale: StatusScale | None, levels: list[StatusLevel], offer: ScaleOffer | None) -> None:
        self.scale = scale
        self.levels = levels
        self.offer = offer

    def read(self, rating: str) -> tuple[str, str, int | None] | None:
        """(code, label, level id or None when the level is yet to be created), or None if not on the scale."""
        if self.scale is not None:
            level = _match_level(rating, self.levels)
            return None if level is None else (level.code, level.label, level.id)
        if self.offer is not None:
            code = self.offer.code_of(rating)
            label = next((lv.label for lv in self.offer.levels if lv.code == code), "")
            return None if code is None else (code, label, None)
        return None


class _Resolver:
    """Matches a draft against the database: leads, statuses, recommendations, the plan's name."""

    def __init__(
        self,
        session: Session,
        draft: PlanDraft,
        plan_name: str,
        overrides: tuple[Override, ...],
        scale: StatusScale | None,
        source: ReviewSource | None,
        choices: PlanImportDraft | None = None,
    ) -> None:
        self.session = session
        self.draft = draft
        self.plan_name = plan_name
        self.overrides = overrides
        self.problems: list[Problem] = list(draft.problems)
        self.notes: list[str] = []
        self.parties = PartiesPreview(session, self.problems)
        self.scale = scale
        self.levels: list[StatusLevel] = []
        self.source = source
        self.create_scale = choices.create_scale if choices is not None else False
        self.create_if_none_fits = choices.create_scale_if_none_fits if choices is not None else False
        self.new_scale_name = choices.new_scale_name if choices is not None else ""
        self.offer: ScaleOffer | None = None
        self.progress = _Ratings(None, [], None)
        self.impact = _Ratings(None, [], None)
        self.new_source = ""
        self.recommendations: dict[str, int] = {}  # casefolded ref → id
        self.recommendation_refs: list[str] = []  # as the source numbers them, in order
        self.new_recommendations: set[str] = set()
        self.unread: dict[tuple[str, str], tuple[int, list[str]]] = {}  # (column, rating) → (problem index, cells)

    def preview(self) -> PlanImportPreview:
        self._check_name()
        self._choose_scale()
        self._load_recommendations()
        roots = tuple(self._node(item) for item in self.draft.roots)
        self._note_other_cells()
        return PlanImportPreview(
            path=self.draft.path,
            file_kind=self.draft.file_kind,
            plan_name=self.plan_name,
            roots=roots,
            problems=tuple(self.problems),
            mappings=summarise_mappings(self.draft.mappings, PLAN_FIELDS),
            table_mappings=tuple(self.draft.mappings),
            counts=self.draft.counts(),
            blank_rows=self.draft.blank_rows,
            repeated_headers=self.draft.repeated_headers,
            skipped_tables=tuple(self.draft.skipped_tables),
            notes=tuple(self.notes + self.draft.notes),
            scale_id=self.progress.scale.id if self.progress.scale else None,
            scale_name=self.progress.scale.name if self.progress.scale else "",
            review_source_id=self.source.id if self.source else None,
            review_source_title=self.source.title if self.source else "",
            new_people=tuple(c.name for c in self.parties.new_people),
            new_roles=tuple(c.name for c in self.parties.new_roles),
            matched_leads=len(self.parties.matched),
            overrides=self.overrides,
            scale_offer=self.offer,
            creates_scale=self.offer is not None and self.create_scale,
            impact_scale_id=self.impact.scale.id if self.impact.scale else None,
            impact_scale_name=self.impact.scale.name if self.impact.scale else "",
            impact_uses_offer=self.impact.offer is not None,
            new_review_source=self.new_source,
            continuation_rows=self.draft.continuation_rows,
        )

    def _check_name(self) -> None:
        if _plan_name_taken(self.session, self.plan_name):
            self.problems.insert(
                0,
                Problem(
                    Severity.ERROR,
                    "plan name",
                    f"a plan called “{self.plan_name}” already exists: choose another name (--name)",
                ),
            )

    # -- statuses --------------------------------------------------------------------------------------
    def _choose_scale(self) -> None:
        items = list(self.draft.walk())
        progress = [r for item in items for r in item.status_history]
        impact = [r for item in items for r in item.impact_history]
        scales = list(self.session.exec(select(StatusScale).order_by(col(StatusScale.id))).all())
        levels = {scale.id: self._levels_of(scale) for scale in scales}

        def best_fit(ratings: Sequence[str]) -> StatusScale | None:
            best: tuple[int, int, StatusScale] | None = None
            for scale in scales:
                fits = sum(1 for r in ratings if _match_level(r, levels[scale.id]) is not None)
                if fits and (best is None or fits > best[0]):
                    best = (fits, -(scale.id or 0), scale)
            return best[2] if best else None

        def fits_all(scale: StatusScale | None, ratings: Sequence[str]) -> bool:
            return scale is not None and all(_match_level(r, levels[scale.id]) is not None for r in ratings)

        progress_scale = self.scale or (best_fit(progress) if progress else None)
        impact_scale = None
        if impact:
            impact_scale = progress_scale if fits_all(progress_scale, impact) else best_fit(impact)
        # A new scale is offered when no scale holds every rating (unless the clerk named one).
        progress_unfitted = bool(progress) and self.scale is None and not fits_all(progress_scale, progress)
        impact_unfitted = bool(impact) and not fits_all(impact_scale, impact)
        unfitted = [*(progress if progress_unfitted else []), *(impact if impact_unfitted else [])]
        if self.create_if_none_fits and unfitted and progress_scale is None and impact_scale is None:
            self.create_scale = True  # the plan's own vocabulary: no scale holds any of its ratings
        if self.create_scale:  # the offer accepted: it replaces a scale that fits only some ratings
            progress_scale = None if progress_unfitted else progress_scale
            impact_scale = None if impact_unfitted else impact_scale
        if unfitted:
            self.offer = make_scale_offer(unfitted, [s.name for s in scales])
            if self.offer is not None and self.new_scale_name.strip():
                self.offer = ScaleOffer(" ".join(self.new_scale_name.split()), self.offer.levels)
        offer = self.offer if self.create_scale else None
        self.progress = _Ratings(progress_scale, levels.get(progress_scale.id, []) if progress_scale else [], None)
        if progress_scale is None and progress:
            self.progress = _Ratings(None, [], offer)
        self.impact = _Ratings(impact_scale, levels.get(impact_scale.id, []) if impact_scale else [], None)
        if impact_scale is None and impact:
            self.impact = _Ratings(None, [], offer)
        self.scale, self.levels = self.progress.scale, self.progress.levels
        if progress_scale is not None and progress:
            self.notes.append(f"Statuses are read on the scale “{progress_scale.name}”.")
        if impact_scale is not None:
            self.notes.append(f"Impact ratings are read on the scale “{impact_scale.name}”.")
        if self.offer is not None and self.create_scale:
            self.problems.append(
                Problem(
                    Severity.WARNING,
                    "status scale",
                    f"no status scale in the database fits the ratings of the file: a new scale “{self.offer.name}” "
                    f"({self.offer.describe()}) will be created from them. Choose an existing scale instead if "
                    f"it means the same",
                )
            )
        elif self.offer is not None:
            self.notes.append(
                f"No status scale fits the status column: statuses cannot be imported until you choose a scale or "
                f"create “{self.offer.name}” ({self.offer.describe()}) from the values found (--create-scale)."
            )

    def _levels_of(self, scale: StatusScale) -> list[StatusLevel]:
        return list(
            self.session.exec(
                select(StatusLevel).where(StatusLevel.scale_id == scale.id).order_by(col(StatusLevel.position))
            ).all()
        )

    def _ratings(
        self, item: DraftItem, column: str, ratings: Sequence[str], how: _Ratings
    ) -> tuple[tuple[str, ...], tuple[str, ...], int | None]:
        """(codes, labels, the current level's id) of the ratings in one cell; an error for each unread one."""
        codes: list[str] = []
        labels: list[str] = []
        level_id: int | None = None
        for rating in ratings:
            found = how.read(rating)
            if found is None:
                key = (column, header_key(rating))
                location = item.location(column)
                if key in self.unread:  # one error per rating word, naming the other cells that have it
                    self.unread[key][1].append(location.where)
                else:
                    self.unread[key] = (len(self.problems), [])
                    self.problems.append(location.problem(Severity.ERROR, self._unread(item, column, rating)))
                continue
            codes.append(found[0])
            labels.append(found[1])
            level_id = found[2]
        return tuple(codes), tuple(labels), level_id

    def _note_other_cells(self) -> None:
        for index, others in self.unread.values():
            if others:
                shown = "; ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
                problem = self.problems[index]
                self.problems[index] = dataclasses.replace(
                    problem, message=f"{problem.message}. The same in {len(others)} other cell(s): {shown}"
                )

    def _unread(self, item: DraftItem, column: str, rating: str) -> str:
        header = item.location(column).header or "RAG"
        scale = self.progress.scale if column == "status" else self.impact.scale
        if scale is None and self.offer is not None:
            return (
                f"status “{rating}” matches no status scale; create the scale “{self.offer.name}” from the values "
                f"found (in the preview, or --create-scale), name an existing one with --scale, or leave the "
                f"column out with --map '{header}=ignore'"
            )
        if scale is None:
            return (
                f"status “{rating}” matches no status scale; create the scale first, name it "
                f"with --scale, or leave the column out with --map '{header}=ignore'"
            )
        levels = self.progress.levels if column == "status" else self.impact.levels
        codes = ", ".join(level.code for level in levels)
        return (
            f"status “{rating}” is not on the scale “{scale.name}” ({codes}): correct the "
            f"cell, or leave the column out with --map '{header}=ignore'"
        )

    # -- recommendations -------------------------------------------------------------------------------
    def _load_recommendations(self) -> None:
        cited = any(item.recommendation_refs or item.all_recommendations for item in self.draft.walk())
        if self.source is None:
            if cited and self.draft.code_columns:
                self.new_source = f"Recommendations cited in {self.plan_name}"
                self.problems.append(
                    Problem(
                        Severity.WARNING,
                        "recommendations",
                        f"no review source was named for the recommendation codes: a review source “{self.new_source}” "
                        f"will be created with a recommendation for each code, each linked to its actions. Choose the "
                        f"review (Recommendations of…, --source) to link them to its recommendations instead",
                    )
                )
            elif cited:
                self.notes.append(
                    "Recommendation refs are kept as text only (no review source was named; name one with "
                    "--source to link each action to its recommendations)."
                )
            return
        for recommendation in self.session.exec(
            select(Recommendation).where(Recommendation.source_id == self.source.id).order_by(col(Recommendation.id))
        ).all():
            if recommendation.id is not None:
                self.recommendations[recommendation.ref.strip().casefold()] = recommendation.id
                self.recommendation_refs.append(recommendation.ref.strip())
        if cited:
            self.notes.append(f"Recommendation refs link to the recommendations of “{self.source.title}”.")

    def _recommendations(self, item: DraftItem) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
        """(refs as read, ids of existing recommendations, refs of recommendations to create)."""
        if self.source is None and not self.new_source:
            return item.recommendation_refs, (), ()
        if item.all_recommendations:
            return tuple(self.recommendation_refs), tuple(self.recommendations.values()), ()
        ids: list[int] = []
        new: list[str] = []
        for ref in item.recommendation_refs:
            found = self.recommendations.get(ref.casefold())
            if found is None:
                if ref.casefold() not in self.new_recommendations and self.source is not None:
                    self.problems.append(
                        item.location("recommendation_refs").problem(
                            Severity.WARNING,
                            f"recommendation {ref} is not one of the recommendations of “{self.source.title}”; "
                            f"it will be created (with its text still to be written) and linked",
                        )
                    )
                self.new_recommendations.add(ref.casefold())
                if ref not in new:
                    new.append(ref)
            elif found not in ids:
                ids.append(found)
        return item.recommendation_refs, tuple(ids), tuple(new)

    # -- leads -----------------------------------------------------------------------------------------
    def _leads(self, item: DraftItem) -> tuple[LeadPreview, ...]:
        if not item.lead_text:
            return ()
        return self.parties.read(item.lead_text, item.location("lead"), "lead", per_line=True)

    # -- nodes -----------------------------------------------------------------------------------------
    def _node(self, item: DraftItem) -> PreviewNode:
        codes, labels, level_id = self._ratings(item, "status", item.status_history, self.progress)
        impact_codes, impact_labels, impact_id = self._ratings(item, "impact", item.impact_history, self.impact)
        refs, ids, new_refs = self._recommendations(item)
        due = item.due
        return PreviewNode(
            kind=item.kind,
            ref=item.ref,
            text=item.text,
            where=item.where,
            description=item.description,
            due_text=item.due_text,
            due_kind=due.kind if due else PlanDueKind.NONE,
            due_date=due.date if due else None,
            due_note=due.note if due else "",
            lead_text=item.lead_text,
            leads=self._leads(item),
            outcomes=tuple(item.outcomes),
            evidence_of_impact=item.evidence_of_impact,
            oversight_group=item.oversight_group,
            kpi_refs_text=item.kpi_refs_text,
            recommendation_refs_text=item.recommendation_refs_text,
            recommendation_refs=refs,
            recommendation_ids=ids,
            status_text=item.status_text,
            status_level_id=level_id if codes and len(codes) == len(item.status_history) else None,
            status_label=labels[-1] if labels else "",
            status_codes=codes if len(codes) == len(item.status_history) else (),
            status_history=labels,
            impact_text=item.impact_text,
            impact_level_id=impact_id if len(impact_codes) == len(item.impact_history) else None,
            impact_label=impact_labels[-1] if impact_labels else "",
            impact_codes=impact_codes if len(impact_codes) == len(item.impact_history) else (),
            new_recommendation_refs=new_refs,
            children=tuple(self._node(child) for child in item.children),
        )


def _match_level(text: str, levels: Sequence[StatusLevel]) -> StatusLevel | None:
    """ "Green", "GREEN", "green - on track" and (when unique) "G" match the level GREEN / Green."""
    key = header_key(text)
    if not key:
        return None
    for level in levels:
        if key in (header_key(level.code), header_key(level.label)):
            return level
    first = key.split()[0]
    for level in levels:
        if first in (header_key(level.code), header_key(level.label)):
            return level
    if len(key) == 1:
        initials = [level for level in levels if header_key(level.code)[:1] == key]
        if len(initials) == 1:
            return initials[0]
    return None


def summarise_mappings(mappings: Sequence[TableMapping], fields: Sequence[FieldSpec]) -> tuple[MappingSummary, ...]:
    """One summary per group of tables read the same way (e.g. five key-area sheets with one layout)."""
    grouped: dict[tuple[object, ...], list[TableMapping]] = {}
    for mapping in mappings:
        grouped.setdefault(mapping.signature(), []).append(mapping)
    summaries = []
    for group in grouped.values():
        header = group[0].table.header_row
        summaries.append(
            MappingSummary(
                tables=tuple(m.table.name for m in group),
                header_row=header.row_number if header is not None else 0,
                columns=tuple(group[0].describe(fields)),
            )
        )
    return tuple(summaries)


def column_lines(mappings: Sequence[MappingSummary]) -> list[str]:
    """The "Columns:" block of an import preview."""
    if not mappings:
        return []
    lines = ["Columns:"]
    for summary in mappings:
        lines.append(f"  {summary.label} (header in row {summary.header_row}):")
        lines.extend(f"    {column}" for column in summary.columns)
    lines.append("  Columns marked “not imported” are kept nowhere.")
    return lines


def sorted_problems(problems: Sequence[Problem]) -> list[Problem]:
    """Errors first, then by table (in file order), row and column."""
    tables = {name: i for i, name in enumerate(dict.fromkeys(p.table for p in problems))}
    return sorted(problems, key=lambda p: (not p.is_error, tables[p.table], p.row or 0, p.column))


def problem_lines(problems: Sequence[Problem], max_problems: int) -> list[str]:
    """The "Problems:" block of an import preview, errors first."""
    errors = sum(1 for p in problems if p.is_error)
    lines = [f"Problems: {errors} error(s), {len(problems) - errors} warning(s)"]
    ordered = sorted_problems(problems)
    lines.extend(f"  {p.severity.value:7} {p.where}: {p.message}" for p in ordered[:max_problems])
    if len(ordered) > max_problems:
        lines.append(f"  ... and {len(ordered) - max_problems} more")
    return lines


def _plan_name_taken(session: Session, name: str) -> bool:
    wanted = " ".join(name.split()).casefold()
    return any(" ".join(n.split()).casefold() == wanted for n in session.exec(select(Plan.name)).all())


# -- apply ------------------------------------------------------------------------------------------------
def apply_plan_import(
    session: Session, preview: PlanImportPreview, *, board_id: int | None = None
) -> tuple[int, Changes]:
    """Write the previewed plan in the caller's transaction; returns (plan id, what changed).

    Refuses (ServiceError, nothing written) when the preview has errors or the name is now taken.
    A failure part-way raises ServiceError: roll the transaction back (Store.transaction() does)
    and nothing of the plan remains.
    """
    if preview.errors:
        shown = "\n".join(f"  {p.where}: {p.message}" for p in preview.errors[:5])
        more = f"\n  ... and {len(preview.errors) - 5} more" if len(preview.errors) > 5 else ""
        raise ServiceError(
            f"The plan was not imported: {len(preview.errors)} problem(s) in {preview.path.name} must be fixed "
            f"first:\n{shown}{more}"
        )
    if _plan_name_taken(session, preview.plan_name):
        raise ServiceError(
            f"The plan was not imported: a plan called “{preview.plan_name}” already exists. Choose another name."
        )
    if board_id is not None and session.get(Board, board_id) is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    try:
        writer = _Writer(session, preview)
        plan_id = writer.write(board_id)
    except SQLAlchemyError as exc:
        raise ServiceError(
            f"The plan could not be written ({_first_line(exc)}); the import was abandoned and nothing of it is kept."
        ) from exc
    return plan_id, Changes(plans=frozenset({plan_id}), people=writer.created_parties)


class _Writer:
    def __init__(self, session: Session, preview: PlanImportPreview) -> None:
        self.session = session
        self.preview = preview
        self.directory = PartyDirectory(session)
        self.created_parties = False
        self.today = dt.date.today()
        self.linked_recommendations: set[int] = set()
        self.progress_levels: dict[str, int] = {}  # level code → id
        self.impact_levels: dict[str, int] = {}
        self.source_id: int | None = preview.review_source_id
        self.created_recommendations: dict[str, int] = {}  # casefolded ref → id
        self.plan_id = 0

    def _codes(self, scale_id: int | None) -> dict[str, int]:
        if scale_id is None:
            return {}
        levels = self.session.exec(select(StatusLevel).where(StatusLevel.scale_id == scale_id)).all()
        return {level.code: level.id or 0 for level in levels}

    def _scales(self) -> tuple[int | None, int | None]:
        """The plan's progress and impact scales: existing ones, or the offered one created now."""
        preview = self.preview
        progress_id, impact_id = preview.scale_id, preview.impact_scale_id
        if preview.creates_scale and preview.scale_offer is not None:
            offer = preview.scale_offer
            new_id, _changes = plan_status.create_scale(self.session, offer.name, offer.levels)
            if progress_id is None and any(n.status_codes for n in preview.walk()):
                progress_id = new_id
            if impact_id is None and preview.impact_uses_offer:
                impact_id = new_id
        self.progress_levels = self._codes(progress_id)
        self.impact_levels = self._codes(impact_id)
        return progress_id, impact_id

    def write(self, board_id: int | None) -> int:
        preview = self.preview
        progress_id, impact_id = self._scales()
        plan = Plan(
            name=preview.plan_name, board_id=board_id, progress_scale_id=progress_id, impact_scale_id=impact_id
        )
        self.session.add(plan)
        self.session.flush()
        plan_id = self.plan_id = plan.id or 0
        if preview.new_review_source:
            source = ReviewSource(title=preview.new_review_source)
            self.session.add(source)
            self.session.flush()
            self.source_id = source.id
        for position, node in enumerate(preview.roots):
            self._item(plan_id, None, position, node)
        for recommendation_id in self.linked_recommendations:
            recommendation = self.session.get(Recommendation, recommendation_id)
            if recommendation is not None and recommendation.plan_id is None:
                recommendation.plan_id = plan_id
                self.session.add(recommendation)
        self.session.flush()
        return plan_id

    def _item(self, plan_id: int, parent_id: int | None, position: int, node: PreviewNode) -> None:
        item = PlanItem(
            plan_id=plan_id,
            parent_id=parent_id,
            kind=node.kind,
            position=position,
            ref=node.ref,
            text=node.text,
            description=node.description,
            due_text=node.due_text,
            due_kind=node.due_kind,
            due_date=node.due_date,
            due_note=node.due_note,
            lead_text=node.lead_text,
            outcomes="\n".join(node.outcomes),
            evidence_of_impact=node.evidence_of_impact,
            oversight_group=node.oversight_group,
            kpi_refs_text=node.kpi_refs_text,
            recommendation_refs_text=node.recommendation_refs_text,
            progress_level_id=self._current(node.status_codes, node.status_level_id, self.progress_levels),
            impact_level_id=self._current(node.impact_codes, node.impact_level_id, self.impact_levels),
        )
        self.session.add(item)
        self.session.flush()
        item_id = item.id or 0
        for order, lead in enumerate(node.leads):
            party = PartyName(lead.text, is_role=lead.is_role)
            if self.directory.find(party.text, prefer_role=party.is_role) is None:
                self.created_parties = True
            ref = self.directory.resolve(party)
            self.session.add(
                PlanItemLead(plan_item_id=item_id, person_id=ref.person_id, role_id=ref.role_id, position=order)
            )
        for recommendation_id in (*node.recommendation_ids, *self._created(node)):
            self.session.add(PlanItemRecommendation(plan_item_id=item_id, recommendation_id=recommendation_id))
            self.linked_recommendations.add(recommendation_id)
        self._history(item_id, node, ScaleKind.PROGRESS, node.status_codes, node.status_text, node.status_level_id)
        self._history(item_id, node, ScaleKind.IMPACT, node.impact_codes, node.impact_text, node.impact_level_id)
        for child_position, child in enumerate(node.children):
            self._item(plan_id, item_id, child_position, child)


    @staticmethod
    def _current(codes: Sequence[str], level_id: int | None, levels: Mapping[str, int]) -> int | None:
        """The current (last) rating's level: as previewed on an existing scale, or on the scale just created."""
        if level_id is not None or not codes:
            return level_id
        return levels.get(codes[-1])

    def _created(self, node: PreviewNode) -> list[int]:
        """The recommendations a node cites that the review does not have yet: created once, text to be written."""
        ids = []
        for ref in node.new_recommendation_refs:
            key = ref.casefold()
            if key not in self.created_recommendations and self.source_id is not None:
                recommendation = Recommendation(
                    source_id=self.source_id,
                    plan_id=self.plan_id,
                    ref=ref,
                    text=f"Recommendation {ref} (imported with the plan “{self.preview.plan_name}”; text to be added)",
                )
                self.session.add(recommendation)
                self.session.flush()
                self.created_recommendations[key] = recommendation.id or 0
            if key in self.created_recommendations:
                ids.append(self.created_recommendations[key])
        return ids

    def _history(
        self,
        item_id: int,
        node: PreviewNode,
        kind: ScaleKind,
        codes: Sequence[str],
        text: str,
        current: int | None,
    ) -> None:
        """A status change per rating in the cell, oldest first: undated, ordered by entry (the last is current)."""
        name = self.preview.path.name
        levels = self.progress_levels if kind is ScaleKind.PROGRESS else self.impact_levels
        for number, code in enumerate(codes, start=1):
            level_id = current if number == len(codes) and current is not None else levels.get(code)
            if level_id is None:
                continue
            where = f"{node.where}: “{' '.join(text.split())}”"
            reason = (
                f"Imported from {name} ({where}); rating {number} of {len(codes)} in the cell, undated"
                if len(codes) > 1
                else f"Imported from {name} ({where})"
            )
            self.session.add(
                PlanStatusChange(
                    plan_item_id=item_id,
                    scale_kind=kind,
                    level_id=level_id,
                    changed_on=self.today,
                    changed_by=IMPORTED_BY,
                    reason=reason,
                )
            )
            self.session.flush()  # entered in order: the timeline keeps the cell's order


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
