"""`boardapp import minutes` as a clerk runs it: the real command as a subprocess, on a temporary home."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from boardapp.core.models import Action, Attendance, Meeting, Person
from boardapp.home import AppHome
from boardapp.services import boards
from boardapp.store.database import open_store
from tests.fixtures.minutes import build
from tests.helpers.e2e import AppRunner, describe

TABLES = (Meeting, Attendance, Action, Person)


@pytest.fixture
def board_cli(boardapp_cli: AppRunner) -> AppRunner:
    """The command, on a home whose database holds one empty board (no people, no meetings)."""
    store = open_store(AppHome.from_options(basedir=boardapp_cli.home))
    with store.transaction() as session:
        boards.create_board(session, build.BOARD, short_name="IB")
    store.close()
    return boardapp_cli


@pytest.fixture
def minutes(tmp_path: Path) -> list[Path]:
    return [
        build.august_docx(tmp_path / "IB minutes 2017-08-01.docx"),
        build.september_docx(tmp_path / "IB minutes 2017-09-12.docx"),
        build.october_pdf(tmp_path / "IB minutes 2017-10-10.pdf"),
    ]


def _counts(runner: AppRunner) -> dict[str, int]:
    store = open_store(AppHome.from_options(basedir=runner.home))
    try:
        with store.session() as session:
            return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}
    finally:
        store.close()


def test_a_dry_run_previews_every_file_and_writes_nothing(board_cli: AppRunner, minutes: list[Path]) -> None:
    result = board_cli("import", "minutes", *map(str, minutes), "--board", "IB", "--dry-run")

    assert result.returncode == 0, describe(result)
    out = result.stdout
    assert f"“{build.BOARD}”: 3 file(s): 3 to import, 0 already held (skipped), 0 cannot be imported." in out
    assert (
        "IB minutes 2017-08-01.docx: meeting of Tuesday 1 August 2017 at 14:30, Committee Room 'B' (The Diamond "
        "Jubilee Room) - County Hall, Preston — will be imported: 15 present, 1 apologies, 0 in attendance, 8 items, "
        "2 decisions, 12 actions" in out
    )
    assert "IB minutes 2017-10-10.pdf: meeting of Tuesday 10 October 2017 at 10:00" in out
    assert "  new roles (1): Board Members" in out
    assert "Dry run: nothing was written." in out
    assert _counts(board_cli) == {"Meeting": 0, "Attendance": 0, "Action": 0, "Person": 0}


def test_minutes_are_imported_once_and_recognised_after(board_cli: AppRunner, minutes: list[Path]) -> None:
    result = board_cli("import", "minutes", *map(str, minutes), "--board", build.BOARD)

    assert result.returncode == 0, describe(result)
    assert (
        f"Imported 3 meeting(s) onto “{build.BOARD}”" in result.stdout
        and "1 August 2017 (IB minutes 2017-08-01.docx); 12 September 2017 (IB minutes 2017-09-12.docx); "
        "10 October 2017 (IB minutes 2017-10-10.pdf)." in result.stdout
    )
    counts = _counts(board_cli)
    assert (counts["Meeting"], counts["Attendance"], counts["Action"]) == (3, 16 + 11 + 7, 12 + 4 + 3)
    assert list((board_cli.home / "backups").glob("*.sqlite")), "a backup is taken before writing"

    again = board_cli("import", "minutes", *map(str, minutes), "--board", build.BOARD)

    assert again.returncode == 0, describe(again)
    assert again.stdout.count("already held — will be skipped") == 3
    assert "Nothing to import: nothing was written." in again.stdout
    assert _counts(board_cli) == counts


def test_a_bad_file_is_reported_and_the_others_imported(
    board_cli: AppRunner, minutes: list[Path], tmp_path: Path
) -> None:
    locked = build.encrypted_pdf(tmp_path / "locked.pdf")

    result = board_cli("import", "minutes", str(locked), str(minutes[2]), "--board", "IB")

    assert result.returncode == 1, describe(result)
    assert (
        "    error   locked.pdf: locked.pdf is password-protected. Open it, save a copy without the password and "
        "retry." in result.stdout
    )
    assert "Imported 1 meeting(s)" in result.stdout
    assert "1 file(s) could not be imported (listed above)." in result.stderr
    assert _counts(board_cli)["Meeting"] == 1


def test_an_unknown_board_is_a_usage_error(board_cli: AppRunner, minutes: list[Path]) -> None:
    result = board_cli("import", "minutes", str(minutes[0]), "--board", "Scrutiny")

    assert result.returncode == 2, describe(result)
    assert f"No board is called “Scrutiny” ({build.BOARD})." in result.stderr
    assert _counts(board_cli)["Meeting"] == 0
