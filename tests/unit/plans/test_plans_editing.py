"""Tree operations on a plan: add, edit, move, indent/outdent, drag and drop, renumber, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import col, select

from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.core.models import (
    Action,
    ActionPlanLink,
    Person,
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    Recommendation,
    Role,
)
from boardapp.services import plan_editing as editing
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import Store
from tests.helpers.builders import Sample
from tests.helpers.plans import foreign_key_problems, positions, shape, tree

START = [
    (0, "1", "Leadership & governance"),
    (1, "1.1", "Establish the Improvement Board"),
    (2, "1.1.1", "Terms of reference agreed"),
    (1, "1.2", "Monthly performance clinics"),
    (0, "2", "Workforce"),
    (1, "2.1", "Recruitment campaign"),
]


def test_the_sample_starts_as_expected(store: Store, sample: Sample) -> None:
    assert shape(store, sample.plan_id) == START


# -- adding --------------------------------------------------------------------------------------


def test_add_child_gets_the_next_ref_and_the_siblings_kind(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        new_id, changes = editing.add_item(session, sample.plan_id, parent_id=sample.plan_items["1"], text="New one")
    assert changes == Changes(plans=frozenset({sample.plan_id}))
    assert shape(store, sample.plan_id)[4] == (1, "1.3", "New one")
    with store.session() as session:
        item = session.get(PlanItem, new_id)
        assert item is not None and item.kind is PlanItemKind.ACTION
        assert positions(session, sample.plan_id)[sample.plan_items["1"]] == [0, 1, 2]


def test_add_sibling_goes_right_after_it(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        editing.add_item(session, sample.plan_id, after_id=sample.plan_items["1.1"], text="Between")
    rows = shape(store, sample.plan_id)
    assert rows[3] == (1, "1.3", "Between")  # refs are not renumbered by themselves...
    assert rows[4] == (1, "1.2", "Monthly performance clinics")  # ...until the user asks
    with store.session() as session:
        assert positions(session, sample.plan_id)[sample.plan_items["1"]] == [0, 1, 2]


def test_add_top_level_and_first_child(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        area_id, _ = editing.add_item(session, sample.plan_id, text="Partnerships")
        child_id, _ = editing.add_item(session, sample.plan_id, parent_id=area_id, text="Agree protocol")
        area, child = session.get(PlanItem, area_id), session.get(PlanItem, child_id)
        assert area is not None and child is not None
        assert (area.ref, area.kind, area.position) == ("3", PlanItemKind.WORKSTREAM, 2)
        assert (child.ref, child.kind, child.parent_id) == ("3.1", PlanItemKind.ACTION, area_id)


def test_add_in_a_plan_without_refs_leaves_refs_empty(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        plan = Plan(name="No refs")
        session.add(plan)
        session.flush()
        area_id, _ = editing.add_item(session, plan.id or 0, text="MASH/Early Help")
        action_id, _ = editing.add_item(session, plan.id or 0, parent_id=area_id, text="Front door redesign")
        area, action = session.get(PlanItem, area_id), session.get(PlanItem, action_id)
        assert area is not None and action is not None
        assert (area.ref, area.kind) == ("", PlanItemKind.KEY_AREA)
        assert (action.ref, action.kind) == ("", PlanItemKind.ACTION)


@pytest.mark.parametrize(
    ("parent", "siblings", "expected"),
    [
        ("", [], "1"),
        ("", ["1", "2"], "3"),
        ("1.3", ["1.3.1", "1.3.2", "1.3.4", "1.3.6", "1.3.7"], "1.3.8"),  # 002 skips 1.3.5: gaps are kept
        ("4.7", ["4.7.2", "4.7.2"], "4.7.3"),  # 002 prints 4.7.2 twice
        ("2", ["", "x"], "2.1"),
    ],
)
def test_next_ref(parent: str, siblings: list[str], expected: str) -> None:
    assert editing.next_ref(parent, siblings) == expected


def test_add_refuses_blank_text_and_other_plans(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        with pytest.raises(InvalidChange):
            editing.add_item(session, sample.plan_id, text="   ")
        other = Plan(name="Other")
        session.add(other)
        session.flush()
        with pytest.raises(InvalidChange):
            editing.add_item(session, other.id or 0, parent_id=sample.plan_items["1"], text="x")


# -- editing -------------------------------------------------------------------------------------


def test_due_text_is_kept_verbatim_and_reparsed(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["1.1"]
    cases = [
        ("31 Sept 2017", PlanDueKind.INVALID, None),
        ("Monthly", PlanDueKind.RECURRING, None),
        ("Pilot November 2018 Roll Out June 2019", PlanDueKind.DATE, dt.date(2019, 6, 30)),
        ("Ongoing", PlanDueKind.ONGOING, None),
        ("", PlanDueKind.NONE, None),
    ]
    for due_text, kind, date in cases:
        with store.transaction() as session:
            editing.update_item(session, item_id, due_text=due_text)
        node = tree(store, sample.plan_id).find(item_id)
        assert node is not None
        assert (node.due_text, node.due_kind, node.due_date) == (due_text, kind, date), due_text
        if kind is PlanDueKind.INVALID:
            assert "September" in node.due_note


def test_lead_text_is_split_into_people_and_roles(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["2.1"]
    with store.transaction() as session:
        changes = editing.update_item(session, item_id, lead_text="Louise Storey / Heads of Service")
    assert changes.plans == frozenset({sample.plan_id})
    assert changes.people  # "Heads of Service" was a new role
    node = tree(store, sample.plan_id).find(item_id)
    assert node is not None
    assert node.leads == ("Louise Storey", "Heads of Service")
    with store.session() as session:
        leads = session.exec(select(PlanItemLead).where(PlanItemLead.plan_item_id == item_id)).all()
        assert [lead.person_id for lead in leads] == [sample.people["Louise Storey"], None]
        role = session.get(Role, leads[1].role_id)
        assert role is not None and role.name == "Heads of Service"
    # Known people are matched, not duplicated; the old leads are replaced.
    with store.transaction() as session:
        changes = editing.update_item(session, item_id, lead_text="Amanda Hatton")
        assert not changes.people
        assert len(session.exec(select(Person).where(Person.name == "Amanda Hatton")).all()) == 1
    node = tree(store, sample.plan_id).find(item_id)
    assert node is not None and node.leads == ("Amanda Hatton",)


def test_text_fields_and_unchanged_values(store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["1"]
    with store.transaction() as session:
        changes = editing.update_item(
            session,
            item_id,
            text="Leadership, governance & <oversight>",
            outcomes="  Partners held to account\nClear line of sight  \n",
            evidence_of_impact="Board minutes show challenge",
            oversight_group="  Improvement   Board ",
            ref="1 ",
        )
        assert changes == Changes(plans=frozenset({sample.plan_id}))
        assert editing.update_item(session, item_id, ref="1") == Changes()
    node = tree(store, sample.plan_id).find(item_id)
    assert node is not None
    assert node.text == "Leadership, governance & <oversight>"
    assert node.outcomes == "Partners held to account\nClear line of sight"
    assert node.oversight_group == "Improvement Board"
    assert node.evidence_of_impact == "Board minutes show challenge"


def test_update_refuses_blank_text_unknown_fields_and_missing_items(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        with pytest.raises(InvalidChange):
            editing.update_item(session, sample.plan_items["1.1"], text=" \n ")
        with pytest.raises(ValueError, match="plan_id"):
            editing.update_item(session, sample.plan_items["1.1"], plan_id=99)
        with pytest.raises(NotFound):
            editing.update_item(session, 999_999, text="x")


# -- moving --------------------------------------------------------------------------------------


def test_move_up_and_down(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        editing.move_item(session, sample.plan_items["1.2"], -1)
    assert [r[1] for r in shape(store, sample.plan_id)] == ["1", "1.2", "1.1", "1.1.1", "2", "2.1"]
    with store.transaction() as session:
        editing.move_item(session, sample.plan_items["1.2"], +1)
        with pytest.raises(InvalidChange, match="last"):
            editing.move_item(session, sample.plan_items["1.2"], +1)
        with pytest.raises(InvalidChange, match="first"):
            editing.move_item(session, sample.plan_items["1"], -1)
    assert shape(store, sample.plan_id) == START


def test_indent_and_outdent(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        editing.indent_item(session, sample.plan_items["1.2"])  # under 1.1, after 1.1.1
    assert [(d, r) for d, r, _ in shape(store, sample.plan_id)][:4] == [(0, "1"), (1, "1.1"), (2, "1.1.1"), (2, "1.2")]
    with store.transaction() as session:
        editing.outdent_item(session, sample.plan_items["1.2"])  # back, right after its old parent
    assert shape(store, sample.plan_id) == START
    with store.transaction() as session:
        editing.outdent_item(session, sample.plan_items["2.1"])  # to the top, after "2"
        with pytest.raises(InvalidChange, match="top"):
            editing.outdent_item(session, sample.plan_items["2.1"])
        with pytest.raises(InvalidChange, match="first"):
            editing.indent_item(session, sample.plan_items["1"])
        assert positions(session, sample.plan_id)[None] == [0, 1, 2]
    assert [(d, r) for d, r, _ in shape(store, sample.plan_id)][-2:] == [(0, "2"), (0, "2.1")]


def test_outdent_keeps_the_order_of_the_rest(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        editing.outdent_item(session, sample.plan_items["1.1"])
        assert positions(session, sample.plan_id)[None] == [0, 1, 2]
        assert positions(session, sample.plan_id)[sample.plan_items["1"]] == [0]
    assert [(d, r) for d, r, _ in shape(store, sample.plan_id)] == [
        (0, "1"),
        (1, "1.2"),
        (0, "1.1"),
        (1, "1.1.1"),
        (0, "2"),
        (1, "2.1"),
    ]


@pytest.mark.parametrize(
    ("moved", "parent", "row", "expected"),
    [
        ("2.1", "1", 0, ["1", "2.1", "1.1", "1.1.1", "1.2", "2"]),
        ("2.1", "1", None, ["1", "1.1", "1.1.1", "1.2", "2.1", "2"]),
        ("1.1", "1", 2, ["1", "1.2", "1.1", "1.1.1", "2", "2.1"]),  # down within the same parent
        ("1.2", "1", 0, ["1", "1.2", "1.1", "1.1.1", "2", "2.1"]),  # up within the same parent
        ("1.1", None, 0, ["1.1", "1.1.1", "1", "1.2", "2", "2.1"]),  # to the top, first
        ("1.2", "1.1.1", None, ["1", "1.1", "1.1.1", "1.2", "2", "2.1"]),  # onto an entry: its last child
    ],
)
def test_drag_and_drop(
    store: Store, sample: Sample, moved: str, parent: str | None, row: int | None, expected: list[str]
) -> None:
    parent_id = sample.plan_items[parent] if parent else None
    with store.transaction() as session:
        editing.move_item_to(session, sample.plan_items[moved], parent_id, row)
        for siblings in positions(session, sample.plan_id).values():
            assert siblings == list(range(len(siblings)))
    assert [r[1] for r in shape(store, sample.plan_id)] == expected


def test_drag_and_drop_refuses_cycles_and_other_plans(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        with pytest.raises(InvalidChange, match="under itself"):
            editing.move_item_to(session, sample.plan_items["1"], sample.plan_items["1.1.1"], None)
        with pytest.raises(InvalidChange, match="under itself"):
            editing.move_item_to(session, sample.plan_items["1.1"], sample.plan_items["1.1"], None)
        other = Plan(name="Other")
        session.add(other)
        session.flush()
        stranger = PlanItem(plan_id=other.id or 0, kind=PlanItemKind.KEY_AREA, text="Elsewhere")
        session.add(stranger)
        session.flush()
        with pytest.raises(InvalidChange, match="own plan"):
            editing.move_item_to(session, sample.plan_items["2.1"], stranger.id, None)


# -- renumbering ---------------------------------------------------------------------------------


def test_renumber_follows_positions(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        editing.move_item(session, sample.plan_items["1.2"], -1)
        editing.add_item(session, sample.plan_id, parent_id=sample.plan_items["2"], text="Second")
        preview = editing.renumber_preview(session, sample.plan_id)
    assert [(c.old, c.new) for c in preview] == [("1.2", "1.1"), ("1.1", "1.2"), ("1.1.1", "1.2.1")]
    with store.transaction() as session:
        count, changes = editing.renumber_plan(session, sample.plan_id)
        assert count == 3 and changes == Changes(plans=frozenset({sample.plan_id}))
        assert editing.renumber_plan(session, sample.plan_id) == (0, Changes())
    assert [(r[1], r[2]) for r in shape(store, sample.plan_id)] == [
        ("1", "Leadership & governance"),
        ("1.1", "Monthly performance clinics"),
        ("1.2", "Establish the Improvement Board"),
        ("1.2.1", "Terms of reference agreed"),
        ("2", "Workforce"),
        ("2.1", "Recruitment campaign"),
        ("2.2", "Second"),
    ]


def test_renumber_numbers_a_plan_that_had_no_refs(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        plan = Plan(name="No refs")
        session.add(plan)
        session.flush()
        area, _ = editing.add_item(session, plan.id or 0, text="Workforce")
        editing.add_item(session, plan.id or 0, parent_id=area, text="Launch academy")
        editing.add_item(session, plan.id or 0, parent_id=area, text="First cohort")
        count, _ = editing.renumber_plan(session, plan.id or 0)
        plan_id = plan.id or 0
    assert count == 3
    assert [r[1] for r in shape(store, plan_id)] == ["1", "1.1", "1.2"]


# -- deleting ------------------------------------------------------------------------------------


def test_delete_impact_names_what_goes(store: Store, sample: Sample) -> None:
    with store.session() as session:
        impact = editing.delete_impact(session, sample.plan_items["1"])
    assert impact.descendants == 3
    assert impact.board_action_links == 2  # 1.1 ← stats, video
    assert impact.recommendation_links == 2  # 1.1 → 2, 10
    assert set(impact.action_ids) == {sample.actions["stats"], sample.actions["video"]}
    text = impact.describe()
    assert "“1 Leadership & governance” and the 3 entries below it will be deleted." in text
    assert "2 links to board actions and 2 links to recommendations" in text
    with store.session() as session:
        leaf = editing.delete_impact(session, sample.plan_items["1.1.1"])
    assert leaf.describe() == "“1.1.1 Terms of reference agreed” will be deleted."


def test_delete_takes_descendants_and_links_but_not_what_they_linked(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        changes = editing.delete_item(session, sample.plan_items["1"])
    assert changes.plans == frozenset({sample.plan_id})
    assert changes.actions == frozenset({sample.actions["stats"], sample.actions["video"]})
    assert shape(store, sample.plan_id) == [(0, "2", "Workforce"), (1, "2.1", "Recruitment campaign")]
    with store.session() as session:
        gone = [sample.plan_items[r] for r in ("1", "1.1", "1.1.1", "1.2")]
        assert session.exec(select(PlanItem).where(col(PlanItem.id).in_(gone))).all() == []
        assert session.exec(select(PlanItemLead).where(col(PlanItemLead.plan_item_id).in_(gone))).all() == []
        assert session.exec(select(PlanItemRecommendation)).all() == []
        links = session.exec(select(ActionPlanLink)).all()
        assert [(link.action_id, link.plan_item_id) for link in links] == [
            (sample.actions["stats"], sample.plan_items["2.1"])
        ]
        assert len(session.exec(select(Recommendation)).all()) == 2  # the recommendations stay
        assert session.get(Action, sample.actions["video"]) is not None  # so do the board actions
        assert positions(session, sample.plan_id)[None] == [0]
        assert foreign_key_problems(session) == []
