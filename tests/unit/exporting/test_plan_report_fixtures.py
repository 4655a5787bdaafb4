"""Moved to tests/helpers/plan_report.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.plan_report import *  # noqa: F403
