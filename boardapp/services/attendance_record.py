"""The attendance record councils publish: for each member over a period, meetings expected,
attended, apologies and substitutes.

A member is expected at each meeting held while they were a (voting) member on its date,
however the board has changed since (services/memberships.members_on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MeetingStatus
from boardapp.core.models import Attendance, Board, Meeting, Person
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.memberships import members_on, surname_key
from boardapp.services.quorum import VOTING_ROLES

HELD_STATES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED)


@dataclass
class MemberAttendance:
    person_id: int
    name: str
    sort_name: str
    expected: int = 0
    attended: int = 0
    apologies: int = 0
    substitute_sent: int = 0  # meetings where someone substituted for this member
    attended_as_substitute: int = 0  # meetings this person attended in another member's place
    dates_missed: list[dt.date] = field(default_factory=list)

    @property
    def absent(self) -> int:
        """Expected but neither present nor sending apologies."""
        return self.expected - self.attended - self.apologies

    @property
    def percentage(self) -> int | None:
        return round(100 * self.attended / self.expected) if self.expected else None


@dataclass(frozen=True)
class AttendanceRecord:
    board_name: str
    start: dt.date
    end: dt.date
    meetings: int
    rows: list[MemberAttendance]


def attendance_record(session: Session, board_id: int, start: dt.date, end: dt.date) -> AttendanceRecord:
    board = session.get(Board, board_id)
    if board is None:
        raise NotFound("That board no longer exists.")
    if end < start:
        raise InvalidChange("The period ends before it starts.")
    meetings = session.exec(
        select(Meeting)
        .where(
            Meeting.board_id == board_id,
            col(Meeting.date) >= start,
            col(Meeting.date) <= end,
            col(Meeting.status).in_(HELD_STATES),
        )
        .order_by(col(Meeting.date))
    ).all()
    rows: dict[int, MemberAttendance] = {}

    def row(person_id: int) -> MemberAttendance:
        if person_id not in rows:
            person = session.get(Person, person_id)
            rows[person_id] = MemberAttendance(
                person_id, person.formal_name if person else "", person.name if person else ""
            )
        return rows[person_id]

    for meeting in meetings:
        records = {
            a.person_id: a for a in session.exec(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
        }
        substituted = {a.substitute_for_id for a in records.values() if a.substitute_for_id is not None}
        for member in members_on(session, board_id, meeting.date):
            if member.role not in VOTING_ROLES:
                continue
            line = row(member.person_id)
            line.expected += 1
            record = records.get(member.person_id)
            if record is not None and record.kind is AttendanceKind.PRESENT:
                line.attended += 1
                continue
            if record is not None and record.kind is AttendanceKind.APOLOGIES:
                line.apologies += 1
            line.dates_missed.append(meeting.date)
            if member.person_id in substituted:
                line.substitute_sent += 1
        for record in records.values():
            if record.substitute_for_id is not None and record.kind is AttendanceKind.PRESENT:
                row(record.person_id).attended_as_substitute += 1
    ordered = sorted(rows.values(), key=lambda r: surname_key(r.sort_name))
    return AttendanceRecord(board.name, start, end, len(meetings), ordered)
