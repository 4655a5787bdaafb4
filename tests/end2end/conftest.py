"""End-to-end fixtures: the real `boardapp` command as a subprocess, on a temporary home."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_app import AppRunner


@pytest.fixture
def boardapp_cli(tmp_path: Path) -> Iterator[AppRunner]:
    """`python -m boardapp --basedir <tmp>/home ...` with the offscreen Qt platform."""
    runner = AppRunner([sys.executable, "-m", "boardapp"], tmp_path)
    yield runner
    runner.assert_user_data_untouched()
