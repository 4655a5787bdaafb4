"""Problems with a database file that the user can cause, each with a message they can act on."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A database problem the user must be told about; `str()` is the message for them."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


class NotABoardAppDatabase(StoreError):
    """The file is not SQLite, or is an SQLite file that belongs to another program."""


class DamagedDatabase(StoreError):
    """SQLite reports corruption; the file is left untouched so it can be recovered."""


class NewerSchema(StoreError):
    """Written by a newer BoardApp: opening it here could lose what that version stores."""


class MigrationFailed(StoreError):
    """An upgrade failed; the file was restored from the copy taken just before."""
