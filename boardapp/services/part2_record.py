"""The raw record the Part II (exempt) rule reads: every item, minute, decision, paper, presenter and
action of some boards with its exemption flags, and the names and published texts that are public.

`exporting/exempt/part2.py` decides from these rows what is exempt and what is public (the rule of
docs/architecture.md section 6.1 stays there, next to the guard); this module only reads, in a
fixed handful of queries however many meetings the boards have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_
from sqlalchemy import select as wide_select
from sqlmodel import Session, col, select

from boardapp.core.models import (
    Action,
    ActionOwner,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Meeting,
    Membership,
    Minute,
    Paper,
    Person,
    PlanItem,
    Recommendation,
    Role,
)


@dataclass(frozen=True)
class Part2Item:
    id: int
    meeting_id: int
    position: int
    title: str
    is_exempt: bool
    exempt_paragraph: str
    exempt_reason: str
    show_title_when_exempt: bool


@dataclass(frozen=True)
class Part2Action:
    ref: str
    text: str
    is_exempt: bool  # the action's own stamp
    raised_item_id: int | None
    raised_meeting_id: int | None


@dataclass(frozen=True)
class Part2Record:
    meetings: dict[int, tuple[dt.date, int]]  # meeting id: (date, board id)
    items: tuple[Part2Item, ...]
    notes: tuple[tuple[int, str], ...]  # (item id, minute notes)
    decisions: tuple[tuple[int, str, bool], ...]  # (item id, text, stamped exempt)
    papers: tuple[tuple[int, str], ...]  # (item id, title)
    presenters: tuple[tuple[int, str], ...]  # (item id, person's or role's name)
    actions: tuple[Part2Action, ...]
    boards: tuple[tuple[str, str], ...]  # (name, short name)
    owner_roles: tuple[str, ...]  # roles owning actions that are not stamped exempt
    people: tuple[tuple[str, str], ...]  # (name, formal name) of members, attendees, owners of public actions
    published: tuple[str, ...]  # plan actions (text, description, outcomes) and recommendations


def part2_record(session: Session, board_ids: Iterable[int] | None = None) -> Part2Record:
    """Everything of the given boards (all boards when None) the Part II rule classifies."""
    boards = None if board_ids is None else sorted(set(board_ids))
    meeting_query = select(col(Meeting.id), col(Meeting.date), col(Meeting.board_id))
    if boards is not None:
        meeting_query = meeting_query.where(col(Meeting.board_id).in_(boards))
    meetings = {mid: (day, board) for mid, day, board in session.exec(meeting_query).all() if mid is not None}
    items = tuple(
        Part2Item(
            id=item.id or 0,
            meeting_id=item.meeting_id,
            position=item.position,
            title=item.title,
            is_exempt=bool(item.is_exempt),
            exempt_paragraph=item.exempt_paragraph,
            exempt_reason=item.exempt_reason,
            show_title_when_exempt=bool(item.show_title_when_exempt),
        )
        for item in session.exec(select(AgendaItem).where(col(AgendaItem.meeting_id).in_(list(meetings)))).all()
    )
    item_ids = [item.id for item in items]
    notes = tuple(
        (item_id, text)
        for item_id, text in session.exec(
            select(Minute.agenda_item_id, Minute.notes).where(col(Minute.agenda_item_id).in_(item_ids))
        ).all()
    )
    decisions = tuple(
        (item_id, text, bool(stamped))
        for item_id, text, stamped in session.exec(
            select(Decision.agenda_item_id, Decision.text, Decision.is_exempt).where(
                col(Decision.agenda_item_id).in_(item_ids)
            )
        ).all()
    )
    papers = tuple(
        (item_id, title)
        for item_id, title in session.exec(
            select(Paper.agenda_item_id, Paper.title).where(col(Paper.agenda_item_id).in_(item_ids))
        ).all()
    )
    presenters = tuple(
        (item_id, person or role or "")
        for item_id, person, role in session.exec(
            select(AgendaItemPresenter.agenda_item_id, Person.name, Role.name)
            .outerjoin(Person, col(Person.id) == AgendaItemPresenter.person_id)
            .outerjoin(Role, col(Role.id) == AgendaItemPresenter.role_id)
            .where(col(AgendaItemPresenter.agenda_item_id).in_(item_ids))
        ).all()
    )
    columns: tuple[Any, ...] = (
        Action.ref, Action.text, Action.is_exempt, Action.raised_item_id, Action.raised_meeting_id,
    )  # fmt: skip
    action_query = wide_select(*columns)  # five columns: past sqlmodel's typed overloads
    if boards is not None:
        action_query = action_query.where(col(Action.board_id).in_(boards))
    actions = tuple(
        Part2Action(ref=ref, text=text, is_exempt=bool(stamped), raised_item_id=item_id, raised_meeting_id=meeting_id)
        for ref, text, stamped, item_id, meeting_id in session.execute(action_query).all()
    )
    board_query = select(Board.name, Board.short_name)
    if boards is not None:
        board_query = board_query.where(col(Board.id).in_(boards))
    board_names = tuple((name, short) for name, short in session.exec(board_query).all())
    # People printed by public documents: members, those attending, owners of public actions.
    member_query = select(Membership.person_id)
    if boards is not None:
        member_query = member_query.where(col(Membership.board_id).in_(boards))
    people: set[int | None] = set(session.exec(member_query).all())
    people |= set(
        session.exec(select(Attendance.person_id).where(col(Attendance.meeting_id).in_(list(meetings)))).all()
    )
    owner_query = (
        select(ActionOwner.person_id, Role.name)
        .join(Action, col(Action.id) == ActionOwner.action_id)
        .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
        .where(col(Action.is_exempt).is_(False))
    )
    if boards is not None:
        owner_query = owner_query.where(col(Action.board_id).in_(boards))
    owner_roles = []
    for person_id, role in session.exec(owner_query).all():
        people.add(person_id)
        owner_roles.append(role or "")
    names = tuple(
        (someone.name, someone.formal_name)
        for someone in session.exec(select(Person).where(col(Person.id).in_([p for p in people if p]))).all()
    )
    plan_texts = session.exec(select(PlanItem.text, PlanItem.description, PlanItem.outcomes)).all()
    published = [text for texts in plan_texts for text in texts]
    published += list(session.exec(select(Recommendation.text)).all())
    return Part2Record(
        meetings=meetings,
        items=items,
        notes=notes,
        decisions=decisions,
        papers=papers,
        presenters=presenters,
        actions=actions,
        boards=board_names,
        owner_roles=tuple(owner_roles),
        people=names,
        published=tuple(published),
    )


def exempt_action_ids(session: Session, action_ids: Iterable[int]) -> set[int]:
    """Which of these actions are Part II: stamped, or (for safety) raised under an item that is exempt now."""
    ids = list(action_ids)
    found: set[int | None] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            session.exec(
                select(col(Action.id))
                .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
                .where(col(Action.id).in_(chunk))
                .where(or_(col(Action.is_exempt).is_(True), col(AgendaItem.is_exempt).is_(True)))
            ).all()
        )
    return {i for i in found if i is not None}
