"""Issue 15 on the command line: `board edit --word-template FILE|--no-word-template`, and Word
exports that then take the board's house styles without `--template`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx

from boardapp.exporting.backends.word_styles import ITEM_HEADING
from tests.helpers.e2e import AppRunner, describe
from tests.helpers.word_templates import HOUSE_FONT, make_house_template, styles_xml

BOARD = "Lancashire Children's Services Improvement Board"


def export_minutes(cli: AppRunner, target: Path) -> subprocess.CompletedProcess[str]:
    return cli("export", "minutes", "--board", "ib", "--date", "2017-08-01", "-o", str(target))


def test_set_use_lose_and_reset_the_boards_house_template(demo_cli: AppRunner, tmp_path: Path) -> None:
    house = make_house_template(tmp_path / "house.docx", drop=("Resolved Label",))
    result = demo_cli("board", "edit", "ib", "--word-template", "house.docx")  # relative to where it is run
    assert result.returncode == 0, describe(result)
    assert f"Word template: {house}" in result.stdout
    assert "The Word template house.docx has no style named “Resolved Label”" in result.stdout
    assert f"Word template: {house}" in demo_cli("board", "show", "ib").stdout

    target = tmp_path / "minutes.docx"
    result = export_minutes(demo_cli, target)
    assert result.returncode == 0, describe(result)
    assert f'w:ascii="{HOUSE_FONT}"' in styles_xml(target)
    assert docx.Document(str(target)).styles[ITEM_HEADING].font.name == HOUSE_FONT
    assert "no style named 'Resolved Label'" in result.stderr  # BoardApp's own was added, and it says so

    house.unlink()
    assert "MISSING" in demo_cli("board", "show", "ib").stdout
    target.write_bytes(b"the earlier export")
    result = export_minutes(demo_cli, target)
    assert result.returncode == 1
    assert f"The board's Word house template {house} is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_bytes() == b"the earlier export"

    result = demo_cli("board", "edit", "ib", "--no-word-template")
    assert result.returncode == 0, describe(result)
    assert "Word template: BoardApp's own" in result.stdout
    result = export_minutes(demo_cli, target)
    assert result.returncode == 0, describe(result)
    assert HOUSE_FONT not in styles_xml(target)


def test_an_unusable_template_is_refused_and_nothing_changes(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("board", "edit", "ib", "--word-template", str(tmp_path / "nowhere.docx"))
    assert result.returncode == 1
    assert f"The Word template {tmp_path / 'nowhere.docx'} does not exist" in result.stderr
    assert "Nothing was changed." in result.stderr
    (tmp_path / "notes.docx").write_text("plain notes")
    result = demo_cli("board", "edit", "ib", "--word-template", str(tmp_path / "notes.docx"))
    assert result.returncode == 1 and "could not be read as a Word document" in result.stderr
    assert "Word template: BoardApp's own" in demo_cli("board", "show", "ib").stdout
    both = demo_cli("board", "edit", "ib", "--word-template", "x.docx", "--no-word-template")
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
