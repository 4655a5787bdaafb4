"""Two copies on one file (issue 16): the presence lock, who holds it, and a crashed holder's leftovers ignored.

An OS file lock conflicts between two open handles even inside one process (flock per open file, msvcrt
per handle), so these tests hold the lock here and ask again as a second copy would; the two-process
case, with a real kill, is tests/end2end/test_two_copies.py.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from boardapp import __version__
from boardapp.core.models import Board
from boardapp.home import AppHome
from boardapp.store import presence
from boardapp.store.database import open_database, open_store
from boardapp.store.errors import NotADatabaseFile, ReadOnlyDatabase
from boardapp.store.presence import FileInUse, Holder, claim, holder_of, lock_path, owner_path

SINCE = datetime(2026, 12, 6, 14, 3, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "board.sqlite"


def _stale_owner(db: Path) -> None:
    """What a copy that crashed leaves: its owner file, with no lock held any more."""
    crashed = Holder(user="alice", machine="PC-12", pid=999_999, since=SINCE, app_version="0.0.9")
    owner_path(db).write_text(crashed.to_json(), encoding="utf-8")
    lock_path(db).touch()


def test_claim_takes_the_lock_and_says_who_holds_it(db: Path) -> None:
    held = claim(db, now=SINCE)
    try:
        assert held.held
        info = json.loads(owner_path(db).read_text(encoding="utf-8"))
        assert info["user"] == presence._user()
        assert info["machine"] == socket.gethostname()
        assert info["pid"] == os.getpid()
        assert datetime.fromisoformat(info["since"]) == SINCE
        assert info["app_version"] == __version__
        assert holder_of(db) == held.holder
        with pytest.raises(FileInUse) as refused:
            claim(db)
        assert refused.value.holder == held.holder
        assert socket.gethostname() in str(refused.value)
    finally:
        held.release()


def test_release_lets_the_next_copy_in_and_removes_the_owner_file(db: Path) -> None:
    claim(db).release()
    assert holder_of(db) is None
    assert not owner_path(db).exists()
    again = claim(db)
    try:
        assert again.held
    finally:
        again.release()
    assert not again.held


def test_a_crashed_holders_owner_file_is_ignored_and_overwritten(db: Path) -> None:
    _stale_owner(db)
    assert holder_of(db) is None  # the lock is free: the file alone proves nothing
    held = claim(db)
    try:
        info = json.loads(owner_path(db).read_text(encoding="utf-8"))
        assert info["user"] == presence._user() and info["pid"] == os.getpid()
    finally:
        held.release()


def test_nobody_holds_a_file_never_opened_and_asking_creates_nothing(db: Path) -> None:
    assert holder_of(db) is None
    assert not lock_path(db).exists()


def test_a_held_lock_with_no_owner_file_still_refuses(db: Path) -> None:
    held = claim(db)
    try:
        owner_path(db).unlink()
        assert holder_of(db) == Holder.unknown()
        with pytest.raises(FileInUse, match="open in another copy of BoardApp"):
            claim(db)
    finally:
        held.release()


def test_the_message_names_machine_user_and_time() -> None:
    holder = Holder(user="alice", machine="PC-12", pid=1, since=SINCE)
    local = SINCE.astimezone()
    clock = f"{local.hour:02d}:{local.minute:02d}"
    today = holder.describe("board.sqlite", SINCE)
    assert today == f"board.sqlite is open in BoardApp on PC-12 by alice since {clock}."
    later = holder.describe("board.sqlite", datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    assert later == f"board.sqlite is open in BoardApp on PC-12 by alice since {local.day} Dec 2026 {clock}."
    assert Holder.from_json(holder.to_json()) == holder
    assert Holder.from_json("{not json") is None


def test_the_app_holds_the_lock_while_open_and_lets_go_on_close(home: AppHome) -> None:
    store = open_store(home, claim=True)
    assert store.presence is not None and store.presence.held
    assert holder_of(home.db_path) is not None
    with pytest.raises(FileInUse):
        open_store(home, claim=True)
    store.close()
    assert holder_of(home.db_path) is None
    open_store(home, claim=True).close()


def test_a_second_copy_reads_but_every_write_is_refused_naming_the_holder(home: AppHome) -> None:
    first = open_store(home, claim=True)
    try:
        with first.transaction() as session:
            session.add(Board(name="MASH Board"))
        second = open_store(home)  # the CLI's way: no claim, so read-only while another copy has it
        try:
            assert second.read_only and second.presence is None
            with second.session() as session:
                assert [b.name for b in session.exec(select(Board))] == ["MASH Board"]
            refused = pytest.raises(ReadOnlyDatabase, match=f"on {socket.gethostname()} by")
            with refused, second.transaction() as session:
                session.add(Board(name="Other"))
            with pytest.raises(ReadOnlyDatabase, match="open in BoardApp"), second.session() as session:
                session.add(Board(name="Other"))
                session.commit()
        finally:
            second.close()
        assert holder_of(home.db_path) is not None  # closing the read-only copy left the holder's lock alone
    finally:
        first.close()
    with first.session() as session:
        assert [b.name for b in session.exec(select(Board))] == ["MASH Board"]


def test_read_only_by_choice_refuses_edits_and_takes_no_lock(home: AppHome) -> None:
    open_store(home).close()
    store = open_store(home, read_only=True, claim=True)
    try:
        assert store.read_only and store.presence is None
        assert not owner_path(home.db_path).exists()
        with pytest.raises(ReadOnlyDatabase, match="open read-only"), store.transaction():
            pass
    finally:
        store.close()


def test_a_file_that_cannot_be_opened_does_not_keep_the_lock(tmp_path: Path, db: Path) -> None:
    db.write_text("minutes of the last meeting", encoding="utf-8")
    with pytest.raises(NotADatabaseFile):
        open_database(db, tmp_path / "backups", claim=True)
    assert holder_of(db) is None
    assert not owner_path(db).exists()
