"""Who has a database open for writing: one copy of BoardApp at a time, the others told who and since when.

Why a lock on a side file and not SQLite's own locks: SQLite holds its locks only for the length of a
transaction, so two copies of the app can both keep the same file open and overwrite each other's edits
between transactions. The copy that opens a file for writing therefore holds an *exclusive OS-level lock*
on `<db>.lock` for as long as it has the file open.

Why the `filelock` package: it is the well-kept, widely used wrapper over `fcntl.flock` (POSIX) and
`msvcrt.locking` (Windows). Both are locks the operating system drops when the process ends, however it
ends, so a crash or a kill needs no clean-up: the next copy simply gets the lock. It also spares us the
platform-specific code (and its `# posix-only` guards). On a filesystem without any OS locks (rare: some
FUSE or very old NFS mounts) filelock falls back to a marker file, which it breaks when the holder's
process is gone on the same machine; across machines such a drive cannot tell a crash from a holder.

Why the holder's details are in a second file, `<db>.owner.json`: on Windows a file locked with msvcrt
cannot be read by anyone else, so the lock file itself cannot say who holds it. The owner file is only
believed while the lock is held: one left behind by a crash (lock free) is ignored and overwritten.

Shared drives: the lock works across machines as far as the filesystem honours locks — SMB/CIFS shares
from Windows, Samba and NAS boxes do; NFS does when its lock service runs (v4, or v3 with lockd).
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import socket
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from boardapp import __version__
from boardapp.core.dates import short_date
from boardapp.store.errors import StoreError

logger = logging.getLogger("boardapp")

# Every clerk who may write the database's folder must be able to open the lock file, whoever created it
# (POSIX permissions on a shared drive; Windows shares go by the folder's ACL).
SHARED_MODE = 0o666

__all__ = ["FileInUse", "Holder", "PresenceLock", "claim", "holder_of", "lock_path", "owner_path"]


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def owner_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".owner.json")


@dataclass(frozen=True)
class Holder:
    """The copy of BoardApp that has a database open for writing (as it wrote in the owner file)."""

    user: str
    machine: str
    pid: int
    since: datetime | None  # aware, UTC; None when the owner file could not be read
    app_version: str = ""

    @classmethod
    def me(cls, now: datetime | None = None) -> Holder:
        """This process: the user logged in, this machine's name, now."""
        return cls(user=_user(), machine=socket.gethostname(), pid=os.getpid(), since=now or datetime.now(UTC),
                   app_version=__version__)

    @classmethod
    def unknown(cls) -> Holder:
        """The lock is held but the owner file is missing or unreadable (the holder is just starting)."""
        return cls(user="", machine="", pid=0, since=None)

    def to_json(self) -> str:
        since = self.since.astimezone(UTC).isoformat() if self.since is not None else None
        return json.dumps({"user": self.user, "machine": self.machine, "pid": self.pid, "since": since,
                           "app_version": self.app_version})

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            since = datetime.fromisoformat(data["since"]) if data.get("since") else None
            if since is not None and since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return cls(user=str(data.get("user", "")), machine=str(data.get("machine", "")),
                       pid=int(data.get("pid", 0)), since=since, app_version=str(data.get("app_version", "")))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None

    def since_text(self, now: datetime) -> str:
        """ "14:03" today (local time), "5 Dec 2026 14:03" on another day; "" when not known."""
        if self.since is None:
            return ""
        local = self.since.astimezone()
        today = now.astimezone().date() if now.tzinfo is not None else now.date()
        clock = f"{local.hour:02d}:{local.minute:02d}"
        return clock if local.date() == today else f"{short_date(local.date())} {clock}"

    def describe(self, file_name: str, now: datetime) -> str:
        """ "boardapp.sqlite is open in BoardApp on PC-12 by alice since 14:03." """
        if not self.user and not self.machine:
            return f"{file_name} is open in another copy of BoardApp."
        where = f" on {self.machine}" if self.machine else ""
        who = f" by {self.user}" if self.user else ""
        since = self.since_text(now)
        return f"{file_name} is open in BoardApp{where}{who}{f' since {since}' if since else ''}."


class FileInUse(StoreError):
    """Another copy of BoardApp has the file open for writing; `holder` says who, where and since when.

    Nothing was changed. The answer is to open the file read-only, or to wait until the other copy closes it.
    """

    def __init__(self, path: Path, holder: Holder, now: datetime | None = None) -> None:
        super().__init__(path, holder.describe(path.name, now or datetime.now(UTC)))
        self.holder = holder


class PresenceLock:
    """The exclusive lock this process holds on a database while it has it open for writing."""

    def __init__(self, db_path: Path, lock: FileLock, holder: Holder) -> None:
        self.db_path = db_path
        self.holder = holder
        self._lock = lock

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def release(self) -> None:
        """Forget the owner file first (while still holding the lock), then let go of the lock."""
        if not self._lock.is_locked:
            return
        with suppress(OSError):
            owner_path(self.db_path).unlink(missing_ok=True)
        self._lock.release(force=True)


def claim(db_path: Path, *, now: datetime | None = None) -> PresenceLock:
    """Take the lock on `db_path` for this process and say who holds it; FileInUse when another copy has it.

    Never waits: the GUI decides whether to wait (and shows it), the caller retries.
    """
    lock = FileLock(str(lock_path(db_path)), timeout=0, mode=SHARED_MODE, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise FileInUse(db_path, read_holder(db_path), now) from None
    me = Holder.me(now.astimezone(UTC) if now is not None and now.tzinfo is not None else None)
    try:
        _write_atomically(owner_path(db_path), me.to_json())
    except OSError as exc:  # the lock still protects the file; others are only told less
        logger.warning("could not write %s: %s", owner_path(db_path), exc)
    return PresenceLock(db_path, lock, me)


def holder_of(db_path: Path) -> Holder | None:
    """Who has `db_path` open for writing, or None when nobody does (a crashed holder's lock is free).

    Takes the lock for an instant to find out; creates no file when there is no lock file (nobody ever
    held it). An error while probing (a read-only folder) counts as nobody: SQLite's own locks still apply.
    """
    if not lock_path(db_path).exists():
        return None
    probe = FileLock(str(lock_path(db_path)), timeout=0, mode=SHARED_MODE, thread_local=False)
    try:
        probe.acquire()
    except Timeout:
        return read_holder(db_path)
    except OSError:
        return None
    probe.release(force=True)
    return None


def read_holder(db_path: Path) -> Holder:
    """What the owner file says (Holder.unknown() when missing or unreadable); believe it only while locked."""
    try:
        text = owner_path(db_path).read_text(encoding="utf-8")
    except OSError:
        return Holder.unknown()
    return Holder.from_json(text) or Holder.unknown()


def _write_atomically(target: Path, text: str) -> None:
    """Readers never see half a file: written beside it, then renamed over it."""
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    try:
        os.replace(temporary, target)
    except OSError:
        with suppress(OSError):
            temporary.unlink()
        raise


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in the environment nor the password database
        return os.environ.get("USERNAME", "") or os.environ.get("USER", "")
