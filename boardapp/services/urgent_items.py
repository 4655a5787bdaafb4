"""Urgent business: an item taken although it was not on the published agenda.

The chair must give a reason (Local Government Act 1972 s.100B(4)(b)), and the minutes record
it, so marking an item urgent without one is refused.
"""

from __future__ import annotations

from sqlmodel import Session

from boardapp.core.enums import MeetingStatus
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange
from boardapp.services.lifecycle import ensure_item_editable, get_meeting


def mark_urgent(session: Session, item_id: int, reason: str) -> Changes:
    item = ensure_item_editable(session, item_id)
    reason = reason.strip()
    if not reason:
        raise InvalidChange("Give the chair's reason for taking the item as urgent business; the minutes record it.")
    item.is_urgent = True
    item.urgency_reason = reason
    session.add(item)
    return of(agenda=item.meeting_id) | of(minutes=item_id)


def clear_urgent(session: Session, item_id: int) -> Changes:
    item = ensure_item_editable(session, item_id)
    item.is_urgent = False
    item.urgency_reason = ""
    session.add(item)
    return of(agenda=item.meeting_id) | of(minutes=item_id)


def urgent_by_default(session: Session, meeting_id: int) -> bool:
    """Should a new item on this meeting start marked urgent? Yes once the agenda has been published."""
    return get_meeting(session, meeting_id).status is not MeetingStatus.SCHEDULED


def urgency_sentence(reason: str) -> str:
    """How the minutes record it: "The chair agreed to take this item as urgent business because ...\""""
    reason = reason.strip().rstrip(".")
    return f"The chair agreed to take this item as urgent business because {reason}." if reason else ""
