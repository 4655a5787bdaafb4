"""A kill during an import: the real `boardapp import actions` dies (SIGKILL) after its backup, or with every
action written but not committed. Nothing is half-imported, the file is whole, the backup is verified, and
the same import then succeeds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from faultkit import integrity, run_victim

from boardapp.cli import main as cli_main
from boardapp.home import AppHome
from boardapp.store.backups import list_backups
from boardapp.store.database import open_store
from tests.fixtures.actions import build
from tests.helpers.builders import BOARD_NAME, build_sample


def _actions(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return int(connection.execute("SELECT count(*) FROM action").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("stage", ["import-after-backup", "import-before-commit"])
def test_a_killed_import_writes_nothing_and_can_be_run_again(
    home: AppHome, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(home)
    with store.transaction() as session:
        build_sample(session)
    store.close()
    log = build.clean_log(tmp_path / "Board Action Log.xlsx")
    before = _actions(home.db_path)
    monkeypatch.setenv("FAULT_IMPORT_FILE", str(log))
    monkeypatch.setenv("FAULT_IMPORT_BOARD", BOARD_NAME)

    run_victim(stage, home.basedir)

    assert _actions(home.db_path) == before  # all or nothing: nothing
    assert integrity(home.db_path) == "ok"
    taken = [b for b in list_backups(home.db_path, home.backups_dir) if "import" in b.reason]
    assert len(taken) == 1  # the backup taken before the write is whole and verified (it is listed)
    assert cli_main(["--basedir", str(home.basedir), "import", "actions", str(log), "--board", BOARD_NAME]) == 0
    assert _actions(home.db_path) == before + 7
    assert "Imported 7 action(s)" in capsys.readouterr().out
