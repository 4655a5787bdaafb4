"""`boardapp meeting add|series|reschedule|cancel|list` run as a clerk would, on a temporary home that
starts empty, and every way they refuse (a message, a non-zero exit, nothing changed)."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import AgendaItem, Meeting, MeetingStatusChange
from boardapp.home import AppHome
from boardapp.store.database import open_store
from tests.helpers.e2e import AppRunner, describe

BOARD = "Corporate Parenting Board"


def _meetings(runner: AppRunner) -> list[tuple[Meeting, list[str]]]:
    store = open_store(AppHome.from_options(basedir=runner.home))
    try:
        with store.session() as session:
            found = []
            for meeting in session.exec(select(Meeting).order_by(col(Meeting.date))).all():
                titles = session.exec(
                    select(AgendaItem.title)
                    .where(AgendaItem.meeting_id == meeting.id)
                    .order_by(col(AgendaItem.position))
                ).all()
                found.append((meeting, list(titles)))
            return found
    finally:
        store.close()


def test_a_year_of_meetings_from_an_empty_home(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("meeting", "list", "--board", BOARD)
    assert result.returncode == 1 and "add a board first" in result.stderr, describe(result)
    assert not boardapp_cli.db_path.exists()

    result = boardapp_cli("board", "add", BOARD, "--short-name", "CPB", "--venue", "Room 2", "--time", "10:00")
    assert result.returncode == 0, describe(result)
    result = boardapp_cli("meeting", "list", "--board", "cpb")
    assert result.returncode == 0 and "has no meetings yet" in result.stdout, describe(result)

    result = boardapp_cli("meeting", "add", "--board", "CPB", "--date", "2026-01-06")
    assert result.returncode == 0, describe(result)
    assert f"Scheduled {BOARD}: Tuesday 6 January 2026 at 10.00 am in Room 2; agenda of" in result.stdout

    result = boardapp_cli(
        "meeting", "series", "--board", "CPB", "--from", "2026-01-07", "--rule", "first tuesday", "--count", "3",
        "--time", "14:30", "--venue", "Council Chamber", "--no-agenda",
    )  # fmt: skip
    assert result.returncode == 0, describe(result)
    assert "Scheduled 3 meetings of Corporate Parenting Board, the first Tuesday of each month:" in result.stdout

    stored = _meetings(boardapp_cli)
    assert [m.date for m, _ in stored] == [dt.date(2026, 1, 6), dt.date(2026, 2, 3), dt.date(2026, 3, 3),
                                           dt.date(2026, 4, 7)]  # fmt: skip
    first, titles = stored[0]
    assert (first.start_time, first.venue) == (dt.time(10, 0), "Room 2")
    assert titles[0].startswith("Welcome") and titles[-1] == "Date of next meeting"
    assert all((m.start_time, m.venue, t) == (dt.time(14, 30), "Council Chamber", []) for m, t in stored[1:])

    result = boardapp_cli(
        "meeting",
        "reschedule",
        "--board",
        "CPB",
        "--date",
        "2026-02-03",
        "--to",
        "2026-02-10",
        "--reason",
        "Chair away",
    )
    assert result.returncode == 0, describe(result)
    assert "to Tuesday 10 February 2026 at 2.30 pm" in result.stdout
    result = boardapp_cli("meeting", "cancel", "--board", "CPB", "--date", "2026-03-03", "--reason", "Not quorate")
    assert result.returncode == 0, describe(result)

    stored = _meetings(boardapp_cli)
    moved = stored[1][0]
    assert (moved.date, moved.rescheduled_from) == (dt.date(2026, 2, 10), dt.date(2026, 2, 3))
    cancelled = stored[2][0]
    assert cancelled.status is MeetingStatus.CANCELLED and cancelled.cancelled_reason == "Not quorate"
    store = open_store(AppHome.from_options(basedir=boardapp_cli.home))
    with store.session() as session:
        reasons = session.exec(
            select(MeetingStatusChange.reason).where(MeetingStatusChange.meeting_id == moved.id)
        ).all()
    store.close()
    assert reasons == ["rescheduled from 3 February 2026 to 10 February 2026: Chair away"]

    result = boardapp_cli("meeting", "list", "--board", "CPB")
    assert result.returncode == 0, describe(result)
    lines = result.stdout.splitlines()
    assert lines[0] == f"{BOARD}: 4 meetings"
    assert lines[3].startswith("2026-02-10 Tue 2.30 pm") and "Moved from 3 February 2026" in lines[3]
    assert "Cancelled" in lines[4] and "Cancelled: Not quorate" in lines[4]


def test_refusals_say_why_and_change_nothing(boardapp_cli: AppRunner) -> None:
    assert boardapp_cli("board", "add", BOARD, "--short-name", "CPB").returncode == 0
    assert boardapp_cli("meeting", "add", "--board", "CPB", "--date", "2026-01-06", "--time", "10:00").returncode == 0

    result = boardapp_cli("meeting", "add", "--board", "Nope", "--date", "2026-01-06")
    assert result.returncode == 2 and "No board is called 'Nope'" in result.stderr and BOARD in result.stderr

    result = boardapp_cli("meeting", "add", "--board", "CPB", "--date", "6/1/2026")
    assert result.returncode == 2 and "is not a date written YYYY-MM-DD" in result.stderr, describe(result)

    result = boardapp_cli("meeting", "add", "--board", "CPB", "--date", "2026-01-07", "--time", "25:00")
    assert result.returncode == 2 and "not a time" in result.stderr, describe(result)

    result = boardapp_cli("meeting", "add", "--board", "CPB", "--date", "2026-01-06", "--time", "10:00")
    assert result.returncode == 1, describe(result)
    assert "already has a meeting on 6 January 2026 at 10.00 am" in result.stderr
    assert "Nothing was changed." in result.stderr

    result = boardapp_cli(
        "meeting", "series", "--board", "CPB", "--from", "2026-01-01", "--rule", "whenever", "--count", "2"
    )
    assert result.returncode == 1 and "is not a meeting pattern" in result.stderr, describe(result)

    result = boardapp_cli("meeting", "series", "--board", "CPB", "--from", "2026-01-01", "--rule", "monthly")
    assert result.returncode == 2 and "--count N" in result.stderr, describe(result)

    result = boardapp_cli(
        "meeting", "series", "--board", "CPB", "--from", "2026-01-01", "--rule", "every 2 weeks",
        "--until", "2026-02-01", "--dry-run",
    )  # fmt: skip
    assert result.returncode == 0, describe(result)
    assert "Would schedule 3 meetings" in result.stdout and "Nothing was changed." in result.stdout

    result = boardapp_cli("meeting", "cancel", "--board", "CPB", "--date", "2026-01-08", "--reason", "x")
    assert result.returncode == 2 and "has no meeting on 2026-01-08" in result.stderr, describe(result)

    result = boardapp_cli("meeting", "cancel", "--board", "CPB", "--date", "2026-01-06", "--reason", " ")
    assert result.returncode == 1 and "Say why" in result.stderr, describe(result)

    assert [m.date for m, _ in _meetings(boardapp_cli)] == [dt.date(2026, 1, 6)]
    assert _meetings(boardapp_cli)[0][0].status is MeetingStatus.SCHEDULED


def test_the_demo_boards_next_meeting_gets_the_plan_actions_due(boardapp_cli: AppRunner) -> None:
    assert boardapp_cli("demo").returncode == 0
    result = boardapp_cli("meeting", "add", "--board", "IB", "--date", "2017-11-14")
    assert result.returncode == 0, describe(result)
    assert "at 2.30 pm in Committee Room 'B'" in result.stdout
    titles = next(t for m, t in _meetings(boardapp_cli) if m.date == dt.date(2017, 11, 14))
    assert titles == [
        "Welcome and Introductions",
        "Minutes of the meeting held on 10 October 2017 and matters arising",
        "Improvement plan: actions due for review",
        "Any other business",
        "Date of next meeting",
    ]


def test_two_meetings_on_one_day_are_told_apart_with_at(boardapp_cli: AppRunner) -> None:
    assert boardapp_cli("board", "add", BOARD, "--short-name", "CPB", "--time", "10:00").returncode == 0
    assert boardapp_cli("meeting", "add", "--board", "CPB", "--date", "2026-01-06").returncode == 0
    assert boardapp_cli("meeting", "add", "--board", "CPB", "--date", "2026-01-06", "--time", "15:00").returncode == 0
    result = boardapp_cli("meeting", "cancel", "--board", "CPB", "--date", "2026-01-06", "--reason", "Clash")
    assert result.returncode == 2, describe(result)
    assert "has 2 meetings on 2026-01-06 (10.00 am, 3.00 pm); choose one with --at HH:MM." in result.stderr
    result = boardapp_cli(
        "meeting", "cancel", "--board", "CPB", "--date", "2026-01-06", "--at", "15:00", "--reason", "Clash"
    )
    assert result.returncode == 0, describe(result)
    assert [(m.start_time, m.status) for m, _ in _meetings(boardapp_cli)] == [
        (dt.time(10, 0), MeetingStatus.SCHEDULED),
        (dt.time(15, 0), MeetingStatus.CANCELLED),
    ]
