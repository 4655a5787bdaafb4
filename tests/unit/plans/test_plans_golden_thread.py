"""The golden thread on the demo data, read from both ends, and links made from either side."""

from __future__ import annotations

import datetime as dt

from boardapp.core.enums import ActionStatus, ScaleKind
from boardapp.services import golden_thread as thread
from boardapp.services import plan_status
from boardapp.services import recommendations as recs
from boardapp.services.changes import Changes
from boardapp.store.database import Store
from tests.helpers.builders import Sample
from tests.helpers.plans import (
    DEMO_12_WEEK,
    DEMO_DEVELOPMENT,
    HEAT_MAPS,
    WORKFORCE_DASHBOARD,
    action_id_starting,
    item_id_starting,
    plan_id_named,
)
from tests.helpers.querycount import count_queries


def test_heat_maps_board_action_serves_the_workforce_dashboard(demo_store: Store) -> None:
    with demo_store.session() as session:
        (found,) = thread.search_board_actions(session, "heat MAPS retention")
        assert found.text.startswith(HEAT_MAPS)
        result = thread.action_thread(session, found.id)
    assert result.action.owners == ("Louise Storey",)
    assert result.action.raised_on == dt.date(2017, 8, 1)
    assert result.action.raised_item_number is not None and result.action.raised_item_title
    assert result.action.raised_at.startswith("1 Aug 2017, item ")
    (item,) = result.items
    assert item.item.plan_name == DEMO_12_WEEK
    assert item.item.text.startswith(WORKFORCE_DASHBOARD)
    assert item.item.ref == ""  # the 12 week plan numbers nothing
    assert [a.id for a in item.board_actions] == [found.id]
    assert result.recommendations == ()  # the 12 week plan predates the 2018 inspection


def test_from_the_plan_action_back_to_the_minute(demo_store: Store) -> None:
    with demo_store.session() as session:
        plan_id = plan_id_named(session, DEMO_12_WEEK)
        item_id = item_id_starting(session, plan_id, WORKFORCE_DASHBOARD)
        item = thread.plan_item_thread(session, item_id)
    (action,) = item.board_actions
    assert action.text.startswith(HEAT_MAPS)
    assert action.status is ActionStatus.OPEN and action.status_label == "Open"
    assert action.board_name == "Lancashire Children's Services Improvement Board"


def test_recommendation_thread_with_history_and_board_actions(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        plan_id = plan_id_named(session, DEMO_DEVELOPMENT)
        rec_five = next(r for r in recs.recommendation_rows(session, plan_id) if r.ref == "5")
        strategy = item_id_starting(session, plan_id, "Develop a refreshed multi-agency Neglect Strategy")
        heat_maps = action_id_starting(session, HEAT_MAPS)
        levels = {lv.code: lv.id for lv in plan_status.list_scales(session)[0].levels}
        plan_status.set_status(session, strategy, levels["AMBER"], changed_on=dt.date(2018, 12, 1), reason="Drafting")
        plan_status.set_status(session, strategy, levels["BLUE"], changed_on=dt.date(2019, 1, 31), reason="Agreed")
        changes = thread.link_action(session, heat_maps, strategy, note="evidence for the neglect strategy")
        assert changes == Changes(plans=frozenset({plan_id}), actions=frozenset({heat_maps}))
        assert thread.link_action(session, heat_maps, strategy) == Changes()  # once only
    with demo_store.session() as session, count_queries(demo_store.engine) as queries:
        result = thread.recommendation_thread(session, rec_five.id)
    assert queries.count <= 15  # fixed, whatever the number of actions
    assert [i.item.ref for i in result.items] == ["1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "3.1.4"]
    neglect = result.items[1]
    assert [(h.changed_on, h.change_label, h.reason) for h in neglect.history] == [
        (dt.date(2019, 1, 31), "Amber → Blue", "Agreed"),
        (dt.date(2018, 12, 1), "Amber", "Drafting"),
    ]
    (linked,) = neglect.board_actions
    assert linked.text.startswith(HEAT_MAPS) and linked.link_note == "evidence for the neglect strategy"
    assert [r.ref for r in neglect.recommendations] == ["5"]
    assert result.board_action_count == 1
    # And from the board action: the plan action and the recommendation it serves, across plans.
    with demo_store.session() as session:
        back = thread.action_thread(session, heat_maps)
    assert {i.item.plan_name for i in back.items} == {DEMO_12_WEEK, DEMO_DEVELOPMENT}
    assert [r.label for r in back.recommendations] == ["Recommendation 5"]


def test_unlink_from_either_side(store: Store, sample: Sample) -> None:
    stats, item = sample.actions["stats"], sample.plan_items["2.1"]
    with store.transaction() as session:
        assert thread.unlink_action(session, stats, item) == Changes(
            plans=frozenset({sample.plan_id}), actions=frozenset({stats})
        )
        assert thread.unlink_action(session, stats, item) == Changes()
        assert [i.item.ref for i in thread.action_thread(session, stats).items] == ["1.1"]
        assert thread.linked_board_actions(session, item) == []


def test_search_plan_items_by_ref_and_words(demo_store: Store) -> None:
    with demo_store.session() as session:
        plan_id = plan_id_named(session, DEMO_DEVELOPMENT)
        by_ref = thread.search_plan_items(session, "1.2", plan_id=plan_id)
        by_words = thread.search_plan_items(session, "neglect toolkit")
        none = thread.search_plan_items(session, "100%_")
        everything = thread.search_plan_items(session, "", plan_id=plan_id, limit=500)
    assert [b.ref for b in by_ref][:6] == ["1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5"]
    assert [b.ref for b in by_words] == ["1.2.4"]
    assert none == []  # % and _ are matched literally
    assert len(everything) > 100


def test_search_recommendations_and_board_actions_per_board(store: Store, sample: Sample) -> None:
    with store.session() as session:
        assert [r.ref for r in thread.search_recommendations(session, "", plan_id=sample.plan_id)] == ["2", "10"]
        assert [r.ref for r in thread.search_recommendations(session, "caseloads")] == ["2"]
        assert [a.ref for a in thread.search_board_actions(session, "review", board_id=sample.other_board_id)] == [
            "MASH-1"
        ]
        assert thread.search_board_actions(session, "review", board_id=sample.board_id) == []


def test_impact_ratings_appear_in_the_thread(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        scale_id, _ = plan_status.create_preset_scale(session, "Evidence of impact")
        plan_status.set_plan_scale(session, sample.plan_id, ScaleKind.IMPACT, scale_id)
        (scale,) = [s for s in plan_status.list_scales(session) if s.id == scale_id]
        plan_status.set_status(
            session,
            sample.plan_items["1.1"],
            scale.levels[2].id,
            changed_on=dt.date(2017, 10, 1),
            scale_kind=ScaleKind.IMPACT,
        )
        item = thread.plan_item_thread(session, sample.plan_items["1.1"])
    assert item.item.impact is not None and item.item.shows_impact
    assert [h.scale_label for h in item.history] == ["Impact"]
