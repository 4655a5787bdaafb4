"""Fixtures of the export tests: the seed-003 board built straight into a store, and the demo.

Every test here runs on both engines, SQLite and a PostgreSQL database of the suite's own server
(tests/helpers/engines.py); a test SQLite by nature is marked `sqlite_only("why")`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.store.database import Store
from tests.helpers.engines import demo_store, engine_kind, home, pytest_generate_tests
from tests.helpers.exporting_seed import SeedIds, build_seed_board
from tests.helpers.plan_report import Enriched, enrich_demo

__all__ = ["demo_store", "engine_kind", "home", "pytest_generate_tests"]  # fixtures and the hook, used by name


@pytest.fixture
def seed_ids(store: Store) -> SeedIds:
    with store.transaction() as session:
        return build_seed_board(session)


@pytest.fixture
def session(store: Store, seed_ids: SeedIds) -> Iterator[Session]:
    with store.session() as opened:
        yield opened


@pytest.fixture
def demo(demo_store: Store) -> Iterator[Session]:
    """A session on the demo database (the seeds, with the exempt Part II item)."""
    with demo_store.session() as session:
        yield session


@pytest.fixture
def enriched(demo_store: Store) -> Enriched:
    """The demo given a history to report (tests/helpers/plan_report.py)."""
    with demo_store.transaction() as session:
        return enrich_demo(session)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for exported files (tmp_path also holds the test's app home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
