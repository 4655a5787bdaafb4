"""The action log of one board (or all): filter box, overdue switch, counts, sortable table.

Read-only for now; follow-up operations, grouping and Excel in/out (issue 5) add to this page.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.models.action_table_model import COLUMN_INDEX, ActionFilterProxy, ActionTableModel
from boardapp.services.actions import ActionRow

COLUMN_WIDTHS = {"Ref": 112, "Owners": 125, "Raised at": 115, "Due": 100, "Status": 90, "Last update": 120,
                 "Plan links": 68}  # fmt: skip
ACTION_MIN_WIDTH = 230
"""The action text takes the width the other columns leave, but never less than this (then the table scrolls)."""


class ActionLogPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ActionTableModel(self)
        self.proxy = ActionFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("actionFilter")
        self.filter.setPlaceholderText("Filter by words in the ref, action, owner, meeting, due or status…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.overdue_only = QCheckBox("&Overdue only", self)
        self.overdue_only.toggled.connect(self._filter_changed)
        self.count = QLabel(self)
        self.count.setObjectName("actionCount")

        self.table = QTableView(self)
        self.table.setObjectName("actionTable")
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Two lines per row, wrapped and elided: long action texts stay readable without costly row sizing.
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
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for title, column in COLUMN_INDEX.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, COLUMN_WIDTHS.get(title, ACTION_MIN_WIDTH))
        header.sectionResized.connect(self._column_resized)
        self.table.viewport().installEventFilter(self)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the log's own order until a header is clicked
        self.table.setSortingEnabled(True)

        bar = QHBoxLayout()
        bar.setSpacing(10)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.overdue_only)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)

    def set_rows(self, title: str, rows: list[ActionRow]) -> None:
        self.title.setText(
            f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>Action log</span>"
            f"<br><span style='color:{style.MUTED_TEXT};'>{escape(title)}</span>"
        )
        self.model.set_rows(rows)
        self._update_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_action_column()
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

    def row_at(self, view_row: int) -> ActionRow:
        return self.model.row_at(self.proxy.mapToSource(self.proxy.index(view_row, 0)).row())

    def _filter_changed(self) -> None:
        self.proxy.set_filter(self.filter.text(), overdue_only=self.overdue_only.isChecked())
        self._update_count()

    def _update_count(self) -> None:
        shown, overdue = self.proxy.visible_counts()
        total = self.model.rowCount()
        noun = "action" if total == 1 else "actions"
        if self.proxy.is_filtered():
            text = f"{shown} of {total} {noun} ({overdue} overdue)"
        else:
            text = f"{total} {noun} ({overdue} overdue)"
        self.count.setText(text)
