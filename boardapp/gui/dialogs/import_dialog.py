"""File ▸ Import: one preview dialog for both importers (an improvement plan, an action log).

The clerk chooses a file and a board (and, for a plan, its name and the review whose
recommendations it cites); the dialog previews the import through the service (nothing is
written), and shows:

* the column mapping (`imports/mapping.py`): changing a combo maps that column (`HEADER=field`,
  as `--map` does on the command line) and previews again;
* what would be imported (counts, new people and roles, due points...);
* every problem, errors first, and the file's rows, where the clerk fixes the file without touching
  it (`imports/panels.py`, issue 14). Each fix is kept in the request (`importing/edits.py`) and the
  preview is made again from the file's rows;
* for a plan, the status scale: the best fit, an existing scale, or a new one made from the
  ratings found (offered when no scale fits).

"Import" is enabled only when the preview has no errors. It runs the service's apply through
`Operations.run`, so the write is one transaction and the window learns what changed. A file
that cannot be read at all (ImportFileError) is a message above the form, not a traceback.

The importers, models, panels and progress window live in `gui/dialogs/imports/`; this module is the
dialog and File ▸ Import's entry point. The tests drive it without the native file dialog through
`set_path`, `select_board` and `mapping_combo`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.imports.importers import (
    ACTION_LOG_IMPORT,
    PLAN_IMPORT,
    Importer,
    ImportRequest,
    ImportResult,
    Preview,
)
from boardapp.gui.dialogs.imports.mapping import MAPPING_TITLE, MappingPanel, mapping_rows
from boardapp.gui.dialogs.imports.panels import FileRowsPanel, ProblemsPanel, SummaryPanel
from boardapp.gui.dialogs.imports.preview_models import FileRow, file_rows, summary_html
from boardapp.gui.dialogs.imports.progress import ProgressRunner
from boardapp.gui.operations import Operations
from boardapp.importing.edits import CellEdit, RowEdit, RowMerge, RowSkip
from boardapp.importing.limits import ImportCancelled
from boardapp.importing.mapping import IGNORE, MappingError
from boardapp.importing.problems import ImportFileError
from boardapp.importing.tables import RawDocument, read_tables
from boardapp.services.action_import import ActionImportPreview, ImportChoices, import_choices
from boardapp.services.errors import ServiceError
from boardapp.services.plan_import import PlanImportPreview
from boardapp.services.plan_status import list_scales

# File ▸ Import's entry points (window_menus.py opens the dialog with one of the two importers).
__all__ = ["ACTION_LOG_IMPORT", "PLAN_IMPORT", "ImportDialog", "ImportResult", "Importer", "open_import_dialog"]

FILE_FILTER = "Word or Excel files (*.docx *.xlsx);;Excel workbooks (*.xlsx);;Word documents (*.docx);;All files (*)"
NAME_DELAY_MS = 400  # re-preview this long after the plan's name stops changing
CREATE_SCALE = "\x00create"  # the scale combo's item that accepts the offered new scale


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportResult
    previewed = Signal()  # after every preview, good or not

    def __init__(
        self,
        operations: Operations,
        importer: Importer,
        *,
        today: dt.date | None = None,
        start_dir: Path | None = None,
        board_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"import_{importer.kind}_dialog")
        self.setWindowTitle(importer.title)
        self.operations = operations
        self.importer = importer
        self.today = today or dt.date.today()
        self.start_dir = start_dir or Path.home()
        self.preview: Preview | None = None
        self.import_result: ImportResult | None = None
        self.preview_count = 0
        self.progress = ProgressRunner(self, importer.title)  # while a file is read or written
        self._path: Path | None = None
        self._document: RawDocument | None = None
        self._overrides: dict[str, str] = {}
        self._edits: list[RowEdit] = []
        self._focus_row: tuple[str, int] | None = None  # the row to select again after a fix
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_preview)

        choices: ImportChoices = operations.read(import_choices)
        self._build(choices)
        self.mapping_box.show_rows([], file_chosen=False)
        if board_id is not None and (index := self.board_combo.findData(board_id)) >= 0:
            self.board_combo.setCurrentIndex(index)  # the board the clerk is looking at
        self._show_message("")
        self._update_buttons()

    # -- building -------------------------------------------------------------------------------------
    def _build(self, choices: ImportChoices) -> None:
        self.message_label = QLabel(self)
        self.message_label.setObjectName("importMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.setStyleSheet(
            f"QLabel#importMessage {{ color:{style.OVERDUE_TEXT}; background:#FDECEA; border:1px solid #F5C2C0;"
            f" border-radius:4px; padding:6px 8px; }}"
        )

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText("Choose a Word (.docx) or Excel (.xlsx) file")
        self.path_edit.returnPressed.connect(lambda: self.set_path(Path(self.path_edit.text().strip())))
        self.browse_button = QPushButton("&Choose file…", self)
        self.browse_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)

        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("importBoard")
        if not self.importer.board_required:
            self.board_combo.addItem("(no board)", None)
        for board in choices.boards:
            self.board_combo.addItem(board.name, board.id)
        self.board_combo.currentIndexChanged.connect(lambda _index: self._schedule())

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(_buddy("&File", self.path_edit, self), file_row)
        form.addRow("&Board", self.board_combo)
        self.plan_name_edit = QLineEdit(self)
        self.plan_name_edit.setObjectName("importPlanName")
        self.source_combo = QComboBox(self)
        self.source_combo.setObjectName("importReviewSource")
        if self.importer.needs_plan_name:
            self.plan_name_edit.setPlaceholderText("The name the plan will have in BoardApp")
            self.plan_name_edit.textEdited.connect(lambda _text: self._schedule(NAME_DELAY_MS))
            self.plan_name_edit.editingFinished.connect(self._name_finished)
            form.addRow("Plan &name", self.plan_name_edit)
            self.source_combo.addItem("(keep the refs as text)", "")
            for title in choices.review_sources:
                self.source_combo.addItem(title, title)
            self.source_combo.currentIndexChanged.connect(lambda _index: self._schedule())
            form.addRow("&Recommendations of", self.source_combo)
        self.scale_combo = QComboBox(self)
        self.scale_combo.setObjectName("importScale")
        self.scale_combo.setAccessibleName("Status scale of the ratings")
        self.scale_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scale_combo.setMinimumContentsLength(28)
        self.scale_combo.currentIndexChanged.connect(lambda _index: self._schedule())
        if self.importer.needs_plan_name:
            form.addRow("Status &scale", self.scale_combo)
        else:
            self.plan_name_edit.hide()
            self.source_combo.hide()
            self.scale_combo.hide()

        self.mapping_box = MappingPanel(self.importer.fields, self)
        self.mapping_box.field_chosen.connect(self._mapping_changed)

        self.summary_box = SummaryPanel(self)
        self.summary_label = self.summary_box.label

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.mapping_box)
        top.addWidget(self.summary_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setChildrenCollapsible(False)

        self.problems_box = ProblemsPanel(self)
        self.problems_model, self.problems_view = self.problems_box.model, self.problems_box.view

        self.rows_box = FileRowsPanel(self.merge_current_row, self.skip_current_row, self.undo_fix, self)
        self.rows_model, self.rows_view = self.rows_box.model, self.rows_box.view
        self.rows_model.cell_edited.connect(self.edit_cell)
        self.undo_button, self.skip_button = self.rows_box.undo_button, self.rows_box.skip_button

        body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(self.rows_box)
        body.addWidget(self.problems_box)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        body.setStretchFactor(2, 1)
        body.setChildrenCollapsible(False)
        body.setSizes([260, 260, 240])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(False)
        self.import_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.status_label = QLabel(self)
        self.status_label.setStyleSheet(f"color:{style.MUTED_TEXT};")
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addLayout(form)
        layout.addWidget(body, 1)
        layout.addLayout(bottom)
        self.resize(1040, 860)

    # -- the clerk's choices --------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(self._path.parent if self._path else self.start_dir)
        name, _filter = QFileDialog.getOpenFileName(self, self.importer.title, start, FILE_FILTER)
        if name:
            self.set_path(Path(name))

    def set_path(self, path: Path) -> None:
        """Preview this file (as choosing it in the file dialog does); the column mapping starts afresh."""
        self._path = Path(path)
        self.path_edit.setText(str(self._path))
        self._overrides.clear()
        self._edits.clear()
        self._document = None
        self.scale_combo.blockSignals(True)
        self.scale_combo.clear()
        self.scale_combo.blockSignals(False)
        if self.importer.needs_plan_name and not self.plan_name_edit.text().strip():
            self.plan_name_edit.setText(self._path.stem)
        self.refresh_preview()

    def path(self) -> Path | None:
        return self._path

    def select_board(self, name: str) -> None:
        index = self.board_combo.findText(name)
        if index < 0:
            raise KeyError(name)
        self.board_combo.setCurrentIndex(index)
        self.refresh_preview()

    def set_plan_name(self, name: str) -> None:
        self.plan_name_edit.setText(name)
        self.refresh_preview()

    def mapping_combo(self, header: str) -> QComboBox:
        """The combo of the column with this header (or, for a column with none, its letter)."""
        return self.mapping_box.combo(header)

    def mapping_keys(self) -> tuple[str, ...]:
        return self.mapping_box.keys()

    def request(self) -> ImportRequest | None:
        if self._path is None:
            return None
        return ImportRequest(
            path=self._path,
            board_id=self.board_combo.currentData(),
            plan_name=self.plan_name_edit.text().strip(),
            review_source=self.source_combo.currentData() or "",
            overrides=tuple(self._overrides.items()),
            edits=tuple(self._edits),
            scale="" if self.scale_combo.currentData() in (None, CREATE_SCALE) else self.scale_combo.currentData(),
            create_scale=self.scale_combo.currentData() == CREATE_SCALE,
        )

    # -- fixes to the rows (the file is never changed) --------------------------------------------------
    def current_file_row(self) -> FileRow | None:
        return self.rows_box.current_file_row()

    def select_file_row(self, table: str, row_number: int, column: int = 0) -> None:
        """Make that row (and column: 0 = the file's column A) current in the rows table."""
        self.rows_box.select(table, row_number, column)

    def edit_cell(self, table: str, row: int, column: int, text: str) -> None:
        self._fix(CellEdit(table, row, column, text), (table, row))

    def merge_current_row(self) -> None:
        current = self.current_file_row()
        if current is not None:
            self._fix(RowMerge(current.table, current.row), (current.table, current.row - 1))

    def skip_current_row(self) -> None:
        current = self.current_file_row()
        if current is not None:
            self._fix(RowSkip(current.table, current.row), (current.table, current.row))

    def undo_fix(self) -> None:
        if self._edits:
            undone = self._edits.pop()
            self._focus_row = (undone.table, undone.row)
            self._schedule()

    def _fix(self, edit: RowEdit, focus: tuple[str, int]) -> None:
        self._edits.append(edit)
        self._focus_row = focus
        self._schedule()  # not from inside the view's own editing: the rows are rebuilt

    def _name_finished(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.refresh_preview()

    def _schedule(self, delay_ms: int = 0) -> None:
        if self._path is not None:
            self._timer.start(delay_ms)

    def _mapping_changed(self, key: str, field: str) -> None:
        self._overrides[key] = field or IGNORE
        self._schedule()  # not from inside the combo's own signal: the mapping may be rebuilt

    # -- preview --------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Read the file again with the current choices; nothing is written."""
        self._timer.stop()
        request = self.request()
        if request is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.progress.start()
        try:
            self.preview = self.importer.preview(self.operations, request, self.today, self.progress.report)
            self._show_message("")
        except ImportCancelled as exc:
            self.preview = None
            self._document = None
            self._show_message(str(exc))
        except ImportFileError as exc:
            self.preview = None
            self._document = None
            self._show_message(f"{exc}\nNothing can be imported from it.")
        except (MappingError, ServiceError) as exc:
            self.preview = None
            self._show_message(str(exc))
        finally:
            self.progress.close()
            QGuiApplication.restoreOverrideCursor()
            self.preview_count += 1
        self._show_preview()
        self.previewed.emit()

    def _show_preview(self) -> None:
        preview = self.preview
        if preview is None:
            self.problems_box.show_problems(None)
            self.rows_model.set_file_rows([], [])
            self.summary_label.setText("")
            self.mapping_box.show_rows([], file_chosen=self._path is not None)
            self.mapping_box.setTitle(MAPPING_TITLE)
            self._update_buttons()
            return
        document = None if preview.table_mappings else self._raw_document()
        self.mapping_box.show_rows(mapping_rows(preview.table_mappings, document), file_chosen=True)
        rows, titles = file_rows(preview)
        self.rows_box.show_rows(rows, titles, self._edits, self._focus_row)
        self._focus_row = None
        if isinstance(preview, PlanImportPreview):
            self._show_scales(preview)
        tables = [m.table.name for m in preview.table_mappings]
        if len(tables) > 1:
            self.mapping_box.setTitle(f"Columns of {tables[0]} and {len(tables) - 1} more: what each is imported as")
        elif tables:
            self.mapping_box.setTitle(f"Columns of {tables[0]}: what each is imported as")
        else:
            self.mapping_box.setTitle(MAPPING_TITLE)
        self.summary_label.setText(summary_html(self.importer.summary(preview)))
        self.problems_box.show_problems(preview.problems)
        self._update_buttons()

    def _show_scales(self, preview: PlanImportPreview) -> None:
        """Best fit, each existing scale, and the offered new scale when no scale fits the ratings."""
        chosen = self.scale_combo.currentData()
        scales: list[str] = [row.name for row in self.operations.read(list_scales)]
        combo = self.scale_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("(the scale that fits best)", "")
        for name in scales:
            combo.addItem(name, name)
        if preview.scale_offer is not None:
            combo.addItem(f"Create “{preview.scale_offer.name}” from the file's ratings", CREATE_SCALE)
        index = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def choose_scale(self, name: str | None, *, create: bool = False) -> None:
        """As choosing in the scale combo: an existing scale by name, the best fit (None), or the offered one."""
        index = self.scale_combo.findData(CREATE_SCALE if create else (name or ""))
        if index < 0:
            raise KeyError(name)
        self.scale_combo.setCurrentIndex(index)

    def _raw_document(self) -> RawDocument | None:
        if self._document is None and self._path is not None:
            try:
                self._document = read_tables(self._path)
            except ImportFileError:
                return None
        return self._document

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _update_buttons(self) -> None:
        preview = self.preview
        ready = preview is not None and not preview.errors
        if isinstance(preview, ActionImportPreview):
            ready = ready and preview.can_apply
        self.import_button.setEnabled(ready)
        if self._path is None:
            self.status_label.setText("Choose the file to import.")
        elif preview is None:
            self.status_label.setText("Nothing can be imported until the problem above is solved.")
        elif preview.errors:
            self.status_label.setText(
                "Fix the errors in the rows below (or map the columns, or choose the scale) to import it."
            )
        else:
            self.status_label.setText("Nothing has been written yet: Import writes it all, or nothing.")

    # -- import ---------------------------------------------------------------------------------------
    def run_import(self) -> None:
        """Write what the preview shows, in one transaction; the dialog closes when it is done."""
        request = self.request()
        if self.preview is None or request is None or not self.import_button.isEnabled():
            return
        self.progress.start("Writing…", "actions")
        try:
            result = self.importer.apply(self.operations, self.preview, request, self, self.progress.report)
        finally:
            cancelled = self.progress.was_cancelled()
            self.progress.close()
        if result is None:
            if cancelled:  # rolled back: the preview still stands, nothing to read again
                self._show_message(f"The import of {request.path.name} was cancelled; nothing was written.")
                return
            self.refresh_preview()  # refused (shown by Operations): show the file as it now stands
            return
        self.import_result = result
        self.imported.emit(result)
        self.accept()


def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


def open_import_dialog(
    parent: QWidget,
    operations: Operations,
    importer: Importer,
    *,
    today: dt.date | None = None,
    board_id: int | None = None,
    on_imported: Callable[[ImportResult], None] | None = None,
) -> ImportDialog:
    """Open the dialog window-modally (it does not block): File ▸ Import ▸ … does this."""
    dialog = ImportDialog(operations, importer, today=today, board_id=board_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_imported is not None:
        dialog.imported.connect(on_imported)
    dialog.open()
    return dialog
