"""Fixtures shared by every test: a temporary home, an open store on it, and the sample board.

QT_QPA_PLATFORM is set before anything can import Qt, so GUI tests run headless.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from boardapp.home import AppHome
from boardapp.store.database import Store, open_store
from tests.helpers.fixtures import german_env, sample
from tests.helpers.postgres import pg_templates, postgres_server

# fixtures shared by every folder, defined once in tests/helpers
__all__ = ["german_env", "pg_templates", "postgres_server", "sample"]

FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests (the frozen build, the wheel) first, so a parallel run does not end waiting on them alone.

    `./dev test` runs `-n auto --dist loadfile --no-loadscope-reorder` (pyproject): each file goes whole to
    one worker (its module fixtures, such as the build, are made once), in this order. The order is the
    same on every worker, as xdist requires.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # stable: otherwise unchanged


@pytest.fixture
def home(tmp_path: Path) -> AppHome:
    return AppHome.from_options(basedir=tmp_path / "home")


@pytest.fixture
def store(home: AppHome) -> Iterator[Store]:
    opened = open_store(home)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, built once per test run; tests get their own copy."""
    from boardapp.services.demo import load_demo

    template_home = AppHome.from_options(basedir=tmp_path_factory.mktemp("demo-template"))
    template = open_store(template_home)
    with template.transaction() as session:
        load_demo(session)
    template.close()
    return template_home.db_path


@pytest.fixture
def demo_store(home: AppHome, _demo_template: Path) -> Iterator[Store]:
    """An open store holding the demo data (the seeds), private to one test."""
    home.ensure()
    shutil.copy2(_demo_template, home.db_path)
    opened = open_store(home)
    yield opened
    opened.close()
