"""The action log circulated to owners, as PDF: A4 landscape, a cover page listing every owner with
their counts, then one section per owner starting on a new page (bookmarked), each a table of
their actions — ref, action, raised at, due, status, last update — with overdue ones in red.

Built from the agenda and minutes backend's pieces (`pdf_backend`): the embedded DejaVu fonts,
the `_Text` helper that replaces what the font cannot draw and escapes reportlab's mini-markup,
its paragraph styles, bookmarked headings and the "Page X of Y" canvas.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from boardapp.exporting.action_log.export import ActionLogDocument, LogEntry, OwnerSection
from boardapp.exporting.backends import pdf_tags
from boardapp.exporting.backends.pdf_backend import (
    FONT,
    FONT_BOLD,
    GREY,
    INK,
    RED,
    RULE,
    _Canvas,
    _Heading,
    _styles,
    _Text,
)
from boardapp.exporting.backends.text import Warnings, long_date

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 1.8 * cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
COLUMNS = (("Ref", 3.3), ("Action", 8.3), ("Raised at", 3.4), ("Due", 3.6), ("Status", 2.5), ("Last update", 0))
OVERDUE_FILL = colors.HexColor("#FCE4E4")
HEAD_FILL = colors.HexColor("#E7EEF6")


class _LogDoc(BaseDocTemplate):
    def __init__(self, path: str | BytesIO, document: ActionLogDocument, text: _Text) -> None:
        info = document.info
        super().__init__(
            path,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
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
        frame = Frame(MARGIN, MARGIN, TEXT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])
        self.left = text.plain(document.board_name, "header")
        self.right = f"{document.title} – circulated to owners, as at {long_date(document.as_of)}"
        self.footer = text.plain(document.scope, "footer")

    def _furniture(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() == 1:
            canvas.showOutline()
        canvas.saveState()
        pdf_tags.artifact_begin(canvas, "/Pagination")  # header and footer: skipped by screen readers
        top = PAGE_HEIGHT - MARGIN + 0.8 * cm
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(GREY)
        right_width = pdfmetrics.stringWidth(self.right, FONT, 8.5)
        left = self.left
        while left and pdfmetrics.stringWidth(left, FONT, 8.5) > TEXT_WIDTH - right_width - 12:
            left = left[:-2] + "…"
        canvas.drawString(MARGIN, top, left)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, top, self.right)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 4, PAGE_WIDTH - MARGIN, top - 4)
        bottom = MARGIN - 1.0 * cm
        canvas.line(MARGIN, bottom + 11, PAGE_WIDTH - MARGIN, bottom + 11)
        footer = self.footer
        while footer and pdfmetrics.stringWidth(footer, FONT, 8.5) > TEXT_WIDTH - 4 * cm:
            footer = footer[:-2] + "…"
        canvas.drawString(MARGIN, bottom, footer)
        label = f"Page {canvas.getPageNumber()} of "
        right = PAGE_WIDTH - MARGIN - pdfmetrics.stringWidth("000", FONT, 8.5)
        canvas.drawRightString(right, bottom, label)
        canvas.translate(right, bottom)
        canvas.doForm("page_count")  # the total, drawn when known (pdf_backend._Canvas)
        pdf_tags.artifact_end(canvas)
        canvas.restoreState()


def render_pdf(document: ActionLogDocument, path: Path, warnings: Warnings) -> None:
    """Lay the log out, then write it tagged like the minutes (issue 15 point 3: see pdf_tags)."""
    text = _Text(warnings)
    story = _Layout(text, _styles(), document).story()
    tags = pdf_tags.Tags()
    pdf_tags.tag_story(story, tags)  # title H1, owner sections H2, tables with TH by column

    def build(buffer: BytesIO) -> None:
        _LogDoc(buffer, document, text).build(story, canvasmaker=_Canvas)

    pdf_tags.build_tagged(build, tags, document.info.title, document.info.language or "en-GB", path)


class _Layout:
    def __init__(self, text: _Text, styles: dict[str, ParagraphStyle], document: ActionLogDocument) -> None:
        self.text = text
        self.s = styles
        self.document = document
        self.red_small = ParagraphStyle("SmallRed", parent=styles["small_bold"], textColor=RED)

    def p(self, value: str, style: str, where: str) -> Paragraph:
        return Paragraph(self.text.markup(value, where, self.s[style].fontName), self.s[style])

    def story(self) -> list[Flowable]:
        document = self.document
        sections = document.sections()
        story: list[Flowable] = [
            self.p(document.title, "title", "title"),
            self.p(document.subtitle, "subtitle", "subtitle"),
            HRFlowable(width="100%", thickness=0.8, color=INK, spaceBefore=2, spaceAfter=10),
        ]
        if not sections:
            story.append(self.p("No actions match this selection.", "note", "summary"))
            return story
        owners = len(sections)
        summary = (
            f"{len(document.entries)} action{'s' if len(document.entries) != 1 else ''} for {owners} "
            f"owner{'s' if owners != 1 else ''}; {document.overdue} overdue. Each owner's actions follow on a "
            "page of their own, to be circulated to them."
        )
        story += [self.p(summary, "body", "summary"), Spacer(1, 6), self._contents(sections)]
        for index, section in enumerate(sections):
            story += [PageBreak(), *self._section(section, index)]
        return story

    def _contents(self, sections: tuple[OwnerSection, ...]) -> Table:
        rows: list[list[Flowable]] = [
            [Paragraph(h, self.s["small_bold"]) for h in ("Owner", "Actions", "Overdue")],
        ]
        for section in sections:
            late = Paragraph(str(section.overdue), self.red_small) if section.overdue else self.p("0", "small", "")
            count = self.p(str(len(section.entries)), "small", "")
            rows.append([self.p(section.owner, "small", "owners"), count, late])
        table = Table(rows, colWidths=[9 * cm, 2.5 * cm, 2.5 * cm], repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))  # fmt: skip
        return table

    def _section(self, section: OwnerSection, index: int) -> list[Flowable]:
        where = f"owner {section.owner}"
        heading = _Heading(self.text.markup(section.owner, where, FONT_BOLD), self.s["item"], f"owner-{index}",
                           section.owner)  # fmt: skip
        heading.style = ParagraphStyle("Item", parent=self.s["item"], spaceBefore=0)  # "Item": tagged H2
        count = len(section.entries)
        line = f"{count} action{'s' if count != 1 else ''}"
        if section.overdue:
            line += f' · <font color="{RED.hexval()}"><b>{section.overdue} overdue</b></font>'
        return [heading, Paragraph(line, self.s["note"]), Spacer(1, 4), self._table(section, where)]

    def _table(self, section: OwnerSection, where: str) -> Table:
        small = self.s["small"]
        rows: list[list[Flowable]] = [[Paragraph(title, self.s["small_bold"]) for title, _ in COLUMNS]]
        shading: list[tuple[object, ...]] = []
        for number, entry in enumerate(section.entries, start=1):
            rows.append(self._cells(entry, where, small))
            if entry.overdue:
                shading.append(("BACKGROUND", (0, number), (-1, number), OVERDUE_FILL))
        widths = [width * cm for _, width in COLUMNS[:-1]]
        # splitInRow: an action longer than a page (10,000 characters) splits across pages, not LayoutError
        table = Table(
            rows, colWidths=[*widths, TEXT_WIDTH - sum(widths)], repeatRows=1, hAlign="LEFT", splitInRow=1
        )
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *shading,
        ]))  # fmt: skip
        return table

    def _cells(self, entry: LogEntry, where: str, small: ParagraphStyle) -> list[Flowable]:
        def cell(value: str, style: ParagraphStyle = small) -> Paragraph:
            return Paragraph(self.text.markup(value, where, style.fontName), style)

        owners = [owner for owner in entry.owners if owner]
        text = self.text.markup(entry.text, where)
        if len(owners) > 1:  # say who shares it
            shared = escape(self.text.plain(" / ".join(owners), where))
            text += f'<br/><font color="{GREY.hexval()}" size="8">Owners: {shared}</font>'
        ref = entry.ref + (f"\n{entry.board}" if self.document.several_boards and entry.board else "")
        status = cell(entry.status_label)
        due = cell(entry.due)
        if entry.overdue:
            status = Paragraph(f"{escape(entry.status_label)}<br/><b>OVERDUE</b>", self.red_small)
            due = Paragraph(self.text.markup(entry.due, where, FONT_BOLD), self.red_small)
        update = ""
        if entry.last_update_on is not None:
            update = long_date(entry.last_update_on) + (f": {entry.last_update}" if entry.last_update else "")
        return [cell(ref), Paragraph(text, small), cell(entry.raised), due, status, cell(update)]
