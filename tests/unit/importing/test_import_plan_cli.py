"""`boardapp import plan` as a user runs it: a subprocess on a temporary home."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from boardapp.core.models import Person, Plan, PlanItem, Role
from boardapp.home import AppHome
from boardapp.store.database import Store
from tests.fixtures.plans import build

BOARD = "Lancashire Children's Services Improvement Board"


def _run(home: AppHome, *args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update({"QT_QPA_PLATFORM": "offscreen", "HOME": str(cwd / "user"), "PYTHONDONTWRITEBYTECODE": "1"})
    return subprocess.run(
        [sys.executable, "-m", "boardapp", "--basedir", str(home.basedir), "import", "plan", *map(str, args)],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _describe(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


def _counts(store: Store) -> tuple[int, ...]:
    with store.session() as session:
        return tuple(session.exec(select(func.count()).select_from(t)).one() for t in (Plan, PlanItem, Person, Role))


@pytest.fixture
def demo_home(home: AppHome, demo_store: Store) -> AppHome:
    return home


def test_a_plan_is_imported_and_reported(
    demo_home: AppHome, demo_store: Store, plan_files: dict[str, Path], tmp_path: Path
) -> None:
    result = _run(
        demo_home,
        plan_files["002.docx"],
        "--name",
        "Development plan (from Word)",
        "--board",
        BOARD,
        "--source",
        "Ofsted inspection",
        cwd=tmp_path,
    )

    assert result.returncode == 0, _describe(result)
    out = result.stdout
    assert "Plan “Development plan (from Word)” from development.docx: 5 key areas, 20 objectives, 109 actions" in out
    assert "column 1 (no header) → Ref, recognised from its values" in out
    assert "'Ofsted Ref' → Recommendation refs" in out
    assert "Problems: 0 error(s), 1 warning(s)" in out
    assert "Imported as plan" in out
    with demo_store.session() as session:
        plan = session.exec(select(Plan).where(Plan.name == "Development plan (from Word)")).one()
        assert plan.board_id is not None
        count = session.exec(select(func.count()).select_from(PlanItem).where(PlanItem.plan_id == plan.id)).one()
        assert count == 134


def test_a_dry_run_previews_and_writes_nothing(
    demo_home: AppHome, demo_store: Store, plan_files: dict[str, Path], tmp_path: Path
) -> None:
    before = _counts(demo_store)

    result = _run(demo_home, plan_files["000.xlsx"], "--name", "Twelve weeks", "--dry-run", cwd=tmp_path)

    assert result.returncode == 0, _describe(result)
    assert "5 key areas, 14 workstreams, 74 actions" in result.stdout
    assert "Problems: 0 error(s), 4 warning(s)" in result.stdout
    assert result.stdout.rstrip().endswith("Dry run: nothing was written.")
    assert _counts(demo_store) == before


def test_a_dry_run_on_a_new_home_creates_no_database(
    home: AppHome, plan_files: dict[str, Path], tmp_path: Path
) -> None:
    result = _run(home, plan_files["000.docx"], "--name", "Twelve weeks", "--dry-run", cwd=tmp_path)

    assert result.returncode == 0, _describe(result)
    assert "every lead would be new" in result.stdout and "new people (24)" in result.stdout
    assert not home.db_path.exists()


def test_a_messy_file_exits_1_with_its_problems_and_writes_nothing(
    demo_home: AppHome, demo_store: Store, tmp_path: Path
) -> None:
    messy = build.messy_xlsx(tmp_path / "messy.xlsx")
    before = _counts(demo_store)

    result = _run(demo_home, messy, "--name", "Messy", cwd=tmp_path)

    assert result.returncode == 1, _describe(result)
    assert "Problems: 3 error(s), 7 warning(s)" in result.stdout
    assert "error   Sheet 'Messy plan' row 7 column B ('Action'): holds a formula (=A1&B1)" in result.stdout
    assert "warning Sheet 'Messy plan' row 8 column G ('Evidence of Impact'): very long cell" in result.stdout
    assert "cannot be imported: 3 error(s) listed above must be fixed first. Nothing was written." in result.stderr
    assert _counts(demo_store) == before


def test_a_corrupt_file_exits_1_with_a_message_not_a_traceback(
    demo_home: AppHome, plan_files: dict[str, Path], tmp_path: Path
) -> None:
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(plan_files["000.docx"].read_bytes()[:5000])

    result = _run(demo_home, corrupt, "--name", "Broken", cwd=tmp_path)

    assert result.returncode == 1, _describe(result)
    assert "corrupt.docx is damaged" in result.stderr and "Nothing was imported." in result.stderr
    assert "Traceback" not in result.stderr


def test_a_name_in_use_exits_1(demo_home: AppHome, plan_files: dict[str, Path], tmp_path: Path) -> None:
    result = _run(
        demo_home, plan_files["000.xlsx"], "--name", "12 Week Improvement Plan August – October 2017", cwd=tmp_path
    )

    assert result.returncode == 1, _describe(result)
    assert "error   plan name: a plan called “12 Week Improvement Plan August – October 2017” already exists" in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--name", "X", "--board", "No such board"], "No board is called “No such board”"),
        (["--name", "X", "--map", "Lead"], "write it as HEADER=field"),
        (["--name", "X", "--map", "Lead=owner"], "there is no field “owner”"),
        (["--name", "X", "--scale", "Traffic lights"], "No status scale is called “Traffic lights”"),
        (["--name", "   "], "Give the imported plan a name."),
        ([], "the following arguments are required: --name"),
    ],
)
def test_bad_arguments_exit_2(
    demo_home: AppHome, plan_files: dict[str, Path], tmp_path: Path, args: list[str], says: str
) -> None:
    result = _run(demo_home, plan_files["000.xlsx"], *args, cwd=tmp_path)

    assert result.returncode == 2, _describe(result)
    assert says in result.stderr
