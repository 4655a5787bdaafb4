"""The plan page's rich text: its title with the scale's legend, one entry in full, and what changed since a date."""

from __future__ import annotations

from html import escape

from boardapp.core.dates import long_date, short_date
from boardapp.core.enums import PlanDueKind
from boardapp.gui import style
from boardapp.gui.views.golden_thread import history_html
from boardapp.gui.views.meeting_html import badge
from boardapp.services.golden_thread import PlanItemThread
from boardapp.services.plan_status import ChangesSince
from boardapp.services.plans import PlanNode, PlanTree

__all__ = ["node_html", "since_html", "title_html"]


def title_html(tree: PlanTree) -> str:
    period = tree.period_text if tree.period_text not in tree.name else ""  # names often include it
    subtitle = " · ".join(escape(part) for part in (tree.board_name, period) if part)
    legend = " ".join(badge(level.label, level.colour) for level in tree.progress_scale)
    return (
        f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>{escape(tree.name)}</span>"
        f"<br><span style='color:{style.MUTED_TEXT};'>{subtitle}</span>"
        + (f"&nbsp;&nbsp;&nbsp;{legend}" if legend else "")
    )


def node_html(node: PlanNode, thread: PlanItemThread | None = None) -> str:
    """The whole of one plan entry, for the detail pane: its facts, texts and golden thread."""
    heading = f"{escape(node.ref)}&nbsp;&nbsp;" if node.ref else ""
    text_lines = [line for line in node.text.splitlines() if line.strip()]
    title = escape(text_lines[0]) if text_lines else ""
    parts = [f"<p class='meta'>{escape(node.kind_label)}</p><h3>{heading}{title}</h3>"]
    rest = text_lines[1:]
    if rest:
        parts.append("<ul>" + "".join(f"<li>{escape(line.lstrip('-•▪ ').strip())}</li>" for line in rest) + "</ul>")
    facts = []
    if node.lead_label:
        facts.append(("Lead", escape(node.lead_label)))
    if node.due_text or node.due_date:
        due = escape(node.due_text)
        if node.due_date and node.due_text:
            due += f" <span class='meta'>(read as {long_date(node.due_date)})</span>"
        if node.due_note:
            note_class = "exempt" if node.due_kind is PlanDueKind.INVALID else "meta"
            due += f" <span class='{note_class}'>({escape(node.due_note)})</span>"
        facts.append(("Due", due))
    if node.progress:
        meaning = f" – {escape(node.progress.meaning)}" if node.progress.meaning else ""
        facts.append(("Status", badge(node.progress.label, node.progress.colour) + meaning))
    if node.impact:
        facts.append(("Impact", badge(node.impact.label, node.impact.colour)))
    if node.recommendation_refs and not (thread and thread.recommendations):
        facts.append(("Recommendations", escape(", ".join(node.recommendation_refs))))
    if node.board_action_count and not (thread and thread.board_actions):
        facts.append(("Board actions", str(node.board_action_count)))
    if node.oversight_group:
        facts.append(("Overseen by", escape(node.oversight_group)))
    if node.kpi_refs_text:
        facts.append(("KPI refs", escape(node.kpi_refs_text)))
    if facts:
        rows = "".join(
            f"<tr><td class='label' style='padding-right:14px;'>{name}</td><td>{value}</td></tr>"
            for name, value in facts
        )
        parts.append(f"<table cellspacing=0 cellpadding=2>{rows}</table>")
    if node.description.strip():
        parts.append(f"<p>{escape(node.description).replace(chr(10), '<br>')}</p>")
    for title_text, text in (
        ("Outcomes / measures of success", node.outcomes),
        ("Evidence of impact", node.evidence_of_impact),
    ):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            parts.append(
                f"<p class='label'>{title_text}</p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"
            )
    if thread is not None:
        if thread.recommendations:
            parts.append("<p class='label'>Addresses</p><ul>")
            parts.extend(
                f"<li><a href='boardapp:rec/{rec.id}'>{escape(rec.label)}</a>: {escape(rec.text)}</li>"
                for rec in thread.recommendations
            )
            parts.append("</ul>")
        if thread.board_actions:
            parts.append("<p class='label'>Board actions</p><ul>")
            for action in thread.board_actions:
                owners = f" – {escape(' / '.join(action.owners))}" if action.owners else ""
                parts.append(
                    f"<li><a href='boardapp:action/{action.id}'>{escape(action.ref)}</a> {escape(action.text)}{owners}"
                    f" <span class='meta'>[{escape(action.status_label)}; "
                    f"raised {escape(action.raised_at)}]</span></li>"
                )
            parts.append("</ul>")
        if thread.history:
            parts.append("<p class='label'>Latest status</p>" + history_html(thread.history, limit=3))
    return "".join(parts)


def since_html(result: ChangesSince) -> str:
    if result.since_meeting is not None:
        heading = f"Since the last meeting ({result.since_meeting.label})"
    else:
        heading = f"Since {long_date(result.since)}"
    parts = [f"<h3>{escape(heading)}</h3>"]
    if result.is_empty:
        parts.append("<p class='meta'>No status changed and no linked board action was raised or updated.</p>")
        return "".join(parts)
    if result.status_changes:
        parts.append(f"<p class='label'>Status changes ({len(result.status_changes)})</p><ul>")
        for entry in result.status_changes:
            change = entry.change
            was = f"{escape(change.previous.label)} → " if change.previous else ""
            reason = f": {escape(change.reason)}" if change.reason else ""
            who = f" – {escape(change.changed_by)}" if change.changed_by else ""
            at = f" <span class='meta'>(for the {escape(change.meeting_label)})</span>" if change.meeting_label else ""
            label = f"{escape(entry.item_ref)} {escape(entry.item_text)}".strip()
            parts.append(
                f"<li><a href='boardapp:item/{change.plan_item_id}'>{label}</a>: {was}"
                f"{badge(change.level.label, change.level.colour)} on {short_date(change.changed_on)}"
                f"{who}{reason}{at}</li>"
            )
        parts.append("</ul>")
    if result.board_actions:
        parts.append(f"<p class='label'>Board actions linked to the plan ({len(result.board_actions)})</p><ul>")
        for action in result.board_actions:
            plan_items = "; ".join(action.plan_items)
            where = f", {escape(action.raised_item)}" if action.raised_item else ""
            parts.append(
                f"<li><a href='boardapp:action/{action.action_id}'>{escape(action.ref)}</a> {escape(action.text)} "
                f"<span class='meta'>[{escape(action.what)}{where}]</span><br>"
                f"<span class='meta'>serves: {escape(plan_items)}</span></li>"
            )
        parts.append("</ul>")
    return "".join(parts)
