"""`boardapp export decision` run as a user would: the decision notice of a demo decision given a
record (straight into the database), and the refusals, each with a message and exit 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import docx
from pypdf import PdfReader

from tests.helpers.e2e import AppRunner, describe

BOARD = "Lancashire Children's Services Improvement Board"
REASONS = "The plan answers every recommendation of the monitoring visit."


def _give_record(cli: AppRunner) -> None:
    with sqlite3.connect(cli.db_path) as db:
        changed = db.execute(
            "UPDATE decision SET needs_record = 1, reasons = ?, takes_effect_on = '2017-08-08' "
            "WHERE text LIKE '%agreed the next 12 week improvement plan%'",
            (REASONS,),
        ).rowcount
    assert changed == 1


def test_export_a_decision_notice_to_pdf_and_word(demo_cli: AppRunner, tmp_path: Path) -> None:
    _give_record(demo_cli)
    for fmt in ("pdf", "docx"):
        target = tmp_path / f"notice.{fmt}"
        args = ("export", "decision", "--board", BOARD, "--date", "2017-08-01", "--item", "7", "-o", str(target))
        result = demo_cli(*args)
        assert result.returncode == 0, describe(result)
        assert f"Wrote the decision notice to {target}" in result.stdout
    pdf = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "notice.pdf")).pages).split())
    assert "12 Week Improvement Plan" in pdf and REASONS in pdf
    assert "takes effect on 8 August 2017" in pdf
    assert REASONS in [p.text for p in docx.Document(str(tmp_path / "notice.docx")).paragraphs]


def test_an_item_without_a_record_or_a_wrong_format_is_refused(demo_cli: AppRunner, tmp_path: Path) -> None:
    base = ("export", "decision", "--board", BOARD, "--date", "2017-08-01")
    result = demo_cli(*base, "--item", "3", "-o", str(tmp_path / "n.pdf"))
    assert result.returncode == 1 and "has no decision with a decision record" in result.stderr, describe(result)
    result = demo_cli(*base, "--item", "7", "-o", str(tmp_path / "n.html"))
    assert result.returncode == 1 and "docx or pdf" in result.stderr, describe(result)
    result = demo_cli("export", "minutes", "--board", BOARD, "--date", "2017-08-01", "--item", "7",
                      "-o", str(tmp_path / "m.pdf"))  # fmt: skip
    assert result.returncode == 1 and "--item applies to `export decision`" in result.stderr, describe(result)
    assert not list(tmp_path.glob("n.*")) and not (tmp_path / "m.pdf").exists()
