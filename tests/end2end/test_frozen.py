"""The PyInstaller build (build.spec), built into a temporary folder and run on a temporary home.

As qutebrowser does before a release, the frozen app is smoke-tested: it must start its GUI
offscreen and exit 0, and find its bundled migrations to create a database.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import boardapp
from boardapp.store import migrations
from tests.helpers.e2e import AppRunner, describe
from tests.helpers.foreign_locale import german_locale_env

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 900


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pyinstaller")
    command = [
        sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm", "--log-level", "WARN",
        "--distpath", str(out / "dist"), "--workpath", str(out / "build"),
    ]  # fmt: skip
    try:
        result = subprocess.run(
            command, cwd=out, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the PyInstaller build took more than {BUILD_TIMEOUT_S} s")
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-5000:]}\n{result.stderr[-10000:]}"
    executable = out / "dist" / "boardapp" / ("boardapp.exe" if sys.platform == "win32" else "boardapp")
    assert executable.is_file(), f"no {executable} after the build"
    return executable


@pytest.fixture
def frozen(frozen_app: Path, tmp_path: Path) -> Iterator[AppRunner]:
    runner = AppRunner([str(frozen_app)], tmp_path)
    yield runner
    runner.assert_user_data_untouched()


def test_bundle_holds_the_bundled_folders(frozen_app: Path) -> None:
    internal = frozen_app.parent / "_internal"
    for source in sorted((ROOT / "db" / "versions").glob("*.py")):
        assert (internal / "db" / "versions" / source.name).is_file(), f"{source.name} is not in the bundle"
    assert (internal / "db" / "env.py").is_file()
    assert (internal / "ui").is_dir()
    assert (internal / "resources").is_dir()
    assert not list(internal.glob("PySide6/Qt/lib/libQt6WebEngine*")), "unused Qt modules were bundled"
    assert not list(internal.glob("PySide6/Qt/lib/libQt6Quick.so*")), "unused Qt modules were bundled"


def test_frozen_version(frozen: AppRunner) -> None:
    result = frozen("--version", basedir=False)
    assert result.returncode == 0, describe(result)
    assert result.stdout.strip() == f"BoardApp {boardapp.__version__}"


def test_frozen_app_migrates_a_new_database_with_its_bundled_scripts(frozen: AppRunner) -> None:
    result = frozen("backup")
    assert result.returncode == 0, describe(result)
    result = frozen("check")
    assert result.returncode == 0, describe(result)
    assert migrations.head_revision() in result.stdout, describe(result)


def test_frozen_smoke_on_a_fresh_home(frozen: AppRunner) -> None:
    result = frozen("--smoke")
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    assert frozen.db_path.is_file(), f"the frozen app did not create {frozen.db_path}"


def test_frozen_smoke_in_a_german_locale(frozen: AppRunner, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A German desktop: Qt sets the process locale from LANG (a real de_DE.UTF-8, see foreign_locale.py)."""
    frozen.env.update(german_locale_env(tmp_path_factory.mktemp("locales")))
    result = frozen("--smoke")
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    assert frozen.db_path.is_file(), f"the frozen app did not create {frozen.db_path}"
