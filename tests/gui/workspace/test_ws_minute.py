"""Decisions and actions typed into the workspace, read back from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import DueKind
from boardapp.core.models import Action, ActionOwner, Decision, Person, Role
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.dialogs import ActionDialog
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, OCTOBER, item_ids, meeting_id, type_text

HEAT_MAPS = "Heat maps report on recruitment and retention for the September meeting - Louise Storey"


def _actions_of(store: Store, item_id: int) -> list[tuple[str, list[str], int | None, DueKind]]:
    with store.session() as session:
        rows = []
        for action in session.exec(
            select(Action).where(Action.raised_item_id == item_id).order_by(col(Action.position))
        ).all():
            owners = []
            for owner in session.exec(
                select(ActionOwner).where(ActionOwner.action_id == action.id).order_by(col(ActionOwner.position))
            ).all():
                if owner.person_id is not None:
                    owners.append(session.get(Person, owner.person_id).name)  # type: ignore[union-attr]
                else:
                    owners.append(session.get(Role, owner.role_id).name)  # type: ignore[union-attr]
            rows.append((action.text, owners, action.due_meeting_id, action.due_kind))
        return rows


def test_enter_on_an_action_line_shows_the_draft_and_enter_again_creates_it(
    qtbot: QtBot, make_workspace: object, demo_store: Store
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=8)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[7]
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # New action
    line = workspace.editor.action_input
    assert QApplication.focusWidget() is line
    qtbot.keyClicks(line, HEAT_MAPS)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    draft = workspace.editor.draft_label.text()
    assert workspace.editor.draft_frame.isVisible()
    assert "Louise Storey" in draft and "new person" not in draft
    assert "12 September 2017 meeting" in draft
    assert _actions_of(demo_store, item) == []  # nothing stored until confirmed
    qtbot.keyClick(line, Qt.Key.Key_Return)
    september = meeting_id(demo_store, "2017-09-12")
    assert _actions_of(demo_store, item) == [
        ("Heat maps report on recruitment and retention for the September meeting", ["Louise Storey"], september,
         DueKind.MEETING),
    ]  # fmt: skip
    assert line.text() == "" and not workspace.editor.draft_frame.isVisible()
    assert workspace.editor.action_model.rowCount() == 1  # the list shows it, from the broadcast


def test_unknown_owners_are_marked_new_and_created_with_the_action(
    qtbot: QtBot, make_workspace: object, demo_store: Store
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=6)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[5]
    line = workspace.editor.action_input
    line.setFocus()
    type_text(
        qtbot,
        line,
        "Police to report on Neighbourhood Action Centres at the October meeting – Priya Natarajan/Practice Leads",
    )
    qtbot.keyClick(line, Qt.Key.Key_Return)
    draft = workspace.editor.draft_label.text()
    assert "Priya Natarajan <span" in draft and "(new person)" in draft and "(new role)" in draft
    assert "10 October 2017 meeting" in draft
    qtbot.mouseClick(workspace.editor.create_button, Qt.MouseButton.LeftButton)
    created = _actions_of(demo_store, item)[-1]
    assert created[1] == ["Priya Natarajan", "Practice Leads"]
    assert created[2] == meeting_id(demo_store, OCTOBER)


def test_changing_the_line_discards_the_draft_and_escape_cancels(
    qtbot: QtBot, make_workspace: object, demo_store: Store
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=8)  # type: ignore[operator]
    line = workspace.editor.action_input
    line.setFocus()
    qtbot.keyClicks(line, "To circulate the slides - Chris Coyle")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert workspace.editor.draft_frame.isVisible()
    qtbot.keyClicks(line, "/Amanda Hatton")
    assert not workspace.editor.draft_frame.isVisible()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert "Amanda Hatton" in workspace.editor.draft_label.text()
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert not workspace.editor.draft_frame.isVisible()
    assert _actions_of(demo_store, item_ids(demo_store, AUGUST)[7]) == []


def test_owner_names_are_completed_after_the_dash(qtbot: QtBot, workspace: MeetingWorkspace) -> None:
    line = workspace.editor.action_input
    line.setFocus()
    type_text(qtbot, line, "To share the profiles – Chris Coyle/Aman")
    completer = workspace.editor.owner_completer
    assert completer.suggestions()[0] == "Amanda Hatton"
    assert completer.completer.popup().isVisible()
    qtbot.keyClick(completer.completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.completer.popup(), Qt.Key.Key_Return)
    assert line.text() == "To share the profiles – Chris Coyle/Amanda Hatton"
    assert not workspace.editor.draft_frame.isVisible()  # Enter chose the name; it did not draft the action


def test_the_action_text_itself_gets_no_suggestions(qtbot: QtBot, workspace: MeetingWorkspace) -> None:
    line = workspace.editor.action_input
    line.setFocus()
    qtbot.keyClicks(line, "Louise to report")
    assert workspace.editor.owner_completer.suggestions() == []


def test_owners_and_due_are_corrected_afterwards(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=5)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[4]
    october = meeting_id(demo_store, OCTOBER)

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ActionDialog)
        dialog.owners.selectAll()
        qtbot.keyClicks(dialog.owners, "Louise Storey/Heads of Serv")
        assert dialog.owner_completer.suggestions()[0] == "Heads of Service"
        dialog.owner_completer.insert("Heads of Service")
        assert dialog.owners.text() == "Louise Storey/Heads of Service"
        assert "new" not in dialog.owners_seen.text()
        dialog.due.setCurrentIndex(dialog.due.findData(f"meeting:{october}"))
        return True

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    actions = workspace.editor.action_list
    actions.setFocus()
    heat_maps = next(r for r in range(workspace.editor.action_model.rowCount())
                     if workspace.editor.action_model.row_at(r).text.startswith("Heat maps"))  # fmt: skip
    actions.setCurrentIndex(workspace.editor.action_model.index(heat_maps, 0))
    qtbot.keyClick(actions, Qt.Key.Key_F2)
    stored = next(a for a in _actions_of(demo_store, item) if a[0].startswith("Heat maps"))
    assert stored[1:] == (["Louise Storey", "Heads of Service"], october, DueKind.MEETING)


def test_a_date_can_be_chosen_as_the_due_point(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=5)  # type: ignore[operator]

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ActionDialog)
        dialog.due.setCurrentIndex(dialog.due.findData("date"))
        assert dialog.date.isEnabled()
        dialog.date.setDate(dt.date(2017, 11, 30))
        return True

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    workspace.editor.action_list.setCurrentIndex(workspace.editor.action_model.index(0, 0))
    workspace.edit_action_action.trigger()
    with demo_store.session() as session:
        action = session.get(Action, workspace.editor.action_model.row_at(0).id)
        assert action is not None and action.due_kind is DueKind.DATE and action.due_date == dt.date(2017, 11, 30)


def test_deleting_an_action_asks_first(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=5)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[4]
    answers = [False, True]
    monkeypatch.setattr(workspace, "confirm", lambda _title, _text: answers.pop(0))
    actions = workspace.editor.action_list
    actions.setFocus()
    actions.setCurrentIndex(workspace.editor.action_model.index(0, 0))
    qtbot.keyClick(actions, Qt.Key.Key_Delete)
    assert len(_actions_of(demo_store, item)) == 2
    qtbot.keyClick(actions, Qt.Key.Key_Delete)
    assert len(_actions_of(demo_store, item)) == 1
    assert workspace.editor.action_model.rowCount() == 1


def _decisions(store: Store, item_id: int) -> list[str]:
    with store.session() as session:
        return list(
            session.exec(
                select(Decision.text).where(Decision.agenda_item_id == item_id).order_by(col(Decision.position))
            ).all()
        )


def test_decisions_are_added_edited_and_deleted_from_the_keyboard(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=4)  # type: ignore[operator]
    item = item_ids(demo_store, AUGUST)[3]
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    decision_input = workspace.editor.decision_input
    assert QApplication.focusWidget() is decision_input
    qtbot.keyClicks(decision_input, "That the update be noted.")
    qtbot.keyClick(decision_input, Qt.Key.Key_Return)
    qtbot.keyClicks(decision_input, "That a further report come in October.")
    qtbot.keyClick(decision_input, Qt.Key.Key_Return)
    assert _decisions(demo_store, item) == ["That the update be noted.", "That a further report come in October."]
    assert decision_input.text() == ""

    view = workspace.editor.decisions
    view.setFocus()
    view.setCurrentIndex(workspace.editor.decision_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "That the Operational Improvement Group update be noted.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the edit on its next event loop turn
    new_text = "That the Operational Improvement Group update be noted."
    qtbot.waitUntil(lambda: _decisions(demo_store, item)[0] == new_text, timeout=1000)
    assert workspace.editor.decision_model.row_at(0).text == "That the Operational Improvement Group update be noted."

    monkeypatch.setattr(workspace, "confirm", lambda _title, _text: True)
    view.setFocus()
    view.setCurrentIndex(workspace.editor.decision_model.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _decisions(demo_store, item) == ["That the Operational Improvement Group update be noted."]


def test_a_blank_decision_is_refused_with_a_message(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    decision_input = workspace.editor.decision_input
    decision_input.setFocus()
    qtbot.keyClicks(decision_input, "   ")
    with qtbot.assertNotEmitted(workspace.operations.changed):
        qtbot.keyClick(decision_input, Qt.Key.Key_Return)
    assert _decisions(demo_store, item_ids(demo_store, AUGUST)[0]) == []


def test_enter_after_a_complete_owner_name_drafts_at_once(qtbot: QtBot, workspace: MeetingWorkspace) -> None:
    line = workspace.editor.action_input
    line.setFocus()
    qtbot.keyClicks(line, "To circulate the letter - Amanda Hatton/Heads of Service")
    assert not workspace.editor.owner_completer.completer.popup().isVisible()  # nothing left to complete
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert workspace.editor.draft_frame.isVisible()
    assert "Amanda Hatton · Heads of Service" in workspace.editor.draft_label.text()
