"""Fixtures of the action log tests: the sample board (tests/unit/services/builders.py) in a store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from boardapp.store.database import Store
from tests.unit.services.builders import Sample, build_sample


@pytest.fixture
def sample(store: Store) -> Sample:
    with store.transaction() as session:
        return build_sample(session)


@pytest.fixture
def session(store: Store, sample: Sample) -> Iterator[Session]:
    with store.session() as opened:
        yield opened
