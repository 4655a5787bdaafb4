"""The migration scripts and the models must describe the same schema; upgrades back up first."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlmodel import SQLModel

from boardapp.core.models import Board
from boardapp.home import AppHome
from boardapp.store import migrations
from boardapp.store.backups import list_backups
from boardapp.store.database import inspect_file, make_engine, open_store
from boardapp.store.errors import MigrationFailed, MissingVersion
from boardapp.store.fts import include_name, include_object


def test_models_and_migrations_agree(home: AppHome) -> None:
    store = open_store(home)
    try:
        with store.engine.connect() as conn:
            opts = {"include_name": include_name, "include_object": include_object}  # the search index is no model
            context = MigrationContext.configure(conn, opts=opts)
            diff = compare_metadata(context, SQLModel.metadata)
        assert diff == [], f"models changed without a migration: {diff}"
    finally:
        store.close()


def test_an_old_file_is_backed_up_then_upgraded(home: AppHome) -> None:
    open_store(home).close()
    engine = make_engine(home.db_path, foreign_keys=False)
    with engine.begin() as conn:  # take the file back to before the first migration
        command.downgrade(migrations.alembic_config(conn), "base")
    engine.dispose()
    assert inspect_file(home.db_path).revision is None
    store = open_store(home)
    store.close()
    assert inspect_file(home.db_path).revision == migrations.head_revision()
    backups = list_backups(home.db_path, home.backups_dir)
    assert len(backups) == 1
    assert "before upgrade" in backups[0].reason


def test_a_failed_upgrade_puts_the_file_back(home: AppHome, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(home)
    with store.transaction() as session:
        session.add(Board(name="Improvement Board"))
    store.close()
    # One step behind, and a migration script that fails half-way through its work.
    previous = migrations.revision_chain()[migrations.head_revision()]
    with sqlite3.connect(home.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (previous,))
    conn.close()
    real_upgrade = migrations.upgrade_to_head

    def failing_upgrade(connection: Connection) -> None:
        real_upgrade(connection)
        connection.exec_driver_sql("DELETE FROM board")
        raise RuntimeError("a script failed")

    monkeypatch.setattr(migrations, "upgrade_to_head", failing_upgrade)
    before = home.db_path.read_bytes()
    with pytest.raises(MigrationFailed, match="It was not changed"):
        open_store(home)
    assert home.db_path.read_bytes() == before


def test_a_file_that_lost_its_version_record_is_refused_not_recreated(home: AppHome) -> None:
    store = open_store(home)
    with store.transaction() as session:
        session.add(Board(name="Improvement Board"))
    store.close()
    with sqlite3.connect(home.db_path) as conn:
        conn.execute("DROP TABLE alembic_version")
    conn.close()
    before = home.db_path.read_bytes()
    with pytest.raises(MissingVersion, match="version record is missing"):
        open_store(home)
    assert home.db_path.read_bytes() == before


def test_head_revision_is_known() -> None:
    assert migrations.is_known_revision(migrations.head_revision())
    assert not migrations.is_known_revision("0000deadbeef")


def test_engine_helper_opens_plain_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(tmp_path / "x.sqlite")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_the_quick_reading_of_the_scripts_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrations.alembic_config())
    assert migrations.head_revision() == scripts.get_current_head()
    assert migrations.revision_chain() == {s.revision: s.down_revision for s in scripts.walk_revisions()}
