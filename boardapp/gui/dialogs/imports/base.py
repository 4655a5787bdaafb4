"""The skeleton shared by the membership-list and minutes imports: choose → preview → problems → import.

Why one base: both dialogs choose a board and one or more files, read a preview through a service
(nothing written), show what would be written above every problem, and enable Import only when the
preview can be written; Import takes a backup first and writes in one `Operations.run`, so the file
goes in whole or not at all. A file that cannot be read is a message in the dialog, not a traceback.
A subclass names its widgets and says how to read, show and write its preview.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, Qt
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
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui.dialogs.imports.preview_models import ProblemsModel
from boardapp.gui.operations import Operations
from boardapp.importing.problems import ImportFileError, Problem
from boardapp.services import boards
from boardapp.services.errors import ServiceError

P = TypeVar("P")  # the service's preview
NO_BOARDS = "There are no boards yet: add the board first (Board ▸ New board…)."


class PreviewImportDialog(QDialog, Generic[P]):
    """Board and file(s) above, the preview's rows and problems in a splitter, Import / Cancel below.

    `imported` says whether anything was written. Subclasses set the class attributes and implement
    `_make_rows_model`, `_read_preview`, `_show_preview`, `_clear_rows`, `_can_import` and `_write`.
    """

    TITLE = ""
    NAME = ""  # the prefix of the widgets' object names: "membersImport"
    FILE_FILTER = "All files (*)"
    MANY_FILES = False  # several files previewed together
    PATHS_NAME = "Path"  # "membersImportPath"
    ROWS_NAME = "Rows"
    PLACEHOLDER = ""
    NO_FILE = "Choose the file to import."
    BACKUP_WHAT = "import"  # the backup is labelled "before <this>"
    SIZE = (900, 560)

    def __init__(
        self,
        operations: Operations,
        board_id: int | None,
        paths: Sequence[Path] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{self.NAME}Dialog")
        self.setWindowTitle(self.TITLE)
        self.operations = operations
        self.imported = False
        self.preview: P | None = None
        self._paths: list[Path] = []
        self._build(board_id)
        if paths:
            self.set_paths(paths)

    def _build(self, board_id: int | None) -> None:
        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName(f"{self.NAME}Board")
        for board in self.operations.read(boards.list_boards):
            self.board_combo.addItem(board.name, board.id)
        if board_id is not None:
            self.board_combo.setCurrentIndex(max(self.board_combo.findData(board_id), 0))
        self.board_combo.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.paths_edit = QLineEdit(self)
        self.paths_edit.setObjectName(f"{self.NAME}{self.PATHS_NAME}")
        self.paths_edit.setReadOnly(True)
        self.paths_edit.setPlaceholderText(self.PLACEHOLDER)
        choose = QPushButton("&Choose files…" if self.MANY_FILES else "&Choose file…", self)
        choose.setObjectName(f"{self.NAME}Choose")
        choose.clicked.connect(self.choose_files)
        file_row = QHBoxLayout()
        file_row.addWidget(self.paths_edit, 1)
        file_row.addWidget(choose)
        form = QFormLayout()
        form.addRow("&Board", self.board_combo)
        file_label = QLabel("&Files" if self.MANY_FILES else "&File", self)
        file_label.setBuddy(choose)  # Alt+F chooses the file
        form.addRow(file_label, file_row)

        self.summary = QLabel(self)
        self.summary.setObjectName(f"{self.NAME}Summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows_view = self._table(f"{self.NAME}{self.ROWS_NAME}", self._make_rows_model())
        self.problems_model = ProblemsModel(self)
        self.problems_view = self._table(f"{self.NAME}Problems", self.problems_model)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.rows_view)
        splitter.addWidget(self.problems_view)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName(f"{self.NAME}Run")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.resize(*self.SIZE)

    def _table(self, name: str, model: QAbstractItemModel) -> QTableView:
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
        if self.MANY_FILES:
            names, _ = QFileDialog.getOpenFileNames(self, self.TITLE, "", self.FILE_FILTER)
        else:
            name, _ = QFileDialog.getOpenFileName(self, self.TITLE, "", self.FILE_FILTER)
            names = [name] if name else []
        if names:
            self.set_paths([Path(n) for n in names])

    def set_paths(self, paths: Sequence[Path]) -> None:
        self._paths = list(paths)
        self.paths_edit.setText(self._paths_text())
        self.refresh_preview()

    def _paths_text(self) -> str:
        return "; ".join(p.name for p in self._paths)

    # -- previewing ------------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Read the file(s) again for the chosen board; nothing is written."""
        self.preview = None
        board_id = self.board_id()
        if not self._paths:
            self._show_nothing(self.NO_FILE)
            return
        if board_id is None:
            self._show_nothing(NO_BOARDS)
            return
        try:
            self.preview = self._read_preview(self._paths, board_id)
        except (ImportFileError, ServiceError) as exc:
            self._show_nothing(f"{exc}\nNothing was imported.")
            return
        problems, lines = self._show_preview(self.preview)
        self.problems_model.set_problems(problems)
        self.rows_view.resizeColumnsToContents()
        self.problems_view.resizeColumnsToContents()
        self.summary.setText("\n".join(lines))
        self._update_buttons()

    def _show_nothing(self, message: str) -> None:
        self._clear_rows()
        self.problems_model.set_problems([])
        self.summary.setText(message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.import_button.setEnabled(self.preview is not None and self._can_import(self.preview))

    # -- importing -------------------------------------------------------------------------------------------
    def run_import(self) -> None:
        """A backup, then the whole preview in one transaction; the dialog closes once something is written."""
        if self.preview is None or not self._can_import(self.preview):
            return
        if not self.operations.backup_before(self.BACKUP_WHAT, parent=self):
            return
        if self._write(self.preview):
            self.accept()

    # -- what a subclass says --------------------------------------------------------------------------------
    def _make_rows_model(self) -> QAbstractItemModel:
        """The model of what would be written (one row per person, per file...), parented to the dialog."""
        raise NotImplementedError

    def _read_preview(self, paths: Sequence[Path], board_id: int) -> P:
        raise NotImplementedError

    def _show_preview(self, preview: P) -> tuple[list[Problem], list[str]]:
        """Fill the rows model; the problems to list and the summary's lines."""
        raise NotImplementedError

    def _clear_rows(self) -> None:
        raise NotImplementedError

    def _can_import(self, preview: P) -> bool:
        raise NotImplementedError

    def _write(self, preview: P) -> bool:
        """Write the preview (through `Operations.run`); True when something was written and the dialog closes."""
        raise NotImplementedError
