"""Moved to tests/helpers/exporting_seed.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.exporting_seed import *  # noqa: F403
