"""Opening a BoardApp database: recognise the file, refuse what is not ours, migrate with a backup first.

The checks use the stdlib sqlite3 module read-only, so a foreign or damaged file is never
written to. Only a file we recognise (or a new one) gets an engine with the app's pragmas.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from boardapp.home import AppHome
from boardapp.store import migrations
from boardapp.store.backups import take_backup
from boardapp.store.errors import DamagedDatabase, MigrationFailed, NewerSchema, NotABoardAppDatabase

APPLICATION_ID = 0x42415050  # "BAPP", stamped in the SQLite header of every BoardApp file
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


class FileKind(Enum):
    NEW = "new"  # missing or empty: will be created
    BOARDAPP = "boardapp"


@dataclass(frozen=True)
class FileCheck:
    kind: FileKind
    revision: str | None = None


@dataclass
class Store:
    """An open database: the engine and a session factory, passed to every service."""

    engine: Engine
    path: Path
    read_only: bool = False
    verified_stamp: Path | None = None  # where a clean close is recorded (see _record_clean_close)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.session() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()
        if self.verified_stamp is not None:
            _record_clean_close(self.path, self.verified_stamp)


def open_store(home: AppHome) -> Store:
    home.ensure()
    return open_database(home.db_path, home.backups_dir)


def open_database(path: Path, backups_dir: Path) -> Store:
    """Open (creating or upgrading as needed) the database at `path`.

    Raises a StoreError subclass with a message for the user when the file cannot be used;
    in that case the file has not been modified.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = backups_dir / VERIFIED_STAMP
    check = inspect_file(path, integrity_check=not _closed_cleanly(path, stamp))
    head = migrations.head_revision()
    if check.kind is FileKind.NEW:
        _migrate(path)
    elif check.revision != head:
        _upgrade_on_a_copy(path, backups_dir, check.revision)
    _forget_clean_close(path, stamp)  # until this session closes cleanly, the next open checks the file
    return Store(engine=make_engine(path), path=path, verified_stamp=stamp)


def inspect_file(path: Path, *, integrity_check: bool = True) -> FileCheck:
    """Tell a new, BoardApp, foreign, damaged or newer-version file apart without writing to it.

    The integrity check reads every page (a few tenths of a second on ten years of data); it is
    skipped only for a file that this app closed cleanly and nothing has touched since.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileCheck(FileKind.NEW)
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotABoardAppDatabase(
            path, f"{path} is not a BoardApp database (it is not a database file at all). It was not changed."
        )
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabase(path, f"{path} cannot be opened: {exc}. It was not changed.") from exc
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id != APPLICATION_ID:
            if not tables:
                return FileCheck(FileKind.NEW)
            raise NotABoardAppDatabase(
                path,
                f"{path} is a database of another program, not of BoardApp. It was not changed; "
                f"choose a BoardApp file or a new file name.",
            )
        problems = [row[0] for row in connection.execute("PRAGMA quick_check")] if integrity_check else ["ok"]
        if problems != ["ok"]:
            raise DamagedDatabase(
                path,
                f"{path} is damaged ({'; '.join(problems[:3])}). It was not changed. "
                f"Restore one of the automatic backups, or send the file to support.",
            )
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(
            path,
            f"{path} is damaged ({exc}). It was not changed. Restore one of the automatic backups, "
            f"or send the file to support.",
        ) from exc
    finally:
        connection.close()
    if revision is not None and not migrations.is_known_revision(revision):
        raise NewerSchema(
            path,
            f"{path} was written by a newer version of BoardApp (schema {revision}). Install the newer "
            f"version to open it; this version will not change it.",
        )
    return FileCheck(FileKind.BOARDAPP, revision)


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA synchronous = FULL")  # a committed minute survives a power cut
        cursor.close()

    return engine


def _upgrade_on_a_copy(path: Path, backups_dir: Path, revision: str | None) -> None:
    """Migrate a copy and swap it in, so a failed upgrade leaves the original untouched."""
    with sqlite3.connect(path) as connection:  # fold any WAL into the main file: the copy must be whole
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    take_backup(path, backups_dir, f"before upgrade from {revision or 'unversioned'}")
    staging = path.with_name(path.name + ".upgrading")
    shutil.copy2(path, staging)
    try:
        _migrate(staging)
    except Exception as exc:
        staging.unlink(missing_ok=True)
        raise MigrationFailed(
            path,
            f"{path.name} could not be upgraded to this version of BoardApp ({_first_line(exc)}). It was not changed.",
        ) from exc
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    os.replace(staging, path)


def _migrate(path: Path) -> None:
    engine = make_engine(path, foreign_keys=False)  # table rebuilds must not cascade deletes
    try:
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"{len(broken)} rows would break references after the upgrade")
    finally:
        engine.dispose()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


VERIFIED_STAMP = "clean-close.json"


def _fingerprint(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _read_stamps(stamp: Path) -> dict[str, list[int]]:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _closed_cleanly(path: Path, stamp: Path) -> bool:
    """True when this app closed the file cleanly and its size and modification time are unchanged since."""
    try:
        return _read_stamps(stamp).get(str(path)) == _fingerprint(path)
    except OSError:
        return False


def _record_clean_close(path: Path, stamp: Path) -> None:
    stamps = _read_stamps(stamp)
    try:
        stamps[str(path)] = _fingerprint(path)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(stamps), encoding="utf-8")
    except OSError:
        pass  # no stamp only means the next open checks the whole file


def _forget_clean_close(path: Path, stamp: Path) -> None:
    stamps = _read_stamps(stamp)
    if stamps.pop(str(path), None) is not None:
        with suppress(OSError):
            stamp.write_text(json.dumps(stamps), encoding="utf-8")
