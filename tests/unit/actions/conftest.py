"""Fixtures of the action log tests: a session on the sample board (`sample`, from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from boardapp.store.database import Store
from tests.helpers.builders import Sample


@pytest.fixture
def session(store: Store, sample: Sample) -> Iterator[Session]:
    with store.session() as opened:
        yield opened
