"""Actions minuted "for the November meeting" before any November meeting existed, made due at it
as soon as it is scheduled (the calendar calls this for every new or moved meeting).

The minuted phrase is read again with the same rules as when it was typed
(`core.rules.action_lines`), against the board's calendar as it is now: the action is attached
when this meeting is the one the phrase means, and its words are kept as they were minuted.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, Meeting, utcnow
from boardapp.core.rules.action_lines import find_due_phrase, resolve_due_meeting
from boardapp.services.lifecycle import get_meeting

__all__ = ["attach_waiting_actions"]

OPEN = [s for s in ActionStatus if s.is_open]


def attach_waiting_actions(session: Session, meeting_id: int) -> list[int]:
    """Make due at this meeting each open action waiting for it ("for the November meeting").

    Waiting: no meeting or date set, and a minuted phrase naming a meeting (a month, or "the next
    meeting"), raised before this meeting; this meeting is the one the phrase means once it exists.
    """
    meeting = get_meeting(session, meeting_id)
    if meeting.status is MeetingStatus.CANCELLED:
        return []
    raised = Meeting.__table__.alias("raised")  # type: ignore[attr-defined]
    waiting = session.exec(
        select(Action, raised.c.date)
        .outerjoin(raised, raised.c.id == Action.raised_meeting_id)
        .where(
            Action.board_id == meeting.board_id,
            col(Action.status).in_(OPEN),
            col(Action.due_meeting_id).is_(None),
            col(Action.due_date).is_(None),
            col(Action.due_kind).in_([DueKind.MEETING, DueKind.FUTURE_MEETING, DueKind.NONE]),
            Action.due_text != "",
        )
    ).all()
    if not waiting:
        return []
    calendar = session.exec(
        select(col(Meeting.date)).where(Meeting.board_id == meeting.board_id, Meeting.status != MeetingStatus.CANCELLED)
    ).all()
    attached: list[int] = []
    for action, raised_on in waiting:
        when = raised_on or action.created_at.date()
        due = find_due_phrase(action.due_text)
        if due is None or due.kind is not DueKind.MEETING or when >= meeting.date:
            continue
        if resolve_due_meeting(due, when, calendar) != meeting.date:
            continue
        action.due_kind, action.due_meeting_id = DueKind.MEETING, meeting_id
        action.updated_at = utcnow()
        session.add(action)
        attached.append(action.id or 0)
    session.flush()
    return attached
