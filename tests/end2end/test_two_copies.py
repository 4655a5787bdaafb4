"""Two copies of BoardApp on one file, as two real processes (issue 16 point 3).

Process 1 has the file open for writing: the real desktop app (offscreen, left running), or
hold_database.py (the store opened as the app opens it). Process 2 is the real `boardapp` command:
its writes are refused naming the user and machine, its reads work; then process 1 is killed (SIGKILL
on POSIX, TerminateProcess on Windows: no chance to clean up) and process 2 writes at once — the stale
owner file is still there and nobody removed anything.
"""

from __future__ import annotations

import getpass
import json
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from boardapp.store.presence import owner_path
from tests.helpers.e2e import AppRunner, describe

START_TIMEOUT_S = 60  # a deadline for a slow CI machine, never asserted as a duration
HELPER = Path(__file__).parent / "hold_database.py"


def _boards(cli: AppRunner) -> list[str]:
    connection = sqlite3.connect(cli.db_path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM board ORDER BY name")]
    finally:
        connection.close()


def _me() -> tuple[str, str]:
    try:
        user = getpass.getuser()
    except OSError:  # a machine with no login name
        user = ""
    return user, socket.gethostname()


def _start(cli: AppRunner, argv: list[str]) -> Iterator[subprocess.Popen[str]]:
    """Start process 1 and wait until its owner file names it; kill it at the end whatever happened."""
    process = subprocess.Popen(
        argv, cwd=cli.cwd, env=cli.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _owned_by(cli, process.pid):
            if process.poll() is not None or time.monotonic() > deadline:
                if process.poll() is None:
                    process.kill()
                out, err = process.communicate(timeout=10)
                pytest.fail(f"process 1 did not open the file: exit {process.returncode}\n{out}\n{err}")
            time.sleep(0.05)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=10)


def _owned_by(cli: AppRunner, pid: int) -> bool:
    try:
        return bool(json.loads(owner_path(cli.db_path).read_text(encoding="utf-8")).get("pid") == pid)
    except (OSError, ValueError):
        return False


@pytest.fixture
def gui_holding(boardapp_cli: AppRunner) -> Iterator[subprocess.Popen[str]]:
    """The real desktop app, started on a home with a board (a new home would first ask how to start)."""
    created = boardapp_cli("board", "add", "Finance Committee")
    assert created.returncode == 0, describe(created)
    yield from _start(boardapp_cli, [sys.executable, "-m", "boardapp", "--basedir", str(boardapp_cli.home)])


@pytest.fixture
def helper_holding(boardapp_cli: AppRunner) -> Iterator[subprocess.Popen[str]]:
    created = boardapp_cli("board", "add", "Finance Committee")
    assert created.returncode == 0, describe(created)
    yield from _start(boardapp_cli, [sys.executable, str(HELPER), str(boardapp_cli.home)])


def _second_copy_is_refused_then_free_after_a_kill(cli: AppRunner, first: subprocess.Popen[str]) -> None:
    user, machine = _me()
    refused = cli("board", "add", "Audit Committee")
    assert refused.returncode == 1, describe(refused)
    assert f"open in BoardApp on {machine} by {user} since " in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _boards(cli) == ["Finance Committee"]

    checked = cli("check")
    assert checked.returncode == 0, describe(checked)
    assert "no damage found" in checked.stdout
    listed = cli("board", "list")
    assert listed.returncode == 0, describe(listed)
    assert "Finance Committee" in listed.stdout
    assert first.poll() is None  # still holding the file all along

    first.kill()  # a crash: the OS drops its lock; its owner file stays behind
    first.wait(timeout=10)
    assert owner_path(cli.db_path).exists()

    added = cli("board", "add", "Audit Committee")  # at once, with no clean-up by anyone
    assert added.returncode == 0, describe(added)
    assert _boards(cli) == ["Audit Committee", "Finance Committee"]


def test_the_running_app_keeps_a_second_copy_to_reading(
    boardapp_cli: AppRunner, gui_holding: subprocess.Popen[str]
) -> None:
    _second_copy_is_refused_then_free_after_a_kill(boardapp_cli, gui_holding)


def test_a_holder_killed_outright_needs_no_clean_up(
    boardapp_cli: AppRunner, helper_holding: subprocess.Popen[str]
) -> None:
    _second_copy_is_refused_then_free_after_a_kill(boardapp_cli, helper_holding)


def test_smoke_start_opens_a_held_file_read_only(
    boardapp_cli: AppRunner, helper_holding: subprocess.Popen[str]
) -> None:
    smoke = boardapp_cli("--smoke")
    assert smoke.returncode == 0, describe(smoke)
    assert _owned_by(boardapp_cli, helper_holding.pid)  # the second app did not take the file over
    refused = boardapp_cli("board", "add", "Audit Committee")
    assert refused.returncode == 1, describe(refused)
