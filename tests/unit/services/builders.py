"""Moved to tests/helpers/builders.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.builders import *  # noqa: F403
