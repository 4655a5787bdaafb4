"""One table model for the plan views' lists: plain rows from a service, described by columns.

The status timeline, the links of an entry, the key-area summary, the recommendations register
and the KPI table are all a list of frozen dataclasses shown in columns. Each `RowColumn` says
how to show a row in that column (text, tooltip, colours, sort key, extra roles) and, if the
cell is editable, which field an edit changes; the model hands edits to its `editor` callback
(which runs a service through `Operations`) and never writes anything itself. Sorting happens in
the model by each column's sort key, so the rows stay plain data (as the action log does).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from boardapp.gui import style
from boardapp.gui.models.rows import AnyIndex, RowTableModel

R = TypeVar("R")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole


@dataclasses.dataclass(frozen=True)
class RowColumn(Generic[R]):
    title: str
    text: Callable[[R], str]
    tooltip: Callable[[R], str | None] | None = None
    background: Callable[[R], str | None] | None = None  # a colour; the text is made readable on it
    foreground: Callable[[R], str | None] | None = None
    sort: Callable[[R], Any] | None = None
    field: str = ""  # editable when set: the name the editor receives
    edit_text: Callable[[R], str] | None = None
    centred: bool = False
    bold: Callable[[R], bool] | None = None
    roles: dict[int, Callable[[R], Any]] = dataclasses.field(default_factory=dict)
    header_tip: str = ""


Editor = Callable[[Any, str, str], bool]
"""editor(row, field, typed text) -> whether the change was stored."""


class RowsTableModel(RowTableModel[R]):
    """The row-model base driven by `RowColumn`s: each column says how to show, sort and edit a row."""

    def __init__(self, columns: Sequence[RowColumn[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.HEADERS = tuple(column.title for column in self.columns)
        self.editor: Editor | None = None
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._bold = QFont()
        self._bold.setBold(True)

    def _rows_replaced(self) -> None:
        self._apply_sort()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip or None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.text)(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip(row) if column.tooltip else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            colour = column.background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.background and (colour := column.background(row)):
                return QBrush(QColor(style.readable_text_on(colour)))
            if column.foreground and (colour := column.foreground(row)):
                return QBrush(QColor(colour))
            return None
        if role == Qt.ItemDataRole.FontRole and column.bold and column.bold(row):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column.centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.text(row)
        if role == ROW_ROLE:
            return row
        if role in column.roles:
            return column.roles[role](row)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.editor is None:
            return False
        column = self.columns[index.column()]
        if not column.field:
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        if text == (column.edit_text or column.text)(row):
            return False
        return self.editor(row, column.field, text)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editor is not None and self.columns[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old = list(self._rows)
        self._sort = (column, order)
        self._apply_sort()
        # Keep persistent indexes (the selection) on the same rows.
        moved = {id(row): number for number, row in enumerate(self._rows)}
        for index in self.persistentIndexList():
            new_row = moved.get(id(old[index.row()]), index.row())
            self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort
        if not (0 <= column < len(self.columns)):
            return
        spec = self.columns[column]
        key = spec.sort or spec.text
        keyed = [(key(row), row) for row in self._rows]
        present = [(value, row) for value, row in keyed if value is not None and value != ""]
        blank = [row for value, row in keyed if value is None or value == ""]
        present.sort(key=lambda pair: pair[0], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [row for _, row in present] + blank  # blanks last, whichever the direction
