"""Opening a BoardApp database: recognise the file, refuse what is not ours, create and upgrade atomically.

The checks use the stdlib sqlite3 module read-only, so a foreign or damaged file is never
written to. Only a file we recognise (or a new one) gets an engine with the app's pragmas.

What makes this trustworthy (issue 11):
- a new file is built under a temporary name and renamed into place, so a first run is all or
  nothing; a half-created file left by an older version is recognised, kept, and recreated;
- an upgrade holds the file exclusively (or refuses: "locked"), copies it with SQLite's backup
  API (every committed transaction, WAL included), migrates the copy, and writes it back through
  the backup API in one transaction: a failure or a kill leaves the original as it was;
- the full check is skipped only when the file's content digest equals the one recorded at this
  app's last clean close: content, not size and modification time;
- a file or folder we cannot write opens read-only, and refuses edits up front;
- every sqlite3/OS error on the way is classified into a StoreError (errors.classify).

Who decides what is "another program's" file: an SQLite file with a different application_id,
or one with no application_id that holds tables we do not know, or with no tables at all (an
empty database someone else made: BoardApp never leaves such a file, since it creates its files
under a temporary name). Only a missing or zero-byte file is "new".
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry
from sqlmodel import Session

from boardapp.home import AppHome
from boardapp.store import migrations, presence
from boardapp.store.backups import has_backup_on, list_backups, take_backup
from boardapp.store.early_digest import CLEAN_CLOSE_STAMP, EarlyDigest
from boardapp.store.errors import (
    DamagedDatabase,
    InterruptedFirstRun,
    MigrationFailed,
    MissingVersion,
    NewerSchema,
    NotABoardAppDatabase,
    NotADatabaseFile,
    OverwrittenDatabase,
    ReadOnlyDatabase,
    StoreError,
    classify,
    locked,
)
from boardapp.store.errors import (
    read_only as read_only_error,
)
from boardapp.store.fileformat import APPLICATION_ID, SQLITE_MAGIC, content_digest, read_only_uri
from boardapp.store.presence import FileInUse, PresenceLock

logger = logging.getLogger("boardapp")

__all__ = [
    "APPLICATION_ID", "SQLITE_MAGIC", "FileCheck", "FileKind", "Store", "inspect_file", "open_database",
    "open_server_store",
]  # fmt: skip

BUSY_TIMEOUT_MS = 5000
UPGRADE_LOCK_WAIT_S = 2.0  # how long an upgrade waits for another program to let go of the file
_WRITE_KEYWORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class FileKind(Enum):
    NEW = "new"  # missing or zero bytes: will be created
    BOARDAPP = "boardapp"
    INTERRUPTED = "interrupted"  # a first run that did not finish: BoardApp tables, no version, no data


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
    backups_dir: Path | None = None  # where the close-after-changes backup goes (None: no backup on close)
    changed: bool = False  # set by the engine when anything was written: a close then takes a backup
    read_only_reason: str = ""  # why edits are refused, when it is not the file's permissions (issue 16)
    presence: PresenceLock | None = None  # the lock saying this copy has the file open for writing (presence.py)
    server_url: str | None = None  # a PostgreSQL database (store/postgres.py): `path` is then only a label
    daily_backup_due: bool = False  # opened with daily_backup=False and none taken today: take_daily_backup()
    _closed: bool = field(default=False, repr=False)

    def session(self) -> Session:
        session = Session(self.engine, expire_on_commit=False)
        if self.read_only:  # a write through a plain session is refused in words too, never as SQL
            event.listen(session, "before_flush", self._refuse_flush)
        return session

    def _refuse_flush(self, *_args: Any) -> None:
        raise ReadOnlyDatabase(self.path, self.read_only_reason or read_only_error(self.path, "save to").args[0])

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error.

        A read-only store refuses up front (ReadOnlyDatabase); a locked, full or read-only file found
        while writing is raised as its StoreError with a plain message, never as SQL.
        """
        if self.read_only:
            raise ReadOnlyDatabase(
                self.path, self.read_only_reason or f"{self.path.name} is open read-only (the file or its folder "
                f"cannot be written): nothing can be changed. Copy it to a folder you can write to."
            )
        with self.session() as session:
            try:
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if isinstance(exc, (SQLAlchemyError, sqlite3.Error, OSError)):
                    known = classify(exc, self.path, doing="save to")
                    if known is not None:
                        raise known from exc
                raise

    def backup(self, reason: str) -> Path | None:
        """A verified backup now, e.g. `store.backup("before import")` just before an import writes.

        Returns the backup's path; None for a read-only store (nothing can change, so nothing to keep).
        Raises a StoreError (DiskFull, …) when it cannot be written: the caller should not go on.
        """
        if self.read_only or self.backups_dir is None:
            return None
        if self.server_url is not None:
            from boardapp.store.postgres import dump_backup

            return dump_backup(self.server_url, self.backups_dir, reason)
        return take_backup(self.path, self.backups_dir, reason)

    def take_daily_backup(self, now: datetime | None = None) -> Path | None:
        """The first-open-of-the-day backup that open_database(daily_backup=False) left for later (issue 11).

        The GUI calls it once its window is shown, so the copy (a fifth of a second for 30 MB) is not part of
        start-up. A failure is logged, as at open: the file itself is fine. Returns the backup, if one was taken.
        """
        if not self.daily_backup_due or self._closed or self.backups_dir is None:
            return None
        self.daily_backup_due = False
        when = now or datetime.now()
        if has_backup_on(self.path, self.backups_dir, when.date()):
            return None
        try:
            return take_backup(self.path, self.backups_dir, "daily", now=when)
        except (StoreError, OSError, sqlite3.Error) as exc:
            logger.warning("the daily backup of %s failed: %s", self.path, exc)
            return None

    def close(self) -> None:
        """Release the file; after changes take a backup, and record the clean close (content digest)."""
        if self._closed:
            return
        self._closed = True
        self.engine.dispose()
        try:
            self._close_writable()
        finally:
            if self.presence is not None:  # last: nobody else writes until the backup and stamp are done
                self.presence.release()

    def _close_writable(self) -> None:
        if self.read_only or self.server_url is not None:  # a server keeps its own data: no file to stamp
            return
        if self.changed and self.backups_dir is not None:
            try:
                take_backup(self.path, self.backups_dir, "after changes")
            except (StoreError, OSError, sqlite3.Error) as exc:
                logger.warning("the backup after changes to %s failed: %s", self.path, exc)
        if self.verified_stamp is not None:
            _record_clean_close(self.path, self.verified_stamp)


def open_store(
    home: AppHome,
    *,
    now: datetime | None = None,
    read_only: bool = False,
    claim: bool = False,
    early_digest: EarlyDigest | None = None,
    daily_backup: bool = True,
) -> Store:
    try:
        home.ensure()
    except OSError as exc:
        known = classify(exc, home.db_path, doing="open")
        if known is None:
            raise
        if not home.db_path.exists():
            raise known from exc
        # A read-only home with a database in it: it still opens, read-only (see open_database).
    if home.server_url is not None:
        return open_server_store(home.server_url, home.db_path, home.backups_dir, read_only=read_only)
    return open_database(
        home.db_path,
        home.backups_dir,
        now=now,
        read_only=read_only,
        claim=claim,
        early_digest=early_digest,
        daily_backup=daily_backup,
    )


def open_server_store(url: str, label: Path, backups_dir: Path, *, read_only: bool = False) -> Store:
    """A store on a PostgreSQL database (issue 16): created or upgraded on the server, no file, no presence lock.

    `label` stands for the database wherever a path is expected (recovery files go beside it).
    """
    from boardapp.store.postgres import open_server_engine, shown_url

    store = Store(
        engine=open_server_engine(url, label, read_only=read_only),
        path=label,
        read_only=read_only,
        backups_dir=None if read_only else backups_dir,
        server_url=url,
    )
    if read_only:
        store.read_only_reason = f"{shown_url(url)} is open read-only: nothing can be changed."
    _watch_for_writes(store)
    return store


def open_database(
    path: Path,
    backups_dir: Path,
    *,
    now: datetime | None = None,
    read_only: bool = False,
    claim: bool = False,
    early_digest: EarlyDigest | None = None,
    daily_backup: bool = True,
) -> Store:
    """Open (creating or upgrading as needed) the database at `path`.

    Raises a StoreError subclass with a message for the user when the file cannot be used;
    in that case the file has not been modified. `now` dates the automatic backups.

    Two copies of the app on one file (issue 16, presence.py): `claim=True` (the GUI) takes the file's
    presence lock for as long as the store is open, or raises FileInUse naming who has it. Without
    `claim` (the CLI) a file another copy holds opens read-only, its edits refused naming the holder, so
    reading commands work and writing ones stop before writing. `read_only=True` opens it read-only by choice.

    Start-up (issue 13): `early_digest` is the file's digest hashed while the GUI imported its libraries
    (early_digest.py); `daily_backup=False` leaves the first-open-of-the-day backup to `take_daily_backup`,
    which the GUI calls once its window is shown (the CLI keeps taking it here).
    """
    try:
        return _open_present(
            path,
            backups_dir,
            now or datetime.now(),
            read_only=read_only,
            claim=claim,
            early=early_digest,
            daily_backup=daily_backup,
        )
    except StoreError:
        raise
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        known = classify(exc, path, doing="open")
        if known is None:
            raise
        raise known from exc


def _open_present(
    path: Path,
    backups_dir: Path,
    now: datetime,
    *,
    read_only: bool,
    claim: bool,
    early: EarlyDigest | None,
    daily_backup: bool,
) -> Store:
    """_open, after taking the presence lock (claim) or finding who holds it (presence.py, issue 16)."""
    reason = ""
    lock: PresenceLock | None = None
    if claim and not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        if _writable(path) and not _refused_anyway(path):  # else nothing is written, not even beside it
            lock = presence.claim(path)
    elif (holder := presence.holder_of(path)) is not None:
        read_only = True
        reason = f"{FileInUse(path, holder).args[0]} Nothing can be changed here until it is closed there."
    elif read_only:
        reason = f"{path.name} is open read-only: nothing can be changed. Open it again for writing to edit it."
    try:
        store = _open(path, backups_dir, now, force_read_only=read_only, early=early, daily_backup=daily_backup)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if store.read_only and reason:
        store.read_only_reason = reason
    store.presence = lock
    return store


def _refused_anyway(path: Path) -> bool:
    """A file _open will refuse whoever holds it (another program's, damaged, newer): no lock file beside it."""
    try:
        inspect_file(path, integrity_check=False)
    except (NotABoardAppDatabase, DamagedDatabase, NewerSchema):
        return True
    except StoreError:
        return False  # locked, unreadable for now…: claim, and let _open say what it finds
    return False


def _open(
    path: Path,
    backups_dir: Path,
    now: datetime,
    *,
    force_read_only: bool = False,
    early: EarlyDigest | None = None,
    daily_backup: bool = True,
) -> Store:
    if not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    read_only = force_read_only or not _writable(path)
    stamp = backups_dir / VERIFIED_STAMP
    backup_due = False
    try:
        check = inspect_file(path, integrity_check=not _closed_cleanly(path, stamp, early))
    except NotADatabaseFile as exc:
        if not list_backups(path, backups_dir, verify=False):
            raise
        raise OverwrittenDatabase(
            path, f"{path} is no longer a database file: something was saved over it, or it was damaged. It was "
            f"not changed. Restore one of the automatic backups of it."
        ) from exc
    head = migrations.head_revision()
    if read_only and (check.kind is not FileKind.BOARDAPP or check.revision != head):
        what = {FileKind.NEW: "created", FileKind.INTERRUPTED: "created again"}.get(check.kind, "upgraded")
        raise ReadOnlyDatabase(
            path, f"{path.name} must be {what} before it can be used, but the file or its folder is read-only. "
            f"Nothing was changed. Copy it to a folder you can write to, or ask for write permission."
        )
    if check.kind is FileKind.NEW:
        _create_new(path)
    elif check.kind is FileKind.INTERRUPTED:
        _recreate_interrupted(path, now)
    elif check.revision != head:
        _upgrade_on_a_copy(path, backups_dir, check.revision, now)
    elif not read_only and not has_backup_on(path, backups_dir, now.date()):
        if daily_backup:
            try:
                take_backup(path, backups_dir, "daily", now=now)
            except StoreError as exc:  # the file itself is fine: open it, and say so in the log
                logger.warning("the daily backup of %s failed: %s", path, exc)
        else:
            backup_due = True
    if not read_only:
        _forget_clean_close(path, stamp)  # until this session closes cleanly, the next open checks the file
    store = Store(
        daily_backup_due=backup_due,
        engine=make_engine(path, read_only=read_only),
        path=path,
        read_only=read_only,
        verified_stamp=None if read_only else stamp,
        backups_dir=None if read_only else backups_dir,
    )
    _watch_for_writes(store)
    return store


def _writable(path: Path) -> bool:
    """Can this file (or, for a new file, its folder) be written? The folder matters too: SQLite writes its
    -wal and -shm files beside the database."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    if not path.exists():
        return folder_ok
    return folder_ok and os.access(path, os.W_OK)


def _watch_for_writes(store: Store) -> None:
    @event.listens_for(store.engine, "after_cursor_execute")
    def _seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not store.changed and statement.lstrip().upper().startswith(_WRITE_KEYWORDS):
            store.changed = True


def inspect_file(path: Path, *, integrity_check: bool = True, thorough: bool = False) -> FileCheck:
    """Tell a new, BoardApp, interrupted, foreign, damaged or newer-version file apart without writing to it.

    The check reads every page (quick_check; `thorough` runs the full integrity_check, for `boardapp
    check`); it is skipped only for a file whose content is exactly what this app closed cleanly.
    """
    if not path.exists() or path.stat().st_size == 0:
        return FileCheck(FileKind.NEW)
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotADatabaseFile(
            path, f"{path} is not a BoardApp database (it is not a database file at all). It was not changed."
        )
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        known = classify(exc, path, doing="open")
        raise (known or DamagedDatabase(path, f"{path} cannot be opened: {exc}. It was not changed.")) from exc
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id != APPLICATION_ID and not _could_be_ours(app_id, tables):
            raise NotABoardAppDatabase(
                path,
                f"{path} is a database of another program, not of BoardApp"
                f"{' (an empty one, which BoardApp did not create)' if not tables else ''}. It was not changed; "
                f"choose a BoardApp file or a new file name.",
            )
        if integrity_check:
            pragma = "integrity_check" if thorough else "quick_check"
            problems = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
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
        holds_data = revision is None and _holds_data(connection, tables)
    except StoreError:
        raise
    except sqlite3.DatabaseError as exc:
        known = classify(exc, path, doing="open")
        if known is not None and not isinstance(known, DamagedDatabase):
            raise known from exc
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
    if revision is None:
        if holds_data:
            raise MissingVersion(
                path,
                f"{path} holds BoardApp data but its schema version record is missing, so it cannot be "
                f"upgraded safely. It was not changed. Restore one of the automatic backups, or send the file "
                f"to support.",
            )
        if tables - {"alembic_version"}:
            return FileCheck(FileKind.INTERRUPTED)
    return FileCheck(FileKind.BOARDAPP, revision)


def _could_be_ours(app_id: int, tables: set[str]) -> bool:
    """An unstamped file whose tables are all BoardApp's: a first run of an older version cut short."""
    if app_id != 0 or not tables:
        return False
    return tables <= _boardapp_tables()


def _boardapp_tables() -> set[str]:
    from sqlmodel import SQLModel

    import boardapp.core.models  # noqa: F401  (registers every table)

    names = set(SQLModel.metadata.tables) | {"alembic_version"}
    return names | {"search_index", *(f"search_index_{s}" for s in ("data", "idx", "content", "docsize", "config"))}


def _holds_data(connection: sqlite3.Connection, tables: set[str]) -> bool:
    """Any row in a table of ours (the search index is derived, and alembic_version is bookkeeping)."""
    for table in sorted(tables):
        if table == "alembic_version" or table.startswith(("search_", "sqlite_")):
            continue
        if connection.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is not None:
            return True
    return False


def make_engine(path: Path, *, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    if read_only:  # mode=ro: SQLite itself refuses any write, whatever a caller tries
        uri = read_only_uri(path)

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

        engine = create_engine(f"sqlite:///{path}", creator=connect)
    else:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        if not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA synchronous = FULL")  # a committed minute survives a power cut
        cursor.close()

    return engine


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _remove_with_side_files(path: Path) -> None:
    for leftover in (path, *_side_files(path)):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def _create_new(path: Path) -> None:
    """Build the schema in a temporary file and rename it into place: a first run is all or nothing."""
    _create_new_beside(path)
    creating = path.with_name(path.name + ".creating")
    if path.exists() and path.stat().st_size > 0:  # another BoardApp created it meanwhile: theirs wins
        _remove_with_side_files(creating)
        raise locked(path, "create")
    os.replace(creating, path)


def _recreate_interrupted(path: Path, now: datetime) -> None:
    """Keep what an interrupted first run left (renamed beside it), then create the file afresh."""
    kept = path.with_name(f"{path.name}.interrupted-{now:%Y%m%d-%H%M%S}")
    _create_new_beside(path)
    for original, target in zip((path, *_side_files(path)), (kept, *_side_files(kept)), strict=True):
        if original.exists():
            os.replace(original, target)
    os.replace(path.with_name(path.name + ".creating"), path)
    logger.warning("%s was left half-created by an interrupted first run; kept as %s and created again", path, kept)


def _create_new_beside(path: Path) -> None:
    """The complete new schema under `NAME.creating` (what an interrupted attempt left is removed first)."""
    creating = path.with_name(path.name + ".creating")
    _remove_with_side_files(creating)
    try:
        _migrate(creating)
        _fsync(creating)
    except BaseException as exc:
        _remove_with_side_files(creating)
        if isinstance(exc, (OSError, sqlite3.Error, SQLAlchemyError)):
            known = classify(exc, path, doing="create")
            raise (known or InterruptedFirstRun(path, f"{path.name} could not be created again ({exc}).")) from exc
        raise


def _hold_exclusively(path: Path) -> sqlite3.Connection:
    """A connection that keeps every other connection out until closed; DatabaseLocked if one is in."""
    holder = sqlite3.connect(path, timeout=UPGRADE_LOCK_WAIT_S, isolation_level=None)
    try:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
        holder.execute("COMMIT")  # in EXCLUSIVE locking mode the lock is kept after the commit
    except sqlite3.OperationalError as exc:
        holder.close()
        known = classify(exc, path, doing="upgrade")
        if known is None:
            raise
        raise known from exc
    return holder


def _upgrade_on_a_copy(path: Path, backups_dir: Path, revision: str | None, now: datetime) -> None:
    """Migrate a copy and write it back in one transaction, so a failed upgrade leaves the original untouched."""
    holder = _hold_exclusively(path)
    staging = path.with_name(path.name + ".upgrading")
    _remove_with_side_files(staging)
    try:
        take_backup(path, backups_dir, f"before upgrade from {revision or 'unversioned'}", source=holder, now=now)
        copy = sqlite3.connect(staging)
        try:
            holder.backup(copy)  # every committed transaction, WAL included
        finally:
            copy.close()
        try:
            _migrate(staging)
        except Exception as exc:
            known = classify(exc, path, doing="upgrade")
            if known is not None and not isinstance(known, DamagedDatabase):
                raise known from exc
            raise MigrationFailed(
                path,
                f"{path.name} could not be upgraded to this version of BoardApp ({_first_line(exc)}). "
                f"It was not changed.",
            ) from exc
        upgraded = sqlite3.connect(staging)
        try:
            upgraded.backup(holder)  # one write transaction on the original: all of it, or none
        finally:
            upgraded.close()
    except (OSError, sqlite3.Error) as exc:
        known = classify(exc, path, doing="upgrade")
        if known is None:
            raise MigrationFailed(
                path, f"{path.name} could not be upgraded ({_first_line(exc)}). It was not changed."
            ) from exc
        raise known from exc
    finally:
        holder.close()
        _remove_with_side_files(staging)


def _migrate(path: Path) -> None:
    engine = make_engine(path, foreign_keys=False)  # table rebuilds must not cascade deletes
    try:
        with engine.begin() as connection:
            migrations.upgrade_to_head(connection)
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"{len(broken)} rows would break references after the upgrade")
        with engine.connect() as connection:
            problems = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise RuntimeError(f"the upgraded copy fails its check: {'; '.join(problems[:3])}")
    finally:
        engine.dispose()


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


VERIFIED_STAMP = CLEAN_CLOSE_STAMP


def _read_stamps(stamp: Path) -> dict[str, str]:
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def _has_pending_wal(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _closed_cleanly(path: Path, stamp: Path, early: EarlyDigest | None = None) -> bool:
    """True when this app closed the file cleanly and its content (every byte) is unchanged since."""
    expected = _read_stamps(stamp).get(str(path))
    if expected is None or _has_pending_wal(path):
        return False
    try:
        digest = early.digest_of(path) if early is not None else None
        return (digest or content_digest(path)) == expected
    except OSError:
        return False


def _record_clean_close(path: Path, stamp: Path) -> None:
    if _has_pending_wal(path):
        return  # another connection still has it open: the file alone is not the whole database
    stamps = _read_stamps(stamp)
    try:
        stamps[str(path)] = content_digest(path)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(stamps), encoding="utf-8")
    except OSError:
        pass  # no stamp only means the next open checks the whole file


def _forget_clean_close(path: Path, stamp: Path) -> None:
    stamps = _read_stamps(stamp)
    if stamps.pop(str(path), None) is not None:
        with suppress(OSError):
            stamp.write_text(json.dumps(stamps), encoding="utf-8")
