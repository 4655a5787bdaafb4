"""The decision notice as a one-page PDF, in the minutes' embedded fonts and paragraph styles."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, HRFlowable, PageTemplate, Paragraph

from boardapp.exporting.backends.pdf_backend import (
    FONT,
    FONT_BOLD,
    GREY,
    INK,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    RULE,
    TEXT_WIDTH,
    _styles,
    _Text,
)
from boardapp.exporting.backends.text import Warnings, long_date
from boardapp.exporting.decision_notice.document import TITLE, DecisionNotice
from boardapp.exporting.meetings.documents import EXEMPT_BANNER


def render_notice_pdf(notice: DecisionNotice, path: Path, warnings: Warnings) -> None:
    text = _Text(warnings)
    s = _styles()

    def p(value: str, style: str) -> Paragraph:
        return Paragraph(text.markup(value, "decision notice", s[style].fontName), s[style])

    story: list[Flowable] = []
    if notice.confidential:
        story.append(p(f"{EXEMPT_BANNER} – not for publication", "section"))
    story += [
        p(notice.board_name, "title"),
        p(f"{TITLE} – {notice.meeting}", "subtitle"),
        HRFlowable(width="100%", thickness=0.8, color=INK, spaceBefore=2, spaceAfter=6),
        p(notice.minute, "item"),
        p("Decision", "section"),
        p(notice.decision, "decision"),
        *(p(line, "vote") for line in notice.votes),
    ]
    for section in notice.sections:
        story.append(p(section.heading, "section"))
        story += [p(value, "body") for value in section.paragraphs]
    story += [p("When the decision takes effect", "section"), p(notice.takes_effect, "body")]
    board = text.plain(notice.board_name, "header")
    mark = "CONFIDENTIAL – not for publication" if notice.confidential else ""
    footer = f"{TITLE} – meeting of {long_date(notice.meeting_date)}"

    def furniture(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        top, bottom = PAGE_HEIGHT - MARGIN + 25, MARGIN - 31
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, top, board[:90])
        canvas.drawString(MARGIN, bottom, footer)
        if mark:
            canvas.setFont(FONT_BOLD, 8.5)
            canvas.setFillColor(RED)
            canvas.drawRightString(PAGE_WIDTH - MARGIN, top, mark)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 4, PAGE_WIDTH - MARGIN, top - 4)
        canvas.line(MARGIN, bottom + 11, PAGE_WIDTH - MARGIN, bottom + 11)
        canvas.restoreState()

    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        title=notice.info.title,
        author=notice.info.author,
        subject=notice.info.subject,
        keywords=notice.info.keywords,
        creator="BoardApp",
        lang=notice.info.language,
        initialFontName=FONT,
    )
    frame = Frame(MARGIN, MARGIN, TEXT_WIDTH, PAGE_HEIGHT - 2 * MARGIN, leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=furniture)])
    doc.build(story)
