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
from html import escape
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.action_detail import ActionDetailDialog
from boardapp.gui.dialogs.action_followup import FollowUp
from boardapp.gui.models.action_table_model import COLUMN_INDEX, COLUMNS, ActionTableModel, ReadSource
from boardapp.gui.operations import Operations
from boardapp.gui.views.action_log_export import (
    EXPORT_FILTERS,
    SETTINGS_EXPORT_DIR,
    SETTINGS_OPEN_AFTER,
    ActionLogExport,
    version_choice,
)
from boardapp.gui.views.action_log_filters import ActionLogFilters
from boardapp.services.action_log import (
    ActionLogQuery,
    ActionLogSummary,
    GroupBy,
    action_log_ids,
    filter_choices,
)
from boardapp.services.actions import ACTION_STATUS_LABELS, ActionRow, action_rows_by_id
from boardapp.services.changes import Changes

COLUMN_WIDTHS = {"Ref": 130, "Owners": 130, "Raised at": 115, "Due": 108, "Status": 118, "Last update": 120,
                 "Plan links": 70}  # fmt: skip
ACTION_MIN_WIDTH = 230
"""The action text takes the width the other columns leave, but never less than this (then the table scrolls)."""
DEBOUNCE_MS = 150
"""Typing waits this long for the next key before re-querying, once a query has been slow enough to notice."""
INSTANT_MS = 30.0


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
        self.detail_dialogs: dict[int, ActionDetailDialog] = {}
        self.last_query_ms = 0.0
        self.model = ActionTableModel(ReadSource(operations.read, today), self)
        self.model.summaryChanged.connect(self._summary_changed)
        self.model.modelReset.connect(self._apply_spans)
        self.follow_up = FollowUp(operations, today, self)
        self.follow_up.done.connect(self.show_message)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.exporter = ActionLogExport(self, settings_path)

        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.filters = ActionLogFilters(self)
        self.filters.changed.connect(self.apply_filters)
        self.filters.edited.connect(self._filters_edited)
        self.filters.board_chosen.connect(self._board_changed)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        filters = self.filters  # its widgets, by the names the page has always had
        self.board_combo, self.owner, self.filter = filters.board_combo, filters.owner, filters.filter
        self.due_combo, self.raised_combo, self.link_combo = filters.due_combo, filters.raised_combo, filters.link_combo
        self.status_boxes, self.overdue_only, self.group_combo = (
            filters.status_boxes,
            filters.overdue_only,
            filters.group_combo,
        )
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
        layout.addWidget(self.filters.scroll_area(self))
        layout.addLayout(counts)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self._shortcuts()
        operations.changed.connect(self._changed)
        self._update_buttons()

    # -- building ---------------------------------------------------------------------------------------
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
        self.status_button = self._tool(
            "Update status…",
            lambda: self.follow_up.update_status(self._chosen()),
            "Record a status or a note",
            "Ctrl+U",
        )
        self.close_button = self._tool(
            "Close as agreed…",
            lambda: self.follow_up.close(self._chosen()),
            "Close as agreed by the board at a meeting",
            "Ctrl+Shift+C",
        )
        self.carry_button = self._tool(
            "Carry forward",
            lambda: self.follow_up.carry_forward(self._chosen()),
            "Due at the board's next meeting instead",
            "Ctrl+Shift+F",
        )
        self.reassign_button = self._tool(
            "Reassign…", lambda: self.follow_up.reassign(self._chosen()), "Give the actions new owners", "Ctrl+R"
        )
        self.due_button = self._tool(
            "Change due…", lambda: self.follow_up.change_due(self._chosen()), "Due at another meeting or date", "Ctrl+D"
        )
        self.toolbar.addSeparator()
        self.export_version = version_choice(self)  # public or full (confidential): issue 12 point 3
        self.toolbar.addWidget(self.export_version)
        self.export_buttons = {
            "xlsx": self._tool("Excel…", lambda: self.export("xlsx"), "Export the log as an Excel workbook"),
            "pdf": self._tool("PDF…", lambda: self.export("pdf"), "Export actions by owner, to circulate (PDF)"),
            "docx": self._tool("Word…", lambda: self.export("docx"), "Export actions by owner, to circulate (Word)"),
        }
        self.open_after = QCheckBox("Open when done", self)
        self.open_after.setObjectName("openAfterExport")
        self.open_after.setChecked(bool(self.exporter.settings().value(SETTINGS_OPEN_AFTER, False, type=bool)))
        self.open_after.toggled.connect(lambda on: self.exporter.settings().setValue(SETTINGS_OPEN_AFTER, on))
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
        """Fill the filter lists for the chosen board, keeping what is chosen."""
        self.filters.set_choices(self.operations.read(filter_choices, self.board_id), self.board_id)

    def current_query(self) -> ActionLogQuery:
        return self.filters.query(self.board_id, sort=self.model.query.sort, descending=self.model.query.descending)

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
        if self.last_query_ms < INSTANT_MS:
            self.apply_filters()
        else:
            self._debounce.start()

    def _board_changed(self) -> None:
        self.board_id = self.board_combo.currentData()
        self._set_title(self.board_combo.currentText())
        self._reload_choices()
        self.apply_filters()

    def clear_filters(self) -> None:
        self.filters.reset()
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
    def open_detail(self, view_row: int | None = None, *, action_id: int | None = None) -> ActionDetailDialog | None:
        """The action's own window: the one on `view_row`, the one chosen, or `action_id` (the log may hide it)."""
        if action_id is None:
            if view_row is None:
                chosen = self._chosen()
                row = chosen[0] if chosen else None
            else:
                row = self.model.row_at(view_row)
            if row is None:
                return None
            action_id = row.id
        dialog = self.detail_dialogs.get(action_id)
        if dialog is None:
            dialog = ActionDetailDialog(self.operations, action_id, self.today, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open_minute_requested.connect(self.open_minute_requested)
            dialog.destroyed.connect(lambda _=None, key=action_id: self.detail_dialogs.pop(key, None))
            self.detail_dialogs[action_id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def select_action(self, action_id: int) -> bool:
        """Select the action in the log as filtered now, the focus on the log (search, the main window's
        navigation); False if the filters leave it out."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        near: range = range(0)
        if self.model.query.group_by is GroupBy.NONE:
            ids = self.operations.read(action_log_ids, self.model.query, today=self.today())
            if action_id not in ids:
                return False
            position = ids.index(action_id)
            near = range(position - 1, position + 2)
        else:  # grouped: the rows around each group's start are read; enough for the logs people group
            near = range(min(self.model.rowCount(), 500))
        rows = self.model.rows_of([action_id], near)
        if not rows:
            return False
        self.table.clearSelection()
        self.table.selectRow(rows[0])
        self.table.scrollTo(self.model.index(rows[0], 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _changed(self, changes: Changes) -> None:
        if changes.people or changes.meetings or changes.plans:
            self._reload_choices()
        relevant = changes.actions or changes.meetings or changes.people or changes.plans
        if relevant and self.model.summary is not None:
            self.refresh()

    def show_message(self, text: str) -> None:
        self.note.setText(text)
        self.message.emit(text)

    # -- export ----------------------------------------------------------------------------------------------
    def export(self, fmt: str, path: Path | None = None, public: bool | None = None) -> Path | None:
        """Export what the log shows (its filters and order): Excel, or the owners' copy as PDF/Word."""
        return self.exporter.export(fmt, path, public)


__all__ = ["COLUMNS", "EXPORT_FILTERS", "SETTINGS_EXPORT_DIR", "SETTINGS_OPEN_AFTER", "ActionLogPage"]
