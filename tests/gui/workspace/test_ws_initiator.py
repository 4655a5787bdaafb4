"""The workspace's own writes are marked with the widget that made them (issue 13, Anki's `initiator`).

The workspace leaves that widget alone — no reload under the clerk's cursor, the current row
stays — while every other view (here a second workspace on the same meeting) still refreshes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import Action, Decision
from boardapp.gui.operations import Operations
from boardapp.gui.views.action_log_page import ActionLogPage
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.dialogs import ActionDialog
from boardapp.services import lifecycle, minuting
from boardapp.services.changes import Changes
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, SAVE_TIMEOUT_MS, SEPTEMBER, item_ids, meeting_id, stored_notes

FIRST, SECOND = "That the update be noted.", "That a further report come in October."
EDITED = "That a further report come to the December meeting."


def _decisions(store: Store, item_id: int) -> list[str]:
    with store.session() as session:
        query = select(Decision.text).where(Decision.agenda_item_id == item_id).order_by(col(Decision.position))
        return list(session.exec(query).all())


def test_typing_notes_keeps_the_cursor_undo_history_and_chosen_decision(
    qtbot: QtBot, make_workspace: object, demo_store: Store, operations: Operations
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=4)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[3]
    operations.run(minuting.add_decision, item, FIRST)
    operations.run(minuting.add_decision, item, SECOND)
    heard: list[Changes] = []
    operations.changed.connect(heard.append)  # another view listening to the same broadcasts
    editor = workspace.editor
    editor.decisions.setCurrentIndex(editor.decision_model.index(1, 0))  # the clerk had picked a decision

    notes = editor.notes
    notes.setFocus()
    notes.setPlainText("Members discussed recruitment.\nThe Chair summed up.")
    cursor = notes.textCursor()
    cursor.setPosition(len("Members discussed recruitment."))  # typing in the middle, not at the end
    notes.setTextCursor(cursor)
    qtbot.keyClicks(notes, " Figures improved.")
    position, undo_steps = notes.textCursor().position(), notes.document().availableUndoSteps()
    assert notes.document().isUndoAvailable()

    typed = "Members discussed recruitment. Figures improved.\nThe Chair summed up."
    qtbot.waitUntil(lambda: stored_notes(demo_store, item) == typed, timeout=SAVE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: any(item in c.minutes for c in heard), timeout=SAVE_TIMEOUT_MS)
    saves = [c for c in heard if item in c.minutes]
    assert all(c.initiator is notes for c in saves)  # the broadcast says who saved
    assert notes.toPlainText() == typed
    assert notes.textCursor().position() == position
    assert notes.document().availableUndoSteps() == undo_steps
    assert notes.document() is workspace.notes_document(item)
    assert editor.decisions.currentIndex().row() == 1  # the decisions were not re-read under the clerk
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == "Members discussed recruitment.\nThe Chair summed up."


def test_a_decision_edited_in_place_keeps_its_row_while_another_window_refreshes(
    qtbot: QtBot, make_workspace: object, demo_store: Store, operations: Operations
) -> None:
    item = item_ids(demo_store, AUGUST)[3]
    operations.run(minuting.add_decision, item, FIRST)
    operations.run(minuting.add_decision, item, SECOND)
    other: MeetingWorkspace = make_workspace(item=4)  # type: ignore[operator]  # a second window
    workspace: MeetingWorkspace = make_workspace(item=4)  # type: ignore[operator]
    assert other.editor.decision_model.row_at(1).text == SECOND
    heard: list[Changes] = []
    operations.changed.connect(heard.append)

    view = workspace.editor.decisions
    view.setFocus()
    view.setCurrentIndex(workspace.editor.decision_model.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    line = QApplication.focusWidget()
    assert line is not None and line is not view
    qtbot.keyClick(line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(line, f"  {EDITED} ")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the view commits on its next event loop turn
    qtbot.waitUntil(lambda: _decisions(demo_store, item) == [FIRST, EDITED], timeout=1000)

    assert heard == [Changes(minutes=frozenset({item}))] and heard[0].initiator is view
    assert workspace.editor.decision_model.row_at(1).text == EDITED  # as stored (trimmed), in its own row
    assert view.currentIndex().row() == 1  # the list was not reset: the clerk's row stays current
    assert view.selectionModel().isRowSelected(1)
    assert other.editor.decision_model.row_at(1).text == EDITED  # the other window re-read it
    assert other.editor.decision_model.row_at(0).text == FIRST


def test_a_refused_edit_in_place_keeps_the_stored_text(
    qtbot: QtBot, make_workspace: object, demo_store: Store, operations: Operations
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=4)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[3]
    operations.run(minuting.add_decision, item, FIRST)
    with demo_store.transaction() as session:  # another clerk approves the minutes meanwhile (no broadcast here)
        lifecycle.approve_minutes(session, meeting_id(demo_store, AUGUST), meeting_id(demo_store, SEPTEMBER))
    refusals: list[str] = []
    operations.failed.connect(refusals.append)
    model = workspace.editor.decision_model
    assert not model.setData(model.index(0, 0), EDITED)
    assert refusals and "locked" in refusals[0]
    assert model.row_at(0).text == FIRST and _decisions(demo_store, item) == [FIRST]  # nothing shown as saved


def test_an_action_corrected_keeps_its_row_while_the_action_log_refreshes(
    qtbot: QtBot, make_workspace: object, demo_store: Store, operations: Operations, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=5)  # type: ignore[operator]
    log = ActionLogPage(operations, today=lambda: dt.date(2017, 9, 1))  # another view on the same broadcasts
    qtbot.addWidget(log)
    log.show_log(None, "All boards")
    model, actions = workspace.editor.action_model, workspace.editor.action_list
    assert model.rowCount() >= 2
    target = model.row_at(1)
    log_texts = {row.id: row.text for r in range(log.model.rowCount()) if (row := log.model.row_at(r)) is not None}
    assert log_texts[target.id] == target.text

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ActionDialog)
        dialog.text.setText("Heat maps report, with the turnover figures")
        return True

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    actions.setFocus()
    actions.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(actions, Qt.Key.Key_F2)
    with demo_store.session() as session:
        stored = session.get(Action, target.id)
        assert stored is not None and stored.text == "Heat maps report, with the turnover figures"
    assert model.row_at(1).text == "Heat maps report, with the turnover figures"
    assert model.row_at(1).version != target.version  # the next correction is checked against the new version
    assert actions.currentIndex().row() == 1  # updated in place: the clerk's row stays current
    log_texts = {row.id: row.text for r in range(log.model.rowCount()) if (row := log.model.row_at(r)) is not None}
    assert log_texts[target.id] == "Heat maps report, with the turnover figures"  # the log re-read it
