"""File ▸ Import ▸ Membership list…: preview a .xlsx or .csv list onto a board, then import it whole.

The preview (services/member_import.py) shows every row as it would be written (a known person, a
new one, or left out as already a member) and every problem named by sheet, row and column.
"Import" is enabled only when there are no errors; the write is one `Operations.run`, so the list
goes in whole or not at all. A file that cannot be read is a message in the dialog, not a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.import_dialog import ProblemsModel
from boardapp.gui.models.rows import RowTableModel
from boardapp.gui.operations import Operations
from boardapp.importing.problems import ImportFileError
from boardapp.services import boards, member_import
from boardapp.services.errors import ServiceError
from boardapp.services.member_import import MemberImportPreview, MemberPreview

FILE_FILTER = "Membership lists (*.xlsx *.csv);;Excel workbooks (*.xlsx);;CSV files (*.csv);;All files (*)"
AnyIndex = QModelIndex | QPersistentModelIndex


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


class MembersImportDialog(QDialog):
    """Choose the board and the file, read the preview, import. `imported` says whether anything was written."""

    def __init__(
        self, operations: Operations, board_id: int | None, path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("membersImportDialog")
        self.setWindowTitle("Import membership list")
        self.operations = operations
        self.imported = False
        self.preview: MemberImportPreview | None = None
        self._path: Path | None = None
        self._build(board_id)
        if path is not None:
            self.set_path(path)

    def _build(self, board_id: int | None) -> None:
        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("membersImportBoard")
        for board in self.operations.read(boards.list_boards):
            self.board_combo.addItem(board.name, board.id)
        if board_id is not None:
            found = self.board_combo.findData(board_id)
            self.board_combo.setCurrentIndex(max(found, 0))
        self.board_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("membersImportPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("an Excel (.xlsx) or CSV file: name, organisation, role, email, from, to")
        choose = QPushButton("&Choose file…", self)
        choose.setObjectName("membersImportChoose")
        choose.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("&Board", self.board_combo)
        file_label = QLabel("&File", self)
        file_label.setBuddy(choose)  # Alt+F chooses the file
        form.addRow(file_label, file_row)

        self.summary = QLabel(self)
        self.summary.setObjectName("membersImportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows_model = MemberPreviewModel(self)
        self.rows_view = self._table("membersImportRows", self.rows_model)
        self.problems_model = ProblemsModel(self)
        self.problems_view = self._table("membersImportProblems", self.problems_model)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.rows_view)
        splitter.addWidget(self.problems_view)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("membersImportRun")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.resize(900, 560)

    def _table(self, name: str, model: Any) -> QTableView:
        view = QTableView(self)
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return view

    # -- choosing --------------------------------------------------------------------------------------------
    def board_id(self) -> int | None:
        data = self.board_combo.currentData()
        return data if isinstance(data, int) else None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Import membership list", "", FILE_FILTER)
        if name:
            self.set_path(Path(name))

    def set_path(self, path: Path) -> None:
        self._path = path
        self.path_edit.setText(str(path))
        self.refresh_preview()

    # -- previewing ------------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Read the file again for the chosen board; nothing is written."""
        self.preview = None
        board_id = self.board_id()
        if self._path is None:
            self._show([], "Choose the file to import.")
            return
        if board_id is None:
            self._show([], "There are no boards yet: add the board first (Board ▸ New board…).")
            return
        try:
            self.preview = self.operations.read(member_import.preview, self._path, board=board_id)
        except (ImportFileError, ServiceError) as exc:
            self._show([], f"{exc}\nNothing was imported.")
            return
        self.rows_model.set_rows(self.preview.rows)
        self.problems_model.set_problems(self.preview.problems)
        self.rows_view.resizeColumnsToContents()
        self.problems_view.resizeColumnsToContents()
        lines = self.preview.summary_lines(max_problems=0)
        lines = [line for line in lines if not line.startswith("  ...")]
        if self.preview.errors:
            lines.append(
                f"{len(self.preview.errors)} error(s) must be fixed in the file before it can be imported; "
                f"nothing will be written until then."
            )
        self.summary.setText("\n".join(lines))
        self._update_buttons()

    def _show(self, rows: list[MemberPreview], message: str) -> None:
        self.rows_model.set_rows(rows)
        self.problems_model.set_problems([])
        self.summary.setText(message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.preview is not None and self.preview.can_write)

    # -- importing -------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        if self.preview is None or not self.preview.can_write:
            return
        if not self.operations.backup_before("import", parent=self):
            return
        written = self.operations.run(member_import.write, self.preview, parent=self)
        if written is not None:
            self.imported = True
            self.accept()


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
