"""Issue 15 point 5 on the command line: `export actions` as Word takes its styles from --template,
else from the board's house template for one --board, else from BoardApp's own (all boards); a
board template gone missing stops it with the minutes' message, and the earlier file stays."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx

from tests.helpers.e2e import AppRunner, describe
from tests.helpers.word_templates import HOUSE_FONT, make_house_template, styles_xml

AS_AT = "2017-10-20"


def export_actions(cli: AppRunner, target: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli("export", "actions", "--format", "docx", "--as-at", AS_AT, *args, "-o", str(target))


def test_template_option_dresses_the_word_log(demo_cli: AppRunner, tmp_path: Path) -> None:
    given = make_house_template(tmp_path / "given.docx", font="Garamond")
    target = tmp_path / "owners.docx"
    result = export_actions(demo_cli, target, "--template", str(given))  # all boards, but asked for
    assert result.returncode == 0, describe(result)
    assert "actions by owner" in result.stdout and "Word template" not in result.stderr
    word = docx.Document(str(target))
    assert word.styles["Normal"].font.name == "Garamond"
    assert "Amanda Hatton" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]

    result = demo_cli("export", "actions", "--template", str(given), "-o", str(tmp_path / "log.xlsx"))
    assert result.returncode == 1
    assert "--template applies to Word (docx) exports, not to xlsx." in result.stderr
    assert not (tmp_path / "log.xlsx").exists()


def test_one_board_uses_its_house_template_and_all_boards_boardapps_own(demo_cli: AppRunner, tmp_path: Path) -> None:
    house = make_house_template(tmp_path / "house.docx")
    result = demo_cli("board", "edit", "ib", "--word-template", str(house))
    assert result.returncode == 0, describe(result)

    board_log, all_log = tmp_path / "board.docx", tmp_path / "all.docx"
    result = export_actions(demo_cli, board_log, "--board", "ib")
    assert result.returncode == 0, describe(result)
    assert f'w:ascii="{HOUSE_FONT}"' in styles_xml(board_log)
    result = export_actions(demo_cli, all_log)
    assert result.returncode == 0, describe(result)
    assert HOUSE_FONT not in styles_xml(all_log)

    house.unlink()
    board_log.write_bytes(b"the earlier export")
    result = export_actions(demo_cli, board_log, "--board", "ib")
    assert result.returncode == 1
    assert f"The board's Word house template {house} is missing" in result.stderr
    assert "Traceback" not in result.stderr
    assert board_log.read_bytes() == b"the earlier export"
    result = export_actions(demo_cli, all_log)  # the log of all boards does not need it
    assert result.returncode == 0, describe(result)


def test_help_says_which_template(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("export", "--help")
    assert result.returncode == 0, describe(result)
    assert "else from BoardApp's own (the log of all boards)" in " ".join(result.stdout.split())
