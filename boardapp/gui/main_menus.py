"""The main window's Board menu, the demonstration switch, and the board pages (calendar, people).

Kept out of main_window.py so the window stays a navigator and a page stack. The dialogs and
pages of boards, people and the calendar are imported only when first used: start-up does not
pay for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from boardapp.gui.navigator_model import NavTarget, NodeKind

if TYPE_CHECKING:
    from boardapp.gui.main_window import MainWindow
    from boardapp.gui.views.calendar_page import CalendarPage
    from boardapp.gui.views.people_page import PeoplePage
    from boardapp.gui.views.registers_page import RegistersPage
    from boardapp.gui.views.welcome_page import GetStartedPage


class BoardMenus(QObject):
    """Board ▸ New board…, Board settings…, Members…, Schedule meetings…, Calendar…; File ▸ Import ▸
    Membership list…; File ▸ Open the demonstration / Back to my database; and the get-started page's buttons."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._calendar_page: CalendarPage | None = None
        self._people_page: PeoplePage | None = None
        self._registers_page: RegistersPage | None = None
        self._calendar_board: int | None = None

        self.new_board_action = self._action("&New board…", self.new_board, "Add a board you clerk")
        self.board_settings_action = self._action(
            "Board &settings…", self.board_settings, "Venue, time, quorum, standing items and minute numbering"
        )
        # (lambdas: `triggered` passes `checked`, which must not be taken for a board id)
        self.members_action = self._action(
            "&Members…", lambda: self.show_members(), "The board's members and their roles"
        )
        self.schedule_action = self._action(
            "Sc&hedule meetings…", lambda: self.schedule_meetings(), "One meeting or a series, with its defaults"
        )
        self.calendar_action = self._action(
            "&Calendar…", lambda: self.show_calendar(), "The board's meetings, past and to come"
        )
        self.registers_action = self._action(
            "&Registers…",
            lambda: self.show_registers(),
            "Declarations of interest, attendance record, decisions within call-in",
        )
        self.menu = QMenu("&Board", window)
        self.menu.setObjectName("boardMenu")
        self.menu.addAction(self.new_board_action)
        self.menu.addAction(self.board_settings_action)
        self.menu.addSeparator()
        self.menu.addActions([self.members_action, self.schedule_action, self.calendar_action, self.registers_action])
        self.menu.aboutToShow.connect(self.update_actions)

        self.import_members_action = self._action(
            "&Membership list…", lambda: self.import_members(self.current_board_id()),
            "Members of a board from an Excel or CSV file",
        )  # fmt: skip
        self.open_demo_action = self._action(
            "Open the &demonstration", self.open_demonstration, "The sample board, in its own file (demo.sqlite)"
        )
        self.back_action = self._action("Back to &my database", self.back_to_my_database, "Your own database file")
        # The chair's review copy (issue 16): made here, read on the chair's laptop, its proposals brought back.
        self.make_review_action = self._action(
            "Make a &review copy…", self.make_review_copy, "One board's meetings, actions and plans for the chair"
        )
        self.import_review_action = self._action(
            "Import a revie&w…", self.import_review, "The chair's proposals from a review copy, to accept or reject"
        )
        self.open_review_action = self._action(
            "Open a review &copy…", self.open_review_copy, "Read a review copy and propose changes, as the chair"
        )
        self._review_windows: list[QWidget] = []

    def _action(self, text: str, slot: object, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def connect_get_started(self, page: GetStartedPage) -> None:
        """The get-started page's buttons call the same entry points as the menus (when the page is built)."""
        page.add_board_requested.connect(self.new_board)
        page.import_members_requested.connect(self.import_members)
        page.open_demo_requested.connect(self.open_demonstration)
        page.members_requested.connect(lambda board_id: self.show_members(board_id))
        page.schedule_requested.connect(lambda board_id: self.schedule_meetings(board_id))

    # -- which board ---------------------------------------------------------------------------------------
    def current_board_id(self) -> int | None:
        """The board chosen in the navigator, or the only board in use when nothing board-like is chosen."""
        target = self.window.current_target
        if target is not None and target.board_id is not None:
            return target.board_id
        boards = self.window.navigator_data.boards
        return boards[0].board.id if len(boards) == 1 else None

    def update_actions(self) -> None:
        has_board = self.current_board_id() is not None
        board_actions = (
            self.board_settings_action,
            self.members_action,
            self.schedule_action,
            self.calendar_action,
            self.registers_action,
        )
        for action in board_actions:
            action.setEnabled(has_board)
        store_path, home = self.window.store.path, self.window.home
        self.open_demo_action.setEnabled(store_path != home.demo_db_path)
        self.back_action.setEnabled(store_path != home.db_path)

    # -- Board menu ------------------------------------------------------------------------------------------
    def new_board(self) -> int | None:
        from boardapp.gui.dialogs.board_settings import edit_board

        board_id = edit_board(self.window, self.window.operations, None)
        if board_id is not None:
            self.window.refresh()
            self.window.select(NavTarget(NodeKind.BOARD, board_id, board_id))
        return board_id

    def board_settings(self) -> int | None:
        board_id = self.current_board_id()
        if board_id is None:
            return None
        from boardapp.gui.dialogs.board_settings import edit_board

        saved = edit_board(self.window, self.window.operations, board_id)
        if saved is not None:
            self.window.refresh()
        return saved

    def show_members(self, board_id: int | None = None) -> bool:
        return self._show_board_page(NodeKind.MEMBERS, board_id)

    def show_calendar(self, board_id: int | None = None) -> bool:
        """Board ▸ Calendar…: the board's Meetings row and its calendar page."""
        return self._show_board_page(NodeKind.MEETINGS, board_id)

    def show_registers(self, board_id: int | None = None) -> bool:
        """Board ▸ Registers…: declarations of interest, attendance record and decisions within call-in (a page
        with no navigator row: the navigator's row is cleared, so it does not name the page left behind)."""
        return self._show_board_page(NodeKind.REGISTERS, board_id)

    def _show_board_page(self, kind: NodeKind, board_id: int | None) -> bool:
        """Through window.navigation, so the navigator and the page agree even when the row was chosen already
        (Board ▸ Calendar… after Registers… would otherwise leave the registers in front)."""
        board_id = board_id if board_id is not None else self.current_board_id()
        return board_id is not None and self.window.navigation.show(NavTarget(kind, board_id, board_id)) is not None

    def schedule_meetings(self, board_id: int | None = None) -> list[int]:
        board_id = board_id if board_id is not None else self.current_board_id()
        if board_id is None:
            return []
        from boardapp.gui.dialogs.schedule_meeting import schedule_meetings

        meeting_ids = schedule_meetings(self.window, self.window.operations, board_id, today=self.window.today)
        if meeting_ids:
            self.window.refresh()
            self.show_calendar(board_id)
        return meeting_ids

    def import_members(self, board_id: int | None = None) -> bool:
        """Members belong to a board: with no board at all, the clerk names one first."""
        if board_id is None and not self.window.navigator_data.boards:
            board_id = self.new_board()
            if board_id is None:
                return False
        from boardapp.gui.dialogs.members_import import import_members

        imported = import_members(self.window, self.window.operations, board_id)
        if imported:
            self.window.refresh()
            self.show_members(board_id)
        return imported

    # -- the chair's review copy ----------------------------------------------------------------------------
    def make_review_copy(self) -> bool:
        from boardapp.gui.dialogs.review_copy import make_review_copy_dialog

        path = make_review_copy_dialog(self.window, self.window.operations, self.current_board_id())
        if path is not None:
            self.window.statusBar().showMessage(f"Review copy saved to {path}", 10000)
        return path is not None

    def import_review(self) -> bool:
        from boardapp.gui.dialogs.review_copy import import_review_dialog

        message = import_review_dialog(self.window, self.window.operations, today=self.window.today)
        if message:
            self.window.refresh()
            self.window.statusBar().showMessage(message, 10000)
        return bool(message)

    def open_review_copy(self) -> bool:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open a review copy",
            str(self.window.home.basedir),
            "All files (*);;Review copies (*.boardreview)",  # a copy is recognised by content, whatever its name
        )
        if not name:
            return False
        return self.open_review_copy_path(Path(name))

    def open_review_copy_path(self, path: Path) -> bool:
        """The chair's window on `path` (also from File ▸ Open… when the file chosen is a review copy)."""
        from boardapp.gui.review_copy_window import open_review_copy_window

        review = open_review_copy_window(None, path)
        if review is None:
            return False
        self._review_windows.append(review)  # a top-level window: kept alive while it is open
        review.destroyed.connect(lambda *_: self._forget_review_window(review))
        return True

    def _forget_review_window(self, review: QWidget) -> None:
        if review in self._review_windows:
            self._review_windows.remove(review)

    # -- the demonstration -------------------------------------------------------------------------------------
    def open_demonstration(self) -> bool:
        """Switch to demo.sqlite, loading the demo into it the first time; the user's file is not touched."""
        from boardapp.gui.first_run import load_demo_if_empty

        window = self.window
        if not window.open_database(window.home.demo_db_path):
            return False
        load_demo_if_empty(window.store, parent=window)
        window.reload()
        window.select_initial()
        return True

    def back_to_my_database(self) -> bool:
        return self.window.open_database(self.window.home.db_path)

    # -- pages -------------------------------------------------------------------------------------------------
    @property
    def calendar_page(self) -> CalendarPage:
        if self._calendar_page is None:
            from boardapp.gui.views.calendar_page import CalendarPage

            window = self.window
            self._calendar_page = CalendarPage(window.operations, lambda: window.today, window.pages)
            self._calendar_page.open_meeting_requested.connect(self._open_meeting)
            window.pages.addWidget(self._calendar_page)
        return self._calendar_page

    @property
    def people_page(self) -> PeoplePage:
        if self._people_page is None:
            from boardapp.gui.views.people_page import PeoplePage

            window = self.window
            self._people_page = PeoplePage(window.operations, window.pages, today=lambda: window.today)
            self.window.pages.addWidget(self._people_page)
        return self._people_page

    @property
    def registers_page(self) -> RegistersPage:
        if self._registers_page is None:
            from boardapp.gui.views.registers_page import RegistersPage

            window = self.window
            self._registers_page = RegistersPage(window.operations, lambda: window.today, window.pages)
            window.pages.addWidget(self._registers_page)
        return self._registers_page

    def _open_meeting(self, meeting_id: int) -> None:
        target = NavTarget(NodeKind.MEETING, meeting_id, self._calendar_board)
        if not self.window.select(target):  # a meeting scheduled since the navigator was read
            self.window.refresh()
            self.window.select(target)

    def page_for(self, target: NavTarget) -> QWidget | None:
        """The page of a board, people or get-started row, filled in; None for the window's other pages."""
        window = self.window
        if target.kind is NodeKind.MEETINGS and target.board_id is not None:
            self._calendar_board = target.board_id
            self.calendar_page.show_board(target.board_id)
            return self.calendar_page
        if target.kind is NodeKind.REGISTERS and target.board_id is not None:
            page = self.registers_page
            if page.board_id == target.board_id and window.pages.currentWidget() is page:
                page.show_declarations()  # shown again after a change: re-read, keeping the clerk's period
                page.show_attendance()
                page.show_call_in()
            else:
                page.show_board(target.board_id)
            return page
        if target.kind in (NodeKind.MEMBERS, NodeKind.PEOPLE):
            self.people_page.show_people(target.board_id if target.kind is NodeKind.MEMBERS else None)
            return self.people_page
        if target.kind is NodeKind.GET_STARTED:
            window.get_started_page.show_empty()
            return window.get_started_page
        entry = window.navigator_data.entry(target.board_id)
        if target.kind is NodeKind.BOARD and entry is not None and not entry.meetings and not entry.board.archived:
            board = entry.board
            window.get_started_page.show_next_steps(board.id, board.name, board.member_count, board.meeting_count)
            return window.get_started_page
        return None
