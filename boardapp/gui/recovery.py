"""Minute notes that could not be saved: plain messages, recovery files, the close prompt, the start-up offer.

Why (issue 11 point 3): a locked, read-only, full or vanished database must never cost the clerk a
typed word. When the autosave cannot write an item's notes:

* the clerk reads a plain sentence (`save_failure_message`), never SQL or the minute text;
* the text stays queued in memory and is retried, and a copy goes to a recovery file beside the
  database (`<db>.recovery/item-<id>.json`, written atomically, removed once the text is saved),
  so even a crash or a kill loses nothing;
* closing the window or the workspace with text still unsaved asks Retry / Save the text to a
  file… / Discard / Cancel (`settle_unsaved_notes`);
* on the next start, leftover recovery files are offered back (`offer_recovered_notes`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from boardapp.core.dates import long_date
from boardapp.core.models import AgendaItem, Meeting
from boardapp.store.errors import (
    ConnectionLost,
    DamagedDatabase,
    DatabaseLocked,
    DiskFull,
    ReadOnlyDatabase,
    StoreUnavailable,
)

if TYPE_CHECKING:
    from boardapp.gui.autosave import NotesAutosaver
    from boardapp.gui.operations import Operations
    from boardapp.store.database import Store

logger = logging.getLogger("boardapp")

RECOVERY_SUFFIX = ".recovery"
KEPT = "Your text is kept and will be saved when it can."

_LOCKED = "Not saved: the database is locked by another program."
_READ_ONLY = "Not saved: the database file is read-only."
_FULL = "Not saved: the disk is full."
_LOST = "Not saved: the database file cannot be reached (was it moved, or is the drive disconnected?)."
_SERVER_LOST = "Not saved: the connection to the database server was lost."
_DAMAGED = "Not saved: the database file reports damage."
_OTHER = "Not saved: the database could not be written."


def save_failure_message(exc: BaseException) -> str:
    """A plain sentence for a failed save: what happened and that the text is safe (no SQL, no minute text)."""
    return f"{_failure_reason(exc)} {KEPT}"


def _failure_reason(exc: BaseException) -> str:
    known = (
        (DatabaseLocked, _LOCKED),
        (ReadOnlyDatabase, _READ_ONLY),
        (DiskFull, _FULL),
        (DamagedDatabase, _DAMAGED),
        (ConnectionLost, _SERVER_LOST),  # before StoreUnavailable, which it is a kind of
        (StoreUnavailable, _LOST),
    )
    for cause in _chain(exc):  # the store's own classification first (store/errors.py)
        for kind, reason in known:
            if isinstance(cause, kind):
                return reason
    for cause in _chain(exc):
        if isinstance(cause, OSError) and cause.errno is not None:
            if cause.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                return _FULL
            if cause.errno == errno.EROFS or cause.errno in (errno.EACCES, errno.EPERM):
                return _READ_ONLY
            if cause.errno in (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ESTALE):
                return _LOST
    # SQLAlchemy's wrapper (it has `.statement`) quotes the SQL and its parameters, the minute text among
    # them: only the driver's own message (its `.orig`) and other errors are looked at.
    text = " ".join(
        str(cause.args[0]) for cause in _chain(exc) if cause.args and not hasattr(cause, "statement")
    ).lower()
    if "locked" in text or "busy" in text:
        return _LOCKED
    if "readonly" in text or "read-only" in text or "read only" in text:
        return _READ_ONLY
    if "full" in text:
        return _FULL
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return _DAMAGED
    if "unable to open" in text or "disk i/o" in text or "closed" in text or "connection" in text:
        return _LOST
    return _OTHER


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception, what it wraps (SQLAlchemy's `.orig`), and its causes."""
    seen: list[BaseException] = []
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or any(current is s for s in seen) or len(seen) > 10:
            continue
        seen.append(current)
        orig = getattr(current, "orig", None)
        pending.extend([current.__cause__, current.__context__, orig if isinstance(orig, BaseException) else None])
    return seen


# -- recovery files ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecoveredNote:
    item_id: int
    text: str
    written_at: str  # UTC, ISO 8601
    path: Path


def recovery_dir(db_path: Path) -> Path:
    """Beside the database, named after it: another database file has its own recovery folder."""
    return db_path.with_name(db_path.name + RECOVERY_SUFFIX)


class RecoveryFiles:
    """One JSON file per agenda item whose latest notes are not in the database yet.

    Not thread-safe by itself: the autosave calls it only under its save lock.
    """

    def __init__(self, db_path: Path) -> None:
        self.folder = recovery_dir(db_path)
        self.database = db_path

    def path_of(self, item_id: int) -> Path:
        return self.folder / f"item-{item_id}.json"

    def write(self, item_id: int, text: str) -> Path:
        """Atomically (temporary file, fsync, rename): a kill mid-write leaves the old copy or the new one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path_of(item_id)
        temporary = target.with_name(f".{target.name}.tmp")
        payload = {
            "item_id": item_id,
            "text": text,
            "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": str(self.database),
        }
        try:
            with temporary.open("w", encoding="utf-8") as handle:
                json.dump(payload, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return target

    def remove(self, item_id: int) -> None:
        self.path_of(item_id).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when it is empty

    def notes(self) -> list[RecoveredNote]:
        """The recovery files present, readable ones only (a damaged one is logged and left alone)."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in sorted(self.folder.glob("item-*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                found.append(
                    RecoveredNote(int(data["item_id"]), str(data["text"]), str(data.get("written_at", "")), path)
                )
            except (OSError, ValueError, KeyError, TypeError) as exc:
                logger.warning("recovery file %s cannot be read: %s", path, exc)
        return found


def describe_items(store: Store, item_ids: list[int]) -> dict[int, str]:
    """ "Apologies – 1 August 2017" per item; "Agenda item 12" when the database cannot be read."""
    names = {item_id: f"Agenda item {item_id}" for item_id in item_ids}
    try:
        with store.session() as session:
            for item_id in item_ids:
                item = session.get(AgendaItem, item_id)
                meeting = session.get(Meeting, item.meeting_id) if item is not None else None
                if item is not None and meeting is not None:
                    names[item_id] = f"{item.title} – meeting of {long_date(meeting.date)}"
    except Exception as exc:  # locked, gone, damaged: the plain names will do
        logger.warning("could not read item titles: %s", exc)
    return names


def notes_as_text(texts: dict[int, str], names: dict[int, str]) -> str:
    parts = []
    for item_id, text in texts.items():
        title = names.get(item_id, f"Agenda item {item_id}")
        parts.append(f"{title}\n{'=' * len(title)}\n\n{text.rstrip()}\n")
    return "\n\n".join(parts)


def _write_text_file(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _choose_text_file(parent: QWidget | None, suggested: Path) -> Path | None:
    name, _filter = QFileDialog.getSaveFileName(parent, "Save the text to a file", str(suggested), "Text (*.txt)")
    return Path(name) if name else None


def _save_to_chosen_file(parent: QWidget | None, text: str, suggested: Path) -> bool:
    """True once written; False if the clerk cancelled the file dialog or the file could not be written."""
    path = _choose_text_file(parent, suggested)
    if path is None:
        return False
    try:
        _write_text_file(path, text)
    except OSError as exc:
        QMessageBox.warning(parent, "Not written", f"{path.name} could not be written ({exc.strerror or exc}).")
        return False
    return True


# -- closing with unsaved notes ----------------------------------------------------------------------------
StandardButton = QMessageBox.StandardButton


def _ask(
    parent: QWidget | None, title: str, text: str, buttons: dict[StandardButton, str], default: StandardButton
) -> StandardButton:
    """A message box with renamed standard buttons (tests replace `QMessageBox.exec` to answer it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, StandardButton.NoButton, parent)
    for button, label in buttons.items():
        box.addButton(button)
        box.button(button).setText(label)
    box.setDefaultButton(default)
    answer = box.exec()
    return StandardButton(answer)


def settle_unsaved_notes(parent: QWidget | None, autosaver: NotesAutosaver | None) -> bool:
    """Before closing the window or the workspace: save the notes, or let the clerk decide. False = stay open."""
    if autosaver is None or autosaver.flush():
        return True
    while True:
        texts = autosaver.unsaved_texts()
        if not texts:
            return True
        answer = _ask(
            parent,
            "Notes not saved",
            f"{autosaver.last_error or _OTHER}\n\nSome of the notes you typed are not in the database yet. "
            "A copy is kept beside the database and will be offered back the next time BoardApp starts.",
            {
                StandardButton.Retry: "Retry",
                StandardButton.Save: "Save the text to a file…",
                StandardButton.Discard: "Discard",
                StandardButton.Cancel: "Cancel",
            },
            StandardButton.Retry,
        )
        if answer == StandardButton.Retry:
            if autosaver.flush():
                return True
        elif answer == StandardButton.Save:
            names = describe_items(autosaver.store, list(texts))
            suggested = autosaver.store.path.parent / "unsaved minute notes.txt"
            if _save_to_chosen_file(parent, notes_as_text(texts, names), suggested):
                return True
        elif answer == StandardButton.Discard:
            autosaver.discard()
            return True
        else:
            return False


# -- start-up: offer what a previous session could not save -----------------------------------------------
def offer_recovered_notes(parent: QWidget | None, operations: Operations) -> int:
    """Ask about each recovery file: restore into the minute, save to a file, discard, or decide later.

    Returns how many were restored.
    """
    from boardapp.services.minuting import save_notes

    files = RecoveryFiles(operations.store.path)
    notes = files.notes()
    if not notes:
        return 0
    names = describe_items(operations.store, [note.item_id for note in notes])
    restored = 0
    for note in notes:
        preview = note.text if len(note.text) <= 400 else note.text[:400] + "…"
        answer = _ask(
            parent,
            "Recovered notes",
            f"These notes for {names[note.item_id]} could not be saved last time"
            f"{' (' + note.written_at.replace('T', ' ')[:16] + ' UTC)' if note.written_at else ''}:\n\n{preview}",
            {
                StandardButton.Yes: "Restore into the minute",
                StandardButton.Save: "Save to a file…",
                StandardButton.Discard: "Discard",
                StandardButton.Cancel: "Decide later",
            },
            StandardButton.Yes,
        )
        if answer == StandardButton.Yes:
            try:
                result = operations.run(save_notes, note.item_id, note.text, parent=parent)
            except Exception as exc:  # still locked, read-only...: keep the file for next time
                logger.warning("restoring notes of item %s failed: %s", note.item_id, exc)
                QMessageBox.warning(parent, "Not restored", save_failure_message(exc))
                continue
            if result is not None:  # None: refused (e.g. the minutes are locked), already told
                files.remove(note.item_id)
                restored += 1
        elif answer == StandardButton.Save:
            suggested = operations.store.path.parent / f"recovered notes item {note.item_id}.txt"
            if _save_to_chosen_file(parent, notes_as_text({note.item_id: note.text}, names), suggested):
                files.remove(note.item_id)
        elif answer == StandardButton.Discard:
            files.remove(note.item_id)
    return restored
