"""import plan / import actions: read a plan or an action log from a file, preview it, write it whole.

    boardapp import plan FILE --name NAME [--board NAME] [--map HEADER=field ...] [--scale NAME]
                                          [--source TITLE] [--dry-run]
    boardapp import actions FILE.xlsx --board NAME [--map HEADER=field ...] [--dry-run]
    boardapp import minutes FILE... --board NAME [--dry-run]

Prints the preview (counts, column mapping, leads or owners, the problems with where and what),
then writes the plan or the actions unless --dry-run or the preview has errors. Exit status: 0
imported (or a clean dry run), 1 the file cannot be imported (the problems are listed), 2 bad
arguments (an unknown board lists the boards), 130 cancelled with Ctrl+C (nothing written).

A large file shows "Read 40,000 of 100,000 rows…" on stderr while it is read (issue 11 point 6); the
file is first checked against importing/limits.py, so a hostile one is refused before it is loaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from boardapp.home import AppHome
from boardapp.importing.actions import ACTION_FIELDS
from boardapp.importing.mapping import PLAN_FIELDS, field_names
from boardapp.store.database import Store, open_database, open_store
from boardapp.store.errors import StoreError

MAX_PROBLEMS_SHOWN = 20
MAX_ACTION_PROBLEMS_SHOWN = 60  # an action log's problems are one or two per row: show a sheet's worth


def _fail(message: str, status: int = 1) -> int:
    print(f"boardapp: {message}", file=sys.stderr)
    return status


class StderrProgress:
    """Prints "Read 40,000 of 100,000 rows…" on stderr about every tenth of the file (a large file only).

    On a terminal the line is rewritten in place; elsewhere (a log, a test) each report is its own line.
    """

    def __init__(
        self, stream: TextIO | None = None, *, minimum_rows: int = 2000, text: str = "Read {done:,} of {total:,} rows…"
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.text = text
        self.minimum_rows = minimum_rows
        self.shown = 0
        self.reported = False

    def __call__(self, done: int, total: int) -> bool:
        if total < self.minimum_rows:
            return True
        if done != total and done - self.shown < max(total // 10, 1000):
            return True
        self.shown = done
        in_place = hasattr(self.stream, "isatty") and self.stream.isatty()
        end = "\n" if done >= total or not in_place else ""
        start = "\r" if in_place else ""
        print(start + self.text.format(done=done, total=total), end=end, file=self.stream, flush=True)
        self.reported = True
        return True


def import_plan(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.importing.mapping import MappingError
    from boardapp.importing.problems import ImportFileError
    from boardapp.services.errors import InvalidChange, NotFound, ServiceError
    from boardapp.services.plan_import import apply_plan_import, find_board_id, preview_plan_import

    with tempfile.TemporaryDirectory(prefix="boardapp-import-") as scratch:
        try:
            store = _store_for(home, dry_run=args.dry_run, scratch=Path(scratch))
        except StoreError as exc:
            return _fail(str(exc))
        try:
            with store.session() as session:
                board_id = find_board_id(session, args.board) if args.board else None
                preview = preview_plan_import(
                    session,
                    args.file,
                    plan_name=args.name,
                    mapping_overrides=args.map,
                    scale=args.scale,
                    review_source=args.source,
                    progress=StderrProgress(),
                    create_scale=args.create_scale is not None,
                    create_scale_if_none_fits=not args.no_create_scale,  # taken with a warning
                    new_scale_name=args.create_scale or "",
                )
        except (MappingError, NotFound, InvalidChange) as exc:
            store.close()
            return _fail(str(exc), status=2)
        except ImportFileError as exc:
            store.close()
            return _fail(f"{exc}\nNothing was imported.")
        except KeyboardInterrupt:  # Ctrl+C while a large file is read: nothing has been written
            store.close()
            return _fail("Import cancelled: nothing was written.", status=130)
        try:
            for line in preview.summary_lines(MAX_PROBLEMS_SHOWN):
                print(line)
            if preview.errors:
                return _fail(
                    f"{args.file} cannot be imported: {len(preview.errors)} error(s) listed above must be fixed "
                    f"first. Nothing was written."
                )
            if args.dry_run:
                print("Dry run: nothing was written.")
                return 0
            try:
                store.backup("before importing a plan")
                with store.transaction() as session:
                    plan_id, _changes = apply_plan_import(session, preview, board_id=board_id)
            except (ServiceError, StoreError) as exc:
                return _fail(f"{exc} Nothing was written." if isinstance(exc, StoreError) else str(exc))
            print(f"Imported as plan {plan_id} “{preview.plan_name}” into {store.path}.")
            return 0
        finally:
            store.close()


def import_actions(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.importing.mapping import MappingError
    from boardapp.importing.problems import ImportFileError
    from boardapp.services.action_import import apply_action_import, preview_action_import
    from boardapp.services.errors import NotFound, ServiceError

    with tempfile.TemporaryDirectory(prefix="boardapp-import-") as scratch:
        try:
            store = _store_for(home, dry_run=args.dry_run, scratch=Path(scratch))
        except StoreError as exc:
            return _fail(str(exc))
        try:
            try:
                with store.session() as session:
                    preview = preview_action_import(
                        session, args.file, board=args.board, mapping_overrides=args.map, progress=StderrProgress()
                    )
            except (MappingError, NotFound) as exc:
                return _fail(str(exc), status=2)
            except ImportFileError as exc:
                return _fail(f"{exc}\nNothing was imported.")
            except KeyboardInterrupt:  # Ctrl+C while a large file is read: nothing has been written
                return _fail("Import cancelled: nothing was written.", status=130)
            for line in preview.summary_lines(MAX_ACTION_PROBLEMS_SHOWN):
                print(line)
            if not preview.can_apply:
                return _fail(
                    f"{args.file} cannot be imported: {len(preview.errors)} error(s) listed above must be fixed "
                    f"first. Nothing was written."
                )
            if args.dry_run:
                print("Dry run: nothing was written.")
                return 0
            writing = StderrProgress(text="Wrote {done:,} of {total:,} actions…")
            try:
                store.backup("before importing an action log")
                with store.transaction() as session:
                    ids, _changes = apply_action_import(session, preview, progress=writing)
            except (ServiceError, StoreError) as exc:
                return _fail(f"{exc} Nothing was written." if isinstance(exc, StoreError) else str(exc))
            except KeyboardInterrupt:  # the transaction was rolled back: none of the actions are kept
                return _fail("Import cancelled: nothing was written.", status=130)
            print(f"Imported {len(ids)} action(s) onto “{preview.board_name}” in {store.path}.")
            return 0
        finally:
            store.close()


def import_minutes(home: AppHome, args: argparse.Namespace) -> int:
    """Past minutes (.docx or text PDF), one preview for all files, each file written whole or not at all."""
    from boardapp.core.dates import long_date
    from boardapp.services.errors import NotFound, ServiceError
    from boardapp.services.minutes_import import apply_minutes_import, preview_minutes_import

    with tempfile.TemporaryDirectory(prefix="boardapp-import-") as scratch:
        try:
            store = _store_for(home, dry_run=args.dry_run, scratch=Path(scratch))
        except StoreError as exc:
            return _fail(str(exc))
        try:
            try:
                with store.session() as session:
                    preview = preview_minutes_import(session, args.files, args.board)
            except NotFound as exc:
                return _fail(str(exc), status=2)
            except KeyboardInterrupt:
                return _fail("Import cancelled: nothing was written.", status=130)
            for line in preview.summary_lines(MAX_PROBLEMS_SHOWN):
                print(line)
            refused = len(preview.refused)
            if args.dry_run or not preview.importable:
                print("Dry run: nothing was written." if args.dry_run else "Nothing to import: nothing was written.")
                return 1 if refused else 0
            try:
                store.backup("before importing minutes")
                with store.transaction() as session:
                    result, _changes = apply_minutes_import(session, preview)
            except (ServiceError, StoreError) as exc:
                return _fail(f"{exc}\nNothing was written.")
            except KeyboardInterrupt:
                return _fail("Import cancelled: nothing was written.", status=130)
            dates = {f.path: f.meeting_date for f in preview.files}
            imported = [f"{long_date(d)} ({p.name})" for p, _ in result.imported if (d := dates.get(p)) is not None]
            print(
                f"Imported {len(result.imported)} meeting(s) onto “{preview.board_name}” in {store.path}: "
                f"{'; '.join(imported) or 'none'}."
            )
            for _path, message in result.failed:
                print(f"  not imported: {message}")
            if refused or result.failed:
                return _fail(f"{refused + len(result.failed)} file(s) could not be imported (listed above).")
            return 0
        finally:
            store.close()


def _store_for(home: AppHome, *, dry_run: bool, scratch: Path) -> Store:
    """The user's database; for a dry run with no database yet, an empty one that is thrown away."""
    if dry_run and not home.has_database():
        print(f"(There is no database at {home.db_path} yet: every lead would be new.)")
        return open_database(scratch / "preview.sqlite", scratch / "backups")
    return open_store(home)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("import", help="import a plan, an action log, past minutes or a chair's review")
    kinds = parser.add_subparsers(dest="import_kind", metavar="WHAT", required=True)
    plan = kinds.add_parser(
        "plan",
        help="import an improvement plan from a .docx or .xlsx file",
        description=(
            "Read the plan's tables, show what would be imported and every problem found (sheet or table, row, "
            "column), and write the plan unless --dry-run is given or there are errors. Exit status: 0 imported "
            "(or a clean dry run), 1 the file cannot be imported, 2 bad arguments."
        ),
    )
    plan.add_argument("file", metavar="FILE", type=Path, help="the plan: a Word (.docx) or Excel (.xlsx) file")
    plan.add_argument("--name", required=True, metavar="NAME", help="name of the new plan (must not be in use)")
    plan.add_argument("--board", metavar="NAME", help="the board the plan belongs to")
    plan.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=field",
        help=f"read the column with this header (or letter) as this field; repeat for more columns. "
        f"Fields: {field_names(PLAN_FIELDS)}",
    )
    plan.add_argument("--scale", metavar="NAME", help="the status scale of the status column (default: best fit)")
    plan.add_argument(
        "--create-scale",
        metavar="NAME",
        nargs="?",
        const="",
        help="when no status scale holds every rating, create one from the ratings found, worst first, and "
        "name it NAME (default: when no scale holds any rating)",
    )
    plan.add_argument(
        "--no-create-scale", action="store_true", help="never create a scale: ratings on no scale are errors"
    )
    plan.add_argument(
        "--source", metavar="TITLE", help="the review source whose recommendations the recommendation refs name"
    )
    plan.add_argument("--dry-run", action="store_true", help="show the preview only; write nothing")
    plan.set_defaults(handler=import_plan)

    actions = kinds.add_parser(
        "actions",
        help="import an existing action log from an Excel (.xlsx) file onto a board",
        description=(
            "Read the log's sheets, show what would be imported and every problem found (sheet, row, column), and "
            "write all the actions onto the board unless --dry-run is given or there are errors: all rows or none. "
            "Exit status: 0 imported (or a clean dry run), 1 the file cannot be imported, 2 bad arguments."
        ),
    )
    actions.add_argument("file", metavar="FILE", type=Path, help="the action log: an Excel (.xlsx) file (or .docx)")
    actions.add_argument("--board", required=True, metavar="NAME", help="the board whose actions these are")
    actions.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="HEADER=field",
        help=f"read the column with this header (or letter) as this field; repeat for more columns. "
        f"Fields: {field_names(ACTION_FIELDS)}",
    )
    actions.add_argument("--dry-run", action="store_true", help="show the preview only; write nothing")
    actions.set_defaults(handler=import_actions)

    minutes = kinds.add_parser(
        "minutes",
        help="import past minutes (Word .docx or text PDF) as held meetings of a board",
        description=(
            "Read each file's minutes (header, attendance, numbered items, notes, resolutions, actions), show one "
            "preview for all of them, and write each file as a held meeting unless --dry-run is given: each file "
            "whole or not at all; a meeting the board already held that day is skipped. Exit status: 0 imported "
            "(or a clean dry run), 1 some file could not be imported, 2 bad arguments."
        ),
    )
    minutes.add_argument("files", metavar="FILE", type=Path, nargs="+", help="minutes: Word (.docx) or PDF files")
    minutes.add_argument("--board", required=True, metavar="NAME", help="the board whose minutes these are")
    minutes.add_argument("--dry-run", action="store_true", help="show the preview only; write nothing")
    minutes.set_defaults(handler=import_minutes)

    from boardapp.commands.review import register_import  # issue 16: the chair's review comes back

    register_import(kinds)
