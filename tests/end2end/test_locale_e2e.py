"""BoardApp run as a German user runs it: LANG and LC_ALL are de_DE.UTF-8, and the locale is real.

The GUI must start (`--smoke`), and what the app writes for people stays English: QApplication
calls setlocale(LC_ALL, "") when it starts, so the CLI runs here do the same first, and the
minutes and the action log must still say "Tuesday", "August" and "Oct", not "Dienstag" or "Okt".
The frozen app gets the same `--smoke` check in test_frozen.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.helpers.e2e import AppRunner, describe

BOARD = "Lancashire Children's Services Improvement Board"
AS_QT_DOES = (
    "import locale, runpy; locale.setlocale(locale.LC_ALL, ''); "
    "runpy.run_module('boardapp', run_name='__main__', alter_sys=True)"
)
GERMAN_WORDS = ("Dienstag", "Okt ", "Oktober", "Juni", "Mär")


@pytest.fixture
def german_cli(tmp_path: Path, german_env: dict[str, str]) -> Iterator[AppRunner]:
    """`boardapp` in German, with the process locale set from the environment as Qt sets it."""
    runner = AppRunner([sys.executable, "-c", AS_QT_DOES], tmp_path)
    runner.env.update(german_env)
    yield runner
    runner.assert_user_data_untouched()


def test_smoke_in_a_german_locale(boardapp_cli: AppRunner, german_env: dict[str, str]) -> None:
    boardapp_cli.env.update(german_env)
    result = boardapp_cli("--smoke")
    assert result.returncode == 0, describe(result)
    assert "Traceback" not in result.stderr, describe(result)
    assert boardapp_cli.db_path.is_file(), describe(result)


def test_minutes_and_action_log_stay_english_in_a_german_locale(german_cli: AppRunner, tmp_path: Path) -> None:
    result = german_cli("demo")
    assert result.returncode == 0, describe(result)

    target = tmp_path / "minutes.docx"
    result = german_cli("export", "minutes", "--board", BOARD, "--date", "2017-08-01", "-o", str(target))
    assert result.returncode == 0, describe(result)
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "Tuesday, 1st August, 2017" in text
    assert "2.30 pm" in text
    assert not [word for word in GERMAN_WORDS if word in text], text

    result = german_cli("actions", "--board", BOARD, "--status", "all", "--as-at", "2017-08-02")
    assert result.returncode == 0, describe(result)
    assert "10 Oct 2017 meeting" in result.stdout, describe(result)
    assert "12 Sep 2017 meeting" in result.stdout, describe(result)
    assert not [word for word in GERMAN_WORDS if word in result.stdout], describe(result)
