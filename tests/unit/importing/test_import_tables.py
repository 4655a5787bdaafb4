"""Reading Word tables and Excel sheets into RawTables: merges, formulas, dates, cleaning, bad files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook

from boardapp.importing.problems import ImportFileError, Severity
from boardapp.importing.tables import (
    LONG_CELL_CHARACTERS,
    RawTable,
    cell_problems,
    clean_text,
    column_letter,
    format_excel_date,
    format_number,
    read_tables,
)
from tests.fixtures.plans import build


def _texts(table: RawTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


# -- Word ------------------------------------------------------------------------------------------------
def test_word_tables_and_the_paragraphs_around_them_come_in_document_order(plan_files: dict[str, Path]) -> None:
    document = read_tables(plan_files["000.docx"])

    assert document.kind == "docx"
    assert [t.name for t in document.tables] == ["Table 1", "Table 2", "Table 3", "Table 4", "Table 5"]
    headings = [b.text for b in document.blocks if not isinstance(b, RawTable) and b.is_heading]
    assert headings[:3] == ["12 Week Improvement Plan August – October 2017", "Background", "MASH / Early Help"]
    first = document.tables[0]
    assert first.width == 4
    assert _texts(first)[0] == ["Workstream", "Action", "By When", "Lead"]
    assert _texts(first)[1] == [
        "MASH",
        "MASH governance arrangements (Operational/Strategic) in place",
        "1 August 2017",
        "Simon Fisher",
    ]


def test_a_workstream_cell_merged_down_reads_once_with_continuations_below(plan_files: dict[str, Path]) -> None:
    table = read_tables(plan_files["000.docx"]).tables[0]  # MASH: 11 rows, Early Help: 8 rows

    top, below, last = table.rows[1].cells[0], table.rows[2].cells[0], table.rows[11].cells[0]
    assert top.text == "MASH" and not top.is_merged_continuation and top.is_merge_anchor
    assert below.text == "" and below.is_merged_continuation
    assert top.merge == below.merge == last.merge
    assert top.merge is not None and top.merge.describe() == "A2:A12"
    assert table.rows[12].cells[0].text == "Early Help"


def test_an_objective_row_merged_across_the_table_spans_the_row(plan_files: dict[str, Path]) -> None:
    document = read_tables(plan_files["002.docx"])
    table = next(t for t in document.tables if t.rows[1].cells[0].text == "1.1")

    objective = table.rows[1]
    assert objective.cells[0].text == "1.1" and not objective.cells[0].spans_row
    assert objective.cells[1].text.startswith("Lead the development of effective collaborative partnership")
    assert objective.cells[1].spans_row
    assert all(c.is_merged_continuation and c.text == "" for c in objective.cells[2:])
    assert len(objective.cells) == 6


def test_bulleted_paragraphs_in_a_cell_read_as_dash_lines(plan_files: dict[str, Path]) -> None:
    document = read_tables(plan_files["000.docx"])
    texts = [c.text for t in document.tables for r in t.rows for c in r.cells]

    assert (
        "Finalise peer review preparations:\n- Agree peer team and key lines of enquiry\n"
        "- Upload strategy, policy and data documents\n- Submit child level data to review team\n"
        "- Complete case mapping exercise and audit validation exercise"
    ) in texts


def test_word_text_is_cleaned_but_otherwise_verbatim(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Action"
    table.cell(0, 1).text = "Lead"
    table.cell(1, 0).text = "  Review the “front door” & <thresholds>\u00a0now  "
    table.cell(1, 1).text = "Simon\u00a0Fisher"
    document.save(str(tmp_path / "clean.docx"))

    rows = _texts(read_tables(tmp_path / "clean.docx").tables[0])

    assert rows[1] == ["Review the “front door” & <thresholds> now", "Simon Fisher"]


# -- Excel -----------------------------------------------------------------------------------------------
def test_excel_sheets_read_with_merges_frozen_header_and_date_cells(plan_files: dict[str, Path]) -> None:
    document = read_tables(plan_files["000.xlsx"])

    assert document.kind == "xlsx"
    (sheet,) = document.tables
    assert sheet.name == "Sheet '12 Week Plan'" and sheet.frozen_rows == 2
    title, header, area, first = sheet.rows[:4]
    assert title.cells[0].text == "12 Week Improvement Plan August – October 2017" and title.cells[0].spans_row
    assert [c.text for c in header.cells] == ["Workstream", "Action", "By When", "Lead"]
    assert area.cells[0].text == "MASH/Early Help" and area.cells[0].spans_row
    assert first.cells[0].text == "MASH" and first.cells[0].merge is not None
    assert first.cells[0].merge.describe() == "A4:A14"
    assert sheet.rows[4].cells[0].is_merged_continuation
    due = first.cells[2]
    assert due.is_date and due.original_value == dt.datetime(2017, 8, 1) and due.text == "1 August 2017"


def test_month_date_cells_read_as_their_format_shows_them(plan_files: dict[str, Path]) -> None:
    sheet = read_tables(plan_files["002.xlsx"]).tables[0]
    due = sheet.rows[3].cells[4]  # 1.1.1, due "November 2018" typed as a date with format mmmm yyyy

    assert due.is_date and due.text == "November 2018"


def test_a_formula_is_found_with_or_without_a_saved_result(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet["A1"], sheet["B1"], sheet["C1"] = "Ref", "Action", "Joined"
    sheet["A2"], sheet["B2"], sheet["C2"] = "1", "Do it", "=A1&B1"
    sheet["C3"] = "=A2&B2"
    workbook.save(tmp_path / "formulas.xlsx")
    build.set_cached_values(tmp_path / "formulas.xlsx", 1, {"C3": "1Do it"})

    sheet_read = read_tables(tmp_path / "formulas.xlsx").tables[0]
    unsaved, saved = sheet_read.rows[1].cells[2], sheet_read.rows[2].cells[2]

    assert unsaved.is_formula and unsaved.formula == "=A1&B1" and unsaved.original_value is None
    assert saved.is_formula and saved.formula == "=A2&B2" and saved.text == "1Do it"
    (error,) = cell_problems(sheet_read, sheet_read.rows[1], unsaved, "Joined")
    assert error.severity is Severity.ERROR and error.where == "Sheet 'Plan' row 2 column C ('Joined')"
    assert "=A1&B1" in error.message and "no saved result" in error.message
    (warning,) = cell_problems(sheet_read, sheet_read.rows[2], saved, "Joined")
    assert warning.severity is Severity.WARNING and "1Do it" in warning.message


def test_excel_control_characters_are_removed_and_counted(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "Bell_x0007_ and form feed_x000C_ gone; _x0041_ kept"
    workbook.active["A2"] = "Line one_x000D_\nline two"
    workbook.save(tmp_path / "control.xlsx")

    sheet = read_tables(tmp_path / "control.xlsx").tables[0]

    cell = sheet.rows[0].cells[0]
    assert cell.text == "Bell and form feed gone; _x0041_ kept" and cell.removed_characters == 2
    assert sheet.rows[1].cells[0].text == "Line one\nline two"
    (warning,) = cell_problems(sheet, sheet.rows[0], cell)
    assert "2 control character(s)" in warning.message


def test_a_very_long_cell_is_kept_whole_with_a_warning(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "LONG-CELL"
    workbook.save(tmp_path / "long.xlsx")
    build.replace_text(tmp_path / "long.xlsx", "LONG-CELL", "x" * 50_000)  # beyond what Excel itself allows

    sheet = read_tables(tmp_path / "long.xlsx").tables[0]

    cell = sheet.rows[0].cells[0]
    assert len(cell.text) == 50_000 > LONG_CELL_CHARACTERS
    (warning,) = cell_problems(sheet, sheet.rows[0], cell)
    assert warning.severity is Severity.WARNING and "very long cell (50,000 characters)" in warning.message


def test_error_cells_are_marked_but_text_that_looks_like_one_is_not(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "#REF!"  # openpyxl writes an error code as an error cell, as Excel saves one
    workbook.active["B1"] = "#N/A"
    workbook.active["B1"].data_type = "s"  # typed by the clerk as text: "not applicable"
    workbook.save(tmp_path / "errors.xlsx")

    sheet = read_tables(tmp_path / "errors.xlsx").tables[0]
    error, typed = sheet.rows[0].cells

    assert error.is_error_value and error.text == "#REF!"
    (problem,) = cell_problems(sheet, sheet.rows[0], error)
    assert problem.is_error and "shows the Excel error #REF!" in problem.message
    assert typed.text == "#N/A" and not typed.is_error_value and not cell_problems(sheet, sheet.rows[0], typed)


def test_hidden_sheets_are_left_out_and_said_so(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "Action"
    lists = workbook.create_sheet("Lists")
    lists["A1"] = "Red"
    lists.sheet_state = "hidden"
    workbook.save(tmp_path / "hidden.xlsx")

    document = read_tables(tmp_path / "hidden.xlsx")

    assert [t.sheet_or_table_name for t in document.tables] == ["Sheet"]
    assert document.notes == ("Sheet 'Lists' is hidden and was not read.",)


def test_the_empty_margin_of_a_styled_sheet_is_trimmed(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B2"] = "Action", "Do it"
    sheet["H40"].number_format = "0.00"  # styled, never filled
    workbook.save(tmp_path / "margin.xlsx")

    table = read_tables(tmp_path / "margin.xlsx").tables[0]

    assert table.width == 2 and len(table.rows) == 2


# -- formats ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (dt.datetime(2017, 8, 1), "d mmmm yyyy", "1 August 2017"),
        (dt.datetime(2017, 8, 1), "dd/mm/yyyy", "01/08/2017"),
        (dt.datetime(2017, 8, 1), "mm-dd-yy", "01/08/2017"),  # Excel's short date, shown the UK way
        (dt.datetime(2018, 11, 1), "mmmm yyyy", "November 2018"),
        (dt.datetime(2018, 11, 1), "mmm-yy", "Nov-18"),
        (dt.datetime(2019, 3, 4), "dddd d mmmm", "Monday 4 March"),
        (dt.datetime(2019, 3, 4, 14, 30), "d/m/yyyy h:mm", "4/3/2019 14:30"),
        (dt.datetime(2019, 3, 4, 14, 30), "h:mm AM/PM", "2:30 PM"),
        (dt.datetime(2019, 3, 4), '[$-809]d" of "mmmm yyyy', "4 of March 2019"),
        (dt.date(2019, 3, 4), "yyyy-mm-dd", "2019-03-04"),
    ],
)
def test_dates_read_as_the_format_shows_them(value: dt.datetime, number_format: str, shown: str) -> None:
    assert format_excel_date(value, number_format) == shown


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (12.0, "General", "12"),
        (1.1, "General", "1.1"),
        (1.1, "0.00", "1.10"),
        (0.85, "0%", "85%"),
        (1234567, "#,##0", "1,234,567"),
        (7, "General", "7"),
    ],
)
def test_numbers_read_as_the_format_shows_them(value: float, number_format: str, shown: str) -> None:
    assert format_number(value, number_format) == shown


def test_clean_text_and_column_letters() -> None:
    assert clean_text(" a\u00a0b\r\nc\x00d\x1f ") == ("a b\ncd", 2)
    assert clean_text("tab\tkept") == ("tab\tkept", 0)
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


# -- files that cannot be read ---------------------------------------------------------------------------
def _truncated(path: Path, source: Path) -> Path:
    path.write_bytes(source.read_bytes()[:3000])
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda d, f: (d / "notes.txt").write_text("Minutes typed in Notepad\n" * 20) and d / "notes.txt", "is not a"),
        (lambda d, f: (d / "plan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(500)) and d / "plan.pdf", "it is a PDF"),
        (lambda d, f: (d / "empty.docx").write_bytes(b"") or d / "empty.docx", "is empty"),
        (lambda d, f: _truncated(d / "cut.docx", f), "damaged"),
        (lambda d, f: build.encrypted_lookalike(d / "locked.xlsx"), "password-protected"),
        (
            lambda d, f: (d / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(2000)) and d / "old.doc",
            "97-2003",
        ),
        (lambda d, f: d / "missing.xlsx", "does not exist"),
        (lambda d, f: d, "is a folder"),
    ],
)
def test_unreadable_files_raise_a_clear_import_file_error(
    tmp_path: Path, plan_files: dict[str, Path], make: object, says: str
) -> None:
    path = make(tmp_path, plan_files["000.docx"])  # type: ignore[operator]

    with pytest.raises(ImportFileError) as raised:
        read_tables(path)

    assert says in str(raised.value)
    assert "Traceback" not in str(raised.value)


def test_a_zip_that_is_neither_word_nor_excel_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "photos.xlsx", "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8" + bytes(100))

    with pytest.raises(ImportFileError, match="some other zip archive"):
        read_tables(tmp_path / "photos.xlsx")


def test_a_word_file_with_broken_xml_is_damaged_not_a_traceback(tmp_path: Path, plan_files: dict[str, Path]) -> None:
    with zipfile.ZipFile(plan_files["000.docx"]) as source, zipfile.ZipFile(tmp_path / "broken.docx", "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            out.writestr(info, data)

    with pytest.raises(ImportFileError, match=r"broken.docx could not be read as a Word document.*damaged"):
        read_tables(tmp_path / "broken.docx")


def test_content_decides_the_reader_not_the_file_name(tmp_path: Path, plan_files: dict[str, Path]) -> None:
    renamed = tmp_path / "really_excel.docx"
    renamed.write_bytes(plan_files["000.xlsx"].read_bytes())

    assert read_tables(renamed).kind == "xlsx"
