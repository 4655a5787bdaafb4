"""Moved to tests/helpers/foreign_locale.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.foreign_locale import *  # noqa: F403
