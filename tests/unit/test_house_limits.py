"""The house stays easy to change (issue 13): no GUI file over about 500 lines, no class over 30 methods.

God pages (PlanPage was 928 lines and 58 methods) grew one method at a time; this check stops the next
one at the commit that would cross the line, package-wide, so a new module is covered without being listed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import boardapp

PACKAGE = Path(boardapp.__file__).parent
MOST_GUI_LINES = 500
MOST_METHODS = 30


def oversized_gui_files(root: Path) -> list[str]:
    """GUI modules longer than MOST_GUI_LINES lines, as "path: N lines"."""
    found = []
    for path in sorted((root / "gui").rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MOST_GUI_LINES:
            found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def god_classes(root: Path) -> list[str]:
    """Classes anywhere in the package with more than MOST_METHODS methods of their own."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                methods = [f for f in node.body if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)]
                if len(methods) > MOST_METHODS:
                    found.append(f"{path.relative_to(root)}: {node.name} has {len(methods)} methods")
    return found


def test_no_gui_file_is_over_the_line_limit() -> None:
    assert oversized_gui_files(PACKAGE) == []


def test_no_class_has_more_than_thirty_methods() -> None:
    assert god_classes(PACKAGE) == []


def test_the_checks_find_a_planted_god_page(tmp_path: Path) -> None:
    gui = tmp_path / "gui"
    gui.mkdir()
    methods = "".join(f"    def m{n}(self) -> None:\n        pass\n" for n in range(31))
    (gui / "page.py").write_text("class GodPage:\n" + methods + "\n" * 460, encoding="utf-8")
    assert oversized_gui_files(tmp_path) == ["gui/page.py: 523 lines"]
    assert god_classes(tmp_path) == ["gui/page.py: GodPage has 31 methods"]
