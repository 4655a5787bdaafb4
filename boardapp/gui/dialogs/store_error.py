"""The dialog for a database that cannot be opened: say why, and offer a way out that loses nothing.

The file itself is never written to from here: restoring a backup moves the bad file aside
(see `restore_backup`) and opening another file leaves it alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from html import escape
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from boardapp.gui.dialogs.database_file import choose_database_file
from boardapp.store.backups import Backup
from boardapp.store.errors import StoreError


class Choice(Enum):
    RESTORE = "restore"
    OPEN_OTHER = "open_other"
    QUIT = "quit"


@dataclass(frozen=True)
class Answer:
    choice: Choice
    backup: Backup | None = None
    path: Path | None = None


class StoreErrorDialog(QMessageBox):
    def __init__(self, error: StoreError, backups: list[Backup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeErrorDialog")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("BoardApp cannot open this database")
        self.setText(f"<b>{escape(error.path.name)}</b> could not be opened.")
        if backups:
            backups_note = (
                f"{len(backups)} automatic backup{'s' if len(backups) != 1 else ''} of this file "
                f"{'are' if len(backups) != 1 else 'is'} available; the newest is from {backups[0].label}."
            )
        else:
            backups_note = "No automatic backup of this file was found."
        self.setInformativeText(f"{escape(str(error))}<br><br>{escape(backups_note)}")
        self.restore_button = self.addButton("Restore a backup…", QMessageBox.ButtonRole.ActionRole)
        self.restore_button.setEnabled(bool(backups))
        self.open_button = self.addButton("Open another file…", QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button if backups else self.open_button)
        self.setEscapeButton(self.quit_button)


def ask_what_to_do(error: StoreError, backups: list[Backup], parent: QWidget | None = None) -> Answer:
    """Ask until the user picks a backup, another file, or quits."""
    while True:
        dialog = StoreErrorDialog(error, backups, parent)
        dialog.exec()
        clicked = dialog.clickedButton()
        if clicked is dialog.restore_button and backups:
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
        elif clicked is dialog.open_button:
            path = choose_database_file(parent, error.path.parent, "Open another database")
            if path is not None:
                return Answer(Choice.OPEN_OTHER, path=path)
        else:
            return Answer(Choice.QUIT)
