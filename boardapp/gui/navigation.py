"""Going somewhere in the main window: the navigator tree, the page each of its rows shows, and
"open this record" for the rest of the GUI.

    window.navigation.show(target)                        # a navigator row and its page
    window.navigation.open_meeting_item(meeting_id, item_id)
    window.navigation.open_action(action_id)              # board_id=, plan_id= when known: no lookup
    window.navigation.open_plan_item(item_id)
    window.navigation.open_recommendation(recommendation_id)
    window.navigation.open_kpi(kpi_id)

Each `open_*` chooses the record's row in the navigator, makes its page the one shown, and asks
that page, through a small public method of the page (`show_item`, `select_action`, `select_id`...),
to put the record in front of the clerk. Nobody outside a page touches its tables or models, so a
page can change its widgets without breaking search, the action log's "Open the minute" or the
calendar. Each returns False when the record is not in the navigator (deleted meanwhile, or a
plan of an archived board that was removed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from boardapp.gui.navigator_model import PLAN_NODE_KINDS, NavigatorModel, NavTarget, NodeKind
from boardapp.services.actions import HELD_STATUSES
from boardapp.services.meetings import meeting_detail
from boardapp.services.navigation_tree import (
    NavigatorData,
    PlanRecordKind,
    board_of_action,
    meeting_of_item,
    plan_of,
    read_navigator,
)
from boardapp.services.publication import meeting_page_notice

if TYPE_CHECKING:
    from boardapp.gui.main_window import MainWindow

ROWLESS_KINDS = frozenset({NodeKind.REGISTERS})
"""Pages reached from a menu that have no navigator row: showing one leaves no row chosen."""


class Navigation(QObject):
    """The navigator on the left of the main window and the main window's one way of changing page."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.data = NavigatorData()
        self.current_target: NavTarget | None = None
        self._page: QWidget | None = None  # the page the current target showed
        self.model = NavigatorModel(self)
        self.view = QTreeView(window)
        self.view.setObjectName("navigator")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setExpandsOnDoubleClick(True)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)

    # -- the tree ------------------------------------------------------------------------------------------
    def read(self, *, in_place: bool = False) -> None:
        """Read the navigator's rows again (after a change or another database file); `in_place`: only counts
        changed, so the rows stay expanded and chosen as they are (NavigatorModel.set_data)."""
        self.data = self.window.operations.read(read_navigator)
        self.model.set_data(self.data, in_place=in_place)

    def select(self, target: NavTarget) -> bool:
        """Choose `target`'s row (its page follows); False if the navigator has no such row.

        A page with no row of its own (ROWLESS_KINDS: a board's registers) clears the navigator's current row
        instead, so the navigator never names one page while another is shown; it is shown (again) at once."""
        if target.kind in ROWLESS_KINDS:
            if self.data.entry(target.board_id) is None:
                return False
            self.view.setCurrentIndex(QModelIndex())
            self.view.clearSelection()
            self.show_target(target)
            return True
        index = self.model.find(target)
        if not index.isValid():
            return False
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def select_initial(self) -> None:
        """Open the first board with its latest held meeting selected: where a clerk usually starts."""
        boards = self.model.board_indexes()
        if not boards:  # an empty database: its first steps, Enter adds a board (or the archived boards)
            if self.select(NavTarget(NodeKind.GET_STARTED)):
                self.window.get_started_page.first_button.setFocus()
            else:
                self.select(NavTarget(NodeKind.ARCHIVED))
            return
        self.view.setFocus()  # arrow keys move through the navigator straight away
        self.view.expand(boards[0])
        entry = self.data.boards[0]
        held = [m for m in entry.meetings if m.status in HELD_STATUSES]
        chosen = held[0] if held else (entry.meetings[0] if entry.meetings else None)
        if chosen is not None:
            self.select(NavTarget(NodeKind.MEETING, chosen.id, entry.board.id))
        else:
            self.view.setCurrentIndex(boards[0])

    def find_target(self, kind: NodeKind, target_id: int | None) -> NavTarget | None:
        """The navigator's row of that kind and id, whatever board it is filed under."""
        return next((t for t in self.model.targets(kind) if t.id == target_id), None)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        target = self.model.target(current)
        if target is not None:
            self.show_target(target)

    def _activated(self, index: QModelIndex) -> None:
        target = self.model.target(index)
        if target is not None and target.kind is NodeKind.MEETING:
            self.window.open_workspace()

    # -- pages ---------------------------------------------------------------------------------------------
    def show(self, target: NavTarget) -> QWidget | None:
        """Choose `target` in the navigator and make sure its page is the one shown; None if it has no row."""
        if not self.select(target):
            return None
        if self.current_target != target or self.window.pages.currentWidget() is not self._page:
            self.show_target(target)  # chosen already, but another page (the workspace, registers) was in front
        return self.window.pages.currentWidget()

    def show_target(self, target: NavTarget) -> None:
        """Fill and show the page of `target` (the navigator's row changes only through `select`)."""
        self.current_target = target
        try:
            self._show(target)
        except LookupError as exc:  # deleted meanwhile (e.g. by another copy of the app)
            self.window.welcome_page.show_message("Not found", str(exc))
            self.window.pages.setCurrentWidget(self.window.welcome_page)

    def _show(self, target: NavTarget) -> None:
        window, kind = self.window, target.kind
        window.leave_workspace()
        window.offer_workspace(kind is NodeKind.MEETING and target.id is not None)
        if kind is NodeKind.MEETING and target.id is not None:
            with window.store.session() as session:
                detail = meeting_detail(session, target.id)
                notice = meeting_page_notice(
                    session, detail.id, window.today, window.home.basedir / "bank-holidays.json"
                )
            window.meeting_page.set_detail(detail, notice)
            page: QWidget = window.meeting_page
        elif kind is NodeKind.ACTION_LOG:
            window.action_log_page.show_log(target.id, target.label or "All boards")
            page = window.action_log_page
        elif (board_page := window.board_menus.page_for(target)) is not None:
            page = board_page
        elif kind in PLAN_NODE_KINDS and (plan_page := window.plan_pages.show(target)) is not None:
            page = plan_page
        else:
            window.welcome_page.show_message(*self._folder_message(target))
            page = window.welcome_page
        window.pages.setCurrentWidget(page)
        self._page = page
        window.board_menus.update_actions()

    def _folder_message(self, target: NavTarget) -> tuple[str, str]:
        if target.kind is NodeKind.ARCHIVED:
            return "Archived boards", (
                f"{len(self.data.archived)} boards kept with all their history. "
                "Board ▸ Board settings… brings one back into use."
            )
        entry = self.data.entry(target.board_id)
        if entry is None:
            return "Plans of no board", "Choose a plan on the left to open it."
        board = entry.board
        if target.kind is NodeKind.PLANS:
            if not entry.plans:  # an empty board: say how a plan gets in, not "choose one"
                return board.name, "No plans yet. File ▸ Import ▸ Improvement plan… brings one in from Word or Excel."
            return board.name, f"{_count(len(entry.plans), 'plan')}. Choose one on the left to open it."
        counts = (_count(board.meeting_count, "meeting"), _count(len(entry.plans), "plan"))
        return board.name, (
            f"{counts[0]} · {counts[1]} · {_count(board.open_action_count, 'open action')}\n"
            "Open a meeting, a plan or the action log below the board's name."
        )

    # -- records -------------------------------------------------------------------------------------------
    def open_meeting_item(self, meeting_id: int | None, item_id: int | None = None) -> bool:
        """A meeting's page at one of its items (the meeting found from the item when not given); when the
        clerk is minuting that very meeting, the workspace stays and goes to the item instead."""
        if meeting_id is None and item_id is not None:
            meeting_id = self.window.operations.read(meeting_of_item, item_id)
        workspace = self.window.minuting_workspace()
        if (
            item_id is not None
            and workspace is not None
            and workspace.meeting_id == meeting_id
            and self.window.pages.currentWidget() is workspace
        ):
            workspace.select_item(item_id)
            return True
        target = self.find_target(NodeKind.MEETING, meeting_id)
        page = self.window.meeting_page if target is not None else None
        if target is None or page is None or self.show(target) is not page:
            return False
        if item_id is not None:
            page.show_item(item_id)
        page.focus_minutes()
        return True

    def open_action(self, action_id: int, board_id: int | None = None) -> bool:
        """The action selected in its board's action log (the all-boards log if the board's is not there);
        its own window when the log's filters hide it."""
        if board_id is None:
            board_id = self.window.operations.read(board_of_action, action_id)
            if board_id is None:
                return False  # deleted meanwhile: no log holds it
        target = self.find_target(NodeKind.ACTION_LOG, board_id) or self.find_target(NodeKind.ACTION_LOG, None)
        page = self.window.action_log_page if target is not None else None
        if target is None or page is None or self.show(target) is not page:
            return False
        if not page.select_action(action_id):
            page.open_detail(action_id=action_id)
        return True

    def open_plan_item(self, item_id: int | None, plan_id: int | None = None) -> bool:
        """The plan with one of its items selected (the plan alone when `item_id` is None)."""
        target = self._plan_target(NodeKind.PLAN, "item", item_id, plan_id)
        page = self.window.plan_page if target is not None else None
        if target is None or page is None or self.show(target) is not page:
            return False
        page.show_item(item_id)
        return True

    def open_recommendation(self, recommendation_id: int, plan_id: int | None = None) -> bool:
        """The plan's recommendations register with that recommendation current."""
        target = self._plan_target(NodeKind.RECOMMENDATIONS, "recommendation", recommendation_id, plan_id)
        page = self.window.plan_pages.recommendations_page if target is not None else None
        if target is None or page is None or self.show(target) is not page:
            return False
        page.select_id(recommendation_id)
        return True

    def open_kpi(self, kpi_id: int, plan_id: int | None = None) -> bool:
        """The plan's KPI page with that KPI current."""
        target = self._plan_target(NodeKind.KPIS, "kpi", kpi_id, plan_id)
        page = self.window.plan_pages.kpi_page if target is not None else None
        if target is None or page is None or self.show(target) is not page:
            return False
        page.select_id(kpi_id)
        return True

    def _plan_target(
        self, kind: NodeKind, record: PlanRecordKind, record_id: int | None, plan_id: int | None
    ) -> NavTarget | None:
        """The navigator row of the record's plan page (the plan read from the record when not given)."""
        if plan_id is None and record_id is not None:
            plan_id = self.window.operations.read(plan_of, record, record_id)
        return self.find_target(kind, plan_id) if plan_id is not None else None


def _count(number: int, word: str) -> str:
    """ "1 plan", "2 plans": the folder pages' counts read as sentences."""
    return f"{number} {word}{'' if number == 1 else 's'}"


__all__ = ["Navigation"]
