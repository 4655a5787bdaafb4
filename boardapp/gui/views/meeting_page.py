"""A meeting's minutes, read-only: header, attendance, items with notes, decisions and actions.

Live editing (issue 3) will replace this page with the meeting workspace; this one stays as
the printable-looking reading view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from boardapp.gui import style
from boardapp.gui.views.meeting_html import STYLESHEET, item_anchor, meeting_html
from boardapp.services.meetings import MeetingDetail

# The publication deadline's line (issue 15): a warning colour when it is near or missed.
NOTICE_COLOURS = {"ok": style.MUTED_TEXT, "near": "#8A5A00", "missed": style.OVERDUE_TEXT, "published": "#2E7D32"}


class MeetingPage(QWidget):
    export_requested = Signal(str)  # "minutes", "agenda" (issue 4: the export dialog) or "pack" (issue 15)

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
        self.deadline_label = QLabel(self)
        self.deadline_label.setObjectName("publicationDeadline")
        self.deadline_label.setWordWrap(True)
        keep = self.deadline_label.sizePolicy()  # hidden, it still holds the space: the buttons stay at the right
        keep.setRetainSizeWhenHidden(True)
        self.deadline_label.setSizePolicy(keep)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 4)
        bar.addWidget(self.deadline_label, 1)
        tips = {
            "agenda": "Save the agenda as a Word, PDF or web page, in full or public",
            "minutes": "Save the minutes as a Word, PDF or web page, in full or public",
            "pack": "The agenda and every paper as one PDF: full, public, Part II supplement or supplement",
        }
        for kind, label in (("agenda", "Export agenda…"), ("minutes", "Export minutes…"), ("pack", "Reports pack…")):
            button = QPushButton(label, self)
            button.setObjectName(f"export_{kind}")
            button.setToolTip(tips[kind])
            button.clicked.connect(lambda _checked=False, k=kind: self.export_requested.emit(k))
            bar.addWidget(button)
            self.export_buttons[kind] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.browser)

    def set_detail(self, detail: MeetingDetail, notice: tuple[str, str] | None = None) -> None:
        """Show a meeting; `notice` is its publication deadline line as (state, text), if it has one."""
        self.detail = detail
        state, text = notice or ("ok", "")
        self.deadline_label.setText(text)
        self.deadline_label.setStyleSheet(f"color: {NOTICE_COLOURS.get(state, style.MUTED_TEXT)};")
        self.deadline_label.setVisible(bool(text))
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

    def focus_minutes(self) -> None:
        """The keyboard goes to the minutes' text (after a search result was opened here)."""
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def _scroll_to_shown_item(self) -> None:
        if self.shown_item_id is not None:
            self.browser.scrollToAnchor(item_anchor(self.shown_item_id))

    def text(self) -> str:
        """What the page shows, as plain text (for tests and copy)."""
        return self.browser.toPlainText()
