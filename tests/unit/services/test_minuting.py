"""Live minuting through services: notes, decisions, actions typed as lines, agenda, attendance, lifecycle."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, AttendanceKind, DueKind, MeetingStatus, StandingKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionUpdate,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingStatusChange,
    Person,
    Role,
)
from boardapp.services import agenda, attendance, lifecycle, matters_arising, minuting
from boardapp.services.errors import InvalidChange, MinutesLocked
from boardapp.store.database import Store


def _meeting(session: Session, iso: str) -> Meeting:
    return session.exec(select(Meeting).where(col(Meeting.date) == dt.date.fromisoformat(iso))).one()


def _item(session: Session, meeting: Meeting, position: int) -> AgendaItem:
    return session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.position == position)
    ).one()


# -- notes and decisions -----------------------------------------------------------------------


def test_notes_are_saved_and_report_what_changed(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _item(session, _meeting(session, "2017-08-01"), 4)
        changes = minuting.save_notes(session, item.id or 0, "- Caseloads in general feel manageable.\n")
        assert changes.minutes == {item.id}
        assert not minuting.save_notes(session, item.id or 0, "- Caseloads in general feel manageable.\n")
    with demo_store.session() as session:
        assert minuting.notes_of(session, item.id or 0) == "- Caseloads in general feel manageable.\n"


def test_any_unicode_is_kept_exactly(demo_store: Store) -> None:
    text = "Résumé – “quoted” ‘single’ • bullet & <b>bold</b> 😀 مرحبا שלום \u200b\n\n" + "x" * 20000
    with demo_store.transaction() as session:
        item = _item(session, _meeting(session, "2017-08-01"), 1)
        minuting.save_notes(session, item.id or 0, text)
    with demo_store.session() as session:
        assert minuting.notes_of(session, item.id or 0) == text


def test_decisions_are_added_in_order_and_blank_ones_refused(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _item(session, _meeting(session, "2017-08-01"), 5)
        first, _ = minuting.add_decision(session, item.id or 0, "That the update be noted.")
        second, _ = minuting.add_decision(session, item.id or 0, "That a further report come in October.")
        with pytest.raises(InvalidChange):
            minuting.add_decision(session, item.id or 0, "   ")
        minuting.update_decision(session, first, "That the DCS update be noted.")
        texts = session.exec(
            select(Decision.text).where(Decision.agenda_item_id == item.id).order_by(col(Decision.position))
        ).all()
        assert texts == ["That the DCS update be noted.", "That a further report come in October."]
        minuting.delete_decision(session, second)
        assert session.get(Decision, second) is None


# -- actions typed as the seeds write them ------------------------------------------------------


def test_an_action_line_becomes_a_draft_with_known_owner_and_due_meeting(demo_store: Store) -> None:
    with demo_store.session() as session:
        august = _meeting(session, "2017-08-01")
        item = _item(session, august, 5)
        draft = minuting.draft_action(
            session,
            item.id or 0,
            "Heat maps report on recruitment and retention for the September meeting - Louise Storey",
        )
        louise = session.exec(select(Person).where(Person.name == "Louise Storey")).one()
        september = _meeting(session, "2017-09-12")
        assert draft.text == "Heat maps report on recruitment and retention for the September meeting"
        assert [(o.name, o.person_id, o.is_new) for o in draft.owners] == [("Louise Storey", louise.id, False)]
        assert draft.due_kind is DueKind.MEETING
        assert draft.due_meeting_id == september.id
        assert draft.due_label == "12 September 2017 meeting"


def test_aliases_roles_and_unknown_owners(demo_store: Store) -> None:
    with demo_store.session() as session:
        item = _item(session, _meeting(session, "2017-08-01"), 3)
        draft = minuting.draft_action(
            session, item.id or 0, "To present the video to all Members - CC Charles/CC Driver."
        )
        assert [o.name for o in draft.owners] == ["Susie Charles", "Geoff Driver"]
        draft = minuting.draft_action(session, item.id or 0, "To report back at a future meeting – Priya Natarajan")
        assert draft.due_kind is DueKind.FUTURE_MEETING
        assert [(o.name, o.is_new) for o in draft.owners] == [("Priya Natarajan", True)]


def test_creating_an_action_stores_owners_and_creates_new_people(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _item(session, _meeting(session, "2017-08-01"), 6)
        draft = minuting.draft_action(
            session,
            item.id or 0,
            "Police to report on Neighbourhood Action Centres at the October meeting – Priya Natarajan/Board Members",
        )
        action_id, changes = minuting.create_action(session, item.id or 0, draft)
        assert changes.people and changes.actions == {action_id}
    with demo_store.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        assert action.ref == "IB-20170801-13"  # the demo minutes already hold 12 actions
        assert action.due_meeting_id == _meeting(session, "2017-10-10").id
        owners = session.exec(select(ActionOwner).where(ActionOwner.action_id == action_id)).all()
        assert session.get(Person, owners[0].person_id).name == "Priya Natarajan"  # type: ignore[union-attr]
        assert session.get(Role, owners[1].role_id).name == "Board Members"  # type: ignore[union-attr]


def test_a_line_with_no_text_is_refused(demo_store: Store) -> None:
    with demo_store.session() as session:
        item = _item(session, _meeting(session, "2017-08-01"), 6)
        with pytest.raises(InvalidChange):
            minuting.draft_action(session, item.id or 0, "   ")


# -- agenda ------------------------------------------------------------------------------------


def test_agenda_items_are_added_before_aob_moved_and_renumbered(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        agenda.add_standing_items(session, october.id or 0)
        kinds = [i.standing_kind for i in _items(session, october)]
        assert kinds == [
            StandingKind.WELCOME,
            StandingKind.PREVIOUS_MINUTES,
            StandingKind.ANY_OTHER_BUSINESS,
            StandingKind.NEXT_MEETING,
        ]
        plan_id, _ = agenda.add_item(session, october.id or 0, "Sufficiency Strategy", minutes_allowed=30)
        aob = _items(session, october)[3]
        assert [i.title for i in _items(session, october)][2] == "Sufficiency Strategy"
        agenda.move_item(session, plan_id, 1)
        assert [i.position for i in _items(session, october)] == [1, 2, 3, 4, 5]
        assert _items(session, october)[0].id == plan_id
        agenda.delete_item(session, aob.id or 0)
        assert [i.position for i in _items(session, october)] == [1, 2, 3, 4]
        assert agenda.add_standing_items(session, october.id or 0)  # puts AOB back


def _items(session: Session, meeting: Meeting) -> list[AgendaItem]:
    return list(
        session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(col(AgendaItem.position)))
    )


def test_timings_add_up_from_the_start_time(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        first, _ = agenda.add_item(session, october.id or 0, "Welcome", minutes_allowed=5)
        agenda.add_item(session, october.id or 0, "Peer review", minutes_allowed=40)
        agenda.add_item(session, october.id or 0, "Any other business")
        timing = agenda.agenda_timing(session, october.id or 0)
        assert [t.starts for t in timing.items] == [dt.time(14, 30), dt.time(14, 35), dt.time(15, 15)]
        assert timing.total_minutes == 45 and timing.predicted_finish == dt.time(15, 15)
        with pytest.raises(InvalidChange):
            agenda.update_item(session, first, minutes_allowed=-5)
        with pytest.raises(InvalidChange):
            agenda.update_item(session, first, colour="red")


def test_exempt_flag_and_presenters(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        item_id, _ = agenda.add_item(session, october.id or 0, "Staffing in the North")
        agenda.update_item(
            session, item_id, is_exempt=True, exempt_paragraph="1", exempt_reason="Information about individuals"
        )
        agenda.set_presenters(session, item_id, "Chris Coyle and Louise Storey")
        agenda.add_paper(session, item_id, "Appendix A – staffing figures", "papers/appendix-a.pdf")
        item = session.get(AgendaItem, item_id)
        assert item is not None and item.is_exempt and item.exempt_paragraph == "1"


# -- attendance --------------------------------------------------------------------------------


def test_roster_lists_members_with_organisations_and_marks(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        rows = attendance.roster(session, october.id or 0)
        assert len(rows) == 16 and all(r.kind is None for r in rows)
        jane = next(r for r in rows if r.name == "Jane Booth")
        assert jane.organisation == "Lancashire Safeguarding Children's Board"
        attendance.set_attendance(session, october.id or 0, jane.person_id, AttendanceKind.APOLOGIES)
        person_id, changes = attendance.add_in_attendance(
            session, october.id or 0, "Sally Allen", "Lancashire County Council", "Head of Service, Audit"
        )
        assert not changes.people  # Sally Allen is already known
        guest_id, changes = attendance.add_in_attendance(session, october.id or 0, "Dr Ana Ruiz", "Ofsted", "HMI")
        assert changes.people
        rows = {r.person_id: r for r in attendance.roster(session, october.id or 0)}
        assert rows[jane.person_id].kind is AttendanceKind.APOLOGIES
        assert rows[person_id].capacity == "Head of Service, Audit"
        assert rows[guest_id].organisation == "Ofsted" and rows[guest_id].name == "Dr Ana Ruiz"


def test_substitutes_and_arrivals(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        rows = {r.name: r.person_id for r in attendance.roster(session, october.id or 0)}
        sub_id, _ = attendance.add_in_attendance(session, october.id or 0, "Mark Green", "Secondary Schools")
        attendance.set_substitute(session, october.id or 0, sub_id, rows["Stephen Cox"])
        roster = {r.person_id: r for r in attendance.roster(session, october.id or 0)}
        assert roster[sub_id].substitute_for == "Stephen Cox"
        assert roster[rows["Stephen Cox"]].kind is AttendanceKind.APOLOGIES
        item_id, _ = agenda.add_item(session, october.id or 0, "Welcome")
        with pytest.raises(InvalidChange):
            attendance.note_arrival(session, october.id or 0, rows["Jane Booth"], item_id)
        attendance.set_attendance(session, october.id or 0, rows["Jane Booth"], AttendanceKind.PRESENT)
        attendance.note_arrival(session, october.id or 0, rows["Jane Booth"], item_id)
        record = session.exec(
            select(Attendance).where(Attendance.meeting_id == october.id, Attendance.person_id == rows["Jane Booth"])
        ).one()
        assert record.arrived_after_item_id == item_id
        attendance.set_attendance(session, october.id or 0, rows["Jane Booth"], None)
        assert session.get(Attendance, record.id) is None


# -- lifecycle and matters arising -------------------------------------------------------------


def test_approved_minutes_refuse_edits_until_reopened(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        august, september = _meeting(session, "2017-08-01"), _meeting(session, "2017-09-12")
        item = _item(session, august, 8)
        lifecycle.mark_held(session, september.id or 0)
        lifecycle.approve_minutes(session, august.id or 0, september.id or 0, by="clerk")
        with pytest.raises(MinutesLocked, match="approved on 12 September 2017"):
            minuting.save_notes(session, item.id or 0, "changed after approval")
        with pytest.raises(MinutesLocked):
            agenda.add_item(session, august.id or 0, "Late item")
        lifecycle.lock_minutes(session, august.id or 0)
        with pytest.raises(InvalidChange):
            lifecycle.reopen_minutes(session, august.id or 0, "  ")
        lifecycle.reopen_minutes(session, august.id or 0, "Typo in item 8", by="clerk")
        minuting.save_notes(session, item.id or 0, "corrected")
        history = session.exec(select(MeetingStatusChange).where(MeetingStatusChange.meeting_id == august.id)).all()
        assert [h.to_status for h in history] == [
            MeetingStatus.MINUTES_APPROVED,
            MeetingStatus.LOCKED,
            MeetingStatus.HELD,
        ]
        assert history[-1].reason == "Typo in item 8"


def test_minutes_are_approved_only_at_a_later_meeting(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        june, august = _meeting(session, "2017-06-06"), _meeting(session, "2017-08-01")
        with pytest.raises(InvalidChange):
            lifecycle.approve_minutes(session, august.id or 0, june.id or 0)


def test_matters_arising_lists_due_and_overdue_and_records_updates(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        september, october = _meeting(session, "2017-09-12"), _meeting(session, "2017-10-10")
        arising = matters_arising.matters_arising(session, september.id or 0)
        due = {a.text[:20] for a in arising if a.group == matters_arising.DUE}
        assert due == {"CSE intelligence inp", "Heat maps report on "}
        assert len(arising) == 11  # and the nine open actions with no date or "at a future meeting"
        heat_maps = next(a for a in arising if a.text.startswith("Heat maps"))
        assert heat_maps.due_here
        lifecycle.mark_held(session, september.id or 0)
        matters_arising.record_action_update(
            session, heat_maps.action_id, september.id, status=ActionStatus.IN_PROGRESS, note="Draft heat maps shown"
        )
        # At October, the September action still open is overdue, alongside those due in October.
        later = {a.text[:20]: a for a in matters_arising.matters_arising(session, october.id or 0)}
        assert not later["Heat maps report on "].due_here
        assert later["Heat maps report on "].last_note == "Draft heat maps shown"
        assert "To show the video an" in later
        matters_arising.record_action_update(
            session, heat_maps.action_id, october.id, status=ActionStatus.CLOSED, note="Agreed to close"
        )
        action = session.get(Action, heat_maps.action_id)
        assert action is not None and action.status is ActionStatus.CLOSED and action.closed_at_meeting_id == october.id
        history = session.exec(select(ActionUpdate).where(ActionUpdate.action_id == heat_maps.action_id)).all()
        assert [(h.status_from, h.status_to, h.recorded_on) for h in history] == [
            (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, dt.date(2017, 9, 12)),
            (ActionStatus.IN_PROGRESS, ActionStatus.CLOSED, dt.date(2017, 10, 10)),
        ]
        with pytest.raises(InvalidChange):
            matters_arising.record_action_update(session, heat_maps.action_id, None, status=None, note=" ")


def test_approving_the_previous_minutes_is_one_step(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        august, september = _meeting(session, "2017-08-01"), _meeting(session, "2017-09-12")
        matters_arising.approve_previous_minutes(session, september.id or 0, by="clerk")
        session.refresh(august)
        assert august.status is MeetingStatus.MINUTES_APPROVED and august.minutes_approved_at_id == september.id
        item = session.exec(
            select(AgendaItem).where(
                AgendaItem.meeting_id == september.id, AgendaItem.standing_kind == StandingKind.PREVIOUS_MINUTES
            )
        ).one()
        decisions = session.exec(select(Decision.text).where(Decision.agenda_item_id == item.id)).all()
        assert decisions == ["The minutes of the meeting held on 1 August 2017 were approved as an accurate record."]


def test_rescheduling_moves_the_actions_due_at_the_meeting(demo_store: Store) -> None:
    # October's meeting: September's is held in the demo's formal record (issue 17), so it cannot move.
    with demo_store.transaction() as session:
        october = _meeting(session, "2017-10-10")
        lifecycle.reschedule_meeting(session, october.id or 0, dt.date(2017, 10, 17))
        video = session.exec(select(Action).where(col(Action.text).startswith("To show the video"))).one()
        assert video.due_meeting_id == october.id
        assert session.get(Meeting, october.id).date == dt.date(2017, 10, 17)  # type: ignore[union-attr]
        assert session.get(Meeting, october.id).rescheduled_from == dt.date(2017, 10, 10)  # type: ignore[union-attr]
        with pytest.raises(InvalidChange, match="already has a meeting"):
            lifecycle.reschedule_meeting(session, october.id or 0, dt.date(2017, 9, 12))
