"""Word (.docx) backend: the document laid out with real Word styles, so a clerk can keep editing.

Title / Subtitle for the board and meeting, Heading 2 for "Present:" and the like, Heading 1 for
each numbered item (Word's navigation pane lists the items), "List Bullet" / "List Bullet 2" for
notes and actions, plain tables for attendance, a PAGE / NUMPAGES field in the footer, and the
core properties (title, author, subject, keywords, language) filled in.

Text reaching here has been cleaned by the builders; `_safe` strips anything XML cannot hold
once more, so a model built by other means cannot crash the writer either.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from boardapp.exporting.backends import word_styles as ws
from boardapp.exporting.backends.text import Warnings, clean_text, long_date, roman
from boardapp.exporting.backends.word_styles import default_template, define_styles
from boardapp.exporting.errors import ExportError
from boardapp.exporting.meetings.documents import (
    DECLARATIONS_HEADING,
    EXEMPT_BANNER,
    AgendaDocument,
    AgendaEntry,
    Attendee,
    BlockKind,
    Document,
    Member,
    MinutesDocument,
    MinutesItem,
    page_mark,
)

FONT = "Arial"
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xA0, 0x10, 0x10)
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21.0), Cm(29.7), Cm(2.5)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def render_docx(document: Document, path: Path, warnings: Warnings, template: Path | None = None) -> None:
    """Write the agenda or minutes in the styles of `template` (a .docx; default: BoardApp's own,
    resources/templates/boardapp-minutes.docx), so a secretariat's house template dresses the export."""
    word = open_template(template, warnings)
    writer = _Writer(word, warnings)
    writer.setup(document)
    if isinstance(document, MinutesDocument):
        writer.minutes(document)
    else:
        writer.agenda(document)
    word.save(str(path))


def open_template(template: Path | None, warnings: Warnings) -> WordDocument:
    """The template opened, its sample body text removed and every BoardApp style present (styles
    a house template lacks are added from BoardApp's definitions, with a warning)."""
    path = template or default_template()
    if path.suffix.lower() not in (".docx", ".docm"):
        raise TemplateUnusable(
            f"The Word template {path} cannot be used: give a Word document (.docx). A Word template (.dotx) "
            f"can be saved as .docx from Word (File ▸ Save As)."
        )
    if not path.is_file():
        raise TemplateUnusable(f"The Word template {path} does not exist (or is not a file).")
    try:
        word = docx.Document(str(path))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise TemplateUnusable(f"The Word template {path} could not be read as a Word document ({exc}).") from None
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    added = define_styles(word)
    if added and template is not None:
        warnings.add(
            f"The Word template {path.name} has no style named {', '.join(repr(a) for a in added)}; "
            f"BoardApp's own was used."
        )
    return word


class TemplateUnusable(ExportError):
    """The Word template given for an export cannot be opened."""


def read_docx_text(path: Path) -> str:
    """All text of a .docx as a reader (or a search engine) gets it: properties, headers, footers,
    body paragraphs and table cells, in order."""
    word = docx.Document(str(path))
    props = word.core_properties
    parts = [props.title or "", props.subject or "", props.keywords or ""]
    for section in word.sections:
        for part in (section.header, section.footer):
            parts += [Paragraph(p, part).text for p in part._element.iter(qn("w:p"))]
    parts += [Paragraph(p, word).text for p in word.element.body.iter(qn("w:p"))]
    return "\n".join(parts)


class _Writer:
    def __init__(self, word: WordDocument, warnings: Warnings) -> None:
        self.word = word
        self.warnings = warnings
        self._style_ids: dict[str, str] = {}

    def _safe(self, text: str) -> str:
        return clean_text(text, "Word export", self.warnings, multiline=True)

    # -- page, styles, header and footer ----------------------------------------------------------
    def setup(self, document: Document) -> None:
        """Properties, header and footer of an agenda or minutes; page size, margins and every style
        come from the template (see open_template)."""
        section = self.word.sections[-1]
        self._set_language(document.info.language)
        props = self.word.core_properties
        props.title = self._safe(document.info.title)
        props.author = self._safe(document.info.author)
        props.subject = self._safe(document.info.subject)
        props.keywords = self._safe(document.info.keywords)
        props.language = document.info.language
        props.comments = "Exported by BoardApp"
        props.last_modified_by = "BoardApp"

        mark = page_mark(document)
        header = _free_paragraph(section.header)
        header.style = self.word.styles["Header"]
        header.add_run(self._safe(document.board_name))
        if mark:
            header.add_run("\t")
            header.add_run(mark, style=ws.PAGE_MARK)

        footer = _free_paragraph(section.footer)
        footer.style = self.word.styles["Footer"]
        kind = "Minutes" if isinstance(document, MinutesDocument) else "Agenda"
        footer.add_run(f"{kind} – {long_date(document.meeting_date)}\tPage ")
        self._field(footer, "PAGE", formatted=False)
        footer.add_run(" of ")
        self._field(footer, "NUMPAGES", formatted=False)

    def _styles(self) -> None:
        styles = self.word.styles

        def style(
            name: str,
            size: float,
            *,
            bold: bool = False,
            before: float = 0,
            after: float = 6,
            italic: bool = False,
            color: RGBColor = INK,
        ) -> ParagraphStyle:
            s = styles[name]
            _set_font(s, FONT)
            s.font.size = Pt(size)
            s.font.bold = bold
            s.font.italic = italic
            s.font.color.rgb = color
            s.paragraph_format.space_before = Pt(before)
            s.paragraph_format.space_after = Pt(after)
            return s

        normal = style("Normal", 11, after=6)
        normal.paragraph_format.line_spacing = 1.1
        title = style("Title", 17, bold=True, after=4)
        _remove(title.element.pPr, "w:pBdr")
        subtitle = style("Subtitle", 11.5, after=14)
        for tag in ("w:spacing", "w:i", "w:iCs", "w:color"):
            _remove(subtitle.element.rPr, tag)
        for name in ("Heading 1", "Heading 2"):
            _remove(styles[name].element.rPr, "w:color")
        h1 = style("Heading 1", 12.5, bold=True, before=16, after=6)
        h1.paragraph_format.keep_with_next = True
        h2 = style("Heading 2", 11, bold=True, before=10, after=4)
        h2.paragraph_format.keep_with_next = True
        for name in ("List Bullet", "List Bullet 2"):
            _remove(style(name, 11, after=3).element.pPr, "w:contextualSpacing")
        for name in ("Header", "Footer"):
            tabs = style(name, 8.5, color=GREY, after=0).paragraph_format.tab_stops
            tabs.clear_all()  # the template's stops suit US Letter, not A4 with our margins
            tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    def _set_language(self, language: str) -> None:
        """Spell-check language of every style: docDefaults run properties get <w:lang>."""
        styles_el = self.word.styles.element
        defaults = styles_el.find(qn("w:docDefaults"))
        if defaults is None:
            return
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is None:
            return
        _remove(rpr, "w:lang")
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
        lang.set(qn("w:bidi"), "ar-SA")
        rpr.append(lang)

    # -- building blocks ---------------------------------------------------------------------------
    def _run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        size: float | None = None,
        color: RGBColor | None = None,
    ) -> Run:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
        return run

    def _field(self, paragraph: Paragraph, instruction: str, *, formatted: bool = True) -> None:
        """A PAGE / NUMPAGES field; `formatted`: small grey runs, else the paragraph style's look."""
        look: dict[str, Any] = {"size": 8.5, "color": GREY} if formatted else {}

        def char(kind: str) -> None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            self._run(paragraph, "", **look)._r.append(element)

        char("begin")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        self._run(paragraph, "", **look)._r.append(instr)
        char("separate")
        self._run(paragraph, "1", **look)
        char("end")

    def new_paragraph(self, style: str) -> Paragraph:
        """A paragraph in a named style; style ids are looked up once (python-docx's lookup by name
        scans every style of the template, which made a 10-item export take 0.4 s)."""
        paragraph = self.word.add_paragraph()
        if style != "Normal":
            if style not in self._style_ids:
                self._style_ids[style] = self.word.styles[style].style_id
            paragraph._p.style = self._style_ids[style]
        return paragraph

    def para(self, text: str = "", style: str = "Normal", **run_format: Any) -> Paragraph:
        paragraph = self.new_paragraph(style)
        if text:
            self._run(paragraph, self._safe(text), **run_format)
        return paragraph

    def label(self, text: str) -> Paragraph:
        paragraph = self.para(text, bold=True)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.space_after = Pt(3)
        return paragraph

    def text_width(self) -> int:
        section = self.word.sections[-1]
        width = (section.page_width or PAGE_WIDTH) - (section.left_margin or 0) - (section.right_margin or 0)
        return int(width) if width > Cm(4) else int(TEXT_WIDTH)

    def styled(self, text: str, style: str) -> Paragraph:
        """A paragraph in one of the template's named styles, no direct formatting."""
        paragraph = self.new_paragraph(style)
        if text:
            paragraph.add_run(self._safe(text))
        return paragraph

    def people_table(self, people: list[tuple[str, str]]) -> Table:
        table = self.word.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        total = self.text_width()
        widths = (Cm(8.0), total - Cm(8.0))
        _column_widths(table, widths)
        for name, organisation in people:
            cells = table.add_row().cells
            for cell, text, width in zip(cells, (name, organisation), widths, strict=True):
                cell.width = width
                self._styled_cell(cell, text, ws.TABLE_TEXT)
        return table

    def banner(self, text: str) -> None:
        self.styled(text, ws.EXEMPT_BANNER)

    def heading(self, text: str, level: int) -> Paragraph:
        paragraph = self.new_paragraph(f"Heading {level}")
        self._run(paragraph, self._safe(text))
        return paragraph

    # -- minutes -----------------------------------------------------------------------------------
    def minutes(self, document: MinutesDocument) -> None:
        self.styled(document.board_name, ws.BOARD_NAME)
        self.styled(document.heading, ws.MEETING_DETAILS)
        for label, people in (
            ("Present:", document.present),
            ("Apologies:", document.apologies),
            ("In attendance:", document.in_attendance),
        ):
            if people:
                self.styled(label, ws.SECTION_HEADING)
                self.people_table([_attendee(p) for p in people])
        if document.declarations:
            self.styled(DECLARATIONS_HEADING, ws.SECTION_HEADING)
            for sentence in document.declarations:
                self.styled(sentence, ws.DECLARATION)
        for item in document.items:
            self.minutes_item(item)
        if document.approval is not None:
            self.styled(document.approval.statement, ws.APPROVAL)
            self.styled("Signed: ........................................................   Chair", ws.SIGNATURE_LINE)
            if document.approval.chair:
                self.styled(document.approval.chair, ws.ITEM_DETAILS)
            self.styled("Date: ..........................................", ws.SIGNATURE_LINE)

    def minutes_item(self, item: MinutesItem) -> None:
        if item.exclusion:
            self.styled(item.exclusion, ws.EXCLUSION_RESOLUTION)
        if item.exemption is not None and not item.withheld:
            self.banner(f"{EXEMPT_BANNER} – not for publication")
        self.styled(item.heading, ws.ITEM_HEADING)
        if item.exemption is not None:
            self.styled(item.exemption.statement, ws.EXEMPTION_STATEMENT)
        if item.withheld:
            for note in item.movements:
                self.styled(note, ws.RECORD_NOTE)
            return
        if item.urgency:
            self.styled(item.urgency, ws.RECORD_NOTE)
        if item.presenters:
            self.styled(f"Presented by {item.presenters}", ws.ITEM_DETAILS)
        for sentence in item.declarations:
            self.styled(sentence, ws.DECLARATION)
        styles = {
            BlockKind.BULLET: ws.MINUTE_BULLET,
            BlockKind.SUB_BULLET: ws.MINUTE_BULLET_2,
            BlockKind.SUBHEADING: ws.ITEM_SUBHEADING,
            BlockKind.PARAGRAPH: ws.MINUTE_TEXT,
        }
        for block in item.notes:
            self.styled(block.text, styles[block.kind])
        if item.decisions:
            self.styled("Resolved:", ws.RESOLVED_LABEL)
            many = len(item.decisions) > 1
            for index, decision in enumerate(item.decisions, start=1):
                self.styled(f"({roman(index)}) {decision}" if many else decision, ws.RESOLUTION)
                for line in item.votes_on(index - 1):
                    self.styled(line, ws.VOTE)
        if item.actions:
            self.styled("Actions:", ws.ACTIONS_LABEL)
            for action in item.actions:
                paragraph = self.styled(action.text.rstrip().rstrip("."), ws.ACTION)
                if action.owners:
                    paragraph.add_run(" – ")
                    paragraph.add_run(self._safe(action.owners), style=ws.ACTION_OWNER)
                if action.due_phrase:
                    paragraph.add_run(f" ({self._safe(action.due_phrase)})", style=ws.ACTION_DUE)
        for note in item.movements:
            self.styled(note, ws.RECORD_NOTE)

    # -- agenda ------------------------------------------------------------------------------------
    def agenda(self, document: AgendaDocument) -> None:
        self.styled(document.board_name, ws.BOARD_NAME)
        self.styled(f"Agenda – {document.heading}", ws.MEETING_DETAILS)
        if document.membership:
            self.styled("Membership", ws.SECTION_HEADING)
            self.people_table([_member(m) for m in document.membership])
        self.styled("Business", ws.SECTION_HEADING)
        for entry in document.items:
            self.agenda_item(entry)
        if document.closing_time:
            self.styled(f"Close: {document.closing_time}", ws.CLOSING_TIME)

    def agenda_item(self, entry: AgendaEntry) -> None:
        if entry.exemption is not None and not entry.withheld:
            self.banner(f"{EXEMPT_BANNER} – not open to the press and public")
        self.styled(entry.heading, ws.ITEM_HEADING)
        if entry.exemption is not None:
            self.styled(entry.exemption.statement, ws.EXEMPTION_STATEMENT)
        if entry.withheld:
            return
        details = _agenda_details(entry)
        if details:
            self.styled(details, ws.ITEM_DETAILS)
        if entry.previous_minutes:
            self.styled(entry.previous_minutes, ws.MINUTE_TEXT)
        if entry.papers:
            self.styled("Papers:", ws.PAPERS_LABEL)
            for paper in entry.papers:
                self.styled(paper, ws.PAPER)
        if entry.plan_reviews:
            self.styled("Plan actions for review:", ws.PAPERS_LABEL)
            for line in entry.plan_reviews:
                self.styled(line, ws.PAPER)
        if entry.actions_due:
            self.styled("Actions due:", ws.ACTIONS_DUE_LABEL)
            table = self.word.add_table(rows=1, cols=5)
            table.style = self.word.styles["Table Grid"]
            fixed = (Cm(5.6), Cm(3.0), Cm(2.3), Cm(3.3))
            widths = (*fixed, max(self.text_width() - sum(fixed), Cm(1.5)))
            _column_widths(table, widths)
            head = ("Action", "Owner(s)", "Raised", "Due", "Status")
            for cell, text, width in zip(table.rows[0].cells, head, widths, strict=True):
                cell.width = width
                self._styled_cell(cell, text, ws.TABLE_HEADING, fill="E7E6E6")
            _repeat_header(table)
            for action in entry.actions_due:
                row = table.add_row()
                _cant_split(row._tr)
                values = (action.text, action.owners, action.raised, action.due, action.status)
                for column, (cell, text, width) in enumerate(zip(row.cells, values, widths, strict=True)):
                    cell.width = width
                    paragraph = self._styled_cell(cell, text, ws.TABLE_TEXT)
                    if column == 4 and action.overdue:
                        paragraph.runs[0].style = self.word.styles[ws.OVERDUE]
                        paragraph.add_run(" – overdue", style=ws.OVERDUE)

    def _styled_cell(self, cell: _Cell, text: str, style: str, *, fill: str = "") -> Paragraph:
        paragraph = cell.paragraphs[0]
        paragraph.style = self.word.styles[style]
        paragraph.add_run(self._safe(text))
        if fill:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), fill)
            cell._tc.get_or_add_tcPr().append(shading)
        return paragraph

    def _cell(
        self, cell: _Cell, text: str, *, bold: bool = False, fill: str = "", color: RGBColor | None = None
    ) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        self._run(paragraph, self._safe(text), bold=bold, size=9.5, color=color)
        if fill:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), fill)
            cell._tc.get_or_add_tcPr().append(shading)


def _free_paragraph(part: Any) -> Paragraph:  # a header or footer
    """The header's (footer's) first paragraph if empty, else a new one: a house template's logo stays."""
    first = part.paragraphs[0]
    if not first.runs and not first.text:
        return first
    return part.add_paragraph()


def _agenda_details(entry: AgendaEntry) -> str:
    parts = []
    if entry.start_time:
        parts.append(entry.start_time)
    if entry.minutes_allowed:
        parts.append(f"{entry.minutes_allowed} minutes")
    if entry.presenters:
        parts.append(f"Presented by {entry.presenters}")
    if entry.purpose:
        parts.append(entry.purpose)
    return "  ·  ".join(parts)


def _attendee(person: Attendee) -> tuple[str, str]:
    name = f"{person.name} ({person.note})" if person.note else person.name
    return name, person.organisation


def _member(member: Member) -> tuple[str, str]:
    return (f"{member.name} ({member.role})" if member.role else member.name), member.organisation


def _set_font(style: ParagraphStyle, name: str) -> None:
    """Set a style's font for every script, dropping theme fonts that would otherwise win."""
    style.font.name = name
    rfonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    if rfonts is None:
        return
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attribute), name)


def _remove(parent: Any, tag: str) -> None:  # an lxml element, or None
    if parent is None:
        return
    for child in parent.findall(qn(tag)):
        parent.remove(child)


def _column_widths(table: Table, widths: tuple) -> None:
    """Widths on the grid as well as the cells: LibreOffice reads the one, Word the other."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _cant_split(tr: Any) -> None:  # an lxml <w:tr>
    flag = OxmlElement("w:cantSplit")
    flag.set(qn("w:val"), "true")
    tr.get_or_add_trPr().append(flag)


def _repeat_header(table: Table) -> None:
    trpr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
