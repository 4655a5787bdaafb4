"""Matters arising: the actions a meeting must review, and approving the previous minutes.

"Minutes and actions from the last meeting" lists every open action of the board raised before
this meeting, in three groups: due at this meeting, overdue (due at an earlier meeting or by a date
on or before this one), and those with no date or "at a future meeting" (and those due at a meeting
not yet scheduled). Actions due at a later meeting wait for it. Each update made here is kept in the
action's history against this meeting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, and_, col, or_, select

from boardapp.core.dates import long_date
from boardapp.core.enums import ActionStatus, MeetingStatus, StandingKind
from boardapp.core.models import Action, ActionUpdate, AgendaItem, Decision, Meeting
from boardapp.services.actions import due_label, owner_names_by_action
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.lifecycle import approve_minutes, ensure_editable, get_meeting
from boardapp.services.minuting import add_decision

OPEN = [s for s in ActionStatus if s.is_open]
HELD = [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED]
DUE, OVERDUE, NO_DATE = "due", "overdue", "no date"
GROUPS = (DUE, OVERDUE, NO_DATE)


@dataclass(frozen=True)
class ArisingAction:
    action_id: int
    ref: str
    text: str
    status: ActionStatus
    due_here: bool  # due at this meeting (else: overdue from an earlier one)
    raised_on: dt.date | None
    last_note: str
    owner_names: tuple[str, ...] = ()
    due_label: str = ""  # "1 August 2017 meeting", "31 Jul 2017"
    group: str = DUE  # DUE, OVERDUE or NO_DATE (no date, "at a future meeting", meeting not yet scheduled)
    is_exempt: bool = False  # Part II business (the action's own stamp): marked wherever it is shown

    @property
    def owners(self) -> str:
        return "/".join(self.owner_names)


def matters_arising(session: Session, meeting_id: int) -> list[ArisingAction]:
    meeting = get_meeting(session, meeting_id)
    earlier_meetings = select(Meeting.id).where(Meeting.board_id == meeting.board_id, col(Meeting.date) < meeting.date)
    undated = and_(col(Action.due_meeting_id).is_(None), col(Action.due_date).is_(None))
    raised = Meeting.__table__.alias("raised")  # type: ignore[attr-defined]
    due = Meeting.__table__.alias("due")  # type: ignore[attr-defined]
    rows = session.exec(
        select(Action, raised.c.date, due.c.date)
        .outerjoin(raised, raised.c.id == Action.raised_meeting_id)
        .outerjoin(due, due.c.id == Action.due_meeting_id)
        .where(
            Action.board_id == meeting.board_id,
            col(Action.status).in_(OPEN),
            or_(col(Action.raised_meeting_id).is_(None), Action.raised_meeting_id != meeting.id),
            or_(
                Action.due_meeting_id == meeting.id,
                col(Action.due_meeting_id).in_(earlier_meetings),
                and_(col(Action.due_date).is_not(None), col(Action.due_date) <= meeting.date),
                and_(undated, col(Action.raised_meeting_id).in_(earlier_meetings)),
            ),
        )
        .order_by(col(Action.ref))
    ).all()
    group_of = {a.id: _group(a, meeting) for a, _, _ in rows}
    rows = sorted(rows, key=lambda row: GROUPS.index(group_of[row[0].id]))
    ids = [a.id or 0 for a, _, _ in rows]
    notes = _last_notes(session, ids)
    owners = owner_names_by_action(session, ids)
    return [
        ArisingAction(
            action_id=a.id or 0,
            ref=a.ref,
            text=a.text,
            status=a.status,
            due_here=a.due_meeting_id == meeting.id,
            raised_on=raised_on,
            last_note=notes.get(a.id or 0, ""),
            owner_names=tuple(owners.get(a.id or 0, ())),
            due_label=due_label(a.due_kind, due_on, a.due_date, a.due_text),
            group=group_of[a.id],
            is_exempt=a.is_exempt,
        )
        for a, raised_on, due_on in rows
    ]


def _group(action: Action, meeting: Meeting) -> str:
    if action.due_meeting_id == meeting.id or (action.due_meeting_id is None and action.due_date == meeting.date):
        return DUE
    if action.due_meeting_id is None and action.due_date is None:
        return NO_DATE
    return OVERDUE


def _last_notes(session: Session, action_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for update in session.exec(
        select(ActionUpdate)
        .where(col(ActionUpdate.action_id).in_(action_ids), ActionUpdate.note != "")
        .order_by(col(ActionUpdate.recorded_on), col(ActionUpdate.id))
    ).all():
        found[update.action_id] = update.note
    return found


def record_action_update(
    session: Session,
    action_id: int,
    meeting_id: int | None,
    *,
    status: ActionStatus | None,
    note: str,
    by: str = "",
) -> Changes:
    """Add to an action's history; a status change and/or a progress note, reported at a meeting."""
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound("That action no longer exists.")
    if status is None and not note.strip():
        raise InvalidChange("Give the new status or a progress note (or both).")
    on = dt.date.today()
    if meeting_id is not None:
        meeting = ensure_editable(session, meeting_id)
        on = meeting.date
        if status is ActionStatus.CLOSED:
            action.closed_at_meeting_id = meeting_id
    session.add(
        ActionUpdate(
            action_id=action_id,
            meeting_id=meeting_id,
            recorded_on=on,
            status_from=action.status if status else None,
            status_to=status,
            note=note.strip(),
            author=by,
        )
    )
    if status is not None:
        action.status = status
        session.add(action)
    session.flush()
    return of(actions=action_id)


def previous_meeting(session: Session, meeting_id: int) -> Meeting | None:
    """The last meeting of the same board held before this one."""
    meeting = get_meeting(session, meeting_id)
    return session.exec(
        select(Meeting)
        .where(
            Meeting.board_id == meeting.board_id,
            col(Meeting.date) < meeting.date,
            col(Meeting.status).in_(HELD),
        )
        .order_by(col(Meeting.date).desc())
    ).first()


def approve_previous_minutes(session: Session, meeting_id: int, by: str = "") -> Changes:
    """One step: the previous meeting's draft minutes approved here, and the resolution minuted."""
    meeting = ensure_editable(session, meeting_id)
    previous = previous_meeting(session, meeting_id)
    if previous is None:
        raise InvalidChange("This board has no earlier meeting whose minutes could be approved.")
    changes = approve_minutes(session, previous.id or 0, meeting.id or 0, by=by)
    item = session.exec(
        select(AgendaItem).where(
            AgendaItem.meeting_id == meeting_id, AgendaItem.standing_kind == StandingKind.PREVIOUS_MINUTES
        )
    ).first()
    if item is not None:
        wording = f"The minutes of the meeting held on {long_date(previous.date)} were approved as an accurate record."
        existing = session.exec(select(Decision.text).where(Decision.agenda_item_id == item.id)).all()
        if wording not in existing:
            _, step = add_decision(session, item.id or 0, wording)
            changes = changes | step
    return changes
