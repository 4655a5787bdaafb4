"""A meeting's minutes as HTML for QTextBrowser: quick to render, and every user string escaped.

Kept free of Qt so it can be tested as plain text. Only the subset of HTML/CSS that Qt's rich
text engine supports is used (tables for layout, no flexbox, no border-radius).
"""

from __future__ import annotations

import re
from html import escape

from boardapp.gui import style
from boardapp.gui.paper_names import paper_place
from boardapp.services.meetings import ActionLine, Attendee, ItemDetail, MeetingDetail

STYLESHEET = f"""
body {{ font-size: 10.5pt; }}
h1 {{ font-size: 17pt; font-weight: 600; color: {style.ACCENT}; margin-bottom: 2px; }}
h2 {{ font-size: 12.5pt; font-weight: 600; color: {style.ACCENT}; margin-top: 18px; margin-bottom: 4px; }}
h3 {{ font-size: 10.5pt; font-weight: 600; margin-top: 10px; margin-bottom: 2px; }}
p {{ margin-top: 3px; margin-bottom: 3px; }}
ul {{ margin-top: 2px; margin-bottom: 2px; }}
li {{ margin-bottom: 2px; }}
.meta {{ color: {style.MUTED_TEXT}; }}
.org {{ color: {style.MUTED_TEXT}; }}
.label {{ font-weight: 600; }}
.exempt {{ color: {style.OVERDUE_TEXT}; font-weight: 600; }}
.ref {{ color: {style.MUTED_TEXT}; font-size: 9pt; }}
"""

_BULLET = re.compile(r"^(?P<indent>[ \t]*)[-•·*‣◦▪]\s+(?P<text>.*)$")


def notes_to_html(notes: str) -> str:
    """Minute notes (see `Minute`): blank-line paragraphs; "- " bullets, indented ones nested."""
    html: list[str] = []
    depth = 0  # open <ul> levels
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            html.append(f"<p>{'<br>'.join(paragraph)}</p>")
            paragraph.clear()

    def set_depth(target: int) -> None:
        nonlocal depth
        while depth < target:
            html.append("<ul>")
            depth += 1
        while depth > target:
            html.append("</ul>")
            depth -= 1

    for line in notes.splitlines():
        if not line.strip():
            close_paragraph()
            set_depth(0)
            continue
        bullet = _BULLET.match(line)
        if bullet:
            close_paragraph()
            indent = len(bullet["indent"].expandtabs(2))
            set_depth(min(1 + indent // 2, depth + 1))
            html.append(f"<li>{escape(bullet['text'])}</li>")
        else:
            set_depth(0)
            paragraph.append(escape(line.strip()))
    close_paragraph()
    set_depth(0)
    return "\n".join(html)


def badge(text: str, colour: str) -> str:
    return (
        f'<span style="background-color:{colour}; color:{style.readable_text_on(colour)};">'
        f"&nbsp;{escape(text)}&nbsp;</span>"
    )


def _people(title: str, people: tuple[Attendee, ...], *, show_capacity: bool = False) -> str:
    if not people:
        return ""
    rows = []
    for person in people:
        detail = person.capacity if show_capacity and person.capacity else person.organisation
        if person.substitute_for:
            detail = (
                f"{detail} (substitute for {person.substitute_for})"
                if detail
                else (f"substitute for {person.substitute_for}")
            )
        if person.note:
            detail = f"{detail} – {person.note}" if detail else person.note
        rows.append(
            f'<tr><td style="padding-right:18px;">{escape(person.name)}</td><td class="org">{escape(detail)}</td></tr>'
        )
    return f"<h3>{escape(title)}</h3><table cellspacing=0 cellpadding=1>{''.join(rows)}</table>"


def _action(action: ActionLine) -> str:
    owners = f" – {escape(action.owners)}" if action.owner_names else ""
    due = f" <span class='meta'>(due: {escape(action.due_label)})</span>" if action.due_label else ""
    ref = f" <span class='ref'>[{escape(action.ref)} · {escape(action.status_label)}]</span>"
    return f"<li>{escape(action.text)}{owners}{due}{ref}</li>"


def item_anchor(item_id: int) -> str:
    """The anchor at an item's heading, for scrolling the page to it (a search result's place)."""
    return f"item-{item_id}"


def _item(item: ItemDetail) -> str:
    parts = [f"<h2><a name='{item_anchor(item.id)}'></a>{item.number}.&nbsp;&nbsp;{escape(item.title)}</h2>"]
    meta = []
    if item.presenters:
        meta.append("Presented by " + escape(", ".join(item.presenters)))
    if item.purpose_label:
        meta.append(escape(item.purpose_label))
    if item.minutes_allowed:
        meta.append(f"{item.minutes_allowed} minutes")
    if meta:
        parts.append(f"<p class='meta'>{' · '.join(meta)}</p>")
    if item.is_exempt:
        paragraph = f"paragraph {escape(item.exempt_paragraph)} of " if item.exempt_paragraph else ""
        reason = f" ({escape(item.exempt_reason)})" if item.exempt_reason else ""
        parts.append(
            f"<p class='exempt'>Part II – exempt information under {paragraph}Schedule 12A to the "
            f"Local Government Act 1972{reason}. Not for publication.</p>"
        )
    if item.papers:
        papers = "".join(
            f"<li>{escape(p.title)}"
            + (f" <span class='meta'>({escape(paper_place(p.location))})</span>" if p.location else "")
            + "</li>"
            for p in item.papers
        )
        parts.append(f"<p class='label'>Papers:</p><ul>{papers}</ul>")
    if item.notes.strip():
        parts.append(notes_to_html(item.notes))
    if item.decisions:
        parts.append("<p class='label'>Resolved:</p>")
        parts.extend(f"<p>{escape(text)}</p>" for text in item.decisions)
    if item.actions:
        parts.append("<p class='label'>Actions:</p><ul>" + "".join(_action(a) for a in item.actions) + "</ul>")
    if not (item.notes.strip() or item.decisions or item.actions):
        parts.append("<p class='meta'><i>No minute recorded for this item yet.</i></p>")
    return "\n".join(parts)


def meeting_html(detail: MeetingDetail) -> str:
    status_colour = style.MEETING_STATUS_COLOURS.get(detail.status.value, style.MUTED_TEXT)
    title = detail.title or detail.board_name
    header = [f"<h1>{escape(title)}</h1>"]
    if detail.title:
        header.append(f"<p class='meta'>{escape(detail.board_name)}</p>")
    line = escape(detail.when)
    if detail.venue:
        line += f"<br>{escape(detail.venue)}"
    header.append(f"<p>{line}</p>")
    header.append(f"<p>{badge(detail.status_label, status_colour)}</p>")
    if detail.cancelled_reason:
        header.append(f"<p class='meta'>Cancelled: {escape(detail.cancelled_reason)}</p>")
    attendance = detail.attendance
    people = "".join(
        (
            _people("Present", attendance.present),
            _people("Apologies", attendance.apologies),
            _people("Absent", attendance.absent),
            _people("In attendance", attendance.in_attendance, show_capacity=True),
        )
    )
    body = [*header, people or "<p class='meta'><i>No attendance recorded.</i></p>"]
    if detail.items:
        body.extend(_item(item) for item in detail.items)
    else:
        body.append("<h2>Agenda</h2><p class='meta'><i>No agenda items yet.</i></p>")
    if detail.other_actions:
        body.append("<h2>Other actions</h2><ul>" + "".join(_action(a) for a in detail.other_actions) + "</ul>")
    return "<html><body>" + "\n".join(body) + "</body></html>"
