"""Moved to tests/helpers/search_world.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.search_world import *  # noqa: F403
