"""Search on PostgreSQL finds what it finds on SQLite, on the same generated reference data (issue 16 point 1).

benchmarks/generate_reference.py writes the same rows (same seed, same ids) into an SQLite file and into
a database of the suite's own PostgreSQL server. Both indexes must then hold the same documents (rowid,
title, body, board, date, Part II flag), and every search the same counts per kind and, where a kind is
not capped, the same hits. Ranks and snippets are each engine's own (bm25 and FTS5's snippet against
ts_rank_cd and ts_headline), so only their invariants are compared: ordered best first, every hit's
snippet or title shows a match.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import insert, text

from boardapp.core.models import AgendaItem, Board, Meeting, Minute
from boardapp.home import AppHome
from boardapp.services import search_pg
from boardapp.services.search import COUNT_CAP, SearchHit, SearchResults, search
from boardapp.store import fts, pg_fts
from boardapp.store.database import Store, open_database, open_store
from boardapp.store.fts import IndexedKind
from tests.helpers.postgres import PgTemplates, PostgresServer

pytestmark = pytest.mark.postgres

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "generate_reference.py"
SCALE = 0.01


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_reference", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def engines(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """The same reference data in an SQLite file and in a PostgreSQL database."""
    generator = _generator()
    base = tmp_path_factory.mktemp("search-reference")
    generator.generate(base / "reference.sqlite", scale=SCALE)
    url = postgres_server.create_database("search_reference")
    generator.generate_on_server(url, scale=SCALE)
    stores = {
        "sqlite": open_database(base / "reference.sqlite", base / "backups"),
        "pg": open_store(AppHome.from_options(basedir=base / "pg-home", db=url)),
    }
    yield stores
    for store in stores.values():
        store.close()


def _documents(store: Store) -> dict[int, tuple[Any, ...]]:
    table = pg_fts.INDEX_TABLE if store.server_url else fts.INDEX_TABLE
    sql = f"SELECT rowid, title, body, kind, ref_id, board_id, meeting_date, exempt FROM {table}"
    with store.engine.connect() as connection:
        return {row[0]: tuple(row[1:]) for row in connection.execute(text(sql))}


def test_both_indexes_hold_the_same_documents(engines: dict[str, Store]) -> None:
    on_sqlite, on_pg = _documents(engines["sqlite"]), _documents(engines["pg"])
    assert len(on_sqlite) > 500
    assert on_pg == on_sqlite


QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("board", {}),
    ("the", {"as_you_type": False}),  # in nearly everything (the cap itself: tests/unit/search/test_search_cap.py)
    ("recrui", {}),
    ("safeguard*", {"as_you_type": False}),
    ('"heat maps"', {}),
    ("Skylakes", {}),
    ("ofsted inspection", {"as_you_type": False}),
    ("board", {"board_id": 1, "date_from": dt.date(2016, 1, 1), "date_to": dt.date(2016, 12, 31)}),
    ("action", {"include_confidential": False}),
    ("minute", {"date_from": dt.date(2017, 1, 1)}),
]


def _run(store: Store, query: str, options: dict[str, Any]) -> SearchResults:
    with store.session() as session:
        return search(session, query, limit_per_kind=1000, **options)


@pytest.mark.parametrize(("query", "options"), QUERIES, ids=[f"{q}-{sorted(o)}" for q, o in QUERIES])
def test_every_search_counts_and_finds_the_same(engines: dict[str, Store], query: str, options: dict[str, Any]) -> None:
    on_sqlite, on_pg = (_run(engines[name], query, options) for name in ("sqlite", "pg"))
    counted = [(g.kind, g.total, g.total_is_capped) for g in on_sqlite.groups]
    assert [(g.kind, g.total, g.total_is_capped) for g in on_pg.groups] == counted
    for mine, theirs in zip(on_pg.groups, on_sqlite.groups, strict=True):
        ranks = [hit.rank for hit in mine.hits]
        assert ranks == sorted(ranks)
        assert all(any(f.is_match for f in hit.snippet) for hit in mine.hits), mine.kind
        if not theirs.total_is_capped:  # every match is shown: the same ones, labelled alike, going to the same place
            assert {hit.id: _label(hit) for hit in mine.hits} == {hit.id: _label(hit) for hit in theirs.hits}


def _label(hit: SearchHit) -> tuple[Any, ...]:
    """What a hit shows besides its rank and snippet, and where it opens."""
    return (
        (hit.title, hit.context, hit.board_id, hit.board_name, hit.date, hit.confidential),
        (hit.meeting_id, hit.agenda_item_id, hit.action_id, hit.plan_id, hit.plan_item_id),
        (hit.recommendation_id, hit.kpi_id),
    )


# -- a phrase is found by its words, then its adjacency (search_pg._newest_sql) --------------------------------

NOW = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
ADJACENT, APART = "The heat maps were shown.", "The maps showed the heat."


def _table(model: Any) -> Any:
    return model.__table__


def _write_minutes(store: Store, notes: list[str]) -> None:
    """One minute per note, oldest first (ids grow with the list), on one board and meeting."""
    rows = range(1, len(notes) + 1)
    with store.transaction() as session:
        session.execute(insert(_table(Board)).values(id=1, name="Test Board", short_name="TB"))
        session.execute(insert(_table(Meeting)).values(id=1, board_id=1, date=dt.date(2020, 1, 7), updated_at=NOW))
        session.execute(
            insert(_table(AgendaItem)),
            [{"id": n, "meeting_id": 1, "position": n, "title": f"Item {n}", "updated_at": NOW} for n in rows],
        )
        session.execute(
            insert(_table(Minute)),
            [
                {"id": n, "agenda_item_id": n, "notes": note, "updated_at": NOW}
                for n, note in zip(rows, notes, strict=True)
            ],
        )


@pytest.fixture
def both_engines(pg_templates: PgTemplates, tmp_path: Path) -> Iterator[dict[str, Store]]:
    url = pg_templates.copy("empty")
    stores = {
        "sqlite": open_store(AppHome.from_options(basedir=tmp_path / "sqlite")),
        "pg": open_store(AppHome.from_options(basedir=tmp_path / "pg", db=url)),
    }
    try:
        yield stores
    finally:
        for store in stores.values():
            store.close()
        pg_templates.drop(url)


PHRASE_CASES = {
    # The newest COUNT_CAP + 1 rows holding both words hold fewer phrase matches than that: the search must
    # read further back, and count the phrase, not the words.
    "capped, words in every row": [ADJACENT if n % 3 == 0 else APART for n in range(3 * COUNT_CAP + 300)],
    "exactly the cap": [APART] * 200 + [ADJACENT, APART] * COUNT_CAP + [APART] * 1200,
    "under the cap, newest rows apart": [ADJACENT] * 40 + [APART] * (2 * COUNT_CAP),
}


@pytest.mark.parametrize("candidates", [search_pg.PHRASE_CANDIDATES, 0], ids=["words-first", "walk-each-kind"])
@pytest.mark.parametrize("notes", PHRASE_CASES.values(), ids=PHRASE_CASES.keys())
@pytest.mark.parametrize("query", ['"heat maps"', '"heat ma', "heat maps"])  # the second one while typing
def test_a_phrase_among_rows_with_its_words_apart(
    both_engines: dict[str, Store], notes: list[str], query: str, candidates: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both ways PostgreSQL finds a phrase (search_pg.PHRASE_CANDIDATES chooses) find what SQLite finds."""
    monkeypatch.setattr(search_pg, "PHRASE_CANDIDATES", candidates)
    for store in both_engines.values():
        _write_minutes(store, notes)
    adjacent = {n for n, note in enumerate(notes, start=1) if note == ADJACENT}
    expected = len(notes) if '"' not in query else len(adjacent)  # unquoted: the words anywhere
    found = {name: _run(store, query, {}).group(IndexedKind.MINUTE) for name, store in both_engines.items()}
    for name, group in found.items():
        assert group is not None, name
        assert (group.total, group.total_is_capped) == (min(expected, COUNT_CAP), expected > COUNT_CAP), name
        if '"' in query:
            assert {hit.id for hit in group.hits} <= adjacent, name
            newest = sorted(adjacent)[-COUNT_CAP:]  # the ranking window: the newest COUNT_CAP phrase matches
            assert {hit.id for hit in group.hits} == set(newest), name
