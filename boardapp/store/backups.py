"""Copies of the database taken before anything risky, and restoring one without destroying the original."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

KEEP_BACKUPS = 20


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str

    @property
    def label(self) -> str:
        return f"{self.taken_at:%d %b %Y %H:%M:%S} ({self.reason})"


def take_backup(db_path: Path, backups_dir: Path, reason: str) -> Path:
    """Copy a live database consistently (SQLite's backup API, WAL included) and prune old copies."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{db_path.stem}.{stamp}.{_slug(reason)}.sqlite"
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    _prune(db_path.stem, backups_dir)
    return target


def list_backups(db_path: Path, backups_dir: Path) -> list[Backup]:
    """Backups of this database, newest first."""
    found = []
    for path in backups_dir.glob(f"{db_path.stem}.*.sqlite"):
        parts = path.name[len(db_path.stem) + 1 :].split(".")
        if len(parts) < 3:
            continue
        try:
            taken = datetime.strptime(parts[0], "%Y%m%d-%H%M%S-%f")
        except ValueError:
            continue
        found.append(Backup(path=path, taken_at=taken, reason=parts[1].replace("-", " ")))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put a backup in place of the database. The file it replaces is kept beside it, never deleted.

    Returns where the replaced file was moved, or None if there was no file.
    """
    set_aside = None
    if db_path.exists():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        set_aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
        db_path.rename(set_aside)
        for suffix in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + suffix)
            if side.exists():
                side.rename(set_aside.with_name(set_aside.name + suffix))
    shutil.copy2(backup, db_path)
    return set_aside


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split()) or "backup"


def _prune(stem: str, backups_dir: Path) -> None:
    backups = sorted(backups_dir.glob(f"{stem}.*.sqlite"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
