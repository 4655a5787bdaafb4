"""A stacked bar of status counts in the scale's own colours: how a key area stands at a glance.

`paint_status_bar` does the drawing so the same bar appears as a widget (`StatusCountBar`) and
inside a table cell (`StatusBarDelegate`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boardapp.services.plan_status import StatusCount

UNRATED_COLOUR = "#D9D9D9"
BAR_HEIGHT = 12
COUNTS_ROLE = Qt.ItemDataRole.UserRole + 7
"""A model returns the tuple of `StatusCount` under this role for the delegate to draw."""


def segments(counts: Sequence[StatusCount]) -> list[tuple[str, int, str]]:
    """(colour, count, label) of each non-empty segment, in scale order, not rated last."""
    return [(c.level.colour if c.level else UNRATED_COLOUR, c.count, c.label) for c in counts if c.count]


def describe(counts: Sequence[StatusCount]) -> str:
    parts = [f"{c.label}: {c.count}" for c in counts if c.count]
    return "\n".join(parts) if parts else "Nothing rated"


def paint_status_bar(painter: QPainter, rect: QRect | QRectF, counts: Sequence[StatusCount]) -> None:
    """Fill `rect` with one segment per status, widths in proportion to the counts."""
    parts = segments(counts)
    total = sum(n for _, n, _ in parts)
    area = QRectF(rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    if total == 0:
        painter.setPen(QPen(QColor(UNRATED_COLOUR), 1, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(area.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.restore()
        return
    x = area.left()
    painter.setPen(Qt.PenStyle.NoPen)
    for index, (colour, count, _) in enumerate(parts):
        width = area.width() * count / total if index < len(parts) - 1 else area.right() - x
        painter.setBrush(QColor(colour))
        painter.drawRect(QRectF(x, area.top(), width, area.height()))
        x += width
    painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(area.adjusted(0.5, 0.5, -0.5, -0.5))
    painter.restore()


class StatusCountBar(QWidget):
    """A small stacked bar; the tooltip lists the counts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: tuple[StatusCount, ...] = ()
        self.setMinimumSize(60, BAR_HEIGHT)

    def set_counts(self, counts: Sequence[StatusCount]) -> None:
        self._counts = tuple(counts)
        self.setToolTip(describe(self._counts))
        self.update()

    def counts(self) -> tuple[StatusCount, ...]:
        return self._counts

    def sizeHint(self) -> QSize:
        return QSize(180, BAR_HEIGHT + 4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect()
        top = (rect.height() - BAR_HEIGHT) // 2
        paint_status_bar(painter, QRect(rect.left(), top, rect.width(), BAR_HEIGHT), self._counts)
        painter.end()


class StatusBarDelegate(QStyledItemDelegate):
    """Draws the counts a model gives under `COUNTS_ROLE` as a bar filling the cell."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        counts = index.data(COUNTS_ROLE)
        if not counts:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:  # selection and focus backgrounds, as any cell has them
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(6, 0, -6, 0)
        top = rect.top() + (rect.height() - BAR_HEIGHT) // 2
        paint_status_bar(painter, QRect(rect.left(), top, rect.width(), BAR_HEIGHT), counts)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(160, BAR_HEIGHT + 8)
