"""When another copy of BoardApp has the file open: say who, where and since when; read it, wait, or cancel.

Opening for writing takes the file's presence lock (store/presence.py). If another copy holds it, the
clerk is asked: "Open read-only" (the window title says read-only and edits are refused up front),
"Wait" (tries again every second behind a progress dialog that can be cancelled, and opens for writing
as soon as the other copy lets go — also after it crashed, since the OS drops a dead process's lock), or
"Cancel". Nothing is written to the file before the lock is ours.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from boardapp.store.database import Store
from boardapp.store.errors import StoreError
from boardapp.store.presence import FileInUse

WAIT_INTERVAL_MS = 1000


class InUseChoice(Enum):
    READ_ONLY = "read_only"
    WAIT = "wait"
    CANCEL = "cancel"


class Opener(Protocol):
    """`open_store(home, ...)` or `open_database(path, backups, ...)` with the file already chosen."""

    def __call__(self, *, read_only: bool = False, claim: bool = False) -> Store: ...


Asker = Callable[[FileInUse], InUseChoice]
Waiter = Callable[[FileInUse, Opener], Store | None]


def ask_file_in_use(error: FileInUse, parent: QWidget | None = None) -> InUseChoice:
    """The question, with "Open read-only" as the default (safe: nothing the other copy writes is at risk)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("File in use")
    box.setText(str(error))
    box.setInformativeText(
        "Open it read-only to look things up, or wait until it is closed there to make changes. Two copies "
        "changing one file could overwrite each other's work."
    )
    read_only = box.addButton("Open &read-only", QMessageBox.ButtonRole.AcceptRole)
    wait = box.addButton("&Wait", QMessageBox.ButtonRole.ActionRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is read_only:
        return InUseChoice.READ_ONLY
    if clicked is wait:
        return InUseChoice.WAIT
    return InUseChoice.CANCEL


def wait_for_release(
    error: FileInUse, opener: Opener, parent: QWidget | None = None, *, interval_ms: int = WAIT_INTERVAL_MS
) -> Store | None:
    """Try to open for writing every `interval_ms` until the other copy lets go; None when cancelled.

    Another StoreError met on the way (the file was damaged meanwhile…) is raised for the caller's dialog.
    """
    dialog = QProgressDialog(parent)
    dialog.setWindowTitle("Waiting for the file")
    dialog.setLabelText(_waiting_text(error))
    dialog.setCancelButtonText("Cancel")
    dialog.setRange(0, 0)  # busy: there is no telling how long the other clerk will be
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    opened: list[Store] = []
    failed: list[StoreError] = []
    timer = QTimer(dialog)
    timer.setInterval(interval_ms)

    def attempt() -> None:
        try:
            opened.append(opener(claim=True))
        except FileInUse as still:
            dialog.setLabelText(_waiting_text(still))
            return
        except StoreError as exc:
            failed.append(exc)
        timer.stop()
        dialog.accept()

    timer.timeout.connect(attempt)
    dialog.canceled.connect(timer.stop)
    timer.start()
    dialog.exec()
    timer.stop()
    if failed:
        raise failed[0]
    if opened and dialog.wasCanceled():  # cancelled just as it opened: let go again, as the clerk asked
        opened[0].close()
        return None
    return opened[0] if opened else None


def open_when_free(
    opener: Opener,
    parent: QWidget | None = None,
    *,
    smoke: bool = False,
    ask: Asker | None = None,
    wait: Waiter | None = None,
) -> Store | None:
    """Open for writing holding the presence lock; if another copy has it, ask (read-only / wait / cancel).

    Returns None when cancelled. Other StoreErrors are raised for the caller's store-error dialog. In a
    smoke run (no dialogs) a file in use opens read-only.
    """
    try:
        return opener(claim=True)
    except FileInUse as exc:
        in_use = exc
    choice = InUseChoice.READ_ONLY if smoke else (ask or (lambda error: ask_file_in_use(error, parent)))(in_use)
    if choice is InUseChoice.READ_ONLY:
        return opener(read_only=True)
    if choice is InUseChoice.WAIT:
        return (wait or (lambda error, again: wait_for_release(error, again, parent)))(in_use, opener)
    return None


def _waiting_text(error: FileInUse) -> str:
    who = error.holder.describe(error.path.name, datetime.now(UTC))
    return f"{who}\nWaiting for it to be closed there; it opens here for editing as soon as it is."
