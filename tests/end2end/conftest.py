"""End-to-end fixtures: the real `boardapp` command as a subprocess, on a temporary home."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.e2e import AppRunner, describe


@pytest.fixture
def boardapp_cli(tmp_path: Path) -> Iterator[AppRunner]:
    """`python -m boardapp --basedir <tmp>/home ...` with the offscreen Qt platform."""
    runner = AppRunner([sys.executable, "-m", "boardapp"], tmp_path)
    yield runner
    runner.assert_user_data_untouched()


@pytest.fixture
def demo_cli(boardapp_cli: AppRunner) -> AppRunner:
    """`boardapp_cli` after `boardapp demo` has loaded the demo data."""
    result = boardapp_cli("demo")
    assert result.returncode == 0, describe(result)
    return boardapp_cli
