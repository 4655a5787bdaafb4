"""The whole set-up of a secretariat's year on the command line (issue 10), from a new home.

One walk, each step a real `boardapp` subprocess on a temporary `--basedir`: `init`, a board, a
person, two members, a membership list imported from CSV (after a dry run), one meeting and a
series, the lists, and the first meeting's minutes and agenda exported to Word. The separate CLI
tests of boards and meetings cover each command's refusals; this one checks they add up.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from docx import Document
from docx.table import Table

from tests.helpers.e2e import AppRunner, describe

BOARD = "Harbour Trust Board"
STANDING = (
    "Welcome, introductions and apologies",
    "Declarations of interest",
    "Minutes and actions from the last meeting",
    "Any other business",
    "Date of next meeting",
)


def _ok(cli: AppRunner, *args: str) -> str:
    result = cli(*args)
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    return result.stdout


def _rows(cli: AppRunner, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"file:{cli.db_path}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def _docx_text(path: Path) -> str:
    """Paragraphs and table cells in document order, as one line of words."""
    parts: list[str] = []
    for block in Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            parts.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            parts.append(block.text)
    return " ".join(" ".join(parts).split())


def _members_csv(tmp_path: Path) -> Path:
    path = tmp_path / "harbour-members.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [
                ["Name", "Organisation", "Role", "Email", "From", "To"],
                ["Carol Price", "Coastal Housing", "Member", "carol@example.org", "01/01/2026", ""],
                ["David Lee", "Coastal Housing", "Member", "", "2026-01-01", ""],
                ["Erin Walsh", "Friends of the Harbour", "Co-opted", "", "01/01/2026", "31/12/2026"],
            ]
        )
    return path


def test_a_year_set_up_on_the_command_line(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    cli = boardapp_cli
    out = _ok(cli, "init")
    assert f"Created an empty BoardApp database at {cli.db_path}" in out
    assert _rows(cli, "SELECT count(*) FROM board") == [(0,)]

    out = _ok(
        cli, "board", "add", BOARD, "--short-name", "HTB", "--venue", "The Harbour Office", "--time", "18:00",
        "--quorum", "3",
    )  # fmt: skip
    assert f"Created board {BOARD}" in out and "Quorum:       3" in out
    assert all(f"{n}. {title}" in out for n, title in enumerate(STANDING, start=1))

    out = _ok(
        cli, "person", "add", "Ann Hughes", "--organisation", "Harbour Town Council", "--email", "ann@example.org"
    )
    assert "Added Ann Hughes (Harbour Town Council, ann@example.org)." in out
    out = _ok(cli, "member", "add", "--board", "HTB", "Ann Hughes", "--role", "chair", "--from", "2026-01-01")
    assert "Added Ann Hughes to the board as chair from 2026-01-01." in out
    out = _ok(cli, "member", "add", "--board", BOARD, "Ben Okafor", "--role", "vice-chair", "--from", "2026-01-01")
    assert "Added Ben Okafor (new person) to the board as vice-chair from 2026-01-01." in out

    members_csv = _members_csv(tmp_path)
    out = _ok(cli, "members", "import", str(members_csv), "--board", "HTB", "--dry-run")
    assert "3 memberships to add (3 new people, 0 known)" in out and "nothing was written" in out
    assert _rows(cli, "SELECT count(*) FROM membership") == [(2,)]
    out = _ok(cli, "members", "import", str(members_csv), "--board", "HTB")
    assert f"Imported 3 membership(s) onto “{BOARD}”" in out
    assert sorted(
        _rows(
            cli,
            "SELECT person.name, membership.role, membership.start_date, membership.end_date "
            "FROM membership JOIN person ON person.id = membership.person_id",
        )
    ) == [
        ("Ann Hughes", "CHAIR", "2026-01-01", None),  # roles and dates as stored
        ("Ben Okafor", "VICE_CHAIR", "2026-01-01", None),
        ("Carol Price", "MEMBER", "2026-01-01", None),
        ("David Lee", "MEMBER", "2026-01-01", None),
        ("Erin Walsh", "CO_OPTED", "2026-01-01", "2026-12-31"),
    ]

    out = _ok(cli, "meeting", "add", "--board", "HTB", "--date", "2026-01-06")
    assert f"Scheduled {BOARD}: Tuesday 6 January 2026 at 6.00 pm in The Harbour Office; agenda of 5 items." in out
    out = _ok(cli, "meeting", "series", "--board", "HTB", "--from", "2026-02-01", "--rule", "first tuesday",
              "--count", "5")  # fmt: skip
    assert f"Scheduled 5 meetings of {BOARD}, the first Tuesday of each month:" in out
    assert "Tuesday 2 June 2026 at 6.00 pm in The Harbour Office; agenda of 5 items" in out

    out = _ok(cli, "meeting", "list", "--board", "HTB")
    assert f"{BOARD}: 6 meetings" in out
    dates = ["2026-01-06", "2026-02-03", "2026-03-03", "2026-04-07", "2026-05-05", "2026-06-02"]
    listed = [line.split()[0] for line in out.splitlines() if line[:4] == "2026"]
    assert listed == dates
    assert all("Scheduled" in line for line in out.splitlines() if line[:4] == "2026")
    assert _rows(cli, "SELECT date, status FROM meeting ORDER BY date") == [(d, "SCHEDULED") for d in dates]
    titles = _rows(
        cli,
        "SELECT meeting.date, agendaitem.title FROM agendaitem JOIN meeting ON meeting.id = agendaitem.meeting_id "
        "WHERE meeting.date IN ('2026-01-06', '2026-02-03') ORDER BY meeting.date, agendaitem.position",
    )
    assert [t for d, t in titles if d == "2026-01-06"] == list(STANDING)
    assert [t for d, t in titles if d == "2026-02-03"][2] == (
        "Minutes of the meeting held on 6 January 2026 and matters arising"
    )

    out = _ok(cli, "board", "list")
    assert f"{BOARD} · [HTB] · 18:00 · The Harbour Office · 5 member(s), 6 meeting(s)" in out

    minutes, agenda = tmp_path / "out" / "minutes.docx", tmp_path / "out" / "agenda.docx"
    minutes.parent.mkdir()
    out = _ok(cli, "export", "minutes", "--board", "HTB", "--date", "2026-01-06", "-o", str(minutes))
    assert str(minutes) in out and minutes.is_file()
    text = _docx_text(minutes)
    assert BOARD in text and "Draft minutes of the Meeting to be held on Tuesday, 6th January, 2026 at 6.00 pm" in text
    assert all(f"{n}. {title}" in text for n, title in enumerate(STANDING, start=1))
    out = _ok(cli, "export", "agenda", "--board", BOARD, "--date", "2026-01-06", "--format", "docx", "-o", str(agenda))
    assert str(agenda) in out and agenda.is_file()
    text = _docx_text(agenda)
    assert "Meeting to be held on Tuesday, 6th January, 2026 at 6.00 pm in The Harbour Office" in text
    assert all(f"{n}. {title}" in text for n, title in enumerate(STANDING, start=1))
    members = ("Ann Hughes (Chair)", "Ben Okafor (Vice-chair)", "Carol Price", "David Lee", "Erin Walsh (Co-opted)")
    for member in members:
        assert member in text, f"{member!r} missing from the agenda's membership"
