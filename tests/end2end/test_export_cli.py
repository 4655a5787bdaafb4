"""`boardapp export minutes|agenda` run as a user would: on the demo data in a temporary home,
and every way it can fail with a clear message and a non-zero exit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.helpers.e2e import AppRunner, describe

BOARD = "Lancashire Children's Services Improvement Board"
EXEMPTION = "of Part 1 of Schedule 12A to the Local Government Act 1972: Information relating to"


@pytest.fixture
def demo_cli(boardapp_cli: AppRunner) -> AppRunner:
    result = boardapp_cli("demo")
    assert result.returncode == 0, describe(result)
    return boardapp_cli


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def test_export_demo_minutes_to_word_and_pdf(demo_cli: AppRunner, tmp_path: Path) -> None:
    for fmt in ("docx", "pdf"):
        target = tmp_path / f"minutes.{fmt}"
        result = demo_cli(
            "export", "minutes", "--board", BOARD, "--date", "2017-08-01", "--format", fmt, "-o", str(target)
        )
        assert result.returncode == 0, describe(result)
        assert f"Wrote the full minutes to {target}" in result.stdout  # 1 August 2017 holds no Part II business
        assert "warning" not in result.stderr
    word = docx.Document(str(tmp_path / "minutes.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name == "Item Heading"]  # issue 15: the template's
    assert headings[0] == "1. Welcome and Introductions" and headings[-1] == "8. Any other business"
    text = pdf_text(tmp_path / "minutes.pdf")
    assert "Minutes of the Meeting held on Tuesday, 1st August, 2017 at 2.30 pm" in text
    assert "To share some Social Worker profiles with the Board – Chris Coyle/Amanda Hatton" in text


def test_export_public_agenda_by_short_name_and_format_from_the_file_name(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "agenda.pdf"
    result = demo_cli("export", "agenda", "--board", "ib", "--date", "2017-09-12", "--public", "-o", str(target))
    assert result.returncode == 0, describe(result)
    assert "Wrote the public agenda" in result.stdout
    text = pdf_text(target)
    assert EXEMPTION in text
    assert "PART II" not in text
    assert "Minutes and actions from the last meeting" in text

    full = tmp_path / "agenda-full.pdf"
    result = demo_cli("export", "agenda", "--board", "ib", "--date", "2017-09-12", "-o", str(full))
    assert result.returncode == 0, describe(result)
    assert f"Wrote the full (confidential) agenda to {full}" in result.stdout  # 12 September has a Part II item


def test_unknown_board_lists_the_boards(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli(
        "export", "minutes", "--board", "MASH Board", "--date", "2017-08-01", "-o", str(tmp_path / "m.pdf")
    )
    assert result.returncode == 1, describe(result)
    assert "No board is called 'MASH Board'" in result.stderr
    assert BOARD in result.stderr
    assert not (tmp_path / "m.pdf").exists()


def test_no_meeting_that_day_lists_the_dates_near_it(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("export", "minutes", "--board", BOARD, "--date", "2017-08-02", "-o", str(tmp_path / "m.pdf"))
    assert result.returncode == 1, describe(result)
    assert "has no meeting on 2017-08-02" in result.stderr
    assert "2017-08-01  Tuesday, 1st August, 2017" in result.stderr
    assert "2017-09-12" in result.stderr


def test_unwritable_output_path(demo_cli: AppRunner, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "m.docx"
    result = demo_cli("export", "minutes", "--board", BOARD, "--date", "2017-08-01", "-o", str(target))
    assert result.returncode == 1, describe(result)
    assert "does not exist" in result.stderr
    assert not target.parent.exists()


def test_bad_arguments(demo_cli: AppRunner, tmp_path: Path) -> None:
    mismatch = demo_cli(
        "export", "minutes", "--board", BOARD, "--date", "2017-08-01", "--format", "docx", "-o", str(tmp_path / "m.pdf")
    )
    assert mismatch.returncode == 1 and "does not match" in mismatch.stderr, describe(mismatch)
    no_format = demo_cli("export", "minutes", "--board", BOARD, "--date", "2017-08-01", "-o", str(tmp_path / "m"))
    assert no_format.returncode == 1 and "--format" in no_format.stderr, describe(no_format)
    bad_date = demo_cli("export", "minutes", "--board", BOARD, "--date", "1/8/2017", "-o", str(tmp_path / "m.pdf"))
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr, describe(bad_date)


def test_no_database_yet(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    result = boardapp_cli("export", "agenda", "--board", BOARD, "--date", "2017-09-12", "-o", str(tmp_path / "a.pdf"))
    assert result.returncode == 1, describe(result)
    assert "there is no BoardApp database" in result.stderr
    assert not boardapp_cli.db_path.exists(), "export must not create a database"


def test_guard_refuses_a_public_export_showing_exempt_text(demo_cli: AppRunner, tmp_path: Path) -> None:
    """Exempt notes pasted into a public item: the public export is refused, the full one is written
    (with a warning about a control character that was typed in)."""
    secret = "The panel discussed the capability hearing of a named team manager."
    with sqlite3.connect(demo_cli.db_path) as db:
        meeting = db.execute("SELECT id FROM meeting WHERE date = '2017-09-12'").fetchone()[0]
        items = dict(
            db.execute(
                "SELECT is_exempt, id FROM agendaitem WHERE meeting_id = ? ORDER BY position DESC", (meeting,)
            ).fetchall()
        )
        for item_id, notes in ((items[1], secret), (items[0], f"Said in public\x01: {secret}")):
            db.execute("DELETE FROM minute WHERE agenda_item_id = ?", (item_id,))
            db.execute(
                "INSERT INTO minute (agenda_item_id, notes, updated_at) VALUES (?, ?, '2017-09-12 15:00')",
                (item_id, notes),
            )
    db.close()
    public = tmp_path / "public.docx"
    result = demo_cli("export", "minutes", "--board", BOARD, "--date", "2017-09-12", "--public", "-o", str(public))
    assert result.returncode == 1, describe(result)
    assert "The public version was not written" in result.stderr
    assert "capability hearing" in result.stderr
    assert not public.exists()
    assert list(tmp_path.glob("*.part")) == []

    full = tmp_path / "full.docx"
    result = demo_cli("export", "minutes", "--board", BOARD, "--date", "2017-09-12", "-o", str(full))
    assert result.returncode == 0, describe(result)
    assert "warning:" in result.stderr and "control character" in result.stderr
    assert full.exists()
