"""The notes' autosave as the workspace sees it: what typing sends to the saver, and what the save state says.

Split from `MeetingWorkspace`. A save's broadcast names the notes editor as its initiator so that
the workspace does not reload the text under the clerk's cursor (other views still hear of it); a
refused save (the minutes were locked meanwhile) re-reads the lock and says why in plain words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from boardapp.gui.autosave import NotesAutosaver, SaveState
from boardapp.gui.workspace import theme
from boardapp.gui.workspace.notes_conflicts import NotesConflicts
from boardapp.services import lifecycle
from boardapp.services.changes import Changes

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["NotesSaving"]


class NotesSaving:
    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace
        self.conflicts = NotesConflicts(workspace)

    def connect(self, autosaver: NotesAutosaver) -> None:
        autosaver.state_changed.connect(self.show_save_state)
        autosaver.saved.connect(self.autosaved)
        autosaver.refused.connect(self.autosave_refused)
        autosaver.conflicted.connect(self.conflicts.conflicted)  # another clerk saved the notes meanwhile

    def notes_changed(self) -> None:
        ws = self.ws
        if ws.switching_document or ws.autosaver is None or ws.current_item_id is None or ws.locked:
            return
        document = ws.editor.notes.document()
        ws.autosaver.edited(ws.current_item_id, document.toPlainText)

    def autosaved(self, changes: Changes) -> None:
        self.ws.operations.broadcast(changes, initiator=self.ws.editor.notes)

    def autosave_refused(self, message: str) -> None:
        self.ws.header.update_lock()
        if self.ws.operations.show_errors:
            QMessageBox.warning(self.ws, "Notes not saved", message)

    def show_save_state(self, state: SaveState) -> None:
        label = self.ws.editor.save_label
        autosaver = self.ws.autosaver
        if state is SaveState.FAILED and autosaver is not None:
            label.setStyleSheet(f"color:{theme.OVERDUE_TEXT};")
            label.setText(autosaver.last_error or "Not saved – retrying")  # plain words (F, issue 11)
        else:
            label.setStyleSheet(theme.MUTED)
            label.setText("Saving…" if state is SaveState.SAVING else "Saved ✓")

    def edit_refused(self) -> None:
        ws = self.ws
        if ws.current_item_id is None:
            return
        if not ws.refusal_shown:
            ws.refusal_shown = True
            ws.run(lifecycle.ensure_item_editable, ws.current_item_id)  # refused, with the reason shown
        ws.editor.save_label.setText("Read-only: the minutes are locked")
