"""Registers published as Excel workbooks: a member's declarations of interest, and the attendance record.

Same conventions as the action log workbook (exporting/action_log/to_xlsx.py): one bold header row,
frozen, with an autofilter; real dates; text always stored as text, never a formula; written
atomically, and never over the database or a backup (render.write_atomically).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from boardapp.core.dates import long_date
from boardapp.exporting.action_log.to_xlsx import DATE_FORMAT, NAVY, set_text
from boardapp.exporting.backends.output import write_atomically
from boardapp.services.attendance_record import AttendanceRecord
from boardapp.services.declarations import DeclarationRow

Cell = str | int | float | dt.date | None

_BODY = Font(name="Arial", size=10)
_HEADER = Font(name="Arial", size=10, bold=True, color="FFFFFF")


def _sheet(
    workbook: Workbook, title: str, headers: Sequence[tuple[str, float]], rows: Sequence[Sequence[Cell]]
) -> None:
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    for number, (header, width) in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=number)
        set_text(cell, header)
        cell.font = _HEADER
        cell.fill = PatternFill("solid", fgColor=NAVY)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(number)].width = width
    for row_number, values in enumerate(rows, start=2):
        for number, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=number)
            cell.font = _BODY
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, str):
                set_text(cell, value)
            elif isinstance(value, dt.date):
                cell.value = value
                cell.number_format = DATE_FORMAT
            else:
                cell.value = value  # a number, or empty
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"


def _save(workbook: Workbook, title: str, path: Path) -> None:
    workbook.properties.title = title
    workbook.properties.creator = "BoardApp"
    write_atomically(path, lambda temporary: workbook.save(str(temporary)))


def write_declarations_register(
    person_name: str, rows: Sequence[DeclarationRow], path: Path, *, public: bool = True
) -> None:
    """One row per declaration, oldest first. In the public version a sensitive nature is withheld."""
    workbook = Workbook()
    headers = [
        ("Meeting date", 13.0),
        ("Board", 28.0),
        ("Item", 8.0),
        ("Item title", 34.0),
        ("Interest", 28.0),
        ("Nature", 44.0),
        ("What they did", 36.0),
    ]
    body: list[list[Cell]] = [
        [
            r.meeting_date,
            r.board_name,
            r.item_number,
            r.item_title or "(general declaration)",
            r.kind_label[0].upper() + r.kind_label[1:],
            r.nature_text(public),
            r.action_label[0].upper() + r.action_label[1:],
        ]
        for r in rows
    ]
    _sheet(workbook, "Declarations", headers, body)
    _save(workbook, f"Declarations of interest: {person_name}", path)


def write_attendance_record(record: AttendanceRecord, path: Path) -> None:
    """One row per member: meetings expected, attended, apologies, absent, substitutes, percentage."""
    workbook = Workbook()
    headers = [
        ("Member", 30.0),
        ("Meetings expected", 11.0),
        ("Attended", 10.0),
        ("Apologies", 10.0),
        ("Absent", 9.0),
        ("Substitute sent", 11.0),
        ("Attended as substitute", 12.0),
        ("Attendance %", 11.0),
    ]
    body: list[list[Cell]] = [
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
        for r in record.rows
    ]
    _sheet(workbook, "Attendance", headers, body)
    period = f"{long_date(record.start)} to {long_date(record.end)}"
    _save(workbook, f"Attendance record: {record.board_name}, {period}", path)
