"""The Board menu, File ▸ Import ▸ Membership list…, the demonstration switch and the navigator's board rows.

The dialogs and pages of boards, people and the calendar are stood in for by recording fakes
(tests/gui/board_fakes.py): these tests check that each entry point is reached, for the right board,
and what the window shows afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from sqlmodel import Session

from boardapp.core.enums import MemberRole
from boardapp.core.models import Membership, Person
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.views.meeting_page import MeetingPage
from boardapp.home import AppHome
from boardapp.services.changes import Changes
from boardapp.store.database import Store
from tests.gui.board_fakes import Calls, FakeCalendarPage, FakePeoplePage, add_board
from tests.helpers.builders import BOARD_NAME, TODAY, Sample


@pytest.fixture
def main(window: MainWindow, calls: Calls) -> Iterator[MainWindow]:
    window.operations.show_errors = False
    yield window


def menu_named(window: MainWindow, title: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text() == title and action.menu() is not None:
            menu = action.menu()
            assert isinstance(menu, QMenu)
            return menu
    raise AssertionError(f"no {title} menu")


def entries(menu: QMenu) -> list[str]:
    return [action.text() for action in menu.actions()]


def all_actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from all_actions(sub)
        elif not action.isSeparator():
            yield action


def test_the_board_menu_and_the_file_menu_entries(main: MainWindow) -> None:
    assert [a.text() for a in main.menuBar().actions()] == ["&File", "&Board", "&View", "&Help"]
    assert entries(menu_named(main, "&Board")) == [
        "&New board…",
        "Board &settings…",
        "",
        "&Members…",
        "Sc&hedule meetings…",
        "&Calendar…",
        "&Registers…",
    ]
    file_entries = entries(menu_named(main, "&File"))
    assert file_entries[:4] == ["&Open database…", "&Backup now", "Open the &demonstration", "Back to &my database"]
    import_menu = next(a.menu() for a in menu_named(main, "&File").actions() if a.text() == "&Import")
    assert isinstance(import_menu, QMenu)
    assert entries(import_menu) == ["Improvement &plan…", "&Action log…", "&Membership list…", "M&inutes…"]


def _mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else None


def test_no_shortcut_or_menu_letter_clashes_even_in_the_workspace(main: MainWindow, sample: Sample) -> None:
    main.select(NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id))
    assert main.open_workspace()  # its menus join the menu bar: no clash with those either
    try:
        menus = [a.menu() for a in main.menuBar().actions() if isinstance(a.menu(), QMenu)]
        bar_letters = [_mnemonic(a.text()) for a in main.menuBar().actions()]
        assert len(bar_letters) == len(set(bar_letters)), bar_letters
        shortcuts: dict[str, str] = {}
        for menu in menus:
            assert isinstance(menu, QMenu)
            actions = list(all_actions(menu))
            if menu.title() in ("&File", "&Board"):  # the menus this wiring adds to (the workspace's are its own)
                letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
                assert len([x for x in letters if x]) == len({x for x in letters if x}), (menu.title(), letters)
            for action in actions:
                if action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut:
                    continue  # only while one widget has the focus (Del in the agenda list, in a decision...)
                for key in action.shortcuts():
                    text = key.toString()
                    assert text not in shortcuts, f"{text}: {shortcuts.get(text)} and {action.text()}"
                    shortcuts[text] = action.text()
        assert "Ctrl+Q" in shortcuts  # the check saw the window's own shortcuts
    finally:
        main.close_workspace()


def test_new_board_selects_it(main: MainWindow, calls: Calls) -> None:
    main.board_menus.new_board_action.trigger()
    assert calls.log == [("edit_board", None)]
    entry = next(e for e in main.navigator_data.boards if e.board.name == calls.next_board_name)
    assert main.current_target == NavTarget(NodeKind.BOARD, entry.board.id, entry.board.id)
    assert main.pages.currentWidget() is main.get_started_page  # no meetings yet: its next steps


def test_cancelled_new_board_changes_nothing(main: MainWindow, calls: Calls, sample: Sample) -> None:
    calls.cancel = True
    before = main.current_target
    main.board_menus.new_board_action.trigger()
    assert calls.log == [("edit_board", None)] and main.current_target == before


def test_board_settings_members_schedule_and_calendar_use_the_chosen_board(
    main: MainWindow, calls: Calls, sample: Sample
) -> None:
    menus = main.board_menus
    main.select(NavTarget(NodeKind.ACTION_LOG, sample.other_board_id, sample.other_board_id))
    menus.update_actions()
    menus.board_settings_action.trigger()
    assert calls.log[-1] == ("edit_board", sample.other_board_id)

    menus.members_action.trigger()
    people = main.pages.currentWidget()
    assert isinstance(people, FakePeoplePage) and people.shown[-1] == sample.other_board_id
    assert main.current_target == NavTarget(NodeKind.MEMBERS, sample.other_board_id, sample.other_board_id)

    menus.calendar_action.trigger()
    calendar = main.pages.currentWidget()
    assert isinstance(calendar, FakeCalendarPage) and calendar.shown[-1] == sample.other_board_id
    assert calendar.today() == TODAY

    menus.schedule_action.trigger()
    assert calls.log[-1] == ("schedule_meetings", (sample.other_board_id, TODAY))
    assert main.pages.currentWidget() is calendar and calendar.shown[-1] == sample.other_board_id
    entry = main.navigator_data.entry(sample.other_board_id)
    assert entry is not None and calls.meeting_day in [m.date for m in entry.meetings]


def test_the_calendar_opens_a_meeting(main: MainWindow, sample: Sample) -> None:
    main.board_menus.show_calendar(sample.board_id)
    calendar = main.pages.currentWidget()
    assert isinstance(calendar, FakeCalendarPage)
    calendar.open_meeting_requested.emit(sample.meetings["august"])
    assert main.current_target == NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)
    assert isinstance(main.pages.currentWidget(), MeetingPage)


def test_import_membership_list_for_the_chosen_board(main: MainWindow, calls: Calls, sample: Sample) -> None:
    main.select(NavTarget(NodeKind.PLANS, sample.board_id, sample.board_id))
    main.board_menus.import_members_action.trigger()
    assert calls.log == [("import_members", sample.board_id)]
    assert main.current_target == NavTarget(NodeKind.MEMBERS, sample.board_id, sample.board_id)


def test_navigator_people_rows(main: MainWindow, sample: Sample) -> None:
    assert main.select(NavTarget(NodeKind.PEOPLE))
    people = main.pages.currentWidget()
    assert isinstance(people, FakePeoplePage) and people.shown == [None]  # everyone
    assert main.select(NavTarget(NodeKind.MEMBERS, sample.board_id, sample.board_id))
    assert people.shown == [None, sample.board_id]
    assert main.select(NavTarget(NodeKind.MEETINGS, sample.board_id, sample.board_id))
    assert isinstance(main.pages.currentWidget(), FakeCalendarPage)


def _add_member(session: Session, board_id: int) -> Changes:
    person = Person(name="Ann Example")
    session.add(person)
    session.flush()
    assert person.id is not None
    session.add(Membership(board_id=board_id, person_id=person.id, role=MemberRole.CHAIR))
    return Changes(boards=frozenset({board_id}), people=True)


def test_navigator_follows_membership_and_board_changes(main: MainWindow, sample: Sample) -> None:
    members = NavTarget(NodeKind.MEMBERS, sample.board_id, sample.board_id)
    assert main.navigator_model.find(members).data() == "Members (0)"
    main.select(members)
    main.operations.run(_add_member, sample.board_id)
    assert main.navigator_model.find(members).data() == "Members (1)"
    assert main.current_target == members  # still on the same row, re-read

    archived_id = main.operations.run(add_board, "Old Safeguarding Board", True)
    model = main.navigator_model
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top[-1] == "Archived boards (1)" and "Old Safeguarding Board" not in top
    found = model.find(NavTarget(NodeKind.BOARD, archived_id, archived_id))
    assert found.parent().data() == "Archived boards (1)"
    assert found.data(Qt.ItemDataRole.ForegroundRole) == QColor("#6B6B6B")  # greyed
    assert model.find(NavTarget(NodeKind.BOARD, sample.board_id, sample.board_id)).data() == BOARD_NAME


def test_board_actions_need_a_board(qtbot: QtBot, store: Store, home: AppHome, calls: Calls) -> None:
    empty = MainWindow(store, home, today=TODAY)
    qtbot.addWidget(empty)
    empty.board_menus.update_actions()
    menus = empty.board_menus
    assert menus.new_board_action.isEnabled()
    for action in (menus.board_settings_action, menus.members_action, menus.schedule_action, menus.calendar_action):
        assert not action.isEnabled(), action.text()
    assert not menus.back_action.isEnabled() and menus.open_demo_action.isEnabled()


def test_the_real_people_and_calendar_pages(qtbot: QtBot, window: MainWindow, sample: Sample) -> None:
    """Without stand-ins: the navigator's People, Members and Meetings rows open A's and B's pages."""
    from boardapp.gui.views.calendar_page import CalendarPage
    from boardapp.gui.views.people_page import PeoplePage

    assert window.select(NavTarget(NodeKind.PEOPLE))
    people = window.pages.currentWidget()
    assert isinstance(people, PeoplePage) and people.board_id is None
    assert window.select(NavTarget(NodeKind.MEMBERS, sample.board_id, sample.board_id))
    assert window.pages.currentWidget() is people and people.board_id == sample.board_id
    assert BOARD_NAME in people.heading.text()

    assert window.select(NavTarget(NodeKind.MEETINGS, sample.board_id, sample.board_id))
    calendar = window.pages.currentWidget()
    assert isinstance(calendar, CalendarPage) and calendar.board_id == sample.board_id
    row = next(r for r in range(calendar.model.rowCount()) if calendar.model.row_at(r).id == sample.meetings["august"])
    calendar.table.selectRow(row)
    qtbot.mouseClick(calendar.open_button, Qt.MouseButton.LeftButton)
    assert window.current_target == NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)
    assert isinstance(window.pages.currentWidget(), MeetingPage)


def test_a_database_whose_boards_are_all_archived(qtbot: QtBot, store: Store, home: AppHome, calls: Calls) -> None:
    with store.transaction() as session:
        board_id, _ = add_board(session, "Old Safeguarding Board", archived=True)
    window = MainWindow(store, home, today=TODAY)
    qtbot.addWidget(window)
    model = window.navigator_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "People and organisations",
        "Archived boards (1)",
    ]
    assert window.current_target == NavTarget(NodeKind.ARCHIVED)
    assert window.pages.currentWidget() is window.welcome_page
    assert "Archived boards" in window.welcome_page.label.text()
    assert window.select(NavTarget(NodeKind.BOARD, board_id, board_id))  # not the next steps: it is archived
    assert window.pages.currentWidget() is window.welcome_page
    window.board_menus.board_settings_action.trigger()  # where it can be brought back into use
    assert calls.log == [("edit_board", board_id)]
