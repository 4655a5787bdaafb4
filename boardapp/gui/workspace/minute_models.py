"""Small list models of one item's minute: its decisions ("Resolved: ...") and its actions.

Both show plain rows from `minuting.minute_of`. Editing a decision in place does not change the
row by itself: `edit_requested` asks the workspace for the `update_decision` call, and once it is
stored the workspace puts the text in the row (`set_text`), without a reset, so the current row stays.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boardapp.gui.workspace import theme
from boardapp.services.minuting import DecisionLine, MinuteAction

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class DecisionListModel(QAbstractListModel):
    edit_requested = Signal(int, str)  # decision id, new text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DecisionLine] = []
        self.editable = True

    def set_rows(self, rows: tuple[DecisionLine, ...] | list[DecisionLine]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DecisionLine:
        return self._rows[row]

    def set_text(self, decision_id: int, text: str) -> None:
        """Show a stored edit in its row in place (no reset: the view keeps its current row and selection)."""
        for number, row in enumerate(self._rows):
            if row.id == decision_id:
                self._rows[number] = replace(row, text=text)
                index = self.index(number, 0)
                self.dataChanged.emit(index, index)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Resolved: {row.text}\nF2 or double-click to edit · Del to delete"
        if role == ROW_ROLE:
            return row
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        text = str(value).strip()
        row = self._rows[index.row()]
        if text and text != row.text:
            self.edit_requested.emit(row.id, text)
        return False  # the stored text comes back through the broadcast

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable else flags


class ActionListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[MinuteAction] = []

    def set_rows(self, rows: tuple[MinuteAction, ...] | list[MinuteAction]) -> None:
        """The same actions again (one corrected, say): updated in place, so the view keeps its current row."""
        if self._rows and [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> MinuteAction:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            owners = f" – {row.owners}" if row.owner_names else ""
            due = f"   [{row.due_label}]" if row.due_label else ""
            return f"{row.text}{owners}{due}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{row.ref}\n{row.text}\nOwners: {row.owners or '—'}\nDue: {row.due_label or 'no due date'}\n"
                "Enter, F2 or double-click to correct owners or due point · Del to delete"
            )
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ActionDelegate(QStyledItemDelegate):
    """An action on two lines: "text – Owners", then the due point and ref, muted."""

    PADDING = 4

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(200, 2 * metrics.lineSpacing() + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row: MinuteAction | None = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        widget: QWidget | None = option.widget
        painter.save()
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        font = QFont(option.font)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        metrics, small_metrics = QFontMetrics(font), QFontMetrics(small)
        width = rect.width() - 2 * self.PADDING
        left, top = rect.left() + self.PADDING, rect.top() + self.PADDING
        owners = f" – {row.owners}" if row.owner_names else ""
        painter.setFont(font)
        painter.setPen(text)
        first = metrics.elidedText(f"{row.text}{owners}", Qt.TextElideMode.ElideMiddle, width)
        painter.drawText(QRect(left, top, width, metrics.lineSpacing()), int(Qt.AlignmentFlag.AlignLeft), first)
        second = " · ".join(p for p in (f"due {row.due_label}" if row.due_label else "no due date", row.ref) if p)
        painter.setFont(small)
        painter.setPen(text if selected else QColor(theme.MUTED_TEXT))
        painter.drawText(
            QRect(left, top + metrics.lineSpacing(), width, small_metrics.lineSpacing()),
            int(Qt.AlignmentFlag.AlignLeft),
            small_metrics.elidedText(second, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()
        return None
