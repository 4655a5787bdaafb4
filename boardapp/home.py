"""Where a BoardApp installation keeps its files: database, backups, settings and logs.

Everything is derived from one base directory, so tests and end-to-end runs can point the
whole app at a temporary home with `--basedir` and never touch the user's real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "BoardApp"
DB_FILENAME = "boardapp.sqlite"


@dataclass(frozen=True)
class AppHome:
    basedir: Path
    db_override: Path | None = None

    @classmethod
    def from_options(cls, basedir: str | Path | None = None, db: str | Path | None = None) -> AppHome:
        base = Path(basedir) if basedir else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        return cls(basedir=base.expanduser().resolve(), db_override=Path(db).expanduser().resolve() if db else None)

    @property
    def db_path(self) -> Path:
        return self.db_override or self.basedir / DB_FILENAME

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
