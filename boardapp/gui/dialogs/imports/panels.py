"""The panels of the import preview: what would be imported, the problems found, and the file's rows.

In the rows the clerk fixes the file without touching it (issue 14): edit a cell (F2 or
double-click), merge a row into the one above (Ctrl+M), skip a row (Delete), undo the last fix
(Ctrl+Z), from the buttons under the rows or their context menu. The panel only shows
and asks; the dialog keeps the fixes in its request and previews again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.imports.preview_models import FileRow, ProblemsModel, RowsModel
from boardapp.importing.edits import CellEdit, RowEdit, RowMerge, RowSkip
from boardapp.importing.problems import Problem

ROWS_TITLE = "Rows of the file: fix them here (the file is not changed)"


class SummaryPanel(QGroupBox):
    """What would be imported, in words the clerk can select and copy (rich text from `summary_html`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("What will be imported", parent)
        self.label = QLabel(self)
        self.label.setObjectName("importSummary")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)


class ProblemsPanel(QGroupBox):
    """Every problem (severity, where, what), errors first; the title counts them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Problems", parent)
        self.model = ProblemsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("importProblems")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(lambda *_args: self._fit_rows())
        self.view.setColumnWidth(1, 300)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def show_problems(self, problems: Sequence[Problem] | None) -> None:
        """The problems of a preview; None when there is no preview (the title then counts nothing)."""
        self.model.set_problems(problems or [])
        if problems is None:
            self.setTitle("Problems")
            return
        self._fit_rows()
        errors = sum(1 for p in problems if p.is_error)
        warnings = len(problems) - errors
        self.setTitle(
            f"Problems: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        )

    def _fit_rows(self) -> None:
        """Rows as tall as their wrapped message (a long list keeps one line each, to stay quick)."""
        if 0 < self.model.rowCount() <= 300:
            self.view.resizeRowsToContents()


class FileRowsPanel(QGroupBox):
    """The rows table with its fixes as buttons, context-menu actions and keys."""

    def __init__(
        self,
        merge: Callable[[], None],
        skip: Callable[[], None],
        undo: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ROWS_TITLE, parent)
        self.model = RowsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("importRows")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.edit_action = self._action("&Edit cell", "F2", self._edit_current)
        self.merge_action = self._action("&Merge into the row above", "Ctrl+M", merge)
        self.skip_action = self._action("&Skip row", QKeySequence(QKeySequence.StandardKey.Delete), skip)
        self.undo_action = self._action("&Undo last fix", QKeySequence(QKeySequence.StandardKey.Undo), undo)

        self.merge_button = QPushButton("&Merge into row above", self)
        self.merge_button.clicked.connect(merge)
        self.skip_button = QPushButton("S&kip row", self)
        self.skip_button.clicked.connect(skip)
        self.undo_button = QPushButton("&Undo fix", self)
        self.undo_button.clicked.connect(undo)
        self.fixes_label = QLabel(self)
        self.fixes_label.setObjectName("importFixes")
        self.fixes_label.setStyleSheet(f"color:{style.MUTED_TEXT};")
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.fixes_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def _action(self, text: str, shortcut: QKeySequence | str, slot: Callable[[], None]) -> QAction:
        made = QAction(text, self.view)
        made.setShortcut(QKeySequence(shortcut))
        made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        made.triggered.connect(slot)
        self.view.addAction(made)
        return made

    def _edit_current(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and index.column() > 0:
            self.view.edit(index)

    def current_file_row(self) -> FileRow | None:
        index = self.view.currentIndex()
        return self.model.file_row(index.row()) if index.isValid() else None

    def select(self, table: str, row_number: int, column: int = 0) -> None:
        """Make that row (and column: 0 = the file's column A) current; KeyError if it is not shown."""
        found = self.model.find(table, row_number)
        if found < 0:
            raise KeyError((table, row_number))
        self.view.setCurrentIndex(self.model.index(found, column + 1))

    def show_rows(
        self, rows: list[FileRow], titles: list[str], edits: Sequence[RowEdit], focus: tuple[str, int] | None
    ) -> None:
        """The rows after the fixes, the fixes counted, and `focus` (or the nearest row above it) current."""
        column = max(self.view.currentIndex().column(), 1)
        self.model.set_file_rows(rows, titles)
        if rows:
            self.view.resizeColumnToContents(0)
        for number in range(1, len(titles) + 1):
            self.view.setColumnWidth(number, 150)
        skipped = sum(1 for e in edits if isinstance(e, RowSkip))
        merged = sum(1 for e in edits if isinstance(e, RowMerge))
        edited = sum(1 for e in edits if isinstance(e, CellEdit))
        self.fixes_label.setText(
            f"Your fixes: {edited} cell(s) edited, {merged} row(s) merged, {skipped} row(s) skipped"
            if edits
            else "Edit a cell with F2; Ctrl+M merges a row into the one above; Delete skips it."
        )
        self.undo_button.setEnabled(bool(edits))
        if focus is not None:
            table, number = focus
            found = self.model.find(table, number)
            while found < 0 and number > 1:  # the row was skipped or merged: the nearest one above
                number -= 1
                found = self.model.find(table, number)
            if found >= 0:
                self.view.setCurrentIndex(self.model.index(found, min(column, len(titles))))
