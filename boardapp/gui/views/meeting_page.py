"""A meeting's minutes, read-only: header, attendance, items with notes, decisions and actions.

Live editing (issue 3) will replace this page with the meeting workspace; this one stays as
the printable-looking reading view.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from boardapp.gui.views.meeting_html import STYLESHEET, meeting_html
from boardapp.services.meetings import MeetingDetail


class MeetingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: MeetingDetail | None = None
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("meetingBrowser")
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(STYLESHEET)
        self.browser.document().setDocumentMargin(28)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)

    def set_detail(self, detail: MeetingDetail) -> None:
        self.detail = detail
        self.browser.setHtml(meeting_html(detail))
        self.browser.verticalScrollBar().setValue(0)

    def text(self) -> str:
        """What the page shows, as plain text (for tests and copy)."""
        return self.browser.toPlainText()
