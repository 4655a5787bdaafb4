"""Who sits on a board, in what role, from when to when.

Memberships are dated so that a past meeting shows who was a member on its date
(`members_on`), however the board has changed since. A person has at most one membership of a
board at any one time: a change of role is the end of one membership and the start of another,
or an edit of the role when the clerk simply got it wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from boardapp.core.enums import MemberRole
from boardapp.core.models import Board, Membership, Organisation, Person
from boardapp.core.rules.member_roles import ROLE_LABELS, parse_role, role_choices
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound

__all__ = [
    "ROLE_LABELS",
    "MemberRow",
    "add_member",
    "board_members",
    "end_membership",
    "is_current",
    "join_board",
    "members_on",
    "parse_role",
    "remove_membership",
    "role_choices",
    "role_label",
    "surname_key",
    "update_membership",
]

_ROLE_ORDER = {role: position for position, role in enumerate(ROLE_LABELS)}
_KEEP = object()  # "leave this field as it is" in update_membership


def surname_key(name: str) -> tuple[str, str]:
    """Member lists run alphabetically by surname, as councils print them ("Aylott, Booth, Cox")."""
    words = name.casefold().split()
    return (words[-1] if words else "", name.casefold())


def role_label(role: MemberRole) -> str:
    return ROLE_LABELS[MemberRole(role)]


@dataclass(frozen=True)
class MemberRow:
    """One membership with the person it is for: a line of a board's member list."""

    membership_id: int
    board_id: int
    person_id: int
    name: str
    title: str
    organisation: str
    email: str
    role: MemberRole
    start_date: dt.date | None
    end_date: dt.date | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def formal_name(self) -> str:
        return f"{self.title} {self.name}".strip()


def is_current(membership: Membership, on: dt.date) -> bool:
    """A member on `on`: started on or before it (or no start recorded) and not ended before it."""
    started = membership.start_date is None or membership.start_date <= on
    not_ended = membership.end_date is None or membership.end_date >= on
    return started and not_ended


def _overlaps(a_start: dt.date | None, a_end: dt.date | None, b_start: dt.date | None, b_end: dt.date | None) -> bool:
    low, high = dt.date.min, dt.date.max
    return (a_start or low) <= (b_end or high) and (b_start or low) <= (a_end or high)


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise InvalidChange(f"A membership cannot end ({end.isoformat()}) before it starts ({start.isoformat()}).")


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "with no dates"
    if end is None:
        return f"from {start.isoformat()}" if start else "with no start date"
    return f"from {start.isoformat() if start else 'the start'} to {end.isoformat()}"


def _check_overlap(
    session: Session, board_id: int, person_id: int, start: dt.date | None, end: dt.date | None, skip: int | None
) -> None:
    query = select(Membership).where(Membership.board_id == board_id, Membership.person_id == person_id)
    for other in session.exec(query).all():
        if other.id != skip and _overlaps(start, end, other.start_date, other.end_date):
            person = session.get(Person, person_id)
            name = person.name if person is not None else "This person"
            role = role_label(other.role).lower()
            raise InvalidChange(
                f"{name} is already a {role} of this board {_span(other.start_date, other.end_date)}. "
                f"End that membership first (a new role starts the day after), or edit it."
            )


def _require(session: Session, board_id: int, person_id: int) -> None:
    if session.get(Board, board_id) is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    if session.get(Person, person_id) is None:
        raise NotFound(f"There is no person with id {person_id}; they may have been merged or deleted.")


def add_member(
    session: Session,
    board_id: int,
    person_id: int,
    role: MemberRole = MemberRole.MEMBER,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> tuple[int, Changes]:
    """Make a person a member of a board in a role, from/to the dates given (None: not recorded)."""
    _require(session, board_id, person_id)
    _check_dates(start_date, end_date)
    _check_overlap(session, board_id, person_id, start_date, end_date, None)
    membership = Membership(
        board_id=board_id, person_id=person_id, role=MemberRole(role), start_date=start_date, end_date=end_date
    )
    session.add(membership)
    session.flush()
    return membership.id or 0, Changes(boards=frozenset({board_id}))


def _membership(session: Session, membership_id: int) -> Membership:
    found = session.get(Membership, membership_id)
    if found is None:
        raise NotFound(f"There is no membership with id {membership_id}; it may have been removed.")
    return found


def update_membership(
    session: Session,
    membership_id: int,
    *,
    role: MemberRole | object = _KEEP,
    start_date: dt.date | object | None = _KEEP,
    end_date: dt.date | object | None = _KEEP,
) -> Changes:
    """Correct a membership's role or dates; fields not given stay as they are."""
    membership = _membership(session, membership_id)
    new_role = membership.role if role is _KEEP else MemberRole(role)  # type: ignore[arg-type]
    start = membership.start_date if start_date is _KEEP else start_date
    end = membership.end_date if end_date is _KEEP else end_date
    assert start is None or isinstance(start, dt.date)
    assert end is None or isinstance(end, dt.date)
    _check_dates(start, end)
    _check_overlap(session, membership.board_id, membership.person_id, start, end, membership_id)
    membership.role, membership.start_date, membership.end_date = new_role, start, end
    session.add(membership)
    session.flush()
    return Changes(boards=frozenset({membership.board_id}))


def end_membership(session: Session, membership_id: int, end_date: dt.date) -> Changes:
    """The person stops being a member after `end_date` (they were still a member on that day)."""
    membership = _membership(session, membership_id)
    if membership.end_date is not None and membership.end_date < end_date:
        raise InvalidChange(f"This membership already ended on {membership.end_date.isoformat()}.")
    return update_membership(session, membership_id, end_date=end_date)


def remove_membership(session: Session, membership_id: int) -> Changes:
    """Delete a membership entered by mistake (an ended one should be ended, not removed)."""
    membership = _membership(session, membership_id)
    board_id = membership.board_id
    session.delete(membership)
    session.flush()
    return Changes(boards=frozenset({board_id}))


def _rows(session: Session, memberships: list[Membership]) -> list[MemberRow]:
    people = {p.id: p for p in session.exec(select(Person)).all()}
    organisations = {o.id: o.name for o in session.exec(select(Organisation)).all()}
    rows = []
    for m in memberships:
        person = people.get(m.person_id)
        if person is None:
            continue
        rows.append(
            MemberRow(
                membership_id=m.id or 0,
                board_id=m.board_id,
                person_id=m.person_id,
                name=person.name,
                title=person.title,
                organisation=organisations.get(person.organisation_id, ""),
                email=person.email,
                role=MemberRole(m.role),
                start_date=m.start_date,
                end_date=m.end_date,
            )
        )
    rows.sort(key=lambda r: (_ROLE_ORDER[r.role], surname_key(r.name), r.start_date or dt.date.min))
    return rows


def board_members(session: Session, board_id: int) -> list[MemberRow]:
    """Every membership of the board, past and present: chair first, then by role and name."""
    if session.get(Board, board_id) is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    memberships = list(session.exec(select(Membership).where(Membership.board_id == board_id)).all())
    return _rows(session, memberships)


def members_on(session: Session, board_id: int, on: dt.date) -> list[MemberRow]:
    """Who was a member of the board on `on` (a past meeting's date shows the board as it was then)."""
    return [row for row in board_members(session, board_id) if _on(row, on)]


def _on(row: MemberRow, on: dt.date) -> bool:
    return (row.start_date is None or row.start_date <= on) and (row.end_date is None or row.end_date >= on)


def join_board(
    session: Session,
    board_id: int,
    name: str,
    role: MemberRole = MemberRole.MEMBER,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    *,
    organisation: str = "",
    email: str = "",
    title: str = "",
) -> tuple[int, Changes]:
    """Add a member by name: a known person (matched as minutes are) or a new one created here."""
    from boardapp.services.parties import PartyDirectory
    from boardapp.services.people import add_person

    if not " ".join(name.split()):
        raise InvalidChange("Type the member's name.")
    if session.get(Board, board_id) is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    found = PartyDirectory(session).find(name)
    person_id = found.person_id if found is not None else None
    changes = Changes()
    if person_id is None:
        person_id, changes = add_person(session, name, organisation=organisation, email=email, title=title)
    membership_id, added = add_member(session, board_id, person_id, role, start_date, end_date)
    return membership_id, changes | added
