"""Read-only rows of text under headers given when the model is made (registers page tabs).

Why: a small table whose cells the page has already worded needs no model of its own; this one keeps
the DESIGN rule (a model over plain rows, not a table widget of items) on the one row-model base.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from boardapp.gui.models.rows import AnyIndex, RowTableModel

Cell = str | int | None


class TextRowsModel(RowTableModel[tuple[str, ...]]):
    """Each row a tuple of texts, one per header; None shows as empty."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.HEADERS = tuple(headers)

    def set_cells(self, rows: Sequence[Sequence[Cell]]) -> None:
        self.set_rows([tuple("" if value is None else str(value) for value in row) for row in rows])

    def text(self, row: int, column: int) -> str:
        return self.row_at(row)[column]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row[index.column()] if index.column() < len(row) else ""
