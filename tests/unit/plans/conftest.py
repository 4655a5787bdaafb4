"""Fixtures for the plan services: the small sample plan, and helpers to read what was stored."""

from __future__ import annotations

import pytest

from boardapp.store.database import Store
from tests.unit.services.builders import Sample, build_sample


@pytest.fixture
def sample(store: Store) -> Sample:
    with store.transaction() as session:
        return build_sample(session)
