"""The main window: navigator on the left, the chosen meeting, plan or action log on the right.

The window owns the open `Store` (so File → Open can swap it) and reads everything it shows
through the services, one short session per page. Its parts live next to it:

- `navigation.Navigation`: the navigator tree and the one way of changing page (`window.navigation`,
  with `open_meeting_item`, `open_action`, `open_plan_item`... for search and the other pages);
- `pages.PageRegistry`: the page stack, each page built on its first visit;
- `window_menus.WindowMenus`: File, View and Help; `main_menus.BoardMenus`: the Board menu.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from boardapp.gui.dialogs.export_meeting import MeetingExports
from boardapp.gui.main_menus import BoardMenus
from boardapp.gui.navigation import Navigation
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.operations import Operations
from boardapp.gui.pages import PageRegistry
from boardapp.gui.search import SearchController, open_hit
from boardapp.gui.window_menus import WindowMenus
from boardapp.gui.window_state import restore_window_state, save_window_state
from boardapp.home import AppHome
from boardapp.services.changes import Changes
from boardapp.services.navigation_tree import NavigatorData
from boardapp.store.database import Store, open_database
from boardapp.store.errors import StoreError

if TYPE_CHECKING:
    from boardapp.gui.views.action_log_page import ActionLogPage
    from boardapp.gui.views.meeting_page import MeetingPage
    from boardapp.gui.views.plan_page import PlanPage, PlanPages
    from boardapp.gui.views.welcome_page import GetStartedPage, WelcomePage
    from boardapp.gui.workspace import MeetingWorkspace

logger = logging.getLogger("boardapp")


class MainWindow(QMainWindow):
    def __init__(
        self, store: Store, home: AppHome, *, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.home = home
        self._today = today
        self.operations = Operations(store, self)
        self.operations.changed.connect(self._changed)
        self.navigation = Navigation(self)
        self.navigator, self.navigator_model = self.navigation.view, self.navigation.model
        self.page_registry = PageRegistry(self)  # the pages are built on first visit: start-up shows one
        self.pages = self.page_registry.stack

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)

        self.path_label = QLabel(self)
        self.path_label.setObjectName("databasePath")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.path_label)
        self.board_menus = BoardMenus(self)  # Board menu, the demonstration, membership import (issue 10)
        self.meeting_exports = MeetingExports(self)  # File ▸ Export ▸ Minutes… / Agenda… (issue 4)
        self.search = SearchController(self)  # the search box, its results popup, Ctrl+K / Ctrl+F (issue 7)
        self.search.open_requested.connect(lambda hit: open_hit(self, hit))
        self.menus = WindowMenus(self)
        menus = self.menus  # the actions tests and other parts know the window by
        self.open_action, self.backup_action, self.quit_action = (
            menus.open_action,
            menus.backup_action,
            menus.quit_action,
        )
        self.import_plan_action, self.import_actions_action = menus.import_plan_action, menus.import_actions_action
        self.import_minutes_action, self.refresh_action = menus.import_minutes_action, menus.refresh_action
        self.open_workspace_action = menus.open_workspace_action
        self.open_workspace_button = menus.open_workspace_button
        self._show_store_name()
        self.reload()
        restore_window_state(self, self.splitter, self.settings())
        self.select_initial()

    # -- the pages (each built on first use) -----------------------------------------------------------------
    @property
    def welcome_page(self) -> WelcomePage:
        return self.page_registry.welcome

    @property
    def get_started_page(self) -> GetStartedPage:
        return self.page_registry.get_started

    @property
    def meeting_page(self) -> MeetingPage:
        return self.page_registry.meeting

    @property
    def plan_pages(self) -> PlanPages:
        return self.page_registry.plan_pages

    @property
    def plan_page(self) -> PlanPage:
        return self.page_registry.plan_pages.plan_page

    @property
    def action_log_page(self) -> ActionLogPage:
        return self.page_registry.action_log

    @property
    def workspace(self) -> MeetingWorkspace:
        return self.page_registry.workspace

    def minuting_workspace(self) -> MeetingWorkspace | None:
        """The workspace if it is open on a meeting, else None (and it is not built for the question)."""
        return self.page_registry.minuting_workspace()

    @property
    def today(self) -> dt.date:
        """The date overdue is judged against; fixed in tests, the real date otherwise."""
        return self._today or dt.date.today()

    # -- navigation (see navigation.py) ----------------------------------------------------------------------
    @property
    def navigator_data(self) -> NavigatorData:
        return self.navigation.data

    @property
    def current_target(self) -> NavTarget | None:
        return self.navigation.current_target

    def select(self, target: NavTarget) -> bool:
        """Choose a navigator row; its page follows. False if the navigator has no such row."""
        return self.navigation.select(target)

    def show_target(self, target: NavTarget) -> None:
        self.navigation.show_target(target)

    def select_initial(self) -> None:
        self.navigation.select_initial()

    def reload(self) -> None:
        """Re-read the navigator and the current page (after File → Open or View → Refresh)."""
        self.navigation.read()
        if not self.navigator_data.boards and not self.navigator_data.archived:
            self.get_started_page.show_empty()
            self.pages.setCurrentWidget(self.get_started_page)
        self.board_menus.update_actions()

    def refresh(self) -> None:
        target = self.current_target
        self.reload()
        if target is not None:
            self.select(target)

    def refresh_meeting_page(self) -> None:
        """Show the meeting page's meeting again (its publication line changes when a pack is recorded)."""
        shown = self.page_registry.built("meeting")
        if self.current_target is not None and shown is not None and self.pages.currentWidget() is shown:
            self.show_target(self.current_target)

    def open_minute(self, board_id: int, meeting_id: int, item_id: int | None) -> None:
        """The action log's "Open the minute": the meeting the action was raised at, at its item."""
        if self.select(NavTarget(NodeKind.MEETING, meeting_id, board_id)) and item_id is not None:
            self.meeting_page.show_item(item_id)
        self.activateWindow()

    def _changed(self, changes: Changes) -> None:
        """Boards, meetings or people changed (a new board, a status, a member): the navigator and page show it."""
        if changes.meetings or changes.boards or changes.people:
            self.navigation.read()
            if self.minuting_workspace() is not None:
                return
            if self.current_target is None or not self.select(self.current_target):
                self.select_initial()  # what was shown is gone (or there was nothing): start again
        elif changes.actions:  # an action raised, closed or moved: the navigator's open-action counts
            self.navigation.read(in_place=True)

    # -- the meeting workspace (issue 3) --------------------------------------------------------------------
    def offer_workspace(self, offered: bool) -> None:
        self.menus.offer_workspace(offered)

    def open_workspace(self) -> bool:
        """Minute the meeting chosen in the navigator: the workspace takes the whole window."""
        target = self.current_target
        if target is None or target.kind is not NodeKind.MEETING or target.id is None:
            return False
        self.workspace.open_meeting(target.id)
        self.pages.setCurrentWidget(self.workspace)
        self.navigator.setVisible(False)
        self.offer_workspace(False)
        for menu in self.workspace.menus():
            self.menuBar().insertMenu(self.menus.help_menu.menuAction(), menu)
        self.workspace.focus_notes()
        return True

    def close_workspace(self) -> None:
        """Back to the meeting's minutes as they now read, with the navigator."""
        from boardapp.gui.recovery import settle_unsaved_notes  # F: unsaved notes ask before the workspace goes

        if self.page_registry.built("workspace") is not None and not settle_unsaved_notes(
            self, self.workspace.autosaver
        ):
            return
        self.leave_workspace()
        target = self.current_target
        if target is not None:
            self.select(target)  # after a status change the navigator was re-read: choose the meeting again
            self.show_target(target)

    def leave_workspace(self) -> None:
        """Close the workspace's meeting (its notes saved) and take its menus away, if it is open."""
        workspace = self.minuting_workspace()
        if workspace is None:
            return
        workspace.close_meeting()
        for menu in workspace.menus():
            self.menuBar().removeAction(menu.menuAction())
        self.navigator.setVisible(self.menus.show_navigator_action.isChecked())

    # -- the database file ----------------------------------------------------------------------------------
    def open_database(self, path: Path) -> bool:
        """Switch to another database file; the current one stays open if the new one cannot be used."""
        from functools import partial

        from boardapp.gui.dialogs.file_in_use import open_when_free  # issue 16: another copy may have it open

        if self.store.presence is not None and path.resolve() == self.store.path.resolve():
            return True  # already open here for writing (asking again would find it "in use" by this window)
        try:
            store = open_when_free(partial(open_database, path, self.home.backups_dir), self)
        except StoreError as exc:
            logger.warning("could not open %s: %s", path, exc)
            QMessageBox.warning(self, "Cannot open database", str(exc))
            return False
        if store is None:  # in use by another copy, and the clerk cancelled: the current file stays open
            return False
        self.leave_workspace()
        previous, self.store = self.store, store
        self.operations.store = store
        previous.close()
        self.navigation.current_target = None
        self._show_store_name()
        self.reload()
        self.select_initial()
        self.statusBar().showMessage(f"Opened {store.path}", 5000)
        return True

    def _show_store_name(self) -> None:
        suffix = " (read-only)" if self.store.read_only else ""
        if self.store.path == self.home.demo_db_path:  # never mistaken for the clerk's own records
            self.setWindowTitle(f"BoardApp — Demonstration{suffix}")
            self.path_label.setText(f"Demonstration: {self.store.path}{suffix} · File ▸ Back to my database")
        else:
            self.setWindowTitle(f"BoardApp — {self.store.path.name}{suffix}")
            self.path_label.setText(f"Database: {self.store.path}{suffix}")

    # -- window state --------------------------------------------------------------------------------------
    def settings(self) -> QSettings:
        return QSettings(str(self.home.settings_path), QSettings.Format.IniFormat)

    def save_settings(self) -> None:
        save_window_state(self, self.splitter, self.settings())

    def closeEvent(self, event: QCloseEvent) -> None:
        from boardapp.gui.recovery import settle_unsaved_notes  # F: unsaved notes ask before the window goes

        workspace = self.page_registry.built("workspace")
        if workspace is not None and not settle_unsaved_notes(self, self.workspace.autosaver):
            event.ignore()
            return
        if workspace is not None:
            self.workspace.close_meeting()  # the last notes typed are saved before the window goes
        self.save_settings()
        super().closeEvent(event)
