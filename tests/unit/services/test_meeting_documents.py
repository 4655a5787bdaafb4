"""The reads the agenda, minutes and decision notice are built from (issue 13 point 3), on the sample board.

The exporters no longer query the database: these services give them the meeting as the workspace
reads it plus what only a document prints, and the raw record the Part II rule classifies.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from boardapp.core.enums import DueKind, MemberRole
from boardapp.core.models import Action, AgendaItem, Attendance, Decision, Meeting, Membership, Minute
from boardapp.exporting import MeetingNotFound, find_meeting
from boardapp.exporting.exempt.part2 import collect_part2
from boardapp.exporting.meetings.builders import _actions_due, _Context, build_minutes
from boardapp.services.meeting_documents import (
    actions_due_at,
    decision_fields,
    meeting_document,
    meeting_ref,
    members_on,
    recorded_decision_ids,
)
from boardapp.services.meetings import meeting_detail
from boardapp.services.part2_record import exempt_action_ids, part2_record
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, OTHER_BOARD_NAME, Sample
from tests.helpers.querycount import count_queries


def test_a_document_reads_the_workspace_detail_and_the_actions_under_its_items(store: Store, sample: Sample) -> None:
    with store.session() as session:
        document = meeting_document(session, sample.meetings["august"])
        assert document.detail == meeting_detail(session, sample.meetings["august"])
    assert [m.id for m in document.calendar] == [
        sample.meetings[key] for key in ("october", "september", "august", "june")
    ]  # the board's own meetings only, as the navigator lists them
    # Raised under an item of the meeting, in minute order; "Thank the young people" is under no item.
    assert [a.ref for a in document.actions] == ["IB-cse", "IB-stats", "IB-profiles", "IB-video"]
    profiles = document.actions[2]
    assert profiles.owner_names == ("Chris Coyle", "Amanda Hatton")
    assert (profiles.due_kind, profiles.due_text) == (DueKind.FUTURE_MEETING, "at a future meeting")
    with store.session() as session, pytest.raises(LookupError):
        meeting_document(session, 999_999)


def test_the_detail_carries_what_only_the_documents_print(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        storey = session.exec(select(Attendance).where(Attendance.person_id == sample.people["Louise Storey"])).one()
        item = session.get(AgendaItem, sample.items[3])
        assert storey is not None and item is not None
        storey.arrived_after_item_id, storey.left_after_item_id = sample.items[1], sample.items[3]
        item.minute_number, item.is_urgent, item.urgency_reason = "23/17", True, "The video had to be shown now"
        session.add_all([storey, item])
        session.add(Decision(agenda_item_id=sample.items[4], text="To restructure the team", is_exempt=True))
        august = session.get(Meeting, sample.meetings["august"])
        assert august is not None
        august.minutes_approved_at_id = sample.meetings["september"]
        session.add(august)
    with store.session() as session:
        detail = meeting_detail(session, sample.meetings["august"])
    wright = detail.attendance.in_attendance[0]
    assert (wright.organisation, wright.own_organisation) == ("", "Lancashire County Council")
    late = next(a for a in detail.attendance.present if a.name == "Louise Storey")
    assert (late.arrived_after_item_id, late.left_after_item_id) == (sample.items[1], sample.items[3])
    video = detail.items[2]
    assert (video.minute_number, video.is_urgent, video.urgency_reason) == (
        "23/17",
        True,
        "The video had to be shown now",
    )
    previous, exempt = detail.items[1], detail.items[3]
    assert [line.text for line in previous.decision_lines] == list(previous.decisions)
    assert [(line.text, line.is_exempt) for line in exempt.decision_lines] == [("To restructure the team", True)]
    assert detail.minutes_approved_at_id == sample.meetings["september"]


def test_an_unstamped_action_under_an_item_exempt_now_stays_out_of_the_public_agenda(
    store: Store, sample: Sample
) -> None:
    """The rule moved into `actions_due_at`: the raised item's exemption counts, not only the action's stamp."""
    secret = "Interview the staff member about the allegation"
    with store.transaction() as session:
        session.add(
            Action(
                board_id=sample.board_id, ref="IB-x", text=secret, raised_meeting_id=sample.meetings["august"],
                raised_item_id=sample.items[4], is_exempt=False, due_kind=DueKind.MEETING,
                due_meeting_id=sample.meetings["september"],
            )
        )  # fmt: skip
    with store.session() as session:
        september = sample.meetings["september"]
        found = {a.text: a for a in actions_due_at(session, sample.board_id, september, dt.date(2017, 9, 12))}
        assert (found[secret].is_exempt, found[secret].item_exempt) == (False, True)
        assert not found["CSE intelligence input to be on the agenda"].item_exempt
        confidential = [a.text for a in _actions_due(_Context(session, september), public=False)]
        public = [a.text for a in _actions_due(_Context(session, september), public=True)]
        assert f"[Exempt] {secret}" in confidential  # no paragraph: the action itself was never stamped
        assert all(secret not in text for text in public)
        assert "CSE intelligence input to be on the agenda" in public


def test_members_on_a_date_and_a_meeting_reference(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        for person, role, start, end in (
            ("Amanda Hatton", MemberRole.MEMBER, None, None),
            ("Geoff Driver", MemberRole.CHAIR, dt.date(2017, 1, 1), None),
            ("Chris Coyle", MemberRole.MEMBER, None, dt.date(2017, 7, 31)),  # left before August
            ("Stephen Cox", MemberRole.MEMBER, dt.date(2017, 8, 2), None),  # joined after
        ):
            person_id = sample.people[person]
            session.add(
                Membership(board_id=sample.board_id, person_id=person_id, role=role, start_date=start, end_date=end)
            )
    with store.session() as session:
        members = members_on(session, sample.board_id, dt.date(2017, 8, 1))
        assert [(m.formal_name, m.role, m.organisation) for m in members] == [
            ("Amanda Hatton", MemberRole.MEMBER, "Lancashire County Council"),
            ("County Councillor Geoff Driver CBE", MemberRole.CHAIR, "Lancashire County Council"),
        ]  # in the order they were made: the agenda puts the chair first
        ref = meeting_ref(session, sample.meetings["other"])
        assert ref is not None and (ref.board_name, ref.date) == (OTHER_BOARD_NAME, dt.date(2017, 7, 20))
        assert meeting_ref(session, 999_999) is None


def test_decision_records_in_minute_order(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        first = Decision(agenda_item_id=sample.items[3], position=2, text="Later", needs_record=True, reasons="R")
        second = Decision(agenda_item_id=sample.items[3], position=1, text="Earlier", needs_record=True)
        session.add_all([first, second, Decision(agenda_item_id=sample.items[3], position=0, text="No record")])
        session.flush()
        ids = (first.id, second.id)
    with store.session() as session:
        assert recorded_decision_ids(session, sample.items[3]) == [ids[1], ids[0]]
        assert recorded_decision_ids(session, sample.items[1]) == []
        fields = decision_fields(session, ids[0] or 0)
        assert fields is not None
        assert (fields.text, fields.reasons, fields.meeting_id) == ("Later", "R", sample.meetings["august"])
        assert decision_fields(session, 999_999) is None


def test_the_part2_record_reads_only_the_boards_asked_for(store: Store, sample: Sample) -> None:
    with store.session() as session:
        other = part2_record(session, [sample.other_board_id])
        everything = part2_record(session)
        assert [a.ref for a in other.actions] == ["MASH-1"]
        assert other.items == () and other.boards == ((OTHER_BOARD_NAME, "MASH"),)
        assert {a.ref for a in everything.actions} >= {"MASH-1", "IB-cse", "IB-unfiled"}
        assert {name for name, _short in everything.boards} == {BOARD_NAME, OTHER_BOARD_NAME}
        assert collect_part2(session, [sample.other_board_id]).sources == ()


def test_exempt_action_ids_count_an_item_exempt_now(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        under_exempt = Action(
            board_id=sample.board_id, ref="IB-y", text="Quiet word", raised_item_id=sample.items[4], is_exempt=False
        )
        stamped = Action(board_id=sample.board_id, ref="IB-z", text="Stamped", is_exempt=True)
        session.add_all([under_exempt, stamped])
        session.flush()
        ids = {under_exempt.id or 0, stamped.id or 0}
    with store.session() as session:
        assert exempt_action_ids(session, [*ids, *sample.actions.values()]) == ids


def test_find_meeting_lists_a_meeting_with_no_time_first(store: Store, sample: Sample) -> None:
    """The ordering moved from SQL to Python: by date, then time, a meeting with no time first."""
    with store.transaction() as session:
        day = dt.date(2017, 8, 1)
        session.add(Meeting(board_id=sample.board_id, date=day, start_time=dt.time(18, 0)))
        session.add(Meeting(board_id=sample.board_id, date=day, start_time=None))
    with store.session() as session, pytest.raises(MeetingNotFound) as caught:
        find_meeting(session, "IB", day)
    assert "has 3 meetings on 2017-08-01 (no time set, 2.30 pm, 6.00 pm)" in str(caught.value)


def test_the_minutes_read_a_fixed_number_of_queries(store: Store, sample: Sample) -> None:
    def count(meeting_id: int) -> int:
        with store.session() as session, count_queries(store.engine) as minutes:
            build_minutes(session, meeting_id, public=False)
        return minutes.count

    before = count(sample.meetings["august"])
    with store.transaction() as session:
        for position in range(5, 25):
            item = AgendaItem(meeting_id=sample.meetings["august"], position=position, title=f"Item {position}")
            session.add(item)
            session.flush()
            session.add(Minute(agenda_item_id=item.id or 0, notes=f"Notes {position}"))
            session.add(Action(board_id=sample.board_id, ref=f"IB-{position}", text="Do it", raised_item_id=item.id))
    # Votes are read once per decision (services/votes.py): no decision was added here.
    assert count(sample.meetings["august"]) == before
