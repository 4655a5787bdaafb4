"""Word (.docx) backend of the evidence pack, with the minutes' Word styles (`docx_backend`).

Title and Subtitle for the pack, an overview table of the recommendations and their phases,
the status key; then per recommendation (each from a new page) a Heading 1, its text, a table
of its three phases with how each was worked out; per plan action a Heading 2 (so Word's
navigation pane lists recommendation > plan action), its lead, due date and current status
shaded in the scale's colour, its evidence of impact, a table of its status history, its KPIs,
and each linked board action with the meeting and item where it was raised, the decisions
made there and its updates. Real Word styles and tables throughout, so it can be edited on.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from boardapp.exporting.backends.docx_backend import (  # the minutes' writer: styles, runs, fields, tables
    GREY,
    INK,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RED,
    TEXT_WIDTH,
    _cant_split,
    _column_widths,
    _remove,
    _repeat_header,
    _set_font,
    _Writer,
)
from boardapp.exporting.backends.text import Warnings, long_date
from boardapp.exporting.evidence_pack.document import (
    BoardActionEvidence,
    EvidencePackDocument,
    PlanActionEvidence,
    RecommendationEvidence,
)
from boardapp.exporting.plan_report.document import KPI_STATUS_COLOURS, PhaseMark, StatusMark

HEADER_FILL = "1F3864"
YES_FILL, YES_INK = "C6EFCE", RGBColor(0x00, 0x61, 0x00)
NO_FILL, NO_INK = "FFC7CE", RGBColor(0x9C, 0x00, 0x06)
INTRO = (
    "For each recommendation: the plan actions that address it, every status they have been given and when, "
    "and the board actions linked to them, with the meeting and agenda item where the board raised each, the "
    "decisions it made there and the updates reported since."
)


def render_evidence_pack_docx(document: EvidencePackDocument, path: Path, warnings: Warnings) -> None:
    word = docx.Document()
    writer = _PackWriter(word, warnings)
    writer.setup_pack(document)
    writer.pack(document)
    word.save(str(path))


def _rgb(colour: str) -> RGBColor:
    text = colour.lstrip("#")
    return RGBColor(int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))


def _shade(element: object, fill: str) -> None:
    """Background shading of a paragraph, run or cell property element (w:pPr / w:rPr / w:tcPr)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    element.append(shading)  # type: ignore[attr-defined]


class _PackWriter(_Writer):
    # -- page, styles, header and footer ----------------------------------------------------------
    def setup_pack(self, document: EvidencePackDocument) -> None:
        section = self.word.sections[0]
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN
        section.header_distance = section.footer_distance = Cm(1.2)
        self._styles()
        h3 = self.word.styles["Heading 3"]
        _set_font(h3, "Arial")
        _remove(h3.element.rPr, "w:color")
        h3.font.size, h3.font.bold, h3.font.color.rgb = Pt(10.5), True, INK
        h3.paragraph_format.space_before, h3.paragraph_format.space_after = Pt(8), Pt(3)
        h3.paragraph_format.keep_with_next = True
        self._set_language(document.info.language)
        props = self.word.core_properties
        props.title = self._safe(document.info.title)
        props.author = self._safe(document.info.author)
        props.subject = self._safe(document.info.subject)
        props.keywords = self._safe(document.info.keywords)
        props.language = document.info.language
        props.comments = "Exported by BoardApp"
        props.last_modified_by = "BoardApp"

        header = section.header.paragraphs[0]
        header.style = self.word.styles["Header"]
        self._run(header, self._safe(document.plan_name), size=8.5, color=GREY)
        if document.confidential:
            header.add_run("\t")
            self._run(header, "CONFIDENTIAL – contains exempt information", size=8.5, bold=True, color=RED)
        footer = section.footer.paragraphs[0]
        footer.style = self.word.styles["Footer"]
        self._run(footer, f"{document.title} – as at {long_date(document.as_of)}", size=8.5, color=GREY)
        footer.add_run("\t")
        self._run(footer, "Page ", size=8.5, color=GREY)
        self._field(footer, "PAGE")
        self._run(footer, " of ", size=8.5, color=GREY)
        self._field(footer, "NUMPAGES")

    # -- pieces -----------------------------------------------------------------------------------
    def status_run(self, paragraph: Paragraph, mark: StatusMark) -> Run:
        """The status label in its colour: a shaded run, as a RAG cell reads in the plan."""
        if not mark.rated:
            return self._run(paragraph, mark.label, italic=True, color=GREY)
        run = self._run(paragraph, f" {mark.label} ", bold=True, color=_rgb(mark.ink))
        _shade(run._r.get_or_add_rPr(), mark.fill)
        return run

    def table(self, titles: list[str], widths: list[int]) -> Table:
        table = self.word.add_table(rows=1, cols=len(titles))
        if "Table Grid" not in self._style_ids:  # looked up once: python-docx scans every style by name
            self._style_ids["Table Grid"] = self.word.styles["Table Grid"].style_id
        table._tbl.tblPr.style = self._style_ids["Table Grid"]
        _column_widths(table, tuple(widths))
        for cell, title, width in zip(table.rows[0].cells, titles, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, title, bold=True, size=9, color=RGBColor(0xFF, 0xFF, 0xFF))
            _shade(cell._tc.get_or_add_tcPr(), HEADER_FILL)
        _repeat_header(table)
        return table

    def row(
        self, table: Table, values: list[str], widths: list[int], fills: dict[int, str] | None = None
    ) -> list[_Cell]:
        row = table.add_row()
        _cant_split(row._tr)
        cells = row.cells
        for index, (cell, value, width) in enumerate(zip(cells, values, widths, strict=True)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            fill = (fills or {}).get(index)
            if fill:
                _shade(cell._tc.get_or_add_tcPr(), fill)
            if value:
                self._run(paragraph, self._safe(value), size=9)
        return cells

    def meta(self, parts: list[str]) -> Paragraph:
        return self.para("  ·  ".join(p for p in parts if p), color=GREY, size=9.5)

    # -- the pack ---------------------------------------------------------------------------------
    def pack(self, document: EvidencePackDocument) -> None:
        self.para(document.title, style="Title")
        self.para(document.plan_name, style="Subtitle").paragraph_format.space_after = Pt(4)
        for source in document.sources:
            self.para(source, color=GREY)
        self.meta([document.board_name, f"As at {long_date(document.as_of)}"])
        intro = self.para(INTRO, italic=True)
        intro.paragraph_format.space_before = Pt(10)
        if not document.recommendations:
            self.para("The plan addresses no recommendation yet.", italic=True, color=GREY)
            return
        if len(document.recommendations) > 1:
            self.heading("Recommendations at a glance", 1)
            self.overview(document)
        if document.scale:
            self.heading("Status key", 1)
            for mark in document.scale:
                paragraph = self.new_paragraph("Normal")
                paragraph.paragraph_format.space_after = Pt(2)
                self.status_run(paragraph, mark)
                self._run(paragraph, f"  {self._safe(mark.meaning)}", size=9.5)
        for rec in document.recommendations:
            self.recommendation(rec)

    def overview(self, document: EvidencePackDocument) -> None:
        widths = [Cm(1.0), TEXT_WIDTH - Cm(10.2), Cm(2.6), Cm(2.1), Cm(2.1), Cm(2.4)]
        titles = ["Ref", "Recommendation", "Plan actions", "Actions complete", "Evidence of impact", "Signed off"]
        table = self.table(titles, widths)
        for rec in document.recommendations:
            s = rec.summary
            fills = {3: _phase_fill(s.actions_complete), 4: _phase_fill(s.impact_evidenced)}
            if s.signed_off:
                fills[5] = YES_FILL
            values = [
                s.ref,
                s.text,
                ", ".join(s.plan_action_refs) or "none yet",
                s.actions_complete.label,
                s.impact_evidenced.label,
                s.signed_off or "Not yet",
            ]
            self.row(table, values, widths, {k: v for k, v in fills.items() if v})

    def recommendation(self, evidence: RecommendationEvidence) -> None:
        rec = evidence.summary
        breaker = self.new_paragraph("Normal")
        breaker.add_run().add_break(WD_BREAK.PAGE)
        breaker.paragraph_format.space_after = Pt(0)
        self.heading(rec.label, 1).paragraph_format.space_before = Pt(0)
        text = self.para(rec.text, bold=True)
        text.paragraph_format.left_indent = Cm(0.4)
        _shade(text._p.get_or_add_pPr(), "EEF2F8")
        self.meta(
            [rec.source, f"Key area: {rec.key_area}" if rec.key_area else "", f"Lead: {rec.lead}" if rec.lead else ""]
        )

        self.label("Progress")
        widths = [Cm(4.2), Cm(2.6), TEXT_WIDTH - Cm(6.8)]
        table = self.table(["Phase", "Status", "How it was worked out"], widths)
        for name, mark in (("Actions complete", rec.actions_complete), ("Evidence of impact", rec.impact_evidenced)):
            fill = _phase_fill(mark)
            self.row(table, [name, mark.label, mark.how], widths, {1: fill} if fill else None)
        signed = rec.signed_off or "Not yet"
        how = "Recorded by the board's clerk when the board agreed it." if rec.signed_off else "Not signed off yet."
        self.row(table, ["Signed off by the board", signed, how], widths, {1: YES_FILL} if rec.signed_off else None)

        count = len(evidence.plan_actions)
        board = evidence.board_action_count
        summary = (
            f"{count} plan action{'s' if count != 1 else ''} address{'es' if count == 1 else ''} this recommendation"
        )
        summary += f"; {board} board action{'s are' if board != 1 else ' is'} linked to them." if board else "."
        self.para(summary, color=GREY).paragraph_format.space_before = Pt(8)
        if not evidence.plan_actions:
            self.para("No plan action addresses this recommendation yet.", italic=True)
        for action in evidence.plan_actions:
            self.plan_action(action)

    def plan_action(self, action: PlanActionEvidence) -> None:
        self.heading(action.heading, 2)
        if "\n" in action.text:
            for line in action.text.splitlines()[1:]:
                if line.strip():
                    self.para(line.strip().removeprefix("- ").strip(), style="List Bullet")
        self.meta(
            [
                f"Plan: {action.plan_name}" if action.plan_name else "",
                action.area,
                f"Lead: {action.lead}" if action.lead else "",
                f"Due: {action.due_text}" if action.due_text else "",
            ]
        )
        status = self.new_paragraph("Normal")
        self._run(status, "Current status: ", bold=True)
        if action.progress is None:
            self._run(status, "not rated", italic=True, color=GREY)
        else:
            self.status_run(status, action.progress)
            if action.progress_since:
                self._run(status, f"  since {long_date(action.progress_since)}", color=GREY)
        if action.impact is not None:
            self._run(status, "     Impact: ", bold=True)
            self.status_run(status, action.impact)
        if action.evidence_of_impact:
            self.label("Evidence of impact")
            self.para(action.evidence_of_impact)

        self.label("Status history")
        if action.history:
            widths = [Cm(2.6), Cm(3.2), TEXT_WIDTH - Cm(11.0), Cm(2.6), Cm(2.6)]
            table = self.table(["Date", "Status", "Reason", "By", "Reported at"], widths)
            for event in action.history:
                cells = self.row(
                    table,
                    [
                        long_date(event.on),
                        "",
                        event.reason,
                        event.by,
                        f"{long_date(event.meeting_date)} meeting" if event.meeting_date else "",
                    ],
                    widths,
                    {1: event.status.fill} if event.status.rated else None,
                )
                paragraph = cells[1].paragraphs[0]
                label = event.change if event.scale == "Progress" else f"{event.scale}: {event.change}"
                self._run(paragraph, self._safe(label), size=9, bold=True, color=_rgb(event.status.ink))
        else:
            self.para("No status has been recorded for this action yet.", italic=True, color=GREY)

        if action.kpis:
            self.label("Performance indicators")
            widths = [Cm(1.4), TEXT_WIDTH - Cm(9.8), Cm(2.4), Cm(3.6), Cm(2.4)]
            table = self.table(["KPI", "Measure", "Target", "Latest", "Status"], widths)
            for kpi in action.kpis:
                latest = kpi.latest
                colour = KPI_STATUS_COLOURS.get(kpi.status)
                self.row(
                    table,
                    [
                        kpi.ref,
                        kpi.measure,
                        kpi.target_label,
                        f"{kpi.format(latest[1])} ({long_date(latest[0])})" if latest else "",
                        kpi.status,
                    ],
                    widths,
                    {4: colour} if colour else None,
                )

        self.label("Board decisions and actions")
        if not action.board_actions:
            self.para("No board action is linked to this plan action.", italic=True, color=GREY)
        for board_action in action.board_actions:
            self.board_action(board_action)

    def board_action(self, action: BoardActionEvidence) -> None:
        line = self.new_paragraph("Normal")
        line.paragraph_format.left_indent = Cm(0.4)
        line.paragraph_format.space_before = Pt(4)
        line.paragraph_format.space_after = Pt(1)
        line.paragraph_format.keep_with_next = True
        self._run(line, f"{self._safe(action.ref)}  ", bold=True, size=9.5, color=GREY)
        self._run(line, self._safe(action.text.rstrip().rstrip(".")))
        if action.owners:
            self._run(line, " – ")
            self._run(line, self._safe(action.owners), bold=True)
        if action.exempt:
            self._run(line, "  PART II – EXEMPT", bold=True, size=8.5, color=RED)
        status = f"Status: {action.status}"
        if action.closed_on:
            status += f" (closed at the meeting of {long_date(action.closed_on)})"
        details = self.meta(
            [
                f"Raised at {action.raised_at}",
                action.board_name,
                f"Due: {action.due}" if action.due and not action.closed_on else "",
                status,
            ]
        )
        details.paragraph_format.left_indent = Cm(0.4)
        details.paragraph_format.space_after = Pt(2)
        if action.link_note:
            note = self.para(f"Link: {action.link_note}", italic=True, color=GREY)
            note.paragraph_format.left_indent = Cm(0.4)
        if action.decisions:
            label = self.para(f"Resolved at that meeting ({action.item or 'the item'}):", bold=True)
            label.paragraph_format.left_indent = Cm(0.4)
            label.paragraph_format.space_after = Pt(1)
            label.paragraph_format.keep_with_next = True
            for decision in action.decisions:
                self.para(decision, style="List Bullet 2")
        if action.updates:
            label = self.para("Updates:", bold=True)
            label.paragraph_format.left_indent = Cm(0.4)
            label.paragraph_format.space_after = Pt(1)
            label.paragraph_format.keep_with_next = True
            for update in action.updates:
                paragraph = self.new_paragraph("List Bullet 2")
                when = long_date(update.on)
                if update.meeting_date:
                    when = f"{long_date(update.meeting_date)} meeting"
                self._run(paragraph, f"{when}: ", bold=True)
                self._run(paragraph, self._safe(update.note))


def _phase_fill(mark: PhaseMark) -> str:
    return {"Yes": YES_FILL, "No": NO_FILL}.get(mark.label, "")
