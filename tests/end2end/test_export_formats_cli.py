"""Issue 15 points 4 and 5 on the command line: `--format html` (and from the .html name), and
`--template FILE.docx` for Word exports in a secretariat's house style."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.e2e import AppRunner, describe

BOARD = "Lancashire Children's Services Improvement Board"


@pytest.fixture
def demo_cli(boardapp_cli: AppRunner) -> AppRunner:
    result = boardapp_cli("demo")
    assert result.returncode == 0, describe(result)
    return boardapp_cli


def test_export_public_minutes_and_agenda_as_html(demo_cli: AppRunner, tmp_path: Path) -> None:
    minutes = tmp_path / "minutes.html"
    result = demo_cli(
        "export", "minutes", "--board", BOARD, "--date", "2017-08-01", "--format", "html", "-o", str(minutes)
    )
    assert result.returncode == 0, describe(result)
    assert f"Wrote the full minutes to {minutes}" in result.stdout  # no Part II business on 1 August 2017
    page = minutes.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    assert '<h2 class="item-heading">1. Welcome and Introductions</h2>' in page
    agenda = tmp_path / "agenda.html"  # the format from the file name
    result = demo_cli("export", "agenda", "--board", "ib", "--date", "2017-09-12", "--public", "-o", str(agenda))
    assert result.returncode == 0, describe(result)
    text = agenda.read_text(encoding="utf-8")
    assert "<script" not in text and "Examplename" not in text and "PART II" not in text
    assert "Minutes and actions from the last meeting" in text


def test_html_format_must_match_the_file_name(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli(
        "export", "minutes", "--board", BOARD, "--date", "2017-08-01", "--format", "html", "-o", str(tmp_path / "m.pdf")
    )
    assert result.returncode == 1
    assert "--format html does not match the output file 'm.pdf'" in result.stderr
    assert not (tmp_path / "m.pdf").exists()


def test_word_export_with_a_house_template(demo_cli: AppRunner, tmp_path: Path) -> None:
    import docx
    from docx.shared import Pt

    from boardapp.exporting.backends.word_styles import ITEM_HEADING, default_template

    house = tmp_path / "house.docx"
    word = docx.Document(str(default_template()))
    word.styles[ITEM_HEADING].font.name = "Georgia"
    word.styles[ITEM_HEADING].font.size = Pt(15)
    word.save(str(house))
    target = tmp_path / "m.docx"
    args = ("export", "minutes", "--board", BOARD, "--date", "2017-08-01", "-o", str(target), "--template", str(house))
    result = demo_cli(*args)
    assert result.returncode == 0, describe(result)
    exported = docx.Document(str(target))
    assert exported.styles[ITEM_HEADING].font.name == "Georgia"
    headings = [p.text for p in exported.paragraphs if p.style.name == ITEM_HEADING]
    assert headings[0] == "1. Welcome and Introductions"

    result = demo_cli(*args[:-3], str(tmp_path / "m.pdf"), "--template", str(house))
    assert result.returncode == 1
    assert "--template applies to Word (docx) exports, not to pdf." in result.stderr
    result = demo_cli(*args[:-1], str(tmp_path / "nowhere.docx"))
    assert result.returncode == 1 and "does not exist" in result.stderr
