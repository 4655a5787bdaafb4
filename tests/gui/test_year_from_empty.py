"""A secretariat's year from an empty database, by keyboard and mouse only (issue 10, point 8).

The main window opens on an empty store. The clerk adds a board from the get-started page, its five
members on the People page, schedules a series of meetings, minutes the first one in the workspace
(attendance, notes, a decision, three actions, one due "at the next meeting"), marks it held,
approves its minutes at the second meeting where the actions come up as matters arising, and
exports the minutes as Word and PDF and the second meeting's agenda as Word. Every step is a click
or a key; the test reads back what was stored (through the services, in fresh sessions) and what
the exported files say.

Modal dialogs are answered from inside: `_on_modal` queues a handler that finds the active modal
window and types into it, before the click or key that opens it. Only the save-file chooser is
replaced (it is the operating system's dialog, not BoardApp's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from pypdf import PdfReader
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import (
    ActionStatus,
    AttendanceKind,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    MemberRole,
    StandingKind,
)
from boardapp.core.models import Action, ActionOwner, AgendaItem, Attendance, Decision, Meeting, Person
from boardapp.gui.dialogs.board_settings import BoardSettingsDialog
from boardapp.gui.dialogs.export_meeting import ExportDialog
from boardapp.gui.dialogs.person_dialog import MemberDialog
from boardapp.gui.dialogs.schedule_meeting import ScheduleMeetingsDialog
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.workspace.dialogs import ItemDialog
from boardapp.home import AppHome
from boardapp.services import boards, calendar, matters_arising, memberships, minuting
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import type_text

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
TODAY = dt.date(2026, 1, 5)  # a Monday: the board's first meeting is tomorrow
BOARD = "Harbour Trust Board"
SERIES = [dt.date(2026, 1, 6), dt.date(2026, 2, 3), dt.date(2026, 3, 3),
          dt.date(2026, 4, 7), dt.date(2026, 5, 5), dt.date(2026, 6, 2)]  # fmt: skip
MEMBERS = [  # name, role label as the combo shows it, organisation
    ("Ann Hughes", "Chair", "Harbour Town Council"),
    ("Ben Okafor", "Vice-chair", "Harbour Town Council"),
    ("Carol Price", "Member", "Coastal Housing"),
    ("David Lee", "Member", "Coastal Housing"),
    ("Erin Walsh", "Co-opted member", "Friends of the Harbour"),
]
ROLES = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.CO_OPTED]
MARKS = "PPAPX"  # attendance typed down the list: Ann, Ben present, Carol apologies, David present, Erin absent
NOTES = "The chair welcomed Erin Walsh as a co-opted member. Members noted the harbour wall survey."
NEW_ITEM = "Harbour wall repairs"
DECISION = "The board approved the harbour wall repair budget of 40,000 pounds."
ACTIONS = [  # as typed, then (text stored, owners)
    ("Obtain three quotes for the wall repairs – Ben Okafor", "Obtain three quotes for the wall repairs",
     ["Ben Okafor"]),
    ("Report on the repair timetable at the next meeting - David Lee",
     "Report on the repair timetable at the next meeting", ["David Lee"]),
    ("Write to the harbour users about the works - Ann Hughes and Carol Price",
     "Write to the harbour users about the works", ["Ann Hughes", "Carol Price"]),
]  # fmt: skip


# -- driving the GUI -------------------------------------------------------------------------------------


def _on_modal(qtbot: QtBot, handler: Callable[[QWidget], None], *, expect: type[QWidget] = QDialog) -> list[str]:
    """Answer the modal window the next click or key opens, from inside its event loop.

    If the handler fails, the window is closed (so the test fails instead of waiting forever) and the
    failure is recorded; the caller asserts the returned list stays empty.
    """
    problems: list[str] = []
    tries = [0]

    def run() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None and tries[0] < 200:  # not open yet (a menu is still closing): look again soon
            tries[0] += 1
            QTimer.singleShot(10, run)
            return
        try:
            assert isinstance(widget, expect), f"expected a {expect.__name__}, found {widget!r}"
            qtbot.waitUntil(widget.isActiveWindow, timeout=2000)  # keys go to the active window
            handler(widget)
        except BaseException as exc:  # reported by the caller's assert
            problems.append(f"{type(exc).__name__}: {exc}")
            if isinstance(widget, QDialog):
                widget.reject()

    QTimer.singleShot(0, run)
    return problems


def _click(qtbot: QtBot, widget: QWidget | None) -> None:
    assert widget is not None
    assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName() or widget!r} cannot be clicked"
    # Where its label is: a radio button stretched by its layout only answers on its circle and text.
    qtbot.mouseClick(widget, LEFT, pos=QRect(QPoint(0, 0), widget.sizeHint()).intersected(widget.rect()).center())


def _replace_text(qtbot: QtBot, widget: QWidget | None, text: str) -> None:
    """Click in a field, select what it holds, type over it."""
    assert widget is not None
    qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())
    qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
    type_text(qtbot, widget, text)


def _menu_path(qtbot: QtBot, window: MainWindow, *texts: str) -> None:
    """Choose a menu item with the mouse: the menu bar's title, then each (sub)menu's entry."""
    bar = window.menuBar()
    top = next((a for a in bar.actions() if a.text() == texts[0]), None)
    assert top is not None, f"no {texts[0]} menu in {[a.text() for a in bar.actions()]}"
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    for text in texts[1:]:
        entry = next((a for a in menu.actions() if a.text() == text), None)
        assert entry is not None, f"no {text} in {[a.text() for a in menu.actions()]}"
        assert entry.isEnabled(), f"{text} is disabled"
        submenu = entry.menu()
        qtbot.mouseMove(menu, menu.actionGeometry(entry).center())
        qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(entry).center())
        if isinstance(submenu, QMenu):
            qtbot.waitUntil(submenu.isVisible, timeout=2000)
            menu = submenu


def _click_row(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex, *, double: bool = False) -> None:
    assert index.isValid()
    view.scrollTo(index)
    centre: QPoint = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), LEFT, pos=centre)
    if double:
        qtbot.mouseDClick(view.viewport(), LEFT, pos=centre)


def _settle(qtbot: QtBot, window: MainWindow, problems: list[str], refusals: list[str]) -> None:
    """After a dialog: nothing went wrong in it, and the main window is active again (the offscreen
    platform does not hand activation back from a closed dialog as a window manager would)."""
    assert not problems and not refusals
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)


def _navigator_back(qtbot: QtBot, window: MainWindow) -> None:
    """The workspace closed: the navigator is shown again once the splitter's layout has run."""
    assert window.navigator.isVisible()
    qtbot.waitUntil(lambda: window.navigator.viewport().width() > 100, timeout=2000)


def _focused() -> QWidget:
    """Where the keyboard is: keys are typed there, as a person's would be."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def _press_until(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    done: Callable[[], bool],
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press a key until `done` (an agenda has a handful of items: a dozen presses at most)."""
    for _ in range(12):
        if done():
            return
        qtbot.keyClick(widget, key, modifier)
    assert done(), f"{key} pressed 12 times without getting there"


def _ok_button(box: QDialogButtonBox) -> QPushButton:
    button = box.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


# -- reading back ------------------------------------------------------------------------------------------


def _meetings(store: Store) -> list[Meeting]:
    with store.session() as session:
        return list(session.exec(select(Meeting).order_by(col(Meeting.date))).all())


def _items(store: Store, meeting_id: int) -> list[AgendaItem]:
    with store.session() as session:
        return list(
            session.exec(
                select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
            ).all()
        )


def _docx_text(path: Path) -> str:
    """Paragraphs and table cells in the order the document has them."""
    document = Document(str(path))
    parts: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            parts.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _squash(text: str) -> str:
    """PDF text comes back with its own line breaks: compare words only."""
    return " ".join(text.replace("\u2013", "-").split())


# -- the test ------------------------------------------------------------------------------------------------


@pytest.fixture
def main(qtbot: QtBot, store: Store, home: AppHome) -> Iterator[MainWindow]:
    window = MainWindow(store, home, today=TODAY)
    window.operations.show_errors = False  # a refusal arrives on `failed`; the test fails on any
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # shortcuts need the active window
    yield window
    workspace = window.minuting_workspace()
    if workspace is not None:
        workspace.close_meeting()  # stops the autosave thread


def test_a_year_from_an_empty_database(
    qtbot: QtBot, main: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refusals: list[str] = []
    main.operations.failed.connect(refusals.append)

    # 1. An empty database opens on its first steps; the first button adds a board.
    assert main.pages.currentWidget() is main.get_started_page
    page = main.get_started_page
    assert page.first_button.text() == "Add a board" and page.first_button.hasFocus()

    def new_board(dialog: QWidget) -> None:
        assert isinstance(dialog, BoardSettingsDialog)
        type_text(qtbot, dialog.name_edit, BOARD)
        type_text(qtbot, dialog.short_name_edit, "HTB")
        type_text(qtbot, dialog.venue_edit, "The Harbour Office, Quay Street")
        _click(qtbot, dialog.has_time)
        qtbot.keyClick(dialog.has_time, Qt.Key.Key_Tab)  # Tab into the time: its hours are selected
        assert dialog.time_edit.hasFocus()
        qtbot.keyClicks(dialog.time_edit, "1800")
        _replace_text(qtbot, dialog.length_spin, "120")
        _replace_text(qtbot, dialog.quorum_spin, "3")
        _click(qtbot, dialog.save_button)

    problems = _on_modal(qtbot, new_board, expect=BoardSettingsDialog)
    qtbot.keyClick(page.first_button, Qt.Key.Key_Space)  # it has the focus: Space presses it
    _settle(qtbot, main, problems, refusals)
    with store.session() as session:
        [summary] = boards.list_boards(session)
        board_id = summary.id
        settings = boards.board_settings(session, board_id)
    assert (settings.name, settings.short_name) == (BOARD, "HTB")
    assert (settings.venue, settings.start_time) == ("The Harbour Office, Quay Street", "18:00")
    assert (settings.usual_length_minutes, settings.quorum) == (120, 3)
    assert settings.standing_items == boards.DEFAULT_STANDING_ITEMS

    # 2. The board's page now offers its next steps: add members (five, on the People page).
    assert main.pages.currentWidget() is page and page.heading.text() == BOARD
    assert page.first_button.text() == "Add members"
    _click(qtbot, page.first_button)
    people = main.board_menus.people_page
    assert main.pages.currentWidget() is people and people.board_id == board_id

    for name, role, organisation in MEMBERS:

        def add_member(dialog: QWidget, name: str = name, role: str = role, organisation: str = organisation) -> None:
            assert isinstance(dialog, MemberDialog)
            name_edit = dialog.name_combo.lineEdit()
            assert name_edit is not None and dialog.name_combo.hasFocus()
            type_text(qtbot, name_edit, name)
            qtbot.keyClick(name_edit, Qt.Key.Key_Tab)  # to the organisation (for a new person)
            organisation_edit = dialog.organisation.lineEdit()
            assert organisation_edit is not None and organisation_edit.hasFocus()
            type_text(qtbot, organisation_edit, organisation)
            qtbot.keyClick(organisation_edit, Qt.Key.Key_Tab)  # the email: none
            qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Tab)  # the role
            assert dialog.role.hasFocus()
            qtbot.keyClicks(dialog.role, role)  # a closed combo box selects the entry typed
            assert dialog.role.currentText() == role
            assert dialog.start.value() == TODAY  # "From" today, as offered
            _click(qtbot, dialog.ok_button)

        problems = _on_modal(qtbot, add_member, expect=MemberDialog)
        _click(qtbot, people.buttons["add_member"])
        _settle(qtbot, main, problems, refusals)
    assert people.proxy.rowCount() == 5
    assert people.heading.text() == f"Members of {BOARD} (5 current)"
    with store.session() as session:
        stored_members = memberships.members_on(session, board_id, TODAY)
    assert sorted((m.name, m.role) for m in stored_members) == sorted(
        (name, role) for (name, _label, _org), role in zip(MEMBERS, ROLES, strict=True)
    )
    assert all(m.start_date == TODAY and m.end_date is None for m in stored_members)

    # 3. Board ▸ Schedule meetings…: the first Tuesday of each month, six meetings, agendas built.
    def schedule(dialog: QWidget) -> None:
        assert isinstance(dialog, ScheduleMeetingsDialog)
        assert (dialog.time.text(), dialog.venue.text()) == ("18:00", "The Harbour Office, Quay Street")
        _click(qtbot, dialog.series)
        _replace_text(qtbot, dialog.date, "06/01/2026")
        _replace_text(qtbot, dialog.rule.lineEdit(), "first Tuesday")
        _replace_text(qtbot, dialog.count, "6")
        assert dialog.build.isChecked()
        assert dialog.preview.count() == 6, dialog.summary.text()
        _click(qtbot, _ok_button(dialog.buttons))

    problems = _on_modal(qtbot, schedule, expect=ScheduleMeetingsDialog)
    _menu_path(qtbot, main, "&Board", "Sc&hedule meetings…")
    _settle(qtbot, main, problems, refusals)
    meetings = _meetings(store)
    assert [m.date for m in meetings] == SERIES
    assert all(m.start_time == dt.time(18, 0) and m.status is MeetingStatus.SCHEDULED for m in meetings)
    first, second = meetings[0].id or 0, meetings[1].id or 0
    calendar_page = main.board_menus.calendar_page
    assert main.pages.currentWidget() is calendar_page and calendar_page.model.rowCount() == 6

    # 4. The first agenda was built from the standing items; the clerk adds an item in the workspace.
    assert [i.title for i in _items(store, first)] == list(boards.DEFAULT_STANDING_ITEMS)
    assert [i.title for i in _items(store, second)][2] == (
        "Minutes of the meeting held on 6 January 2026 and matters arising"
    )
    _click_row(qtbot, calendar_page.table, calendar_page.model.index(0, 0))
    qtbot.keyClick(calendar_page.table, Qt.Key.Key_Return)  # opens the meeting in the navigator
    assert main.current_target == NavTarget(NodeKind.MEETING, first, board_id)
    qtbot.keyClick(main.navigator, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: minute this meeting
    workspace = main.workspace
    assert main.pages.currentWidget() is workspace and workspace.meeting_id == first

    def add_item(dialog: QWidget) -> None:
        assert isinstance(dialog, ItemDialog)
        assert dialog.title.hasFocus()
        type_text(qtbot, dialog.title, NEW_ITEM)
        qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)  # the purpose
        qtbot.keyClick(dialog.purpose, Qt.Key.Key_Down)  # "Not stated" → "For decision"
        assert dialog.purpose.currentText() == "For decision"
        qtbot.keyClick(dialog.purpose, Qt.Key.Key_Tab)  # the time allowed, selected by the Tab
        assert dialog.minutes.hasFocus()
        qtbot.keyClicks(dialog.minutes, "30")
        qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)  # the default button: Add item

    notes = workspace.editor.notes
    assert notes.hasFocus()  # the workspace opens with the cursor in the first item's notes
    problems = _on_modal(qtbot, add_item, expect=ItemDialog)
    qtbot.keyClick(notes, Qt.Key.Key_N, CTRL)
    _settle(qtbot, main, problems, refusals)
    items = _items(store, first)  # the new business goes before "Any other business"
    standing = boards.DEFAULT_STANDING_ITEMS
    assert [i.title for i in items] == [*standing[:3], NEW_ITEM, *standing[3:]]
    assert (items[3].minutes_allowed, items[3].purpose) == (30, ItemPurpose.DECISION)
    assert workspace.current_item_id == items[3].id  # the clerk is on the item just added

    # 5. Minute it: attendance by P/A/X down the list, notes on item 1, the decision and actions.
    assert workspace.attendance.model.rowCount() == 5
    qtbot.keyClick(_focused(), Qt.Key.Key_3, CTRL)
    assert workspace.attendance.view.hasFocus()
    for mark in MARKS:
        qtbot.keyClick(workspace.attendance.view, getattr(Qt.Key, f"Key_{mark}"))
    assert not refusals

    qtbot.keyClick(workspace.attendance.view, Qt.Key.Key_1, CTRL)  # the agenda
    agenda = workspace.agenda.view
    assert agenda.hasFocus()
    _press_until(qtbot, agenda, Qt.Key.Key_Up, lambda: workspace.current_item_id == items[0].id)
    qtbot.keyClick(agenda, Qt.Key.Key_Return)  # Enter: to the item's notes
    assert notes.hasFocus()
    type_text(qtbot, notes, NOTES)

    item_id = items[3].id or 0
    # Ctrl+PgDown: the next item (the notes typed are saved on the way)
    _press_until(qtbot, notes, Qt.Key.Key_PageDown, lambda: workspace.current_item_id == item_id, CTRL)
    qtbot.keyClick(notes, Qt.Key.Key_D, CTRL)  # a new decision
    assert workspace.editor.decision_input.hasFocus()
    type_text(qtbot, workspace.editor.decision_input, DECISION)
    qtbot.keyClick(workspace.editor.decision_input, Qt.Key.Key_Return)
    assert not refusals
    action_input = workspace.editor.action_input
    for typed, _text, _owners in ACTIONS[:2]:  # Ctrl+T, the line, Enter (what was understood), Enter
        qtbot.keyClick(_focused(), Qt.Key.Key_T, CTRL)
        assert action_input.hasFocus()
        type_text(qtbot, action_input, typed)
        qtbot.keyClick(action_input, Qt.Key.Key_Return)  # shows what was understood
        assert workspace.editor.draft_frame.isVisible(), workspace.editor.draft_label.text()
        qtbot.keyClick(action_input, Qt.Key.Key_Return)  # creates it
        assert not refusals
    # The third is typed in the notes as "Action: …": Enter offers to make it an action, Enter takes it.
    qtbot.keyClick(action_input, Qt.Key.Key_2, CTRL)
    assert notes.hasFocus()
    type_text(qtbot, notes, f"Action: {ACTIONS[2][0]}")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert workspace.editor.offer.isVisible()
    qtbot.keyClick(notes, Qt.Key.Key_Return)  # yes: the action line shows what was understood
    assert action_input.hasFocus() and workspace.editor.draft_frame.isVisible()
    qtbot.keyClick(action_input, Qt.Key.Key_Return)  # creates it (and the line leaves the notes)
    assert not refusals
    assert workspace.editor.action_model.rowCount() == 3
    assert "Action:" not in notes.toPlainText()

    # 6. The meeting was held: Meeting ▸ Mark as held; Ctrl+W closes the workspace.
    _menu_path(qtbot, main, "&Meeting", "Mark as &held")
    assert not refusals and _meetings(store)[0].status is MeetingStatus.HELD
    qtbot.keyClick(_focused(), Qt.Key.Key_W, CTRL)
    assert main.pages.currentWidget() is main.meeting_page
    _navigator_back(qtbot, main)

    # 7. The second meeting: its "Minutes of the meeting…" item lists the three actions; approve there.
    index = main.navigator_model.find(NavTarget(NodeKind.MEETING, second, board_id))
    _click_row(qtbot, main.navigator, index, double=True)  # a double click minutes it
    assert main.pages.currentWidget() is workspace and workspace.meeting_id == second
    previous_item = next(i for i in _items(store, second) if i.standing_kind is StandingKind.PREVIOUS_MINUTES)
    assert workspace.editor.notes.hasFocus()
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_1, CTRL)
    assert agenda.hasFocus()
    _press_until(qtbot, agenda, Qt.Key.Key_Down, lambda: workspace.current_item_id == previous_item.id)
    matters = workspace.editor.matters
    assert matters.isVisible() and matters.model.rowCount() == 3
    arising_rows = {matters.model.index(row, 0).data(): matters.model.index(row, 1).data() for row in range(3)}
    assert arising_rows == {  # action – owners: due
        "Obtain three quotes for the wall repairs – Ben Okafor": "no date",
        "Report on the repair timetable at the next meeting – David Lee": "3 February 2026 meeting",
        "Write to the harbour users about the works – Ann Hughes/Carol Price": "no date",
    }
    assert matters.count.text() == "3 open actions: 1 due at this meeting, 0 overdue, 2 with no date"
    assert matters.approve.text() == "Approve the minutes of 6 January 2026"

    def approve(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert "approved the minutes of 6 January 2026" in box.text()
        _click(qtbot, box.button(QMessageBox.StandardButton.Yes))

    problems = _on_modal(qtbot, approve, expect=QMessageBox)
    _click(qtbot, matters.approve)
    _settle(qtbot, main, problems, refusals)
    assert not matters.approve.isEnabled() and "approved at this meeting" in matters.approve.text()
    qtbot.keyClick(agenda, Qt.Key.Key_W, CTRL)
    _navigator_back(qtbot, main)

    # 8. Export the first meeting's minutes, as Word and as PDF, from File ▸ Export ▸ Minutes….
    index = main.navigator_model.find(NavTarget(NodeKind.MEETING, first, board_id))
    _click_row(qtbot, main.navigator, index)
    assert main.pages.currentWidget() is main.meeting_page
    exported: dict[str, Path] = {}
    for suffix in ("docx", "pdf"):
        target = tmp_path / "exports" / f"minutes-6-january-2026.{suffix}"
        target.parent.mkdir(exist_ok=True)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, t=target, **_k: (str(t), ""))
        _menu_path(qtbot, main, "&File", "&Export", "&Minutes…")
        dialog = main.meeting_exports.dialog
        assert isinstance(dialog, ExportDialog) and dialog.isVisible()
        _click(qtbot, dialog.pdf_radio if suffix == "pdf" else dialog.word_radio)
        _click(qtbot, dialog.browse_button)
        _click(qtbot, dialog.export_button)
        qtbot.waitUntil(lambda: main.meeting_exports.dialog is None, timeout=5000)
        assert target.is_file()
        exported[suffix] = target
    assert not refusals

    # 9. And the second meeting's agenda, from the Export agenda… button of its page.
    index = main.navigator_model.find(NavTarget(NodeKind.MEETING, second, board_id))
    _click_row(qtbot, main.navigator, index)
    agenda_file = tmp_path / "exports" / "agenda-3-february-2026.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(agenda_file), ""))
    _click(qtbot, main.meeting_page.export_buttons["agenda"])
    dialog = main.meeting_exports.dialog
    assert isinstance(dialog, ExportDialog) and dialog.kind.value == "agenda"
    _click(qtbot, dialog.word_radio)
    _click(qtbot, dialog.browse_button)
    _click(qtbot, dialog.export_button)
    qtbot.waitUntil(lambda: main.meeting_exports.dialog is None, timeout=5000)
    assert agenda_file.is_file() and not refusals
    agenda_text = _squash(_docx_text(agenda_file))
    for expected in (
        BOARD,
        "Tuesday, 3rd February, 2026 at 6.00 pm in The Harbour Office, Quay Street",
        "3. Minutes of the meeting held on 6 January 2026 and matters arising",
        "Report on the repair timetable at the next meeting",  # due at this meeting
        "Ann Hughes (Chair)",
        "Erin Walsh (Co-opted)",  # every member of the board is in its membership list
    ):
        assert expected in agenda_text, f"{expected!r} missing from the agenda"

    # -- what was stored --------------------------------------------------------------------------------
    with store.session() as session:
        held = session.get(Meeting, first)
        assert held is not None
        assert held.status is MeetingStatus.MINUTES_APPROVED
        assert held.minutes_approved_at_id == second and held.minutes_approved_on == SERIES[1]
        people_by_id = {p.id: p.formal_name for p in session.exec(select(Person)).all()}
        marks = {
            people_by_id[a.person_id]: a.kind
            for a in session.exec(select(Attendance).where(Attendance.meeting_id == first)).all()
        }
        assert marks == {
            "Ann Hughes": AttendanceKind.PRESENT,
            "Ben Okafor": AttendanceKind.PRESENT,
            "Carol Price": AttendanceKind.APOLOGIES,
            "David Lee": AttendanceKind.PRESENT,
            "Erin Walsh": AttendanceKind.ABSENT,
        }
        items = _items(store, first)
        assert minuting.notes_of(session, items[0].id or 0) == NOTES
        assert "Action:" not in minuting.notes_of(session, item_id)  # it became the third action
        decisions = session.exec(select(Decision).where(Decision.agenda_item_id == item_id)).all()
        assert [d.text for d in decisions] == [DECISION]
        actions = session.exec(
            select(Action).where(Action.raised_meeting_id == first).order_by(col(Action.position))
        ).all()
        assert [a.text for a in actions] == [text for _typed, text, _owners in ACTIONS]
        assert all(a.raised_item_id == item_id and a.status is ActionStatus.OPEN for a in actions)
        owners = [
            [
                people_by_id[o.person_id]
                for o in session.exec(
                    select(ActionOwner).where(ActionOwner.action_id == a.id).order_by(col(ActionOwner.position))
                ).all()
                if o.person_id is not None
            ]
            for a in actions
        ]
        assert owners == [names for _typed, _text, names in ACTIONS]
        assert len(people_by_id) == 5  # every owner was matched to a member, nobody created twice
        assert (actions[1].due_kind, actions[1].due_meeting_id) == (DueKind.MEETING, second)
        assert all(a.due_meeting_id is None for a in (actions[0], actions[2]))
        arising = matters_arising.matters_arising(session, second)
        assert sorted(r.action_id for r in arising) == sorted(a.id or 0 for a in actions)
        assert [r.due_here for r in arising if r.action_id == actions[1].id] == [True]
        approval = session.exec(
            select(Decision).where(Decision.agenda_item_id == previous_item.id)
        ).all()
        assert [d.text for d in approval] == [
            "The minutes of the meeting held on 6 January 2026 were approved as an accurate record."
        ]
        assert [r.status for r in calendar.board_calendar(session, board_id)][:2] == [
            MeetingStatus.MINUTES_APPROVED,
            MeetingStatus.SCHEDULED,
        ]

    # -- what the exported files say ------------------------------------------------------------------------
    for suffix, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        text = _squash(read(exported[suffix]))
        for expected in (
            BOARD,
            "Minutes of the Meeting held on Tuesday, 6th January, 2026 at 6.00 pm",
            NOTES,
            f"4. {NEW_ITEM}",
            DECISION,
            "Obtain three quotes for the wall repairs – Ben Okafor",
            "Report on the repair timetable at the next meeting – David Lee (for the February 2026 meeting)",
            "Write to the harbour users about the works – Ann Hughes/Carol Price",
            "Approved as an accurate record at the meeting held on 3 February 2026.",
        ):
            assert _squash(expected) in text, f"{expected!r} missing from the {suffix}"
        present, apologies = text.split("Present:")[1].split("Apologies:")
        apologies = apologies.split("1. Welcome")[0]
        assert all(name in present for name in ("Ann Hughes", "Ben Okafor", "David Lee"))
        assert "Carol Price" in apologies and "Carol Price" not in present
        assert "Erin Walsh" not in present + apologies  # absent: in neither list
