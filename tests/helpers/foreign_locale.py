"""A real German locale for tests that prove BoardApp's text does not follow LC_TIME.

Without one, glibc quietly falls back to "C" and a locale test would pass whatever the code
did. So the environment is probed: if the system has no de_DE.UTF-8 (slim CI images and
containers often ship none), the locale is compiled with `localedef` into a folder of the
test's own and reached through LOCPATH — nothing is installed on the machine. The probe then
checks that strftime really says "März" before any test relies on it.
"""

from __future__ import annotations

import locale
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

GERMAN = "de_DE.UTF-8"
MARCH_IN_GERMAN = "März"

_PROBE = (
    "import datetime, locale; locale.setlocale(locale.LC_ALL, ''); "
    "print(datetime.date(2017, 3, 1).strftime('%B'))"
)


def _says_maerz(env: dict[str, str]) -> bool:
    """Whether a Python started with `env`, once it calls setlocale(LC_ALL, "") as Qt does, writes German."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**os.environ, **env, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    return result.returncode == 0 and result.stdout.strip() == MARCH_IN_GERMAN


def german_locale_env(workdir: Path) -> dict[str, str]:
    """Environment variables that give a child process a working German locale (LANG, LC_ALL, maybe LOCPATH)."""
    env = {"LANG": GERMAN, "LC_ALL": GERMAN, "LANGUAGE": "de_DE:de"}
    if _says_maerz(env):
        return env
    localedef = shutil.which("localedef")
    if localedef is None:
        pytest.fail(f"no {GERMAN} locale and no localedef to build one: install a German locale to run this test")
    workdir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [localedef, "-i", "de_DE", "-f", "UTF-8", str(workdir / GERMAN)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    env["LOCPATH"] = str(workdir)
    if not _says_maerz(env):
        pytest.fail(f"could not build {GERMAN} with localedef:\n{result.stdout}\n{result.stderr}")
    return env


@contextmanager
def german_lc_time(env: dict[str, str]) -> Iterator[None]:
    """This process's LC_TIME in German for the block (what QApplication's setlocale does to the GUI)."""
    saved_locale = locale.setlocale(locale.LC_TIME)
    saved_locpath = os.environ.get("LOCPATH")
    if "LOCPATH" in env:
        os.environ["LOCPATH"] = env["LOCPATH"]
    try:
        locale.setlocale(locale.LC_TIME, GERMAN)
        yield
    finally:
        locale.setlocale(locale.LC_TIME, saved_locale)
        if saved_locpath is None:
            os.environ.pop("LOCPATH", None)
        else:
            os.environ["LOCPATH"] = saved_locpath
