"""`boardapp import actions` as a clerk runs it: the real command as a subprocess, on a temporary home
holding the sample board, with clean and messy action logs built by the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from boardapp.core.models import Action, ActionOwner, ActionUpdate, Person, Role
from boardapp.home import AppHome
from boardapp.store.database import open_store
from tests.fixtures.actions import build
from tests.helpers.builders import BOARD_NAME, build_sample
from tests.helpers.e2e import AppRunner, describe

TABLES = (Action, ActionOwner, ActionUpdate, Person, Role)


@pytest.fixture
def sample_cli(boardapp_cli: AppRunner) -> AppRunner:
    """The command, on a home whose database holds the sample board."""
    store = open_store(AppHome.from_options(basedir=boardapp_cli.home))
    with store.transaction() as session:
        build_sample(session)
    store.close()
    return boardapp_cli


def _counts(runner: AppRunner) -> dict[str, int]:
    store = open_store(AppHome.from_options(basedir=runner.home))
    try:
        with store.session() as session:
            return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}
    finally:
        store.close()


def test_a_clean_log_is_imported_and_reported(sample_cli: AppRunner, tmp_path: Path) -> None:
    log = build.clean_log(tmp_path / "Board Action Log.xlsx")
    before = _counts(sample_cli)

    result = sample_cli("import", "actions", str(log), "--board", BOARD_NAME)

    assert result.returncode == 0, describe(result)
    out = result.stdout
    assert f"Action log Board Action Log.xlsx for “{BOARD_NAME}”: 7 actions (3 open, 1 in progress" in out
    assert "Not action sheets (left out): Sheet 'Lists'" in out
    assert "new people (1): Jane Booth; new roles (1): Heads of Service" in out
    assert "Problems: 0 error(s), 0 warning(s)" in out
    assert f"Imported 7 action(s) onto “{BOARD_NAME}”" in out
    after = _counts(sample_cli)
    assert after["Action"] - before["Action"] == 7 and after["ActionUpdate"] - before["ActionUpdate"] == 4


def test_a_dry_run_previews_and_writes_nothing(sample_cli: AppRunner, tmp_path: Path) -> None:
    log = build.clean_log(tmp_path / "log.xlsx")
    before = _counts(sample_cli)

    result = sample_cli("import", "actions", str(log), "--board", "ib", "--dry-run")

    assert result.returncode == 0, describe(result)
    assert "Dry run: nothing was written." in result.stdout
    assert _counts(sample_cli) == before


def test_a_messy_log_is_refused_with_every_problem_listed(sample_cli: AppRunner, tmp_path: Path) -> None:
    log = build.messy_log(tmp_path / "messy.xlsx")
    before = _counts(sample_cli)

    result = sample_cli("import", "actions", str(log), "--board", BOARD_NAME)

    assert result.returncode == 1, describe(result)
    out = result.stdout
    assert "Problems: 6 error(s), 13 warning(s)" in out
    for line in (
        "  error   Sheet 'Actions' row 6 column F ('Status'): “Purple” is not a status BoardApp knows",
        "  error   Sheet 'Actions' row 7 column C ('Action'): holds a formula",
        "  error   Sheet 'Actions' row 13 column C ('Action'): this row has ref “M-9”",
        "  error   Sheet 'Actions' row 18 column A ('Ref'): the ref “IB-cse” is already used",
        "  warning Sheet 'Actions' row 4: rows 4–5 are blank and were skipped",
        "  warning Sheet 'Actions' row 9 column G ('Update'): very long cell (50,000 characters)",
        "  warning Sheet 'Actions' row 16 column F ('Status'): “Green” is a RAG colour",
    ):
        assert line in out, out
    assert out.index("  error ") < out.index("  warning "), "errors first"
    assert "messy.xlsx cannot be imported: 6 error(s) listed above must be fixed first. Nothing was written." in (
        result.stderr
    )
    assert _counts(sample_cli) == before


def test_wrong_headers_need_a_map(sample_cli: AppRunner, tmp_path: Path) -> None:
    log = build.wrong_headers_log(tmp_path / "tracker.xlsx")

    refused = sample_cli("import", "actions", str(log), "--board", BOARD_NAME)
    mapped = sample_cli(
        "import", "actions", str(log), "--board", BOARD_NAME, "--map", "What=action", "--map", "Latest position=update"
    )

    assert refused.returncode == 1, describe(refused)
    assert "no sheet has a column of actions" in refused.stdout and "--map 'HEADER=action'" in refused.stdout
    assert mapped.returncode == 0, describe(mapped)
    assert "'What' → Action, as you mapped it" in mapped.stdout
    assert "Imported 2 action(s)" in mapped.stdout


def test_importing_the_same_log_twice_is_refused(sample_cli: AppRunner, tmp_path: Path) -> None:
    log = build.clean_log(tmp_path / "log.xlsx")
    first = sample_cli("import", "actions", str(log), "--board", BOARD_NAME)
    assert first.returncode == 0, describe(first)

    second = sample_cli("import", "actions", str(log), "--board", BOARD_NAME)

    assert second.returncode == 1, describe(second)
    assert "Problems: 7 error(s)" in second.stdout
    assert "was this log imported before?" in second.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--board", "Corporate Parenting Board"], f"No board is called “Corporate Parenting Board” ({BOARD_NAME}, "),
        (["--board", BOARD_NAME, "--map", "Status=colour"], "there is no field “colour”"),
        (["--board", BOARD_NAME, "--map", "Status"], "write it as HEADER=field"),
        ([], "the following arguments are required: --board"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(sample_cli: AppRunner, tmp_path: Path, args: list[str], says: str) -> None:
    log = build.clean_log(tmp_path / "log.xlsx")

    result = sample_cli("import", "actions", str(log), *args)

    assert result.returncode == 2, describe(result)
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_excel_exits_1(sample_cli: AppRunner, tmp_path: Path) -> None:
    notes = tmp_path / "actions.xlsx"
    notes.write_text("Ref,Action\n1,Do it\n", encoding="utf-8")

    result = sample_cli("import", "actions", str(notes), "--board", BOARD_NAME)

    assert result.returncode == 1, describe(result)
    assert "actions.xlsx is not a Word (.docx) or Excel (.xlsx) file" in result.stderr
    assert "Nothing was imported." in result.stderr and "Traceback" not in result.stderr
