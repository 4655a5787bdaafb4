"""The meeting page's HTML: every user string escaped, notes' bullets rendered as lists."""

from __future__ import annotations

from boardapp.gui.views.meeting_html import meeting_html, notes_to_html
from boardapp.services.meetings import meeting_detail
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def test_user_text_is_escaped(store: Store, sample: Sample) -> None:
    with store.session() as session:
        html = meeting_html(meeting_detail(session, sample.meetings["august"]))
    assert "&lt;The Diamond Jubilee Room&gt; &amp; Annex" in html
    assert "<The Diamond" not in html
    assert "&lt;b&gt;newly qualified&lt;/b&gt;" in html
    assert "Staffing matter &lt;confidential&gt;" in html
    assert "To show the video &amp; report back" in html


def test_exempt_item_is_marked(store: Store, sample: Sample) -> None:
    with store.session() as session:
        html = meeting_html(meeting_detail(session, sample.meetings["august"]))
    assert "Part II – exempt information under paragraph 1 of Schedule 12A" in html
    assert "Information relating to an individual" in html


def test_notes_paragraphs_and_nested_bullets() -> None:
    html = notes_to_html("First para\nstill first\n\n- one\n  - one a\n- two\n\n· dot bullet\nAfter <x>")
    assert html.split("\n") == [
        "<p>First para<br>still first</p>",
        "<ul>",
        "<li>one</li>",
        "<ul>",
        "<li>one a</li>",
        "</ul>",
        "<li>two</li>",
        "</ul>",
        "<ul>",
        "<li>dot bullet</li>",
        "</ul>",
        "<p>After &lt;x&gt;</p>",
    ]


def test_deep_indentation_opens_one_level_at_a_time() -> None:
    html = notes_to_html("      - deep first")
    assert html.count("<ul>") == 1 and html.count("</ul>") == 1


def test_empty_meeting(store: Store, sample: Sample) -> None:
    with store.session() as session:
        html = meeting_html(meeting_detail(session, sample.meetings["october"]))
    assert "No agenda items yet" in html
    assert "No attendance recorded" in html
