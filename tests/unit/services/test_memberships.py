"""Memberships with roles and dates: who was a member on a given day."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import MemberRole
from boardapp.services import boards, memberships, people
from boardapp.services.errors import InvalidChange
from boardapp.store.database import Store

D = dt.date


@pytest.fixture
def board_and_people(store: Store) -> tuple[int, list[int]]:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board")
        ids = [people.add_person(session, name)[0] for name in ("Ann Able", "Bob Baker", "Cat Cole")]
    return board_id, ids


def test_members_on_a_past_date_show_the_board_as_it_was(store: Store, board_and_people: tuple[int, list[int]]) -> None:
    board_id, (ann, bob, cat) = board_and_people
    with store.transaction() as session:
        first, _ = memberships.add_member(session, board_id, ann, MemberRole.CHAIR, D(2016, 5, 1), D(2017, 5, 15))
        memberships.add_member(session, board_id, ann, MemberRole.MEMBER, D(2017, 5, 16))
        memberships.add_member(session, board_id, bob, MemberRole.VICE_CHAIR, D(2017, 5, 16))
        memberships.add_member(session, board_id, cat, MemberRole.OFFICER)  # no dates: always
    with store.session() as session:
        then = memberships.members_on(session, board_id, D(2017, 1, 10))
        now = memberships.members_on(session, board_id, D(2017, 8, 1))
        last_day = memberships.members_on(session, board_id, D(2017, 5, 15))
        before = memberships.members_on(session, board_id, D(2015, 1, 1))
        everyone = memberships.board_members(session, board_id)
    assert [(r.name, r.role) for r in then] == [("Ann Able", MemberRole.CHAIR), ("Cat Cole", MemberRole.OFFICER)]
    assert [(r.name, r.role_label) for r in now] == [
        ("Bob Baker", "Vice-chair"),
        ("Ann Able", "Member"),
        ("Cat Cole", "Officer in attendance"),
    ]
    assert [r.name for r in last_day] == ["Ann Able", "Cat Cole"]
    assert [r.name for r in before] == ["Cat Cole"]
    assert len(everyone) == 4 and everyone[0].membership_id == first


def test_overlapping_memberships_and_reversed_dates_are_refused(
    store: Store, board_and_people: tuple[int, list[int]]
) -> None:
    board_id, (ann, _bob, _cat) = board_and_people
    with store.transaction() as session:
        membership, _ = memberships.add_member(session, board_id, ann, MemberRole.MEMBER, D(2017, 1, 1))
    with pytest.raises(InvalidChange, match="already a member of this board from 2017-01-01"), store.transaction() as s:
        memberships.add_member(s, board_id, ann, MemberRole.CHAIR, D(2017, 6, 1))
    with pytest.raises(InvalidChange, match="cannot end"), store.transaction() as s:
        memberships.add_member(s, board_id, ann, MemberRole.CHAIR, D(2018, 6, 1), D(2018, 1, 1))
    with store.transaction() as session:
        memberships.end_membership(session, membership, D(2017, 5, 31))
        memberships.add_member(session, board_id, ann, MemberRole.CHAIR, D(2017, 6, 1))
    with pytest.raises(InvalidChange, match="cannot end"), store.transaction() as s:
        memberships.end_membership(s, membership, D(2016, 12, 1))
    with store.session() as session:
        rows = memberships.board_members(session, board_id)
    assert [(r.role, r.start_date, r.end_date) for r in rows] == [
        (MemberRole.CHAIR, D(2017, 6, 1), None),
        (MemberRole.MEMBER, D(2017, 1, 1), D(2017, 5, 31)),
    ]


def test_correcting_a_role_and_removing_a_mistake(store: Store, board_and_people: tuple[int, list[int]]) -> None:
    board_id, (ann, bob, _cat) = board_and_people
    with store.transaction() as session:
        membership, changes = memberships.add_member(session, board_id, ann)
        other, _ = memberships.add_member(session, board_id, bob)
        assert changes.boards == frozenset({board_id})
        memberships.update_membership(session, membership, role=MemberRole.CO_OPTED)
        memberships.remove_membership(session, other)
    with store.session() as session:
        rows = memberships.board_members(session, board_id)
    assert [(r.name, r.role_label, r.start_date) for r in rows] == [("Ann Able", "Co-opted member", None)]


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("Chair", MemberRole.CHAIR),
        ("Vice-Chair", MemberRole.VICE_CHAIR),
        ("vice chairman", MemberRole.VICE_CHAIR),
        ("Co-opted", MemberRole.CO_OPTED),
        ("co_opted", MemberRole.CO_OPTED),
        ("Advisor", MemberRole.ADVISER),
        ("Officer in attendance", MemberRole.OFFICER),
        ("", MemberRole.MEMBER),
        ("Treasurer", None),
    ],
)
def test_roles_as_clerks_write_them(written: str, role: MemberRole | None) -> None:
    assert memberships.parse_role(written) == role
