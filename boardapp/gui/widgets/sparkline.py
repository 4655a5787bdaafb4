"""A KPI's values over time as a small line, with its target as a dashed rule.

`paint_sparkline` draws into any rectangle, so the same trend appears in a table cell
(`SparklineDelegate`) and as a widget (`Sparkline`). Points are spaced by date, not by index,
so a gap in reporting shows as a gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boardapp.gui import style

SERIES_ROLE = Qt.ItemDataRole.UserRole + 8
"""A model returns a `Trend` under this role for the delegate to draw."""

LINE_COLOUR = style.ACCENT
TARGET_COLOUR = "#7F7F7F"


class Trend:
    """What a sparkline shows: dated values, an optional target and the colour of the last point."""

    def __init__(self, points: Sequence[tuple[dt.date, float]], target: float | None = None,
                 last_colour: str = LINE_COLOUR) -> None:  # fmt: skip
        self.points = list(points)
        self.target = target
        self.last_colour = last_colour


def plot_points(trend: Trend, rect: QRectF) -> list[QPointF]:
    """Where each value goes in `rect`: x by date, y by value (the target kept in range too)."""
    if not trend.points:
        return []
    values = [v for _, v in trend.points] + ([trend.target] if trend.target is not None else [])
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    first, last = trend.points[0][0], trend.points[-1][0]
    span = (last - first).days or 1
    found = []
    for day, value in trend.points:
        x = rect.left() + (rect.width() * (day - first).days / span if len(trend.points) > 1 else rect.width() / 2)
        y = rect.bottom() - rect.height() * (value - low) / (high - low)
        found.append(QPointF(x, y))
    return found


def _target_y(trend: Trend, rect: QRectF) -> float | None:
    if trend.target is None or not trend.points:
        return None
    values = [v for _, v in trend.points] + [trend.target]
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    return rect.bottom() - rect.height() * (trend.target - low) / (high - low)


def paint_sparkline(painter: QPainter, rect: QRect | QRectF, trend: Trend) -> None:
    area = QRectF(rect).adjusted(3, 3, -3, -3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    target_y = _target_y(trend, area)
    if target_y is not None:
        painter.setPen(QPen(QColor(TARGET_COLOUR), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(area.left(), target_y), QPointF(area.right(), target_y))
    points = plot_points(trend, area)
    if len(points) > 1:
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(QPen(QColor(LINE_COLOUR), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    if points:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(trend.last_colour))
        painter.drawEllipse(points[-1], 2.8, 2.8)
    painter.restore()


class Sparkline(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend = Trend([])
        self.setMinimumSize(80, 24)

    def set_trend(self, trend: Trend) -> None:
        self.trend = trend
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 60)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_sparkline(painter, self.rect(), self.trend)
        painter.end()


class SparklineDelegate(QStyledItemDelegate):
    """Draws the `Trend` a model gives under `SERIES_ROLE`; cells without one are drawn as usual."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        trend = index.data(SERIES_ROLE)
        if not isinstance(trend, Trend) or not trend.points:
            super().paint(painter, option, index)
            return
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        paint_sparkline(painter, option.rect, trend)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(110, 26)
