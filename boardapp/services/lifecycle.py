"""A meeting's lifecycle: scheduled → agenda published → held (draft minutes) → approved → locked.

Approved or locked minutes refuse edits; reopening them is explicit and kept in the history.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from boardapp.core.dates import long_date
from boardapp.core.enums import MeetingStatus
from boardapp.core.models import AgendaItem, Meeting, MeetingStatusChange, utcnow
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, MinutesLocked, NotFound

LOCKED_STATES = {MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED}


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"There is no meeting with id {meeting_id}; it may have been deleted.")
    return meeting


def ensure_editable(session: Session, meeting_id: int) -> Meeting:
    """The meeting, if its minutes may still change; MinutesLocked with the reason otherwise."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status in LOCKED_STATES:
        approved = f" on {long_date(meeting.minutes_approved_on)}" if meeting.minutes_approved_on else ""
        raise MinutesLocked(
            f"The minutes of {long_date(meeting.date)} were approved{approved} and are locked. "
            f"Reopen them (Meeting ▸ Reopen minutes) to change anything; the reopening is recorded."
        )
    return meeting


def ensure_item_editable(session: Session, item_id: int) -> AgendaItem:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(f"There is no agenda item with id {item_id}; it may have been deleted.")
    ensure_editable(session, item.meeting_id)
    return item


def _move(session: Session, meeting: Meeting, to: MeetingStatus, by: str, reason: str) -> Changes:
    session.add(
        MeetingStatusChange(
            meeting_id=meeting.id or 0, from_status=meeting.status, to_status=to, changed_by=by, reason=reason
        )
    )
    meeting.status = to
    meeting.updated_at = utcnow()
    session.add(meeting)
    session.flush()
    return of(meetings=meeting.id or 0)


def publish_agenda(session: Session, meeting_id: int, by: str = "") -> Changes:
    meeting = get_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.SCHEDULED:
        raise InvalidChange(
            f"The agenda can be published only for a scheduled meeting (this one is {_label(meeting)})."
        )
    return _move(session, meeting, MeetingStatus.AGENDA_PUBLISHED, by, "")


def mark_held(session: Session, meeting_id: int, by: str = "") -> Changes:
    meeting = get_meeting(session, meeting_id)
    if meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        return _move(session, meeting, MeetingStatus.HELD, by, "")
    if meeting.status is MeetingStatus.HELD:
        return Changes()
    raise InvalidChange(f"This meeting cannot be marked as held: it is {_label(meeting)}.")


def approve_minutes(session: Session, meeting_id: int, at_meeting_id: int, by: str = "") -> Changes:
    """Record that a later meeting of the same board approved these minutes as an accurate record."""
    meeting = get_meeting(session, meeting_id)
    at = get_meeting(session, at_meeting_id)
    if meeting.status is not MeetingStatus.HELD:
        raise InvalidChange(
            f"Only the draft minutes of a held meeting can be approved (this one is {_label(meeting)})."
        )
    if at.board_id != meeting.board_id or at.date <= meeting.date:
        raise InvalidChange("Minutes are approved at a later meeting of the same board.")
    meeting.minutes_approved_at_id = at.id
    meeting.minutes_approved_on = at.date
    from boardapp.services.minute_numbers import assign_minute_numbers  # numbers are fixed at approval

    assign_minute_numbers(session, meeting_id)
    return _move(
        session,
        meeting,
        MeetingStatus.MINUTES_APPROVED,
        by,
        f"approved at the meeting of {long_date(at.date)}",
    )


def lock_minutes(session: Session, meeting_id: int, by: str = "") -> Changes:
    meeting = get_meeting(session, meeting_id)
    if meeting.status is not MeetingStatus.MINUTES_APPROVED:
        raise InvalidChange("Only approved minutes can be locked.")
    return _move(session, meeting, MeetingStatus.LOCKED, by, "")


def reopen_minutes(session: Session, meeting_id: int, reason: str, by: str = "") -> Changes:
    """Make approved or locked minutes editable again; the reason is required and kept."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status not in LOCKED_STATES:
        raise InvalidChange("These minutes are not locked; there is nothing to reopen.")
    if not reason.strip():
        raise InvalidChange("Say why the approved minutes are being reopened; the reason is kept in their history.")
    meeting.minutes_approved_at_id = None
    meeting.minutes_approved_on = None
    return _move(session, meeting, MeetingStatus.HELD, by, reason.strip())


def cancel_meeting(session: Session, meeting_id: int, reason: str, by: str = "") -> Changes:
    meeting = get_meeting(session, meeting_id)
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        raise InvalidChange("Only a meeting that has not been held can be cancelled.")
    meeting.cancelled_reason = reason.strip()
    return _move(session, meeting, MeetingStatus.CANCELLED, by, reason.strip())


def reschedule_meeting(session: Session, meeting_id: int, new_date: dt.date, by: str = "") -> Changes:
    """Move a meeting; actions due at it move with it because they point at the meeting, not a date."""
    meeting = get_meeting(session, meeting_id)
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        raise InvalidChange("Only a meeting that has not been held can be rescheduled.")
    clash = session.exec(
        select(Meeting.id).where(
            Meeting.board_id == meeting.board_id, Meeting.date == new_date, col(Meeting.id) != meeting.id
        )
    ).first()
    if clash is not None:
        raise InvalidChange(f"The board already has a meeting on {long_date(new_date)}.")
    if meeting.rescheduled_from is None:
        meeting.rescheduled_from = meeting.date
    old = meeting.date
    meeting.date = new_date
    session.add(
        MeetingStatusChange(
            meeting_id=meeting.id or 0,
            from_status=meeting.status,
            to_status=meeting.status,
            changed_by=by,
            reason=f"rescheduled from {long_date(old)} to {long_date(new_date)}",
        )
    )
    meeting.updated_at = utcnow()
    session.add(meeting)
    session.flush()
    return of(meetings=meeting.id or 0)


def status_history(session: Session, meeting_id: int) -> list[MeetingStatusChange]:
    return list(
        session.exec(
            select(MeetingStatusChange)
            .where(MeetingStatusChange.meeting_id == meeting_id)
            .order_by(col(MeetingStatusChange.changed_at), col(MeetingStatusChange.id))
        ).all()
    )


def _label(meeting: Meeting) -> str:
    return meeting.status.value.replace("_", " ")
