"""The action log exports, read back: Excel with openpyxl (formatting included), PDF with pypdf and
Word with python-docx (one section per owner)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.section import WD_ORIENT
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader

from boardapp.core.enums import ActionStatus
from boardapp.core.models import Action, ActionOwner, Person
from boardapp.exporting.action_log.export import (
    ActionLogDocument,
    build_action_log,
    export_action_log,
    suggested_log_filename,
)
from boardapp.exporting.action_log.to_xlsx import STATUS_FILLS
from boardapp.exporting.errors import OutputNotWritable
from boardapp.services.action_log import ActionLogQuery, action_log_rows, describe_query
from boardapp.services.actions import OPEN_STATUSES
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample

FORMULAS = ['=HYPERLINK("http://evil.example","Click")', "+44 1772 530000", "-5 days slippage", "@SUM(A1:A9)"]


@pytest.fixture
def document(store: Store, sample: Sample) -> ActionLogDocument:
    """The sample plus actions whose text would be formulas, a control character and an owner "+44"."""
    with store.transaction() as session:
        phone = Person(name="+44 Switchboard")
        session.add(phone)
        session.flush()
        for number, text in enumerate(FORMULAS):
            action = Action(board_id=sample.board_id, ref=f"IB-F{number}", text=text,
                            raised_meeting_id=sample.meetings["august"])  # fmt: skip
            session.add(action)
            session.flush()
            session.add(ActionOwner(action_id=action.id or 0, person_id=phone.id))
        session.add(Action(board_id=sample.board_id, ref="IB-ctl", text="Bell\x07 & <b>bold</b> – “quoted”"))
    with store.session() as session:
        query = ActionLogQuery()
        rows = action_log_rows(session, query, today=TODAY)
        return build_action_log(rows, board_name="Children's Services & Improvement Board",
                                scope=describe_query(session, query, today=TODAY), today=TODAY)  # fmt: skip


def open_document(store: Store) -> ActionLogDocument:
    with store.session() as session:
        query = ActionLogQuery(statuses=OPEN_STATUSES)
        rows = action_log_rows(session, query, today=TODAY)
        return build_action_log(rows, board_name="All boards", scope=describe_query(session, query, today=TODAY),
                                today=TODAY)  # fmt: skip


def sheet_of(path: Path) -> Worksheet:
    sheet = openpyxl.load_workbook(path)["Action log"]
    assert isinstance(sheet, Worksheet)
    return sheet


def columns(sheet: Worksheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def row_of(sheet: Worksheet, ref: str) -> int:
    return next(cell.row for cell in sheet["A"] if cell.value == ref)


# -- Excel --------------------------------------------------------------------------------------------------


def test_xlsx_layout(document: ActionLogDocument, tmp_path: Path) -> None:
    path = tmp_path / "log.xlsx"
    result = export_action_log(document, path, "xlsx")
    assert result.path == path and path.exists()
    sheet = sheet_of(path)
    col = columns(sheet)
    assert list(col) == ["Ref", "Board", "Action", "Owner(s)", "Raised", "Raised at item", "Due", "Due (as agreed)",
                         "Status", "Overdue", "Last update", "Latest note", "Plan actions"]  # fmt: skip
    header = sheet["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("1F4E79") and header.font.color.rgb.endswith("FFFFFF")
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{sheet.max_row}"
    assert sheet.max_row == len(document.entries) + 1
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["C"] > 50 and widths["A"] >= 15 and widths["D"] >= 20
    action = sheet.cell(row=2, column=col["Action"])
    assert action.alignment.wrap_text and action.alignment.vertical == "top"
    assert sheet.row_dimensions[row_of(sheet, "IB-video")].height >= 25  # two lines of text: a taller row


def test_xlsx_real_dates_and_status_colours(document: ActionLogDocument, tmp_path: Path) -> None:
    path = export_action_log(document, tmp_path / "log.xlsx", "xlsx").path
    sheet = sheet_of(path)
    col = columns(sheet)
    stats = row_of(sheet, "IB-stats")
    raised = sheet.cell(row=stats, column=col["Raised"])
    assert isinstance(raised.value, dt.datetime) and raised.value.date() == dt.date(2017, 8, 1)
    assert raised.number_format == "d mmm yyyy" and raised.is_date
    assert sheet.cell(row=stats, column=col["Due"]).value.date() == dt.date(2017, 10, 31)
    assert sheet.cell(row=stats, column=col["Last update"]).value.date() == dt.date(2017, 10, 10)
    assert sheet.cell(row=stats, column=col["Latest note"]).value == "Report drafted"
    assert sheet.cell(row=stats, column=col["Plan actions"]).value == "1.1, 2.1"
    for ref, status in (("IB-video", ActionStatus.IN_PROGRESS), ("IB-closed", ActionStatus.CLOSED),
                        ("IB-cse", ActionStatus.OPEN)):  # fmt: skip
        cell = sheet.cell(row=row_of(sheet, ref), column=col["Status"])
        assert cell.value == {ActionStatus.IN_PROGRESS: "In progress", ActionStatus.CLOSED: "Closed"}.get(
            status, "Open"
        )
        assert cell.fill.fgColor.rgb.endswith(STATUS_FILLS[status])
    late = row_of(sheet, "IB-late")
    assert sheet.cell(row=late, column=col["Overdue"]).value == "Overdue"
    assert sheet.cell(row=late, column=col["Overdue"]).font.bold
    assert sheet.cell(row=late, column=col["Ref"]).font.color.rgb.endswith("9C0006")
    assert sheet.cell(row=row_of(sheet, "IB-cse"), column=col["Overdue"]).value is None
    # Colours that follow the status when the clerk changes it.
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    assert {rule.formula[0] for rule in rules} == {'"Open"', '"In progress"', '"Completed"', '"Closed"', '"Cancelled"'}


def test_xlsx_status_drop_down(document: ActionLogDocument, tmp_path: Path) -> None:
    sheet = sheet_of(export_action_log(document, tmp_path / "log.xlsx", "xlsx").path)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"Open,In progress,Completed,Closed,Cancelled"'
    assert validation.showErrorMessage
    letter = openpyxl.utils.get_column_letter(columns(sheet)["Status"])
    assert str(validation.sqref).startswith(f"{letter}2:{letter}")
    assert int(str(validation.sqref).split(":")[1][1:]) > sheet.max_row  # room for actions added by hand


def test_xlsx_text_that_looks_like_a_formula_stays_text(document: ActionLogDocument, tmp_path: Path) -> None:
    sheet = sheet_of(export_action_log(document, tmp_path / "log.xlsx", "xlsx").path)
    col = columns(sheet)
    for number, text in enumerate(FORMULAS):
        row = row_of(sheet, f"IB-F{number}")
        cell = sheet.cell(row=row, column=col["Action"])
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix
        owner = sheet.cell(row=row, column=col["Owner(s)"])
        assert (owner.value, owner.data_type) == ("+44 Switchboard", "s")
    formulas = [cell.coordinate for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]
    assert formulas == []
    control = sheet.cell(row=row_of(sheet, "IB-ctl"), column=col["Action"]).value
    assert control == "Bell & <b>bold</b> – “quoted”"  # the bell removed, the rest exactly as typed


def test_xlsx_print_setup_properties_and_summary(document: ActionLogDocument, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(export_action_log(document, tmp_path / "log.xlsx", "xlsx").path)
    sheet = workbook["Action log"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.oddHeader.left.text == "Children's Services && Improvement Board"  # "&" escaped for Excel
    assert sheet.oddFooter.right.text == "Page &P of &N"
    properties = workbook.properties
    assert properties.title == "Action log – Children's Services & Improvement Board"
    assert properties.creator == "BoardApp" and properties.subject == "All actions · as at 1 September 2017"
    assert properties.language == "en-GB"
    assert workbook.sheetnames == ["Action log", "Summary"]
    summary = {row[0]: row[1:] for row in workbook["Summary"].iter_rows(min_row=5, values_only=True) if row[0]}
    assert summary["All"] == (len(document.entries), 2)
    assert summary["Amanda Hatton"] == (3, 0) and summary["Louise Storey"] == (1, 1)


# -- PDF and Word: one section per owner ----------------------------------------------------------------


def test_pdf_one_page_section_per_owner(store: Store, sample: Sample, tmp_path: Path) -> None:
    document = open_document(store)
    sections = document.sections()
    owners = [section.owner for section in sections]
    assert owners == ["Amanda Hatton", "Board Members", "Chris Coyle", "Geoff Driver", "Louise Storey",
                      "Natasha Wright", "No owner"]  # fmt: skip
    path = export_action_log(document, tmp_path / "owners.pdf", "pdf").path
    reader = PdfReader(str(path))
    assert len(reader.pages) == 1 + len(sections)  # a cover, then a page per owner (each fits one page here)
    texts = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    assert "7 actions for 7 owners; 2 overdue." in texts[0]
    for owner, text in zip(owners, texts[1:], strict=True):
        assert owner in text
    hatton = texts[1]
    assert "CSE intelligence input to be on the agenda" in hatton and "Statistics on re-referrals" in hatton
    assert "Natasha Wright" not in hatton.split("Owners:")[0]  # others' actions are not on her page
    assert "OVERDUE" in texts[5] and "Louise Storey" in texts[5]
    assert [item.title for item in reader.outline] == owners  # a bookmark per owner
    assert reader.metadata is not None and reader.metadata.title == "Action log – All boards"


def test_docx_one_section_per_owner(store: Store, sample: Sample, tmp_path: Path) -> None:
    document = open_document(store)
    path = export_action_log(document, tmp_path / "owners.docx", "docx").path
    word = docx.Document(str(path))
    headings = [p for p in word.paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == [section.owner for section in document.sections()]
    assert all(h.paragraph_format.page_break_before for h in headings)  # each owner on a page of their own
    assert len(word.tables) == 1 + len(headings)  # the contents, then a table per owner
    hatton = word.tables[1]
    assert [cell.text for cell in hatton.rows[0].cells] == ["Ref", "Action", "Raised at", "Due", "Status",
                                                            "Last update"]  # fmt: skip
    assert [row.cells[0].text.split("\n")[0] for row in hatton.rows[1:]] == ["IB-cse", "IB-profiles", "IB-stats"]
    assert hatton.rows[1].cells[0].text.endswith("Children's Services Improvement Board")  # several boards
    storey = word.tables[5]
    assert "OVERDUE" in storey.rows[1].cells[4].text
    assert word.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert word.core_properties.title == "Action log – All boards"
    assert word.core_properties.subject == "Open actions · as at 1 September 2017"


def test_nothing_to_circulate(store: Store, sample: Sample, tmp_path: Path) -> None:
    empty = build_action_log([], board_name="MASH Board", scope="Overdue", today=TODAY)
    for fmt in ("pdf", "docx", "xlsx"):
        assert export_action_log(empty, tmp_path / f"empty.{fmt}", fmt).path.stat().st_size > 0
    assert "No actions match" in " ".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "empty.pdf")).pages)


def test_failed_export_leaves_no_file(store: Store, sample: Sample, tmp_path: Path) -> None:
    document = open_document(store)
    with pytest.raises(OutputNotWritable, match="does not exist"):
        export_action_log(document, tmp_path / "missing" / "log.xlsx", "xlsx")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(OutputNotWritable, match="it is a folder"):
        export_action_log(document, tmp_path / "folder.xlsx", "xlsx")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["folder.xlsx"]


def test_suggested_file_names() -> None:
    assert suggested_log_filename("MASH Board", TODAY, "xlsx") == "2017-09-01 MASH Board action log.xlsx"
    assert suggested_log_filename('A/B: "C"', TODAY, "pdf") == "2017-09-01 A B C actions by owner.pdf"
