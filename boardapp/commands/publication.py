"""`boardapp holidays` and `boardapp publication` (issue 15): the bank holidays the publication
deadline counts, and a meeting's deadline and publication record.

    boardapp holidays load FILE.json      check a newer list (GOV.UK's bank-holidays.json) and keep it in the home
    boardapp holidays show [--year YYYY]  the bank holidays in use (shipped, or the newer list for its years)
    boardapp publication --board B --date D [--today YYYY-MM-DD]
                                          the agenda's publication deadline, its state, and what was published
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys

from boardapp.home import AppHome


def register(subparsers: argparse._SubParsersAction) -> None:
    holidays = subparsers.add_parser("holidays", help="the bank holidays the publication deadline counts")
    actions = holidays.add_subparsers(dest="holidays_action", metavar="ACTION", required=True)
    load = actions.add_parser("load", help="use a newer bank-holiday list (GOV.UK's bank-holidays.json format)")
    load.add_argument("file", metavar="FILE.json")
    load.set_defaults(handler=run_load)
    show = actions.add_parser("show", help="list the bank holidays in use")
    show.add_argument("--year", type=int, help="only this year")
    show.set_defaults(handler=run_show)

    publication = subparsers.add_parser(
        "publication", help="a meeting's agenda publication deadline and what was published, when"
    )
    publication.add_argument("--board", required=True, metavar="NAME")
    publication.add_argument("--date", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    publication.add_argument("--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="default: today")
    publication.set_defaults(handler=run_publication)


def _fail(command: str, message: str) -> int:
    print(f"boardapp {command}: {message}", file=sys.stderr)
    return 1


def run_load(home: AppHome, args: argparse.Namespace) -> int:
    from pathlib import Path

    from boardapp.services.holidays import HOME_FILE_NAME, read_holiday_file

    source = Path(args.file).expanduser()
    try:
        dates = read_holiday_file(source)
    except ValueError as exc:
        return _fail("holidays", str(exc))
    home.ensure()
    target = home.basedir / HOME_FILE_NAME
    temporary = target.with_suffix(".part")
    shutil.copyfile(source, temporary)
    temporary.replace(target)
    years = sorted({day.year for day in dates})
    span = f"{years[0]}–{years[-1]}"
    print(f"Loaded {len(dates)} bank holidays for {span} (they replace the shipped list for those years).")
    return 0


def run_show(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.core.dates import long_date_with_weekday
    from boardapp.services.holidays import HOME_FILE_NAME, bank_holidays

    try:
        dates = bank_holidays(home.basedir / HOME_FILE_NAME)
    except ValueError as exc:
        return _fail("holidays", str(exc))
    for day in sorted(dates):
        if args.year is None or day.year == args.year:
            print(f"{day.isoformat()}  {long_date_with_weekday(day)}")
    return 0


def run_publication(home: AppHome, args: argparse.Namespace) -> int:
    if not home.has_database():
        return _fail("publication", f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")
    from boardapp.core.dates import long_date_with_weekday, timestamp
    from boardapp.exporting import ExportError, find_meeting
    from boardapp.services.holidays import HOME_FILE_NAME, bank_holidays
    from boardapp.services.publication import deadline_state, publications
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    try:
        holidays = bank_holidays(home.basedir / HOME_FILE_NAME)
        store = open_store(home)
    except (StoreError, ValueError) as exc:
        return _fail("publication", str(exc))
    try:
        with store.session() as session:
            meeting_id = find_meeting(session, args.board, args.date)
            deadline, state = deadline_state(session, meeting_id, args.today or dt.date.today(), holidays)
            rows = publications(session, meeting_id)
    except ExportError as exc:
        return _fail("publication", str(exc))
    finally:
        store.close()
    says = {"ok": "", "near": " – the deadline is near", "missed": " – MISSED", "published": " – published"}
    print(f"Publish the agenda by {long_date_with_weekday(deadline)}{says[state]}")
    if not rows:
        print("Nothing has been published for this meeting yet.")
    for row in rows:
        by = f" by {row.published_by}" if row.published_by else ""
        what = f"{row.kind}: {row.file_name} ({row.size} bytes{by})"
        print(f"{timestamp(row.published_at)} UTC  {what}  sha256 {row.sha256}")
    return 0
