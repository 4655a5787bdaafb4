"""The index's migration: what it creates, on new and existing files, and how it goes away."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from alembic import command
from sqlmodel import Session, func, select

from boardapp.core.models import Action, AgendaItem, Decision, Kpi, Minute, PlanItem, Recommendation
from boardapp.home import AppHome
from boardapp.services.search import search
from boardapp.store import fts, migrations
from boardapp.store.backups import list_backups
from boardapp.store.database import Store, make_engine, open_store

pytestmark = pytest.mark.sqlite_only("SQLite's FTS5 index; test_search_schema_postgres.py tests PostgreSQL's")

FTS_REVISION = "b7e4c2a91d58"
BEFORE_FTS = "462e7c8e5f93"


def search_objects(path: object) -> list[str]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
        return [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE name LIKE 'search%'")]


def source_rows(session: Session) -> int:
    models = (Minute, Decision, Action, AgendaItem, PlanItem, Recommendation, Kpi)
    return sum(session.exec(select(func.count()).select_from(model)).one() for model in models)


def test_a_migrated_database_holds_exactly_what_fts_defines(store: Store) -> None:
    with store.engine.connect() as connection:
        installed = fts.installed_objects(connection)
        rank = connection.exec_driver_sql("SELECT v FROM search_index_config WHERE k = 'rank'").scalar()
    expected = {fts.INDEX_TABLE: fts.table_statement(), **fts.trigger_statements()}
    assert installed == expected, "fts.py changed without a migration that installs the new definition"
    assert rank == fts.RANK_FUNCTION


def test_every_table_the_index_reads_has_its_triggers() -> None:
    triggers = fts.trigger_statements()
    for source in fts.SOURCES:
        for event in ("insert", "update", "delete"):
            assert f"search_{source.table}_{event}" in triggers
    for cascade in fts.CASCADES:
        assert f"search_{cascade.table}_cascade" in triggers
    assert all(name.startswith(fts.NAME_PREFIX) for name in triggers)


def test_the_upgrade_indexes_an_existing_populated_file(home: AppHome, demo_store: Store) -> None:
    with demo_store.session() as session:
        expected_rows = source_rows(session)
    demo_store.close()
    engine = make_engine(home.db_path, foreign_keys=False)
    with engine.begin() as connection:  # the demo file as it was before the index existed
        command.downgrade(migrations.alembic_config(connection), BEFORE_FTS)
    engine.dispose()
    assert search_objects(home.db_path) == []

    store = open_store(home)  # upgrades (after a backup) and indexes what is there
    try:
        assert any("before upgrade" in backup.reason for backup in list_backups(home.db_path, home.backups_dir))
        with store.engine.connect() as connection:
            indexed = connection.exec_driver_sql("SELECT count(*) FROM search_index").scalar()
        with store.session() as session:
            assert indexed == expected_rows > 200
            assert search(session, "heat maps").total >= 3
    finally:
        store.close()


def test_the_downgrade_removes_every_trace(home: AppHome) -> None:
    open_store(home).close()
    assert set(search_objects(home.db_path)) >= {"search_index", "search_minute_insert", "search_meeting_cascade"}
    engine = make_engine(home.db_path, foreign_keys=False)
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), BEFORE_FTS)
        # The tables it read still take writes without their triggers.
        connection.exec_driver_sql(
            "INSERT INTO board (name, short_name, description, default_venue, default_start_time, standing_items) "
            "VALUES ('B', '', '', '', '', '[]')"
        )
    engine.dispose()
    assert search_objects(home.db_path) == []


def test_the_index_is_left_out_of_the_model_comparison() -> None:
    assert not fts.include_name("search_index", "table", {})
    assert not fts.include_name("search_index_data", "table", {})
    assert fts.include_name("minute", "table", {})
    assert fts.include_name("search_index", "column", {})  # only whole tables are skipped by name
    assert migrations.head_revision() == FTS_REVISION or migrations.is_known_revision(FTS_REVISION)
