"""The attendance record: expected from membership on each date, attended, apologies, substitutes."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import AttendanceKind, MeetingStatus, MemberRole
from boardapp.services import memberships, people
from boardapp.services.attendance_record import attendance_record
from boardapp.services.errors import InvalidChange
from boardapp.store.database import Store
from tests.unit.services.record_builders import attend, make_board, make_meeting

D = dt.date


def test_counts_follow_membership_dates_and_attendance(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        p = board.people
        sub, _ = people.add_person(session, "Sam Sub", title="Cllr")
        # Fay joins in August: expected only at the September meeting
        fay, _ = people.add_person(session, "Fay Ford", title="Cllr")
        memberships.add_member(session, board.board_id, fay, MemberRole.MEMBER, D(2017, 8, 1))
        june, _ = make_meeting(session, board.board_id, D(2017, 6, 6))
        sept, _ = make_meeting(session, board.board_id, D(2017, 9, 5))
        make_meeting(session, board.board_id, D(2017, 10, 3), status=MeetingStatus.CANCELLED)
        make_meeting(session, board.board_id, D(2017, 11, 7), status=MeetingStatus.SCHEDULED)
        make_meeting(session, board.board_id, D(2018, 6, 5))  # outside the period
        for name in ("Ann", "Bob", "Cat", "Dan"):
            attend(session, june, p[name])
        attend(session, june, p["Eve"], AttendanceKind.APOLOGIES)
        attend(session, june, p["Olive"], AttendanceKind.IN_ATTENDANCE)
        for name in ("Ann", "Bob"):
            attend(session, sept, p[name])
        attend(session, sept, p["Eve"], AttendanceKind.APOLOGIES)
        attend(session, sept, sub, substitute_for=p["Eve"])
        attend(session, sept, fay)
        # Cat and Dan: no record at all for September (absent)
    with store.session() as session:
        record = attendance_record(session, board.board_id, D(2017, 5, 1), D(2018, 4, 30))
    assert record.meetings == 2
    table = {r.name: (r.expected, r.attended, r.apologies, r.absent, r.substitute_sent) for r in record.rows}
    assert table == {
        "Cllr Ann Able": (2, 2, 0, 0, 0),
        "Cllr Bob Baker": (2, 2, 0, 0, 0),
        "Cllr Cat Cole": (2, 1, 0, 1, 0),
        "Cllr Dan Dee": (2, 1, 0, 1, 0),
        "Cllr Eve Ellis": (2, 0, 2, 0, 1),
        "Cllr Fay Ford": (1, 1, 0, 0, 0),
        "Cllr Sam Sub": (0, 0, 0, 0, 0),
    }
    sam = next(r for r in record.rows if r.name == "Cllr Sam Sub")
    assert sam.attended_as_substitute == 1 and sam.percentage is None
    eve = next(r for r in record.rows if r.name == "Cllr Eve Ellis")
    assert eve.percentage == 0 and eve.dates_missed == [D(2017, 6, 6), D(2017, 9, 5)]
    assert [r.name for r in record.rows][:3] == ["Cllr Ann Able", "Cllr Bob Baker", "Cllr Cat Cole"]  # by surname


def test_an_empty_board_and_a_reversed_period(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
    with store.session() as session:
        record = attendance_record(session, board.board_id, D(2017, 5, 1), D(2018, 4, 30))
        assert (record.meetings, record.rows) == (0, [])
        with pytest.raises(InvalidChange, match="ends before it starts"):
            attendance_record(session, board.board_id, D(2018, 5, 1), D(2017, 4, 30))
