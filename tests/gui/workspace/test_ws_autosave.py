"""Autosave: notes typed in the workspace are stored within the debounce, off the GUI thread, in order."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from boardapp.gui.autosave import NotesAutosaver, SaveState, save_in_transaction
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.services.changes import Changes
from boardapp.services.errors import MinutesLocked
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, SAVE_TIMEOUT_MS, item_ids, stored_notes


def test_typed_notes_are_stored_within_the_debounce(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    editor = workspace.editor.notes
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    before = stored_notes(demo_store, item)
    qtbot.keyClicks(editor, " Cllr Charles gave her apologies.")
    assert workspace.editor.save_label.text() == "Saving…"
    expected = before + " Cllr Charles gave her apologies."
    qtbot.waitUntil(lambda: stored_notes(demo_store, item) == expected, timeout=SAVE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: workspace.editor.save_label.text() == "Saved ✓", timeout=SAVE_TIMEOUT_MS)


def test_continuous_typing_is_saved_before_it_stops(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    """The debounce is capped: text typed steadily for longer than a second reaches the disk meanwhile."""
    item = item_ids(demo_store, AUGUST)[0]
    editor = workspace.editor.notes
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    saved_while_typing = False
    for _ in range(40):  # four seconds of steady typing at most; the cap is one second
        qtbot.keyClicks(editor, "a")
        qtbot.wait(100)  # a steady typist: never a 300 ms pause
        if stored_notes(demo_store, item).startswith("aaaa"):
            saved_while_typing = True
            break
    assert saved_while_typing


def test_saving_keeps_the_undo_history(qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    editor = workspace.editor.notes
    editor.setFocus()
    before = stored_notes(demo_store, item)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Extra words.")
    qtbot.waitUntil(lambda: stored_notes(demo_store, item).endswith("Extra words."), timeout=SAVE_TIMEOUT_MS)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == before
    qtbot.waitUntil(lambda: stored_notes(demo_store, item) == before, timeout=SAVE_TIMEOUT_MS)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText().endswith("Extra words.")


def test_moving_to_another_item_saves_at_once(qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store) -> None:
    first, second = item_ids(demo_store, AUGUST)[:2]
    editor = workspace.editor.notes
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Replaced welcome")
    qtbot.keyClick(editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # next item
    assert workspace.current_item_id == second
    assert stored_notes(demo_store, first) == "Replaced welcome"  # no waiting: flushed on the switch
    qtbot.keyClicks(editor, "Matters arising notes")
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # previous item
    assert stored_notes(demo_store, second) == "Matters arising notes"
    assert editor.toPlainText() == "Replaced welcome"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # each item keeps its undo history
    assert editor.toPlainText() != "Replaced welcome"


def test_closing_the_meeting_saves_what_was_typed(qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    workspace.editor.notes.selectAll()
    qtbot.keyClicks(workspace.editor.notes, "Typed just before closing")
    workspace.close_meeting()
    assert stored_notes(demo_store, item) == "Typed just before closing"


# -- the autosaver on its own ---------------------------------------------------------------------------------


def _slow_save(delay: float, calls: list[tuple[int, str, str]]):  # type: ignore[no-untyped-def]
    def save(store: Store, item_id: int, text: str) -> Changes:
        calls.append((item_id, text, threading.current_thread().name))
        time.sleep(delay)
        return save_in_transaction(store, item_id, text)

    return save


def test_the_disk_is_never_waited_for_on_the_gui_thread(qtbot: QtBot, demo_store: Store) -> None:
    """Saves are held at a gate: the GUI thread keeps taking edits while the disk is busy (no timing)."""
    item = item_ids(demo_store, AUGUST)[0]
    before = stored_notes(demo_store, item)
    calls: list[tuple[int, str, str]] = []
    gate = threading.Event()

    def held_save(store: Store, item_id: int, text: str) -> Changes:
        calls.append((item_id, text, threading.current_thread().name))
        gate.wait(timeout=10)  # a save on the GUI thread would stall the loop below, then fail the asserts
        return save_in_transaction(store, item_id, text)

    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=held_save)
    try:
        texts = [f"version {n}" for n in range(5)]
        for text in texts:
            saver.edited(item, lambda text=text: text)  # type: ignore[misc]
            qtbot.wait(5)  # the timer fires; the text goes to the worker
        qtbot.waitUntil(lambda: bool(calls), timeout=1000)  # the worker is inside the held save
        assert not gate.is_set() and stored_notes(demo_store, item) == before  # nothing stored yet...
        assert saver.pending  # ...while every edit was taken
        gate.set()
        qtbot.waitUntil(lambda: stored_notes(demo_store, item) == "version 4", timeout=3000)
        assert all(thread != threading.main_thread().name for _, _, thread in calls)
        assert len(calls) < len(texts)  # texts queued meanwhile were replaced by the latest
        qtbot.waitUntil(lambda: saver.state is SaveState.SAVED, timeout=1000)
    finally:
        gate.set()
        saver.close()


def test_flush_waits_for_a_save_in_progress_and_keeps_the_newest(qtbot: QtBot, demo_store: Store) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    calls: list[tuple[int, str, str]] = []
    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=_slow_save(0.3, calls))
    try:
        saver.edited(item, lambda: "older")
        qtbot.waitUntil(lambda: bool(calls), timeout=1000)  # the worker is inside the slow save of "older"
        saver.edited(item, lambda: "newer")
        assert saver.flush()
        assert stored_notes(demo_store, item) == "newer"
        qtbot.wait(400)
        assert stored_notes(demo_store, item) == "newer"  # "older" can never land after it
    finally:
        saver.close()


def test_a_failed_save_is_retried_and_shown(qtbot: QtBot, demo_store: Store) -> None:
    item = item_ids(demo_store, AUGUST)[0]
    failures = [OperationalError("INSERT", {}, Exception("database is locked"))]

    def flaky(store: Store, item_id: int, text: str) -> Changes:
        if failures:
            raise failures.pop()
        return save_in_transaction(store, item_id, text)

    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=flaky)
    states: list[SaveState] = []
    saver.state_changed.connect(states.append)
    try:
        saver.edited(item, lambda: "kept through a failure")
        qtbot.waitUntil(lambda: SaveState.FAILED in states, timeout=1000)
        assert "database is locked" in saver.last_error
        qtbot.waitUntil(lambda: stored_notes(demo_store, item) == "kept through a failure", timeout=3000)
        qtbot.waitUntil(lambda: saver.state is SaveState.SAVED, timeout=1000)
    finally:
        saver.close()


def test_a_refused_save_is_reported_once_and_not_retried(qtbot: QtBot, demo_store: Store) -> None:
    calls: list[str] = []

    def refuse(store: Store, item_id: int, text: str) -> Changes:
        calls.append(text)
        raise MinutesLocked("The minutes of 1 August 2017 were approved and are locked.")

    saver = NotesAutosaver(demo_store, debounce_ms=0, max_delay_ms=0, save=refuse)
    try:
        with qtbot.waitSignal(saver.refused, timeout=1000) as refused:
            saver.edited(1, lambda: "not allowed")
        assert "locked" in refused.args[0]
        qtbot.wait(1300)
        assert calls == ["not allowed"]
    finally:
        saver.close()


@pytest.mark.parametrize("debounce_ms", [300])
def test_edits_after_close_are_ignored(qtbot: QtBot, demo_store: Store, debounce_ms: int) -> None:
    saver = NotesAutosaver(demo_store, debounce_ms=debounce_ms)
    saver.close()
    saver.edited(1, lambda: "too late")
    assert not saver.pending
