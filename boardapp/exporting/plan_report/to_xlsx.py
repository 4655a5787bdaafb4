"""Excel (.xlsx) backend of the plan progress report (openpyxl).

A Summary sheet (counts per status per key area in the scale's colours, a stacked bar chart,
the status key), one sheet per key area (a table with a frozen, filterable header row, the
status of each action filled in its scale colour, real dates, section rows for objectives,
then the area's outcome statements), a Recommendations sheet (the three phases of each) and a
KPIs sheet (target, latest value, status and the series of values by period), when the plan
has them. Sheets print landscape on A4, one page wide, the header row repeated.

No text can run as a formula: a string starting with = + - @ (or a tab or carriage return) is
stored as text with Excel's quote prefix, so it shows as typed and stays text when edited.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from boardapp.exporting.backends.text import Warnings, long_date
from boardapp.exporting.plan_report.document import (
    KPI_STATUS_COLOURS,
    KeyAreaSection,
    PlanReportDocument,
    PlanRow,
    StatusCount,
    StatusMark,
    text_colour_on,
)

FONT = "Arial"
INK = "1A1A1A"
GREY = "595959"
HEADER_FILL = "1F3864"  # dark blue header rows, white bold text
SECTION_FILL = "E7E6E6"
RULE = "BFBFBF"
DATE_FORMAT = "d mmm yyyy"
PERIOD_FORMAT = "mmm yyyy"
MAX_CELL = 32767  # Excel's limit on the characters of one cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31
YES_FILL, YES_INK = "C6EFCE", "006100"  # Excel's own "Good" and "Bad" cell styles
NO_FILL, NO_INK = "FFC7CE", "9C0006"
HEADER_ROW = 3  # on every table sheet: title, subtitle, then the header

_thin = Side(style="thin", color=RULE)
BOX = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


def _argb(colour: str) -> str:
    return colour.lstrip("#").upper()


def fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=_argb(colour), end_color=_argb(colour))


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    kind: str = "text"  # "text" | "date" | "status" | "number" | "wrap"


class _Sheet:
    """Writes cells of one sheet safely, and remembers how tall each row must be.

    Each distinct look (font, fill, alignment, border, number format) is built once per workbook
    and then copied to every cell that has it: assigning openpyxl style objects one by one hashes
    them again for every cell, which was most of the time a 200-action report took.
    """

    def __init__(self, ws: Worksheet, warnings: Warnings, looks: dict[tuple[Any, ...], Any]) -> None:
        self.ws = ws
        self.warnings = warnings
        self.looks = looks  # shared by the sheets of one workbook
        self.heights: dict[int, float] = {}
        self.widths: dict[int, float] = {}

    def put(
        self,
        row: int,
        column: int,
        value: Any,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float = 10,
        colour: str = INK,
        background: str = "",
        wrap: bool = True,
        centre: bool = False,
        number_format: str = "",
        border: bool = False,
        indent: int = 0,
    ) -> Cell:
        cell = self.ws.cell(row=row, column=column)
        if isinstance(value, str) and len(value) > MAX_CELL:
            self.warnings.add(
                f"Excel, sheet {self.ws.title!r}: a text longer than Excel's {MAX_CELL:,} characters per cell "
                "was cut short; the PDF version has it whole."
            )
            value = value[: MAX_CELL - 1] + "…"
        quote = isinstance(value, str) and (value.startswith(FORMULA_STARTS) or value in ERROR_CODES)
        cell.value = value
        if quote:
            cell.data_type = "s"  # text, never a formula or an error value
        number_format = DATE_FORMAT if isinstance(value, dt.date) else number_format
        look = (bold, italic, size, colour, background, wrap, centre, number_format, border, indent, quote)
        if look in self.looks:
            cell._style = copy(self.looks[look])
        else:
            cell._style = StyleArray()  # from the default look, whatever the cell had before
            if number_format:
                cell.number_format = number_format
            cell.font = Font(name=FONT, size=size, bold=bold, italic=italic, color=_argb(colour))
            cell.alignment = Alignment(
                wrap_text=wrap,
                vertical="top",
                horizontal="center" if centre else None,
                indent=indent,
            )
            if background:
                cell.fill = fill(background)
            if border:
                cell.border = BOX
            cell.quotePrefix = quote  # shown as typed, and still text when edited in Excel
            self.looks[look] = copy(cell._style)
        if isinstance(value, str) and wrap:
            self._fit(row, column, value, size, bold)
        return cell

    def _fit(self, row: int, column: int, text: str, size: float, bold: bool) -> None:
        """Grow the row for wrapped text: Excel does not size rows itself when it opens a file."""
        width = self.widths.get(column)
        if width is None:
            return
        per_line = max(1.0, (width - 1.5) * 10 / size * (0.95 if bold else 1.1))
        lines = sum(max(1, -(-len(part) // int(per_line))) for part in text.split("\n"))
        height = max(15.0, lines * size * 1.32 + 4)
        self.heights[row] = max(self.heights.get(row, 0), min(height, 409))

    def columns(self, columns: Sequence[Column]) -> None:
        for index, column in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
            self.widths[index] = column.width

    def header(self, row: int, titles: Sequence[str]) -> None:
        for index, title in enumerate(titles, start=1):
            self.put(row, index, title, bold=True, colour="FFFFFF", background=HEADER_FILL, border=True)
        self.ws.row_dimensions[row].height = max(self.heights.get(row, 0), 30)
        self.heights.pop(row, None)

    def status(self, row: int, column: int, mark: StatusMark | None) -> None:
        if mark is None:
            self.put(row, column, "", border=True)
        elif not mark.rated:
            self.put(row, column, mark.label, italic=True, colour=GREY, centre=True, border=True)
        else:
            self.put(
                row, column, mark.label, bold=True, colour=mark.ink, background=mark.fill, centre=True, border=True
            )

    def title(self, heading: str, subtitle: str) -> None:
        self.put(1, 1, heading, bold=True, size=14, wrap=False)
        self.put(2, 1, subtitle, italic=True, colour=GREY, wrap=False)
        self.ws.row_dimensions[1].height = 22

    def finish(self, *, landscape: bool = True, title_rows: str = "") -> None:
        for row, height in self.heights.items():
            self.ws.row_dimensions[row].height = height
        setup = self.ws.page_setup
        setup.orientation = "landscape" if landscape else "portrait"
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_margins.left = self.ws.page_margins.right = 0.5
        self.ws.page_margins.top = self.ws.page_margins.bottom = 0.6
        if title_rows:
            self.ws.print_title_rows = title_rows
        self.ws.oddFooter.left.text = "&A"
        self.ws.oddFooter.right.text = "Page &P of &N"
        self.ws.oddFooter.left.size = self.ws.oddFooter.right.size = 8


def render_plan_report_xlsx(document: PlanReportDocument, path: Path, warnings: Warnings) -> None:
    book = Workbook()
    names = _SheetNames()
    looks: dict[tuple[Any, ...], Any] = {}
    summary = book.active
    assert summary is not None
    summary.title = names.take("Summary")
    _summary(_Sheet(summary, warnings, looks), document)
    for area in document.areas:
        _area(_Sheet(book.create_sheet(names.take(area_sheet_name(area))), warnings, looks), document, area)
    if document.recommendations:
        _recommendations(_Sheet(book.create_sheet(names.take("Recommendations")), warnings, looks), document)
    if document.kpis:
        _kpis(_Sheet(book.create_sheet(names.take("KPIs")), warnings, looks), document)
    props = book.properties
    props.title = document.info.title
    props.creator = document.info.author
    props.subject = document.info.subject
    props.keywords = document.info.keywords
    props.description = "Exported by BoardApp"
    props.lastModifiedBy = "BoardApp"
    props.language = document.info.language
    book.save(str(path))


# -- sheet names ----------------------------------------------------------------------------------
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]+")


def area_sheet_name(area: KeyAreaSection) -> str:
    """ "1 Effective Partnership Working", "MASH-Early Help": what a tab can hold of the heading."""
    return f"{area.ref} {area.title}".strip() if area.ref else area.title


class _SheetNames:
    """Names Excel accepts: 31 characters at most, none of [ ] : * ? / \\, not blank, unique
    regardless of case, no apostrophe at either end, and never "History" (Excel reserves it)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str) -> str:
        name = _BAD_SHEET_CHARS.sub("-", " ".join(wanted.split())).strip("' ") or "Sheet"
        if name.casefold() == "history":
            name = "History (plan)"
        base = name[:SHEET_NAME_MAX].rstrip("' ")
        name, number = base, 1
        while name.casefold() in self.used:
            number += 1
            suffix = f" ({number})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip("' ") + suffix
        self.used.add(name.casefold())
        return name


# -- summary --------------------------------------------------------------------------------------
def _summary(sheet: _Sheet, document: PlanReportDocument) -> None:
    ws = sheet.ws
    levels = [c.status for c in document.whole]
    columns = [
        Column("Key area", 46),
        *(Column(m.label, 11) for m in levels),
        Column("Total", 9),
        Column("Complete", 11),
    ]
    sheet.columns(columns)
    sheet.put(1, 1, document.plan_name, bold=True, size=16, wrap=False)
    sheet.put(2, 1, document.subtitle, colour=GREY, wrap=False)
    sheet.put(3, 1, f"Progress report as at {long_date(document.as_of)}", italic=True, colour=GREY, wrap=False)
    ws.row_dimensions[1].height = 24

    row = 5
    sheet.put(row, 1, "Plan actions by status", bold=True, size=12, wrap=False)
    row += 1
    header_row = row
    for index, column in enumerate(columns, start=1):
        mark = levels[index - 2] if 2 <= index < 2 + len(levels) else None
        if mark is not None and mark.rated:
            sheet.put(
                row, index, column.title, bold=True, colour=mark.ink, background=mark.fill, border=True, centre=True
            )
        else:
            sheet.put(row, index, column.title, bold=True, colour="FFFFFF", background=HEADER_FILL, border=True)
    ws.row_dimensions[row].height = 30
    sheet.heights.pop(row, None)
    for area in document.areas:
        row += 1
        _count_row(sheet, row, area.heading, area.counts)
    row += 1
    _count_row(sheet, row, "Whole plan", document.whole, bold=True)
    last_count_row = row

    row += 2
    if document.scale:
        sheet.put(row, 1, f"Status key{f' ({document.scale_name})' if document.scale_name else ''}", bold=True, size=12)
        for mark in document.scale:
            row += 1
            sheet.status(row, 2, mark)
            ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=len(columns))
            sheet.put(row, 3, mark.meaning + (" (counts as complete)" if mark.complete else ""), wrap=False)
            sheet.put(row, 1, mark.code, colour=GREY, wrap=False)
    else:
        sheet.put(row, 1, "This plan has no status scale yet, so its actions are not rated.", italic=True, wrap=False)
    if document.recommendations:
        row += 2
        done = sum(1 for r in document.recommendations if r.signed_off)
        sheet.put(
            row,
            1,
            f"{len(document.recommendations)} recommendations: {done} signed off by the board. "
            "See the Recommendations sheet.",
            wrap=False,
        )
    if not document.areas:
        sheet.put(row + 2, 1, "This plan has no entries yet.", italic=True, wrap=False)

    if document.scale and document.action_count:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.gapWidth = 60
        chart.title = "Plan actions by status"
        chart.style = 10
        data = Reference(ws, min_col=2, max_col=1 + len(levels), min_row=header_row, max_row=last_count_row - 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=header_row + 1, max_row=last_count_row - 1))
        for series, mark in zip(chart.series, levels, strict=False):
            series.graphicalProperties.solidFill = _argb(mark.fill)
            series.graphicalProperties.line.solidFill = _argb(mark.fill)
        chart.x_axis.scaling.orientation = "maxMin"  # key areas top to bottom, as in the table
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.majorGridlines = None
        chart.legend.position = "b"
        chart.width, chart.height = 18, max(6.5, 1.2 * len(document.areas) + 3.5)
        ws.add_chart(chart, f"{get_column_letter(len(columns) + 2)}5")
    sheet.finish(landscape=True)


def _count_row(sheet: _Sheet, row: int, label: str, counts: tuple[StatusCount, ...], *, bold: bool = False) -> None:
    sheet.put(row, 1, label, bold=bold, border=True)
    for index, count in enumerate(counts, start=2):
        mark = count.status
        if count.count and mark.rated:
            sheet.put(
                row, index, count.count, bold=True, colour=mark.ink, background=mark.fill, centre=True, border=True
            )
        else:
            sheet.put(row, index, count.count, bold=bold, colour=INK if count.count else GREY, centre=True, border=True)
    total = sum(c.count for c in counts)
    complete = sum(c.count for c in counts if c.status.complete)
    sheet.put(row, len(counts) + 2, total, bold=True, centre=True, border=True)
    share = complete / total if total else None
    sheet.put(row, len(counts) + 3, share, bold=bold, centre=True, border=True, number_format="0%")


# -- key areas ------------------------------------------------------------------------------------
def _area_columns(document: PlanReportDocument) -> list[Column]:
    columns = [Column("Ref", 8)] if document.shows_refs else []
    columns += [
        Column("Action", 58),
        Column("Lead", 24),
        Column("Due (as written)", 18),
        Column("Due date", 12, "date"),
        Column("Status", 12, "status"),
    ]
    if document.shows_updates:
        columns += [Column("Status since", 12, "date"), Column("Latest update", 40)]
    if document.shows_impact:
        columns.append(Column("Impact", 12, "status"))
    if document.shows_evidence:
        columns.append(Column("Evidence of impact", 36))
    if document.shows_recommendations:
        columns.append(Column("Recommendations", 19))
    if document.shows_kpi_refs:
        columns.append(Column("KPI refs", 10))
    if document.shows_board_actions:
        columns.append(Column("Board actions", 24))
    if document.shows_oversight:
        columns.append(Column("Oversight", 20))
    return columns


def _row_values(document: PlanReportDocument, row: PlanRow) -> list[Any]:
    due_text = row.due_text
    if row.due_note and row.due_note.casefold() not in due_text.casefold():
        due_text = f"{due_text} ({row.due_note})" if due_text else row.due_note
    values: list[Any] = [row.ref] if document.shows_refs else []
    values += [row.text, row.lead, due_text, row.due_date, row.progress]
    if document.shows_updates:
        values += [row.progress_since, row.latest_update]
    if document.shows_impact:
        values.append(row.impact)
    if document.shows_evidence:
        values.append(row.evidence_of_impact)
    if document.shows_recommendations:
        values.append(", ".join(row.recommendation_refs))
    if document.shows_kpi_refs:
        values.append(row.kpi_refs)
    if document.shows_board_actions:
        values.append("\n".join(row.board_actions))
    if document.shows_oversight:
        values.append(row.oversight_group)
    return values


def _area(sheet: _Sheet, document: PlanReportDocument, area: KeyAreaSection) -> None:
    ws = sheet.ws
    columns = _area_columns(document)
    text_column = 2 if document.shows_refs else 1  # the action's text
    sheet.columns(columns)
    counted = ", ".join(f"{c.count} {c.status.label}" for c in area.counts if c.count) or "no actions"
    sheet.title(area.heading, f"{document.plan_name} · as at {long_date(document.as_of)} · {counted}")
    sheet.header(HEADER_ROW, [c.title for c in columns])
    row = HEADER_ROW
    for entry in area.rows:
        row += 1
        values = _row_values(document, entry)
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            background = SECTION_FILL if entry.is_section else ""
            if column.kind == "status":
                if isinstance(value, StatusMark) or value is None:
                    if value is None and entry.is_section:
                        sheet.put(row, index, "", background=background, border=True)
                    else:
                        sheet.status(row, index, value)
                continue
            overdue = column.title == "Due date" and entry.overdue
            sheet.put(
                row,
                index,
                value if value != "" else None,
                bold=entry.is_section and index <= text_column,
                colour="C00000" if overdue else INK,
                background=background,
                border=True,
                indent=max(entry.depth - 1, 0) if index == text_column and entry.is_section else 0,
            )
    last = row
    if area.rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{last}"
    else:
        sheet.put(HEADER_ROW + 1, text_column, "No actions are recorded under this key area.", italic=True)
        last = HEADER_ROW + 1
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=text_column + 1)  # the header, and ref and action

    row = last + 2
    if area.outcomes:
        label = "Outcome statements" if area.kind == "Key area" and area.ref else "Measures of success"
        sheet.put(row, text_column, label, bold=True, size=11)
        for outcome in area.outcomes:
            row += 1
            sheet.put(row, text_column, f"• {outcome}")
        row += 2
    if area.description:
        sheet.put(row, text_column, "About this key area", bold=True, size=11)
        sheet.put(row + 1, text_column, area.description)
        row += 3
    late = sum(1 for r in area.rows if r.overdue)
    if late:
        sheet.put(
            row, text_column, f"Due dates in red have passed without the action being completed ({late}).", italic=True
        )
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


# -- recommendations ------------------------------------------------------------------------------
def _recommendations(sheet: _Sheet, document: PlanReportDocument) -> None:
    ws = sheet.ws
    columns = [
        Column("Ref", 7),
        Column("Recommendation", 56),
        Column("Key area", 22),
        Column("Lead", 18),
        Column("Plan actions", 22),
        Column("Actions complete", 12),
        Column("Evidence of impact", 12),
        Column("Signed off by the board", 18),
        Column("How the phases were worked out", 52),
        Column("Review", 30),
    ]
    sheet.columns(columns)
    sheet.title("Inspection recommendations", f"{document.plan_name} · as at {long_date(document.as_of)}")
    sheet.header(HEADER_ROW, [c.title for c in columns])
    row = HEADER_ROW
    for rec in document.recommendations:
        row += 1
        how = f"Actions complete: {rec.actions_complete.how}\nEvidence of impact: {rec.impact_evidenced.how}"
        values = [rec.ref, rec.text, rec.key_area, rec.lead, ", ".join(rec.plan_action_refs)]
        for index, value in enumerate(values, start=1):
            sheet.put(row, index, value or None, border=True)
        for index, mark in ((6, rec.actions_complete), (7, rec.impact_evidenced)):
            _phase_cell(sheet, row, index, mark.label)
        if rec.signed_off:
            sheet.put(row, 8, rec.signed_off, bold=True, colour=YES_INK, background=YES_FILL, border=True)
        else:
            sheet.put(row, 8, "Not yet", colour=GREY, italic=True, border=True)
        sheet.put(row, 9, how, size=9, colour=GREY, border=True)
        sheet.put(row, 10, rec.source, size=9, border=True)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{row}"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _phase_cell(sheet: _Sheet, row: int, column: int, label: str) -> None:
    if label == "Yes":
        sheet.put(row, column, label, bold=True, colour=YES_INK, background=YES_FILL, centre=True, border=True)
    elif label == "No":
        sheet.put(row, column, label, bold=True, colour=NO_INK, background=NO_FILL, centre=True, border=True)
    else:
        sheet.put(row, column, label, colour=GREY, centre=True, border=True)


# -- KPIs -----------------------------------------------------------------------------------------
def _unit_format(unit: str) -> str:
    unit = re.sub(r"[^\w %‰£$€.]", "", unit).strip()
    if not unit:
        return "#,##0.##;-#,##0.##;0"
    suffix = unit if unit in {"%", "‰"} else f" {unit}"
    return f'#,##0.##"{suffix}";-#,##0.##"{suffix}";0"{suffix}"'


def _kpis(sheet: _Sheet, document: PlanReportDocument) -> None:
    ws = sheet.ws
    periods = sorted({day for kpi in document.kpis for day, _value in kpi.values})
    columns = [
        Column("Ref", 8),
        Column("Measure", 44),
        Column("Responsible officer", 22),
        Column("Frequency", 12),
        Column("Target", 11),
        Column("Target date", 12, "date"),
        Column("Baseline", 11),
        Column("Latest", 11),
        Column("Latest period", 12, "date"),
        Column("Status", 12, "status"),
        Column("Benchmark", 12),
        Column("Plan actions", 16),
        *(Column(long_date(day), 11) for day in periods),
    ]
    sheet.columns(columns)
    sheet.title("Key performance indicators", f"{document.plan_name} · as at {long_date(document.as_of)}")
    sheet.header(HEADER_ROW, [c.title for c in columns])
    for index, day in enumerate(periods, start=13):
        cell = ws.cell(row=HEADER_ROW, column=index)
        cell.value = day  # the period's real date (its last day), shown as the month it closes
        cell.number_format = PERIOD_FORMAT
    row = HEADER_ROW
    for kpi in document.kpis:
        row += 1
        number = _unit_format(kpi.unit)
        latest = kpi.latest
        measure = kpi.measure + (f" ({'higher' if kpi.higher_is_better else 'lower'} is better)")
        values: list[Any] = [
            kpi.ref,
            measure,
            kpi.responsible_officer,
            kpi.frequency,
            kpi.target,
            kpi.target_date,
            kpi.baseline,
            latest[1] if latest else None,
            latest[0] if latest else None,
        ]
        for index, value in enumerate(values, start=1):
            numeric = index in (5, 7, 8)
            sheet.put(row, index, value if value != "" else None, border=True, number_format=number if numeric else "")
        colour = KPI_STATUS_COLOURS.get(kpi.status)
        if colour:
            sheet.put(row, 10, kpi.status, bold=True, colour=text_colour_on(colour), background=colour, border=True)
        else:
            sheet.put(row, 10, kpi.status, italic=True, colour=GREY, border=True)
        sheet.put(row, 11, kpi.benchmark, border=True, number_format=number)
        sheet.put(row, 12, ", ".join(kpi.plan_item_refs) or None, border=True)
        by_period = dict(kpi.values)
        for index, day in enumerate(periods, start=13):
            sheet.put(row, index, by_period.get(day), border=True, number_format=number)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(columns))}{row}"
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    notes = [k for k in document.kpis if k.baseline_label or k.benchmark_label]
    row += 2
    for kpi in notes:
        labels = "; ".join(
            part
            for part in (
                f"baseline: {kpi.baseline_label}" if kpi.baseline_label else "",
                f"benchmark: {kpi.benchmark_label}" if kpi.benchmark_label else "",
            )
            if part
        )
        sheet.put(row, 1, kpi.ref, colour=GREY, size=9)
        sheet.put(row, 2, labels, colour=GREY, size=9)
        row += 1
    sheet.finish(title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
