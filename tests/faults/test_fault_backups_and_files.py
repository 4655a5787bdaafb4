"""Backups under kills and full disks; read-only files and folders as a real unprivileged user; locks held by
another process; a corrupted WAL; two processes on one file; a damaged file that kept its size and mtime."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from faultkit import add_rows, as_nobody, integrity, leftovers, rows, run_victim
from sqlalchemy import text

from boardapp.home import AppHome
from boardapp.store import backups
from boardapp.store.backups import list_backups, take_backup
from boardapp.store.database import open_store
from boardapp.store.errors import DamagedDatabase, DatabaseLocked, DiskFull, ReadOnlyDatabase, StoreError, classify

# -- backups ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", ["backup-during-copy", "backup-before-rename"])
def test_a_backup_killed_half_way_is_never_listed(home: AppHome, stage: str) -> None:
    open_store(home).close()
    add_rows(home.db_path, *(f"Organisation {n} " + "x" * 300 for n in range(200)))  # enough pages to stop half-way
    before = list_backups(home.db_path, home.backups_dir)
    original = home.db_path.read_bytes()
    run_victim(stage, home.basedir)
    assert list_backups(home.db_path, home.backups_dir) == before
    assert home.db_path.read_bytes() == original
    take_backup(home.db_path, home.backups_dir, "after the kill")  # and the next backup works
    assert len(list_backups(home.db_path, home.backups_dir)) == len(before) + 1


@pytest.mark.parametrize(
    "failure",
    [OSError(errno.ENOSPC, "No space left on device"), sqlite3.OperationalError("database or disk is full")],
    ids=["ENOSPC", "SQLITE_FULL"],
)
def test_a_full_disk_during_a_backup_says_so_and_leaves_no_empty_backup(
    home: AppHome, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    open_store(home).close()
    real_copy = backups._copy

    def copy_then_fail(db_path: Path, partial: Path, source: sqlite3.Connection | None) -> None:
        real_copy(db_path, partial, source)
        partial.write_bytes(b"")  # what a full disk leaves
        raise failure

    monkeypatch.setattr(backups, "_copy", copy_then_fail)
    with pytest.raises(DiskFull, match="disk is full"):
        take_backup(home.db_path, home.backups_dir, "by hand")
    assert list_backups(home.db_path, home.backups_dir, verify=False) == []
    assert leftovers(home.backups_dir) == []


def test_backups_are_taken_on_the_first_open_of_a_day_and_on_a_close_after_changes(home: AppHome) -> None:
    day = datetime(2026, 12, 7, 9, 0)
    open_store(home, now=day).close()  # a new file: nothing to back up yet
    assert list_backups(home.db_path, home.backups_dir) == []
    store = open_store(home, now=day + timedelta(days=1))
    store.close()
    assert [b.reason for b in list_backups(home.db_path, home.backups_dir)] == ["daily"]
    store = open_store(home, now=day + timedelta(days=1, hours=1))  # same day: no second daily copy
    with store.transaction() as session:
        session.execute(text("INSERT INTO organisation (name) VALUES ('Ofsted')"))
    store.close()
    assert sorted(b.reason for b in list_backups(home.db_path, home.backups_dir)) == ["after changes", "daily"]


# -- read-only files and folders (as the unprivileged user nobody) -------------------------------------------


def _readonly_case(shared_dir: Path, file_mode: int, folder_mode: int) -> tuple[AppHome, bytes]:
    home = AppHome.from_options(basedir=shared_dir / "home")
    store = open_store(home)
    with store.transaction() as session:
        session.execute(text("INSERT INTO organisation (name) VALUES ('Ofsted')"))
    store.close()
    home.db_path.chmod(file_mode)
    home.basedir.chmod(folder_mode)
    home.backups_dir.chmod(folder_mode)
    return home, home.db_path.read_bytes()


@pytest.mark.parametrize(
    ("file_mode", "folder_mode"), [(0o644, 0o755), (0o666, 0o755), (0o644, 0o777)], ids=["both", "folder", "file"]
)
def test_a_read_only_file_or_folder_opens_read_only_and_refuses_edits(
    shared_dir: Path, file_mode: int, folder_mode: int
) -> None:
    home, before = _readonly_case(shared_dir, file_mode, folder_mode)

    def work() -> tuple[bool, list[str], str]:
        store = open_store(home)
        try:
            with store.session() as session:
                names = [row[0] for row in session.execute(text("SELECT name FROM organisation"))]
            try:
                with store.transaction() as session:
                    session.execute(text("INSERT INTO organisation (name) VALUES ('lost?')"))
                refused = "nothing"
            except StoreError as exc:
                refused = f"{type(exc).__name__}: {exc}"
            return store.read_only, names, refused
        finally:
            store.close()

    read_only, names, refused = as_nobody(work)
    assert read_only is True
    assert names == ["Ofsted"]
    assert refused.startswith("ReadOnlyDatabase") and "read-only" in refused
    assert home.db_path.read_bytes() == before


def test_a_new_database_in_a_read_only_folder_is_a_plain_message(shared_dir: Path) -> None:
    locked_folder = shared_dir / "readonly"
    locked_folder.mkdir(mode=0o755)
    home = AppHome.from_options(basedir=locked_folder / "home")

    def work() -> str:
        try:
            open_store(home)
        except StoreError as exc:
            return f"{type(exc).__name__}: {exc}"
        return "opened"

    assert as_nobody(work).startswith("ReadOnlyDatabase")
    assert list(locked_folder.iterdir()) == []


def test_the_gui_log_in_a_read_only_home_goes_to_stderr_instead_of_crashing(shared_dir: Path) -> None:
    from boardapp.gui.crash import start_log, stop_log

    def work() -> str:
        handler = start_log(shared_dir / "home" / "boardapp.log")
        stop_log(handler)
        return type(handler).__name__

    assert as_nobody(work) == "StreamHandler"


# -- locks, WAL, two processes --------------------------------------------------------------------------------


def test_a_save_while_another_process_holds_the_write_lock_is_a_locked_message(
    home: AppHome, holder_of_lock: Callable[[Path], None]
) -> None:
    open_store(home).close()
    store = open_store(home)
    holder_of_lock(home.db_path)
    try:
        with pytest.raises(DatabaseLocked, match="another program"), store.transaction() as session:
            session.execute(text("INSERT INTO organisation (name) VALUES ('waiting')"))
    finally:
        store.close()


def test_a_wal_with_a_corrupted_frame_loses_nothing_that_was_checkpointed(home: AppHome) -> None:
    open_store(home).close()
    add_rows(home.db_path, "checkpointed")
    code = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute(\"INSERT INTO organisation (name) VALUES ('in the WAL')\")\n"
        "c.commit()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(home.db_path)], check=False, timeout=60)
    wal = home.db_path.with_name(home.db_path.name + "-wal")
    data = bytearray(wal.read_bytes())
    assert len(data) > 32 + 24
    data[32 + 24 + 100 : 32 + 24 + 200] = b"\xff" * 100  # scribble inside the first frame: its checksum fails
    wal.write_bytes(bytes(data))
    store = open_store(home)
    store.close()
    assert integrity(home.db_path) == "ok"
    assert rows(home.db_path) == ["checkpointed"]  # the torn frame is dropped; nothing before it is


def test_two_processes_writing_one_file_lose_nothing(home: AppHome) -> None:
    open_store(home).close()
    code = (
        "import sys\n"
        "from sqlalchemy import text\n"
        "from boardapp.home import AppHome\n"
        "from boardapp.store.database import open_store\n"
        "store = open_store(AppHome.from_options(basedir=sys.argv[1]))\n"
        "for n in range(40):\n"
        "    with store.transaction() as session:\n"
        "        session.execute(text('INSERT INTO organisation (name) VALUES (:n)'), {'n': f'{sys.argv[2]} {n}'})\n"
        "store.close()\n"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", code, str(home.basedir), who], stderr=subprocess.PIPE, text=True)
        for who in ("first", "second")
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert len(rows(home.db_path)) == 80
    assert integrity(home.db_path) == "ok"


# -- damage ---------------------------------------------------------------------------------------------------


def test_damage_that_keeps_size_and_mtime_is_still_found(home: AppHome) -> None:
    """The issue's case: the check was skipped when size and mtime matched the last clean close."""
    open_store(home).close()
    add_rows(home.db_path, *(f"Organisation {n} " + "x" * 200 for n in range(300)))
    open_store(home).close()
    stat = home.db_path.stat()
    data = bytearray(home.db_path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\x5a" * (4096 * 2)
    home.db_path.write_bytes(bytes(data))
    os.utime(home.db_path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = home.db_path.read_bytes()
    with pytest.raises(DamagedDatabase, match="damaged"):
        open_store(home)
    assert home.db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (sqlite3.OperationalError("database is locked"), DatabaseLocked),
        (sqlite3.OperationalError("attempt to write a readonly database"), ReadOnlyDatabase),
        (sqlite3.OperationalError("database or disk is full"), DiskFull),
        (sqlite3.DatabaseError("database disk image is malformed"), DamagedDatabase),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFull),
        (OSError(errno.EROFS, "Read-only file system"), ReadOnlyDatabase),
        (PermissionError(errno.EACCES, "Permission denied"), ReadOnlyDatabase),
    ],
)
def test_known_errors_are_classified_and_bugs_are_not(error: Exception, kind: type[StoreError], tmp_path: Path) -> None:
    known = classify(error, tmp_path / "boardapp.sqlite")
    assert isinstance(known, kind)
    assert "SELECT" not in str(known) and "sqlite3" not in str(known)
    assert classify(sqlite3.IntegrityError("UNIQUE constraint failed: board.locked"), tmp_path) is None
    assert classify(ValueError("a bug"), tmp_path) is None
