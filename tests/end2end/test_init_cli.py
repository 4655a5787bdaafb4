"""`boardapp init` and a new home: an empty database, never the demo unless asked for, in a file of its own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.e2e import AppRunner, describe


def board_count(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM board").fetchone()[0])
    finally:
        connection.close()


def test_init_creates_an_empty_database_and_refuses_a_second_time(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("init")
    assert result.returncode == 0, describe(result)
    assert str(boardapp_cli.db_path) in result.stdout
    assert board_count(boardapp_cli.db_path) == 0

    result = boardapp_cli("check")
    assert result.returncode == 0 and "BoardApp database" in result.stdout, describe(result)

    before = boardapp_cli.db_path.read_bytes()
    again = boardapp_cli("init")
    assert again.returncode == 1, describe(again)
    assert "already a BoardApp database (no boards yet); nothing was changed" in again.stderr, describe(again)
    assert "Traceback" not in again.stderr
    assert boardapp_cli.db_path.read_bytes() == before


def test_init_refuses_a_file_with_boards_and_a_file_that_is_not_ours(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    assert boardapp_cli("demo").returncode == 0
    boards = board_count(boardapp_cli.db_path)
    result = boardapp_cli("init")
    assert result.returncode == 1 and f"({boards} board(s))" in result.stderr, describe(result)
    assert board_count(boardapp_cli.db_path) == boards

    notes = tmp_path / "notes.sqlite"
    notes.write_text("Minutes typed in a text editor.\n" * 40, encoding="utf-8")
    result = boardapp_cli("--db", str(notes), "init")
    assert result.returncode == 1 and "not a BoardApp database" in result.stderr, describe(result)
    assert notes.read_text(encoding="utf-8").startswith("Minutes typed")


def test_demo_loads_into_a_fresh_file_only(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    fresh = tmp_path / "try-out.sqlite"
    result = boardapp_cli("--db", str(fresh), "demo")
    assert result.returncode == 0, describe(result)
    assert board_count(fresh) >= 1
    assert not boardapp_cli.db_path.exists()  # the home's own database was not touched

    again = boardapp_cli("--db", str(fresh), "demo")
    assert again.returncode == 1 and "already holds boards" in again.stderr, describe(again)


def test_commands_work_on_an_empty_database(boardapp_cli: AppRunner, tmp_path: Path) -> None:
    assert boardapp_cli("init").returncode == 0
    for args in (["actions"], ["export", "actions", "-o", str(tmp_path / "log.xlsx")], ["backup"], ["check"]):
        result = boardapp_cli(*args)
        assert result.returncode == 0, describe(result)
        assert "Traceback" not in result.stderr, describe(result)
    result = boardapp_cli("search", "heat maps")
    assert "Nothing found" in result.stdout and "Traceback" not in result.stderr, describe(result)


def test_smoke_on_a_new_home_opens_an_empty_database(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("--smoke")
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    assert board_count(boardapp_cli.db_path) == 0  # the demo is never loaded into the user's database
    assert not (boardapp_cli.home / "demo.sqlite").exists()
