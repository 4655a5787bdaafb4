"""A board's meeting calendar: scheduling one meeting or a series, rescheduling, cancelling.

A new meeting takes the board's defaults (venue, start time, end time from its usual length) and,
unless asked not to, gets its agenda built from the board's standing items. Scheduling a meeting
also settles the actions that were waiting for it: an action minuted "for the November meeting"
before any November meeting existed is made due at the first November meeting scheduled after it
was raised (its minuted words are kept). Cancelling a meeting moves what was due at it to the
board's next meeting, or to "a future meeting" when there is none yet.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from boardapp.core.dates import clock_time, long_date
from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, ActionUpdate, AgendaItem, Board, Meeting, MeetingStatusChange, utcnow
from boardapp.core.rules.recurrence import MAX_MEETINGS, generate_dates, suggest_next
from boardapp.services import agenda_builder, lifecycle
from boardapp.services.changes import Changes, of
from boardapp.services.due_attachment import attach_waiting_actions
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.meetings import MEETING_STATUS_LABELS

__all__ = [
    "BoardDefaults",
    "CalendarRow",
    "attach_waiting_actions",
    "board_calendar",
    "board_defaults",
    "cancel_meeting",
    "next_meeting_suggestion",
    "parse_clock",
    "reschedule_meeting",
    "schedule_meeting",
    "schedule_next_meeting",
    "schedule_series",
    "suggest_next",
    "suggested_date",
]

OPEN = [s for s in ActionStatus if s.is_open]
NOT_HELD = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|noon)?$", re.IGNORECASE)


def parse_clock(text: str) -> dt.time | None:
    """ "14:30", "14.30", "2.30 pm", "2pm", "12 noon" → a time; "" → None; ValueError otherwise."""
    said = " ".join(text.split()).lower()
    if not said:
        return None
    m = _CLOCK.match(said)
    if m is None:
        raise ValueError(f"{text.strip()!r} is not a time: write it as HH:MM, for example 14:30.")
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or (half in ("am", "pm") and int(m.group(1)) > 12):
        raise ValueError(f"{text.strip()!r} is not a time of day.")
    return dt.time(hour, minute)


@dataclass(frozen=True)
class BoardDefaults:
    """What a new meeting of the board starts from, for the scheduling dialog."""

    board_id: int
    name: str
    venue: str
    start_time: dt.time | None
    usual_length_minutes: int | None
    archived: bool
    last_meeting: dt.date | None


def _board(session: Session, board_id: int) -> Board:
    board = session.get(Board, board_id)
    if board is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    return board


def _default_time(board: Board) -> dt.time | None:
    try:
        return parse_clock(board.default_start_time)
    except ValueError:
        return None  # a start time the board settings kept as typed: the clerk gives one per meeting


def board_defaults(session: Session, board_id: int) -> BoardDefaults:
    board = _board(session, board_id)
    last = session.exec(select(func.max(Meeting.date)).where(Meeting.board_id == board_id)).one()
    return BoardDefaults(
        board_id=board_id,
        name=board.name,
        venue=board.default_venue,
        start_time=_default_time(board),
        usual_length_minutes=board.usual_length_minutes,
        archived=board.archived,
        last_meeting=last,
    )


def _end_time(day: dt.date, start: dt.time | None, minutes: int | None) -> dt.time | None:
    if start is None or not minutes:
        return None
    end = dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes)
    return end.time() if end.date() == day else dt.time(23, 59)


def _when(day: dt.date, start: dt.time | None) -> str:
    return f"{long_date(day)} at {clock_time(start)}" if start else long_date(day)


def _check_slot(session: Session, board: Board, day: dt.date, start: dt.time | None, skip: int | None = None) -> None:
    for other in session.exec(select(Meeting).where(Meeting.board_id == board.id, Meeting.date == day)).all():
        if other.id == skip or (start is not None and other.start_time is not None and other.start_time != start):
            continue
        state = " (cancelled)" if other.status is MeetingStatus.CANCELLED else ""
        raise InvalidChange(
            f"{board.name} already has a meeting{state} on {_when(day, other.start_time)}: "
            "choose another date or time, or reschedule that one."
        )


def schedule_meeting(
    session: Session,
    board_id: int,
    date: dt.date,
    *,
    start_time: dt.time | None = None,
    venue: str | None = None,
    title: str = "",
    build_agenda: bool = True,
) -> tuple[int, Changes]:
    """Add a meeting with the board's defaults; its agenda is built unless `build_agenda` is False."""
    meeting_id, changes = _schedule_one(session, board_id, date, start_time, venue, title, build_agenda)
    return meeting_id, changes | _retitled(session, board_id)


def _retitled(session: Session, board_id: int) -> Changes:
    """The next meeting's "Minutes of the meeting held on ..." follows a change of the calendar."""
    return Changes(agenda=frozenset(agenda_builder.retitle_previous_minutes(session, board_id)))


def _schedule_one(
    session: Session,
    board_id: int,
    date: dt.date,
    start_time: dt.time | None,
    venue: str | None,
    title: str,
    build_agenda: bool,
) -> tuple[int, Changes]:
    board = _board(session, board_id)
    if board.archived:
        raise InvalidChange(f"{board.name} is archived: restore it in Board settings before scheduling meetings.")
    start = start_time if start_time is not None else _default_time(board)
    _check_slot(session, board, date, start)
    meeting = Meeting(
        board_id=board_id,
        date=date,
        start_time=start,
        end_time=_end_time(date, start, board.usual_length_minutes),
        venue=(venue if venue is not None else board.default_venue).strip(),
        title=title.strip(),
    )
    session.add(meeting)
    session.flush()
    meeting_id = meeting.id or 0
    changes = of(meetings=meeting_id)
    if build_agenda:
        changes = changes | agenda_builder.build_agenda(session, meeting_id)
    attached = attach_waiting_actions(session, meeting_id)
    if attached:
        changes = changes | Changes(actions=frozenset(attached))
    return meeting_id, changes


def schedule_series(
    session: Session,
    board_id: int,
    *,
    start: dt.date,
    rule: str,
    count: int | None = None,
    until: dt.date | None = None,
    start_time: dt.time | None = None,
    venue: str | None = None,
    build_agenda: bool = True,
) -> tuple[list[int], Changes]:
    """Schedule every meeting of a series ("first Tuesday of each month", "every 6 weeks"); all or none."""
    try:
        dates = generate_dates(rule, start, count=count, until=until, limit=MAX_MEETINGS)
    except ValueError as exc:
        raise InvalidChange(str(exc)) from None
    if not dates:
        raise InvalidChange(f"No meeting falls between {long_date(start)} and {long_date(until or start)}.")
    board = _board(session, board_id)
    for day in dates:  # every clash is refused before anything is written
        _check_slot(session, board, day, start_time if start_time is not None else _default_time(board))
    ids: list[int] = []
    changes = Changes()
    for day in dates:
        meeting_id, step = _schedule_one(session, board_id, day, start_time, venue, "", build_agenda)
        ids.append(meeting_id)
        changes = changes | step
    return ids, changes | _retitled(session, board_id)


def reschedule_meeting(
    session: Session, meeting_id: int, new_date: dt.date, *, start_time: dt.time | None = None, reason: str = ""
) -> Changes:
    """Move a meeting not yet held; what is due at it follows it, and the move is kept in its history."""
    meeting = lifecycle.get_meeting(session, meeting_id)
    board = _board(session, meeting.board_id)
    if meeting.status is MeetingStatus.CANCELLED:
        raise InvalidChange(f"The meeting of {long_date(meeting.date)} was cancelled: schedule a new meeting instead.")
    if meeting.status not in NOT_HELD:
        raise InvalidChange(f"The meeting of {long_date(meeting.date)} has been held: its date cannot change.")
    start = start_time if start_time is not None else meeting.start_time
    if new_date == meeting.date and start == meeting.start_time:
        raise InvalidChange(f"The meeting is already on {_when(new_date, start)}.")
    _check_slot(session, board, new_date, start, skip=meeting_id)
    length = _length(meeting)
    if new_date != meeting.date:
        lifecycle.reschedule_meeting(session, meeting_id, new_date)
    else:
        session.add(
            MeetingStatusChange(
                meeting_id=meeting_id,
                from_status=meeting.status,
                to_status=meeting.status,
                reason=f"moved from {_when(meeting.date, meeting.start_time)} to {_when(new_date, start)}",
            )
        )
    meeting.start_time = start
    meeting.end_time = _end_time(new_date, start, length or board.usual_length_minutes)
    meeting.updated_at = utcnow()
    session.add(meeting)
    session.flush()
    if reason.strip():
        change = session.exec(
            select(MeetingStatusChange)
            .where(MeetingStatusChange.meeting_id == meeting_id)
            .order_by(col(MeetingStatusChange.id).desc())
        ).first()
        if change is not None:
            change.reason = f"{change.reason}: {reason.strip()}"
            session.add(change)
            session.flush()
    changes = of(meetings=meeting_id) | of(agenda=meeting_id) | _retitled(session, meeting.board_id)
    attached = attach_waiting_actions(session, meeting_id)
    return changes | Changes(actions=frozenset(attached))


def _length(meeting: Meeting) -> int | None:
    if meeting.start_time is None or meeting.end_time is None:
        return None
    start = dt.datetime.combine(meeting.date, meeting.start_time)
    return int((dt.datetime.combine(meeting.date, meeting.end_time) - start).total_seconds() // 60) or None


def cancel_meeting(session: Session, meeting_id: int, reason: str, *, today: dt.date | None = None) -> Changes:
    """Cancel a meeting not yet held (the reason is kept); what was due at it moves to the next meeting."""
    if not reason.strip():
        raise InvalidChange("Say why the meeting is cancelled; the reason is kept with the meeting.")
    meeting = lifecycle.get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.CANCELLED:
        raise InvalidChange(f"The meeting of {long_date(meeting.date)} is already cancelled.")
    if meeting.status not in NOT_HELD:
        raise InvalidChange(f"The meeting of {long_date(meeting.date)} has been held: it cannot be cancelled.")
    changes = lifecycle.cancel_meeting(session, meeting_id, reason)
    target = session.exec(
        select(Meeting)
        .where(
            Meeting.board_id == meeting.board_id,
            col(Meeting.date) > meeting.date,
            col(Meeting.status).in_(NOT_HELD),
        )
        .order_by(col(Meeting.date), col(Meeting.start_time))
    ).first()
    moved: list[int] = []
    on = today or dt.date.today()
    for action in session.exec(
        select(Action).where(Action.due_meeting_id == meeting_id, col(Action.status).in_(OPEN))
    ).all():
        if target is not None:
            action.due_meeting_id, action.due_text = target.id, ""
            where = f"the {long_date(target.date)} meeting"
        else:
            action.due_kind, action.due_meeting_id = DueKind.FUTURE_MEETING, None
            action.due_text = "at a future meeting"
            where = "a future meeting"
        action.updated_at = utcnow()
        session.add(action)
        session.add(
            ActionUpdate(
                action_id=action.id or 0,
                recorded_on=on,
                note=f"The {long_date(meeting.date)} meeting was cancelled; now due at {where}.",
            )
        )
        moved.append(action.id or 0)
    session.flush()
    return changes | Changes(actions=frozenset(moved)) | _retitled(session, meeting.board_id)


def next_meeting_suggestion(session: Session, meeting_id: int) -> dt.date | None:
    """The date the board's next meeting after this one would be, by the pattern of its meetings.

    The board's next meeting if it already has one; else, from this meeting and those before it
    (not cancelled): the same nth weekday of the month ("second Tuesday"), the same gap in weeks,
    or the same day of the month; else the last gap again. None with fewer than two meetings.
    """
    meeting = lifecycle.get_meeting(session, meeting_id)
    later = session.exec(
        select(func.min(Meeting.date)).where(
            Meeting.board_id == meeting.board_id,
            col(Meeting.date) > meeting.date,
            Meeting.status != MeetingStatus.CANCELLED,
        )
    ).one()
    if later is not None:
        return later
    dates = sorted(
        set(
            session.exec(
                select(col(Meeting.date)).where(
                    Meeting.board_id == meeting.board_id,
                    col(Meeting.date) <= meeting.date,
                    Meeting.status != MeetingStatus.CANCELLED,
                )
            ).all()
        )
    )[-3:]
    return suggest_next(dates)


def schedule_next_meeting(session: Session, meeting_id: int, *, date: dt.date | None = None) -> tuple[int, Changes]:
    """What "Date of next meeting" offers: schedule the board's next meeting after this one, on `date`
    or on the date its pattern suggests; refused when the board already has a later meeting."""
    meeting = lifecycle.get_meeting(session, meeting_id)
    later = session.exec(
        select(Meeting)
        .where(
            Meeting.board_id == meeting.board_id,
            col(Meeting.date) > meeting.date,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(col(Meeting.date))
    ).first()
    if later is not None:
        raise InvalidChange(f"The next meeting is already scheduled, on {_when(later.date, later.start_time)}.")
    day = date or next_meeting_suggestion(session, meeting_id)
    if day is None:
        raise InvalidChange("Give the date of the next meeting: this board has no pattern of meetings yet.")
    if day <= meeting.date:
        raise InvalidChange(f"The next meeting must come after this one ({long_date(meeting.date)}).")
    return schedule_meeting(session, meeting.board_id, day, start_time=meeting.start_time, venue=meeting.venue)


def suggested_date(session: Session, board_id: int, *, today: dt.date) -> dt.date:
    """Where a new meeting of the board most likely goes: the next date in the pattern of its last
    meetings, or today when it has no pattern yet or the pattern's next date has passed."""
    dates = sorted(
        set(
            session.exec(
                select(col(Meeting.date)).where(Meeting.board_id == board_id, Meeting.status != MeetingStatus.CANCELLED)
            ).all()
        )
    )[-3:]
    found = suggest_next(dates)
    return found if found is not None and found >= today else today


@dataclass(frozen=True)
class CalendarRow:
    """One meeting of a board's calendar, as the calendar page and `boardapp meeting list` show it."""

    id: int
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    venue: str
    status: MeetingStatus
    title: str
    rescheduled_from: dt.date | None
    cancelled_reason: str
    items: int  # agenda items
    actions_due: int  # open actions due at it
    revisions: int = 0  # times it was moved or cancelled: the .ics SEQUENCE, so calendars take the newer file

    @property
    def status_label(self) -> str:
        return MEETING_STATUS_LABELS.get(self.status, str(self.status))

    @property
    def time_label(self) -> str:
        if self.start_time is None:
            return ""
        return (
            f"{clock_time(self.start_time)} – {clock_time(self.end_time)}"
            if self.end_time
            else clock_time(self.start_time)
        )

    @property
    def note(self) -> str:
        """ "Moved from 12 September 2017", "Cancelled: chair unwell"."""
        parts = []
        if self.rescheduled_from is not None and self.rescheduled_from != self.date:
            parts.append(f"Moved from {long_date(self.rescheduled_from)}")
        if self.status is MeetingStatus.CANCELLED:
            parts.append(f"Cancelled: {self.cancelled_reason}" if self.cancelled_reason else "Cancelled")
        return "; ".join(parts)


def board_calendar(session: Session, board_id: int) -> list[CalendarRow]:
    """Every meeting of the board in date order, with its number of agenda items and open actions due."""
    _board(session, board_id)
    meetings = session.exec(
        select(Meeting).where(Meeting.board_id == board_id).order_by(col(Meeting.date), col(Meeting.start_time))
    ).all()
    ids = [m.id for m in meetings]
    items: Counter[int] = Counter(
        dict(
            session.exec(
                select(AgendaItem.meeting_id, func.count())
                .where(col(AgendaItem.meeting_id).in_(ids))
                .group_by(col(AgendaItem.meeting_id))
            ).all()
        )
    )
    due: Counter[int] = Counter()
    for meeting_ref, n in session.exec(
        select(Action.due_meeting_id, func.count())
        .where(col(Action.due_meeting_id).in_(ids), col(Action.status).in_(OPEN))
        .group_by(col(Action.due_meeting_id))
    ).all():
        if meeting_ref is not None:
            due[meeting_ref] = n
    revisions: Counter[int] = Counter()
    for meeting_ref, reason, to_status in session.exec(
        select(MeetingStatusChange.meeting_id, MeetingStatusChange.reason, MeetingStatusChange.to_status).where(
            col(MeetingStatusChange.meeting_id).in_(ids)
        )
    ).all():
        revisions[meeting_ref] += reason.startswith(("rescheduled", "moved")) + (to_status is MeetingStatus.CANCELLED)
    return [
        CalendarRow(
            id=m.id or 0,
            date=m.date,
            start_time=m.start_time,
            end_time=m.end_time,
            venue=m.venue,
            status=m.status,
            title=m.title,
            rescheduled_from=m.rescheduled_from,
            cancelled_reason=m.cancelled_reason,
            items=items[m.id or 0],
            actions_due=due[m.id or 0],
            revisions=revisions[m.id or 0],
        )
        for m in meetings
    ]
