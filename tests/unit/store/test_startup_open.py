"""Opening the database at start-up (issue 13 point 5): the daily backup can wait until the window is shown,
and a digest hashed early is trusted only for the very content that was hashed (issue 11's promise holds)."""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from boardapp.home import AppHome
from boardapp.store import database
from boardapp.store.backups import list_backups
from boardapp.store.database import open_database, open_store
from boardapp.store.early_digest import CLEAN_CLOSE_STAMP, EarlyDigest
from boardapp.store.fileformat import content_digest

DAY = datetime.combine(date.today() + timedelta(days=1), time(9))  # after every backup the tests take at "now"


def closed_cleanly(home: AppHome) -> Path:
    """A database that was opened, changed and closed cleanly yesterday (its digest recorded, one backup)."""
    store = open_store(home, now=DAY - timedelta(days=1))
    with store.transaction() as session:
        session.connection().exec_driver_sql("INSERT INTO organisation (name) VALUES ('Skylakes Trust')")
    store.close()
    assert (home.backups_dir / CLEAN_CLOSE_STAMP).is_file()
    return home.db_path


def checks_made(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each open ran SQLite's page check (inspect_file's integrity_check), in order."""
    made: list[bool] = []
    real = database.inspect_file

    def recording(path: Path, **kwargs: Any) -> database.FileCheck:
        if "integrity_check" in kwargs and not kwargs.get("thorough"):
            made.append(bool(kwargs["integrity_check"]))
        return real(path, **kwargs)

    monkeypatch.setattr(database, "inspect_file", recording)
    return made


def reasons(home: AppHome) -> list[str]:
    return sorted(backup.reason for backup in list_backups(home.db_path, home.backups_dir))


def test_the_daily_backup_waits_for_take_daily_backup_when_deferred(home: AppHome) -> None:
    closed_cleanly(home)
    before = reasons(home)
    store = open_store(home, now=DAY, daily_backup=False)
    try:
        assert store.daily_backup_due
        assert reasons(home) == before  # nothing copied while the window is being built
        taken = store.take_daily_backup(now=DAY + timedelta(seconds=2))
        assert taken is not None and taken.exists()
        assert reasons(home) == sorted([*before, "daily"])
        assert store.take_daily_backup(now=DAY + timedelta(seconds=3)) is None  # once a day, not once a call
    finally:
        store.close()
    assert reasons(home) == sorted([*before, "daily"])


def test_the_command_line_still_takes_the_daily_backup_at_open(home: AppHome) -> None:
    closed_cleanly(home)
    before = reasons(home)
    store = open_store(home, now=DAY)
    try:
        assert not store.daily_backup_due
        assert reasons(home) == sorted([*before, "daily"])
    finally:
        store.close()


def test_no_deferred_backup_is_due_when_one_was_taken_today_or_the_file_is_new(home: AppHome) -> None:
    new = open_store(home, now=DAY, daily_backup=False)  # created now: nothing to back up yet
    assert not new.daily_backup_due
    new.close()
    open_store(home, now=DAY).close()  # the day's backup, taken at open (as the command line does)
    assert reasons(home) == ["daily"]
    same_day = open_store(home, now=DAY + timedelta(hours=1), daily_backup=False)
    try:
        assert not same_day.daily_backup_due
        assert same_day.take_daily_backup() is None
    finally:
        same_day.close()


def test_a_failed_deferred_backup_is_logged_and_the_store_stays_usable(
    home: AppHome, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    closed_cleanly(home)
    store = open_store(home, now=DAY, daily_backup=False)

    def full_disk(*_args: object, **_kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(database, "take_backup", full_disk)
    try:
        assert store.take_daily_backup(now=DAY) is None
        assert "daily backup" in caplog.text
        with store.transaction() as session:  # the clerk's work goes on
            session.connection().exec_driver_sql("INSERT INTO organisation (name) VALUES ('Another')")
    finally:
        monkeypatch.undo()
        store.close()


def test_an_early_digest_of_a_cleanly_closed_file_spares_the_page_check(
    home: AppHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = closed_cleanly(home)
    early = EarlyDigest.start(path, home.backups_dir)
    assert early is not None
    assert early.digest_of(path) == content_digest(path)
    made = checks_made(monkeypatch)
    open_database(path, home.backups_dir, now=DAY, early_digest=early).close()
    assert made == [False]


def test_an_early_digest_is_not_trusted_once_the_file_changed_even_with_size_and_time_put_back(
    home: AppHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = closed_cleanly(home)
    early = EarlyDigest.start(path, home.backups_dir)
    assert early is not None
    early.digest_of(path)  # hashed: now change the file behind its back
    before = path.stat()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("UPDATE organisation SET name = 'Skylakes Trusts' WHERE name = 'Skylakes Trust'")
    connection.commit()
    connection.close()
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and modification time as they were
    assert early.digest_of(path) is None
    made = checks_made(monkeypatch)
    open_database(path, home.backups_dir, now=DAY, early_digest=early).close()
    assert made == [True]  # the content differs from the clean close: SQLite checks every page


def test_an_early_digest_is_only_for_its_own_file(home: AppHome, tmp_path: Path) -> None:
    path = closed_cleanly(home)
    early = EarlyDigest.start(path, home.backups_dir)
    assert early is not None
    other = tmp_path / "other.sqlite"
    other.write_bytes(path.read_bytes())
    assert early.digest_of(other) is None
    assert early.digest_of(path) == content_digest(path)


def test_no_early_digest_without_a_recorded_clean_close(home: AppHome, tmp_path: Path) -> None:
    assert EarlyDigest.start(home.db_path, home.backups_dir) is None  # no file, no record
    path = closed_cleanly(home)
    assert EarlyDigest.start(path, tmp_path / "elsewhere") is None  # no clean close recorded there
