"""Overdue, table-driven with a fixed today, checked in the database: the row's flag (Python rule),
the overdue-only filter and the overdue count (SQL rule) must all say the same.

Overdue = open or in progress, and due at a meeting that has been held (held, minutes approved or
locked) dated before today, or due by a date before today. Completed is not overdue (reported
done, awaiting the board's agreement to close); closed and cancelled never are.
"""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, Board, Meeting
from boardapp.services.action_log import ActionLogQuery, action_log_rows, action_log_summary
from boardapp.store.database import Store

TODAY = dt.date(2018, 3, 15)
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
OP, IP, C, X, Z = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED, ActionStatus.CLOSED,
                   ActionStatus.CANCELLED)  # fmt: skip
HELD, APPROVED, LOCKED = MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED
SCHEDULED, PUBLISHED, CANCELLED = MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.CANCELLED

# (status, due kind, meeting date, meeting status, due date, overdue?)
CASES = [
    (OP, DueKind.MEETING, YESTERDAY, HELD, None, True),
    (IP, DueKind.MEETING, YESTERDAY, APPROVED, None, True),
    (OP, DueKind.MEETING, YESTERDAY, LOCKED, None, True),
    (OP, DueKind.MEETING, YESTERDAY, SCHEDULED, None, False),  # not held yet (minutes not taken)
    (OP, DueKind.MEETING, YESTERDAY, PUBLISHED, None, False),
    (OP, DueKind.MEETING, YESTERDAY, CANCELLED, None, False),  # never happened: carry it forward instead
    (OP, DueKind.MEETING, TODAY, HELD, None, False),  # the meeting is today: not late yet
    (OP, DueKind.MEETING, TOMORROW, SCHEDULED, None, False),
    (C, DueKind.MEETING, YESTERDAY, HELD, None, False),  # completed: awaiting closure, not late
    (X, DueKind.MEETING, YESTERDAY, HELD, None, False),
    (Z, DueKind.MEETING, YESTERDAY, HELD, None, False),
    (OP, DueKind.DATE, None, None, YESTERDAY, True),
    (IP, DueKind.DATE, None, None, YESTERDAY, True),
    (OP, DueKind.DATE, None, None, TODAY, False),  # due today: not late yet
    (OP, DueKind.DATE, None, None, TOMORROW, False),
    (C, DueKind.DATE, None, None, YESTERDAY, False),
    (X, DueKind.DATE, None, None, YESTERDAY, False),
    (OP, DueKind.DATE, None, None, None, False),  # a date kind without a date
    (OP, DueKind.FUTURE_MEETING, None, None, None, False),
    (OP, DueKind.NONE, None, None, None, False),
    (OP, DueKind.MEETING, None, None, None, False),  # its meeting was deleted
]


@pytest.fixture
def cases(store: Store) -> dict[str, bool]:
    """One action per case, each with its own meeting; returns ref -> expected."""
    expected = {}
    with store.transaction() as session:
        board = Board(name="Overdue rules board", short_name="OV")
        session.add(board)
        session.flush()
        for number, (status, kind, meeting_date, meeting_status, due_date, overdue) in enumerate(CASES):
            meeting_id = None
            if meeting_date is not None:
                meeting = Meeting(board_id=board.id or 0, date=meeting_date, start_time=dt.time(9, number),
                                  status=meeting_status)  # fmt: skip
                session.add(meeting)
                session.flush()
                meeting_id = meeting.id
            ref = f"OV-{number:02d}"
            session.add(Action(board_id=board.id or 0, ref=ref, text=f"case {number}", status=status, due_kind=kind,
                               due_meeting_id=meeting_id, due_date=due_date))  # fmt: skip
            expected[ref] = overdue
    return expected


def test_overdue_rules(store: Store, cases: dict[str, bool]) -> None:
    with store.session() as session:
        rows = {row.ref: row for row in action_log_rows(session, ActionLogQuery(), today=TODAY)}
        filtered = {row.ref for row in action_log_rows(session, ActionLogQuery(overdue_only=True), today=TODAY)}
        summary = action_log_summary(session, ActionLogQuery(), today=TODAY)
    flagged = {ref for ref, row in rows.items() if row.is_overdue}
    wanted = {ref for ref, overdue in cases.items() if overdue}
    mismatched = {ref: CASES[int(ref[3:])] for ref in flagged ^ wanted}
    assert not mismatched, mismatched
    assert filtered == wanted
    assert summary.overdue == len(wanted)


def test_the_same_action_becomes_overdue_the_day_after(store: Store, cases: dict[str, bool]) -> None:
    with store.session() as session:
        tomorrow = {row.ref for row in action_log_rows(session, ActionLogQuery(overdue_only=True), today=TOMORROW)}
    assert "OV-06" in tomorrow and "OV-13" in tomorrow  # the held meeting of today, the date of today
    assert "OV-03" not in tomorrow  # still not held
