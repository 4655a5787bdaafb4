"""PDF backend of the plan progress report (reportlab platypus), and the page furniture, styles
and status marks the evidence pack's PDF shares with it.

A4 landscape: the plan's name, board and period; a summary of the plan actions by status per
key area (counts in the scale's colours and a proportional bar for each), the status key, the
recommendations with their phases and the KPIs with a small trend line; then one section per key
area (starting on a new page) with its outcome statements and a table of its actions, objectives
as shaded rows, each action's status in its colour with the date since when and the latest
update. Bookmarks: one per key area and one per objective below it. The same embedded DejaVu
fonts and text cleaning as the minutes (`pdf_backend`), "Page X of Y" in the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, PolyLine
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from boardapp.exporting.backends.pdf_backend import (  # the minutes' fonts, text cleaning and page counter
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    GREY,
    INK,
    RULE,
    _Canvas,
    _Text,
)
from boardapp.exporting.backends.text import Warnings, long_date
from boardapp.exporting.meetings.documents import DocumentInfo
from boardapp.exporting.plan_report.document import (
    KPI_STATUS_COLOURS,
    NEUTRAL_COLOUR,
    KeyAreaSection,
    KpiLine,
    PlanReportDocument,
    PlanRow,
    RecommendationSummary,
    StatusCount,
    StatusMark,
    short_date,
    text_colour_on,
)

RED = colors.HexColor("#C00000")
HEADER_BG = colors.HexColor("#1F3864")
SECTION_BG = colors.HexColor("#E7E6E6")
ZEBRA = colors.HexColor("#F7F7F7")
YES_BG, YES_INK = colors.HexColor("#C6EFCE"), colors.HexColor("#006100")
NO_BG, NO_INK = colors.HexColor("#FFC7CE"), colors.HexColor("#9C0006")
MARGIN = 1.5 * cm

PdfText = _Text  # user text made safe for paragraph markup, with warnings (shared with the minutes)


# -- styles ---------------------------------------------------------------------------------------
def report_styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("RBody", fontName=FONT, fontSize=9.5, leading=13, textColor=INK, spaceAfter=4)

    def derive(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "title": derive("RTitle", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4),
        "subtitle": derive("RSubtitle", fontSize=11, leading=15, spaceAfter=2),
        "asof": derive("RAsOf", fontName=FONT_ITALIC, textColor=GREY, fontSize=10, leading=14),
        "h1": derive("RH1", fontName=FONT_BOLD, fontSize=14, leading=18, spaceBefore=4, spaceAfter=6),
        "h2": derive("RH2", fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4),
        "h3": derive("RH3", fontName=FONT_BOLD, fontSize=10, leading=13.5, spaceBefore=8, spaceAfter=3),
        "label": derive("RLabel", fontName=FONT_BOLD, spaceBefore=5, spaceAfter=2, keepWithNext=1),
        "note": derive("RNote", fontName=FONT_ITALIC, textColor=GREY, fontSize=9, leading=12),
        "bullet": derive("RBullet", leftIndent=12, bulletIndent=2, spaceAfter=1.5, bulletFontName=FONT),
        "cell": derive("RCell", fontSize=8, leading=10, spaceAfter=0),
        "cell_bold": derive("RCellBold", fontName=FONT_BOLD, fontSize=8, leading=10, spaceAfter=0),
        "cell_small": derive("RCellSmall", fontSize=7, leading=8.8, spaceAfter=0, textColor=GREY),
        "head": derive("RHead", fontName=FONT_BOLD, fontSize=8, leading=10, spaceAfter=0, textColor=colors.white),
        "chip": derive("RChip", fontName=FONT_BOLD, fontSize=8, leading=10, spaceAfter=0, alignment=TA_CENTER),
        "chip_small": derive("RChipSmall", fontSize=6.5, leading=8, spaceAfter=0, alignment=TA_CENTER),
    }


# -- flowables ------------------------------------------------------------------------------------
class Para(Paragraph):
    """A paragraph that remembers its line breaks for the width it was last laid out at.

    A table cell's paragraph is wrapped when the table is measured, again each time the table is
    split across a page, and once more when drawn; line breaking is most of the time a long
    report takes, so doing it once per width halves it.
    """

    _wrapped: tuple[float, Any, Any, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cached = self._wrapped
        if cached is not None and cached[0] == availWidth:
            _width, self._wrapWidths, self.blPara, self.width, self.height = cached
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if availWidth >= 1:
            self._wrapped = (availWidth, self._wrapWidths, self.blPara, width, height)
        return width, height


class Bookmarked(Para):
    """A heading that is a bookmark (outline entry) at `level`, where it is drawn; never split."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, title: str, level: int = 0) -> None:
        super().__init__(text, style)
        self.key = key
        self.outline_title = title
        self.outline_level = level
        self.keepWithNext = True

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # move the whole heading to the next page

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height + 10)
        self.canv.addOutlineEntry(self.outline_title, self.key, level=self.outline_level, closed=self.outline_level > 0)
        super().draw()


class StatusBar(Flowable):
    """The share of each status as one bar of coloured segments."""

    def __init__(self, counts: Sequence[StatusCount], width: float, height: float = 9) -> None:
        super().__init__()
        self.counts = [c for c in counts if c.count]
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        total = sum(c.count for c in self.counts)
        if not total:
            return
        x = 0.0
        for count in self.counts:
            w = self.width * count.count / total
            self.canv.setFillColor(colors.HexColor(count.status.fill))
            self.canv.setStrokeColor(colors.white)
            self.canv.setLineWidth(0.5)
            self.canv.rect(x, 0, w, self.height, stroke=1, fill=1)
            x += w


def sparkline(kpi: KpiLine, width: float = 2.6 * cm, height: float = 0.7 * cm) -> Drawing | str:
    """The KPI's values as a small line, with its target dashed; "" with fewer than two values."""
    values = [v for _day, v in kpi.values]
    if len(values) < 2:
        return ""
    low, high = (
        min([*values, kpi.target] if kpi.target is not None else values),
        max([*values, kpi.target] if kpi.target is not None else values),
    )
    span = (high - low) or 1.0
    pad = 2.0

    def y(value: float) -> float:
        return pad + (height - 2 * pad) * (value - low) / span

    step = (width - 2 * pad) / (len(values) - 1)
    points: list[float] = []
    for index, value in enumerate(values):
        points += [pad + index * step, y(value)]
    drawing = Drawing(width, height)
    if kpi.target is not None:
        drawing.add(
            Line(
                pad,
                y(kpi.target),
                width - pad,
                y(kpi.target),
                strokeColor=GREY,
                strokeWidth=0.5,
                strokeDashArray=[2, 2],
            )
        )
    colour = colors.HexColor(KPI_STATUS_COLOURS.get(kpi.status, "#595959"))
    drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=1.2))
    return drawing


# -- page furniture -------------------------------------------------------------------------------
class ReportDoc(BaseDocTemplate):
    """A page with a header (document name left, what it is right, or a red mark such as
    "CONFIDENTIAL ..." in its place) and a footer (what it is, "Page X of Y")."""

    def __init__(
        self,
        path: str,
        info: DocumentInfo,
        *,
        pagesize: tuple[float, float],
        header_left: str,
        header_right: str,
        footer_left: str,
        mark: str = "",
    ) -> None:
        super().__init__(
            path,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 0.3 * cm,
            bottomMargin=MARGIN,
            title=info.title,
            author=info.author,
            subject=info.subject,
            keywords=info.keywords,
            creator="BoardApp",
            producer="BoardApp (reportlab)",
            lang=info.language,
            displayDocTitle=True,
            initialFontName=FONT,
        )
        self.page_width, self.page_height = pagesize
        self.text_width = self.page_width - 2 * MARGIN
        frame = Frame(
            MARGIN,
            MARGIN,
            self.text_width,
            self.page_height - 2 * MARGIN - 0.3 * cm,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])
        self.header_left = header_left
        self.header_right = header_right
        self.footer_left = footer_left
        self.mark = mark

    def _fit(self, text: str, font: str, width: float) -> str:
        while text and pdfmetrics.stringWidth(text, font, 8) > width:
            text = text[:-2] + "…"
        return text

    def _furniture(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() == 1:
            canvas.showOutline()
        canvas.saveState()
        top = self.page_height - MARGIN + 0.5 * cm
        right = self.page_width - MARGIN
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        right_text = self.mark or self.header_right  # a mark (CONFIDENTIAL) matters more
        right_width = pdfmetrics.stringWidth(right_text, FONT_BOLD if self.mark else FONT, 8)
        canvas.drawString(MARGIN, top, self._fit(self.header_left, FONT, self.text_width - right_width - 16))
        if self.mark:
            canvas.setFont(FONT_BOLD, 8)
            canvas.setFillColor(RED)
        canvas.drawRightString(right, top, right_text)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 4, right, top - 4)
        bottom = MARGIN - 0.8 * cm
        canvas.line(MARGIN, bottom + 10, right, bottom + 10)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, bottom, self._fit(self.footer_left, FONT, self.text_width - 4 * cm))
        label = f"Page {canvas.getPageNumber()} of "
        x = right - pdfmetrics.stringWidth("000", FONT, 8)
        canvas.drawRightString(x, bottom, label)
        canvas.translate(x, bottom)
        canvas.setFont(FONT, 8)
        canvas.doForm("page_count")  # drawn by _Canvas.save once the total is known
        canvas.restoreState()

    def build_story(self, story: list[Flowable]) -> None:
        self.build(story, canvasmaker=_Canvas)


# -- shared pieces --------------------------------------------------------------------------------
class Pieces:
    """Paragraphs and table parts from cleaned document text, in the report styles."""

    def __init__(self, warnings: Warnings) -> None:
        self.text = PdfText(warnings)
        self.s = report_styles()

    def p(self, text: str, style: str = "body", where: str = "report", bullet: str | None = None) -> Paragraph:
        st = self.s[style]
        return Para(self.text.markup(text, where, st.fontName), st, bulletText=bullet)

    def head(self, titles: Sequence[str]) -> list[Paragraph]:
        return [Para(t, self.s["head"]) for t in titles]

    def chip(self, mark: StatusMark, below: str = "") -> Paragraph:
        """A status as printed in a coloured cell: its label, and an optional small line under it."""
        ink = mark.ink if mark.rated else GREY.hexval()
        label = self.text.markup(mark.label, "status", FONT_BOLD)
        text = f'<font color="{ink}">{label}</font>'
        if below:
            small = self.text.markup(below, "status")
            text += f'<br/><font size="6.5" color="{ink}" name="{FONT}">{small}</font>'
        return Para(text, self.s["chip"])

    def masthead(self, title: str, subtitle: str, as_of: str) -> list[Flowable]:
        story: list[Flowable] = [self.p(title, "title", "title")]
        if subtitle:
            story.append(self.p(subtitle, "subtitle", "subtitle"))
        story += [
            self.p(as_of, "asof", "date"),
            HRFlowable(width="100%", thickness=0.8, color=INK, spaceBefore=4, spaceAfter=10),
        ]
        return story


def grid_style(header_rows: int = 1) -> list[tuple[Any, ...]]:
    return [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]


def mark_background(mark: StatusMark) -> colors.Color | None:
    return colors.HexColor(mark.colour) if mark.rated and mark.colour else None


def phase_cell(pieces: Pieces, label: str) -> tuple[Paragraph, colors.Color | None]:
    if label == "Yes":
        return Para(f'<font color="{YES_INK.hexval()}">Yes</font>', pieces.s["chip"]), YES_BG
    if label == "No":
        return Para(f'<font color="{NO_INK.hexval()}">No</font>', pieces.s["chip"]), NO_BG
    return Para(f'<font color="{GREY.hexval()}">{label}</font>', pieces.s["chip"]), None


def recommendations_table(pieces: Pieces, recs: Sequence[RecommendationSummary], width: float) -> Table:
    small = [1.4 * cm, 3.4 * cm, 2.6 * cm, 1.9 * cm, 1.9 * cm, 2.6 * cm]
    widths = [small[0], width - sum(small), *small[1:]]
    titles = [
        "Ref",
        "Recommendation",
        "Key area",
        "Plan actions",
        "Actions complete",
        "Evidence of impact",
        "Signed off",
    ]
    rows: list[list[Any]] = [pieces.head(titles)]
    style = grid_style()
    for index, rec in enumerate(recs, start=1):
        where = rec.label
        complete, complete_bg = phase_cell(pieces, rec.actions_complete.label)
        impact, impact_bg = phase_cell(pieces, rec.impact_evidenced.label)
        signed = pieces.p(rec.signed_off, "cell_bold", where) if rec.signed_off else phase_cell(pieces, "Not yet")[0]
        refs = ", ".join(rec.plan_action_refs) or "none yet"
        rows.append(
            [
                pieces.p(rec.ref, "cell_bold", where),
                pieces.p(rec.text, "cell", where),
                pieces.p(rec.key_area, "cell", where),
                pieces.p(refs, "cell_small", where),
                complete,
                impact,
                signed,
            ]
        )
        for column, bg in ((4, complete_bg), (5, impact_bg), (6, YES_BG if rec.signed_off else None)):
            if bg is not None:
                style.append(("BACKGROUND", (column, index), (column, index), bg))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(style))
    return table


def _with_label(value: str, label: str) -> str:
    """ "26.5% (2017/18 outturn)"."""
    return f"{value} ({label})" if value and label else value


def kpi_table(pieces: Pieces, kpis: Sequence[KpiLine], width: float) -> Table:
    small = [1.3 * cm, 4.0 * cm, 2.2 * cm, 2.2 * cm, 3.0 * cm, 2.2 * cm, 3.0 * cm, 2.4 * cm]
    widths = [small[0], width - sum(small), *small[1:]]
    titles = ["Ref", "Measure", "Responsible officer", "Target", "Baseline", "Latest", "Status", "Trend", "Benchmark"]
    rows: list[list[Any]] = [pieces.head(titles)]
    style = grid_style()
    for index, kpi in enumerate(kpis, start=1):
        where = f"KPI {kpi.ref}"
        latest = kpi.latest
        target = kpi.target_label + (f" by {long_date(kpi.target_date)}" if kpi.target_date else "")
        baseline = _with_label(kpi.format(kpi.baseline), kpi.baseline_label)
        benchmark = _with_label(kpi.format(kpi.benchmark), kpi.benchmark_label)
        colour = KPI_STATUS_COLOURS.get(kpi.status)
        status = StatusMark(code=kpi.status, label=kpi.status, colour=colour or "")
        rows.append(
            [
                pieces.p(kpi.ref, "cell_bold", where),
                pieces.p(kpi.measure + (f" – {kpi.frequency}" if kpi.frequency else ""), "cell", where),
                pieces.p(kpi.responsible_officer, "cell", where),
                pieces.p(target, "cell", where),
                pieces.p(baseline, "cell", where),
                pieces.p(f"{kpi.format(latest[1])} ({long_date(latest[0])})" if latest else "", "cell", where),
                pieces.chip(status),
                sparkline(kpi),
                pieces.p(benchmark, "cell", where),
            ]
        )
        if colour:
            style.append(("BACKGROUND", (6, index), (6, index), colors.HexColor(colour)))
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(style))
    return table


# -- the plan report ------------------------------------------------------------------------------
def render_plan_report_pdf(document: PlanReportDocument, path: Path, warnings: Warnings) -> None:
    pieces = Pieces(warnings)
    as_of = f"Progress report as at {long_date(document.as_of)}"
    doc = ReportDoc(
        str(path),
        document.info,
        pagesize=landscape(A4),
        header_left=pieces.text.plain(document.plan_name, "header"),
        header_right=as_of,
        footer_left=pieces.text.plain(document.board_name or document.plan_name, "footer"),
        mark="CONFIDENTIAL – contains exempt information" if document.confidential else "",
    )
    layout = _PlanLayout(pieces, document, doc.text_width)
    doc.build_story(layout.story())


class _PlanLayout:
    def __init__(self, pieces: Pieces, document: PlanReportDocument, width: float) -> None:
        self.pieces = pieces
        self.s = pieces.s
        self.document = document
        self.width = width

    def story(self) -> list[Flowable]:
        document = self.document
        pieces = self.pieces
        story = pieces.masthead(
            document.plan_name, document.subtitle, f"Progress report as at {long_date(document.as_of)}"
        )
        story.append(Bookmarked("Summary", self.s["h1"], "summary", "Summary"))
        if document.areas:
            story.append(self.summary_table())
        else:
            story.append(pieces.p("This plan has no entries yet.", "note"))
        story += self.status_key()
        if document.recommendations:
            story += [
                PageBreak(),
                Bookmarked("Inspection recommendations", self.s["h2"], "recommendations", "Recommendations", 0),
                recommendations_table(pieces, document.recommendations, self.width),
            ]
        if document.kpis:
            story += [
                CondPageBreak(5 * cm),
                Bookmarked("Key performance indicators", self.s["h2"], "kpis", "Key performance indicators", 0),
                kpi_table(pieces, document.kpis, self.width),
            ]
        for index, area in enumerate(document.areas, start=1):
            story.append(PageBreak())
            story += self.area(index, area)
        return story

    # summary
    def summary_table(self) -> Table:
        document, pieces = self.document, self.pieces
        marks = [c.status for c in document.whole]
        count_width = 1.9 * cm
        bar_width = 6.5 * cm
        first = self.width - count_width * (len(marks) + 2) - bar_width - 0.3 * cm
        widths = [first, *([count_width] * (len(marks) + 2)), bar_width + 0.3 * cm]
        titles = ["Key area", *(m.label for m in marks), "Total", "Complete", "Share by status"]
        rows: list[list[Any]] = [
            [Para(titles[0], self.s["head"])]
            + [pieces.chip(m) if m.rated else Para(m.label, self.s["head"]) for m in marks]
            + [Para(t, self.s["head"]) for t in titles[-3:]]
        ]
        style = grid_style()
        for column, mark in enumerate(marks, start=1):
            background = mark_background(mark)
            if background is not None:
                style.append(("BACKGROUND", (column, 0), (column, 0), background))
        lines = [(area.heading, area.counts, False) for area in document.areas]
        lines.append(("Whole plan", document.whole, True))
        for index, (label, counts, bold) in enumerate(lines, start=1):
            total = sum(c.count for c in counts)
            complete = sum(c.count for c in counts if c.status.complete)
            row: list[Any] = [pieces.p(label, "cell_bold" if bold else "cell", "summary")]
            for column, count in enumerate(counts, start=1):
                mark = count.status
                if count.count and mark.rated:
                    row.append(Para(f'<font color="{mark.ink}">{count.count}</font>', self.s["chip"]))
                    style.append(("BACKGROUND", (column, index), (column, index), colors.HexColor(mark.fill)))
                else:
                    colour = INK.hexval() if count.count else GREY.hexval()
                    row.append(Para(f'<font color="{colour}">{count.count}</font>', self.s["chip"]))
            share = f"{complete / total:.0%}" if total else "–"
            row += [
                Para(str(total), self.s["chip"]),
                Para(share, self.s["chip"]),
                StatusBar(counts, bar_width),
            ]
            rows.append(row)
            if bold:
                style += [("LINEABOVE", (0, index), (-1, index), 1.2, INK)]
        style += [("VALIGN", (1, 0), (-1, -1), "MIDDLE")]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        return table

    def status_key(self) -> list[Flowable]:
        document, pieces = self.document, self.pieces
        if not document.scale:
            return [Spacer(1, 6), pieces.p("This plan has no status scale yet, so its actions are not rated.", "note")]
        title = "Status key" + (f" ({document.scale_name})" if document.scale_name else "")
        rows: list[list[Any]] = []
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for index, mark in enumerate(document.scale):
            meaning = mark.meaning + (" (counts as complete)" if mark.complete else "")
            rows.append([pieces.chip(mark), pieces.p(meaning, "cell", "status key")])
            background = mark_background(mark)
            if background is not None:
                style.append(("BACKGROUND", (0, index), (0, index), background))
        table = Table(rows, colWidths=[2.2 * cm, self.width - 2.2 * cm], hAlign="LEFT")
        table.setStyle(TableStyle(style))
        return [KeepTogether([pieces.p(title, "h2", "status key"), table])]

    # key areas
    def area(self, index: int, area: KeyAreaSection) -> list[Flowable]:
        pieces = self.pieces
        where = area.heading
        story: list[Flowable] = [
            Bookmarked(pieces.text.markup(area.heading, where, FONT_BOLD), self.s["h1"], f"area-{index}", area.heading)
        ]
        counted = ", ".join(f"{c.count} {c.status.label}" for c in area.counts if c.count) or "no actions"
        story.append(pieces.p(f"{area.action_count} actions: {counted}.", "note", where))
        if area.outcomes:
            label = "Outcome statements" if area.kind == "Key area" and area.ref else "Measures of success"
            story.append(pieces.p(label, "label", where))
            story += [pieces.p(o, "bullet", where, "•") for o in area.outcomes]
            story.append(Spacer(1, 6))
        if area.rows:
            story.append(self.area_table(index, area))
        else:
            story.append(pieces.p("No actions are recorded under this key area.", "note", where))
        return story

    def area_columns(self) -> list[tuple[str, float]]:
        document = self.document
        fixed = [("Lead", 3.0 * cm), ("Due", 2.4 * cm), ("Status", 2.1 * cm)]
        if document.shows_refs:
            fixed.append(("Ref", 1.1 * cm))
        if document.shows_recommendations:
            fixed.append(("Recs", 1.3 * cm))
        if document.shows_board_actions:
            fixed.append(("Board actions", 2.6 * cm))
        if document.shows_impact:
            fixed.append(("Impact", 1.9 * cm))
        flexible = [("Action", 2.6)]
        if document.shows_updates:
            flexible.append(("Latest update", 1.5))
        if document.shows_evidence:
            flexible.append(("Evidence of impact", 1.5))
        spare = self.width - sum(w for _t, w in fixed)
        weight = sum(w for _t, w in flexible)
        widths = dict(fixed) | {t: spare * w / weight for t, w in flexible}
        order = ["Ref", "Action", "Lead", "Due", "Status", "Latest update"]
        if document.shows_impact:
            order.append("Impact")
        if document.shows_evidence:
            order.append("Evidence of impact")
        order += ["Recs", "Board actions"]
        return [(t, widths[t]) for t in order if t in widths]

    def area_table(self, area_index: int, area: KeyAreaSection) -> Table:
        pieces = self.pieces
        columns = self.area_columns()
        titles = [t for t, _w in columns]
        rows: list[list[Any]] = [pieces.head(titles)]
        style = grid_style()
        # Short one-line cells are plain strings styled by the table: far cheaper than paragraphs.
        status_column = titles.index("Status")
        style += [
            ("FONT", (0, 1), (0, -1), FONT_BOLD, 8, 10),  # the ref, or the action's text (a paragraph)
            ("FONT", (status_column, 1), (status_column, -1), FONT_BOLD, 8, 10),
            ("ALIGN", (status_column, 1), (status_column, -1), "CENTER"),
            ("TEXTCOLOR", (status_column, 1), (status_column, -1), GREY),
        ]
        section = 0
        for index, entry in enumerate(area.rows, start=1):
            where = f"{area.heading}, {entry.ref or entry.text[:30]}"
            if entry.is_section:
                section += 1
                label = f"{entry.ref} {entry.text}".strip()
                heading = Bookmarked(
                    pieces.text.markup(label, where, FONT_BOLD),
                    self.s["cell_bold"],
                    f"area-{area_index}-{section}",
                    label.splitlines()[0] if label else entry.kind,
                    level=1,
                )
                heading.keepWithNext = False
                cells: list[Any] = [heading] + [""] * (len(columns) - 1)
                if entry.progress is not None and entry.progress.rated:  # a section rated in its own right
                    cells[status_column] = pieces.chip(entry.progress)
                    style += [
                        ("SPAN", (0, index), (status_column - 1, index)),
                        ("BACKGROUND", (0, index), (-1, index), SECTION_BG),
                        ("BACKGROUND", (status_column, index), (status_column, index), mark_background(entry.progress)),
                    ]
                else:
                    style += [("SPAN", (0, index), (-1, index)), ("BACKGROUND", (0, index), (-1, index), SECTION_BG)]
                if index < len(area.rows):
                    style.append(("NOSPLIT", (0, index), (-1, index + 1)))  # never leave a section row alone
                rows.append(cells)
                continue
            cells = [self.cell(title, entry, where) for title in titles]
            for column, title in enumerate(titles):
                mark = entry.progress if title == "Status" else entry.impact if title == "Impact" else None
                background = mark_background(mark) if mark is not None else None
                if background is not None:
                    style.append(("BACKGROUND", (column, index), (column, index), background))
            rows.append(cells)
        table = Table(rows, colWidths=[w for _t, w in columns], repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        return table

    def cell(self, title: str, entry: PlanRow, where: str) -> Any:
        pieces = self.pieces
        text = {
            "Action": entry.text,
            "Lead": entry.lead,
            "Latest update": entry.latest_update,
            "Evidence of impact": entry.evidence_of_impact,
            "Recs": ", ".join(entry.recommendation_refs),
            "Board actions": "\n".join(entry.board_actions),
        }.get(title)
        if text == "":
            return ""  # no paragraph to lay out for an empty cell
        if title == "Ref":
            return pieces.text.plain(entry.ref, where, FONT_BOLD)
        if title == "Action":
            return pieces.p(entry.text, "cell", where)
        if title == "Lead":
            return pieces.p(entry.lead, "cell", where)
        if title == "Due":
            text = pieces.text.markup(entry.due_text, where)
            if entry.due_note and entry.due_note.casefold() not in entry.due_text.casefold():
                note = pieces.text.markup(entry.due_note, where)
                text = f"{text}<br/>({note})" if text else note
            if entry.overdue:
                text += f'<br/><font color="{RED.hexval()}" name="{FONT_BOLD}">Overdue</font>'
            return Para(text, self.s["cell"])
        if title == "Status":
            mark = entry.progress
            if mark is None:
                return ""
            if not mark.rated:
                return pieces.text.plain(mark.label, where, FONT_BOLD)
            since = f"since {short_date(entry.progress_since)}" if entry.progress_since and mark.rated else ""
            return pieces.chip(mark, since)
        if title == "Impact":
            return pieces.chip(entry.impact) if entry.impact else ""
        if title == "Latest update":
            return pieces.p(entry.latest_update, "cell", where)
        if title == "Evidence of impact":
            return pieces.p(entry.evidence_of_impact, "cell", where)
        if title == "Recs":
            return pieces.p(", ".join(entry.recommendation_refs), "cell", where)
        if title == "Board actions":
            return pieces.p("\n".join(entry.board_actions), "cell_small", where)
        return ""


__all__ = [
    "NEUTRAL_COLOUR",
    "Bookmarked",
    "Pieces",
    "ReportDoc",
    "StatusBar",
    "grid_style",
    "kpi_table",
    "mark_background",
    "phase_cell",
    "recommendations_table",
    "render_plan_report_pdf",
    "report_styles",
    "text_colour_on",
]
