"""benchmarks/generate_reference.py: a small reference database that the app opens as its own."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from types import ModuleType

import pytest
from sqlmodel import func, select

from boardapp.core.enums import ActionStatus, MeetingStatus
from boardapp.core.models import Action, ActionUpdate, Meeting, PlanItem, PlanStatusChange
from boardapp.services.search import search
from boardapp.store.database import open_database
from boardapp.store.fts import IndexedKind

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "generate_reference.py"
SCALE = 0.02


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_reference", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_generator()


@pytest.fixture(scope="module")
def reference(generator: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("reference") / "reference.sqlite"
    report = generator.generate(out, scale=SCALE)
    return out, report


def about(actual: int, full_scale: int, tolerance: float = 0.25) -> bool:
    expected = full_scale * SCALE
    return (1 - tolerance) * expected <= actual <= (1 + tolerance) * expected


def test_counts_are_in_proportion(reference: tuple[Path, object]) -> None:
    _, report = reference
    counts = report.counts  # type: ignore[attr-defined]
    assert counts["meeting"] == 24
    assert counts["agendaitem"] == 240
    assert about(counts["action"], 30_000)
    assert about(counts["minute"], 12_000)
    assert counts["actionupdate"] > counts["action"]
    assert counts["actionowner"] >= counts["action"]
    plan_actions = counts["planitem"] - counts["plan"] * (5 + 5 * 4)  # key areas and objectives
    assert about(plan_actions, 4_000)
    assert counts["planitemlead"] >= plan_actions and counts["planstatuschange"] >= plan_actions
    assert counts["recommendation"] > 0 and counts["kpivalue"] > counts["kpi"] > 0
    assert report.minute_text_bytes >= 5_000_000 * SCALE  # type: ignore[attr-defined]


def test_the_app_opens_it_without_a_migration_and_reads_every_row(reference: tuple[Path, object]) -> None:
    path, _ = reference
    backups = path.parent / "backups"
    store = open_database(path, backups)
    try:
        # nothing to upgrade, so no upgrade backup (the first open of a day takes a "daily" one: issue 11)
        assert not backups.exists() or not any("before-upgrade" in p.name for p in backups.iterdir())
        with store.session() as session:
            meetings = session.exec(select(Meeting)).all()
            assert {m.status for m in meetings} == {MeetingStatus.LOCKED, MeetingStatus.HELD, MeetingStatus.SCHEDULED}
            assert all(m.updated_at.tzinfo is not None for m in meetings)
            actions = session.exec(select(Action)).all()
            assert ActionStatus.CLOSED in {a.status for a in actions} and ActionStatus.OPEN in {
                a.status for a in actions
            }
            assert len(session.exec(select(PlanItem)).all()) > 0
            assert session.exec(select(func.count()).select_from(ActionUpdate)).one() > 0
            assert session.exec(select(func.count()).select_from(PlanStatusChange)).one() > 0
    finally:
        store.close()


def test_the_file_is_sound(reference: tuple[Path, object]) -> None:
    path, _ = reference
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = connection.execute("SELECT status, updated_at FROM meeting LIMIT 1").fetchone()
    assert stored[0] in MeetingStatus.__members__  # enums by NAME, as the ORM writes them
    assert len(stored[1]) == len("2015-01-06 17:00:00.000000")  # UTC, as SQLModel's UTCDateTime writes it


def test_the_generated_text_is_searchable(reference: tuple[Path, object]) -> None:
    path, _ = reference
    store = open_database(path, path.parent / "backups")
    try:
        with store.session() as session:
            found = search(session, "permanence")
            assert {IndexedKind.MINUTE, IndexedKind.PLAN_ITEM, IndexedKind.RECOMMENDATION} <= {
                group.kind for group in found.groups
            }
            assert search(session, '"heat maps"').total > 0
            assert search(session, "MASH", board_id=1).total > 0
    finally:
        store.close()


def test_same_seed_same_data(generator: ModuleType) -> None:
    first, second = generator.build(0.01, seed=5), generator.build(0.01, seed=5)
    assert {t.name: rows for t, rows in first.rows.items()} == {t.name: rows for t, rows in second.rows.items()}


def test_the_command_line(generator: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ref.sqlite"
    assert generator.main([str(out), "--scale", "0.005"]) == 0
    printed = capsys.readouterr().out
    assert "meeting" in printed and f"Wrote {out}" in printed and " MB in " in printed
    assert generator.main([str(out), "--scale", "0.005"]) == 2  # refuses to overwrite
    assert "--force" in capsys.readouterr().err
    assert generator.main([str(out), "--scale", "0.005", "--force"]) == 0
