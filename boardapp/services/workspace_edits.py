"""The workspace's reads and writes that span several services, each one transaction.

The meeting workspace used to build these inline against a `Session`; here they are services like
any other (a `Session` first, `Changes` back), so the GUI only calls them through `Operations`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from boardapp.core.dates import long_date
from boardapp.core.enums import ItemPurpose, MeetingStatus
from boardapp.services import agenda, attendance, matters_arising
from boardapp.services.agenda import AgendaTiming
from boardapp.services.changes import Changes
from boardapp.services.meetings import MeetingDetail, meeting_detail
from boardapp.services.navigator import MeetingRow, list_meetings


@dataclass(frozen=True)
class WorkspaceMeeting:
    """What the workspace shows of a meeting: its detail, the agenda's timing, and the board's meetings."""

    detail: MeetingDetail
    timing: AgendaTiming
    board_meetings: list[MeetingRow]


def workspace_meeting(session: Session, meeting_id: int) -> WorkspaceMeeting:
    detail = meeting_detail(session, meeting_id)
    return WorkspaceMeeting(detail, agenda.agenda_timing(session, meeting_id), list_meetings(session, detail.board_id))


def apply_item_edit(
    session: Session,
    item_id: int,
    *,
    fields: Mapping[str, Any],
    presenters: str | None = None,
    papers_added: Sequence[tuple[str, str]] = (),
    papers_removed: Sequence[int] = (),
    expected_version: int | None = None,
) -> Changes:
    """Everything the item dialog changed, in one transaction: fields, presenters as typed, papers.

    `expected_version`: the item's version the dialog edited from; EditConflict if someone saved since.
    """
    changes = Changes()
    if fields:
        changes = changes | agenda.update_item(session, item_id, expected_version=expected_version, **fields)
    if presenters is not None:
        changes = changes | agenda.set_presenters(session, item_id, presenters)
    for paper_id in papers_removed:
        changes = changes | agenda.remove_paper(session, paper_id)
    for title, location in papers_added:
        changes = changes | agenda.add_paper(session, item_id, title, location)[1]
    return changes


def add_item_with_details(
    session: Session,
    meeting_id: int,
    *,
    fields: Mapping[str, Any],
    presenters: str | None = None,
    papers_added: Sequence[tuple[str, str]] = (),
) -> tuple[int, Changes]:
    """A new agenda item with what the item dialog gave it; `fields` holds its title, purpose and time."""
    rest = dict(fields)
    title = str(rest.pop("title", ""))
    purpose = rest.pop("purpose", None)
    minutes_allowed = rest.pop("minutes_allowed", None)
    item_id, changes = agenda.add_item(
        session,
        meeting_id,
        title,
        purpose=ItemPurpose(purpose) if purpose else ItemPurpose.UNSPECIFIED,
        minutes_allowed=int(minutes_allowed) if minutes_allowed is not None else None,
    )
    edited = apply_item_edit(session, item_id, fields=rest, presenters=presenters, papers_added=papers_added)
    return item_id, changes | edited


def add_attendee(
    session: Session,
    meeting_id: int,
    name: str,
    organisation: str = "",
    capacity: str = "",
    substitute_for: int | None = None,
) -> tuple[int, Changes]:
    """Someone in attendance, and whom they stand in for, in one transaction."""
    person_id, changes = attendance.add_in_attendance(session, meeting_id, name, organisation, capacity)
    if substitute_for is not None:
        changes = changes | attendance.set_substitute(session, meeting_id, person_id, substitute_for)
    return person_id, changes


@dataclass(frozen=True)
class PreviousMinutes:
    """The minutes the matters-arising item approves: whose, and whether they already are."""

    meeting_id: int
    label: str  # "1 August 2017"
    approved: bool
    approved_here: bool


def previous_minutes(session: Session, meeting_id: int) -> PreviousMinutes | None:
    previous = matters_arising.previous_meeting(session, meeting_id)
    if previous is None:
        return None
    approved = previous.status in (MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED)
    return PreviousMinutes(
        meeting_id=previous.id or 0,
        label=long_date(previous.date),
        approved=approved,
        approved_here=approved and previous.minutes_approved_at_id == meeting_id,
    )
