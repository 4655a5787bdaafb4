"""Moved to tests/helpers/querycount.py (one helpers package); this re-export goes once nothing imports it."""

from tests.helpers.querycount import *  # noqa: F403
