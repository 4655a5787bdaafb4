"""`boardapp export minutes|agenda`: write a meeting's minutes or agenda to Word or PDF.

    boardapp [--basedir DIR | --db FILE] export minutes --board NAME --date YYYY-MM-DD
        --format docx|pdf [--public] [--hide-exempt-titles] [--time HH:MM] -o FILE

Prints what it wrote and every warning; exits 1 with a message naming the problem (and the
boards, or the board's meeting dates near the one asked for) when it cannot export.
Heavy imports happen only when the command runs, so `boardapp --help` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from boardapp.home import AppHome

FORMATS = ("docx", "pdf")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `export` to the `boardapp` command line (cli.py lists this module)."""
    parser = subparsers.add_parser(
        "export",
        help="write a meeting's minutes or agenda to Word (.docx) or PDF",
        description="Write a meeting's minutes or agenda to Word (.docx) or PDF. A --public version leaves "
        "out exempt (Part II) business and is checked for exempt text before it is written.",
    )
    parser.add_argument("kind", choices=("minutes", "agenda"), help="which document")
    parser.add_argument("--board", required=True, metavar="NAME", help="the board's name (or short name)")
    parser.add_argument("--date", required=True, type=_date, metavar="YYYY-MM-DD", help="the meeting's date")
    parser.add_argument("--time", type=_time, metavar="HH:MM", help="the start time, if the board met twice that day")
    parser.add_argument("--format", choices=FORMATS, help="docx or pdf (default: from the output file's name)")
    parser.add_argument("--public", action="store_true", help="the public version, without exempt business")
    parser.add_argument(
        "--hide-exempt-titles",
        action="store_true",
        help="in the public version, do not name exempt items even where the item allows it",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.set_defaults(handler=run_export)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time written HH:MM") from None


def _fail(message: str) -> int:
    print(f"boardapp export: {message}", file=sys.stderr)
    return 1


def run_export(home: AppHome, args: argparse.Namespace) -> int:
    output = Path(args.output).expanduser()
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in FORMATS else None)
    if fmt is None:
        return _fail(f"say --format docx or --format pdf (the output name {output.name!r} does not tell).")
    if suffix in FORMATS and suffix != fmt:
        return _fail(f"--format {fmt} does not match the output file {output.name!r}.")
    if not home.db_path.exists():
        return _fail(f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")

    from boardapp.exporting import ExportError, export_document, find_meeting
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        with store.session() as session:
            meeting_id = find_meeting(session, args.board, args.date, args.time)
            result = export_document(
                session,
                args.kind,
                meeting_id,
                output,
                fmt,
                public=args.public,
                show_exempt_titles=not args.hide_exempt_titles,
            )
    except ExportError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    version = "public" if args.public else "full (confidential)"
    print(f"Wrote the {version} {args.kind} to {result.path}")
    return 0
