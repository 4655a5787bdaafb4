"""What the chair reads of the board's meetings in a review copy (issue 16 point 4: "reads everything offline").

A review copy holds the board's meetings, their agenda items and minutes (Part II only when the clerk
included it; otherwise the exempt items are emptied placeholders). These reads list the meetings with the
text a filter searches (titles, item titles, minutes, decisions) in three queries, whatever the number of
meetings, and filter them in plain Python; one meeting is read through `meetings.meeting_detail`, as the
minutes read. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import AgendaItem, Decision, Meeting, Minute
from boardapp.services.meetings import MEETING_STATUS_LABELS, MeetingDetail, meeting_detail

__all__ = ["MeetingLine", "filter_meetings", "review_meeting", "review_meetings"]


@dataclass(frozen=True)
class MeetingLine:
    """One meeting in the chair's list, with the words a filter looks through (casefolded)."""

    id: int
    date: dt.date
    title: str
    status: MeetingStatus
    item_count: int
    words: str

    @property
    def status_label(self) -> str:
        return MEETING_STATUS_LABELS.get(self.status, str(self.status))


def review_meetings(session: Session) -> tuple[MeetingLine, ...]:
    """Every meeting in the copy, newest first (a copy holds one board's meetings only)."""
    meetings = session.exec(select(Meeting).order_by(col(Meeting.date).desc(), col(Meeting.id).desc())).all()
    texts: dict[int, list[str]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for meeting_id, title in session.exec(select(AgendaItem.meeting_id, AgendaItem.title)).all():
        texts[meeting_id].append(title)
        counts[meeting_id] += 1
    for meeting_id, notes in session.exec(
        select(AgendaItem.meeting_id, Minute.notes).join(Minute, col(Minute.agenda_item_id) == AgendaItem.id)
    ).all():
        texts[meeting_id].append(notes)
    for meeting_id, text in session.exec(
        select(AgendaItem.meeting_id, Decision.text).join(Decision, col(Decision.agenda_item_id) == AgendaItem.id)
    ).all():
        texts[meeting_id].append(text)
    return tuple(
        MeetingLine(
            id=m.id or 0,
            date=m.date,
            title=m.title,
            status=m.status,
            item_count=counts[m.id or 0],
            words=" ".join([m.title, m.venue, *texts[m.id or 0]]).casefold(),
        )
        for m in meetings
    )


def filter_meetings(
    lines: Iterable[MeetingLine], *, text: str = "", status: MeetingStatus | None = None, year: int | None = None
) -> list[MeetingLine]:
    """The meetings whose words hold every word typed, of the status and year chosen (None: any)."""
    wanted = text.casefold().split()
    return [
        line
        for line in lines
        if (status is None or line.status == status)
        and (year is None or line.date.year == year)
        and all(word in line.words for word in wanted)
    ]


def review_meeting(session: Session, meeting_id: int) -> MeetingDetail:
    """One meeting as its minutes read: header, attendance, items with their minutes, decisions and actions."""
    return meeting_detail(session, meeting_id)
