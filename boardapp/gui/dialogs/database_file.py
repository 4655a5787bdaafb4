"""Choosing a database file: an existing BoardApp file, or a new name to start an empty one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

FILE_FILTER = "BoardApp databases (*.sqlite *.db);;All files (*)"


def choose_database_file(parent: QWidget | None, start: Path, title: str = "Open database") -> Path | None:
    """A save-style dialog labelled "Open", so both an existing file and a new file name can be chosen."""
    dialog = QFileDialog(parent, title, str(start), FILE_FILTER)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, True)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Open")
    dialog.setDefaultSuffix("sqlite")
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])
