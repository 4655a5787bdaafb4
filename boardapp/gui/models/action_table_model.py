"""The action log as a table model over plain `ActionRow`s, sorted in the model, filtered by a proxy.

Sorting happens here, on precomputed keys, because a QSortFilterProxyModel sort calls back into
Python for every comparison and is far too slow for 30,000 rows. The proxy below only filters,
and it filters from a cache computed in one pass, not from `data()` calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from boardapp.core.enums import ActionStatus
from boardapp.gui import style
from boardapp.services.actions import ActionRow
from boardapp.services.plans import natural_key

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
_STATUS_ORDER = {status: order for order, status in enumerate(ActionStatus)}


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[ActionRow], str]
    sort_key: Callable[[ActionRow], Any]
    tooltip: Callable[[ActionRow], str] | None = None


COLUMNS: tuple[Column, ...] = (
    Column("Ref", lambda r: r.ref, lambda r: natural_key(r.ref)),
    Column("Action", lambda r: r.text, lambda r: r.text.casefold(), lambda r: r.text),
    Column("Owners", lambda r: r.owners, lambda r: r.owners.casefold(), lambda r: r.owners),
    Column(
        "Raised at",
        lambda r: r.raised_at,
        lambda r: (r.raised_on or dt.date.min, r.raised_item_number or 0),
        lambda r: f"{r.board_name}: {r.raised_at}",
    ),
    Column(
        "Due",
        lambda r: r.due_short,
        lambda r: (r.due_sort is None, r.due_sort or dt.date.max, r.due_label),
        lambda r: r.due_label,
    ),
    Column("Status", lambda r: r.status_label + (" – overdue" if r.is_overdue else ""), lambda r: (
        _STATUS_ORDER.get(r.status, 99), not r.is_overdue)),
    Column(
        "Last update",
        lambda r: r.last_update,
        lambda r: r.last_update_on or dt.date.min,
        lambda r: r.last_update,
    ),
    Column("Plan links", lambda r: str(r.plan_link_count) if r.plan_link_count else "", lambda r: r.plan_link_count),
)
COLUMN_INDEX = {column.title: number for number, column in enumerate(COLUMNS)}


class ActionTableModel(QAbstractTableModel):
    """Rows in `_order` (a permutation of the rows as the service returned them), sorted in place."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._order: list[int] = []
        self._haystacks: list[str] = []
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.generation = 0  # bumped on every new set of rows, so caches keyed on rows know to refresh
        self._bold = QFont()
        self._bold.setBold(True)

    # -- data in -------------------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ActionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._order = self._sorted_order(*self._sort)
        self._haystacks = [
            " ".join((r.ref, r.text, r.owners, r.raised_at, r.due_label, r.status_label, r.last_update)).casefold()
            for r in self._rows
        ]
        self.generation += 1
        self.endResetModel()

    def row_at(self, row: int) -> ActionRow:
        return self._rows[self._order[row]]

    def base_index(self, row: int) -> int:
        """The row's position in the service's order: stable across sorting, for caches."""
        return self._order[row]

    def all_rows(self) -> list[ActionRow]:
        """Rows in the service's order (not the displayed order)."""
        return list(self._rows)

    def haystack(self, base_index: int) -> str:
        return self._haystacks[base_index]

    # -- QAbstractTableModel -------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._order)):
            return None
        row = self.row_at(index.row())
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.is_overdue:
                return QColor(style.OVERDUE_TEXT)
            if not row.status.is_open or row.status is ActionStatus.COMPLETED:
                return QColor(style.MUTED_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row.is_overdue else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.title == "Plan links":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return column.sort_key(row)
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the columns' keys; column -1 puts back the service's order. Keeps selections."""
        self._sort = (column, order)
        new_order = self._sorted_order(column, order)
        if new_order == self._order:
            return
        self.layoutAboutToBeChanged.emit()
        old_indexes = self.persistentIndexList()
        bases = [self._order[index.row()] for index in old_indexes]
        self._order = new_order
        position = {base: row for row, base in enumerate(new_order)}
        moved = [self.index(position[base], index.column()) for base, index in zip(bases, old_indexes, strict=True)]
        self.changePersistentIndexList(old_indexes, moved)
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        if not (0 <= column < len(COLUMNS)):
            return list(range(len(self._rows)))
        key = COLUMNS[column].sort_key
        keyed = sorted(range(len(self._rows)), key=lambda base: (key(self._rows[base]), base))
        return keyed[::-1] if order == Qt.SortOrder.DescendingOrder else keyed


class ActionFilterProxy(QSortFilterProxyModel):
    """Filters rows by free text and "overdue only"; sorting is passed on to the source model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needles: list[str] = []
        self._overdue_only = False
        self._accepted: list[bool] = []
        self._generation = -1

    @property
    def actions(self) -> ActionTableModel:
        model = self.sourceModel()
        assert isinstance(model, ActionTableModel)
        return model

    def set_filter(self, text: str | None = None, *, overdue_only: bool | None = None) -> None:
        """Every word of `text` must appear somewhere in the row (any column), in any order."""
        self.beginFilterChange()
        if text is not None:
            self._needles = text.casefold().split()
        if overdue_only is not None:
            self._overdue_only = overdue_only
        self._generation = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtered(self) -> bool:
        return bool(self._needles) or self._overdue_only

    def visible_counts(self) -> tuple[int, int]:
        """(rows shown, overdue among them)."""
        accepted = self._accepted_rows()
        rows = self.actions.all_rows()
        return sum(accepted), sum(1 for row, ok in zip(rows, accepted, strict=True) if ok and row.is_overdue)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        accepted = self._accepted_rows()
        base = self.actions.base_index(source_row)
        return accepted[base] if base < len(accepted) else True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.actions.sort(column, order)

    def _accepted_rows(self) -> list[bool]:
        model = self.actions
        if self._generation != model.generation:
            rows = model.all_rows()
            needles = self._needles
            self._accepted = [
                (not self._overdue_only or row.is_overdue)
                and all(needle in model.haystack(base) for needle in needles)
                for base, row in enumerate(rows)
            ]
            self._generation = model.generation
        return self._accepted
