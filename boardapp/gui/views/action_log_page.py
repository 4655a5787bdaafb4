"""The action log page: filter bar, grouped and sortable table, counts, follow-up and export.

Filters (board, owner, status, due meeting, raised at, plan link, overdue only, words), the sort
(click a header) and the grouping (none, owner, due meeting) make one `ActionLogQuery`; the table
model runs it in SQL and reads the rows a page at a time, so the page stays instant on a
30,000-action log. Select one or many actions (Shift/Ctrl+click, Shift+arrows, Ctrl+A) and use the
toolbar or its shortcuts: update status (Ctrl+U), close as agreed at a meeting (Ctrl+Shift+C),
carry forward (Ctrl+Shift+F), reassign (Ctrl+R), change due (Ctrl+D); Enter or a double-click
opens the action in full. Every change goes through `Operations`; the page refreshes when an
operation reports changed actions (or meetings, people, plans).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QSettings,
    QStringListModel,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import ActionStatus
from boardapp.exporting.action_log import build_action_log, export_action_log, suggested_log_filename
from boardapp.exporting.errors import ExportError
from boardapp.gui import style
from boardapp.gui.dialogs.action_detail import ActionDetailDialog
from boardapp.gui.dialogs.action_followup import FollowUp
from boardapp.gui.models.action_table_model import COLUMN_INDEX, COLUMNS, ActionTableModel, ReadSource
from boardapp.gui.operations import Operations
from boardapp.services.action_log import (
    ActionLogQuery,
    ActionLogSummary,
    Choice,
    FilterChoices,
    GroupBy,
    OwnerKey,
    action_log_rows,
    describe_query,
    filter_choices,
)
from boardapp.services.actions import ACTION_STATUS_LABELS, OPEN_STATUSES, ActionRow, action_rows_by_id
from boardapp.services.changes import Changes

COLUMN_WIDTHS = {"Ref": 130, "Owners": 130, "Raised at": 115, "Due": 108, "Status": 118, "Last update": 120,
                 "Plan links": 70}  # fmt: skip
ACTION_MIN_WIDTH = 230
"""The action text takes the width the other columns leave, but never less than this (then the table scrolls)."""
DEBOUNCE_MS = 150
"""Typing waits this long for the next key before re-querying, once a query has been slow enough to notice."""
INSTANT_MS = 30.0
SETTINGS_EXPORT_DIR = "action_log/export_dir"
SETTINGS_OPEN_AFTER = "action_log/open_after_export"
EXPORT_FILTERS = {"xlsx": "Excel workbook (*.xlsx)", "pdf": "PDF (*.pdf)", "docx": "Word document (*.docx)"}


class ActionLogPage(QWidget):
    open_minute_requested = Signal(int, int, object)  # board id, meeting id, agenda item id or None
    message = Signal(str)  # what was just done, for a status bar

    def __init__(
        self,
        operations: Operations,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        settings_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.operations = operations
        self.today = today
        self.settings_path = settings_path
        self.board_id: int | None = None
        self.choices = FilterChoices()
        self.detail_dialogs: dict[int, ActionDetailDialog] = {}
        self.last_query_ms = 0.0
        self.model = ActionTableModel(ReadSource(operations.read, today), self)
        self.model.summaryChanged.connect(self._summary_changed)
        self.model.modelReset.connect(self._apply_spans)
        self.follow_up = FollowUp(operations, today, self)
        self.follow_up.done.connect(self._show_message)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self._loading = False

        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self._build_filters()
        self._build_table()
        self._build_toolbar()

        self.count = QLabel(self)
        self.count.setObjectName("actionCount")
        self.status_counts = QLabel(self)
        self.status_counts.setObjectName("statusCounts")
        self.status_counts.setStyleSheet(f"color: {style.MUTED_TEXT};")
        self.note = QLabel(self)
        self.note.setObjectName("actionLogMessage")
        self.note.setStyleSheet(f"color: {style.MUTED_TEXT};")
        self.note.setWordWrap(True)
        counts = QHBoxLayout()
        counts.addWidget(self.count)
        counts.addWidget(self.status_counts, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self._filter_area())
        layout.addLayout(counts)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self._shortcuts()
        operations.changed.connect(self._changed)
        self._update_buttons()

    # -- building ---------------------------------------------------------------------------------------
    def _build_filters(self) -> None:
        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("boardFilter")
        self.board_combo.setMinimumContentsLength(12)
        self.board_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.board_combo.currentIndexChanged.connect(self._board_changed)
        self.owner = QLineEdit(self)
        self.owner.setObjectName("ownerFilter")
        self.owner.setPlaceholderText("Owner (person or role)…")
        self.owner.setClearButtonEnabled(True)
        self.owner.setMinimumWidth(140)
        self.owner_names = QStringListModel(self)
        self.owner_completer = QCompleter(self.owner_names, self)
        self.owner_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(self.owner_completer)
        self.owner.textChanged.connect(self._filters_edited)
        self.owner_completer.activated.connect(lambda _text: self.apply_filters())
        self.due_combo = self._combo("dueFilter", "Due at any meeting")
        self.raised_combo = self._combo("raisedFilter", "Raised at any meeting")
        self.link_combo = self._combo("linkFilter", "Any plan link")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("actionFilter")
        self.filter.setPlaceholderText("Words in the ref, action or owner…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(150)
        self.filter.textChanged.connect(self._filters_edited)
        first = QHBoxLayout()
        first.setSpacing(8)
        for widget, stretch in ((self.board_combo, 0), (self.owner, 1), (self.due_combo, 0), (self.raised_combo, 0),
                                (self.link_combo, 0), (self.filter, 2)):  # fmt: skip
            first.addWidget(widget, stretch)

        self.status_boxes: dict[ActionStatus, QCheckBox] = {}
        second = QHBoxLayout()
        second.setSpacing(10)
        second.addWidget(QLabel("Status:", self))
        for status in ActionStatus:
            box = QCheckBox(ACTION_STATUS_LABELS[status], self)
            box.setObjectName(f"status_{status.value}")
            box.setChecked(status in OPEN_STATUSES)
            box.toggled.connect(self._filters_changed)
            self.status_boxes[status] = box
            second.addWidget(box)
        self.overdue_only = QCheckBox("&Overdue only", self)
        self.overdue_only.setObjectName("overdueOnly")
        self.overdue_only.toggled.connect(self._filters_changed)
        second.addSpacing(12)
        second.addWidget(self.overdue_only)
        second.addStretch(1)
        group_label = QLabel("&Group by:", self)
        second.addWidget(group_label)
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("groupBy")
        for label, value in (("Nothing", GroupBy.NONE), ("Owner", GroupBy.OWNER), ("Due meeting", GroupBy.DUE_MEETING)):
            self.group_combo.addItem(label, value)
        self.group_combo.currentIndexChanged.connect(self._filters_changed)
        group_label.setBuddy(self.group_combo)
        second.addWidget(self.group_combo)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)
        second.addWidget(self.clear_button)
        self.filter_rows = (first, second)

    def _filter_area(self) -> QScrollArea:
        """The two filter rows, scrolling sideways on a window too narrow for them (a 1366×768 laptop is not)."""
        holder = QWidget(self)
        rows = QVBoxLayout(holder)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        rows.addLayout(self.filter_rows[0])
        rows.addLayout(self.filter_rows[1])
        area = QScrollArea(self)
        area.setObjectName("actionFilters")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(holder)
        area.setFixedHeight(holder.sizeHint().height() + area.horizontalScrollBar().sizeHint().height() + 2)
        return area

    def _combo(self, name: str, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(any_label, None)
        combo.setMinimumContentsLength(10)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("actionTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSortIndicatorShown(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for title, column in COLUMN_INDEX.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, COLUMN_WIDTHS.get(title, ACTION_MIN_WIDTH))
        header.sectionResized.connect(self._column_resized)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the log's own order until a header is clicked
        self.table.setSortingEnabled(True)
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(lambda index: self.open_detail(index.row()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    def _build_toolbar(self) -> None:
        """A QToolBar: on a narrow window what does not fit goes into its » menu, keyboard shortcuts still work."""
        self.toolbar = QToolBar("Action log", self)
        self.toolbar.setObjectName("actionLogToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.detail_button = self._tool("Details…", lambda: self.open_detail(), "Open the action in full (Enter)")
        self.status_button = self._tool("Update status…", self.update_status, "Record a status or a note", "Ctrl+U")
        self.close_button = self._tool(
            "Close as agreed…", self.close_selected, "Close as agreed by the board at a meeting", "Ctrl+Shift+C"
        )
        self.carry_button = self._tool(
            "Carry forward", self.carry_forward, "Due at the board's next meeting instead", "Ctrl+Shift+F"
        )
        self.reassign_button = self._tool("Reassign…", self.reassign, "Give the actions new owners", "Ctrl+R")
        self.due_button = self._tool("Change due…", self.change_due, "Due at another meeting or date", "Ctrl+D")
        self.toolbar.addSeparator()
        self.export_buttons = {
            "xlsx": self._tool("Excel…", lambda: self.export("xlsx"), "Export the log as an Excel workbook"),
            "pdf": self._tool("PDF…", lambda: self.export("pdf"), "Export actions by owner, to circulate (PDF)"),
            "docx": self._tool("Word…", lambda: self.export("docx"), "Export actions by owner, to circulate (Word)"),
        }
        self.open_after = QCheckBox("Open when done", self)
        self.open_after.setObjectName("openAfterExport")
        self.open_after.setChecked(bool(self._settings().value(SETTINGS_OPEN_AFTER, False, type=bool)))
        self.open_after.toggled.connect(lambda on: self._settings().setValue(SETTINGS_OPEN_AFTER, on))
        self.toolbar.addWidget(self.open_after)

    def _tool(self, text: str, slot: Callable[[], object], tip: str, keys: str = "") -> QAction:
        action = QAction(text, self)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(lambda: slot())
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)  # the shortcut works anywhere on the page, even when the button is in the » menu
        self.toolbar.addAction(action)
        return action

    def _shortcuts(self) -> None:
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.filter.setFocus)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- showing a log ------------------------------------------------------------------------------------
    def show_log(self, board_id: int | None, title: str) -> None:
        """Show the log of one board (or all boards, None), keeping the other filters as they are."""
        self.board_id = board_id
        self._set_title(title)
        self._reload_choices()
        self.apply_filters()

    def _set_title(self, title: str) -> None:
        self.title.setText(
            f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>Action log</span>"
            f"<br><span style='color:{style.MUTED_TEXT};'>{escape(title)}</span>"
        )

    def _reload_choices(self) -> None:
        """Fill the lists (boards, owners, meetings, plan links) for the chosen board, keeping choices."""
        self._loading = True
        try:
            self.choices = self.operations.read(filter_choices, self.board_id)
            self.board_combo.clear()
            self.board_combo.addItem("All boards", None)
            for choice in self.choices.boards:
                self.board_combo.addItem(choice.label, choice.value)
            self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(self.board_id)))
            self.owner_names.setStringList(list(dict.fromkeys(choice.label for choice in self.choices.owners)))
            meetings = [Choice(label=m.label, value=m.id) for m in self.choices.meetings]
            self._refill(self.due_combo, meetings)
            self._refill(self.raised_combo, meetings)
            self._refill(self.link_combo, list(self.choices.links))
        finally:
            self._loading = False

    @staticmethod
    def _refill(combo: QComboBox, choices: list[Choice]) -> None:
        current = combo.currentData()
        while combo.count() > 1:
            combo.removeItem(1)
        for choice in choices:
            combo.addItem(choice.label, choice.value)
            if choice.detail:
                combo.setItemData(combo.count() - 1, choice.detail, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def current_query(self) -> ActionLogQuery:
        owner, owner_text = self._owner()
        statuses = frozenset(status for status, box in self.status_boxes.items() if box.isChecked())
        link = self.link_combo.currentData()
        kind, value = tuple(link) if isinstance(link, tuple | list) else (None, None)
        return ActionLogQuery(
            board_id=self.board_id,
            owner=owner,
            owner_text=owner_text,
            statuses=statuses,
            overdue_only=self.overdue_only.isChecked(),
            due_meeting_id=self.due_combo.currentData(),
            raised_meeting_id=self.raised_combo.currentData(),
            plan_id=value if kind == "plan" else None,
            recommendation_id=value if kind == "recommendation" else None,
            linked=value if kind == "linked" else None,
            text=self.filter.text(),
            sort=self.model.query.sort,
            descending=self.model.query.descending,
            group_by=GroupBy(self.group_combo.currentData() or GroupBy.NONE),
        )

    def _owner(self) -> tuple[OwnerKey | None, str]:
        """The owner typed: one person or role when the name is exact, else part of names."""
        typed = " ".join(self.owner.text().split())
        if not typed:
            return None, ""
        exact = [c.value for c in self.choices.owners if c.label.casefold() == typed.casefold()]
        return (exact[0], "") if len(exact) == 1 else (None, typed)

    def apply_filters(self) -> None:
        """Run the query the filter bar describes now (keeping the selection where it can)."""
        self._debounce.stop()
        self._requery(self.current_query())

    def refresh(self) -> None:
        self._requery(self.model.query if self.model.summary is not None else self.current_query())

    def _requery(self, query: ActionLogQuery) -> None:
        selected = self.selected_rows()
        ids = [row.id for row in selected]
        rows = [index.row() for index in self.table.selectionModel().selectedRows()]
        current = self.table.currentIndex()
        started = time.perf_counter()
        self.model.set_query(query)
        self.last_query_ms = (time.perf_counter() - started) * 1000
        if ids:
            self._reselect(ids, rows)
        elif current.isValid() and current.row() < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(current.row(), 0))
        self._update_buttons()

    def _reselect(self, ids: list[int], rows: list[int]) -> None:
        near = {r for row in rows[:200] for r in (row - 1, row, row + 1)}
        found = self.model.rows_of(ids, near)
        selection = self.table.selectionModel()
        selection.clearSelection()
        chosen = QItemSelection()
        for row in found:
            chosen.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        selection.select(chosen, QItemSelectionModel.SelectionFlag.Select)
        if found:
            selection.setCurrentIndex(self.model.index(found[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def _filters_edited(self) -> None:
        """Typed text: re-query now if queries are quick, else once typing pauses."""
        if self._loading:
            return
        if self.last_query_ms < INSTANT_MS:
            self.apply_filters()
        else:
            self._debounce.start()

    def _filters_changed(self) -> None:
        if not self._loading:
            self.apply_filters()

    def _board_changed(self) -> None:
        if self._loading:
            return
        self.board_id = self.board_combo.currentData()
        self._set_title(self.board_combo.currentText())
        self._reload_choices()
        self.apply_filters()

    def clear_filters(self) -> None:
        self._loading = True
        try:
            self.owner.clear()
            self.filter.clear()
            for status, box in self.status_boxes.items():
                box.setChecked(status in OPEN_STATUSES)
            self.overdue_only.setChecked(False)
            for combo in (self.due_combo, self.raised_combo, self.link_combo):
                combo.setCurrentIndex(0)
        finally:
            self._loading = False
        self.apply_filters()

    # -- counts, spans, sizes ---------------------------------------------------------------------------------
    def _summary_changed(self, summary: ActionLogSummary) -> None:
        noun = "action" if summary.scope_total == 1 else "actions"
        if summary.is_filtered:
            text = f"{summary.total} of {summary.scope_total} {noun} ({summary.overdue} overdue)"
        else:
            text = f"{summary.total} {noun} ({summary.overdue} overdue)"
        self.count.setText(text)
        if summary.overdue:
            self.count.setStyleSheet(f"color: {style.OVERDUE_TEXT}; font-weight: 600;")
        else:
            self.count.setStyleSheet("font-weight: 600;")
        parts = [f"{ACTION_STATUS_LABELS[s]} {n}" for s, n in summary.by_status.items() if n]
        self.status_counts.setText("   ·   ".join(parts))

    def _apply_spans(self) -> None:
        """Group headers span the table and are one line high; the actions keep their two lines."""
        self.table.clearSpans()
        columns = self.model.columnCount()
        vertical = self.table.verticalHeader()
        header_height = self.fontMetrics().lineSpacing() + 12
        for row in self.model.header_rows():
            self.table.setSpan(row, 0, 1, columns)
            vertical.resizeSection(row, header_height)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_action_column()
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.open_detail()
                return True
        return super().eventFilter(watched, event)

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column != COLUMN_INDEX["Action"]:
            self._fit_action_column()

    def _fit_action_column(self) -> None:
        """Give the action text whatever width the other columns leave (at least ACTION_MIN_WIDTH)."""
        header = self.table.horizontalHeader()
        action = COLUMN_INDEX["Action"]
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != action)
        header.resizeSection(action, max(ACTION_MIN_WIDTH, self.table.viewport().width() - others))

    # -- selection -----------------------------------------------------------------------------------------
    def row_at(self, view_row: int) -> ActionRow:
        """The action shown on a row (the first action at or after it, skipping group headers)."""
        for row in range(view_row, self.model.rowCount()):
            found = self.model.row_at(row)
            if found is not None:
                return found
        raise IndexError(view_row)

    def selected_rows(self) -> list[ActionRow]:
        """The chosen actions, each once, in table order (read if their page is not loaded)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows:
            return []
        ids = self.model.action_ids(rows)
        loaded = {row.id: row for r in rows if (row := self.model.row_at(r)) is not None} if len(rows) <= 500 else {}
        missing = [action_id for action_id in ids if action_id not in loaded]
        if missing:
            for start in range(0, len(missing), 500):
                loaded.update(self.operations.read(action_rows_by_id, missing[start : start + 500], today=self.today()))
        return [loaded[action_id] for action_id in ids if action_id in loaded]

    def _chosen(self) -> list[ActionRow]:
        rows = self.selected_rows()
        if not rows:
            current = self.table.currentIndex()
            row = self.model.row_at(current.row()) if current.isValid() else None
            rows = [row] if row is not None else []
        return rows

    def _update_buttons(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        for button in (self.status_button, self.close_button, self.carry_button, self.reassign_button,
                       self.due_button):  # fmt: skip
            button.setEnabled(count > 0)
        self.detail_button.setEnabled(count == 1)

    # -- follow-up -------------------------------------------------------------------------------------------
    def update_status(self) -> None:
        self.follow_up.update_status(self._chosen())

    def close_selected(self) -> None:
        self.follow_up.close(self._chosen())

    def carry_forward(self) -> None:
        self.follow_up.carry_forward(self._chosen())

    def reassign(self) -> None:
        self.follow_up.reassign(self._chosen())

    def change_due(self) -> None:
        self.follow_up.change_due(self._chosen())

    def open_detail(self, view_row: int | None = None) -> ActionDetailDialog | None:
        if view_row is None:
            chosen = self._chosen()
            row = chosen[0] if chosen else None
        else:
            row = self.model.row_at(view_row)
        if row is None:
            return None
        dialog = self.detail_dialogs.get(row.id)
        if dialog is None:
            dialog = ActionDetailDialog(self.operations, row.id, self.today, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open_minute_requested.connect(self.open_minute_requested)
            dialog.destroyed.connect(lambda _=None, key=row.id: self.detail_dialogs.pop(key, None))
            self.detail_dialogs[row.id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _changed(self, changes: Changes) -> None:
        if changes.people or changes.meetings or changes.plans:
            self._reload_choices()
        relevant = changes.actions or changes.meetings or changes.people or changes.plans
        if relevant and self.model.summary is not None:
            self.refresh()

    def _show_message(self, text: str) -> None:
        self.note.setText(text)
        self.message.emit(text)

    # -- export ----------------------------------------------------------------------------------------------
    def _settings(self) -> QSettings:
        if self.settings_path is None:
            return QSettings()
        return QSettings(str(self.settings_path), QSettings.Format.IniFormat)

    def ask_export_path(self, fmt: str, suggested: str) -> Path | None:
        """The save dialog, starting in the folder used last time."""
        folder = str(self._settings().value(SETTINGS_EXPORT_DIR, str(Path.home()), type=str))
        path, _ = QFileDialog.getSaveFileName(self, "Export the action log", str(Path(folder) / suggested),
                                              EXPORT_FILTERS[fmt])  # fmt: skip
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == f".{fmt}" else chosen.with_name(chosen.name + f".{fmt}")

    def export(self, fmt: str, path: Path | None = None) -> Path | None:
        """Export what the log shows (its filters and order): Excel, or the owners' copy as PDF/Word."""
        query = replace(self.current_query(), group_by=GroupBy.NONE)
        today = self.today()
        board = self.board_combo.currentText() if self.board_id is not None else "All boards"
        if path is None:
            path = self.ask_export_path(fmt, suggested_log_filename(board, today, fmt))
            if path is None:
                return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = self.operations.read(action_log_rows, query, today=today)
            scope = self.operations.read(describe_query, query, today=today)
            document = build_action_log(rows, board_name=board, scope=scope, today=today)
            result = export_action_log(document, path, fmt)
        except ExportError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Export failed", str(exc))
            return None
        QApplication.restoreOverrideCursor()
        self._settings().setValue(SETTINGS_EXPORT_DIR, str(path.parent))
        self._show_message(f"Wrote {len(document.entries)} actions to {result.path}")
        if result.warnings:
            QMessageBox.information(self, "Exported with warnings", "\n".join(result.warnings[:10]))
        if self.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
        return result.path


__all__ = ["COLUMNS", "ActionLogPage"]
