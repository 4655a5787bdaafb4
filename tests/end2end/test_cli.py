"""The real `boardapp` command, run as a user would, on a temporary home."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import boardapp
from boardapp.store import migrations
from tests.helpers.e2e import AppRunner, describe


def test_version(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("--version", basedir=False)
    assert result.returncode == 0, describe(result)
    assert result.stdout.strip() == f"BoardApp {boardapp.__version__}"


def test_check_on_a_fresh_home_says_there_is_no_database_yet(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("check")
    assert result.returncode == 0, describe(result)
    assert "no BoardApp database yet" in result.stdout
    assert not boardapp_cli.db_path.exists(), "check must not create the database"


def test_headless_first_open_creates_the_database_at_the_latest_schema(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("backup")
    assert result.returncode == 0, describe(result)
    assert boardapp_cli.db_path.is_file()

    result = boardapp_cli("check")
    assert result.returncode == 0, describe(result)
    assert "BoardApp database" in result.stdout
    assert migrations.head_revision() in result.stdout


def test_smoke_on_a_fresh_home_creates_the_database(boardapp_cli: AppRunner) -> None:
    result = boardapp_cli("--smoke")
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    assert boardapp_cli.db_path.is_file(), f"no {boardapp_cli.db_path} after the first run"

    result = boardapp_cli("check")
    assert result.returncode == 0, describe(result)
    assert "BoardApp database" in result.stdout
    assert migrations.head_revision() in result.stdout


def _text_file(path: Path) -> None:
    path.write_text("Minutes of the Board, typed in a text editor.\n" * 50, encoding="utf-8")


def _foreign_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT, oven_temperature INTEGER)")
    connection.execute("INSERT INTO recipes VALUES ('scones', 220)")
    connection.commit()
    connection.close()


def _damaged_database(path: Path) -> None:
    _foreign_database(path)
    data = bytearray(path.read_bytes())
    data[100:] = b"\xde\xad\xbe\xef" * ((len(data) - 100) // 4)  # keep the header, ruin the pages
    path.write_bytes(bytes(data))


BAD_FILES = {"text": _text_file, "foreign-sqlite": _foreign_database, "damaged-sqlite": _damaged_database}


@pytest.mark.parametrize("mode", [["check"], ["--smoke"]], ids=["check", "smoke"])
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_file_that_is_not_a_boardapp_database_is_refused_and_left_unchanged(
    boardapp_cli: AppRunner, tmp_path: Path, kind: str, mode: list[str]
) -> None:
    bad = tmp_path / "clerks-notes.sqlite"
    BAD_FILES[kind](bad)
    before = bad.read_bytes()
    neighbours = sorted(p.name for p in tmp_path.iterdir())

    result = boardapp_cli("--db", str(bad), *mode)

    assert result.returncode != 0, describe(result)
    assert bad.name in result.stdout + result.stderr, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    assert bad.read_bytes() == before, "the file was changed"
    created = set(p.name for p in tmp_path.iterdir()) - set(neighbours)
    assert not {name for name in created if name.startswith(bad.name)}, f"files created beside it: {created}"
