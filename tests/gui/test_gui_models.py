"""The Qt models over service rows: model tester, sorting in the model, filtering in the proxy."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from pytestqt.modeltest import ModelTester

from boardapp.gui import style
from boardapp.gui.models.action_table_model import (
    COLUMN_INDEX,
    ROW_ROLE,
    SORT_ROLE,
    ActionFilterProxy,
    ActionTableModel,
)
from boardapp.gui.models.plan_tree_model import NODE_ROLE, STATUS_COLUMN, PlanTreeModel
from boardapp.gui.navigator_model import NavigatorModel, NavTarget, NodeKind, read_navigator
from boardapp.services.actions import ActionRow, list_action_rows
from boardapp.services.plans import plan_tree
from boardapp.store.database import Store
from tests.unit.services.builders import BOARD_NAME, OTHER_BOARD_NAME, PLAN_NAME, TODAY, Sample


def action_rows(store: Store, board_id: int | None = None) -> list[ActionRow]:
    with store.session() as session:
        return list_action_rows(session, board_id, today=TODAY)


def refs(model: ActionTableModel | ActionFilterProxy) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_action_model_passes_model_tester(qtmodeltester: ModelTester, store: Store, sample: Sample) -> None:
    model = ActionTableModel()
    model.set_rows(action_rows(store))
    qtmodeltester.check(model)
    model.sort(COLUMN_INDEX["Due"], Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filter("hatton")
    qtmodeltester.check(proxy)


def test_action_model_roles(store: Store, sample: Sample) -> None:
    model = ActionTableModel()
    model.set_rows(action_rows(store, sample.board_id))
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Ref", "Action", "Owners", "Raised at", "Due", "Status", "Last update", "Plan links",
    ]  # fmt: skip
    late = refs(model).index("IB-late")
    row = model.index(late, 0).data(ROW_ROLE)
    assert isinstance(row, ActionRow) and row.is_overdue
    assert model.index(late, COLUMN_INDEX["Status"]).data() == "Open – overdue"
    assert QColor(model.index(late, 1).data(Qt.ItemDataRole.ForegroundRole)) == QColor(style.OVERDUE_TEXT)
    font = model.index(late, 1).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    stats = refs(model).index("IB-stats")
    assert model.index(stats, 1).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(stats, COLUMN_INDEX["Plan links"]).data() == "2"
    assert model.index(stats, COLUMN_INDEX["Last update"]).data() == "10 Oct 2017 – Report drafted"
    assert model.index(stats, COLUMN_INDEX["Owners"]).data() == "Amanda Hatton"
    assert model.index(stats, COLUMN_INDEX["Due"]).data(SORT_ROLE)[1].isoformat() == "2017-10-31"


def test_action_model_sorts_by_key_and_back(store: Store, sample: Sample) -> None:
    model = ActionTableModel()
    model.set_rows(action_rows(store, sample.board_id))
    natural = refs(model)
    model.sort(COLUMN_INDEX["Due"], Qt.SortOrder.AscendingOrder)
    # By due date; undated last ("" before "a future meeting"); ties keep the log's order.
    assert refs(model) == ["IB-late", "IB-closed", "IB-cse", "IB-video", "IB-stats", "IB-unfiled", "IB-profiles"]
    model.sort(COLUMN_INDEX["Due"], Qt.SortOrder.DescendingOrder)
    assert refs(model)[0] == "IB-profiles"
    model.sort(COLUMN_INDEX["Plan links"], Qt.SortOrder.DescendingOrder)
    assert refs(model)[:2] == ["IB-stats", "IB-video"]
    model.sort(-1)
    assert refs(model) == natural


def test_sorting_keeps_the_selection(store: Store, sample: Sample) -> None:
    model = ActionTableModel()
    model.set_rows(action_rows(store, sample.board_id))
    selection = QItemSelectionModel(model)
    stats = model.index(refs(model).index("IB-stats"), 0)
    selection.select(stats, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    model.sort(COLUMN_INDEX["Ref"], Qt.SortOrder.DescendingOrder)
    (selected,) = selection.selectedRows()
    assert selected.data() == "IB-stats"


def test_proxy_filters_on_every_word_and_overdue(store: Store, sample: Sample) -> None:
    model = ActionTableModel()
    model.set_rows(action_rows(store))
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.visible_counts() == (8, 2)
    proxy.set_filter("HATTON")
    assert sorted(refs(proxy)) == ["IB-cse", "IB-profiles", "IB-stats"]
    proxy.set_filter("hatton future")
    assert refs(proxy) == ["IB-profiles"]
    proxy.set_filter("", overdue_only=True)
    assert sorted(refs(proxy)) == ["IB-late", "MASH-1"]
    assert proxy.visible_counts() == (2, 2)
    model.sort(COLUMN_INDEX["Ref"], Qt.SortOrder.DescendingOrder)  # sorting does not upset the filter
    assert refs(proxy) == ["MASH-1", "IB-late"]
    proxy.sort(COLUMN_INDEX["Ref"], Qt.SortOrder.AscendingOrder)  # the proxy hands sorting to the model
    assert refs(proxy) == ["IB-late", "MASH-1"]
    model.set_rows(action_rows(store, sample.other_board_id))  # new rows: the filter is recomputed
    assert refs(proxy) == ["MASH-1"]


def test_plan_model(qtmodeltester: ModelTester, store: Store, sample: Sample) -> None:
    with store.session() as session:
        tree = plan_tree(session, sample.plan_id)
    model = PlanTreeModel()
    model.set_tree(tree)
    qtmodeltester.check(model)
    assert model.count() == 6
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["1", "2"]
    first = model.index(0, 0)
    assert [model.index(r, 0, first).data() for r in range(model.rowCount(first))] == ["1.1", "1.2"]
    one_one = model.index_of(sample.plan_items["1.1"])
    assert one_one.data(NODE_ROLE).ref == "1.1"
    status = one_one.siblingAtColumn(STATUS_COLUMN)
    assert status.data() == "Green"
    background = status.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == QColor("#00B050")
    assert one_one.siblingAtColumn(5).data() == "2, 10"
    assert one_one.siblingAtColumn(6).data() == "2"
    assert one_one.siblingAtColumn(2).data() == "Amanda Hatton/Chris Coyle"
    font = first.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()  # workstreams stand out from actions
    model.set_tree(None)
    assert model.rowCount() == 0


def test_navigator_model(qtmodeltester: ModelTester, store: Store, sample: Sample) -> None:
    with store.session() as session:
        data = read_navigator(session)
    model = NavigatorModel()
    model.set_data(data)
    qtmodeltester.check(model)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == [BOARD_NAME, OTHER_BOARD_NAME, "Action log – all boards"]
    board = model.index(0, 0)
    children = [model.index(r, 0, board).data() for r in range(model.rowCount(board))]
    assert children == ["Meetings (4)", "Plans (1)", "Action log (6 open)"]
    meetings = model.index(0, 0, board)
    assert [model.index(r, 0, meetings).data() for r in range(model.rowCount(meetings))] == [
        "10 Oct 2017 · Scheduled",
        "12 Sep 2017 · Agenda published",
        "1 Aug 2017 · Draft minutes",
        "6 Jun 2017 · Minutes approved",
    ]
    plans = model.index(1, 0, board)
    assert model.index(0, 0, plans).data() == PLAN_NAME
    found = model.find(NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id))
    assert found.data() == "1 Aug 2017 · Draft minutes"
    assert found.parent() == meetings
    assert model.target(found) == NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)
