"""Membership lists from .xlsx and .csv: preview with problems named by cell, then all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import select

from boardapp.core.enums import MemberRole
from boardapp.core.models import Membership, Person
from boardapp.importing.members import read_member_list
from boardapp.importing.problems import ImportFileError
from boardapp.services import boards, member_import, memberships, people
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import Store

HEADER = ["Full Name", "Organisation", "Role", "E-mail", "Start date", "End Date"]
GOOD = [
    ["Cllr Jane Smith", "Lancashire County Council", "Chair", "jane@example.org", "01/09/2017", ""],
    ["Tom Jones", "NHS", "Vice-Chair", "", "2017-09-01", ""],
    ["Ann Able", "Police", "co-opted", "", "", "31/03/2018"],
    ["", "", "", "", "", ""],
    ["Bob Baker", "", "", "bob@example.org", "", ""],
    ["Cat Cole", "LCC", "Advisor", "", "1 Sept 2017", ""],
]


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]], title: str = "Members") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(["Membership of the Improvement Board"])
    sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def board(store: Store) -> int:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board", short_name="IB")
    return board_id


def _memberships(store: Store) -> list[tuple[str, MemberRole, dt.date | None, dt.date | None]]:
    with store.session() as session:
        names = {p.id: p.name for p in session.exec(select(Person)).all()}
        return sorted(
            (names[m.person_id], m.role, m.start_date, m.end_date) for m in session.exec(select(Membership)).all()
        )


def test_a_csv_list_is_previewed_then_written_whole(store: Store, board: int, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "members.csv", [HEADER, *GOOD])
    with store.transaction() as session:
        people.add_person(session, "Tom Jones")  # already known: matched, not duplicated
    with store.session() as session:
        preview = member_import.preview(session, path, board="ib")
    assert preview.errors == () and preview.can_write
    assert [r.draft.name for r in preview.rows] == ["Cllr Jane Smith", "Tom Jones", "Ann Able", "Bob Baker", "Cat Cole"]
    assert [r.status for r in preview.rows].count("new person") == 4
    assert preview.blank_rows == 1
    assert "5 memberships to add (4 new people, 1 known)" in preview.summary_lines()[0]
    with store.transaction() as session:
        ids, changes = member_import.write(session, preview)
    assert len(ids) == 5 and changes.boards == frozenset({board}) and changes.people
    assert _memberships(store) == [
        ("Ann Able", MemberRole.CO_OPTED, None, dt.date(2018, 3, 31)),
        ("Bob Baker", MemberRole.MEMBER, None, None),
        ("Cat Cole", MemberRole.ADVISER, dt.date(2017, 9, 1), None),
        ("Jane Smith", MemberRole.CHAIR, dt.date(2017, 9, 1), None),
        ("Tom Jones", MemberRole.VICE_CHAIR, dt.date(2017, 9, 1), None),
    ]
    with store.session() as session:
        jane = people.person_details(session, people.find_person_id(session, "Jane Smith") or 0)
        assert (jane.title, jane.organisation, jane.email) == ("Cllr", "Lancashire County Council", "jane@example.org")
        assert [p.name for p in people.list_people(session)].count("Tom Jones") == 1
        # Importing the same list again adds nothing: every row is already a member.
        again = member_import.preview(session, path, board=board)
    assert not again.can_write and len(again.rows) == 5 and not again.to_write
    with pytest.raises(InvalidChange, match="adds nobody"), store.transaction() as session:
        member_import.write(session, again)


def test_an_xlsx_list_with_real_date_cells_and_a_title_row(store: Store, board: int, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["NAME", "organization", "Position", "Email Address", "From", "To"],
        ["Dr Ravi Patel", "CCG", "Member", "ravi@example.org", dt.datetime(2017, 5, 17), dt.datetime(2019, 5, 16)],
        ["Sue Clarke", "LCC", "Officer", None, None, None],
    ]
    path = write_xlsx(tmp_path / "members.xlsx", rows)
    with store.session() as session:
        preview = member_import.preview(session, path, board="Improvement Board")
    assert preview.errors == ()
    assert any("'Position' → Role" in line for line in preview.columns)
    with store.transaction() as session:
        member_import.write(session, preview)
    assert _memberships(store) == [
        ("Ravi Patel", MemberRole.MEMBER, dt.date(2017, 5, 17), dt.date(2019, 5, 16)),
        ("Sue Clarke", MemberRole.OFFICER, None, None),
    ]


def test_bad_rows_are_named_by_cell_and_nothing_is_written(store: Store, board: int, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Name", "Organisation", "Role", "Email", "From", "To"],
        ["Jane Smith", "LCC", "Treasurer", "", "", ""],
        ["Tom Jones", "NHS", "Member", "not an address", "31/09/2017", ""],
        ["", "Police", "Member", "", "", ""],
        ["Ann Able", "", "", "", "01/09/2018", "01/01/2018"],
        ["Bob Baker", "", "", "", "next spring", ""],
        ["Good Person", "", "", "", "", ""],
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", rows, title="List")
    with store.session() as session:
        preview = member_import.preview(session, path, board=board)
    wheres = {p.where: p.message for p in preview.errors}
    assert "is not a role" in wheres["Sheet 'List' row 4 column C ('Role')"]
    assert "chair, vice-chair, member, co-opted, officer, adviser" in wheres["Sheet 'List' row 4 column C ('Role')"]
    assert "not an email address" in wheres["Sheet 'List' row 5 column D ('Email')"]
    assert "“31/09/2017” is not a date" in wheres["Sheet 'List' row 5 column E ('From')"]
    assert "no name" in wheres["Sheet 'List' row 6 column A ('Name')"]
    assert "ends (2018-01-01) before it starts" in wheres["Sheet 'List' row 7 column F ('To')"]
    assert "“next spring” is not a date" in wheres["Sheet 'List' row 8 column E ('From')"]
    assert not preview.can_write
    with pytest.raises(InvalidChange, match="must be fixed first"), store.transaction() as session:
        member_import.write(session, preview)
    assert _memberships(store) == []
    with store.session() as session:
        assert people.list_people(session) == []


def test_a_name_twice_over_the_same_dates_is_an_error(store: Store, board: int, tmp_path: Path) -> None:
    rows = [
        ["name", "role", "from", "to"],
        ["Jane Smith", "member", "01/05/2016", "30/04/2017"],
        ["Jane Smith", "chair", "01/05/2017", ""],  # a second term: fine
        ["jane smith", "member", "", ""],  # no dates: overlaps both
    ]
    path = write_csv(tmp_path / "twice.csv", rows, delimiter=";")
    with store.session() as session:
        preview = member_import.preview(session, path, board=board)
    assert [(p.where, "listed twice" in p.message) for p in preview.errors] == [("Sheet 'twice.csv' row 4", True)]


def test_a_known_member_is_left_out_and_a_file_without_names_is_refused(
    store: Store, board: int, tmp_path: Path
) -> None:
    with store.transaction() as session:
        person_id, _ = people.add_person(session, "Geoff Driver", title="County Councillor", aliases=["CC Driver"])
        memberships.add_member(session, board, person_id, MemberRole.CHAIR, dt.date(2017, 1, 1))
    path = write_csv(tmp_path / "m.csv", [["Member", "Role"], ["CC Driver", "chair"], ["New Person", "member"]])
    with store.session() as session:
        preview = member_import.preview(session, path, board=board)
        assert [(r.status, r.skipped) for r in preview.rows] == [("already a member", True), ("new person", False)]
        assert "already a member of Improvement Board" in preview.problems[0].message
        no_names = write_csv(tmp_path / "n.csv", [["Who", "What"], ["a", "b"]])
        nameless = member_import.preview(session, no_names, board=board)
    assert "no sheet has a Name column" in nameless.errors[0].message


def test_unreadable_files_and_unknown_boards(store: Store, board: int, tmp_path: Path) -> None:
    binary = tmp_path / "junk.xlsx"
    binary.write_bytes(b"\x00\x01not a workbook" * 20)
    with store.session() as session:
        with pytest.raises(ImportFileError):
            member_import.preview(session, binary, board=board)
        with pytest.raises(NotFound, match="Improvement Board"):
            member_import.preview(session, write_csv(tmp_path / "m.csv", [HEADER, *GOOD]), board="MASH")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Name,Organisation\nJos\xe9 Mour\xe3o,Caf\xe9 Ltd\n".encode("cp1252"))
    assert [m.name for m in read_member_list(latin).members] == ["José Mourão"]


def test_a_clash_found_while_writing_rolls_back_every_row(store: Store, board: int, tmp_path: Path) -> None:
    """All or nothing: the third row clashes with a membership added after the preview, so no row is kept."""
    with store.transaction() as session:
        person_id, _ = people.add_person(session, "Tom Jones")
    path = write_csv(tmp_path / "members.csv", [HEADER, *GOOD])
    with store.session() as session:
        preview = member_import.preview(session, path, board=board)
    assert preview.can_write
    with store.transaction() as session:
        memberships.add_member(session, board, person_id, MemberRole.MEMBER, dt.date(2017, 1, 1))
    with pytest.raises(InvalidChange, match=r"row 3: Tom Jones is already a member"), store.transaction() as session:
        member_import.write(session, preview)
    assert _memberships(store) == [("Tom Jones", MemberRole.MEMBER, dt.date(2017, 1, 1), None)]
    with store.session() as session:
        assert [p.name for p in people.list_people(session)] == ["Tom Jones"]
