"""What the right-hand side shows when no meeting, plan or log is chosen: where to start."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from boardapp.gui import style


class WelcomePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("welcomeText")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(self.label)
        self.show_message("Welcome to BoardApp", "Choose a meeting, a plan or an action log on the left.")

    def show_message(self, title: str, text: str) -> None:
        """A heading and a line of guidance; both are escaped, as they may carry board names."""
        self.label.setText(
            f"<p style='font-size:16pt; font-weight:600; color:{style.ACCENT};'>{escape(title)}</p>"
            f"<p style='color:{style.MUTED_TEXT};'>{escape(text).replace(chr(10), '<br>')}</p>"
        )
