"""Moved to tests/helpers/plans.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.plans import *  # noqa: F403
