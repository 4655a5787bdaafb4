"""Fixtures of the search tests: the small known world of search_world.py in a fresh store, on both engines.

Every test here that uses a store runs twice (tests/helpers/engines.py): on an SQLite file, and on a
PostgreSQL database of the server the suite starts itself, a copy of a migrated template (`postgres`
marker). A test about SQLite's FTS5 index by nature is marked `sqlite_only("why")`; PostgreSQL's own
index is tested in test_search_schema_postgres.py.

Tests that only read (parsing, odd input) share one world per module and engine (`shared_world`):
building a store per test for a hundred odd queries would cost more than the queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.home import AppHome
from boardapp.store.database import Store, open_store
from tests.helpers.engines import demo_store, engine_kind, home, pytest_generate_tests
from tests.helpers.postgres import PgTemplates
from tests.helpers.search_world import World, build_world

__all__ = ["demo_store", "engine_kind", "home", "pytest_generate_tests"]  # fixtures and the hook, used by name


@pytest.fixture
def world(store: Store) -> World:
    with store.transaction() as session:
        return build_world(session)


@pytest.fixture
def session(store: Store, world: World) -> Iterator[Session]:
    with store.session() as opened:
        yield opened


class SharedWorlds:
    """One store with the world per engine, built when a module's first test asks, closed after its last."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.opened: dict[str, tuple[Store, World]] = {}
        self.urls: list[tuple[PgTemplates, str]] = []

    def get(self, engine: str, request: pytest.FixtureRequest) -> tuple[Store, World]:
        if engine not in self.opened:
            url = None
            if engine != "sqlite":
                templates: PgTemplates = request.getfixturevalue("pg_templates")
                url = templates.copy("empty")
                self.urls.append((templates, url))
            store = open_store(AppHome.from_options(basedir=self.base / engine, db=url))
            with store.transaction() as opened:
                self.opened[engine] = (store, build_world(opened))
        return self.opened[engine]

    def close(self) -> None:
        for store, _ in self.opened.values():
            store.close()
        for templates, url in self.urls:
            templates.drop(url)


@pytest.fixture(scope="module")
def _shared_worlds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SharedWorlds]:
    worlds = SharedWorlds(tmp_path_factory.mktemp("shared-world"))
    yield worlds
    worlds.close()


@pytest.fixture
def shared_world(engine_kind: str, _shared_worlds: SharedWorlds, request: pytest.FixtureRequest) -> tuple[Store, World]:
    """The module's read-only world on the test's engine: a test using it must not write."""
    return _shared_worlds.get(engine_kind, request)
