"""The workspace's agenda list: one row per item with its number, times, presenters and Part II mark.

The model holds plain `AgendaRow`s built from the meeting detail and the agenda timing; it never
writes. Dropping a dragged row asks for a move through `move_requested`, which the workspace turns
into the `move_item` service call; the rows come back renumbered through the `changed` broadcast.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boardapp.core.enums import StandingKind
from boardapp.gui.workspace import theme
from boardapp.services.agenda import AgendaTiming
from boardapp.services.meetings import ItemDetail, MeetingDetail, time_label

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-boardapp-agenda-item"
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AgendaRow:
    id: int
    number: int
    title: str
    presenters: tuple[str, ...]
    purpose: str  # "For decision", or ""
    minutes_allowed: int | None
    starts: dt.time | None
    standing_kind: StandingKind
    is_exempt: bool
    exempt_paragraph: str
    paper_count: int

    @property
    def meta(self) -> str:
        """ "2.40 pm · 15 min · Natasha Wright": the muted second line."""
        parts = []
        if self.starts is not None:
            parts.append(time_label(self.starts))
        if self.minutes_allowed:
            parts.append(f"{self.minutes_allowed} min")
        if self.presenters:
            parts.append(", ".join(self.presenters))
        return " · ".join(parts)

    @property
    def exempt_label(self) -> str:
        if not self.is_exempt:
            return ""
        return f"Part II ¶{self.exempt_paragraph}" if self.exempt_paragraph else "Part II"


def agenda_rows(detail: MeetingDetail, timing: AgendaTiming) -> list[AgendaRow]:
    """Rows in agenda order; start times only when some item has a time allowed (else they would all match)."""
    starts = {t.item_id: t.starts for t in timing.items} if timing.total_minutes else {}
    return [_row(item, starts.get(item.id)) for item in detail.items]


def _row(item: ItemDetail, starts: dt.time | None) -> AgendaRow:
    return AgendaRow(
        id=item.id,
        number=item.number,
        title=item.title,
        presenters=item.presenters,
        purpose=item.purpose_label,
        minutes_allowed=item.minutes_allowed,
        starts=starts,
        standing_kind=item.standing_kind,
        is_exempt=item.is_exempt,
        exempt_paragraph=item.exempt_paragraph,
        paper_count=len(item.papers),
    )


def duration_label(minutes: int) -> str:
    """ "1 h 55 min", "40 min", "2 h"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


class AgendaModel(QAbstractListModel):
    move_requested = Signal(int, int)  # item id, new 1-based position

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AgendaRow] = []
        self.timed_item_id: int | None = None  # the item whose timer is running, drawn with a mark

    def set_rows(self, rows: list[AgendaRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[AgendaRow]:
        return list(self._rows)

    def row_of(self, item_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == item_id), -1)

    def set_timed_item(self, item_id: int | None) -> None:
        if item_id == self.timed_item_id:
            return
        changed = [self.row_of(i) for i in (self.timed_item_id, item_id) if i is not None]
        self.timed_item_id = item_id
        for row in changed:
            if row >= 0:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    # -- QAbstractItemModel ------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.number}. {row.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{row.number}. {row.title}", row.meta, row.purpose]
            if row.is_exempt:
                lines.append(f"{row.exempt_label}: exempt business, kept out of public versions")
            if row.paper_count:
                lines.append(f"{row.paper_count} paper(s)")
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return " · ".join(part for part in (row.meta, row.exempt_label) if part)
        if role == ROW_ROLE:
            return row
        if role == ITEM_ID_ROLE:
            return row.id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    # -- drag and drop: the model only asks for a move -------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            data.setData(MIME_TYPE, QByteArray(str(self._rows[rows[0]].id).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        """Work out the new position and ask for the move; the view's own row shuffling is not used."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            item_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return False
        source = self.row_of(item_id)
        if source < 0:
            return False
        target = row if row >= 0 else (parent.row() if parent.isValid() else len(self._rows))
        new_position = target if target > source else target + 1  # rows above the gap shift up
        new_position = max(1, min(new_position, len(self._rows)))
        if new_position != source + 1:
            # Later, not inside the view's drop handling: the move resets this model.
            QTimer.singleShot(0, lambda: self.move_requested.emit(item_id, new_position))
        return False  # nothing for the view to remove: the store moves the item


class AgendaDelegate(QStyledItemDelegate):
    """Number, title (up to two lines), a muted line of times and presenters, and a Part II tag."""

    PADDING = 6
    NUMBER_WIDTH = 26

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        meta = QFont(option.font)
        meta.setPointSizeF(max(7.0, title.pointSizeF() - 1))
        return title, meta

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        row = index.data(ROW_ROLE)
        title_font, meta_font = self._fonts(option)
        width = option.rect.width() or 260
        text_width = max(40, width - self.NUMBER_WIDTH - 2 * self.PADDING)
        title_metrics = QFontMetrics(title_font)
        title_height = min(
            title_metrics.boundingRect(QRect(0, 0, text_width, 10_000), _WRAP, row.title if row else "").height(),
            title_metrics.lineSpacing() * 2,
        )
        meta_height = QFontMetrics(meta_font).lineSpacing()
        return QSize(width, title_height + meta_height + 2 * self.PADDING + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row: AgendaRow | None = index.data(ROW_ROLE)
        if row is None:
            return super().paint(painter, option, index)
        rect: QRect = option.rect
        state = option.state
        palette: QPalette = option.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        widget: QWidget | None = option.widget
        style_ = widget.style() if widget is not None else None
        if style_ is not None:
            style_.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        text_colour = palette.color(
            QPalette.ColorGroup.Active if selected else QPalette.ColorGroup.Normal,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        muted = text_colour if selected else QColor(theme.MUTED_TEXT)
        title_font, meta_font = self._fonts(option)
        left = rect.left() + self.PADDING
        top = rect.top() + self.PADDING
        number_font = QFont(title_font)
        number_font.setBold(True)
        painter.setFont(number_font)
        painter.setPen(text_colour if selected else QColor(theme.ACCENT))
        painter.drawText(QRect(left, top, self.NUMBER_WIDTH, QFontMetrics(title_font).lineSpacing()),
                         Qt.AlignmentFlag.AlignLeft, str(row.number))  # fmt: skip
        text_left = left + self.NUMBER_WIDTH
        text_width = rect.right() - self.PADDING - text_left
        title_metrics = QFontMetrics(title_font)
        title_height = min(
            title_metrics.boundingRect(QRect(0, 0, text_width, 10_000), _WRAP, row.title).height(),
            title_metrics.lineSpacing() * 2,
        )
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_rect = QRect(text_left, top, text_width, title_height)
        title = row.title
        if title_metrics.boundingRect(QRect(0, 0, text_width, 10_000), _WRAP, title).height() > title_height:
            title = title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, text_width * 2 - 20)
        painter.drawText(title_rect, _WRAP, title)
        meta_top = top + title_height + 2
        meta_metrics = QFontMetrics(meta_font)
        painter.setFont(meta_font)
        x = text_left
        if self._is_timed(index):
            painter.setPen(text_colour if selected else QColor(theme.TIMER_RUNNING))
            tag = "● timing"
            painter.drawText(
                QRect(x, meta_top, text_width, meta_metrics.lineSpacing()), Qt.AlignmentFlag.AlignLeft, tag
            )
            x += meta_metrics.horizontalAdvance(tag + "  ")
        if row.is_exempt:
            tag = row.exempt_label
            tag_width = meta_metrics.horizontalAdvance(tag) + 8
            tag_rect = QRect(x, meta_top, tag_width, meta_metrics.lineSpacing())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.EXEMPT_BACKGROUND))
            painter.drawRoundedRect(tag_rect, 3, 3)
            painter.setPen(QColor(theme.OVERDUE_TEXT))
            painter.drawText(tag_rect, Qt.AlignmentFlag.AlignCenter, tag)
            x += tag_width + 6
        painter.setPen(muted)
        meta = meta_metrics.elidedText(row.meta, Qt.TextElideMode.ElideRight, max(0, rect.right() - self.PADDING - x))
        painter.drawText(QRect(x, meta_top, rect.right() - x, meta_metrics.lineSpacing()), Qt.AlignmentFlag.AlignLeft,
                         meta)  # fmt: skip
        painter.restore()
        return None

    def _is_timed(self, index: AnyIndex) -> bool:
        model = index.model()
        return isinstance(model, AgendaModel) and model.timed_item_id == index.data(ITEM_ID_ROLE)


_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
