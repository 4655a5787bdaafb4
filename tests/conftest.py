"""Fixtures shared by every test: a temporary home and an open store on it.

QT_QPA_PLATFORM is set before anything can import Qt, so GUI tests run headless.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from boardapp.home import AppHome  # noqa: E402
from boardapp.store.database import Store, open_store  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def home(tmp_path: Path) -> AppHome:
    return AppHome.from_options(basedir=tmp_path / "home")


@pytest.fixture
def store(home: AppHome) -> Iterator[Store]:
    opened = open_store(home)
    yield opened
    opened.close()
