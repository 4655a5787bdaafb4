"""Moved to tests/helpers/calendar_helpers.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.calendar_helpers import *  # noqa: F403
