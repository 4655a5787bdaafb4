"""Which column holds which field: headers recognised by their synonyms, or as the clerk says.

Shared by the plan importer and the action-log importer: each declares its fields as
`FieldSpec`s (PLAN_FIELDS, ACTION_LOG_FIELDS) and calls `map_table` on every RawTable.

* Headers compare without case, spacing, punctuation or a plural "s": "By When?", "by when",
  "BY  WHEN" and "Lead Officer(s)" / "Lead Officers" / "lead officer" are alike.
* The header row is the row among the first few whose cells name the most fields, and it must
  name the key field (Action for a plan, the action text for a log); a table with no such row
  is not one of the importer's tables (the 002 plan has an introduction and a RAG table too).
* A column with no header whose values look like the field's values ("1.2.3") takes the field
  (the ref column of 002 has no header).
* The clerk overrides with `HEADER=field` (`--map "What we will do=action"`), naming a column
  by its header or its letter ("F=lead"); `HEADER=ignore` leaves a column out.
* A second column for a field already taken, and any column no field claims, are not imported:
  the preview says so, and warns when such a column holds data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from boardapp.importing.problems import Location, Problem, Severity
from boardapp.importing.tables import RawCell, RawRow, RawTable, column_letter

__all__ = [
    "ACTION_LOG_FIELDS",
    "IGNORE",
    "PLAN_FIELDS",
    "ColumnMapping",
    "FieldPlaces",
    "FieldSpec",
    "MappingError",
    "Override",
    "TableMapping",
    "field_names",
    "header_key",
    "map_table",
    "parse_overrides",
    "unused_override_problems",
]

IGNORE = "ignore"
HEADER_SCAN_ROWS = 15  # titles, notes and page numbers can stand above the header row


class MappingError(ValueError):
    """A `HEADER=field` pair that cannot be used; `str()` says why and lists the fields."""


@dataclass(frozen=True)
class FieldSpec:
    name: str  # what the clerk types after "=": "due"
    label: str  # what the preview shows: "Due"
    synonyms: tuple[str, ...]  # headers that mean it
    value_pattern: str = ""  # a column without a header whose values match this takes the field


PLAN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "ref",
        "Ref",
        ("Ref", "Ref No", "Reference", "No", "Number", "#", "Action Ref", "Action No", "Item", "ID"),
        value_pattern=r"^\d+(?:\.\d+)*\.?$",
    ),
    FieldSpec(
        "action",
        "Action",
        ("Action", "Actions", "Task", "What", "Action Description", "Key Actions", "Actions Required", "Activity"),
    ),
    FieldSpec("workstream", "Workstream", ("Workstream", "Work Stream", "Area", "Key Area", "Theme", "Strand")),
    FieldSpec(
        "lead",
        "Lead",
        (
            "Lead",
            "Lead Officer",
            "Lead Officer(s)",
            "Responsible",
            "Responsible Officer",
            "Owner",
            "Action Owner",
            "By who",
            "By whom",
            "Who",
        ),
    ),
    FieldSpec(
        "due",
        "Due",
        (
            "By When",
            "Due",
            "Due Date",
            "Deadline",
            "Target Date",
            "When",
            "Timescale",
            "Completion Date",
            "Date Due",
        ),
    ),
    FieldSpec(
        "recommendation_refs",
        "Recommendation refs",
        (
            "Ofsted Ref",
            "Recommendation",
            "Rec Ref",
            "Inspection Ref",
            "Recommendation Ref",
            "Ofsted Recommendation",
            "Rec",
        ),
    ),
    FieldSpec("kpi_refs", "KPI refs", ("KPI Ref", "KPI", "KPI No", "Performance Indicator", "Measure Ref")),
    FieldSpec(
        "status",
        "Status",
        (
            "RAG",
            "Status",
            "Progress",
            "RAG Status",
            "RAG Rating",
            "Progress Status",
            "RAG Progress",
            "Progress RAG",
            "Progress Rating",
            "RAG Rating Progress",
        ),
    ),
    FieldSpec(
        "evidence",
        "Evidence of impact",
        (
            "Evidence",
            "Evidence of Impact",
            "Impact",
            "Impact Evidence",
            "Evidence of Impact / Outcome Measure",
            "Evidence of Impact and Outcome Measure",
            "Evidence / Outcome Measure",
        ),
    ),
    FieldSpec(
        "oversight",
        "Oversight group",
        ("Oversight", "Governance", "Overseen by", "Group", "Oversight Group", "Reporting To", "Accountable To"),
    ),
    FieldSpec(
        "key_area",
        "Key area",
        (
            "Area of Improvement",
            "Area for Improvement",
            "Improvement Area",
            "Priority Area",
            "Key Area of Improvement",
            "Key Area for Improvement",
        ),
    ),
    FieldSpec(
        "objective",
        "Objective",
        ("Improvement Target", "Objective", "Improvement Objective", "Outcome Sought", "Aim", "Improvement Priority"),
    ),
    FieldSpec(
        "impact",
        "Impact rating",
        ("Impact RAG", "RAG Impact", "Evidence of Impact RAG", "Impact Rating", "Impact Status", "RAG Rating Impact"),
    ),
    FieldSpec(
        "outcomes",
        "Outcomes",
        (
            "Outcome",
            "Outcomes",
            "Expected Outcome",
            "Outcome Measure",
            "Success Measure",
            "Measure of Success",
            "Success Criteria",
        ),
    ),
)

# For the action-log importer (issue 5). Declared here so both importers share one vocabulary.
ACTION_LOG_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("ref", "Ref", ("Ref", "Ref No", "No", "Number", "#", "Action No", "Action Ref", "ID")),
    FieldSpec("text", "Action", ("Action", "Actions", "Description", "Action Description", "Task", "Action Required")),
    FieldSpec(
        "owners",
        "Owner(s)",
        ("Owner", "Owners", "Responsible", "Lead", "By who", "By whom", "Who", "Action Owner", "Action By"),
    ),
    FieldSpec(
        "due",
        "Due",
        ("Due", "Due Date", "Target Date", "By When", "Deadline", "Due Meeting", "When", "Date Due"),
    ),
    FieldSpec("status", "Status", ("Status", "RAG", "RAG Status", "Open/Closed")),
    FieldSpec(
        "raised",
        "Raised at",
        ("Meeting", "Date Raised", "Raised", "Raised At", "Meeting Date", "Date of Meeting", "Date Raised At"),
    ),
    FieldSpec(
        "update",
        "Update",
        ("Update", "Updates", "Comments", "Comment", "Progress", "Latest Update", "Progress Update", "Notes"),
    ),
)


def header_key(text: str) -> str:
    """How headers compare: "Lead Officer(s)" → "lead officer", "By When?" → "by when", "#" → "#"."""
    key = text.casefold().replace("&", " and ").replace("(s)", "s")
    key = re.sub(r"['’‘`]", "", key)
    key = re.sub(r"[\W_]+", " ", key).strip()
    if not key:
        return " ".join(text.split())
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in key.split()]
    return " ".join(words)


def field_names(fields: Sequence[FieldSpec]) -> str:
    return ", ".join(f.name for f in fields) + f", {IGNORE}"


@dataclass(frozen=True)
class Override:
    """One `HEADER=field` the clerk gave: the column by its header (or letter), and the field."""

    header: str
    field: str  # a FieldSpec name, or IGNORE

    def matches(self, header: str, column: int) -> bool:
        if header and header_key(header) == header_key(self.header):
            return True
        letters = self.header.strip()
        return letters.isalpha() and len(letters) <= 2 and letters.upper() == column_letter(column)

    def __str__(self) -> str:
        return f"{self.header}={self.field}"


def parse_overrides(pairs: Iterable[str] | Mapping[str, str], fields: Sequence[FieldSpec]) -> tuple[Override, ...]:
    """`["By who?=lead", "F=ignore"]` (or a {header: field} mapping) → Overrides; MappingError if unusable."""
    items = list(pairs.items()) if isinstance(pairs, Mapping) else [_split_pair(pair) for pair in pairs]
    by_name = {f.name: f.name for f in fields}
    by_name.update({header_key(f.label): f.name for f in fields})
    by_name.update({header_key(f.name.replace("_", " ")): f.name for f in fields})
    by_name.update({IGNORE: IGNORE, "skip": IGNORE, "-": IGNORE, "none": IGNORE})
    found = []
    for header, wanted in items:
        if not header.strip():
            raise MappingError(f"--map {header}={wanted}: name the column before the “=”.")
        name = by_name.get(wanted.strip()) or by_name.get(header_key(wanted))
        if name is None:
            raise MappingError(f"--map {header}={wanted}: there is no field “{wanted}”. Fields: {field_names(fields)}.")
        found.append(Override(header.strip(), name))
    return tuple(found)


def _split_pair(pair: str) -> tuple[str, str]:
    header, sep, wanted = pair.rpartition("=")
    if not sep:
        raise MappingError(f"--map {pair}: write it as HEADER=field, for example “By who=lead”.")
    return header, wanted


HowMapped = Literal["header", "override", "values", "ignored", "unmapped", "duplicate"]


@dataclass(frozen=True)
class ColumnMapping:
    column: int  # 0-based
    header: str  # as written in the header row ("" when it has none)
    field: str | None  # None: not imported
    how: HowMapped
    has_data: bool = False  # any data row fills it

    @property
    def letter(self) -> str:
        return column_letter(self.column)

    def describe(self, table: RawTable, labels: Mapping[str, str]) -> str:
        """ "'By When' → Due", "column A (no header) → Ref, from its values", "'Notes' → not imported"."""
        named = f"'{self.header}'" if self.header else f"{table.column_name(self.column)} (no header)"
        if self.kind_of_mapping == "kept":
            note = {"override": ", as you mapped it", "values": ", recognised from its values"}.get(self.how, "")
            return f"{named} → {labels.get(self.field or '', self.field)}{note}"
        reason = {
            "ignored": "left out, as you mapped it",
            "duplicate": "not imported (another column already gives this field)",
            "unmapped": "not imported (no field matches the header)",
        }[self.how]
        return f"{named} → {reason}"

    @property
    def kind_of_mapping(self) -> Literal["kept", "dropped"]:
        return "kept" if self.field is not None else "dropped"


@dataclass(frozen=True, slots=True)
class FieldPlaces:
    """Where each field of one table is: shared by every record read from the table, so a record keeps
    its row number and makes its cells' `Location`s only when asked (a problem names one)."""

    table: str  # "Sheet 'Actions'"
    sheet: bool  # an Excel sheet, not a Word table
    columns: Mapping[str, tuple[int, str]]  # field → (0-based column, header as written)

    def location(self, row: int, name: str) -> Location:
        """The cell of `name` in `row`, or the row itself when the table has no such column."""
        column, header = self.columns.get(name, (None, ""))
        return Location(self.table, row, column, header, sheet=self.sheet)


@dataclass(frozen=True)
class TableMapping:
    """A table with its header row found and each column assigned a field (or none)."""

    table: RawTable  # header_row_index is set
    columns: tuple[ColumnMapping, ...]
    used_overrides: frozenset[Override] = field(default_factory=frozenset)

    @cached_property
    def field_columns(self) -> dict[str, int]:
        """{field: 0-based column}; asked for every cell read, so worked out once."""
        return {c.field: c.column for c in self.columns if c.field is not None}

    @cached_property
    def places(self) -> FieldPlaces:
        headers = {c.column: c.header for c in self.columns}
        columns = {name: (column, headers.get(column, "")) for name, column in self.field_columns.items()}
        return FieldPlaces(self.table.name, self.table.kind == "sheet", columns)

    def column_of(self, name: str) -> int | None:
        return self.field_columns.get(name)

    def header_of(self, name: str) -> str:
        return self.places.columns.get(name, (0, ""))[1]

    def cell(self, row: RawRow, name: str) -> RawCell | None:
        column = self.column_of(name)
        return None if column is None or column >= len(row.cells) else row.cells[column]

    def text(self, row: RawRow, name: str) -> str:
        found = self.cell(row, name)
        return found.text if found is not None else ""

    def where(self, row: RawRow, name: str) -> str:
        column = self.column_of(name)
        return self.table.where(row.row_number, column, self.header_of(name))

    def location(self, row: RawRow, name: str) -> Location:
        return self.places.location(row.row_number, name)

    def signature(self) -> tuple[tuple[str, str | None, str], ...]:
        """Equal for tables laid out alike, so a preview can show their mapping once."""
        return tuple((c.header, c.field, c.how) for c in self.columns)

    def describe(self, fields: Sequence[FieldSpec]) -> list[str]:
        labels = {f.name: f.label for f in fields}
        return [c.describe(self.table, labels) for c in self.columns if c.header or c.field or c.has_data]

    def dropped_column_problems(self) -> list[Problem]:
        """A warning for each column holding data that is not imported (it is kept nowhere)."""
        found = []
        for column in self.columns:
            if column.field is None and column.has_data and column.how != "ignored":
                what = f"'{column.header}'" if column.header else "with no header"
                why = (
                    "another column already gives its field"
                    if column.how == "duplicate"
                    else "its header matches no field"
                )
                found.append(
                    self.table.problem(
                        Severity.WARNING,
                        f"the column {what} is not imported ({why}); its contents are kept nowhere. "
                        f"Map it with --map '{column.header or column.letter}=FIELD' to import it.",
                        column=column.column,
                        header=column.header,
                    )
                )
        return found


def _recognise(text: str, fields: Sequence[FieldSpec]) -> str | None:
    key = header_key(text)
    if not key:
        return None
    for spec in fields:
        if any(header_key(s) == key for s in spec.synonyms):
            return spec.name
    return None


def _override(overrides: Sequence[Override], header: str, column: int) -> Override | None:
    by_header = next((o for o in overrides if header and header_key(header) == header_key(o.header)), None)
    return by_header or next((o for o in overrides if o.matches("", column)), None)


def map_table(
    table: RawTable,
    fields: Sequence[FieldSpec],
    overrides: Sequence[Override] = (),
    *,
    key_field: str,
) -> TableMapping | None:
    """The table's mapping, or None when no row within the first few names the key field."""
    header_index = _find_header_row(table, fields, overrides, key_field)
    if header_index is None:
        return None
    located = RawTable(
        source=table.source,
        kind=table.kind,
        sheet_or_table_name=table.sheet_or_table_name,
        rows=table.rows,
        width=table.width,
        header_row_index=header_index,
        frozen_rows=table.frozen_rows,
    )
    header_cells = located.rows[header_index].cells
    data = located.data_rows
    columns: list[ColumnMapping | None] = [None] * table.width
    taken: set[str] = set()
    used: set[Override] = set()

    def has_data(column: int) -> bool:
        return any(column < len(r.cells) and not r.cells[column].is_blank for r in data)

    def header_text(column: int) -> str:
        cell = header_cells[column] if column < len(header_cells) else None
        return "" if cell is None or cell.is_merged_continuation else cell.text

    # Overrides first, so that a column the clerk named wins over one recognised by its header.
    for column in range(table.width):
        chosen = _override(overrides, header_text(column), column)
        if chosen is None:
            continue
        used.add(chosen)
        if chosen.field == IGNORE:
            columns[column] = ColumnMapping(column, header_text(column), None, "ignored", has_data(column))
        elif chosen.field in taken:
            columns[column] = ColumnMapping(column, header_text(column), None, "duplicate", has_data(column))
        else:
            taken.add(chosen.field)
            columns[column] = ColumnMapping(column, header_text(column), chosen.field, "override", has_data(column))
    for column in range(table.width):
        if columns[column] is not None:
            continue
        header = header_text(column)
        name = _recognise(header, fields)
        if name is not None and name in taken:
            columns[column] = ColumnMapping(column, header, None, "duplicate", has_data(column))
        elif name is not None:
            taken.add(name)
            columns[column] = ColumnMapping(column, header, name, "header", has_data(column))
    for column in range(table.width):
        if columns[column] is not None:
            continue
        header = header_text(column)
        name = None if header else _recognise_by_values(column, data, fields, taken)
        if name is not None:
            taken.add(name)
            columns[column] = ColumnMapping(column, header, name, "values", True)
        else:
            columns[column] = ColumnMapping(column, header, None, "unmapped", has_data(column))
    return TableMapping(
        table=located,
        columns=tuple(c for c in columns if c is not None),
        used_overrides=frozenset(used),
    )


def _find_header_row(
    table: RawTable, fields: Sequence[FieldSpec], overrides: Sequence[Override], key_field: str
) -> int | None:
    """The row naming the most fields, among those naming the key field; None if no row does.

    A column the clerk named by its letter ("B=action") says nothing about which row is the header:
    then the row naming the most fields is taken, or the first row with any text.
    """
    best: tuple[int, int] | None = None  # (fields named, row index)
    most: tuple[int, int] | None = None
    for index, row in enumerate(table.rows[:HEADER_SCAN_ROWS]):
        named = set()
        for cell in row.cells:
            if cell.is_merged_continuation or not cell.text:
                continue
            chosen = next((o for o in overrides if header_key(o.header) == header_key(cell.text)), None)
            name = chosen.field if chosen is not None else _recognise(cell.text, fields)
            if name and name != IGNORE:
                named.add(name)
        if key_field in named and (best is None or len(named) > best[0]):
            best = (len(named), index)
        if not row.is_blank and (most is None or len(named) > most[0]):
            most = (len(named), index)
    if best is not None:
        return best[1]
    by_letter = any(o.field == key_field and o.matches("", c) for o in overrides for c in range(table.width))
    return most[1] if by_letter and most is not None else None


def _recognise_by_values(
    column: int, rows: Sequence[RawRow], fields: Sequence[FieldSpec], taken: set[str]
) -> str | None:
    values = [r.cells[column].text for r in rows if column < len(r.cells) and not r.cells[column].is_blank]
    if len(values) < 2:
        return None
    for spec in fields:
        if spec.value_pattern and spec.name not in taken:
            matching = sum(1 for v in values if re.match(spec.value_pattern, v))
            if matching >= 0.6 * len(values):
                return spec.name
    return None


def unused_override_problems(overrides: Sequence[Override], mappings: Sequence[TableMapping]) -> list[Problem]:
    """An error for each `HEADER=field` that matched no column of any table read."""
    used = set().union(*(m.used_overrides for m in mappings)) if mappings else set()
    return [
        Problem(
            Severity.ERROR,
            "--map",
            f"“{o}”: no table has a column headed “{o.header}”; check the spelling against the headers in the file",
        )
        for o in overrides
        if o not in used
    ]
