"""The one base of every table model over plain service rows (issue 13: one row-model base).

A model holds a list of frozen rows from a service and shows them in fixed columns; it never
writes. Small models subclass it, set HEADERS and implement data(); the plan views' column-driven
`RowsTableModel` (plan_rows_model.py) is a subclass too, and re-sorts in `_rows_replaced`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

R = TypeVar("R")
AnyIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel, Generic[R]):
    """Subclasses set HEADERS and implement data(); set_rows replaces the rows in one reset."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._rows_replaced()
        self.endResetModel()

    def _rows_replaced(self) -> None:
        """Hook run inside the reset, after new rows arrive (a sorting model reorders them here)."""

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def find_row(self, predicate: Callable[[R], bool]) -> int:
        """The number of the first row that matches, -1 if none does."""
        return next((number for number, row in enumerate(self._rows) if predicate(row)), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None

    def _row(self, index: AnyIndex) -> R | None:
        """The row behind a valid index, None otherwise."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]
