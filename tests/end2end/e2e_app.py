"""Moved to tests/helpers/e2e.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.e2e import *  # noqa: F403
