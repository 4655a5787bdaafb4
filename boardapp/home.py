"""Where a BoardApp installation keeps its files: database, backups, settings and logs.

Everything is derived from one base directory, so tests and end-to-end runs can point the
whole app at a temporary home with `--basedir` and never touch the user's real data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "BoardApp"
DB_FILENAME = "boardapp.sqlite"
DEMO_DB_FILENAME = "demo.sqlite"
SERVER_DB_LABEL = "server-database"  # db_path of a server database: recovery files go beside this name
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: C:\\ is a Windows path


def is_database_url(db: str) -> bool:
    """`postgresql://…` (any scheme://) is a server URL; anything else is a file path."""
    return _URL.match(db) is not None


@dataclass(frozen=True)
class AppHome:
    basedir: Path
    db_override: Path | None = None
    db_url: str | None = None  # `--db postgresql://…`: a database server, not a file (issue 16)

    @classmethod
    def from_options(cls, basedir: str | Path | None = None, db: str | Path | None = None) -> AppHome:
        base = Path(basedir) if basedir else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        if isinstance(db, str) and is_database_url(db):  # never a folder named "postgresql:"
            return cls(basedir=base.expanduser().resolve(), db_url=db)
        return cls(basedir=base.expanduser().resolve(), db_override=Path(db).expanduser().resolve() if db else None)

    @property
    def server_url(self) -> str | None:
        """The database server to use, or None for a file; a file chosen later (db_override) wins."""
        return self.db_url if self.db_override is None else None

    @property
    def db_path(self) -> Path:
        """The database file; for a server, a name beside which recovery files go (never created itself)."""
        if self.server_url is not None:
            return self.basedir / SERVER_DB_LABEL
        return self.db_override or self.basedir / DB_FILENAME

    def has_database(self) -> bool:
        """Is there a database to read? A server's always counts (it may hold other clerks' records)."""
        return self.server_url is not None or self.db_path.exists()

    @property
    def demo_db_path(self) -> Path:
        """The demonstration's own database: the demo never goes into the user's real file."""
        return self.basedir / DEMO_DB_FILENAME

    def is_new(self) -> bool:
        """A home never used by the GUI: no database file and no saved window settings (the first run)."""
        if self.server_url is not None:  # a shared server's database is never a first run's demo choice
            return False
        db = self.db_path
        return not self.settings_path.exists() and (not db.exists() or db.stat().st_size == 0)

    @property
    def backups_dir(self) -> Path:
        return self.basedir / "backups"

    @property
    def settings_path(self) -> Path:
        """The GUI's window state and preferences (an INI file, read and written by the GUI only)."""
        return self.basedir / "settings.ini"

    @property
    def log_path(self) -> Path:
        return self.basedir / "boardapp.log"

    def ensure(self) -> None:
        self.basedir.mkdir(parents=True, exist_ok=True)
        self.backups_dir.mkdir(parents=True, exist_ok=True)
