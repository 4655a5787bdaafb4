"""Autosave of minute notes: no save command, every edit durable within a second, typing never waits for the disk.

How it works (issue 3, point 6; docs/architecture.md sections 6.6 and 7):

* The editor reports each edit with `NotesAutosaver.edited(item_id, text_of)`. A debounce timer
  waits for a pause in typing (DEBOUNCE_MS), but never longer than MAX_DELAY_MS after the first
  unsaved keystroke, so continuous typing is still saved several times a second.
* When the timer fires, the GUI thread only copies the text (`text_of()`, well under a
  millisecond) into a queue that keeps the latest text per item, and returns.
* A worker `QThread` with its own sessions takes the queue's entries one at a time and runs the
  `save_notes` service in a transaction. SQLite commits with `synchronous = FULL`
  (store/database.py), so once a commit returns the text survives a crash or power cut. The
  fsync happens on the worker, never on the GUI thread.
* `flush()` saves whatever is pending synchronously on the calling thread; the workspace calls
  it when the clerk moves to another item, before any other write (so the worker and the GUI
  never write at the same time), and on window close and application quit. A lock held around
  every save keeps the order right: an older text of an item can never overwrite a newer one.
* A failure that is not the user's (disk full, database locked or read-only, file gone) keeps the
  text queued and retries every RETRY_MS. `last_error` is then a plain sentence for the clerk
  (recovery.save_failure_message: never SQL, never the minute text), and the text is also written
  to a recovery file beside the database, removed once the text is saved (issue 11 point 3; see
  recovery.py for the close prompt and the start-up offer). A refusal (`ServiceError`, e.g. the minutes
  were locked meanwhile) is reported once and not retried. The text stays in the editor either way.
* No lost updates (issue 16 point 2): the workspace tells the saver which version of an item's notes
  its editor loaded (`loaded`); each save is checked against it and learns the new one. If another
  clerk saved meanwhile, the save raises `EditConflict`: the item is then held (not retried, later
  texts of it are kept in memory and in its recovery file, never written over theirs), `conflicted`
  is emitted, and the workspace shows gui/dialogs/conflict.py. `resolve` saves the clerk's choice with
  the version the conflict reported; only then does the recovery file go.

benchmarks/autosave.py measures the save itself and the GUI-thread cost of an edit.

A keystroke costs the GUI thread no call into Qt at all (a time stamp; the debounce timer is started
once per burst and re-armed only when it fires), and the worker reports back through a plain queue
polled by a timer rather than by emitting signals from its thread. Besides keeping typing cheap,
this matters with PySide6 6.12 on Python 3.11, whose wrappers drop a reference to None on every
void call and to True on every Python-side `emit()`: the fewer such calls per keystroke and per
save, the longer a session runs before that bug can bring the interpreter down.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from boardapp.gui.recovery import RecoveryFiles, save_failure_message
from boardapp.services.changes import Changes
from boardapp.services.conflicts import EditConflict
from boardapp.services.errors import ServiceError
from boardapp.services.minuting import save_notes, save_notes_versioned
from boardapp.store.database import Store

logger = logging.getLogger("boardapp")

DEBOUNCE_MS = 300
MAX_DELAY_MS = 700  # since the first unsaved keystroke; + the commit itself stays well inside 1 s
RETRY_MS = 1000
POLL_MS = 25  # how often the GUI thread collects the worker's results while a save is in flight


class SaveState(Enum):
    SAVED = "Saved"
    SAVING = "Saving…"
    FAILED = "Not saved"


SaveFunction = Callable[[Store, int, str], Changes]
CheckedSaveFunction = Callable[[Store, int, str, int], tuple[int, Changes]]  # (…, expected) -> (new version, …)
CONFLICT_MESSAGE = (
    "Not saved: someone else changed these notes meanwhile. Your text is kept; choose what to keep."
)
Result = tuple[int, int, Changes | None, str, bool, EditConflict | None]


def save_in_transaction(store: Store, item_id: int, text: str) -> Changes:
    with store.transaction() as session:
        return save_notes(session, item_id, text)


def save_checked_in_transaction(store: Store, item_id: int, text: str, expected_version: int) -> tuple[int, Changes]:
    with store.transaction() as session:
        return save_notes_versioned(session, item_id, text, expected_version=expected_version)


class _SaveWorker(QThread):
    """Saves queued texts, latest per item, each in its own transaction; results go to `results`."""

    def __init__(
        self,
        store: Store,
        save: SaveFunction,
        recovery: RecoveryFiles | None = None,
        parent: QObject | None = None,
        *,
        checked_save: CheckedSaveFunction = save_checked_in_transaction,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notesAutosaveWorker")
        self.store = store
        self._save = save
        self._checked_save = checked_save
        self._recovery = recovery
        self._recovered: dict[int, int] = {}  # item id -> sequence of the text in its recovery file
        self.results: queue.SimpleQueue[Result] = queue.SimpleQueue()
        self._versions: dict[int, int] = {}  # item id -> version its editor loaded or last saved (checked on write)
        self._conflicts: dict[int, EditConflict] = {}  # items held until the clerk resolves the conflict
        self._held: dict[int, tuple[str, int]] = {}  # their latest text typed since (kept, not written)
        self._pending: dict[int, tuple[str, int]] = {}  # item id -> (latest text, sequence)
        self._condition = threading.Condition()
        self._save_lock = threading.Lock()  # held around each save, by the worker and by flush()
        self._stopping = False
        self._retry_after = 0.0

    def submit(self, item_id: int, text: str, sequence: int) -> None:
        with self._condition:
            self._pending[item_id] = (text, sequence)
            self._condition.notify()

    def stop(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify()
        self.wait()

    def run(self) -> None:
        while True:
            with self._condition:
                while not self._stopping and (not self._pending or time.monotonic() < self._retry_after):
                    timeout = None if not self._pending else max(0.0, self._retry_after - time.monotonic())
                    self._condition.wait(timeout)
                if self._stopping:
                    return  # the owner flushes what is left on its own thread
            with self._save_lock:
                with self._condition:
                    if not self._pending:
                        continue  # flush() took it meanwhile
                    item_id = next(iter(self._pending))
                    text, sequence = self._pending.pop(item_id)
                if not self._save_one(item_id, text, sequence):
                    self._retry_after = time.monotonic() + RETRY_MS / 1000

    def flush(self) -> bool:
        """Save everything queued, now, on the calling thread; False if something could not be saved
        (an unresolved edit conflict included: its text is not in the database)."""
        with self._save_lock:
            with self._condition:
                batch, self._pending = self._pending, {}
            ok = True
            for item_id, (text, sequence) in batch.items():
                ok = self._save_one(item_id, text, sequence) and ok
            return ok and not self.in_conflict()

    def unsaved(self) -> dict[int, str]:
        """The latest text of every item still waiting to be saved (or held by an unresolved conflict)."""
        with self._condition:
            held = {item_id: text for item_id, (text, _sequence) in self._held.items()}
            return held | {item_id: text for item_id, (text, _sequence) in self._pending.items()}

    def discard(self) -> None:
        """Forget every unsaved text and its recovery file (the clerk chose Discard)."""
        with self._save_lock:
            with self._condition:
                dropped, self._pending = self._pending, {}
                self._held.clear()
                self._conflicts.clear()
            for item_id in set(dropped) | set(self._recovered):
                self._forget_recovery(item_id)

    def loaded(self, item_id: int, version: int) -> None:
        """The editor shows the notes of this version: saves are checked against it (not while in conflict)."""
        with self._condition:
            if item_id not in self._conflicts:
                self._versions[item_id] = version

    def in_conflict(self) -> bool:
        with self._condition:
            return bool(self._conflicts)

    def resolve(self, item_id: int, text: str, version: int, sequence: int) -> bool:
        """Save the clerk's choice over `version` (the one the conflict reported); True once saved."""
        with self._save_lock:
            with self._condition:
                self._conflicts.pop(item_id, None)
                self._held.pop(item_id, None)
                self._pending.pop(item_id, None)  # older texts of the item: the clerk's choice supersedes them
                self._versions[item_id] = version
            return self._save_one(item_id, text, sequence)

    def _save_one(self, item_id: int, text: str, sequence: int) -> bool:
        """(item, sequence, Changes or None, error message, will retry, conflict) goes to `results`."""
        with self._condition:
            conflict = self._conflicts.get(item_id)
            expected = self._versions.get(item_id)
            if conflict is not None:  # not written over the other clerk's text: kept until resolved
                self._held[item_id] = (text, sequence)
        if conflict is not None:
            self._keep_recovery(item_id, text, sequence)
            self.results.put((item_id, sequence, None, CONFLICT_MESSAGE, False, conflict))
            return True
        try:
            if expected is None:
                changes = self._save(self.store, item_id, text)
            else:
                version, changes = self._checked_save(self.store, item_id, text, expected)
                with self._condition:
                    self._versions[item_id] = version
        except EditConflict as conflict_now:
            with self._condition:
                self._conflicts[item_id] = conflict_now
                self._held[item_id] = (text, sequence)
            self._keep_recovery(item_id, text, sequence)
            self.results.put((item_id, sequence, None, CONFLICT_MESSAGE, False, conflict_now))
            return True  # not retried: the clerk decides
        except ServiceError as refusal:
            self.results.put((item_id, sequence, None, str(refusal), False, None))
            return True  # nothing to retry: the service refuses this text
        except Exception as exc:  # the disk or the database, not the user: keep the text and retry
            # The type only: SQLAlchemy's text holds the SQL and its parameters, i.e. the minute text.
            logger.warning("autosave of item %s failed: %s", item_id, type(exc).__name__)
            with self._condition:
                self._pending.setdefault(item_id, (text, sequence))
            message = save_failure_message(exc)
            self._keep_recovery(item_id, text, sequence)
            self.results.put((item_id, sequence, None, message, True, None))
            return False
        if item_id in self._recovered and self._recovered[item_id] <= sequence:
            self._forget_recovery(item_id)
        self.results.put((item_id, sequence, changes, "", False, None))
        return True

    def _keep_recovery(self, item_id: int, text: str, sequence: int) -> None:
        """A copy beside the database, so a crash or a kill before the retry succeeds loses nothing."""
        if self._recovery is None or self._recovered.get(item_id, -1) > sequence:
            return
        try:
            self._recovery.write(item_id, text)
        except OSError as exc:  # a full disk or a read-only folder: the text is still in memory
            logger.warning("recovery file for item %s not written: %s", item_id, exc)
            return
        self._recovered[item_id] = sequence

    def _forget_recovery(self, item_id: int) -> None:
        self._recovered.pop(item_id, None)
        if self._recovery is not None:
            try:
                self._recovery.remove(item_id)
            except OSError as exc:
                logger.warning("recovery file for item %s not removed: %s", item_id, exc)


class NotesAutosaver(QObject):
    """Debounces edits on the GUI thread and hands the texts to the save worker."""

    state_changed = Signal(object)  # SaveState, when it changes (at most twice per burst of typing)
    saved = Signal(object)  # what the saves of a burst changed, once the burst is all on disk
    refused = Signal(str)  # a ServiceError's message: the text was not saved and will not be retried
    conflicted = Signal(object)  # EditConflict: another clerk saved the item's notes; the clerk must choose

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        max_delay_ms: int = MAX_DELAY_MS,
        save: SaveFunction = save_in_transaction,
        recovery: RecoveryFiles | None = None,
        checked_save: CheckedSaveFunction = save_checked_in_transaction,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.debounce_ms = debounce_ms
        self.max_delay_ms = max_delay_ms
        self.state = SaveState.SAVED
        self.last_error = ""  # a plain sentence for the clerk, never SQL nor the minute text
        self._worker = _SaveWorker(
            store, save, recovery if recovery is not None else RecoveryFiles(store.path), checked_save=checked_save
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._debounce_due)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._collect)
        self._editing: tuple[int, Callable[[], str]] | None = None
        self._first_unsaved = 0.0
        self._last_edit = 0.0
        self._sequence = 0
        self._unsaved: dict[int, int] = {}  # item id -> sequence of its latest submitted text
        self._changes = Changes()  # saved since the last `saved` broadcast
        self._refused = False
        self._closed = False
        self._worker.start()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    # -- the editor's side ---------------------------------------------------------------------------
    def edited(self, item_id: int, text_of: Callable[[], str]) -> None:
        """Called on every change of an item's notes; `text_of` returns the current text when asked."""
        if self._closed:
            return
        if self._editing is not None and self._editing[0] != item_id:
            self._submit_pending()
        now = time.monotonic()
        if self._editing is None:
            self._first_unsaved = now
        self._editing = (item_id, text_of)
        self._last_edit = now
        if not self._timer.isActive():
            self._timer.start(self.debounce_ms)
        if self.state is SaveState.SAVED:
            self._set_state(SaveState.SAVING)

    def flush(self) -> bool:
        """Save now, synchronously (item switch, before other writes, close); True if all was saved."""
        self._submit_pending()
        ok = self._worker.flush()
        self._collect()
        return ok

    def close(self) -> None:
        """Flush and stop the worker; later edits are ignored."""
        if self._closed:
            return
        self.flush()
        self._closed = True
        self._worker.stop()
        self._worker.flush()  # anything a retrying worker still held
        self._collect()
        self._poll.stop()

    @property
    def pending(self) -> bool:
        return self._editing is not None or bool(self._unsaved) or self._worker.in_conflict()

    def loaded(self, item_id: int, version: int) -> None:
        """The editor loaded this version of the item's notes (minuting.notes_with_version): saves check it."""
        self._worker.loaded(item_id, version)

    def resolve(self, item_id: int, text: str, version: int) -> bool:
        """Save the clerk's answer to an edit conflict over `version` (synchronously); True once saved.

        Until it is saved the clerk's text stays in memory and in the item's recovery file.
        """
        if self._editing is not None and self._editing[0] == item_id:
            self._editing = None  # the chosen text replaces whatever was typed
        self._sequence += 1
        self._unsaved[item_id] = self._sequence
        ok = self._worker.resolve(item_id, text, version, self._sequence)
        self._collect()
        return ok

    def unsaved_texts(self) -> dict[int, str]:
        """{item id: latest text} of everything typed that is not in the database yet (after a failed flush)."""
        self._submit_pending()
        return self._worker.unsaved()

    def discard(self) -> None:
        """Drop every unsaved text and its recovery file: the clerk chose to lose it."""
        self._editing = None
        self._timer.stop()
        self._worker.discard()
        self._collect()
        self._unsaved.clear()
        self._refused = False
        self._poll.stop()
        self._settled()

    # -- internals -----------------------------------------------------------------------------------
    def _debounce_due(self) -> None:
        """Save after a pause in typing, or when the first unsaved keystroke is MAX_DELAY_MS old."""
        if self._editing is None:
            return
        now = time.monotonic()
        quiet_ms = (now - self._last_edit) * 1000
        waited_ms = (now - self._first_unsaved) * 1000
        if quiet_ms + 1 >= self.debounce_ms or waited_ms + 1 >= self.max_delay_ms:
            self._submit_pending()
        else:
            self._timer.start(int(min(self.debounce_ms - quiet_ms, self.max_delay_ms - waited_ms)) + 1)

    def _submit_pending(self) -> None:
        if self._editing is None:
            return
        item_id, text_of = self._editing
        self._editing = None
        self._sequence += 1
        self._unsaved[item_id] = self._sequence
        self._worker.submit(item_id, text_of(), self._sequence)
        if not self._poll.isActive():
            self._poll.start()

    def _collect(self) -> None:
        """Take in what the worker did (GUI thread)."""
        while True:
            try:
                item_id, sequence, changes, error, retrying, conflict = self._worker.results.get_nowait()
            except queue.Empty:
                break
            if changes is not None:
                self._changes = self._changes | changes
            elif conflict is not None:
                self.last_error = error
                self._refused = True
                self.conflicted.emit(conflict)
            elif retrying:
                self.last_error = error
                self._set_state(SaveState.FAILED)
                continue  # still unsaved: the worker tries again
            else:
                self.last_error = error
                self._refused = True
                self.refused.emit(error)
            if self._unsaved.get(item_id) == sequence:
                del self._unsaved[item_id]
        if not self._unsaved:
            self._poll.stop()
            if self._editing is None:
                self._settled()

    def _settled(self) -> None:
        """Everything typed so far has been dealt with: say so, and tell the views once."""
        changes, self._changes = self._changes, Changes()
        if self._refused:
            self._refused = False
            self._set_state(SaveState.FAILED)
        else:
            self.last_error = ""
            self._set_state(SaveState.SAVED)
        if changes:
            self.saved.emit(changes)

    def _set_state(self, state: SaveState) -> None:
        if state is not self.state:
            self.state = state
            self.state_changed.emit(state)
