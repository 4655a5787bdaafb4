"""No dangling links: whatever is deleted through the services, its links go with it and nothing else does."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, func, select

from boardapp.core.models import (
    Action,
    ActionPlanLink,
    Kpi,
    PlanItem,
    PlanItemKpi,
    PlanItemRecommendation,
    PlanStatusChange,
    Recommendation,
)
from boardapp.services import golden_thread as thread
from boardapp.services import kpis, minuting, plan_editing, plan_status
from boardapp.services import recommendations as recs
from boardapp.store.database import Store
from tests.helpers.builders import Sample
from tests.helpers.plans import (
    DEMO_12_WEEK,
    HEAT_MAPS,
    WORKFORCE_DASHBOARD,
    action_id_starting,
    foreign_key_problems,
    item_id_starting,
    plan_id_named,
    tree,
)


def count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def linked_everything(store: Store, sample: Sample) -> int:
    """Give 1.1 a status, a KPI link and (already) two board actions and two recommendations; returns the KPI id."""
    with store.transaction() as session:
        plan_status.set_status(session, sample.plan_items["1.1"], sample.levels["BLUE"], changed_on=dt.date(2017, 9, 1))
        kpi_id, _ = kpis.add_kpi(session, sample.plan_id, ref="1a", measure="Board attendance")
        kpis.link_kpi(session, sample.plan_items["1.1"], kpi_id)
        return kpi_id


def test_deleting_a_plan_item_leaves_no_links(store: Store, sample: Sample) -> None:
    kpi_id = linked_everything(store, sample)
    with store.transaction() as session:
        plan_editing.delete_item(session, sample.plan_items["1.1"])
    with store.session() as session:
        for model in (PlanItemRecommendation, PlanItemKpi, PlanStatusChange):
            assert count(session, model) == 0, model
        assert [link.plan_item_id for link in session.exec(select(ActionPlanLink)).all()] == [sample.plan_items["2.1"]]
        assert session.get(PlanItem, sample.plan_items["1.1.1"]) is None  # its child went with it
        assert count(session, Recommendation) == 2 and session.get(Kpi, kpi_id) is not None
        assert [i.item.ref for i in thread.action_thread(session, sample.actions["stats"]).items] == ["2.1"]
        assert thread.action_thread(session, sample.actions["video"]).items == ()
        assert all(not r.actions for r in recs.recommendation_rows(session, sample.plan_id))
        assert kpis.kpi_row(session, kpi_id).plan_item_refs == ()
        assert foreign_key_problems(session) == []


def test_deleting_a_recommendation_leaves_no_links(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        for rec_id in [r.id for r in recs.recommendation_rows(session, sample.plan_id)]:
            recs.delete_recommendation(session, rec_id)
    with store.session() as session:
        assert count(session, PlanItemRecommendation) == 0
        assert session.get(PlanItem, sample.plan_items["1.1"]) is not None
        assert foreign_key_problems(session) == []
    node = tree(store, sample.plan_id).find(sample.plan_items["1.1"])
    assert node is not None and node.recommendation_refs == ()


def test_deleting_a_board_action_leaves_no_links(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        minuting.delete_action(session, sample.actions["stats"])
    with store.session() as session:
        assert [link.action_id for link in session.exec(select(ActionPlanLink)).all()] == [sample.actions["video"]]
        assert thread.linked_board_actions(session, sample.plan_items["2.1"]) == []
        assert foreign_key_problems(session) == []
    nodes = {n.ref: n for n in tree(store, sample.plan_id).walk()}
    assert (nodes["1.1"].board_action_count, nodes["2.1"].board_action_count) == (1, 0)


def test_deleting_a_kpi_leaves_the_plan_item(store: Store, sample: Sample) -> None:
    kpi_id = linked_everything(store, sample)
    with store.transaction() as session:
        kpis.delete_kpi(session, kpi_id)
    with store.session() as session:
        assert count(session, PlanItemKpi) == 0
        assert session.get(PlanItem, sample.plan_items["1.1"]) is not None
        assert foreign_key_problems(session) == []


def test_deleting_a_demo_workstream_unlinks_the_heat_maps_action(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        plan_id = plan_id_named(session, DEMO_12_WEEK)
        dashboard = session.get(PlanItem, item_id_starting(session, plan_id, WORKFORCE_DASHBOARD))
        assert dashboard is not None and dashboard.parent_id is not None
        impact = plan_editing.delete_impact(session, dashboard.parent_id)  # the "Workforce Strategy" workstream
        assert impact.board_action_links == 1 and impact.descendants == 2
        heat_maps = action_id_starting(session, HEAT_MAPS)
        changes = plan_editing.delete_item(session, dashboard.parent_id)
        assert changes.actions == frozenset({heat_maps})
    with demo_store.session() as session:
        assert session.get(Action, heat_maps) is not None
        assert thread.action_thread(session, heat_maps).items == ()
        assert foreign_key_problems(session) == []
