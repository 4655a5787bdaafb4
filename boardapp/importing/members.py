"""Read a membership list from an Excel (.xlsx) or CSV file into draft members, with a problem per doubt.

Pure: no database. The service (services/member_import.py) matches names to the people already
known and writes the memberships. What is read:

* **Columns** (headers matched without case, spacing or punctuation): Name (Full name, Member,
  Member name), Title (Salutation), Organisation (Organization, Agency, Representing, Employer),
  Role (Position, Membership, Member type), Email (E-mail, Email address), From (Start, Start date,
  Appointed, Term start) and To (End, End date, Until, Term end). Only Name is required. Every sheet
  with a Name column is read; others are named as left out.
* **Rows**: blank rows are skipped; a row with details but no name is an error.
* **Role**: chair, vice-chair, member, co-opted, officer, adviser (and the words clerks use for
  them, see `memberships.parse_role`); blank is member; anything else is an error naming the cell.
* **Dates**: a real date cell, or a date typed as text ("01/09/2017" is read day first, "1 Sept
  2017", "2017-09-01"); anything else is an error naming the cell, as is a "to" before a "from".
* **Email**: one that does not look like an address is an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from boardapp.core.enums import MemberRole
from boardapp.core.rules.member_roles import parse_role, role_choices
from boardapp.importing import limits
from boardapp.importing.actions import read_date
from boardapp.importing.mapping import FieldSpec, TableMapping, map_table
from boardapp.importing.problems import ImportFileError, Problem, Severity
from boardapp.importing.tables import RawCell, RawRow, RawTable, cell_problems, clean_text, read_tables

__all__ = ["MEMBER_FIELDS", "MemberDraft", "MemberList", "read_member_list"]

MEMBER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "Name", ("Name", "Full Name", "Member", "Member Name", "Person", "Names")),
    FieldSpec("title", "Title", ("Title", "Salutation", "Prefix")),
    FieldSpec(
        "organisation",
        "Organisation",
        ("Organisation", "Organization", "Org", "Agency", "Representing", "Employer", "Body", "Organisation Name"),
    ),
    FieldSpec("role", "Role", ("Role", "Position", "Membership", "Member Type", "Membership Type", "Board Role")),
    FieldSpec("email", "Email", ("Email", "E-mail", "Email Address", "E-mail Address", "Mail")),
    FieldSpec(
        "start",
        "From",
        ("From", "Start", "Start Date", "Date From", "From Date", "Appointed", "Date Appointed", "Term Start"),
    ),
    FieldSpec("end", "To", ("To", "End", "End Date", "Date To", "To Date", "Until", "Term End", "Left", "Term Ends")),
)
KEY_FIELD = "name"
MAX_CSV_BYTES = 20 * 1024 * 1024
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class MemberDraft:
    """One row of the list, as read. `role` is None only when the row has an error about it."""

    table: str  # "Sheet 'Members'"
    row: int
    name: str
    title: str = ""
    organisation: str = ""
    role_text: str = ""
    role: MemberRole | None = MemberRole.MEMBER
    email: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None

    @property
    def where(self) -> str:
        return f"{self.table} row {self.row}"


@dataclass(frozen=True)
class MemberList:
    path: Path
    file_kind: str  # "xlsx" / "csv"
    members: tuple[MemberDraft, ...]
    problems: tuple[Problem, ...]
    mappings: tuple[TableMapping, ...]
    skipped_tables: tuple[str, ...] = ()
    blank_rows: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)


def read_member_list(path: str | Path) -> MemberList:
    """Every member row of the file; ImportFileError if it cannot be read at all."""
    path = Path(path)
    if path.suffix.casefold() in (".csv", ".txt"):
        tables, kind = [_read_csv(path)], "csv"
    else:
        document = read_tables(path)
        if document.kind != "xlsx":
            raise ImportFileError(
                f"{path.name} is a Word document: a membership list is read from an Excel (.xlsx) or CSV file."
            )
        tables, kind = list(document.tables), "xlsx"
    members: list[MemberDraft] = []
    problems: list[Problem] = []
    mappings: list[TableMapping] = []
    skipped: list[str] = []
    blank = 0
    for table in tables:
        mapping = map_table(table, MEMBER_FIELDS, key_field=KEY_FIELD)
        if mapping is None:
            if any(not row.is_blank for row in table.rows):
                skipped.append(f"{table.name} (no Name column)")
            continue
        mappings.append(mapping)
        problems.extend(mapping.dropped_column_problems())
        for row in mapping.table.data_rows:
            if row.is_blank:
                blank += 1
                continue
            member, found = _read_row(mapping, row)
            problems.extend(found)
            if member is not None:
                members.append(member)
    if not mappings:
        problems.append(
            Problem(
                Severity.ERROR,
                path.name,
                "no sheet has a Name column: the list needs a header row with Name (and Organisation, Role, Email, "
                "From, To as you have them)",
            )
        )
    return MemberList(path, kind, tuple(members), tuple(problems), tuple(mappings), tuple(skipped), blank)


def _read_row(mapping: TableMapping, row: RawRow) -> tuple[MemberDraft | None, list[Problem]]:
    found: list[Problem] = []
    table = mapping.table
    for name in mapping.field_columns:
        cell = mapping.cell(row, name)
        if cell is not None and not cell.is_blank:
            found.extend(cell_problems(table, row, cell, mapping.header_of(name)))
    text = {name: " ".join(mapping.text(row, name).split()) for name in mapping.field_columns}
    if not text.get("name"):
        found.append(
            table.problem(
                Severity.ERROR,
                "this row has details but no name: add the name, or clear the row",
                row.row_number,
                mapping.column_of("name"),
                mapping.header_of("name"),
            )
        )
        return None, found
    role_text = text.get("role", "")
    role = parse_role(role_text)
    if role is None:
        found.append(
            mapping.location(row, "role").problem(
                Severity.ERROR, f"“{role_text}” is not a role this app knows: write one of {role_choices()}"
            )
        )
    email = text.get("email", "")
    if email.casefold().startswith("mailto:"):
        email = email[7:]
    if email and not _EMAIL.match(email):
        found.append(mapping.location(row, "email").problem(Severity.ERROR, f"“{email}” is not an email address"))
    start = _date(mapping, row, "start", found)
    end = _date(mapping, row, "end", found)
    if start is not None and end is not None and end < start:
        found.append(
            mapping.location(row, "end").problem(
                Severity.ERROR, f"the membership ends ({end.isoformat()}) before it starts ({start.isoformat()})"
            )
        )
    member = MemberDraft(
        table=table.name,
        row=row.row_number,
        name=text["name"],
        title=text.get("title", ""),
        organisation=text.get("organisation", ""),
        role_text=role_text,
        role=role,
        email=email,
        start_date=start,
        end_date=end,
    )
    return member, found


def _date(mapping: TableMapping, row: RawRow, name: str, found: list[Problem]) -> dt.date | None:
    cell = mapping.cell(row, name)
    if cell is None or cell.is_blank:
        return None
    read = read_date(cell)
    if read.date is None:
        why = read.error or "write it as a date, for example 01/09/2017 or 2017-09-01"
        found.append(mapping.location(row, name).problem(Severity.ERROR, f"“{cell.text}” is not a date: {why}"))
    return read.date


def _read_csv(path: Path) -> RawTable:
    """A CSV file as one sheet named after the file; the delimiter (, ; tab) and encoding are guessed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"{path.name} could not be read: {exc.strerror or exc}.") from exc
    if len(data) > MAX_CSV_BYTES:
        raise ImportFileError(f"{path.name} is too large for a membership list ({len(data) // 1_000_000} MB).")
    if b"\x00" in data[:4096]:
        raise ImportFileError(f"{path.name} is not a text (CSV) file: save the list from Excel as .xlsx or CSV.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            content = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(csv.reader(io.StringIO(content, newline=""), dialect))
    except csv.Error as exc:
        raise ImportFileError(f"{path.name} could not be read as CSV ({exc}).") from exc
    width = max((len(r) for r in records), default=0)
    limits.check_table_size(path.name, len(records), width)  # a line of commas must not allocate a huge grid
    rows = []
    for number, record in enumerate(records, start=1):
        cells = []
        for column in range(width):
            raw = record[column] if column < len(record) else ""
            text, removed = clean_text(raw)
            cells.append(RawCell(text=text, column=column, original_value=text, removed_characters=removed))
        rows.append(RawRow(row_number=number, cells=tuple(cells)))
    return RawTable(source=path.name, kind="sheet", sheet_or_table_name=path.name, rows=tuple(rows), width=width)
