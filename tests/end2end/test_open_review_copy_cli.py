"""`boardapp --db COPY` and `boardapp COPY` (a double-click) open a review copy in the chair's window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.e2e import AppRunner, describe


def test_a_review_copy_named_on_the_command_line_opens_in_the_chair_s_window(
    demo_cli: AppRunner, tmp_path: Path
) -> None:
    copy = tmp_path / "for the chair.sqlite"  # not .boardreview: recognised by its content
    made = demo_cli("review-copy", "--board", "IB", "-o", str(copy))
    assert made.returncode == 0, describe(made)
    for how in (["--db", str(copy)], [str(copy)]):
        result = demo_cli("--smoke", *how)
        assert result.returncode == 0, describe(result)
        assert "review copy window shown for for the chair.sqlite" in result.stderr, describe(result)
        assert "main window idle" not in result.stderr  # never the clerk's window
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM reviewcopyinfo").fetchone() == (1,)
