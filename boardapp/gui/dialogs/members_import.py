"""File ▸ Import ▸ Membership list…: preview a .xlsx or .csv list onto a board, then import it whole.

The preview (services/member_import.py) shows every row as it would be written (a known person, a
new one, or left out as already a member) and every problem named by sheet, row and column.
"Import" is enabled only when there are no errors; the write is one `Operations.run`, so the list
goes in whole or not at all (the skeleton is `imports/base.py`, shared with the minutes import).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from boardapp.gui import style
from boardapp.gui.dialogs.imports.base import PreviewImportDialog
from boardapp.gui.models.rows import AnyIndex, RowTableModel
from boardapp.gui.operations import Operations
from boardapp.importing.problems import Problem
from boardapp.services import boards, member_import
from boardapp.services.member_import import MemberImportPreview, MemberPreview

FILE_FILTER = "Membership lists (*.xlsx *.csv);;Excel workbooks (*.xlsx);;CSV files (*.csv);;All files (*)"


class MemberPreviewModel(RowTableModel[MemberPreview]):
    HEADERS = ("Row", "Name", "Organisation", "Role", "Email", "From", "To", "Will be")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        draft = row.draft
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{draft.table} row {draft.row}",
                f"{draft.title} {draft.name}".strip(),
                draft.organisation,
                row.role_label,
                draft.email,
                draft.start_date.strftime("%d/%m/%Y") if draft.start_date else "",
                draft.end_date.strftime("%d/%m/%Y") if draft.end_date else "",
                row.status,
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and row.skipped:
            return QColor(style.MUTED_TEXT)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class MembersImportDialog(PreviewImportDialog[MemberImportPreview]):
    """Choose the board and the file, read the preview, import. `imported` says whether anything was written."""

    TITLE = "Import membership list"
    NAME = "membersImport"
    FILE_FILTER = FILE_FILTER
    PATHS_NAME = "Path"
    ROWS_NAME = "Rows"
    PLACEHOLDER = "an Excel (.xlsx) or CSV file: name, organisation, role, email, from, to"
    BACKUP_WHAT = "import"
    SIZE = (900, 560)

    def __init__(
        self, operations: Operations, board_id: int | None, path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(operations, board_id, [path] if path is not None else [], parent)
        self.path_edit = self.paths_edit

    def _make_rows_model(self) -> MemberPreviewModel:
        self.rows_model = MemberPreviewModel(self)
        return self.rows_model

    def set_path(self, path: Path) -> None:
        self.set_paths([path])

    def _paths_text(self) -> str:
        return str(self._paths[0]) if self._paths else ""

    def _read_preview(self, paths: Sequence[Path], board_id: int) -> MemberImportPreview:
        return self.operations.read(member_import.preview, paths[0], board=board_id)

    def _show_preview(self, preview: MemberImportPreview) -> tuple[list[Problem], list[str]]:
        self.rows_model.set_rows(preview.rows)
        lines = [line for line in preview.summary_lines(max_problems=0) if not line.startswith("  ...")]
        if preview.errors:
            lines.append(
                f"{len(preview.errors)} error(s) must be fixed in the file before it can be imported; "
                f"nothing will be written until then."
            )
        return list(preview.problems), lines

    def _clear_rows(self) -> None:
        self.rows_model.set_rows([])

    def _can_import(self, preview: MemberImportPreview) -> bool:
        return preview.can_write

    def _write(self, preview: MemberImportPreview) -> bool:
        written = self.operations.run(member_import.write, preview, parent=self)
        self.imported = written is not None
        return self.imported


def _no_boards(parent: QWidget | None, operations: Operations) -> bool:
    if operations.read(boards.list_boards):
        return False
    QMessageBox.information(
        parent,
        "Import membership list",
        "There are no boards yet. Add the board first (Board ▸ New board…), then import its membership list.",
    )
    return True


def import_members(parent: QWidget | None, operations: Operations, board_id: int | None) -> bool:
    """Choose a file, preview it and import it onto a board; True if something was imported."""
    if _no_boards(parent, operations):
        return False
    name, _ = QFileDialog.getOpenFileName(parent, "Import membership list", "", FILE_FILTER)
    if not name:
        return False
    return import_members_file(parent, operations, board_id, Path(name))


def import_members_file(parent: QWidget | None, operations: Operations, board_id: int | None, path: Path) -> bool:
    """The preview dialog on `path` (no file chooser); True if the clerk imported it."""
    dialog = MembersImportDialog(operations, board_id, path, parent)
    try:
        dialog.exec()
        return dialog.imported
    finally:
        dialog.deleteLater()
