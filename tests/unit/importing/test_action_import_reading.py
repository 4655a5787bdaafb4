"""Reading an action log (no database): columns recognised, statuses and due cells understood, and every
problem of a messy file named by sheet, row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.importing.actions import ACTION_FIELDS, ActionLogDraft, read_action_log, read_due, read_status
from boardapp.importing.mapping import parse_overrides
from boardapp.importing.problems import Severity
from tests.fixtures.actions import build

SHEET = "Sheet 'Actions'"


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.clean_log(tmp_path_factory.mktemp("logs") / "Board Action Log.xlsx")


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build.messy_log(tmp_path_factory.mktemp("logs") / "messy.xlsx")


def _find(draft: ActionLogDraft, where: str, says: str) -> Severity:
    found = [p for p in draft.problems if p.where == where and says in p.message]
    assert len(found) == 1, f"expected one problem at {where!r} saying {says!r}; got:\n" + "\n".join(
        str(p) for p in draft.problems
    )
    return found[0].severity


def _workbook(path: Path, rows: list[list[object]], title: str = "Actions") -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return workbook


# -- the clean tracker ------------------------------------------------------------------------------------
def test_a_clean_tracker_is_read_whole_with_no_problem(clean: Path) -> None:
    draft = read_action_log(clean)

    assert draft.problems == []
    assert [m.table.name for m in draft.mappings] == ["Sheet 'Action Log'"]
    assert draft.skipped_tables == ["Sheet 'Lists' (no Action column; first row: 'Status')"]
    assert [(a.ref, a.text, a.owner_text, a.status) for a in draft.actions] == [
        (ref, text, owner, read_status(status).status)
        for ref, _raised, text, owner, _due, status, _u in build.CLEAN_ROWS
    ]
    first = draft.actions[0]
    assert first.where == "Sheet 'Action Log' row 3"
    assert first.raised is not None and (first.raised.date, first.raised.how) == (build.JUNE, "cell")
    assert first.due is not None and (first.due.kind, first.due.date, first.due.how) == (
        DueKind.DATE,
        build.AUGUST,
        "cell",
    )
    assert first.update == "Circulated on 20 June"
    assert draft.actions[3].update == "Report circulated & discussed <informally>", "kept verbatim"
    assert first.location("status").where == "Sheet 'Action Log' row 3 column F ('Status')"


# -- the messy log ----------------------------------------------------------------------------------------
def test_every_problem_of_the_messy_log_is_named_by_sheet_row_and_column(messy: Path) -> None:
    draft = read_action_log(messy)

    expected = [
        (f"{SHEET} row 3 column B ('Date raised')", "the date “01/08/2017” is typed as text; read as 1 August 2017 "
                                                    "(day first", Severity.WARNING),
        (f"{SHEET} row 3 column E ('Due')", "“12/09/2017” is typed as text; read as 12 September 2017",
         Severity.WARNING),
        (f"{SHEET} row 4", "rows 4–5 are blank and were skipped", Severity.WARNING),
        (f"{SHEET} row 6 column F ('Status')", "“Purple” is not a status BoardApp knows", Severity.ERROR),
        (f"{SHEET} row 7 column C ('Action')", "holds a formula (=C3&\" again\") with no saved result",
         Severity.ERROR),
        (f"{SHEET} row 8 column D ('Owner')", "its saved result “Amanda Hatton” was imported as text",
         Severity.WARNING),
        (f"{SHEET} row 9 column G ('Update')", "very long cell (50,000 characters)", Severity.WARNING),
        (f"{SHEET} row 10 column C ('Action')", "1 control character(s)", Severity.WARNING),
        (f"{SHEET} row 11 column D ('Owner')", "merged over rows 11–12 (D11:D12); “Louise Storey” was imported for "
                                              "each", Severity.WARNING),
        (f"{SHEET} row 13 column C ('Action')", "ref “M-9”, owner “Chris Coyle”, due “October meeting” but no "
                                               "action text", Severity.ERROR),
        (f"{SHEET} row 14 column E ('Due')", "“31/09/2017” is not a real date (31 September does not exist)",
         Severity.WARNING),
        (f"{SHEET} row 16 column F ('Status')", "“Green” is a RAG colour, not a status: Green is read as In "
                                               "progress (on track)", Severity.WARNING),
        (f"{SHEET} row 17 column C ('Action')", "merged across columns (C17:D17)", Severity.WARNING),
        (f"{SHEET} row 19 column A ('Ref')", "the ref “M-1” is used twice (also at Sheet 'Actions' row 3",
         Severity.ERROR),
        (f"{SHEET} row 20 column E ('Due')", "shows the Excel error #REF!", Severity.ERROR),
        (f"{SHEET} row 21 column E ('Due')", "“42979” is a number, not a date; read as Excel's day number for 1 "
                                            "September 2017", Severity.WARNING),
        (f"{SHEET} column H ('Notes')", "is not imported", Severity.WARNING),
    ]  # fmt: skip
    for where, says, severity in expected:
        assert _find(draft, where, says) is severity
    assert len(draft.problems) == len(expected), [str(p) for p in draft.problems]
    assert draft.blank_rows == 2
    located = {(p.table, p.row, p.column) for p in draft.problems if p.is_error}
    assert located == {(SHEET, 6, "F"), (SHEET, 7, "C"), (SHEET, 13, "C"), (SHEET, 19, "A"), (SHEET, 20, "E")}


def test_what_can_be_read_of_the_messy_log_is_read(messy: Path) -> None:
    actions = {a.row: a for a in read_action_log(messy).actions}

    assert sorted(actions) == [3, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21]
    typed = actions[3]
    assert typed.raised is not None and (typed.raised.date, typed.raised.how) == (dt.date(2017, 8, 1), "text")
    assert typed.due is not None and typed.due.date == dt.date(2017, 9, 12) and typed.due.exact_day
    assert actions[7].text == '=C3&" again"', "a formula with no saved value shows as the formula"
    assert actions[8].owner_text == "Amanda Hatton"
    assert len(actions[9].update) == 50_000
    assert actions[10].text == "Review the log weekly"
    assert actions[11].owner_text == actions[12].owner_text == "Louise Storey"
    assert actions[14].due is not None and actions[14].due.kind is DueKind.NONE and actions[14].due.text == "31/09/2017"
    assert actions[16].status is ActionStatus.IN_PROGRESS
    assert actions[17].owner_text == ""
    assert actions[21].due is not None and actions[21].due.date == dt.date(2017, 9, 1)


# -- statuses and due cells -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "status", "warns"),
    [
        ("Open", ActionStatus.OPEN, False),
        ("Not started", ActionStatus.OPEN, False),
        ("OVERDUE", ActionStatus.OPEN, False),
        ("In progress", ActionStatus.IN_PROGRESS, False),
        ("Ongoing", ActionStatus.IN_PROGRESS, False),
        ("on-going", ActionStatus.IN_PROGRESS, False),
        ("Complete", ActionStatus.COMPLETED, False),
        ("Completed – report received", ActionStatus.COMPLETED, False),
        ("Done", ActionStatus.COMPLETED, False),
        ("Closed", ActionStatus.CLOSED, False),
        ("Closed 12/09/2017", ActionStatus.CLOSED, False),
        ("Cancelled", ActionStatus.CANCELLED, False),
        ("No longer required", ActionStatus.CANCELLED, False),
        ("On hold", ActionStatus.OPEN, True),
        ("Red", ActionStatus.OPEN, True),
        ("Amber", ActionStatus.IN_PROGRESS, True),
        ("Green", ActionStatus.IN_PROGRESS, True),
        ("G", ActionStatus.IN_PROGRESS, True),
        ("Blue", ActionStatus.COMPLETED, True),
        ("Green - Complete", ActionStatus.COMPLETED, False),
        ("", ActionStatus.OPEN, False),
        ("Purple", None, False),
        ("C", None, False),
        ("n/a", None, False),
    ],
)
def test_status_words_clerks_write(written: str, status: ActionStatus | None, warns: bool) -> None:
    found = read_status(written)
    assert found.status is status
    assert bool(found.note) is warns


@pytest.mark.parametrize(
    ("written", "kind", "date", "month"),
    [
        ("September meeting", DueKind.MEETING, None, 9),
        ("Sept Board", DueKind.MEETING, None, 9),
        ("for the October 2017 meeting", DueKind.MEETING, None, 10),
        ("Next meeting", DueKind.MEETING, None, None),
        ("a future meeting", DueKind.FUTURE_MEETING, None, None),
        ("31/10/2017", DueKind.DATE, dt.date(2017, 10, 31), None),
        ("by Tuesday 31 October 2017", DueKind.DATE, dt.date(2017, 10, 31), None),
        ("September 2017", DueKind.DATE, dt.date(2017, 9, 30), None),
        ("Ongoing", DueKind.NONE, None, None),
        ("ASAP", DueKind.NONE, None, None),
        ("31 Sept 2017", DueKind.NONE, None, None),
    ],
)
def test_due_cells(written: str, kind: DueKind, date: dt.date | None, month: int | None) -> None:
    due = read_due(None, written)
    assert due is not None
    assert (due.kind, due.date, due.month, due.text) == (kind, date, month, written)


# -- layouts ----------------------------------------------------------------------------------------------
def test_wrong_headers_are_an_error_until_the_columns_are_mapped(tmp_path: Path) -> None:
    path = build.wrong_headers_log(tmp_path / "tracker.xlsx")

    (error,) = read_action_log(path).problems
    mapped = read_action_log(path, parse_overrides(["What=action", "Latest position=update"], ACTION_FIELDS))
    by_letter = read_action_log(path, parse_overrides(["B=text", "F=update"], ACTION_FIELDS))

    assert error.is_error and error.where == "tracker.xlsx"
    assert "no sheet has a column of actions" in error.message and "'What', 'Who'" in error.message
    assert "--map 'HEADER=action'" in error.message
    for draft in (mapped, by_letter):
        assert draft.problems == []
        assert [(a.ref, a.text, a.owner_text, a.update) for a in draft.actions] == [
            ("T-1", "Agree the front door model", "Amanda Hatton", "Drafted"),
            ("T-2", "Test the model", "Chris Coyle", ""),
        ]


def test_a_map_naming_no_column_is_an_error(clean: Path) -> None:
    draft = read_action_log(clean, parse_overrides(["Nothing like it=owners"], ACTION_FIELDS))

    (error,) = draft.problems
    assert error.is_error and "no table has a column headed “Nothing like it”" in error.message


def test_a_merged_action_cell_over_rows_with_their_own_details_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "merged.xlsx"
    workbook = _workbook(
        path,
        [
            ["Action", "Owner", "Due"],
            ["One action for two owners", "Amanda Hatton", "September meeting"],
            [None, "Chris Coyle", "October meeting"],
            ["A tall action", "Chris Coyle", None],
            [None, None, None],
            ["After it", "Chris Coyle", None],
        ],
    )
    workbook.active.merge_cells("A2:A3")
    workbook.active.merge_cells("A4:A5")
    workbook.save(path)

    draft = read_action_log(path)

    (error,) = draft.problems
    assert error.where == "Sheet 'Actions' row 3 column A ('Action')"
    assert "merged over rows 2–3 (A2:A3), but those rows have their own details" in error.message
    assert [a.text for a in draft.actions] == [
        "One action for two owners",
        "One action for two owners",
        "A tall action",
        "After it",
    ], "a merge over an empty row is one tall row, not a blank one"


def test_a_merged_ref_stays_with_its_first_row(tmp_path: Path) -> None:
    path = tmp_path / "refs.xlsx"
    workbook = _workbook(path, [["Ref", "Action"], ["7", "First"], [None, "Second"], ["8", "Third"], ["8 ", ""]])
    workbook.active.merge_cells("A2:A3")
    workbook.save(path)

    draft = read_action_log(path)

    assert [(a.ref, a.text) for a in draft.actions] == [("7", "First"), ("", "Second"), ("8", "Third")]
    assert [(p.severity, p.where) for p in draft.problems] == [
        (Severity.WARNING, "Sheet 'Actions' row 2 column A ('Ref')"),
        (Severity.WARNING, "Sheet 'Actions' row 5 column B ('Action')"),
    ]
    assert "only row 2 keeps the ref “7”" in draft.problems[0].message
    assert "the ref “8” but nothing else; it was skipped" in draft.problems[1].message


def test_headings_repeated_headers_and_a_too_long_ref(tmp_path: Path) -> None:
    path = tmp_path / "sections.xlsx"
    header = ["Ref", "Action", "Owner", "Date raised"]
    workbook = _workbook(
        path,
        [
            header,
            ["Actions from the meeting of 1 August 2017"],
            ["1", "Raised at the heading's meeting", "Chris Coyle", None],
            ["2", "Raised on its own date", "Chris Coyle", dt.date(2017, 6, 6)],
            header,
            ["CLOSED ACTIONS"],
            ["x" * 41, "A long ref", "Chris Coyle", None],
        ],
    )
    sheet = workbook.active
    sheet.merge_cells("A2:D2")
    sheet.merge_cells("A6:D6")
    workbook.save(path)

    draft = read_action_log(path)
    first, second, third = draft.actions

    assert (draft.headings, draft.repeated_headers) == (2, 1)
    assert first.raised is not None and first.raised.date == dt.date(2017, 8, 1)
    assert first.raised_from_heading == "Actions from the meeting of 1 August 2017"
    assert second.raised is not None and second.raised.date == dt.date(2017, 6, 6)
    assert third.raised is None, "a heading with no date ends the one before"
    assert _find(draft, "Sheet 'Actions' row 2 column A", "read as a heading, not an action; the rows below it")
    assert _find(draft, "Sheet 'Actions' row 6 column A", "“CLOSED ACTIONS” is read as a heading")
    assert _find(draft, "Sheet 'Actions' row 7 column A ('Ref')", "too long for a ref (41 characters)") is (
        Severity.ERROR
    )


def test_a_word_table_reads_like_a_sheet(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Action log", 1)
    table = document.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ["Action", "By who", "By when", "Progress"], strict=True):
        cell.text = title
    for values in (["Agree the model", "Amanda Hatton", "September meeting", "Drafted"], ["", "", "", ""]):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    document.save(str(tmp_path / "log.docx"))

    draft = read_action_log(tmp_path / "log.docx")

    (action,) = draft.actions
    assert (action.where, action.owner_text, action.update) == ("Table 1 row 2", "Amanda Hatton", "Drafted")
    assert action.due is not None and action.due.kind is DueKind.MEETING and action.due.month == 9
    assert draft.problems == [], "a blank last row is the end of the table"
