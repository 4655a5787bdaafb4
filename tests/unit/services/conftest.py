"""The services tests run on both engines: SQLite and a PostgreSQL database of the suite's own server.

`store`, `demo_store` and `sample` follow the engine (tests/helpers/engines.py); a test SQLite by nature
is marked `sqlite_only("why")`.
"""

from __future__ import annotations

from tests.helpers.engines import demo_store, engine_kind, home, pytest_generate_tests

__all__ = ["demo_store", "engine_kind", "home", "pytest_generate_tests"]  # fixtures and the hook, used by name
