"""Fixtures of the search tests: the small known world of search_world.py in a fresh store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from boardapp.store.database import Store
from tests.helpers.search_world import World, build_world


@pytest.fixture
def world(store: Store) -> World:
    with store.transaction() as session:
        return build_world(session)


@pytest.fixture
def session(store: Store, world: World) -> Iterator[Session]:
    with store.session() as opened:
        yield opened
