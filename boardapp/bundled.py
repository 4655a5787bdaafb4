"""The one place that finds the files shipped beside the code: ui/, resources/ and db/.

They live at the top of a checkout, inside the wheel as `boardapp/_bundled/*` (see
pyproject.toml), and under `sys._MEIPASS` in the PyInstaller bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_KINDS = ("ui", "resources", "db")


def _candidates(kind: str) -> list[Path]:
    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / kind)
    found.append(_PACKAGE_DIR / "_bundled" / kind)  # installed wheel
    found.append(_PACKAGE_DIR.parent / kind)  # source checkout / editable install
    return found


def bundled_dir(kind: str) -> Path:
    """Directory of a bundled kind of file; raises FileNotFoundError naming where it looked."""
    if kind not in _KINDS:
        raise ValueError(f"unknown bundled kind {kind!r}; expected one of {_KINDS}")
    candidates = _candidates(kind)
    for path in candidates:
        if path.is_dir():
            return path
    looked = ", ".join(str(p) for p in candidates)
    raise FileNotFoundError(f"BoardApp's {kind}/ files are missing (looked in {looked}); reinstall the app")


def ui_dir() -> Path:
    return bundled_dir("ui")


def resources_dir() -> Path:
    return bundled_dir("resources")


def db_dir() -> Path:
    return bundled_dir("db")
