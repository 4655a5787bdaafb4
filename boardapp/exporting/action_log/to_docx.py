"""The action log circulated to owners, as Word: A4 landscape, real Word styles (Title, Subtitle,
Heading 1 per owner so the navigation pane lists them, "Table Grid" tables with a repeated header
row), a page break before each owner, overdue actions in red, page numbers in the footer and the
core properties filled in.

Built on the agenda and minutes writer (`docx_backend._Writer`): its styles, fonts, language,
runs, fields, cell shading and the XML-safe cleaning of every string.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import _Cell

from boardapp.exporting.action_log.export import ActionLogDocument, LogEntry, OwnerSection
from boardapp.exporting.backends.docx_backend import GREY, RED, _cant_split, _column_widths, _repeat_header, _Writer
from boardapp.exporting.backends.text import Warnings, long_date

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.8)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
WIDTHS = (Cm(3.3), Cm(8.3), Cm(3.4), Cm(3.6), Cm(2.5))
HEADINGS = ("Ref", "Action", "Raised at", "Due", "Status", "Last update")
HEAD_FILL = "E7EEF6"
OVERDUE_FILL = "FCE4E4"


def render_docx(document: ActionLogDocument, path: Path, warnings: Warnings) -> None:
    word = docx.Document()
    writer = _LogWriter(word, warnings)
    writer.setup_log(document)
    writer.log(document)
    word.save(str(path))


class _LogWriter(_Writer):
    def setup_log(self, document: ActionLogDocument) -> None:
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        section.header_distance = section.footer_distance = Cm(1.0)
        self._styles()
        for name in ("Header", "Footer"):  # the writer's tab stops suit portrait pages
            tabs = self.word.styles[name].paragraph_format.tab_stops
            tabs.clear_all()
            tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        self._set_language(document.info.language)
        props = self.word.core_properties
        props.title = self._safe(document.info.title)
        props.author = self._safe(document.info.author)
        props.subject = self._safe(document.info.subject)
        props.keywords = self._safe(document.info.keywords)
        props.language = document.info.language
        props.category = "Action log"
        props.comments = "Exported by BoardApp"
        props.last_modified_by = "BoardApp"

        header = section.header.paragraphs[0]
        header.style = self.word.styles["Header"]
        self._run(header, self._safe(document.board_name), size=8.5, color=GREY)
        header.add_run("\t")
        as_at = f"{document.title} – circulated to owners, as at {long_date(document.as_of)}"
        self._run(header, as_at, size=8.5, color=GREY)
        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles["Footer"]
        self._run(footer, self._safe(document.scope), size=8.5, color=GREY)
        footer.add_run("\t")
        self._run(footer, "Page ", size=8.5, color=GREY)
        self._field(footer, "PAGE")
        self._run(footer, " of ", size=8.5, color=GREY)
        self._field(footer, "NUMPAGES")

    def log(self, document: ActionLogDocument) -> None:
        self.para(document.title, style="Title")
        self.para(document.subtitle, style="Subtitle")
        sections = document.sections()
        if not sections:
            self.para("No actions match this selection.", italic=True, color=GREY)
            return
        count = len(document.entries)
        self.para(
            f"{count} action{'s' if count != 1 else ''} for {len(sections)} owner{'s' if len(sections) != 1 else ''}; "
            f"{document.overdue} overdue. Each owner's actions follow on a page of their own."
        )
        self._contents(sections)
        for section in sections:
            self._section(document, section)

    def _contents(self, sections: tuple[OwnerSection, ...]) -> None:
        table = self.word.add_table(rows=1, cols=3)
        table.style = self.word.styles["Table Grid"]
        widths = (Cm(9.0), Cm(2.5), Cm(2.5))
        _column_widths(table, widths)
        for cell, text, width in zip(table.rows[0].cells, ("Owner", "Actions", "Overdue"), widths, strict=True):
            cell.width = width
            self._cell(cell, text, bold=True, fill=HEAD_FILL)
        _repeat_header(table)
        for section in sections:
            cells = table.add_row().cells
            values = (section.owner, str(len(section.entries)), str(section.overdue))
            for column, (cell, text, width) in enumerate(zip(cells, values, widths, strict=True)):
                cell.width = width
                late = column == 2 and section.overdue > 0
                self._cell(cell, text, bold=late, color=RED if late else None)

    def _section(self, document: ActionLogDocument, section: OwnerSection) -> None:
        heading = self.heading(section.owner, 1)
        heading.paragraph_format.page_break_before = True
        heading.paragraph_format.space_before = Pt(0)
        count = len(section.entries)
        line = self.para(f"{count} action{'s' if count != 1 else ''}", color=GREY)
        if section.overdue:
            self._run(line, " · ", color=GREY)
            self._run(line, f"{section.overdue} overdue", bold=True, color=RED)
        table = self.word.add_table(rows=1, cols=len(HEADINGS))
        table.style = self.word.styles["Table Grid"]
        widths = (*WIDTHS, TEXT_WIDTH - sum(WIDTHS, Cm(0)))
        _column_widths(table, widths)
        for cell, text, width in zip(table.rows[0].cells, HEADINGS, widths, strict=True):
            cell.width = width
            self._cell(cell, text, bold=True, fill=HEAD_FILL)
        _repeat_header(table)
        for entry in section.entries:
            row = table.add_row()
            _cant_split(row._tr)
            for column, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
                cell.width = width
                self._entry_cell(document, entry, column, cell)

    def _entry_cell(self, document: ActionLogDocument, entry: LogEntry, column: int, cell: _Cell) -> None:
        self._fill_entry_cell(document, entry, column, cell)
        paragraphs = cell.paragraphs
        paragraphs[0].paragraph_format.space_before = Pt(2)  # a little air: the rows are dense otherwise
        paragraphs[-1].paragraph_format.space_after = Pt(3)

    def _fill_entry_cell(self, document: ActionLogDocument, entry: LogEntry, column: int, cell: _Cell) -> None:
        fill = OVERDUE_FILL if entry.overdue else ""
        if column == 0:
            ref = entry.ref + (f"\n{entry.board}" if document.several_boards and entry.board else "")
            self._cell(cell, ref, fill=fill)
        elif column == 1:
            self._cell(cell, entry.text, fill=fill)
            owners = [owner for owner in entry.owners if owner]
            if len(owners) > 1:
                paragraph = cell.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                self._run(paragraph, self._safe("Owners: " + " / ".join(owners)), size=8, color=GREY)
        elif column == 2:
            self._cell(cell, entry.raised, fill=fill)
        elif column == 3:
            self._cell(cell, entry.due, fill=fill, bold=entry.overdue, color=RED if entry.overdue else None)
        elif column == 4:
            self._cell(cell, entry.status_label, fill=fill, color=RED if entry.overdue else None)
            if entry.overdue:
                paragraph = cell.add_paragraph()
                paragraph.paragraph_format.space_after = Pt(0)
                self._run(paragraph, "OVERDUE", bold=True, size=8.5, color=RED)
        else:
            update = ""
            if entry.last_update_on is not None:
                update = long_date(entry.last_update_on) + (f": {entry.last_update}" if entry.last_update else "")
            self._cell(cell, update, fill=fill)
