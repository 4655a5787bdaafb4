"""Writing the minute of an item as the meeting happens: notes, decisions and actions.

`save_notes` is the autosave hot path: one lookup and one write, no re-reading.
An action typed the way minutes write it ("Heat maps report ... for the September meeting -
Louise Storey") becomes a draft whose owners and due meeting the clerk can check before it is
created.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlmodel import Session, col, func, select

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, ActionOwner, AgendaItem, Board, Decision, Meeting, Minute, utcnow
from boardapp.core.rules.action_lines import parse_action_line, resolve_due_meeting
from boardapp.core.rules.leads import PartyName
from boardapp.core.rules.refs import action_ref
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.lifecycle import ensure_editable, ensure_item_editable
from boardapp.services.parties import PartyDirectory, PartyRef


def save_notes(session: Session, item_id: int, notes: str) -> Changes:
    ensure_item_editable(session, item_id)
    minute = session.exec(select(Minute).where(Minute.agenda_item_id == item_id)).first()
    if minute is None:
        minute = Minute(agenda_item_id=item_id, notes=notes)
    elif minute.notes == notes:
        return Changes()
    minute.notes = notes
    minute.updated_at = utcnow()
    session.add(minute)
    session.flush()
    return of(minutes=item_id)


def notes_of(session: Session, item_id: int) -> str:
    return session.exec(select(Minute.notes).where(Minute.agenda_item_id == item_id)).first() or ""


def add_decision(session: Session, item_id: int, text: str) -> tuple[int, Changes]:
    ensure_item_editable(session, item_id)
    text = text.strip()
    if not text:
        raise InvalidChange("A decision needs its wording (what the board resolved).")
    position = session.exec(
        select(func.coalesce(func.max(Decision.position), -1)).where(Decision.agenda_item_id == item_id)
    ).one()
    decision = Decision(agenda_item_id=item_id, position=position + 1, text=text)
    session.add(decision)
    session.flush()
    return decision.id or 0, of(minutes=item_id)


def update_decision(session: Session, decision_id: int, text: str) -> Changes:
    decision = _decision(session, decision_id)
    ensure_item_editable(session, decision.agenda_item_id)
    if not text.strip():
        raise InvalidChange("A decision cannot be blank; delete it instead.")
    decision.text = text.strip()
    decision.updated_at = utcnow()
    session.add(decision)
    session.flush()
    return of(minutes=decision.agenda_item_id)


def delete_decision(session: Session, decision_id: int) -> Changes:
    decision = _decision(session, decision_id)
    ensure_item_editable(session, decision.agenda_item_id)
    session.delete(decision)
    session.flush()
    return of(minutes=decision.agenda_item_id)


def _decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("That decision no longer exists.")
    return decision


# -- actions typed as lines -------------------------------------------------------------------


@dataclass(frozen=True)
class OwnerDraft:
    written: str  # as typed: "CC Driver"
    name: str  # as it will be stored/shown: "Geoff Driver"
    is_role: bool
    person_id: int | None = None
    role_id: int | None = None

    @property
    def is_new(self) -> bool:
        return self.person_id is None and self.role_id is None


@dataclass(frozen=True)
class ActionDraft:
    """An action as understood from a typed line, for the clerk to confirm or correct."""

    text: str
    owners: tuple[OwnerDraft, ...]
    due_kind: DueKind
    due_text: str = ""
    due_meeting_id: int | None = None
    due_meeting_date: dt.date | None = None
    due_date: dt.date | None = None

    @property
    def due_label(self) -> str:
        if self.due_kind is DueKind.MEETING and self.due_meeting_date:
            return f"{self.due_meeting_date:%-d %B %Y} meeting"
        if self.due_kind is DueKind.MEETING:
            return f"{self.due_text} (no such meeting scheduled yet)"
        if self.due_kind is DueKind.DATE and self.due_date:
            return f"by {self.due_date:%-d %B %Y}"
        if self.due_kind is DueKind.FUTURE_MEETING:
            return "a future meeting"
        return "no due date"


def draft_action(session: Session, item_id: int, line: str) -> ActionDraft:
    """Understand a typed action line against this board's people, roles and meeting calendar."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That agenda item no longer exists.")
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    parsed = parse_action_line(line)
    if not parsed.text:
        raise InvalidChange("Type what is to be done, then ' – ' and who is to do it.")
    directory = PartyDirectory(session)
    owners = tuple(_owner_draft(directory, party) for party in parsed.owners)
    draft = ActionDraft(text=parsed.text, owners=owners, due_kind=DueKind.NONE)
    due = parsed.due
    if due is None:
        return draft
    if due.kind is DueKind.MEETING:
        calendar = session.exec(
            select(col(Meeting.date)).where(
                Meeting.board_id == meeting.board_id, Meeting.status != MeetingStatus.CANCELLED
            )
        ).all()
        when = resolve_due_meeting(due, meeting.date, calendar)
        target = None
        if when is not None:
            target = session.exec(
                select(Meeting.id).where(Meeting.board_id == meeting.board_id, col(Meeting.date) == when)
            ).first()
        return replace(
            draft, due_kind=DueKind.MEETING, due_text=due.phrase, due_meeting_id=target, due_meeting_date=when
        )
    return replace(draft, due_kind=due.kind, due_text=due.phrase, due_date=due.date)


def _owner_draft(directory: PartyDirectory, party: PartyName) -> OwnerDraft:
    found = directory.find(party.text, prefer_role=party.is_role)
    if found is None:
        return OwnerDraft(written=party.text, name=party.text, is_role=party.is_role)
    return OwnerDraft(
        written=party.text,
        name=directory.name_of(found),
        is_role=found.role_id is not None,
        person_id=found.person_id,
        role_id=found.role_id,
    )


def create_action(session: Session, item_id: int, draft: ActionDraft) -> tuple[int, Changes]:
    """Store a confirmed draft; owners nobody knows yet are created as new people or roles."""
    item = ensure_item_editable(session, item_id)
    meeting = session.get(Meeting, item.meeting_id)
    board = session.get(Board, meeting.board_id) if meeting else None
    assert meeting is not None and board is not None
    if not draft.text.strip():
        raise InvalidChange("An action needs its text.")
    directory = PartyDirectory(session)
    changes = Changes()
    owners: list[PartyRef] = []
    for owner in draft.owners:
        if owner.is_new:
            owners.append(directory.resolve(PartyName(text=owner.name, is_role=owner.is_role)))
            changes = changes | Changes(people=True)
        else:
            owners.append(PartyRef(person_id=owner.person_id, role_id=owner.role_id))
    position = session.exec(
        select(func.coalesce(func.max(Action.position), 0)).where(Action.raised_item_id == item_id)
    ).one()
    action = Action(
        board_id=board.id or 0,
        ref=_next_ref(session, board, meeting),
        text=draft.text.strip(),
        raised_meeting_id=meeting.id,
        raised_item_id=item_id,
        position=position + 1,
        due_kind=draft.due_kind,
        due_meeting_id=draft.due_meeting_id,
        due_date=draft.due_date,
        due_text=draft.due_text,
        status=ActionStatus.OPEN,
    )
    session.add(action)
    session.flush()
    for order, owner_ref in enumerate(owners):
        session.add(
            ActionOwner(
                action_id=action.id or 0,
                person_id=owner_ref.person_id,
                role_id=owner_ref.role_id,
                position=order,
            )
        )
    session.flush()
    return action.id or 0, changes | of(actions=action.id or 0, minutes=item_id)


def delete_action(session: Session, action_id: int) -> Changes:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    if action.raised_meeting_id is not None:
        ensure_editable(session, action.raised_meeting_id)
    item_id = action.raised_item_id
    session.delete(action)
    session.flush()
    return of(actions=action_id) | (of(minutes=item_id) if item_id else Changes())


def _next_ref(session: Session, board: Board, meeting: Meeting) -> str:
    prefix = action_ref(board.short_name, meeting.date, 0)[:-2]
    taken = session.exec(
        select(Action.ref).where(Action.board_id == board.id, col(Action.ref).startswith(prefix))
    ).all()
    numbers = [int(ref[len(prefix) :]) for ref in taken if ref[len(prefix) :].isdigit()]
    return action_ref(board.short_name, meeting.date, max(numbers, default=0) + 1)
