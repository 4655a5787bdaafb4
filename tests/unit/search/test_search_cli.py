"""`boardapp search`: grouped results, confidential marks, and its exit statuses (0 found, 1 none, 2 bad)."""

from __future__ import annotations

import pytest

from boardapp.cli import main
from boardapp.home import AppHome
from tests.helpers.search_world import World


def run(home: AppHome, *args: str) -> int:
    server = ["--db", home.server_url] if home.server_url else []  # the same command on PostgreSQL
    return main(["--basedir", str(home.basedir), *server, "search", *args])


def test_found_results_are_printed_by_kind(home: AppHome, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "zebra") == 0
    out = capsys.readouterr().out
    assert "results for 'zebra'" in out
    assert out.index("\nMinutes (4)") < out.index("\nDecisions (1)") < out.index("\nActions (1)")
    assert "Zebra crossings — Improvement Board · 01 Aug 2017 · Item 1" in out
    assert "«zebra»" in out.casefold()
    assert "CONFIDENTIAL" not in out


def test_confidential_results_are_marked(home: AppHome, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "kingfisher") == 0
    lines = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("  ") and not line.startswith("   ")
    ]
    assert len(lines) == 2
    assert all(line.endswith("[CONFIDENTIAL – Part II]") for line in lines)


def test_filters(home: AppHome, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "zebra", "--board", "mash") == 0  # short name, any case
    assert "MASH front door" in capsys.readouterr().out
    assert run(home, "zebra", "--board", "MASH Board", "--from", "2017-08-01") == 1
    assert "Nothing found for 'zebra' with these filters." in capsys.readouterr().out
    assert run(home, "zebra", "--from", "2017-08-01", "--to", "2017-08-01", "--limit", "1") == 0
    out = capsys.readouterr().out
    assert "Minutes (1 of 3)" in out and "MASH" not in out


def test_nothing_found(home: AppHome, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "albatross") == 1
    assert capsys.readouterr().out.strip() == "Nothing found for 'albatross'."
    assert run(home, '"') == 1  # odd input is just not found


def test_an_unknown_board_lists_the_boards(home: AppHome, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "zebra", "--board", "Parks Board") == 2
    err = capsys.readouterr().err
    assert "no board is called 'Parks Board'" in err
    assert "  Improvement Board (IB)\n" in err and "  MASH Board (MASH)" in err


@pytest.mark.parametrize(
    "args",
    [
        ["zebra", "--from", "2017-13-01"],
        ["zebra", "--to", "yesterday"],
        ["zebra", "--limit", "0"],
        ["--board"],
        [],
    ],
)
def test_bad_arguments_exit_2(home: AppHome, world: World, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        run(home, *args)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_bad_values_exit_2(home: AppHome, world: World, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(home, "zebra", "--from", "2018-01-01", "--to", "2017-01-01") == 2
    assert "is after --to" in capsys.readouterr().err
    assert run(home, "   ") == 2
    assert "give some words" in capsys.readouterr().err


def test_no_database_yet(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    home = AppHome.from_options(basedir=tmp_path / "empty")
    assert run(home, "zebra") == 2
    assert "no BoardApp database" in capsys.readouterr().err
    assert not home.db_path.exists()
