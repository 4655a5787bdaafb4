"""`boardapp export pack` and `boardapp export calendar` (issue 15): their handlers.

    boardapp export pack --board B --date D [--public | --part-ii | --supplement] [--record | --no-record] -o FILE.pdf
    boardapp export calendar --board B -o FILE.ics

The options are added to the `export` parser by `add_pack_arguments`; commands/export.py sends
these two kinds here. A public pack or supplement written here is recorded as published (kind, file name,
SHA-256, size and the papers it held), which is what a later `--supplement` is measured against; a full
(confidential) pack or the Part II supplement only with --record, as in the GUI's pack dialog.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import Any

from boardapp.commands._output import Refusal, export_with_store
from boardapp.home import AppHome

PACK_KINDS = ("pack", "calendar")


def add_pack_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "export pack / calendar",
        "The reports pack (agenda and papers as one PDF; --public leaves out Part II papers, --part-ii holds only "
        "them, --supplement only papers added since the last pack) and the board's meetings as an .ics calendar.",
    )
    variant = group.add_mutually_exclusive_group()
    variant.add_argument("--part-ii", action="store_true", help="pack: the Part II supplement (exempt papers only)")
    variant.add_argument("--supplement", action="store_true", help="pack: papers added since the last published pack")
    recording = group.add_mutually_exclusive_group()
    recording.add_argument(
        "--no-record", action="store_true", help="pack: do not record the public pack or supplement as published"
    )
    recording.add_argument(
        "--record",
        action="store_true",
        help="pack: record a full (confidential) pack or the Part II supplement as published too; they are not "
        "recorded unless asked, so the record of what was published holds no confidential pack by accident",
    )


def _fail(message: str) -> int:
    print(f"boardapp export: {message}", file=sys.stderr)
    return 1


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def run_export_pack(home: AppHome, args: argparse.Namespace) -> int:
    if args.kind == "calendar":
        return _run_calendar(home, args)
    if args.board is None or args.date is None:
        return _fail("say which meeting with --board NAME --date YYYY-MM-DD.")
    if args.public and (args.part_ii or args.supplement):
        return _fail("choose one of --public, --part-ii and --supplement.")
    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".pdf" or (args.format not in (None, "pdf")):
        return _fail(f"the reports pack is a PDF: give an output name ending .pdf (not {output.name!r}).")

    from boardapp.exporting import find_meeting
    from boardapp.exporting.pack.contents import PUBLICATION_KIND, PackVariant
    from boardapp.exporting.pack.export import PackResult, export_pack
    from boardapp.services.publication import record_publication

    variant = PackVariant.FULL
    if args.public:
        variant = PackVariant.PUBLIC
    elif args.part_ii:
        variant = PackVariant.PART_II
    elif args.supplement:
        variant = PackVariant.SUPPLEMENT

    confidential_variant = variant in (PackVariant.FULL, PackVariant.PART_II)
    record = args.record or (not args.no_record and not confidential_variant)  # as the GUI's pack dialog does

    def work(session: Any) -> PackResult:
        meeting_id = find_meeting(session, args.board, args.date, args.time)
        result = export_pack(session, meeting_id, output, variant, base=Path.cwd())
        if record:
            record_publication(
                session,
                meeting_id,
                PUBLICATION_KIND[variant],
                result.path,
                by=_user(),
                paper_ids=list(result.paper_ids),
            )
            session.commit()
        return result

    result = export_with_store(home, output, work)
    if isinstance(result, Refusal):
        return _fail(result.message)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for missing in result.not_included:
        print(f"not included: {missing}", file=sys.stderr)
    names = {
        PackVariant.FULL: "the reports pack (full, confidential)",
        PackVariant.PUBLIC: "the public reports pack",
        PackVariant.PART_II: "the Part II supplement (CONFIDENTIAL)",
        PackVariant.SUPPLEMENT: f"supplement {result.supplement_number} to the reports pack",
    }
    pages = "1 page" if result.pages == 1 else f"{result.pages} pages"
    print(f"Wrote {names[variant]}, {pages}, to {result.path}")
    if result.confidential and variant is not PackVariant.PART_II:
        print("It holds Part II (exempt) papers, marked CONFIDENTIAL: do not publish it.")
    if record:
        print("Recorded as published (file name, SHA-256 checksum and size).")
    elif confidential_variant and not args.no_record:
        print("Not recorded as published (it is confidential); add --record to record it.")
    return 0


def _run_calendar(home: AppHome, args: argparse.Namespace) -> int:
    if args.board is None:
        return _fail("say which board with --board NAME.")
    if args.date is not None or args.public or args.part_ii or args.supplement:
        return _fail("`export calendar` writes every meeting of the board: --date, --public, --part-ii and "
                     "--supplement do not apply.")  # fmt: skip
    output = Path(args.output).expanduser()
    if output.suffix.lower() != ".ics":
        return _fail(f"a calendar file ends .ics (not {output.name!r}).")

    from boardapp.exporting import find_board
    from boardapp.exporting.calendar.ics import CalendarResult, export_calendar

    def work(session: Any) -> tuple[str, CalendarResult]:
        board = find_board(session, args.board)
        return board.name, export_calendar(session, board.id or 0, output, stamp=dt.datetime.now(dt.UTC))

    outcome = export_with_store(home, output, work)
    if isinstance(outcome, Refusal):
        return _fail(outcome.message)
    board_name, result = outcome
    cancelled = f" ({result.cancelled} cancelled)" if result.cancelled else ""
    print(f"Wrote {result.events} meetings{cancelled} of {board_name} to {result.path}")
    return 0
