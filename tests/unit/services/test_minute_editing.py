"""Services the meeting workspace added: one item's minute, correcting actions, candidates for autocomplete."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, DueKind, MeetingStatus
from boardapp.core.models import Action, AgendaItem, Meeting, Person, Role
from boardapp.core.rules.matching import suggest_parties
from boardapp.services import attendance, lifecycle, matters_arising, minuting, parties
from boardapp.services.errors import InvalidChange, MinutesLocked
from boardapp.services.minuting import DueChoice
from boardapp.store.database import Store


def _meeting(session: Session, iso: str) -> Meeting:
    return session.exec(select(Meeting).where(col(Meeting.date) == dt.date.fromisoformat(iso))).one()


def _item(session: Session, meeting: Meeting, position: int) -> AgendaItem:
    return session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.position == position)
    ).one()


def test_minute_of_lists_decisions_with_ids_and_actions_with_due_points(demo_store: Store) -> None:
    with demo_store.session() as session:
        august = _meeting(session, "2017-08-01")
        minute = minuting.minute_of(session, _item(session, august, 5).id or 0)
        previous = minuting.minute_of(session, _item(session, august, 2).id or 0)
    assert [d.text for d in previous.decisions] == [
        "The minutes of the meeting held on 6 June 2017 were approved as an accurate record."
    ]
    assert all(d.id > 0 for d in previous.decisions) and not minute.decisions
    assert [a.text[:9] for a in minute.actions] == ["Report to", "Heat maps"]
    heat_maps = next(a for a in minute.actions if a.text.startswith("Heat maps"))
    assert heat_maps.owner_names == ("Louise Storey",)
    assert heat_maps.due_kind is DueKind.MEETING and heat_maps.due_label == "12 September 2017 meeting"
    assert heat_maps.due_meeting_id is not None


def test_an_action_is_corrected_owners_text_and_due(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        august, october = _meeting(session, "2017-08-01"), _meeting(session, "2017-10-10")
        item_id = _item(session, august, 5).id or 0
        draft = minuting.draft_action(session, item_id, "Heat maps report for the September meeting - Louise Storey")
        action_id, _ = minuting.create_action(session, item_id, draft)
        changes = minuting.update_action(
            session,
            action_id,
            text="Heat maps report on recruitment",
            owners="CC Driver/Heads of Service/Priya Natarajan",
            due=DueChoice(DueKind.MEETING, meeting_id=october.id),
        )
        assert changes.people and changes.actions == {action_id} and changes.minutes == {item_id}
    with demo_store.session() as session:
        line = next(a for a in minuting.minute_of(session, item_id).actions if a.id == action_id)
        assert line.text == "Heat maps report on recruitment"
        assert line.owner_names == ("Geoff Driver", "Heads of Service", "Priya Natarajan")
        assert line.due_label == "10 October 2017 meeting" and line.due_text == ""
        assert session.exec(select(Person).where(Person.name == "Priya Natarajan")).one()
        assert session.exec(select(Role).where(Role.name == "Heads of Service")).one()  # known, not duplicated


def test_an_unchanged_due_point_keeps_the_minuted_phrase(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        august = _meeting(session, "2017-08-01")
        item_id = _item(session, august, 5).id or 0
        draft = minuting.draft_action(session, item_id, "Report for the September meeting - Louise Storey")
        action_id, _ = minuting.create_action(session, item_id, draft)
        minuting.update_action(session, action_id, due=DueChoice(DueKind.MEETING, meeting_id=draft.due_meeting_id))
        assert session.get(Action, action_id).due_text == "for the September meeting"  # type: ignore[union-attr]
        minuting.update_action(session, action_id, due=DueChoice(DueKind.DATE, date=dt.date(2017, 11, 30)))
        action = session.get(Action, action_id)
        assert action is not None and action.due_kind is DueKind.DATE and action.due_meeting_id is None
        minuting.update_action(session, action_id, due=DueChoice(DueKind.FUTURE_MEETING))
        assert action.due_date is None and action.due_text == "at a future meeting"


def test_action_corrections_are_refused_when_wrong_or_locked(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        august, september = _meeting(session, "2017-08-01"), _meeting(session, "2017-09-12")
        action_id = minuting.minute_of(session, _item(session, august, 5).id or 0).actions[0].id
        with pytest.raises(InvalidChange):
            minuting.update_action(session, action_id, text="  ")
        with pytest.raises(InvalidChange):
            minuting.update_action(session, action_id, owners=" / ")
        with pytest.raises(InvalidChange):
            minuting.update_action(session, action_id, due=DueChoice(DueKind.MEETING, meeting_id=None))
        with pytest.raises(InvalidChange):
            minuting.update_action(session, action_id, due=DueChoice(DueKind.DATE))
        lifecycle.approve_minutes(session, august.id or 0, september.id or 0)
        with pytest.raises(MinutesLocked):
            minuting.update_action(session, action_id, text="changed")


def test_draft_owners_marks_new_people_and_roles(demo_store: Store) -> None:
    with demo_store.session() as session:
        owners = minuting.draft_owners(session, "Louise Storey/Heads of Service/Priya Natarajan/Practice Leads")
    assert [(o.name, o.is_new, o.is_role) for o in owners] == [
        ("Louise Storey", False, False),
        ("Heads of Service", False, True),
        ("Priya Natarajan", True, False),
        ("Practice Leads", True, True),
    ]


def test_candidates_feed_autocomplete(demo_store: Store) -> None:
    with demo_store.session() as session:
        candidates = parties.party_candidates(session)
        organisations = parties.organisation_names(session)
    assert {"Louise Storey", "Louise Taylor"} <= {c.name for c in suggest_parties("Lou", candidates)}
    assert suggest_parties("Dri", candidates)[0].name == "Geoff Driver"
    assert suggest_parties("Heads", candidates)[0].name == "Heads of Service"
    assert all(c.is_role for c in suggest_parties("Heads", candidates))
    assert any(c.is_role for c in candidates)
    assert "Lancashire County Council" in organisations
    assert organisations == sorted(organisations, key=str.casefold)


def test_matters_arising_names_owners_and_due_points(demo_store: Store) -> None:
    # October's meeting: September's is held in the demo's formal record (issue 17); the next one is October's.
    with demo_store.session() as session:
        october = _meeting(session, "2017-10-10")
        assert october.status is MeetingStatus.SCHEDULED
        arising = {a.text[:9]: a for a in matters_arising.matters_arising(session, october.id or 0)}
    assert arising["Heat maps"].owners == "Louise Storey"
    assert arising["Heat maps"].due_label == "12 September 2017 meeting"  # still open after September's meeting
    assert arising["To show t"].owners == "Natasha Wright/Board Members"
    assert arising["To show t"].due_label == "10 October 2017 meeting"


def test_the_roster_keeps_its_order_as_people_are_marked(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        before = [r.person_id for r in attendance.roster(session, october.id or 0)]
        attendance.set_attendance(session, october.id or 0, before[5], AttendanceKind.APOLOGIES)
        attendance.set_attendance(session, october.id or 0, before[2], AttendanceKind.PRESENT)
        guest, _ = attendance.add_in_attendance(session, october.id or 0, "Dr Ana Ruiz", "Ofsted", "HMI")
        after = [r.person_id for r in attendance.roster(session, october.id or 0)]
    assert after == [*before, guest]
    with demo_store.session() as session:
        rows = attendance.roster(session, _meeting(session, "2017-10-10").id or 0)
    assert rows[0].name == "Tony Crane"  # the chair, first as the board lists its members
