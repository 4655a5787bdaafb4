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

from boardapp.core.dates import long_date
from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, ActionOwner, AgendaItem, Board, Decision, Meeting, Minute, utcnow
from boardapp.core.rules.action_lines import parse_action_line, resolve_due_meeting
from boardapp.core.rules.leads import PartyName, split_parties
from boardapp.core.rules.refs import action_ref
from boardapp.services.actions import due_label, owner_names_by_action
from boardapp.services.changes import Changes, of
from boardapp.services.conflicts import claim_version, table_of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.exemption import stamp_for_item
from boardapp.services.lifecycle import ensure_editable, ensure_item_editable
from boardapp.services.parties import PartyDirectory, PartyRef


def save_notes(session: Session, item_id: int, notes: str, *, expected_version: int | None = None) -> Changes:
    """Save an item's notes; with `expected_version`, refuse (EditConflict) if someone saved since."""
    return save_notes_versioned(session, item_id, notes, expected_version=expected_version)[1]


def save_notes_versioned(
    session: Session, item_id: int, notes: str, *, expected_version: int | None = None
) -> tuple[int, Changes]:
    """`save_notes`, also returning the version now stored: the autosave checks its next save against it.

    Version 0 means "no notes yet". An unchanged text writes nothing and is no conflict (nothing to lose).
    """
    ensure_item_editable(session, item_id)
    minute = session.exec(select(Minute).where(Minute.agenda_item_id == item_id)).first()
    if minute is not None and minute.notes == notes:
        return minute.version, Changes()
    if minute is None:
        minute = Minute(agenda_item_id=item_id, notes=notes, version=1)
    else:
        minute.version = claim_version(
            session, table_of(Minute), item_id, expected_version, kind="minute", field="notes", mine=notes,
            key="agenda_item_id",
        )
    minute.notes = notes
    minute.updated_at = utcnow()
    session.add(minute)
    session.flush()
    return minute.version, of(minutes=item_id)


def notes_of(session: Session, item_id: int) -> str:
    return session.exec(select(Minute.notes).where(Minute.agenda_item_id == item_id)).first() or ""


def notes_with_version(session: Session, item_id: int) -> tuple[str, int]:
    """An item's notes and their version (0: none yet), read together: what an editor edits from."""
    row = session.exec(select(Minute.notes, Minute.version).where(Minute.agenda_item_id == item_id)).first()
    return (row[0], row[1]) if row is not None else ("", 0)


def add_decision(session: Session, item_id: int, text: str) -> tuple[int, Changes]:
    item = ensure_item_editable(session, item_id)
    text = text.strip()
    if not text:
        raise InvalidChange("A decision needs its wording (what the board resolved).")
    position = session.exec(
        select(func.coalesce(func.max(Decision.position), -1)).where(Decision.agenda_item_id == item_id)
    ).one()
    decision = Decision(agenda_item_id=item_id, position=position + 1, text=text, is_exempt=item.is_exempt)
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
            return f"{long_date(self.due_meeting_date)} meeting"
        if self.due_kind is DueKind.MEETING:
            return f"{self.due_text} (attached once that meeting is scheduled)"
        if self.due_kind is DueKind.DATE and self.due_date:
            return f"by {long_date(self.due_date)}"
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
                select(Meeting.id).where(
                    Meeting.board_id == meeting.board_id,
                    col(Meeting.date) == when,
                    Meeting.status != MeetingStatus.CANCELLED,
                )
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
    action.is_exempt, action.exempt_paragraph = stamp_for_item(item)  # Part II stays with the action
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


# -- one item's minute, read back for the editor ----------------------------------------------


@dataclass(frozen=True)
class DecisionLine:
    id: int
    text: str


@dataclass(frozen=True)
class MinuteAction:
    """An action raised under an item, with what its editor needs to change owners and due point."""

    id: int
    ref: str
    text: str
    owner_names: tuple[str, ...]
    due_kind: DueKind
    due_meeting_id: int | None
    due_date: dt.date | None
    due_text: str
    due_label: str
    status: ActionStatus
    version: int = 1  # what the editor edits from: a save from an older version is an edit conflict

    @property
    def owners(self) -> str:
        return "/".join(self.owner_names)


@dataclass(frozen=True)
class ItemMinute:
    item_id: int
    decisions: tuple[DecisionLine, ...]
    actions: tuple[MinuteAction, ...]


def minute_of(session: Session, item_id: int) -> ItemMinute:
    """The decisions and actions of one item (three queries), for refreshing after a change to it."""
    decisions = session.exec(
        select(Decision.id, Decision.text)
        .where(Decision.agenda_item_id == item_id)
        .order_by(col(Decision.position), col(Decision.id))
    ).all()
    due = Meeting.__table__.alias("due")  # type: ignore[attr-defined]
    rows = session.exec(
        select(Action, due.c.date)
        .outerjoin(due, due.c.id == Action.due_meeting_id)
        .where(Action.raised_item_id == item_id)
        .order_by(col(Action.position), col(Action.id))
    ).all()
    owners = owner_names_by_action(session, [a.id or 0 for a, _ in rows])
    return ItemMinute(
        item_id=item_id,
        decisions=tuple(DecisionLine(id=d_id or 0, text=text) for d_id, text in decisions),
        actions=tuple(
            MinuteAction(
                id=a.id or 0,
                ref=a.ref,
                text=a.text,
                owner_names=tuple(owners.get(a.id or 0, ())),
                due_kind=a.due_kind,
                due_meeting_id=a.due_meeting_id,
                due_date=a.due_date,
                due_text=a.due_text,
                due_label=due_label(a.due_kind, meeting_date, a.due_date, a.due_text),
                status=a.status,
                version=a.version,
            )
            for a, meeting_date in rows
        ),
    )


# -- correcting an action after it was created ------------------------------------------------


@dataclass(frozen=True)
class DueChoice:
    """A due point picked by the clerk: a meeting of the board, a date, "a future meeting", or none."""

    kind: DueKind
    meeting_id: int | None = None
    date: dt.date | None = None


def draft_owners(session: Session, written: str) -> tuple[OwnerDraft, ...]:
    """Owners typed as minutes write them ("Chris Coyle/Heads of Service"), matched or marked new."""
    directory = PartyDirectory(session)
    return tuple(
        _owner_draft(directory, party) for party in split_parties(written, known_names=directory.known_names())
    )


def update_action(
    session: Session,
    action_id: int,
    *,
    text: str | None = None,
    owners: str | None = None,
    due: DueChoice | None = None,
    expected_version: int | None = None,
) -> Changes:
    """Correct an action's text, owners (typed, new people or roles created) or due point.

    With `expected_version` (the version the clerk's editor loaded), a save made after someone else's
    is refused with EditConflict and nothing is written.
    """
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    if action.raised_meeting_id is not None:
        ensure_editable(session, action.raised_meeting_id)
    action.version = claim_version(
        session, table_of(Action), action_id, expected_version, kind="action", field="text",
        mine=text if text is not None else action.text,
    )
    changes = of(actions=action_id) | (of(minutes=action.raised_item_id) if action.raised_item_id else Changes())
    if text is not None:
        if not text.strip():
            raise InvalidChange("An action needs its text; delete it instead.")
        action.text = text.strip()
    if owners is not None:
        changes = changes | _replace_owners(session, action_id, owners)
    if due is not None:
        _set_due(session, action, due)
    action.updated_at = utcnow()
    session.add(action)
    session.flush()
    return changes


def _replace_owners(session: Session, action_id: int, written: str) -> Changes:
    drafts = draft_owners(session, written)
    if not drafts:
        raise InvalidChange("Name at least one owner (a person or a role such as Heads of Service).")
    directory = PartyDirectory(session)
    changes = Changes()
    for old in session.exec(select(ActionOwner).where(ActionOwner.action_id == action_id)).all():
        session.delete(old)
    session.flush()
    for order, owner in enumerate(drafts):
        if owner.is_new:
            ref = directory.resolve(PartyName(text=owner.name, is_role=owner.is_role))
            changes = Changes(people=True)
        else:
            ref = PartyRef(person_id=owner.person_id, role_id=owner.role_id)
        session.add(ActionOwner(action_id=action_id, person_id=ref.person_id, role_id=ref.role_id, position=order))
    return changes


def _set_due(session: Session, action: Action, due: DueChoice) -> None:
    """Set the due point; the minuted phrase ("for the September meeting") is kept only if it still holds."""
    meeting_id = due.meeting_id if due.kind is DueKind.MEETING else None
    date = due.date if due.kind is DueKind.DATE else None
    if (due.kind, meeting_id, date) == (action.due_kind, action.due_meeting_id, action.due_date):
        return
    if due.kind is DueKind.MEETING:
        meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
        if meeting is None or meeting.board_id != action.board_id:
            raise InvalidChange("Choose one of this board's meetings for the action to be due at.")
    elif due.kind is DueKind.DATE and date is None:
        raise InvalidChange("Give the date the action is due by.")
    action.due_kind, action.due_meeting_id, action.due_date = due.kind, meeting_id, date
    action.due_text = "at a future meeting" if due.kind is DueKind.FUTURE_MEETING else ""
