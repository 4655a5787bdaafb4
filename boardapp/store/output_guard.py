"""The check every export runs before it writes: never overwrite the database, its WAL, a backup,
or anything that is not a plain file the user chose.

An export replaces its target with os.replace, which happily turns `boardapp.sqlite` into a
spreadsheet or /dev/full into a regular file. `check_output_path` refuses those targets with an
`UnsafeOutput` whose message says what to do instead. It recognises a database by its header (any
SQLite file, ours or not), a WAL by its magic or its neighbour, and the backups folder by the
marker file `backups.take_backup` leaves there, so it protects them even when the caller passes
no `protected` paths.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from boardapp.store.errors import UnsafeOutput
from boardapp.store.fileformat import SIDE_SUFFIXES, is_sqlite_file, is_sqlite_side_file

BACKUPS_MARKER = "BOARDAPP-BACKUPS.txt"  # written into the backups folder; its presence protects the folder
MAX_NAME_BYTES = 255  # the usual file-name limit (ext4, NTFS, APFS)


def protected_paths(db_path: Path, backups_dir: Path) -> list[Path]:
    """What a BoardApp home must never export over: the database, its side files and the backups folder."""
    return [db_path, *(db_path.with_name(db_path.name + suffix) for suffix in SIDE_SUFFIXES), backups_dir]


def check_output_path(
    target: Path, *, protected: Iterable[Path] = (), error: Callable[[str], Exception] | None = None
) -> None:
    """Raise UnsafeOutput (or `error(message)`) unless writing a new file at `target` is safe.

    `protected` lists files and folders (everything inside a folder is protected too). `error`
    lets a caller with its own exception family (the exporters' ExportError) get the same message.
    """
    message = unsafe_reason(Path(target), protected)
    if message is not None:
        if error is not None:
            raise error(message)
        raise UnsafeOutput(Path(target), message)


def unsafe_reason(target: Path, protected: Iterable[Path] = ()) -> str | None:
    """Why `target` must not be written, or None when it may."""
    shown = str(target)
    if any(len(part.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES for part in target.parts):
        return f"Cannot write {shown}: the file name is too long. Choose a shorter name."
    try:
        link = target.lstat()
    except FileNotFoundError:
        link = None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return f"Cannot write {shown}: the file name is too long. Choose a shorter name."
        if exc.errno == errno.ENOTDIR:
            return f"Cannot write {shown}: part of the path is a file, not a folder."
        return f"Cannot write {shown}: {exc.strerror or exc}."
    resolved = _resolve(target)
    for guarded in protected:
        guarded_resolved = _resolve(Path(guarded))
        if resolved == guarded_resolved or (_inside(resolved, guarded_resolved) and guarded_resolved.is_dir()):
            return _refusal(shown, "it is BoardApp's database, one of its working files, or a backup")
    if _in_backups_folder(resolved):
        return _refusal(shown, "it is in BoardApp's backups folder")
    if is_sqlite_side_file(resolved):  # even before it exists: SQLite would read it as the database's WAL
        return _refusal(shown, "it is a working file of a database")
    if link is None:
        return None
    try:
        mode = os.stat(target).st_mode  # follows a symlink: what would be overwritten is what it points to
    except OSError:
        mode = link.st_mode  # a dangling link: os.replace would only replace the link itself
    if stat.S_ISDIR(mode):
        return f"Cannot write {shown}: it is a folder. Give a file name."
    if not stat.S_ISREG(mode):
        return f"Cannot write {shown}: it is not an ordinary file (a device or a pipe). Choose a file name."
    if is_sqlite_file(resolved):
        return _refusal(shown, "it is a database file")
    return None


def _refusal(shown: str, why: str) -> str:
    return f"Will not write {shown}: {why}, and an export would destroy it. Choose another file name."


def _resolve(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):
        return path.expanduser().absolute()


def _inside(path: Path, folder: Path) -> bool:
    return folder in path.parents


def _in_backups_folder(resolved: Path) -> bool:
    return any((folder / BACKUPS_MARKER).is_file() for folder in resolved.parents)


def describe_write_error(exc: OSError, target: Path) -> str:
    """A plain message for an OSError while writing an export (disk full, name too long, permission)."""
    number = exc.errno
    if number in (errno.ENOSPC, errno.EDQUOT):
        return f"Cannot write {target}: the disk is full. Free some space and export again; nothing was written."
    if number == errno.ENAMETOOLONG:
        return f"Cannot write {target}: the file name is too long. Choose a shorter name."
    if number in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot write {target}: you may not write there (read-only). Choose another folder."
    return f"Cannot write {target}: {exc.strerror or exc}."
