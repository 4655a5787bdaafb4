"""The declarations register and attendance record workbooks: header, frozen, real dates, no formulas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from boardapp.core.models.record import InterestAction, InterestKind
from boardapp.exporting.errors import OutputNotWritable
from boardapp.exporting.registers.to_xlsx import write_attendance_record, write_declarations_register
from boardapp.services.attendance_record import AttendanceRecord, MemberAttendance
from boardapp.services.declarations import DeclarationRow


def _declaration(nature: str, withheld: bool) -> DeclarationRow:
    return DeclarationRow(
        id=1,
        meeting_id=1,
        meeting_date=dt.date(2017, 9, 5),
        board_name="Scrutiny Board",
        agenda_item_id=3,
        item_number="23/17",
        item_title="=HYPERLINK(\"http://x\")",
        person_id=1,
        person_name="Cllr Ann Able",
        kind=InterestKind.DISCLOSABLE_PECUNIARY,
        nature=nature,
        nature_withheld=withheld,
        action=InterestAction.LEFT_ROOM,
    )


def test_the_register_withholds_a_sensitive_nature_and_never_writes_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    rows = [_declaration("+owns a shop", False), _declaration("lives at a refuge", True)]
    write_declarations_register("Cllr Ann Able", rows, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == [
        "Meeting date", "Board", "Item", "Item title", "Interest", "Nature", "What they did",
    ]  # fmt: skip
    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].value == dt.datetime(2017, 9, 5)
    assert sheet["C2"].value == "23/17"
    assert sheet["D2"].data_type == "s" and sheet["D2"].value.startswith("=HYPERLINK")
    assert sheet["F2"].data_type == "s" and sheet["F2"].value == "+owns a shop"
    assert sheet["E2"].value == "Disclosable pecuniary interest"
    assert sheet["G2"].value == "Left the room for the item"
    assert sheet["F3"].value == "nature withheld (sensitive interest)"
    write_declarations_register("Cllr Ann Able", rows, path, public=False)
    private = load_workbook(path).active
    assert private is not None and private["F3"].value == "lives at a refuge"


def test_the_attendance_record_has_numbers_and_an_empty_percentage(tmp_path: Path) -> None:
    path = tmp_path / "attendance.xlsx"
    record = AttendanceRecord(
        "Scrutiny Board",
        dt.date(2017, 5, 1),
        dt.date(2018, 4, 30),
        2,
        [
            MemberAttendance(1, "Cllr Ann Able", "Ann Able", expected=2, attended=1, apologies=1),
            MemberAttendance(2, "@Cllr Sam Sub", "Sam Sub", attended_as_substitute=1),
        ],
    )
    write_attendance_record(record, path)
    workbook = load_workbook(path)
    sheet = workbook.active
    assert sheet is not None and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[2]] == ["Cllr Ann Able", 2, 1, 1, 0, 0, 0, 50]
    assert [c.value for c in sheet[3]] == ["@Cllr Sam Sub", 0, 0, 0, 0, 0, 1, None]
    assert sheet["A3"].data_type == "s"
    assert workbook.properties.title == "Attendance record: Scrutiny Board, 1 May 2017 to 30 April 2018"


def test_a_missing_folder_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(OutputNotWritable, match="does not exist"):
        write_declarations_register("Cllr Ann Able", [], tmp_path / "nowhere" / "register.xlsx")
    assert list(tmp_path.iterdir()) == []
