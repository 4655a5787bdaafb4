"""Moved to tests/helpers/exporting_readback.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.exporting_readback import *  # noqa: F403
