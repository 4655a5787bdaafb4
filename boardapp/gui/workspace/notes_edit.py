"""The minute notes editor: plain text with the bullets minutes use, typed without a toolbar.

The stored form (see `Minute`): paragraphs separated by blank lines, "- " a bullet, "  - " a bullet
under it. Here Tab makes a line a bullet (or a sub-bullet), Shift+Tab undoes that one level, and
Enter on a bullet starts the next one; Enter on an empty bullet ends the list, as in Word. Each of
these is one step of the editor's own undo stack, which saving never touches.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

PREFIXES = ("", "- ", "  - ")
MAX_LEVEL = len(PREFIXES) - 1
_CHANGING_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Tab,
                  Qt.Key.Key_Backtab}  # fmt: skip
_CHANGING_SEQUENCES = (QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Undo,
                       QKeySequence.StandardKey.Redo)  # fmt: skip


_MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}


def line_level(text: str) -> int:
    """0 for a paragraph line, 1 for "- text", 2 for "  - text"."""
    if text.startswith(PREFIXES[2]):
        return 2
    if text.startswith(PREFIXES[1]):
        return 1
    return 0


def minute_line_kind(text: str) -> str | None:
    """"decision" for a line that starts "Resolved:", "action" for "Action:", else None."""
    words = text.strip().lstrip("-•*").strip().casefold()
    for prefix, kind in (("resolved:", "decision"), ("action:", "action")):
        if words.startswith(prefix) and words[len(prefix) :].strip():
            return kind
    return None


class NotesEdit(QPlainTextEdit):
    edit_refused = Signal()  # a key that would change the text was pressed while the minutes are locked
    # Enter ended a "Resolved: …" or "Action: …" line: its kind ("decision"/"action") and block number.
    minute_line_entered = Signal(str, int)
    offer_answered = Signal(bool)  # the next key after that: Enter takes the offer, anything else declines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesEdit")
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setPlaceholderText(
            "Notes on this item, typed as people speak.\n\n"
            "Paragraphs: a blank line between them.  Bullets: Tab (again for a sub-bullet), Shift+Tab to undo;\n"
            "Enter continues a list, Enter on an empty bullet ends it.  Everything is saved as you type."
        )
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5) + 0.5)
        self.setFont(font)
        self.offer_pending = False  # set by the editor while "Make this a decision?" is shown

    def event(self, event: QEvent) -> bool:
        """Tab, Shift+Tab and Enter on bullets, and refusing keys while read-only.

        Done here rather than in keyPressEvent so that ordinary typing never calls back into Qt from
        Python (each such call is a cost per keystroke, and with PySide6 6.12 on Python 3.11 a leak).
        """
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._handle_key(event):
            event.accept()
            return True
        return super().event(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        if self.isReadOnly():
            if self._would_change_text(event):
                self.edit_refused.emit()
                return True
            return False
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and modifiers == Qt.KeyboardModifier.NoModifier
        if self.offer_pending and key not in _MODIFIER_KEYS:
            self.offer_pending = False
            self.offer_answered.emit(enter)
            if enter or key == Qt.Key.Key_Escape:
                return True
        elif enter and self._offers_minute_line():
            return False  # the newline is typed as usual; the offer waits for the next key
        if key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.NoModifier:
            self.change_level(+1)
            return True
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers == Qt.KeyboardModifier.ShiftModifier):
            self.change_level(-1)
            return True
        return enter and self._continue_list()

    def _offers_minute_line(self) -> bool:
        """Enter at the end of a "Resolved:" or "Action:" line: say so, so the editor can offer to move it."""
        cursor = self.textCursor()
        block = cursor.block()
        kind = minute_line_kind(block.text())
        if cursor.hasSelection() or kind is None or cursor.positionInBlock() != len(block.text()):
            return False
        self.minute_line_entered.emit(kind, block.blockNumber())
        return True

    def _would_change_text(self, event: QKeyEvent) -> bool:
        if any(event.matches(sequence) for sequence in _CHANGING_SEQUENCES):
            return True
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        return event.key() in _CHANGING_KEYS or (bool(event.text()) and event.text().isprintable())

    def change_level(self, delta: int) -> None:
        """Indent (+1) or outdent (-1) every line the cursor or selection touches, as one undo step."""
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(min(cursor.selectionStart(), cursor.selectionEnd()))
        last = document.findBlock(max(cursor.selectionStart(), cursor.selectionEnd()))
        edit = QTextCursor(document)
        edit.beginEditBlock()
        block = first
        while block.isValid():
            text = block.text()
            level = line_level(text)
            new_level = max(0, min(MAX_LEVEL, level + delta))
            if new_level != level:
                edit.setPosition(block.position())
                edit.setPosition(block.position() + len(PREFIXES[level]), QTextCursor.MoveMode.KeepAnchor)
                edit.insertText(PREFIXES[new_level])
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()

    def _continue_list(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        text = cursor.block().text()
        level = line_level(text)
        if level == 0:
            return False
        if text == PREFIXES[level]:  # an empty bullet: Enter ends the list (or steps out one level)
            self.change_level(-1)
            return True
        if cursor.positionInBlock() < len(PREFIXES[level]):
            return False
        cursor.insertText("\n" + PREFIXES[level])
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True
