"""The meeting calendar: scheduling with the board's defaults, series, rescheduling, cancelling."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import col, select

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus, StandingKind
from boardapp.core.models import Action, ActionUpdate, AgendaItem, Meeting, MeetingStatusChange
from boardapp.services import calendar, lifecycle, minuting
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import Store
from tests.helpers.calendar_helpers import D, new_board


def _meeting(store_session: object, meeting_id: int) -> Meeting:
    found = store_session.get(Meeting, meeting_id)  # type: ignore[attr-defined]
    assert found is not None
    return found


def test_a_meeting_takes_the_boards_defaults_and_gets_its_agenda(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        meeting_id, changes = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        meeting = _meeting(session, meeting_id)
        assert (meeting.start_time, meeting.end_time) == (dt.time(10, 0), dt.time(11, 30))
        assert meeting.venue == "Room 2, County Hall" and meeting.status is MeetingStatus.SCHEDULED
        assert meeting_id in changes.meetings and meeting_id in changes.agenda
        titles = session.exec(
            select(AgendaItem.title).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
        ).all()
        assert titles[0] == "Welcome, introductions and apologies" and titles[-1] == "Date of next meeting"


def test_given_time_and_venue_win_and_the_agenda_can_wait(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session, usual_length_minutes=None)
        meeting_id, _ = calendar.schedule_meeting(
            session, board_id, D(2026, 1, 6), start_time=dt.time(14, 30), venue=" Council Chamber ",
            title="Extraordinary meeting", build_agenda=False,
        )  # fmt: skip
        meeting = _meeting(session, meeting_id)
        assert (meeting.start_time, meeting.end_time, meeting.venue) == (dt.time(14, 30), None, "Council Chamber")
        assert meeting.title == "Extraordinary meeting"
        assert session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).first() is None


def test_the_same_slot_twice_is_refused(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        with pytest.raises(InvalidChange, match=r"already has a meeting on 6 January 2026 at 10\.00 am"):
            calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        other, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6), start_time=dt.time(15, 0))
        assert _meeting(session, other).start_time == dt.time(15, 0)


def test_an_archived_or_missing_board_is_refused(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session, archived=True)
        with pytest.raises(InvalidChange, match="archived"):
            calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        with pytest.raises(NotFound):
            calendar.schedule_meeting(session, board_id + 99, D(2026, 1, 6))


def test_a_series_by_rule_and_count(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        ids, changes = calendar.schedule_series(session, board_id, start=D(2026, 1, 1), rule="first tuesday", count=4)
        dates = [_meeting(session, i).date for i in ids]
        assert dates == [D(2026, 1, 6), D(2026, 2, 3), D(2026, 3, 3), D(2026, 4, 7)]
        assert set(ids) <= changes.meetings
        # The second meeting's minutes item names the first, scheduled ahead of being held.
        second = session.exec(
            select(AgendaItem.title).where(
                AgendaItem.meeting_id == ids[1], AgendaItem.standing_kind == StandingKind.PREVIOUS_MINUTES
            )
        ).one()
        assert second == "Minutes of the meeting held on 6 January 2026 and matters arising"


def test_a_series_until_a_date_is_all_or_nothing(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        calendar.schedule_meeting(session, board_id, D(2026, 3, 12))
        with pytest.raises(InvalidChange, match="already has a meeting on 12 March 2026"):
            calendar.schedule_series(session, board_id, start=D(2026, 1, 1), rule="every 2 weeks", until=D(2026, 6, 1))
        assert len(session.exec(select(Meeting)).all()) == 1  # refused before anything was written
        ids, _ = calendar.schedule_series(
            session, board_id, start=D(2026, 1, 8), rule="every 6 weeks", until=D(2026, 6, 1)
        )
        assert [_meeting(session, i).date for i in ids] == [
            D(2026, 1, 8),
            D(2026, 2, 19),
            D(2026, 4, 2),
            D(2026, 5, 14),
        ]


@pytest.mark.parametrize(
    ("rule", "count", "until", "words"),
    [
        ("whenever", 3, None, "not a meeting pattern"),
        ("monthly", None, None, "how many meetings"),
        ("monthly", 61, None, "At most 60"),
        ("last friday", None, D(2026, 1, 20), "No meeting falls between"),
    ],
)
def test_series_refusals_are_clear(
    store: Store, rule: str, count: int | None, until: dt.date | None, words: str
) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        with pytest.raises(InvalidChange, match=words):
            calendar.schedule_series(session, board_id, start=D(2026, 1, 1), rule=rule, count=count, until=until)


def test_rescheduling_keeps_the_original_date_and_the_actions_follow(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        ids, _ = calendar.schedule_series(session, board_id, start=D(2026, 1, 1), rule="first tuesday", count=3)
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == ids[0])).first()
        assert item is not None
        lifecycle.mark_held(session, ids[0])
        draft = minuting.draft_action(session, item.id or 0, "Placement report for the February meeting – Jo Bloggs")
        action_id, _ = minuting.create_action(session, item.id or 0, draft)
        assert session.get(Action, action_id).due_meeting_id == ids[1]  # type: ignore[union-attr]

        calendar.reschedule_meeting(session, ids[1], D(2026, 2, 10), start_time=dt.time(14, 0), reason="Chair away")
        moved = _meeting(session, ids[1])
        assert (moved.date, moved.rescheduled_from, moved.start_time, moved.end_time) == (
            D(2026, 2, 10), D(2026, 2, 3), dt.time(14, 0), dt.time(15, 30),
        )  # fmt: skip
        assert session.get(Action, action_id).due_meeting_id == ids[1]  # type: ignore[union-attr]
        history = session.exec(select(MeetingStatusChange.reason).where(MeetingStatusChange.meeting_id == ids[1])).all()
        assert history == ["rescheduled from 3 February 2026 to 10 February 2026: Chair away"]
        rows = {r.id: r for r in calendar.board_calendar(session, board_id)}
        assert rows[ids[1]].note == "Moved from 3 February 2026" and rows[ids[1]].actions_due == 1

        with pytest.raises(InvalidChange, match="has been held"):
            calendar.reschedule_meeting(session, ids[0], D(2026, 1, 13))
        with pytest.raises(InvalidChange, match="already has a meeting on 3 March 2026"):
            calendar.reschedule_meeting(session, ids[1], D(2026, 3, 3))
        with pytest.raises(InvalidChange, match="already on"):
            calendar.reschedule_meeting(session, ids[1], D(2026, 2, 10))


def test_a_time_only_change_is_kept_in_the_history(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        meeting_id, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        calendar.reschedule_meeting(session, meeting_id, D(2026, 1, 6), start_time=dt.time(9, 30))
        assert _meeting(session, meeting_id).start_time == dt.time(9, 30)
        reasons = session.exec(select(MeetingStatusChange.reason).where(MeetingStatusChange.meeting_id == meeting_id))
        assert list(reasons) == ["moved from 6 January 2026 at 10.00 am to 6 January 2026 at 9.30 am"]


def test_cancelling_moves_what_was_due_to_the_next_meeting(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        ids, _ = calendar.schedule_series(session, board_id, start=D(2026, 1, 1), rule="first tuesday", count=3)
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == ids[0])).first()
        assert item is not None
        first, _ = minuting.create_action(session, item.id or 0, minuting.draft_action(
            session, item.id or 0, "Report for the February meeting – Jo Bloggs"))  # fmt: skip
        last, _ = minuting.create_action(session, item.id or 0, minuting.draft_action(
            session, item.id or 0, "Audit for the March meeting – Jo Bloggs"))  # fmt: skip

        with pytest.raises(InvalidChange, match="Say why"):
            calendar.cancel_meeting(session, ids[1], "  ")
        changes = calendar.cancel_meeting(session, ids[1], "Not quorate", today=D(2026, 1, 20))
        assert first in changes.actions
        cancelled = _meeting(session, ids[1])
        assert cancelled.status is MeetingStatus.CANCELLED and cancelled.cancelled_reason == "Not quorate"
        assert session.get(Action, first).due_meeting_id == ids[2]  # type: ignore[union-attr]
        note = session.exec(select(ActionUpdate).where(ActionUpdate.action_id == first)).one()
        assert note.note == "The 3 February 2026 meeting was cancelled; now due at the 3 March 2026 meeting."
        assert note.recorded_on == D(2026, 1, 20)
        # The March minutes item now names January, the meeting before it that will happen.
        title = session.exec(
            select(AgendaItem.title).where(
                AgendaItem.meeting_id == ids[2], AgendaItem.standing_kind == StandingKind.PREVIOUS_MINUTES
            )
        ).one()
        assert title == "Minutes of the meeting held on 6 January 2026 and matters arising"

        calendar.cancel_meeting(session, ids[2], "Board restructured", today=D(2026, 1, 20))
        for action_id in (first, last):
            action = session.get(Action, action_id)
            assert action is not None and action.due_kind is DueKind.FUTURE_MEETING and action.due_meeting_id is None
        assert calendar.board_calendar(session, board_id)[2].note == "Cancelled: Board restructured"
        with pytest.raises(InvalidChange, match="already cancelled"):
            calendar.cancel_meeting(session, ids[2], "again")
        with pytest.raises(InvalidChange, match="cancelled: schedule a new meeting"):
            calendar.reschedule_meeting(session, ids[2], D(2026, 3, 10))
        lifecycle.mark_held(session, ids[0])
        with pytest.raises(InvalidChange, match="has been held"):
            calendar.cancel_meeting(session, ids[0], "too late")


def test_actions_for_a_named_month_attach_when_that_meeting_is_scheduled(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        october, _ = calendar.schedule_meeting(session, board_id, D(2026, 10, 6))
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == october)).first()
        assert item is not None
        lines = {
            "november": "Placement sufficiency report for the November meeting – Jo Bloggs",
            "report_back": "Report back at the December meeting on the audit – Jo Bloggs",
            "next": "Revised terms of reference at the next meeting – Jo Bloggs",
            "future": "Visit a children's home and report at a future meeting – Jo Bloggs",
            "none": "Thank the foster carers – Jo Bloggs",
        }
        ids = {}
        for key, line in lines.items():
            draft = minuting.draft_action(session, item.id or 0, line)
            ids[key], _ = minuting.create_action(session, item.id or 0, draft)
        waiting = session.get(Action, ids["november"])
        assert waiting is not None and waiting.due_kind is DueKind.MEETING and waiting.due_meeting_id is None

        december, changes = calendar.schedule_meeting(session, board_id, D(2026, 12, 1))
        assert set(changes.actions) == {ids["report_back"], ids["next"]}  # the next meeting, for now, is December
        november, changes = calendar.schedule_meeting(session, board_id, D(2026, 11, 3))
        assert set(changes.actions) == {ids["november"]}
        found = {key: session.get(Action, action_id) for key, action_id in ids.items()}
        assert found["november"].due_meeting_id == november  # type: ignore[union-attr]
        assert found["november"].due_text == "for the November meeting"  # type: ignore[union-attr]
        assert found["report_back"].due_meeting_id == december  # type: ignore[union-attr]
        assert found["future"].due_kind is DueKind.FUTURE_MEETING and found["future"].due_meeting_id is None  # type: ignore[union-attr]
        assert found["none"].due_kind is DueKind.NONE and found["none"].due_meeting_id is None  # type: ignore[union-attr]


def test_a_closed_action_or_one_raised_later_is_not_attached(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        october, _ = calendar.schedule_meeting(session, board_id, D(2026, 10, 6))
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == october)).first()
        assert item is not None
        closed, _ = minuting.create_action(session, item.id or 0, minuting.draft_action(
            session, item.id or 0, "Report for the November meeting – Jo Bloggs"))  # fmt: skip
        session.get(Action, closed).status = ActionStatus.CLOSED  # type: ignore[union-attr]
        november, changes = calendar.schedule_meeting(session, board_id, D(2026, 11, 3))
        assert not changes.actions
        # Raised in October for "the October meeting": next year's October, not this one before it.
        calendar.schedule_meeting(session, board_id, D(2026, 9, 1))
        assert session.get(Action, closed).due_meeting_id is None  # type: ignore[union-attr]
        assert november


def test_next_meeting_suggestion_follows_the_pattern(demo_store: Store) -> None:
    with demo_store.session() as session:
        meetings = {m.date: m.id or 0 for m in session.exec(select(Meeting)).all()}
        # 12 September and 10 October 2017 are second Tuesdays: November's is the 14th.
        assert calendar.next_meeting_suggestion(session, meetings[D(2017, 10, 10)]) == D(2017, 11, 14)
        # A meeting with one after it already: that one.
        assert calendar.next_meeting_suggestion(session, meetings[D(2017, 9, 12)]) == D(2017, 10, 10)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([D(2026, 1, 6)], None),
        ([D(2026, 1, 6), D(2026, 2, 3)], D(2026, 3, 3)),  # first Tuesday
        ([D(2026, 1, 29), D(2026, 2, 26)], D(2026, 3, 26)),  # last Thursday (and fourth)
        ([D(2026, 3, 26), D(2026, 4, 30)], D(2026, 5, 28)),  # last Thursday, not always fourth
        ([D(2026, 1, 8), D(2026, 2, 19), D(2026, 4, 2)], D(2026, 5, 14)),  # every 6 weeks
        ([D(2026, 1, 15), D(2026, 2, 15), D(2026, 3, 15)], D(2026, 4, 15)),  # same day of the month
        ([D(2026, 1, 6), D(2026, 3, 3)], D(2026, 5, 5)),  # first Tuesday every other month
        ([D(2026, 1, 10), D(2026, 1, 20)], D(2026, 1, 30)),  # no pattern: the same gap again
    ],
)
def test_suggest_next(dates: list[dt.date], expected: dt.date | None) -> None:
    assert calendar.suggest_next(dates) == expected


def test_board_calendar_rows(demo_store: Store) -> None:
    with demo_store.session() as session:
        rows = calendar.board_calendar(session, 1)
    assert [r.date for r in rows] == [D(2017, 6, 6), D(2017, 8, 1), D(2017, 9, 12), D(2017, 10, 10)]
    september, october = rows[2], rows[3]
    # September's meeting is held in the demo's formal record (issue 17): its minutes are in draft.
    assert september.status_label == "Draft minutes" and september.time_label == "2.30 pm"
    assert september.actions_due == 2 and september.items > 0 and september.note == ""
    assert october.status_label == "Scheduled" and october.time_label == "2.30 pm"


def test_board_calendar_of_an_empty_board(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        assert calendar.board_calendar(session, board_id) == []
        with pytest.raises(NotFound):
            calendar.board_calendar(session, board_id + 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14:30", dt.time(14, 30)), ("14.30", dt.time(14, 30)), ("2.30 pm", dt.time(14, 30)), ("2pm", dt.time(14, 0)),
     ("12 noon", dt.time(12, 0)), ("12 am", dt.time(0, 0)), ("9:05", dt.time(9, 5)), ("", None)],
)  # fmt: skip
def test_parse_clock(text: str, expected: dt.time | None) -> None:
    assert calendar.parse_clock(text) == expected


@pytest.mark.parametrize("text", ["25:00", "14:75", "half two", "13 pm"])
def test_parse_clock_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        calendar.parse_clock(text)


def test_suggested_date_for_a_new_meeting(demo_store: Store, store: Store) -> None:
    with demo_store.session() as session:
        assert calendar.suggested_date(session, 1, today=D(2017, 9, 1)) == D(2017, 11, 14)
        assert calendar.suggested_date(session, 1, today=D(2018, 3, 1)) == D(2018, 3, 1)  # the pattern's date passed
    with store.transaction() as session:
        board_id = new_board(session)
        assert calendar.suggested_date(session, board_id, today=D(2026, 1, 5)) == D(2026, 1, 5)


def test_date_of_next_meeting_schedules_it_by_the_pattern(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        meetings = {m.date: m.id or 0 for m in session.exec(select(Meeting)).all()}
        with pytest.raises(InvalidChange, match=r"already scheduled, on 10 October 2017 at 2\.30 pm"):
            calendar.schedule_next_meeting(session, meetings[D(2017, 9, 12)])
        november, changes = calendar.schedule_next_meeting(session, meetings[D(2017, 10, 10)])
        meeting = _meeting(session, november)
        assert (meeting.date, meeting.start_time) == (D(2017, 11, 14), dt.time(14, 30))
        assert november in changes.agenda
        with pytest.raises(InvalidChange, match="must come after"):
            calendar.schedule_next_meeting(session, november, date=D(2017, 11, 1))
        december, _ = calendar.schedule_next_meeting(session, november, date=D(2017, 12, 5))
        assert _meeting(session, december).date == D(2017, 12, 5)


def test_date_of_next_meeting_on_a_new_board_needs_a_date(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        first, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        with pytest.raises(InvalidChange, match="Give the date"):
            calendar.schedule_next_meeting(session, first)
        second, _ = calendar.schedule_next_meeting(session, first, date=D(2026, 2, 3))
        assert calendar.next_meeting_suggestion(session, second) == D(2026, 3, 3)
