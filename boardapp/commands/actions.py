"""The action log on the command line: `boardapp export actions` and `boardapp actions`.

    boardapp export actions --format xlsx|pdf|docx [--board NAME] [--owner NAME]
        [--status open|overdue|all] [--as-at YYYY-MM-DD] [--open] [--public] [--template FILE.docx] -o FILE
    boardapp actions [--board NAME] [--owner NAME] [--status open|overdue|all] [--as-at YYYY-MM-DD] [--public]

`export actions` shares the `export` command with minutes and agenda (boardapp/commands/export.py
hands it over here): the Excel log (all actions by default), or the Word/PDF copy circulated to
owners, one section per owner (open actions by default). The Word copy takes its styles from
`--template`, else from the board's house template (a board setting) when the log is of one board,
else from BoardApp's own (the log of all boards). `--open` opens the file in the desktop's
default app afterwards; where there is no desktop it says so instead. `boardapp actions` prints the
log. Exit status: 0 done, 1 when it cannot (a message names the problem), 2 for bad arguments.
Heavy imports happen only when a command runs, so `boardapp --help` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from boardapp.commands._output import Refusal, export_with_store
from boardapp.home import AppHome

FORMATS = ("xlsx", "pdf", "docx")
STATUS_CHOICES = ("open", "overdue", "all")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _fail(message: str, command: str = "export") -> int:
    print(f"boardapp {command}: {message}", file=sys.stderr)
    return 1


def _selection_arguments(parser: argparse.ArgumentParser, *, board: bool) -> None:
    if board:
        parser.add_argument("--board", metavar="NAME", help="one board (name or short name); default: all boards")
    parser.add_argument("--owner", metavar="NAME", help="actions of one person or role (or names containing it)")
    parser.add_argument(
        "--status",
        choices=STATUS_CHOICES,
        help="open (open, in progress, completed), overdue, or all",
    )
    parser.add_argument(
        "--as-at", type=_date, metavar="YYYY-MM-DD", dest="as_at", help="judge overdue as at this date (default: today)"
    )


def add_export_actions_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `export actions` adds to the shared `export` command (its --board is shared)."""
    group = parser.add_argument_group(
        "export actions",
        "The action log: --format xlsx (all actions unless --status says otherwise), or pdf/docx, "
        "the copy circulated to owners with one section per owner (open actions unless --status says otherwise). "
        "As Word it takes its styles from --template FILE.docx if given, else from the board's house template "
        "(a board setting) for one --board, else from BoardApp's own (the log of all boards).",
    )
    group.add_argument("--owner", metavar="NAME", help="actions of one person or role (or names containing it)")
    group.add_argument("--status", choices=STATUS_CHOICES, help="open (open, in progress, completed), overdue, or all")
    group.add_argument(
        "--as-at", type=_date, metavar="YYYY-MM-DD", dest="as_at", help="judge overdue as at this date (default: today)"
    )
    group.add_argument(
        "--open", action="store_true", dest="open_after", help="open the file with the desktop's default app afterwards"
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """`boardapp actions`: print the log. (`export actions` is registered by boardapp/commands/export.py.)"""
    parser = subparsers.add_parser(
        "actions",
        help="print the action log (outstanding actions by default)",
        description="Print the action log of one board or all: ref, status, due, owners and action, overdue first "
        "marked with '!'.",
    )
    _selection_arguments(parser, board=True)
    parser.add_argument(
        "--public", action="store_true", help="leave out exempt (Part II) actions; otherwise they are marked [exempt]"
    )
    parser.set_defaults(handler=run_list_actions)


# -- the desktop's default app ----------------------------------------------------------------------


def open_with_default_app(
    path: Path, *, platform: str = sys.platform, environ: Mapping[str, str] | None = None
) -> str | None:
    """Open `path` as a double-click would. Returns None when asked, or a note saying why it could not."""
    environ = os.environ if environ is None else environ
    try:
        if platform == "win32":
            os.startfile(str(path))  # type: ignore[attr-defined]
            return None
        if platform == "darwin":
            subprocess.Popen(["open", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return None
        if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
            return f"There is no desktop display here, so {path} was not opened: open it on your desktop."
        opener = shutil.which("xdg-open")
        if opener is None:
            return f"No program to open files with was found (xdg-open), so {path} was not opened."
        subprocess.Popen(
            [opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        return None
    except OSError as exc:
        return f"{path} could not be opened: {exc.strerror or exc}."


# -- shared: choosing the actions --------------------------------------------------------------------


class _Refused(Exception):
    pass


def _query(session: Any, args: argparse.Namespace, default_status: str) -> tuple[Any, str]:
    """The ActionLogQuery the options ask for, and the board's name for titles."""
    from boardapp.exporting import ExportError, find_board
    from boardapp.services.action_log import ActionLogQuery, board_label, find_owner
    from boardapp.services.actions import OPEN_STATUSES
    from boardapp.services.errors import NotFound

    board_id = None
    if args.board:
        try:
            board_id = find_board(session, args.board).id
        except ExportError as exc:
            raise _Refused(str(exc)) from exc
    owner, owner_text = None, ""
    if args.owner:
        try:
            owner, owner_text = find_owner(session, args.owner)
        except NotFound as exc:
            raise _Refused(str(exc)) from exc
    status = args.status or default_status
    query = ActionLogQuery(
        board_id=board_id,
        owner=owner,
        owner_text="" if owner is not None else owner_text,
        statuses=frozenset(OPEN_STATUSES) if status == "open" else frozenset(),
        overdue_only=status == "overdue",
    )
    return query, board_label(session, board_id)


def _open_store(home: AppHome, command: str) -> Any:
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    if not home.has_database():
        raise _Refused(f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")
    try:
        return open_store(home)
    except StoreError as exc:
        raise _Refused(str(exc)) from exc


# -- export actions ---------------------------------------------------------------------------------


def run_export_actions(home: AppHome, args: argparse.Namespace) -> int:
    """`boardapp export actions ...` (called by boardapp/commands/export.py for the `actions` kind)."""
    meeting_only = [flag for flag, given in (("--date", args.date), ("--time", args.time),
                    ("--hide-exempt-titles", args.hide_exempt_titles)) if given]  # fmt: skip
    if meeting_only:
        verb = "applies" if len(meeting_only) == 1 else "apply"
        return _fail(f"{', '.join(meeting_only)} {verb} to minutes and agenda, not to the action log.")
    output = Path(args.output).expanduser()
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in FORMATS else None)
    if fmt is None:
        return _fail(f"say --format xlsx, pdf or docx (the output name {output.name!r} does not tell).")
    if suffix in FORMATS and suffix != fmt:
        return _fail(f"--format {fmt} does not match the output file {output.name!r}.")
    template = Path(args.template).expanduser() if args.template else None
    if template is not None and fmt != "docx":
        return _fail(f"--template applies to Word (docx) exports, not to {fmt}.")
    today = args.as_at or dt.date.today()

    from boardapp.exporting import ExportResult
    from boardapp.exporting.action_log.export import ActionLogDocument, build_action_log, export_action_log
    from boardapp.exporting.exempt.part2 import collect_part2
    from boardapp.services.action_log import action_log_rows, describe_query

    def work(session: Any) -> tuple[ActionLogDocument, str, ExportResult]:
        query, board_name = _query(session, args, "all" if fmt == "xlsx" else "open")
        rows = action_log_rows(session, query, today=today)
        scope = describe_query(session, query, today=today)
        boards = None if query.board_id is None else [query.board_id]
        if fmt == "docx":  # the board's house template (issue 15), checked before anything is written
            from boardapp.exporting.backends.word_styles import board_template

            template_used = board_template(session, query.board_id, template)
        else:
            template_used = None
        exempt = collect_part2(session, boards) if args.public else None
        document = build_action_log(rows, board_name=board_name, scope=scope, today=today, public=args.public)
        result = export_action_log(document, output, fmt, exempt=exempt, template=template_used)
        return document, scope, result

    outcome = export_with_store(home, output, work, refusals=(_Refused,))
    if isinstance(outcome, Refusal):
        return _fail(outcome.message)
    document, scope, result = outcome
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    kind = "action log" if fmt == "xlsx" else "actions by owner"
    if args.public:
        kind = f"public {kind}"
    elif document.confidential:
        kind = f"confidential {kind} (it holds exempt Part II actions)"
    count = len(document.entries)
    print(
        f"Wrote the {kind} ({count} action{'s' if count != 1 else ''}, {document.overdue} overdue: "
        f"{scope or 'All actions'}) to {result.path}"
    )
    if args.open_after:
        note = open_with_default_app(result.path)
        if note:
            print(note)
    return 0


# -- actions (print the log) ---------------------------------------------------------------------------


def run_list_actions(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.exporting.backends.text import printable
    from boardapp.services.action_log import action_log_rows, describe_query

    today = args.as_at or dt.date.today()
    try:
        store = _open_store(home, "actions")
    except _Refused as exc:
        return _fail(str(exc), "actions")
    try:
        with store.session() as session:
            query, board_name = _query(session, args, "open")
            rows = action_log_rows(session, query, today=today)
            scope = describe_query(session, query, today=today)
    except _Refused as exc:
        return _fail(str(exc), "actions")
    finally:
        store.close()
    if args.public:
        rows = [row for row in rows if not row.is_exempt]
    overdue = sum(1 for row in rows if row.is_overdue)
    heading = f"{board_name} · {scope} · as at {today.isoformat()}"
    if args.public:
        heading += " · public (exempt Part II actions left out)"
    elif any(row.is_exempt for row in rows):
        heading = f"CONFIDENTIAL (exempt Part II actions are marked [exempt]) · {heading}"
    print(printable(heading))
    print(f"{len(rows)} action{'s' if len(rows) != 1 else ''}, {overdue} overdue")
    if not rows:
        return 0
    print()
    widths = (max(len(row.ref) for row in rows) + 2, 13, 22, 28)
    for row in rows:
        mark = "!" if row.is_overdue else " "
        status = row.status_label + (" (late)" if row.is_overdue else "")
        cells = (row.ref, status, row.due_short, _clip(row.owners, widths[3] - 2))
        line = "".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        exempt = "[exempt] " if row.is_exempt else ""
        print(printable(f"{mark} {line}{exempt}{' '.join(row.text.split())}"))
    return 0


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
