"""Running a folder's tests on both engines (issue 16): each test that uses a store runs on SQLite and on PostgreSQL.

A conftest imports `pytest_generate_tests`, `engine_kind`, `home` and `demo_store` from here; `store`
(tests/conftest.py) and `sample` (tests/helpers/fixtures.py) then follow the engine, since they are built
on `home`. Ids are `sqlite` and `pg`; the PostgreSQL runs also carry the `postgres` marker.

A PostgreSQL database per test is a copy of a template database (`CREATE DATABASE x TEMPLATE t`, a file
copy on the server): the template is migrated once ("empty") or also holds the demo ("demo"), so a test
gets a private, ready database in tens of milliseconds and drops it at the end.

A test that is SQLite by nature (a file, its pragmas, plain sqlite3 access) is marked
`@pytest.mark.sqlite_only("why")` and is simply not parametrised: it runs once, on SQLite.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardapp.home import AppHome
from boardapp.store.database import Store, open_store
from tests.helpers.postgres import PgTemplates

ENGINES = (
    pytest.param("sqlite", id="sqlite"),
    pytest.param("pg", id="pg", marks=pytest.mark.postgres),
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that (through any fixture) uses `engine_kind` runs once per engine, unless it is sqlite_only."""
    if "engine_kind" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("sqlite_only")
    if marker is not None:
        if not (marker.args and str(marker.args[0]).strip()):
            raise pytest.UsageError(
                f"{metafunc.definition.nodeid}: sqlite_only needs its reason, e.g. sqlite_only('WAL')"
            )
        return
    metafunc.parametrize("engine_kind", ENGINES, indirect=True)


@pytest.fixture
def engine_kind(request: pytest.FixtureRequest) -> str:
    """The engine, `sqlite` or `pg` (set by pytest_generate_tests; a sqlite_only test gets "sqlite")."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def home(engine_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[AppHome]:
    """The test's app home: a folder, and on PostgreSQL a private database (the demo's when the test wants it)."""
    if engine_kind == "sqlite":
        yield AppHome.from_options(basedir=tmp_path / "home")
        return
    templates: PgTemplates = request.getfixturevalue("pg_templates")
    url = templates.copy("demo" if "demo_store" in request.fixturenames else "empty")
    try:
        yield AppHome.from_options(basedir=tmp_path / "home", db=url)
    finally:
        templates.drop(url)  # every store on it is closed by now (they depend on home)


@pytest.fixture
def demo_store(engine_kind: str, home: AppHome, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An open store holding the demo data, private to one test, on the test's engine."""
    if engine_kind == "sqlite":
        template: Path = request.getfixturevalue("_demo_template")
        home.ensure()
        shutil.copy2(template, home.db_path)
    opened = open_store(home)  # on PostgreSQL, home's database is already a copy of the demo template
    yield opened
    opened.close()
