"""The index follows every change, whoever writes it: the ORM, SQLAlchemy Core, cascades (on both engines)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import delete, insert, update
from sqlmodel import SQLModel

from boardapp.core.enums import PlanItemKind
from boardapp.core.models import (
    Action,
    AgendaItem,
    Board,
    Decision,
    Kpi,
    Meeting,
    Minute,
    Plan,
    PlanItem,
    Recommendation,
    ReviewSource,
)
from boardapp.store.database import Store
from boardapp.store.fts import FACET_MARK, IndexedKind, facet
from tests.helpers.search_world import AUGUST, JULY, MARCH, World
from tests.unit.search.index_rows import index_contents, index_row, is_postgres, matches, rebuild


@dataclass(frozen=True)
class Case:
    """How to make one thing of a kind in the world, and which field holds its searchable text."""

    kind: IndexedKind
    model: type[SQLModel]
    text_field: str
    values: Callable[[World, str], dict[str, Any]]


CASES = [
    Case(IndexedKind.MINUTE, Minute, "notes", lambda w, text: {"agenda_item_id": w.items["spare"], "notes": text}),
    Case(IndexedKind.DECISION, Decision, "text", lambda w, text: {"agenda_item_id": w.items["aob"], "text": text}),
    Case(
        IndexedKind.ACTION, Action, "text",
        lambda w, text: {"board_id": w.board, "ref": "IB-NEW", "text": text, "raised_meeting_id": w.august,
                         "raised_item_id": w.items["aob"]},
    ),
    Case(IndexedKind.AGENDA_ITEM, AgendaItem, "title",
         lambda w, text: {"meeting_id": w.march, "position": 9, "title": text}),
    Case(
        IndexedKind.PLAN_ITEM, PlanItem, "evidence_of_impact",
        lambda w, text: {"plan_id": w.plan, "kind": PlanItemKind.ACTION, "ref": "9.9", "text": "A plan action",
                         "evidence_of_impact": text},
    ),
    Case(IndexedKind.RECOMMENDATION, Recommendation, "text",
         lambda w, text: {"source_id": w.source, "plan_id": w.plan, "ref": "12", "text": text}),
    Case(IndexedKind.KPI, Kpi, "measure", lambda w, text: {"plan_id": w.plan, "ref": "KPI 9", "measure": text}),
]  # fmt: skip


def found(store: Store, word: str) -> set[int]:
    with store.engine.connect() as connection:
        return matches(connection, word)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind.key)
def test_the_orm_keeps_the_index_current(store: Store, world: World, case: Case) -> None:
    with store.transaction() as session:
        row = case.model(**case.values(world, "A new osprey nest"))
        session.add(row)
        session.flush()
        new_id: int = row.id  # type: ignore[attr-defined]
    rowid = case.kind.rowid(new_id)
    assert found(store, "osprey") == {rowid}

    with store.transaction() as session:
        row = session.get(case.model, new_id)
        setattr(row, case.text_field, "A new heron nest")
        session.add(row)
    assert found(store, "osprey") == set()
    assert found(store, "heron") == {rowid}

    with store.transaction() as session:
        session.delete(session.get(case.model, new_id))
    assert found(store, "heron") == set()
    with store.engine.connect() as connection:
        assert index_row(connection, case.kind, new_id) is None


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind.key)
def test_core_statements_keep_the_index_current(store: Store, world: World, case: Case) -> None:
    table = case.model.__table__  # type: ignore[attr-defined]
    column = table.c[case.text_field]
    rows = [case.values(world, f"Bulk curlew number {n}") for n in range(3)]
    if case.kind is IndexedKind.MINUTE:  # one minute per item
        rows = [dict(rows[0], agenda_item_id=world.items[key]) for key in ("spare", "spare2")]
    elif case.kind is IndexedKind.ACTION:
        rows = [dict(row, ref=f"IB-NEW-{n}") for n, row in enumerate(rows)]
    elif case.kind is IndexedKind.RECOMMENDATION:
        rows = [dict(row, ref=f"R{n}") for n, row in enumerate(rows)]
    with store.engine.begin() as connection:
        connection.execute(insert(table), rows)  # executemany, as the reference generator does
    assert len(found(store, "curlew")) == len(rows)

    with store.engine.begin() as connection:
        connection.execute(update(table).where(column.like("Bulk curlew%")).values({column: "Bulk dunlin"}))
    assert found(store, "curlew") == set()
    assert len(found(store, "dunlin")) == len(rows)

    with store.engine.begin() as connection:
        connection.execute(delete(table).where(column == "Bulk dunlin"))
    assert found(store, "dunlin") == set()


def test_what_a_row_holds(store: Store, world: World) -> None:
    with store.engine.connect() as connection:
        minute = index_row(connection, IndexedKind.MINUTE, world.minutes["zebra"])
        assert minute is not None
        assert (minute.title, minute.board_id, minute.meeting_date, minute.exempt) == (
            "Zebra crossings", world.board, "2017-08-01", 0,
        )  # fmt: skip
        if not is_postgres(connection):  # SQLite filters on facet tokens; PostgreSQL on the columns above
            assert minute.facets.split() == [
                facet("b", world.board), facet("y", 2017), facet("m", 201708), facet("d", 20170801), facet("x", 0),
            ]  # fmt: skip
        action = index_row(connection, IndexedKind.ACTION, world.actions["kingfisher"])
        assert action is not None and (action.title, action.exempt) == ("IB-20170801-01", 1)
        plan_item = index_row(connection, IndexedKind.PLAN_ITEM, world.plan_item)
        assert plan_item is not None
        assert plan_item.title == "1.1" and "Improve zebra crossing safety" in plan_item.body
        assert "Fewer accidents" in plan_item.body and "pelican" in plan_item.body
        assert plan_item.meeting_date is None and plan_item.board_id == world.board and plan_item.exempt == 0
        if not is_postgres(connection):
            assert plan_item.facets == f"{FACET_MARK}b{world.board} {FACET_MARK}x0"
        recommendation = index_row(connection, IndexedKind.RECOMMENDATION, world.recommendation)
        assert recommendation is not None and recommendation.meeting_date == "2018-08-01"


def test_exempt_flag_follows_the_agenda_item_for_its_minute_and_the_stamp_for_business(
    store: Store, world: World
) -> None:
    with store.transaction() as session:
        item = session.get(AgendaItem, world.items["transport"])
        item.is_exempt = True  # type: ignore[union-attr]
        session.add(item)
    with store.engine.connect() as connection:
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["transport"]).exempt == 1  # type: ignore[union-attr]
        assert index_row(connection, IndexedKind.AGENDA_ITEM, world.items["transport"]).exempt == 1  # type: ignore[union-attr]
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["zebra"]).exempt == 0  # type: ignore[union-attr]
        # The action's own stamp decides (the services stamp it when the item is flagged).
        assert index_row(connection, IndexedKind.ACTION, world.actions["zebra"]).exempt == 0  # type: ignore[union-attr]
    with store.engine.begin() as connection:  # Core: stamp the action, then clear the item's flag
        actions = Action.__table__  # type: ignore[attr-defined]
        connection.execute(update(actions).where(actions.c.id == world.actions["zebra"]).values(is_exempt=True))
        table = AgendaItem.__table__  # type: ignore[attr-defined]
        connection.execute(update(table).where(table.c.id == world.items["transport"]).values(is_exempt=False))
    with store.engine.connect() as connection:
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["transport"]).exempt == 0  # type: ignore[union-attr]
        assert index_row(connection, IndexedKind.ACTION, world.actions["zebra"]).exempt == 1  # type: ignore[union-attr]


def test_a_decision_is_indexed_by_its_own_stamp(store: Store, world: World) -> None:
    with store.transaction() as session:
        decision = session.get(Decision, world.decisions["zebra"])
        decision.is_exempt = True  # type: ignore[union-attr]
        session.add(decision)
    with store.engine.connect() as connection:
        assert index_row(connection, IndexedKind.DECISION, world.decisions["zebra"]).exempt == 1  # type: ignore[union-attr]
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["zebra"]).exempt == 0  # type: ignore[union-attr]


def test_an_item_retitled_or_moved_relabels_its_minute_decisions_and_actions(store: Store, world: World) -> None:
    with store.transaction() as session:
        item = session.get(AgendaItem, world.items["zebra"])
        item.title = "Pedestrian crossings"  # type: ignore[union-attr]
        item.meeting_id = world.july  # type: ignore[union-attr]
        session.add(item)
    with store.engine.connect() as connection:
        minute = index_row(connection, IndexedKind.MINUTE, world.minutes["zebra"])
        decision = index_row(connection, IndexedKind.DECISION, world.decisions["zebra"])
        assert minute is not None and decision is not None
        for row in (minute, decision):
            assert (row.title, row.board_id, row.meeting_date) == (
                "Pedestrian crossings",
                world.other_board,
                "2017-07-20",
            )
        assert matches(connection, "pedestrian") >= {
            IndexedKind.MINUTE.rowid(world.minutes["zebra"]), IndexedKind.AGENDA_ITEM.rowid(world.items["zebra"]),
        }  # fmt: skip


def test_a_rescheduled_meeting_moves_everything_of_it_in_time(store: Store, world: World) -> None:
    new_day = dt.date(2017, 8, 8)
    with store.transaction() as session:
        meeting = session.get(Meeting, world.august)
        meeting.date = new_day  # type: ignore[union-attr]
        session.add(meeting)
    with store.engine.connect() as connection:
        for kind, ref_id in (
            (IndexedKind.MINUTE, world.minutes["aob"]),
            (IndexedKind.DECISION, world.decisions["zebra"]),
            (IndexedKind.ACTION, world.actions["zebra"]),
            (IndexedKind.AGENDA_ITEM, world.items["transport"]),
        ):
            row = index_row(connection, kind, ref_id)
            assert row is not None and row.meeting_date == "2017-08-08", kind
            assert is_postgres(connection) or facet("d", 20170808) in row.facets.split()
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["heat"]).meeting_date == MARCH.isoformat()  # type: ignore[union-attr]


def test_a_plan_given_to_another_board_takes_its_items_recommendations_and_kpis(store: Store, world: World) -> None:
    with store.transaction() as session:
        plan = session.get(Plan, world.plan)
        plan.board_id = world.other_board  # type: ignore[union-attr]
        session.add(plan)
        source = session.get(ReviewSource, world.source)
        source.reported_on = dt.date(2019, 1, 31)  # type: ignore[union-attr]
        session.add(source)
    with store.engine.connect() as connection:
        for kind, ref_id in (
            (IndexedKind.PLAN_ITEM, world.plan_item),
            (IndexedKind.RECOMMENDATION, world.recommendation),
            (IndexedKind.KPI, world.kpi),
        ):
            assert index_row(connection, kind, ref_id).board_id == world.other_board  # type: ignore[union-attr]
        assert index_row(connection, IndexedKind.RECOMMENDATION, world.recommendation).meeting_date == "2019-01-31"  # type: ignore[union-attr]


def test_cascades_and_set_null_reach_the_index(store: Store, world: World) -> None:
    with store.transaction() as session:
        session.delete(session.get(AgendaItem, world.items["transport"]))
    with store.engine.connect() as connection:
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["transport"]) is None
        action = index_row(connection, IndexedKind.ACTION, world.actions["zebra"])
        assert action is not None and action.exempt == 0  # the action stays, no longer tied to an item
    with store.transaction() as session:
        session.delete(session.get(Meeting, world.august))
    with store.engine.connect() as connection:
        assert index_row(connection, IndexedKind.MINUTE, world.minutes["zebra"]) is None
        assert index_row(connection, IndexedKind.DECISION, world.decisions["zebra"]) is None
        action = index_row(connection, IndexedKind.ACTION, world.actions["kingfisher"])
        assert action is not None and action.meeting_date is None and action.exempt == 1  # stays Part II
    with store.transaction() as session:
        session.delete(session.get(Board, world.board))
    with store.engine.connect() as connection:
        left = {(row[3], row[4]) for row in index_contents(connection).values()}
    assert left == {
        ("minute", world.minutes["mash"]), ("agenda_item", world.items["mash"]),
        ("plan_item", world.plan_item), ("recommendation", world.recommendation), ("kpi", world.kpi),
    }  # fmt: skip


def test_a_rebuild_gives_what_the_triggers_kept(store: Store, world: World) -> None:
    with store.transaction() as session:
        session.delete(session.get(Minute, world.minutes["aob"]))
        item = session.get(AgendaItem, world.items["zebra"])
        item.is_exempt = True  # type: ignore[union-attr]
        session.add(item)
        meeting = session.get(Meeting, world.july)
        meeting.date = JULY + dt.timedelta(days=1)  # type: ignore[union-attr]
        session.add(meeting)
    with store.engine.connect() as connection:
        kept = index_contents(connection)
    with store.engine.begin() as connection:
        rebuild(connection)
    with store.engine.connect() as connection:
        assert index_contents(connection) == kept
        assert matches(connection, "zebra")
    assert AUGUST.isoformat() in {row[6] for row in kept.values()}
