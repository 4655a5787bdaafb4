"""What deleting things does to what hangs off them: nothing is left dangling, history survives."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from boardapp.core.enums import ActionStatus, DueKind, PlanItemKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionPlanLink,
    ActionUpdate,
    AgendaItem,
    Board,
    Meeting,
    Minute,
    Person,
    Plan,
    PlanItem,
    PlanItemRecommendation,
    Recommendation,
    ReviewSource,
)
from boardapp.store.database import Store


def _seed(session: Session) -> dict[str, int]:
    board = Board(name="Improvement Board", short_name="IB")
    person = Person(name="Louise Storey", aliases=["L Storey"])
    session.add_all([board, person])
    session.flush()
    june = Meeting(board_id=board.id or 0, date=dt.date(2017, 6, 6))
    august = Meeting(board_id=board.id or 0, date=dt.date(2017, 8, 1))
    session.add_all([june, august])
    session.flush()
    item = AgendaItem(meeting_id=august.id or 0, position=1, title="DCS Progress and update")
    session.add(item)
    session.flush()
    session.add(Minute(agenda_item_id=item.id or 0, notes="- Morale generally good."))
    plan = Plan(name="12 Week Plan")
    session.add(plan)
    session.flush()
    area = PlanItem(plan_id=plan.id or 0, kind=PlanItemKind.KEY_AREA, text="Workforce")
    session.add(area)
    session.flush()
    plan_action = PlanItem(plan_id=plan.id or 0, parent_id=area.id, kind=PlanItemKind.ACTION, text="Dashboard")
    source = ReviewSource(title="Ofsted 2018")
    session.add_all([plan_action, source])
    session.flush()
    recommendation = Recommendation(source_id=source.id or 0, ref="10", text="Improve the use of data")
    session.add(recommendation)
    session.flush()
    session.add(PlanItemRecommendation(plan_item_id=plan_action.id or 0, recommendation_id=recommendation.id or 0))
    action = Action(
        board_id=board.id or 0,
        ref="IB-20170801-01",
        text="Heat maps report",
        raised_meeting_id=august.id,
        raised_item_id=item.id,
        due_kind=DueKind.MEETING,
        due_meeting_id=june.id,
    )
    session.add(action)
    session.flush()
    session.add(ActionOwner(action_id=action.id or 0, person_id=person.id))
    session.add(ActionPlanLink(action_id=action.id or 0, plan_item_id=plan_action.id or 0))
    session.add(
        ActionUpdate(action_id=action.id or 0, recorded_on=dt.date(2017, 9, 12), status_to=ActionStatus.COMPLETED)
    )
    session.flush()
    return {
        "board": board.id or 0,
        "person": person.id or 0,
        "june": june.id or 0,
        "august": august.id or 0,
        "item": item.id or 0,
        "plan": plan.id or 0,
        "area": area.id or 0,
        "plan_action": plan_action.id or 0,
        "action": action.id or 0,
        "recommendation": recommendation.id or 0,
    }


def test_deleting_a_plan_action_removes_its_links_but_not_the_board_action(store: Store) -> None:
    with store.transaction() as session:
        ids = _seed(session)
    with store.transaction() as session:
        session.delete(session.get(PlanItem, ids["area"]))  # the whole branch goes
    with store.session() as session:
        assert session.get(PlanItem, ids["plan_action"]) is None
        assert session.exec(select(ActionPlanLink)).all() == []
        assert session.exec(select(PlanItemRecommendation)).all() == []
        assert session.get(Action, ids["action"]) is not None
        assert session.get(Recommendation, ids["recommendation"]) is not None


def test_deleting_a_meeting_keeps_actions_due_at_it_but_unschedules_them(store: Store) -> None:
    with store.transaction() as session:
        ids = _seed(session)
    with store.transaction() as session:
        session.delete(session.get(Meeting, ids["june"]))
    with store.session() as session:
        action = session.get(Action, ids["action"])
        assert action is not None
        assert action.due_meeting_id is None


def test_deleting_an_action_takes_its_owners_updates_and_links(store: Store) -> None:
    with store.transaction() as session:
        ids = _seed(session)
    with store.transaction() as session:
        session.delete(session.get(Action, ids["action"]))
    with store.session() as session:
        assert session.exec(select(ActionOwner)).all() == []
        assert session.exec(select(ActionUpdate)).all() == []
        assert session.exec(select(ActionPlanLink)).all() == []
        assert session.get(Person, ids["person"]) is not None


def test_person_aliases_round_trip_as_a_list(store: Store) -> None:
    with store.transaction() as session:
        ids = _seed(session)
    with store.session() as session:
        person = session.get(Person, ids["person"])
        assert person is not None and person.aliases == ["L Storey"]


def test_formal_name_joins_title_name_and_honours() -> None:
    person = Person(name="Geoff Driver", title="County Councillor", honours="CBE")
    assert person.formal_name == "County Councillor Geoff Driver CBE"
    assert Person(name="Jane Booth").formal_name == "Jane Booth"
