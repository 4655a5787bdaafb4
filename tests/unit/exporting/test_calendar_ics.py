"""The .ics calendar of a board, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import select

from boardapp.core.models import Board, Meeting
from boardapp.exporting.calendar.ics import export_calendar
from boardapp.services.calendar import board_calendar, cancel_meeting, reschedule_meeting
from boardapp.store.database import Store

STAMP = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


def events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_uids_are_stable_and_cancelled_meetings_are_cancelled(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.transaction() as session:
        board = session.exec(select(Board)).one()
        first = export_calendar(session, board.id or 0, tmp_path / "one.ics", stamp=STAMP)
        october = session.exec(select(Meeting).where(Meeting.date == dt.date(2017, 10, 10))).one()
        september = session.exec(select(Meeting).where(Meeting.date == dt.date(2017, 9, 12))).one()
        cancel_meeting(session, october.id or 0, "Chair unavailable", today=dt.date(2017, 9, 20))
        second = export_calendar(session, board.id or 0, tmp_path / "two.ics", stamp=STAMP)
    assert (first.events, first.cancelled, second.cancelled) == (4, 0, 1)
    before, after = events(tmp_path / "one.ics"), events(tmp_path / "two.ics")
    assert set(before) == set(after) and len(after) == 4
    uid = f"meeting-{october.id}@ib-{board.id}.boardapp"
    cancelled = after[uid]
    assert str(cancelled["STATUS"]) == "CANCELLED"  # type: ignore[index]
    assert int(cancelled["SEQUENCE"]) == 1 > int(before[uid]["SEQUENCE"])  # type: ignore[index]
    held = after[f"meeting-{september.id}@ib-{board.id}.boardapp"]
    assert str(held["STATUS"]) == "CONFIRMED"  # type: ignore[index]
    start = held["DTSTART"].dt  # type: ignore[index]
    assert start == dt.datetime(2017, 9, 12, 14, 30, tzinfo=start.tzinfo)
    assert str(start.tzinfo) == "Europe/London" and start.utcoffset() == dt.timedelta(hours=1)  # BST
    assert "County Hall" in str(held["LOCATION"])  # type: ignore[index]
    assert b"BEGIN:VTIMEZONE" in (tmp_path / "two.ics").read_bytes()


def test_a_rescheduled_meeting_keeps_its_uid_with_a_higher_sequence(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        board = Board(name="Schools Forum")
        session.add(board)
        session.flush()
        meeting = Meeting(board_id=board.id or 0, date=dt.date(2027, 1, 14))  # no start time: all day
        session.add(meeting)
        session.flush()
        export_calendar(session, board.id or 0, tmp_path / "one.ics", stamp=STAMP)
        reschedule_meeting(session, meeting.id or 0, dt.date(2027, 1, 21), reason="room double-booked")
        export_calendar(session, board.id or 0, tmp_path / "two.ics", stamp=STAMP)
    uid = f"meeting-{meeting.id}@schools-forum-{board.id}.boardapp"
    before, after = events(tmp_path / "one.ics")[uid], events(tmp_path / "two.ics")[uid]
    assert before["DTSTART"].dt == dt.date(2027, 1, 14)  # type: ignore[index]
    assert after["DTSTART"].dt == dt.date(2027, 1, 21)  # type: ignore[index]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1  # type: ignore[index]


def test_a_board_without_meetings_gives_an_empty_calendar(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        board = Board(name="New Board")
        session.add(board)
        session.flush()
        result = export_calendar(session, board.id or 0, tmp_path / "empty.ics", stamp=STAMP)
    calendar = Calendar.from_ical((tmp_path / "empty.ics").read_bytes())
    assert result.events == 0 and calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


def test_the_file_lists_the_calendar_pages_rows_with_their_revisions(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        board = Board(name="Schools Forum", short_name="SF", default_venue="Room 2")
        session.add(board)
        session.flush()
        ids = []
        for day in (dt.date(2027, 1, 14), dt.date(2027, 2, 11), dt.date(2027, 3, 11)):
            meeting = Meeting(board_id=board.id or 0, date=day, start_time=dt.time(10, 0))
            session.add(meeting)
            session.flush()
            ids.append(meeting.id or 0)
        reschedule_meeting(session, ids[1], dt.date(2027, 2, 18), reason="half term")
        reschedule_meeting(session, ids[1], dt.date(2027, 2, 18), start_time=dt.time(14, 0))  # the time only
        reschedule_meeting(session, ids[2], dt.date(2027, 3, 18))
        cancel_meeting(session, ids[2], "Not quorate", today=dt.date(2027, 3, 1))
        rows = board_calendar(session, board.id or 0)
        result = export_calendar(session, board.id or 0, tmp_path / "sf.ics", stamp=STAMP)
        with pytest.raises(ValueError, match="no board"):
            export_calendar(session, (board.id or 0) + 1, tmp_path / "none.ics", stamp=STAMP)
    assert [r.revisions for r in rows] == [0, 2, 2]  # moved twice; moved once and cancelled
    assert (result.events, result.cancelled) == (3, 1)
    written = events(tmp_path / "sf.ics")
    for row in rows:
        event = written[f"meeting-{row.id}@sf-{board.id}.boardapp"]
        assert int(event["SEQUENCE"]) == row.revisions  # type: ignore[index]
        assert event["DTSTART"].dt.date() == row.date and str(event["LOCATION"]) == "Room 2"  # type: ignore[index]
    assert not (tmp_path / "none.ics").exists()
