"""Status over time: history order, the current level, summaries, scales and "since the last meeting"."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from boardapp.core.enums import ScaleKind
from boardapp.core.models import Action, ActionPlanLink, ActionUpdate, PlanItem, PlanStatusChange
from boardapp.services import plan_status as status
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import Store
from tests.helpers.builders import AUGUST, SEPTEMBER, TODAY, Sample
from tests.helpers.plans import (
    DEMO_12_WEEK,
    WORKFORCE_DASHBOARD,
    item_id_starting,
    plan_id_named,
    tree,
)

D = dt.date


def current(store: Store, item_id: int) -> tuple[str | None, str | None]:
    node = tree(store, store_plan(store, item_id)).find(item_id)
    assert node is not None
    return (node.progress.code if node.progress else None, node.impact.code if node.impact else None)


def store_plan(store: Store, item_id: int) -> int:
    with store.session() as session:
        item = session.get(PlanItem, item_id)
        assert item is not None
        return item.plan_id


def test_setting_a_status_records_it_and_updates_the_current_level(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["2.1"]  # RED
    with store.transaction() as session:
        change_id, changes = status.set_status(
            session,
            item_id,
            sample.levels["AMBER"],
            changed_on=D(2017, 8, 20),
            changed_by=" Louise  Storey ",
            reason="Campaign launched",
            meeting_id=sample.meetings["august"],
        )
    assert changes == Changes(plans=frozenset({sample.plan_id}))
    assert current(store, item_id) == ("AMBER", None)
    with store.session() as session:
        row = session.get(PlanStatusChange, change_id)
        assert row is not None
        assert (row.changed_by, row.reason, row.reported_at_meeting_id, row.scale_kind) == (
            "Louise Storey",
            "Campaign launched",
            sample.meetings["august"],
            ScaleKind.PROGRESS,
        )
        (entry,) = status.status_timeline(session, item_id)
    assert entry.meeting_label == "1 August 2017 meeting"
    assert entry.change_label == "Amber"  # the first recorded rating: nothing before it in the history


def test_history_is_newest_first_and_a_backdated_rating_does_not_overturn(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["1.2"]
    levels = sample.levels
    entries = [  # entered in this order
        (levels["RED"], D(2017, 8, 1), "slipped"),
        (levels["GREEN"], D(2017, 10, 10), "done"),
        (levels["AMBER"], D(2017, 9, 12), "back-dated: recovering"),
        (levels["BLUE"], D(2017, 10, 10), "same day, entered later: closed"),
    ]
    for level_id, on, reason in entries:
        with store.transaction() as session:
            status.set_status(session, item_id, level_id, changed_on=on, reason=reason)
    with store.session() as session:
        timeline = status.status_timeline(session, item_id)
    assert [(e.changed_on, e.level.code, e.reason) for e in timeline] == [
        (D(2017, 10, 10), "BLUE", "same day, entered later: closed"),
        (D(2017, 10, 10), "GREEN", "done"),
        (D(2017, 9, 12), "AMBER", "back-dated: recovering"),
        (D(2017, 8, 1), "RED", "slipped"),
    ]
    assert [e.change_label for e in timeline] == ["Green → Blue", "Amber → Green", "Red → Amber", "Red"]
    assert current(store, item_id) == ("BLUE", None)
    # Deleting the latest falls back to the one before; deleting all leaves the entry unrated.
    for expected in ("GREEN", "AMBER", "RED", None):
        with store.transaction() as session:
            status.delete_status_change(session, status.status_timeline(session, item_id)[0].id)
        assert current(store, item_id) == (expected, None)


def test_a_status_must_be_on_the_plans_scale(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        with pytest.raises(InvalidChange, match="no impact scale"):
            status.set_status(
                session, sample.plan_items["1.1"], sample.levels["RED"], changed_on=TODAY, scale_kind=ScaleKind.IMPACT
            )
        other_id, _ = status.create_preset_scale(session, "Red / Yellow / Green")
        (other,) = [s for s in status.list_scales(session) if s.id == other_id]
        with pytest.raises(InvalidChange, match="not on this plan's progress scale"):
            status.set_status(session, sample.plan_items["1.1"], other.levels[0].id, changed_on=TODAY)
        with pytest.raises(NotFound):
            status.set_status(session, 999_999, sample.levels["RED"], changed_on=TODAY)
        with pytest.raises(NotFound):
            status.set_status(
                session, sample.plan_items["1.1"], sample.levels["RED"], changed_on=TODAY, meeting_id=999_999
            )


def test_progress_and_impact_are_separate_histories(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["1.1"]
    with store.transaction() as session:
        impact_scale, _ = status.create_preset_scale(session, "Evidence of impact")
        assert status.set_plan_scale(session, sample.plan_id, ScaleKind.IMPACT, impact_scale).plans
        assert status.set_plan_scale(session, sample.plan_id, ScaleKind.IMPACT, impact_scale) == Changes()
        (scale,) = [s for s in status.list_scales(session) if s.id == impact_scale]
        status.set_status(session, item_id, scale.levels[1].id, changed_on=D(2017, 9, 1), scale_kind=ScaleKind.IMPACT)
        status.set_status(session, item_id, sample.levels["AMBER"], changed_on=D(2017, 9, 2))
    assert current(store, item_id) == ("AMBER", "EMERGING")
    with store.session() as session:
        timeline = status.status_timeline(session, item_id)
    assert [(e.scale_label, e.level.label) for e in timeline] == [("Progress", "Amber"), ("Impact", "Emerging")]
    assert all(e.previous is None for e in timeline)  # each the first on its own scale


def test_summary_counts_actions_per_key_area_in_scale_order(store: Store, sample: Sample) -> None:
    summary = status.summarise(tree(store, sample.plan_id))
    assert [lv.code for lv in summary.scale] == ["RED", "AMBER", "GREEN", "BLUE"]
    counts = {area.ref: [(c.label, c.count) for c in area.counts] for area in summary.areas}
    assert counts == {
        "1": [("Red", 0), ("Amber", 1), ("Green", 1), ("Blue", 0), ("Not rated", 1)],  # 1.2, 1.1, 1.1.1
        "2": [("Red", 1), ("Amber", 0), ("Green", 0), ("Blue", 0), ("Not rated", 0)],
    }
    assert summary.whole.total == 4  # workstreams are not counted: they carry no rating
    assert summary.whole.describe() == "1 Red, 1 Amber, 1 Green, 1 not rated"
    assert summary.areas[0].label == "1 Leadership & governance"


def test_changes_since_the_last_meeting(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        status.set_status(
            session,
            sample.plan_items["1.2"],
            sample.levels["GREEN"],
            changed_on=D(2017, 8, 20),
            reason="Clinics running",
            meeting_id=sample.meetings["september"],
        )
        status.set_status(session, sample.plan_items["2.1"], sample.levels["AMBER"], changed_on=D(2017, 7, 1))
        since = status.changes_since(session, sample.plan_id, today=TODAY)
    assert since.since_meeting is not None and since.since_meeting.date == AUGUST  # the last held meeting
    assert since.since == AUGUST
    assert [(c.item_ref, c.change.change_label) for c in since.status_changes] == [("1.2", "Green")]
    # Board actions linked to the plan and raised at (or after) the August meeting, or updated since.
    assert sorted(a.ref for a in since.board_actions) == ["IB-stats", "IB-video"]
    stats = next(a for a in since.board_actions if a.ref == "IB-stats")
    assert stats.what.startswith("raised 1 Aug 2017; updated 10 Oct 2017: Report drafted")
    assert set(stats.plan_items) == {"1.1 Establish the Improvement Board", "2.1 Recruitment campaign"}
    assert stats.raised_item == "item 3: Being a Good Corporate Parent"
    # A chosen date after everything: nothing.
    with store.session() as session:
        later = status.changes_since(session, sample.plan_id, today=TODAY, since=dt.date(2018, 1, 1))
    assert later.is_empty and later.since_meeting is None


def test_changes_since_counts_an_update_to_an_older_action(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        late = session.get(Action, sample.actions["late"])  # raised in June
        assert late is not None
        session.add(ActionPlanLink(action_id=late.id or 0, plan_item_id=sample.plan_items["2.1"]))
        session.add(ActionUpdate(action_id=late.id or 0, recorded_on=SEPTEMBER, note="Strategy drafted"))
        session.flush()
        since = status.changes_since(session, sample.plan_id, today=TODAY, since=dt.date(2017, 9, 1))
    assert [(a.ref, a.what) for a in since.board_actions] == [
        ("IB-stats", "updated 10 Oct 2017: Report drafted"),
        ("IB-late", "updated 12 Sep 2017: Strategy drafted"),
    ]


def test_a_plan_without_a_scale_can_be_given_one(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        plan_id = plan_id_named(session, DEMO_12_WEEK)
        item_id = item_id_starting(session, plan_id, WORKFORCE_DASHBOARD)
        with pytest.raises(InvalidChange, match="no progress scale"):
            status.set_status(session, item_id, 1, changed_on=D(2017, 9, 12))
        scale_id, _ = status.create_preset_scale(session, "RAG with Blue for completed")
        assert status.create_preset_scale(session, "RAG with Blue for completed")[0] == scale_id  # not twice
        status.set_plan_scale(session, plan_id, ScaleKind.PROGRESS, scale_id)
        (scale,) = [s for s in status.list_scales(session) if s.id == scale_id]
        status.set_status(session, item_id, scale.levels[1].id, changed_on=D(2017, 9, 12), reason="Dashboard drafted")
        meetings = status.board_meetings(session, plan_id)
    assert [m.date for m in meetings][:2] == [D(2017, 10, 10), D(2017, 9, 12)]
    node = tree(demo_store, plan_id).find(item_id)
    assert node is not None and node.progress is not None and node.progress.label == "Amber"


def test_create_scale_checks_its_levels(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        with pytest.raises(InvalidChange):
            status.create_scale(session, "  ", [status.LevelSpec("R", "Red", "#f00")])
        with pytest.raises(InvalidChange):
            status.create_scale(
                session, "Dup", [status.LevelSpec("R", "Red", "#f00"), status.LevelSpec("r", "", "#0f0")]
            )
        scale_id, _ = status.create_scale(
            session,
            "Two",
            [status.LevelSpec("no", "", "#f00"), status.LevelSpec("yes", "Yes", "#0f0", means_complete=True)],
        )
        (scale,) = [s for s in status.list_scales(session) if s.id == scale_id]
    assert [(lv.code, lv.label, lv.position, lv.means_complete) for lv in scale.levels] == [
        ("NO", "No", 0, False),
        ("YES", "Yes", 1, True),
    ]


def test_history_survives_a_board_meeting_being_deleted(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        status.set_status(
            session,
            sample.plan_items["1.1"],
            sample.levels["BLUE"],
            changed_on=D(2017, 10, 10),
            meeting_id=sample.meetings["october"],
        )
    with store.transaction() as session:
        from boardapp.core.models import Meeting

        meeting = session.get(Meeting, sample.meetings["october"])
        session.delete(meeting)
    with store.session() as session:
        (entry,) = status.status_timeline(session, sample.plan_items["1.1"])
        assert (entry.meeting_id, entry.level.code) == (None, "BLUE")
        assert len(session.exec(select(PlanStatusChange)).all()) == 1
