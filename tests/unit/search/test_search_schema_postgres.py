"""PostgreSQL's search index (migration d5b8e1f3a620): what it creates, on new and existing databases, its removal.

On PostgreSQL only (SQLite's FTS5 index is test_search_schema.py's): `store` and `demo_store` here are
private copies of the test server's template databases, never SQLite files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session, func, select

from boardapp.core.models import Action, AgendaItem, Decision, Kpi, Minute, PlanItem, Recommendation
from boardapp.home import AppHome
from boardapp.services.search import search
from boardapp.store import migrations, pg_fts
from boardapp.store.database import Store, open_store
from tests.helpers.postgres import PgTemplates

pytestmark = pytest.mark.postgres

PG_FTS_REVISION = "d5b8e1f3a620"
BEFORE_PG_FTS = "7c3e5a1f9d26"


def _opened(pg_templates: PgTemplates, template: str, base: Path) -> Iterator[Store]:
    url = pg_templates.copy(template)
    store = open_store(AppHome.from_options(basedir=base, db=url))
    try:
        yield store
    finally:
        store.close()
        pg_templates.drop(url)


@pytest.fixture
def store(pg_templates: PgTemplates, tmp_path: Path) -> Iterator[Store]:
    yield from _opened(pg_templates, "empty", tmp_path)


@pytest.fixture
def demo_store(pg_templates: PgTemplates, tmp_path: Path) -> Iterator[Store]:
    yield from _opened(pg_templates, "demo", tmp_path)


def source_rows(session: Session) -> int:
    models = (Minute, Decision, Action, AgendaItem, PlanItem, Recommendation, Kpi)
    return sum(session.exec(select(func.count()).select_from(model)).one() for model in models)


def search_objects(store: Store) -> dict[str, set[str]]:
    """Everything of the index the database holds, by type."""
    queries = {
        "table": "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'search%'",
        "index": "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'search%'",
        "trigger": "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'search%'",
        "function": "SELECT proname FROM pg_proc WHERE proname LIKE 'search%'",
        "config": "SELECT cfgname FROM pg_ts_config WHERE cfgname LIKE 'search%'",
    }
    with store.engine.connect() as connection:
        return {kind: {row[0] for row in connection.execute(text(sql))} for kind, sql in queries.items()}


def test_a_migrated_database_holds_exactly_what_pg_fts_defines(store: Store) -> None:
    definitions = pg_fts.trigger_definitions()
    with store.engine.connect() as connection:
        installed = pg_fts.installed_functions(connection)
        triggers = dict(
            connection.execute(
                text("SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname LIKE 'search\\_%'")
            ).all()
        )
        generated = connection.execute(
            text(
                "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef AS d JOIN pg_attribute AS a "
                "ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
                f"WHERE d.adrelid = '{pg_fts.INDEX_TABLE}'::regclass AND a.attname = 'document'"
            )
        ).scalar_one()
    expected = {name: pg_fts.function_body(function) for name, (function, _) in definitions.items()}
    assert installed == expected, "pg_fts.py changed without a migration that installs the new definition"
    assert set(triggers) == set(definitions)
    for name, (_, trigger) in definitions.items():
        assert "FOR EACH STATEMENT" in triggers[name] and f"EXECUTE FUNCTION {name}()" in triggers[name]
        assert trigger.split(" ON ", 1)[1].split(" ", 1)[0].strip('"') in triggers[name]  # on the same table
    assert "setweight" in generated and pg_fts.CONFIG in generated
    names = {f"{pg_fts.INDEX_TABLE}_{suffix}" for suffix in ("pkey", "words", "date", "board")}
    assert search_objects(store)["index"] == names


def test_accents_are_folded_when_the_server_has_unaccent(store: Store) -> None:
    with store.engine.connect() as connection:
        folded = connection.execute(text(f"SELECT to_tsvector('{pg_fts.CONFIG}', 'Café CAFÉ Zoë')")).scalar_one()
    assert folded == "'cafe':1,2 'zoe':3"


def test_the_upgrade_indexes_an_existing_populated_database(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        expected_rows = source_rows(session)
    url = demo_store.server_url
    assert url is not None
    with demo_store.engine.begin() as connection:  # the demo as it was before PostgreSQL had search
        command.downgrade(migrations.alembic_config(connection), BEFORE_PG_FTS)
    assert not any(search_objects(demo_store).values())
    demo_store.close()

    store = open_store(AppHome.from_options(basedir=tmp_path, db=url))  # upgrades and indexes what is there
    try:
        with store.engine.connect() as connection:
            indexed = connection.execute(text(f"SELECT count(*) FROM {pg_fts.INDEX_TABLE}")).scalar_one()
        with store.session() as session:
            assert indexed == expected_rows > 200
            assert search(session, "heat maps").total >= 3
    finally:
        store.close()


def test_the_downgrade_removes_every_trace(store: Store) -> None:
    before = search_objects(store)
    assert before["table"] == {pg_fts.INDEX_TABLE} and before["config"] == {pg_fts.CONFIG}
    assert len(before["trigger"]) == len(before["function"]) == len(pg_fts.trigger_definitions())
    with store.engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE_PG_FTS)
        # The tables it read still take writes without their triggers.
        connection.execute(
            text(
                "INSERT INTO board (name, short_name, description, default_venue, default_start_time, standing_items) "
                "VALUES ('B', '', '', '', '', '[]')"
            )
        )
    assert not any(search_objects(store).values())
    assert migrations.is_known_revision(PG_FTS_REVISION)
