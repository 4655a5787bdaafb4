"""Problems with a database file that the user can cause, each with a message they can act on.

Like qutebrowser's misc/sql.py, errors are split into *known* ones (a locked, read-only, full,
damaged or foreign file: the user's environment, told in plain words, each its own class so the
GUI can choose a safe default button) and *bugs* (anything else, which must reach the crash
reporter with its traceback). `classify` does the split for an exception raised by sqlite3,
SQLAlchemy, the operating system, or psycopg (a PostgreSQL server connection that was lost).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """A database problem the user must be told about; `str()` is the message for them."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class NotABoardAppDatabase(StoreError):
    """The file is not SQLite, or is an SQLite file that belongs to another program."""


class NotADatabaseFile(NotABoardAppDatabase):
    """The file has no SQLite header at all (a document, a spreadsheet, junk)."""


class DamagedDatabase(StoreError):
    """SQLite reports corruption; the file is left untouched so it can be recovered. Only this offers a restore."""


class OverwrittenDatabase(DamagedDatabase):
    """Where BoardApp's database was (backups of it exist) there is now something that is not a database."""


class MissingVersion(DamagedDatabase):
    """A BoardApp file holding data whose schema version record is gone: never recreated, never guessed."""


class NewerSchema(StoreError):
    """Written by a newer BoardApp: opening it here could lose what that version stores."""


class MigrationFailed(StoreError):
    """An upgrade failed; the original file was not changed."""


class DatabaseLocked(StoreError):
    """Another program (or another BoardApp) holds the file; waiting and trying again is the answer."""


class ReadOnlyDatabase(StoreError):
    """The file or its folder cannot be written: it can be read, never changed."""


class DiskFull(StoreError):
    """No space left (or a quota reached) while writing; nothing half-written was kept."""


class InterruptedFirstRun(StoreError):
    """A new database whose creation was interrupted and which could not be recreated now."""


class UnsafeOutput(StoreError):
    """An export would overwrite the database, its WAL, a backup, or something that is not a plain file."""


class StoreUnavailable(StoreError):
    """The file could not be read or written for another reason the operating system gave (in plain words)."""


class ConnectionLost(StoreUnavailable):
    """The PostgreSQL server went away mid-session (stopped, restarted, the connection killed or the network
    dropped). Like a locked file, waiting and trying again is the answer: the pool reconnects on the next use."""


_LOCKED_CODES = {"SQLITE_BUSY", "SQLITE_LOCKED"}
_READ_ONLY_CODES = {"SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"}
_FULL_CODES = {"SQLITE_FULL"}
_DAMAGED_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error inside `exc` (SQLAlchemy wraps it as `.orig`; raise-from chains it as __cause__)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        orig = getattr(current, "orig", None)
        if isinstance(orig, sqlite3.Error):
            return orig
        current = current.__cause__ or current.__context__
    return None


def _os_error(exc: BaseException) -> OSError | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        current = current.__cause__ or current.__context__
    return None


def classify(exc: BaseException, path: Path, *, doing: str = "use") -> StoreError | None:
    """The known StoreError for `exc` while trying to `doing` the file at `path`, or None for a bug.

    `doing` is a verb phrase for the message ("open", "save to", "back up"). Callers raise the
    result `from exc`; None means: re-raise, it is a programming error and belongs in the crash log.
    """
    if isinstance(exc, StoreError):
        return exc
    if is_lost_server_connection(exc):
        return connection_lost(path)
    name = path.name
    sqlite_error = _sqlite_error(exc)
    if sqlite_error is not None:
        code = getattr(sqlite_error, "sqlite_errorname", "") or ""
        text = "" if code else str(sqlite_error).lower()  # the message only when there is no code (old SQLite)
        if code.startswith(tuple(_LOCKED_CODES)) or "database is locked" in text or "table is locked" in text:
            return locked(path, doing)
        if code.startswith(tuple(_READ_ONLY_CODES)) or "readonly database" in text:
            return read_only(path, doing)
        if code in _FULL_CODES or "disk is full" in text:
            return disk_full(path, doing)
        if code.startswith("SQLITE_CANTOPEN") or "unable to open database" in text:
            return StoreUnavailable(
                path, f"Could not {doing} {name}: the file or its folder cannot be opened (check it exists and "
                f"that you may use it). It was not changed."
            )
        if code.startswith(tuple(_DAMAGED_CODES)) or "malformed" in text or "not a database" in text:
            return DamagedDatabase(
                path, f"{name} is damaged ({sqlite_error}). It was not changed. Restore one of the automatic "
                f"backups, or send the file to support."
            )
        if code.startswith("SQLITE_IOERR"):
            return StoreUnavailable(
                path, f"Could not {doing} {name}: the disk reported an error ({sqlite_error}). Check the disk or "
                f"network drive and try again."
            )
        return None
    os_error = _os_error(exc)
    if os_error is not None:
        number = os_error.errno
        if number in (errno.ENOSPC, errno.EDQUOT):
            return disk_full(path, doing)
        if number in (errno.EACCES, errno.EPERM, errno.EROFS):
            return read_only(path, doing)
        if number == errno.ENAMETOOLONG:
            return StoreUnavailable(path, f"Could not {doing} {name}: the file name or path is too long.")
        if number == errno.EISDIR:
            return StoreUnavailable(path, f"Could not {doing} {name}: it is a folder, not a database file.")
        if number in (errno.ENOENT, errno.ENOTDIR):
            return StoreUnavailable(path, f"Could not {doing} {name}: the folder {path.parent} does not exist.")
        if number in (errno.EIO, errno.EBUSY, errno.ETXTBSY):
            return StoreUnavailable(path, f"Could not {doing} {name}: {os_error.strerror or os_error}.")
    return None


# SQLSTATE classes of a connection the server ended: 08 connection exception; 57P01-57P03 the server shut
# down, crashed or is starting (pg_terminate_backend gives 57P01 admin_shutdown).
_LOST_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def is_lost_server_connection(exc: BaseException) -> bool:
    """A PostgreSQL connection that is gone: SQLAlchemy saw a disconnect, or the driver's SQLSTATE says so."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        for error in (current, getattr(current, "orig", None)):
            if not type(error).__module__.startswith("psycopg"):
                continue  # SQLite's errors are classified below, in words about a file
            if getattr(current, "connection_invalidated", False):  # SQLAlchemy saw the disconnect
                return True
            state = getattr(error, "sqlstate", None)
            if isinstance(state, str) and state.startswith(_LOST_SQLSTATES):
                return True
        current = current.__cause__ or current.__context__
    return False


def connection_lost(path: Path, where: str = "") -> ConnectionLost:
    """`where` names the server (password hidden); without it the message still says what to do."""
    server = f"database server {where}" if where else "database server"
    return ConnectionLost(
        path,
        f"The connection to the {server} was lost (the server stopped or restarted, or the network dropped). "
        f"What was being saved was not written. Try again when the server is back.",
    )


def locked(path: Path, doing: str = "use") -> DatabaseLocked:
    return DatabaseLocked(
        path,
        f"Could not {doing} {path.name}: another program (or another BoardApp window) is using it. "
        f"Close the other program and try again. Nothing was changed.",
    )


def read_only(path: Path, doing: str = "use") -> ReadOnlyDatabase:
    return ReadOnlyDatabase(
        path,
        f"Could not {doing} {path.name}: the file or its folder is read-only. Copy it to a folder you can "
        f"write to, or ask for write permission. Nothing was changed.",
    )


def disk_full(path: Path, doing: str = "use") -> DiskFull:
    return DiskFull(
        path,
        f"Could not {doing} {path.name}: the disk is full. Free some space and try again. "
        f"Nothing half-written was kept.",
    )
