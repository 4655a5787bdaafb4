"""plan_tree: the plan as nested plain nodes, in position order, with one query per table (no Qt)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.services.plans import PlanNode, natural_key, plan_tree
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, PLAN_NAME, Sample
from tests.helpers.querycount import count_queries


def nodes_by_ref(roots: tuple[PlanNode, ...]) -> dict[str, PlanNode]:
    found: dict[str, PlanNode] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        found[node.ref] = node
        stack.extend(node.children)
    return found


def test_plan_header_and_scale(store: Store, sample: Sample) -> None:
    with store.session() as session:
        tree = plan_tree(session, sample.plan_id)
    assert (tree.name, tree.board_name, tree.period_text) == (PLAN_NAME, BOARD_NAME, "August – October 2017")
    assert [level.code for level in tree.progress_scale] == ["RED", "AMBER", "GREEN", "BLUE"]
    assert tree.progress_scale[3].means_complete
    assert tree.impact_scale == ()


def test_tree_shape_follows_positions(store: Store, sample: Sample) -> None:
    with store.session() as session:
        tree = plan_tree(session, sample.plan_id)
    assert [root.ref for root in tree.roots] == ["1", "2"]
    assert [child.ref for child in tree.roots[0].children] == ["1.1", "1.2"]
    assert [child.ref for child in tree.roots[0].children[0].children] == ["1.1.1"]
    assert [node.ref for node in tree.walk()] == ["1", "1.1", "1.1.1", "1.2", "2", "2.1"]


def test_node_fields(store: Store, sample: Sample) -> None:
    with store.session() as session:
        nodes = nodes_by_ref(plan_tree(session, sample.plan_id).roots)
    area = nodes["1"]
    assert (area.kind, area.kind_label) == (PlanItemKind.WORKSTREAM, "Workstream")
    assert area.outcomes == "Board holds partners to account\nClear line of sight"
    assert area.progress is None
    action = nodes["1.1"]
    assert action.id == sample.plan_items["1.1"]
    assert action.leads == ("Amanda Hatton", "Chris Coyle")
    assert action.lead_text == "Amanda Hatton/Chris Coyle"
    assert (action.due_text, action.due_kind, action.due_date) == (
        "1 August 2017",
        PlanDueKind.DATE,
        dt.date(2017, 8, 1),
    )
    assert action.progress is not None
    assert (action.progress.code, action.progress.label, action.progress.colour) == ("GREEN", "Green", "#00B050")
    assert action.recommendation_refs == ("2", "10")  # natural order
    assert action.board_action_count == 2
    clinics = nodes["1.2"]
    assert clinics.leads == ("Board Members",)  # a role
    assert clinics.lead_label == "Heads of Service"  # the verbatim cell wins for display
    invalid = nodes["2.1"]
    assert (invalid.due_kind, invalid.due_note) == (PlanDueKind.INVALID, "September has 30 days")
    assert invalid.board_action_count == 1
    assert nodes["1.1.1"].lead_label == ""


@pytest.mark.sqlite_only("a dangling parent needs a file edited with foreign keys off; PostgreSQL always enforces them")
def test_orphan_items_are_shown_at_the_top(store: Store, sample: Sample) -> None:
    # A parent that no longer exists, as a file edited without foreign keys could hold.
    connection = sqlite3.connect(store.path)  # foreign keys are off by default in plain sqlite3
    with connection:
        connection.execute("UPDATE planitem SET parent_id = 999999 WHERE id = ?", (sample.plan_items["1.1.1"],))
    connection.close()
    with store.session() as session:
        tree = plan_tree(session, sample.plan_id)
    assert "1.1.1" in [root.ref for root in tree.roots]


def test_unknown_plan(store: Store) -> None:
    with store.session() as session, pytest.raises(LookupError, match="no plan with id 42"):
        plan_tree(session, 42)


def test_one_query_per_table(store: Store, sample: Sample) -> None:
    with store.session() as session, count_queries(store.engine) as counted:
        plan_tree(session, sample.plan_id)
    assert counted.count <= 6


def test_natural_key() -> None:
    assert sorted(["1.10", "1.2", "B12", "B3", "Recommendation 10", "Recommendation 9"], key=natural_key) == [
        "1.2",
        "1.10",
        "B3",
        "B12",
        "Recommendation 9",
        "Recommendation 10",
    ]
