"""People and roles: add, edit, list, and merging two records of one person or role."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MemberRole
from boardapp.core.models import (
    ActionOwner,
    AgendaItemPresenter,
    Attendance,
    Meeting,
    Membership,
    Organisation,
    Person,
    PlanItemLead,
    Role,
)
from boardapp.services import boards, memberships, people
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import Store

LONG = "Chair of Lancashire Safeguarding Children's Board (LSCB)"
SHORT = "Chair of LSCB"


def _role_id(session: Session, name: str) -> int:
    role = session.exec(select(Role).where(Role.name == name)).one()
    return role.id or 0


def _person_id(session: Session, name: str) -> int:
    person = session.exec(select(Person).where(Person.name == name)).one()
    return person.id or 0


def _refs(session: Session, model: type, column: str, value: int) -> int:
    return len(session.exec(select(model).where(getattr(model, column) == value)).all())


def _foreign_key_problems(session: Session) -> list[object]:
    if session.get_bind().dialect.name != "sqlite":
        return []  # PostgreSQL checks every foreign key on every statement: a dangling reference raised already
    return list(session.execute(text("PRAGMA foreign_key_check")).all())


def test_add_and_edit_a_person_with_an_organisation(store: Store) -> None:
    with store.transaction() as session:
        person_id, changes = people.add_person(
            session, "Cllr Jane Smith", organisation="Lancashire County Council", email="jane@example.org"
        )
        assert changes.people
    with store.session() as session:
        row = people.person_details(session, person_id)
    assert (row.title, row.name, row.email) == ("Cllr", "Jane Smith", "jane@example.org")
    assert row.organisation == "Lancashire County Council"
    with store.transaction() as session:
        people.update_person(session, person_id, title="County Councillor", organisation="NHS", aliases=["CC Smith"])
    with store.session() as session:
        row = people.person_details(session, person_id)
        assert row.formal_name == "County Councillor Jane Smith"
        assert (row.organisation, row.aliases) == ("NHS", ("CC Smith",))
        assert sorted(session.exec(select(Organisation.name)).all()) == ["Lancashire County Council", "NHS"]
        assert people.find_person_id(session, "cc smith") == person_id


@pytest.mark.parametrize(
    ("name", "email", "message"),
    [("", "", "needs a name"), ("Jane Smith", "", "already a person"), ("Joe Bloggs", "not-an-email", "not an email")],
)
def test_person_mistakes_are_refused(store: Store, name: str, email: str, message: str) -> None:
    with store.transaction() as session:
        people.add_person(session, "Jane Smith")
    with pytest.raises(InvalidChange, match=message), store.transaction() as session:
        people.add_person(session, name, email=email)
    with store.session() as session:
        assert [p.name for p in people.list_people(session)] == ["Jane Smith"]


def test_list_people_names_their_boards(store: Store) -> None:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "MASH Board")
        ann, _ = people.add_person(session, "Ann Able", organisation="Police")
        people.add_person(session, "Bob Baker")
        memberships.add_member(session, board_id, ann, MemberRole.CHAIR)
    with store.session() as session:
        rows = people.list_people(session)
    assert [(r.name, r.organisation, r.boards) for r in rows] == [
        ("Ann Able", "Police", ("MASH Board",)),
        ("Bob Baker", "", ()),
    ]


def test_roles_add_rename_and_refuse_duplicates(store: Store) -> None:
    with store.transaction() as session:
        role_id, _ = people.add_role(session, "Heads of Service")
        people.rename_role(session, role_id, "Heads of Service (all)")
    with pytest.raises(InvalidChange, match="already a role"), store.transaction() as session:
        people.add_role(session, "heads of service (ALL)")
    with store.session() as session:
        assert [(r.name, r.uses) for r in people.list_roles(session)] == [("Heads of Service (all)", 0)]


def test_merging_the_demo_lscb_twins_moves_every_reference(demo_store: Store) -> None:
    with demo_store.session() as session:
        keep, merge = _role_id(session, LONG), _role_id(session, SHORT)
        moving = {m: _refs(session, m, "role_id", merge) for m in (ActionOwner, AgendaItemPresenter, PlanItemLead)}
        kept = {m: _refs(session, m, "role_id", keep) for m in (ActionOwner, AgendaItemPresenter, PlanItemLead)}
        summary = people.describe_merge(session, keep, merge, roles=True)
    assert sum(moving.values()) > 0
    assert f"“{SHORT}” will be merged into “{LONG}”" in summary.sentence()
    assert sum(n for _label, n in summary.moves) + summary.dropped == sum(moving.values())
    with demo_store.transaction() as session:
        changes = people.merge_roles(session, keep, merge)
    assert changes.people and changes.plans  # the plan page showing those leads refreshes
    with demo_store.session() as session:
        assert session.get(Role, merge) is None
        after = {m: _refs(session, m, "role_id", keep) for m in moving}
        assert all(_refs(session, m, "role_id", merge) == 0 for m in moving)
        assert sum(after.values()) == sum(kept.values()) + sum(moving.values()) - summary.dropped
        assert _foreign_key_problems(session) == []
        assert [r.name for r in people.list_roles(session) if "LSCB" in r.name] == [LONG]


def test_merging_two_people_keeps_one_row_per_meeting_and_every_reference(store: Store) -> None:
    """Both records attended the same meeting: the kept person's row stays; everything else moves."""
    day = dt.date(2017, 8, 1)
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board")
        keep, _ = people.add_person(session, "Geoff Driver", title="County Councillor")
        merge, _ = people.add_person(session, "G Driver", email="gd@example.org", aliases=["CC Driver"])
        other, _ = people.add_person(session, "Amanda Hatton")
        first = Meeting(board_id=board_id, date=day)
        second = Meeting(board_id=board_id, date=day + dt.timedelta(days=42))
        session.add_all([first, second])
        session.flush()
        session.add_all(
            [
                Attendance(meeting_id=first.id or 0, person_id=keep, kind=AttendanceKind.PRESENT),
                Attendance(meeting_id=first.id or 0, person_id=merge, kind=AttendanceKind.APOLOGIES),
                Attendance(meeting_id=second.id or 0, person_id=merge, kind=AttendanceKind.PRESENT),
                Attendance(
                    meeting_id=second.id or 0, person_id=other, kind=AttendanceKind.PRESENT, substitute_for_id=merge
                ),
            ]
        )
        memberships.add_member(session, board_id, merge, MemberRole.CHAIR, day)
    with store.session() as session:
        summary = people.describe_merge(session, keep, merge)
    assert summary.dropped == 1
    assert dict(summary.moves) == {"attendance records": 2, "board memberships": 1}
    with store.transaction() as session:
        changes = people.merge_people(session, keep, merge)
    assert changes.people and changes.boards == frozenset({board_id})
    assert changes.attendance == frozenset({first.id, second.id})
    with store.session() as session:
        assert session.get(Person, merge) is None
        kept = session.get(Person, keep)
        assert kept is not None
        assert kept.email == "gd@example.org" and kept.title == "County Councillor"
        assert {"G Driver", "CC Driver"} <= set(kept.aliases)
        rows = session.exec(select(Attendance).order_by(col(Attendance.meeting_id), col(Attendance.person_id))).all()
        assert [(a.meeting_id, a.person_id, a.kind, a.substitute_for_id) for a in rows] == [
            (first.id, keep, AttendanceKind.PRESENT, None),
            (second.id, keep, AttendanceKind.PRESENT, None),
            (second.id, other, AttendanceKind.PRESENT, keep),
        ]
        assert [m.person_id for m in session.exec(select(Membership)).all()] == [keep]
        assert _foreign_key_problems(session) == []
        assert people.find_person_id(session, "CC Driver") == keep


def test_merging_people_in_the_demo_moves_owners_presenters_and_leads(demo_store: Store) -> None:
    with demo_store.session() as session:
        keep, merge = _person_id(session, "Chris Coyle"), _person_id(session, "Amanda Hatton")
        before = {m: _refs(session, m, "person_id", merge) for m in (ActionOwner, AgendaItemPresenter, PlanItemLead)}
    assert all(before.values())
    with demo_store.transaction() as session:
        people.merge_people(session, keep, merge)
    with demo_store.session() as session:
        for model in before:
            assert _refs(session, model, "person_id", merge) == 0
        assert _foreign_key_problems(session) == []


def test_merge_refusals(store: Store) -> None:
    with store.transaction() as session:
        ann, _ = people.add_person(session, "Ann Able")
    with pytest.raises(InvalidChange, match="two different"), store.transaction() as session:
        people.merge_people(session, ann, ann)
    with pytest.raises(NotFound), store.transaction() as session:
        people.merge_people(session, ann, 999)
    with pytest.raises(NotFound), store.transaction() as session:
        people.merge_roles(session, 1, 2)
