"""The minutes lifecycle from the Meeting menu, and a locked meeting's read-only workspace."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.enums import AttendanceKind, MeetingStatus
from boardapp.core.models import Attendance, MeetingStatusChange
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.services import calendar, lifecycle
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import (
    AUGUST,
    OCTOBER,
    SEPTEMBER,
    item_ids,
    meeting_id,
    stored_meeting,
    stored_notes,
)


@pytest.fixture
def approved(demo_store: Store) -> Store:
    """1 August 2017 approved at 12 September 2017, and locked."""
    with demo_store.transaction() as session:
        august, september = meeting_id(demo_store, AUGUST), meeting_id(demo_store, SEPTEMBER)
        lifecycle.approve_minutes(session, august, september)
        lifecycle.lock_minutes(session, august)
    return demo_store


def test_a_locked_meeting_shows_why_and_refuses_every_edit(
    qtbot: QtBot, approved: Store, make_workspace: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(AUGUST)  # type: ignore[operator]
    banner = workspace.lock_banner
    assert banner.isVisible()
    assert "approved on 12 September 2017 and are locked" in banner.text()
    assert "Reopen minutes" in banner.text()
    notes = workspace.editor.notes
    assert notes.isReadOnly()
    item = item_ids(approved, AUGUST)[0]
    before = stored_notes(approved, item)

    refusals: list[str] = []
    workspace.operations.failed.connect(refusals.append)
    notes.setFocus()
    qtbot.keyClicks(notes, "edit")
    assert notes.toPlainText() == before
    assert len(refusals) == 1 and "locked" in refusals[0]  # said once, not once per key
    assert "locked" in workspace.editor.save_label.text()

    workspace.focus_attendance()
    first = workspace.attendance.model.row_at(0)
    qtbot.keyClick(workspace.attendance.view, Qt.Key.Key_A)
    qtbot.keyClicks(workspace.editor.decision_input, "That nothing changes.")
    qtbot.keyClick(workspace.editor.decision_input, Qt.Key.Key_Return)
    monkeypatch.setattr(workspace, "exec_dialog", lambda _dialog: True)
    workspace.add_item_action.trigger()
    assert len(refusals) == 4
    assert all("Reopen them (Meeting ▸ Reopen minutes)" in r for r in refusals)
    qtbot.wait(400)
    assert stored_notes(approved, item) == before
    with approved.session() as session:
        mark = session.exec(
            select(Attendance.kind).where(
                Attendance.meeting_id == meeting_id(approved, AUGUST), Attendance.person_id == first.person_id
            )
        ).one()
    assert mark is first.kind is AttendanceKind.PRESENT


def test_reopening_asks_why_records_it_and_unlocks(
    qtbot: QtBot, approved: Store, make_workspace: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(AUGUST)  # type: ignore[operator]
    assert workspace.reopen_action.isEnabled() and not workspace.lock_action.isEnabled()
    monkeypatch.setattr(workspace, "ask_text", lambda _title, _label: "Typo in item 8")
    workspace.reopen_action.trigger()
    assert stored_meeting(approved, AUGUST).status is MeetingStatus.HELD
    with approved.session() as session:
        last = session.exec(select(MeetingStatusChange).order_by(MeetingStatusChange.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None and last.reason == "Typo in item 8"
    assert not workspace.lock_banner.isVisible()
    assert not workspace.editor.notes.isReadOnly()
    item = item_ids(approved, AUGUST)[0]
    workspace.editor.notes.selectAll()
    qtbot.keyClicks(workspace.editor.notes, "Corrected")
    qtbot.waitUntil(lambda: stored_notes(approved, item) == "Corrected", timeout=1000)


def test_reopening_without_a_reason_is_refused(
    qtbot: QtBot, approved: Store, make_workspace: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(AUGUST)  # type: ignore[operator]
    monkeypatch.setattr(workspace, "ask_text", lambda _title, _label: "  ")
    with qtbot.waitSignal(workspace.operations.failed, timeout=500) as refused:
        workspace.reopen_action.trigger()
    assert "Say why" in refused.args[0]
    assert stored_meeting(approved, AUGUST).status is MeetingStatus.LOCKED


def test_held_approved_locked_from_the_meeting_menu(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # September's demo meeting is held (the demo's formal record, issue 17): October's, still scheduled, goes
    # through the lifecycle, approved at a November meeting scheduled here.
    with demo_store.transaction() as session:
        november, _ = calendar.schedule_meeting(session, 1, dt.date(2017, 11, 14))
    october: MeetingWorkspace = make_workspace(OCTOBER)  # type: ignore[operator]
    assert october.mark_held_action.isEnabled() and not october.approve_action.isEnabled()
    october.mark_held_action.trigger()
    assert stored_meeting(demo_store, OCTOBER).status is MeetingStatus.HELD
    assert "Draft minutes" in october.heading.text()
    assert october.approve_action.isEnabled() and not october.mark_held_action.isEnabled()

    offered: list[str] = []

    def choose(_title: str, _label: str, items: list[str], current: int = 0) -> int:
        offered.extend(items)
        return 0

    monkeypatch.setattr(october, "ask_item", choose)
    october.approve_action.trigger()
    assert offered == ["14 November 2017"]  # only later meetings of the board
    stored = stored_meeting(demo_store, OCTOBER)
    assert stored.status is MeetingStatus.MINUTES_APPROVED
    assert stored.minutes_approved_at_id == november
    assert october.lock_banner.isVisible() and october.editor.notes.isReadOnly()
    monkeypatch.setattr(october, "confirm", lambda _title, _text: True)
    october.lock_action.trigger()
    assert stored_meeting(demo_store, OCTOBER).status is MeetingStatus.LOCKED
    assert "Locked" in october.heading.text()
