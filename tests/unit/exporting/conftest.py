"""Fixtures of the export tests: the seed-003 board built straight into a store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from exporting_seed import SeedIds, build_seed_board
from sqlmodel import Session

from boardapp.store.database import Store


@pytest.fixture
def seed_ids(store: Store) -> SeedIds:
    with store.transaction() as session:
        return build_seed_board(session)


@pytest.fixture
def session(store: Store, seed_ids: SeedIds) -> Iterator[Session]:
    with store.session() as opened:
        yield opened


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for exported files (tmp_path also holds the test's app home)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
