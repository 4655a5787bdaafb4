"""What an import tells the clerk: problems named by sheet/table, row and column, and the one
exception for a file that cannot be read at all.

Shared by every importer (plans now, the action log later). Nothing here knows about plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ImportFileError(Exception):
    """The file cannot be read at all (not Word or Excel, damaged, password-protected, too big).

    `str()` is a complete sentence for the clerk, naming the file and what to do; nothing was read.
    """


class Severity(StrEnum):
    ERROR = "error"  # blocks the import until fixed (in the file, or by mapping the column differently)
    WARNING = "warning"  # imported, but the clerk should look


@dataclass(frozen=True, slots=True)  # slots: one per imported cell, 100,000s of them
class Problem:
    """One thing wrong with the file. `where` is written for people: "Sheet 'Plan' row 14 column D".

    `table`, `row` and `column` locate it for a dialog that highlights the cell: the table's name
    ("Sheet 'Plan'", "Table 3"), the 1-based row number as the clerk sees it and the column letter.
    """

    severity: Severity
    where: str
    message: str
    table: str = ""
    row: int | None = None
    column: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{self.severity.value}: {where}{self.message}"


def column_letter(index: int) -> str:
    """ "A" for column 0, "AA" for column 26."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def place(table: str, row: int | None = None, column: int | None = None, header: str = "", *, sheet: bool) -> str:
    """ "Sheet 'Plan' row 14 column D ('By When')" / "Table 3 row 5 column 'By When'" (column 0-based)."""
    parts = [table] if table else []
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        if sheet:
            parts.append(f"column {column_letter(column)}" + (f" ('{header}')" if header else ""))
        else:
            parts.append(f"column '{header}'" if header else f"column {column + 1}")
    return " ".join(parts)


@dataclass(frozen=True, slots=True)  # slots: one per imported cell, 100,000s of them
class Location:
    """Where a value came from: the cell of a field in a row, or the row itself (no column).

    `where` is written only when asked for (a problem is made): an import of 100,000 rows makes a
    Location for every cell it reads, and nearly all of them are never shown.
    """

    table: str = ""  # "Sheet 'Plan'", "Table 3"
    row: int | None = None
    index: int | None = None  # the column, 0-based
    header: str = ""  # the column's header as written
    sheet: bool = True  # in an Excel sheet (columns named by letter) or a Word table (by header)
    written: str = ""  # a place that is not a cell of a table ("heading before Table 4"): `where` as is

    @property
    def where(self) -> str:
        """ "Sheet 'Plan' row 14 column D ('By When')"."""
        return self.written or place(self.table, self.row, self.index, self.header, sheet=self.sheet)

    @property
    def column(self) -> str:
        """The column's letter, "" for a row."""
        return column_letter(self.index) if self.index is not None else ""

    def problem(self, severity: Severity, message: str) -> Problem:
        return Problem(severity, self.where, message, table=self.table, row=self.row, column=self.column)


def count_errors(problems: list[Problem] | tuple[Problem, ...]) -> int:
    return sum(1 for p in problems if p.is_error)
