"""Follow-up operations, single and bulk: each writes a history entry; refusals write nothing.

The services run inside `store.transaction()` here, as the GUI's Operations.run does: a refusal
rolls the whole operation back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import col, func, select

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import Action, ActionPlanLink, ActionUpdate, Meeting, Person
from boardapp.services.action_log import ActionLogQuery, GroupBy, OwnerKey, action_log_rows, action_log_summary
from boardapp.services.actions import action_detail
from boardapp.services.errors import InvalidChange, MinutesLocked, NotFound
from boardapp.services.followup import (
    DueChoice,
    carry_forward,
    change_due,
    close_actions,
    link_plan_item,
    next_meeting_after,
    reassign,
    unlink_plan_item,
    update_status,
)
from boardapp.services.lifecycle import reschedule_meeting
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample


def run(store: Store, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with store.transaction() as session:
        return service(session, *args, **kwargs)


def action(store: Store, action_id: int) -> Action:
    with store.session() as session:
        found = session.get(Action, action_id)
        assert found is not None
        return found


def history(store: Store, action_id: int) -> list[ActionUpdate]:
    with store.session() as session:
        return list(
            session.exec(
                select(ActionUpdate).where(ActionUpdate.action_id == action_id).order_by(col(ActionUpdate.id))
            ).all()
        )


def update_count(store: Store) -> int:
    with store.session() as session:
        return session.exec(select(func.count()).select_from(ActionUpdate)).one()


# -- status and notes ------------------------------------------------------------------------------------


def test_status_with_a_note_at_a_meeting(store: Store, sample: Sample) -> None:
    result, changes = run(store, update_status, [sample.actions["cse"]], status=ActionStatus.IN_PROGRESS,
                          note="  Agenda slot booked ", on=TODAY, meeting_id=sample.meetings["august"])  # fmt: skip
    assert changes.actions == {sample.actions["cse"]}
    assert result.message == "Marked 1 action as in progress at the 1 August 2017 meeting."
    (entry,) = history(store, sample.actions["cse"])
    assert (entry.status_from, entry.status_to, entry.note) == (ActionStatus.OPEN, ActionStatus.IN_PROGRESS,
                                                                "Agenda slot booked")  # fmt: skip
    assert (entry.meeting_id, entry.recorded_on) == (sample.meetings["august"], dt.date(2017, 8, 1))
    assert action(store, sample.actions["cse"]).status is ActionStatus.IN_PROGRESS


def test_a_note_between_meetings_is_dated_today(store: Store, sample: Sample) -> None:
    run(store, update_status, [sample.actions["cse"]], status=None, note="Chased by email", on=TODAY)
    (entry,) = history(store, sample.actions["cse"])
    assert (entry.recorded_on, entry.meeting_id, entry.status_to) == (TODAY, None, None)


def test_bulk_status_skips_those_already_there(store: Store, sample: Sample) -> None:
    ids = [sample.actions["cse"], sample.actions["video"]]  # video is already in progress
    result, changes = run(store, update_status, ids, status=ActionStatus.IN_PROGRESS, on=TODAY)
    assert result.changed == (sample.actions["cse"],)
    assert result.skipped == ("IB-video is already in progress",)
    assert changes.actions == {sample.actions["cse"]}
    with pytest.raises(InvalidChange, match="Nothing to record"):
        run(store, update_status, ids, status=ActionStatus.IN_PROGRESS, on=TODAY)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"status": None, "note": " "}, InvalidChange, "status or a progress note"),
        ({"status": ActionStatus.CLOSED}, InvalidChange, "agrees it at a meeting"),
        ({"status": ActionStatus.OPEN, "note": "x", "meeting": "june"}, MinutesLocked, "approved"),
        ({"status": ActionStatus.OPEN, "note": "x", "meeting": "other"}, InvalidChange, "another board"),
        ({"status": ActionStatus.OPEN, "note": "x", "meeting": "october"}, InvalidChange, "not taken place yet"),
    ],
)
def test_status_refusals_write_nothing(store: Store, sample: Sample, kwargs: dict[str, Any], error: type,
                                       message: str) -> None:  # fmt: skip
    before = update_count(store)
    meeting = kwargs.pop("meeting", None)
    with pytest.raises(error, match=message):
        run(store, update_status, [sample.actions["cse"], sample.actions["late"]], on=TODAY,
            meeting_id=sample.meetings[meeting] if meeting else None, **{"note": "", **kwargs})  # fmt: skip
    assert update_count(store) == before
    assert action(store, sample.actions["cse"]).status is ActionStatus.OPEN


def test_a_deleted_action_is_reported(store: Store, sample: Sample) -> None:
    with pytest.raises(NotFound, match="no longer exist"):
        run(store, update_status, [sample.actions["cse"], 987_654], status=None, note="x", on=TODAY)


# -- closing --------------------------------------------------------------------------------------------


def test_bulk_close_as_agreed_at_a_meeting(store: Store, sample: Sample) -> None:
    ids = [sample.actions["late"], sample.actions["closed"], sample.actions["cse"]]
    result, changes = run(store, close_actions, ids, meeting_id=sample.meetings["august"], on=TODAY)
    assert result.changed == (sample.actions["late"], sample.actions["cse"])
    assert result.skipped == ("IB-closed is already closed",)
    assert result.message == "Closed 2 actions as agreed at the 1 August 2017 meeting."
    assert changes.actions == {sample.actions["late"], sample.actions["cse"]}
    for key in ("late", "cse"):
        closed = action(store, sample.actions[key])
        assert (closed.status, closed.closed_at_meeting_id) == (ActionStatus.CLOSED, sample.meetings["august"])
        (entry,) = history(store, sample.actions[key])
        assert entry.note == "The Board agreed to close this action at the 1 August 2017 meeting."
        assert (entry.status_to, entry.meeting_id, entry.recorded_on) == (
            ActionStatus.CLOSED, sample.meetings["august"], dt.date(2017, 8, 1),
        )  # fmt: skip
    with store.session() as session:
        overdue = {row.ref for row in action_log_rows(session, ActionLogQuery(overdue_only=True), today=TODAY)}
    assert overdue == {"MASH-1"}  # closing IB-late took it off the overdue list


def test_reopening_clears_where_it_was_closed(store: Store, sample: Sample) -> None:
    run(store, close_actions, [sample.actions["cse"]], meeting_id=sample.meetings["august"], on=TODAY)
    run(store, update_status, [sample.actions["cse"]], status=ActionStatus.OPEN, note="Reopened", on=TODAY)
    reopened = action(store, sample.actions["cse"])
    assert (reopened.status, reopened.closed_at_meeting_id) == (ActionStatus.OPEN, None)


def test_close_refuses_another_boards_meeting_and_locked_minutes(store: Store, sample: Sample) -> None:
    with pytest.raises(InvalidChange, match="IB-cse belongs to another board"):
        run(store, close_actions, [sample.actions["cse"]], meeting_id=sample.meetings["other"], on=TODAY)
    with pytest.raises(MinutesLocked):
        run(store, close_actions, [sample.actions["cse"]], meeting_id=sample.meetings["june"], on=TODAY)
    assert history(store, sample.actions["cse"]) == []


# -- carrying forward --------------------------------------------------------------------------------------


def test_carry_forward_to_the_next_meeting_after_the_due_one(store: Store, sample: Sample) -> None:
    result, changes = run(store, carry_forward, [sample.actions["cse"]], on=TODAY)  # due 12 Sep
    carried = action(store, sample.actions["cse"])
    assert (carried.due_kind, carried.due_meeting_id) == (DueKind.MEETING, sample.meetings["october"])
    (entry,) = history(store, sample.actions["cse"])
    assert entry.note == "Carried forward from the 12 September 2017 meeting to the 10 October 2017 meeting."
    assert (entry.status_to, entry.recorded_on) == (None, TODAY)
    assert result.message == "Carried 1 action forward to the 10 October 2017 meeting."
    assert changes.actions == {sample.actions["cse"]}


def test_carry_forward_of_an_overdue_action_goes_to_the_coming_meeting(store: Store, sample: Sample) -> None:
    """Due at the August meeting, carried forward on 1 September: to September, not to a meeting past."""
    run(store, carry_forward, [sample.actions["late"], sample.actions["profiles"]], on=TODAY)
    for key in ("late", "profiles"):  # profiles was "at a future meeting"
        assert action(store, sample.actions[key]).due_meeting_id == sample.meetings["september"]
    assert history(store, sample.actions["profiles"])[0].note == (
        "Carried forward from a future meeting to the 12 September 2017 meeting."
    )
    with store.session() as session:
        rows = {row.ref: row for row in action_log_rows(session, ActionLogQuery(), today=TODAY)}
    assert not rows["IB-late"].is_overdue
    assert rows["IB-late"].due_label == "12 September 2017 meeting"


def test_carry_forward_skips_closed_and_skips_cancelled_meetings(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        october = session.get(Meeting, sample.meetings["october"])
        assert october is not None
        october.status = MeetingStatus.CANCELLED
        session.add(october)
        session.add(Meeting(board_id=sample.board_id, date=dt.date(2017, 11, 14)))
    result, _ = run(store, carry_forward, [sample.actions["cse"], sample.actions["closed"]], on=TODAY)
    assert result.skipped == ("IB-closed is closed",)
    with store.session() as session:
        target = session.get(Meeting, action(store, sample.actions["cse"]).due_meeting_id)
        assert target is not None and target.date == dt.date(2017, 11, 14)
        assert next_meeting_after(session, sample.board_id, dt.date(2017, 9, 12)) == target


def test_carry_forward_without_a_next_meeting_changes_nothing(store: Store, sample: Sample) -> None:
    """IB-stats is due by 31 October; the board has no meeting after that: refused, IB-cse unchanged too."""
    with pytest.raises(InvalidChange, match="Children's Services Improvement Board has no meeting after 31 October"):
        run(store, carry_forward, [sample.actions["cse"], sample.actions["stats"]], on=TODAY)
    assert action(store, sample.actions["cse"]).due_meeting_id == sample.meetings["september"]
    assert history(store, sample.actions["cse"]) == []


# -- owners and due points ---------------------------------------------------------------------------------


def test_bulk_reassign_by_name_creates_new_people(store: Store, sample: Sample) -> None:
    ids = [sample.actions["cse"], sample.actions["unfiled"]]
    result, changes = run(store, reassign, ids, "Chris Coyle / Heads of Service / Jo Newcomer", on=TODAY)
    assert changes.people  # "Jo Newcomer" and the role "Heads of Service" did not exist
    assert result.message == "Reassigned 2 actions to Chris Coyle / Heads of Service / Jo Newcomer."
    with store.session() as session:
        rows = {row.ref: row for row in action_log_rows(session, ActionLogQuery(), today=TODAY)}
        assert session.exec(select(Person).where(Person.name == "Jo Newcomer")).one()
    assert rows["IB-cse"].owner_names == ("Chris Coyle", "Heads of Service", "Jo Newcomer")
    assert history(store, sample.actions["unfiled"])[0].note == (
        "Reassigned from Geoff Driver to Chris Coyle / Heads of Service / Jo Newcomer."
    )


def test_reassign_by_owner_keys(store: Store, sample: Sample) -> None:
    owners = [OwnerKey(role_id=sample.role_id), OwnerKey(person_id=sample.people["Amanda Hatton"])]
    run(store, reassign, [sample.actions["late"]], owners, on=TODAY, note="Storey has left")
    with store.session() as session:
        detail = action_detail(session, sample.actions["late"], today=TODAY)
        summary = action_log_summary(session, ActionLogQuery(group_by=GroupBy.OWNER), today=TODAY)
    assert [o.name for o in detail.owners] == ["Board Members", "Amanda Hatton"]
    assert detail.history[-1].note == "Reassigned from Louise Storey to Board Members / Amanda Hatton. Storey has left"
    assert "Louise Storey" not in [group.label for group in summary.groups]
    with pytest.raises(InvalidChange, match="already owned"):
        run(store, reassign, [sample.actions["late"]], owners, on=TODAY)
    with pytest.raises(InvalidChange, match="at least one owner"):
        run(store, reassign, [sample.actions["late"]], "  ", on=TODAY)


def test_change_due_to_a_meeting_a_date_or_none(store: Store, sample: Sample) -> None:
    cse = sample.actions["cse"]
    run(store, change_due, [cse], DueChoice(kind=DueKind.MEETING, meeting_id=sample.meetings["october"]), on=TODAY)
    run(store, change_due, [cse], DueChoice(kind=DueKind.DATE, date=dt.date(2017, 12, 1)), on=TODAY, note="Data late")
    run(store, change_due, [cse], DueChoice(kind=DueKind.FUTURE_MEETING), on=TODAY)
    assert [entry.note for entry in history(store, cse)] == [
        "Due changed from the 12 September 2017 meeting to the 10 October 2017 meeting.",
        "Due changed from the 10 October 2017 meeting to 1 Dec 2017. Data late",
        "Due changed from 1 Dec 2017 to a future meeting.",
    ]
    changed = action(store, cse)
    assert (changed.due_kind, changed.due_meeting_id, changed.due_date) == (DueKind.FUTURE_MEETING, None, None)


def test_change_due_refusals(store: Store, sample: Sample) -> None:
    with pytest.raises(InvalidChange, match="meeting of its own board"):
        run(store, change_due, [sample.actions["cse"], sample.actions["late"]],
            DueChoice(kind=DueKind.MEETING, meeting_id=sample.meetings["other"]), on=TODAY)  # fmt: skip
    with pytest.raises(InvalidChange, match="Give the date"):
        run(store, change_due, [sample.actions["cse"]], DueChoice(kind=DueKind.DATE), on=TODAY)
    with pytest.raises(InvalidChange, match="already due"):
        run(store, change_due, [sample.actions["cse"]],
            DueChoice(kind=DueKind.MEETING, meeting_id=sample.meetings["september"]), on=TODAY)  # fmt: skip


# -- plan links ----------------------------------------------------------------------------------------------


def test_link_and_unlink_a_plan_action(store: Store, sample: Sample) -> None:
    cse, item = sample.actions["cse"], sample.plan_items["1.2"]
    result, changes = run(store, link_plan_item, cse, item, on=TODAY)
    assert changes.plans == {sample.plan_id} and changes.actions == {cse}
    assert "Monthly performance clinics" in result.message
    with pytest.raises(InvalidChange, match="already linked"):
        run(store, link_plan_item, cse, item, on=TODAY)
    run(store, unlink_plan_item, cse, item, on=TODAY)
    with store.session() as session:
        assert session.exec(select(ActionPlanLink).where(ActionPlanLink.action_id == cse)).all() == []
    assert [entry.note for entry in history(store, cse)] == [
        "Linked to plan action 1.2 “Monthly performance clinics” (12 Week Improvement Plan).",
        "No longer linked to plan action 1.2 “Monthly performance clinics” (12 Week Improvement Plan).",
    ]
    with pytest.raises(NotFound):
        run(store, unlink_plan_item, cse, item, on=TODAY)


# -- every change is in the history ---------------------------------------------------------------------------


def test_every_operation_writes_one_history_entry_per_action(store: Store, sample: Sample) -> None:
    ids = [sample.actions["cse"], sample.actions["profiles"]]
    steps: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = [
        (update_status, (ids,), {"status": ActionStatus.IN_PROGRESS, "note": "Started"}),
        (carry_forward, (ids,), {}),
        (reassign, (ids, "Geoff Driver"), {}),
        (change_due, (ids, DueChoice(kind=DueKind.DATE, date=dt.date(2017, 12, 1))), {}),
        (close_actions, (ids,), {"meeting_id": sample.meetings["august"]}),
    ]
    for number, (service, args, kwargs) in enumerate(steps, start=1):
        run(store, service, *args, on=TODAY, **kwargs)
        assert [len(history(store, action_id)) for action_id in ids] == [number, number], service.__name__


# -- a rescheduled meeting takes its actions with it ---------------------------------------------------------


def test_rescheduling_a_meeting_moves_the_actions_due_at_it(store: Store, sample: Sample) -> None:
    run(store, reschedule_meeting, sample.meetings["september"], dt.date(2017, 9, 19))
    with store.session() as session:
        rows = {row.ref: row for row in action_log_rows(session, ActionLogQuery(), today=TODAY)}
        groups = action_log_summary(session, ActionLogQuery(group_by=GroupBy.DUE_MEETING, board_id=sample.board_id),
                                    today=TODAY).groups  # fmt: skip
    assert (rows["IB-cse"].due_label, rows["IB-cse"].due_sort) == ("19 September 2017 meeting", dt.date(2017, 9, 19))
    assert rows["IB-cse"].due_short == "19 Sep 2017 meeting"
    assert [g.label for g in groups][1] == "19 September 2017 meeting"
    # Moved past "today" or not, it is judged by its new date: held meetings only are late.
    with store.session() as session:
        later = {r.ref for r in action_log_rows(session, ActionLogQuery(overdue_only=True), today=dt.date(2017, 9, 20))}
    assert "IB-cse" not in later  # the September meeting is still only "agenda published"
