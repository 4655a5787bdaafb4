"""The recommendations register: phases derived from plan actions (table-driven), overrides, sign-off, links."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from boardapp.core.enums import PlanItemKind, ScaleKind
from boardapp.core.models import PlanItemRecommendation, Recommendation
from boardapp.services import plan_status
from boardapp.services import recommendations as recs
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange
from boardapp.services.plans import Level
from boardapp.store.database import Store
from tests.helpers.builders import Sample
from tests.helpers.plans import DEMO_DEVELOPMENT, plan_id_named

RED = Level(1, 1, 0, "RED", "Red", "#C00000", "", False)
AMBER = Level(2, 1, 1, "AMBER", "Amber", "#FFC000", "", False)
GREEN = Level(3, 1, 2, "GREEN", "Green", "#00B050", "", False)
BLUE = Level(4, 1, 3, "BLUE", "Blue", "#2F5597", "Completed", True)
NO_IMPACT = Level(5, 2, 0, "NONE", "No evidence", "#C00000", "", False)
EVIDENCED = Level(6, 2, 2, "EVIDENCED", "Evidenced", "#00B050", "", True)


def brief(
    ref: str, progress: Level | None = None, impact: Level | None = None, evidence: str = ""
) -> recs.PlanActionBrief:
    return recs.PlanActionBrief(
        id=hash(ref) % 10_000,
        plan_id=1,
        plan_name="Plan",
        ref=ref,
        text=f"Action {ref}",
        kind=PlanItemKind.ACTION,
        progress=progress,
        impact=impact,
        impact_is_evidence=impact is not None and impact.means_complete,
        evidence_of_impact=evidence,
    )


@pytest.mark.parametrize(
    ("actions", "expected", "words"),
    [
        ([], None, "no plan action addresses"),
        ([brief("1.1", BLUE)], True, "the plan action is at a completed status (Blue)"),
        ([brief("1.1", BLUE), brief("1.2", BLUE)], True, "all 2 plan actions are at a completed status"),
        ([brief("1.1", BLUE), brief("1.2", GREEN)], False, "1 of 2 plan actions complete; not yet: 1.2 Green"),
        ([brief("1.1", BLUE), brief("1.2")], False, "not yet: 1.2 not rated"),
        ([brief("1.1", RED), brief("1.2", AMBER)], False, "0 of 2"),
        ([brief(f"1.{n}", AMBER) for n in range(1, 8)], False, "and 2 more"),
    ],
)
def test_derive_actions_complete(actions: list[recs.PlanActionBrief], expected: bool | None, words: str) -> None:
    value, explanation = recs.derive_actions_complete(actions)
    assert value is expected
    assert words in explanation


@pytest.mark.parametrize(
    ("actions", "expected", "words"),
    [
        ([], None, "no plan action addresses"),
        ([brief("1.1", BLUE), brief("1.2", GREEN)], None, "no impact rating or evidence"),
        ([brief("1.1", impact=EVIDENCED)], True, "every plan action (1.1)"),
        ([brief("1.1", impact=EVIDENCED), brief("1.2", impact=NO_IMPACT)], False, "1 of 2 plan actions show impact"),
        ([brief("1.1", evidence="Audits show better plans"), brief("1.2", evidence="Fewer re-referrals")], True, ""),
        ([brief("1.1", evidence="Audits show better plans"), brief("1.2")], False, "not yet: 1.2"),
        # A rating wins over text: "no evidence" rated, whatever was written.
        ([brief("1.1", impact=NO_IMPACT, evidence="Some anecdotes")], False, "0 of 1"),
    ],
)
def test_derive_impact_evidenced(actions: list[recs.PlanActionBrief], expected: bool | None, words: str) -> None:
    value, explanation = recs.derive_impact_evidenced(actions)
    assert value is expected
    assert words in explanation


@pytest.mark.parametrize(
    ("derived", "override", "value", "label", "tooltip"),
    [
        (None, None, False, "–", "Derived: why"),
        (True, None, True, "Yes", "Derived: why"),
        (False, None, False, "No", "Derived: why"),
        (False, True, True, "Yes", "Set by hand to yes. Derived from the plan actions it would be no: why"),
        (True, False, False, "No", "Set by hand to no. Derived from the plan actions it would be yes: why"),
        (None, True, True, "Yes", "Set by hand to yes. It cannot be derived from the plan actions: why"),
    ],
)
def test_phase(derived: bool | None, override: bool | None, value: bool, label: str, tooltip: str) -> None:
    phase = recs.make_phase(derived, "why", override)
    assert (phase.value, phase.label, phase.is_set_by_hand) == (value, label, override is not None)
    assert phase.tooltip.startswith(tooltip)


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("Recommendation 1,5,6,8,11", ["1", "5", "6", "8", "11"]),
        ("Recommendation 10 and 1", ["10", "1"]),
        ("Recommendation 9 and 4", ["9", "4"]),
        ("Recs 2 & 10", ["2", "10"]),
        ("B12, B13", ["B12", "B13"]),
        ("ALL", None),
        ("", []),
        ("1, 1, 2", ["1", "2"]),
    ],
)
def test_parse_recommendation_refs(text: str, refs: list[str] | None) -> None:
    assert recs.parse_recommendation_refs(text) == refs


def rows_by_ref(store: Store, plan_id: int) -> dict[str, recs.RecommendationRow]:
    with store.session() as session:
        return {row.ref: row for row in recs.recommendation_rows(session, plan_id)}


def test_register_on_the_sample(store: Store, sample: Sample) -> None:
    rows = rows_by_ref(store, sample.plan_id)
    assert list(rows) == ["2", "10"]  # natural order
    two = rows["2"]
    assert [a.ref for a in two.actions] == ["1.1"]
    assert (two.actions_complete.value, two.actions_complete.derived) == (False, False)  # 1.1 is Green, not Blue
    assert two.impact_evidenced.derived is None
    assert two.phases_done == 0 and two.label == "Recommendation 2"
    with store.transaction() as session:
        plan_status.set_status(
            session, sample.plan_items["1.1"], sample.levels["BLUE"], changed_on=dt.date(2017, 10, 1)
        )
    assert rows_by_ref(store, sample.plan_id)["2"].actions_complete.value is True


def test_overrides_and_sign_off(store: Store, sample: Sample) -> None:
    rec_id = rows_by_ref(store, sample.plan_id)["10"].id
    with store.transaction() as session:
        changes = recs.set_phase(session, rec_id, "impact_evidenced", True)
        assert changes == Changes(plans=frozenset({sample.plan_id}))
        assert recs.set_phase(session, rec_id, "impact_evidenced", True) == Changes()
        recs.set_phase(session, rec_id, "actions_complete", False)
        recs.sign_off(session, rec_id, meeting_id=sample.meetings["october"])
        with pytest.raises(ValueError):
            recs.set_phase(session, rec_id, "signed_off", True)
    row = rows_by_ref(store, sample.plan_id)["10"]
    assert row.impact_evidenced.is_set_by_hand and row.impact_evidenced.value
    assert row.actions_complete.label == "No" and row.actions_complete.is_set_by_hand
    assert row.signed_off and row.signed_off_label == "10 October 2017 meeting"
    assert row.signed_off_on == dt.date(2017, 10, 10)
    assert row.phases_done == 2
    with store.transaction() as session:
        recs.set_phase(session, rec_id, "impact_evidenced", None)  # back to derived
        recs.sign_off(session, rec_id, meeting_id=None)
    row = rows_by_ref(store, sample.plan_id)["10"]
    assert not row.impact_evidenced.is_set_by_hand and not row.signed_off


def test_add_edit_and_refuse_duplicate_refs(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        source_id = recs.list_sources(session)[0].id
        new_id, changes = recs.add_recommendation(
            session, source_id=source_id, ref="11", text="Domestic abuse", plan_id=sample.plan_id, lead="Head of FARY"
        )
        assert changes.plans == frozenset({sample.plan_id})
        with pytest.raises(InvalidChange, match="already has a recommendation 11"):
            recs.add_recommendation(session, source_id=source_id, ref="11", text="Again")
        with pytest.raises(InvalidChange, match="already has a recommendation 2"):
            recs.update_recommendation(session, new_id, ref="2")
        recs.update_recommendation(session, new_id, text="Domestic abuse responses", key_area="Partnerships")
        assert recs.update_recommendation(session, new_id, lead="Head of FARY") == Changes()
        other_source, _ = recs.add_source(session, "Peer review 2017")
        recs.add_recommendation(session, source_id=other_source, ref="11", text="Same ref, other review")
    row = rows_by_ref(store, sample.plan_id)["11"]
    assert (row.text, row.key_area, row.lead, row.actions) == (
        "Domestic abuse responses",
        "Partnerships",
        "Head of FARY",
        (),
    )


def test_link_from_the_plan_side_by_typed_refs(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["2.1"]
    with store.transaction() as session:
        changes = recs.set_item_recommendations(session, item_id, "Recommendation 2 and 10")
        assert changes.plans == frozenset({sample.plan_id})
        with pytest.raises(InvalidChange, match="no recommendation 7"):
            recs.set_item_recommendations(session, item_id, "2, 7")
    assert [a.ref for a in rows_by_ref(store, sample.plan_id)["2"].actions] == ["1.1", "2.1"]
    with store.transaction() as session:
        recs.set_item_recommendations(session, item_id, "10")
        assert recs.set_item_recommendations(session, item_id, "Rec 10") == Changes()
    rows = rows_by_ref(store, sample.plan_id)
    assert [a.ref for a in rows["2"].actions] == ["1.1"]
    assert [a.ref for a in rows["10"].actions] == ["1.1", "2.1"]
    with store.transaction() as session:
        recs.set_item_recommendations(session, item_id, "ALL")
        assert (
            len(
                session.exec(select(PlanItemRecommendation).where(PlanItemRecommendation.plan_item_id == item_id)).all()
            )
            == 2
        )
        recs.set_item_recommendations(session, item_id, "")
        recs.unlink_recommendation(session, sample.plan_items["1.1"], rows["2"].id)
        assert recs.unlink_recommendation(session, sample.plan_items["1.1"], rows["2"].id) == Changes()
        assert recs.link_recommendation(session, sample.plan_items["1.1"], rows["10"].id) == Changes()  # already


def test_register_on_the_demo_development_plan(demo_store: Store) -> None:
    with demo_store.session() as session:
        plan_id = plan_id_named(session, DEMO_DEVELOPMENT)
        rows = recs.recommendation_rows(session, plan_id)
    assert [r.ref for r in rows] == [str(n) for n in range(1, 12)]
    five = rows[4]
    assert five.source_title.startswith("Ofsted inspection")
    assert [a.ref for a in five.actions] == ["1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "3.1.4"]
    assert five.key_area == "Effective Partnership Working"
    assert "0 of 7 plan actions complete" in five.actions_complete.tooltip
    assert five.impact_evidenced.label == "–"


def test_impact_scale_levels_count_as_evidence(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        plan_id = plan_id_named(session, DEMO_DEVELOPMENT)
        scale_id, _ = plan_status.create_preset_scale(session, "Evidence of impact")
        plan_status.set_plan_scale(session, plan_id, ScaleKind.IMPACT, scale_id)
        (scale,) = [s for s in plan_status.list_scales(session) if s.id == scale_id]
        eight = next(r for r in recs.recommendation_rows(session, plan_id) if r.ref == "8")
        for action in eight.actions:
            plan_status.set_status(
                session, action.id, scale.levels[-1].id, changed_on=dt.date(2019, 4, 1), scale_kind=ScaleKind.IMPACT
            )
        eight = next(r for r in recs.recommendation_rows(session, plan_id) if r.ref == "8")
    assert eight.impact_evidenced.value is True and not eight.impact_evidenced.is_set_by_hand
    assert eight.actions_complete.value is False


def test_deleting_a_recommendation_keeps_the_plan_actions(store: Store, sample: Sample) -> None:
    rec_id = rows_by_ref(store, sample.plan_id)["2"].id
    with store.transaction() as session:
        assert recs.delete_recommendation(session, rec_id) == Changes(plans=frozenset({sample.plan_id}))
        assert session.get(Recommendation, rec_id) is None
        links = session.exec(select(PlanItemRecommendation)).all()
        assert [link.recommendation_id for link in links] == [rows_by_ref(store, sample.plan_id)["10"].id]
    assert list(rows_by_ref(store, sample.plan_id)) == ["10"]
