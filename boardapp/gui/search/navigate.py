"""Opening a search result at its exact place, through the main window's own navigation.

- a minute, decision or agenda item: the meeting's page scrolled to the item (or, when the
  clerk is minuting that very meeting in the workspace, the workspace on that item);
- an action: the board's action log with the action selected (its detail window when the log's
  filters hide it, e.g. a closed action while the log shows open ones);
- a plan item: the plan with the item selected;
- a recommendation or KPI: the plan's recommendations register or KPI page with it selected.

The main window is reached only through what it already offers (`select`, `show_target`, its
pages), so this module is the whole of the "go to" logic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.services.action_log import GroupBy, action_log_ids
from boardapp.services.search import SearchHit, SearchKind

if TYPE_CHECKING:
    from boardapp.gui.main_window import MainWindow
    from boardapp.gui.views.action_log_page import ActionLogPage

MEETING_KINDS = frozenset({SearchKind.MINUTE, SearchKind.DECISION, SearchKind.AGENDA_ITEM})


class _RowsModel(Protocol):
    def find_row(self, predicate: Callable[[Any], bool]) -> int: ...
    def index(self, row: int, column: int) -> QModelIndex: ...


def open_hit(window: MainWindow, hit: SearchHit) -> bool:
    """Show `hit` where it lives; False (with a word in the status bar) when it cannot be shown."""
    if hit.kind in MEETING_KINDS:
        opened = _open_meeting_item(window, hit)
    elif hit.kind is SearchKind.ACTION:
        opened = _open_action(window, hit)
    elif hit.kind is SearchKind.PLAN_ITEM:
        opened = _open_plan_item(window, hit)
    elif hit.kind is SearchKind.RECOMMENDATION:
        opened = _open_plan_row(window, hit, NodeKind.RECOMMENDATIONS, hit.recommendation_id)
    elif hit.kind is SearchKind.KPI:
        opened = _open_plan_row(window, hit, NodeKind.KPIS, hit.kpi_id)
    else:  # pragma: no cover - every indexed kind is handled above
        opened = False
    if not opened:
        window.statusBar().showMessage(f"“{hit.title}” could not be opened: it is not in the navigator.", 6000)
    return opened


def find_target(window: MainWindow, kind: NodeKind, target_id: int | None) -> NavTarget | None:
    """The navigator's row of that kind and id, whatever board it is filed under."""
    return next((t for t in window.navigator_model.targets(kind) if t.id == target_id), None)


def _show(window: MainWindow, target: NavTarget, page: QWidget) -> bool:
    """Choose `target` in the navigator and make sure its page is the one shown."""
    if not window.select(target):
        return False
    if window.current_target != target or window.pages.currentWidget() is not page:
        window.show_target(target)
    return window.pages.currentWidget() is page


# -- meetings ------------------------------------------------------------------------------------------------
def _open_meeting_item(window: MainWindow, hit: SearchHit) -> bool:
    workspace = window.minuting_workspace()
    if (
        hit.agenda_item_id is not None
        and workspace is not None
        and workspace.meeting_id == hit.meeting_id
        and window.pages.currentWidget() is workspace
    ):
        workspace.select_item(hit.agenda_item_id)  # minuting that meeting: stay in the workspace
        return True
    target = find_target(window, NodeKind.MEETING, hit.meeting_id)
    if target is None or not _show(window, target, window.meeting_page):
        return False
    if hit.agenda_item_id is not None:
        window.meeting_page.show_item(hit.agenda_item_id)
    window.meeting_page.browser.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


# -- actions -------------------------------------------------------------------------------------------------
def _open_action(window: MainWindow, hit: SearchHit) -> bool:
    target = find_target(window, NodeKind.ACTION_LOG, hit.board_id) or find_target(window, NodeKind.ACTION_LOG, None)
    if target is None or hit.action_id is None or not _show(window, target, window.action_log_page):
        return False
    window.action_log_page.table.setFocus(Qt.FocusReason.OtherFocusReason)
    if not select_action(window.action_log_page, hit.action_id):
        open_action_detail(window.action_log_page, hit.action_id)
    return True


def select_action(page: ActionLogPage, action_id: int) -> bool:
    """Select the action in the log as filtered now; False if the filters leave it out."""
    model = page.model
    near: range = range(0)
    if model.query.group_by is GroupBy.NONE:
        ids = page.operations.read(action_log_ids, model.query, today=page.today())
        if action_id not in ids:
            return False
        position = ids.index(action_id)
        near = range(position - 1, position + 2)
    else:  # grouped: the rows around each group's start are read; enough for the logs people group
        near = range(min(model.rowCount(), 500))
    rows = model.rows_of([action_id], near)
    if not rows:
        return False
    page.table.clearSelection()
    page.table.selectRow(rows[0])
    page.table.scrollTo(model.index(rows[0], 0), QAbstractItemView.ScrollHint.PositionAtCenter)
    return True


def open_action_detail(page: ActionLogPage, action_id: int) -> QWidget:
    """The action's own window, for an action the log's filters hide."""
    from boardapp.gui.dialogs.action_detail import ActionDetailDialog

    dialog = page.detail_dialogs.get(action_id)
    if dialog is None:
        dialog = ActionDetailDialog(page.operations, action_id, page.today, page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_minute_requested.connect(page.open_minute_requested)
        dialog.destroyed.connect(lambda _=None, key=action_id: page.detail_dialogs.pop(key, None))
        page.detail_dialogs[action_id] = dialog
    dialog.show()
    dialog.raise_()
    return dialog


# -- plans ---------------------------------------------------------------------------------------------------
def _open_plan_item(window: MainWindow, hit: SearchHit) -> bool:
    target = find_target(window, NodeKind.PLAN, hit.plan_id)
    page = window.plan_pages.plan_page
    if target is None or not _show(window, target, page):
        return False
    if hit.plan_item_id is not None:
        page.select_node(hit.plan_item_id)
    page.tree.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


def _open_plan_row(window: MainWindow, hit: SearchHit, kind: NodeKind, row_id: int | None) -> bool:
    """A recommendation or KPI: its plan's register, with its row current."""
    target = find_target(window, kind, hit.plan_id)
    pages = window.plan_pages
    page = pages.recommendations_page if kind is NodeKind.RECOMMENDATIONS else pages.kpi_page
    if target is None or not _show(window, target, page):
        return False
    model: _RowsModel = page.model
    row = model.find_row(lambda r: r.id == row_id)
    if row >= 0:
        column = max(page.table.currentIndex().column(), 0)
        page.table.setCurrentIndex(model.index(row, column))
        page.table.scrollTo(model.index(row, column))
    page.table.setFocus(Qt.FocusReason.OtherFocusReason)
    return True


__all__ = ["find_target", "open_action_detail", "open_hit", "select_action"]
