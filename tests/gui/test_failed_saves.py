"""No typed word is lost to a failed save (issue 11 point 3).

A real write lock held by another process, and injected OSError / OperationalError: the clerk reads a
plain sentence (never SQL nor the minute text), the text goes to a recovery file beside the database
and is retried; closing asks Retry / Save the text to a file… / Discard / Cancel; the next start offers
leftover recovery files back.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from boardapp.gui.app import run_gui
from boardapp.gui.autosave import NotesAutosaver, SaveState, save_in_transaction
from boardapp.gui.main_window import MainWindow
from boardapp.gui.operations import Operations
from boardapp.gui.recovery import (
    RecoveryFiles,
    offer_recovered_notes,
    recovery_dir,
    save_failure_message,
    settle_unsaved_notes,
)
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.home import AppHome
from boardapp.services.changes import Changes
from boardapp.store.database import Store
from boardapp.store.errors import DatabaseLocked, DiskFull, ReadOnlyDatabase
from tests.gui.workspace.ws_helpers import AUGUST, item_ids, meeting_id, stored_notes

LOCKED = "Not saved: the database is locked by another program. Your text is kept and will be saved when it can."
SECRET = "Cllr Ahmed declared an interest in the Oakfield contract"
Button = QMessageBox.StandardButton

LOCK_HOLDER = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.readline()
con.execute("ROLLBACK")
con.close()
"""


class LockHolder:
    """Another process holding SQLite's write lock (`BEGIN IMMEDIATE`) until released."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOCK_HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.communicate("go\n", timeout=10)  # also closes the pipes


@pytest.fixture
def quick_store(demo_store: Store) -> Store:
    """The demo store with a 50 ms busy timeout, so a locked save fails at once instead of after 5 s."""

    def short_timeout(connection: sqlite3.Connection, _record: Any) -> None:
        connection.execute("PRAGMA busy_timeout = 50")

    event.listen(demo_store.engine, "connect", short_timeout)
    demo_store.engine.dispose()
    return demo_store


@pytest.fixture
def lock(quick_store: Store) -> Iterator[LockHolder]:
    holder = LockHolder(quick_store.path)
    yield holder
    holder.release()


def _recovery_text(store: Store, item_id: int) -> str:
    data = json.loads((recovery_dir(store.path) / f"item-{item_id}.json").read_text(encoding="utf-8"))
    assert data["item_id"] == item_id
    return str(data["text"])


def _failing(failures: list[BaseException]) -> Callable[[Store, int, str], Changes]:
    """A save that raises each of `failures` in turn, then saves for real."""

    def save(store: Store, item_id: int, text: str) -> Changes:
        if failures:
            raise failures.pop(0)
        return save_in_transaction(store, item_id, text)

    return save


def _answer(monkeypatch: pytest.MonkeyPatch, *answers: Button) -> list[str]:
    """Answer the next message boxes with `answers`, in turn; returns the texts they showed."""
    queue = list(answers)
    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(queue.pop(0).value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


# -- a real lock held by another process ---------------------------------------------------------------------
def test_a_locked_database_keeps_the_text_in_a_recovery_file_and_saves_it_once_released(
    qtbot: QtBot, quick_store: Store, lock: LockHolder
) -> None:
    item = item_ids(quick_store, AUGUST)[0]
    saver = NotesAutosaver(quick_store, debounce_ms=0, max_delay_ms=0)
    try:
        saver.edited(item, lambda: SECRET)
        qtbot.waitUntil(lambda: saver.state is SaveState.FAILED, timeout=3000)
        assert saver.last_error == LOCKED
        assert _recovery_text(quick_store, item) == SECRET
        assert stored_notes(quick_store, item) != SECRET
        lock.release()
        qtbot.waitUntil(lambda: stored_notes(quick_store, item) == SECRET, timeout=5000)  # the retry
        qtbot.waitUntil(lambda: saver.state is SaveState.SAVED, timeout=2000)
        assert not recovery_dir(quick_store.path).exists()  # removed once saved
    finally:
        saver.close()


def test_the_workspace_label_says_locked_in_plain_words(qtbot: QtBot, quick_store: Store, lock: LockHolder) -> None:
    workspace = MeetingWorkspace(Operations(quick_store, show_errors=False), debounce_ms=0, max_delay_ms=0)
    qtbot.addWidget(workspace)
    workspace.show()
    workspace.open_meeting(meeting_id(quick_store, AUGUST))
    try:
        workspace.editor.notes.selectAll()
        qtbot.keyClicks(workspace.editor.notes, "Typed while locked")
        label = workspace.editor.save_label
        qtbot.waitUntil(lambda: label.text() == LOCKED, timeout=3000)
        assert "UPDATE" not in label.text() and "INSERT" not in label.text()
        lock.release()
        qtbot.waitUntil(lambda: label.text() == "Saved ✓", timeout=5000)
        assert stored_notes(quick_store, workspace.rows[0].id) == "Typed while locked"
    finally:
        workspace.close_meeting()


# -- injected failures ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "Not saved: the disk is full."),
        (
            OperationalError(
                "UPDATE minute SET notes=?", (SECRET,), sqlite3.OperationalError("attempt to write a readonly database")
            ),
            "Not saved: the database file is read-only.",
        ),
        (
            OperationalError(
                "UPDATE minute SET notes=?", (SECRET,), sqlite3.OperationalError("database or disk is full")
            ),
            "Not saved: the disk is full.",
        ),
        (
            OperationalError(
                "UPDATE minute SET notes=?", (SECRET,), sqlite3.OperationalError("unable to open database file")
            ),
            "Not saved: the database file cannot be reached",
        ),
    ],
)
def test_an_injected_failure_reads_plainly_and_is_retried(
    qtbot: QtBot, demo_store: Store, failure: BaseException, expected: str
) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=_failing([failure]))
    try:
        saver.edited(item, lambda: SECRET)
        qtbot.waitUntil(lambda: saver.state is SaveState.FAILED, timeout=2000)
        assert saver.last_error.startswith(expected)
        assert saver.last_error.endswith("Your text is kept and will be saved when it can.")
        assert SECRET not in saver.last_error and "UPDATE" not in saver.last_error
        assert _recovery_text(demo_store, item) == SECRET
        qtbot.waitUntil(lambda: stored_notes(demo_store, item) == SECRET, timeout=3000)
        qtbot.waitUntil(lambda: not recovery_dir(demo_store.path).exists(), timeout=1000)
    finally:
        saver.close()


def test_the_recovery_file_holds_the_newest_text(qtbot: QtBot, demo_store: Store) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    locked = OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))
    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=_failing([locked, locked, locked]))
    try:
        saver.edited(item, lambda: "first words")
        assert not saver.flush()
        saver.edited(item, lambda: "first words, then more")
        assert not saver.flush()
        assert _recovery_text(demo_store, item) == "first words, then more"
        assert saver.unsaved_texts() == {item: "first words, then more"}
    finally:
        saver.close()
    assert stored_notes(demo_store, item) == "first words, then more"  # the close saved it (4th attempt)


def test_a_recovery_file_that_cannot_be_written_still_keeps_the_text_in_memory(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = item_ids(demo_store, AUGUST)[0]

    def no_space(self: RecoveryFiles, item_id: int, text: str) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(RecoveryFiles, "write", no_space)
    full = OSError(errno.ENOSPC, "No space left on device")
    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=_failing([full]))
    try:
        saver.edited(item, lambda: SECRET)
        assert not saver.flush()
        assert saver.unsaved_texts() == {item: SECRET}
        assert saver.flush()
        assert stored_notes(demo_store, item) == SECRET
    finally:
        saver.close()


def test_the_stores_own_classification_is_used(tmp_path: Path) -> None:
    """store.transaction raises DatabaseLocked, ReadOnlyDatabase, DiskFull... (store/errors.py): same plain words."""
    db = tmp_path / "boardapp.sqlite"
    assert save_failure_message(DatabaseLocked(db, "x")) == LOCKED
    assert save_failure_message(ReadOnlyDatabase(db, "x")).startswith("Not saved: the database file is read-only.")
    assert save_failure_message(DiskFull(db, "x")).startswith("Not saved: the disk is full.")


def test_messages_for_each_kind_of_failure() -> None:
    assert save_failure_message(OperationalError("x", {}, sqlite3.OperationalError("database is locked"))) == LOCKED
    assert save_failure_message(OSError(errno.EROFS, "Read-only file system")).startswith(
        "Not saved: the database file is read-only."
    )
    assert save_failure_message(RuntimeError("something else")).startswith(
        "Not saved: the database could not be written."
    )


# -- the close prompt ------------------------------------------------------------------------------------------
@pytest.fixture
def failing_saver(demo_store: Store) -> Iterator[tuple[NotesAutosaver, int, list[BaseException]]]:
    """An autosaver whose saves fail while `failures` is not empty, with unsaved text for item 1."""
    item = item_ids(demo_store, AUGUST)[0]
    failures: list[BaseException] = [OperationalError("x", {}, sqlite3.OperationalError("database is locked"))] * 50

    def save(store: Store, item_id: int, text: str) -> Changes:
        if failures:
            raise failures[0]
        return save_in_transaction(store, item_id, text)

    saver = NotesAutosaver(demo_store, debounce_ms=10_000, max_delay_ms=10_000, save=save)
    saver.edited(item, lambda: SECRET)
    yield saver, item, failures
    failures.clear()
    saver.close()


def test_close_prompt_retry_saves_once_the_lock_is_gone(
    demo_store: Store, failing_saver: tuple[NotesAutosaver, int, list[BaseException]], monkeypatch: pytest.MonkeyPatch
) -> None:
    saver, item, failures = failing_saver
    shown = _answer(monkeypatch, Button.Retry, Button.Retry)
    original_flush = saver.flush
    attempts: list[bool] = []

    def flush_then_unlock() -> bool:
        ok = original_flush()
        attempts.append(ok)
        if len(attempts) == 2:
            failures.clear()  # released while the first prompt was up
        return ok

    monkeypatch.setattr(saver, "flush", flush_then_unlock)
    assert settle_unsaved_notes(None, saver)
    assert attempts == [False, False, True]
    assert len(shown) == 2 and shown[0].startswith(LOCKED)
    assert stored_notes(demo_store, item) == SECRET
    assert not recovery_dir(demo_store.path).exists()


def test_close_prompt_saves_the_text_to_a_file(
    tmp_path: Path,
    demo_store: Store,
    failing_saver: tuple[NotesAutosaver, int, list[BaseException]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saver, item, _failures = failing_saver
    _answer(monkeypatch, Button.Save)
    chosen = tmp_path / "my notes.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen), ""))
    assert settle_unsaved_notes(None, saver)
    text = chosen.read_text(encoding="utf-8")
    assert SECRET in text
    assert "meeting of 1 August 2017" in text  # named after its item and meeting
    assert _recovery_text(demo_store, item) == SECRET  # still offered on the next start


def test_close_prompt_discard_forgets_the_text(
    demo_store: Store, failing_saver: tuple[NotesAutosaver, int, list[BaseException]], monkeypatch: pytest.MonkeyPatch
) -> None:
    saver, item, failures = failing_saver
    _answer(monkeypatch, Button.Discard)
    assert settle_unsaved_notes(None, saver)
    assert not recovery_dir(demo_store.path).exists()
    assert saver.unsaved_texts() == {}
    failures.clear()
    assert saver.flush()
    assert stored_notes(demo_store, item) != SECRET


def test_close_prompt_cancel_keeps_everything(
    demo_store: Store, failing_saver: tuple[NotesAutosaver, int, list[BaseException]], monkeypatch: pytest.MonkeyPatch
) -> None:
    saver, item, _failures = failing_saver
    _answer(monkeypatch, Button.Cancel)
    assert not settle_unsaved_notes(None, saver)
    assert saver.unsaved_texts() == {item: SECRET}
    assert _recovery_text(demo_store, item) == SECRET


def test_closing_the_window_with_unsaved_notes_asks_and_cancel_keeps_it_open(
    qtbot: QtBot, quick_store: Store, home: AppHome, lock: LockHolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(quick_store, home)
    window.operations.show_errors = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_target is not None
    window.open_workspace()
    workspace = window.workspace
    workspace.editor.notes.selectAll()
    qtbot.keyClicks(workspace.editor.notes, "Typed during the lock")
    shown = _answer(monkeypatch, Button.Cancel)
    assert not window.close()
    assert window.isVisible() and len(shown) == 1 and shown[0].startswith(LOCKED)
    assert _recovery_text(quick_store, workspace.rows[0].id) == "Typed during the lock"

    lock.release()
    shown = _answer(monkeypatch)  # no prompt now: the flush succeeds
    assert window.close()
    assert shown == []
    assert stored_notes(quick_store, workspace.rows[0].id) == "Typed during the lock"
    assert not recovery_dir(quick_store.path).exists()


# -- the next start ------------------------------------------------------------------------------------------
def test_leftover_recovery_files_are_offered_back_and_restored(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = item_ids(demo_store, AUGUST)[:2]
    files = RecoveryFiles(demo_store.path)
    files.write(first, "Recovered after a crash")
    files.write(second, "Not wanted")
    shown = _answer(monkeypatch, Button.Yes, Button.Discard)
    assert offer_recovered_notes(None, Operations(demo_store, show_errors=False)) == 1
    assert "Recovered after a crash" in shown[0] and "meeting of 1 August 2017" in shown[0]
    assert stored_notes(demo_store, first) == "Recovered after a crash"
    assert stored_notes(demo_store, second) != "Not wanted"
    assert files.notes() == []


def test_decide_later_keeps_the_recovery_file(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    RecoveryFiles(demo_store.path).write(item, "Later")
    _answer(monkeypatch, Button.Cancel)
    assert offer_recovered_notes(None, Operations(demo_store, show_errors=False)) == 0
    assert _recovery_text(demo_store, item) == "Later"


def test_no_recovery_files_no_question(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _answer(monkeypatch)
    assert offer_recovered_notes(None, Operations(demo_store, show_errors=False)) == 0
    assert shown == []


def test_the_app_offers_recovered_notes_when_it_starts(
    qapp: QApplication, home: AppHome, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A previous session left a recovery file: the next start asks, and Restore puts it into the minute."""
    item = item_ids(demo_store, AUGUST)[0]
    RecoveryFiles(demo_store.path).write(item, "Typed before the power cut")
    shown: list[str] = []

    def answer_then_close(box: QMessageBox) -> int:
        shown.append(box.text())
        for widget in qapp.topLevelWidgets():
            if isinstance(widget, MainWindow):
                QTimer.singleShot(0, widget.close)  # then quit, as the clerk would
        return int(Button.Yes.value)

    monkeypatch.setattr(QMessageBox, "exec", answer_then_close)
    assert run_gui(home) == 0
    assert len(shown) == 1 and "Typed before the power cut" in shown[0]
    assert stored_notes(demo_store, item) == "Typed before the power cut"
    assert RecoveryFiles(demo_store.path).notes() == []


def test_the_minute_text_never_decides_the_message() -> None:
    """SQLAlchemy quotes the parameters: a minute mentioning a locked door is not a locked database."""
    wrapped = OperationalError(
        "UPDATE minute SET notes=?",
        ("The door was locked and the room full",),
        sqlite3.OperationalError("disk I/O error"),
    )
    message = save_failure_message(wrapped)
    assert message.startswith("Not saved: the database file cannot be reached")
    assert "door" not in message


def test_closing_the_workspace_asks_too_and_discard_lets_it_go(
    qtbot: QtBot, quick_store: Store, home: AppHome, lock: LockHolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(quick_store, home)
    window.operations.show_errors = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_workspace()
    workspace = window.workspace
    item = workspace.rows[0].id
    before = stored_notes(quick_store, item)
    workspace.editor.notes.selectAll()
    qtbot.keyClicks(workspace.editor.notes, "Not wanted after all")

    shown = _answer(monkeypatch, Button.Cancel)
    window.close_workspace()
    assert len(shown) == 1 and window.pages.currentWidget() is workspace  # still minuting

    _answer(monkeypatch, Button.Discard)
    window.close_workspace()
    assert window.pages.currentWidget() is not workspace
    assert not recovery_dir(quick_store.path).exists()
    lock.release()
    assert stored_notes(quick_store, item) == before
