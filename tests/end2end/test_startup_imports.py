"""A real start of the desktop app (issue 13 point 5: within 0.7 s on the reference database) loads nothing
the first window does not need, and still takes the day's backup once the window is shown (issue 11).

The app runs in a child process (`boardapp.cli.main([... "--smoke"])`), which then reports what it had
imported: the writers of Word, PDF and spreadsheets, the importers and the command modules must wait until
they are used. Speed itself is measured by benchmarks/run.py and benchmarks/startup_profile.py, not here.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from boardapp.store.backups import list_backups
from tests.helpers.e2e import AppRunner, describe

LOADED_AFTER_START = """
import json, sys
from boardapp.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
HEAVY_LIBRARIES = ("reportlab", "openpyxl", "docx", "pikepdf", "pypdf", "lxml", "PIL", "cryptography", "psycopg")
NOT_FOR_THE_FIRST_WINDOW = (
    "boardapp.exporting.meetings",  # the agenda and minutes builders: File ▸ Export loads them
    "boardapp.exporting.action_log",
    "boardapp.exporting.pack",
    "boardapp.exporting.plan_report",
    "boardapp.exporting.evidence_pack",
    "boardapp.importing",
    "boardapp.commands",
)


@pytest.fixture
def started(tmp_path: Path) -> AppRunner:
    return AppRunner([sys.executable, "-c", LOADED_AFTER_START], tmp_path)


def modules_after_a_start(runner: AppRunner) -> list[str]:
    result = runner("--smoke")
    assert result.returncode == 0, describe(result)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, describe(result)
    modules: list[str] = report["modules"]
    assert "boardapp.gui.main_window" in modules  # the window really was built
    return modules


def too_early(modules: list[str]) -> list[str]:
    return [
        name
        for name in modules
        if name.split(".")[0] in HEAVY_LIBRARIES
        or any(name == prefix or name.startswith(f"{prefix}.") for prefix in NOT_FOR_THE_FIRST_WINDOW)
    ]


def test_a_start_on_an_empty_home_loads_no_exporter_importer_or_command(started: AppRunner) -> None:
    assert too_early(modules_after_a_start(started)) == []
    assert started.db_path.is_file()


def test_a_start_on_the_demo_loads_no_exporter_and_takes_the_days_backup_after_the_window(
    demo_cli: AppRunner, started: AppRunner
) -> None:
    assert started.db_path == demo_cli.db_path  # the same temporary home: the demo database is there
    for backup in started.home.joinpath("backups").glob("*.sqlite"):
        backup.unlink()  # as if the last backup were from another day
    result = started("--smoke")
    assert result.returncode == 0, describe(result)
    assert too_early(json.loads(result.stdout.strip().splitlines()[-1])["modules"]) == []
    idle = [line for line in result.stderr.splitlines() if "smoke: main window idle at" in line]
    assert len(idle) == 1, describe(result)
    shown_at = datetime.fromtimestamp(float(idle[0].rsplit(" ", 1)[1]))
    backups = list_backups(started.db_path, started.home / "backups")
    assert [b.reason for b in backups] == ["daily"], describe(result)
    assert backups[0].taken_at >= shown_at  # taken once the window was shown, not during start-up
