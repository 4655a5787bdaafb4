"""Is the meeting quorate at each item? From attendance, arrivals and departures, and interests.

A member counts at an item when marked present (or present as a substitute for a member), in the
room by then (arrived after an earlier item, not yet gone after an earlier one), and not out of
the room for that item because of a declared interest. Officers and guests never count.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MemberRole
from boardapp.core.models import AgendaItem, Attendance, Board, Person
from boardapp.core.models.record import Declaration
from boardapp.services.declarations import LEFT_THE_ROOM
from boardapp.services.lifecycle import get_meeting
from boardapp.services.memberships import members_on

VOTING_ROLES = frozenset({MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER, MemberRole.CO_OPTED})


@dataclass(frozen=True)
class QuorumState:
    item_id: int
    position: int
    title: str
    present: int  # members in the room for this item
    needed: int | None  # None: the board has no quorum set

    @property
    def quorate(self) -> bool:
        return self.needed is None or self.present >= self.needed

    @property
    def text(self) -> str:
        if self.needed is None:
            return f"{self.present} members present (no quorum set)"
        word = "quorate" if self.quorate else "inquorate"
        return f"{word}: {self.present} of {self.needed} needed"


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
        ).all()
    )


def members_in_room(session: Session, meeting_id: int) -> dict[int, set[int]]:
    """For each agenda item id: the person ids of members (or their substitutes) in the room for it."""
    meeting = get_meeting(session, meeting_id)
    items = _items(session, meeting_id)
    position = {item.id: item.position for item in items}
    members = {row.person_id for row in members_on(session, meeting.board_id, meeting.date) if row.role in VOTING_ROLES}
    present = session.exec(
        select(Attendance).where(Attendance.meeting_id == meeting_id, Attendance.kind == AttendanceKind.PRESENT)
    ).all()
    counted = [a for a in present if a.person_id in members or a.substitute_for_id in members]
    away: dict[int, set[int]] = {}
    for d in session.exec(select(Declaration).where(Declaration.meeting_id == meeting_id)).all():
        if d.agenda_item_id is not None and d.action in LEFT_THE_ROOM:
            away.setdefault(d.agenda_item_id, set()).add(d.person_id)
    result: dict[int, set[int]] = {}
    for item in items:
        assert item.id is not None
        here = set()
        for a in counted:
            arrived = a.arrived_after_item_id
            left = a.left_after_item_id
            if arrived is not None and arrived in position and position[arrived] >= item.position:
                continue  # not here yet: arrived after this item or a later one
            if left is not None and left in position and position[left] < item.position:
                continue  # already gone
            if a.person_id in away.get(item.id, set()):
                continue
            here.add(a.person_id)
        result[item.id] = here
    return result


def quorum_by_item(session: Session, meeting_id: int) -> list[QuorumState]:
    meeting = get_meeting(session, meeting_id)
    board = session.get(Board, meeting.board_id)
    needed = board.quorum if board is not None else None
    in_room = members_in_room(session, meeting_id)
    return [
        QuorumState(
            item_id=item.id, position=item.position, title=item.title, present=len(in_room[item.id]), needed=needed
        )
        for item in _items(session, meeting_id)
        if item.id is not None
    ]


def first_inquorate(states: list[QuorumState]) -> QuorumState | None:
    return next((state for state in states if not state.quorate), None)


def quorum_summary(states: list[QuorumState]) -> str:
    """One line for a meeting: the first inquorate item, or the count at the first item."""
    if not states:
        return "no agenda items"
    bad = first_inquorate(states)
    if bad is not None:
        return f"inquorate at item {bad.position} ({bad.title}): {bad.present} of {bad.needed} needed"
    return states[0].text


def movement_notes(session: Session, meeting_id: int) -> dict[int, list[str]]:
    """What the minutes record after each item: who arrived or left the meeting then (everyone, not only members).

    Keyed by the id of the item after which it happened ("Cllr Cat Cole arrived." follows the item
    before the first one they were present for). Leaving for one item because of an interest is
    said by the declaration itself (services/declarations.DeclarationRow.sentence).
    """
    notes: dict[int, list[str]] = {}
    positions = {item.id: item.position for item in _items(session, meeting_id)}
    rows = session.exec(
        select(Attendance, Person)
        .join(Person, col(Person.id) == Attendance.person_id)
        .where(Attendance.meeting_id == meeting_id, Attendance.kind != AttendanceKind.APOLOGIES)
        .order_by(col(Attendance.position), col(Person.name))
    ).all()
    for attendance, person in rows:
        arrived, left = attendance.arrived_after_item_id, attendance.left_after_item_id
        if arrived is not None and arrived in positions:
            notes.setdefault(arrived, []).append(f"{person.formal_name} arrived.")
        if left is not None and left in positions:
            notes.setdefault(left, []).append(f"{person.formal_name} left the meeting.")
    return notes
