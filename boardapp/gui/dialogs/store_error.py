"""The dialog for a database that cannot be opened: say why, and offer a way out that loses nothing.

Each kind of problem (errors.py) gets its own safe default button: "Try again" for a locked file
or a full disk, "Open another file…" for another program's file or a read-only folder, "Quit" for
a file from a newer version. Only a damaged file offers "Restore a backup…": restoring over a
healthy file that is merely locked or read-only would throw away its newest work.

The file itself is never written to from here: restoring a backup moves the bad file aside
(see `restore_backup`) and opening another file leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton, QWidget

from boardapp.gui.dialogs.database_file import choose_database_file
from boardapp.store.backups import Backup
from boardapp.store.errors import (
    DamagedDatabase,
    DatabaseLocked,
    DiskFull,
    InterruptedFirstRun,
    NewerSchema,
    NotABoardAppDatabase,
    ReadOnlyDatabase,
    StoreError,
    StoreUnavailable,
)


class Choice(Enum):
    RESTORE = "restore"
    RETRY = "retry"
    OPEN_OTHER = "open_other"
    QUIT = "quit"


@dataclass(frozen=True)
class Answer:
    choice: Choice
    backup: Backup | None = None
    path: Path | None = None


_TITLES: dict[type[StoreError], str] = {
    DamagedDatabase: "is damaged",
    DatabaseLocked: "is in use by another program",
    DiskFull: "cannot be written: the disk is full",
    NewerSchema: "is from a newer version of BoardApp",
    InterruptedFirstRun: "could not be created",
    ReadOnlyDatabase: "cannot be changed: it is read-only",
    NotABoardAppDatabase: "is not a BoardApp database",
}


def offers_restore(error: StoreError) -> bool:
    """Only a damaged file may be replaced by a backup: anything else is healthy and newer than any backup."""
    return isinstance(error, DamagedDatabase)


def offers_retry(error: StoreError) -> bool:
    """Problems that go away by themselves or by freeing space: locked, full, interrupted, unavailable."""
    return isinstance(error, (DatabaseLocked, DiskFull, InterruptedFirstRun, StoreUnavailable))


def default_choice(error: StoreError, backups: list[Backup]) -> Choice:
    """The safe default for each kind of problem."""
    if offers_restore(error):
        return Choice.RESTORE if backups else Choice.OPEN_OTHER
    if offers_retry(error):
        return Choice.RETRY
    if isinstance(error, NewerSchema):
        return Choice.QUIT
    return Choice.OPEN_OTHER


class StoreErrorDialog(QMessageBox):
    def __init__(self, error: StoreError, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeErrorDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("BoardApp cannot open this database")
        what = next((text for kind, text in _TITLES.items() if isinstance(error, kind)), "could not be opened")
        self.setText(f"<b>{escape(error.path.name)}</b> {escape(what)}.")
        notes = [escape(str(error))]
        if offers_restore(error):
            if backups:
                notes.append(
                    escape(
                        f"{len(backups)} checked backup{'s' if len(backups) != 1 else ''} of this file "
                        f"{'are' if len(backups) != 1 else 'is'} available; the newest is from {backups[0].label}."
                    )
                )
            else:
                notes.append("No usable automatic backup of this file was found.")
        self.setInformativeText("<br><br>".join(notes))
        self.restore_button: QPushButton | None = None
        self.retry_button: QPushButton | None = None
        if offers_restore(error):
            self.restore_button = self.addButton("Restore a backup…", QMessageBox.ButtonRole.ActionRole)
            self.restore_button.setEnabled(bool(backups))
        if offers_retry(error):
            self.retry_button = self.addButton("Try again", QMessageBox.ButtonRole.ActionRole)
        self.open_button = self.addButton("Open another file…", QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        buttons = {
            Choice.RESTORE: self.restore_button,
            Choice.RETRY: self.retry_button,
            Choice.OPEN_OTHER: self.open_button,
            Choice.QUIT: self.quit_button,
        }
        self.setDefaultButton(buttons[default_choice(error, backups)] or self.open_button)
        self.setEscapeButton(self.quit_button)


def ask_what_to_do(error: StoreError, backups: list[Backup], parent: QWidget | None = None) -> Answer:
    """Ask until the user picks a backup, another file, to try again, or quits."""
    while True:
        dialog = StoreErrorDialog(error, backups, parent)
        dialog.exec()
        clicked = dialog.clickedButton()
        if clicked is not None and clicked is dialog.restore_button and backups:
            labels = [backup.label for backup in backups]
            label, ok = QInputDialog.getItem(
                parent,
                "Restore a backup",
                f"Put this backup in place of {error.path.name}.\n"
                f"The file that is there now is kept beside it, renamed, not deleted.",
                labels,
                0,
                False,
            )
            if ok and label in labels:
                return Answer(Choice.RESTORE, backup=backups[labels.index(label)])
        elif clicked is not None and clicked is dialog.retry_button:
            return Answer(Choice.RETRY)
        elif clicked is dialog.open_button:
            path = choose_database_file(parent, error.path.parent, "Open another database")
            if path is not None:
                return Answer(Choice.OPEN_OTHER, path=path)
        else:
            return Answer(Choice.QUIT)
