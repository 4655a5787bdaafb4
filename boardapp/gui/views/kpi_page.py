"""A plan's KPIs: measure, officer, frequency, target, baseline, benchmark, latest value, status and trend.

The table is edited in place (numbers and dates as typed; the service reads them); the trend is
a sparkline drawn beside each KPI. Below, the chosen KPI's values over time, which can be added,
corrected and deleted, with a larger trend and the reason for its status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.plan_kpi_dialog import AddKpiDialog, AddKpiValueDialog
from boardapp.gui.models.plan_columns import KPI_COLUMNS, KPI_INDEX, KPI_VALUE_COLUMNS, trend_of
from boardapp.gui.models.plan_rows_model import RowsTableModel
from boardapp.gui.operations import Operations
from boardapp.gui.widgets.sparkline import Sparkline, SparklineDelegate, Trend
from boardapp.services import kpis
from boardapp.services.changes import Changes
from boardapp.services.kpis import KpiPoint, KpiRow

Confirm = Callable[[str, str], bool]
COLUMN_WIDTHS = {
    "Ref": 40,
    "Responsible officer": 110,
    "Frequency": 74,
    "Target": 58,
    "Target date": 84,
    "Baseline": 62,
    "Benchmark": 74,
    "Latest": 92,
    "Status": 74,
    "Trend": 104,
}


def _table(model: RowsTableModel, name: str, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setSortingEnabled(True)
    header = table.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


class KpiPage(QWidget):
    def __init__(
        self, operations: Operations, parent: QWidget | None = None, *, today: Callable[[], dt.date] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kpiPage")
        self.operations = operations
        self.today = today or dt.date.today
        self.plan_id: int | None = None
        self.plan_name = ""
        self.active_dialog: QWidget | None = None
        self.confirm: Confirm = lambda title, text: (
            QMessageBox.question(self, title, text) == (QMessageBox.StandardButton.Yes)
        )
        self._refresh_pending = False

        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.model: RowsTableModel[KpiRow] = RowsTableModel(KPI_COLUMNS, self)
        self.model.editor = self._edit_kpi
        self.table = _table(self.model, "kpiTable", self)
        self.table.setItemDelegateForColumn(KPI_INDEX["Trend"], SparklineDelegate(self.table))
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        header = self.table.horizontalHeader()
        for title, column in KPI_INDEX.items():
            if title in COLUMN_WIDTHS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, COLUMN_WIDTHS[title])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_values())

        self.values_model: RowsTableModel[KpiPoint] = RowsTableModel(KPI_VALUE_COLUMNS, self)
        self.values_model.editor = self._edit_value
        self.values = _table(self.values_model, "kpiValues", self)
        self.values.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.values.horizontalHeader().resizeSection(0, 110)
        self.sparkline = Sparkline(self)
        self.sparkline.setObjectName("kpiSparkline")
        self.explanation = QLabel(self)
        self.explanation.setObjectName("kpiExplanation")
        self.explanation.setWordWrap(True)

        self.add_button = QPushButton("Add KPI…", self)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.delete_button = QPushButton("Delete KPI…", self)
        self.delete_button.clicked.connect(self.delete_kpi)
        self.add_value_button = QPushButton("Add value…", self)
        self.add_value_button.setObjectName("addKpiValue")
        self.add_value_button.clicked.connect(self.open_value_dialog)
        self.delete_value_button = QPushButton("Delete value", self)
        self.delete_value_button.clicked.connect(self.delete_value)
        self.counts = QLabel(self)
        self.counts.setStyleSheet(f"color:{style.MUTED_TEXT};")
        bar = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.add_value_button, self.delete_value_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.counts)

        lower = QWidget(self)
        lower_layout = QHBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.values, 3)
        side = QVBoxLayout()
        side.addWidget(self.sparkline, 1)
        side.addWidget(self.explanation)
        lower_layout.addLayout(side, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        operations.changed.connect(self._changed)
        self._show_values()

    # -- showing ---------------------------------------------------------------------------------------
    def show_plan(self, plan_id: int, plan_name: str) -> None:
        self.plan_id, self.plan_name = plan_id, plan_name
        self.refresh()

    def refresh(self) -> None:
        self._refresh_pending = False
        if self.plan_id is None:
            return
        current = self.current()
        rows = self.operations.read(kpis.kpi_rows, self.plan_id)
        self.model.set_rows(rows)
        self.title.setText(
            f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>KPIs</span>"
            f"<br><span style='color:{style.MUTED_TEXT};'>{escape(self.plan_name)}</span>"
        )
        on = sum(1 for r in rows if r.status is kpis.KpiStatus.ON_TARGET)
        off = sum(1 for r in rows if r.status is kpis.KpiStatus.OFF_TARGET)
        self.counts.setText(f"{len(rows)} KPIs · {on} on target · {off} off target" if rows else "No KPIs yet")
        row = self.model.find_row(lambda r: current is not None and r.id == current.id)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, KPI_INDEX["Measure"]))
        self._show_values()

    def select_id(self, row_id: int | None) -> bool:
        """Make the row of that id current and put the focus on the table (a search result opened here)."""
        row = self.model.find_row(lambda r: r.id == row_id)
        if row >= 0:
            index = self.model.index(row, max(self.table.currentIndex().column(), 0))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return row >= 0

    def _refresh_if_pending(self) -> None:
        """A refresh made directly after the write (by the page itself) has already shown it."""
        if self._refresh_pending:
            self.refresh()

    def current(self) -> KpiRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_values(self) -> None:
        current = self.current()
        self.values_model.set_rows(list(reversed(current.values)) if current else [])
        if current is not None:
            self.sparkline.set_trend(trend_of(current))
            self.explanation.setText(f"<b>{escape(current.status.label)}</b>: {escape(current.status_explanation)}")
        else:
            self.sparkline.set_trend(Trend([]))
            self.explanation.setText(
                "This plan has no KPIs yet. Add each key performance indicator with Add KPI…" if self.plan_id else ""
            )
        for widget in (self.delete_button, self.add_value_button):
            widget.setEnabled(current is not None)
        self.delete_value_button.setEnabled(bool(current and current.values))
        self.add_button.setEnabled(self.plan_id is not None)

    def _changed(self, changes: Changes) -> None:
        if not self.isVisible():
            return  # a hidden page is read afresh when it is shown again (`show_plan`)
        if self.plan_id is not None and self.plan_id in changes.plans and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_if_pending)

    # -- editing ---------------------------------------------------------------------------------------
    def _edit_kpi(self, row: KpiRow, field: str, text: str) -> bool:
        return self.operations.run(kpis.update_kpi, row.id, parent=self, **{field: text}) is not None

    def _edit_value(self, point: KpiPoint, field: str, text: str) -> bool:
        return self.operations.run(kpis.update_value, point.id, parent=self, **{field: text}) is not None

    def open_add_dialog(self) -> AddKpiDialog | None:
        if self.plan_id is None:
            return None
        dialog = AddKpiDialog(self)
        plan_id = self.plan_id
        dialog.accepted.connect(lambda: self._add_kpi(plan_id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _add_kpi(self, plan_id: int, dialog: AddKpiDialog) -> None:
        values = dict(dialog.values())
        ref, measure = str(values.pop("ref")), str(values.pop("measure"))
        new_id = self.operations.run(kpis.add_kpi, plan_id, ref=ref, measure=measure, parent=self, **values)
        self.refresh()
        if new_id is not None:
            row = self.model.find_row(lambda r: r.id == new_id)
            self.table.setCurrentIndex(self.model.index(row, KPI_INDEX["Measure"]))

    def delete_kpi(self) -> bool:
        current = self.current()
        if current is None:
            return False
        count = len(current.values)
        text = f"Delete the KPI {current.ref} {current.measure}" + (
            f" and its {count} value{'s' if count != 1 else ''}?" if count else "?"
        )
        if not self.confirm("Delete KPI", text):
            return False
        done = self.operations.run(kpis.delete_kpi, current.id, parent=self) is not None
        self.refresh()
        return done

    def open_value_dialog(self) -> AddKpiValueDialog | None:
        current = self.current()
        if current is None:
            return None
        dialog = AddKpiValueDialog(
            f"{current.ref} {current.measure}".strip(), today=self.today(), unit=current.unit, parent=self
        )
        dialog.accepted.connect(lambda: self._add_value(current.id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _add_value(self, kpi_id: int, dialog: AddKpiValueDialog) -> None:
        entry = dialog.values()
        self.operations.run(kpis.add_value, kpi_id, entry.period_end, entry.value_text, entry.note, parent=self)
        self.refresh()

    def delete_value(self) -> bool:
        index = self.values.currentIndex()
        if not index.isValid():
            return False
        point = self.values_model.row_at(index.row())
        done = self.operations.run(kpis.delete_value, point.id, parent=self) is not None
        self.refresh()
        return done
