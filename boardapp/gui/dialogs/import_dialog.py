"""File ▸ Import: one preview dialog for both importers (an improvement plan, an action log).

The clerk chooses a file and a board (and, for a plan, its name and the review whose
recommendations it cites); the dialog previews the import through the service (nothing is
written), and shows:

* the column mapping: each column's header, an example value and a combo of the fields it can be
  imported as. Changing a combo maps that column (`HEADER=field`, as `--map` does on the command
  line) and previews again;
* what would be imported (counts, new people and roles, due points...);
* every problem in a table (severity, where, what), errors first;
* the file's rows as read, where the clerk fixes the file without touching it (issue 14): edit a
  cell (F2 or double-click), merge a row into the one above (Ctrl+M), skip a row (Delete), undo
  the last fix (Ctrl+Z) — from the buttons under the rows or their context menu. Each fix is kept
  in the request (`importing/edits.py`) and the preview is made again from the file's rows;
* for a plan, the status scale: the best fit, an existing scale, or a new one made from the
  ratings found (offered when no scale fits).

"Import" is enabled only when the preview has no errors. It runs the service's apply through
`Operations.run`, so the write is one transaction and the window learns what changed. A file
that cannot be read at all (ImportFileError) is a message above the form, not a traceback.

The dialog is driven without the native file dialog through `set_path`, `select_board` and
`mapping_combo`, as the tests do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.operations import Operations
from boardapp.importing.actions import ACTION_FIELDS
from boardapp.importing.edits import CellEdit, RowEdit, RowMerge, RowSkip
from boardapp.importing.limits import ImportCancelled, Progress
from boardapp.importing.mapping import IGNORE, PLAN_FIELDS, FieldSpec, MappingError, TableMapping
from boardapp.importing.problems import ImportFileError, Problem, Severity
from boardapp.importing.tables import RawDocument, RawTable, column_letter, read_tables
from boardapp.services.action_import import (
    ActionImportPreview,
    ImportChoices,
    apply_action_import,
    import_choices,
    preview_action_import,
    sorted_problems,
)
from boardapp.services.errors import ServiceError
from boardapp.services.plan_import import PlanImportPreview, apply_plan_import, preview_plan_import
from boardapp.services.plan_status import list_scales

FILE_FILTER = "Word or Excel files (*.docx *.xlsx);;Excel workbooks (*.xlsx);;Word documents (*.docx);;All files (*)"
NAME_DELAY_MS = 400  # re-preview this long after the plan's name stops changing
PROGRESS_DELAY_MS = 500  # a file read quicker than this shows no progress window
NOT_IMPORTED = "(not imported)"
MAPPING_TITLE = "Columns: what each column of the file is imported as"
CREATE_SCALE = "\x00create"  # the scale combo's item that accepts the offered new scale
ROWS_TITLE = "Rows of the file: fix them here (the file is not changed)"
AnyIndex = QModelIndex | QPersistentModelIndex


# -- the two importers ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportRequest:
    path: Path
    board_id: int | None
    plan_name: str = ""
    review_source: str = ""
    overrides: tuple[tuple[str, str], ...] = ()  # (header or letter, field), in the order chosen
    edits: tuple[RowEdit, ...] = ()  # the clerk's fixes to the rows, in the order made
    scale: str = ""  # an existing scale's name; "" the best fit
    create_scale: bool = False  # accept the offered new scale


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, for the window to show: "plan" with its id, or "actions" with theirs."""

    kind: str
    ids: tuple[int, ...]
    board_id: int | None
    message: str


Preview = PlanImportPreview | ActionImportPreview


class Importer(Protocol):
    kind: str
    title: str
    fields: tuple[FieldSpec, ...]
    needs_plan_name: bool
    board_required: bool

    def preview(
        self, operations: Operations, request: ImportRequest, today: dt.date, progress: Progress | None = None
    ) -> Preview: ...

    def apply(
        self,
        operations: Operations,
        preview: Preview,
        request: ImportRequest,
        parent: QWidget,
        progress: Progress | None = None,
    ) -> ImportResult | None: ...

    def summary(self, preview: Preview) -> list[str]: ...


class PlanImporter:
    kind = "plan"
    title = "Import an improvement plan"
    fields = PLAN_FIELDS
    needs_plan_name = True
    board_required = False

    def preview(
        self, operations: Operations, request: ImportRequest, today: dt.date, progress: Progress | None = None
    ) -> Preview:
        return operations.read(
            preview_plan_import,
            request.path,
            plan_name=request.plan_name,
            mapping_overrides=dict(request.overrides),
            review_source=request.review_source or None,
            progress=progress,
            edits=request.edits,
            scale=request.scale or None,
            create_scale=request.create_scale,
        )

    def apply(
        self,
        operations: Operations,
        preview: Preview,
        request: ImportRequest,
        parent: QWidget,
        progress: Progress | None = None,
    ) -> ImportResult | None:
        assert isinstance(preview, PlanImportPreview)  # a plan is small: written without progress
        if not operations.backup_before("importing a plan", parent=parent):
            return None
        plan_id = operations.run(apply_plan_import, preview, board_id=request.board_id, parent=parent)
        if plan_id is None:
            return None
        return ImportResult("plan", (plan_id,), request.board_id, f"Imported the plan “{preview.plan_name}”.")

    def summary(self, preview: Preview) -> list[str]:
        assert isinstance(preview, PlanImportPreview)
        lines = preview.summary_lines(0)
        columns = lines.index("Columns:") if "Columns:" in lines else len(lines)
        after = [line for line in lines[columns:] if not line.startswith(("  ", "Columns:", "Problems:"))]
        return lines[:columns] + after


class ActionLogImporter:
    kind = "actions"
    title = "Import an action log"
    fields = ACTION_FIELDS
    needs_plan_name = False
    board_required = True

    def preview(
        self, operations: Operations, request: ImportRequest, today: dt.date, progress: Progress | None = None
    ) -> Preview:
        if request.board_id is None:
            raise ServiceError("Choose the board whose actions these are.")
        return operations.read(
            preview_action_import,
            request.path,
            board=request.board_id,
            mapping_overrides=dict(request.overrides),
            today=today,
            progress=progress,
            edits=request.edits,
        )

    def apply(
        self,
        operations: Operations,
        preview: Preview,
        request: ImportRequest,
        parent: QWidget,
        progress: Progress | None = None,
    ) -> ImportResult | None:
        assert isinstance(preview, ActionImportPreview)
        if not operations.backup_before("importing an action log", parent=parent):
            return None
        ids = operations.run(apply_action_import, preview, parent=parent, progress=progress)
        if ids is None:
            return None
        return ImportResult(
            "actions", tuple(ids), preview.board_id, f"Imported {len(ids)} action(s) onto “{preview.board_name}”."
        )

    def summary(self, preview: Preview) -> list[str]:
        assert isinstance(preview, ActionImportPreview)
        lines = [f"{preview.counts_line()} from {preview.path.name}"]
        read = []
        if preview.blank_rows:
            read.append(f"{preview.blank_rows} blank row(s) skipped")
        if preview.repeated_headers:
            read.append(f"{preview.repeated_headers} repeated header row(s) skipped")
        if preview.headings:
            read.append(f"{preview.headings} heading row(s) skipped")
        if read:
            lines.append("; ".join(read).capitalize() + ".")
        if preview.skipped_tables:
            lines.append("Left out (not action sheets): " + "; ".join(preview.skipped_tables))
        if preview.actions:
            lines.extend(preview.detail_lines())
        lines.extend(preview.notes)
        return lines


PLAN_IMPORT = PlanImporter()
ACTION_LOG_IMPORT = ActionLogImporter()


# -- the problems table -----------------------------------------------------------------------------------
class ProblemsModel(QAbstractTableModel):
    """Problems as rows (errors first): severity with its icon, where, what."""

    HEADERS = ("", "Where", "Problem")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []

    def set_problems(self, problems: Sequence[Problem]) -> None:
        self.beginResetModel()
        self._problems = sorted_problems(problems)
        self.endResetModel()

    def problem(self, row: int) -> Problem:
        return self._problems[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._problems):
            return None
        problem = self._problems[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Error" if problem.is_error else "Warning", problem.where, problem.message)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{problem.where}\n{problem.message}"
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return _severity_icon(problem.severity)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and problem.is_error:
            return QColor(style.OVERDUE_TEXT)
        return None


@dataclass(frozen=True)
class FileRow:
    """One data row of a table the importer reads, as the preview shows it (after the clerk's fixes)."""

    table: str  # "Sheet 'Plan'"
    row: int  # the row's number in the file
    cells: tuple[str, ...]
    severity: Severity | None = None  # the worst problem found on the row


def file_rows(preview: Preview) -> tuple[list[FileRow], list[str]]:
    """The rows of every table read, and the column titles ("B · Action")."""
    worst: dict[tuple[str, int], Severity] = {}
    for problem in preview.problems:
        if problem.row is not None:
            key = (problem.table, problem.row)
            if problem.is_error or key not in worst:
                worst[key] = problem.severity
    rows: list[FileRow] = []
    width = max((m.table.width for m in preview.table_mappings), default=0)
    titles = [column_letter(c) for c in range(width)]
    for mapping in preview.table_mappings:
        table = mapping.table
        for column in mapping.columns:
            if column.header and titles[column.column] == column_letter(column.column):
                titles[column.column] = f"{column.letter} · {_elided(column.header, 24)}"
        for raw in table.data_rows:
            if raw.is_blank:
                continue
            cells = tuple(cell.text for cell in raw.cells) + ("",) * (width - len(raw.cells))
            rows.append(FileRow(table.name, raw.row_number, cells, worst.get((table.name, raw.row_number))))
    return rows, titles


class RowsModel(QAbstractTableModel):
    """The file's rows: where, then each cell; a cell edited here becomes a fix (`cell_edited`)."""

    cell_edited = Signal(str, int, int, str)  # table, row number, column, text

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FileRow] = []
        self._titles: list[str] = []

    def set_rows(self, rows: Sequence[FileRow], titles: Sequence[str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._titles = list(titles)
        self.endResetModel()

    def file_row(self, row: int) -> FileRow:
        return self._rows[row]

    def find(self, table: str, row_number: int) -> int:
        """The model row showing that row of the file, or -1."""
        return next((i for i, r in enumerate(self._rows) if (r.table, r.row) == (table, row_number)), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Row" if section == 0 else self._titles[section - 1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() > 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{row.table} row {row.row}"
            return " / ".join(row.cells[column - 1].split("\n"))
        if role == Qt.ItemDataRole.EditRole:
            return "" if column == 0 else row.cells[column - 1]
        if role == Qt.ItemDataRole.ToolTipRole and column > 0:
            return row.cells[column - 1] or None
        if role == Qt.ItemDataRole.BackgroundRole and row.severity is not None:
            return QColor("#FDECEA" if row.severity is Severity.ERROR else "#FFF8E1")
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.severity is not None:
            return _severity_icon(row.severity)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() == 0:
            return False
        row = self._rows[index.row()]
        text = str(value)
        if text == row.cells[index.column() - 1]:
            return False
        cells = list(row.cells)
        cells[index.column() - 1] = text
        self._rows[index.row()] = FileRow(row.table, row.row, tuple(cells), row.severity)
        self.dataChanged.emit(index, index)
        self.cell_edited.emit(row.table, row.row, index.column() - 1, text)
        return True


def _severity_icon(severity: Severity) -> QIcon:
    pixmap = (
        QStyle.StandardPixmap.SP_MessageBoxCritical
        if severity is Severity.ERROR
        else QStyle.StandardPixmap.SP_MessageBoxWarning
    )
    return QApplication.style().standardIcon(pixmap)


# -- the mapping panel ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MappingRow:
    key: str  # what an override names: the header, or the column letter when it has none
    table: str  # "Sheet 'Actions'": the first table with this column
    column: str  # "B" in a sheet, "2" in a Word table
    header: str
    example: str
    field: str | None  # the field it is imported as now; None when not imported


def mapping_rows(mappings: Sequence[TableMapping], document: RawDocument | None) -> list[MappingRow]:
    """One row per distinct header (or headerless column) over the tables read.

    When no table was recognised (wrong headers), the first non-blank row of each table stands in
    for its header, so the clerk can say which column holds what.
    """
    rows: dict[str, MappingRow] = {}
    if mappings:
        for mapping in mappings:
            data = mapping.table.data_rows
            for column in mapping.columns:
                if not (column.header or column.field or column.has_data):
                    continue
                key = column.header or column.letter
                if key not in rows:
                    rows[key] = MappingRow(
                        key,
                        mapping.table.name,
                        _column_name(mapping.table, column.column),
                        column.header,
                        _example(data, column.column),
                        column.field,
                    )
        return list(rows.values())
    for table in document.tables if document is not None else ():
        header_index = next((i for i, row in enumerate(table.rows[:15]) if not row.is_blank), None)
        if header_index is None:
            continue
        header = table.rows[header_index]
        data = table.rows[header_index + 1 :]
        for cell in header.cells:
            if cell.is_merged_continuation:
                continue
            key = cell.text or column_letter(cell.column)
            if key not in rows and (cell.text or _example(data, cell.column)):
                rows[key] = MappingRow(
                    key,
                    table.name,
                    _column_name(table, cell.column),
                    cell.text,
                    _example(data, cell.column),
                    None,
                )
    return list(rows.values())


def _column_name(table: RawTable, column: int) -> str:
    """ "B" in a sheet, "2" in a Word table."""
    return column_letter(column) if table.kind == "sheet" else str(column + 1)


def _example(rows: Sequence[Any], column: int) -> str:
    for row in rows:
        if column < len(row.cells) and row.cells[column].text:
            return " ".join(row.cells[column].text.split())
    return ""


def _elided(text: str, limit: int = 32) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the dialog -------------------------------------------------------------------------------------------
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
        self.progress_delay_ms = PROGRESS_DELAY_MS
        self.progress_dialog: QProgressDialog | None = None  # while a file is read
        self._path: Path | None = None
        self._document: RawDocument | None = None
        self._overrides: dict[str, str] = {}
        self._edits: list[RowEdit] = []
        self._focus_row: tuple[str, int] | None = None  # the row to select again after a fix
        self._combos: dict[str, QComboBox] = {}
        self._mapping_keys: tuple[str, ...] = ()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh_preview)

        choices: ImportChoices = operations.read(import_choices)
        self._build(choices)
        self._set_mapping([])
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

        self.mapping_widget = QWidget(self)
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_grid.setContentsMargins(6, 6, 6, 6)
        self.mapping_grid.setHorizontalSpacing(14)
        self.mapping_scroll = QScrollArea(self)
        self.mapping_scroll.setWidgetResizable(True)
        self.mapping_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.mapping_scroll.setWidget(self.mapping_widget)
        self.mapping_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_box = QGroupBox(MAPPING_TITLE, self)
        mapping_layout = QVBoxLayout(self.mapping_box)
        mapping_layout.addWidget(self.mapping_scroll)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        summary_scroll = QScrollArea(self)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.NoFrame)
        summary_scroll.setWidget(self.summary_label)
        self.summary_box = QGroupBox("What will be imported", self)
        summary_layout = QVBoxLayout(self.summary_box)
        summary_layout.addWidget(summary_scroll)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.mapping_box)
        top.addWidget(self.summary_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setChildrenCollapsible(False)

        self.problems_model = ProblemsModel(self)
        self.problems_view = QTableView(self)
        self.problems_view.setObjectName("importProblems")
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_view.setWordWrap(True)
        self.problems_view.setAlternatingRowColors(True)
        self.problems_view.verticalHeader().hide()
        header = self.problems_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *_args: self._fit_problem_rows())
        self.problems_view.setColumnWidth(1, 300)
        self.problems_box = QGroupBox("Problems", self)
        problems_layout = QVBoxLayout(self.problems_box)
        problems_layout.addWidget(self.problems_view)

        self.rows_box = self._build_rows()

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

    def _build_rows(self) -> QGroupBox:
        """The file's rows, each editable, with the fixes as buttons, context-menu actions and keys."""
        self.rows_model = RowsModel(self)
        self.rows_model.cell_edited.connect(self.edit_cell)
        self.rows_view = QTableView(self)
        self.rows_view.setObjectName("importRows")
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.rows_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.rows_view.setAlternatingRowColors(True)
        self.rows_view.verticalHeader().hide()
        self.rows_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        def action(text: str, shortcut: QKeySequence | str, slot: Callable[[], None]) -> QAction:
            made = QAction(text, self.rows_view)
            made.setShortcut(QKeySequence(shortcut))
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            made.triggered.connect(slot)
            self.rows_view.addAction(made)
            return made

        self.edit_action = action("&Edit cell", "F2", self._edit_current)
        self.merge_action = action("&Merge into the row above", "Ctrl+M", self.merge_current_row)
        self.skip_action = action("&Skip row", QKeySequence(QKeySequence.StandardKey.Delete), self.skip_current_row)
        self.undo_action = action("&Undo last fix", QKeySequence(QKeySequence.StandardKey.Undo), self.undo_fix)

        self.merge_button = QPushButton("&Merge into row above", self)
        self.merge_button.clicked.connect(self.merge_current_row)
        self.skip_button = QPushButton("S&kip row", self)
        self.skip_button.clicked.connect(self.skip_current_row)
        self.undo_button = QPushButton("&Undo fix", self)
        self.undo_button.clicked.connect(self.undo_fix)
        self.fixes_label = QLabel(self)
        self.fixes_label.setObjectName("importFixes")
        self.fixes_label.setStyleSheet(f"color:{style.MUTED_TEXT};")
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.fixes_label, 1)
        box = QGroupBox(ROWS_TITLE, self)
        rows_layout = QVBoxLayout(box)
        rows_layout.addWidget(self.rows_view)
        rows_layout.addLayout(buttons)
        return box

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
        return self._combos[header]

    def mapping_keys(self) -> tuple[str, ...]:
        return self._mapping_keys

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
        index = self.rows_view.currentIndex()
        return self.rows_model.file_row(index.row()) if index.isValid() else None

    def select_file_row(self, table: str, row_number: int, column: int = 0) -> None:
        """Make that row (and column: 0 = the file's column A) current in the rows table."""
        found = self.rows_model.find(table, row_number)
        if found < 0:
            raise KeyError((table, row_number))
        self.rows_view.setCurrentIndex(self.rows_model.index(found, column + 1))

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

    def _edit_current(self) -> None:
        index = self.rows_view.currentIndex()
        if index.isValid() and index.column() > 0:
            self.rows_view.edit(index)

    def _name_finished(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.refresh_preview()

    def _schedule(self, delay_ms: int = 0) -> None:
        if self._path is not None:
            self._timer.start(delay_ms)

    def _mapping_changed(self, key: str, combo: QComboBox) -> None:
        chosen = combo.currentData()
        self._overrides[key] = chosen or IGNORE
        self._schedule()  # not from inside the combo's own signal: the mapping may be rebuilt

    # -- preview --------------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Read the file again with the current choices; nothing is written."""
        self._timer.stop()
        request = self.request()
        if request is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.progress_dialog = self._progress_window()
        try:
            self.preview = self.importer.preview(self.operations, request, self.today, self._report_progress)
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
            self._close_progress()
            QGuiApplication.restoreOverrideCursor()
            self.preview_count += 1
        self._show_preview()
        self.previewed.emit()

    def _progress_window(self, text: str = "Reading the file…", unit: str = "rows") -> QProgressDialog:
        """Shown once reading (or writing) takes longer than `progress_delay_ms`; Cancel stops it, nothing written."""
        window = QProgressDialog(text, "Cancel", 0, 0, self)
        window.setProperty("unit", unit)
        window.setObjectName("importProgress")
        window.setWindowTitle(self.importer.title)
        window.setWindowModality(Qt.WindowModality.WindowModal)
        window.setMinimumDuration(self.progress_delay_ms)
        window.setAutoClose(False)
        window.setAutoReset(False)
        return window

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _report_progress(self, done: int, total: int) -> bool:
        """The reader's progress callback: show it, let the clerk press Cancel; False cancels."""
        window = self.progress_dialog
        if window is None:
            return True
        if window.maximum() != total:
            window.setMaximum(total)
        unit = window.property("unit") or "rows"
        verb = "Read" if unit == "rows" else "Wrote"
        window.setLabelText(f"{verb} {done:,} of {total:,} {unit}…")
        window.setValue(done)
        QApplication.processEvents()  # paint, and take the Cancel click (the window is modal)
        return not window.wasCanceled()

    def _show_preview(self) -> None:
        preview = self.preview
        if preview is None:
            self.problems_model.set_problems([])
            self.rows_model.set_rows([], [])
            self.summary_label.setText("")
            self.problems_box.setTitle("Problems")
            self._set_mapping([])
            self.mapping_box.setTitle(MAPPING_TITLE)
            self._update_buttons()
            return
        document = None if preview.table_mappings else self._raw_document()
        self._set_mapping(mapping_rows(preview.table_mappings, document))
        self._show_rows(preview)
        if isinstance(preview, PlanImportPreview):
            self._show_scales(preview)
        tables = [m.table.name for m in preview.table_mappings]
        if len(tables) > 1:
            self.mapping_box.setTitle(f"Columns of {tables[0]} and {len(tables) - 1} more: what each is imported as")
        elif tables:
            self.mapping_box.setTitle(f"Columns of {tables[0]}: what each is imported as")
        else:
            self.mapping_box.setTitle(MAPPING_TITLE)
        self.summary_label.setText("<br>".join(_html(line) for line in self.importer.summary(preview)))
        self.problems_model.set_problems(preview.problems)
        self._fit_problem_rows()
        errors, warnings = len(preview.errors), len(preview.warnings)
        self.problems_box.setTitle(
            f"Problems: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )
        self._update_buttons()

    def _show_rows(self, preview: Preview) -> None:
        column = max(self.rows_view.currentIndex().column(), 1)
        rows, titles = file_rows(preview)
        self.rows_model.set_rows(rows, titles)
        if rows:
            self.rows_view.resizeColumnToContents(0)
        for number in range(1, len(titles) + 1):
            self.rows_view.setColumnWidth(number, 150)
        skipped = sum(1 for e in self._edits if isinstance(e, RowSkip))
        merged = sum(1 for e in self._edits if isinstance(e, RowMerge))
        edited = sum(1 for e in self._edits if isinstance(e, CellEdit))
        self.fixes_label.setText(
            f"Your fixes: {edited} cell(s) edited, {merged} row(s) merged, {skipped} row(s) skipped"
            if self._edits
            else "Edit a cell with F2; Ctrl+M merges a row into the one above; Delete skips it."
        )
        self.undo_button.setEnabled(bool(self._edits))
        if self._focus_row is not None:
            table, number = self._focus_row
            found = self.rows_model.find(table, number)
            while found < 0 and number > 1:  # the row was skipped or merged: the nearest one above
                number -= 1
                found = self.rows_model.find(table, number)
            if found >= 0:
                self.rows_view.setCurrentIndex(self.rows_model.index(found, min(column, len(titles))))
            self._focus_row = None

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

    def _fit_problem_rows(self) -> None:
        """Rows as tall as their wrapped message (a long list keeps one line each, to stay quick)."""
        if 0 < self.problems_model.rowCount() <= 300:
            self.problems_view.resizeRowsToContents()

    def _raw_document(self) -> RawDocument | None:
        if self._document is None and self._path is not None:
            try:
                self._document = read_tables(self._path)
            except ImportFileError:
                return None
        return self._document

    def _set_mapping(self, rows: list[MappingRow]) -> None:
        keys = tuple(row.key for row in rows)
        if keys == self._mapping_keys and keys:
            for row in rows:  # same columns: only what they are imported as may have changed
                self._select_field(self._combos[row.key], row.field)
            return
        self._clear_mapping()
        self._mapping_keys = keys
        grid = self.mapping_grid
        if not rows:
            empty = QLabel(
                "Choose a file: its columns are listed here, each with what it will be imported as."
                if self._path is None
                else "No columns could be read from this file.",
                self.mapping_widget,
            )
            empty.setWordWrap(True)
            empty.setStyleSheet(f"color:{style.MUTED_TEXT};")
            grid.addWidget(empty, 0, 0, 1, 4, Qt.AlignmentFlag.AlignTop)
            return
        for column, title in enumerate(("Column", "Header", "Example", "Imported as")):
            label = QLabel(f"<b>{title}</b>", self.mapping_widget)
            grid.addWidget(label, 0, column)
        for number, row in enumerate(rows, start=1):
            where = QLabel(row.column, self.mapping_widget)
            where.setToolTip(f"{row.table}, column {row.column}")
            grid.addWidget(where, number, 0)
            header = QLabel(_elided(row.header, 28) or "(no header)", self.mapping_widget)
            header.setToolTip(row.header)
            if not row.header:
                header.setStyleSheet(f"color:{style.MUTED_TEXT};")
            grid.addWidget(header, number, 1)
            example = QLabel(_elided(row.example), self.mapping_widget)
            example.setStyleSheet(f"color:{style.MUTED_TEXT};")
            example.setToolTip(row.example)
            for label in (header, example):
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                label.setMinimumWidth(60)
            grid.addWidget(example, number, 2)
            combo = QComboBox(self.mapping_widget)
            combo.setObjectName(f"mapping:{row.key}")
            combo.setAccessibleName(f"{row.header or row.column} is imported as")
            combo.addItem(NOT_IMPORTED, "")
            for spec in self.importer.fields:
                combo.addItem(spec.label, spec.name)
            self._select_field(combo, row.field)
            combo.currentIndexChanged.connect(lambda _index, key=row.key, box=combo: self._mapping_changed(key, box))
            grid.addWidget(combo, number, 3)
            self._combos[row.key] = combo
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        grid.setRowStretch(len(rows) + 1, 1)

    def _clear_mapping(self) -> None:
        self._combos.clear()
        self._mapping_keys = ()
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    @staticmethod
    def _select_field(combo: QComboBox, field: str | None) -> None:
        index = combo.findData(field or "")
        combo.blockSignals(True)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

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
        self.progress_dialog = self._progress_window("Writing…", "actions")
        try:
            result = self.importer.apply(self.operations, self.preview, request, self, self._report_progress)
        finally:
            cancelled = self.progress_dialog.wasCanceled()
            self._close_progress()
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


def _html(line: str) -> str:
    text = escape(line)
    if line.startswith(("Owners:", "Due:", "Raised:", "Refs:", "History:", "Leads:")):
        head, _, rest = text.partition(":")
        return f"<b>{head}:</b>{rest}"
    return text


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
