"""Running the real `boardapp` command as a subprocess on a temporary home (used by conftest.py).

Like qutebrowser's end-to-end tests (a temporary base dir per run), every run gets
`--basedir <tmp>/home`, and HOME and the XDG directories point into the temporary folder
too, so a run that ignored `--basedir` would be caught instead of touching real data.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from boardapp.home import APP_NAME, DB_FILENAME

SMOKE_TIMEOUT_S = 60


class AppRunner:
    """Runs one form of the app (`python -m boardapp` or the frozen executable) on a temporary home."""

    def __init__(self, command: Sequence[str], tmp: Path) -> None:
        self.command = list(command)
        self.home = tmp / "home"
        self.user_home = tmp / "user"  # stands in for the user's own HOME
        self.user_home.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(self.user_home),
            "XDG_DATA_HOME": str(self.user_home / "data"),
            "XDG_CONFIG_HOME": str(self.user_home / "config"),
            "XDG_CACHE_HOME": str(self.user_home / "cache"),
            "XDG_STATE_HOME": str(self.user_home / "state"),
            "XDG_RUNTIME_DIR": str(self.user_home / "runtime"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH"):
            self.env.pop(name, None)
        (self.user_home / "runtime").mkdir(mode=0o700, exist_ok=True)
        self.cwd = tmp

    @property
    def db_path(self) -> Path:
        return self.home / DB_FILENAME

    def __call__(
        self, *args: str, basedir: bool = True, timeout: float = SMOKE_TIMEOUT_S
    ) -> subprocess.CompletedProcess[str]:
        argv = [*self.command, *(["--basedir", str(self.home)] if basedir else []), *args]
        try:
            return subprocess.run(
                argv,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            pytest.fail(
                f"{' '.join(argv)} did not finish within {timeout:g} s "
                f"(a dialog waiting for a click?)\nstdout: {exc.stdout!r}\nstderr: {exc.stderr!r}"
            )

    def assert_user_data_untouched(self) -> None:
        """Nothing was written to the user's own BoardApp data directory."""
        stray = [p for p in self.user_home.rglob("*") if APP_NAME.lower() in p.name.lower()]
        assert not stray, f"the app wrote outside --basedir: {stray}"


def describe(result: subprocess.CompletedProcess[str]) -> str:
    """Everything a failing assertion should show about a run."""
    return f"exit {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"
