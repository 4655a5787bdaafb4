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

Leads are split with the same rules as everywhere (`split_parties`) and matched through
`PartyDirectory`, so "Simon Fisher" in a plan is the Simon Fisher of the minutes. Recommendation
refs ("Recommendation 1,5,6") link to the recommendations of a review source when one is named
(`review_source`); otherwise they are kept in the verbatim text only, and the preview says so.
Status cells are matched to a status scale (named, or the one that fits the values best).
"""

from __future__ import annotations

import datetime as dt
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
from boardapp.importing.limits import Progress
from boardapp.importing.mapping import PLAN_FIELDS, FieldSpec, Override, TableMapping, header_key, parse_overrides
from boardapp.importing.plans import DraftItem, PlanDraft, read_plan
from boardapp.importing.problems import ImportFileError, Location, Problem, Severity
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound, ServiceError
from boardapp.services.parties import PartyDirectory, split_title

__all__ = [
    "ImportFileError",
    "LeadPreview",
    "MappingSummary",
    "PlanImportPreview",
    "PreviewNode",
    "apply_plan_import",
    "find_board_id",
    "preview_plan_import",
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

    def read(self, text: str, where: Location, what: str) -> tuple[LeadPreview, ...]:
        """Each party in `text`; `what` names the column in messages ("lead", "owner")."""
        found = []
        for party in split_parties(text, known_names=self.known_names):
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
    status_level_id: int | None = None
    status_label: str = ""
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
        lines.append(read + ".")
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
) -> PlanImportPreview:
    """What importing `path` as a plan called `plan_name` would write; nothing is written.

    `mapping_overrides`: {"HEADER": "field"} or ["HEADER=field"] (MappingError if unusable).
    `scale`: the status scale's name (default: the one that fits the file's status values).
    `review_source`: the title (or a unique part of it) of the review whose recommendations the
    file's recommendation refs name. Raises ImportFileError when the file cannot be read at all,
    NotFound when the scale or review source does not exist, InvalidChange for an empty name.
    """
    name = " ".join(plan_name.split())
    if not name:
        raise InvalidChange("Give the imported plan a name.")
    overrides = parse_overrides(mapping_overrides or (), PLAN_FIELDS)
    chosen_scale = _find_scale(session, scale) if scale else None
    source = _find_source(session, review_source) if review_source else None
    draft = read_plan(path, overrides, progress)  # progress(rows read, rows in all) -> False cancels
    return _Resolver(session, draft, name, overrides, chosen_scale, source).preview()


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
        self.recommendations: dict[str, int] = {}  # casefolded ref → id
        self.recommendation_refs: list[str] = []  # as the source numbers them, in order

    def preview(self) -> PlanImportPreview:
        self._check_name()
        self._choose_scale()
        self._load_recommendations()
        roots = tuple(self._node(item) for item in self.draft.roots)
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
            scale_id=self.scale.id if self.scale else None,
            scale_name=self.scale.name if self.scale else "",
            review_source_id=self.source.id if self.source else None,
            review_source_title=self.source.title if self.source else "",
            new_people=tuple(c.name for c in self.parties.new_people),
            new_roles=tuple(c.name for c in self.parties.new_roles),
            matched_leads=len(self.parties.matched),
            overrides=self.overrides,
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
        statuses = [item for item in self.draft.walk() if item.status_text]
        if self.scale is None and statuses:
            best: tuple[int, int, StatusScale] | None = None
            for scale in self.session.exec(select(StatusScale).order_by(col(StatusScale.id))).all():
                levels = self._levels_of(scale)
                fits = sum(1 for item in statuses if _match_level(item.status_text, levels) is not None)
                if fits and (best is None or fits > best[0]):
                    best = (fits, -(scale.id or 0), scale)
            self.scale = best[2] if best else None
        if self.scale is not None:
            self.levels = self._levels_of(self.scale)
            if statuses:
                self.notes.append(f"Statuses are read on the scale “{self.scale.name}”.")
        if statuses and self.scale is None:
            self.notes.append("No status scale fits the status column: statuses cannot be imported.")

    def _levels_of(self, scale: StatusScale) -> list[StatusLevel]:
        return list(
            self.session.exec(
                select(StatusLevel).where(StatusLevel.scale_id == scale.id).order_by(col(StatusLevel.position))
            ).all()
        )

    def _status(self, item: DraftItem) -> tuple[int | None, str]:
        if not item.status_text:
            return None, ""
        level = _match_level(item.status_text, self.levels)
        if level is not None:
            return level.id, level.label
        location = item.location("status")
        header = location.header or "RAG"
        if self.scale is None:
            message = (
                f"status “{item.status_text}” matches no status scale; create the scale first, name it "
                f"with --scale, or leave the column out with --map '{header}=ignore'"
            )
        else:
            codes = ", ".join(level.code for level in self.levels)
            message = (
                f"status “{item.status_text}” is not on the scale “{self.scale.name}” ({codes}): correct the "
                f"cell, or leave the column out with --map '{header}=ignore'"
            )
        self.problems.append(location.problem(Severity.ERROR, message))
        return None, ""

    # -- recommendations -------------------------------------------------------------------------------
    def _load_recommendations(self) -> None:
        cited = any(item.recommendation_refs or item.all_recommendations for item in self.draft.walk())
        if self.source is None:
            if cited:
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

    def _recommendations(self, item: DraftItem) -> tuple[tuple[str, ...], tuple[int, ...]]:
        if self.source is None:
            return item.recommendation_refs, ()
        if item.all_recommendations:
            return tuple(self.recommendation_refs), tuple(self.recommendations.values())
        ids = []
        for ref in item.recommendation_refs:
            found = self.recommendations.get(ref.casefold())
            if found is None:
                self.problems.append(
                    item.location("recommendation_refs").problem(
                        Severity.WARNING,
                        f"recommendation {ref} is not one of the recommendations of “{self.source.title}”; "
                        f"it is kept in the text only",
                    )
                )
            elif found not in ids:
                ids.append(found)
        return item.recommendation_refs, tuple(ids)

    # -- leads -----------------------------------------------------------------------------------------
    def _leads(self, item: DraftItem) -> tuple[LeadPreview, ...]:
        return self.parties.read(item.lead_text, item.location("lead"), "lead") if item.lead_text else ()

    # -- nodes -----------------------------------------------------------------------------------------
    def _node(self, item: DraftItem) -> PreviewNode:
        level_id, level_label = self._status(item)
        refs, ids = self._recommendations(item)
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
            status_level_id=level_id,
            status_label=level_label,
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

    def write(self, board_id: int | None) -> int:
        preview = self.preview
        plan = Plan(name=preview.plan_name, board_id=board_id, progress_scale_id=preview.scale_id)
        self.session.add(plan)
        self.session.flush()
        plan_id = plan.id or 0
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
            progress_level_id=node.status_level_id,
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
        for recommendation_id in node.recommendation_ids:
            self.session.add(PlanItemRecommendation(plan_item_id=item_id, recommendation_id=recommendation_id))
            self.linked_recommendations.add(recommendation_id)
        if node.status_level_id is not None:
            self.session.add(
                PlanStatusChange(
                    plan_item_id=item_id,
                    scale_kind=ScaleKind.PROGRESS,
                    level_id=node.status_level_id,
                    changed_on=self.today,
                    changed_by=IMPORTED_BY,
                    reason=f"Imported from {self.preview.path.name} ({node.where}: “{node.status_text}”)",
                )
            )
        for child_position, child in enumerate(node.children):
            self._item(plan_id, item_id, child_position, child)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
