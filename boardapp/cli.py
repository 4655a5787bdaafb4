"""`boardapp` command: the GUI by default, and subcommands for headless work.

Qt is imported only when the GUI is started, so headless commands stay fast and run on
machines without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from boardapp import __version__
from boardapp.home import AppHome


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boardapp", description="Minutes, actions and plans for governance boards."
    )
    parser.add_argument("--version", action="version", version=f"BoardApp {__version__}")
    parser.add_argument("--basedir", metavar="DIR", help="home for the database, backups and settings")
    parser.add_argument("--db", metavar="FILE", help="database file to use (default: DIR/boardapp.sqlite)")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the GUI, wait until it is idle, and exit 0 (for CI and packaging)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="start the desktop app (the default)")
    demo = sub.add_parser("demo", help="load the demonstration board, meetings and plans")
    demo.add_argument("--force", action="store_true", help="load even if the database already holds data")
    sub.add_parser("check", help="check the database file and report its state")
    sub.add_parser("backup", help="take a backup copy of the database now")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    home = AppHome.from_options(args.basedir, args.db)
    command = args.command or "gui"
    if command == "gui":
        from boardapp.gui.app import run_gui

        return run_gui(home, smoke=args.smoke)
    from boardapp import commands

    handler = {"demo": commands.demo, "check": commands.check, "backup": commands.backup}[command]
    return handler(home, args)


if __name__ == "__main__":
    sys.exit(main())
