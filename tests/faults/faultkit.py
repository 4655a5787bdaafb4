"""Helpers and fixtures of the fault-injection suite: killed processes, an unprivileged user, old files.

CI runs as root, where chmod does not stop a write; the read-only cases therefore run their code in
a forked child that drops to the `nobody` user first (no exec: the interpreter under /root is not
readable by nobody, but the forked one is already loaded).
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command

from boardapp.home import AppHome
from boardapp.store import database, migrations
from boardapp.store.database import make_engine, open_store

VICTIM = Path(__file__).with_name("victim.py")
NOBODY = 65534


@pytest.fixture(autouse=True)
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Locks are tried for a fraction of a second here, not the app's 5 s."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    monkeypatch.setattr(database, "UPGRADE_LOCK_WAIT_S", 0.3)


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder the unprivileged user can reach (pytest's tmp_path sits under a root-only 0700 folder)."""
    folder = Path(tempfile.mkdtemp(prefix="boardapp-faults-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_nobody(work: Callable[[], Any]) -> Any:
    """Run `work` in a forked child as user `nobody`; return its result, or raise RuntimeError with its traceback."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            payload = ("ok", work())
        except BaseException:
            payload = ("error", traceback.format_exc())
        os.write(write_end, pickle.dumps(payload))
        os._exit(0)
    os.close(write_end)
    data = b""
    while chunk := os.read(read_end, 1 << 16):
        data += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    status, value = pickle.loads(data)
    if status != "ok":
        raise RuntimeError(f"the unprivileged child failed:\n{value}")
    return value


def run_victim(stage: str, basedir: Path) -> subprocess.CompletedProcess[str]:
    """Run victim.py, which kills itself with SIGKILL at `stage`; assert it really died there."""
    result = subprocess.run(
        [sys.executable, str(VICTIM), stage, str(basedir)], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == -signal.SIGKILL, f"{stage}: exit {result.returncode}\n{result.stdout}{result.stderr}"
    return result


def rows(path: Path, table: str = "organisation") -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute(f"SELECT name FROM {table} ORDER BY id")]
    finally:
        connection.close()


def add_rows(path: Path, *names: str) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.executemany("INSERT INTO organisation (name) VALUES (?)", [(n,) for n in names])
    finally:
        connection.close()


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def previous_revision() -> str:
    previous = migrations.revision_chain()[migrations.head_revision()]
    assert previous is not None
    return previous


def old_file(home: AppHome, *names: str) -> None:
    """A database one schema version behind, holding `names` as organisations."""
    open_store(home).close()
    add_rows(home.db_path, *names)
    engine = make_engine(home.db_path, foreign_keys=False)
    with engine.begin() as connection:
        command.downgrade(migrations.alembic_config(connection), previous_revision())
    engine.dispose()


def revision(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted operation must not leave (or must never list as real)."""
    markers = (".creating", ".upgrading", ".partial", ".restoring", ".part")
    return sorted(p.name for p in folder.rglob("*") if any(m in p.name for m in markers))


@pytest.fixture
def holder_of_lock() -> Iterator[Callable[[Path], None]]:
    """Start a process that holds a write lock (BEGIN IMMEDIATE) on a file until the test ends."""
    started: list[subprocess.Popen[str]] = []
    code = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"
    )

    def start(path: Path) -> None:
        process = subprocess.Popen(
            [sys.executable, "-c", code, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"

    yield start
    for process in started:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
