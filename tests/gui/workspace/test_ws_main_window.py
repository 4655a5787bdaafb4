"""Opening a meeting in the workspace from the main window, its menus, and leaving it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.home import AppHome
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import OCTOBER, SEPTEMBER, item_ids, meeting_id, stored_notes


@pytest.fixture
def main(qtbot: QtBot, demo_store: Store, home: AppHome) -> Iterator[MainWindow]:
    window = MainWindow(demo_store, home)
    window.operations.show_errors = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    yield window
    window.workspace.close_meeting()


def _meeting(window: MainWindow, store: Store, day: str) -> NavTarget:
    assert window.current_target is not None
    return NavTarget(NodeKind.MEETING, meeting_id(store, day), window.current_target.board_id)


def _menus(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_ctrl_enter_opens_the_selected_meeting_and_ctrl_w_closes_it(
    qtbot: QtBot, main: MainWindow, demo_store: Store
) -> None:
    # The latest held meeting is selected: September's, held in the demo's formal record (issue 17).
    assert main.current_target is not None and main.current_target.id == meeting_id(demo_store, SEPTEMBER)
    window_menus = _menus(main)  # File, View… Help: other menus may come between
    assert window_menus[0] == "&File" and window_menus[-1] == "&Help"
    assert main.open_workspace_button.isVisible()
    qtbot.keyClick(main.navigator, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert main.pages.currentWidget() is main.workspace
    assert main.workspace.meeting_id == meeting_id(demo_store, SEPTEMBER)
    workspace_menus = ["&Meeting", "&Agenda", "M&inute", "A&ttendance"]
    assert _menus(main) == window_menus[:-1] + workspace_menus + ["&Help"]
    assert not main.navigator.isVisible()  # the whole width for minuting
    assert main.workspace.editor.notes.hasFocus()

    qtbot.keyClick(main.workspace.editor.notes, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert main.pages.currentWidget() is main.meeting_page
    assert _menus(main) == window_menus
    assert main.navigator.isVisible()


def test_a_double_click_on_a_meeting_opens_it(qtbot: QtBot, main: MainWindow, demo_store: Store) -> None:
    index = main.navigator_model.find(_meeting(main, demo_store, SEPTEMBER))
    main.navigator.scrollTo(index)
    rect = main.navigator.visualRect(index)
    qtbot.mouseClick(main.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(main.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert main.workspace.meeting_id == meeting_id(demo_store, SEPTEMBER)


def test_notes_typed_are_saved_when_the_window_closes(qtbot: QtBot, main: MainWindow, demo_store: Store) -> None:
    assert main.open_workspace()
    notes = main.workspace.editor.notes
    notes.selectAll()
    qtbot.keyClicks(notes, "Typed as the window closed")
    main.close()
    # The latest held meeting opens: September's, held in the demo's formal record (issue 17).
    assert stored_notes(demo_store, item_ids(demo_store, SEPTEMBER)[0]) == "Typed as the window closed"


def test_a_status_change_in_the_workspace_reaches_the_navigator(
    qtbot: QtBot, main: MainWindow, demo_store: Store
) -> None:
    # October's meeting: September's is already held in the demo's formal record (issue 17).
    assert main.select(_meeting(main, demo_store, OCTOBER))
    assert main.navigator.currentIndex().data() == "10 Oct 2017 · Scheduled"
    assert main.open_workspace()
    main.workspace.mark_held_action.trigger()
    assert main.pages.currentWidget() is main.workspace  # still minuting
    main.workspace.close_action.trigger()
    label = main.navigator.currentIndex().data()
    assert label == "10 Oct 2017 · Draft minutes"
    assert "Draft minutes" in main.meeting_page.text()


def test_every_main_window_shortcut_is_in_a_menu(main: MainWindow) -> None:
    assert main.open_workspace()
    in_menus = set()
    for menu_action in main.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None:
            in_menus |= set(menu.actions())  # type: ignore[attr-defined]
    ours = [a for a in main.findChildren(QAction) if a.parent() in (main, main.workspace)]  # not other pages'
    missing = [a.text() for a in ours if not a.shortcut().isEmpty() and a not in in_menus]
    assert not missing
    assert main.open_workspace_action in in_menus
