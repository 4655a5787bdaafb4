"""A new meeting's agenda built before the clerk starts: standing items, previous minutes, plan reviews."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from boardapp.core.enums import MeetingStatus, PlanItemKind, StandingKind
from boardapp.core.models import AgendaItem, AgendaPlanReview, Meeting, Plan, PlanItem, StatusLevel, StatusScale
from boardapp.services import agenda_builder, calendar, lifecycle
from boardapp.store.database import Store
from tests.helpers.calendar_helpers import STANDING, D, new_board


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
        ).all()
    )


def test_standing_items_in_the_boards_order_with_their_kinds(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        meeting_id, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6), build_agenda=False)
        changes = agenda_builder.build_agenda(session, meeting_id, today=D(2026, 1, 1))
        items = _items(session, meeting_id)
    assert meeting_id in changes.agenda
    assert [i.title for i in items] == list(STANDING)  # the first meeting: no earlier minutes to name
    assert [i.position for i in items] == [1, 2, 3, 4, 5]
    assert [i.standing_kind for i in items] == [
        StandingKind.WELCOME,
        StandingKind.NONE,
        StandingKind.PREVIOUS_MINUTES,
        StandingKind.ANY_OTHER_BUSINESS,
        StandingKind.NEXT_MEETING,
    ]


def test_building_twice_changes_nothing(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        meeting_id, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        before = [(i.id, i.title) for i in _items(session, meeting_id)]
        assert not agenda_builder.build_agenda(session, meeting_id)
        assert [(i.id, i.title) for i in _items(session, meeting_id)] == before


def test_a_board_without_standing_items_gets_the_usual_ones(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session, standing_items=[])
        meeting_id, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        assert [i.title for i in _items(session, meeting_id)] == list(agenda_builder.DEFAULT_STANDING_ITEMS)


def test_the_minutes_item_names_the_previous_meeting(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        november, _ = calendar.schedule_meeting(session, 1, D(2017, 11, 14))
        items = _items(session, november)
    assert [i.title for i in items][:2] == [
        "Welcome and Introductions",
        "Minutes of the meeting held on 10 October 2017 and matters arising",
    ]
    assert items[1].standing_kind is StandingKind.PREVIOUS_MINUTES
    assert [i.title for i in items][-2:] == ["Any other business", "Date of next meeting"]


def test_a_cancelled_meeting_is_not_the_previous_one(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        october = session.exec(select(Meeting).where(Meeting.date == D(2017, 10, 10))).one()
        calendar.cancel_meeting(session, october.id or 0, "No business", today=D(2017, 10, 1))
        november, _ = calendar.schedule_meeting(session, 1, D(2017, 11, 14))
        assert (
            _items(session, november)[1].title == "Minutes of the meeting held on 12 September 2017 and matters arising"
        )


def _plan(session: Session, board_id: int, name: str) -> tuple[Plan, dict[str, int]]:
    scale = StatusScale(name=f"RAG {name}")
    session.add(scale)
    session.flush()
    levels = {}
    for position, (code, complete) in enumerate((("RED", False), ("GREEN", False), ("BLUE", True))):
        level = StatusLevel(
            scale_id=scale.id or 0, position=position, code=code, label=code.title(), colour="#000000",
            means_complete=complete,
        )  # fmt: skip
        session.add(level)
        session.flush()
        levels[code] = level.id or 0
    plan = Plan(name=name, board_id=board_id, progress_scale_id=scale.id)
    session.add(plan)
    session.flush()
    return plan, levels


def _plan_item(session: Session, plan: Plan, ref: str, due: dt.date | None, **fields: object) -> int:
    values: dict[str, object] = {"kind": PlanItemKind.ACTION, "text": f"Plan action {ref}", "due_text": str(due or "")}
    values.update(fields)
    item = PlanItem(plan_id=plan.id or 0, ref=ref, due_date=due, **values)  # type: ignore[arg-type]
    session.add(item)
    session.flush()
    return item.id or 0


def test_plan_actions_due_since_the_last_meeting_are_put_up_for_review(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        other_board = new_board(session, name="MASH Board", short_name="MASH")
        plan, levels = _plan(session, board_id, "Improvement plan")
        other_plan, _ = _plan(session, other_board, "MASH plan")
        january, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        lifecycle.mark_held(session, january)
        ids = {
            "before": _plan_item(session, plan, "1.1", D(2026, 1, 5)),
            "red": _plan_item(session, plan, "1.3", D(2026, 2, 1), progress_level_id=levels["RED"], lead_text="Jo"),
            "unrated": _plan_item(session, plan, "1.2", D(2026, 1, 20)),
            "on_the_day": _plan_item(session, plan, "2.1", D(2026, 2, 3), progress_level_id=levels["GREEN"]),
            "complete": _plan_item(session, plan, "2.2", D(2026, 1, 20), progress_level_id=levels["BLUE"]),
            "objective": _plan_item(session, plan, "3", D(2026, 1, 20), kind=PlanItemKind.OBJECTIVE),
            "later": _plan_item(session, plan, "3.1", D(2026, 2, 4)),
            "undated": _plan_item(session, plan, "3.2", None),
            "other_board": _plan_item(session, other_plan, "9.9", D(2026, 1, 20)),
        }
        february, _ = calendar.schedule_meeting(session, board_id, D(2026, 2, 3))
        items = _items(session, february)
        review = next(i for i in items if i.title == agenda_builder.PLAN_REVIEW_TITLE)
        assert [i.title for i in items][-2:] == ["Any other business", "Date of next meeting"]
        rows = agenda_builder.plan_reviews(session, review.id or 0)
        stored = session.exec(select(AgendaPlanReview).where(AgendaPlanReview.agenda_item_id == review.id)).all()
    assert [r.plan_item_id for r in rows] == [ids["unrated"], ids["red"], ids["on_the_day"]]
    assert len(stored) == 3
    red = rows[1]
    assert (red.plan_name, red.ref, red.status, red.lead_text, red.due_date) == (
        "Improvement plan", "1.3", "Red", "Jo", D(2026, 2, 1),
    )  # fmt: skip


def test_no_plan_review_item_when_nothing_is_due(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        meeting_id, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        assert agenda_builder.PLAN_REVIEW_TITLE not in [i.title for i in _items(session, meeting_id)]


def test_the_demo_plan_actions_due_by_november_2017_are_put_up(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        november, _ = calendar.schedule_meeting(session, 1, D(2017, 11, 14))
        items = _items(session, november)
        assert [i.title for i in items][2] == agenda_builder.PLAN_REVIEW_TITLE  # before AOB and the next date
        rows = agenda_builder.plan_reviews(session, items[2].id or 0)
    assert len(rows) == 18
    assert {r.plan_name for r in rows} == {"12 Week Improvement Plan August – October 2017"}
    dates = [r.due_date or D(1900, 1, 1) for r in rows]
    assert dates == sorted(dates) and dates[0] == D(2017, 10, 12) and dates[-1] == D(2017, 10, 31)


def test_a_held_meeting_without_items_can_still_be_built(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        meeting_id, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6), build_agenda=False)
        lifecycle.mark_held(session, meeting_id)
        agenda_builder.build_agenda(session, meeting_id)
        assert session.get(Meeting, meeting_id).status is MeetingStatus.HELD  # type: ignore[union-attr]
        assert len(_items(session, meeting_id)) == len(STANDING)  # draft minutes are still editable
