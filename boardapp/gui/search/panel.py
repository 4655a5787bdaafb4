"""The search box and its results panel.

`SearchBox` is the line edit in the toolbar; `ResultsView` the list of results; `SearchPanel`
the dock's contents: filters (board, dates), a one-line summary and the results. They only
show and report; `SearchController` (controller.py) runs the searches.

Keyboard: Down in the box moves into the results, Up on the first result goes back to the box,
Enter (or a double-click) opens a result, Esc closes the panel from either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.search.delegate import ResultDelegate
from boardapp.gui.search.model import HIT_ROLE, ROW_KIND_ROLE, RowKind, SearchResultsModel
from boardapp.services.search import SearchResults

AnyIndex = QModelIndex | QPersistentModelIndex

PLACEHOLDER = "Search minutes, actions, plans…"
HINT = (
    "Search the minutes, decisions, actions, agenda items, plans, recommendations and KPIs of every board. "
    "Put a phrase in “quotes”; end a word with * to find words that begin with it."
)
CONFIDENTIAL_NOTE = "Part II results are confidential."


class DateRange:
    ANY = "any"
    YEAR = "year"
    THREE_YEARS = "three_years"
    CHOSEN = "chosen"


@dataclass(frozen=True)
class SearchFilters:
    board_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def active(self) -> bool:
        return self.board_id is not None or self.date_from is not None or self.date_to is not None


def search_icon(colour: str = style.MUTED_TEXT) -> QIcon:
    """A small magnifying glass, drawn (the app ships no icon theme)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 1.6)
    painter.setPen(pen)
    painter.drawEllipse(2, 2, 8, 8)
    pen.setWidthF(2.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(10, 10, 14, 14)
    painter.end()
    return QIcon(pixmap)


class SearchBox(QLineEdit):
    """The one search box; says which keys it hands on."""

    down_pressed = Signal()
    enter_pressed = Signal()
    escape_pressed = Signal()
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setPlaceholderText(PLACEHOLDER)
        self.setClearButtonEnabled(True)
        self.setToolTip("Search everything (Ctrl+K, or Ctrl+F outside text boxes)")
        self.addAction(search_icon(), QLineEdit.ActionPosition.LeadingPosition)
        self.setMinimumWidth(300)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if key == Qt.Key.Key_Down and plain:
            self.down_pressed.emit()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.enter_pressed.emit()
        elif key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.TabFocusReason):
            self.focused.emit()  # clicked or tabbed into: show its results again


class ResultsView(QListView):
    """The results list: the cursor skips the kind headers; Enter opens, Esc closes, Up leaves."""

    open_requested = Signal(QModelIndex)
    escape_pressed = Signal()
    leave_up = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchResults")
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setMouseTracking(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.doubleClicked.connect(self.open_requested)

    def selectable_rows(self) -> list[int]:
        model = self.model()
        if model is None:
            return []
        return [r for r in range(model.rowCount()) if model.index(r, 0).data(ROW_KIND_ROLE) is not RowKind.HEADER]

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is None:
            return
        index = model.index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        rows = self.selectable_rows()
        model = self.model()
        if not rows or model is None:
            return QModelIndex()
        current = self.currentIndex().row() if self.currentIndex().isValid() else -1
        up = (QAbstractItemView.CursorAction.MoveUp, QAbstractItemView.CursorAction.MovePrevious)
        down = (QAbstractItemView.CursorAction.MoveDown, QAbstractItemView.CursorAction.MoveNext)
        if action in up:
            before = [r for r in rows if r < current]
            return model.index(before[-1] if before else rows[0], 0)
        if action in down:
            after = [r for r in rows if r > current]
            return model.index(after[0] if after else rows[-1], 0)
        if action is QAbstractItemView.CursorAction.MoveHome:
            return model.index(rows[0], 0)
        if action is QAbstractItemView.CursorAction.MoveEnd:
            return model.index(rows[-1], 0)
        moved = super().moveCursor(action, modifiers)
        if moved.isValid() and moved.row() not in rows:  # a page jump landed on a header: the hit below it
            after = [r for r in rows if r > moved.row()]
            return model.index(after[0] if after else rows[-1], 0)
        return moved

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self.open_requested.emit(self.currentIndex())
            return
        if key == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        if key == Qt.Key.Key_Up and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            rows = self.selectable_rows()
            if not rows or self.currentIndex().row() <= rows[0]:
                self.leave_up.emit()
                return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Filters, summary and results: the search dock's contents."""

    open_requested = Signal(object)  # SearchHit
    more_requested = Signal(object)  # SearchGroup whose every match is wanted
    filters_changed = Signal()
    escape_pressed = Signal()
    leave_up = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.today = today
        self._loading = False
        self.model = SearchResultsModel(self)

        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("searchBoard")
        self.board_combo.setToolTip("Search one board, or all of them")
        self.board_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.board_combo.setMinimumContentsLength(14)
        self.board_combo.addItem("All boards", None)
        self.date_combo = QComboBox(self)
        self.date_combo.setObjectName("searchDates")
        self.date_combo.setToolTip("Meetings (and reviews) in this period; plan items and KPIs have no date")
        for label, value in (
            ("Any date", DateRange.ANY),
            ("Past 12 months", DateRange.YEAR),
            ("Past 3 years", DateRange.THREE_YEARS),
            ("Between dates…", DateRange.CHOSEN),
        ):
            self.date_combo.addItem(label, value)
        self.date_from = self._date_edit("searchDateFrom", "From (inclusive)")
        self.date_to = self._date_edit("searchDateTo", "To (inclusive)")
        self.dates_row = QWidget(self)
        dates = QHBoxLayout(self.dates_row)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.addWidget(QLabel("From", self.dates_row))
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel("to", self.dates_row))
        dates.addWidget(self.date_to, 1)
        self.dates_row.hide()

        self.summary = QLabel(HINT, self)
        self.summary.setObjectName("searchSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {style.MUTED_TEXT};")
        self.view = ResultsView(self)
        self.view.setModel(self.model)
        self.view.open_requested.connect(self._open_index)
        self.view.escape_pressed.connect(self.escape_pressed)
        self.view.leave_up.connect(self.leave_up)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.board_combo, 3)
        filters.addWidget(self.date_combo, 2)
        top = QVBoxLayout()
        top.setContentsMargins(10, 8, 10, 4)
        top.setSpacing(6)
        top.addLayout(filters)
        top.addWidget(self.dates_row)
        top.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        self.top = top
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setStyleSheet("color: #E0E0E0;")
        layout.addWidget(line)
        layout.addWidget(self.view, 1)

        self.board_combo.currentIndexChanged.connect(self._changed)
        self.date_combo.currentIndexChanged.connect(self._dates_chosen)
        self.date_from.dateChanged.connect(self._changed)
        self.date_to.dateChanged.connect(self._changed)

    def _date_edit(self, name: str, tip: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setToolTip(tip)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    # -- filters -------------------------------------------------------------------------------------------
    def set_boards(self, boards: Iterable[tuple[int, str]]) -> None:
        """The boards to choose from, keeping the one chosen if it is still there."""
        chosen = self.board_combo.currentData()
        self._loading = True
        try:
            self.board_combo.clear()
            self.board_combo.addItem("All boards", None)
            for board_id, name in boards:
                self.board_combo.addItem(name, board_id)
            self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(chosen)))
        finally:
            self._loading = False
        if self.board_combo.currentData() != chosen:
            self.filters_changed.emit()

    def set_board(self, board_id: int | None) -> None:
        self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(board_id)))

    def set_date_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """Choose "Between dates…" with these dates (None: back to any date)."""
        if first is None and last is None:
            self.date_combo.setCurrentIndex(self.date_combo.findData(DateRange.ANY))
            return
        self._loading = True
        try:
            today = self.today()
            self.date_from.setDate(_qdate(first or dt.date(today.year - 10, 1, 1)))
            self.date_to.setDate(_qdate(last or today))
        finally:
            self._loading = False
        if self.date_combo.currentData() == DateRange.CHOSEN:
            self._changed()
        else:
            self.date_combo.setCurrentIndex(self.date_combo.findData(DateRange.CHOSEN))

    def filters(self) -> SearchFilters:
        today = self.today()
        board_id = self.board_combo.currentData()
        chosen = self.date_combo.currentData()
        if chosen == DateRange.YEAR:
            return SearchFilters(board_id, _years_before(today, 1), today)
        if chosen == DateRange.THREE_YEARS:
            return SearchFilters(board_id, _years_before(today, 3), today)
        if chosen == DateRange.CHOSEN:
            return SearchFilters(board_id, _pydate(self.date_from.date()), _pydate(self.date_to.date()))
        return SearchFilters(board_id)

    def _dates_chosen(self) -> None:
        chosen = self.date_combo.currentData() == DateRange.CHOSEN
        if chosen and not self.dates_row.isVisible():
            today = self.today()
            self._loading = True
            try:
                if self.date_to.date() == QDate(2000, 1, 1):  # never set: a year to today
                    self.date_from.setDate(_qdate(_years_before(today, 1)))
                    self.date_to.setDate(_qdate(today))
            finally:
                self._loading = False
        self.dates_row.setVisible(chosen)
        self._changed()

    def _changed(self) -> None:
        if not self._loading:
            self.filters_changed.emit()

    # -- results -------------------------------------------------------------------------------------------
    def wanted_height(self, width: int, most: int = 2000) -> int:
        """The height that shows the filters and every row (or `most`), at this width."""
        scrollbar = self.view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self.view)
        self.view.delegate.measure_width = width - 2 - scrollbar  # the popup's frame, room for a scroll bar
        rows = 0
        try:
            for row in range(self.model.rowCount()):
                rows += self.view.sizeHintForRow(row)
                if rows > most:
                    break
        finally:
            self.view.delegate.measure_width = 0
        top = self.top.totalHeightForWidth(width - 2) if self.top.hasHeightForWidth() else -1
        return max(top, self.top.sizeHint().height()) + 1 + (rows + 4 if rows else 0)

    def show_hint(self) -> None:
        self.model.set_results(SearchResults(query=""))
        self.summary.setText(HINT)

    def show_message(self, text: str) -> None:
        self.summary.setText(text)

    def show_results(self, results: SearchResults, *, keep: object = None) -> None:
        """Show `results`; the hit equal to `keep` (the one chosen before a refresh) stays chosen."""
        self.model.set_results(results)
        self.summary.setText(summary_text(results, self.filters()))
        rows = self.model.hit_rows()
        if keep is not None:
            again = [r for r in rows if _same_hit(self.model.hit_at(r), keep)]
            if again:
                self.view.select_row(again[0])
                return
        self.view.scrollToTop()

    def current_hit(self) -> object:
        index = self.view.currentIndex()
        return index.data(HIT_ROLE) if index.isValid() else None

    def enter_results(self) -> bool:
        """Focus the results on the current one (the first if none): Down from the box."""
        rows = self.view.selectable_rows()
        if not rows:
            return False
        current = self.view.currentIndex()
        if not current.isValid() or current.row() not in rows:
            self.view.select_row(rows[0])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def open_current_or_first(self) -> bool:
        """Enter in the box: open the chosen result, or the first."""
        index = self.view.currentIndex()
        if not index.isValid():
            rows = self.view.selectable_rows()
            if not rows:
                return False
            self.view.select_row(rows[0])
            index = self.view.currentIndex()
        self._open_index(index)
        return True

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is None:
            return
        if row.kind is RowKind.MORE:
            self.more_requested.emit(row.group)
        elif row.hit is not None:
            self.open_requested.emit(row.hit)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    """QDate.toPython() is typed as returning `object`; this says what it is."""
    return dt.date(day.year(), day.month(), day.day())


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _same_hit(hit: object, other: object) -> bool:
    return (
        hit is not None
        and other is not None
        and getattr(hit, "kind", None) == getattr(other, "kind", None)
        and getattr(hit, "id", None) == getattr(other, "id", None)
    )


def summary_text(results: SearchResults, filters: SearchFilters) -> str:
    if results.is_empty:
        if not results.match:
            return "Type a word to search for."
        where = " with these filters" if filters.active else ""
        return f"Nothing found for “{results.query.strip()}”{where}."
    total = results.total  # counted up to COUNT_CAP per kind: "1,000+ results" beyond it
    text = f"{results.total_text} result{'s' if total != 1 or results.total_is_capped else ''}"
    if any(hit.confidential for hit in results.hits):
        text += f" · {CONFIDENTIAL_NOTE}"
    return text


__all__ = [
    "DateRange",
    "ResultsView",
    "SearchBox",
    "SearchFilters",
    "SearchPanel",
    "search_icon",
    "summary_text",
]
