"""The action log as an Excel workbook, laid out the way a careful clerk would make it by hand.

Sheet "Action log": one header row (bold white on navy, wrapped, frozen, with an autofilter),
one row per action with wrapped text, real dates (shown "1 Aug 2017"), the status coloured and
chosen from a drop-down list (colours follow the value when the clerk changes it: conditional
formats), overdue actions marked in red, sensible column widths, and print settings (A4
landscape, fit to one page wide, the header row repeated, page numbers). Sheet "Summary": what
was exported, counts by status and by owner. Document properties: title, subject, author,
keywords, language.

No cell can become a formula: text is always written as text, and text that begins with `=`,
`+`, `-` or `@` also gets Excel's quote-prefix flag, so editing the cell later keeps it text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from boardapp.core.enums import ActionStatus
from boardapp.exporting.action_log.export import NO_OWNER, STATUS_LABELS, ActionLogDocument, LogEntry
from boardapp.exporting.backends.text import Warnings, long_date

FORMULA_PREFIXES = ("=", "+", "-", "@")
DATE_FORMAT = "d mmm yyyy"
NAVY = "1F4E79"
GRID = "BFBFBF"
RED = "9C0006"
RED_FILL = "FFC7CE"
STATUS_FILLS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "DDEBF7",
    ActionStatus.IN_PROGRESS: "FFEB9C",
    ActionStatus.COMPLETED: "C6EFCE",
    ActionStatus.CLOSED: "E7E6E6",
    ActionStatus.CANCELLED: "F2F2F2",
}
STATUS_FONTS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "1F4E79",
    ActionStatus.IN_PROGRESS: "7F6000",
    ActionStatus.COMPLETED: "006100",
    ActionStatus.CLOSED: "595959",
    ActionStatus.CANCELLED: "7F7F7F",
}
SPARE_ROWS = 500
"""The status drop-down also covers this many empty rows below the log, for actions added by hand."""


class Column:
    def __init__(self, title: str, width: float, kind: str = "text", key: str = "") -> None:
        self.title = title
        self.width = width
        self.kind = kind  # "text" | "date" | "status" | "overdue"
        self.key = key or title


def columns(document: ActionLogDocument) -> list[Column]:
    chosen = [Column("Ref", 17)]
    if document.several_boards:
        chosen.append(Column("Board", 22))
    chosen += [
        Column("Action", 58),
        Column("Owner(s)", 24),
        Column("Raised", 12.5, "date"),
        Column("Raised at item", 30),
        Column("Due", 12.5, "date"),
        Column("Due (as agreed)", 24),
        Column("Status", 13, "status"),
        Column("Overdue", 10, "overdue"),
        Column("Last update", 12.5, "date"),
        Column("Latest note", 44),
        Column("Plan actions", 13),
    ]
    if document.confidential:
        chosen.insert(1, Column("Part II", 16))  # which rows are exempt, beside the ref
    return chosen


def _value(entry: LogEntry, column: Column) -> Any:
    return {
        "Ref": entry.ref,
        "Board": entry.board,
        "Action": entry.text,
        "Owner(s)": entry.owner_text,
        "Raised": entry.raised_on,
        "Raised at item": entry.raised_item,
        "Due": entry.due_date,
        "Due (as agreed)": entry.due,
        "Status": entry.status_label,
        "Overdue": "Overdue" if entry.overdue else "",
        "Last update": entry.last_update_on,
        "Latest note": entry.last_update,
        "Plan actions": entry.plan_links,
        "Part II": entry.exempt,
    }[column.key]


def set_text(cell: Cell, text: str) -> None:
    """Store `text` as text, whatever it looks like: never a formula."""
    cell.value = text
    cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this undoes that
    if text.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True  # Excel's own "this is text" flag: it stays text when edited


def _header_escape(text: str) -> str:
    """Excel header/footer codes start with "&": a literal ampersand is written "&&"."""
    return text.replace("&", "&&")


def render_xlsx(document: ActionLogDocument, path: Path, warnings: Warnings) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Action log"
    chosen = columns(document)
    _styles(workbook)
    _header(sheet, chosen)
    for row_number, entry in enumerate(document.entries, start=2):
        _row(sheet, row_number, entry, chosen)
    last_row = len(document.entries) + 1
    last_column = get_column_letter(len(chosen))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last_column}{last_row}"
    for number, column in enumerate(chosen, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    sheet.row_dimensions[1].height = 30
    _status_list(sheet, chosen, last_row)
    _print_setup(sheet, document)
    _summary(workbook, document)
    _properties(workbook, document)
    workbook.active = 0
    workbook.save(str(path))


def _styles(workbook: Workbook) -> None:
    thin = Side(style="thin", color=GRID)
    body = NamedStyle(name="Log text")
    body.font = Font(name="Arial", size=10)
    body.alignment = Alignment(wrap_text=True, vertical="top")
    body.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook.add_named_style(body)
    day = NamedStyle(name="Log date", number_format=DATE_FORMAT)
    day.font = Font(name="Arial", size=10)
    day.alignment = Alignment(horizontal="left", vertical="top")
    day.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    workbook.add_named_style(day)
    header = NamedStyle(name="Log header")
    header.font = Font(name="Arial", size=10, bold=True, color="FFFFFF")
    header.fill = PatternFill("solid", fgColor=NAVY)
    header.alignment = Alignment(wrap_text=True, vertical="center")
    header.border = Border(left=Side(style="thin", color="FFFFFF"), right=Side(style="thin", color="FFFFFF"))
    workbook.add_named_style(header)


def _header(sheet: Worksheet, chosen: list[Column]) -> None:
    for number, column in enumerate(chosen, start=1):
        cell = sheet.cell(row=1, column=number)
        set_text(cell, column.title)
        cell.style = "Log header"


LINE_HEIGHT = 12.75  # points, for 10 pt Arial
CHARS_PER_WIDTH_UNIT = 1.0  # characters of 10 pt Arial per unit of column width (roughly)


def row_height(entry: LogEntry, chosen: list[Column]) -> float:
    """Points for the tallest wrapped cell of the row: Excel and LibreOffice do not fit the height of
    rows written by a program, so wrapped text would be cut off at one line."""
    lines = 1
    for column in chosen:
        value = _value(entry, column)
        if not isinstance(value, str) or not value:
            continue
        per_line = max(1, int(column.width * CHARS_PER_WIDTH_UNIT) - 1)
        wrapped = sum(max(1, -(-len(paragraph) // per_line)) for paragraph in value.split("\n"))
        lines = max(lines, wrapped)
    return min(409.0, lines * LINE_HEIGHT + 3)  # 409 pt: Excel's tallest row


def _row(sheet: Worksheet, row_number: int, entry: LogEntry, chosen: list[Column]) -> None:
    sheet.row_dimensions[row_number].height = row_height(entry, chosen)
    for number, column in enumerate(chosen, start=1):
        cell = sheet.cell(row=row_number, column=number)
        value = _value(entry, column)
        if column.kind == "date":
            cell.style = "Log date"
            if value is not None:
                cell.value = value
                cell.number_format = DATE_FORMAT
            continue
        cell.style = "Log text"
        set_text(cell, value or "")
        if column.kind == "status":
            cell.fill = PatternFill("solid", fgColor=STATUS_FILLS.get(entry.status, "FFFFFF"))
            cell.font = Font(name="Arial", size=10, color=STATUS_FONTS.get(entry.status, "000000"))
        elif column.kind == "overdue" and entry.overdue:
            cell.fill = PatternFill("solid", fgColor=RED_FILL)
            cell.font = Font(name="Arial", size=10, bold=True, color=RED)
        elif column.key == "Ref" and entry.overdue:
            cell.font = Font(name="Arial", size=10, bold=True, color=RED)


def _status_list(sheet: Worksheet, chosen: list[Column], last_row: int) -> None:
    """A drop-down of the statuses on the status column, and colours that follow its value."""
    number = next(n for n, column in enumerate(chosen, start=1) if column.kind == "status")
    letter = get_column_letter(number)
    cells = f"{letter}2:{letter}{last_row + SPARE_ROWS}"
    labels = [STATUS_LABELS[status] for status in ActionStatus]
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Status",
        error="Choose one of: " + ", ".join(labels) + ".",
        showInputMessage=True,
        promptTitle="Status",
        prompt="Choose from the list.",
    )
    sheet.add_data_validation(validation)
    validation.add(cells)
    for status, label in STATUS_LABELS.items():
        rule = CellIsRule(
            operator="equal",
            formula=[f'"{label}"'],
            fill=PatternFill("solid", fgColor=STATUS_FILLS[status], bgColor=STATUS_FILLS[status]),
            font=Font(color=STATUS_FONTS[status]),
        )
        sheet.conditional_formatting.add(cells, rule)


def _print_setup(sheet: Worksheet, document: ActionLogDocument) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.oddHeader.left.text = _header_escape(document.board_name)
    sheet.oddHeader.left.size = 9
    sheet.oddHeader.right.text = _header_escape(f"{document.title} – as at {long_date(document.as_of)}")
    sheet.oddHeader.right.size = 9
    sheet.oddFooter.left.text = _header_escape(document.scope)
    sheet.oddFooter.left.size = 9
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.oddFooter.right.size = 9


def _summary(workbook: Workbook, document: ActionLogDocument) -> None:
    """A second sheet: what was exported, then actions by status and by owner (with overdue counts)."""
    sheet = workbook.create_sheet("Summary")
    title = sheet.cell(row=1, column=1)
    set_text(title, document.info.title)
    title.font = Font(name="Arial", size=14, bold=True, color=NAVY)
    subtitle = sheet.cell(row=2, column=1)
    set_text(subtitle, f"{document.scope} · as at {long_date(document.as_of)}")
    subtitle.font = Font(name="Arial", size=10, color="595959")

    def table(first_row: int, headings: tuple[str, ...], rows: list[tuple[str, int, int]]) -> int:
        for number, heading in enumerate(headings, start=1):
            cell = sheet.cell(row=first_row, column=number)
            set_text(cell, heading)
            cell.style = "Log header"
        row = first_row
        for label, count, overdue in rows:
            row += 1
            key = sheet.cell(row=row, column=1)
            set_text(key, label)
            key.style = "Log text"
            for column, value in ((2, count), (3, overdue)):
                cell = sheet.cell(row=row, column=column, value=value)
                cell.style = "Log text"
                cell.alignment = Alignment(horizontal="center", vertical="top")
                if column == 3 and value:
                    cell.font = Font(name="Arial", size=10, bold=True, color=RED)
        return row

    counts = Counter(entry.status for entry in document.entries)
    late_by_status = Counter(entry.status for entry in document.entries if entry.overdue)
    by_status = [(STATUS_LABELS[s], counts.get(s, 0), late_by_status.get(s, 0)) for s in ActionStatus]
    by_status.append(("All", len(document.entries), document.overdue))
    row = table(4, ("Status", "Actions", "Overdue"), by_status)
    total = sheet.cell(row=row, column=1)
    total.font = Font(name="Arial", size=10, bold=True)
    per_owner: Counter[str] = Counter()
    late: Counter[str] = Counter()
    for entry in document.entries:
        for owner in entry.owners or (NO_OWNER,):
            per_owner[owner] += 1
            late[owner] += entry.overdue
    owners = sorted(per_owner, key=lambda name: (name == NO_OWNER, name.casefold()))
    table(row + 2, ("Owner", "Actions", "Overdue"), [(owner, per_owner[owner], late[owner]) for owner in owners])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 11
    sheet.column_dimensions["C"].width = 11
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _properties(workbook: Workbook, document: ActionLogDocument) -> None:
    properties = workbook.properties
    properties.title = document.info.title
    properties.subject = document.info.subject
    properties.creator = document.info.author
    properties.lastModifiedBy = document.info.author
    properties.keywords = document.info.keywords
    properties.description = f"{document.subtitle}. Exported by BoardApp."
    properties.language = document.info.language
    properties.category = "Action log"
