"""The code's own rules, checked by the same tools a developer runs: import-linter, ruff, mypy.

The import-linter contracts are in pyproject.toml: only boardapp.gui imports Qt, and the
layers gui > services | exporting | importing > store > core. One test plants violations in
a copy of the package to prove that the contracts catch them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(sysconfig.get_path("scripts"))


def tool(name: str) -> str:
    path = SCRIPTS / (f"{name}.exe" if sys.platform == "win32" else name)
    if not path.is_file():
        pytest.fail(f"{path} is missing: install the dev extra (./dev does it)")
    return str(path)


def run(argv: list[str], *, cwd: Path = ROOT, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600, check=False
    )


def output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


def test_import_contracts_are_kept() -> None:
    result = run([tool("lint-imports"), "--no-cache", "--no-logo"])
    assert result.returncode == 0, output(result)
    assert "0 broken" in result.stdout, output(result)


def test_import_contracts_catch_violations(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "boardapp", tmp_path / "boardapp", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "boardapp" / "core" / "_planted_qt.py").write_text("from PySide6 import QtCore  # noqa\n")
    (tmp_path / "boardapp" / "store" / "_planted_upward.py").write_text("import boardapp.services  # noqa\n")

    result = run([tool("lint-imports"), "--no-cache", "--no-logo"], cwd=tmp_path, pythonpath=tmp_path)

    assert result.returncode != 0, output(result)
    assert "Only boardapp.gui imports Qt BROKEN" in result.stdout, output(result)
    assert "Layers: gui > exporting > services > importing > store > core BROKEN" in result.stdout, output(result)
    assert "boardapp.core._planted_qt -> PySide6" in result.stdout, output(result)
    assert "boardapp.store._planted_upward -> boardapp.services" in result.stdout, output(result)


def test_ruff_is_clean() -> None:
    result = run([tool("ruff"), "check", "--no-cache", "."])
    assert result.returncode == 0, output(result)


def test_mypy_is_clean() -> None:
    result = run([tool("mypy")])  # the files and the settings are in pyproject.toml
    assert result.returncode == 0, output(result)
