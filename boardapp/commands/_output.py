"""The one way a CLI export reaches the store: guard the output, open the store, run, map errors, close.

Every `boardapp export ...` command (minutes, agenda, plan, evidence, decision, pack, calendar, actions)
writes a file from the database. They must refuse the same things with the same words and exit code:
no database yet, an output that would overwrite the database, a backup or a device (the store's output
guard), a store that cannot be opened, a failed export, a full disk. `export_with_store` does that once;
a command gives it the work to do with a session and turns a `Refusal` into its message.

Imports are made when a command runs, so `boardapp --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from boardapp.home import AppHome

__all__ = ["Refusal", "export_with_store"]

T = TypeVar("T")


@dataclass(frozen=True)
class Refusal:
    """Why the export did not happen: a complete sentence for the clerk (the command adds its name)."""

    message: str


def export_with_store(
    home: AppHome,
    output: Path,
    work: Callable[[Any], T],
    *,
    refusals: tuple[type[Exception], ...] = (),
) -> T | Refusal:
    """`work(session)`'s result, or a Refusal; the store is closed either way and nothing is half-written.

    `refusals`: a command's own exceptions whose text is the message (an unknown owner, say), on top of
    the exporters' ExportError; a failed write (OSError) is described for the clerk, not shown as a trace.
    """
    if not home.has_database():
        return Refusal(f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")

    from boardapp.exporting.errors import ExportError
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError
    from boardapp.store.output_guard import check_output_path, describe_write_error, protected_paths

    opening: tuple[type[Exception], ...] = (StoreError, *refusals)
    exporting: tuple[type[Exception], ...] = (ExportError, *refusals)
    try:
        check_output_path(output, protected=protected_paths(home.db_path, home.backups_dir))
        store = open_store(home)
    except opening as exc:
        return Refusal(str(exc))
    try:
        with store.session() as session:
            return work(session)
    except exporting as exc:
        return Refusal(str(exc))
    except OSError as exc:  # a full disk or a name too long while writing: a message, not a traceback
        return Refusal(describe_write_error(exc, output))
    finally:
        store.close()
