"""Schema versions: Alembic scripts in the bundled db/ folder, applied on open.

Also a developer entry point: `python -m boardapp.store.migrations new "message"` writes the
next script by comparing the models with a database built from the existing scripts.
"""

from __future__ import annotations

import sys
import tempfile
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine

from boardapp.bundled import db_dir


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(db_dir()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package always ships at least one script
        raise RuntimeError("no schema migrations are bundled")
    return head


def is_known_revision(revision: str) -> bool:
    return any(script.revision == revision for script in _scripts().walk_revisions())


def upgrade_to_head(connection: Connection) -> None:
    """Apply every missing migration on this connection (foreign keys must be off: tables get rebuilt)."""
    command.upgrade(alembic_config(connection), "head")


def new_revision(message: str) -> None:
    """Autogenerate the next migration script from the difference between models and scripts."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'scratch.sqlite'}")
        with engine.begin() as connection:
            upgrade_to_head(connection)
            command.revision(alembic_config(connection), message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    if len(sys.argv) != 3 or sys.argv[1] != "new":
        raise SystemExit('usage: python -m boardapp.store.migrations new "message"')
    new_revision(sys.argv[2])
