"""The chair's review copy from the command line (issue 16 point 4).

    boardapp review-copy --board NAME -o FILE [--include-part-ii] [--passphrase-file F] [--by NAME]
    boardapp import review FILE [--passphrase-file F] [--dry-run | --accept-all | --accept ID ...]
                                [--accept-conflicts] [--by NAME] [--on YYYY-MM-DD] [--meeting YYYY-MM-DD]

`import review` always prints every proposal (old → proposed, the chair's comment, any conflict). Without
--accept-all/--accept it writes nothing, like --dry-run. --accept-all accepts every proposal except those
in conflict (the clerk changed the record since the copy was made) unless --accept-conflicts is given; the
others are recorded as rejected, and the same review imported again does nothing. The passphrase is read
from a file (first line), never from the command line, where other users could see it in the process list.
Exit status: 0 done, 1 refused (wrong passphrase, foreign copy, already imported…), 2 bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from boardapp.home import AppHome

if TYPE_CHECKING:
    from boardapp.services.review_copy import ReviewDiff


def _fail(message: str, status: int = 1) -> int:
    print(f"boardapp: {message}", file=sys.stderr)
    return status


def _passphrase(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValueError(f"the passphrase file {path} could not be read ({exc.strerror or exc})") from exc
    if not lines or not lines[0].strip():
        raise ValueError(f"the passphrase file {path} is empty")
    return lines[0].rstrip("\r\n")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def make_copy(home: AppHome, args: argparse.Namespace) -> int:
    from boardapp.services.boards import find_board_id
    from boardapp.services.errors import ServiceError
    from boardapp.services.review_copy import make_review_copy
    from boardapp.store.database import open_store

    try:
        passphrase = _passphrase(args.passphrase_file)
    except ValueError as exc:
        return _fail(str(exc), 2)
    store = open_store(home)
    try:
        with store.transaction() as session:
            try:
                board_id = find_board_id(session, args.board)
            except ServiceError as exc:
                return _fail(str(exc), 2)
            info, _ = make_review_copy(
                session,
                board_id,
                args.output,
                include_part2=args.include_part_ii,
                passphrase=passphrase,
                made_by=args.by,
            )
    except ServiceError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    part2 = "including Part II (exempt) business" if info.includes_part2 else "without Part II (exempt) business"
    sealed = "protected by a passphrase" if passphrase else "not protected by a passphrase"
    print(f"Wrote the review copy of {info.board_name} to {args.output} ({part2}; {sealed}).")
    print(f"When the chair sends it back: boardapp import review {args.output.name}")
    return 0


def import_review(home: AppHome, args: argparse.Namespace) -> int:
    from sqlmodel import select

    from boardapp.core.models import Meeting
    from boardapp.services.errors import ServiceError
    from boardapp.services.review_copy import apply_review, read_review
    from boardapp.store.database import open_store

    try:
        passphrase = _passphrase(args.passphrase_file)
    except ValueError as exc:
        return _fail(str(exc), 2)
    if not args.file.is_file():
        return _fail(f"{args.file} is not a file.", 2)
    writing = (args.accept_all or args.accept) and not args.dry_run
    store = open_store(home)
    try:
        with store.session() as session:
            diff = read_review(session, args.file, passphrase)
        print(_describe(diff))
        if diff.already_imported:
            return _fail(diff.already_imported)
        if not writing:
            print("Nothing was written (use --accept-all or --accept ID to accept proposals).")
            return 0
        known = {row.id for row in diff.proposals}
        if set(args.accept) - known:
            return _fail(f"No proposal numbered {', '.join(str(i) for i in sorted(set(args.accept) - known))}.", 2)
        chosen = [
            row.id
            for row in diff.proposals
            if (row.id in args.accept or args.accept_all)
            and not row.missing
            and (not row.conflict or args.accept_conflicts or row.id in args.accept)
        ]
        with store.transaction() as session:
            meeting_id = None
            if args.meeting is not None:
                meeting = session.exec(
                    select(Meeting).where(Meeting.board_id == diff.board_id, Meeting.date == args.meeting)
                ).first()
                if meeting is None:
                    return _fail(f"{diff.board_name} has no meeting on {args.meeting.isoformat()}.", 2)
                meeting_id = meeting.id
            result, _ = apply_review(
                session, diff, chosen, by=args.by, on=args.on or dt.date.today(), meeting_id=meeting_id
            )
    except ServiceError as exc:
        return _fail(str(exc))
    finally:
        store.close()
    print(result.message)
    return 0


def _describe(diff: ReviewDiff) -> str:
    from boardapp.services.review_copy import FIELD_LABELS

    made = diff.made_at
    lines = [
        f"Review of {diff.board_name} made on {made.year}-{made.month:02d}-{made.day:02d}"
        f"{' by ' + diff.made_by if diff.made_by else ''}"
        f"{' (includes Part II business)' if diff.includes_part2 else ''}: "
        f"{len(diff.proposals)} proposal{'s' if len(diff.proposals) != 1 else ''}.",
    ]
    for row in diff.proposals:
        change = (
            f"{row.old_text} → {row.proposed_text}" if row.field.value == "status" else f"“{row.proposed_text}”"
        )
        lines.append(f"  [{row.id}] {row.record_label} — {FIELD_LABELS[row.field]}: {change}")
        if row.comment:
            lines.append(f"        comment: {row.comment}")
        if row.conflict:
            lines.append(f"        CONFLICT: {row.conflict}")
    return "\n".join(lines)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "review-copy",
        help="write a board's review copy for the chair's laptop",
        description=(
            "Write one file with the board's meetings, agendas, minutes, actions with their history, plans with "
            "their statuses and people, for the chair to read offline and make proposals in. Other boards are "
            "left out, and Part II (exempt) business too unless --include-part-ii is given."
        ),
    )
    parser.add_argument("--board", required=True, metavar="NAME", help="the board (name or short name)")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE",
        help="the copy to write (any name: BoardApp knows a review copy by its content; .boardreview is usual)",
    )
    parser.add_argument(
        "--include-part-ii",
        action="store_true",
        help="include exempt (Part II) business: only if the chair's laptop may hold confidential information",
    )
    parser.add_argument(
        "--passphrase-file", type=Path, metavar="F", help="protect the copy with the passphrase on F's first line"
    )
    parser.add_argument("--by", default="", metavar="NAME", help="who made the copy (recorded in it)")
    parser.set_defaults(handler=make_copy)


def register_import(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`import review`, added to the `import` group by commands/imports.py."""
    review = kinds.add_parser(
        "review",
        help="bring the chair's review copy back: show the proposals, accept them",
        description=(
            "Show every proposal in the chair's review copy (old → proposed, the chair's comment, conflicts where "
            "the record changed here since the copy was made) and accept them. Accepted changes enter the "
            "action's history or the plan item's status history as made by the chair."
        ),
    )
    review.add_argument("file", metavar="FILE", type=Path, help="the review copy the chair sent back")
    review.add_argument("--passphrase-file", type=Path, metavar="F", help="the passphrase, on F's first line")
    choice = review.add_mutually_exclusive_group()
    choice.add_argument("--dry-run", action="store_true", help="show the proposals only; write nothing (default)")
    choice.add_argument("--accept-all", action="store_true", help="accept every proposal not in conflict")
    choice.add_argument(
        "--accept", action="append", type=int, default=[], metavar="ID", help="accept this proposal; repeat for more"
    )
    review.add_argument("--accept-conflicts", action="store_true", help="with --accept-all: accept conflicts too")
    review.add_argument("--by", default="Chair", metavar="NAME", help="the chair's name for the history")
    review.add_argument("--on", type=_day, metavar="YYYY-MM-DD", help="the day recorded (default: today)")
    review.add_argument(
        "--meeting", type=_day, metavar="YYYY-MM-DD", help="the meeting the updates are reported at (to close)"
    )
    review.set_defaults(handler=import_review)
