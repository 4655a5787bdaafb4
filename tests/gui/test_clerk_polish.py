"""What a clerk notices walking the journeys (task U): the navigator agrees with the page after Board ▸
Registers… and Calendar…, the plan's typed due text reads whole at 1366×768, papers are listed by their
file's name (not this machine's path), the get-started steps are one height, and the first run says it
is creating the database while it does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from boardapp.bundled import resources_dir
from boardapp.gui.first_run import StartChoice, StartDialog, ask_start_choice
from boardapp.gui.main_window import MainWindow
from boardapp.gui.models.plan_tree_model import DUE_COLUMN
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.paper_names import paper_label, paper_place
from boardapp.gui.views.calendar_page import CalendarPage
from boardapp.gui.views.plan.widgets import DUE_TEXT_MARGIN, WRAP_FLAGS, MultiLineDelegate
from boardapp.gui.views.registers_page import RegistersPage
from boardapp.gui.views.welcome_page import GetStartedPage
from boardapp.gui.workspace.dialogs import ItemDialog
from boardapp.home import AppHome
from boardapp.services.agenda import PaperRow
from boardapp.store.database import Store
from tests.helpers.builders import Sample


@pytest.fixture
def demo_window(qtbot: QtBot, demo_store: Store, home: AppHome) -> Iterator[MainWindow]:
    """The demonstration at the smallest screen a clerk's laptop has (1366×768)."""
    window = MainWindow(demo_store, home, today=dt.date(2017, 11, 1))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window


def navigator_row(window: MainWindow) -> str | None:
    """The navigator's highlighted row as the clerk reads it (None: no row is highlighted)."""
    view = window.navigation.view
    chosen = view.selectionModel().selectedIndexes()
    current = view.currentIndex()
    assert [i for i in chosen if i != current] == []  # never a highlighted row other than the current one
    return str(current.data()) if current.isValid() and chosen else None


# -- 1. the navigator and the page agree ---------------------------------------------------------------------


def test_registers_leave_no_other_navigator_row_highlighted(window: MainWindow, sample: Sample) -> None:
    menus = window.board_menus
    window.select(NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id))
    assert navigator_row(window) is not None and "Aug" in str(navigator_row(window))

    menus.registers_action.trigger()
    assert isinstance(window.pages.currentWidget(), RegistersPage)
    assert navigator_row(window) is None  # the meeting is no longer named beside the registers
    assert menus.current_board_id() == sample.board_id  # the Board menu still acts on the registers' board
    menus.update_actions()
    assert menus.members_action.isEnabled() and menus.calendar_action.isEnabled()

    window.refresh()  # View ▸ Refresh (or a change) shows the registers again, not the meeting left behind
    assert isinstance(window.pages.currentWidget(), RegistersPage) and navigator_row(window) is None


def test_calendar_after_registers_shows_the_calendar_and_its_row(window: MainWindow, sample: Sample) -> None:
    menus = window.board_menus
    menus.calendar_action.trigger()
    assert isinstance(window.pages.currentWidget(), CalendarPage)
    assert str(navigator_row(window)).startswith("Meetings")

    menus.registers_action.trigger()
    assert isinstance(window.pages.currentWidget(), RegistersPage) and navigator_row(window) is None
    menus.calendar_action.trigger()  # the Meetings row was the current one before: the page must still change
    calendar = window.pages.currentWidget()
    assert isinstance(calendar, CalendarPage) and calendar.board_id == sample.board_id
    assert str(navigator_row(window)).startswith("Meetings")

    menus.registers_action.trigger()
    menus.members_action.trigger()
    assert window.current_target == NavTarget(NodeKind.MEMBERS, sample.board_id, sample.board_id)
    assert str(navigator_row(window)).startswith("Members")


def test_registers_of_another_board_from_the_menu(window: MainWindow, sample: Sample) -> None:
    window.select(NavTarget(NodeKind.ACTION_LOG, sample.other_board_id, sample.other_board_id))
    window.board_menus.registers_action.trigger()
    page = window.pages.currentWidget()
    assert isinstance(page, RegistersPage) and page.board_id == sample.other_board_id
    assert navigator_row(window) is None
    assert window.navigation.show(NavTarget(NodeKind.REGISTERS, 999_999, 999_999)) is None  # no such board


# -- 2. the plan's due text reads whole ------------------------------------------------------------------------


def test_the_typed_due_text_reads_whole_at_1366_by_768(qtbot: QtBot, demo_window: MainWindow) -> None:
    plans = demo_window.navigation.model.targets(NodeKind.PLAN)
    checked: list[str] = []
    for target in plans:
        assert demo_window.navigation.show(target) is demo_window.plan_page
        page = demo_window.plan_page
        tree, tree_data = page.tree, page.tree_data
        qtbot.waitUntil(tree.isVisible)
        assert tree_data is not None
        metrics = tree.fontMetrics()
        for node in tree_data.walk():
            if not node.due_text:
                continue
            index = page.model.index_of(node.id, DUE_COLUMN)
            tree.scrollTo(index)
            cell = tree.visualRect(index)
            room = cell.width() - 2 * DUE_TEXT_MARGIN
            needed = metrics.boundingRect(QRect(0, 0, room, 100_000), WRAP_FLAGS, node.due_text)
            assert needed.width() <= room and needed.height() <= cell.height(), (node.due_text, cell)
            checked.append(node.due_text)
    assert "29 September 2017" in checked  # a date written out in full: one line, whole
    assert "Pilot November 2018 Roll Out June 2019" in checked  # a long one: on more lines, whole
    option = QStyleOptionViewItem()
    delegate = demo_window.plan_page.tree.itemDelegate()
    assert isinstance(delegate, MultiLineDelegate)
    delegate.initStyleOption(option, demo_window.plan_page.model.index(0, DUE_COLUMN))
    assert option.features & QStyleOptionViewItem.ViewItemFeature.WrapText  # drawn wrapped, as measured


# -- 3. papers by name, not by this machine's path ---------------------------------------------------------------


def test_the_meeting_page_lists_papers_by_file_name(demo_window: MainWindow) -> None:
    meeting = next(
        t for t in demo_window.navigation.model.targets(NodeKind.MEETING) if t.label.startswith("1 Aug 2017")
    )
    assert demo_window.navigation.show(meeting) is demo_window.meeting_page
    text = demo_window.meeting_page.text()
    paper = "Being a Good Corporate Parent: report of the Director of Children's Services"
    assert f"{paper} (corporate-parenting.pdf)" in text
    assert str(resources_dir()) not in text and "/papers/" not in text


def test_the_item_dialog_lists_papers_by_file_name(qtbot: QtBot) -> None:
    path = "/opt/BoardApp/_internal/resources/demo/papers/early-help-demand.pdf"
    dialog = ItemDialog(None, list, None, [PaperRow(1, "Early Help: reducing demand", path)])
    qtbot.addWidget(dialog)
    dialog.add_paper("Heat maps", r"C:\Users\clerk\Papers\workforce-heat-maps.docx")
    shown = [dialog.papers.item(row).text() for row in range(dialog.papers.count())]
    assert shown == ["Early Help: reducing demand (early-help-demand.pdf)", "Heat maps (workforce-heat-maps.docx)"]
    assert dialog.papers.item(0).toolTip() == path  # where it is, for the clerk who asks
    assert dialog.papers.item(1).data(Qt.ItemDataRole.UserRole + 1) == (
        "Heat maps",
        r"C:\Users\clerk\Papers\workforce-heat-maps.docx",
    )  # what is stored is the location as chosen


def test_paper_names() -> None:
    assert paper_place(str(Path("/work/main/resources/demo/papers/cse-intelligence.pdf"))) == "cse-intelligence.pdf"
    assert paper_place("papers\\minutes.docx") == "minutes.docx"
    assert paper_place("https://example.org/papers/report.pdf") == "https://example.org/papers/report.pdf"
    assert paper_place("  ") == ""
    assert paper_label("Budget", "") == "Budget"
    assert paper_label("report.pdf", "/x/report.pdf") == "report.pdf"


# -- 4. the get-started steps are one height -------------------------------------------------------------------


@pytest.mark.parametrize("width", [520, 640, 760, 1086])
def test_the_get_started_steps_are_one_height(qtbot: QtBot, width: int) -> None:
    page = GetStartedPage()
    qtbot.addWidget(page)
    page.resize(width, 700)
    page.show()
    qtbot.waitExposed(page)
    for show in (page.show_empty, lambda: page.show_next_steps(1, "Schools Forum", 0, 0)):
        show()
        QApplication.processEvents()
        heights = {button.height() for button in page.buttons()}
        assert len(heights) == 1, (width, [(b.text(), b.height()) for b in page.buttons()])
        for button in page.buttons():  # none is clipped: each has the room its description needs
            assert button.height() >= button.heightForWidth(button.width())


# -- 5. the first run says what it is doing ----------------------------------------------------------------------


def test_after_start_a_new_secretariat_the_chooser_says_it_is_creating_the_database(qtbot: QtBot) -> None:
    def click_new() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, StartDialog) and w.isVisible())
        dialog.new_button.click()

    QTimer.singleShot(0, click_new)
    assert ask_start_choice() is StartChoice.NEW
    # Back in the caller, which now creates the database before any event loop runs:
    busy = [w for w in QApplication.topLevelWidgets() if isinstance(w, StartDialog) and w.isVisible()]
    assert len(busy) == 1 and busy[0].status.text() == "Creating your database…"
    assert not busy[0].new_button.isEnabled() and not busy[0].demo_button.isEnabled()
    cursor = QApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)  # the window's event loop: all back to normal
    assert not busy[0].isVisible()


def test_the_demonstration_choice_says_it_is_opening_the_demonstration(qtbot: QtBot) -> None:
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.choice = StartChoice.DEMO
    dialog.show_busy()
    assert dialog.isVisible() and dialog.status.text() == "Opening the demonstration…"
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is None)
    assert not dialog.isVisible()
