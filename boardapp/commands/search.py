"""search: find minutes, decisions, actions, agenda items, plan items, recommendations and KPIs.

    boardapp search "MASH front door" [--board NAME] [--from DATE] [--to DATE] [--limit N]

Exit status: 0 with results, 1 when nothing was found, 2 for bad arguments (an unknown board
lists the boards) or a database that cannot be opened.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from boardapp.core.dates import padded_short_date
from boardapp.home import AppHome

EXIT_FOUND = 0
EXIT_NONE = 1
EXIT_USAGE = 2


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2017-08-01") from None


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 1000:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 1 to 1000")
    return number


def _error(message: str) -> int:
    print(f"boardapp search: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_search(home: AppHome, args: argparse.Namespace) -> int:
    from sqlmodel import col, select

    from boardapp.core.models import Board
    from boardapp.services.search import CONFIDENTIAL_LABEL, search
    from boardapp.store.database import FileKind, inspect_file, open_database, open_store
    from boardapp.store.errors import StoreError

    if not args.text.strip():
        return _error('give some words to search for, e.g. boardapp search "MASH front door"')
    if args.date_from and args.date_to and args.date_from > args.date_to:
        return _error(f"--from {args.date_from} is after --to {args.date_to}")
    try:
        if home.server_url is not None:  # --db postgresql://…: the server's database (issue 16)
            store = open_store(home)
        elif inspect_file(home.db_path).kind is FileKind.NEW:
            return _error(f"there is no BoardApp database at {home.db_path} yet")
        else:
            store = open_database(home.db_path, home.backups_dir)
    except StoreError as exc:
        return _error(str(exc))
    try:
        with store.session() as session:
            board_id = None
            if args.board:
                boards = session.exec(select(Board).order_by(col(Board.name))).all()
                wanted = args.board.strip().casefold()
                chosen = [b for b in boards if wanted in (b.name.casefold(), b.short_name.casefold())]
                if not chosen:
                    known = "\n".join(f"  {b.name}" + (f" ({b.short_name})" if b.short_name else "") for b in boards)
                    return _error(f"no board is called {args.board!r}. The boards are:\n{known or '  (none yet)'}")
                board_id = chosen[0].id
            results = search(
                session,
                args.text,
                board_id=board_id,
                date_from=args.date_from,
                date_to=args.date_to,
                limit_per_kind=args.limit,
                as_you_type=False,
            )
    finally:
        store.close()
    if results.is_empty:
        print(f"Nothing found for {args.text!r}" + (" with these filters." if _filtered(args) else "."))
        return EXIT_NONE
    plural = "s" if results.total != 1 or results.total_is_capped else ""
    print(f"{results.total_text} result{plural} for {args.text!r}")
    for group in results.groups:
        shown = f"{len(group.hits)} of {group.total_text}" if group.total > len(group.hits) else group.total_text
        print(f"\n{group.label} ({shown})")
        for hit in group.hits:
            where = " · ".join(
                part for part in (hit.board_name, padded_short_date(hit.date) if hit.date else "", hit.context) if part
            )
            mark = f"  [{CONFIDENTIAL_LABEL}]" if hit.confidential else ""
            print(f"  {hit.title}" + (f" — {where}" if where else "") + mark)
            if hit.snippet:
                print(f"      {hit.snippet_text}")
    return EXIT_FOUND


def _filtered(args: argparse.Namespace) -> bool:
    return bool(args.board or args.date_from or args.date_to)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search minutes, decisions, actions, agenda items, plans, recommendations and KPIs",
        description=(
            'Words must all appear (in any order); "quoted words" must appear together; word* matches '
            "the beginning of words. Exit status: 0 found, 1 nothing found, 2 bad arguments."
        ),
    )
    parser.add_argument("text", metavar="TEXT", help='what to look for, e.g. "MASH front door"')
    parser.add_argument("--board", metavar="NAME", help="only this board (its name or short name)")
    parser.add_argument("--from", dest="date_from", metavar="DATE", type=_date, help="from this date (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE", type=_date, help="up to this date (YYYY-MM-DD)")
    parser.add_argument("--limit", metavar="N", type=_limit, default=20, help="results shown per kind (default 20)")
    parser.set_defaults(handler=run_search)
