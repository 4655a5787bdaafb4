"""Kills, full disks and locks during a first run and an upgrade: all or nothing, nothing committed lost."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from faultkit import add_rows, integrity, leftovers, old_file, previous_revision, revision, rows, run_victim

from boardapp.home import AppHome
from boardapp.store import database, migrations
from boardapp.store.backups import list_backups
from boardapp.store.database import FileKind, inspect_file, make_engine, open_store
from boardapp.store.errors import DatabaseLocked, DiskFull, NotABoardAppDatabase


@pytest.mark.parametrize("stage", ["first-run-mid-schema", "first-run-before-rename"])
def test_a_first_run_killed_at_any_stage_leaves_no_half_file_and_the_next_start_works(
    home: AppHome, stage: str
) -> None:
    home.ensure()
    run_victim(stage, home.basedir)
    assert not home.db_path.exists()  # never a half-created database where the real one goes
    store = open_store(home)
    store.close()
    assert revision(home.db_path) == migrations.head_revision()
    assert leftovers(home.basedir) == []


def test_a_full_disk_during_a_first_run_says_so_and_leaves_nothing(
    home: AppHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(database, "_fsync", full)
    with pytest.raises(DiskFull, match="disk is full"):
        open_store(home)
    assert not home.db_path.exists()
    assert leftovers(home.basedir) == []


def test_a_half_created_file_from_an_older_version_is_kept_and_recreated(home: AppHome) -> None:
    """What older versions left after a kill: some BoardApp tables, no version, no application_id."""
    home.ensure()
    engine = make_engine(home.db_path, foreign_keys=False)
    first = next(rev for rev, down in migrations.revision_chain().items() if down is None)
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), first)
        connection.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()
    assert inspect_file(home.db_path).kind is FileKind.INTERRUPTED
    before = home.db_path.read_bytes()
    store = open_store(home)
    store.close()
    assert revision(home.db_path) == migrations.head_revision()
    (kept,) = [p for p in home.basedir.iterdir() if ".interrupted-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert kept.read_bytes() == before  # the copy is what was there


def test_another_programs_empty_database_is_not_taken_over(home: AppHome) -> None:
    home.ensure()
    connection = sqlite3.connect(home.db_path)
    connection.execute("PRAGMA user_version = 7")  # an empty database someone else made
    connection.close()
    before = home.db_path.read_bytes()
    with pytest.raises(NotABoardAppDatabase, match="another program"):
        open_store(home)
    assert home.db_path.read_bytes() == before


@pytest.mark.parametrize(
    "stage",
    ["upgrade-after-backup", "upgrade-mid-migration", "upgrade-before-write-back", "upgrade-during-write-back"],
)
def test_an_upgrade_killed_at_any_stage_keeps_every_committed_row(home: AppHome, stage: str) -> None:
    old_file(home, "Ofsted", "Police")
    run_victim(stage, home.basedir)
    assert integrity(home.db_path) == "ok"
    assert revision(home.db_path) in (previous_revision(), migrations.head_revision())  # old or new, never half
    store = open_store(home)  # and the next start finishes the job
    store.close()
    assert revision(home.db_path) == migrations.head_revision()
    assert rows(home.db_path) == ["Ofsted", "Police"]
    assert all(backup.size > 0 for backup in list_backups(home.db_path, home.backups_dir))


def test_an_upgrade_keeps_commits_that_are_still_in_the_wal(home: AppHome) -> None:
    """The issue's case: the old upgrade copied only the main file and deleted the -wal."""
    old_file(home, "Ofsted")
    code = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('PRAGMA journal_mode = WAL')\n"
        "c.execute(\"INSERT INTO organisation (name) VALUES ('only in the WAL')\")\n"
        "c.commit()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(home.db_path)], check=False, timeout=60)
    assert home.db_path.with_name(home.db_path.name + "-wal").stat().st_size > 0
    store = open_store(home)
    store.close()
    assert rows(home.db_path) == ["Ofsted", "only in the WAL"]
    assert revision(home.db_path) == migrations.head_revision()


def test_an_upgrade_refuses_while_another_process_holds_the_file(
    home: AppHome, holder_of_lock: Callable[[Path], None]
) -> None:
    old_file(home, "Ofsted")
    before = home.db_path.read_bytes()
    holder_of_lock(home.db_path)
    with pytest.raises(DatabaseLocked, match="another program"):
        open_store(home)
    assert home.db_path.read_bytes() == before
    assert leftovers(home.basedir) == []


def test_a_full_disk_during_an_upgrade_says_so_and_changes_nothing(
    home: AppHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_file(home, "Ofsted")
    before = home.db_path.read_bytes()

    def full(_path: Path) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "_migrate", full)
    with pytest.raises(DiskFull, match="disk is full"):
        open_store(home)
    assert home.db_path.read_bytes() == before
    assert leftovers(home.basedir) == []


def test_a_save_killed_before_its_commit_loses_only_that_save(home: AppHome) -> None:
    open_store(home).close()
    run_victim("write-during-save", home.basedir)
    store = open_store(home)
    store.close()
    assert rows(home.db_path) == ["committed"]
    add_rows(home.db_path, "after")
    assert rows(home.db_path) == ["committed", "after"]
