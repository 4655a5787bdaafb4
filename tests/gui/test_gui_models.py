"""The plan and navigator Qt models over service rows (the action log model: test_actionlog_model.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from pytestqt.modeltest import ModelTester

from boardapp.gui.models.plan_tree_model import NODE_ROLE, STATUS_COLUMN, PlanTreeModel
from boardapp.gui.navigator_model import NavigatorModel, NavTarget, NodeKind, read_navigator
from boardapp.services.plans import plan_tree
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, OTHER_BOARD_NAME, PLAN_NAME, Sample


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
    assert top == [BOARD_NAME, OTHER_BOARD_NAME, "Action log – all boards", "People and organisations"]
    board = model.index(0, 0)
    children = [model.index(r, 0, board).data() for r in range(model.rowCount(board))]
    assert children == ["Meetings (4)", "Plans (1)", "Action log (6 open)", "Members (0)"]
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
