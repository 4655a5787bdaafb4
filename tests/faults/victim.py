"""A BoardApp process that kills itself (SIGKILL: no cleanup, no finally) at a chosen stage.

    python victim.py STAGE BASEDIR

Used by the fault-injection suite to show that a kill at any stage of a first run, an upgrade or
a backup loses nothing committed and leaves nothing that looks complete but is not.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
from pathlib import Path
from typing import Any

from boardapp.home import AppHome
from boardapp.store import backups, database, migrations


def die(*_args: Any, **_kwargs: Any) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def after(real: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        die()

    return wrapper


class _SlowBackup:
    """A connection whose backup() copies a few pages at a time and dies half-way through."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    def backup(self, target: sqlite3.Connection, **_kwargs: Any) -> None:
        def progress(_status: int, remaining: int, total: int) -> None:
            if total - remaining >= max(1, total // 2):
                die()

        self._connection.backup(target, pages=1, progress=progress)


class _SqliteShim:
    """Stands in for the sqlite3 module in database.py: the Nth connection to a name ending in `suffix` is slow."""

    def __init__(self, suffix: str, nth: int) -> None:
        self.suffix, self.nth, self.seen = suffix, nth, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(sqlite3, name)

    def connect(self, target: Any, *args: Any, **kwargs: Any) -> Any:
        connection = sqlite3.connect(target, *args, **kwargs)
        if str(target).endswith(self.suffix):
            self.seen += 1
            if self.seen == self.nth:
                return _SlowBackup(connection)
        return connection


def _import_actions_and_die(stage: str, basedir: Path) -> None:
    """`boardapp import actions FILE --board B` (from the environment) killed after the backup it takes,
    or after every action is written but before the transaction commits."""
    from boardapp.cli import main as cli_main
    from boardapp.services import action_import
    from boardapp.store.database import Store

    if stage == "import-after-backup":
        Store.backup = after(Store.backup)  # type: ignore[method-assign]
    else:
        real = action_import.apply_action_import

        def apply_then_die(session: Any, preview: Any, **kwargs: Any) -> Any:
            result = real(session, preview, **kwargs)
            session.flush()  # every row is in the database file's journal, none committed
            die()
            return result

        action_import.apply_action_import = apply_then_die
    cli_main(
        ["--basedir", str(basedir), "import", "actions", os.environ["FAULT_IMPORT_FILE"], "--board",
         os.environ["FAULT_IMPORT_BOARD"]]
    )  # fmt: skip


def main(stage: str, basedir: Path) -> None:
    home = AppHome.from_options(basedir=basedir)
    if stage.startswith("import-"):
        _import_actions_and_die(stage, basedir)
        print("the process was not killed", file=sys.stderr)
        return
    if stage == "first-run-mid-schema":
        database.migrations.upgrade_to_head = after(migrations.upgrade_to_head)
    elif stage == "first-run-before-rename":
        database._fsync = after(database._fsync)
    elif stage == "upgrade-after-backup":
        database.take_backup = after(database.take_backup)
    elif stage == "upgrade-mid-migration":
        database.migrations.upgrade_to_head = after(migrations.upgrade_to_head)
    elif stage == "upgrade-before-write-back":
        database._migrate = after(database._migrate)
    elif stage == "upgrade-during-write-back":
        database.sqlite3 = _SqliteShim(".upgrading", 2)  # type: ignore[assignment]
    elif stage == "backup-during-copy":
        backups._copy = _dying_copy
    elif stage == "backup-before-rename":
        backups.verify_backup = after(backups.verify_backup)
    elif stage == "write-during-save":
        store = database.open_store(home)
        with store.transaction() as session:
            session.connection().exec_driver_sql("INSERT INTO organisation (name) VALUES ('committed')")
        session = store.session()
        session.connection().exec_driver_sql("INSERT INTO organisation (name) VALUES ('never committed')")
        session.flush()
        die()
    else:
        raise SystemExit(f"unknown stage {stage}")
    if stage.startswith("backup"):
        backups.take_backup(home.db_path, home.backups_dir, "by hand")
    else:
        database.open_store(home)
    print("the process was not killed", file=sys.stderr)


def _dying_copy(db_path: Path, partial: Path, source: sqlite3.Connection | None) -> None:
    connection = _SlowBackup(sqlite3.connect(db_path))
    destination = sqlite3.connect(partial)
    connection.backup(destination)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
