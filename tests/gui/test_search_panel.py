"""The search box and its results: typing searches, results grouped with highlighted snippets,
Part II marked, filters, "show all", the keyboard (Ctrl+K, Ctrl+F, Down, Esc)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from boardapp.core.models import Action
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.search.controller import DEBOUNCE_MS, SearchController, has_own_find, is_text_editor
from boardapp.gui.search.model import (
    CONFIDENTIAL_ROLE,
    HIT_ROLE,
    HTML_ROLE,
    ROW_KIND_ROLE,
    RowKind,
    SearchResultsModel,
    snippet_html,
)
from boardapp.services.search import CONFIDENTIAL_LABEL, Fragment, SearchKind, search
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def type_query(qtbot: QtBot, controller: SearchController, text: str) -> SearchResultsModel:
    """Type into the box as a user would and wait for the search that follows the pause."""
    controller.box.setFocus()
    controller.box.clear()
    qtbot.keyClicks(controller.box, text)
    qtbot.waitUntil(lambda: controller.results.query == text and not controller.timer.isActive(), timeout=2000)
    return controller.panel.model


def labels(model: SearchResultsModel) -> list[str]:
    return [
        model.index(r, 0).data()
        for r in range(model.rowCount())
        if model.index(r, 0).data(ROW_KIND_ROLE) is RowKind.HEADER
    ]


def hit_titles(model: SearchResultsModel, kind: SearchKind | None = None) -> list[str]:
    return [hit.title for hit in model.hits() if kind is None or hit.kind is kind]


@pytest.fixture
def controller(window: MainWindow) -> SearchController:
    window.activateWindow()
    return window.search


def test_typing_searches_after_a_short_pause(qtbot: QtBot, controller: SearchController) -> None:
    controller.box.setFocus()
    qtbot.keyClicks(controller.box, "video")
    assert controller.panel.model.rowCount() == 0  # not on every key: after a pause
    assert controller.timer.isActive() and controller.timer.interval() == DEBOUNCE_MS
    qtbot.waitUntil(lambda: controller.panel.model.rowCount() > 0, timeout=2000)
    model = controller.panel.model
    assert labels(model) == ["Minutes", "Actions"]
    assert hit_titles(model, SearchKind.MINUTE) == ["Being a Good Corporate Parent"]
    assert hit_titles(model, SearchKind.ACTION) == ["IB-video"]
    assert controller.popup.isVisible()
    assert controller.panel.summary.text() == "2 results"


def test_results_are_grouped_with_highlighted_escaped_snippets(
    qtbot: QtBot, controller: SearchController, sample: Sample
) -> None:
    model = type_query(qtbot, controller, "qualified")
    row = model.hit_rows()[0]
    index = model.index(row, 0)
    hit = index.data(HIT_ROLE)
    assert hit.kind is SearchKind.MINUTE and hit.agenda_item_id == sample.items[3]
    html = index.data(HTML_ROLE)
    assert "<b>qualified</b>" in html
    assert "&lt;b&gt;newly" in html  # the notes' own markup is text, not formatting
    assert "<b>newly" not in html
    assert hit.board_name in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "1 Aug 2017" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert snippet_html((Fragment("a < b & "), Fragment("c", True))) == "a &lt; b &amp; <b>c</b>"


def test_part_ii_results_are_marked_confidential(qtbot: QtBot, controller: SearchController, sample: Sample) -> None:
    model = type_query(qtbot, controller, "staffing")
    rows = {model.index(r, 0).data(HIT_ROLE).id: model.index(r, 0) for r in model.hit_rows()}
    exempt = rows[sample.items[4]]
    assert exempt.data(CONFIDENTIAL_ROLE) is True
    assert exempt.data().startswith(f"[{CONFIDENTIAL_LABEL}] Staffing matter <confidential>")
    assert CONFIDENTIAL_LABEL in exempt.data(Qt.ItemDataRole.ToolTipRole)
    assert "Part II results are confidential" in controller.panel.summary.text()
    others = [index for item_id, index in rows.items() if item_id != sample.items[4]]
    assert all(index.data(CONFIDENTIAL_ROLE) is False for index in others)


def test_filters_by_board_and_dates(qtbot: QtBot, controller: SearchController, sample: Sample) -> None:
    panel = controller.panel
    model = type_query(qtbot, controller, "mash")
    assert hit_titles(model, SearchKind.ACTION) == ["MASH-1"]
    panel.set_board(sample.board_id)  # a filter change searches at once
    assert model.rowCount() == 0
    assert panel.summary.text() == "Nothing found for “mash” with these filters."
    panel.set_board(sample.other_board_id)
    assert hit_titles(model, SearchKind.ACTION) == ["MASH-1"]
    panel.set_board(None)

    type_query(qtbot, controller, "actions")
    assert {h.date for h in model.hits()} == {dt.date(2017, 8, 1)}
    panel.set_date_range(dt.date(2017, 9, 1), dt.date(2017, 12, 31))
    assert panel.dates_row.isVisibleTo(panel)
    assert model.rowCount() == 0
    panel.set_date_range(dt.date(2017, 8, 1), dt.date(2017, 8, 1))
    assert {h.date for h in model.hits()} == {dt.date(2017, 8, 1)}
    panel.set_date_range(None, None)
    assert not panel.dates_row.isVisibleTo(panel)


def test_boards_list_follows_the_navigator(window: MainWindow, sample: Sample) -> None:
    combo = window.search.panel.board_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names[0] == "All boards"
    assert sorted(names[1:]) == sorted(entry.board.name for entry in window.navigator_data.boards)


def test_show_all_lists_every_match_of_a_kind(
    qtbot: QtBot, controller: SearchController, store: Store, sample: Sample
) -> None:
    with store.transaction() as session:
        for number in range(25):
            session.add(Action(board_id=sample.board_id, ref=f"IB-extra-{number}", text=f"Gazebo repair {number}",
                               raised_meeting_id=sample.meetings["august"], position=10 + number))  # fmt: skip
    model = type_query(qtbot, controller, "gazebo")
    assert len(hit_titles(model)) == 20
    more = [r for r in range(model.rowCount()) if model.index(r, 0).data(ROW_KIND_ROLE) is RowKind.MORE]
    assert [model.index(r, 0).data() for r in more] == ["Show all 25 actions"]
    controller.panel.view.setCurrentIndex(model.index(more[0], 0))
    qtbot.keyClick(controller.panel.view, Qt.Key.Key_Return)
    assert len(hit_titles(model)) == 25
    assert controller.panel.current_hit().title == hit_titles(model)[20]  # the first one newly shown


def test_the_results_model_is_a_sound_qt_model(qtmodeltester: ModelTester, store: Store, sample: Sample) -> None:
    model = SearchResultsModel()
    with store.session() as session:
        model.set_results(search(session, "the"))
    assert model.rowCount() > 3
    qtmodeltester.check(model)
    headers = [r for r in range(model.rowCount()) if not model.is_selectable(r)]
    assert headers and all(not (model.flags(model.index(r, 0)) & Qt.ItemFlag.ItemIsSelectable) for r in headers)


# -- keyboard ---------------------------------------------------------------------------------------------------
def test_ctrl_k_and_ctrl_f_reach_the_box_from_anywhere(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    controller = window.search
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert controller.box.hasFocus()
    assert controller.popup.isVisible()
    qtbot.keyClick(controller.box, Qt.Key.Key_Escape)
    assert not controller.popup.isVisible()
    assert window.navigator.hasFocus()  # back where it was

    window.meeting_page.browser.setFocus()  # reading the minutes: not a text editor
    assert controller.find_shortcut.isEnabled()
    qtbot.keyClick(window.meeting_page.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert controller.box.hasFocus()
    assert controller.action.shortcut().toString() == "Ctrl+K"
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert controller.action in view_menu.actions()


def test_ctrl_f_is_left_to_text_boxes(qtbot: QtBot, window: MainWindow, sample: Sample) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    controller = window.search
    editor = window.action_log_page.owner  # a text box of a page
    window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    editor.setFocus()
    assert QApplication.focusWidget() is editor
    assert is_text_editor(editor)
    assert not controller.find_shortcut.isEnabled()
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not controller.box.hasFocus()
    window.navigator.setFocus()
    assert controller.find_shortcut.isEnabled()


def test_a_page_with_a_find_of_its_own_keeps_ctrl_f(qtbot: QtBot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    page = QWidget(top)
    inner = QWidget(page)
    other = QWidget(top)
    assert not has_own_find(inner, top)
    find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), page)
    find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    assert has_own_find(inner, top) and has_own_find(page, top)
    assert not has_own_find(other, top)
    find.setEnabled(False)
    assert not has_own_find(inner, top)


def test_down_enters_the_results_skipping_headers_and_escape_closes(
    qtbot: QtBot, controller: SearchController, window: MainWindow
) -> None:
    window.navigator.setFocus()
    qtbot.keyClick(window.navigator, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    model = type_query(qtbot, controller, "video")
    view = controller.panel.view
    qtbot.keyClick(controller.box, Qt.Key.Key_Down)
    assert view.hasFocus()
    assert view.currentIndex().row() == 1  # row 0 is the "Minutes" header
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 3  # over the "Actions" header to the action
    assert model.index(3, 0).data(HIT_ROLE).kind is SearchKind.ACTION
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 3  # the last stays chosen
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert controller.box.hasFocus()  # Up from the first result goes back to the box
    qtbot.keyClick(controller.box, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not controller.popup.isVisible()
    assert window.navigator.hasFocus()


def test_clicking_elsewhere_closes_the_results(qtbot: QtBot, controller: SearchController, window: MainWindow) -> None:
    type_query(qtbot, controller, "video")
    assert controller.popup.isVisible()
    window.navigator.setFocus()
    assert not controller.popup.isVisible()
    controller.activate()  # and Ctrl+K brings them back as they were
    assert controller.popup.isVisible()
    assert controller.box.selectedText() == "video"
    assert hit_titles(controller.panel.model) == ["Being a Good Corporate Parent", "IB-video"]


def test_clearing_the_box_shows_the_hint(qtbot: QtBot, controller: SearchController) -> None:
    type_query(qtbot, controller, "video")
    controller.box.clear()
    assert controller.panel.model.rowCount() == 0
    assert controller.panel.summary.text().startswith("Search the minutes")
    type_query(qtbot, controller, "?!")
    assert controller.panel.summary.text() == "Type a word to search for."
