"""Find the meeting a command line names by board and date, with helpful errors when it cannot.

It reads the navigator's lists of boards and meetings and the boards' settings (services), so the
command line finds exactly what the main window lists.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from boardapp.exporting.backends.text import clock_time, heading_date
from boardapp.exporting.errors import BoardNotFound, MeetingNotFound
from boardapp.services.boards import BoardSettings, board_settings
from boardapp.services.navigator import MeetingRow, list_boards, list_meetings

NEARBY = 6


def find_board(session: Session, name: str) -> BoardSettings:
    """The board called `name`: exact, then ignoring case, then by short name, then the one board
    whose name contains it. Raises BoardNotFound listing every board otherwise."""
    boards = [board_settings(session, row.id) for row in list_boards(session)]  # by name, archived too
    wanted = " ".join(name.split()).casefold()
    for match in (
        lambda b: b.name == name,
        lambda b: " ".join(b.name.split()).casefold() == wanted,
        lambda b: bool(b.short_name) and b.short_name.casefold() == wanted,
    ):
        found = [b for b in boards if match(b)]
        if len(found) == 1:
            return found[0]
    containing = [b for b in boards if wanted and wanted in b.name.casefold()]
    if len(containing) == 1:
        return containing[0]
    raise BoardNotFound(name, [b.name for b in (containing if len(containing) > 1 else boards)])


def find_meeting(session: Session, board_name: str, day: dt.date, start: dt.time | None = None) -> int:
    """The id of the board's meeting on `day` (at `start` when the board met twice that day)."""
    board = find_board(session, board_name)
    # By date, then time (a meeting with no time first, as the database sorts it).
    meetings = sorted(
        list_meetings(session, board.id), key=lambda m: (m.date, m.start_time is not None, m.start_time or dt.time())
    )
    on_day = [m for m in meetings if m.date == day]
    if start is not None:
        on_day = [m for m in on_day if m.start_time == start]
    if len(on_day) == 1:
        return on_day[0].id
    if len(on_day) > 1:
        times = [clock_time(m.start_time) if m.start_time else "no time set" for m in on_day]
        raise MeetingNotFound(
            board.name,
            day,
            [],
            detail=f"{board.name} has {len(on_day)} meetings on {day.isoformat()} ({', '.join(times)}); "
            f"choose one with --time HH:MM.",
        )
    nearest = sorted(meetings, key=lambda m: (abs((m.date - day).days), m.date))[:NEARBY]
    nearby = [_describe(m) for m in sorted(nearest, key=lambda m: (m.date, m.start_time or dt.time()))]
    raise MeetingNotFound(board.name, day, nearby)


def _describe(meeting: MeetingRow) -> str:
    when = f"{meeting.date.isoformat()}  {heading_date(meeting.date)}"
    if meeting.start_time:
        when += f" at {clock_time(meeting.start_time)}"
    return f"{when}  ({meeting.status.value.replace('_', ' ')})"
