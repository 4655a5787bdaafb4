"""File ▸ Import ▸ Minutes…: past minutes (.docx or text PDF) previewed together, then imported as held meetings.

Why a preview first (issue 14 point 3): the clerk sees, per file, the meeting date it was read as, what
it holds, who would be added as new people, the problems (named by paragraph, table row or page and
line) and which meetings the board already holds (skipped, never duplicated) before anything is written.
"Import" writes every importable file in one `Operations.run`, each file whole or not at all
(services/minutes_import.py); a backup of the database is taken just before. The dialog's skeleton
is `imports/base.py`, shared with the membership-list import.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from boardapp.core.dates import long_date
from boardapp.gui import style
from boardapp.gui.dialogs.imports.base import PreviewImportDialog
from boardapp.gui.models.rows import AnyIndex, RowTableModel
from boardapp.gui.operations import Operations
from boardapp.importing.problems import Problem
from boardapp.services import boards
from boardapp.services.minutes_import import (
    SKIPPED,
    MinutesFilePreview,
    MinutesImportPreview,
    MinutesImportResult,
    apply_minutes_import,
    preview_minutes_import,
)

FILE_FILTER = "Minutes (*.docx *.pdf);;Word documents (*.docx);;PDF files (*.pdf);;All files (*)"
TITLE = "Import minutes"


class MinutesFilesModel(RowTableModel[MinutesFilePreview]):
    HEADERS = ("File", "Meeting", "Will be", "Present", "Apologies", "In attendance", "Items", "Decisions", "Actions",
               "New people")  # fmt: skip

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_at(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            counts = row.counts()
            date = row.meeting_date
            return (
                row.path.name,
                long_date(date) if date else "no date found",
                _status(row),
                counts.get("present", 0),
                counts.get("apologies", 0),
                counts.get("in attendance", 0),
                counts.get("items", 0),
                counts.get("decisions", 0),
                counts.get("actions", 0),
                "; ".join(row.new_people + row.new_roles),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(row.summary_lines())
        if role == Qt.ItemDataRole.ForegroundRole and not row.will_import:
            return QColor(style.OVERDUE_TEXT if row.errors and row.status != SKIPPED else style.MUTED_TEXT)
        return None


def _status(row: MinutesFilePreview) -> str:
    if row.status == SKIPPED:
        return "already held — will be skipped"
    if row.will_import:
        return "imported as a held meeting"
    return f"not imported: {len(row.errors)} error(s)"


class MinutesImportDialog(PreviewImportDialog[MinutesImportPreview]):
    """Choose the board and the files, read the preview, import. `imported` says whether anything was written."""

    TITLE = TITLE
    NAME = "minutesImport"
    FILE_FILTER = FILE_FILTER
    MANY_FILES = True
    PATHS_NAME = "Paths"
    ROWS_NAME = "Files"
    PLACEHOLDER = "one or more minutes: Word (.docx) or PDF files"
    NO_FILE = "Choose the minutes to import."
    BACKUP_WHAT = "importing minutes"
    SIZE = (980, 560)

    def __init__(
        self,
        operations: Operations,
        board_id: int | None,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(operations, board_id, paths, parent)
        self.outcome: MinutesImportResult | None = None
        self.files_view = self.rows_view

    def _make_rows_model(self) -> MinutesFilesModel:
        self.files_model = MinutesFilesModel(self)
        return self.files_model

    def _read_preview(self, paths: Sequence[Path], board_id: int) -> MinutesImportPreview:
        return self.operations.read(preview_minutes_import, paths, board_id)

    def _show_preview(self, preview: MinutesImportPreview) -> tuple[list[Problem], list[str]]:
        self.files_model.set_rows(preview.files)
        problems = [
            Problem(
                p.severity,
                p.where if p.where.startswith(f.path.name) else f"{f.path.name}: {p.where}".rstrip(": "),
                p.message,
            )
            for f in preview.files
            for p in f.problems
        ]
        lines = [preview.summary_lines()[0]]
        if preview.refused:
            lines.append("Files with errors are left out; fix them in the file and import them again later.")
        if not preview.importable:
            lines.append("Nothing here can be imported.")
        return problems, lines

    def _clear_rows(self) -> None:
        self.files_model.set_rows([])

    def _can_import(self, preview: MinutesImportPreview) -> bool:
        return bool(preview.importable)

    def _write(self, preview: MinutesImportPreview) -> bool:
        result = self.operations.run(apply_minutes_import, preview, parent=self)
        if not isinstance(result, MinutesImportResult):
            return False
        self.outcome = result
        self.imported = bool(result.imported)
        if result.failed:
            QMessageBox.warning(
                self,
                TITLE,
                f"{len(result.imported)} meeting(s) imported. These files were not (nothing of them was kept):\n\n"
                + "\n".join(message for _, message in result.failed),
            )
        return True


def import_minutes(parent: QWidget | None, operations: Operations, board_id: int | None) -> bool:
    """Choose files, preview them and import them onto a board; True if some meeting was imported."""
    if not operations.read(boards.list_boards):
        QMessageBox.information(
            parent, TITLE, "There are no boards yet. Add the board first (Board ▸ New board…), then import its minutes."
        )
        return False
    names, _ = QFileDialog.getOpenFileNames(parent, TITLE, "", FILE_FILTER)
    if not names:
        return False
    return import_minutes_files(parent, operations, board_id, [Path(n) for n in names])


def import_minutes_files(
    parent: QWidget | None, operations: Operations, board_id: int | None, paths: Sequence[Path]
) -> bool:
    """The preview dialog on `paths` (no file chooser); True if the clerk imported something."""
    dialog = MinutesImportDialog(operations, board_id, paths, parent)
    try:
        dialog.exec()
        return dialog.imported
    finally:
        dialog.deleteLater()
