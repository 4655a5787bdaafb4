"""The first run on a new home: the chooser, the empty database, the demonstration in its own file,
and the get-started page's buttons (driven with the mouse)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog
from pytestqt.qtbot import QtBot

from boardapp.gui.app import QUIT, open_start_store
from boardapp.gui.dialogs.board_settings import BoardSettingsDialog
from boardapp.gui.first_run import StartChoice, StartDialog, asks_on_start
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.home import AppHome
from boardapp.store.database import Store, open_store
from tests.gui.board_fakes import Calls, FakeCalendarPage, FakePeoplePage
from tests.helpers.builders import TODAY


def board_names(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM board ORDER BY name")]
    finally:
        connection.close()


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def chooser_clicking(qtbot: QtBot, which: str) -> StartChoice | None:
    """The real chooser, answered with a mouse click on one of its two buttons (or closed)."""
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if which == "close":
        dialog.reject()
    else:
        click(qtbot, dialog.new_button if which == "new" else dialog.demo_button)
        assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog.choice


def open_window(qtbot: QtBot, store: Store, home: AppHome) -> MainWindow:
    window = MainWindow(store, home, today=TODAY)
    window.operations.show_errors = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def empty_window(qtbot: QtBot, home: AppHome, calls: Calls) -> Iterator[MainWindow]:
    store = open_store(home)
    window = open_window(qtbot, store, home)
    yield window
    window.store.close()


def test_only_a_new_home_asks(home: AppHome, tmp_path: Path) -> None:
    assert asks_on_start(home, smoke=False)
    assert not asks_on_start(home, smoke=True)  # a smoke run never waits for a click
    assert not asks_on_start(AppHome.from_options(tmp_path / "home", tmp_path / "chosen.sqlite"), smoke=False)
    home.ensure()
    home.settings_path.write_text("[main_window]\n")  # the window has been shown here before
    assert not asks_on_start(home, smoke=False)
    home.settings_path.unlink()
    open_store(home).close()
    assert not asks_on_start(home, smoke=False)


def test_new_secretariat_opens_an_empty_database_on_the_get_started_page(
    qtbot: QtBot, home: AppHome, calls: Calls
) -> None:
    store = open_start_store(home, choose=lambda: chooser_clicking(qtbot, "new"))
    assert isinstance(store, Store) and store.path == home.db_path
    assert board_names(home.db_path) == []
    assert not home.demo_db_path.exists()
    window = open_window(qtbot, store, home)
    assert window.pages.currentWidget() is window.get_started_page
    assert window.get_started_page.heading.text() == "Start your secretariat"
    assert [b.text() for b in window.get_started_page.buttons()] == [
        "Add a board",
        "Import a membership list",
        "Open the demonstration",
    ]
    assert window.current_target == NavTarget(NodeKind.GET_STARTED)
    assert "Demonstration" not in window.windowTitle()
    window.store.close()


def test_demonstration_lives_in_its_own_file(qtbot: QtBot, home: AppHome, calls: Calls) -> None:
    store = open_start_store(home, choose=lambda: chooser_clicking(qtbot, "demo"))
    assert isinstance(store, Store) and store.path == home.demo_db_path
    demo_boards = board_names(home.demo_db_path)
    assert demo_boards  # the demonstration was loaded into demo.sqlite
    assert not home.db_path.exists()  # the user's database was not even created
    window = open_window(qtbot, store, home)
    assert window.windowTitle() == "BoardApp — Demonstration"
    assert window.pages.currentWidget() is window.meeting_page
    window.board_menus.update_actions()
    assert window.board_menus.back_action.isEnabled() and not window.board_menus.open_demo_action.isEnabled()

    window.board_menus.back_action.trigger()  # File ▸ Back to my database
    assert window.store.path == home.db_path
    assert window.pages.currentWidget() is window.get_started_page
    assert board_names(home.db_path) == []  # the real database starts empty
    assert board_names(home.demo_db_path) == demo_boards  # and the demo is still there, loaded once
    window.store.close()


def test_closing_the_chooser_quits_and_creates_nothing(qtbot: QtBot, home: AppHome) -> None:
    assert open_start_store(home, choose=lambda: chooser_clicking(qtbot, "close")) is QUIT
    assert not home.db_path.exists() and not home.demo_db_path.exists()


def test_add_a_board_then_the_next_steps(qtbot: QtBot, empty_window: MainWindow, calls: Calls) -> None:
    page = empty_window.get_started_page
    click(qtbot, page.first_button)  # "Add a board"
    assert calls.log == [("edit_board", None)]
    (board_id,) = [e.board.id for e in empty_window.navigator_data.boards]
    assert empty_window.current_target == NavTarget(NodeKind.BOARD, board_id, board_id)
    assert empty_window.pages.currentWidget() is page  # the board's next steps
    assert page.heading.text() == calls.next_board_name
    assert [b.text() for b in page.buttons()] == ["Add members", "Import a membership list", "Schedule meetings"]
    assert "0 members and 0 meetings" in page.intro.text()

    click(qtbot, page.second_button)  # "Import a membership list", for this board
    assert calls.log[-1] == ("import_members", board_id)
    people = empty_window.pages.currentWidget()  # an import shows the board's members
    assert isinstance(people, FakePeoplePage) and people.shown[-1] == board_id

    empty_window.select(NavTarget(NodeKind.BOARD, board_id, board_id))
    click(qtbot, page.third_button)  # "Schedule meetings"
    assert calls.log[-1] == ("schedule_meetings", (board_id, TODAY))
    calendar = empty_window.pages.currentWidget()  # the new meeting, on the board's calendar
    assert isinstance(calendar, FakeCalendarPage) and calendar.shown[-1] == board_id
    assert empty_window.navigator_model.find(NavTarget(NodeKind.MEETINGS, board_id, board_id)).data() == "Meetings (1)"

    empty_window.select(NavTarget(NodeKind.BOARD, board_id, board_id))  # a board with meetings: its summary
    assert empty_window.pages.currentWidget() is empty_window.welcome_page


def test_add_members_opens_the_boards_members(qtbot: QtBot, empty_window: MainWindow, calls: Calls) -> None:
    click(qtbot, empty_window.get_started_page.first_button)
    (board_id,) = [e.board.id for e in empty_window.navigator_data.boards]
    click(qtbot, empty_window.get_started_page.first_button)  # now "Add members"
    assert empty_window.current_target == NavTarget(NodeKind.MEMBERS, board_id, board_id)
    people = empty_window.pages.currentWidget()
    assert isinstance(people, FakePeoplePage) and people.shown == [board_id]


def test_import_with_no_board_names_the_board_first(qtbot: QtBot, empty_window: MainWindow, calls: Calls) -> None:
    click(qtbot, empty_window.get_started_page.second_button)
    (board_id,) = [e.board.id for e in empty_window.navigator_data.boards]
    assert calls.log == [("edit_board", None), ("import_members", board_id)]


def test_import_is_not_started_when_the_board_is_cancelled(
    qtbot: QtBot, empty_window: MainWindow, calls: Calls, home: AppHome
) -> None:
    calls.cancel = True
    click(qtbot, empty_window.get_started_page.second_button)
    assert calls.log == [("edit_board", None)]
    assert empty_window.pages.currentWidget() is empty_window.get_started_page
    assert board_names(home.db_path) == []


def test_open_the_demonstration_from_the_get_started_page(
    qtbot: QtBot, empty_window: MainWindow, home: AppHome
) -> None:
    click(qtbot, empty_window.get_started_page.third_button)
    assert empty_window.store.path == home.demo_db_path
    assert empty_window.windowTitle() == "BoardApp — Demonstration"
    assert empty_window.navigator_data.boards  # loaded into the demo file ...
    assert board_names(home.db_path) == []  # ... and not into the user's
    assert empty_window.pages.currentWidget() is empty_window.meeting_page


def test_an_empty_database_opens_every_row_without_errors(
    qtbot: QtBot, empty_window: MainWindow, calls: Calls
) -> None:
    """Every navigator row of an empty database, and of a board that has nothing yet, shows a page."""
    calls.next_board_name = "Schools Forum"
    empty_window.board_menus.new_board()
    model = empty_window.navigator_model
    targets = model.targets()
    assert {t.kind for t in targets} >= {NodeKind.BOARD, NodeKind.MEETINGS, NodeKind.PLANS, NodeKind.ACTION_LOG,
                                         NodeKind.MEMBERS, NodeKind.PEOPLE}  # fmt: skip
    for target in targets:
        assert empty_window.select(target), target
        assert empty_window.current_target == target
        assert empty_window.pages.currentWidget() is not None


def test_add_a_board_with_the_real_dialog(qtbot: QtBot, home: AppHome) -> None:
    """No stand-ins: "Add a board" opens the board settings dialog; typing a name and Enter saves it."""
    window = open_window(qtbot, open_store(home), home)
    seen: list[str] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BoardSettingsDialog)
        seen.append(dialog.windowTitle())
        qtbot.keyClicks(dialog.name_edit, "Schools Forum")
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_in)
    click(qtbot, window.get_started_page.first_button)
    assert seen == ["New board"]
    assert board_names(home.db_path) == ["Schools Forum"]
    assert window.pages.currentWidget() is window.get_started_page
    assert window.get_started_page.heading.text() == "Schools Forum"  # its next steps
    window.store.close()


def test_the_chooser_works_from_the_keyboard(qtbot: QtBot) -> None:
    dialog = StartDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)  # the dialog activates itself
    assert dialog.new_button.hasFocus()
    qtbot.keyClick(dialog.new_button, Qt.Key.Key_Tab)
    assert dialog.demo_button.hasFocus()
    qtbot.keyClick(dialog.demo_button, Qt.Key.Key_Space)
    assert dialog.choice is StartChoice.DEMO

    again = StartDialog()
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(again.isActiveWindow, timeout=2000)
    qtbot.keyClick(again.new_button, Qt.Key.Key_Return)  # Enter takes the default: a new secretariat
    assert again.choice is StartChoice.NEW


def test_an_empty_database_starts_with_the_focus_on_add_a_board(
    qtbot: QtBot, empty_window: MainWindow, calls: Calls
) -> None:
    empty_window.activateWindow()
    qtbot.waitUntil(empty_window.isActiveWindow, timeout=2000)
    assert empty_window.get_started_page.first_button.hasFocus()
    qtbot.keyClick(empty_window.get_started_page.first_button, Qt.Key.Key_Space)  # no mouse needed
    assert calls.log == [("edit_board", None)]
