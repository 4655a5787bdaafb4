"""Schema versions: Alembic scripts in the bundled db/ folder, applied on open.

Opening an up-to-date file must not pay for importing Alembic (~0.2 s of start-up), so the
revision chain is read from the scripts' `revision`/`down_revision` lines; Alembic itself is
imported only to migrate. A test checks that this reading agrees with Alembic's.

Also a developer entry point: `python -m boardapp.store.migrations new "message"` writes the
next script by comparing the models with a database built from the existing scripts.
"""

from __future__ import annotations

import re
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, create_engine

from boardapp.bundled import db_dir

if TYPE_CHECKING:
    from alembic.config import Config

_REVISION = re.compile(r"^revision(?::[^=]*)?=\s*['\"]([0-9a-zA-Z_]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?::[^=]*)?=\s*(?:None|['\"]([0-9a-zA-Z_]+)['\"])", re.MULTILINE)


@cache
def revision_chain() -> dict[str, str | None]:
    """revision -> the revision it follows, read from the bundled scripts without importing them."""
    chain: dict[str, str | None] = {}
    for script in sorted((db_dir() / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            raise RuntimeError(f"migration script {script.name} has no revision/down_revision line")
        chain[revision.group(1)] = down.group(1)
    return chain


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(db_dir()))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    chain = revision_chain()
    heads = set(chain) - set(chain.values())
    if len(heads) != 1:  # pragma: no cover - a packaging mistake, caught by the tests
        raise RuntimeError(f"the bundled migrations must have exactly one head, not {sorted(heads)}")
    return heads.pop()


def is_known_revision(revision: str) -> bool:
    return revision in revision_chain()


def upgrade_to_head(connection: Connection) -> None:
    """Apply every missing migration on this connection (foreign keys must be off: tables get rebuilt)."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def new_revision(message: str) -> None:
    """Autogenerate the next migration script from the difference between models and scripts."""
    from alembic import command

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
