"""Who is at a meeting: members present or sending apologies, officers and guests in attendance."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MemberRole
from boardapp.core.models import Attendance, Membership, Organisation, Person
from boardapp.core.rules.leads import PartyName
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange
from boardapp.services.lifecycle import ensure_editable, get_meeting
from boardapp.services.parties import PartyDirectory, organisation_id


@dataclass(frozen=True)
class AttendeeRow:
    person_id: int
    name: str  # formal name, as minutes print it
    organisation: str
    member_role: MemberRole | None  # None for someone who is not a member of the board
    kind: AttendanceKind | None  # None: not yet marked
    capacity: str
    substitute_for: str
    arrived_after_item_id: int | None
    left_after_item_id: int | None


def roster(session: Session, meeting_id: int) -> list[AttendeeRow]:
    """The board's members in the board's order, then everyone else recorded for this meeting, in minutes order.

    The order does not change as people are marked, so a clerk ticking down the list never loses their place.
    """
    meeting = get_meeting(session, meeting_id)
    organisations = {o.id: o.name for o in session.exec(select(Organisation)).all()}
    members = {
        m.person_id: m
        for m in session.exec(
            select(Membership).where(Membership.board_id == meeting.board_id).order_by(col(Membership.id))
        ).all()
        if m.end_date is None or m.end_date >= meeting.date
    }
    records = {
        a.person_id: a
        for a in session.exec(
            select(Attendance).where(Attendance.meeting_id == meeting_id).order_by(col(Attendance.position))
        ).all()
    }
    people_ids = list(members) + [pid for pid in records if pid not in members]
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(people_ids))).all()}
    substitutes = {a.substitute_for_id for a in records.values() if a.substitute_for_id}
    if substitutes - people.keys():
        people.update({p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(substitutes))).all()})
    rows = []
    for person_id in people_ids:
        person = people[person_id]
        record = records.get(person_id)
        member = members.get(person_id)
        org_id = (record.organisation_id if record else None) or person.organisation_id
        if org_id is None and member is not None:
            org_id = member.represents_id
        rows.append(
            AttendeeRow(
                person_id=person_id,
                name=person.formal_name,
                organisation=organisations.get(org_id, "") if org_id else "",
                member_role=member.role if member else None,
                kind=record.kind if record else None,
                capacity=record.capacity if record else "",
                substitute_for=people[record.substitute_for_id].formal_name
                if record and record.substitute_for_id
                else "",
                arrived_after_item_id=record.arrived_after_item_id if record else None,
                left_after_item_id=record.left_after_item_id if record else None,
            )
        )
    return rows


def _record(session: Session, meeting_id: int, person_id: int) -> Attendance | None:
    return session.exec(
        select(Attendance).where(Attendance.meeting_id == meeting_id, Attendance.person_id == person_id)
    ).first()


def set_attendance(session: Session, meeting_id: int, person_id: int, kind: AttendanceKind | None) -> Changes:
    """Mark someone present, apologies, absent or in attendance; None clears the mark."""
    ensure_editable(session, meeting_id)
    if session.get(Person, person_id) is None:
        raise InvalidChange("That person no longer exists.")
    record = _record(session, meeting_id, person_id)
    if kind is None:
        if record is not None:
            session.delete(record)
            session.flush()
        return of(attendance=meeting_id)
    if record is None:
        count = len(session.exec(select(Attendance.id).where(Attendance.meeting_id == meeting_id)).all())
        record = Attendance(meeting_id=meeting_id, person_id=person_id, kind=kind, position=count + 1)
    record.kind = kind
    session.add(record)
    session.flush()
    return of(attendance=meeting_id)


def add_in_attendance(
    session: Session, meeting_id: int, name: str, organisation: str = "", capacity: str = ""
) -> tuple[int, Changes]:
    """Record an officer or guest; a name nobody knows becomes a new person with that organisation."""
    ensure_editable(session, meeting_id)
    if not name.strip():
        raise InvalidChange("Type the name of the person in attendance.")
    directory = PartyDirectory(session)
    org_id = organisation_id(session, organisation)
    found = directory.find(name.strip())
    changes = of(attendance=meeting_id)
    if found is None or found.person_id is None:
        person_id = directory.resolve(PartyName(text=name.strip(), is_role=False), organisation_id=org_id).person_id
        changes = changes | Changes(people=True)
    else:
        person_id = found.person_id
    assert person_id is not None
    set_attendance(session, meeting_id, person_id, AttendanceKind.IN_ATTENDANCE)
    record = _record(session, meeting_id, person_id)
    assert record is not None
    record.capacity = capacity.strip()
    record.organisation_id = org_id
    session.add(record)
    session.flush()
    return person_id, changes


def set_substitute(session: Session, meeting_id: int, person_id: int, for_person_id: int | None) -> Changes:
    """`person_id` attends in place of a member (who is then recorded as sending apologies)."""
    ensure_editable(session, meeting_id)
    if for_person_id == person_id:
        raise InvalidChange("Someone cannot substitute for themselves.")
    record = _record(session, meeting_id, person_id)
    if record is None:
        set_attendance(session, meeting_id, person_id, AttendanceKind.PRESENT)
        record = _record(session, meeting_id, person_id)
    assert record is not None
    record.substitute_for_id = for_person_id
    session.add(record)
    if for_person_id is not None:
        absent = _record(session, meeting_id, for_person_id)
        if absent is None or absent.kind is AttendanceKind.PRESENT:
            set_attendance(session, meeting_id, for_person_id, AttendanceKind.APOLOGIES)
    session.flush()
    return of(attendance=meeting_id)


def note_arrival(session: Session, meeting_id: int, person_id: int, after_item_id: int | None) -> Changes:
    """Arrived during the meeting, after the given item (None: from the start)."""
    return _note_time(session, meeting_id, person_id, "arrived_after_item_id", after_item_id)


def note_departure(session: Session, meeting_id: int, person_id: int, after_item_id: int | None) -> Changes:
    return _note_time(session, meeting_id, person_id, "left_after_item_id", after_item_id)


def _note_time(session: Session, meeting_id: int, person_id: int, field: str, item_id: int | None) -> Changes:
    ensure_editable(session, meeting_id)
    record = _record(session, meeting_id, person_id)
    if record is None or record.kind not in (AttendanceKind.PRESENT, AttendanceKind.IN_ATTENDANCE):
        raise InvalidChange("Mark the person present first, then note when they arrived or left.")
    setattr(record, field, item_id)
    session.add(record)
    session.flush()
    return of(attendance=meeting_id)
