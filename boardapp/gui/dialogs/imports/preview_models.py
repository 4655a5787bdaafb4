"""Table models of an import preview: the problems found, and the file's rows as read.

Both sit on the one row-model base (`gui/models/rows.py`). The rows model is editable: a cell the
clerk edits becomes a fix (`cell_edited`) that the dialog keeps in its request; the file itself is
never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from boardapp.gui import style
from boardapp.gui.dialogs.imports.importers import Preview
from boardapp.gui.models.rows import AnyIndex, RowTableModel
from boardapp.importing.problems import Problem, Severity
from boardapp.importing.tables import column_letter
from boardapp.services.action_import import sorted_problems


class ProblemsModel(RowTableModel[Problem]):
    """Problems as rows (errors first): severity with its icon, where, what."""

    HEADERS = ("", "Where", "Problem")

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.set_rows(sorted_problems(problems))

    def problem(self, row: int) -> Problem:
        return self.row_at(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        problem = self._row(index)
        if problem is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Error" if problem.is_error else "Warning", problem.where, problem.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{problem.where}\n{problem.message}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return severity_icon(problem.severity)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and problem.is_error:
            return QColor(style.OVERDUE_TEXT)
        return None


@dataclass(frozen=True)
class FileRow:
    """One data row of a table the importer reads, as the preview shows it (after the clerk's fixes)."""

    table: str  # "Sheet 'Plan'"
    row: int  # the row's number in the file
    cells: tuple[str, ...]
    severity: Severity | None = None  # the worst problem found on the row


def file_rows(preview: Preview) -> tuple[list[FileRow], list[str]]:
    """The rows of every table read, and the column titles ("B · Action")."""
    worst: dict[tuple[str, int], Severity] = {}
    for problem in preview.problems:
        if problem.row is not None:
            key = (problem.table, problem.row)
            if problem.is_error or key not in worst:
                worst[key] = problem.severity
    rows: list[FileRow] = []
    width = max((m.table.width for m in preview.table_mappings), default=0)
    titles = [column_letter(c) for c in range(width)]
    for mapping in preview.table_mappings:
        table = mapping.table
        for column in mapping.columns:
            if column.header and titles[column.column] == column_letter(column.column):
                titles[column.column] = f"{column.letter} · {elided(column.header, 24)}"
        for raw in table.data_rows:
            if raw.is_blank:
                continue
            cells = tuple(cell.text for cell in raw.cells) + ("",) * (width - len(raw.cells))
            rows.append(FileRow(table.name, raw.row_number, cells, worst.get((table.name, raw.row_number))))
    return rows, titles


class RowsModel(RowTableModel[FileRow]):
    """The file's rows: where, then each cell; a cell edited here becomes a fix (`cell_edited`)."""

    cell_edited = Signal(str, int, int, str)  # table, row number, column, text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles: list[str] = []

    def set_file_rows(self, rows: Sequence[FileRow], titles: Sequence[str]) -> None:
        """The rows and the column titles change together (one reset)."""
        self._titles = list(titles)
        self.set_rows(rows)

    def file_row(self, row: int) -> FileRow:
        return self.row_at(row)

    def find(self, table: str, row_number: int) -> int:
        """The model row showing that row of the file, or -1."""
        return self.find_row(lambda r: (r.table, r.row) == (table, row_number))

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Row" if section == 0 else self._titles[section - 1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() > 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{row.table} row {row.row}"
            return " / ".join(row.cells[column - 1].split("\n"))
        if role == Qt.ItemDataRole.EditRole:
            return "" if column == 0 else row.cells[column - 1]
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return row.cells[column - 1] or None
        if role == Qt.ItemDataRole.BackgroundRole and row.severity is not None:
            return QColor("#FDECEA" if row.severity is Severity.ERROR else "#FFF8E1")
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.severity is not None:
            return severity_icon(row.severity)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self._row(index)
        if role != Qt.ItemDataRole.EditRole or row is None or index.column() == 0:
            return False
        text = str(value)
        if text == row.cells[index.column() - 1]:
            return False
        cells = list(row.cells)
        cells[index.column() - 1] = text
        self._rows[index.row()] = FileRow(row.table, row.row, tuple(cells), row.severity)
        self.dataChanged.emit(index, index)
        self.cell_edited.emit(row.table, row.row, index.column() - 1, text)
        return True


def severity_icon(severity: Severity) -> QIcon:
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


def elided(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary_html(lines: Sequence[str]) -> str:
    """The importer's summary as rich text: "Owners:", "Due:"... in bold."""
    return "<br>".join(_html(line) for line in lines)


def _html(line: str) -> str:
    text = escape(line)
    if line.startswith(("Owners:", "Due:", "Raised:", "Refs:", "History:", "Leads:")):
        head, _, rest = text.partition(":")
        return f"<b>{head}:</b>{rest}"
    return text
