"""`boardapp export actions` and `boardapp actions` run as a user would (a subprocess on the demo data
in a temporary home), and every way they refuse, with a message and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from tests.helpers.e2e import AppRunner, describe

BOARD = "Lancashire Children's Services Improvement Board"
AS_AT = "2017-10-20"  # after the 12 September meeting: the actions due at it are late once it is held


def test_excel_log_of_every_action(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "log.xlsx"
    result = demo_cli("export", "actions", "--board", "ib", "--as-at", AS_AT, "-o", str(target))
    assert result.returncode == 0, describe(result)
    # The demo's 12 September exempt item raised one Part II action: the full log is confidential.
    # 2 overdue: the demo's formal record (issue 17) holds the 12 September meeting, and the two actions due at
    # it (CSE intelligence, heat maps) are still open.
    assert "Wrote the confidential action log (it holds exempt Part II actions) (13 actions, 2 overdue: All " in (
        result.stdout
    )
    sheet = openpyxl.load_workbook(target)["Action log"]
    assert sheet.max_row == 14 and sheet.freeze_panes == "A2"
    assert sheet["A2"].value == "IB-20170801-01" and sheet["B1"].value == "Part II"
    public = tmp_path / "public.xlsx"
    result = demo_cli("export", "actions", "--board", "ib", "--as-at", AS_AT, "--public", "-o", str(public))
    assert result.returncode == 0, describe(result)
    assert f"Wrote the public action log (12 actions, 2 overdue: All actions) to {public}" in result.stdout
    assert openpyxl.load_workbook(public)["Action log"].max_row == 13


def test_pdf_and_word_by_owner(demo_cli: AppRunner, tmp_path: Path) -> None:
    for fmt in ("pdf", "docx"):
        target = tmp_path / f"owners.{fmt}"
        result = demo_cli("export", "actions", "--format", fmt, "--as-at", AS_AT, "-o", str(target))
        assert result.returncode == 0, describe(result)
        # 2 overdue: due at the 12 September meeting, held in the demo's formal record (issue 17), and still open
        assert "actions by owner (it holds exempt Part II actions) (13 actions, 2 overdue: Open actions)" in (
            result.stdout
        )
    pages = PdfReader(str(tmp_path / "owners.pdf")).pages
    word = docx.Document(str(tmp_path / "owners.docx"))
    owners = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "Amanda Hatton" in owners and "Jane Booth" in owners
    assert len(pages) == 1 + len(owners)  # a cover page, then a page per owner


def test_one_owner_and_overdue_only(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "hatton.pdf"
    result = demo_cli("export", "actions", "--owner", "amanda hatton", "--as-at", AS_AT, "-o", str(target))
    assert result.returncode == 0, describe(result)
    assert "(3 actions, 0 overdue: Open actions · Owner: Amanda Hatton)" in result.stdout  # one is Part II
    overdue = demo_cli("export", "actions", "--status", "overdue", "--as-at", AS_AT, "-o", str(tmp_path / "o.xlsx"))
    assert overdue.returncode == 0, describe(overdue)
    # The two actions due at the 12 September meeting, held in the demo's formal record (issue 17), still open.
    assert "(2 actions, 2 overdue: Overdue on 20 October 2017)" in overdue.stdout
    cells = [str(c) for row in openpyxl.load_workbook(tmp_path / "o.xlsx")["Action log"].iter_rows(values_only=True)
             for c in row if c]  # fmt: skip
    assert any(c.startswith("CSE intelligence input") for c in cells) and any(c.startswith("Heat maps") for c in cells)


def test_open_says_why_it_cannot_without_a_desktop(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "log.docx"
    result = demo_cli("export", "actions", "--open", "-o", str(target))  # the runner has no DISPLAY
    assert result.returncode == 0, describe(result)
    assert f"There is no desktop display here, so {target} was not opened" in result.stdout
    assert target.exists()


def test_print_the_log(demo_cli: AppRunner) -> None:
    result = demo_cli("actions", "--owner", "Jane Booth", "--as-at", AS_AT)
    assert result.returncode == 0, describe(result)
    lines = result.stdout.splitlines()
    assert lines[0] == f"All boards · Open actions · Owner: Jane Booth · as at {AS_AT}"
    assert lines[1] == "2 actions, 0 overdue"
    assert any("IB-20170801-12" in line and "To discuss actions against their name" in line for line in lines)


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--board", "Nobody's Board"], 1, 'No board is called "Nobody\'s Board". The boards are:\n  ' + BOARD),
        (["--owner", "Zed Nobody"], 1, "No person or role is called 'Zed Nobody'."),
        (["--format", "pdf", "-o", "x.xlsx"], 1, "--format pdf does not match the output file 'x.xlsx'."),
        (["-o", "log.txt"], 1, "say --format xlsx, pdf or docx"),
        (["--date", "2017-08-01"], 1, "--date applies to minutes and agenda, not to the action log."),
        (["--status", "late"], 2, "invalid choice: 'late'"),
        (["--as-at", "20/10/2017"], 2, "is not a date written YYYY-MM-DD"),
    ],
)
def test_refusals(demo_cli: AppRunner, tmp_path: Path, args: list[str], status: int, message: str) -> None:
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "log.xlsx")]
    result = demo_cli("export", "actions", *args)
    assert result.returncode == status, describe(result)
    assert message in result.stderr
    assert not (tmp_path / "log.xlsx").exists()


def test_unwritable_output(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("export", "actions", "-o", str(tmp_path / "missing" / "log.pdf"))
    assert result.returncode == 1 and "does not exist" in result.stderr, describe(result)


def test_no_database_yet(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    for argv in (("export", "actions", "-o", str(tmp_path / "log.xlsx")), ("actions",)):
        result = boardapp_cli(*argv)
        assert result.returncode == 1, describe(result)
        assert "there is no BoardApp database" in result.stderr
    assert not boardapp_cli.db_path.exists(), "looking must not create a database"


def test_minutes_still_need_board_and_date(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("export", "minutes", "-o", str(tmp_path / "m.pdf"))
    assert result.returncode == 2, describe(result)
    assert "the following arguments are required for minutes: --board, --date" in result.stderr
    mixed = demo_cli("export", "minutes", "--board", "ib", "--date", "2017-08-01", "--owner", "x", "-o",
                     str(tmp_path / "m.pdf"))  # fmt: skip
    assert mixed.returncode == 1 and "--owner applies to `export actions`" in mixed.stderr, describe(mixed)
