"""The main window's File, View and Help menus, and the File commands that are not a board's.

Kept out of main_window.py so the window stays a navigator, a page stack and the open store. The
Board menu and the demonstration switch are `main_menus.BoardMenus`; File ▸ Export is
`dialogs.export_meeting.MeetingExports`. Import dialogs are imported only when first used.
"""

from __future__ import annotations

import sqlite3
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from boardapp import __version__
from boardapp.gui.dialogs.database_file import choose_database_file
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.services.review_file import is_review_copy_file
from boardapp.store.backups import take_backup
from boardapp.store.errors import StoreError

if TYPE_CHECKING:
    from boardapp.gui.dialogs.import_dialog import ImportDialog, Importer, ImportResult
    from boardapp.gui.main_window import MainWindow


class WindowMenus(QObject):
    """File ▸ Open / Backup / Import / Quit, View ▸ Search / Navigator / Refresh / Minute this meeting,
    Help ▸ About, and the "Minute this meeting" button in the menu bar's corner."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        bar = window.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._action("&Open database…", self.open_database_dialog, QKeySequence.StandardKey.Open)
        self.backup_action = self._action("&Backup now", self.backup_now, "Ctrl+Shift+B")
        self.quit_action = self._action("&Quit", window.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        board = window.board_menus
        file_menu.addActions([self.open_action, self.backup_action])
        file_menu.addActions([board.open_demo_action, board.back_action])
        file_menu.addSeparator()
        file_menu.addActions([board.make_review_action, board.import_review_action, board.open_review_action])
        file_menu.aboutToShow.connect(board.update_actions)
        file_menu.addSeparator()
        import_menu = file_menu.addMenu("&Import")
        self.import_plan_action = self._action("Improvement &plan…", self.import_plan)
        self.import_actions_action = self._action("&Action log…", self.import_actions)
        import_menu.addActions([self.import_plan_action, self.import_actions_action])
        import_menu.addAction(board.import_members_action)
        self.import_minutes_action = self._action("M&inutes…", self.import_minutes)  # issue 14
        import_menu.addAction(self.import_minutes_action)
        file_menu.addMenu(window.meeting_exports.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        bar.addMenu(board.menu)
        self._view_menu()
        self.help_menu = bar.addMenu("&Help")
        self.about_action = self._action("&About BoardApp", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.about_action)

    def _view_menu(self) -> None:
        window = self.window
        view_menu = window.menuBar().addMenu("&View")
        view_menu.addAction(window.search.action)
        view_menu.addSeparator()
        self.show_navigator_action = self._action("&Navigator", window.navigator.setVisible, "Ctrl+Shift+N")
        self.show_navigator_action.setCheckable(True)
        self.show_navigator_action.setChecked(True)
        self.refresh_action = self._action("&Refresh", window.refresh, QKeySequence.StandardKey.Refresh)
        view_menu.addAction(self.show_navigator_action)
        view_menu.addAction(self._action("&Expand all", window.navigator.expandAll))
        view_menu.addAction(self._action("&Collapse all", window.navigator.collapseAll))
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        self.open_workspace_action = self._action(
            "&Minute this meeting (workspace)", window.open_workspace, "Ctrl+Return"
        )
        self.open_workspace_action.setEnabled(False)
        view_menu.addSeparator()
        view_menu.addAction(self.open_workspace_action)
        self.open_workspace_button = QPushButton("Minute this meeting  (Ctrl+Enter)", window)
        self.open_workspace_button.setObjectName("openWorkspace")
        self.open_workspace_button.setFlat(True)
        self.open_workspace_button.clicked.connect(window.open_workspace)
        self.open_workspace_button.hide()
        window.menuBar().setCornerWidget(self.open_workspace_button, Qt.Corner.TopRightCorner)

    def _action(self, text: str, slot: object, shortcut: QKeySequence.StandardKey | str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def offer_workspace(self, offered: bool) -> None:
        """The "Minute this meeting" action and button are offered while a meeting's page is shown."""
        self.open_workspace_action.setEnabled(offered)
        self.open_workspace_button.setVisible(offered)

    # -- File ----------------------------------------------------------------------------------------------
    def open_database_dialog(self) -> None:
        path = choose_database_file(self.window, self.window.store.path.parent)
        if path is None:
            return
        if is_review_copy_file(path):  # the chair's copy opens in the chair's window, never here (issue 16)
            self.window.board_menus.open_review_copy_path(path)
            return
        self.window.open_database(path)

    def import_plan(self) -> ImportDialog:
        from boardapp.gui.dialogs.import_dialog import PLAN_IMPORT

        return self._open_import(PLAN_IMPORT)

    def import_actions(self) -> ImportDialog:
        from boardapp.gui.dialogs.import_dialog import ACTION_LOG_IMPORT

        return self._open_import(ACTION_LOG_IMPORT)

    def import_minutes(self) -> bool:
        """File ▸ Import ▸ Minutes…: past minutes as held meetings of the current board (or one chosen)."""
        from boardapp.gui.dialogs.minutes_import import import_minutes

        window = self.window
        board_id = window.current_target.board_id if window.current_target is not None else None
        imported = import_minutes(window, window.operations, board_id)
        if imported:
            window.refresh()
        return imported

    def _open_import(self, importer: Importer) -> ImportDialog:
        from boardapp.gui.dialogs.import_dialog import open_import_dialog

        window = self.window
        board_id = window.current_target.board_id if window.current_target is not None else None
        return open_import_dialog(
            window, window.operations, importer, today=window.today, board_id=board_id, on_imported=self._imported
        )

    def _imported(self, result: ImportResult) -> None:
        """Show what an import wrote: the new plan, or the board's action log."""
        window = self.window
        window.refresh()
        if result.kind == "plan" and result.ids:
            window.select(NavTarget(NodeKind.PLAN, result.ids[0], result.board_id))
        elif result.board_id is not None:
            window.select(NavTarget(NodeKind.ACTION_LOG, result.board_id, result.board_id))
        window.statusBar().showMessage(result.message, 8000)

    def backup_now(self) -> None:
        window = self.window
        try:
            if window.store.server_url is not None:  # a PostgreSQL database: pg_dump (issue 16)
                from boardapp.store.postgres import dump_backup

                target = dump_backup(window.store.server_url, window.home.backups_dir, "by hand")
            else:
                target = take_backup(window.store.path, window.home.backups_dir, "by hand")
        except (OSError, sqlite3.Error, StoreError) as exc:
            QMessageBox.warning(window, "Backup failed", f"The backup could not be written: {exc}")
            return
        window.statusBar().showMessage(f"Backup saved to {target}", 8000)

    def show_about(self) -> None:
        window = self.window
        QMessageBox.about(
            window,
            "About BoardApp",
            f"<p><b>BoardApp {escape(__version__)}</b></p>"
            "<p>Minutes, action log and improvement plans for the clerks of governance boards.</p>"
            f"<p>Database: {escape(str(window.store.path))}<br>Backups: {escape(str(window.home.backups_dir))}</p>",
        )


__all__ = ["WindowMenus"]
