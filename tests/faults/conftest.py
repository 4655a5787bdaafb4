"""Fixtures of the fault-injection suite; the helpers themselves are in faultkit.py (imported by the tests)."""

from __future__ import annotations

from faultkit import holder_of_lock, shared_dir, short_waits

__all__ = ["holder_of_lock", "shared_dir", "short_waits"]
