"""PDF backend (reportlab platypus): A4, 2.5 cm margins, the embedded DejaVu Sans font, a header
with the board's name and the DRAFT / CONFIDENTIAL mark, "Page X of Y" in the footer, a DRAFT
watermark on unapproved minutes, one bookmark per item, and title / author / subject / language
in the file's metadata. The file is tagged (issue 15 point 3, `pdf_tags`): a structure tree of
headings, lists and tables, the page furniture and the watermark (drawn as outlines) as artifacts.

Every user string goes through `_markup`: characters the font has no glyph for are replaced
(and reported), then `&`, `<` and `>` are escaped for reportlab's paragraph mini-markup.
Right-to-left text is kept in logical order (reportlab needs the optional rlbidi/uharfbuzz
packages to reorder and shape it) and reported, never a crash.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from boardapp.bundled import resources_dir
from boardapp.exporting.backends import pdf_tags
from boardapp.exporting.backends.text import Warnings, describe_chars, is_rtl_char, long_date, roman
from boardapp.exporting.meetings.documents import (
    DECLARATIONS_HEADING,
    DRAFT_MARK,
    EXEMPT_BANNER,
    AgendaDocument,
    AgendaEntry,
    BlockKind,
    Document,
    MinutesDocument,
    MinutesItem,
    page_mark,
)

FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = (
    "BoardAppSans",
    "BoardAppSans-Bold",
    "BoardAppSans-Oblique",
    "BoardAppSans-BoldOblique",
)
FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
REPLACEMENT = "\ufffd"
MARGIN = 2.5 * cm
PAGE_WIDTH, PAGE_HEIGHT = A4
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#595959")
RULE = colors.HexColor("#BFBFBF")
RED = colors.HexColor("#A01010")
BANNER = colors.HexColor("#8B1A1A")


@functools.cache
def _coverage() -> dict[str, frozenset[int]]:
    """Register the shipped fonts once per process; the code points each of them can draw."""
    folder = resources_dir() / "fonts"
    coverage = {}
    for name, filename in FONT_FILES.items():
        font = TTFont(name, str(folder / filename))
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)
    return coverage


def _ignorable(char: str) -> bool:
    """Invisible format characters (joiners, variation selectors, BOM) are dropped, not replaced."""
    return unicodedata.category(char) == "Cf" or 0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF


class _Text:
    """Turns user text into safe paragraph markup, recording what it had to change, per place."""

    def __init__(self, warnings: Warnings) -> None:
        self.warnings = warnings
        self.coverage = _coverage()

    def plain(self, text: str, where: str, font: str = FONT) -> str:
        """`text` with what `font` cannot draw replaced (and reported); metadata needs no font."""
        covered = self.coverage[font]
        # Beyond the Basic Multilingual Plane (most emoji) reportlab writes a ToUnicode map that PDF readers
        # reject, so the text could not be searched or copied: such characters count as missing too.
        missing = [
            c for c in text if (ord(c) not in covered or ord(c) > 0xFFFF) and c not in "\n\t" and not _ignorable(c)
        ]
        if missing:
            self.warnings.add(
                f"PDF, {where}: {len(missing)} character(s) the embedded font cannot show were replaced "
                f"with {REPLACEMENT} ({describe_chars(missing)}); the Word version keeps them."
            )
        if any(is_rtl_char(c) for c in text):
            self.warnings.add(
                f"PDF, {where}: right-to-left text (Arabic or Hebrew) is printed in stored order, without "
                f"right-to-left layout or letter joining; the Word version shows it correctly."
            )
        return "".join(
            "" if _ignorable(c) and ord(c) not in covered else REPLACEMENT if c in missing else c for c in text
        )

    def markup(self, text: str, where: str, font: str = FONT) -> str:
        return escape(self.plain(text, where, font)).replace("\n", "<br/>")


# -- styles ---------------------------------------------------------------------------------------
def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "Body", fontName=FONT, fontSize=10.5, leading=14.5, textColor=INK, spaceAfter=6, alignment=TA_LEFT
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "title": derive("Title", fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=6),
        "subtitle": derive("Subtitle", fontSize=11.5, leading=16, spaceAfter=8),
        "section": derive(
            "Section", fontName=FONT_BOLD, fontSize=11, leading=15, spaceBefore=10, spaceAfter=4, keepWithNext=1
        ),
        "item": derive("Item", fontName=FONT_BOLD, fontSize=12.5, leading=16, spaceBefore=16, spaceAfter=6),
        "subheading": derive("Subheading", fontName=FONT_BOLD, spaceBefore=4, spaceAfter=4, keepWithNext=1),
        "bullet": derive("Bullet", leftIndent=18, bulletIndent=5, spaceAfter=3, bulletFontName=FONT),
        "sub_bullet": derive("SubBullet", leftIndent=36, bulletIndent=23, spaceAfter=3, bulletFontName=FONT),
        "label": derive("Label", fontName=FONT_BOLD, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "decision": derive("Decision", leftIndent=18),
        "declaration": derive("Declaration", leftIndent=18, spaceAfter=4),
        "vote": derive("Vote", fontName=FONT_ITALIC, leftIndent=18, spaceAfter=4),
        "record": derive("RecordNote", fontName=FONT_ITALIC, spaceBefore=4),
        "note": derive("Note", fontName=FONT_ITALIC, textColor=GREY, fontSize=10, leading=13.5),
        "exempt": derive("Exempt", fontName=FONT_ITALIC),
        "banner": derive("Banner", fontName=FONT_BOLD, textColor=colors.white, fontSize=10, leading=13),
        "cell": derive("Cell", spaceAfter=0, leading=13.5),
        "small": derive("Small", fontSize=9, leading=11.5, spaceAfter=0),
        "small_bold": derive("SmallBold", fontName=FONT_BOLD, fontSize=9, leading=11.5, spaceAfter=0),
    }


class _Heading(Paragraph):
    """An item heading: never split across pages, and bookmarked where it is drawn."""

    def __init__(
        self, text: str | None, style: ParagraphStyle, bookmark: str = "", outline_title: str = "", **kwargs: Any
    ) -> None:
        # reportlab's Paragraph.split makes its pieces through self.__class__(None, style, bulletText=...,
        # frags=...): the extra keywords pass through, and only the first piece keeps the bookmark.
        super().__init__(text, style, **kwargs)
        self.bookmark = bookmark
        self.outline_title = outline_title
        self.keepWithNext = True

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        if self.height and self.height < PAGE_HEIGHT / 3:
            return []  # move the whole heading to the next page
        pieces = super().split(availWidth, availHeight)  # a heading longer than a page: split it
        for index, piece in enumerate(pieces):
            if isinstance(piece, _Heading):
                piece.bookmark = self.bookmark if index == 0 else ""
                piece.outline_title = self.outline_title if index == 0 else ""
                piece.keepWithNext = index == len(pieces) - 1
        return pieces

    def draw(self) -> None:
        if self.bookmark:
            self.canv.bookmarkHorizontal(self.bookmark, 0, self.height + 12)
            self.canv.addOutlineEntry(self.outline_title, self.bookmark, level=0, closed=False)
        super().draw()


# -- page furniture -------------------------------------------------------------------------------
class _Doc(BaseDocTemplate):
    def __init__(self, path: str | BytesIO, document: Document, text: _Text) -> None:
        info = document.info
        super().__init__(
            path,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title=info.title,  # metadata and bookmarks are shown in the viewer's own fonts: kept whole
            author=info.author,
            subject=info.subject,
            keywords=info.keywords,
            creator="BoardApp",
            producer="BoardApp (reportlab)",
            lang=info.language,
            displayDocTitle=True,
            initialFontName=FONT,
        )
        frame = Frame(
            MARGIN,
            MARGIN,
            TEXT_WIDTH,
            PAGE_HEIGHT - 2 * MARGIN,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture)])
        kind = "Minutes" if isinstance(document, MinutesDocument) else "Agenda"
        self.board = text.plain(document.board_name, "header")  # drawn in the regular face
        self.footer_left = f"{kind} – {long_date(document.meeting_date)}"
        self.watermark = isinstance(document, MinutesDocument) and document.draft
        self.mark = page_mark(document)

    def _furniture(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() == 1:
            canvas.showOutline()  # open the bookmarks pane: the items are the way around the file
        canvas.saveState()
        if self.watermark:  # decoration for assistive technology: an artifact, not text of the minutes
            pdf_tags.artifact_begin(canvas, "/Pagination", "/Watermark")
            canvas.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.08))
            canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            canvas.rotate(50)
            pdf_tags.draw_outlined_text(canvas, FONT_BOLD, 120, 0, -40, DRAFT_MARK)  # shapes, not text
            canvas.rotate(-50)
            canvas.translate(-PAGE_WIDTH / 2, -PAGE_HEIGHT / 2)
            pdf_tags.artifact_end(canvas)
        pdf_tags.artifact_begin(canvas, "/Pagination")  # header and footer
        top = PAGE_HEIGHT - MARGIN + 0.9 * cm
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(GREY)
        board = self.board
        mark_width = pdfmetrics.stringWidth(self.mark, FONT_BOLD, 8.5) if self.mark else 0
        while board and pdfmetrics.stringWidth(board, FONT, 8.5) > TEXT_WIDTH - mark_width - 12:
            board = board[:-2] + "…"
        canvas.drawString(MARGIN, top, board)
        if self.mark:
            canvas.setFont(FONT_BOLD, 8.5)
            canvas.setFillColor(RED)
            canvas.drawRightString(PAGE_WIDTH - MARGIN, top, self.mark)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 4, PAGE_WIDTH - MARGIN, top - 4)
        bottom = MARGIN - 1.1 * cm
        canvas.line(MARGIN, bottom + 11, PAGE_WIDTH - MARGIN, bottom + 11)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, bottom, self.footer_left)
        label = f"Page {canvas.getPageNumber()} of "
        right = PAGE_WIDTH - MARGIN - pdfmetrics.stringWidth("000", FONT, 8.5)
        canvas.drawRightString(right, bottom, label)
        canvas.translate(right, bottom)
        canvas.doForm("page_count")  # drawn once the total is known: see _Canvas.save
        pdf_tags.artifact_end(canvas)
        canvas.restoreState()


class _Canvas(Canvas):
    """Defines the "page_count" form, used on every page, when the total is finally known."""

    def save(self) -> None:
        self.beginForm("page_count")
        self.setFont(FONT, 8.5)
        self.setFillColor(GREY)
        self.drawString(0, 0, str(self.getPageNumber() - 1))
        self.endForm()
        super().save()


# -- layout ---------------------------------------------------------------------------------------
def render_pdf(document: Document, path: Path, warnings: Warnings) -> None:
    """Lay the document out, then write it tagged (structure tree, artifacts: see pdf_tags)."""
    text = _Text(warnings)
    layout = _Layout(text, _styles())
    story = layout.minutes(document) if isinstance(document, MinutesDocument) else layout.agenda(document)
    tags = pdf_tags.Tags()
    pdf_tags.tag_story(story, tags)

    def build(buffer: BytesIO) -> None:
        _Doc(buffer, document, text).build(story, canvasmaker=_Canvas)

    pdf_tags.build_tagged(build, tags, document.info.title, document.info.language or "en-GB", path)


class _Layout:
    def __init__(self, text: _Text, styles: dict[str, ParagraphStyle]) -> None:
        self.text = text
        self.s = styles

    def p(self, text: str, style: str, where: str, bullet: str | None = None) -> Paragraph:
        return Paragraph(self.text.markup(text, where, self.s[style].fontName), self.s[style], bulletText=bullet)

    def people(self, rows: list[tuple[str, str]], where: str) -> Table:
        data = [[self.p(name, "cell", where), self.p(org, "cell", where)] for name, org in rows]
        table = Table(data, colWidths=[7.2 * cm, TEXT_WIDTH - 7.2 * cm], hAlign="LEFT", splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def banner(self, text: str) -> Table:
        table = Table([[Paragraph(escape(text), self.s["banner"])]], colWidths=[TEXT_WIDTH], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), BANNER),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        table.keepWithNext = True
        return table

    def heading(self, number: str, heading: str, where: str) -> _Heading:
        return _Heading(self.text.markup(heading, where, FONT_BOLD), self.s["item"], f"item-{number}", heading)

    def masthead(self, document: Document, heading: str) -> list[Flowable]:
        return [
            self.p(document.board_name, "title", "board name"),
            self.p(heading, "subtitle", "heading"),
            HRFlowable(width="100%", thickness=0.8, color=INK, spaceBefore=2, spaceAfter=10),
        ]

    # -- minutes -----------------------------------------------------------------------------------
    def minutes(self, document: MinutesDocument) -> list[Flowable]:
        story = self.masthead(document, document.heading)
        for label, people in (
            ("Present:", document.present),
            ("Apologies:", document.apologies),
            ("In attendance:", document.in_attendance),
        ):
            if people:
                rows = [(f"{p.name} ({p.note})" if p.note else p.name, p.organisation) for p in people]
                story += [self.p(label, "section", label), self.people(rows, label)]
        if document.declarations:
            story.append(self.p(DECLARATIONS_HEADING, "section", "declarations"))
            story += [self.p(sentence, "declaration", "declarations") for sentence in document.declarations]
        for item in document.items:
            story += self.minutes_item(item)
        if document.approval is not None:
            signature = [
                Spacer(1, 18),
                self.p(document.approval.statement, "body", "approval"),
                Spacer(1, 22),
                Paragraph(
                    "Signed: ........................................................&nbsp;&nbsp; Chair", self.s["body"]
                ),
            ]
            if document.approval.chair:
                signature.append(self.p(document.approval.chair, "note", "chair"))
            signature += [Spacer(1, 10), Paragraph("Date: ..........................................", self.s["body"])]
            story.append(KeepTogether(signature))
        return story

    def minutes_item(self, item: MinutesItem) -> list[Flowable]:
        where = f"item {item.number}"
        story: list[Flowable] = []
        if item.exclusion:
            story += [Spacer(1, 8), self.p(item.exclusion, "body", where)]
        if item.exemption is not None and not item.withheld:
            story += [Spacer(1, 12), self.banner(f"{EXEMPT_BANNER} – not for publication")]
        heading = self.heading(item.number, item.heading, where)
        if story:
            heading.style = ParagraphStyle("ItemAfterBanner", parent=self.s["item"], spaceBefore=6)
        story.append(heading)
        if item.exemption is not None:
            story.append(self.p(item.exemption.statement, "exempt", where))
        if item.withheld:
            return story + [self.p(note, "record", where) for note in item.movements]
        if item.urgency:
            story.append(self.p(item.urgency, "record", where))
        if item.presenters:
            story.append(self.p(f"Presented by {item.presenters}", "note", where))
        story += [self.p(sentence, "declaration", f"{where} declarations") for sentence in item.declarations]
        bullets = {BlockKind.BULLET: ("bullet", "•"), BlockKind.SUB_BULLET: ("sub_bullet", "–")}
        previous = None
        for block in item.notes:
            if previous in bullets and block.kind not in bullets:
                story.append(Spacer(1, 5))
            previous = block.kind
            if block.kind in bullets:
                style, mark = bullets[block.kind]
                story.append(self.p(block.text, style, f"{where} notes", bullet=mark))
            elif block.kind is BlockKind.SUBHEADING:
                story.append(self.p(block.text, "subheading", f"{where} notes"))
            else:
                story.append(self.p(block.text, "body", f"{where} notes"))
        if item.decisions:
            story.append(Paragraph("Resolved:", self.s["label"]))
            many = len(item.decisions) > 1
            for index, decision in enumerate(item.decisions, start=1):
                story.append(self.p(decision, "decision", f"{where} decision", f"({roman(index)})" if many else None))
                story += [self.p(line, "vote", f"{where} vote") for line in item.votes_on(index - 1)]
        if item.actions:
            story.append(Paragraph("Actions:", self.s["label"]))
            for action in item.actions:
                line = self.text.markup(action.text.rstrip().rstrip("."), f"{where} actions")
                if action.owners:
                    line += f" – <b>{self.text.markup(action.owners, f'{where} actions', FONT_BOLD)}</b>"
                if action.due_phrase:
                    due = self.text.markup(action.due_phrase, f"{where} actions")
                    line += f' <font color="{GREY.hexval()}">({due})</font>'
                story.append(Paragraph(line, self.s["bullet"], bulletText="•"))
        story += [self.p(note, "record", where) for note in item.movements]
        return story

    # -- agenda ------------------------------------------------------------------------------------
    def agenda(self, document: AgendaDocument) -> list[Flowable]:
        story = self.masthead(document, f"Agenda – {document.heading}")
        if document.membership:
            rows = [(f"{m.name} ({m.role})" if m.role else m.name, m.organisation) for m in document.membership]
            story += [self.p("Membership", "section", "membership"), self.people(rows, "membership")]
        story.append(self.p("Business", "section", "business"))
        for entry in document.items:
            story += self.agenda_item(entry)
        if document.closing_time:
            story += [Spacer(1, 12), self.p(f"Close: {document.closing_time}", "label", "closing time")]
        return story

    def agenda_item(self, entry: AgendaEntry) -> list[Flowable]:
        where = f"item {entry.number}"
        story: list[Flowable] = []
        if entry.exemption is not None and not entry.withheld:
            story += [Spacer(1, 12), self.banner(f"{EXEMPT_BANNER} – not open to the press and public")]
        story.append(self.heading(entry.number, entry.heading, where))
        if entry.exemption is not None:
            story.append(self.p(entry.exemption.statement, "exempt", where))
        if entry.withheld:
            return story
        details = [
            d
            for d in (
                entry.start_time,
                f"{entry.minutes_allowed} minutes" if entry.minutes_allowed else "",
                f"Presented by {entry.presenters}" if entry.presenters else "",
                entry.purpose,
            )
            if d
        ]
        if details:
            story.append(self.p("  ·  ".join(details), "note", where))
        if entry.previous_minutes:
            story.append(self.p(entry.previous_minutes, "body", where))
        if entry.papers:
            story.append(Paragraph("Papers:", self.s["label"]))
            story += [self.p(paper, "bullet", f"{where} papers", "•") for paper in entry.papers]
        if entry.plan_reviews:
            story.append(Paragraph("Plan actions for review:", self.s["label"]))
            story += [self.p(line, "bullet", f"{where} plan actions", "•") for line in entry.plan_reviews]
        if entry.actions_due:
            label = ParagraphStyle("ActionsDue", parent=self.s["label"], keepWithNext=0)
            story += [CondPageBreak(3 * cm), Paragraph("Actions due:", label)]
            story.append(self.actions_table(entry, where))
        return story

    def actions_table(self, entry: AgendaEntry, where: str) -> Table:
        head = [Paragraph(h, self.s["small_bold"]) for h in ("Action", "Owner(s)", "Raised", "Due", "Status")]
        rows: list[list[Flowable]] = [head]
        small: Callable[[str], Paragraph] = lambda t: self.p(t, "small", f"{where} actions due")  # noqa: E731
        for action in entry.actions_due:
            status = small(action.status)
            if action.overdue:
                status = Paragraph(
                    f'<font color="{RED.hexval()}">{escape(action.status)} – overdue</font>', self.s["small"]
                )
            rows.append([small(action.text), small(action.owners), small(action.raised), small(action.due), status])
        widths = [5.2 * cm, 3.0 * cm, 2.3 * cm, 2.9 * cm]  # Status keeps 2.6 cm: "In progress" on one line
        table = Table(
            rows, colWidths=[*widths, TEXT_WIDTH - sum(widths)], repeatRows=1, hAlign="LEFT", splitInRow=1
        )  # splitInRow: an action longer than a page splits across pages
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EDEDED")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return table


def read_pdf_text(path: Path) -> str:
    """Text of a PDF as a reader's tools extract it: metadata, bookmarks and every page."""
    from pypdf import PdfReader  # a dev dependency today: see render.read_back

    reader = PdfReader(str(path))
    meta: dict = dict(reader.metadata or {})
    parts = [str(meta.get(key, "") or "") for key in ("/Title", "/Subject", "/Keywords")]

    def outline_titles(entries: list) -> None:
        for entry in entries:
            if isinstance(entry, list):
                outline_titles(entry)
            else:
                parts.append(str(entry.title))

    outline_titles(reader.outline)
    parts += [page.extract_text() or "" for page in reader.pages]
    return "\n".join(parts)
