"""init: start a new, empty secretariat database.

`init` only ever creates: a file that is already a BoardApp database (empty or not) or that is
something else is left exactly as it was, with a message saying why.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from boardapp.home import AppHome
from boardapp.store.database import FileKind, inspect_file, open_store
from boardapp.store.errors import StoreError


def _fail(message: str) -> int:
    print(f"boardapp: {message}", file=sys.stderr)
    return 1


def _board_count(path: Path) -> int | None:
    """How many boards the file holds, read without writing to it (None if that cannot be told)."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return int(connection.execute("SELECT count(*) FROM board").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def init(home: AppHome, _args: argparse.Namespace) -> int:
    path = home.db_path
    try:
        state = inspect_file(path)
    except StoreError as exc:
        return _fail(str(exc))
    if state.kind is not FileKind.NEW:
        boards = _board_count(path)
        held = "no boards yet" if boards == 0 else ("data" if boards is None else f"{boards} board(s)")
        return _fail(
            f"{path} is already a BoardApp database ({held}); nothing was changed. "
            "To start another secretariat, choose a new file with --db FILE or a new home with --basedir DIR."
        )
    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail(str(exc))
    store.close()
    print(f"Created an empty BoardApp database at {path}.")
    print("Next: `boardapp board add NAME` (or start the app and choose Add a board).")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "init", help="create a new, empty database for your own boards (refuses if the file already exists)"
    )
    parser.set_defaults(handler=init)
