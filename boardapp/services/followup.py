"""Following actions up, one at a time or many at once: status with a note, closing as agreed by the
board at a meeting, carrying forward to the next meeting, reassigning, changing the due point, and
linking to plan actions.

Every change writes an `ActionUpdate`, so an action's history says what happened, when and at
which meeting. Each service takes the action ids and `on` (the day it is recorded: the GUI's
"today", passed in) and returns `(FollowUpResult, Changes)`; a refusal raises a ServiceError and,
run through the GUI's `Operations.run` (one transaction), leaves nothing half done.

An update made at a meeting is dated with that meeting and, like `record_action_update`, refused
when that meeting's minutes are approved and locked: it would change what they record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionPlanLink,
    ActionUpdate,
    Board,
    Meeting,
    Person,
    Plan,
    PlanItem,
    Role,
    utcnow,
)
from boardapp.core.rules.leads import PartyName
from boardapp.services.action_log import OwnerKey
from boardapp.services.actions import ACTION_STATUS_LABELS, OWNER_SEPARATOR, long_date, short_date
from boardapp.services.changes import Changes
from boardapp.services.conflicts import claim_version, table_of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.lifecycle import ensure_editable, get_meeting
from boardapp.services.minuting import DueChoice, draft_owners
from boardapp.services.parties import PartyDirectory, PartyRef

__all__ = [
    "DueChoice",
    "FollowUpResult",
    "carry_forward",
    "change_due",
    "close_actions",
    "link_plan_item",
    "next_meeting_after",
    "reassign",
    "unlink_plan_item",
    "update_status",
]


@dataclass(frozen=True)
class FollowUpResult:
    changed: tuple[int, ...]  # action ids written to
    skipped: tuple[str, ...]  # "IB-20170801-03 is closed", for the message
    message: str  # what was done, for a status bar: "Closed 3 actions at the 12 September 2017 meeting."


def _changes(action_ids: Sequence[int], *, people: bool = False, plans: Sequence[int] = ()) -> Changes:
    return Changes(actions=frozenset(action_ids), people=people, plans=frozenset(plans))


def _actions(session: Session, action_ids: Sequence[int]) -> list[Action]:
    """The actions, in the order given; NotFound if any has gone (deleted meanwhile)."""
    wanted = list(dict.fromkeys(action_ids))
    if not wanted:
        raise InvalidChange("Choose at least one action.")
    found = {a.id: a for a in session.exec(select(Action).where(col(Action.id).in_(wanted))).all()}
    missing = [action_id for action_id in wanted if action_id not in found]
    if missing:
        raise NotFound(
            f"{len(missing)} of the chosen actions no longer exist{'s' if len(missing) == 1 else ''}; "
            "they may have been deleted. Refresh the log and try again."
        )
    return [found[action_id] for action_id in wanted]


def _meeting_label(meeting: Meeting) -> str:
    return f"the {long_date(meeting.date)} meeting"


def _at_meeting(session: Session, meeting_id: int | None, actions: list[Action], on: dt.date) -> Meeting | None:
    """The meeting an update is made at: editable, of the actions' board, not cancelled, not in the future."""
    if meeting_id is None:
        return None
    meeting = ensure_editable(session, meeting_id)
    if meeting.status is MeetingStatus.CANCELLED:
        raise InvalidChange(
            f"The meeting of {long_date(meeting.date)} was cancelled; choose the meeting it happened at."
        )
    if meeting.date > on:
        raise InvalidChange(
            f"The meeting of {long_date(meeting.date)} has not taken place yet; record this at or after the meeting."
        )
    others = [a.ref for a in actions if a.board_id != meeting.board_id]
    if others:
        board = session.get(Board, meeting.board_id)
        raise InvalidChange(
            f"The meeting of {long_date(meeting.date)} is a meeting of {board.name if board else 'another board'}; "
            f"{_list(others)} belong{'s' if len(others) == 1 else ''} to another board. Choose them separately."
        )
    return meeting


def _record(
    session: Session,
    action: Action,
    *,
    on: dt.date,
    meeting: Meeting | None,
    note: str,
    by: str,
    status: ActionStatus | None = None,
) -> None:
    """Write the history entry, then apply the status change (if any) to the action."""
    session.add(
        ActionUpdate(
            action_id=action.id or 0,
            meeting_id=meeting.id if meeting else None,
            recorded_on=meeting.date if meeting else on,
            status_from=action.status if status is not None else None,
            status_to=status,
            note=note.strip(),
            author=by,
        )
    )
    if status is not None:
        # A status change is an edit: an editor open on the action then sees it as a conflict.
        action.version = claim_version(
            session, table_of(Action), action.id or 0, None, kind="action", field="text", mine=action.text
        )
        action.status = status
        # Closed records where the board agreed it; any other status (reopened) clears that.
        action.closed_at_meeting_id = meeting.id if status is ActionStatus.CLOSED and meeting else None
    action.updated_at = utcnow()
    session.add(action)


def _list(refs: Sequence[str], limit: int = 4) -> str:
    shown = ", ".join(refs[:limit])
    return shown + (f" and {len(refs) - limit} more" if len(refs) > limit else "")


def _count(n: int) -> str:
    return f"{n} action{'s' if n != 1 else ''}"


# -- status -----------------------------------------------------------------------------------------


def update_status(
    session: Session,
    action_ids: Sequence[int],
    *,
    status: ActionStatus | None,
    note: str = "",
    on: dt.date,
    meeting_id: int | None = None,
    by: str = "",
) -> tuple[FollowUpResult, Changes]:
    """Record a new status and/or a progress note on each action (at a meeting, or between meetings).

    Closing needs the meeting at which the board agreed it; actions already at the status get only
    the note (and are skipped when there is no note).
    """
    if status is None and not note.strip():
        raise InvalidChange("Give the new status or a progress note (or both).")
    if status is ActionStatus.CLOSED and meeting_id is None:
        raise InvalidChange("An action is closed when the board agrees it at a meeting: choose that meeting.")
    actions = _actions(session, action_ids)
    meeting = _at_meeting(session, meeting_id, actions, on)
    changed, skipped = [], []
    for action in actions:
        new_status = status if status is not None and status is not action.status else None
        if new_status is None and not note.strip():
            skipped.append(f"{action.ref} is already {ACTION_STATUS_LABELS[action.status].lower()}")
            continue
        _record(session, action, on=on, meeting=meeting, note=note, by=by, status=new_status)
        changed.append(action.id or 0)
    if not changed:
        raise InvalidChange(f"Nothing to record: {_list(skipped)}.")
    session.flush()
    if status is not None:
        what = f"Marked {_count(len(changed))} as {ACTION_STATUS_LABELS[status].lower()}"
    else:
        what = f"Added a note to {_count(len(changed))}"
    where = f" at {_meeting_label(meeting)}" if meeting else ""
    return FollowUpResult(tuple(changed), tuple(skipped), f"{what}{where}."), _changes(changed)


def close_actions(
    session: Session,
    action_ids: Sequence[int],
    *,
    meeting_id: int,
    on: dt.date,
    note: str = "",
    by: str = "",
) -> tuple[FollowUpResult, Changes]:
    """Close the actions as agreed by the board at `meeting_id`; those already closed are left alone."""
    actions = _actions(session, action_ids)
    meeting = _at_meeting(session, meeting_id, actions, on)
    assert meeting is not None
    wording = note.strip() or f"The Board agreed to close this action at {_meeting_label(meeting)}."
    changed, skipped = [], []
    for action in actions:
        if action.status is ActionStatus.CLOSED:
            skipped.append(f"{action.ref} is already closed")
            continue
        _record(session, action, on=on, meeting=meeting, note=wording, by=by, status=ActionStatus.CLOSED)
        changed.append(action.id or 0)
    if not changed:
        raise InvalidChange(f"Nothing to close: {_list(skipped)}.")
    session.flush()
    message = f"Closed {_count(len(changed))} as agreed at {_meeting_label(meeting)}."
    return FollowUpResult(tuple(changed), tuple(skipped), message), _changes(changed)


# -- due points -------------------------------------------------------------------------------------


def next_meeting_after(session: Session, board_id: int, after: dt.date) -> Meeting | None:
    """The board's first meeting (not cancelled) dated after `after`."""
    return session.exec(
        select(Meeting)
        .where(
            Meeting.board_id == board_id,
            col(Meeting.date) > after,
            col(Meeting.status) != MeetingStatus.CANCELLED,
        )
        .order_by(col(Meeting.date), col(Meeting.start_time), col(Meeting.id))
    ).first()


def _due_words(session: Session, action: Action) -> str:
    """The current due point in words: "the 12 September 2017 meeting", "31 Oct 2017", "a future meeting"."""
    if action.due_kind is DueKind.MEETING and action.due_meeting_id is not None:
        meeting = session.get(Meeting, action.due_meeting_id)
        if meeting is not None:
            return _meeting_label(meeting)
    if action.due_kind is DueKind.DATE and action.due_date is not None:
        return short_date(action.due_date)
    if action.due_kind is DueKind.FUTURE_MEETING:
        return "a future meeting"
    return "no due point"


def _due_day(session: Session, action: Action) -> dt.date | None:
    if action.due_kind is DueKind.MEETING and action.due_meeting_id is not None:
        meeting = session.get(Meeting, action.due_meeting_id)
        return meeting.date if meeting else None
    if action.due_kind is DueKind.DATE:
        return action.due_date
    return None


def carry_forward(
    session: Session,
    action_ids: Sequence[int],
    *,
    on: dt.date,
    meeting_id: int | None = None,
    by: str = "",
) -> tuple[FollowUpResult, Changes]:
    """Make each open action due at its board's next meeting after the one it is due at.

    "Next" is the board's first meeting, not cancelled, after both the current due point and `on`
    (so an action long overdue goes to the coming meeting, not to one already past). Closed and
    cancelled actions are skipped. If some board has no such meeting yet, nothing is changed and the
    refusal names the board: schedule its next meeting first. `meeting_id`, if given, is the
    meeting at which the board agreed to carry them forward.
    """
    actions = _actions(session, action_ids)
    meeting = _at_meeting(session, meeting_id, actions, on)
    plan: list[tuple[Action, Meeting]] = []
    skipped: list[str] = []
    stuck: dict[int, dt.date] = {}
    for action in actions:
        if not action.status.is_open:
            skipped.append(f"{action.ref} is {ACTION_STATUS_LABELS[action.status].lower()}")
            continue
        due = _due_day(session, action)
        after = max(due, on) if due is not None else on
        target = next_meeting_after(session, action.board_id, after)
        if target is None:
            stuck[action.board_id] = max(after, stuck.get(action.board_id, after))
            continue
        plan.append((action, target))
    if stuck:
        names = []
        for board_id, after in stuck.items():
            board = session.get(Board, board_id)
            names.append(f"{board.name if board else 'a board'} has no meeting after {long_date(after)}")
        raise InvalidChange(f"Nothing was carried forward: {'; '.join(names)}. Add its next meeting first.")
    if not plan:
        raise InvalidChange(f"Nothing to carry forward: {_list(skipped)}.")
    for action, target in plan:
        note = f"Carried forward from {_due_words(session, action)} to {_meeting_label(target)}."
        action.due_kind, action.due_meeting_id, action.due_date, action.due_text = (
            DueKind.MEETING, target.id, None, "",
        )  # fmt: skip
        _record(session, action, on=on, meeting=meeting, note=note, by=by)
    session.flush()
    targets = {target.id: target for _, target in plan}
    where = _meeting_label(next(iter(targets.values()))) if len(targets) == 1 else "each board's next meeting"
    message = f"Carried {_count(len(plan))} forward to {where}."
    return FollowUpResult(tuple(a.id or 0 for a, _ in plan), tuple(skipped), message), _changes(
        [a.id or 0 for a, _ in plan]
    )


def change_due(
    session: Session,
    action_ids: Sequence[int],
    due: DueChoice,
    *,
    on: dt.date,
    note: str = "",
    by: str = "",
) -> tuple[FollowUpResult, Changes]:
    """Make the actions due at a meeting of their board, by a date, at a future meeting, or at no set point."""
    actions = _actions(session, action_ids)
    target: Meeting | None = None
    if due.kind is DueKind.MEETING:
        if due.meeting_id is None:
            raise InvalidChange("Choose the meeting the actions are now due at.")
        target = get_meeting(session, due.meeting_id)
        others = [a.ref for a in actions if a.board_id != target.board_id]
        if others:
            raise InvalidChange(
                f"The meeting of {long_date(target.date)} is not a meeting of the board of {_list(others)}: "
                "an action can only be due at a meeting of its own board."
            )
        if target.status is MeetingStatus.CANCELLED:
            raise InvalidChange(f"The meeting of {long_date(target.date)} was cancelled; choose another.")
        new_words = _meeting_label(target)
    elif due.kind is DueKind.DATE:
        if due.date is None:
            raise InvalidChange("Give the date the actions are due by.")
        new_words = short_date(due.date)
    elif due.kind is DueKind.FUTURE_MEETING:
        new_words = "a future meeting"
    else:
        new_words = "no set due point"
    changed, skipped = [], []
    for action in actions:
        same = (action.due_kind, action.due_meeting_id, action.due_date) == (
            due.kind,
            target.id if target else None,
            due.date if due.kind is DueKind.DATE else None,
        )
        if same:
            skipped.append(f"{action.ref} is already due at {new_words}")
            continue
        wording = f"Due changed from {_due_words(session, action)} to {new_words}."
        if note.strip():
            wording += f" {note.strip()}"
        action.due_kind = due.kind
        action.due_meeting_id = target.id if target else None
        action.due_date = due.date if due.kind is DueKind.DATE else None
        action.due_text = "at a future meeting" if due.kind is DueKind.FUTURE_MEETING else ""
        _record(session, action, on=on, meeting=None, note=wording, by=by)
        changed.append(action.id or 0)
    if not changed:
        raise InvalidChange(f"Nothing to change: {_list(skipped)}.")
    session.flush()
    return (
        FollowUpResult(
            tuple(changed), tuple(skipped), f"{_count(len(changed))} now due {_due_phrase(due, new_words)}."
        ),
        _changes(changed),
    )


def _due_phrase(due: DueChoice, words: str) -> str:
    if due.kind is DueKind.MEETING:
        return f"at {words}"
    if due.kind is DueKind.DATE:
        return f"by {words}"
    if due.kind is DueKind.FUTURE_MEETING:
        return "at a future meeting"
    return "with no set due point"


# -- owners -----------------------------------------------------------------------------------------


def _owner_names(session: Session, action_id: int) -> list[str]:
    rows = session.exec(
        select(Person.name, Role.name)
        .select_from(ActionOwner)
        .outerjoin(Person, col(Person.id) == ActionOwner.person_id)
        .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
        .where(ActionOwner.action_id == action_id)
        .order_by(col(ActionOwner.position), col(ActionOwner.id))
    ).all()
    return [person or role or "?" for person, role in rows]


def reassign(
    session: Session,
    action_ids: Sequence[int],
    owners: str | Sequence[OwnerKey],
    *,
    on: dt.date,
    note: str = "",
    by: str = "",
) -> tuple[FollowUpResult, Changes]:
    """Give the actions new owners: people or roles, or names typed the way minutes write them
    ("Chris Coyle/Heads of Service"; a name nobody has yet becomes a new person or role)."""
    actions = _actions(session, action_ids)
    new_people = False
    refs: list[PartyRef] = []
    if isinstance(owners, str):
        directory = PartyDirectory(session)
        for draft in draft_owners(session, owners):
            if draft.is_new:
                refs.append(directory.resolve(PartyName(text=draft.name, is_role=draft.is_role)))
                new_people = True
            else:
                refs.append(PartyRef(person_id=draft.person_id, role_id=draft.role_id))
    else:
        for owner in owners:
            if (owner.person_id is None) == (owner.role_id is None):
                raise InvalidChange("Each owner is one person or one role.")
            if owner.person_id is not None and session.get(Person, owner.person_id) is None:
                raise NotFound("One of the chosen people no longer exists.")
            if owner.role_id is not None and session.get(Role, owner.role_id) is None:
                raise NotFound("One of the chosen roles no longer exists.")
            refs.append(PartyRef(person_id=owner.person_id, role_id=owner.role_id))
    refs = list(dict.fromkeys(refs))
    if not refs:
        raise InvalidChange("Name at least one owner (a person, or a role such as Heads of Service).")
    session.flush()
    names = [_party_name(session, ref) for ref in refs]
    changed, skipped = [], []
    for action in actions:
        before = _owner_names(session, action.id or 0)
        if before == names:
            skipped.append(f"{action.ref} is already owned by {OWNER_SEPARATOR.join(names)}")
            continue
        for old in session.exec(select(ActionOwner).where(ActionOwner.action_id == action.id)).all():
            session.delete(old)
        session.flush()
        for position, ref in enumerate(refs):
            session.add(
                ActionOwner(action_id=action.id or 0, person_id=ref.person_id, role_id=ref.role_id, position=position)
            )
        was = OWNER_SEPARATOR.join(before) or "no one"
        wording = f"Reassigned from {was} to {OWNER_SEPARATOR.join(names)}."
        if note.strip():
            wording += f" {note.strip()}"
        _record(session, action, on=on, meeting=None, note=wording, by=by)
        changed.append(action.id or 0)
    if not changed:
        raise InvalidChange(f"Nothing to change: {_list(skipped)}.")
    session.flush()
    message = f"Reassigned {_count(len(changed))} to {OWNER_SEPARATOR.join(names)}."
    return FollowUpResult(tuple(changed), tuple(skipped), message), _changes(changed, people=new_people)


def _party_name(session: Session, ref: PartyRef) -> str:
    if ref.person_id is not None:
        person = session.get(Person, ref.person_id)
        return person.name if person else "?"
    role = session.get(Role, ref.role_id)
    return role.name if role else "?"


# -- plan links -------------------------------------------------------------------------------------


def _plan_item_words(session: Session, item: PlanItem) -> str:
    plan = session.get(Plan, item.plan_id)
    ref = f"{item.ref} " if item.ref else ""
    return f"plan action {ref}“{item.text}” ({plan.name if plan else 'a plan'})"


def link_plan_item(
    session: Session, action_id: int, plan_item_id: int, *, on: dt.date, note: str = "", by: str = ""
) -> tuple[FollowUpResult, Changes]:
    """Record that the action serves a plan item (the golden thread from minute to plan)."""
    (action,) = _actions(session, [action_id])
    item = session.get(PlanItem, plan_item_id)
    if item is None:
        raise NotFound("That plan item no longer exists.")
    existing = session.exec(
        select(ActionPlanLink).where(ActionPlanLink.action_id == action_id, ActionPlanLink.plan_item_id == plan_item_id)
    ).first()
    if existing is not None:
        raise InvalidChange(f"{action.ref} is already linked to {_plan_item_words(session, item)}.")
    session.add(ActionPlanLink(action_id=action_id, plan_item_id=plan_item_id, note=note.strip()))
    _record(session, action, on=on, meeting=None, note=f"Linked to {_plan_item_words(session, item)}.", by=by)
    session.flush()
    result = FollowUpResult((action_id,), (), f"Linked {action.ref} to {_plan_item_words(session, item)}.")
    return result, _changes([action_id], plans=[item.plan_id])


def unlink_plan_item(
    session: Session, action_id: int, plan_item_id: int, *, on: dt.date, by: str = ""
) -> tuple[FollowUpResult, Changes]:
    (action,) = _actions(session, [action_id])
    link = session.exec(
        select(ActionPlanLink).where(ActionPlanLink.action_id == action_id, ActionPlanLink.plan_item_id == plan_item_id)
    ).first()
    if link is None:
        raise NotFound("That link no longer exists.")
    item = session.get(PlanItem, plan_item_id)
    words = _plan_item_words(session, item) if item else "a plan action"
    session.delete(link)
    _record(session, action, on=on, meeting=None, note=f"No longer linked to {words}.", by=by)
    session.flush()
    result = FollowUpResult((action_id,), (), f"Unlinked {action.ref} from {words}.")
    return result, _changes([action_id], plans=[item.plan_id] if item else [])
