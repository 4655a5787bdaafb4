"""Turn the sheets of an Excel (or Word) action log into draft actions, with a problem for each doubt.

Pure: no database. The service (services/action_import.py) matches owners, meetings and refs
against the board and writes the actions. What is read, and the choices made:

* **Tables**: every sheet (or Word table) whose header row names the action text; sheets with no
  such column ("Instructions", a list of statuses) are left out and named in the preview.
  Columns are recognised by `ACTION_FIELDS` (Ref, Action/Description, Owner/Responsible/Lead/By
  who, Due/Target date/By when, Status, Meeting/Date raised, Update/Comments/Progress), or as the
  clerk maps them (`HEADER=field`).
* **Rows**: a blank row is skipped (one warning per run of blank rows); a repeated header row is
  skipped; a row written across the whole table (or a lone title in the first column, such as
  "Actions from the 1 August 2017 meeting") is a heading, not an action, and when it holds a date
  the rows below it with no "raised" cell of their own are taken as raised on that date. A row
  with an owner, due, status or update but no action text is an error; a row with only a ref
  (a numbered but unused row of a template) is skipped with a warning.
* **Merged cells**: the action text merged down over rows that have their own details is an error
  (each action needs its own row); merged down over empty rows, those rows are part of it. Other
  cells merged down give their text to every row they cover (a warning says so), except the ref,
  which only the first row keeps. A cell merged across columns is read for its own column only.
* **Dates**: a real date cell is taken as it is; a date typed as text ("01/08/2017", read day
  first; "1 Aug 2017") is read with a warning; an impossible one ("31/09/2017") is kept as text
  with a warning. A number where a date should be (Excel's serial day number shown as a number)
  is read as that day, with a warning.
* **Due** cells are read as: a date; a meeting by month ("September meeting", "Sept Board", "for
  the September 2017 meeting"), the next meeting, or "a future meeting"; a month or term that
  `parse_due_text` can date ("September 2017": the month's last day); otherwise the text is kept
  as written ("Ongoing", "ASAP"). The service decides whether a date is a meeting of the board.
* **Statuses** (`read_status`): the words clerks write, matched at the start of the cell so
  "Complete – report received" reads as Completed:
  Open / Not started / New / Outstanding / Overdue / Delayed / Carried forward → Open;
  In progress / Ongoing / Underway / Started / On track / Partially complete → In progress;
  Complete(d) / Done / Achieved / Actioned / Resolved → Completed (reported done: the action stays
  on the log until the board agrees to close it);
  Closed / Agreed to close / Signed off → Closed; Cancelled / Withdrawn / Superseded / No longer
  required → Cancelled; On hold / Deferred / Paused → Open, with a warning (there is no such status).
  RAG colours are not statuses, so they are read conservatively, with a warning once per colour and
  sheet: Red → Open, Amber/Yellow → In progress, Green → In progress (on track: some logs mean done,
  so nothing is closed on a colour alone), Blue → Completed; the single letters R/A/G/B alike.
  Blank → Open. Anything else is an error naming the cell.
* Every cell that is imported is checked with `cell_problems`: formulas (an error when no saved
  result is known), Excel error values, removed control characters, very long cells.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from boardapp.core.dates import long_date
from boardapp.core.enums import ActionStatus, DueKind, PlanDueKind
from boardapp.core.rules.due_text import (
    DASHED_DMY_RE,
    DAY_MONTH_YEAR_RE,
    ISO_RE,
    MONTH_DAY_YEAR_RE,
    MONTH_RE,
    MONTH_YEAR_RE,
    NUMERIC_DMY_RE,
    make_date,
    month_number,
    parse_due_text,
)
from boardapp.importing.limits import Progress
from boardapp.importing.mapping import (
    ACTION_LOG_FIELDS,
    FieldPlaces,
    FieldSpec,
    Override,
    TableMapping,
    map_table,
    unused_override_problems,
)
from boardapp.importing.problems import Location, Problem, Severity
from boardapp.importing.tables import MergeArea, RawCell, RawDocument, RawRow, RawTable, cell_problems, read_tables

__all__ = [
    "ACTION_FIELDS",
    "KEY_FIELD",
    "MAX_REF_LENGTH",
    "ActionLogDraft",
    "DateRead",
    "DraftAction",
    "DueRead",
    "StatusRead",
    "build_action_log_draft",
    "read_action_log",
    "read_date",
    "read_due",
    "read_status",
]

KEY_FIELD = "text"
MAX_REF_LENGTH = 40  # "IB-20170801-03" is 14; a longer "ref" is text in the wrong column
DETAIL_FIELDS = ("owners", "due", "status", "raised", "update")

# Headers councils use that ACTION_LOG_FIELDS (shared with the plan importer in mapping.py) lacks.
_MORE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("Action Number", "Ref No.", "Reference", "Item No"),
    "text": ("Action Point", "Action Points", "Agreed Action", "Actions Agreed", "Action Agreed", "Detail"),
    "owners": (
        "Lead Officer",
        "Responsible Officer",
        "Officer",
        "Assigned To",
        "Person Responsible",
        "Responsibility",
        "Lead Person",
    ),
    "due": ("Target", "Timescale", "Due By", "Completion Date", "Target Completion Date", "Deadline Date", "Due When"),
    "status": ("Current Status", "Action Status", "Progress Status", "RAG Rating", "Open / Closed"),
    "raised": ("Date Added", "Date Opened", "Raised On", "Meeting Raised", "Date of Board", "Source Meeting"),
    "update": (
        "Progress Notes",
        "Update / Comments",
        "Comments / Update",
        "Current Position",
        "Commentary",
        "Response",
        "Progress Update",
        "Update since last meeting",
    ),
}
ACTION_FIELDS: tuple[FieldSpec, ...] = tuple(
    replace(spec, synonyms=spec.synonyms + _MORE_SYNONYMS.get(spec.name, ())) for spec in ACTION_LOG_FIELDS
)
LABELS = {spec.name: spec.label for spec in ACTION_FIELDS}
_FIELD_WORDS = {"owners": "owner", "due": "due", "status": "status", "raised": "raised", "update": "update"}


# -- dates ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)  # slots: one per cell read
class DateRead:
    """A day read from a cell: from a real date cell, typed as text, or a number Excel shows as one."""

    date: dt.date | None
    how: str  # "cell" (a real date), "text" (typed), "serial" (a number), "" (no day found)
    error: str = ""  # an impossible date, in words ("31 September does not exist")
    month: int | None = None  # a month named without a day ("August 2017", "August meeting")
    year: int | None = None


_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_FULL_DATES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (ISO_RE, NUMERIC_DMY_RE, DASHED_DMY_RE, DAY_MONTH_YEAR_RE, MONTH_DAY_YEAR_RE)
)
_MONTH_YEAR = re.compile(MONTH_YEAR_RE, re.IGNORECASE)
_MONTH_ALONE = re.compile(rf"\b(?P<month>{MONTH_RE})", re.IGNORECASE)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(25_000, 75_000)  # 1968 – 2105: a plausible day, not a ref or a count


def _full_date(match: re.Match[str]) -> tuple[dt.date | None, str]:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
    year = int(groups["year"])
    if len(groups["year"]) == 2:
        year += 2000
    return make_date(int(groups["day"]), month, year)


def read_date(cell: RawCell | None, text: str | None = None, *, whole: bool = True) -> DateRead:
    """The day a cell names. `whole`: the cell must be only a date (a due cell); otherwise a date
    anywhere in it counts ("Board 1 Aug 2017" in a raised cell). `text` overrides the cell's text
    (a value merged down from above)."""
    value = cell.original_value if cell is not None else None
    if cell is not None and text is None:
        if cell.is_date and isinstance(value, dt.datetime):
            return DateRead(value.date(), "cell")
        if cell.is_date and isinstance(value, dt.date):
            return DateRead(value, "cell")
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and float(value).is_integer()
            and int(value) in _SERIALS
        ):
            return DateRead(_EXCEL_EPOCH + dt.timedelta(days=int(value)), "serial")
    written = " ".join((text if text is not None else cell.text if cell is not None else "").split())
    if not written:
        return DateRead(None, "")
    for pattern in _FULL_DATES:
        match = pattern.fullmatch(_strip_date_words(written)) if whole else pattern.search(written)
        if match is not None:
            day, error = _full_date(match)
            return DateRead(day, "text" if day else "", error=error)
    month = _MONTH_YEAR.search(written)
    if month is not None:
        return DateRead(None, "", month=month_number(month.group("month")), year=int(month.group("year")))
    alone = _MONTH_ALONE.search(written)
    if alone is not None and not whole:
        return DateRead(None, "", month=month_number(alone.group("month")))
    return DateRead(None, "")


def _strip_date_words(text: str) -> str:
    """ "by Tuesday 1 August 2017." → "1 August 2017"."""
    text = re.sub(r"^(?:by|before|on|due|no\s+later\s+than)\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(rf"^{_WEEKDAY}", "", text, flags=re.IGNORECASE)
    return text.rstrip(" .")


# -- due --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)  # slots: one per cell read
class DueRead:
    """What a due cell says, before the board's calendar is consulted.

    kind DATE with `exact_day`: a whole date, which the service makes a meeting when the board
    meets that day. MEETING: a meeting by month (`month`, maybe `year`) or, with no month, the
    next meeting after the action was raised. NONE with text: kept as written.
    """

    text: str  # the cell as written (shown dates as the cell shows them)
    kind: DueKind
    date: dt.date | None = None
    exact_day: bool = False
    month: int | None = None
    year: int | None = None
    note: str = ""  # how an approximate date was reached ("approximate: end of September 2017")
    how: str = ""  # DateRead.how for a whole date
    error: str = ""  # an impossible date


_MEETING_WORDS = r"(?:meeting|mtg|board|committee|session)"
_MONTH_MEETING = re.compile(
    rf"^(?:(?:for|at|to|by|in|until)\s+)?(?:the\s+)?(?:next\s+)?(?P<month>{MONTH_RE})(?:\s+(?P<year>\d{{4}}))?"
    rf"\s+(?:[A-Za-z&'’-]+\s+){{0,3}}?{_MEETING_WORDS}\.?$",
    re.IGNORECASE,
)
_NEXT_MEETING = re.compile(
    rf"^(?:(?:for|at|to|by|until)\s+)?(?:the\s+)?next\s+(?:[A-Za-z&'’-]+\s+){{0,2}}?{_MEETING_WORDS}\.?$",
    re.IGNORECASE,
)
_FUTURE_MEETING = re.compile(
    rf"^(?:(?:for|at|to|by)\s+)?(?:a\s+)?(?:future|later|subsequent)\s+(?:[A-Za-z&'’-]+\s+){{0,2}}?"
    rf"{_MEETING_WORDS}\.?$",
    re.IGNORECASE,
)


def read_due(cell: RawCell | None, text: str | None = None) -> DueRead | None:
    """The due point a cell names; None when the cell is blank."""
    written = text if text is not None else cell.text if cell is not None else ""
    if not written.strip():
        return None
    day = read_date(cell, text)
    if day.date is not None:
        return DueRead(written, DueKind.DATE, day.date, exact_day=True, how=day.how)
    if day.error:
        return DueRead(written, DueKind.NONE, error=day.error)
    clean = " ".join(written.split())
    meeting = _MONTH_MEETING.match(clean)
    if meeting is not None:
        year = int(meeting.group("year")) if meeting.group("year") else None
        return DueRead(written, DueKind.MEETING, month=month_number(meeting.group("month")), year=year)
    if _NEXT_MEETING.match(clean):
        return DueRead(written, DueKind.MEETING)
    if _FUTURE_MEETING.match(clean):
        return DueRead(written, DueKind.FUTURE_MEETING)
    parsed = parse_due_text(clean)
    if parsed.kind is PlanDueKind.DATE and parsed.date is not None:
        return DueRead(written, DueKind.DATE, parsed.date, note=parsed.note)
    if parsed.kind is PlanDueKind.INVALID:
        return DueRead(written, DueKind.NONE, error=parsed.note)
    return DueRead(written, DueKind.NONE, note=parsed.note)


# -- status -----------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)  # slots: one per cell read
class StatusRead:
    status: ActionStatus | None  # None: not a status BoardApp knows (an error)
    note: str = ""  # why a warning is due: a colour, or a word with no exact equivalent
    colour: str = ""  # "Green" when a RAG colour was read


_OPEN, _PROGRESS, _DONE = ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED
_CLOSED, _CANCELLED = ActionStatus.CLOSED, ActionStatus.CANCELLED
_STATUS_WORDS: dict[str, ActionStatus] = {
    **dict.fromkeys(
        (
            "open",
            "opened",
            "not started",
            "not yet started",
            "new",
            "outstanding",
            "to do",
            "todo",
            "pending",
            "overdue",
            "late",
            "delayed",
            "behind",
            "behind schedule",
            "incomplete",
            "not complete",
            "not completed",
            "carried forward",
            "c f",
            "live",
            "active",
            "awaiting",
            "awaiting update",
            "re opened",
            "reopened",
        ),
        _OPEN,
    ),
    **dict.fromkeys(
        (
            "in progress",
            "progress",
            "ongoing",
            "on going",
            "underway",
            "under way",
            "started",
            "progressing",
            "on track",
            "in hand",
            "partially complete",
            "partially completed",
            "partly complete",
            "part complete",
            "wip",
            "work in progress",
        ),
        _PROGRESS,
    ),
    **dict.fromkeys(
        (
            "complete",
            "completed",
            "done",
            "achieved",
            "finished",
            "actioned",
            "resolved",
            "delivered",
            "met",
        ),
        _DONE,
    ),
    **dict.fromkeys(("closed", "close", "agreed to close", "signed off", "discharged"), _CLOSED),
    **dict.fromkeys(
        (
            "cancelled",
            "canceled",
            "withdrawn",
            "superseded",
            "no longer required",
            "not required",
            "no longer needed",
            "deleted",
            "dropped",
            "abandoned",
            "removed",
        ),
        _CANCELLED,
    ),
}
_HELD_WORDS = ("on hold", "deferred", "paused", "parked", "suspended")
_COLOURS: dict[str, tuple[str, ActionStatus, str]] = {
    "red": ("Red", _OPEN, "Open"),
    "r": ("Red", _OPEN, "Open"),
    "amber": ("Amber", _PROGRESS, "In progress"),
    "a": ("Amber", _PROGRESS, "In progress"),
    "yellow": ("Yellow", _PROGRESS, "In progress"),
    "y": ("Yellow", _PROGRESS, "In progress"),
    "green": ("Green", _PROGRESS, "In progress (on track)"),
    "g": ("Green", _PROGRESS, "In progress (on track)"),
    "blue": ("Blue", _DONE, "Completed"),
    "b": ("Blue", _DONE, "Completed"),
}


def _status_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def read_status(text: str) -> StatusRead:
    """The ActionStatus a status cell means (see the module docstring); Open for a blank cell."""
    key = _status_key(text)
    if not key:
        return StatusRead(_OPEN)
    words = key.split()
    if words[0] in _COLOURS:
        colour, status, label = _COLOURS[words[0]]
        rest = _starts_with_status(" ".join(words[1:])) if len(words) > 1 else None
        if rest is not None and len(words[0]) > 1:
            return StatusRead(rest)  # "Green - Complete": the words say more than the colour
        if len(words) == 1 or len(words[0]) > 1:
            return StatusRead(status, note=f"read as {label}", colour=colour)
    for phrase in _HELD_WORDS:
        if key == phrase or key.startswith(phrase + " "):
            return StatusRead(_OPEN, note=f"BoardApp has no “{text.strip()}” status; read as Open")
    found = _starts_with_status(key)
    return StatusRead(found) if found is not None else StatusRead(None)


def _starts_with_status(key: str) -> ActionStatus | None:
    best: tuple[int, ActionStatus] | None = None
    for phrase, status in _STATUS_WORDS.items():
        if (key == phrase or key.startswith(phrase + " ")) and (best is None or len(phrase) > best[0]):
            best = (len(phrase), status)
    return best[1] if best is not None else None


# -- the draft --------------------------------------------------------------------------------------------
@dataclass(slots=True)  # slots: one per row, 100,000 of them in a large log
class DraftAction:
    """One row of the log as read, before anything is matched against the board."""

    table: str  # "Sheet 'Actions'"
    row: int
    text: str
    ref: str = ""
    owner_text: str = ""
    due: DueRead | None = None
    status: ActionStatus = ActionStatus.OPEN
    status_text: str = ""
    raised_text: str = ""
    raised: DateRead | None = None
    raised_from_heading: str = ""  # the heading row the raised date came from
    update: str = ""
    places: FieldPlaces | None = None  # the table's columns, shared by its rows

    @property
    def where(self) -> str:
        """ "Sheet 'Actions' row 5"."""
        return self.location("").where

    def location(self, name: str) -> Location:
        """The cell a field was read from, or the row when it has none (made when asked: see FieldPlaces)."""
        if self.places is None:
            return Location(self.table, self.row)
        return self.places.location(self.row, name)


@dataclass
class ActionLogDraft:
    path: Path
    file_kind: str  # "xlsx" / "docx"
    actions: list[DraftAction]
    problems: list[Problem]
    mappings: list[TableMapping]
    skipped_tables: list[str]
    blank_rows: int = 0
    repeated_headers: int = 0
    headings: int = 0
    notes: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[DraftAction]:
        return iter(self.actions)


def read_action_log(
    path: str | Path, overrides: Sequence[Override] = (), progress: Progress | None = None
) -> ActionLogDraft:
    """Read a .xlsx (or .docx) action log; ImportFileError if the file cannot be read at all.

    `progress(rows read, rows in all)` may return False to cancel (ImportCancelled; see tables.read_tables).
    """
    return build_action_log_draft(read_tables(path, progress), overrides)


def build_action_log_draft(document: RawDocument, overrides: Sequence[Override] = ()) -> ActionLogDraft:
    return _Builder(document, tuple(overrides)).build()


class _Builder:
    def __init__(self, document: RawDocument, overrides: tuple[Override, ...]) -> None:
        self.document = document
        self.overrides = overrides
        self.actions: list[DraftAction] = []
        self.problems: list[Problem] = []
        self.mappings: list[TableMapping] = []
        self.skipped: list[str] = []
        self.blank_rows = 0
        self.repeated_headers = 0
        self.headings = 0
        self.refs_seen: dict[str, DraftAction] = {}  # casefolded ref → the action that has it

    def build(self) -> ActionLogDraft:
        for table in self.document.tables:
            mapping = map_table(table, ACTION_FIELDS, self.overrides, key_field=KEY_FIELD)
            if mapping is None:
                self.skipped.append(f"{table.name} (no Action column{_headers_seen(table)})")
            else:
                self.mappings.append(mapping)
        self.problems.extend(unused_override_problems(self.overrides, self.mappings))
        if not self.mappings:
            seen = "; ".join(self.skipped[:6])
            self.problems.append(
                Problem(
                    Severity.ERROR,
                    self.document.path.name,
                    f"no sheet has a column of actions ({seen}). Name the column that holds the actions "
                    f"with --map 'HEADER=action' (or choose “Action” for it in the column list).",
                )
            )
        for mapping in self.mappings:
            self._read_rows(mapping)
            self.problems.extend(mapping.dropped_column_problems())
        return ActionLogDraft(
            path=self.document.path,
            file_kind=self.document.kind,
            actions=self.actions,
            problems=self.problems,
            mappings=self.mappings,
            skipped_tables=self.skipped,
            blank_rows=self.blank_rows,
            repeated_headers=self.repeated_headers,
            headings=self.headings,
            notes=list(self.document.notes),
        )

    # -- rows ------------------------------------------------------------------------------------------
    def _read_rows(self, mapping: TableMapping) -> None:
        table = mapping.table
        header = table.header_row
        header_texts = [c.text for c in header.cells] if header is not None else []
        merged_text: dict[MergeArea, str] = {}
        reported: set[MergeArea] = set()
        colours: dict[str, list[DraftAction]] = {}
        heading_date: tuple[dt.date, str] | None = None
        blank_run: list[int] = []
        for row in table.data_rows:
            for cell in row.cells:
                if cell.is_merge_anchor and cell.merge is not None:
                    merged_text[cell.merge] = cell.text
            if row.is_blank:
                if not any(c.merge is not None and merged_text.get(c.merge) for c in row.cells):
                    blank_run.append(row.row_number)
                continue  # else the lower part of a tall row: a cell above is merged down over it
            self._blank_rows(table, blank_run)
            blank_run = []
            if [c.text for c in row.cells] == header_texts:
                self.repeated_headers += 1
                continue
            heading = self._heading(mapping, row)
            if heading is not None:
                self.headings += 1
                day = read_date(None, heading.text, whole=False)
                heading_date = (day.date, heading.text) if day.date is not None else None
                after = (
                    f"; the rows below it with no date raised of their own are taken as raised on {_long(day.date)}"
                    if day.date is not None
                    else ""
                )
                self.problems.append(
                    table.problem(
                        Severity.WARNING,
                        f"“{_short(heading.text)}” is read as a heading, not an action{after}",
                        row.row_number,
                        heading.column,
                    )
                )
                continue
            values: dict[str, str] = {}
            skip = False
            for name, column in mapping.field_columns.items():
                value = self._value(mapping, row, row.cells[column], name, merged_text, reported)
                if value is None:
                    skip = True
                    break
                values[name] = value
            if skip:
                continue
            action = self._row(mapping, row, values, heading_date)
            if action is not None and action.status_text:
                found = read_status(action.status_text)
                if found.colour:
                    colours.setdefault(f"{found.colour}\n{found.note}", []).append(action)
        self._blank_rows(table, blank_run, trailing=True)
        for key, actions in colours.items():
            colour, note = key.split("\n")
            first = actions[0]
            others = f" (and {len(actions) - 1} more row(s) of this sheet)" if len(actions) > 1 else ""
            self.problems.append(
                first.location("status").problem(
                    Severity.WARNING,
                    f"“{first.status_text}” is a RAG colour, not a status: {colour} is {note}{others}. Write the "
                    f"status in words (Open, In progress, Complete, Closed) where it means something else",
                )
            )

    def _blank_rows(self, table: RawTable, rows: list[int], *, trailing: bool = False) -> None:
        if not rows:
            return
        self.blank_rows += len(rows)
        if trailing:
            return  # blank rows below the last action are the end of the sheet, not a gap in it
        what = (
            f"row {rows[0]} is blank and was skipped"
            if len(rows) == 1
            else f"rows {rows[0]}–{rows[-1]} are blank and were skipped"
        )
        self.problems.append(table.problem(Severity.WARNING, f"{what}; the rows below are read as usual", rows[0]))

    def _heading(self, mapping: TableMapping, row: RawRow) -> RawCell | None:
        """A title row: one cell written across the table, or a lone title in the first column."""
        anchors = [c for c in row.cells if not c.is_blank and not c.is_merged_continuation]
        if len(anchors) != 1:
            return None
        cell = anchors[0]
        if cell.spans_row:
            return cell
        text_column = mapping.column_of(KEY_FIELD)
        if cell.column == 0 and text_column != 0 and len(cell.text.split()) >= 3 and "\n" not in cell.text:
            return cell  # "Actions from the 1 August 2017 meeting" typed in the ref column
        return None

    def _value(
        self,
        mapping: TableMapping,
        row: RawRow,
        cell: RawCell,
        name: str,
        merged_text: dict[MergeArea, str],
        reported: set[MergeArea],
    ) -> str | None:
        """The cell's text for this row, following a merge down from the row above where that means it.

        None: the row only continues cells merged down from above; it is not an action of its own.
        """
        merge = cell.merge
        if not cell.is_merged_continuation or merge is None or merge.first_column != cell.column:
            return cell.text
        text = merged_text.get(merge, "")
        if not text:
            return ""
        own = [c for c in row.cells if not c.is_blank and not c.is_merged_continuation]
        if not own:
            return None  # the lower part of a tall row
        table = mapping.table
        header = mapping.header_of(name)
        if merge in reported:
            return "" if name == "ref" else text
        reported.add(merge)
        if name == KEY_FIELD:
            self.problems.append(
                table.problem(
                    Severity.ERROR,
                    f"the Action cell is merged over rows {merge.first_row}–{merge.last_row} ({merge.describe()}), "
                    f"but those rows have their own details: unmerge it and give each action its own row",
                    row.row_number,
                    cell.column,
                    header,
                )
            )
            return text
        if name == "ref":
            self.problems.append(
                table.problem(
                    Severity.WARNING,
                    f"the Ref cell is merged over rows {merge.first_row}–{merge.last_row} ({merge.describe()}); "
                    f"only row {merge.first_row} keeps the ref “{_short(text)}”, the rows below get new refs",
                    merge.first_row,
                    cell.column,
                    header,
                )
            )
            return ""
        self.problems.append(
            table.problem(
                Severity.WARNING,
                f"the cell is merged over rows {merge.first_row}–{merge.last_row} ({merge.describe()}); "
                f"“{_short(text)}” was imported for each of those rows",
                merge.first_row,
                cell.column,
                header,
            )
        )
        return text

    def _row(
        self,
        mapping: TableMapping,
        row: RawRow,
        values: dict[str, str],
        heading_date: tuple[dt.date, str] | None,
    ) -> DraftAction | None:
        table = mapping.table
        anchors = [c for c in row.cells if not c.is_blank and not c.is_merged_continuation]
        self._cell_problems(mapping, row)
        self._horizontal_merges(mapping, row, anchors)
        text = values.get(KEY_FIELD, "")
        text_cell = mapping.cell(row, KEY_FIELD)
        if not text and text_cell is not None and text_cell.is_formula and text_cell.original_value is None:
            text = text_cell.formula  # unknown until Excel saves a result: an error above; shown as the formula
        ref = values.get("ref", "")
        details = {name: values[name] for name in DETAIL_FIELDS if values.get(name)}
        if not text:
            self._row_without_text(mapping, row, ref, details)
            return None
        action = DraftAction(table=table.name, row=row.row_number, text=text, ref=ref, places=mapping.places)
        self._ref(mapping, row, action)
        action.owner_text = values.get("owners", "")
        action.update = values.get("update", "")
        self._status(mapping, row, action, values.get("status", ""))
        self._due(mapping, row, action, values.get("due", ""))
        self._raised(mapping, row, action, values.get("raised", ""), heading_date)
        self.actions.append(action)
        return action

    def _row_without_text(self, mapping: TableMapping, row: RawRow, ref: str, details: dict[str, str]) -> None:
        table = mapping.table
        column = mapping.column_of(KEY_FIELD)
        header = mapping.header_of(KEY_FIELD)
        if not details and ref:
            self.problems.append(
                table.problem(
                    Severity.WARNING,
                    f"the row has the ref “{_short(ref)}” but nothing else; it was skipped",
                    row.row_number,
                    column,
                    header,
                )
            )
            return
        if not details:
            return  # only columns nobody imports have text: reported once per column
        found = [f"{_FIELD_WORDS[name]} “{_short(text)}”" for name, text in details.items()]
        if ref:
            found.insert(0, f"ref “{_short(ref)}”")
        self.problems.append(
            table.problem(
                Severity.ERROR,
                f"this row has {', '.join(found)} but no action text: type the action in, or delete the row",
                row.row_number,
                column,
                header,
            )
        )

    def _cell_problems(self, mapping: TableMapping, row: RawRow) -> None:
        headers = {c.column: c.header for c in mapping.columns}
        for column in mapping.field_columns.values():
            cell = row.cells[column] if column < len(row.cells) else None
            if cell is not None and not cell.is_merged_continuation:
                self.problems.extend(cell_problems(mapping.table, row, cell, headers.get(column, "")))

    def _horizontal_merges(self, mapping: TableMapping, row: RawRow, anchors: Sequence[RawCell]) -> None:
        """A cell merged across columns: its text goes to its own column only."""
        fields = {column: name for name, column in mapping.field_columns.items()}
        for cell in anchors:
            merge = cell.merge
            if merge is None or not merge.is_horizontal or merge.first_row != row.row_number:
                continue
            covered = [LABELS[fields[c]] for c in range(merge.first_column + 1, merge.last_column + 1) if c in fields]
            if cell.column in fields and covered:
                self.problems.append(
                    mapping.table.problem(
                        Severity.WARNING,
                        f"the cell is merged across columns ({merge.describe()}); its text was read as "
                        f"{LABELS[fields[cell.column]]} only, and {', '.join(covered)} as empty",
                        row.row_number,
                        cell.column,
                        mapping.header_of(fields[cell.column]),
                    )
                )

    # -- fields ----------------------------------------------------------------------------------------
    def _ref(self, mapping: TableMapping, row: RawRow, action: DraftAction) -> None:
        ref = " ".join(action.ref.split())
        action.ref = ref
        if not ref:
            return
        location = action.location("ref")
        if len(ref) > MAX_REF_LENGTH:
            self.problems.append(
                location.problem(
                    Severity.ERROR,
                    f"“{_short(ref)}” is too long for a ref ({len(ref):,} characters): is this the right column? "
                    f"Map it differently, or shorten the ref",
                )
            )
            return
        key = ref.casefold()
        if key in self.refs_seen:
            first = self.refs_seen[key].location("ref").where
            self.problems.append(
                location.problem(
                    Severity.ERROR,
                    f"the ref “{ref}” is used twice (also at {first}): give each action its own ref, "
                    f"or clear one to have it numbered",
                )
            )
        else:
            self.refs_seen[key] = action

    def _status(self, mapping: TableMapping, row: RawRow, action: DraftAction, text: str) -> None:
        action.status_text = text
        found = read_status(text)
        if found.status is not None:
            action.status = found.status
            if found.note and not found.colour:
                self.problems.append(action.location("status").problem(Severity.WARNING, found.note))
            return
        header = mapping.header_of("status") or "Status"
        self.problems.append(
            action.location("status").problem(
                Severity.ERROR,
                f"“{_short(text)}” is not a status BoardApp knows: write Open, In progress, Complete, Closed or "
                f"Cancelled, or leave the column out with --map '{header}=ignore'",
            )
        )

    def _due(self, mapping: TableMapping, row: RawRow, action: DraftAction, text: str) -> None:
        cell = mapping.cell(row, "due")
        own = cell is not None and not cell.is_merged_continuation
        due = read_due(cell if own else None, None if own else text)
        action.due = due
        if due is None:
            return
        location = action.location("due")
        if due.error:
            self.problems.append(
                location.problem(
                    Severity.WARNING,
                    f"“{_short(due.text)}” is not a real date ({due.error}); it is kept as written, with no date to "
                    f"chase by",
                )
            )
        elif due.how == "text":
            self.problems.append(location.problem(Severity.WARNING, _typed_date(due.text, due.date)))
        elif due.how == "serial":
            self.problems.append(location.problem(Severity.WARNING, _serial_date(due.text, due.date)))

    def _raised(
        self,
        mapping: TableMapping,
        row: RawRow,
        action: DraftAction,
        text: str,
        heading_date: tuple[dt.date, str] | None,
    ) -> None:
        action.raised_text = text
        if not text:
            if heading_date is not None:
                action.raised = DateRead(heading_date[0], "heading")
                action.raised_from_heading = heading_date[1]
            return
        cell = mapping.cell(row, "raised")
        own = cell is not None and not cell.is_merged_continuation
        day = read_date(cell if own else None, None if own else text, whole=False)
        action.raised = day
        location = action.location("raised")
        if day.error:
            self.problems.append(
                location.problem(
                    Severity.WARNING,
                    f"“{_short(text)}” is not a real date ({day.error}); it is kept in the action's history",
                )
            )
        elif day.how == "text":
            self.problems.append(location.problem(Severity.WARNING, _typed_date(text, day.date)))
        elif day.how == "serial":
            self.problems.append(location.problem(Severity.WARNING, _serial_date(text, day.date)))


def _typed_date(text: str, day: dt.date | None) -> str:
    numeric = bool(re.search(r"\d[/.-]\d", text))
    how = " (day first, as in the UK)" if numeric else ""
    return (
        f"the date “{_short(text)}” is typed as text; read as {_long(day)}{how}. Check it, or format the cells as "
        f"dates in Excel"
    )


def _serial_date(text: str, day: dt.date | None) -> str:
    return (
        f"“{text}” is a number, not a date; read as Excel's day number for {_long(day)}. Format the cell as a date "
        f"in Excel to check it"
    )


def _long(day: dt.date | None) -> str:
    return long_date(day) if day is not None else "no date"


def _headers_seen(table: RawTable) -> str:
    first = next((row for row in table.rows if not row.is_blank), None)
    if first is None:
        return "; it is empty"
    texts = [_short(c.text, 30) for c in first.cells if c.text and not c.is_merged_continuation]
    return f"; first row: {', '.join(repr(t) for t in texts[:8])}" if texts else ""


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
