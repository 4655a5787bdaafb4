"""`boardapp declarations`, `attendance-record` and `quorum` as a clerk runs them, on an empty home and a
home holding a board with a meeting where members come, go and declare interests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from boardapp.core.enums import AttendanceKind
from boardapp.core.models.record import InterestAction, InterestKind
from boardapp.home import AppHome
from boardapp.services import declarations
from boardapp.store.database import open_store
from tests.helpers.e2e import AppRunner, describe
from tests.unit.services.record_builders import attend, make_board, make_meeting


@pytest.fixture
def record_cli(boardapp_cli: AppRunner) -> AppRunner:
    store = open_store(AppHome.from_options(basedir=boardapp_cli.home))
    with store.transaction() as session:
        board = make_board(session, quorum=4)
        p = board.people
        meeting_id, items = make_meeting(session, board.board_id, dt.date(2017, 9, 5))
        for name in ("Ann", "Bob", "Cat", "Dan"):
            attend(session, meeting_id, p[name])
        attend(session, meeting_id, p["Eve"], AttendanceKind.APOLOGIES)
        declarations.record_declaration(
            session,
            meeting_id,
            p["Cat"],
            InterestKind.OTHER_REGISTRABLE,
            agenda_item_id=items[2],
            nature="her partner works for the bidder",
            nature_withheld=True,
            action=InterestAction.LEFT_ROOM,
        )
    store.close()
    return boardapp_cli


def test_an_empty_home_gets_a_plain_answer(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("quorum", "--board", "Scrutiny", "--date", "2017-09-05")
    assert result.returncode == 1 and "no BoardApp database" in result.stderr, describe(result)
    assert boardapp_cli("init").returncode == 0
    result = boardapp_cli("declarations", "--person", "Ann Able")
    assert result.returncode == 1 and "no one person called “Ann Able”" in result.stderr, describe(result)
    result = boardapp_cli("quorum", "--board", "Scrutiny", "--date", "2017-09-05")
    assert result.returncode == 1 and "Scrutiny" in result.stderr, describe(result)


def test_quorum_shows_the_item_where_the_meeting_became_inquorate(record_cli: AppRunner) -> None:
    result = record_cli("quorum", "--board", "Scrutiny Board", "--date", "2017-09-05")
    assert result.returncode == 0, describe(result)
    lines = result.stdout.splitlines()
    assert lines[0].endswith("quorate: 4 of 4 needed")
    assert "Budget" in lines[2] and lines[2].endswith("inquorate: 3 of 4 needed   <-- INQUORATE")
    assert lines[-1] == "inquorate at item 3 (Budget): 3 of 4 needed"


def test_the_register_and_the_attendance_record_as_workbooks(record_cli: AppRunner, tmp_path: Path) -> None:
    result = record_cli("declarations", "--person", "Cat Cole")
    assert result.returncode == 0, describe(result)
    assert "5 September 2017, Scrutiny Board: Cllr Cat Cole declared an other registrable interest" in result.stdout
    assert "partner" not in result.stdout and "nature withheld" in result.stdout

    register = tmp_path / "register.xlsx"
    result = record_cli("declarations", "--person", "Cat Cole", "-o", str(register))
    assert result.returncode == 0 and "Wrote 1 declaration of Cllr Cat Cole" in result.stdout, describe(result)
    sheet = load_workbook(register).active
    assert sheet is not None and sheet["D2"].value == "Budget" and "partner" not in str(sheet["F2"].value)

    attendance = tmp_path / "attendance.xlsx"
    result = record_cli(
        "attendance-record", "--board", "Scrutiny Board", "--from", "2017-05-01", "--to", "2018-04-30",
        "-o", str(attendance),
    )  # fmt: skip
    assert result.returncode == 0, describe(result)
    assert "Wrote the attendance of 5 members at 1 meeting to" in result.stdout
    rows = {r[0]: r[1:5] for r in load_workbook(attendance).active.iter_rows(min_row=2, values_only=True)}
    assert rows["Cllr Eve Ellis"] == (1, 0, 1, 0) and rows["Cllr Ann Able"] == (1, 1, 0, 0)

    result = record_cli(
        "attendance-record", "--board", "Scrutiny Board", "--from", "2018-05-01", "--to", "2017-04-30"
    )
    assert result.returncode == 1 and "ends before it starts" in result.stderr, describe(result)
    result = record_cli("declarations", "--person", "Cat Cole", "-o", str(tmp_path / "register.csv"))
    assert result.returncode == 1 and ".xlsx" in result.stderr, describe(result)
