"""demo, check and backup: looking after the database file from the command line."""

from __future__ import annotations

import argparse
import sqlite3
import sys

from boardapp.home import AppHome
from boardapp.store.backups import take_backup
from boardapp.store.database import open_store
from boardapp.store.errors import StoreError, classify


def _fail(message: str) -> int:
    print(f"boardapp: {message}", file=sys.stderr)
    return 1


def demo(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.demo import DemoAlreadyLoaded, load_demo

    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        with store.transaction() as session:
            summary = load_demo(session)
    except (DemoAlreadyLoaded, StoreError) as exc:
        return _fail(str(exc))
    finally:
        store.close()
    print(f"Demo data loaded into {store.path}: {summary}")
    return 0


def check(home: AppHome, _args: argparse.Namespace) -> int:
    """Say what the file is, without changing it: runs the full integrity check whatever the last close was."""
    from boardapp.store import migrations
    from boardapp.store.database import FileKind, inspect_file

    if home.server_url is not None:  # a server checks its own storage: say what the database holds
        return _check_server(home)
    try:
        state = inspect_file(home.db_path, thorough=True)
    except StoreError as exc:
        return _fail(str(exc))
    except (OSError, sqlite3.Error) as exc:
        known = classify(exc, home.db_path, doing="check")
        if known is None:
            raise
        return _fail(str(known))
    if state.kind is FileKind.NEW:
        print(f"{home.db_path}: no BoardApp database yet (one will be created on first run)")
    elif state.kind is FileKind.INTERRUPTED:
        print(
            f"{home.db_path}: a BoardApp database whose creation was interrupted (it holds no data); the next "
            f"start keeps it as a copy beside it and creates it again"
        )
    elif state.revision is None or state.revision != migrations.head_revision():
        print(
            f"{home.db_path}: BoardApp database, schema {state.revision or 'unversioned'}, no damage found; "
            f"it will be upgraded to schema {migrations.head_revision()} (after a backup) when next opened"
        )
    else:
        print(f"{home.db_path}: BoardApp database, schema {state.revision}, no damage found")
    return 0


def _check_server(home: AppHome) -> int:
    """A PostgreSQL database (issue 16): opening it checks that it is BoardApp's and upgrades it if needed."""
    from boardapp.store import migrations
    from boardapp.store.postgres import shown_url

    try:
        open_store(home, read_only=True).close()
    except StoreError as exc:
        return _fail(str(exc))
    print(f"{shown_url(home.server_url or '')}: BoardApp database on PostgreSQL, schema {migrations.head_revision()}")
    return 0


def backup(home: AppHome, _args: argparse.Namespace) -> int:
    try:
        store = open_store(home)
        store.close()
        if home.server_url is not None:  # pg_dump, or the command to run is named (store/postgres.py)
            from boardapp.store.postgres import dump_backup

            target = dump_backup(home.server_url, home.backups_dir, "by hand")
        else:
            target = take_backup(home.db_path, home.backups_dir, "by hand")
    except StoreError as exc:
        return _fail(str(exc))
    print(f"Backup written to {target}")
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo_parser = subparsers.add_parser("demo", help="load the demo board, meetings and plans into an empty database")
    demo_parser.set_defaults(handler=demo)
    subparsers.add_parser("check", help="check the database file and report its state").set_defaults(handler=check)
    subparsers.add_parser("backup", help="take a backup copy of the database now").set_defaults(handler=backup)
