"""The pages the reports pack makes itself (reportlab canvas): contents, Part II notices, and the
footer stamps laid over every page. Drawn with the shipped DejaVu font so any name prints.

The contents and notices are tagged PDF (issue 15): each drawing is enclosed in marked content
that `pdf_tags.finish` turns into a structure tree (H1, P, and the contents as a Table of TR with
a TH row header and a TD for the pages), so the pack keeps them when export.py merges it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from boardapp.exporting.backends.pdf_backend import FONT, FONT_BOLD, _coverage
from boardapp.exporting.backends.pdf_backend import MARGIN as AGENDA_MARGIN
from boardapp.exporting.backends.pdf_tags import Node, Tags, artifact_begin, artifact_end, build_tagged

MARGIN = 2.2 * cm
WIDTH, HEIGHT = A4
LEADING = 15.0
FIRST_PAGE_LINES = 40  # below the title block
NEXT_PAGE_LINES = 46
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#595959")
RED = colors.HexColor("#A01010")
FOOTER_HEIGHT = 16.0


@dataclass(frozen=True)
class ContentsLine:
    text: str
    pages: str  # "pages 4–7", "no papers", "not included"
    level: int
    bold: bool = False


@dataclass(frozen=True)
class PageStamp:
    label: str  # "Item 3: Title — Paper title"
    number: int
    total: int
    confidential: bool
    mark: str = ""  # "Supplement 1"
    # Pages of BoardApp's own agenda: cover its "Page n of m" footer and write the stamp in its place.
    replaces_footer: bool = False


def _safe(text: str, font: str = FONT) -> str:
    covered = _coverage()[font]
    return "".join(c if ord(c) in covered else "?" for c in " ".join(text.split()))


def _fit(text: str, font: str, size: float, width: float) -> str:
    text = _safe(text, font)
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def contents_page_count(lines: int) -> int:
    if lines <= FIRST_PAGE_LINES:
        return 1
    return 1 + math.ceil((lines - FIRST_PAGE_LINES) / NEXT_PAGE_LINES)


def _draw(canvas: Canvas, tags: Tags, node: Node, x: float, y: float, text: str, *, right: bool = False) -> None:
    """Draw one string as the marked content of `node`."""
    tags.begin(canvas, node)
    if right:
        canvas.drawRightString(x, y, text)
    else:
        canvas.drawString(x, y, text)
    tags.end(canvas)


def render_contents(
    path: Path, *, title: str, subtitle: str, lines: list[ContentsLine], language: str = "en-GB"
) -> Path:
    """The contents, tagged (a CONFIDENTIAL mark, where needed, comes with the stamps laid over every page)."""
    _coverage()  # registers the shipped fonts
    tags = Tags()

    def draw(buffer: BytesIO) -> None:
        canvas = Canvas(buffer, pagesize=A4)
        canvas.setTitle(title)
        pages = contents_page_count(len(lines))
        remaining = list(lines)
        table: Node | None = None
        for page in range(pages):
            y = HEIGHT - MARGIN
            if page == 0:
                canvas.setFillColor(INK)
                canvas.setFont(FONT_BOLD, 18)
                heading = _fit(title, FONT_BOLD, 18, WIDTH - 2 * MARGIN)
                _draw(canvas, tags, tags.root.add("H1"), MARGIN, y, heading)
                y -= 22
                canvas.setFont(FONT, 11.5)
                canvas.setFillColor(GREY)
                for part in subtitle.split("\n"):
                    text = _fit(part, FONT, 11.5, WIDTH - 2 * MARGIN)
                    _draw(canvas, tags, tags.root.add("P"), MARGIN, y, text)
                    y -= 16
                y -= 10
                canvas.setFillColor(INK)
                canvas.setFont(FONT_BOLD, 12.5)
                _draw(canvas, tags, tags.root.add("H2"), MARGIN, y, "Contents")
                y -= 20
                take = FIRST_PAGE_LINES
            else:
                take = NEXT_PAGE_LINES
            for line in remaining[:take]:
                table = table or tags.root.add("Table")
                _contents_row(canvas, tags, table.add("TR"), line, y)
                y -= LEADING
            remaining = remaining[take:]
            canvas.showPage()
        canvas.save()

    build_tagged(draw, tags, title, language, path)
    return path


def _contents_row(canvas: Canvas, tags: Tags, row: Node, line: ContentsLine, y: float) -> None:
    """One line of the contents: the entry as the row's header cell (TH), its pages as data (TD)."""
    font = FONT_BOLD if line.bold else FONT
    size = 10.5 if line.level == 0 else 9.5
    indent = MARGIN + line.level * 0.8 * cm
    pages_width = stringWidth(line.pages, FONT, size)
    canvas.setFillColor(INK if line.level == 0 else GREY)
    canvas.setFont(font, size)
    text = _fit(line.text, font, size, WIDTH - MARGIN - indent - pages_width - 18)
    _draw(canvas, tags, row.add("TH", O="/Table", Scope="/Row"), indent, y, text)
    canvas.setFont(FONT, size)
    _draw(canvas, tags, row.add("TD"), WIDTH - MARGIN, y, line.pages, right=True)


def render_notice(path: Path, heading: str, statement: str, language: str = "en-GB") -> Path:
    """The page a public pack shows instead of an exempt item's papers (tagged: H1, H2, P)."""
    _coverage()  # registers the shipped fonts
    tags = Tags()

    def draw(buffer: BytesIO) -> None:
        canvas = Canvas(buffer, pagesize=A4)
        canvas.setTitle(heading)
        y = HEIGHT - MARGIN - 40
        canvas.setFillColor(INK)
        canvas.setFont(FONT_BOLD, 14)
        title = _fit(heading, FONT_BOLD, 14, WIDTH - 2 * MARGIN)
        _draw(canvas, tags, tags.root.add("H1"), MARGIN, y, title)
        y -= 30
        canvas.setFont(FONT_BOLD, 12)
        _draw(canvas, tags, tags.root.add("H2"), MARGIN, y, "Not for publication")
        y -= 22
        text = canvas.beginText(MARGIN, y)
        text.setFont(FONT, 11)
        text.setLeading(15)
        for line in _wrap(statement, FONT, 11, WIDTH - 2 * MARGIN):
            text.textLine(line)
        tags.begin(canvas, tags.root.add("P"))
        canvas.drawText(text)
        tags.end(canvas)
        canvas.showPage()
        canvas.save()

    build_tagged(draw, tags, heading, language, path)
    return path


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in _safe(text, font).split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render_stamps(path: Path, stamps: list[PageStamp], sizes: list[tuple[float, float]]) -> Path:
    """One overlay page per pack page, the size of that page: a white footer strip with the item and
    paper on the left and "Page N of T" on the right; CONFIDENTIAL (red, top and bottom) when exempt.
    All of it is page furniture: marked as a pagination artifact (and placed inside one by export.py)."""
    _coverage()  # registers the shipped fonts
    canvas = Canvas(str(path), pagesize=A4)
    for stamp, (width, height) in zip(stamps, sizes, strict=True):
        canvas.setPageSize((width, height))
        artifact_begin(canvas, "/Pagination", "/Footer")
        margin = min(MARGIN, width / 10)
        right = f"Page {stamp.number} of {stamp.total}"
        if stamp.mark:
            right = f"{stamp.mark} · {right}"
        baseline = 10.0
        cover = FOOTER_HEIGHT + 10
        if stamp.replaces_footer:  # the agenda's footer sits 1.4 cm up, under a rule at 1.4 cm + 11 pt
            margin, baseline, cover = AGENDA_MARGIN, AGENDA_MARGIN - 1.1 * cm, AGENDA_MARGIN - 1.1 * cm + 9
        canvas.setFillColor(colors.white)
        canvas.rect(0, 0, width, cover, stroke=0, fill=1)
        canvas.setFillColor(GREY)
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(width - margin, baseline, right)
        left = stamp.label
        if stamp.confidential:
            left = f"CONFIDENTIAL · {left}"
        room = width - 2 * margin - stringWidth(right, FONT, 7.5) - 12
        canvas.drawString(margin, baseline, _fit(left, FONT, 7.5, room))
        if stamp.confidential:
            canvas.setFillColor(RED)
            canvas.setFont(FONT_BOLD, 9)
            canvas.drawCentredString(width / 2, height - 16, "CONFIDENTIAL – Part II, not for publication")
        artifact_end(canvas)
        canvas.showPage()
    canvas.save()
    return path
