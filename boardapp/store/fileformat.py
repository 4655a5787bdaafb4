"""What a BoardApp file looks like on disk: the SQLite header, our application_id, a content digest.

Kept apart from database.py so backups and the export guard can recognise database files
without importing the engine code (and without an import cycle).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

APPLICATION_ID = 0x42415050  # "BAPP", stamped in the SQLite header of every BoardApp file
SQLITE_MAGIC = b"SQLite format 3\x00"
WAL_MAGICS = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # the first four bytes of an SQLite -wal file
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def read_head(path: Path, size: int = 100) -> bytes:
    """The first `size` bytes of a file, or b"" when it cannot be read (missing, a folder, no permission)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def is_sqlite_file(path: Path) -> bool:
    """True for any SQLite database file (ours or another program's), recognised by its header, not its name."""
    return read_head(path, len(SQLITE_MAGIC)) == SQLITE_MAGIC


def is_sqlite_side_file(path: Path) -> bool:
    """A -wal, -shm or -journal file: one that starts like a WAL, or sits beside an SQLite file it belongs to."""
    if read_head(path, 4) in WAL_MAGICS:
        return True
    for suffix in SIDE_SUFFIXES:
        owner = path.name[: -len(suffix)]
        if path.name.endswith(suffix) and owner and is_sqlite_file(path.with_name(owner)):
            return True
    return False


def application_id_in_header(header: bytes) -> int:
    """The application_id field (offset 68, big-endian) of an SQLite header; 0 when the header is short."""
    return int.from_bytes(header[68:72], "big") if len(header) >= 72 else 0


def content_digest(path: Path) -> str:
    """A digest of every byte of the file, and its size: certain evidence that nothing changed since.

    Hashing runs at hundreds of MB/s, so this costs far less than SQLite's quick_check, and unlike
    size and modification time it cannot be fooled by a write that keeps both.
    """
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{size}:{digest.hexdigest()}"


def read_only_uri(path: Path) -> str:
    """An SQLite URI opening `path` read-only (percent-encoded: names with ?, # or spaces work).

    In a folder we cannot write, SQLite cannot create the -shm file a WAL database needs even to be
    read; when no -wal/-shm is there (the file was closed cleanly) `immutable=1` lets it read the
    file as it is, which is all of it.
    """
    uri = f"{path.absolute().as_uri()}?mode=ro"
    sides = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    if not os.access(path.parent, os.W_OK) and not any(side.exists() for side in sides):
        uri += "&immutable=1"
    return uri
