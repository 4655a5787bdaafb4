"""How a search result row is drawn: kind headers, hits (badge, title, date, snippet, where), "show all".

A hit takes three lines: the Part II badge when confidential and the title, with the meeting's
date on the right; the snippet (up to two lines, matches in bold); where it lives (item, board)
in muted text. Everything is painted from the model's roles, so the model stays plain data.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QFontMetrics, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from boardapp.gui import style
from boardapp.gui.search.model import (
    CONFIDENTIAL_ROLE,
    DATE_ROLE,
    GROUP_ROLE,
    HIT_ROLE,
    HTML_ROLE,
    META_ROLE,
    ROW_KIND_ROLE,
    RowKind,
)
from boardapp.services.search import CONFIDENTIAL_LABEL

AnyIndex = QModelIndex | QPersistentModelIndex

PAD_X = 12
PAD_Y = 7
GAP = 3
SNIPPET_LINES = 2
MIN_WIDTH = 120
BADGE_COLOUR = style.OVERDUE_TEXT
SEPARATOR = "#E8E8E8"
SNIPPET_COLOUR = "#303030"


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.measure_width = 0  # set while measuring the rows for a width the view does not have yet

    # -- sizes ---------------------------------------------------------------------------------------------
    def _width(self) -> int:
        """The width rows are laid out at: the view's, less a scroll bar whether one shows or not.

        A list gives every row the viewport's width, which narrows when the scroll bar appears
        after the rows were measured; measuring and painting at this one width keeps them equal.
        """
        if self.measure_width > 0:
            return max(self.measure_width, 160)
        scrollbar = self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.view)
        return max(self.view.width() - 2 * self.view.frameWidth() - scrollbar, 160)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """The height at the width the row will have; the width asked for is small, so no row widens the list."""
        kind = index.data(ROW_KIND_ROLE)
        font = option.font
        width = self._width()
        if kind is RowKind.HEADER:
            return QSize(MIN_WIDTH, 12 + QFontMetrics(_scaled(font, 0.9, bold=True)).height() + 5)
        if kind is RowKind.MORE:
            return QSize(MIN_WIDTH, 2 * PAD_Y + QFontMetrics(font).height())
        height = PAD_Y + QFontMetrics(_scaled(font, 1.0, bold=True)).height()
        snippet = self._snippet(index, font, width)
        if snippet is not None:
            height += GAP + self._snippet_height(snippet, font)
        height += GAP + QFontMetrics(_scaled(font, 0.9)).height() + PAD_Y
        return QSize(MIN_WIDTH, height)

    def _snippet(self, index: AnyIndex, font: QFont, width: int) -> QTextDocument | None:
        html = index.data(HTML_ROLE)
        if not html:
            return None
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(font)
        document.setHtml(html)
        document.setTextWidth(width - 2 * PAD_X)
        return document

    @staticmethod
    def _snippet_height(document: QTextDocument, font: QFont) -> int:
        """The height of the snippet's first SNIPPET_LINES lines, as laid out (whole lines only)."""
        document.size()  # lays the document out: its lines exist only then
        layout = document.firstBlock().layout()
        if layout is None or layout.lineCount() == 0 or document.blockCount() != 1:
            most = QFontMetrics(font).lineSpacing() * SNIPPET_LINES
            return int(min(document.size().height(), most))
        last = layout.lineAt(min(layout.lineCount(), SNIPPET_LINES) - 1)
        return int(layout.position().y() + last.y() + last.height() + 0.999)

    # -- painting ------------------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        kind = index.data(ROW_KIND_ROLE)
        painter.save()
        try:
            if kind is RowKind.HEADER:
                self._paint_header(painter, option, index)
            else:
                self._paint_background(painter, option)
                if kind is RowKind.MORE:
                    self._paint_more(painter, option, index)
                else:
                    self._paint_hit(painter, option, index)
        finally:
            painter.restore()

    def _paint_background(self, painter: QPainter, option: QStyleOptionViewItem) -> None:
        plain = QStyleOptionViewItem(option)
        plain.text = ""
        plain.features = QStyleOptionViewItem.ViewItemFeature.None_
        widget: QWidget | None = option.widget
        style_ = widget.style() if widget is not None else None
        if style_ is not None:
            style_.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, plain, painter, widget)
        if not option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QColor(SEPARATOR))
            bottom = option.rect.bottom()
            painter.drawLine(option.rect.left() + PAD_X, bottom, option.rect.right() - PAD_X, bottom)

    @staticmethod
    def _colours(option: QStyleOptionViewItem) -> tuple[QColor, QColor]:
        """(text, muted) colours, readable on the selection highlight too."""
        if option.state & QStyle.StateFlag.State_Selected:
            group = (
                QPalette.ColorGroup.Active
                if option.state & QStyle.StateFlag.State_Active
                else QPalette.ColorGroup.Inactive
            )
            text = option.palette.color(group, QPalette.ColorRole.HighlightedText)
            return text, text
        return option.palette.color(QPalette.ColorRole.Text), QColor(style.MUTED_TEXT)

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        group = index.data(GROUP_ROLE)
        rect = option.rect.adjusted(PAD_X, 12, -PAD_X, -5)
        font = _scaled(option.font, 0.9, bold=True)
        font.setCapitalization(QFont.Capitalization.AllUppercase)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        painter.setFont(font)
        painter.setPen(QColor(style.ACCENT))
        label = group.label if group is not None else ""
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
        if group is not None:
            shown = len(group.hits)
            count = group.total_text if shown >= group.total else f"{shown} of {group.total_text}"
            muted = _scaled(option.font, 0.9)
            painter.setFont(muted)
            painter.setPen(QColor(style.MUTED_TEXT))
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)

    def _paint_more(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        text, _muted = self._colours(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(text if selected else QColor(style.ACCENT))
        painter.setFont(option.font)
        rect = option.rect.adjusted(PAD_X, 0, -PAD_X, 0)
        label = f"{index.data(Qt.ItemDataRole.DisplayRole)} ›"
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)

    def _paint_hit(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        text, muted = self._colours(option)
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        title_font = _scaled(option.font, 1.0, bold=True)
        title_metrics = QFontMetrics(title_font)
        line = QRect(rect.left(), rect.top(), rect.width(), title_metrics.height())
        left = line.left()

        # The date on the right of the title line.
        date = index.data(DATE_ROLE) or ""
        small = _scaled(option.font, 0.9)
        if date:
            painter.setFont(small)
            painter.setPen(muted)
            painter.drawText(line, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, date)
            line.setRight(line.right() - QFontMetrics(small).horizontalAdvance(date) - 10)

        # The Part II badge, before the title, wherever a confidential result is shown.
        if index.data(CONFIDENTIAL_ROLE):
            badge_font = _scaled(option.font, 0.8, bold=True)
            metrics = QFontMetrics(badge_font)
            width = metrics.horizontalAdvance(CONFIDENTIAL_LABEL) + 10
            badge = QRectF(left, line.center().y() - metrics.height() / 2 - 1, width, metrics.height() + 2)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(BADGE_COLOUR))
            painter.drawRoundedRect(badge, 3, 3)
            painter.setFont(badge_font)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, CONFIDENTIAL_LABEL)
            left += width + 8

        hit = index.data(HIT_ROLE)
        title = hit.title if hit is not None else ""
        painter.setFont(title_font)
        painter.setPen(text)
        title_rect = QRect(left, line.top(), max(0, line.right() - left), line.height())
        elided = title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        top = line.bottom() + 1 + GAP

        # The snippet, matches in bold, at most two lines.
        snippet = self._snippet(index, option.font, self._width())
        if snippet is not None:
            height = self._snippet_height(snippet, option.font)
            painter.save()
            painter.translate(rect.left(), top)
            clip = QRectF(0, 0, rect.width(), height)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            context.palette.setColor(QPalette.ColorRole.Text, text if selected else QColor(SNIPPET_COLOUR))
            snippet.documentLayout().draw(painter, context)
            painter.restore()
            top += height + GAP

        # Where it lives.
        meta = index.data(META_ROLE) or ""
        if meta:
            metrics = QFontMetrics(small)
            painter.setFont(small)
            painter.setPen(muted)
            meta_rect = QRect(rect.left(), top, rect.width(), metrics.height())
            painter.drawText(
                meta_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()),
            )


__all__ = ["ResultDelegate"]
