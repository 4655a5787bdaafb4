"""The golden thread as HTML for a QTextBrowser: recommendation → plan actions → status history → board actions.

Pure functions over the golden-thread service's plain data (every user string escaped), and the
`boardapp:` links inside a thread that `GoldenThreadView` follows. Split from `golden_thread`,
which re-exports these names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from html import escape

from PySide6.QtCore import QUrl

from boardapp.core.dates import short_date
from boardapp.gui import style
from boardapp.gui.views.meeting_html import STYLESHEET, badge
from boardapp.services.golden_thread import (
    ActionThread,
    BoardActionBrief,
    PlanItemThread,
    RecommendationBrief,
    RecommendationThread,
)
from boardapp.services.plan_status import StatusChangeRow
from boardapp.services.recommendations import PlanActionBrief, RecommendationRow

__all__ = [
    "SCHEME",
    "THREAD_STYLESHEET",
    "ThreadKind",
    "ThreadTarget",
    "action_detail",
    "action_line",
    "action_thread_html",
    "history_html",
    "item_detail",
    "item_label",
    "item_thread_html",
    "level_badge",
    "link",
    "parse_link",
    "phases_html",
    "recommendation_line",
    "recommendation_thread_html",
]

SCHEME = "boardapp"
THREAD_STYLESHEET = (
    STYLESHEET
    + f"a {{ color: {style.ACCENT}; text-decoration: none; }}\n"
    + ".item { font-weight: 600; font-size: 11pt; margin-top: 14px; border-top: 1px solid #D0D7DE; }\n"
)


class ThreadKind(Enum):
    RECOMMENDATION = "rec"
    ITEM = "item"
    ACTION = "action"


@dataclass(frozen=True)
class ThreadTarget:
    kind: ThreadKind
    id: int


def link(kind: ThreadKind, target_id: int, text: str) -> str:
    return f"<a href='{SCHEME}:{kind.value}/{target_id}'>{text}</a>"


def parse_link(url: QUrl | str) -> ThreadTarget | None:
    text = url.toString() if isinstance(url, QUrl) else url
    if not text.startswith(f"{SCHEME}:"):
        return None
    kind, _, number = text[len(SCHEME) + 1 :].partition("/")
    try:
        return ThreadTarget(ThreadKind(kind), int(number))
    except ValueError:
        return None


def level_badge(brief: PlanActionBrief) -> str:
    parts = []
    if brief.progress:
        parts.append(badge(brief.progress.label, brief.progress.colour))
    else:
        parts.append("<span class='meta'>not rated</span>")
    if brief.impact:
        parts.append("impact " + badge(brief.impact.label, brief.impact.colour))
    return " ".join(parts)


def item_label(brief: PlanActionBrief) -> str:
    ref = f"<b>{escape(brief.ref)}</b> " if brief.ref else ""
    return ref + escape(brief.text)


def history_html(history: Sequence[StatusChangeRow], limit: int | None = None) -> str:
    if not history:
        return "<p class='meta'>No status recorded yet.</p>"
    rows = []
    for change in history[:limit] if limit else history:
        facts = [short_date(change.changed_on)]
        if change.scale_label != "Progress":
            facts.append(change.scale_label.lower())
        label = badge(change.level.label, change.level.colour)
        was = f"<span class='meta'>was {escape(change.previous.label)}</span> " if change.previous else ""
        who = f" – {escape(change.changed_by)}" if change.changed_by else ""
        reason = f"<br><span>{escape(change.reason)}</span>" if change.reason else ""
        at = (
            f" <span class='meta'>(reported to the {escape(change.meeting_label)})</span>"
            if change.meeting_label
            else ""
        )
        rows.append(f"<li>{' · '.join(facts)}: {was}{label}{who}{at}{reason}</li>")
    more = len(history) - limit if limit and len(history) > limit else 0
    tail = f"<li class='meta'>and {more} earlier</li>" if more else ""
    return f"<ul>{''.join(rows)}{tail}</ul>"


def action_line(action: BoardActionBrief) -> str:
    owners = f" – {escape(' / '.join(action.owners))}" if action.owners else ""
    note = f"<br><span class='meta'>Link note: {escape(action.link_note)}</span>" if action.link_note else ""
    return (
        f"<li>{link(ThreadKind.ACTION, action.id, escape(action.ref))} {escape(action.text)}{owners} "
        f"<span class='meta'>[{escape(action.status_label)}]</span><br>"
        f"<span class='meta'>Raised at the {escape(action.board_name)}: {escape(action.raised_at)}</span>{note}</li>"
    )


def recommendation_line(rec: RecommendationBrief) -> str:
    return (
        f"<li>{link(ThreadKind.RECOMMENDATION, rec.id, escape(rec.label))}: {escape(rec.text)} "
        f"<span class='meta'>({escape(rec.source_title)})</span></li>"
    )


def item_thread_html(item: PlanItemThread, *, heading: str = "item", with_recommendations: bool = True) -> str:
    """One plan action's part of the thread; `heading` is the class of its title ("item", or "h2" alone)."""
    brief = item.item
    title = link(ThreadKind.ITEM, brief.id, item_label(brief))
    parts = [
        f"<h2>{title}</h2>" if heading == "h2" else f"<p class='item'>{title}</p>",
        f"<p>{level_badge(brief)} <span class='meta'>· {escape(brief.plan_name)}</span></p>",
    ]
    if brief.evidence_of_impact.strip():
        parts.append(f"<p><span class='label'>Evidence of impact:</span> {escape(brief.evidence_of_impact)}</p>")
    if with_recommendations and item.recommendations:
        parts.append("<p class='label'>Addresses</p><ul>")
        parts.extend(recommendation_line(rec) for rec in item.recommendations)
        parts.append("</ul>")
    parts.append("<p class='label'>Status history</p>" + history_html(item.history))
    if item.board_actions:
        parts.append("<p class='label'>Board actions</p><ul>")
        parts.extend(action_line(action) for action in item.board_actions)
        parts.append("</ul>")
    else:
        parts.append("<p class='meta'>No board action is linked to it yet.</p>")
    return "".join(parts)


def phases_html(row: RecommendationRow) -> str:
    def phase(name: str, done: bool, how: str) -> str:
        mark = "✔" if done else "✘"
        colour = "#2E7D32" if done else style.MUTED_TEXT
        return f"<span style='color:{colour};'>{mark} {name}</span> <span class='meta'>({escape(how)})</span>"

    complete = row.actions_complete
    impact = row.impact_evidenced
    return "<br>".join(
        [
            phase("Actions complete", complete.value, "set by hand" if complete.is_set_by_hand else "derived"),
            phase("Evidence of impact", impact.value, "set by hand" if impact.is_set_by_hand else "derived"),
            phase("Signed off by the board", row.signed_off, row.signed_off_label or "not yet"),
        ]
    )


def recommendation_thread_html(result: RecommendationThread) -> str:
    row = result.recommendation
    lead = f"<p><span class='label'>Lead:</span> {escape(row.lead)}</p>" if row.lead else ""
    area = f"<p><span class='label'>Key area:</span> {escape(row.key_area)}</p>" if row.key_area else ""
    parts = [
        f"<p class='meta'>{escape(row.source_title)}</p>",
        f"<h2>{escape(row.label)}</h2><p>{escape(row.text)}</p>",
        area,
        lead,
        f"<p>{phases_html(row)}</p>",
    ]
    count = len(result.items)
    if not count:
        parts.append("<p class='meta'>No plan action addresses this recommendation yet.</p>")
    else:
        noun = "plan action addresses" if count == 1 else "plan actions address"
        board = result.board_action_count
        parts.append(f"<p class='meta'>{count} {noun} it; {board} board action{'s' if board != 1 else ''} linked.</p>")
    parts.extend(item_thread_html(item, with_recommendations=False) for item in result.items)
    return "".join(parts)


def action_thread_html(result: ActionThread) -> str:
    action = result.action
    owners = f" – {escape(' / '.join(action.owners))}" if action.owners else ""
    parts = [
        f"<p class='meta'>Board action {escape(action.ref)} · {escape(action.board_name)}</p>",
        f"<h2>{escape(action.text)}{owners}</h2>",
        f"<p><span class='label'>Status:</span> {escape(action.status_label)} · "
        f"<span class='label'>Raised:</span> {escape(action.raised_at)}</p>",
    ]
    recs = result.recommendations
    if recs:
        parts.append("<p class='label'>Serves the recommendations</p><ul>")
        parts.extend(recommendation_line(rec) for rec in recs)
        parts.append("</ul>")
    if not result.items:
        parts.append("<p class='meta'>Not linked to any plan action yet.</p>")
    else:
        parts.append("<p class='label'>Serves the plan actions</p>")
        parts.extend(item_thread_html(item) for item in result.items)
    return "".join(parts)


def item_detail(brief: PlanActionBrief) -> str:
    status = brief.progress.label if brief.progress else "not rated"
    return f"{brief.plan_name} · {status}"


def action_detail(action: BoardActionBrief) -> str:
    return f"{action.status_label} · raised {action.raised_at}"
