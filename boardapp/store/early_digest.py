"""Hashing the database file on another core while the desktop app is still importing its libraries.

An open skips SQLite's page-by-page check only when the file's content digest equals the one recorded at
this app's last clean close (database.py, issue 11). Hashing a 30-90 MB file takes 50-100 ms, and hashlib
lets go of the GIL while it hashes, so the GUI starts it before importing SQLAlchemy and Qt (about half a
second of pure Python) and the digest is ready when the file is opened (issue 13: start-up within 0.7 s).

The digest is still of the content: it is used only for the same path, and only when the file is, to the
stat, the one that was hashed (device, inode, size, modification and change times, before and after the
hash and again at the open). Otherwise the open hashes the file itself, as it always did. Standard library
only: this module is imported before anything heavy.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from boardapp.store.fileformat import content_digest

CLEAN_CLOSE_STAMP = "clean-close.json"  # where database.py records the digest of a clean close (in backups/)

_Identity = tuple[int, int, int, int, int]


def _identity(path: Path) -> _Identity | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class EarlyDigest:
    """The content digest of one file, computed on a background thread; see the module's docstring."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._before = _identity(path)
        self._after: _Identity | None = None
        self._digest: str | None = None
        self._thread = threading.Thread(target=self._run, name="boardapp-early-digest", daemon=True)

    @classmethod
    def start(cls, path: Path, backups_dir: Path) -> EarlyDigest | None:
        """Start hashing `path` when a later open may use it: a file exists and a clean close was recorded."""
        if not (backups_dir / CLEAN_CLOSE_STAMP).is_file():
            return None
        early = cls(path)
        if early._before is None or early._before[2] == 0:
            return None
        early._thread.start()
        return early

    def _run(self) -> None:
        try:
            digest = content_digest(self.path)
        except OSError:
            return
        self._after = _identity(self.path)
        self._digest = digest

    def digest_of(self, path: Path) -> str | None:
        """The digest of `path` as it is now, or None when it cannot be vouched for (then hash it again)."""
        if path != self.path or self._thread.ident is None:
            return None
        self._thread.join()
        if self._digest is None or self._before is None or not (self._before == self._after == _identity(path)):
            return None
        return self._digest
