"""File ▸ Import ▸ Minutes…: past minutes (.docx or text PDF) previewed together, then imported as held meetings.

Why a preview first (issue 14 point 3): the clerk sees, per file, the meeting date it was read as, what
it holds, who would be added as new people, the problems (named by paragraph, table row or page and
line) and which meetings the board already holds (skipped, never duplicated) before anything is written.
"Import" writes every importable file in one `Operations.run`, each file whole or not at all
(services/minutes_import.py); a backup of the database is taken just before.
"""

from __future__ import annotations

from collections.abc import Sequence
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

from boardapp.core.dates import long_date
from boardapp.gui import style
from boardapp.gui.dialogs.import_dialog import ProblemsModel
from boardapp.gui.models.rows import RowTableModel
from boardapp.gui.operations import Operations
from boardapp.importing.problems import Problem
from boardapp.services import boards
from boardapp.services.errors import ServiceError
from boardapp.services.minutes_import import (
    SKIPPED,
    MinutesFilePreview,
    MinutesImportPreview,
    MinutesImportResult,
    apply_minutes_import,
    preview_minutes_import,
)
from boardapp.store.errors import StoreError

FILE_FILTER = "Minutes (*.docx *.pdf);;Word documents (*.docx);;PDF files (*.pdf);;All files (*)"
TITLE = "Import minutes"
AnyIndex = QModelIndex | QPersistentModelIndex


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


class MinutesImportDialog(QDialog):
    """Choose the board and the files, read the preview, import. `imported` says whether anything was written."""

    def __init__(
        self,
        operations: Operations,
        board_id: int | None,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("minutesImportDialog")
        self.setWindowTitle(TITLE)
        self.operations = operations
        self.imported = False
        self.outcome: MinutesImportResult | None = None
        self.preview: MinutesImportPreview | None = None
        self._paths: list[Path] = []
        self._build(board_id)
        if paths:
            self.set_paths(paths)

    def _build(self, board_id: int | None) -> None:
        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("minutesImportBoard")
        for board in self.operations.read(boards.list_boards):
            self.board_combo.addItem(board.name, board.id)
        if board_id is not None:
            self.board_combo.setCurrentIndex(max(self.board_combo.findData(board_id), 0))
        self.board_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.paths_edit = QLineEdit(self)
        self.paths_edit.setObjectName("minutesImportPaths")
        self.paths_edit.setReadOnly(True)
        self.paths_edit.setPlaceholderText("one or more minutes: Word (.docx) or PDF files")
        choose = QPushButton("&Choose files…", self)
        choose.setObjectName("minutesImportChoose")
        choose.clicked.connect(self.choose_files)
        file_row = QHBoxLayout()
        file_row.addWidget(self.paths_edit, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("&Board", self.board_combo)
        files_label = QLabel("&Files", self)
        files_label.setBuddy(choose)
        form.addRow(files_label, file_row)

        self.summary = QLabel(self)
        self.summary.setObjectName("minutesImportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.files_model = MinutesFilesModel(self)
        self.files_view = self._table("minutesImportFiles", self.files_model)
        self.problems_model = ProblemsModel(self)
        self.problems_view = self._table("minutesImportProblems", self.problems_model)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.files_view)
        splitter.addWidget(self.problems_view)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("minutesImportRun")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.resize(980, 560)

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

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, TITLE, "", FILE_FILTER)
        if names:
            self.set_paths([Path(n) for n in names])

    def set_paths(self, paths: Sequence[Path]) -> None:
        self._paths = list(paths)
        self.paths_edit.setText("; ".join(p.name for p in self._paths))
        self.refresh_preview()

    # -- previewing ------------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Read every file again for the chosen board; nothing is written."""
        self.preview = None
        board_id = self.board_id()
        if not self._paths:
            self._show("Choose the minutes to import.")
            return
        if board_id is None:
            self._show("There are no boards yet: add the board first (Board ▸ New board…).")
            return
        try:
            self.preview = self.operations.read(preview_minutes_import, self._paths, board_id)
        except ServiceError as exc:
            self._show(f"{exc}\nNothing was imported.")
            return
        self.files_model.set_rows(self.preview.files)
        problems = [
            Problem(
                p.severity,
                p.where if p.where.startswith(f.path.name) else f"{f.path.name}: {p.where}".rstrip(": "),
                p.message,
            )
            for f in self.preview.files
            for p in f.problems
        ]
        self.problems_model.set_problems(problems)
        self.files_view.resizeColumnsToContents()
        self.problems_view.resizeColumnsToContents()
        preview = self.preview
        lines = [preview.summary_lines()[0]]
        if preview.refused:
            lines.append("Files with errors are left out; fix them in the file and import them again later.")
        if not preview.importable:
            lines.append("Nothing here can be imported.")
        self.summary.setText("\n".join(lines))
        self._update_buttons()

    def _show(self, message: str) -> None:
        self.files_model.set_rows([])
        self.problems_model.set_problems([])
        self.summary.setText(message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.preview is not None and bool(self.preview.importable))

    # -- importing -------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        if self.preview is None or not self.preview.importable:
            return
        try:
            self.operations.store.backup("before importing minutes")
        except StoreError as exc:
            QMessageBox.warning(self, TITLE, f"No backup could be taken, so nothing was imported.\n\n{exc}")
            return
        result = self.operations.run(apply_minutes_import, self.preview, parent=self)
        if not isinstance(result, MinutesImportResult):
            return
        self.outcome = result
        self.imported = bool(result.imported)
        if result.failed:
            QMessageBox.warning(
                self,
                TITLE,
                f"{len(result.imported)} meeting(s) imported. These files were not (nothing of them was kept):\n\n"
                + "\n".join(message for _, message in result.failed),
            )
        self.accept()


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
