"""Opening files: new, ours, foreign, damaged, newer — and never writing to what we refuse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from boardapp.core.models import ActionOwner, Board, Organisation
from boardapp.home import AppHome
from boardapp.store import migrations
from boardapp.store.backups import list_backups
from boardapp.store.database import APPLICATION_ID, FileKind, inspect_file, open_database, open_store
from boardapp.store.errors import DamagedDatabase, NewerSchema, NotABoardAppDatabase


def test_new_home_gets_a_database_at_head(home: AppHome) -> None:
    store = open_store(home)
    try:
        assert home.db_path.is_file()
        check = inspect_file(home.db_path)
        assert check.kind is FileKind.BOARDAPP
        assert check.revision == migrations.head_revision()
    finally:
        store.close()


def test_pragmas_are_set_on_every_connection(home: AppHome) -> None:
    store = open_store(home)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 5000
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA application_id")).scalar() == APPLICATION_ID
    finally:
        store.close()


def test_foreign_keys_are_enforced(home: AppHome) -> None:
    store = open_store(home)
    try:
        with pytest.raises(IntegrityError), store.transaction() as session:
            session.add(ActionOwner(action_id=999, person_id=1))
    finally:
        store.close()


def test_an_owner_is_a_person_or_a_role_not_both(home: AppHome) -> None:
    store = open_store(home)
    try:
        with pytest.raises(IntegrityError), store.transaction() as session:
            session.execute(text("PRAGMA foreign_keys = OFF"))
            session.add(ActionOwner(action_id=1, person_id=1, role_id=1))
    finally:
        store.close()


def test_data_survives_reopening_without_an_upgrade_backup(home: AppHome) -> None:
    store = open_store(home)
    with store.transaction() as session:
        session.add(Board(name="MASH Board"))
    store.close()
    again = open_store(home)
    try:
        with again.session() as session:
            assert session.get(Board, 1) is not None
        # nothing to migrate: the only copy is the one taken when the changed file was closed
        assert [b.reason for b in list_backups(home.db_path, home.backups_dir)] == ["after changes"]
    finally:
        again.close()


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    bogus = tmp_path / "minutes.sqlite"
    bogus.write_text("Minutes of the Meeting held on Tuesday, 1st August, 2017\n")
    before = _bytes(bogus)
    with pytest.raises(NotABoardAppDatabase, match="not a database file"):
        open_database(bogus, tmp_path / "backups")
    assert _bytes(bogus) == before


def test_another_programs_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    foreign = tmp_path / "tracker.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE actions (id INTEGER PRIMARY KEY, text TEXT)")
        conn.execute("INSERT INTO actions (text) VALUES ('Heat maps report')")
    conn.close()
    before = _bytes(foreign)
    with pytest.raises(NotABoardAppDatabase, match="another program"):
        open_database(foreign, tmp_path / "backups")
    assert _bytes(foreign) == before


def test_an_empty_sqlite_file_is_treated_as_new(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    store = open_database(empty, tmp_path / "backups")
    store.close()
    assert inspect_file(empty).revision == migrations.head_revision()


def test_a_damaged_file_is_refused_and_left_alone(home: AppHome) -> None:
    store = open_store(home)
    with store.transaction() as session:
        for n in range(300):
            session.add(Organisation(name=f"Organisation {n} " + "x" * 200))
    store.close()
    data = bytearray(home.db_path.read_bytes())
    page = 4096
    for offset in range(page * 2, min(len(data), page * 6)):  # scribble over a few b-tree pages
        data[offset] = 0xA5
    home.db_path.write_bytes(bytes(data))
    before = _bytes(home.db_path)
    with pytest.raises(DamagedDatabase, match="damaged"):
        open_store(home)
    assert _bytes(home.db_path) == before


def test_a_file_from_a_newer_version_is_refused_and_left_alone(home: AppHome) -> None:
    open_store(home).close()
    with sqlite3.connect(home.db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    conn.close()
    before = _bytes(home.db_path)
    with pytest.raises(NewerSchema, match="newer version of BoardApp"):
        open_store(home)
    assert _bytes(home.db_path) == before


def test_the_full_check_is_skipped_only_after_a_clean_close(home: AppHome, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.store import database

    checks: list[bool] = []
    real = database.inspect_file

    def spy(path: Path, *, integrity_check: bool = True) -> database.FileCheck:
        checks.append(integrity_check)
        return real(path, integrity_check=integrity_check)

    monkeypatch.setattr(database, "inspect_file", spy)
    open_store(home).close()  # new file
    open_store(home).close()  # closed cleanly before: no full check
    crashed = open_store(home)  # no check either; and this one is never closed, as in a crash
    crashed.engine.dispose()
    open_store(home).close()  # after the "crash": full check again
    assert checks == [True, False, False, True]


def test_a_file_changed_behind_our_back_is_checked_again(home: AppHome) -> None:
    open_store(home).close()
    data = bytearray(home.db_path.read_bytes())
    for offset in range(4096 * 2, min(len(data), 4096 * 4)):
        data[offset] = 0x5A
    home.db_path.write_bytes(bytes(data))
    with pytest.raises(DamagedDatabase):
        open_store(home)
