"""Where an import's problems point (issue 11 point 6): a large log keeps no written place per cell, yet
every problem still names its sheet or table, row and column exactly as before.

A Location is made on demand from the table's shared `FieldPlaces` and writes its `where` only when a
problem asks for it; these tests pin the words of every kind of place, and that the rows of a table
share one set of places rather than each keeping its own.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from boardapp.importing.actions import read_action_log
from boardapp.importing.mapping import FieldPlaces
from boardapp.importing.problems import Location, Severity, place
from boardapp.importing.tables import RawCell, RawRow, RawTable


def _log(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _table(kind: str) -> RawTable:
    cells = (RawCell("Action", 0), RawCell("", 1))
    return RawTable("log", kind, "Plan" if kind == "sheet" else "3", (RawRow(1, cells),), 2)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "row", "column", "header", "expected"),
    [
        ("sheet", 14, 3, "By When", "Sheet 'Plan' row 14 column D ('By When')"),
        ("sheet", 14, 27, "", "Sheet 'Plan' row 14 column AB"),
        ("sheet", 14, None, "", "Sheet 'Plan' row 14"),
        ("sheet", None, 1, "Lead", "Sheet 'Plan' column B ('Lead')"),
        ("table", 5, 2, "By When", "Table 3 row 5 column 'By When'"),
        ("table", 5, 2, "", "Table 3 row 5 column 3"),
        ("table", None, None, "", "Table 3"),
    ],
)
def test_a_location_writes_the_same_place_as_its_table(
    kind: str, row: int | None, column: int | None, header: str, expected: str
) -> None:
    table = _table(kind)
    location = Location(table.name, row, column, header, sheet=kind == "sheet")

    assert location.where == table.where(row, column, header) == expected
    problem = location.problem(Severity.WARNING, "look")
    assert (problem.where, problem.table, problem.row) == (expected, table.name, row)
    assert problem.column == ("" if column is None else {3: "D", 27: "AB", 1: "B", 2: "C"}[column])


def test_a_place_that_is_not_a_cell_is_kept_as_written() -> None:
    location = Location(written="heading before Table 4")

    assert location.where == "heading before Table 4"
    assert (location.table, location.row, location.column) == ("", None, "")
    assert place("", None, None, sheet=True) == ""


def test_field_places_give_a_row_when_the_table_has_no_such_column() -> None:
    places = FieldPlaces("Sheet 'Actions'", True, {"due": (4, "Due")})

    assert places.location(7, "due").where == "Sheet 'Actions' row 7 column E ('Due')"
    assert places.location(7, "owners").where == "Sheet 'Actions' row 7"


def test_every_action_of_a_sheet_shares_one_set_of_places(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Ref", "Action", "Owner", "Status"]]
    rows += [[f"A{n}", f"Action {n}", "Chris Coyle", "Open"] for n in range(1, 6)]
    draft = read_action_log(_log(tmp_path / "log.xlsx", rows))

    first, *others = draft.actions
    assert all(action.places is first.places for action in others), "one FieldPlaces per table, not per row"
    assert not hasattr(first, "__dict__"), "slots: a row of a 100,000-row log carries no dictionary"
    assert [a.where for a in draft.actions] == [f"Sheet 'Actions' row {n}" for n in range(2, 7)]
    assert first.location("owners").where == "Sheet 'Actions' row 2 column C ('Owner')"
    assert first.location("due").where == "Sheet 'Actions' row 2", "no Due column: the row"


def test_a_ref_used_twice_names_both_cells(tmp_path: Path) -> None:
    rows: list[list[object]] = [["Ref", "Action"], ["IB-1", "First"], ["IB-2", "Second"], ["ib-1", "Third"]]
    draft = read_action_log(_log(tmp_path / "log.xlsx", rows))

    (problem,) = draft.problems
    assert problem.is_error and (problem.where, problem.row, problem.column) == (
        "Sheet 'Actions' row 4 column A ('Ref')",
        4,
        "A",
    )
    assert "also at Sheet 'Actions' row 2 column A ('Ref')" in problem.message


def test_problems_in_a_word_table_name_the_column_by_its_header(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(table.rows[0].cells, ["Action", "Status", ""], strict=True):
        cell.text = title
    for cell, value in zip(table.add_row().cells, ["Agree the model", "Maybe", "note"], strict=True):
        cell.text = value
    document.save(str(tmp_path / "log.docx"))

    draft = read_action_log(tmp_path / "log.docx")

    wheres = sorted(p.where for p in draft.problems)
    assert wheres == ["Table 1 column 3", "Table 1 row 2 column 'Status'"]
