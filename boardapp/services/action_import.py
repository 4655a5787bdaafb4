"""Import an existing Excel action log onto a board: preview, then write all rows or none.

The GUI dialog and `boardapp import actions` use the same steps as the plan importer:

1. `preview_action_import(session, path, board=...)` reads the file (importing/actions.py) and
   matches it against the board: owners through `PartyDirectory` (so "Amanda Hatton" in the log is
   the Amanda Hatton of the minutes; people and roles nobody matches are listed as new), due cells
   against the board's meeting calendar, "raised" cells against its meetings, refs against the refs
   the board already uses. It returns an `ActionImportPreview`; nothing is written.
2. The clerk reads it, perhaps maps columns differently (`mapping_overrides`), and previews again.
3. `apply_action_import(session, preview)` writes every action in the caller's transaction, or
   refuses (ServiceError) when the preview has errors. It flushes as it goes; if anything fails
   part-way it raises ServiceError and the caller rolls back (Store.transaction() does), so the log
   is imported whole or not at all.

How a row becomes an action:

* **Due**: a date that is the date of one of the board's meetings (not cancelled) is due at that
  meeting; another date is due by that date. "September meeting" is the first September meeting
  after the action was raised (with no raised date: the board's only September meeting, else it is
  kept as a meeting not yet named, with a warning), "next meeting" the next one after it was raised,
  "a future meeting" stays so. Anything else is kept as written ("Ongoing").
* **Raised**: a date (or a month in which the board met once) that is a meeting of the board sets
  the meeting the action was raised at. Otherwise what the cell says is kept in the history entry
  ("Raised: 3 July 2017 (no meeting of the board that day)"), with a warning.
* **Refs** given in the file are kept; one the board already uses (or used twice in the file) is an
  error. Rows without a ref are numbered the way live minuting numbers actions: board prefix, date
  raised (the import date when unknown), running number ("IB-20170801-03").
* **History**: one `ActionUpdate` per action that has an update, a status other than Open, or a
  raised cell that matched no meeting; authored "Imported from FILE", dated the day of the import,
  with the status as a change from Open ("Open → Completed").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from boardapp.core.dates import month_name
from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, ActionOwner, ActionUpdate, Board, Meeting, ReviewSource
from boardapp.core.rules.action_lines import DuePhrase, resolve_due_meeting
from boardapp.core.rules.leads import PartyName
from boardapp.core.rules.refs import action_ref
from boardapp.importing.actions import (
    ACTION_FIELDS,
    ActionLogDraft,
    DraftAction,
    DueRead,
    build_action_log_draft,
    read_action_log,
)
from boardapp.importing.edits import RowEdit, apply_edits
from boardapp.importing.limits import Progress
from boardapp.importing.mapping import Override, TableMapping, parse_overrides
from boardapp.importing.problems import ImportFileError, Problem, Severity
from boardapp.importing.tables import read_tables
from boardapp.services.actions import ACTION_STATUS_LABELS, due_label, long_date
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound, ServiceError
from boardapp.services.parties import PartyDirectory
from boardapp.services.plan_import import (
    LeadPreview,
    MappingSummary,
    PartiesPreview,
    column_lines,
    find_board_id,
    problem_lines,
    sorted_problems,
    summarise_mappings,
)

__all__ = [
    "ActionImportPreview",
    "ActionPreview",
    "BoardChoice",
    "ImportChoices",
    "ImportFileError",
    "apply_action_import",
    "import_choices",
    "preview_action_import",
]


@dataclass(frozen=True, slots=True)  # slots: one per row of the log, 100,000 of them in a large one
class ActionPreview:
    """One action as it would be written."""

    table: str  # "Sheet 'Actions'"
    row: int
    ref: str  # as given, or as it would be numbered
    ref_given: bool
    text: str
    owner_text: str = ""
    owners: tuple[LeadPreview, ...] = ()
    due_kind: DueKind = DueKind.NONE
    due_meeting_id: int | None = None
    due_meeting_date: dt.date | None = None
    due_date: dt.date | None = None
    due_text: str = ""
    status: ActionStatus = ActionStatus.OPEN
    status_text: str = ""
    raised_meeting_id: int | None = None
    raised_on: dt.date | None = None  # the meeting's date, or the date the cell gives
    raised_text: str = ""
    update_note: str = ""  # the history entry's note; "" for none

    @property
    def where(self) -> str:
        """ "Sheet 'Actions' row 5"."""
        return f"{self.table} row {self.row}"

    @property
    def due_label(self) -> str:
        return due_label(self.due_kind, self.due_meeting_date, self.due_date, self.due_text)

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS[self.status]

    @property
    def has_history(self) -> bool:
        return bool(self.update_note) or self.status is not ActionStatus.OPEN


@dataclass(frozen=True)
class ActionImportPreview:
    path: Path
    file_kind: str  # "xlsx" / "docx"
    board_id: int
    board_name: str
    actions: tuple[ActionPreview, ...]
    problems: tuple[Problem, ...]
    mappings: tuple[MappingSummary, ...]
    table_mappings: tuple[TableMapping, ...]  # full detail, for a dialog that edits the mapping
    blank_rows: int = 0
    repeated_headers: int = 0
    headings: int = 0
    skipped_tables: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    new_people: tuple[str, ...] = ()
    new_roles: tuple[str, ...] = ()
    matched_owners: int = 0  # distinct existing people and roles named as owners
    overrides: tuple[Override, ...] = field(default=())
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def can_apply(self) -> bool:
        return not self.errors and bool(self.actions)

    def status_counts(self) -> dict[ActionStatus, int]:
        found = Counter(a.status for a in self.actions)
        return {status: found[status] for status in ActionStatus if found[status]}

    def counts_line(self) -> str:
        """ "7 actions (3 open, 2 in progress, 1 completed, 1 closed)"."""
        statuses = ", ".join(f"{n} {ACTION_STATUS_LABELS[s].lower()}" for s, n in self.status_counts().items())
        count = len(self.actions)
        return f"{count} action{'' if count == 1 else 's'}" + (f" ({statuses})" if statuses else "")

    def detail_lines(self) -> list[str]:
        """Owners, due points, raised meetings and refs in a line each: for the CLI and the dialog."""
        actions = self.actions
        owners = f"Owners: {self.matched_owners} existing people/roles matched"
        if self.new_people or self.new_roles:
            owners += f"; new people ({len(self.new_people)}): {', '.join(self.new_people) or 'none'}"
            owners += f"; new roles ({len(self.new_roles)}): {', '.join(self.new_roles) or 'none'}"
        unowned = sum(1 for a in actions if not a.owners)
        if unowned:
            owners += f"; {unowned} action(s) with no owner"
        kinds = Counter(a.due_kind for a in actions)
        at_meeting = sum(1 for a in actions if a.due_kind is DueKind.MEETING and a.due_meeting_id is not None)
        unnamed = kinds[DueKind.MEETING] - at_meeting
        as_text = sum(1 for a in actions if a.due_kind is DueKind.NONE and a.due_text)
        due = [
            f"{at_meeting} at a meeting of the board",
            f"{kinds[DueKind.DATE]} by a date",
        ]
        if unnamed:
            due.append(f"{unnamed} at a meeting not in the calendar")
        if kinds[DueKind.FUTURE_MEETING]:
            due.append(f"{kinds[DueKind.FUTURE_MEETING]} at a future meeting")
        due.append(f"{as_text} kept as written")
        due.append(f"{sum(1 for a in actions if a.due_kind is DueKind.NONE and not a.due_text)} none")
        raised = sum(1 for a in actions if a.raised_meeting_id is not None)
        unmatched = sum(1 for a in actions if a.raised_meeting_id is None and (a.raised_text or a.raised_on))
        given = sum(1 for a in actions if a.ref_given)
        numbered = [a.ref for a in actions if not a.ref_given]
        refs = f"Refs: {given} kept from the file, {len(numbered)} numbered"
        if numbered:
            refs += f" ({numbered[0]}{' …' if len(numbered) > 1 else ''})"
        return [
            owners,
            "Due: " + ", ".join(due),
            f"Raised: {raised} at a meeting of the board, {unmatched} not matched to a meeting (kept in the history)",
            refs,
            f"History: {sum(1 for a in actions if a.has_history)} action(s) get an entry “Imported from "
            f"{self.path.name}”",
        ]

    def summary_lines(self, max_problems: int = 20) -> list[str]:
        """The preview as text: what the CLI prints."""
        lines = [f"Action log {self.path.name} for “{self.board_name}”: {self.counts_line()}"]
        read = f"Read {len(self.table_mappings)} {'sheet' if self.file_kind == 'xlsx' else 'table'}(s) of actions"
        if self.blank_rows:
            read += f"; {self.blank_rows} blank row(s) skipped"
        if self.repeated_headers:
            read += f"; {self.repeated_headers} repeated header row(s) skipped"
        if self.headings:
            read += f"; {self.headings} heading row(s) skipped"
        lines.append(read + ".")
        if self.skipped_tables:
            lines.append("Not action sheets (left out): " + "; ".join(self.skipped_tables))
        lines.extend(column_lines(self.mappings))
        if self.actions:
            lines.extend(self.detail_lines())
        lines.extend(self.notes)
        lines.extend(problem_lines(self.problems, max_problems))
        return lines


# -- choices for a dialog ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BoardChoice:
    id: int
    name: str


@dataclass(frozen=True)
class ImportChoices:
    """What an import dialog offers: the boards, and the review sources a plan's refs can name."""

    boards: tuple[BoardChoice, ...]
    review_sources: tuple[str, ...]


def import_choices(session: Session) -> ImportChoices:
    boards = session.exec(select(Board).order_by(col(Board.name))).all()
    sources = session.exec(select(ReviewSource.title).order_by(col(ReviewSource.title))).all()
    return ImportChoices(
        boards=tuple(BoardChoice(b.id, b.name) for b in boards if b.id is not None),
        review_sources=tuple(sources),
    )


# -- preview ----------------------------------------------------------------------------------------------
def preview_action_import(
    session: Session,
    path: str | Path,
    *,
    board: str | int,
    mapping_overrides: Mapping[str, str] | Sequence[str] | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
    edits: Sequence[RowEdit] = (),
) -> ActionImportPreview:
    """What importing `path` onto `board` (its name, short name or id) would write; nothing is written.

    `progress(rows read, rows in all)` is called while the file is read; False cancels (ImportCancelled).

    `mapping_overrides`: {"HEADER": "field"} or ["HEADER=field"] (MappingError if unusable).
    Raises ImportFileError when the file cannot be read at all, NotFound for an unknown board
    (the message lists the boards).
    """
    overrides = parse_overrides(mapping_overrides or (), ACTION_FIELDS)
    board_row = _board(session, board)
    if edits:  # the clerk's fixes to the rows, made in the preview (importing/edits.py)
        draft = build_action_log_draft(apply_edits(read_tables(path, progress), edits), overrides)
    else:
        draft = read_action_log(path, overrides, progress)
    return _Resolver(session, draft, board_row, overrides, today or dt.date.today()).preview()


def _board(session: Session, board: str | int) -> Board:
    board_id = board if isinstance(board, int) else find_board_id(session, board)
    found = session.get(Board, board_id)
    if found is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    return found


@dataclass(frozen=True)
class _Calendar:
    """The board's meetings that were not cancelled: by date, in date order."""

    by_date: dict[dt.date, int]
    dates: tuple[dt.date, ...]

    @classmethod
    def of(cls, session: Session, board_id: int) -> _Calendar:
        rows = session.exec(
            select(col(Meeting.id), col(Meeting.date))
            .where(Meeting.board_id == board_id, Meeting.status != MeetingStatus.CANCELLED)
            .order_by(col(Meeting.date), col(Meeting.start_time))
        ).all()
        by_date: dict[dt.date, int] = {}
        for meeting_id, date in rows:
            if meeting_id is not None:
                by_date.setdefault(date, meeting_id)
        return cls(by_date, tuple(sorted(by_date)))

    def in_month(self, month: int, year: int | None) -> list[dt.date]:
        return [d for d in self.dates if d.month == month and (year is None or d.year == year)]


@dataclass(frozen=True)
class _Due:
    kind: DueKind = DueKind.NONE
    text: str = ""
    meeting_id: int | None = None
    meeting_date: dt.date | None = None
    date: dt.date | None = None


class _RefNumbers:
    """Numbers refs the way minuting does ("IB-20170801-03"), past every ref already taken."""

    def __init__(self, short_name: str, taken: Sequence[str]) -> None:
        self.short_name = short_name
        self.taken = {ref.casefold() for ref in taken}

    def next(self, raised_on: dt.date) -> str:
        prefix = action_ref(self.short_name, raised_on, 0)[:-2]
        numbers = [int(ref[len(prefix) :]) for ref in self.taken if ref.startswith(prefix.casefold())]
        numbers = [n for n in numbers if n >= 0]
        ref = action_ref(self.short_name, raised_on, max(numbers, default=0) + 1)
        self.taken.add(ref.casefold())
        return ref


def _board_refs(session: Session, board_id: int) -> list[str]:
    return list(session.exec(select(Action.ref).where(Action.board_id == board_id)).all())


class _Resolver:
    def __init__(
        self,
        session: Session,
        draft: ActionLogDraft,
        board: Board,
        overrides: tuple[Override, ...],
        today: dt.date,
    ) -> None:
        self.session = session
        self.draft = draft
        self.board = board
        self.board_id = board.id or 0
        self.overrides = overrides
        self.today = today
        self.problems: list[Problem] = list(draft.problems)
        self.notes: list[str] = []
        self.parties = PartiesPreview(session, self.problems)
        self.calendar = _Calendar.of(session, self.board_id)
        self.existing_refs = _board_refs(session, self.board_id)
        self.owners_read: dict[str, tuple[LeadPreview, ...]] = {}

    def preview(self) -> ActionImportPreview:
        draft = self.draft
        existing = {ref.casefold() for ref in self.existing_refs}
        given = [a.ref for a in draft.actions if a.ref]
        numbers = _RefNumbers(self.board.short_name, [*self.existing_refs, *given])
        actions = []
        for action in draft.actions:
            actions.append(self._action(action, existing, numbers))
        if not draft.actions and draft.mappings:
            self.problems.append(
                Problem(
                    Severity.ERROR, draft.path.name, "no actions were found under the header row: nothing to import"
                )
            )
        if draft.mappings and not any(m.column_of("status") is not None for m in draft.mappings):
            self.notes.append("There is no Status column: every action is imported as Open.")
        return ActionImportPreview(
            path=draft.path,
            file_kind=draft.file_kind,
            board_id=self.board_id,
            board_name=self.board.name,
            actions=tuple(actions),
            problems=tuple(self.problems),
            mappings=summarise_mappings(draft.mappings, ACTION_FIELDS),
            table_mappings=tuple(draft.mappings),
            blank_rows=draft.blank_rows,
            repeated_headers=draft.repeated_headers,
            headings=draft.headings,
            skipped_tables=tuple(draft.skipped_tables),
            notes=tuple(self.notes + draft.notes),
            new_people=tuple(c.name for c in self.parties.new_people),
            new_roles=tuple(c.name for c in self.parties.new_roles),
            matched_owners=len(self.parties.matched),
            overrides=self.overrides,
            today=self.today,
        )

    def _action(self, action: DraftAction, existing: set[str], numbers: _RefNumbers) -> ActionPreview:
        raised_meeting_id, raised_on, raised_note = self._raised(action)
        due = self._due(action, raised_on)
        if action.ref and action.ref.casefold() in existing:
            self.problems.append(
                action.location("ref").problem(
                    Severity.ERROR,
                    f"the ref “{action.ref}” is already used by an action of {self.board.name}: was this log "
                    f"imported before? Clear the ref to have it numbered, or change it",
                )
            )
        ref = action.ref or numbers.next(raised_on or self.today)
        note = "\n\n".join(part for part in (action.update, raised_note) if part)
        return ActionPreview(
            table=action.table,
            row=action.row,
            ref=ref,
            ref_given=bool(action.ref),
            text=action.text,
            owner_text=action.owner_text,
            owners=self._owners(action),
            status=action.status,
            status_text=action.status_text,
            raised_meeting_id=raised_meeting_id,
            raised_on=raised_on,
            raised_text=action.raised_text,
            update_note=note,
            due_kind=due.kind,
            due_meeting_id=due.meeting_id,
            due_meeting_date=due.meeting_date,
            due_date=due.date,
            due_text=due.text,
        )

    # -- raised ----------------------------------------------------------------------------------------
    def _raised(self, action: DraftAction) -> tuple[int | None, dt.date | None, str]:
        """(meeting id, date raised, note for the history when no meeting matched)."""
        read = action.raised
        if read is None:
            return None, None, ""
        location = action.location("raised")
        written = action.raised_text or action.raised_from_heading
        if read.date is not None and read.how in ("cell", "serial"):
            written = long_date(read.date)  # as the clerk reads it, not in the cell's number format
        board = self.board.name
        if read.date is not None:
            meeting_id = self.calendar.by_date.get(read.date)
            if meeting_id is not None:
                return meeting_id, read.date, ""
            if action.raised_from_heading:
                location = action.location("")
            self.problems.append(
                location.problem(
                    Severity.WARNING,
                    f"{board} has no meeting on {long_date(read.date)}, so the action is not linked to the meeting "
                    f"it was raised at; “{_short(written)}” is kept in its history",
                )
            )
            return None, read.date, f"Raised: {written} (no meeting of the board that day)"
        if read.month is not None:
            dates = self.calendar.in_month(read.month, read.year)
            if len(dates) == 1:
                return self.calendar.by_date[dates[0]], dates[0], ""
            why = (
                f"{board} met {len(dates)} times in that month"
                if dates
                else f"{board} has no meeting in that month in its calendar"
            )
        elif read.error:
            return None, None, f"Raised: {written}"  # the draft has warned that the date is impossible
        else:
            why = "it names no date"
        self.problems.append(
            location.problem(
                Severity.WARNING,
                f"“{_short(written)}” does not say which meeting raised the action ({why}); it is kept in the "
                f"action's history",
            )
        )
        return None, None, f"Raised: {written}"

    # -- due -------------------------------------------------------------------------------------------
    def _due(self, action: DraftAction, raised_on: dt.date | None) -> _Due:
        due = action.due
        if due is None:
            return _Due()
        text = " ".join(due.text.split())
        if due.kind is DueKind.DATE and due.date is not None:
            meeting_id = self.calendar.by_date.get(due.date) if due.exact_day else None
            if meeting_id is not None:
                return _Due(DueKind.MEETING, text, meeting_id=meeting_id, meeting_date=due.date)
            return _Due(DueKind.DATE, text, date=due.date)
        if due.kind is DueKind.MEETING:
            when = self._meeting_named(due.month, due.year, raised_on)
            if when is not None:
                return _Due(DueKind.MEETING, text, meeting_id=self.calendar.by_date[when], meeting_date=when)
            self.problems.append(action.location("due").problem(Severity.WARNING, self._unnamed(due, raised_on)))
            return _Due(DueKind.MEETING, text)
        return _Due(due.kind, text)

    def _meeting_named(self, month: int | None, year: int | None, raised_on: dt.date | None) -> dt.date | None:
        if raised_on is not None:
            return resolve_due_meeting(
                DuePhrase(DueKind.MEETING, "", month=month, year=year), raised_on, self.calendar.dates
            )
        if month is None:
            return None
        dates = self.calendar.in_month(month, year)
        return dates[0] if len(dates) == 1 else None

    def _unnamed(self, due: DueRead, raised_on: dt.date | None) -> str:
        board = self.board.name
        if due.month is None:
            why = (
                f"{board} has no meeting after {long_date(raised_on)} in its calendar"
                if raised_on is not None
                else "the row does not say when the action was raised, so the next meeting is unknown"
            )
        else:
            month = month_name(due.month) + (f" {due.year}" if due.year else "")
            if raised_on is not None:
                why = f"{board} has no {month} meeting after {long_date(raised_on)} in its calendar"
            elif self.calendar.in_month(due.month, due.year):
                why = f"{board} has several {month} meetings and the row does not say when the action was raised"
            else:
                why = f"{board} has no {month} meeting in its calendar"
        return (
            f"“{_short(due.text)}”: {why}; the action is due at a meeting not yet named. Choose the meeting after "
            f"the import, or add it to the calendar first"
        )

    # -- owners ----------------------------------------------------------------------------------------
    def _owners(self, action: DraftAction) -> tuple[LeadPreview, ...]:
        """The owners a cell names; a cell written alike before gives the same tuple (a log names the same
        few owners on thousands of rows, and each reading would otherwise be kept)."""
        if not action.owner_text:
            return ()
        known = self.owners_read.get(action.owner_text)
        if known is None:
            known = self.parties.read(action.owner_text, action.location("owners"), "owner")
            self.owners_read[action.owner_text] = known
        return known


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- apply ------------------------------------------------------------------------------------------------
def apply_action_import(
    session: Session, preview: ActionImportPreview, *, progress: Progress | None = None
) -> tuple[tuple[int, ...], Changes]:
    """Write the previewed actions in the caller's transaction; returns (action ids, what changed).

    `progress(actions written, actions in all)` is called every 1,000 actions; False cancels with a
    ServiceError, so the caller's transaction is rolled back and nothing is written.

    Refuses (ServiceError, nothing written) when the preview has errors, holds no actions, the board
    is gone, or a ref of the file has been used on the board since the preview. Numbered refs are
    numbered again against the board as it is now. A failure part-way raises ServiceError: roll the
    transaction back (Store.transaction() does) and none of the actions remain.
    """
    name = preview.path.name
    if preview.errors:
        shown = "\n".join(f"  {p.where}: {p.message}" for p in sorted_problems(preview.errors)[:5])
        more = f"\n  ... and {len(preview.errors) - 5} more" if len(preview.errors) > 5 else ""
        raise ServiceError(
            f"The action log was not imported: {len(preview.errors)} problem(s) in {name} must be fixed "
            f"first:\n{shown}{more}"
        )
    if not preview.actions:
        raise ServiceError(f"The action log was not imported: {name} holds no actions.")
    board = session.get(Board, preview.board_id)
    if board is None:
        raise NotFound(f"There is no board with id {preview.board_id}; it may have been deleted.")
    existing = _board_refs(session, preview.board_id)
    taken = {ref.casefold() for ref in existing}
    clashes = [a.ref for a in preview.actions if a.ref_given and a.ref.casefold() in taken]
    if clashes:
        raise ServiceError(
            f"The action log was not imported: {board.name} now has actions with the refs "
            f"{', '.join(clashes[:5])}{' …' if len(clashes) > 5 else ''}. Preview the file again."
        )
    numbers = _RefNumbers(board.short_name, [*existing, *(a.ref for a in preview.actions if a.ref_given)])
    directory = PartyDirectory(session)
    created_parties = False
    author = f"Imported from {name}"
    ids: list[int] = []
    try:
        for position, item in enumerate(preview.actions):
            if progress is not None and position % 1000 == 0 and not progress(position, len(preview.actions)):
                raise ServiceError(f"The import of {name} was cancelled; nothing was written.")
            action = Action(
                board_id=preview.board_id,
                ref=item.ref if item.ref_given else numbers.next(item.raised_on or preview.today),
                text=item.text,
                raised_meeting_id=item.raised_meeting_id,
                position=position,
                due_kind=item.due_kind,
                due_meeting_id=item.due_meeting_id,
                due_date=item.due_date,
                due_text=item.due_text,
                status=item.status,
            )
            session.add(action)
            session.flush()
            action_id = action.id or 0
            for order, owner in enumerate(item.owners):
                party = PartyName(owner.text, is_role=owner.is_role)
                if directory.find(party.text, prefer_role=party.is_role) is None:
                    created_parties = True
                ref = directory.resolve(party)
                session.add(
                    ActionOwner(action_id=action_id, person_id=ref.person_id, role_id=ref.role_id, position=order)
                )
            if item.has_history:
                changed = item.status is not ActionStatus.OPEN
                session.add(
                    ActionUpdate(
                        action_id=action_id,
                        recorded_on=preview.today,
                        status_from=ActionStatus.OPEN if changed else None,
                        status_to=item.status if changed else None,
                        note=item.update_note,
                        author=author,
                    )
                )
            session.flush()
            ids.append(action_id)
        if progress is not None and not progress(len(ids), len(ids)):
            raise ServiceError(f"The import of {name} was cancelled; nothing was written.")
    except SQLAlchemyError as exc:
        raise ServiceError(
            f"The action log could not be written ({_first_line(exc)}); the import was abandoned and none of its "
            f"actions are kept."
        ) from exc
    return tuple(ids), Changes(actions=frozenset(ids), people=created_parties)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
