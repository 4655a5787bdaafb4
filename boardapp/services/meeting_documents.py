"""What the agenda, minutes and decision notice read beyond the meeting screen's own read model.

The documents start from `meetings.meeting_detail` (what the workspace shows) and add, here, what
only a document prints: the board's calendar and numbering, the actions raised under the items with
their Part II stamps, the matters arising the agenda lists, the members, and a decision's record.
The exporters then do no query of their own (issue 13 point 3, docs/architecture.md section 4), and
each read is a fixed number of queries, never one per item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import aliased
from sqlmodel import Session, col, func, select

from boardapp.core.enums import ActionStatus, DueKind, MemberRole, MinuteNumbering
from boardapp.core.models import Action, AgendaItem, Board, Decision, Meeting, Membership, Organisation, Person
from boardapp.services.actions import owner_names_by_action
from boardapp.services.boards import board_settings
from boardapp.services.meetings import MeetingDetail, meeting_detail
from boardapp.services.navigator import MeetingRow, list_meetings

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED)


@dataclass(frozen=True)
class DocumentAction:
    """An action as a document lists it, with its own Part II stamp and its raw due point."""

    id: int
    ref: str
    text: str
    status: ActionStatus
    position: int
    raised_meeting_id: int | None
    raised_item_id: int | None
    due_kind: DueKind
    due_meeting_id: int | None
    due_date: dt.date | None
    due_text: str
    is_exempt: bool  # the action's own stamp
    exempt_paragraph: str
    owner_names: tuple[str, ...] = ()
    item_exempt: bool = False  # the item it was raised under is exempt now


@dataclass(frozen=True)
class MeetingDocument:
    """One meeting as its agenda and minutes are built: the screen's detail plus the board's calendar."""

    detail: MeetingDetail
    minute_numbering: MinuteNumbering
    calendar: tuple[MeetingRow, ...]  # every meeting of the board, cancelled ones too
    actions: tuple[DocumentAction, ...]  # raised under the meeting's items, in minute order


@dataclass(frozen=True)
class MemberLine:
    """A membership of the board on a given day, with what the agenda prints of the person."""

    membership_id: int
    role: MemberRole
    name: str
    formal_name: str
    organisation: str  # the organisation represented, else the person's own


@dataclass(frozen=True)
class MeetingRef:
    id: int
    board_id: int
    board_name: str
    date: dt.date


@dataclass(frozen=True)
class DecisionFields:
    """A decision and its record (reasons, alternatives, conflicts, when it takes effect)."""

    id: int
    item_id: int
    meeting_id: int
    text: str
    is_exempt: bool
    needs_record: bool
    reasons: str
    alternatives_rejected: str
    conflicts: str
    takes_effect_on: dt.date | None


def meeting_document(session: Session, meeting_id: int) -> MeetingDocument:
    """The meeting's detail, its board's calendar and numbering, and the actions raised under its items;
    LookupError if there is no such meeting."""
    detail = meeting_detail(session, meeting_id)
    settings = board_settings(session, detail.board_id)
    item_ids = [item.id for item in detail.items]
    rows = session.exec(
        select(Action).where(col(Action.raised_item_id).in_(item_ids)).order_by(col(Action.position), col(Action.id))
    ).all()
    return MeetingDocument(
        detail=detail,
        minute_numbering=settings.minute_numbering,
        calendar=tuple(list_meetings(session, detail.board_id)),
        actions=_document_actions(session, [(action, False) for action in rows]),
    )


def actions_due_at(session: Session, board_id: int, meeting_id: int, on: dt.date) -> tuple[DocumentAction, ...]:
    """The agenda's matters arising: every open action of the board raised before the meeting that is due
    here, overdue (at an earlier meeting or by a date not after `on`), or has no date yet. `item_exempt`
    carries the raised item's exemption so an unstamped action under an exempt item stays Part II."""
    up_to_now = select(Meeting.id).where(Meeting.board_id == board_id, col(Meeting.date) <= on)
    earlier = select(Meeting.id).where(Meeting.board_id == board_id, col(Meeting.date) < on)
    raised_item = aliased(AgendaItem, name="raised_item")
    query = (
        select(Action, func.coalesce(raised_item.is_exempt, False))
        .outerjoin(raised_item, col(raised_item.id) == Action.raised_item_id)
        .where(Action.board_id == board_id)
        .where(col(Action.status).in_(OPEN_STATUSES))
        .where(col(Action.raised_meeting_id).is_(None) | (col(Action.raised_meeting_id) != meeting_id))
        .where(
            ((col(Action.due_kind) == DueKind.MEETING) & col(Action.due_meeting_id).in_(up_to_now))
            | ((col(Action.due_kind) == DueKind.DATE) & (col(Action.due_date) <= on))
            | (
                col(Action.due_kind).in_([DueKind.NONE, DueKind.FUTURE_MEETING])
                & col(Action.raised_meeting_id).in_(earlier)
            )
        )
    )
    return _document_actions(session, [(action, bool(item_exempt)) for action, item_exempt in session.exec(query)])


def _document_actions(session: Session, rows: Sequence[tuple[Action, bool]]) -> tuple[DocumentAction, ...]:
    owners = owner_names_by_action(session, [action.id for action, _ in rows if action.id is not None])
    return tuple(
        DocumentAction(
            id=action.id or 0,
            ref=action.ref,
            text=action.text,
            status=action.status,
            position=action.position,
            raised_meeting_id=action.raised_meeting_id,
            raised_item_id=action.raised_item_id,
            due_kind=action.due_kind,
            due_meeting_id=action.due_meeting_id,
            due_date=action.due_date,
            due_text=action.due_text,
            is_exempt=bool(action.is_exempt),
            exempt_paragraph=action.exempt_paragraph,
            owner_names=tuple(owners.get(action.id or 0, ())),
            item_exempt=item_exempt,
        )
        for action, item_exempt in rows
    )


def members_on(session: Session, board_id: int, on: dt.date) -> tuple[MemberLine, ...]:
    """The board's memberships current on `on`, in the order they were made (the agenda sorts by role)."""
    represents = aliased(Organisation, name="represents")
    own = aliased(Organisation, name="own")
    rows = session.exec(
        select(Membership, Person, represents.name, own.name)
        .join(Person, col(Person.id) == Membership.person_id)
        .outerjoin(represents, col(represents.id) == Membership.represents_id)
        .outerjoin(own, col(own.id) == Person.organisation_id)
        .where(Membership.board_id == board_id)
        .order_by(col(Membership.id))
    ).all()
    return tuple(
        MemberLine(
            membership_id=membership.id or 0,
            role=membership.role,
            name=person.name,
            formal_name=person.formal_name,
            organisation=represents_name or own_name or "",
        )
        for membership, person, represents_name, own_name in rows
        if (membership.start_date is None or membership.start_date <= on)
        and (membership.end_date is None or membership.end_date >= on)
    )


def meeting_ref(session: Session, meeting_id: int) -> MeetingRef | None:
    """The meeting's board and date (a file name, the board whose Part II business a public copy checks)."""
    found = session.exec(
        select(col(Meeting.board_id), col(Board.name), col(Meeting.date))
        .join(Board, col(Board.id) == Meeting.board_id)
        .where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        return None
    board_id, board_name, day = found
    return MeetingRef(id=meeting_id, board_id=board_id, board_name=board_name, date=day)


def decision_fields(session: Session, decision_id: int) -> DecisionFields | None:
    """The decision and its record, with its item's meeting; None when it, or its item, is gone."""
    found = session.exec(
        select(Decision, AgendaItem.meeting_id)
        .join(AgendaItem, col(AgendaItem.id) == Decision.agenda_item_id)
        .where(Decision.id == decision_id)
    ).first()
    if found is None:
        return None
    decision, meeting_id = found
    return DecisionFields(
        id=decision_id,
        item_id=decision.agenda_item_id,
        meeting_id=meeting_id,
        text=decision.text,
        is_exempt=bool(decision.is_exempt),
        needs_record=bool(decision.needs_record),
        reasons=decision.reasons,
        alternatives_rejected=decision.alternatives_rejected,
        conflicts=decision.conflicts,
        takes_effect_on=decision.takes_effect_on,
    )


def recorded_decision_ids(session: Session, item_id: int) -> list[int]:
    """The item's decisions that have a decision record, in minute order."""
    ids = session.exec(
        select(Decision.id)
        .where(Decision.agenda_item_id == item_id, Decision.needs_record == True)  # noqa: E712 (SQL)
        .order_by(col(Decision.position), col(Decision.id))
    ).all()
    return [i for i in ids if i is not None]
