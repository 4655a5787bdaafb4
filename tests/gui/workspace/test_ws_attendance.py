"""Attendance in the workspace: one key or one click per mark, guests added on the fly, substitutes, arrivals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.enums import AttendanceKind
from boardapp.core.models import Attendance, Organisation, Person
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.attendance_model import MARK
from boardapp.gui.workspace.dialogs import AttendeeDialog
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import OCTOBER, item_ids, meeting_id


def _record(store: Store, day: str, person_id: int) -> Attendance | None:
    with store.session() as session:
        return session.exec(
            select(Attendance).where(Attendance.meeting_id == meeting_id(store, day), Attendance.person_id == person_id)
        ).first()


def _person(workspace: MeetingWorkspace, name: str) -> int:
    model = workspace.attendance.model
    return next(model.row_at(r).person_id for r in range(model.rowCount()) if model.row_at(r).name == name)


@pytest.fixture
def october(make_workspace: object) -> MeetingWorkspace:
    """The 10 October 2017 meeting: scheduled, nobody marked yet."""
    return make_workspace(OCTOBER)  # type: ignore[operator, no-any-return]


def test_keys_mark_the_selected_member_and_move_down(
    qtbot: QtBot, october: MeetingWorkspace, demo_store: Store
) -> None:
    qtbot.keyClick(october.editor.notes, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Go to attendance
    view = october.attendance.view
    assert QApplication.focusWidget() is view
    model = october.attendance.model
    first, second, third = (model.row_at(r).person_id for r in range(3))
    qtbot.keyClick(view, Qt.Key.Key_P)
    qtbot.keyClick(view, Qt.Key.Key_A)
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert [_record(demo_store, OCTOBER, p).kind for p in (first, second, third)] == [  # type: ignore[union-attr]
        AttendanceKind.PRESENT,
        AttendanceKind.APOLOGIES,
        AttendanceKind.ABSENT,
    ]
    assert october.attendance.current_person_id() == model.row_at(3).person_id
    assert "1 present · 1 sent apologies · 1 absent" in october.attendance.counts.text()
    view.selectRow(1)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _record(demo_store, OCTOBER, second) is None


def test_letters_typed_in_the_notes_mark_nobody(qtbot: QtBot, make_workspace: object, demo_store: Store) -> None:
    # October's meeting: September's now has its attendance (the demo's formal record, issue 17), and this needs
    # a meeting where nobody is marked yet. Its standing items give the notes an item to be typed into.
    october: MeetingWorkspace = make_workspace(OCTOBER)  # type: ignore[operator]
    october.standing_action.trigger()
    assert october.editor.isEnabled()
    october.attendance.view.selectRow(0)
    october.editor.notes.setFocus()
    qtbot.keyClicks(october.editor.notes, "PAX")
    assert _record(demo_store, OCTOBER, october.attendance.model.row_at(0).person_id) is None
    assert october.editor.notes.toPlainText() == "PAX"


def test_a_click_on_a_segment_marks_and_a_second_click_clears(
    qtbot: QtBot, october: MeetingWorkspace, demo_store: Store
) -> None:
    view = october.attendance.view
    person = october.attendance.model.row_at(2).person_id

    def apologies() -> QPoint:
        cell = view.visualRect(october.attendance.model.index(2, MARK))
        return dict(october.attendance.mark_delegate.segment_rects(cell))[AttendanceKind.APOLOGIES].center()

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=apologies())
    assert _record(demo_store, OCTOBER, person).kind is AttendanceKind.APOLOGIES  # type: ignore[union-attr]
    assert october.attendance.model.row_at(2).person_id == person  # marking does not reorder the list
    qtbot.wait(QApplication.doubleClickInterval() + 50)  # a second, separate click
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=apologies())
    assert _record(demo_store, OCTOBER, person) is None


def test_someone_new_is_added_in_attendance_with_an_organisation(
    qtbot: QtBot, october: MeetingWorkspace, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, AttendeeDialog)
        qtbot.keyClicks(dialog.name, "Dr Ana Ruiz")
        qtbot.keyClicks(dialog.organisation, "Ofsted")
        qtbot.keyClicks(dialog.capacity, "HMI")
        return True

    monkeypatch.setattr(october, "exec_dialog", answer)
    qtbot.keyClick(
        october.editor.notes, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    with demo_store.session() as session:
        person = session.exec(select(Person).where(Person.name == "Ana Ruiz")).one()
        assert person.title == "Dr"
        assert session.exec(select(Organisation).where(Organisation.name == "Ofsted")).one()
    record = _record(demo_store, OCTOBER, person.id or 0)
    assert record is not None and record.kind is AttendanceKind.IN_ATTENDANCE and record.capacity == "HMI"
    assert october.attendance.current_person_id() == person.id
    assert "1 in attendance" in october.attendance.counts.text()


def test_known_names_are_completed_in_the_add_dialog(
    qtbot: QtBot, october: MeetingWorkspace, monkeypatch: pytest.MonkeyPatch, demo_store: Store
) -> None:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, AttendeeDialog)
        qtbot.keyClicks(dialog.name, "Sally A")
        assert dialog.name_completer.suggestions() == ["Sally Allen"]
        dialog.name_completer.insert("Sally Allen")
        stephen = dialog.substitute.findText("Substitute for Stephen Cox")
        dialog.substitute.setCurrentIndex(stephen)
        return True

    monkeypatch.setattr(october, "exec_dialog", answer)
    october.add_attendee_action.trigger()
    sally = _person(october, "Sally Allen")
    stephen = _person(october, "Stephen Cox")
    record = _record(demo_store, OCTOBER, sally)
    assert record is not None and record.substitute_for_id == stephen
    assert _record(demo_store, OCTOBER, stephen).kind is AttendanceKind.APOLOGIES  # type: ignore[union-attr]


def test_substitute_and_arrival_after_an_item(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace("2017-09-12")  # type: ignore[operator]
    jane = _person(workspace, "Jane Booth")
    workspace.attendance.select_person(jane)
    workspace.attendance.view.setFocus()
    qtbot.keyClick(workspace.attendance.view, Qt.Key.Key_P)
    workspace.attendance.select_person(jane)
    answers = iter([3])  # "2. Minutes and actions from the last meeting" (0 is "From the start")
    monkeypatch.setattr(workspace, "ask_item", lambda _title, _label, items, current=0: next(answers))
    workspace.arrived_action.trigger()
    record = _record(demo_store, "2017-09-12", jane)
    assert record is not None and record.arrived_after_item_id == item_ids(demo_store, "2017-09-12")[2]
    assert "arrived after item 3" in workspace.attendance.model.notes_of(
        workspace.attendance.model.row_at(workspace.attendance.model.row_of(jane))
    )

    paul = _person(workspace, "Paul Wilcox")
    workspace.attendance.select_person(jane)
    labels: list[str] = []

    def choose_paul(_title: str, _label: str, items: list[str], current: int = 0) -> int:
        labels.extend(items)
        return items.index("Paul Wilcox")

    monkeypatch.setattr(workspace, "ask_item", choose_paul)
    workspace.substitute_action.trigger()
    assert labels[0] == "Not a substitute" and "Jane Booth" not in labels
    assert _record(demo_store, "2017-09-12", jane).substitute_for_id == paul  # type: ignore[union-attr]


def test_an_arrival_needs_the_person_present(
    qtbot: QtBot, october: MeetingWorkspace, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    october.attendance.view.selectRow(0)
    monkeypatch.setattr(october, "ask_item", lambda *_args, **_kw: 0)
    with qtbot.waitSignal(october.operations.failed, timeout=500) as refused:
        october.arrived_action.trigger()
    assert "Mark the person present first" in refused.args[0]
