"""`boardapp … | head`: when the reader closes the pipe the command stops quietly, with no traceback."""

from __future__ import annotations

import subprocess

from tests.helpers.e2e import SMOKE_TIMEOUT_S, AppRunner, describe


def test_board_show_into_a_closed_pipe_exits_quietly(demo_cli: AppRunner) -> None:
    full = demo_cli("board", "show", "IB")
    assert full.returncode == 0 and full.stdout, describe(full)
    argv = [*demo_cli.command, "--basedir", str(demo_cli.home), "board", "show", "IB"]
    process = subprocess.Popen(
        argv, cwd=demo_cli.cwd, env=demo_cli.env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.close()  # as `head` does once it has read enough: before the command has printed a thing
    _, errors = process.communicate(timeout=SMOKE_TIMEOUT_S)
    assert process.returncode == 141
    assert errors == ""  # no BrokenPipeError traceback, no "Exception ignored" at exit
