"""Is this file a chair's review copy? Recognised by its content, whatever its name (issue 16 point 4).

Every way of opening a file (`boardapp --db FILE`, `boardapp FILE`, File ▸ Open…, File ▸ Open a review
copy…) asks this first, so a review copy always opens in the chair's window, never the clerk's. It uses the
standard library only and opens the file read-only: start-up stays light and a file is never written to.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from boardapp.store.fileformat import SQLITE_MAGIC

# The same bytes as services/review_copy.ENCRYPTED_MAGIC (a test keeps them equal); not imported from there,
# since that module loads the cryptography package, which start-up does not need.
ENCRYPTED_MAGIC = b"BOARDAPP-REVIEW-AESGCM-1\n"


def is_sealed_file(path: Path) -> bool:
    """A review copy sealed with a passphrase (its header), without reading the rest of the file."""
    try:
        with open(path, "rb") as f:
            return f.read(len(ENCRYPTED_MAGIC)) == ENCRYPTED_MAGIC
    except OSError:
        return False


def is_review_copy_file(path: Path) -> bool:
    """True for a sealed copy (its header) or a plain SQLite file whose `reviewcopyinfo` table has its row.

    The clerk's own database has the table too, but empty; anything unreadable is simply not a copy.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(max(len(ENCRYPTED_MAGIC), len(SQLITE_MAGIC)))
    except OSError:
        return False
    if head.startswith(ENCRYPTED_MAGIC):
        return True
    if not head.startswith(SQLITE_MAGIC):
        return False
    try:
        connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        known = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reviewcopyinfo'")
        if known.fetchone() is None:
            return False
        return connection.execute("SELECT 1 FROM reviewcopyinfo LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()
