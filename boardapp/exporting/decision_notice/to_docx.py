"""The decision notice in Word: the minutes' template and named styles, so a house template dresses it too."""

from __future__ import annotations

from pathlib import Path

from boardapp.exporting.backends import word_styles as ws
from boardapp.exporting.backends.docx_backend import open_template
from boardapp.exporting.backends.text import Warnings, clean_text
from boardapp.exporting.decision_notice.document import TITLE, DecisionNotice
from boardapp.exporting.meetings.documents import EXEMPT_BANNER


def render_notice_docx(notice: DecisionNotice, path: Path, warnings: Warnings, template: Path | None = None) -> None:
    word = open_template(template, warnings)  # None: BoardApp's reference template
    props = word.core_properties
    props.title, props.author = notice.info.title, notice.info.author
    props.subject, props.keywords = notice.info.subject, notice.info.keywords
    props.language = notice.info.language

    def para(text: str, style: str) -> None:
        word.add_paragraph(clean_text(text, "Word export", warnings, multiline=True), style=style)

    if notice.confidential:
        para(f"{EXEMPT_BANNER} – not for publication", ws.EXEMPT_BANNER)
    para(notice.board_name, ws.BOARD_NAME)
    para(f"{TITLE} – {notice.meeting}", ws.MEETING_DETAILS)
    para(notice.minute, ws.ITEM_HEADING)
    para("Decision", ws.SECTION_HEADING)
    para(notice.decision, ws.RESOLUTION)
    for line in notice.votes:
        para(line, ws.VOTE)
    for section in notice.sections:
        para(section.heading, ws.SECTION_HEADING)
        for text in section.paragraphs:
            para(text, ws.DECLARATION if section.heading.startswith("Conflicts") else ws.MINUTE_TEXT)
    para("When the decision takes effect", ws.SECTION_HEADING)
    para(notice.takes_effect, ws.MINUTE_TEXT)
    word.save(str(path))
