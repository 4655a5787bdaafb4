"""Another clerk saved an item's notes while this clerk was typing them: ask, then save the choice.

The autosaver (gui/autosave.py) holds the item and emits `conflicted`; this shows the conflict dialog
(gui/dialogs/conflict.py) from the event loop, never in the middle of a flush, one dialog per item.
The clerk's side is the editor's current text (newer than the text whose save failed). The chosen
text replaces the editor's text (as one undoable edit) and is saved over the version the conflict
reported; "Decide later" keeps the item held, the text in memory and in its recovery file, and the
next edit asks again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from boardapp.gui.dialogs.conflict import ask_about_conflict
from boardapp.services.conflicts import EditConflict

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["NotesConflicts"]


class NotesConflicts:
    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace
        self.asking: set[int] = set()  # items whose dialog is open or about to open

    def conflicted(self, conflict: EditConflict) -> None:
        if conflict.record_id in self.asking:
            return
        self.asking.add(conflict.record_id)
        QTimer.singleShot(0, lambda: self.ask(conflict))

    def ask(self, conflict: EditConflict) -> None:
        item_id = conflict.record_id
        try:
            ws = self.ws
            if ws.autosaver is None:
                return
            document = ws.notes_document(item_id)
            mine = document.toPlainText() if document is not None else conflict.mine
            chosen = ask_about_conflict(
                conflict, mine, parent=ws, db_path=ws.operations.store.path, exec_dialog=ws.exec_dialog
            )
            if chosen is None or ws.autosaver is None:
                return
            if document is not None and document.toPlainText() != chosen:
                ws.switching_document = True  # not an edit to autosave: it is saved just below
                try:
                    cursor = QTextCursor(document)
                    cursor.select(QTextCursor.SelectionType.Document)
                    cursor.insertText(chosen)
                finally:
                    ws.switching_document = False
            ws.autosaver.resolve(item_id, chosen, conflict.current_version)
        finally:
            self.asking.discard(item_id)
