"""Fixtures used in more than one test folder, defined once (issue 13: no copied fixtures).

tests/conftest.py imports them, so every test sees them under the names it always used.
"""

from __future__ import annotations

import pytest

from boardapp.store.database import Store
from tests.helpers.builders import Sample, build_sample
from tests.helpers.foreign_locale import german_locale_env


@pytest.fixture
def sample(store: Store) -> Sample:
    """The small known board of tests/helpers/builders.py, built into the test's store."""
    with store.transaction() as session:
        return build_sample(session)


@pytest.fixture(scope="session")
def german_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment variables of a real German locale (compiled once per run into a temporary folder)."""
    return german_locale_env(tmp_path_factory.mktemp("locales"))
