"""meeting add, series, reschedule, cancel and list: a board's calendar on the command line.

    boardapp meeting add --board B --date YYYY-MM-DD [--time HH:MM] [--venue TEXT] [--title TEXT] [--no-agenda]
    boardapp meeting series --board B --from YYYY-MM-DD --rule "first tuesday" (--count N | --until DATE)
                            [--time HH:MM] [--venue TEXT] [--no-agenda] [--dry-run]
    boardapp meeting reschedule --board B --date YYYY-MM-DD --to YYYY-MM-DD [--time HH:MM] [--reason TEXT]
    boardapp meeting cancel --board B --date YYYY-MM-DD --reason TEXT
    boardapp meeting list --board B

A new meeting takes the board's venue and start time unless given, and its agenda is built from
the board's standing items unless --no-agenda. Exit status: 0 done, 1 refused (a message says why;
nothing is changed), 2 bad arguments or an unknown board or meeting (the message lists what there is).
Heavy imports happen only when a command runs, so `boardapp --help` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from boardapp.home import AppHome

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date written YYYY-MM-DD (for example 2026-01-06)"
        ) from None


def _time(text: str) -> dt.time:
    from boardapp.services.calendar import parse_clock

    try:
        found = parse_clock(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if found is None:
        raise argparse.ArgumentTypeError("give a time written HH:MM, for example 14:30")
    return found


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of meetings") from None
    if value < 1:
        raise argparse.ArgumentTypeError("the number of meetings must be at least 1")
    return value


def _fail(command: str, message: str, status: int = 1) -> int:
    print(f"boardapp meeting {command}: {message}", file=sys.stderr)
    return status


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg,unused-ignore]
    """`boardapp meeting add|series|reschedule|cancel|list`."""
    parser = subparsers.add_parser(
        "meeting",
        help="schedule, reschedule, cancel and list a board's meetings",
        description="A board's meeting calendar: one meeting or a series, with the board's defaults.",
    )
    verbs = parser.add_subparsers(dest="meeting_command", metavar="ACTION", required=True)

    add = verbs.add_parser("add", help="schedule one meeting", description="Schedule one meeting of a board.")
    _board(add)
    add.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD", help="the meeting's date")
    _defaults(add)
    add.add_argument(
        "--title", default="", help='only when it differs from the board\'s name ("Extraordinary meeting")'
    )
    add.set_defaults(handler=run_add)

    series = verbs.add_parser(
        "series",
        help="schedule a series of meetings by a rule",
        description='Schedule a series: --rule "first tuesday", "last thursday of each month", "every 6 weeks", '
        '"every 2 weeks", "weekly", "monthly" or "quarterly", with --count or --until (at most 60 meetings).',
    )
    _board(series)
    series.add_argument(
        "--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD", help="first possible date"
    )
    series.add_argument("--rule", required=True, help='how often: "first tuesday", "every 6 weeks", ...')
    series.add_argument("--count", type=_count, metavar="N", help="how many meetings")
    series.add_argument("--until", type=_date, metavar="YYYY-MM-DD", help="the last possible date (inclusive)")
    _defaults(series)
    series.add_argument("--dry-run", action="store_true", help="print the dates and schedule nothing")
    series.set_defaults(handler=run_series)

    move = verbs.add_parser(
        "reschedule", help="move a meeting to another date", description="Move a meeting that has not been held."
    )
    _board(move)
    move.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD", help="the meeting's date now")
    move.add_argument("--at", type=_time, metavar="HH:MM", help="which meeting, when the board meets twice that day")
    move.add_argument("--to", type=_date, required=True, metavar="YYYY-MM-DD", help="its new date")
    move.add_argument("--time", type=_time, metavar="HH:MM", help="its new start time (default: unchanged)")
    move.add_argument("--reason", default="", help="why it moved (kept in the meeting's history)")
    move.set_defaults(handler=run_reschedule)

    cancel = verbs.add_parser(
        "cancel",
        help="cancel a meeting",
        description="Cancel a meeting that has not been held; actions due at it move to the next meeting.",
    )
    _board(cancel)
    cancel.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD", help="the meeting's date")
    cancel.add_argument("--at", type=_time, metavar="HH:MM", help="which meeting, when the board meets twice that day")
    cancel.add_argument("--reason", required=True, help="why it is cancelled (kept with the meeting)")
    cancel.set_defaults(handler=run_cancel)

    listing = verbs.add_parser("list", help="list a board's meetings", description="List a board's meetings.")
    _board(listing)
    listing.set_defaults(handler=run_list)


def _board(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--board", required=True, metavar="NAME", help="the board (name or short name)")


def _defaults(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--time", type=_time, metavar="HH:MM", help="start time (default: the board's)")
    parser.add_argument("--venue", help="venue (default: the board's)")
    parser.add_argument("--no-agenda", action="store_true", help="do not build the agenda from the standing items")


def _run(home: AppHome, command: str, work: Callable[[Any], str], *, write: bool = True) -> int:
    """Open the store, find what is named, run `work(session)` (in a transaction when writing), print its text."""
    from boardapp.exporting.errors import ExportError
    from boardapp.services.errors import NotFound, ServiceError
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    if not home.has_database():
        return _fail(
            command,
            f"there is no BoardApp database at {home.db_path} yet: add a board first (boardapp board add NAME).",
        )
    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail(command, str(exc))
    try:
        if write:
            with store.transaction() as session:
                text = work(session)
        else:
            with store.session() as session:
                text = work(session)
    except (ExportError, NotFound) as exc:  # an unknown board or meeting: the message lists what there is
        return _fail(command, str(exc), status=2)
    except ServiceError as exc:
        return _fail(command, f"{exc} Nothing was changed.")
    finally:
        store.close()
    if text:
        print(text)
    return 0


def _when(day: dt.date, start: dt.time | None) -> str:
    from boardapp.core.dates import clock_time, long_date_with_weekday

    return f"{long_date_with_weekday(day)} at {clock_time(start)}" if start else long_date_with_weekday(day)


def _scheduled_line(session: Any, meeting_id: int) -> str:
    from sqlmodel import func, select

    from boardapp.core.models import AgendaItem, Meeting

    meeting = session.get(Meeting, meeting_id)
    items = session.exec(select(func.count()).where(AgendaItem.meeting_id == meeting_id)).one()
    venue = f" in {meeting.venue}" if meeting.venue else ""
    agenda = f"; agenda of {items} item{'s' if items != 1 else ''}" if items else ""
    return f"{_when(meeting.date, meeting.start_time)}{venue}{agenda}"


def run_add(home: AppHome, args: argparse.Namespace) -> int:
    def work(session: Any) -> str:
        from boardapp.exporting.lookup import find_board
        from boardapp.services.calendar import schedule_meeting

        board = find_board(session, args.board)
        meeting_id, changes = schedule_meeting(
            session, board.id or 0, args.date, start_time=args.time, venue=args.venue, title=args.title,
            build_agenda=not args.no_agenda,
        )  # fmt: skip
        attached = f"\n{_count_actions(len(changes.actions))} now due at it." if changes.actions else ""
        return f"Scheduled {board.name}: {_scheduled_line(session, meeting_id)}.{attached}"

    return _run(home, "add", work)


def _count_actions(n: int) -> str:
    return f"{n} action{'s' if n != 1 else ''} waiting for this meeting {'is' if n == 1 else 'are'}"


def run_series(home: AppHome, args: argparse.Namespace) -> int:
    if args.count is None and args.until is None:
        return _fail("series", "say how many meetings (--count N) or until when (--until YYYY-MM-DD).", status=2)

    def work(session: Any) -> str:
        from boardapp.core.rules.recurrence import describe_rule, generate_dates, parse_rule
        from boardapp.exporting.lookup import find_board
        from boardapp.services.calendar import board_defaults, schedule_series
        from boardapp.services.errors import InvalidChange

        board = find_board(session, args.board)
        try:
            rule = parse_rule(args.rule)
            dates = generate_dates(rule, args.start, count=args.count, until=args.until)
        except ValueError as exc:
            raise InvalidChange(str(exc)) from None
        heading = f"{board.name}, {describe_rule(rule)}:"
        if args.dry_run:
            start = args.time or board_defaults(session, board.id or 0).start_time
            lines = [f"  {_when(day, start)}" for day in dates] or ["  (no date falls in that range)"]
            return "\n".join([f"Would schedule {len(dates)} meetings of {heading}", *lines, "Nothing was changed."])
        ids, _ = schedule_series(
            session, board.id or 0, start=args.start, rule=args.rule, count=args.count, until=args.until,
            start_time=args.time, venue=args.venue, build_agenda=not args.no_agenda,
        )  # fmt: skip
        lines = [f"  {_scheduled_line(session, meeting_id)}" for meeting_id in ids]
        return "\n".join([f"Scheduled {len(ids)} meeting{'s' if len(ids) != 1 else ''} of {heading}", *lines])

    return _run(home, "series", work)


def _find_meeting(session: Any, board_name: str, day: dt.date, at: dt.time | None) -> int:
    from boardapp.exporting.errors import MeetingNotFound
    from boardapp.exporting.lookup import find_meeting
    from boardapp.services.errors import NotFound

    try:
        return find_meeting(session, board_name, day, at)
    except MeetingNotFound as exc:
        if "--time HH:MM" not in str(exc):
            raise
        # Two meetings that day: its hint names --time, which here is the new time; here it is --at.
        text = str(exc).replace("--time HH:MM", "--at HH:MM").replace(" It has no meetings yet.", "")
        raise NotFound(text) from None


def run_reschedule(home: AppHome, args: argparse.Namespace) -> int:
    def work(session: Any) -> str:
        from boardapp.exporting.lookup import find_board
        from boardapp.services.calendar import reschedule_meeting

        board = find_board(session, args.board)
        meeting_id = _find_meeting(session, board.name, args.date, args.at)
        reschedule_meeting(session, meeting_id, args.to, start_time=args.time, reason=args.reason)
        return f"Moved the {board.name} meeting of {_when(args.date, None)} to {_scheduled_line(session, meeting_id)}."

    return _run(home, "reschedule", work)


def run_cancel(home: AppHome, args: argparse.Namespace) -> int:
    def work(session: Any) -> str:
        from boardapp.exporting.lookup import find_board
        from boardapp.services.calendar import cancel_meeting

        board = find_board(session, args.board)
        meeting_id = _find_meeting(session, board.name, args.date, args.at)
        changes = cancel_meeting(session, meeting_id, args.reason, today=dt.date.today())
        moved = f" {len(changes.actions)} action(s) due at it moved on." if changes.actions else ""
        return f"Cancelled the {board.name} meeting of {_when(args.date, None)}.{moved}"

    return _run(home, "cancel", work)


def run_list(home: AppHome, args: argparse.Namespace) -> int:
    def work(session: Any) -> str:
        from boardapp.core.dates import clock_time
        from boardapp.exporting.lookup import find_board
        from boardapp.services.calendar import board_calendar

        board = find_board(session, args.board)
        rows = board_calendar(session, board.id or 0)
        if not rows:
            name = board.short_name or board.name
            hint = f"boardapp meeting add --board {name!r} --date YYYY-MM-DD"
            return f"{board.name} has no meetings yet: add one with {hint}."
        lines = [f"{board.name}: {len(rows)} meeting{'s' if len(rows) != 1 else ''}"]
        lines.append(f"{'date':<15}{'time':<11}{'status':<18}{'items':>6}{'due':>5}  venue / note")
        for row in rows:
            when = f"{row.date.isoformat()} {WEEKDAYS[row.date.weekday()]}"
            time = clock_time(row.start_time) if row.start_time else ""
            extra = " · ".join(part for part in (row.title, row.venue, row.note) if part)
            lines.append(f"{when:<15}{time:<11}{row.status_label:<18}{row.items:>6}{row.actions_due:>5}  {extra}")
        return "\n".join(lines)

    return _run(home, "list", work, write=False)
