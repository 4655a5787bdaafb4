"""Packaging: the wheel carries ui/, resources/ and db/, and the app runs from the wheel alone.

The wheel is built offline (`--no-build-isolation --no-index`, with hatchling from the dev
extra), unpacked into a temporary folder, and used from a subprocess whose PYTHONPATH puts it
first and whose working directory is elsewhere, so it cannot fall back on the checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import boardapp
from boardapp.store import migrations

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_KINDS = ("ui", "resources", "db")


def shipped_files(kind: str) -> list[str]:
    """Paths (relative to the folder) of the files of ui/, resources/ or db/ in the checkout."""
    base = ROOT / kind
    return sorted(
        path.relative_to(base).as_posix()
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def run(argv: list[str], *, cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, check=False
    )


def describe(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout ---\n{result.stdout}\n--- stderr ---\n{result.stderr}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run(
        [
            sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
            "--disable-pip-version-check", "-q", "--wheel-dir", str(out), str(ROOT),
        ],
        cwd=out,
    )  # fmt: skip
    assert result.returncode == 0, f"building the wheel failed:\n{describe(result)}"
    wheels = list(out.glob("boardapp-*.whl"))
    assert len(wheels) == 1, f"expected one wheel, found {wheels}"
    return wheels[0]


@pytest.fixture(scope="module")
def unpacked(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return site


@pytest.fixture(scope="module")
def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.slow
def test_wheel_carries_migrations(wheel_names: set[str]) -> None:
    assert "boardapp/_bundled/db/env.py" in wheel_names
    versions = [n for n in wheel_names if n.startswith("boardapp/_bundled/db/versions/") and n.endswith(".py")]
    assert versions, "no migration scripts in the wheel"


@pytest.mark.slow
@pytest.mark.parametrize("kind", BUNDLED_KINDS)
def test_wheel_carries_every_bundled_file(wheel_names: set[str], kind: str) -> None:
    files = shipped_files(kind)
    assert files, f"{kind}/ is empty in the checkout"
    missing = [name for name in files if f"boardapp/_bundled/{kind}/{name}" not in wheel_names]
    assert not missing, f"not in the wheel: {missing}"


@pytest.mark.slow
def test_wheel_holds_no_caches(wheel_names: set[str]) -> None:
    assert not [n for n in wheel_names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.slow
def test_wheel_declares_the_console_script(wheel_names: set[str], unpacked: Path) -> None:
    [entry_points] = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    assert "boardapp = boardapp.cli:main" in (unpacked / entry_points).read_text(encoding="utf-8")


FIND_FILES = """
import json
import boardapp, boardapp.bundled as b
from boardapp.store import migrations
print(json.dumps({
    "package": boardapp.__file__,
    "ui": str(b.ui_dir()), "resources": str(b.resources_dir()), "db": str(b.db_dir()),
    "head": migrations.head_revision(),
}))
"""


@pytest.mark.slow
def test_installed_wheel_finds_its_files_without_the_checkout(unpacked: Path, tmp_path: Path) -> None:
    result = run([sys.executable, "-c", FIND_FILES], cwd=tmp_path, pythonpath=unpacked)
    assert result.returncode == 0, describe(result)
    found = json.loads(result.stdout)
    assert Path(found["package"]).is_relative_to(unpacked), f"imported boardapp from {found['package']}"
    for kind in BUNDLED_KINDS:
        assert Path(found[kind]) == unpacked / "boardapp" / "_bundled" / kind
    assert found["head"] == migrations.head_revision()


@pytest.mark.slow
def test_installed_wheel_creates_a_database(unpacked: Path, tmp_path: Path) -> None:
    boardapp_from_wheel = [sys.executable, "-m", "boardapp", "--basedir", str(tmp_path / "home")]
    result = run([*boardapp_from_wheel, "backup"], cwd=tmp_path, pythonpath=unpacked)
    assert result.returncode == 0, describe(result)
    result = run([*boardapp_from_wheel, "check"], cwd=tmp_path, pythonpath=unpacked)
    assert result.returncode == 0, describe(result)
    assert f"schema {migrations.head_revision()}" in result.stdout


def test_python_m_boardapp(tmp_path: Path) -> None:
    result = run([sys.executable, "-m", "boardapp", "--version"], cwd=tmp_path)
    assert result.returncode == 0, describe(result)
    assert result.stdout.strip() == f"BoardApp {boardapp.__version__}"


def test_boardapp_console_script(tmp_path: Path) -> None:
    script = Path(sysconfig.get_path("scripts")) / ("boardapp.exe" if sys.platform == "win32" else "boardapp")
    assert script.is_file(), f"no console script {script}: is the project installed (./dev does it)?"
    result = run([str(script), "--version"], cwd=tmp_path)
    assert result.returncode == 0, describe(result)
    assert result.stdout.strip() == f"BoardApp {boardapp.__version__}"
