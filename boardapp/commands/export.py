"""`boardapp export minutes|agenda`: write a meeting's minutes or agenda to Word or PDF.

    boardapp [--basedir DIR | --db FILE] export minutes --board NAME --date YYYY-MM-DD
        --format docx|pdf|html [--public] [--hide-exempt-titles] [--time HH:MM] [--template FILE.docx] -o FILE

    boardapp export plan --plan NAME --format xlsx|pdf [--as-at YYYY-MM-DD] -o FILE
    boardapp export evidence --plan NAME [--recommendation REF] --format docx|pdf -o FILE
    boardapp export pack --board NAME --date YYYY-MM-DD [--public|--part-ii|--supplement] -o FILE.pdf
    boardapp export calendar --board NAME -o FILE.ics
    boardapp export decision --board NAME --date YYYY-MM-DD --item N -o FILE.docx|.pdf

Prints what it wrote and every warning; exits 1 with a message naming the problem (and the
boards, or the board's meeting dates near the one asked for, or the plans, or the plan's
recommendations) when it cannot export.
Heavy imports happen only when the command runs, so `boardapp --help` stays fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from boardapp.commands._output import Refusal, export_with_store
from boardapp.home import AppHome

FORMATS = ("docx", "pdf", "html")  # html: issue 15, the accessible web page
PLAN_KINDS = ("plan", "evidence")  # issue 6: the plan progress report and the evidence pack
PLAN_FORMATS = {"plan": ("xlsx", "pdf"), "evidence": ("docx", "pdf")}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `export` to the `boardapp` command line (cli.py lists this module)."""
    parser = subparsers.add_parser(
        "export",
        help="write a meeting's minutes, agenda or reports pack, the action log, a plan report or the calendar",
        description="Write a meeting's minutes or agenda (Word, PDF or web page), a decision notice, the reports "
        "pack, the action log, a plan's progress report or evidence pack, or the board's calendar (.ics). A "
        "--public version leaves out exempt (Part II) business and is checked for exempt text before it is written.",
    )
    kinds = ("minutes", "agenda", "actions", *PLAN_KINDS, "pack", "calendar", "decision")  # decision: issue 17
    parser.add_argument("kind", choices=kinds, help="which document")
    parser.add_argument("--board", metavar="NAME", help="the board's name (or short name)")  # required but for actions
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the meeting's date")  # ditto
    parser.add_argument("--time", type=_time, metavar="HH:MM", help="the start time, if the board met twice that day")
    parser.add_argument("--format", choices=(*FORMATS, "xlsx"), help="docx, pdf, html, xlsx (actions, plan); from -o")
    parser.add_argument("--public", action="store_true", help="the public version, without exempt business")
    parser.add_argument(
        "--hide-exempt-titles",
        action="store_true",
        help="in the public version, do not name exempt items even where the item allows it",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    parser.add_argument(  # issue 17: `export decision`, the decision notice
        "--item", metavar="N", help="decision: the item by minute number (23/17) or agenda number"
    )
    parser.add_argument(  # issue 15 point 5
        "--template",
        metavar="FILE.docx",
        help="Word exports (minutes, agenda, action log): take the styles and page setup from this house template "
        "instead of the board's own (Board settings, or board edit --word-template)",
    )
    # -- `export actions` (issue 5, the action log): its options and handler are in boardapp/commands/actions.py.
    from boardapp.commands.actions import add_export_actions_arguments

    add_export_actions_arguments(parser)
    # -- `export plan` and `export evidence` (issue 6): their options; the handler is run_export_plan below.
    plans = parser.add_argument_group(
        "export plan / evidence",
        "The plan progress report (--format xlsx or pdf) and the evidence pack (--format docx or pdf): "
        "recommendation → plan actions with their status history → the board's decisions and actions.",
    )
    plans.add_argument("--plan", metavar="NAME", help="the plan's name (or a part of it only that plan's name has)")
    plans.add_argument("--recommendation", metavar="REF", help="evidence: one recommendation (4, B12) instead of all")
    # -- `export pack` and `export calendar` (issue 15): options and handler in boardapp/commands/pack.py.
    from boardapp.commands.pack import add_pack_arguments

    add_pack_arguments(parser)
    parser.set_defaults(handler=run_export, export_parser=parser)


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
    if args.kind in ("pack", "calendar"):  # issue 15: boardapp/commands/pack.py
        from boardapp.commands.pack import run_export_pack

        return run_export_pack(home, args)
    if args.kind == "decision":
        return run_export_decision(home, args)
    if args.item is not None:
        return _fail(f"--item applies to `export decision`, not to {args.kind}.")
    if args.part_ii or args.supplement:
        return _fail(f"--part-ii and --supplement apply to `export pack`, not to {args.kind}.")
    # -- `export plan` and `export evidence` (issue 6): run_export_plan below ------------------------------
    if args.kind in PLAN_KINDS:
        return run_export_plan(home, args)
    if args.plan is not None or args.recommendation is not None:
        return _fail(f"--plan and --recommendation apply to `export plan` and `export evidence`, not to {args.kind}.")
    # -- `export actions` (issue 5): handled in boardapp/commands/actions.py -----------------------------
    if args.kind == "actions":
        from boardapp.commands.actions import run_export_actions

        return run_export_actions(home, args)
    missing = [flag for flag, value in (("--board", args.board), ("--date", args.date)) if value is None]
    if missing:
        args.export_parser.error(f"the following arguments are required for {args.kind}: {', '.join(missing)}")
    for flag, given in (("--owner", args.owner), ("--status", args.status), ("--as-at", args.as_at),
                        ("--open", args.open_after), ("--format xlsx", args.format == "xlsx")):  # fmt: skip
        if given:
            return _fail(f"{flag} applies to `export actions` (the action log), not to the {args.kind}.")
    # -- end of `export actions` ----------------------------------------------------------------------------
    output = Path(args.output).expanduser()
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in FORMATS else None)
    if fmt is None:
        return _fail(f"say --format docx, pdf or html (the output name {output.name!r} does not tell).")
    if suffix in FORMATS and suffix != fmt:
        return _fail(f"--format {fmt} does not match the output file {output.name!r}.")
    template = Path(args.template).expanduser() if args.template else None
    if template is not None and fmt != "docx":
        return _fail(f"--template applies to Word (docx) exports, not to {fmt}.")

    from boardapp.exporting import ExportResult, export_document, find_meeting

    def work(session: Any) -> ExportResult:
        meeting_id = find_meeting(session, args.board, args.date, args.time)
        return export_document(
            session,
            args.kind,
            meeting_id,
            output,
            fmt,
            public=args.public,
            show_exempt_titles=not args.hide_exempt_titles,
            template=template,
        )

    result = export_with_store(home, output, work)
    if isinstance(result, Refusal):
        return _fail(result.message)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    version = "public" if args.public else ("full (confidential)" if result.confidential else "full")
    print(f"Wrote the {version} {args.kind} to {result.path}")
    return 0


# -- `export plan` and `export evidence` (issue 6) ------------------------------------------------------
def run_export_plan(home: AppHome, args: argparse.Namespace) -> int:
    """The plan progress report (xlsx, pdf) or the evidence pack (docx, pdf) of the plan named by --plan."""
    what = "the plan progress report" if args.kind == "plan" else "the evidence pack"
    if args.plan is None:
        return _fail(f"say which plan with --plan NAME for {what}.")
    if args.kind == "plan" and args.recommendation is not None:
        return _fail("--recommendation applies to `export evidence`; the plan report covers every recommendation.")
    unused = [
        flag
        for flag, given in (
            ("--board", args.board),
            ("--date", args.date),
            ("--time", args.time),
            ("--hide-exempt-titles", args.hide_exempt_titles),
            ("--owner", getattr(args, "owner", None)),
            ("--status", getattr(args, "status", None)),
            ("--open", getattr(args, "open_after", False)),
        )
        if given
    ]
    if unused:
        return _fail(f"{', '.join(unused)} do{'es' if len(unused) == 1 else ''} not apply to `export {args.kind}`.")
    formats = PLAN_FORMATS[args.kind]
    output = Path(args.output).expanduser()
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in (*FORMATS, "xlsx") else None)
    if fmt is None:
        return _fail(f"say --format {' or --format '.join(formats)} (the output name {output.name!r} does not tell).")
    if fmt not in formats:
        return _fail(f"{what} is written as {' or '.join(formats)}, not {fmt}.")
    if suffix in (*FORMATS, "xlsx") and suffix != fmt:
        return _fail(f"--format {fmt} does not match the output file {output.name!r}.")

    from boardapp.exporting import ExportResult
    from boardapp.exporting.evidence_pack.export import export_evidence_pack
    from boardapp.exporting.plan_report.export import export_plan_report, find_plan, find_recommendation

    as_of = getattr(args, "as_at", None)  # --as-at, shared with `export actions`

    def work(session: Any) -> tuple[ExportResult, str]:
        plan_id = find_plan(session, args.plan)
        if args.kind == "plan":
            return export_plan_report(session, plan_id, output, fmt, as_of=as_of, public=args.public), what
        rec_id = find_recommendation(session, plan_id, args.recommendation) if args.recommendation else None
        result = export_evidence_pack(
            session, plan_id, output, fmt, recommendation_id=rec_id, as_of=as_of, public=args.public
        )
        return result, f"the evidence pack for recommendation {args.recommendation}" if rec_id else what

    outcome = export_with_store(home, output, work)
    if isinstance(outcome, Refusal):
        return _fail(outcome.message)
    result, done = outcome
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote {done} to {result.path}")
    return 0


# -- `export decision` (issue 17): the one-page decision notice --------------------------------------------
def run_export_decision(home: AppHome, args: argparse.Namespace) -> int:
    """The decision notice of the decision with a record under --item of the meeting --board/--date names."""
    missing = [f for f, v in (("--board", args.board), ("--date", args.date), ("--item", args.item)) if v is None]
    if missing:
        args.export_parser.error(f"the following arguments are required for decision: {', '.join(missing)}")
    output = Path(args.output).expanduser()
    suffix = output.suffix.lower().lstrip(".")
    fmt = args.format or (suffix if suffix in FORMATS else None)
    if fmt not in ("docx", "pdf"):
        return _fail(f"a decision notice is written as docx or pdf (say --format, or name the file {output.stem}.pdf).")
    if suffix in (*FORMATS, "xlsx") and suffix != fmt:
        return _fail(f"--format {fmt} does not match the output file {output.name!r}.")

    from boardapp.exporting import ExportResult, find_meeting
    from boardapp.exporting.decision_notice.document import find_decision
    from boardapp.exporting.decision_notice.export import export_decision_notice

    def work(session: Any) -> ExportResult:
        meeting_id = find_meeting(session, args.board, args.date, args.time)
        return export_decision_notice(session, find_decision(session, meeting_id, args.item), output, fmt)

    result = export_with_store(home, output, work)
    if isinstance(result, Refusal):
        return _fail(result.message)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Wrote the decision notice to {result.path}")
    return 0
