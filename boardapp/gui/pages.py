"""The main window's page stack, each page built (and its module imported) on its first visit.

The first window builds only the page it shows: a meeting's minutes on a database that has
meetings, the get-started page on an empty one. The plan pages, the action log and the meeting
workspace cost the most to build and import; nothing pays for them until the clerk goes there.
The board pages (calendar, people, registers) are built the same way by `main_menus.BoardMenus`.

`built(name)` answers "is that page there?" without building it, for code that only asks
whether a page is the one shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from boardapp.gui.main_window import MainWindow
    from boardapp.gui.views.action_log_page import ActionLogPage
    from boardapp.gui.views.meeting_page import MeetingPage
    from boardapp.gui.views.plan_page import PlanPages
    from boardapp.gui.views.welcome_page import GetStartedPage, WelcomePage
    from boardapp.gui.workspace import MeetingWorkspace


class PageRegistry:
    """The stack on the right of the main window, and the window's own pages, built when first asked for."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.stack = QStackedWidget(window)
        self.stack.setObjectName("pages")
        # An empty first page: a page added later never becomes the current one by being the first (its
        # currentChanged would come before the page is filled, and the export actions would miss it).
        self.stack.addWidget(QWidget(self.stack))
        self._welcome: WelcomePage | None = None
        self._get_started: GetStartedPage | None = None
        self._meeting: MeetingPage | None = None
        self._plan_pages: PlanPages | None = None
        self._action_log: ActionLogPage | None = None
        self._workspace: MeetingWorkspace | None = None

    def built(self, name: str) -> QWidget | None:
        """The page called `name` ("welcome", "get_started", "meeting", "action_log", "workspace") if it
        has been built, else None: asking does not build it."""
        page: QWidget | None = getattr(self, f"_{name}")
        return page

    def shown(self) -> QWidget | None:
        return self.stack.currentWidget()

    def show(self, page: QWidget) -> QWidget:
        self.stack.setCurrentWidget(page)
        return page

    def _add(self, page: QWidget) -> None:
        self.stack.addWidget(page)

    @property
    def welcome(self) -> WelcomePage:
        if self._welcome is None:
            from boardapp.gui.views.welcome_page import WelcomePage

            self._welcome = WelcomePage(self.stack)
            self._add(self._welcome)
        return self._welcome

    @property
    def get_started(self) -> GetStartedPage:
        if self._get_started is None:
            from boardapp.gui.views.welcome_page import GetStartedPage

            self._get_started = GetStartedPage(self.stack)
            self._add(self._get_started)
            self.window.board_menus.connect_get_started(self._get_started)  # its buttons are the menus' commands
        return self._get_started

    @property
    def meeting(self) -> MeetingPage:
        if self._meeting is None:
            from boardapp.gui.views.meeting_page import MeetingPage

            self._meeting = MeetingPage(self.stack)
            self._add(self._meeting)
            self._meeting.export_requested.connect(lambda kind: self.window.meeting_exports.open_dialog(kind))
        return self._meeting

    @property
    def plan_pages(self) -> PlanPages:
        if self._plan_pages is None:
            from boardapp.gui.views.plan_page import PlanPages

            window = self.window
            self._plan_pages = PlanPages(window.operations, self.stack, today=lambda: window.today)
            for page in self._plan_pages.pages():
                self._add(page)
        return self._plan_pages

    @property
    def action_log(self) -> ActionLogPage:
        if self._action_log is None:
            from boardapp.gui.views.action_log_page import ActionLogPage

            window = self.window
            self._action_log = ActionLogPage(
                window.operations,
                today=lambda: window.today,
                settings_path=window.home.settings_path,
                parent=self.stack,
            )
            self._action_log.open_minute_requested.connect(window.open_minute)
            self._add(self._action_log)
        return self._action_log

    @property
    def workspace(self) -> MeetingWorkspace:
        if self._workspace is None:
            from boardapp.gui.workspace import MeetingWorkspace

            self._workspace = MeetingWorkspace(self.window.operations, self.stack)
            self._workspace.close_requested.connect(self.window.close_workspace)
            self._add(self._workspace)
        return self._workspace

    def minuting_workspace(self) -> MeetingWorkspace | None:
        """The workspace if it is open on a meeting, else None (and it is not built for the question)."""
        workspace = self._workspace
        return workspace if workspace is not None and workspace.meeting_id is not None else None


__all__ = ["PageRegistry"]
