"""A small board for the formal-record tests: five voting members, an officer, meetings with items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session

from boardapp.core.enums import AttendanceKind, MeetingStatus, MemberRole, MinuteNumbering
from boardapp.core.models import AgendaItem, Attendance, Board, Meeting
from boardapp.services import boards, memberships, people

MEMBERS = ("Ann Able", "Bob Baker", "Cat Cole", "Dan Dee", "Eve Ellis")


@dataclass
class RecordBoard:
    board_id: int
    people: dict[str, int] = field(default_factory=dict)  # first name → person id


def make_board(
    session: Session,
    *,
    quorum: int | None = 3,
    numbering: MinuteNumbering = MinuteNumbering.NONE,
    start: dt.date = dt.date(2016, 5, 1),
) -> RecordBoard:
    board_id, _ = boards.create_board(session, "Scrutiny Board", minute_numbering=numbering)
    board = session.get(Board, board_id)
    assert board is not None
    board.quorum = quorum
    session.add(board)
    built = RecordBoard(board_id)
    for index, name in enumerate(MEMBERS):
        person_id, _ = people.add_person(session, name, title="Cllr")
        role = MemberRole.CHAIR if index == 0 else MemberRole.MEMBER
        memberships.add_member(session, board_id, person_id, role, start)
        built.people[name.split()[0]] = person_id
    officer, _ = people.add_person(session, "Olive Officer")
    memberships.add_member(session, board_id, officer, MemberRole.OFFICER, start)
    built.people["Olive"] = officer
    return built


def make_meeting(
    session: Session,
    board_id: int,
    day: dt.date,
    titles: tuple[str, ...] = ("Apologies", "Declarations of interest", "Budget", "Libraries", "Any other business"),
    status: MeetingStatus = MeetingStatus.HELD,
) -> tuple[int, list[int]]:
    meeting = Meeting(board_id=board_id, date=day, status=status)
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    ids = []
    for position, title in enumerate(titles, start=1):
        item = AgendaItem(meeting_id=meeting.id, position=position, title=title)
        session.add(item)
        session.flush()
        assert item.id is not None
        ids.append(item.id)
    return meeting.id, ids


def attend(
    session: Session,
    meeting_id: int,
    person_id: int,
    kind: AttendanceKind = AttendanceKind.PRESENT,
    *,
    arrived_after: int | None = None,
    left_after: int | None = None,
    substitute_for: int | None = None,
) -> None:
    session.add(
        Attendance(
            meeting_id=meeting_id,
            person_id=person_id,
            kind=kind,
            arrived_after_item_id=arrived_after,
            left_after_item_id=left_after,
            substitute_for_id=substitute_for,
        )
    )
    session.flush()
