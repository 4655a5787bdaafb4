"""A search makes a fixed, small number of statements, whatever it finds (issue 16: round trips on a server).

On PostgreSQL each statement is a round trip, and under load each one waits for the server process to be
scheduled: the per-kind look-ups of the hits' places once made a search 7–9 round trips. The places of
every kind shown, and their boards' names, are now one statement (search._places_query) on both engines;
these tests keep it so.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from boardapp.services.search import KIND_ORDER, search
from boardapp.store import fts, pg_fts
from boardapp.store.database import Store
from boardapp.store.fts import IndexedKind
from tests.helpers.querycount import count_queries
from tests.helpers.search_world import World

SEARCH_STATEMENTS = {"sqlite": 4, "pg": 2}
"""SQLite: the newest matches, the ranked rows, their snippets, the places. PostgreSQL: the search, the places."""

PHRASE_ESTIMATE = {"sqlite": 0, "pg": 1}
"""On PostgreSQL a phrase first asks the planner how many rows hold its words (search_pg.PHRASE_CANDIDATES)."""


def _statements(store: Store, query: str, **options: object) -> tuple[int, int]:
    """(statements run, kinds found) for one search."""
    with store.session() as session, count_queries(store.engine) as counted:
        results = search(session, query, **options)  # type: ignore[arg-type]
    return counted.count, len(results.groups)


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("zebra", {"as_you_type": False}),  # six kinds, both boards
        ("zebr", {}),  # a prefix while typing
        ("zebra", {"include_confidential": False}),
        ("kingfisher", {}),  # one Part II item
    ],
)
def test_a_search_runs_the_same_few_statements_however_many_kinds_it_shows(
    shared_world: tuple[Store, World], engine_kind: str, query: str, options: dict[str, object]
) -> None:
    store, _ = shared_world
    statements, kinds = _statements(store, query, **options)
    assert kinds >= 1
    assert statements == SEARCH_STATEMENTS[engine_kind]


def test_every_kind_and_board_is_looked_up_in_one_statement(
    shared_world: tuple[Store, World], engine_kind: str
) -> None:
    store, _ = shared_world
    many, kinds = _statements(store, "zebra", as_you_type=False)
    one, one_kind = _statements(store, "kingfisher")
    assert kinds >= len(KIND_ORDER) - 1 and one_kind <= 2  # six kinds of hits cost what one or two do
    assert many == one == SEARCH_STATEMENTS[engine_kind]


def test_a_phrase_adds_only_the_planner_estimate(shared_world: tuple[Store, World], engine_kind: str) -> None:
    store, _ = shared_world
    statements, kinds = _statements(store, '"heat maps"')
    assert kinds >= 1
    assert statements == SEARCH_STATEMENTS[engine_kind] + PHRASE_ESTIMATE[engine_kind]


def test_a_search_that_finds_nothing_looks_nothing_up(shared_world: tuple[Store, World], engine_kind: str) -> None:
    store, _ = shared_world
    statements, kinds = _statements(store, "xylophonist", as_you_type=False)
    assert kinds == 0
    assert statements == 1  # SQLite: the newest matches (none); PostgreSQL: the search; no look-up


def test_a_row_whose_source_has_gone_is_left_out(store: Store, world: World) -> None:
    """The index moved to a minute that does not exist (as if written around the triggers): no hit, no error."""
    minute = world.minutes["staffing"]  # "The kingfisher restructure..."
    gone = minute + 1000
    with store.transaction() as session:
        table = pg_fts.INDEX_TABLE if session.get_bind().dialect.name == "postgresql" else fts.INDEX_TABLE
        moved = session.execute(
            text(f"UPDATE {table} SET rowid = :gone WHERE rowid = :rowid"),
            {"gone": IndexedKind.MINUTE.rowid(gone), "rowid": IndexedKind.MINUTE.rowid(minute)},
        )
        assert moved.rowcount == 1
    with store.session() as session:
        results = search(session, "kingfisher")
    found = {(hit.kind, hit.id) for hit in results.hits}
    assert (IndexedKind.MINUTE, gone) not in found and (IndexedKind.MINUTE, minute) not in found
    assert results.group(IndexedKind.MINUTE) is not None  # counted from the index, as before
    assert found == {(IndexedKind.ACTION, world.actions["kingfisher"])}  # the rest is still found
    assert all(hit.meeting_id == world.august and hit.confidential for hit in results.hits)  # still placed
