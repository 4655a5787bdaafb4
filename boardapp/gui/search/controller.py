"""The search box in the main window's toolbar, its results popup, its shortcuts, and the searches.

    search = SearchController(window)        # adds the toolbar box, the results popup and the shortcuts
    view_menu.addAction(search.action)       # "Search everything…  Ctrl+K"
    search.open_requested.connect(...)       # a SearchHit to show (see navigate.open_hit)

Ctrl+K opens the box from anywhere; Ctrl+F does too, except in a text box (where it may mean
something to the text) or inside a page that has a Find of its own (the action log's filter).
Typing searches after a 150 ms pause; changing a filter, or Enter, searches at once. When the
data changes, a visible search is run again so its results stay true.

The results drop down under the box, over the page (they do not squeeze the navigator and the
page aside), and go when a result is opened, on Esc, or when the focus moves elsewhere. Ctrl+K
brings them back as they were, the result chosen last still chosen, so going through the
results one after another is Ctrl+K, Down, Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui.search.panel import SearchBox, SearchPanel
from boardapp.services.changes import Changes
from boardapp.services.search import SearchGroup, SearchResults
from boardapp.services.search_view import SHOW_ALL_LIMIT, SearchFailed, search_for_box

if TYPE_CHECKING:
    from boardapp.gui.main_window import MainWindow

DEBOUNCE_MS = 150
POPUP_WIDTH = 470
POPUP_MARGIN = 12  # from the window's bottom edge


def is_text_editor(widget: QWidget | None) -> bool:
    """Whether keys typed in `widget` edit text (there Ctrl+F is left to the widget)."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly()
    return isinstance(widget, QAbstractSpinBox)


def has_own_find(widget: QWidget | None, top: QWidget) -> bool:
    """Whether `widget` or a container of it (below `top`) has an enabled Find shortcut of its own."""
    find = QKeySequence(QKeySequence.StandardKey.Find)
    local = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    current = widget
    while current is not None and current is not top:
        for shortcut in current.findChildren(QShortcut, options=Qt.FindChildOption.FindDirectChildrenOnly):
            reaches = shortcut.context() is Qt.ShortcutContext.WidgetWithChildrenShortcut or current is widget
            if shortcut.isEnabled() and shortcut.key() == find and shortcut.context() in local and reaches:
                return True
        for action in current.actions():
            if action.isEnabled() and find in action.shortcuts() and action.shortcutContext() in local:
                return True
        current = current.parentWidget()
    return False


class ResultsPopup(QFrame):
    """The panel's frame: a child of the main window laid over the page, under the search box."""

    def __init__(self, panel: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("searchPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("QFrame#searchPopup { background: #FFFFFF; border: 1px solid #BFC7D1; border-radius: 4px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(panel)
        self.hide()


class SearchController(QObject):
    open_requested = Signal(object)  # SearchHit

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.results = SearchResults(query="")
        self.expanded: set[object] = set()  # kinds whose "show all" was chosen, for this query
        self._last_query = ""
        self._return_focus: QWidget | None = None

        self.box = SearchBox(window)
        self.box.setFixedWidth(POPUP_WIDTH - 40)
        self.toolbar = QToolBar("Search", window)
        self.toolbar.setObjectName("searchToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setEnabled(False)  # the one way to search: keep it there
        self.toolbar.setStyleSheet("QToolBar#searchToolBar { border: none; padding: 3px 8px; spacing: 0; }")
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.box)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        self.panel = SearchPanel(today=lambda: window.today)
        self.popup = ResultsPopup(self.panel, window)
        window.installEventFilter(self)  # keeps the popup under the box when the window is resized

        self.action = QAction("&Search everything…", window)
        self.action.setObjectName("searchAction")
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.action.setToolTip("Search minutes, decisions, actions, agenda items, plans, recommendations and KPIs")
        self.action.triggered.connect(self.activate)
        window.addAction(self.action)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), window, self.activate)
        self.find_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)

        self.box.textChanged.connect(self._typed)
        self.box.down_pressed.connect(self._down)
        self.box.enter_pressed.connect(self._enter)
        self.box.escape_pressed.connect(self.dismiss)
        self.box.focused.connect(self._box_focused)
        self.panel.escape_pressed.connect(self.dismiss)
        self.panel.leave_up.connect(lambda: self.box.setFocus(Qt.FocusReason.OtherFocusReason))
        self.panel.open_requested.connect(self._open)
        self.panel.more_requested.connect(self.show_all)
        self.panel.filters_changed.connect(self._filters_changed)
        window.navigation.model.modelReset.connect(self.reload_boards)
        window.operations.changed.connect(self._data_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.reload_boards()

    # -- opening and closing ----------------------------------------------------------------------------------
    def activate(self) -> None:
        """Ctrl+K: the box, with what it holds selected, and its results (or a hint) under it."""
        focus = QApplication.focusWidget()
        if focus is not None and not self._owns(focus):
            self._return_focus = focus
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        self.show_popup()
        if self.box.text().strip():
            self.search_now()

    @property
    def is_open(self) -> bool:
        return self.popup.isVisible()

    def show_popup(self) -> None:
        self.place_popup()
        if not self.popup.isVisible():
            self.popup.show()
        self.popup.raise_()

    def place_popup(self) -> None:
        """Under the box, right edges aligned, as tall as its rows need and the window allows."""
        window = self.window
        width = min(POPUP_WIDTH, max(320, window.width() - 2 * POPUP_MARGIN))
        below = self.box.mapTo(window, QPoint(self.box.width(), self.box.height() + 3))
        left = max(POPUP_MARGIN, min(below.x() - width, window.width() - width - POPUP_MARGIN))
        room = max(160, window.height() - below.y() - POPUP_MARGIN - window.statusBar().height())
        self.popup.setGeometry(left, below.y(), width, min(room, self.panel.wanted_height(width) + 2))

    def dismiss(self) -> None:
        """Esc: the results go; the focus goes back where it was before the search."""
        self.timer.stop()
        self.popup.hide()
        target, self._return_focus = self._return_focus, None
        try:
            usable = target is not None and target.isVisible() and target.window() is self.window
        except RuntimeError:  # deleted meanwhile
            usable = False
        if target is None or not usable:
            target = self.window.pages.currentWidget()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def opened(self) -> None:
        """A result was opened: the popup goes, the focus stays where the result was shown."""
        self.timer.stop()
        self.popup.hide()
        self._return_focus = None

    def _owns(self, widget: QWidget) -> bool:
        return widget is self.box or self.popup.isAncestorOf(widget)

    def _box_focused(self) -> None:
        if self.box.text().strip() and not self.popup.isVisible():
            self.show_popup()
            self.search_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.popup.isVisible():
            QTimer.singleShot(0, self.place_popup)  # once the toolbar has its new width
        return super().eventFilter(watched, event)

    # -- searching ---------------------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self._last_query = ""
            self.results = SearchResults(query="")
            self.panel.show_hint()
            return
        self.show_popup()
        self.timer.start()

    def _filters_changed(self) -> None:
        if self.box.text().strip():
            self.search_now()

    def _data_changed(self, _changes: Changes) -> None:
        if self.popup.isVisible() and self.box.text().strip():
            self.timer.start()

    def search_now(self) -> SearchResults:
        """Run the search the box and filters describe, and show it."""
        self.timer.stop()
        query = self.box.text()
        if not query.strip():
            self.panel.show_hint()
            return self.results
        same_query = query == self._last_query
        keep = self.panel.current_hit() if same_query else None
        if not same_query:
            self.expanded.clear()
        filters = self.panel.filters()
        try:
            results = self.window.operations.read(
                search_for_box, query, expanded=frozenset(self.expanded), board_id=filters.board_id,
                date_from=filters.date_from, date_to=filters.date_to, show_all_limit=SHOW_ALL_LIMIT,
            )  # fmt: skip
        except SearchFailed as exc:  # the database said no (locked a moment): a plain word, the box keeps its text
            self.panel.show_message(str(exc))
            return self.results
        self._last_query = query
        self.results = results
        self.panel.show_results(results, keep=keep)
        if self.popup.isVisible():
            self.place_popup()
        return results

    def show_all(self, group: SearchGroup) -> None:
        """The "Show all N actions" row: that kind's every match (up to SHOW_ALL_LIMIT), the others as before."""
        self.expanded.add(group.kind)
        self.search_now()
        hits = ((r, self.panel.model.hit_at(r)) for r in self.panel.model.hit_rows())
        rows = [r for r, hit in hits if hit is not None and hit.kind is group.kind]
        shown = len(group.hits)
        if len(rows) > shown:
            self.panel.view.select_row(rows[shown])

    def _open(self, hit: object) -> None:
        self.opened()
        self.open_requested.emit(hit)

    def _down(self) -> None:
        if self.timer.isActive():
            self.search_now()
        self.show_popup()
        self.panel.enter_results()

    def _enter(self) -> None:
        if self.timer.isActive() or self.box.text() != self._last_query:
            self.search_now()
        self.panel.open_current_or_first()

    def reload_boards(self) -> None:
        boards = [(entry.board.id, entry.board.name) for entry in self.window.navigation.data.boards]
        self.panel.set_boards(boards)

    # -- Ctrl+F ------------------------------------------------------------------------------------------------
    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self.window:
            return  # a dialog, the calendar of a date filter, or the app going to the background
        self.find_shortcut.setEnabled(not (is_text_editor(new) or has_own_find(new, self.window)))
        if self.popup.isVisible() and not self._owns(new):
            self.popup.hide()  # clicked elsewhere in the window


__all__ = ["DEBOUNCE_MS", "SearchController", "has_own_find", "is_text_editor"]
