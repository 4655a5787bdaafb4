"""Opening a search result goes to its exact place: the meeting page at the item, the action in
the log, the plan item in its plan, a recommendation or KPI in its plan's register."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.models import Kpi, Recommendation
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.search.controller import SearchController
from boardapp.gui.search.model import HIT_ROLE, SearchResultsModel
from boardapp.gui.search.navigate import open_hit
from boardapp.services.search import SearchHit, SearchKind
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def type_query(qtbot: QtBot, controller: SearchController, text: str) -> SearchResultsModel:
    controller.box.setFocus()
    controller.box.clear()
    qtbot.keyClicks(controller.box, text)
    qtbot.waitUntil(lambda: controller.results.query == text and not controller.timer.isActive(), timeout=2000)
    return controller.panel.model


def choose(qtbot: QtBot, controller: SearchController, kind: SearchKind, title: str) -> SearchHit:
    """Down from the box to the first result of `kind` called `title`, with the keyboard."""
    model = controller.panel.model
    rows = [r for r in model.hit_rows() if model.hit_at(r).kind is kind and model.hit_at(r).title == title]
    assert rows, f"no {kind} result {title!r} in {[h.title for h in model.hits()]}"
    view = controller.panel.view
    qtbot.keyClick(controller.box, Qt.Key.Key_Down)
    while view.currentIndex().row() < rows[0]:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == rows[0]
    return view.currentIndex().data(HIT_ROLE)


@pytest.fixture
def controller(window: MainWindow) -> SearchController:
    window.activateWindow()
    return window.search


def test_enter_opens_a_minute_on_its_meeting_page_at_the_item(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    window.resize(900, 420)  # short, so that the page has to scroll to the item
    type_query(qtbot, controller, "corporate parent")
    hit = choose(qtbot, controller, SearchKind.MINUTE, "Being a Good Corporate Parent")
    qtbot.keyClick(controller.panel.view, Qt.Key.Key_Return)
    assert window.current_target == NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)
    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.shown_item_id == hit.agenda_item_id == sample.items[3]
    bar = window.meeting_page.browser.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() > 0  # scrolled down to item 3
    assert not controller.popup.isVisible()
    assert window.meeting_page.browser.hasFocus()


def test_a_decision_and_an_agenda_item_open_their_meeting_too(
    window: MainWindow, controller: SearchController, qtbot: QtBot, sample: Sample
) -> None:
    type_query(qtbot, controller, "accurate record")
    decision = next(h for h in controller.panel.model.hits() if h.kind is SearchKind.DECISION)
    window.select(NavTarget(NodeKind.PLAN, sample.plan_id, sample.board_id))
    assert open_hit(window, decision)
    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.shown_item_id == sample.items[2]

    type_query(qtbot, controller, "staffing")
    item = next(h for h in controller.panel.model.hits() if h.kind is SearchKind.AGENDA_ITEM)
    assert item.confidential
    assert open_hit(window, item)
    assert window.meeting_page.shown_item_id == sample.items[4]


def test_double_click_opens_a_result(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    model = type_query(qtbot, controller, "corporate parent")
    view = controller.panel.view
    row = model.hit_rows()[0]
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click's first
    assert window.pages.currentWidget() is window.action_log_page  # a single click only chooses
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.shown_item_id == sample.items[3]


def test_enter_in_the_box_opens_the_first_result(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    controller.box.setFocus()
    qtbot.keyClicks(controller.box, "corporate parent")
    qtbot.keyClick(controller.box, Qt.Key.Key_Return)  # no need to wait for the pause
    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.shown_item_id == sample.items[3]


def test_an_action_opens_selected_in_its_board_action_log(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    type_query(qtbot, controller, "statistics")
    choose(qtbot, controller, SearchKind.ACTION, "IB-stats")
    qtbot.keyClick(controller.panel.view, Qt.Key.Key_Return)
    assert window.current_target == NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id)
    page = window.action_log_page
    assert window.pages.currentWidget() is page
    assert [row.id for row in page.selected_rows()] == [sample.actions["stats"]]
    assert page.table.hasFocus()


def test_an_action_the_log_hides_opens_in_its_own_window(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    type_query(qtbot, controller, "circulate")
    hit = next(h for h in controller.panel.model.hits() if h.kind is SearchKind.ACTION)
    assert hit.action_id == sample.actions["closed"]
    assert open_hit(window, hit)  # the log shows open actions: a closed one is not in it
    page = window.action_log_page
    assert window.pages.currentWidget() is page
    dialog = page.detail_dialogs[sample.actions["closed"]]
    qtbot.addWidget(dialog)
    assert dialog.isVisible()


def test_a_plan_item_opens_selected_in_its_plan(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    type_query(qtbot, controller, "recruitment")
    choose(qtbot, controller, SearchKind.PLAN_ITEM, "2.1")
    qtbot.keyClick(controller.panel.view, Qt.Key.Key_Return)
    assert window.current_target == NavTarget(NodeKind.PLAN, sample.plan_id, sample.board_id)
    page = window.plan_pages.plan_page
    assert window.pages.currentWidget() is page
    assert page.current_node().id == sample.plan_items["2.1"]


def test_a_recommendation_and_a_kpi_open_in_their_plan_registers(
    qtbot: QtBot, window: MainWindow, controller: SearchController, store: Store, sample: Sample
) -> None:
    with store.transaction() as session:
        session.add(Kpi(plan_id=sample.plan_id, ref="K1", measure="Re-referrals within 12 months"))
        session.add(Kpi(plan_id=sample.plan_id, ref="K2", measure="Caseload per social worker"))
    with store.session() as session:
        reduce_id = session.exec(select(Recommendation.id).where(Recommendation.ref == "2")).one()
        kpi_id = session.exec(select(Kpi.id).where(Kpi.ref == "K2")).one()

    type_query(qtbot, controller, "caseload")
    choose(qtbot, controller, SearchKind.RECOMMENDATION, "Recommendation 2")
    qtbot.keyClick(controller.panel.view, Qt.Key.Key_Return)
    pages = window.plan_pages
    assert window.current_target == NavTarget(NodeKind.RECOMMENDATIONS, sample.plan_id, sample.board_id)
    assert window.pages.currentWidget() is pages.recommendations_page
    assert pages.recommendations_page.current().id == reduce_id

    controller.activate()  # Ctrl+K: the same results, for the next one
    choose(qtbot, controller, SearchKind.KPI, "K2")
    qtbot.keyClick(controller.panel.view, Qt.Key.Key_Return)
    assert window.current_target == NavTarget(NodeKind.KPIS, sample.plan_id, sample.board_id)
    assert window.pages.currentWidget() is pages.kpi_page
    assert pages.kpi_page.current().id == kpi_id


def test_minuting_the_same_meeting_stays_in_the_workspace(
    qtbot: QtBot, window: MainWindow, controller: SearchController, sample: Sample
) -> None:
    window.select(NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id))
    assert window.open_workspace()
    type_query(qtbot, controller, "corporate parent")
    hit = next(h for h in controller.panel.model.hits() if h.kind is SearchKind.MINUTE)
    assert open_hit(window, hit)
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.current_item_id == sample.items[3]


def test_a_result_not_in_the_navigator_says_so(window: MainWindow, controller: SearchController) -> None:
    ghost = SearchHit(
        kind=SearchKind.PLAN_ITEM, id=999, title="Gone", snippet=(), board_id=None, board_name="", date=None,
        confidential=False, rank=0.0, plan_id=999, plan_item_id=999,
    )  # fmt: skip
    assert not open_hit(window, ghost)
    assert "could not be opened" in window.statusBar().currentMessage()
