"""list_action_rows: the action log rows, their labels, overdue rule and query budget (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, ActionOwner
from boardapp.services.actions import ActionRow, due_label, is_overdue, list_action_rows
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, OTHER_BOARD_NAME, TODAY, Sample
from tests.helpers.querycount import count_queries


def rows_by_ref(store: Store, board_id: int | None = None, today: dt.date = TODAY) -> dict[str, ActionRow]:
    with store.session() as session:
        return {row.ref: row for row in list_action_rows(session, board_id, today=today)}


def test_all_boards_and_one_board(store: Store, sample: Sample) -> None:
    everything = rows_by_ref(store)
    assert len(everything) == 8
    assert everything["MASH-1"].board_name == OTHER_BOARD_NAME
    mine = rows_by_ref(store, sample.board_id)
    assert "MASH-1" not in mine
    assert {row.board_name for row in mine.values()} == {BOARD_NAME}
    assert rows_by_ref(store, sample.other_board_id).keys() == {"MASH-1"}


def test_rows_ordered_by_board_then_as_raised(store: Store, sample: Sample) -> None:
    with store.session() as session:
        refs = [row.ref for row in list_action_rows(session, sample.board_id, today=TODAY)]
    # June's actions first, then August's by item and position.
    assert refs == ["IB-late", "IB-closed", "IB-unfiled", "IB-cse", "IB-profiles", "IB-stats", "IB-video"]


def test_row_fields(store: Store, sample: Sample) -> None:
    rows = rows_by_ref(store)
    profiles = rows["IB-profiles"]
    assert profiles.owners == "Chris Coyle / Amanda Hatton"
    assert profiles.raised_at == "1 Aug 2017, item 2: Minutes and actions from the last meeting"
    assert profiles.raised_meeting_id == sample.meetings["august"]
    assert (profiles.due_kind, profiles.due_label, profiles.due_sort) == (
        DueKind.FUTURE_MEETING,
        "a future meeting",
        None,
    )
    video = rows["IB-video"]
    assert video.owner_names == ("Natasha Wright", "Board Members")
    assert (video.due_label, video.due_sort) == ("10 October 2017 meeting", dt.date(2017, 10, 10))
    assert video.due_meeting_id == sample.meetings["october"]
    assert (video.status, video.status_label) == (ActionStatus.IN_PROGRESS, "In progress")
    assert video.plan_link_count == 1
    stats = rows["IB-stats"]
    assert (stats.due_label, stats.due_sort) == ("31 Oct 2017", dt.date(2017, 10, 31))
    assert stats.plan_link_count == 2
    assert (stats.last_update_on, stats.last_update_note) == (dt.date(2017, 10, 10), "Report drafted")
    assert stats.last_update == "10 Oct 2017 – Report drafted"
    assert rows["IB-cse"].last_update == ""
    assert rows["IB-cse"].plan_link_count == 0
    unfiled = rows["IB-unfiled"]
    assert unfiled.raised_at == "1 Aug 2017"
    assert (unfiled.due_kind, unfiled.due_label, unfiled.due_sort) == (DueKind.NONE, "", None)
    assert rows["MASH-1"].owners == ""
    assert rows["MASH-1"].raised_at == "20 Jul 2017"


def test_overdue(store: Store, sample: Sample) -> None:
    rows = rows_by_ref(store, today=TODAY)
    overdue = {ref for ref, row in rows.items() if row.is_overdue}
    # Due at the held August meeting and still open; MASH-1's date has passed. The closed one is not late.
    assert overdue == {"IB-late", "MASH-1"}
    later = rows_by_ref(store, today=dt.date(2017, 11, 1))
    # September is only "agenda published", so not held: not overdue even though its date has passed.
    assert {ref for ref, row in later.items() if row.is_overdue} == {"IB-late", "MASH-1", "IB-stats"}


@pytest.mark.parametrize(
    ("status", "kind", "meeting_date", "meeting_status", "due_date", "expected"),
    [
        (ActionStatus.OPEN, DueKind.MEETING, dt.date(2017, 8, 1), MeetingStatus.HELD, None, True),
        (ActionStatus.OPEN, DueKind.MEETING, dt.date(2017, 8, 1), MeetingStatus.MINUTES_APPROVED, None, True),
        (ActionStatus.OPEN, DueKind.MEETING, dt.date(2017, 8, 1), MeetingStatus.LOCKED, None, True),
        (ActionStatus.OPEN, DueKind.MEETING, dt.date(2017, 8, 1), MeetingStatus.SCHEDULED, None, False),
        (ActionStatus.OPEN, DueKind.MEETING, dt.date(2017, 8, 1), MeetingStatus.CANCELLED, None, False),
        (ActionStatus.OPEN, DueKind.MEETING, dt.date(2017, 9, 1), MeetingStatus.HELD, None, False),  # today
        (ActionStatus.IN_PROGRESS, DueKind.DATE, None, None, dt.date(2017, 8, 31), True),
        (ActionStatus.OPEN, DueKind.DATE, None, None, dt.date(2017, 9, 1), False),  # due today: not yet late
        (ActionStatus.COMPLETED, DueKind.DATE, None, None, dt.date(2017, 1, 1), False),
        (ActionStatus.CLOSED, DueKind.DATE, None, None, dt.date(2017, 1, 1), False),
        (ActionStatus.CANCELLED, DueKind.DATE, None, None, dt.date(2017, 1, 1), False),
        (ActionStatus.OPEN, DueKind.FUTURE_MEETING, None, None, None, False),
        (ActionStatus.OPEN, DueKind.NONE, None, None, None, False),
        (ActionStatus.OPEN, DueKind.MEETING, None, None, None, False),  # the due meeting was deleted
    ],
)
def test_overdue_rule(
    status: ActionStatus,
    kind: DueKind,
    meeting_date: dt.date | None,
    meeting_status: MeetingStatus | None,
    due_date: dt.date | None,
    expected: bool,
) -> None:
    assert is_overdue(status, kind, meeting_date, meeting_status, due_date, TODAY) is expected


def test_due_labels() -> None:
    assert due_label(DueKind.MEETING, dt.date(2017, 9, 12), None, "for the September meeting") == (
        "12 September 2017 meeting"
    )
    assert due_label(DueKind.MEETING, None, None, "for the September meeting") == "for the September meeting"
    assert due_label(DueKind.DATE, None, dt.date(2017, 10, 31), "by 31 October 2017") == "31 Oct 2017"
    assert due_label(DueKind.FUTURE_MEETING, None, None, "") == "a future meeting"
    assert due_label(DueKind.NONE, None, None, "when funding allows") == "when funding allows"


def test_no_query_per_row(store: Store, sample: Sample) -> None:
    with store.session() as session, count_queries(store.engine) as before:
        list_action_rows(session, today=TODAY)
    with store.transaction() as session:
        for number in range(200):
            action = Action(board_id=sample.board_id, ref=f"IB-X{number}", text=f"Generated {number}")
            session.add(action)
            session.flush()
            session.add(ActionOwner(action_id=action.id or 0, role_id=sample.role_id))
    with store.session() as session, count_queries(store.engine) as after:
        rows = list_action_rows(session, today=TODAY)
    assert len(rows) == 208
    assert after.count == before.count <= 6
