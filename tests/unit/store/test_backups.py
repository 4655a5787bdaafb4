"""Backups are consistent copies; restoring one never destroys the file it replaces."""

from __future__ import annotations

from sqlmodel import select

from boardapp.core.models import Board
from boardapp.home import AppHome
from boardapp.store.backups import KEEP_BACKUPS, list_backups, restore_backup, take_backup
from boardapp.store.database import open_store


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


def test_backups_are_listed_newest_first_and_pruned(home: AppHome) -> None:
    open_store(home).close()
    for n in range(KEEP_BACKUPS + 3):
        take_backup(home.db_path, home.backups_dir, f"test {n}")
    backups = list_backups(home.db_path, home.backups_dir)
    assert len(backups) == KEEP_BACKUPS
    assert backups[0].reason == f"test {KEEP_BACKUPS + 2}"
    assert backups[0].taken_at >= backups[-1].taken_at
