"""A meeting's minutes, read-only: header, attendance, items with notes, decisions and actions.

Live editing (issue 3) will replace this page with the meeting workspace; this one stays as
the printable-looking reading view.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from boardapp.gui.views.meeting_html import STYLESHEET, item_anchor, meeting_html
from boardapp.services.meetings import MeetingDetail


class MeetingPage(QWidget):
    export_requested = Signal(str)  # "minutes" or "agenda" (issue 4: the export dialog)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: MeetingDetail | None = None
        self.shown_item_id: int | None = None  # the item last scrolled to (a search result)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("meetingBrowser")
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(STYLESHEET)
        self.browser.document().setDocumentMargin(28)
        self.export_buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addStretch(1)
        for kind, label in (("agenda", "Export agenda…"), ("minutes", "Export minutes…")):
            button = QPushButton(label, self)
            button.setObjectName(f"export_{kind}")
            button.setToolTip(f"Save the {kind} as a Word or PDF file, in full or public")
            button.clicked.connect(lambda _checked=False, k=kind: self.export_requested.emit(k))
            bar.addWidget(button)
            self.export_buttons[kind] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.browser)

    def set_detail(self, detail: MeetingDetail) -> None:
        self.detail = detail
        self.shown_item_id = None
        self.browser.setHtml(meeting_html(detail))
        self.browser.verticalScrollBar().setValue(0)

    def show_item(self, agenda_item_id: int) -> bool:
        """Scroll to an agenda item's heading; False if the meeting shown has no such item."""
        if self.detail is None or not any(item.id == agenda_item_id for item in self.detail.items):
            return False
        self.shown_item_id = agenda_item_id
        self.browser.scrollToAnchor(item_anchor(agenda_item_id))
        QTimer.singleShot(0, self._scroll_to_shown_item)  # again once the page has its final width
        return True

    def _scroll_to_shown_item(self) -> None:
        if self.shown_item_id is not None:
            self.browser.scrollToAnchor(item_anchor(self.shown_item_id))

    def text(self) -> str:
        """What the page shows, as plain text (for tests and copy)."""
        return self.browser.toPlainText()
