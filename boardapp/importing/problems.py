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


@dataclass(frozen=True, slots=True)  # slots: one per imported cell, 100,000s of them
class Location:
    """Where a value came from: the cell of a field in a row, or the row itself (column "")."""

    where: str  # "Sheet 'Plan' row 14 column D ('By When')"
    table: str = ""
    row: int | None = None
    column: str = ""  # letter
    header: str = ""  # the column's header as written

    def problem(self, severity: Severity, message: str) -> Problem:
        return Problem(severity, self.where, message, table=self.table, row=self.row, column=self.column)


def count_errors(problems: list[Problem] | tuple[Problem, ...]) -> int:
    return sum(1 for p in problems if p.is_error)
