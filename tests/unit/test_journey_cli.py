"""What a clerk saw walking the command-line journey from an empty home, and in the documents it wrote (task Q)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from boardapp.cli import main
from boardapp.core.models import Meeting
from boardapp.exporting.meetings.export import DocumentKind, ExportFormat, export_document
from boardapp.store.database import Store


def test_board_show_prints_the_publication_days_board_edit_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`board edit --publication-days 7` said "Updated" but `board show` never said what the board's days were."""
    base = ["--basedir", str(tmp_path / "home")]
    assert main([*base, "board", "add", "Harbour Trust Board", "--short-name", "HTB"]) == 0
    assert "5 clear working days" in capsys.readouterr().out  # the default, shown from the start
    assert main([*base, "board", "edit", "HTB", "--publication-days", "7"]) == 0
    capsys.readouterr()
    assert main([*base, "board", "show", "HTB"]) == 0
    assert "Publication:  the agenda 7 clear working days before the meeting" in capsys.readouterr().out


def test_the_agenda_pdf_s_actions_due_print_each_status_whole(demo_store: Store, tmp_path: Path) -> None:
    """The September agenda's "Actions due" table broke its statuses: "In progr / ess", "Complet / ed"."""
    with demo_store.session() as session:
        september = session.exec(select(Meeting.id).where(Meeting.date == dt.date(2017, 9, 12))).one()
        result = export_document(
            session, DocumentKind.AGENDA, september or 0, tmp_path / "agenda.pdf", ExportFormat.PDF, public=True
        )
    lines = [line.strip() for page in PdfReader(result.path).pages for line in page.extract_text().splitlines()]
    assert "In progress" in lines and "Completed" in lines
    assert not any(line in ("In progr", "Complet", "ess", "ed") for line in lines)


def test_the_command_list_says_what_export_and_import_do(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` said export wrote "minutes or agenda to Word or PDF" (it also writes HTML, the pack, the action
    log, plans and the calendar) and import took "a plan or an action log" (it also takes minutes and reviews)."""
    with pytest.raises(SystemExit):
        main(["--help"])
    listing = " ".join(capsys.readouterr().out.split())
    assert "reports pack" in listing and "calendar" in listing
    assert "chair's review" in listing


def test_a_review_copy_says_how_it_comes_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--basedir", str(tmp_path / "home")]
    assert main([*base, "board", "add", "Harbour Trust Board", "--short-name", "HTB"]) == 0
    out = tmp_path / "chair.boardreview"
    assert main([*base, "review-copy", "--board", "HTB", "-o", str(out)]) == 0
    assert "boardapp import review chair.boardreview" in capsys.readouterr().out
