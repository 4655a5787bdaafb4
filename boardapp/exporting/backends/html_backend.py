"""HTML backend: the agenda or minutes as one self-contained, semantic HTML file, the way councils
publish them on their websites.

One file, no scripts, no external resources: `<html lang>`, a `<title>`, `<h1>` for the board,
`<h2>` for each item, `<h3>` for sub-headings and the "Resolved:" / "Actions:" labels, `<ul>` for
bullets, `<table>` with `<th scope="col">` for attendance and the actions due. `print_css=True` adds
A4 page furniture for an HTML-to-PDF engine (WeasyPrint writes a tagged PDF/UA-1 from it:
benchmarks/export_pdf_backends.py; not adopted yet, too slow for the 0.3 s target).

It reads only the document model (`documents.py`), so a public document holds no exempt business
here either, and `render.py` reads the written file back through the same exempt-text guard.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from boardapp.exporting.backends.text import Warnings, clean_text, long_date
from boardapp.exporting.meetings.documents import (
    DECLARATIONS_HEADING,
    EXEMPT_BANNER,
    AgendaDocument,
    AgendaEntry,
    Attendee,
    BlockKind,
    Document,
    MinutesDocument,
    MinutesItem,
    NoteBlock,
    page_mark,
)

SCREEN_CSS = """
:root { color: #1a1a1a; background: #fff; }
body { font-family: Arial, "Helvetica Neue", Helvetica, "DejaVu Sans", sans-serif; font-size: 1rem;
  line-height: 1.45; max-width: 48rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
h2.section { font-size: 1.05rem; margin-top: 1rem; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
p { margin: 0 0 .5rem; }
.meeting { font-size: 1.1rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .6rem; margin-bottom: 1rem; }
.status { color: #a01010; font-weight: bold; }
.presenters, .details, .chair { color: #595959; font-style: italic; }
.exemption { font-style: italic; }
.banner { background: #8b1a1a; color: #fff; font-weight: bold; padding: .2rem .4rem; margin: 1.6rem 0 0; }
.banner + h2 { margin-top: .4rem; }
ul { margin: 0 0 .5rem; padding-left: 1.4rem; }
ul ul { list-style-type: "\\2013\\00a0\\00a0"; }
ol.resolutions { margin: 0 0 .5rem; padding-left: 2.4rem; }
ol.resolutions > li::marker { content: "(" counter(list-item, lower-roman) ")\\00a0\\00a0"; }
.resolution { margin-left: 1.4rem; }
.declaration { margin-left: 1.4rem; }
.vote { margin-left: 1.4rem; font-style: italic; }
li > .vote { margin-left: 0; }
.record-note { font-style: italic; }
.due { color: #595959; }
table { border-collapse: collapse; margin: 0 0 .8rem; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .15rem .5rem .15rem 0; }
table.actions th, table.actions td { border: 1px solid #bfbfbf; padding: .2rem .35rem; font-size: .92rem; }
table.actions th { background: #ededed; }
.overdue { color: #a01010; }
.signature { margin-top: 1.4rem; }
footer { margin-top: 2rem; border-top: 1px solid #bfbfbf; color: #595959; font-size: .85rem; padding-top: .3rem; }
"""

_PRINT_CSS = """
@font-face { font-family: "BoardApp Sans"; src: url("{regular}"); }
@font-face { font-family: "BoardApp Sans"; font-weight: bold; src: url("{bold}"); }
@font-face { font-family: "BoardApp Sans"; font-style: italic; src: url("{italic}"); }
@font-face { font-family: "BoardApp Sans"; font-weight: bold; font-style: italic; src: url("{bold_italic}"); }
@page {
  size: A4; margin: 2.5cm;
  {background}
  @top-left { content: "{board}"; font: 8.5pt "BoardApp Sans"; color: #595959; vertical-align: bottom;
    padding-bottom: 4pt; border-bottom: .5pt solid #bfbfbf; }
  @top-right { content: "{mark}"; font: bold 8.5pt "BoardApp Sans"; color: #a01010; vertical-align: bottom;
    padding-bottom: 4pt; border-bottom: .5pt solid #bfbfbf; }
  @bottom-left { content: "{footer}"; font: 8.5pt "BoardApp Sans"; color: #595959; vertical-align: top;
    padding-top: 4pt; border-top: .5pt solid #bfbfbf; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8.5pt "BoardApp Sans";
    color: #595959; vertical-align: top; padding-top: 4pt; border-top: .5pt solid #bfbfbf; }
}
body { font-family: "BoardApp Sans", sans-serif; font-size: 10.5pt; line-height: 1.38; max-width: none;
  margin: 0; padding: 0; }
h1 { font-size: 17pt; bookmark-level: none; }
h2 { font-size: 12.5pt; break-after: avoid; bookmark-level: none; }
h2.item-heading { bookmark-level: 1; }
h2.section { font-size: 11pt; }
h3 { font-size: 10.5pt; break-after: avoid; bookmark-level: none; }
.banner { break-after: avoid; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
footer { display: none; }
"""

# The DRAFT watermark of unapproved minutes, as the page background (an artifact in a tagged PDF; the
# status line under the heading says it in words). NB WeasyPrint draws SVG <text> as real PDF text, so
# "DRAFT" still reaches text extraction: a path or raster watermark is needed before this is adopted.
_WATERMARK = (
    "background: url(\"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='595' height='842'>"
    "<text x='297' y='421' text-anchor='middle' dominant-baseline='middle' transform='rotate(-50 297 421)' "
    "font-family='DejaVu Sans, sans-serif' font-weight='bold' font-size='120' fill='rgb(191,26,26)' "
    "fill-opacity='0.08'>DRAFT</text></svg>\") center / 100% 100% no-repeat;"
)


def render_html(document: Document, path: Path, warnings: Warnings) -> None:
    """Write the document as one self-contained HTML file (UTF-8)."""
    path.write_text(document_html(document, warnings), encoding="utf-8", newline="\n")


def document_html(document: Document, warnings: Warnings, *, print_css: bool = False) -> str:
    """The whole HTML page; `print_css` adds the page furniture WeasyPrint lays out for the PDF."""
    return _Html(warnings).page(document, print_css=print_css)


def status_line(document: Document) -> str:
    """What the page says about its own status, in words a screen reader reads out ("" when final)."""
    draft = isinstance(document, MinutesDocument) and document.draft
    confidential = not document.public and document.has_exempt_items
    parts = []
    if draft:
        parts.append("Draft minutes, subject to approval by the board.")
    if confidential:
        parts.append("Confidential: contains exempt information (Part II); not for publication.")
    return " ".join(parts)


def _css_string(text: str) -> str:
    """Text as the inside of a CSS double-quoted string."""
    return "".join(c if c.isalnum() or c in " .,;:()-–'&/" else f"\\{ord(c):06x}" for c in text)


class _Html:
    def __init__(self, warnings: Warnings) -> None:
        self.warnings = warnings
        self.out: list[str] = []

    def t(self, text: str, *, multiline: bool = False) -> str:
        """User text, cleaned and escaped; line breaks become <br> where a paragraph allows them."""
        text = escape(clean_text(text, "HTML export", self.warnings, multiline=multiline), quote=True)
        return text.replace("\n", "<br>\n") if multiline else text

    def add(self, *lines: str) -> None:
        self.out.extend(lines)

    # -- page ---------------------------------------------------------------------------------------
    def page(self, document: Document, *, print_css: bool) -> str:
        info = document.info
        kind = "Minutes" if isinstance(document, MinutesDocument) else "Agenda"
        footer = f"{kind} – {long_date(document.meeting_date)}"
        css = SCREEN_CSS + (self.print_css(document, footer) if print_css else "")
        self.add(
            "<!DOCTYPE html>",
            f'<html lang="{escape(info.language)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{self.t(info.title)}</title>",
            f'<meta name="author" content="{self.t(info.author)}">',
            f'<meta name="description" content="{self.t(info.subject)}">',
        )
        if info.keywords:
            self.add(f'<meta name="keywords" content="{self.t(info.keywords)}">')
        self.add('<meta name="generator" content="BoardApp">', f"<style>{css}</style>", "</head>", "<body>", "<main>")
        if isinstance(document, MinutesDocument):
            self.minutes(document)
        else:
            self.agenda(document)
        self.add("</main>", f"<footer><p>{self.t(footer)}</p></footer>", "</body>", "</html>", "")
        return "\n".join(self.out)

    def print_css(self, document: Document, footer: str) -> str:
        from boardapp.bundled import resources_dir

        fonts = resources_dir() / "fonts"
        board = clean_text(document.board_name, "PDF page header", self.warnings)
        draft = isinstance(document, MinutesDocument) and document.draft
        # The header mark in sentence case ("Draft – …"): the word DRAFT in capitals is the watermark's alone.
        mark = page_mark(document).replace("DRAFT", "Draft")
        css = _PRINT_CSS
        for key, value in (
            ("{regular}", (fonts / "DejaVuSans.ttf").as_uri()),
            ("{bold}", (fonts / "DejaVuSans-Bold.ttf").as_uri()),
            ("{italic}", (fonts / "DejaVuSans-Oblique.ttf").as_uri()),
            ("{bold_italic}", (fonts / "DejaVuSans-BoldOblique.ttf").as_uri()),
            ("{background}", _WATERMARK if draft else ""),
            ("{board}", _css_string(board)),
            ("{mark}", _css_string(mark)),
            ("{footer}", _css_string(footer)),
        ):
            css = css.replace(key, value)
        return css

    def masthead(self, document: Document, heading: str) -> None:
        self.add(f"<h1>{self.t(document.board_name)}</h1>", f'<p class="meeting">{self.t(heading)}</p>')
        status = status_line(document)
        if status:
            self.add(f'<p class="status">{self.t(status)}</p>')

    def table(self, css_class: str, head: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
        """A data table with column headers; `rows` hold markup already escaped."""
        self.add(f'<table class="{css_class}">')
        self.add("<thead><tr>" + "".join(f'<th scope="col">{self.t(h)}</th>' for h in head) + "</tr></thead>")
        self.add("<tbody>")
        for row in rows:
            self.add("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>")
        self.add("</tbody>", "</table>")

    # -- minutes -------------------------------------------------------------------------------------
    def minutes(self, document: MinutesDocument) -> None:
        self.masthead(document, document.heading)
        for label, people, second in (
            ("Present:", document.present, "Organisation"),
            ("Apologies:", document.apologies, "Organisation"),
            ("In attendance:", document.in_attendance, "Organisation or role"),
        ):
            if people:
                self.add(f'<h2 class="section">{label}</h2>')
                self.table("attendance", ("Name", second), (_attendee(self, p) for p in people))
        if document.declarations:
            self.add(f'<h2 class="section">{DECLARATIONS_HEADING}</h2>')
            self.add(*(f'<p class="declaration">{self.t(d)}</p>' for d in document.declarations))
        for item in document.items:
            self.minutes_item(item)
        if document.approval is not None:
            self.add('<section class="approval">', f"<p>{self.t(document.approval.statement)}</p>")
            self.add('<p class="signature">Signed: ........................................................ Chair</p>')
            if document.approval.chair:
                self.add(f'<p class="chair">{self.t(document.approval.chair)}</p>')
            self.add("<p>Date: ..........................................</p>", "</section>")

    def minutes_item(self, item: MinutesItem) -> None:
        if item.exclusion:
            self.add(f'<p class="exclusion">{self.t(item.exclusion, multiline=True)}</p>')
        self.add(f'<section class="item" id="item-{escape(item.number, quote=True)}">')
        if item.exemption is not None and not item.withheld:
            self.add(f'<p class="banner">{EXEMPT_BANNER} – not for publication</p>')
        self.add(f'<h2 class="item-heading">{self.t(item.heading)}</h2>')
        if item.exemption is not None:
            self.add(f'<p class="exemption">{self.t(item.exemption.statement)}</p>')
        if not item.withheld:
            if item.urgency:
                self.add(f'<p class="record-note">{self.t(item.urgency)}</p>')
            if item.presenters:
                self.add(f'<p class="presenters">Presented by {self.t(item.presenters)}</p>')
            self.add(*(f'<p class="declaration">{self.t(d)}</p>' for d in item.declarations))
            self.notes(item.notes)
            if item.decisions:
                self.add('<h3 class="label">Resolved:</h3>')
                if len(item.decisions) > 1:
                    self.add('<ol class="resolutions">')
                    for index, decision in enumerate(item.decisions):
                        votes = "".join(f'<p class="vote">{self.t(v)}</p>' for v in item.votes_on(index))
                        self.add(f"<li>{self.t(decision, multiline=True)}{votes}</li>")
                    self.add("</ol>")
                else:
                    self.add(f'<p class="resolution">{self.t(item.decisions[0], multiline=True)}</p>')
                    self.add(*(f'<p class="vote">{self.t(v)}</p>' for v in item.votes_on(0)))
            if item.actions:
                self.add('<h3 class="label">Actions:</h3>', '<ul class="actions">')
                for action in item.actions:
                    line = self.t(action.text.rstrip().rstrip("."))
                    if action.owners:
                        line += f' – <strong class="owner">{self.t(action.owners)}</strong>'
                    if action.due_phrase:
                        line += f' <span class="due">({self.t(action.due_phrase)})</span>'
                    self.add(f"<li>{line}</li>")
                self.add("</ul>")
        self.add(*(f'<p class="record-note">{self.t(note)}</p>' for note in item.movements))
        self.add("</section>")

    def notes(self, blocks: tuple[NoteBlock, ...]) -> None:
        """Bullets become one <ul>, sub-bullets a <ul> inside the bullet before them."""
        depth = 0  # 0: not in a list; 1: in a <ul>; 2: in a nested <ul>
        for block in blocks:
            if block.kind is BlockKind.BULLET:
                if depth == 2:
                    self.add("</li></ul>")
                if depth >= 1:
                    self.add("</li>")
                else:
                    self.add("<ul>")
                self.add(f"<li>{self.t(block.text)}")
                depth = 1
            elif block.kind is BlockKind.SUB_BULLET:
                if depth == 0:  # a sub-bullet with no bullet before it
                    self.add("<ul>", '<li class="no-marker">')
                if depth < 2:
                    self.add("<ul>")
                else:
                    self.add("</li>")
                self.add(f"<li>{self.t(block.text)}")
                depth = 2
            else:
                self.close_lists(depth)
                depth = 0
                if block.kind is BlockKind.SUBHEADING:
                    self.add(f"<h3>{self.t(block.text)}</h3>")
                else:
                    self.add(f"<p>{self.t(block.text, multiline=True)}</p>")
        self.close_lists(depth)

    def close_lists(self, depth: int) -> None:
        if depth == 2:
            self.add("</li></ul>")
        if depth >= 1:
            self.add("</li></ul>")

    # -- agenda --------------------------------------------------------------------------------------
    def agenda(self, document: AgendaDocument) -> None:
        self.masthead(document, f"Agenda – {document.heading}")
        if document.membership:
            self.add('<h2 class="section">Membership</h2>')
            rows = ((self.t(m.name), self.t(m.role), self.t(m.organisation)) for m in document.membership)
            self.table("attendance", ("Name", "Role", "Organisation"), rows)
        for entry in document.items:
            self.agenda_item(entry)
        if document.closing_time:
            self.add(f'<p class="closing"><strong>Close: {self.t(document.closing_time)}</strong></p>')

    def agenda_item(self, entry: AgendaEntry) -> None:
        self.add(f'<section class="item" id="item-{escape(entry.number, quote=True)}">')
        if entry.exemption is not None and not entry.withheld:
            self.add(f'<p class="banner">{EXEMPT_BANNER} – not open to the press and public</p>')
        self.add(f'<h2 class="item-heading">{self.t(entry.heading)}</h2>')
        if entry.exemption is not None:
            self.add(f'<p class="exemption">{self.t(entry.exemption.statement)}</p>')
        if not entry.withheld:
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
                self.add(f'<p class="details">{self.t("  ·  ".join(details))}</p>')
            if entry.previous_minutes:
                self.add(f"<p>{self.t(entry.previous_minutes, multiline=True)}</p>")
            if entry.papers:
                self.add('<h3 class="label">Papers:</h3>', "<ul>")
                self.add(*(f"<li>{self.t(paper)}</li>" for paper in entry.papers))
                self.add("</ul>")
            if entry.plan_reviews:
                self.add('<h3 class="label">Plan actions for review:</h3>', "<ul>")
                self.add(*(f"<li>{self.t(line)}</li>" for line in entry.plan_reviews))
                self.add("</ul>")
            if entry.actions_due:
                self.add('<h3 class="label">Actions due:</h3>')
                rows = []
                for action in entry.actions_due:
                    status = self.t(action.status)
                    if action.overdue:
                        status = f'<span class="overdue">{status} – overdue</span>'
                    rows.append(
                        (self.t(action.text), self.t(action.owners), self.t(action.raised), self.t(action.due), status)
                    )
                self.table("actions", ("Action", "Owner(s)", "Raised", "Due", "Status"), rows)
        self.add("</section>")


def _attendee(html: _Html, person: Attendee) -> tuple[str, str]:
    name = f"{person.name} ({person.note})" if person.note else person.name
    return html.t(name), html.t(person.organisation)


class _TextReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:  # metadata and any attribute a reader or a search engine shows
            if name in ("content", "title", "alt", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def read_html_text(path: Path) -> str:
    """All text of an HTML file as a reader or a search engine gets it: title, meta content, body."""
    reader = _TextReader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return "\n".join(reader.parts)
