"""Deliberately messy plan files: every problem named by sheet/table, row and column; the rows that
can be read are read; nothing blocks except what would lose or invent data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.importing.mapping import PLAN_FIELDS, parse_overrides
from boardapp.importing.plans import PlanDraft, parse_recommendation_refs, read_plan
from boardapp.importing.problems import Severity
from tests.fixtures.plans import build

SHEET = "Sheet 'Messy plan'"


@pytest.fixture(scope="module")
def messy_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.messy_xlsx(tmp_path_factory.mktemp("messy") / "messy.xlsx")


@pytest.fixture(scope="module")
def messy_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.messy_docx(tmp_path_factory.mktemp("messy") / "messy.docx")


def _problems(draft: PlanDraft) -> list[tuple[str, str, str]]:
    return [(p.severity.value, p.where, p.message) for p in draft.problems]


def _find(draft: PlanDraft, where: str, says: str) -> Severity:
    found = [p for p in draft.problems if p.where == where and says in p.message]
    assert len(found) == 1, f"expected one problem at {where!r} saying {says!r}; got:\n" + "\n".join(
        str(p) for p in draft.problems
    )
    return found[0].severity


# -- Excel -----------------------------------------------------------------------------------------------
def test_every_problem_of_the_messy_sheet_is_named_by_sheet_row_and_column(messy_xlsx: Path) -> None:
    draft = read_plan(messy_xlsx)

    expected = [
        (f"{SHEET} row 6 column C ('Lead Officer')", "merged over rows 6–8 (C6:C8)", Severity.WARNING),
        (f"{SHEET} row 7 column B ('Action')", "holds a formula (=A1&B1) with no saved result", Severity.ERROR),
        (f"{SHEET} row 7 column D ('By When')", "due “31 Sept 2017” is not a date", Severity.WARNING),
        (f"{SHEET} row 8 column B ('Action')", "1 control character(s)", Severity.WARNING),
        (f"{SHEET} row 8 column G ('Evidence of Impact')", "very long cell (50,000 characters)", Severity.WARNING),
        (f"{SHEET} row 10 column B ('Action')", "“Debbie Duffell”, due “March 2019” but no action", Severity.ERROR),
        (f"{SHEET} row 11 column B ('Action')", "merged across columns (B11:C11)", Severity.WARNING),
        (f"{SHEET} row 13 column B ('Action')", "its saved result “1.1Agree the front door model”", Severity.WARNING),
        (f"{SHEET} column F ('Notes')", "is not imported", Severity.WARNING),
    ]  # fmt: skip
    for where, says, severity in expected:
        assert _find(draft, where, says) is severity
    assert len(draft.problems) == len(expected), _problems(draft)
    assert draft.blank_rows == 2 and draft.repeated_headers == 1


def test_what_can_be_read_of_the_messy_sheet_is_read(messy_xlsx: Path) -> None:
    draft = read_plan(messy_xlsx)
    (area,) = draft.roots
    actions = {a.ref: a for a in area.children}

    assert area.kind is PlanItemKind.KEY_AREA and (area.ref, area.text) == ("1", "Front door")
    assert list(actions) == ["1.1", "1.2", "1.3", "1.4", "1.6", "1.7", "1.8"]
    assert actions["1.1"].lead_text == "Simon Fisher", "a non-breaking space is a space"
    assert [actions[r].lead_text for r in ("1.2", "1.3", "1.4")] == ["Jane Booth"] * 3, "merged down: one lead each"
    assert actions["1.4"].text == "Review the log weekly"
    assert len(actions["1.4"].evidence_of_impact) == 50_000
    assert actions["1.6"].text == "Action typed across the lead column" and actions["1.6"].lead_text == ""
    assert actions["1.7"].text == "1.1Agree the front door model"
    assert [actions[r].status_text for r in ("1.1", "1.2", "1.3", "1.4")] == ["Green", "amber", "Purple", "G"]


def test_a_date_typed_as_text_and_a_real_date_cell_read_alike(messy_xlsx: Path) -> None:
    actions = {a.ref: a for a in read_plan(messy_xlsx).roots[0].children}
    typed, real, default = actions["1.1"], actions["1.2"], actions["1.8"]

    assert typed.due_text == real.due_text == "1 August 2017"
    assert default.due_text == "2017-08-01"
    for action in (typed, real, default):
        assert action.due is not None and action.due.kind is PlanDueKind.DATE
        assert action.due.date == dt.date(2017, 8, 1)
    invalid = actions["1.3"].due
    assert invalid is not None and invalid.kind is PlanDueKind.INVALID and invalid.date is None


def test_wrong_headers_are_an_error_until_the_columns_are_mapped(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Theme", "What we will do", "Person", "Deadline"])
    sheet.append(["Front door", "Agree the model", "Jane Booth", "May 2019"])
    workbook.save(tmp_path / "headers.xlsx")

    unmapped = read_plan(tmp_path / "headers.xlsx")
    mapped = read_plan(
        tmp_path / "headers.xlsx", parse_overrides(["What we will do=action", "Person=lead"], PLAN_FIELDS)
    )

    (error,) = unmapped.problems
    assert error.severity is Severity.ERROR and error.where == "headers.xlsx"
    assert "no table has an Action column" in error.message and "'Theme', 'What we will do'" in error.message
    assert not [p for p in mapped.problems if p.is_error]
    (area,) = mapped.roots
    assert area.text == "Plan", "no key area anywhere: the sheet's name"
    (workstream,) = area.children
    assert workstream.kind is PlanItemKind.WORKSTREAM and workstream.text == "Front door"
    (action,) = workstream.children
    assert (action.text, action.lead_text, action.due_text) == ("Agree the model", "Jane Booth", "May 2019")


def test_a_sheet_without_a_header_row_at_all_is_an_error(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Agree the model", "Jane Booth", "May 2019"])
    workbook.save(tmp_path / "noheader.xlsx")

    (error,) = read_plan(tmp_path / "noheader.xlsx").problems

    assert error.is_error and "no table has an Action column" in error.message


def test_an_action_cell_merged_down_over_rows_with_their_own_details_is_an_error(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Action", "Lead"])
    sheet.append(["One action for two leads?", "Jane Booth"])
    sheet.append([None, "Simon Fisher"])
    sheet.append(["Merged over an empty row", "Sally Allen"])
    sheet.append([None, None])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("A4:A5")
    workbook.save(tmp_path / "merged.xlsx")

    draft = read_plan(tmp_path / "merged.xlsx")

    (error,) = [p for p in draft.problems if p.is_error]
    assert error.where == "Sheet 'Sheet' row 3 column A ('Action')"
    assert "merged over rows 2–3 (A2:A3)" in error.message and "give each action its own row" in error.message
    assert draft.counts()[PlanItemKind.ACTION] == 3, "the empty row under the second merge is not an action"


# -- Word ------------------------------------------------------------------------------------------------
def test_every_problem_of_the_messy_word_file_is_named_by_table_row_and_column(messy_docx: Path) -> None:
    draft = read_plan(messy_docx)

    assert _find(draft, "Table 1 row 4 column 'By When'", "due “31 Sept 2017” is not a date") is Severity.WARNING
    assert _find(draft, "Table 1 row 4 column 'Lead'", "merged over rows 4–5 (D4:D5)") is Severity.WARNING
    no_action = "lead “Debbie Duffell”, workstream “Early Help” but no action"
    assert _find(draft, "Table 1 row 6 column 'Action'", no_action) is Severity.ERROR
    assert _find(draft, "Table 1 row 7 column 'Action'", "merged across columns (B7:C7)") is Severity.WARNING
    assert _find(draft, "Table 1 row 8 column 'Action'", "very long cell (50,000 characters)") is Severity.WARNING
    assert len(draft.problems) == 5
    assert draft.blank_rows == 1


def test_what_can_be_read_of_the_messy_word_file_is_read(messy_docx: Path) -> None:
    draft = read_plan(messy_docx)
    (area,) = draft.roots
    mash, early_help = area.children

    assert area.text == "Front door"
    assert [a.lead_text for a in mash.children] == ["Simon Fisher", "Jane Booth", "Jane Booth"]
    assert early_help.text == "Early Help", "the workstream of a row in error still starts its group"
    assert [a.text[:30] for a in early_help.children] == [
        "Action spanning the due column",
        "Evidence pasted in by mistake.",
        "Carry on under Early Help",
    ], "a table with no heading above it continues the one before"


def test_a_word_table_with_no_heading_anywhere_is_put_under_a_named_key_area(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    cells = table.rows[0].cells + table.rows[1].cells
    for cell, text in zip(cells, ["Action", "Lead", "Do it", "Jane Booth"], strict=True):
        cell.text = text
    document.save(str(tmp_path / "bare.docx"))

    draft = read_plan(tmp_path / "bare.docx")

    assert [r.text for r in draft.roots] == ["Table 1"]
    (warning,) = draft.problems
    assert warning.where == "Table 1 (no heading before it)" and "no heading names the key area" in warning.message


# -- recommendation refs ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "refs", "all_", "unread"),
    [
        ("Recommendation 1,5,6,8,11", ("1", "5", "6", "8", "11"), False, ()),
        ("Recommendation 9 and 4", ("9", "4"), False, ()),
        ("Recommendations 2 & 3", ("2", "3"), False, ()),
        ("ALL", (), True, ()),
        ("All recommendations", (), True, ()),
        ("Rec 4; B12", ("4", "B12"), False, ()),
        ("9 and 4", ("9", "4"), False, ()),
        ("Recommendation 1 (partly)", ("1",), False, ("partly",)),
        ("", (), False, ()),
    ],
)
def test_recommendation_refs_are_read_as_councils_write_them(
    text: str, refs: tuple[str, ...], all_: bool, unread: tuple[str, ...]
) -> None:
    parsed = parse_recommendation_refs(text)

    assert (parsed.refs, parsed.all, parsed.unread) == (refs, all_, unread)
