"""The bar under the notes that offers to turn a "Resolved: …" or "Action: …" line into a decision or action.

Non-modal on purpose: the clerk is minuting live, so the offer waits under the notes and the next
key answers it (Enter takes it, any other key or Esc carries on typing), as do its two buttons.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from boardapp.gui.workspace import theme

QUESTIONS = {"decision": "Make this a decision?", "action": "Make this an action?"}


class MinuteLineOffer(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minuteLineOffer")
        self.setStyleSheet(f"QFrame#minuteLineOffer {{ {theme.DRAFT_BOX} }}")
        self.kind = ""
        self.block_number = -1
        self.text = ""
        self.label = QLabel(self)
        self.label.setObjectName("minuteLineQuestion")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.accept_button = QPushButton("Yes (Enter)", self)
        self.accept_button.setObjectName("acceptMinuteLine")
        self.accept_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the notes
        self.decline_button = QPushButton("Keep in the notes (Esc)", self)
        self.decline_button.setObjectName("declineMinuteLine")
        self.decline_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.decline_button)
        self.hide()

    def show_offer(self, kind: str, block_number: int, text: str) -> None:
        self.kind, self.block_number, self.text = kind, block_number, text
        shown = text.strip() if len(text.strip()) <= 90 else text.strip()[:89] + "…"
        self.label.setText(f"<b>{QUESTIONS[kind]}</b> “{escape(shown)}”")
        self.show()
