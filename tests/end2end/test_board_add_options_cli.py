"""`board add` takes --publication-days and --word-template, as `board edit` does (issue 15)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.e2e import AppRunner, describe
from tests.helpers.word_templates import make_house_template


def test_board_add_with_publication_days_and_a_house_template(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    house = make_house_template(tmp_path / "house.docx")
    options = ("--short-name", "AC", "--publication-days", "3", "--word-template", str(house))
    result = boardapp_cli("board", "add", "Audit Committee", *options)
    assert result.returncode == 0, describe(result)
    shown = boardapp_cli("board", "show", "AC")
    assert "the agenda 3 clear working days before the meeting" in shown.stdout, describe(shown)
    assert str(house) in shown.stdout


def test_board_add_refuses_a_bad_template_and_creates_nothing(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    result = boardapp_cli("board", "add", "Audit Committee", "--word-template", str(tmp_path / "missing.docx"))
    assert result.returncode != 0
    assert "Nothing was changed" in result.stderr, describe(result)
    listed = boardapp_cli("board", "list")
    assert "Audit Committee" not in listed.stdout
