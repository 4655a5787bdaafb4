"""board, person, member and members: the board's settings and who sits on it.

    boardapp board add NAME [--short-name IB] [--venue TEXT] [--time HH:MM] [--quorum N] [--length MINUTES]
                            [--numbering none|continuous|municipal-year] [--year-starts MONTH]
                            [--standing-item TEXT ...] [--publication-days N] [--word-template FILE.docx]
    boardapp board edit NAME [--name NEW] [same options] [--no-quorum] [--no-word-template]
    boardapp board list [--all]          boardapp board show NAME          boardapp board archive NAME [--undo]
    boardapp person add NAME [--organisation ORG] [--email E] [--title T]
    boardapp person list
    boardapp member add --board B NAME [--role chair] [--from DATE] [--to DATE] [--organisation ORG] [--email E]
    boardapp member end --board B NAME --on DATE
    boardapp member list --board B [--on DATE]
    boardapp members import FILE --board B [--dry-run]

Commands that write create the database when there is none yet. Exit status: 0 done, 1 refused (a
message says why and what to do), 2 bad arguments (an unknown board lists the boards).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from boardapp.home import AppHome

NUMBERING = {"none": "none", "continuous": "continuous", "municipal-year": "municipal_year"}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def _fail(command: str, message: str, status: int = 1) -> int:
    print(f"boardapp {command}: {message}", file=sys.stderr)
    return status


def _run(
    home: AppHome, command: str, work: Callable[[Any], str], *, write: bool = True, empty: str | None = None
) -> int:
    """Open the store, run `work(session)` (in a transaction when writing), print what it returns.

    A read on a home with no database prints `empty` instead of creating one.
    """
    from boardapp.services.errors import InvalidChange, NotFound, ServiceError
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    if not write and not home.has_database():
        if empty is None:
            return _fail(command, f"there is no BoardApp database at {home.db_path} yet: add a board first.")
        print(empty)
        return 0
    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail(command, str(exc))
    try:
        if write:
            with store.transaction() as session:
                text = work(session)
        else:
            with store.session() as session:
                text = work(session)
    except NotFound as exc:
        return _fail(command, str(exc), status=2)
    except (InvalidChange, ServiceError) as exc:
        return _fail(command, f"{exc} Nothing was changed." if isinstance(exc, InvalidChange) else str(exc))
    finally:
        store.close()
    if text:
        print(text)
    return 0


# -- board -----------------------------------------------------------------------------------------------------
def _board_fields(args: argparse.Namespace) -> dict[str, Any]:
    from boardapp.core.enums import MinuteNumbering

    fields: dict[str, Any] = {}
    for option, name in (("short_name", "short_name"), ("venue", "venue"), ("time", "start_time")):
        if getattr(args, option) is not None:
            fields[name] = getattr(args, option)
    if args.quorum is not None:
        fields["quorum"] = args.quorum
    if getattr(args, "no_quorum", False):
        fields["quorum"] = None
    if args.length is not None:
        fields["usual_length_minutes"] = args.length
    if args.numbering is not None:
        fields["minute_numbering"] = MinuteNumbering(NUMBERING[args.numbering])
    if args.year_starts is not None:
        fields["municipal_year_start_month"] = args.year_starts
    if args.standing_item:
        fields["standing_items"] = args.standing_item
    return fields


def _describe_board(session: Any, board_id: int) -> str:
    from boardapp.core.dates import MONTH_NAMES
    from boardapp.core.enums import MinuteNumbering
    from boardapp.services.boards import NUMBERING_LABELS, board_settings

    s = board_settings(session, board_id)
    lines = [
        f"{s.name}{' (archived)' if s.archived else ''}",
        f"  Short name:   {s.short_name or '-'}",
        f"  Venue:        {s.venue or '-'}",
        f"  Start time:   {s.start_time or '-'}",
        f"  Usual length: {f'{s.usual_length_minutes} minutes' if s.usual_length_minutes else '-'}",
        f"  Quorum:       {s.quorum if s.quorum is not None else '-'}",
        f"  Numbering:    {NUMBERING_LABELS[s.minute_numbering]}"
        + (
            f", the year starting in {MONTH_NAMES[s.municipal_year_start_month - 1]}"
            if s.minute_numbering is MinuteNumbering.MUNICIPAL_YEAR
            else ""
        ),
        f"  Publication:  the agenda {s.publication_days} clear working days before the meeting",
        f"  Word template: {_template_line(s.word_template)}",
        "  Standing items:",
        *(f"    {n}. {title}" for n, title in enumerate(s.standing_items, start=1)),
    ]
    return "\n".join(lines)


def _template_line(setting: str) -> str:
    """The board's house template as `board show` prints it (issue 15)."""
    if not setting:
        return "BoardApp's own"
    if not Path(setting).is_file():
        return f"{setting} (MISSING: Word exports stop until it is back or changed)"
    return setting


def board_add(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import check_word_template, create_board, update_board

    def work(session: Any) -> str:
        board_id, _ = create_board(session, args.name, **_board_fields(args))
        later: dict[str, Any] = {}  # the settings create_board leaves at their defaults, set in the same transaction
        note = ""
        if args.publication_days is not None:
            later["publication_days"] = args.publication_days
        if args.word_template is not None:
            note = "\n" + check_word_template(args.word_template).summary
            later["word_template"] = str(args.word_template)
        if later:
            update_board(session, board_id, **later)
        return "Created board " + _describe_board(session, board_id) + note

    return _run(home, "board add", work)


def board_edit(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import check_word_template, find_board_id, update_board

    def work(session: Any) -> str:
        board_id = find_board_id(session, args.board)
        fields = _board_fields(args)
        if args.new_name is not None:
            fields["name"] = args.new_name
        if getattr(args, "publication_days", None) is not None:  # issue 15
            fields["publication_days"] = args.publication_days
        note = ""
        if getattr(args, "word_template", None) is not None:  # issue 15: the house template
            note = "\n" + check_word_template(args.word_template).summary
            fields["word_template"] = str(args.word_template)
        if getattr(args, "no_word_template", False):
            fields["word_template"] = ""
        if not fields:
            raise _nothing_to_change()
        update_board(session, board_id, **fields)
        return "Updated board " + _describe_board(session, board_id) + note

    return _run(home, "board edit", work)


def _nothing_to_change() -> Exception:
    from boardapp.services.errors import InvalidChange

    return InvalidChange("Say what to change (for example --venue TEXT or --time HH:MM; see --help).")


def board_list(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import list_boards

    def work(session: Any) -> str:
        boards = list_boards(session, include_archived=args.all)
        archived = len(list_boards(session, include_archived=True)) - len(boards)
        if not boards and archived:
            return f"No boards in use ({archived} archived: boardapp board list --all shows them)."
        if not boards:
            return "No boards yet. Add one with: boardapp board add NAME"
        lines = []
        for b in boards:
            extras = [b.short_name and f"[{b.short_name}]", b.start_time, b.venue]
            counts = f"{b.current_members} member(s), {b.meetings} meeting(s)"
            lines.append(" · ".join(part for part in (b.name, *extras, counts) if part))
            if b.archived:
                lines[-1] += " (archived)"
        return "\n".join(lines)

    return _run(home, "board list", work, write=False, empty="No boards yet. Add one with: boardapp board add NAME")


def board_show(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import find_board_id

    return _run(home, "board show", lambda s: _describe_board(s, find_board_id(s, args.board)), write=False)


def board_archive(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import archive_board, find_board_id

    def work(session: Any) -> str:
        board_id = find_board_id(session, args.board)
        archive_board(session, board_id, archived=not args.undo)
        verb = "is back in use" if args.undo else "is archived: its meetings and minutes are kept"
        return f"{args.board} {verb}."

    return _run(home, "board archive", work)


# -- person ----------------------------------------------------------------------------------------------------
def person_add(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.people import add_person, person_details

    def work(session: Any) -> str:
        person_id, _ = add_person(
            session, args.name, title=args.title or "", organisation=args.organisation or "", email=args.email or ""
        )
        row = person_details(session, person_id)
        extras = ", ".join(part for part in (row.organisation, row.email) if part)
        return f"Added {row.formal_name}" + (f" ({extras})" if extras else "") + "."

    return _run(home, "person add", work)


def person_list(home: AppHome, _args: argparse.Namespace) -> int:
    from boardapp.services.people import list_people

    def work(session: Any) -> str:
        rows = list_people(session)
        if not rows:
            return "No people yet. Add one with: boardapp person add NAME"
        lines = []
        for row in rows:
            parts = [row.formal_name, row.organisation, row.email, ", ".join(row.boards)]
            lines.append(" · ".join(part for part in parts if part))
        return "\n".join(lines)

    return _run(home, "person list", work, write=False, empty="No people yet. Add one with: boardapp person add NAME")


# -- member ----------------------------------------------------------------------------------------------------
def _role(text: str) -> Any:
    from boardapp.core.rules.member_roles import parse_role, role_choices

    role = parse_role(text)
    if role is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a role: choose one of {role_choices()}")
    return role


def member_add(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.core.models import Membership
    from boardapp.services.boards import find_board_id
    from boardapp.services.memberships import join_board, role_label
    from boardapp.services.people import person_details

    def work(session: Any) -> str:
        board_id = find_board_id(session, args.board)
        membership_id, changes = join_board(
            session, board_id, args.name, args.role, args.start, args.end,
            organisation=args.organisation or "", email=args.email or "", title=args.title or "",
        )  # fmt: skip
        membership = session.get(Membership, membership_id)
        row = person_details(session, membership.person_id)
        when = f" from {args.start.isoformat()}" if args.start else ""
        when += f" to {args.end.isoformat()}" if args.end else ""
        who = f"{row.formal_name}{' (new person)' if changes.people else ''}"
        return f"Added {who} to the board as {role_label(args.role).lower()}{when}."

    return _run(home, "member add", work)


def _find_membership(session: Any, board_id: int, name: str) -> Any:
    from boardapp.services.errors import InvalidChange, NotFound
    from boardapp.services.memberships import board_members
    from boardapp.services.parties import PartyDirectory

    found = PartyDirectory(session).find(name)
    rows = [r for r in board_members(session, board_id) if found is not None and r.person_id == found.person_id]
    if not rows:
        raise NotFound(f"“{name}” is not a member of this board.")
    open_rows = [r for r in rows if r.end_date is None]
    if len(open_rows) != 1:
        raise InvalidChange(f"{rows[0].name} has no membership without an end date.")
    return open_rows[0]


def member_end(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import find_board_id
    from boardapp.services.memberships import end_membership

    def work(session: Any) -> str:
        row = _find_membership(session, find_board_id(session, args.board), args.name)
        end_membership(session, row.membership_id, args.on)
        return f"{row.name}'s membership ends on {args.on.isoformat()}."

    return _run(home, "member end", work)


def member_list(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import find_board_id
    from boardapp.services.memberships import board_members, members_on

    def work(session: Any) -> str:
        board_id = find_board_id(session, args.board)
        rows = members_on(session, board_id, args.on) if args.on else board_members(session, board_id)
        if not rows:
            return "No members" + (f" on {args.on.isoformat()}." if args.on else " yet.")
        lines = []
        for r in rows:
            start = r.start_date.isoformat() if r.start_date else "…"
            dates = f"{start} – {r.end_date.isoformat() if r.end_date else ''}".strip()
            parts = [r.formal_name, r.role_label, r.organisation, dates if r.start_date or r.end_date else ""]
            lines.append(" · ".join(part for part in parts if part))
        return "\n".join(lines)

    return _run(home, "member list", work, write=False)


def members_import(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.importing.problems import ImportFileError
    from boardapp.services import member_import
    from boardapp.services.errors import NotFound, ServiceError
    from boardapp.store.database import open_database, open_store
    from boardapp.store.errors import StoreError

    command = "members import"
    with tempfile.TemporaryDirectory(prefix="boardapp-import-") as scratch:
        try:
            if args.dry_run and not home.has_database():
                print(f"(There is no database at {home.db_path} yet, so there are no boards to import onto.)")
                store = open_database(Path(scratch) / "preview.sqlite", Path(scratch) / "backups")
            else:
                store = open_store(home)
        except StoreError as exc:
            return _fail(command, str(exc))
        try:
            try:
                with store.session() as session:
                    preview = member_import.preview(session, args.file, board=args.board)
            except NotFound as exc:
                return _fail(command, str(exc), status=2)
            except ImportFileError as exc:
                return _fail(command, f"{exc}\nNothing was imported.")
            for line in preview.summary_lines():
                print(line)
            if preview.errors:
                return _fail(
                    command,
                    f"{args.file} cannot be imported: {len(preview.errors)} error(s) listed above must be fixed first. "
                    f"Nothing was written.",
                )
            if not preview.to_write:
                return _fail(command, f"{args.file} adds nobody to the board. Nothing was written.")
            if args.dry_run:
                print("Dry run: nothing was written.")
                return 0
            try:
                store.backup("before import")
                with store.transaction() as session:
                    ids, _ = member_import.write(session, preview)
            except StoreError as exc:
                return _fail(command, f"{exc} Nothing was written.")
            except ServiceError as exc:
                return _fail(command, str(exc))
            print(f"Imported {len(ids)} membership(s) onto “{preview.board_name}” in {store.path}.")
            return 0
        finally:
            store.close()


# -- registration ----------------------------------------------------------------------------------------------
def _board_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--short-name", dest="short_name", metavar="IB", help="one word that starts action refs")
    parser.add_argument("--venue", metavar="TEXT", help="where the board usually meets")
    parser.add_argument("--time", metavar="HH:MM", help="usual start time, 24-hour clock")
    parser.add_argument("--quorum", type=int, metavar="N", help="members present needed for business")
    parser.add_argument("--length", type=int, metavar="MINUTES", help="a meeting's usual length in minutes")
    parser.add_argument("--numbering", choices=tuple(NUMBERING), help="how the board's minutes are numbered")
    parser.add_argument(
        "--year-starts", dest="year_starts", type=int, metavar="MONTH", help="municipal year's first month, 1-12 (5)"
    )
    parser.add_argument(
        "--standing-item",
        dest="standing_item",
        action="append",
        default=[],
        metavar="TEXT",
        help="a standing item, in order; repeat for each (replaces the whole list)",
    )


def _publication_options(parser: argparse.ArgumentParser) -> Any:
    """--publication-days and --word-template (issue 15), for board add and board edit alike."""
    parser.add_argument(
        "--publication-days", type=int, metavar="N", help="clear working days before a meeting its agenda is published"
    )
    template = parser.add_mutually_exclusive_group()
    template.add_argument(
        "--word-template",
        metavar="FILE.docx",
        help="the secretariat's Word house template: the board's Word exports take its styles",
    )
    return template


def _subcommands(subparsers: Any, name: str, help_text: str) -> Any:
    parser = subparsers.add_parser(name, help=help_text, description=f"{help_text[0].upper()}{help_text[1:]}.")
    return parser.add_subparsers(dest=f"{name}_action", metavar="ACTION", required=True)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """board, person, member and members: see the module docstring."""
    board = _subcommands(subparsers, "board", "create, edit, list and archive boards")
    add = board.add_parser("add", help="create a board with its defaults")
    add.add_argument("name", metavar="NAME")
    _board_options(add)
    _publication_options(add)
    add.set_defaults(handler=board_add)
    edit = board.add_parser("edit", help="change a board's settings")
    edit.add_argument("board", metavar="NAME", help="the board's name or short name")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename the board")
    _board_options(edit)
    edit.add_argument("--no-quorum", dest="no_quorum", action="store_true", help="the board has no quorum")
    template = _publication_options(edit)
    template.add_argument(
        "--no-word-template",
        action="store_true",
        help="go back to BoardApp's own Word template",
    )
    edit.set_defaults(handler=board_edit)
    listing = board.add_parser("list", help="list the boards")
    listing.add_argument("--all", action="store_true", help="include archived boards")
    listing.set_defaults(handler=board_list)
    show = board.add_parser("show", help="print a board's settings and standing items")
    show.add_argument("board", metavar="NAME")
    show.set_defaults(handler=board_show)
    archive = board.add_parser("archive", help="archive a board (its history is kept)")
    archive.add_argument("board", metavar="NAME")
    archive.add_argument("--undo", action="store_true", help="bring an archived board back")
    archive.set_defaults(handler=board_archive)

    person = _subcommands(subparsers, "person", "add and list people")
    padd = person.add_parser("add", help="add a person")
    padd.add_argument("name", metavar="NAME")
    padd.add_argument("--organisation", metavar="ORG")
    padd.add_argument("--email", metavar="E")
    padd.add_argument("--title", metavar="T", help="Cllr, Dr, County Councillor ...")
    padd.set_defaults(handler=person_add)
    person.add_parser("list", help="list everyone").set_defaults(handler=person_list)

    member = _subcommands(subparsers, "member", "add, end and list a board's members")
    madd = member.add_parser("add", help="make someone a member of a board (adds the person if new)")
    madd.add_argument("name", metavar="NAME")
    madd.add_argument("--board", required=True, metavar="B", help="the board's name or short name")
    madd.add_argument(
        "--role", type=_role, default="member", help="chair, vice-chair, member, co-opted, officer or adviser"
    )
    madd.add_argument("--from", dest="start", type=_date, metavar="DATE", help="member from (YYYY-MM-DD)")
    madd.add_argument("--to", dest="end", type=_date, metavar="DATE", help="member until (YYYY-MM-DD)")
    madd.add_argument("--organisation", metavar="ORG", help="for a new person")
    madd.add_argument("--email", metavar="E", help="for a new person")
    madd.add_argument("--title", metavar="T", help="for a new person")
    madd.set_defaults(handler=member_add)
    mend = member.add_parser("end", help="end someone's membership of a board")
    mend.add_argument("name", metavar="NAME")
    mend.add_argument("--board", required=True, metavar="B")
    mend.add_argument("--on", required=True, type=_date, metavar="DATE", help="their last day (YYYY-MM-DD)")
    mend.set_defaults(handler=member_end)
    mlist = member.add_parser("list", help="list a board's members")
    mlist.add_argument("--board", required=True, metavar="B")
    mlist.add_argument("--on", type=_date, metavar="DATE", help="only those who were members on this date")
    mlist.set_defaults(handler=member_list)

    members = _subcommands(subparsers, "members", "import a membership list")
    imp = members.add_parser(
        "import",
        help="import a membership list (.xlsx or .csv: name, organisation, role, email, from, to)",
        description="Read the list, show what would be imported and every problem (sheet, row, column), and add "
        "every membership unless --dry-run is given or there are errors: all rows or none. Exit status: 0 imported "
        "(or a clean dry run), 1 the file cannot be imported, 2 bad arguments (an unknown board lists the boards).",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--board", required=True, metavar="B")
    imp.add_argument("--dry-run", action="store_true", help="show the preview only; write nothing")
    imp.set_defaults(handler=members_import)
