"""The formal record from the command line (issue 17):

    boardapp declarations --person NAME [-o FILE.xlsx] [--show-withheld]
                          a member's register of declarations of interest (printed, or as a workbook)
    boardapp attendance-record --board B --from YYYY-MM-DD --to YYYY-MM-DD [-o FILE.xlsx]
                          meetings expected, attended, apologies and substitutes for each member
    boardapp quorum --board B --date YYYY-MM-DD
                          members in the room and the quorum, item by item
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from boardapp.home import AppHome


def register(subparsers: argparse._SubParsersAction) -> None:
    declarations = subparsers.add_parser("declarations", help="a member's register of declarations of interest")
    declarations.add_argument("--person", required=True, metavar="NAME")
    declarations.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx", help="write a workbook")
    declarations.add_argument(
        "--show-withheld", action="store_true", help="include the nature of sensitive interests (not for publication)"
    )
    declarations.set_defaults(handler=run_declarations)

    attendance = subparsers.add_parser("attendance-record", help="each member's attendance over a period")
    attendance.add_argument("--board", required=True, metavar="NAME")
    attendance.add_argument("--from", dest="start", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    attendance.add_argument("--to", dest="end", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    attendance.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx", help="write a workbook")
    attendance.set_defaults(handler=run_attendance_record)

    quorum = subparsers.add_parser("quorum", help="members in the room and the quorum at each item of a meeting")
    quorum.add_argument("--board", required=True, metavar="NAME")
    quorum.add_argument("--date", required=True, type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    quorum.set_defaults(handler=run_quorum)


def _fail(command: str, message: str) -> int:
    print(f"boardapp {command}: {message}", file=sys.stderr)
    return 1


def _xlsx(command: str, path: Path) -> str | None:
    if path.suffix.lower() != ".xlsx":
        return f"the output must be an .xlsx file, not {path.name}."
    return None


def run_declarations(home: AppHome, args: argparse.Namespace) -> int:
    if not home.has_database():
        return _fail("declarations", f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")
    if args.output is not None and (problem := _xlsx("declarations", args.output)):
        return _fail("declarations", problem)
    from boardapp.core.dates import long_date
    from boardapp.core.models import Person
    from boardapp.exporting import ExportError
    from boardapp.services.declarations import register_for
    from boardapp.services.people import find_person_id
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail("declarations", str(exc))
    try:
        with store.session() as session:
            person_id = find_person_id(session, args.person)
            if person_id is None:
                return _fail("declarations", f"there is no one person called “{args.person}”.")
            person = session.get(Person, person_id)
            assert person is not None
            name = person.formal_name
            rows = register_for(session, person_id)
    finally:
        store.close()
    public = not args.show_withheld
    if args.output is not None:
        from boardapp.exporting.registers.to_xlsx import write_declarations_register

        try:
            write_declarations_register(name, rows, args.output, public=public)
        except ExportError as exc:
            return _fail("declarations", str(exc))
        print(f"Wrote {len(rows)} declaration{'' if len(rows) == 1 else 's'} of {name} to {args.output}")
        return 0
    print(f"Declarations of interest: {name}")
    if not rows:
        print("None recorded.")
    for row in rows:
        print(f"{long_date(row.meeting_date)}, {row.board_name}: {row.sentence(public)}")
    return 0


def run_attendance_record(home: AppHome, args: argparse.Namespace) -> int:
    if not home.has_database():
        return _fail("attendance-record", f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")
    if args.output is not None and (problem := _xlsx("attendance-record", args.output)):
        return _fail("attendance-record", problem)
    from boardapp.exporting import ExportError
    from boardapp.exporting.lookup import find_board
    from boardapp.services.attendance_record import attendance_record
    from boardapp.services.errors import InvalidChange
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail("attendance-record", str(exc))
    try:
        with store.session() as session:
            board = find_board(session, args.board)
            assert board.id is not None
            record = attendance_record(session, board.id, args.start, args.end)
    except (ExportError, InvalidChange) as exc:
        return _fail("attendance-record", str(exc))
    finally:
        store.close()
    if args.output is not None:
        from boardapp.exporting.registers.to_xlsx import write_attendance_record

        try:
            write_attendance_record(record, args.output)
        except ExportError as exc:
            return _fail("attendance-record", str(exc))
        members = f"{len(record.rows)} member{'' if len(record.rows) == 1 else 's'}"
        meetings = f"{record.meetings} meeting{'' if record.meetings == 1 else 's'}"
        print(f"Wrote the attendance of {members} at {meetings} to {args.output}")
        return 0
    held = f"{record.meetings} meeting{'' if record.meetings == 1 else 's'}"
    print(f"{record.board_name}: {held} held from {args.start} to {args.end}")
    print(f"{'Member':30} Expected Attended Apologies Absent Subst.sent As subst.")
    for r in record.rows:
        print(
            f"{r.name[:30]:30} {r.expected:8} {r.attended:8} {r.apologies:9} {r.absent:6} "
            f"{r.substitute_sent:10} {r.attended_as_substitute:9}"
        )
    return 0


def run_quorum(home: AppHome, args: argparse.Namespace) -> int:
    if not home.has_database():
        return _fail("quorum", f"there is no BoardApp database at {home.db_path} (use --basedir or --db).")
    from boardapp.exporting import ExportError, find_meeting
    from boardapp.services.quorum import quorum_by_item, quorum_summary
    from boardapp.store.database import open_store
    from boardapp.store.errors import StoreError

    try:
        store = open_store(home)
    except StoreError as exc:
        return _fail("quorum", str(exc))
    try:
        with store.session() as session:
            meeting_id = find_meeting(session, args.board, args.date)
            states = quorum_by_item(session, meeting_id)
    except ExportError as exc:
        return _fail("quorum", str(exc))
    finally:
        store.close()
    for state in states:
        mark = "" if state.quorate else "   <-- INQUORATE"
        print(f"{state.position:3}. {state.title[:50]:50} {state.text}{mark}")
    print(quorum_summary(states))
    return 0
