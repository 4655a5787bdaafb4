"""Copies of the database a clerk can rely on: taken automatically, verified, pruned by a rolling policy,
and restored without destroying the file they replace.

When backups are taken (see database.py): on the first open of each day, on a clean close after
changes, before every upgrade, and before every import (importers call `take_backup`).

Each backup is written with SQLite's backup API (so it holds every committed transaction, WAL
included) to a `.partial` name, then verified (integrity_check, non-zero size, our application_id)
and only then renamed into place: an interrupted or failed backup never looks like a backup, and
`list_backups` still re-verifies each one before offering it.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from boardapp.core.dates import timestamp
from boardapp.store.errors import DamagedDatabase, StoreError, classify
from boardapp.store.fileformat import APPLICATION_ID, SQLITE_MAGIC, read_head
from boardapp.store.output_guard import BACKUPS_MARKER

logger = logging.getLogger("boardapp")

KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_ALL_YOUNGER_THAN = timedelta(days=1)
PARTIAL_SUFFIX = ".partial"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{6})", re.ASCII)  # _STAMP_FORMAT, to read back
_MARKER_TEXT = (
    "This folder holds BoardApp's automatic backups of its database.\n"
    "BoardApp checks each one and deletes old ones by a rolling policy; exports are never written here.\n"
)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str
    size: int = 0
    meetings: int | None = None  # filled in by list_backups (which verifies each file)
    actions: int | None = None

    @property
    def label(self) -> str:
        """Date, size and contents: what the clerk needs to pick one (no locale-dependent names)."""
        when = timestamp(self.taken_at)
        holds = ""
        if self.meetings is not None and self.actions is not None:
            holds = f", {_plural(self.meetings, 'meeting')}, {_plural(self.actions, 'action')}"
        return f"{when} ({self.reason}; {_size(self.size)}{holds})"


def take_backup(
    db_path: Path,
    backups_dir: Path,
    reason: str,
    *,
    source: sqlite3.Connection | None = None,
    now: datetime | None = None,
) -> Path:
    """Copy the database with SQLite's backup API, verify the copy, then rename it into place and prune.

    `source` is an open connection to copy from (the upgrade passes the one holding the lock);
    otherwise a read-only connection is opened. Raises a StoreError (DiskFull, DatabaseLocked, …)
    with a plain message; a failed backup leaves no file behind.
    """
    when = now or datetime.now()
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        _write_marker(backups_dir)
        _remove_stale_partials(db_path.stem, backups_dir)
    except OSError as exc:
        known = classify(exc, backups_dir / db_path.name, doing="back up")
        if known is None:
            raise
        raise known from exc
    target = backups_dir / f"{db_path.stem}.{when.strftime(_STAMP_FORMAT)}.{_slug(reason)}.sqlite"
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        _copy(db_path, partial, source)
        problem = verify_backup(partial)
        if problem is not None:
            raise DamagedDatabase(
                db_path, f"The backup of {db_path.name} failed its check ({problem}); it was not kept."
            )
        os.replace(partial, target)
        _fsync_folder(backups_dir)
    except BaseException as exc:
        for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm", "-journal"))):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
        known = classify(exc, db_path, doing="back up") if isinstance(exc, (OSError, sqlite3.Error)) else None
        if known is None:
            raise
        raise known from exc
    try:
        prune_backups(db_path, backups_dir, now=when)
    except OSError:
        logger.warning("old backups of %s could not be pruned", db_path, exc_info=True)
    return target


def _copy(db_path: Path, partial: Path, source: sqlite3.Connection | None) -> None:
    own = source is None
    # Not mode=ro: a read-only connection to a WAL database leaves empty -wal/-shm files behind. The backup
    # API only reads; a file we may not write is opened read-only by SQLite anyway.
    connection = source if source is not None else sqlite3.connect(db_path, timeout=5)
    try:
        destination = sqlite3.connect(partial)
        try:
            connection.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")  # a backup is a single self-contained file
        finally:
            destination.close()
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
    finally:
        if own:
            connection.close()


def verify_backup(path: Path) -> str | None:
    """Why this file is not a usable backup (empty, not ours, damaged), or None when it is good."""
    try:
        if path.stat().st_size == 0:
            return "the file is empty"
    except OSError as exc:
        return exc.strerror or str(exc)
    if read_head(path, len(SQLITE_MAGIC)) != SQLITE_MAGIC:
        return "not a database file"
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return "not a BoardApp database"
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            return "; ".join(problems[:3])
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        connection.close()
    return None


def list_backups(db_path: Path, backups_dir: Path, *, verify: bool = True) -> list[Backup]:
    """Backups of this database, newest first; with `verify`, only those that pass verification, with their contents."""
    found = []
    for backup in _backup_files(db_path, backups_dir):
        if verify:
            if verify_backup(backup.path) is not None:
                logger.warning("backup %s fails verification; not offered", backup.path)
                continue
            meetings, actions = _contents(backup.path)
            backup = Backup(backup.path, backup.taken_at, backup.reason, backup.size, meetings, actions)
        found.append(backup)
    return found


def has_backup_on(db_path: Path, backups_dir: Path, day: date) -> bool:
    """True when a (complete, hence verified when written) backup of this database was taken on `day`."""
    return any(backup.taken_at.date() == day for backup in _backup_files(db_path, backups_dir))


def _backup_files(db_path: Path, backups_dir: Path) -> list[Backup]:
    found = []
    if not backups_dir.is_dir():
        return []
    for path in backups_dir.glob(f"{db_path.stem}.*.sqlite"):
        parts = path.name[len(db_path.stem) + 1 :].split(".")
        if len(parts) != 3:
            continue
        try:
            taken = _parse_stamp(parts[0])
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(Backup(path=path, taken_at=taken, reason=parts[1].replace("-", " "), size=size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def _parse_stamp(text: str) -> datetime:
    """A backup name's time, as _STAMP_FORMAT wrote it (ValueError if it is not one). Parsed by hand: the first
    datetime.strptime of a process costs some 20 ms (it loads locale tables), and this runs at every start."""
    match = _STAMP.fullmatch(text)
    if match is None:
        raise ValueError(f"not a backup time: {text!r}")
    year, month, day, hour, minute, second, micro = (int(group) for group in match.groups())
    return datetime(year, month, day, hour, minute, second, micro)


def _contents(path: Path) -> tuple[int | None, int | None]:
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None, None
    try:
        counts = []
        for table in ("meeting", "action"):
            try:
                counts.append(int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]))
            except sqlite3.Error:
                counts.append(0)
        return counts[0], counts[1]
    finally:
        connection.close()


def backups_to_keep(backups: list[Backup], now: datetime, newest_good: Path | None = None) -> set[Path]:
    """The rolling policy: everything younger than a day, the newest of each of the last 7 days, 4 weeks and
    12 months that have a backup, and always the newest backup known to be good."""
    keep = {b.path for b in backups if now - b.taken_at < KEEP_ALL_YOUNGER_THAN}
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    periods: list[tuple[int, Callable[[datetime], object]]] = [
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    ]
    for count, period in periods:
        seen: set[object] = set()
        for backup in newest_first:
            key = period(backup.taken_at)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.add(key)
            keep.add(backup.path)
    if newest_good is not None:
        keep.add(newest_good)
    return keep


def prune_backups(db_path: Path, backups_dir: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the rolling policy no longer keeps; never the newest one that verifies. Returns what went."""
    backups = _backup_files(db_path, backups_dir)
    when = now or datetime.now()
    keep = backups_to_keep(backups, when)
    doomed = [b for b in backups if b.path not in keep]
    if not doomed:
        return []
    newest_good = next((b.path for b in backups if verify_backup(b.path) is None), None)
    removed = []
    for backup in doomed:
        if backup.path == newest_good:
            continue
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put a verified backup in place of the database. The file it replaces is kept beside it, never deleted.

    Returns where the replaced file was moved, or None if there was no file.
    """
    problem = verify_backup(backup)
    if problem is not None:
        raise DamagedDatabase(backup, f"The backup {backup.name} cannot be restored: {problem}.")
    set_aside = None
    incoming = db_path.with_name(db_path.name + ".restoring")
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(incoming)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        incoming.unlink(missing_ok=True)
        known = classify(exc, db_path, doing="restore")
        if isinstance(known, StoreError):
            raise known from exc
        raise
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        set_aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
        db_path.rename(set_aside)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.rename(set_aside.with_name(set_aside.name + suffix))
    os.replace(incoming, db_path)
    return set_aside


def _write_marker(backups_dir: Path) -> None:
    marker = backups_dir / BACKUPS_MARKER
    if not marker.exists():
        marker.write_text(_MARKER_TEXT, encoding="utf-8")


def _remove_stale_partials(stem: str, backups_dir: Path) -> None:
    """Leftovers of a backup killed half-way: never listed, removed once they are clearly abandoned."""
    cutoff = time.time() - 3600
    for leftover in backups_dir.glob(f"{stem}.*.sqlite{PARTIAL_SUFFIX}*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to sync, and needs none."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "backup"
