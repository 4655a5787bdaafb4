"""The plan's other pages through their real widgets: recommendations register, KPIs, golden thread, charts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.models import ActionPlanLink, KpiValue, Plan
from boardapp.gui.main_window import MainWindow
from boardapp.gui.models.plan_columns import KPI_COLUMNS, KPI_INDEX, REGISTER_COLUMNS, REGISTER_INDEX
from boardapp.gui.models.plan_rows_model import ROW_ROLE, RowsTableModel
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.operations import Operations
from boardapp.gui.views.golden_thread import GoldenThreadPage, ThreadKind
from boardapp.gui.views.kpi_page import KpiPage
from boardapp.gui.views.recommendations_page import RecommendationsPage
from boardapp.gui.widgets.sparkline import SERIES_ROLE, Sparkline, Trend, paint_sparkline, plot_points
from boardapp.gui.widgets.status_bar import StatusCountBar, paint_status_bar, segments
from boardapp.services import kpis
from boardapp.services import recommendations as rec_service
from boardapp.services.kpis import KpiRow
from boardapp.services.plan_status import StatusCount
from boardapp.services.plans import Level
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample

DEVELOPMENT = "Better for Children: Lancashire's Children's Services Development Plan November 2018 - 19"
TWELVE_WEEK = "12 Week Improvement Plan August – October 2017"
DEMO_TODAY = dt.date(2017, 9, 1)


def plan_id(store: Store, name: str) -> int:
    with store.session() as session:
        return session.exec(select(Plan.id).where(Plan.name == name)).one() or 0


@pytest.fixture
def demo_operations(demo_store: Store) -> Operations:
    return Operations(demo_store, show_errors=False)


# -- recommendations register ----------------------------------------------------------------------------


@pytest.fixture
def register(qtbot: QtBot, demo_operations: Operations, demo_store: Store) -> Iterator[RecommendationsPage]:
    page = RecommendationsPage(demo_operations, today=lambda: dt.date(2019, 4, 10))
    page.confirm = lambda _title, _text: True
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.show_plan(plan_id(demo_store, DEVELOPMENT), DEVELOPMENT)
    yield page


def test_register_lists_the_eleven_recommendations(qtmodeltester: ModelTester, register: RecommendationsPage) -> None:
    model = register.model
    qtmodeltester.check(model)
    assert model.rowCount() == 11
    assert [model.index(r, REGISTER_INDEX["Ref"]).data() for r in range(3)] == ["1", "2", "3"]
    five = model.index(4, 0)
    assert five.data(ROW_ROLE).key_area == "Effective Partnership Working"
    actions = model.index(4, REGISTER_INDEX["Plan actions"]).data()
    assert actions.startswith("1.1.1 (not rated), 1.2.1 (not rated)") and actions.endswith("+1")
    complete = model.index(4, REGISTER_INDEX["Complete"])
    assert complete.data() == "No"
    assert complete.data(Qt.ItemDataRole.ToolTipRole).startswith("Derived: 0 of 7 plan actions complete")
    assert "11 recommendations · 0 actions complete" in register.counts.text()
    # The golden thread of the chosen recommendation is shown below the table.
    register.select_ref("5")
    assert "Develop a refreshed multi-agency Neglect Strategy" in register.thread_view.toPlainText()


def test_register_phases_sign_off_and_inline_edit(
    qtbot: QtBot, register: RecommendationsPage, demo_store: Store
) -> None:
    register.select_ref("6")
    assert register.set_phase("actions_complete", True)
    six = register.current()
    assert six is not None and six.actions_complete.is_set_by_hand and six.actions_complete.value
    assert register.model.index(register.table.currentIndex().row(), REGISTER_INDEX["Complete"]).data() == "Yes ✎"
    dialog = register.open_sign_off_dialog()
    assert dialog is not None
    dialog.meeting.setCurrentIndex(dialog.meeting.findText("12 September 2017 meeting"))
    dialog.accept()
    six = register.current()
    assert six is not None and six.signed_off_label == "12 September 2017 meeting"
    # Inline edit of the lead cell, as typed.
    index = register.model.index(register.table.currentIndex().row(), REGISTER_INDEX["Lead"])
    register.table.setCurrentIndex(index)
    register.table.setFocus()
    qtbot.keyClick(register.table, Qt.Key.Key_F2)
    editor = register.table.focusWidget()
    qtbot.keyClicks(editor, "Virtual School Headteacher")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: register.table.state() != QAbstractItemView.State.EditingState)
    with demo_store.session() as session:
        row = rec_service.recommendation_row(session, six.id)
    assert row.lead == "Virtual School Headteacher"


def test_register_add_and_delete(qtbot: QtBot, register: RecommendationsPage) -> None:
    dialog = register.open_add_dialog()
    assert dialog is not None
    dialog.source.setCurrentIndex(dialog.source.count() - 1)  # a new review
    qtbot.keyClicks(dialog.new_title, "Ofsted monitoring visit, March 2019")
    qtbot.keyClicks(dialog.ref, "M1")
    qtbot.keyClicks(dialog.text, "Strengthen management oversight of <drift> & delay.")
    dialog.accept()
    current = register.current()
    assert current is not None and (current.ref, current.source_title) == ("M1", "Ofsted monitoring visit, March 2019")
    assert register.model.rowCount() == 12
    assert register.delete()
    assert register.model.rowCount() == 11


def test_register_links_a_plan_action_by_typing(qtbot: QtBot, register: RecommendationsPage) -> None:
    register.select_ref("10")
    before = len(register.current().actions)  # type: ignore[union-attr]
    picker = register.open_link_dialog()
    assert picker is not None
    qtbot.keyClicks(picker.query, "4.5.1")
    qtbot.waitUntil(lambda: picker.model.rowCount() >= 1 and picker.model.row_at(0).ref == "4.5.1")
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    after = register.current()
    assert after is not None and len(after.actions) == before + 1 and "4.5.1" in [a.ref for a in after.actions]


# -- KPIs -----------------------------------------------------------------------------------------------------


@pytest.fixture
def kpi_page(qtbot: QtBot, store: Store, sample: Sample) -> Iterator[KpiPage]:
    with store.transaction() as session:
        kpi_id, _ = kpis.add_kpi(
            session,
            sample.plan_id,
            ref="3a",
            measure="Re-referrals within 12 months",
            unit="%",
            higher_is_better=False,
            target=20.0,
        )
        kpis.add_value(session, kpi_id, dt.date(2017, 6, 30), 24.5)
        kpis.add_value(session, kpi_id, dt.date(2017, 7, 31), 22.0)
    page = KpiPage(Operations(store, show_errors=False), today=lambda: TODAY)
    page.confirm = lambda _title, _text: True
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.show_plan(sample.plan_id, "12 Week Improvement Plan")
    yield page


def test_add_a_kpi_value_through_the_dialog(qtbot: QtBot, kpi_page: KpiPage, store: Store) -> None:
    assert kpi_page.model.index(0, KPI_INDEX["Status"]).data() == "Off target"
    dialog = kpi_page.open_value_dialog()
    assert dialog is not None
    assert dialog.period.date() == QDate(2017, 8, 31)  # the month before "today" ends
    qtbot.keyClicks(dialog.value, "19.5%")
    qtbot.keyClicks(dialog.note, "validated")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    with store.session() as session:
        values = session.exec(select(KpiValue).order_by(KpiValue.period_end)).all()
    assert [(v.period_end, v.value, v.note) for v in values][-1] == (dt.date(2017, 8, 31), 19.5, "validated")
    assert kpi_page.model.index(0, KPI_INDEX["Latest"]).data() == "19.5% (31 Aug 2017)"
    assert kpi_page.model.index(0, KPI_INDEX["Status"]).data() == "On target"
    assert kpi_page.values_model.rowCount() == 3 and kpi_page.values_model.index(0, 1).data() == "19.5"  # newest first
    trend = kpi_page.model.index(0, KPI_INDEX["Trend"]).data(SERIES_ROLE)
    assert isinstance(trend, Trend) and [v for _, v in trend.points] == [24.5, 22.0, 19.5]
    assert "reaches the target ≤ 20%" in kpi_page.explanation.text()


def test_kpi_value_typed_wrongly_is_refused(qtbot: QtBot, kpi_page: KpiPage, store: Store) -> None:
    failures: list[str] = []
    kpi_page.operations.failed.connect(failures.append)
    dialog = kpi_page.open_value_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.value, "about twenty")
    dialog.accept()
    assert failures == ["“about twenty” is not a number."]
    assert kpi_page.values_model.rowCount() == 2


def test_kpi_inline_edit_and_add(qtbot: QtBot, kpi_page: KpiPage, store: Store, sample: Sample) -> None:
    target = kpi_page.model.index(0, KPI_INDEX["Target"])
    assert target.data() == "≤ 20%" and target.data(Qt.ItemDataRole.EditRole) == "20"
    assert kpi_page.model.setData(target, "25")
    qtbot.waitUntil(lambda: kpi_page.model.index(0, KPI_INDEX["Status"]).data() == "On target")
    dialog = kpi_page.open_add_dialog()
    assert dialog is not None
    qtbot.keyClicks(dialog.fields["ref"], "1a")
    qtbot.keyClicks(dialog.fields["measure"], "Social work vacancies")
    qtbot.keyClicks(dialog.fields["target"], "10")
    qtbot.keyClicks(dialog.fields["target_date"], "31/03/2018")
    dialog.direction.setCurrentIndex(1)
    dialog.accept()
    assert [kpi_page.model.index(r, 0).data() for r in range(kpi_page.model.rowCount())] == ["1a", "3a"]
    current = kpi_page.current()
    assert current is not None and (current.measure, current.target_date, current.higher_is_better) == (
        "Social work vacancies",
        dt.date(2018, 3, 31),
        False,
    )
    assert kpi_page.model.index(0, KPI_INDEX["Status"]).data() == "No data"


def test_kpi_and_register_models_pass_the_model_tester(
    qtmodeltester: ModelTester, store: Store, sample: Sample
) -> None:
    with store.transaction() as session:
        kpi_id, _ = kpis.add_kpi(session, sample.plan_id, ref="1", measure="Caseloads", target=18.0)
        kpis.add_value(session, kpi_id, dt.date(2017, 7, 31), 21.0)
        kpis.add_kpi(session, sample.plan_id, ref="2", measure="Vacancies")
        rows: list[KpiRow] = kpis.kpi_rows(session, sample.plan_id)
        register = rec_service.recommendation_rows(session, sample.plan_id)
    model: RowsTableModel[KpiRow] = RowsTableModel(KPI_COLUMNS)
    model.set_rows(rows)
    qtmodeltester.check(model)
    model.sort(KPI_INDEX["Latest"], Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(2)] == ["1", "2"]  # no data sorts last
    recs: RowsTableModel = RowsTableModel(REGISTER_COLUMNS)
    recs.set_rows(register)
    qtmodeltester.check(recs)


# -- golden thread ---------------------------------------------------------------------------------------------


def test_golden_thread_page_from_the_heat_maps_board_action(
    qtbot: QtBot, demo_operations: Operations, demo_store: Store
) -> None:
    page = GoldenThreadPage(demo_operations)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    with demo_store.session() as session:
        board_id = session.exec(select(Plan.board_id).where(Plan.name == TWELVE_WEEK)).one()
    page.show_plan(plan_id(demo_store, TWELVE_WEEK), TWELVE_WEEK, board_id)
    page.set_kind(ThreadKind.ACTION)
    qtbot.keyClicks(page.query, "heat maps")
    qtbot.waitUntil(lambda: page.found.rowCount() == 1)
    page.results.setCurrentIndex(page.found.index(0, 1))
    text = page.view.toPlainText()
    assert "Heat maps report on recruitment and retention" in text
    assert "Workforce Strategy performance dashboard produced and monitored regularly" in text
    assert "Raised: 1 Aug 2017, item" in text
    # Link it to a second plan action from this end, by typing.
    picker = page.link_from_shown()
    assert picker is not None
    qtbot.keyClicks(picker.query, "launch academy")
    qtbot.waitUntil(lambda: picker.model.rowCount() >= 1)
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    assert "Launch of Social Work Academy" in page.view.toPlainText()
    with demo_store.session() as session:
        assert (
            len(session.exec(select(ActionPlanLink).where(ActionPlanLink.action_id == page.view.target.id)).all()) == 2
        )  # type: ignore[union-attr]
    # Following a link inside the thread shows that end; Back returns.
    choices = page.unlink_choices()
    assert len(choices) == 2
    assert all(
        label.startswith(("Workforce Strategy performance", "Launch of Social Work Academy")) for label, _ in choices
    )
    unlink = next(do for label, do in choices if label.startswith("Launch of Social Work Academy"))
    unlink()  # unlink the one just made
    page.view.refresh()
    assert "Launch of Social Work Academy" not in page.view.toPlainText()


# -- charts ----------------------------------------------------------------------------------------------------


def level(position: int, label: str, colour: str) -> Level:
    return Level(position + 1, 1, position, label.upper(), label, colour, "", False)


def test_status_bar_is_drawn_in_the_scale_colours(qtbot: QtBot) -> None:
    counts = (
        StatusCount(level(0, "Red", "#C00000"), 1),
        StatusCount(level(1, "Amber", "#FFC000"), 0),
        StatusCount(level(2, "Green", "#00B050"), 3),
        StatusCount(None, 0),
    )
    assert [(colour, n) for colour, n, _ in segments(counts)] == [("#C00000", 1), ("#00B050", 3)]
    image = QImage(200, 10, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_status_bar(painter, image.rect(), counts)
    painter.end()
    assert image.pixelColor(20, 5) == QColor("#C00000")  # the first quarter is red
    assert image.pixelColor(150, 5) == QColor("#00B050")  # the rest green
    bar = StatusCountBar()
    qtbot.addWidget(bar)
    bar.set_counts(counts)
    assert bar.toolTip() == "Red: 1\nGreen: 3"
    assert not bar.grab().isNull()


def test_sparkline_spaces_points_by_date() -> None:
    from PySide6.QtCore import QRectF

    trend = Trend([(dt.date(2018, 1, 31), 10.0), (dt.date(2018, 2, 28), 20.0), (dt.date(2018, 12, 31), 15.0)], 12.0)
    points = plot_points(trend, QRectF(0, 0, 334, 100))
    assert [round(p.x()) for p in points] == [0, 28, 334]
    assert points[1].y() == 0 and points[0].y() == 100  # highest at the top
    image = QImage(120, 30, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_sparkline(painter, image.rect(), trend)
    painter.end()
    assert any(image.pixelColor(x, y) != QColor("white") for x in range(120) for y in range(30))
    widget = Sparkline()
    widget.set_trend(Trend([]))
    assert not widget.grab().isNull()


# -- the main window ------------------------------------------------------------------------------------------


def test_navigator_opens_the_plan_pages(qtbot: QtBot, window: MainWindow, sample: Sample) -> None:
    plan = NavTarget(NodeKind.PLAN, sample.plan_id, sample.board_id)
    assert window.select(plan)
    assert window.pages.currentWidget() is window.plan_page
    for kind, page in (
        (NodeKind.RECOMMENDATIONS, window.plan_pages.recommendations_page),
        (NodeKind.KPIS, window.plan_pages.kpi_page),
        (NodeKind.GOLDEN_THREAD, window.plan_pages.golden_thread_page),
    ):
        assert window.select(NavTarget(kind, sample.plan_id, sample.board_id)), kind
        assert window.pages.currentWidget() is page
    assert window.plan_pages.recommendations_page.model.rowCount() == 2
    # A write on one page reaches the others through the one broadcast.
    window.select(plan)
    window.plan_page.select_node(sample.plan_items["1.1"])
    dialog = window.plan_page.open_status_dialog()
    assert dialog is not None
    dialog.select_level("BLUE")
    dialog.accept()
    window.select(NavTarget(NodeKind.RECOMMENDATIONS, sample.plan_id, sample.board_id))
    register = window.plan_pages.recommendations_page
    qtbot.waitUntil(lambda: register.model.index(0, REGISTER_INDEX["Complete"]).data() == "Yes")
