"""PDF backend of the evidence pack (reportlab platypus), sharing the plan report's page
furniture, styles and status marks (`plan_report_pdf`).

A4 portrait. The pack's title, plan and sources; an overview table of the recommendations and
their phases; the status key; then per recommendation (each from a new page, bookmarked) its
text, its phases and how each was worked out, and per plan action (bookmarked under it) the
current status in its colour, the evidence of impact, the status history as a table, its KPIs
and the board actions linked to it with the meeting where each was raised, the decisions made
there and the updates since.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from boardapp.exporting.backends.pdf_backend import FONT, FONT_BOLD, GREY, RULE
from boardapp.exporting.backends.text import Warnings, long_date
from boardapp.exporting.evidence_pack.document import (
    BoardActionEvidence,
    EvidencePackDocument,
    PlanActionEvidence,
    RecommendationEvidence,
)
from boardapp.exporting.plan_report.document import KPI_STATUS_COLOURS, StatusMark
from boardapp.exporting.plan_report.to_pdf import (
    RED,
    YES_BG,
    Bookmarked,
    Para,
    Pieces,
    ReportDoc,
    grid_style,
    mark_background,
    phase_cell,
)

QUOTE_BG = colors.HexColor("#EEF2F8")
INTRO = (
    "For each recommendation: the plan actions that address it, every status they have been given and when, "
    "and the board actions linked to them, with the meeting and agenda item where the board raised each, the "
    "decisions it made there and the updates reported since."
)


def render_evidence_pack_pdf(document: EvidencePackDocument, path: Path, warnings: Warnings) -> None:
    pieces = Pieces(warnings)
    doc = ReportDoc(
        str(path),
        document.info,
        pagesize=A4,
        header_left=pieces.text.plain(document.plan_name, "header"),
        header_right=pieces.text.plain(document.board_name, "header"),
        footer_left=f"{document.title} – as at {long_date(document.as_of)}",
        mark="CONFIDENTIAL – contains exempt information" if document.confidential else "",
    )
    doc.build_story(_PackLayout(pieces, doc.text_width).story(document))


class _PackLayout:
    def __init__(self, pieces: Pieces, width: float) -> None:
        self.pieces = pieces
        self.s = pieces.s
        self.width = width

    def story(self, document: EvidencePackDocument) -> list[Flowable]:
        p = self.pieces
        story = p.masthead(document.title, document.plan_name, f"As at {long_date(document.as_of)}")
        for source in document.sources:
            story.append(p.p(source, "body", "source"))
        story.append(p.p(INTRO, "note", "introduction"))
        story.append(Spacer(1, 6))
        if not document.recommendations:
            story.append(p.p("The plan addresses no recommendation yet.", "note"))
            return story
        if len(document.recommendations) > 1:
            story += [
                Bookmarked("Recommendations at a glance", self.s["h2"], "overview", "Overview"),
                self.overview(document),
            ]
        if document.scale:
            story += self.status_key(document)
        for index, rec in enumerate(document.recommendations, start=1):
            story.append(PageBreak())
            story += self.recommendation(index, rec)
        return story

    def overview(self, document: EvidencePackDocument) -> Table:
        p = self.pieces
        small = [1.1 * cm, 2.8 * cm, 1.8 * cm, 1.8 * cm, 2.4 * cm]
        widths = [small[0], self.width - sum(small), *small[1:]]
        titles = ["Ref", "Recommendation", "Plan actions", "Actions complete", "Evidence of impact", "Signed off"]
        rows: list[list[Any]] = [p.head(titles)]
        style = grid_style()
        for index, evidence in enumerate(document.recommendations, start=1):
            rec = evidence.summary
            complete, complete_bg = phase_cell(p, rec.actions_complete.label)
            impact, impact_bg = phase_cell(p, rec.impact_evidenced.label)
            signed = p.p(rec.signed_off, "cell_bold", rec.label) if rec.signed_off else phase_cell(p, "Not yet")[0]
            rows.append(
                [
                    p.p(rec.ref, "cell_bold", rec.label),
                    p.p(rec.text, "cell", rec.label),
                    p.p(", ".join(rec.plan_action_refs) or "none yet", "cell_small", rec.label),
                    complete,
                    impact,
                    signed,
                ]
            )
            for column, bg in ((3, complete_bg), (4, impact_bg), (5, YES_BG if rec.signed_off else None)):
                if bg is not None:
                    style.append(("BACKGROUND", (column, index), (column, index), bg))
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        return table

    def status_key(self, document: EvidencePackDocument) -> list[Flowable]:
        p = self.pieces
        rows, style = [], [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]
        for index, mark in enumerate(document.scale):
            rows.append([p.chip(mark), p.p(mark.meaning, "cell", "status key")])
            background = mark_background(mark)
            if background is not None:
                style.append(("BACKGROUND", (0, index), (0, index), background))
        table = Table(rows, colWidths=[2.0 * cm, self.width - 2.0 * cm], hAlign="LEFT")
        table.setStyle(TableStyle(style))
        return [KeepTogether([p.p("Status key", "h2"), table])]

    # -- a recommendation ---------------------------------------------------------------------------
    def recommendation(self, index: int, evidence: RecommendationEvidence) -> list[Flowable]:
        p = self.pieces
        rec = evidence.summary
        where = rec.label
        story: list[Flowable] = [
            Bookmarked(p.text.markup(rec.label, where, FONT_BOLD), self.s["h1"], f"rec-{index}", rec.label),
        ]
        quote = Table([[p.p(rec.text, "body", where)]], colWidths=[self.width], hAlign="LEFT")
        quote.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), QUOTE_BG),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, colors.HexColor("#1F3864")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(quote)
        meta = "  ·  ".join(
            x
            for x in (
                rec.source,
                f"Key area: {rec.key_area}" if rec.key_area else "",
                f"Lead: {rec.lead}" if rec.lead else "",
            )
            if x
        )
        story += [Spacer(1, 4), p.p(meta, "note", where), p.p("Progress", "h2", where), self.phases(evidence)]
        count = len(evidence.plan_actions)
        board = evidence.board_action_count
        summary = (
            f"{count} plan action{'s' if count != 1 else ''} address{'es' if count == 1 else ''} this recommendation"
        )
        summary += f"; {board} board action{'s are' if board != 1 else ' is'} linked to them." if board else "."
        story += [Spacer(1, 6), p.p(summary, "note", where)]
        if not evidence.plan_actions:
            story.append(p.p("No plan action addresses this recommendation yet.", "note", where))
        for number, action in enumerate(evidence.plan_actions, start=1):
            story += self.plan_action(f"rec-{index}-{number}", action)
        return story

    def phases(self, evidence: RecommendationEvidence) -> Table:
        p = self.pieces
        rec = evidence.summary
        widths = [3.6 * cm, 2.4 * cm, self.width - 6.0 * cm]
        rows: list[list[Any]] = [p.head(["Phase", "Status", "How it was worked out"])]
        style = grid_style()
        for index, (name, mark) in enumerate(
            (("Actions complete", rec.actions_complete), ("Evidence of impact", rec.impact_evidenced)), start=1
        ):
            cell, background = phase_cell(p, mark.label)
            rows.append([p.p(name, "cell_bold"), cell, p.p(mark.how, "cell", rec.label)])
            if background is not None:
                style.append(("BACKGROUND", (1, index), (1, index), background))
        signed = p.p(rec.signed_off, "cell_bold", rec.label) if rec.signed_off else phase_cell(p, "Not yet")[0]
        how = "Recorded when the board agreed it." if rec.signed_off else "Not signed off yet."
        rows.append([p.p("Signed off by the board", "cell_bold"), signed, p.p(how, "cell")])
        if rec.signed_off:
            style.append(("BACKGROUND", (1, 3), (1, 3), YES_BG))
        table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        return table

    # -- a plan action --------------------------------------------------------------------------------
    def plan_action(self, key: str, action: PlanActionEvidence) -> list[Flowable]:
        p = self.pieces
        where = f"plan action {action.ref}"
        heading = p.text.markup(action.heading, where, FONT_BOLD)
        story: list[Flowable] = [Bookmarked(heading, self.s["h2"], key, _shorten(action.heading), level=1)]
        for line in action.text.splitlines()[1:]:
            if line.strip():
                story.append(p.p(line.strip().removeprefix("- ").strip(), "bullet", where, "•"))
        meta = [
            f"Plan: {action.plan_name}" if action.plan_name else "",
            action.area,
            f"Lead: {action.lead}" if action.lead else "",
            f"Due: {action.due_text}" if action.due_text else "",
        ]
        story.append(p.p("  ·  ".join(m for m in meta if m), "note", where))
        story.append(self.current(action))
        if action.evidence_of_impact:
            story += [p.p("Evidence of impact", "label", where), p.p(action.evidence_of_impact, "body", where)]
        story.append(p.p("Status history", "label", where))
        if action.history:
            story.append(self.history(action, where))
        else:
            story.append(p.p("No status has been recorded for this action yet.", "note", where))
        if action.kpis:
            story += [p.p("Performance indicators", "label", where), self.kpis(action, where)]
        story.append(p.p("Board decisions and actions", "label", where))
        if not action.board_actions:
            story.append(p.p("No board action is linked to this plan action.", "note", where))
        for board_action in action.board_actions:
            story.append(self.board_action(board_action))
        return story

    def current(self, action: PlanActionEvidence) -> Table:
        p = self.pieces
        cells: list[Any] = [Para("Current status:", self.s["cell_bold"])]
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        widths = [2.9 * cm, 2.2 * cm]
        mark = action.progress or StatusMark(code="", label="Not rated", colour="")
        cells.append(p.chip(mark))
        background = mark_background(mark)
        if background is not None:
            style += [("BACKGROUND", (1, 0), (1, 0), background), ("LEFTPADDING", (1, 0), (1, 0), 2)]
        since = f"since {long_date(action.progress_since)}" if action.progress_since else ""
        cells.append(p.p(since, "cell_small"))
        style.append(("LEFTPADDING", (2, 0), (2, 0), 6))
        widths.append(4.0 * cm)
        if action.impact is not None:
            cells += [Para("Impact:", self.s["cell_bold"]), p.chip(action.impact)]
            widths += [1.4 * cm, 2.2 * cm]
            impact_bg = mark_background(action.impact)
            if impact_bg is not None:
                style.append(("BACKGROUND", (4, 0), (4, 0), impact_bg))
        table = Table([cells], colWidths=widths, hAlign="LEFT")
        table.setStyle(TableStyle(style))
        return table

    def history(self, action: PlanActionEvidence, where: str) -> Table:
        p = self.pieces
        widths = [2.5 * cm, 2.8 * cm, 0.0, 2.4 * cm, 2.7 * cm]
        widths[2] = self.width - sum(widths)
        rows: list[list[Any]] = [p.head(["Date", "Status", "Reason", "By", "Reported at"])]
        style = grid_style()
        for index, event in enumerate(action.history, start=1):
            label = event.change if event.scale == "Progress" else f"{event.scale}: {event.change}"
            meeting = f"{long_date(event.meeting_date)} meeting" if event.meeting_date else ""
            rows.append(
                [
                    p.p(long_date(event.on), "cell", where),
                    p.chip(StatusMark(event.status.code, label, event.status.colour)),
                    p.p(event.reason, "cell", where),
                    p.p(event.by, "cell", where),
                    p.p(meeting, "cell", where),
                ]
            )
            background = mark_background(event.status)
            if background is not None:
                style.append(("BACKGROUND", (1, index), (1, index), background))
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        return table

    def kpis(self, action: PlanActionEvidence, where: str) -> Table:
        p = self.pieces
        widths = [1.3 * cm, 0.0, 2.2 * cm, 3.6 * cm, 2.2 * cm]
        widths[1] = self.width - sum(widths)
        rows: list[list[Any]] = [p.head(["KPI", "Measure", "Target", "Latest", "Status"])]
        style = grid_style()
        for index, kpi in enumerate(action.kpis, start=1):
            latest = kpi.latest
            colour = KPI_STATUS_COLOURS.get(kpi.status, "")
            rows.append(
                [
                    p.p(kpi.ref, "cell_bold", where),
                    p.p(kpi.measure, "cell", where),
                    p.p(kpi.target_label, "cell", where),
                    p.p(f"{kpi.format(latest[1])} ({long_date(latest[0])})" if latest else "", "cell", where),
                    p.chip(StatusMark(kpi.status, kpi.status, colour)),
                ]
            )
            if colour:
                style.append(("BACKGROUND", (4, index), (4, index), colors.HexColor(colour)))
        table = Table(rows, colWidths=widths, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle(style))
        return table

    def board_action(self, action: BoardActionEvidence) -> Flowable:
        p = self.pieces
        where = f"board action {action.ref}"
        text = p.text.markup(action.text.rstrip().rstrip("."), where)
        line = f'<font color="{GREY.hexval()}" name="{FONT_BOLD}">{p.text.markup(action.ref, where)}</font>  {text}'
        if action.owners:
            line += f" – <b>{p.text.markup(action.owners, where, FONT_BOLD)}</b>"
        if action.exempt:
            line += f'  <font color="{RED.hexval()}" name="{FONT_BOLD}" size="7.5">PART II – EXEMPT</font>'
        parts: list[Flowable] = [Para(line, self.s["body"])]
        status = f"Status: {action.status}"
        if action.closed_on:
            status += f" (closed at the meeting of {long_date(action.closed_on)})"
        meta = [
            f"Raised at {action.raised_at}",
            action.board_name,
            f"Due: {action.due}" if action.due and not action.closed_on else "",
            status,
        ]
        parts.append(p.p("  ·  ".join(m for m in meta if m), "cell_small", where))
        if action.link_note:
            parts.append(p.p(f"Link: {action.link_note}", "note", where))
        if action.decisions:
            label = f"Resolved at that meeting ({action.item or 'the item'}):"
            parts.append(p.p(label, "label", where))
            parts += [p.p(d, "bullet", where, "•") for d in action.decisions]
        if action.updates:
            parts.append(p.p("Updates:", "label", where))
            for update in action.updates:
                when = f"{long_date(update.meeting_date)} meeting" if update.meeting_date else long_date(update.on)
                body = f"<b>{p.text.markup(when, where, FONT_BOLD)}:</b> {p.text.markup(update.note, where)}"
                parts.append(Para(body, self.s["bullet"], bulletText="•"))
        box = Table([[parts]], colWidths=[self.width - 0.4 * cm], hAlign="RIGHT", splitInRow=1)
        box.setStyle(
            TableStyle(
                [
                    ("LINEBEFORE", (0, 0), (0, -1), 2, RED if action.exempt else RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return box


__all__ = ["FONT", "render_evidence_pack_pdf"]


def _shorten(title: str, limit: int = 120) -> str:
    """A bookmark title short enough for the viewer's pane, cut at a word."""
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
