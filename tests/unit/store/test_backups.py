"""Backups are verified copies kept by a rolling policy; restoring one never destroys the file it replaces."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from boardapp.core.models import Board
from boardapp.home import AppHome
from boardapp.store.backups import (
    Backup,
    backups_to_keep,
    list_backups,
    prune_backups,
    restore_backup,
    take_backup,
    verify_backup,
)
from boardapp.store.database import open_store
from boardapp.store.errors import DamagedDatabase

NOON = datetime(2026, 12, 6, 12, 0, 0)


def test_backup_holds_committed_data_and_restores(home: AppHome) -> None:
    store = open_store(home)
    with store.transaction() as session:
        session.add(Board(name="Corporate Parenting Board"))
    backup = take_backup(home.db_path, home.backups_dir, "by hand")
    with store.transaction() as session:
        session.add(Board(name="MASH Board"))
    store.close()

    replaced = restore_backup(backup, home.db_path)
    assert replaced is not None and replaced.exists()  # the newer file is kept beside it

    store = open_store(home)
    try:
        with store.session() as session:
            names = session.exec(select(Board.name)).all()
        assert names == ["Corporate Parenting Board"]
    finally:
        store.close()


def test_backups_are_listed_newest_first_with_what_they_hold(demo_store_closed: AppHome) -> None:
    home = demo_store_closed
    take_backup(home.db_path, home.backups_dir, "first", now=NOON)
    take_backup(home.db_path, home.backups_dir, "second", now=NOON + timedelta(minutes=1))
    backups = list_backups(home.db_path, home.backups_dir)
    assert [b.reason for b in backups if b.reason in ("first", "second")] == ["second", "first"]
    second = next(b for b in backups if b.reason == "second")
    assert second.meetings and second.actions and second.size > 0
    assert "6 Dec 2026 12:01:00" in second.label and f"{second.meetings} meetings" in second.label


@pytest.fixture
def demo_store_closed(demo_store: object, home: AppHome) -> AppHome:
    demo_store.close()  # type: ignore[attr-defined]
    return home


def test_a_backup_that_fails_verification_is_never_listed_nor_restored(home: AppHome) -> None:
    open_store(home).close()
    good = take_backup(home.db_path, home.backups_dir, "good", now=NOON)
    bad = take_backup(home.db_path, home.backups_dir, "bad", now=NOON + timedelta(hours=1))
    bad.write_bytes(b"")  # as a full disk used to leave it
    assert verify_backup(bad) == "the file is empty"
    assert [b.path for b in list_backups(home.db_path, home.backups_dir)] == [good]
    before = home.db_path.read_bytes()
    with pytest.raises(DamagedDatabase):
        restore_backup(bad, home.db_path)
    assert home.db_path.read_bytes() == before


def test_a_partial_backup_is_not_listed(home: AppHome) -> None:
    open_store(home).close()
    partial = home.backups_dir / "boardapp.20261206-120000-000000.daily.sqlite.partial"
    partial.write_bytes(home.db_path.read_bytes()[:4096])
    assert list_backups(home.db_path, home.backups_dir) == []


def _fake(day: datetime) -> Backup:
    return Backup(Path(f"b{day:%Y%m%d%H%M}"), day, "daily")


def test_the_rolling_policy_keeps_days_weeks_months_and_everything_recent() -> None:
    now = datetime(2026, 12, 6, 12, 0)
    hourly_today = [now - timedelta(hours=h) for h in range(0, 20)]
    daily_for_two_years = [now - timedelta(days=d, hours=1) for d in range(1, 730)]
    backups = [_fake(t) for t in hourly_today + daily_for_two_years]
    keep = backups_to_keep(backups, now)
    kept = sorted((b.taken_at for b in backups if b.path in keep), reverse=True)
    assert all(t in kept for t in hourly_today)  # younger than a day: all kept
    assert {t.date() for t in kept} >= {(now - timedelta(days=d)).date() for d in range(0, 7)}  # 7 days
    assert len({(t.year, t.month) for t in kept}) == 12  # a year of monthly copies
    assert len(kept) <= 20 + 7 + 4 + 12


def test_pruning_never_deletes_the_newest_good_backup(home: AppHome) -> None:
    open_store(home).close()
    old_good = take_backup(home.db_path, home.backups_dir, "good", now=NOON - timedelta(days=400))
    for n in range(3):  # newer ones, all broken (as disk-full backups used to be)
        broken = take_backup(home.db_path, home.backups_dir, f"broken {n}", now=NOON - timedelta(days=300 - n))
        broken.write_bytes(b"not a database")
    prune_backups(home.db_path, home.backups_dir, now=NOON)
    assert old_good.exists()


def test_many_failed_opens_do_not_push_out_the_good_backup(home: AppHome) -> None:
    """The issue's case: 21 failed opens pruned the last good backup. Failed opens take no backup now."""
    store = open_store(home)
    with store.transaction() as session:
        session.add(Board(name="Improvement Board"))
    store.close()
    good = list_backups(home.db_path, home.backups_dir)
    data = bytearray(home.db_path.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xa5" * 4096
    home.db_path.write_bytes(bytes(data))
    for _ in range(25):
        with pytest.raises(DamagedDatabase):
            open_store(home)
    assert list_backups(home.db_path, home.backups_dir) == good
