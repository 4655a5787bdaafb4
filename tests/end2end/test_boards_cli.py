"""board, person, member and members run as a user would, from an empty home, and every way they refuse."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from tests.helpers.e2e import AppRunner, describe


def _ok(cli: AppRunner, *args: str) -> str:
    result = cli(*args)
    assert result.returncode == 0, describe(result)
    return result.stdout


def _refused(cli: AppRunner, status: int, *args: str) -> str:
    result = cli(*args)
    assert result.returncode == status, describe(result)
    return result.stderr


def _rows(cli: AppRunner, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(cli.db_path)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


@pytest.fixture
def members_csv(tmp_path: Path) -> Path:
    path = tmp_path / "members.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [
                ["Name", "Organisation", "Role", "Email", "From", "To"],
                ["Tom Jones", "NHS", "Member", "tom@example.org", "01/09/2017", ""],
                ["Ann Able", "Police", "Co-opted", "", "2017-09-01", "2018-08-31"],
                ["Jane Smith", "", "Chair", "", "", ""],  # already the vice-chair: left out
            ]
        )
    return path


def test_a_year_of_set_up_from_an_empty_home(boardapp_cli: AppRunner, members_csv: Path) -> None:
    assert "No boards yet" in _ok(boardapp_cli, "board", "list")
    _ok(boardapp_cli, "init")
    out = _ok(
        boardapp_cli, "board", "add", "Improvement Board", "--short-name", "IB", "--venue", "County Hall, Preston",
        "--time", "14:30", "--quorum", "4", "--length", "120",
    )  # fmt: skip
    assert "Declarations of interest" in out and "Quorum:       4" in out
    out = _ok(
        boardapp_cli, "board", "edit", "ib", "--time", "10:00", "--numbering", "municipal-year", "--year-starts", "4",
        "--standing-item", "Apologies", "--standing-item", "Minutes of the last meeting", "--standing-item", "AOB",
    )  # fmt: skip
    assert "1. Apologies\n    2. Minutes of the last meeting\n    3. AOB" in out
    assert "Restarting each municipal year (23/17), the year starting in April" in out
    _ok(boardapp_cli, "board", "add", "MASH Board")
    _ok(boardapp_cli, "person", "add", "Jane Smith", "--organisation", "LCC", "--email", "jane@example.org",
        "--title", "Cllr")  # fmt: skip
    out = _ok(boardapp_cli, "member", "add", "--board", "IB", "Jane Smith", "--role", "vice-chair",
              "--from", "2017-05-17")  # fmt: skip
    assert "Added Cllr Jane Smith to the board as vice-chair from 2017-05-17." in out
    out = _ok(boardapp_cli, "member", "add", "--board", "Improvement Board", "Sue Clarke", "--role", "officer",
              "--organisation", "LCC")  # fmt: skip
    assert "Sue Clarke (new person)" in out
    out = _ok(boardapp_cli, "members", "import", str(members_csv), "--board", "IB", "--dry-run")
    assert "2 memberships to add (2 new people, 0 known)" in out and "Dry run: nothing was written." in out
    assert _rows(boardapp_cli, "SELECT count(*) FROM membership") == [(2,)]
    out = _ok(boardapp_cli, "members", "import", str(members_csv), "--board", "IB")
    assert "Imported 2 membership(s) onto “Improvement Board”" in out
    out = _ok(boardapp_cli, "member", "end", "--board", "IB", "Sue Clarke", "--on", "2017-12-31")
    assert "ends on 2017-12-31" in out
    out = _ok(boardapp_cli, "member", "list", "--board", "IB", "--on", "2018-01-15")
    assert [line.split(" · ")[0] for line in out.splitlines()] == ["Cllr Jane Smith", "Tom Jones", "Ann Able"]
    out = _ok(boardapp_cli, "person", "list")
    assert "Cllr Jane Smith · LCC · jane@example.org · Improvement Board" in out
    out = _ok(boardapp_cli, "board", "list")
    # Ann's and Sue's memberships ended in 2018 and 2017: two members today.
    assert "Improvement Board · [IB] · 10:00 · County Hall, Preston · 2 member(s), 0 meeting(s)" in out
    assert "MASH Board · 0 member(s), 0 meeting(s)" in out
    _ok(boardapp_cli, "board", "archive", "MASH Board")
    assert "MASH" not in _ok(boardapp_cli, "board", "list")
    assert "MASH Board · 0 member(s), 0 meeting(s) (archived)" in _ok(boardapp_cli, "board", "list", "--all")
    assert _rows(boardapp_cli, "SELECT name, quorum, default_start_time, minute_numbering FROM board ORDER BY id") == [
        ("Improvement Board", 4, "10:00", "MUNICIPAL_YEAR"),
        ("MASH Board", None, "", "NONE"),
    ]
    memberships = _rows(
        boardapp_cli,
        "SELECT p.name, m.role, m.start_date, m.end_date FROM membership m JOIN person p ON p.id = m.person_id "
        "ORDER BY p.name",
    )
    assert memberships == [
        ("Ann Able", "CO_OPTED", "2017-09-01", "2018-08-31"),
        ("Jane Smith", "VICE_CHAIR", "2017-05-17", None),
        ("Sue Clarke", "OFFICER", None, "2017-12-31"),
        ("Tom Jones", "MEMBER", "2017-09-01", None),
    ]


def test_mistakes_give_a_message_and_a_non_zero_exit(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    assert "add a board first" in _refused(boardapp_cli, 1, "member", "list", "--board", "IB")
    _ok(boardapp_cli, "board", "add", "Improvement Board", "--short-name", "IB")
    assert "already a board called" in _refused(boardapp_cli, 1, "board", "add", "improvement board")
    assert "not a time" in _refused(boardapp_cli, 1, "board", "add", "MASH", "--time", "25:99")
    assert "at least 1" in _refused(boardapp_cli, 1, "board", "add", "MASH", "--quorum", "0")
    assert "invalid int value" in _refused(boardapp_cli, 2, "board", "add", "MASH", "--quorum", "four")
    assert "Say what to change" in _refused(boardapp_cli, 1, "board", "edit", "IB")
    unknown = _refused(boardapp_cli, 2, "board", "edit", "MASH", "--venue", "x")
    assert "No board is called “MASH” (Improvement Board)" in unknown
    assert "No board is called" in _refused(boardapp_cli, 2, "member", "add", "--board", "MASH", "Ann")
    assert "not a role" in _refused(boardapp_cli, 2, "member", "add", "--board", "IB", "Ann", "--role", "treasurer")
    assert "YYYY-MM-DD" in _refused(boardapp_cli, 2, "member", "add", "--board", "IB", "Ann", "--from", "1/9/17")
    assert "cannot end" in _refused(
        boardapp_cli, 1, "member", "add", "--board", "IB", "Ann", "--from", "2018-01-01", "--to", "2017-01-01"
    )
    assert "not an email" in _refused(boardapp_cli, 1, "person", "add", "Bob", "--email", "bob at home")
    _ok(boardapp_cli, "member", "add", "--board", "IB", "Ann Able")
    assert "already a member" in _refused(boardapp_cli, 1, "member", "add", "--board", "IB", "Ann Able")
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Role,From\nTom Jones,Treasurer,31/02/2018\n", encoding="utf-8")
    result = boardapp_cli("members", "import", str(bad), "--board", "IB")
    assert result.returncode == 1, describe(result)
    assert "row 2 column B ('Role')" in result.stdout and "row 2 column C ('From')" in result.stdout
    assert "Nothing was written" in result.stderr
    missing = str(tmp_path / "missing.csv")
    assert "could not be read" in _refused(boardapp_cli, 1, "members", "import", missing, "--board", "IB")
    assert _rows(boardapp_cli, "SELECT name FROM person") == [("Ann Able",)]
