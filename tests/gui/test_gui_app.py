"""Starting the app: smoke runs, a file that cannot be opened, restoring a backup, crash reports."""

from __future__ import annotations

import logging
import sqlite3
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from boardapp.gui.app import load_demo_if_empty, open_store_interactively, run_gui
from boardapp.gui.crash import CrashReporter, start_log, stop_log
from boardapp.gui.dialogs.store_error import Answer, Choice, StoreErrorDialog
from boardapp.home import AppHome
from boardapp.store.backups import Backup, list_backups, take_backup
from boardapp.store.database import open_store
from boardapp.store.errors import (
    DamagedDatabase,
    DatabaseLocked,
    DiskFull,
    InterruptedFirstRun,
    NewerSchema,
    NotABoardAppDatabase,
    ReadOnlyDatabase,
    StoreError,
)

NOT_A_DATABASE = b"Minutes of the meeting held on Tuesday, 1st August, 2017\n" * 20


def board_count(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM board").fetchone()[0])
    finally:
        connection.close()


def test_smoke_run_on_a_fresh_home(qapp: object, home: AppHome) -> None:
    assert run_gui(home, smoke=True) == 0
    assert home.db_path.exists()
    assert home.settings_path.exists()  # the window was shown and closed, saving its state
    assert board_count(home.db_path) == 0  # a new home starts empty: the demo is never loaded into it
    assert not home.demo_db_path.exists()  # and a smoke run does not ask for (nor build) the demonstration


def test_smoke_run_on_a_file_that_is_not_a_database(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.sqlite"
    bad.write_bytes(NOT_A_DATABASE)
    home = AppHome.from_options(basedir=tmp_path / "home", db=bad)
    assert run_gui(home, smoke=True) == 1
    assert bad.read_bytes() == NOT_A_DATABASE
    assert "is not a BoardApp database" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "notes.sqlite"]  # nothing written beside it


def test_demo_is_not_loaded_twice(home: AppHome) -> None:
    store = open_store(home)
    try:
        assert load_demo_if_empty(store, smoke=True)
        boards = board_count(store.path)
        assert load_demo_if_empty(store, smoke=True)
        assert board_count(store.path) == boards
    finally:
        store.close()


def damaged_home_with_backup(home: AppHome) -> Path:
    """A home whose database was overwritten with junk after a backup was taken."""
    open_store(home).close()
    take_backup(home.db_path, home.backups_dir, "before the accident")
    home.db_path.write_bytes(NOT_A_DATABASE)
    for side in ("-wal", "-shm"):
        home.db_path.with_name(home.db_path.name + side).unlink(missing_ok=True)
    return home.db_path


def test_restoring_a_backup_keeps_the_bad_file(home: AppHome) -> None:
    db = damaged_home_with_backup(home)
    asked: list[tuple[StoreError, list[Backup]]] = []

    def ask(error: StoreError, backups: list[Backup]) -> Answer:
        asked.append((error, backups))
        return Answer(Choice.RESTORE, backup=backups[0])

    store = open_store_interactively(home, ask=ask)
    assert store is not None
    store.close()
    ((error, backups),) = asked
    assert isinstance(error, DamagedDatabase)  # junk where our database was (backups of it exist): damaged
    assert "before the accident" in [b.reason for b in backups]
    (kept,) = [p for p in db.parent.iterdir() if ".replaced-" in p.name]
    assert kept.read_bytes() == NOT_A_DATABASE  # set aside, never overwritten


def test_open_another_file_or_quit(home: AppHome, tmp_path: Path) -> None:
    db = damaged_home_with_backup(home)
    other = tmp_path / "elsewhere" / "other.sqlite"
    store = open_store_interactively(home, ask=lambda _e, _b: Answer(Choice.OPEN_OTHER, path=other))
    assert store is not None and store.path == other.resolve()
    store.close()
    assert open_store_interactively(home, ask=lambda _e, _b: Answer(Choice.QUIT)) is None
    assert db.read_bytes() == NOT_A_DATABASE


def test_error_dialog_offers_restore_only_with_backups(qtbot: QtBot, home: AppHome, tmp_path: Path) -> None:
    error = DamagedDatabase(tmp_path / "x.sqlite", "x.sqlite is damaged. It was not changed.")
    without = StoreErrorDialog(error, [])
    qtbot.addWidget(without)
    assert without.restore_button is not None and not without.restore_button.isEnabled()
    assert without.defaultButton() is without.open_button
    assert "It was not changed." in without.informativeText()
    assert [b.text() for b in (without.restore_button, without.open_button, without.quit_button)] == [
        "Restore a backup…",
        "Open another file…",
        "Quit",
    ]
    db = damaged_home_with_backup(home)
    with_backups = StoreErrorDialog(error, list_backups(db, home.backups_dir))
    qtbot.addWidget(with_backups)
    assert with_backups.restore_button is not None and with_backups.restore_button.isEnabled()
    assert with_backups.defaultButton() is with_backups.restore_button
    assert "checked backup" in with_backups.informativeText()


@pytest.mark.parametrize(
    ("kind", "default"),
    [(NotABoardAppDatabase, "Open another file…"), (DatabaseLocked, "Try again"), (DiskFull, "Try again"),
     (ReadOnlyDatabase, "Open another file…"), (NewerSchema, "Quit"), (InterruptedFirstRun, "Try again")],
)
def test_only_a_damaged_file_offers_a_restore(
    qtbot: QtBot, home: AppHome, kind: type[StoreError], default: str
) -> None:
    """A locked or read-only file is healthy and newer than any backup: restoring over it would lose work."""
    db = damaged_home_with_backup(home)
    dialog = StoreErrorDialog(kind(db, f"{db.name}: a problem."), list_backups(db, home.backups_dir))
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "Restore a backup…" not in [b.text() for b in dialog.buttons()]
    assert dialog.defaultButton().text() == default


def test_crash_reporter_logs_and_counts(home: AppHome, capsys: pytest.CaptureFixture[str]) -> None:
    handler = start_log(home.log_path)
    reporter = CrashReporter(home.log_path, smoke=True)
    reporter.install()
    try:
        try:
            raise ValueError("boom in a slot")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        reporter.uninstall()
        stop_log(handler)
    assert reporter.failures == 1
    assert "ValueError: boom in a slot" in home.log_path.read_text()
    assert "boom in a slot" in capsys.readouterr().err
    assert not logging.getLogger("boardapp").handlers or handler not in logging.getLogger("boardapp").handlers


def test_a_locked_file_offers_try_again_and_never_a_restore(home: AppHome, monkeypatch: pytest.MonkeyPatch) -> None:
    from boardapp.gui import app as app_module

    open_store(home).close()
    take_backup(home.db_path, home.backups_dir, "an older copy")
    real_open = app_module.open_store
    failures = [DatabaseLocked(home.db_path, "boardapp.sqlite is in use by another program.")]

    def open_once_locked(current: AppHome, **options: bool) -> object:  # options: claim=True (issue 16)
        if failures:
            raise failures.pop()
        return real_open(current, **options)

    monkeypatch.setattr(app_module, "open_store", open_once_locked)
    asked: list[tuple[StoreError, list[Backup]]] = []

    def ask(error: StoreError, backups: list[Backup]) -> Answer:
        asked.append((error, backups))
        return Answer(Choice.RETRY)

    store = open_store_interactively(home, ask=ask)
    assert store is not None
    store.close()
    ((error, offered),) = asked
    assert isinstance(error, DatabaseLocked) and offered == []  # no backup is offered over a healthy file
    assert not [p for p in home.db_path.parent.iterdir() if ".replaced-" in p.name]


def test_a_store_error_escaping_a_read_is_a_plain_message_not_a_crash(
    home: AppHome, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lost server connection during a GUI read (Operations.read) reaches the excepthook: the user gets the
    store's own plain sentence, no crash dialog, no traceback, and it is not counted as a bug."""
    from boardapp.store.errors import ConnectionLost

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "boardapp.gui.crash.QMessageBox.warning", lambda parent, title, text: shown.append((title, text))
    )
    monkeypatch.setattr("boardapp.gui.crash.QMessageBox.exec", lambda box: pytest.fail("the crash dialog opened"))
    handler = start_log(home.log_path)
    reporter = CrashReporter(home.log_path)
    try:
        message = "The connection to the database server was lost. Try again when it is back."
        lost = ConnectionLost(Path("postgresql://db"), message)
        reporter(type(lost), lost, None)
    finally:
        stop_log(handler)
    assert shown == [("BoardApp", "The connection to the database server was lost. Try again when it is back.")]
    assert reporter.failures == 0
    assert "Traceback" not in home.log_path.read_text()
