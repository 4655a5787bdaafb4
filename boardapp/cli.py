"""`boardapp` command: the GUI by default, and subcommands for headless work.

Qt is imported only when the GUI is started, so headless commands stay fast and run on
machines without a display.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from boardapp import __version__
from boardapp.home import AppHome

PIPE_CLOSED = 141  # 128 + SIGPIPE: what a shell reports for a tool whose reader went away

# Each module registers its own subcommands (see boardapp/commands/__init__.py).
COMMAND_MODULES = (
    "boardapp.commands.maintenance",
    "boardapp.commands.setup",
    "boardapp.commands.boards",
    "boardapp.commands.meetings",
    "boardapp.commands.export",
    "boardapp.commands.search",
    "boardapp.commands.imports",
    "boardapp.commands.actions",
    "boardapp.commands.publication",  # issue 15: holidays, publication deadline and record
    "boardapp.commands.record",  # issue 17: declarations register, attendance record, quorum
    "boardapp.commands.review",  # issue 16: the chair's review copy
)


def _global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"BoardApp {__version__}")
    parser.add_argument("--basedir", metavar="DIR", help="home for the database, backups and settings")
    parser.add_argument("--db", metavar="FILE", help="database file to use (default: DIR/boardapp.sqlite)")
    parser.add_argument(
        "--smoke", action="store_true", help="start the GUI, wait until it is idle, and exit 0 (for CI and packaging)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boardapp", description="Minutes, actions and plans for governance boards.")
    _global_options(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.add_parser("gui", help="start the desktop app (the default)")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _wants_gui(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options, when no subcommand is named: then the command modules (and what they import) are not
    loaded at all, which keeps start-up of the desktop app short."""
    quick = argparse.ArgumentParser(prog="boardapp", add_help=False)
    _global_options(quick)
    quick.add_argument("rest", nargs=argparse.REMAINDER)
    known, unknown = quick.parse_known_args(argv)
    if not unknown and known.db is None and len(known.rest) == 1 and _names_a_file(known.rest[0]):
        known.db, known.rest = known.rest[0], []  # `boardapp FILE`: what a double-click on a file runs
    if known.rest or unknown:
        return None
    return known


def _names_a_file(text: str) -> bool:
    """A file's name (with a dot or a folder in it: no command has either) that exists."""
    return ("." in text or "/" in text or "\\" in text) and Path(text).expanduser().is_file()


def _start_gui(home: AppHome, *, smoke: bool) -> int:
    """Start the desktop app, doing first what makes start-up short (issue 13: within 0.7 s).

    - The database file is hashed on another core while the libraries load (store/early_digest.py).
    - SQLAlchemy, SQLModel and the tables are imported before Qt: once PySide6 is loaded, every import
      statement goes through its own Python-level hook, which costs about 70 ms over these libraries.
    - The cyclic garbage collector is off while they load (they build some 160,000 long-lived objects and
      it would scan them again and again: about 10 % of the import time), and what they built is then
      frozen out of later collections (gc.freeze), so it is not scanned all at once when collection resumes.
    """
    from boardapp.store.early_digest import EarlyDigest

    early = EarlyDigest.start(home.db_path, home.backups_dir) if home.server_url is None else None
    gc.disable()
    try:
        import boardapp.core.models  # before Qt, see above
        import boardapp.store.database  # noqa: F401
        from boardapp.gui.app import run_gui
    finally:
        gc.freeze()
        gc.enable()
    return run_gui(home, smoke=smoke, early_digest=early)


def main(argv: Sequence[str] | None = None) -> int:
    gui_args = _wants_gui(argv)
    args = gui_args if gui_args is not None else build_parser().parse_args(argv)
    home = AppHome.from_options(args.basedir, args.db)
    if gui_args is not None or args.command == "gui":
        return _start_gui(home, smoke=args.smoke)
    from boardapp.store.errors import StoreError

    try:
        status: int = args.handler(home, args)
        sys.stdout.flush()  # here, so a closed pipe is met inside the try, not at interpreter exit
    except StoreError as exc:  # locked, read-only, disk full…: a plain message, never a bare traceback
        print(f"boardapp: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return _reader_went_away()
    return status


def _reader_went_away() -> int:
    """`boardapp board show X | head`: the reader closed the pipe. Stop quietly, as command-line tools do.

    Python's recipe (library/signal, "Note on SIGPIPE"): point stdout at devnull so the flush at exit
    does not fail again, and exit with 141, the status of a tool stopped by SIGPIPE (128 + 13).
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return PIPE_CLOSED


if __name__ == "__main__":
    sys.exit(main())
