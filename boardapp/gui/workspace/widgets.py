"""Small widgets the workspace panels share."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QFrame, QLabel, QLineEdit, QSizePolicy, QWidget

from boardapp.gui.workspace import theme


class CommandLine(QLineEdit):
    """A one-line input that acts on Enter (unless a completion popup is open) and cancels on Esc."""

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completers: list[QCompleter] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            open_popups = [p for c in self.completers if (p := c.popup()) is not None and p.isVisible()]
            if any(popup.currentIndex().isValid() for popup in open_popups):
                event.ignore()  # a suggestion is highlighted: the completer inserts it
                return
            for popup in open_popups:
                popup.hide()  # the name typed is complete as it is
            event.accept()
            self.submitted.emit(self.text())
            return
        popup_open = any((p := c.popup()) is not None and p.isVisible() for c in self.completers)
        if key == Qt.Key.Key_Escape and not popup_open:
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(theme.SECTION_TITLE)
    return label


def muted_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(theme.MUTED)
    return label


def banner(style_sheet: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(style_sheet)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    label.hide()
    return label


def rule(parent: QWidget | None = None) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Plain)
    line.setStyleSheet("color:#D8DDE3;")
    return line
