"""The main window: navigator on the left, the chosen meeting, plan or action log on the right.

The window owns the open `Store` (so File → Open can swap it) and reads everything it shows
through the services, one short session per page.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from boardapp import __version__
from boardapp.gui.dialogs.database_file import choose_database_file
from boardapp.gui.dialogs.export_meeting import MeetingExports
from boardapp.gui.navigator_model import NavigatorData, NavigatorModel, NavTarget, NodeKind, read_navigator
from boardapp.gui.operations import Operations
from boardapp.gui.search import SearchController, open_hit
from boardapp.gui.views.meeting_page import MeetingPage
from boardapp.gui.views.welcome_page import GetStartedPage, WelcomePage
from boardapp.gui.window_state import restore_window_state, save_window_state
from boardapp.home import AppHome
from boardapp.services.actions import HELD_STATUSES
from boardapp.services.changes import Changes
from boardapp.services.meetings import meeting_detail
from boardapp.services.publication import meeting_page_notice
from boardapp.store.backups import take_backup
from boardapp.store.database import Store, open_database
from boardapp.store.errors import StoreError

if TYPE_CHECKING:
    from boardapp.gui.dialogs.import_dialog import ImportDialog, Importer, ImportResult
    from boardapp.gui.views.action_log_page import ActionLogPage
    from boardapp.gui.views.plan_page import PlanPage, PlanPages
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
        self.navigator_data = NavigatorData()
        self.current_target: NavTarget | None = None

        self.navigator_model = NavigatorModel(self)
        self.navigator = QTreeView(self)
        self.navigator.setObjectName("navigator")
        self.navigator.setModel(self.navigator_model)
        self.navigator.setHeaderHidden(True)
        self.navigator.setUniformRowHeights(True)
        self.navigator.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.navigator.setExpandsOnDoubleClick(True)
        self.navigator.selectionModel().currentChanged.connect(self._current_changed)
        self.navigator.activated.connect(self._navigator_activated)
        self.operations = Operations(store, self)
        self.operations.changed.connect(self._changed)

        self.pages = QStackedWidget(self)
        self.welcome_page = WelcomePage(self.pages)
        self.get_started_page = GetStartedPage(self.pages)
        self.meeting_page = MeetingPage(self.pages)
        for page in (self.welcome_page, self.get_started_page, self.meeting_page):
            self.pages.addWidget(page)
        # The other pages are built (and their modules imported) on first use: start-up shows a meeting.
        self._plan_pages: PlanPages | None = None
        self._action_log_page: ActionLogPage | None = None
        self._workspace: MeetingWorkspace | None = None

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
        self._build_menus()
        self._show_store_name()
        self.reload()
        self._restore_settings()
        self.select_initial()

    @property
    def plan_pages(self) -> PlanPages:
        if self._plan_pages is None:
            from boardapp.gui.views.plan_page import PlanPages

            self._plan_pages = PlanPages(self.operations, self.pages, today=lambda: self.today)
            for page in self._plan_pages.pages():
                self.pages.addWidget(page)
        return self._plan_pages

    @property
    def plan_page(self) -> PlanPage:
        return self.plan_pages.plan_page

    @property
    def action_log_page(self) -> ActionLogPage:
        if self._action_log_page is None:
            from boardapp.gui.views.action_log_page import ActionLogPage

            self._action_log_page = ActionLogPage(
                self.operations, today=lambda: self.today, settings_path=self.home.settings_path, parent=self.pages
            )
            self._action_log_page.open_minute_requested.connect(self.open_minute)
            self.pages.addWidget(self._action_log_page)
        return self._action_log_page

    @property
    def workspace(self) -> MeetingWorkspace:
        if self._workspace is None:
            from boardapp.gui.workspace import MeetingWorkspace

            self._workspace = MeetingWorkspace(self.operations, self.pages)
            self._workspace.close_requested.connect(self.close_workspace)
            self.pages.addWidget(self._workspace)
        return self._workspace

    def _minuting(self) -> bool:
        """Whether the workspace is open on a meeting (without building it just to ask)."""
        return self._workspace is not None and self._workspace.meeting_id is not None

    def minuting_workspace(self) -> MeetingWorkspace | None:
        """The workspace if it is open on a meeting, else None (and it is not built for the question)."""
        return self._workspace if self._minuting() else None

    @property
    def today(self) -> dt.date:
        """The date overdue is judged against; fixed in tests, the real date otherwise."""
        return self._today or dt.date.today()

    # -- menus ---------------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        from boardapp.gui.main_menus import BoardMenus

        self.board_menus = BoardMenus(self)  # Board menu, the demonstration, membership import (issue 10)
        self.board_menus.connect_get_started()
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action("&Open database…", self.open_database_dialog, QKeySequence.StandardKey.Open)
        self.backup_action = self._action("&Backup now", self.backup_now, "Ctrl+Shift+B")
        self.quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addActions([self.open_action, self.backup_action])
        file_menu.addActions([self.board_menus.open_demo_action, self.board_menus.back_action])
        file_menu.addSeparator()
        menus = self.board_menus
        file_menu.addActions([menus.make_review_action, menus.import_review_action, menus.open_review_action])
        file_menu.aboutToShow.connect(self.board_menus.update_actions)
        file_menu.addSeparator()
        import_menu = file_menu.addMenu("&Import")
        self.import_plan_action = self._action("Improvement &plan…", self.import_plan)
        self.import_actions_action = self._action("&Action log…", self.import_actions)
        import_menu.addActions([self.import_plan_action, self.import_actions_action])
        import_menu.addAction(self.board_menus.import_members_action)
        self.import_minutes_action = self._action("M&inutes…", self.import_minutes)  # issue 14 (engineer K)
        import_menu.addAction(self.import_minutes_action)
        self.meeting_exports = MeetingExports(self)  # File ▸ Export ▸ Minutes… / Agenda… (issue 4)
        file_menu.addMenu(self.meeting_exports.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.menuBar().addMenu(self.board_menus.menu)

        view_menu = self.menuBar().addMenu("&View")
        self.search = SearchController(self)  # the search box, its results popup, Ctrl+K / Ctrl+F (issue 7)
        self.search.open_requested.connect(lambda hit: open_hit(self, hit))
        view_menu.addAction(self.search.action)
        view_menu.addSeparator()
        self.show_navigator_action = self._action("&Navigator", self._toggle_navigator, "Ctrl+Shift+N")
        self.show_navigator_action.setCheckable(True)
        self.show_navigator_action.setChecked(True)
        self.refresh_action = self._action("&Refresh", self.refresh, QKeySequence.StandardKey.Refresh)
        view_menu.addAction(self.show_navigator_action)
        view_menu.addAction(self._action("&Expand all", self.navigator.expandAll))
        view_menu.addAction(self._action("&Collapse all", self.navigator.collapseAll))
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)

        self.open_workspace_action = self._action(
            "&Minute this meeting (workspace)", self.open_workspace, "Ctrl+Return"
        )
        self.open_workspace_action.setEnabled(False)
        view_menu.addSeparator()
        view_menu.addAction(self.open_workspace_action)
        self.open_workspace_button = QPushButton("Minute this meeting  (Ctrl+Enter)", self)
        self.open_workspace_button.setObjectName("openWorkspace")
        self.open_workspace_button.setFlat(True)
        self.open_workspace_button.clicked.connect(self.open_workspace)
        self.open_workspace_button.hide()
        self.menuBar().setCornerWidget(self.open_workspace_button, Qt.Corner.TopRightCorner)

        help_menu = self.menuBar().addMenu("&Help")
        self.help_menu = help_menu
        self.about_action = self._action("&About BoardApp", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def _action(self, text: str, slot: object, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    # -- loading -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the navigator and the current page (after File → Open or View → Refresh)."""
        with self.store.session() as session:
            self.navigator_data = read_navigator(session)
        self.navigator_model.set_data(self.navigator_data)
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
        if self.current_target is not None and self.pages.currentWidget() is self.meeting_page:
            self.show_target(self.current_target)

    def select_initial(self) -> None:
        """Open the first board with its latest held meeting selected: where a clerk usually starts."""
        boards = self.navigator_model.board_indexes()
        if not boards:  # an empty database: its first steps, Enter adds a board (or the archived boards)
            if self.select(NavTarget(NodeKind.GET_STARTED)):
                self.get_started_page.first_button.setFocus()
            else:
                self.select(NavTarget(NodeKind.ARCHIVED))
            return
        self.navigator.setFocus()  # arrow keys move through the navigator straight away
        self.navigator.expand(boards[0])
        entry = self.navigator_data.boards[0]
        held = [m for m in entry.meetings if m.status in HELD_STATUSES]
        chosen = held[0] if held else (entry.meetings[0] if entry.meetings else None)
        if chosen is not None:
            self.select(NavTarget(NodeKind.MEETING, chosen.id, entry.board.id))
        else:
            self.navigator.setCurrentIndex(boards[0])

    def select(self, target: NavTarget) -> bool:
        index = self.navigator_model.find(target)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.navigator.expand(parent)
            parent = parent.parent()
        self.navigator.setCurrentIndex(index)
        self.navigator.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        target = self.navigator_model.target(current)
        if target is not None:
            self.show_target(target)

    def show_target(self, target: NavTarget) -> None:
        self.current_target = target
        try:
            self._show(target)
        except LookupError as exc:  # deleted meanwhile (e.g. by another copy of the app)
            self.welcome_page.show_message("Not found", str(exc))
            self.pages.setCurrentWidget(self.welcome_page)

    def _show(self, target: NavTarget) -> None:
        kind, target_id = target.kind, target.id
        self._leave_workspace()
        is_meeting = kind is NodeKind.MEETING and target_id is not None
        self.open_workspace_action.setEnabled(is_meeting)
        self.open_workspace_button.setVisible(is_meeting)
        if kind is NodeKind.MEETING and target_id is not None:
            with self.store.session() as session:
                detail = meeting_detail(session, target_id)
                notice = meeting_page_notice(
                    session, detail.id, self.today, self.home.basedir / "bank-holidays.json"
                )
            self.meeting_page.set_detail(detail, notice)
            self.pages.setCurrentWidget(self.meeting_page)
        elif kind is NodeKind.ACTION_LOG:
            self.action_log_page.show_log(target_id, target.label or "All boards")
            self.pages.setCurrentWidget(self.action_log_page)
        elif (board_page := self.board_menus.page_for(target)) is not None:
            self.pages.setCurrentWidget(board_page)
        elif (plan_page := self.plan_pages.show(target)) is not None:
            self.pages.setCurrentWidget(plan_page)
        else:
            self.welcome_page.show_message(*self._folder_message(target))
            self.pages.setCurrentWidget(self.welcome_page)
        self.board_menus.update_actions()

    def _folder_message(self, target: NavTarget) -> tuple[str, str]:
        if target.kind is NodeKind.ARCHIVED:
            return "Archived boards", (
                f"{len(self.navigator_data.archived)} boards kept with all their history. "
                "Board ▸ Board settings… brings one back into use."
            )
        entry = self.navigator_data.entry(target.board_id)
        if entry is None:
            return "Plans of no board", "Choose a plan on the left to open it."
        board = entry.board
        if target.kind is NodeKind.PLANS:
            return board.name, f"{len(entry.plans)} plans. Choose one on the left to open it."
        return board.name, (
            f"{board.meeting_count} meetings · {len(entry.plans)} plans · {board.open_action_count} open actions\n"
            "Open a meeting, a plan or the action log below the board's name."
        )

    # -- the meeting workspace (issue 3) --------------------------------------------------------------------
    def open_workspace(self) -> bool:
        """Minute the meeting chosen in the navigator: the workspace takes the whole window."""
        target = self.current_target
        if target is None or target.kind is not NodeKind.MEETING or target.id is None:
            return False
        self.workspace.open_meeting(target.id)
        self.pages.setCurrentWidget(self.workspace)
        self.navigator.setVisible(False)
        self.open_workspace_button.hide()
        self.open_workspace_action.setEnabled(False)
        for menu in self.workspace.menus():
            self.menuBar().insertMenu(self.help_menu.menuAction(), menu)
        self.workspace.focus_notes()
        return True

    def close_workspace(self) -> None:
        """Back to the meeting's minutes as they now read, with the navigator."""
        from boardapp.gui.recovery import settle_unsaved_notes  # F: unsaved notes ask before the workspace goes

        if self._workspace is not None and not settle_unsaved_notes(self, self._workspace.autosaver):
            return
        self._leave_workspace()
        target = self.current_target
        if target is not None:
            self.select(target)  # after a status change the navigator was re-read: choose the meeting again
            self.show_target(target)

    def _leave_workspace(self) -> None:
        if not self._minuting():
            return
        self.workspace.close_meeting()
        for menu in self.workspace.menus():
            self.menuBar().removeAction(menu.menuAction())
        self.navigator.setVisible(self.show_navigator_action.isChecked())

    def _navigator_activated(self, index: QModelIndex) -> None:
        target = self.navigator_model.target(index)
        if target is not None and target.kind is NodeKind.MEETING:
            self.open_workspace()

    def _changed(self, changes: Changes) -> None:
        """Boards, meetings or people changed (a new board, a status, a member): the navigator and page show it."""
        if changes.meetings or changes.boards or changes.people:
            with self.store.session() as session:
                self.navigator_data = read_navigator(session)
            self.navigator_model.set_data(self.navigator_data)
            if self._minuting():
                return
            if self.current_target is None or not self.select(self.current_target):
                self.select_initial()  # what was shown is gone (or there was nothing): start again

    def open_minute(self, board_id: int, meeting_id: int, item_id: int | None) -> None:
        """The action log's "Open the minute": the meeting the action was raised at, at its item."""
        if self.select(NavTarget(NodeKind.MEETING, meeting_id, board_id)) and item_id is not None:
            self.meeting_page.show_item(item_id)
        self.activateWindow()

    # -- file operations -----------------------------------------------------------------------------------
    def open_database_dialog(self) -> None:
        path = choose_database_file(self, self.store.path.parent)
        if path is not None:
            self.open_database(path)

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
        self._leave_workspace()
        previous, self.store = self.store, store
        self.operations.store = store
        previous.close()
        self.current_target = None
        self._show_store_name()
        self.reload()
        self.select_initial()
        self.statusBar().showMessage(f"Opened {store.path}", 5000)
        return True

    def import_plan(self) -> ImportDialog:
        from boardapp.gui.dialogs.import_dialog import PLAN_IMPORT

        return self._open_import(PLAN_IMPORT)

    def import_actions(self) -> ImportDialog:
        from boardapp.gui.dialogs.import_dialog import ACTION_LOG_IMPORT

        return self._open_import(ACTION_LOG_IMPORT)

    def import_minutes(self) -> bool:
        """File ▸ Import ▸ Minutes…: past minutes as held meetings of the current board (or one chosen)."""
        from boardapp.gui.dialogs.minutes_import import import_minutes

        board_id = self.current_target.board_id if self.current_target is not None else None
        imported = import_minutes(self, self.operations, board_id)
        if imported:
            self.refresh()
        return imported

    def _open_import(self, importer: Importer) -> ImportDialog:
        from boardapp.gui.dialogs.import_dialog import open_import_dialog

        board_id = self.current_target.board_id if self.current_target is not None else None
        return open_import_dialog(
            self, self.operations, importer, today=self.today, board_id=board_id, on_imported=self._imported
        )

    def _imported(self, result: ImportResult) -> None:
        """Show what an import wrote: the new plan, or the board's action log."""
        self.refresh()
        if result.kind == "plan" and result.ids:
            self.select(NavTarget(NodeKind.PLAN, result.ids[0], result.board_id))
        elif result.board_id is not None:
            self.select(NavTarget(NodeKind.ACTION_LOG, result.board_id, result.board_id))
        self.statusBar().showMessage(result.message, 8000)

    def backup_now(self) -> None:
        try:
            if self.store.server_url is not None:  # a PostgreSQL database: pg_dump (issue 16)
                from boardapp.store.postgres import dump_backup

                target = dump_backup(self.store.server_url, self.home.backups_dir, "by hand")
            else:
                target = take_backup(self.store.path, self.home.backups_dir, "by hand")
        except (OSError, sqlite3.Error, StoreError) as exc:
            QMessageBox.warning(self, "Backup failed", f"The backup could not be written: {exc}")
            return
        self.statusBar().showMessage(f"Backup saved to {target}", 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About BoardApp",
            f"<p><b>BoardApp {escape(__version__)}</b></p>"
            "<p>Minutes, action log and improvement plans for the clerks of governance boards.</p>"
            f"<p>Database: {escape(str(self.store.path))}<br>Backups: {escape(str(self.home.backups_dir))}</p>",
        )

    def _toggle_navigator(self, visible: bool) -> None:
        self.navigator.setVisible(visible)

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

    def _restore_settings(self) -> None:
        restore_window_state(self, self.splitter, self.settings())

    def save_settings(self) -> None:
        save_window_state(self, self.splitter, self.settings())

    def closeEvent(self, event: QCloseEvent) -> None:
        from boardapp.gui.recovery import settle_unsaved_notes  # F: unsaved notes ask before the window goes

        if self._workspace is not None and not settle_unsaved_notes(self, self._workspace.autosaver):
            event.ignore()
            return
        if self._workspace is not None:
            self._workspace.close_meeting()  # the last notes typed are saved before the window goes
        self.save_settings()
        super().closeEvent(event)
