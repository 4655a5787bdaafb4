"""The action log circulated to owners, as Word: A4 landscape, a page break before each owner,
overdue actions in red, page numbers in the footer and the core properties filled in.

Issue 15: built on a Word template, like the minutes: BoardApp's reference template in resources/,
or the house template the caller resolved (`word_styles.board_template`: one board's log uses that
board's setting; the log of all boards BoardApp's own). Every kind of text has a named style the
clerk can restyle: Title and Subtitle, Heading 1 per owner (so the navigation pane lists them),
"Table Grid" tables with a repeated header row in Table Heading / Table Text, Log Note and Table
Note for the grey lines, and the Overdue character style. A house template lacking any of these
gets BoardApp's own, with a warning. The page (A4 landscape, narrow margins) is the log's own:
its six columns need it, whatever the template's page is.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from boardapp.exporting.action_log.export import ActionLogDocument, LogEntry, OwnerSection
from boardapp.exporting.backends import word_styles as ws
from boardapp.exporting.backends.docx_backend import (
    _cant_split,
    _column_widths,
    _free_paragraph,
    _repeat_header,
    _Writer,
    open_template,
)
from boardapp.exporting.backends.text import Warnings, long_date

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(29.7), Cm(21.0), Cm(1.8)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
WIDTHS = (Cm(3.3), Cm(8.3), Cm(3.4), Cm(3.6), Cm(2.5))
HEADINGS = ("Ref", "Action", "Raised at", "Due", "Status", "Last update")
HEAD_FILL = "E7EEF6"
OVERDUE_FILL = "FCE4E4"
USED_STYLES = ("Title", "Subtitle", "Heading 1", "Header", "Footer", ws.TABLE_GRID, ws.TABLE_HEADING, ws.TABLE_TEXT,
               ws.TABLE_NOTE, ws.LOG_NOTE, ws.OVERDUE)  # fmt: skip


def render_docx(document: ActionLogDocument, path: Path, warnings: Warnings, template: Path | None = None) -> None:
    """Write the log in the styles of `template` (None: BoardApp's reference template)."""
    word = open_template(template, Warnings())  # its warning names every minutes style: one of the log's below
    ws.define_word_styles(word)
    if template is not None:
        have = {style.name for style in docx.Document(str(template)).styles}  # readable: open_template read it
        lacking = [name for name in USED_STYLES if name not in have]
        if lacking:
            warnings.add(
                f"The Word template {template.name} has no style named {', '.join(repr(n) for n in lacking)}; "
                f"BoardApp's own was used."
            )
    writer = _LogWriter(word, warnings)
    writer.setup_log(document)
    writer.log(document)
    word.save(str(path))


class _LogWriter(_Writer):
    def setup_log(self, document: ActionLogDocument) -> None:
        section = self.word.sections[-1]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        section.header_distance = section.footer_distance = Cm(1.0)
        for name in ("Header", "Footer"):  # the template's tab stops suit a portrait page
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

        header = _free_paragraph(section.header)  # a house template's logo stays
        header.style = self.word.styles["Header"]
        as_at = f"{document.title} – circulated to owners, as at {long_date(document.as_of)}"
        header.add_run(f"{self._safe(document.board_name)}\t{as_at}")
        footer = _free_paragraph(section.footer)
        footer.style = self.word.styles["Footer"]
        footer.add_run(f"{self._safe(document.scope)}\tPage ")
        self._field(footer, "PAGE", formatted=False)
        footer.add_run(" of ")
        self._field(footer, "NUMPAGES", formatted=False)

    def log(self, document: ActionLogDocument) -> None:
        self.styled(document.title, "Title")
        self.styled(document.subtitle, "Subtitle")
        sections = document.sections()
        if not sections:
            self.styled("No actions match this selection.", ws.LOG_NOTE)
            return
        count = len(document.entries)
        self.styled(
            f"{count} action{'s' if count != 1 else ''} for {len(sections)} owner{'s' if len(sections) != 1 else ''}; "
            f"{document.overdue} overdue. Each owner's actions follow on a page of their own.",
            "Normal",
        )
        self._contents(sections)
        for section in sections:
            self._section(document, section)

    def _table(self, headings: tuple[str, ...], widths: tuple) -> Table:
        table = self.word.add_table(rows=1, cols=len(headings))
        table.style = self.word.styles[ws.TABLE_GRID]
        _column_widths(table, widths)
        for cell, text, width in zip(table.rows[0].cells, headings, widths, strict=True):
            cell.width = width
            self._styled_cell(cell, text, ws.TABLE_HEADING, fill=HEAD_FILL)
        _repeat_header(table)
        return table

    def _overdue(self, paragraph: Paragraph, text: str, *, bold: bool = False) -> Run:
        run = paragraph.add_run(self._safe(text), style=ws.OVERDUE)
        if bold:
            run.bold = True
        return run

    def _contents(self, sections: tuple[OwnerSection, ...]) -> None:
        widths = (Cm(9.0), Cm(2.5), Cm(2.5))
        table = self._table(("Owner", "Actions", "Overdue"), widths)
        for section in sections:
            cells = table.add_row().cells
            values = (section.owner, str(len(section.entries)), str(section.overdue))
            for column, (cell, text, width) in enumerate(zip(cells, values, widths, strict=True)):
                cell.width = width
                if column == 2 and section.overdue > 0:
                    self._overdue(self._styled_cell(cell, "", ws.TABLE_TEXT), text, bold=True)
                else:
                    self._styled_cell(cell, text, ws.TABLE_TEXT)

    def _section(self, document: ActionLogDocument, section: OwnerSection) -> None:
        heading = self.heading(section.owner, 1)
        heading.paragraph_format.page_break_before = True
        heading.paragraph_format.space_before = Pt(0)
        count = len(section.entries)
        line = self.styled(f"{count} action{'s' if count != 1 else ''}", ws.LOG_NOTE)
        if section.overdue:
            line.add_run(" · ")
            self._overdue(line, f"{section.overdue} overdue", bold=True)
        widths = (*WIDTHS, TEXT_WIDTH - sum(WIDTHS, Cm(0)))
        table = self._table(HEADINGS, widths)
        for entry in section.entries:
            row = table.add_row()
            _cant_split(row._tr)
            for column, (cell, width) in enumerate(zip(row.cells, widths, strict=True)):
                cell.width = width
                self._entry_cell(document, entry, column, cell)

    def _entry_cell(self, document: ActionLogDocument, entry: LogEntry, column: int, cell: _Cell) -> None:
        fill = OVERDUE_FILL if entry.overdue else ""
        late = entry.overdue
        if column == 0:
            ref = entry.ref + (f"\n{entry.board}" if document.several_boards and entry.board else "")
            self._styled_cell(cell, ref, ws.TABLE_TEXT, fill=fill)
        elif column == 1:
            self._styled_cell(cell, entry.text, ws.TABLE_TEXT, fill=fill)
            owners = [owner for owner in entry.owners if owner]
            if len(owners) > 1:
                self._note(cell).add_run(self._safe("Owners: " + " / ".join(owners)))
        elif column == 2:
            self._styled_cell(cell, entry.raised, ws.TABLE_TEXT, fill=fill)
        elif column == 3:
            if late:
                self._overdue(self._styled_cell(cell, "", ws.TABLE_TEXT, fill=fill), entry.due, bold=True)
            else:
                self._styled_cell(cell, entry.due, ws.TABLE_TEXT, fill=fill)
        elif column == 4:
            if late:
                self._overdue(self._styled_cell(cell, "", ws.TABLE_TEXT, fill=fill), entry.status_label)
                self._overdue(self._note(cell), "OVERDUE", bold=True)
            else:
                self._styled_cell(cell, entry.status_label, ws.TABLE_TEXT, fill=fill)
        else:
            update = ""
            if entry.last_update_on is not None:
                update = long_date(entry.last_update_on) + (f": {entry.last_update}" if entry.last_update else "")
            self._styled_cell(cell, update, ws.TABLE_TEXT, fill=fill)

    def _note(self, cell: _Cell) -> Paragraph:
        """A small grey line under a cell's text, in the Table Note style."""
        paragraph = cell.add_paragraph()
        paragraph.style = self.word.styles[ws.TABLE_NOTE]
        return paragraph
