"""The code's own rules, checked by the same tools a developer runs: import-linter, ruff, mypy,
and a portability scan of our own.

The import-linter contracts are in pyproject.toml: only boardapp.gui imports Qt, and the
layers gui > services | exporting | importing > store > core. One test plants violations in
a copy of the package to prove that the contracts catch them.

The portability scan (napari-style package-wide bans) reads every module's syntax tree: dates
are written for people only by boardapp/core/dates.py, with no locale-dependent strftime codes
and no `%-d`/`%#d` (Windows rejects them); no POSIX-only modules or calls; no file paths glued
together with "/". Each ban has a test that plants a bad snippet and watches the scan bite.
"""

from __future__ import annotations

import ast
import itertools
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from dataclasses import dataclass
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
    package = tmp_path / "boardapp"
    (package / "core" / "_planted_qt.py").write_text("from PySide6 import QtCore  # noqa\n")
    (package / "store" / "_planted_upward.py").write_text("import boardapp.services  # noqa\n")
    # Modules no contract names: a new top-level module and the entry points are covered too.
    (package / "_planted_new_module.py").write_text("import PySide6  # noqa\n")
    main = package / "__main__.py"
    main.write_text("from PySide6 import QtWidgets  # noqa\n" + main.read_text(encoding="utf-8"), encoding="utf-8")
    (package / "_planted_reaches_gui.py").write_text("import boardapp.gui.main_window  # noqa\n")
    (package / "gui" / "_planted_query.py").write_text("from sqlmodel import select  # noqa\n")

    result = run([tool("lint-imports"), "--no-cache", "--no-logo"], cwd=tmp_path, pythonpath=tmp_path)

    assert result.returncode != 0, output(result)
    for contract in (
        "Only boardapp.gui imports Qt",
        "Only boardapp.gui imports boardapp.gui",
        "boardapp.gui does not import sqlalchemy or sqlmodel",
        "Layers: gui > exporting > services > importing > store > core",
    ):
        assert f"{contract} BROKEN" in result.stdout, output(result)
    for link in (
        "boardapp.core._planted_qt -> PySide6",
        "boardapp._planted_new_module -> PySide6",
        "boardapp.__main__ -> PySide6",
        "boardapp._planted_reaches_gui -> boardapp.gui.main_window",
        "boardapp.gui._planted_query -> sqlmodel",
        "boardapp.store._planted_upward -> boardapp.services",
    ):
        assert link in result.stdout, output(result)


# The GUI modules allowed to import sqlalchemy/sqlmodel: none since the evening of 2026-12-06 (the
# navigator's and the search box's reads moved to services). pyproject.toml's list may only shrink, so it
# stays empty: a new module gets its data from the services.
GUI_DATABASE_IMPORTS_2026_12: frozenset[str] = frozenset()


def test_the_gui_database_import_ratchet_only_shrinks() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c["name"] == "boardapp.gui does not import sqlalchemy or sqlmodel"
    ]
    grown = set(contract.get("ignore_imports", [])) - GUI_DATABASE_IMPORTS_2026_12
    assert not grown, f"new GUI modules import the database directly; use a service instead: {sorted(grown)}"


def test_ruff_is_clean() -> None:
    result = run([tool("ruff"), "check", "--no-cache", "."])
    assert result.returncode == 0, output(result)


def test_mypy_is_clean() -> None:
    result = run([tool("mypy")])  # the files and the settings are in pyproject.toml
    assert result.returncode == 0, output(result)


# -- portability: dates, POSIX-only calls, "/" path joins -------------------------------------------
DATES_MODULE = "boardapp/core/dates.py"
"""The one module allowed to write dates for people (it needs no locale-dependent code either)."""

LOCALE_DEPENDENT = re.compile(r"%[-_^#0]?[BbAapcxX]")
"""Month and day names, am/pm and the locale's whole-date forms: they follow LC_TIME, which QApplication sets."""
NOT_ON_WINDOWS = re.compile(r"%[-#]d")
"""glibc's `%-d` and the Windows CRT's `%#d`: each platform's strftime rejects or garbles the other's."""

POSIX_ONLY_MODULES = frozenset({"fcntl", "grp", "posix", "pty", "pwd", "resource", "termios", "tty"})
POSIX_ONLY_OS = frozenset({
    "fork", "forkpty", "getuid", "geteuid", "getgid", "getegid", "setuid", "setgid", "setsid", "getpgid",
    "setpgid", "killpg", "chown", "lchown", "fchown", "mkfifo", "getpwnam",
})  # fmt: skip
PATH_CALLS = frozenset({"open", "Path", "PurePath"})
QT_BINDINGS = frozenset({"PySide6", "shiboken6", "PySide2", "shiboken2", "PyQt5", "PyQt6", "qtpy"})
"""import-linter guards PySide6 (pyproject.toml); it cannot name packages nobody imports yet, so these are here."""
GUARD_MARK = "# posix-only: guarded"
"""Put on an `if sys.platform != "win32":` or `if os.name == "posix":` line to allow what it guards."""


@dataclass(frozen=True)
class Finding:
    where: str
    line: int
    rule: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: {self.rule}"


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    # attribute docstrings (a string right after an assignment) describe, they do not format
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for before, after in itertools.pairwise(body):
                if (
                    isinstance(before, ast.Assign | ast.AnnAssign)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                ):
                    found.add(id(after.value))
    return found


def _joins_with_slash(node: ast.expr) -> bool:
    """`a + "/" + b`, `f"{a}/{b}"`, `"%s/%s" % (a, b)` or `"/".join(parts)`: a path built by hand."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return any(
            (isinstance(side, ast.Constant) and isinstance(side.value, str) and "/" in side.value)
            or _joins_with_slash(side)
            for side in (node.left, node.right)
        )
    if isinstance(node, ast.JoinedStr):
        literal = [v for v in node.values if isinstance(v, ast.Constant)]
        fields = [v for v in node.values if isinstance(v, ast.FormattedValue)]
        return bool(fields) and any("/" in str(v.value) for v in literal)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return isinstance(node.left, ast.Constant) and "/" in str(node.left.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
        return isinstance(node.func.value, ast.Constant) and node.func.value.value == "/"
    return False


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _guarded(node: ast.AST, parents: dict[int, ast.AST], lines: list[str]) -> bool:
    """Inside `if <sys.platform or os.name test>:  # posix-only: guarded` (the body, not the else)."""
    child, parent = node, parents.get(id(node))
    while parent is not None:
        if isinstance(parent, ast.If) and any(child is stmt for stmt in parent.body):
            test = ast.unparse(parent.test)
            if ("sys.platform" in test or "os.name" in test) and GUARD_MARK in lines[parent.lineno - 1]:
                return True
        child, parent = parent, parents.get(id(parent))
    return False


def portability_findings(source: str, where: str, *, dates_module: bool = False) -> list[Finding]:
    """What the portability rules find in one module's source (`dates_module` lifts the date-name ban)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    docstrings = _docstrings(tree)
    parents = {id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    findings: list[Finding] = []

    def posix(node: ast.AST, rule: str) -> None:
        if not _guarded(node, parents, lines):
            findings.append(Finding(where, getattr(node, "lineno", 0), rule))

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            line = getattr(node, "lineno", 0)
            if NOT_ON_WINDOWS.search(node.value):
                findings.append(Finding(where, line, f"{node.value!r}: %-d/%#d work on one platform only"))
            if not dates_module and LOCALE_DEPENDENT.search(node.value):
                findings.append(
                    Finding(where, line, f"{node.value!r}: locale-dependent date format; use {DATES_MODULE}")
                )
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in POSIX_ONLY_MODULES:
                    posix(node, f"import {alias.name}: POSIX only")
                if alias.name.split(".")[0] in QT_BINDINGS and not where.startswith("boardapp/gui/"):
                    findings.append(Finding(where, node.lineno, f"import {alias.name}: only boardapp.gui imports Qt"))
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.split(".")[0] in QT_BINDINGS and not where.startswith("boardapp/gui/"):
                findings.append(Finding(where, node.lineno, f"from {node.module} import: only boardapp.gui imports Qt"))
            if node.module.split(".")[0] in POSIX_ONLY_MODULES:
                posix(node, f"from {node.module} import: POSIX only")
            elif node.module == "os":
                for alias in node.names:
                    if alias.name in POSIX_ONLY_OS:
                        posix(node, f"from os import {alias.name}: POSIX only")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "os":
            if node.attr in POSIX_ONLY_OS:
                posix(node, f"os.{node.attr}: POSIX only")
        elif isinstance(node, ast.Call) and _called_name(node) in PATH_CALLS:
            for arg in node.args:
                if _joins_with_slash(arg):
                    posix(node, f"{_called_name(node)}() of a path joined with '/': use Path / name")
    return findings


def package_findings(root: Path) -> list[Finding]:
    findings = []
    for path in sorted((root / "boardapp").rglob("*.py")):
        where = path.relative_to(root).as_posix()
        findings += portability_findings(path.read_text(encoding="utf-8"), where, dates_module=where == DATES_MODULE)
    return findings


def test_the_package_is_portable() -> None:
    findings = package_findings(ROOT)
    assert not findings, "\n".join(map(str, findings))


def test_the_dates_module_needs_no_locale_dependent_code_either() -> None:
    path = ROOT / DATES_MODULE
    assert portability_findings(path.read_text(encoding="utf-8"), DATES_MODULE) == []


BITES = {
    "fstring_month": ('label = f"{day:%-d %B %Y}"\n', ["%-d/%#d", "locale-dependent"]),
    "windows_day": ('label = day.strftime("%#d")\n', ["%-d/%#d"]),
    "weekday": ('label = day.strftime("%a %d")\n', ["locale-dependent"]),
    "am_pm": ('label = f"{moment:%I.%M %p}"\n', ["locale-dependent"]),
    "whole_date": ('FORMATS = ("%x", "%c", "%X")\n', ["locale-dependent"] * 3),
    "strptime": ('parsed = dt.datetime.strptime(text, "%d %b %Y")\n', ["locale-dependent"]),
    "fork": ("import os\npid = os.fork()\n", ["os.fork"]),
    "from_os": ("from os import getuid\n", ["from os import getuid"]),
    "getuid": ("import os\nowner = os.getuid()\n", ["os.getuid"]),
    "fcntl": ("import fcntl\n", ["import fcntl"]),
    "pwd": ("import pwd, grp\n", ["import pwd", "import grp"]),
    "termios": ("from termios import tcgetattr\n", ["from termios import"]),
    "resource": ("import resource\n", ["import resource"]),
    "shiboken": ("import shiboken6\nfrom PyQt6 import QtCore\n", ["only boardapp.gui imports Qt"] * 2),
    "concat_open": ('with open(folder + "/" + name) as f:\n    pass\n', ["open() of a path joined"]),
    "fstring_path": ('target = Path(f"{home}/backups/{name}")\n', ["Path() of a path joined"]),
    "percent_path": ('target = pathlib.Path("%s/%s" % (home, name))\n', ["Path() of a path joined"]),
    "slash_join": ('target = Path("/".join([home, name]))\n', ["Path() of a path joined"]),
    "unmarked_guard": ('import sys\nif sys.platform != "win32":\n    import fcntl\n', ["import fcntl"]),
    "guarded_else": (
        f'import os\nif os.name == "posix":  {GUARD_MARK}\n    pass\nelse:\n    os.fork()\n',
        ["os.fork"],
    ),
}


@pytest.mark.parametrize("name", sorted(BITES))
def test_each_portability_ban_bites(name: str, tmp_path: Path) -> None:
    source, expected = BITES[name]
    planted = tmp_path / "boardapp" / "services" / f"_planted_{name}.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(source, encoding="utf-8")
    (tmp_path / "boardapp" / "core").mkdir()
    (tmp_path / DATES_MODULE).write_text(source, encoding="utf-8")  # the dates module may name months

    findings = package_findings(tmp_path)

    rules = [f.rule for f in findings if f.where == f"boardapp/services/_planted_{name}.py"]
    assert len(rules) == len(expected), "\n".join(map(str, findings))
    for rule, words in zip(sorted(rules), sorted(expected), strict=True):
        assert words in rule, "\n".join(map(str, findings))
    if "locale-dependent" not in expected:
        return
    assert not any("locale-dependent" in f.rule for f in findings if f.where == DATES_MODULE)


@pytest.mark.parametrize(
    "source",
    [
        f'import sys\nif sys.platform != "win32":  {GUARD_MARK}\n    import fcntl\n    fcntl.flock(f, fcntl.LOCK_EX)\n',
        f'import os\nif os.name == "posix":  {GUARD_MARK}\n    owner = os.getuid()\n',
        'text = f"{day:%Y-%m-%d} {moment:%H:%M:%S}"\nwhen = day.strftime("%d/%m/%Y")\n',
        'share = "100%"\nlabel = f"{done}/{total} done"\ntarget = folder / "backups" / name\n',
        'url = "https://example.org/" + slug\nrows = "%s rows" % n\n',
        '"""Why "%B" is banned: a docstring may say so."""\n',
        "import shiboken6\nfrom PySide6 import QtCore\n",  # checked as boardapp/gui/x.py below
    ],
)
def test_the_portability_scan_allows(source: str) -> None:
    assert portability_findings(source, "boardapp/gui/x.py") == []
