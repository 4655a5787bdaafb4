"""A board's meetings as an iCalendar file (RFC 5545), for Outlook, Google and Apple calendars.

Times are written with TZID=Europe/London and the zone's VTIMEZONE included: board meetings happen
at a wall-clock time in England, and a member reading the file abroad, or a calendar server in
UTC, must still see 14:30 London time, across the clock changes. (Floating times would shift with
the reader's own zone.) Meetings without a start time are all-day events.

UIDs are `meeting-<id>@<board slug>.boardapp`: stable across exports, so importing a newer file
updates the events instead of duplicating them. SEQUENCE counts the times the meeting was moved
or cancelled (from its status history), so calendars accept the newer version. Cancelled meetings
stay in the file with STATUS:CANCELLED, which removes them from subscribers' calendars.

The meetings are the calendar page's rows (`services.calendar.board_calendar`) and the board's
name, venue and usual length its settings (`services.boards.board_settings`): the file lists what
the page shows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import Session

from boardapp.core.enums import MeetingStatus
from boardapp.exporting.backends.output import write_atomically
from boardapp.services.boards import BoardSettings, board_settings
from boardapp.services.calendar import CalendarRow, board_calendar
from boardapp.services.errors import NotFound

ZONE = "Europe/London"
DEFAULT_LENGTH_MINUTES = 120


@dataclass(frozen=True)
class CalendarResult:
    path: Path
    events: int
    cancelled: int


def board_slug(board: BoardSettings) -> str:
    """ "IB" or "Lancashire Children's Services Improvement Board" -> "ib" / "lancashire-childrens-...";
    the board's id keeps two boards with the same short name apart."""
    base = board.short_name or board.name
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower().replace("'", "")).strip("-")[:40] or "board"
    return f"{slug}-{board.id}"


def meeting_uid(board: BoardSettings, meeting_id: int) -> str:
    return f"meeting-{meeting_id}@{board_slug(board)}.boardapp"


def read_calendar(session: Session, board_id: int) -> tuple[BoardSettings, list[CalendarRow]]:
    """The board and its meetings in date order, as the calendar page reads them."""
    try:
        return board_settings(session, board_id), board_calendar(session, board_id)
    except NotFound:
        raise ValueError(f"There is no board with id {board_id}.") from None


def build_calendar(board: BoardSettings, meetings: list[CalendarRow], *, stamp: dt.datetime) -> bytes:
    """The .ics text of these meetings of the board; `stamp` is DTSTAMP (passed in: no clock here)."""
    from icalendar import Calendar, Event, Timezone

    zone = ZoneInfo(ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//BoardApp//Board meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", board.name)
    if any(m.start_time for m in meetings):
        first = min(m.date for m in meetings)
        last = max(m.date for m in meetings)
        calendar.add_component(
            Timezone.from_tzid(ZONE, first_date=dt.date(first.year - 1, 1, 1), last_date=dt.date(last.year + 1, 12, 31))
        )
    for meeting in meetings:
        event = Event()
        event.add("uid", meeting_uid(board, meeting.id))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("summary", meeting.title or board.name)
        if meeting.start_time is not None:
            start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
            if meeting.end_time is not None and meeting.end_time > meeting.start_time:
                end = dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
            else:
                end = start + dt.timedelta(minutes=board.usual_length_minutes or DEFAULT_LENGTH_MINUTES)
            event.add("dtstart", start)
            event.add("dtend", end)
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + dt.timedelta(days=1))
        venue = meeting.venue or board.venue
        if venue:
            event.add("location", venue)
        if meeting.status is MeetingStatus.CANCELLED:
            event.add("status", "CANCELLED")
            if meeting.cancelled_reason:
                event.add("description", f"Cancelled: {meeting.cancelled_reason}")
        else:
            event.add("status", "CONFIRMED")
        event.add("sequence", meeting.revisions)
        calendar.add_component(event)
    return calendar.to_ical()


def export_calendar(session: Session, board_id: int, path: str | Path, *, stamp: dt.datetime) -> CalendarResult:
    """Write the board's meetings to `path` as .ics (atomically, through the exporters' output guard)."""
    board, meetings = read_calendar(session, board_id)
    data = build_calendar(board, meetings, stamp=stamp)

    def write(temporary: Path) -> None:
        temporary.write_bytes(data)

    write_atomically(Path(path), write)
    cancelled = sum(1 for m in meetings if m.status is MeetingStatus.CANCELLED)
    return CalendarResult(path=Path(path), events=len(meetings), cancelled=cancelled)
