"""A board's registers (issue 17): each person's declarations of interest over time, the attendance
record over a period, and the decisions still within their call-in period; each exported to Excel
the way councils publish them (exporting/registers).

Reads only: nothing here writes to the database. `today` is passed in (no clock of its own), so the
default period and the call-in list are what the clerk's day says. Works on an empty database: with
no board shown, or a board with no members, every tab says what is missing and exports nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import long_date
from boardapp.exporting.errors import ExportError
from boardapp.gui.models.text_rows import Cell, TextRowsModel
from boardapp.gui.operations import Operations
from boardapp.services import attendance_record, boards, declarations
from boardapp.services.attendance_record import AttendanceRecord
from boardapp.services.decision_records import DecisionRecordRow
from boardapp.services.declarations import DeclarationRow
from boardapp.services.errors import ServiceError
from boardapp.services.record_views import board_call_in, register_people

__all__ = ["RegistersPage"]


def _to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableView:
    """A read-only table over a `TextRowsModel` (the view's `model()`), filled by `_fill`."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(TextRowsModel(headers, table))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableView, rows: Sequence[Sequence[Cell]]) -> None:
    model = table.model()
    assert isinstance(model, TextRowsModel)
    model.set_cells(rows)
    table.resizeColumnsToContents()


class RegistersPage(QWidget):
    def __init__(self, operations: Operations, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registersPage")
        self.operations = operations
        self.today = today
        self.board_id: int | None = None
        self.board_name = ""
        self.declaration_rows: list[DeclarationRow] = []
        self.record: AttendanceRecord | None = None
        self.call_in_rows: list[DecisionRecordRow] = []

        self.heading = QLabel("Registers: choose a board in the navigator", self)
        self.heading.setObjectName("registersHeading")
        self.heading.setStyleSheet("font-size:13pt; font-weight:600;")
        self.message = QLabel(self)
        self.message.setObjectName("registersMessage")
        self.message.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("registersTabs")
        self.tabs.addTab(self._declarations_tab(), "&Declarations")
        self.tabs.addTab(self._attendance_tab(), "&Attendance record")
        self.tabs.addTab(self._call_in_tab(), "Decisions within &call-in")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self._enable()

    # -- building -------------------------------------------------------------------------------------
    def _declarations_tab(self) -> QWidget:
        tab = QWidget(self)
        self.person = QComboBox(tab)
        self.person.setObjectName("registerPerson")
        self.person.currentIndexChanged.connect(lambda _i: self.show_declarations())
        self.public = QCheckBox("&Public version (withhold sensitive natures)", tab)
        self.public.setObjectName("registerPublic")
        self.public.setChecked(True)
        self.declarations_table = _table(
            tab, "declarationsTable", ["Meeting", "Board", "Item", "Item title", "Interest", "Nature", "What they did"]
        )
        self.export_declarations_button = QPushButton("Export to E&xcel…", tab)
        self.export_declarations_button.setObjectName("exportDeclarations")
        self.export_declarations_button.clicked.connect(lambda: self.export_declarations())
        top = QHBoxLayout()
        top.addWidget(QLabel("Person:", tab))
        top.addWidget(self.person, 1)
        top.addWidget(self.public)
        top.addWidget(self.export_declarations_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.declarations_table, 1)
        return tab

    def _attendance_tab(self) -> QWidget:
        tab = QWidget(self)
        self.start_edit = QDateEdit(tab)
        self.start_edit.setObjectName("attendanceStart")
        self.end_edit = QDateEdit(tab)
        self.end_edit.setObjectName("attendanceEnd")
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.dateChanged.connect(lambda _d: self.show_attendance())
        self.attendance_summary = QLabel(tab)
        self.attendance_table = _table(
            tab,
            "attendanceTable",
            ["Member", "Expected", "Attended", "Apologies", "Absent", "Substitute sent", "As substitute", "%"],
        )
        self.export_attendance_button = QPushButton("Export to E&xcel…", tab)
        self.export_attendance_button.setObjectName("exportAttendance")
        self.export_attendance_button.clicked.connect(lambda: self.export_attendance())
        top = QHBoxLayout()
        top.addWidget(QLabel("From", tab))
        top.addWidget(self.start_edit)
        top.addWidget(QLabel("to", tab))
        top.addWidget(self.end_edit)
        top.addWidget(self.attendance_summary, 1)
        top.addWidget(self.export_attendance_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.attendance_table, 1)
        return tab

    def _call_in_tab(self) -> QWidget:
        tab = QWidget(self)
        self.call_in_summary = QLabel(tab)
        self.call_in_table = _table(tab, "callInTable", ["Meeting", "Item", "Decision", "Takes effect on"])
        self.export_call_in_button = QPushButton("Export to E&xcel…", tab)
        self.export_call_in_button.setObjectName("exportCallIn")
        self.export_call_in_button.clicked.connect(lambda: self.export_call_in())
        top = QHBoxLayout()
        top.addWidget(self.call_in_summary, 1)
        top.addWidget(self.export_call_in_button)
        layout = QVBoxLayout(tab)
        layout.addLayout(top)
        layout.addWidget(self.call_in_table, 1)
        return tab

    # -- showing --------------------------------------------------------------------------------------
    def show_board(self, board_id: int) -> None:
        """Show one board's registers; the attendance period starts as its current municipal year."""
        try:
            settings = self.operations.read(boards.board_settings, board_id)
        except ServiceError as refusal:
            self.board_id = None
            self.heading.setText("Registers")
            self.message.setText(str(refusal))
            self._enable()
            return
        self.board_id, self.board_name = board_id, settings.name
        self.heading.setText(f"Registers: {settings.name}")
        today = self.today()
        month = settings.municipal_year_start_month
        year = today.year if today.month >= month else today.year - 1
        for edit, day in ((self.start_edit, dt.date(year, month, 1)), (self.end_edit, today)):
            edit.blockSignals(True)
            edit.setDate(_to_qdate(day))
            edit.blockSignals(False)
        self.person.blockSignals(True)
        self.person.clear()
        for person_id, name in self.operations.read(register_people, board_id):
            self.person.addItem(name, person_id)
        self.person.blockSignals(False)
        self.message.setText("")
        self.show_declarations()
        self.show_attendance()
        self.show_call_in()

    def show_declarations(self) -> None:
        person_id = self.person.currentData()
        self.declaration_rows = (
            self.operations.read(declarations.register_for, person_id) if person_id is not None else []
        )
        _fill(
            self.declarations_table,
            [
                [
                    long_date(r.meeting_date),
                    r.board_name,
                    r.item_number,
                    r.item_title or "(general declaration)",
                    _capital(r.kind_label),
                    r.nature_text(public=False),
                    _capital(r.action_label),
                ]
                for r in self.declaration_rows
            ],
        )
        self._enable()

    def show_attendance(self) -> None:
        self.record = None
        if self.board_id is not None:
            start, end = _from_qdate(self.start_edit.date()), _from_qdate(self.end_edit.date())
            try:
                self.record = self.operations.read(attendance_record.attendance_record, self.board_id, start, end)
            except ServiceError as refusal:
                self.attendance_summary.setText(str(refusal))
        rows = self.record.rows if self.record is not None else []
        _fill(
            self.attendance_table,
            [
                [
                    r.name,
                    r.expected,
                    r.attended,
                    r.apologies,
                    r.absent,
                    r.substitute_sent,
                    r.attended_as_substitute,
                    r.percentage,
                ]
                for r in rows
            ],
        )
        if self.record is not None:
            held = self.record.meetings
            self.attendance_summary.setText(f"{held} meeting{'s' if held != 1 else ''} held in the period")
        self._enable()

    def show_call_in(self) -> None:
        today = self.today()
        self.call_in_rows = (
            self.operations.read(board_call_in, self.board_id, today) if self.board_id is not None else []
        )
        _fill(
            self.call_in_table,
            [
                [
                    long_date(r.meeting_date),
                    r.item_title,
                    r.text,
                    long_date(r.takes_effect_on) if r.takes_effect_on else "",
                ]
                for r in self.call_in_rows
            ],
        )
        count = len(self.call_in_rows)
        self.call_in_summary.setText(
            f"{count} decision{'s' if count != 1 else ''} not yet in effect on {long_date(today)}"
            if self.board_id is not None
            else ""
        )
        self._enable()

    def _enable(self) -> None:
        self.export_declarations_button.setEnabled(self.person.currentData() is not None)
        self.export_attendance_button.setEnabled(self.record is not None)
        self.export_call_in_button.setEnabled(self.board_id is not None)

    # -- exporting ------------------------------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: str) -> Path | None:
        """The save dialog (tests replace this)."""
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested), "Excel workbook (*.xlsx)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def _write(self, title: str, suggested: str, write: Callable[[Path], None]) -> Path | None:
        path = self.ask_save_path(title, suggested)
        if path is None:
            return None
        try:
            write(path)
        except (ExportError, OSError) as failure:
            QMessageBox.warning(self, "Export failed", str(failure))
            return None
        self.message.setText(f"Wrote {path}")
        return path

    def export_declarations(self) -> Path | None:
        from boardapp.exporting.registers.to_xlsx import write_declarations_register

        if self.person.currentData() is None:
            return None
        name, rows, public = self.person.currentText(), list(self.declaration_rows), self.public.isChecked()
        return self._write(
            "Export the register of declarations",
            f"Declarations - {name}.xlsx",
            lambda path: write_declarations_register(name, rows, path, public=public),
        )

    def export_attendance(self) -> Path | None:
        from boardapp.exporting.registers.to_xlsx import write_attendance_record

        record = self.record
        if record is None:
            return None
        return self._write(
            "Export the attendance record",
            f"Attendance - {record.board_name} {record.start.isoformat()} to {record.end.isoformat()}.xlsx",
            lambda path: write_attendance_record(record, path),
        )

    def export_call_in(self) -> Path | None:
        from boardapp.exporting.registers.call_in_xlsx import write_call_in_list

        if self.board_id is None:
            return None
        name, today, rows = self.board_name, self.today(), list(self.call_in_rows)
        return self._write(
            "Export the decisions within call-in",
            f"Within call-in - {name} {today.isoformat()}.xlsx",
            lambda path: write_call_in_list(name, today, rows, path),
        )
