"""Attendance as a two-column table: who (with organisation and notes) and the mark, drawn as P / A / X.

Plain `AttendeeRow`s from the roster service; a click on a P, A or X segment (or the key of the same
letter) asks for the mark through `mark_requested`, and the workspace makes the service call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boardapp.core.enums import AttendanceKind, MemberRole
from boardapp.gui.models.rows import RowTableModel
from boardapp.gui.workspace import theme
from boardapp.services.attendance import AttendeeRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
NAME, MARK = 0, 1
HEADERS = ("Member or attendee", "Mark")
AnyIndex = QModelIndex | QPersistentModelIndex

KIND_LABELS = {
    AttendanceKind.PRESENT: "Present",
    AttendanceKind.APOLOGIES: "Apologies",
    AttendanceKind.ABSENT: "Absent",
    AttendanceKind.IN_ATTENDANCE: "In attendance",
}
KIND_COLOURS = {
    AttendanceKind.PRESENT: theme.PRESENT,
    AttendanceKind.APOLOGIES: theme.APOLOGIES,
    AttendanceKind.ABSENT: theme.ABSENT,
    AttendanceKind.IN_ATTENDANCE: theme.IN_ATTENDANCE,
}
SEGMENTS = ((AttendanceKind.PRESENT, "P"), (AttendanceKind.APOLOGIES, "A"), (AttendanceKind.ABSENT, "X"))
ROLE_LABELS = {MemberRole.CHAIR: "Chair", MemberRole.VICE_CHAIR: "Vice-chair", MemberRole.ADVISER: "Adviser"}


class AttendanceModel(RowTableModel[AttendeeRow]):
    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._item_numbers: dict[int, int] = {}

    def set_rows(self, rows: Sequence[AttendeeRow], item_numbers: dict[int, int] | None = None) -> None:
        self._item_numbers = dict(item_numbers or {})
        super().set_rows(rows)

    def row_of(self, person_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.person_id == person_id), -1)

    def counts(self) -> dict[AttendanceKind | None, int]:
        counts: dict[AttendanceKind | None, int] = {}
        for row in self._rows:
            counts[row.kind] = counts.get(row.kind, 0) + 1
        return counts

    def notes_of(self, row: AttendeeRow) -> str:
        """ "Chair · for Stephen Cox · arrived after item 3": the muted line under the organisation."""
        parts = []
        if row.member_role in ROLE_LABELS:
            parts.append(ROLE_LABELS[row.member_role])
        if row.capacity:
            parts.append(row.capacity)
        if row.substitute_for:
            parts.append(f"substitute for {row.substitute_for}")
        if row.arrived_after_item_id is not None:
            parts.append(f"arrived after item {self._item_numbers.get(row.arrived_after_item_id, '?')}")
        if row.left_after_item_id is not None:
            parts.append(f"left after item {self._item_numbers.get(row.left_after_item_id, '?')}")
        return " · ".join(parts)

    # -- QAbstractItemModel ------------------------------------------------------------------------------
    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name if column == NAME else KIND_LABELS.get(row.kind, "") if row.kind else ""
        if role == SORT_ROLE:
            return row.name.casefold() if column == NAME else (row.kind.value if row.kind else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.name, row.organisation, self.notes_of(row)]
            if column == MARK:
                lines = ["P present · A apologies · X absent · Del clears", *lines[:1]]
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.ForegroundRole and column == MARK and row.kind is not None:
            return QColor(KIND_COLOURS[row.kind])
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class NameDelegate(QStyledItemDelegate):
    """The name, then the organisation and any notes in a smaller muted line."""

    PADDING = 5

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(160, metrics.lineSpacing() * 2 + 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row: AttendeeRow | None = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        model = index.model()
        notes = model.notes_of(row) if isinstance(model, AttendanceModel) else ""
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        widget: QWidget | None = option.widget
        painter.save()
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        name_font = QFont(option.font)
        small = QFont(name_font)
        small.setPointSizeF(max(7.0, name_font.pointSizeF() - 1))
        width = rect.width() - 2 * self.PADDING
        name_metrics, small_metrics = QFontMetrics(name_font), QFontMetrics(small)
        top = rect.top() + self.PADDING
        painter.setFont(name_font)
        painter.setPen(text)
        painter.drawText(QRect(rect.left() + self.PADDING, top, width, name_metrics.lineSpacing()),
                         Qt.AlignmentFlag.AlignLeft, name_metrics.elidedText(row.name, Qt.TextElideMode.ElideRight,
                                                                              width))  # fmt: skip
        second = " · ".join(part for part in (row.organisation, notes) if part)
        painter.setFont(small)
        painter.setPen(text if selected else QColor(theme.MUTED_TEXT))
        painter.drawText(QRect(rect.left() + self.PADDING, top + name_metrics.lineSpacing(), width,
                               small_metrics.lineSpacing()), Qt.AlignmentFlag.AlignLeft,
                         small_metrics.elidedText(second, Qt.TextElideMode.ElideRight, width))  # fmt: skip
        painter.restore()
        return None


class MarkDelegate(QStyledItemDelegate):
    """Three segments P / A / X, the current mark filled; a click on one asks for that mark."""

    mark_clicked = Signal(int, object)  # row, AttendanceKind
    SEGMENT = 24
    GAP = 3

    def segment_rects(self, cell: QRect) -> list[tuple[AttendanceKind, QRect]]:
        height = min(22, cell.height() - 8)
        top = cell.top() + (cell.height() - height) // 2
        left = cell.left() + 6
        return [
            (kind, QRect(left + i * (self.SEGMENT + self.GAP), top, self.SEGMENT, height))
            for i, (kind, _letter) in enumerate(SEGMENTS)
        ]

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(12 + 3 * self.SEGMENT + 2 * self.GAP, 30)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row: AttendeeRow | None = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        widget: QWidget | None = option.widget
        painter.save()
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        rect: QRect = option.rect
        if row.kind is AttendanceKind.IN_ATTENDANCE:
            painter.setPen(QColor(theme.IN_ATTENDANCE))
            small = QFont(option.font)
            painter.setFont(small)
            painter.drawText(rect.adjusted(6, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), "In attendance")
            painter.restore()
            return None
        letters = dict(SEGMENTS)
        for kind, segment in self.segment_rects(rect):
            active = row.kind is kind
            colour = QColor(KIND_COLOURS[kind])
            painter.setPen(colour if active else QColor(theme.SEGMENT_BORDER))
            painter.setBrush(colour if active else QColor("#FFFFFF"))
            painter.drawRoundedRect(segment, 4, 4)
            painter.setPen(QColor("#FFFFFF") if active else QColor(theme.MUTED_TEXT))
            painter.drawText(segment, int(Qt.AlignmentFlag.AlignCenter), letters[kind])
        painter.restore()
        return None

    def editorEvent(self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: AnyIndex) -> bool:
        row: AttendeeRow | None = index.data(ROW_ROLE)
        if row is None or row.kind is AttendanceKind.IN_ATTENDANCE:
            return super().editorEvent(event, model, option, index)
        released = event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
        if released and event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            for kind, segment in self.segment_rects(option.rect):
                if segment.contains(event.position().toPoint()):  # type: ignore[attr-defined]
                    self.mark_clicked.emit(index.row(), kind)
                    return True
        return super().editorEvent(event, model, option, index)
