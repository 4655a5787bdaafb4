"""Matters arising on the "Minutes and actions from the last meeting" item of 12 September 2017."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import ActionStatus, MeetingStatus, StandingKind
from boardapp.core.models import Action, ActionUpdate, Decision
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.matters_panel import NOTE, STATUS
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, SEPTEMBER, item_ids, meeting_id, stored_meeting


def _september_arising(make_workspace: object) -> MeetingWorkspace:
    workspace: MeetingWorkspace = make_workspace(SEPTEMBER, item=2)  # type: ignore[operator]
    assert workspace.editor.item is not None
    assert workspace.editor.item.standing_kind is StandingKind.PREVIOUS_MINUTES
    return workspace


def _updates(store: Store, action_id: int) -> list[ActionUpdate]:
    with store.session() as session:
        return list(
            session.exec(
                select(ActionUpdate).where(ActionUpdate.action_id == action_id).order_by(col(ActionUpdate.id))
            ).all()
        )


def test_the_actions_due_are_listed_with_owners(qtbot: QtBot, make_workspace: object) -> None:
    workspace = _september_arising(make_workspace)
    panel = workspace.editor.matters
    assert panel.isVisible()
    texts = {panel.model.row_at(r).text[:9]: r for r in range(panel.model.rowCount())}
    due_here = {text for text, r in texts.items() if panel.model.row_at(r).due_here}
    assert due_here == {"CSE intel", "Heat maps"}
    heat_maps = panel.model.index(texts["Heat maps"], 0)
    assert heat_maps.data().endswith("– Louise Storey")
    assert panel.model.index(texts["Heat maps"], 1).data() == "12 September 2017 meeting"
    assert "2 due at this meeting" in panel.count.text()


def test_other_items_show_no_matters_arising(qtbot: QtBot, make_workspace: object) -> None:
    workspace: MeetingWorkspace = make_workspace(SEPTEMBER, item=3)  # type: ignore[operator]
    assert not workspace.editor.matters.isVisible()


def test_status_and_note_are_recorded_against_this_meeting(
    qtbot: QtBot, make_workspace: object, demo_store: Store
) -> None:
    workspace = _september_arising(make_workspace)
    panel = workspace.editor.matters
    table = panel.table
    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).text.startswith("Heat maps"))
    action_id = panel.model.row_at(row).action_id
    september = meeting_id(demo_store, SEPTEMBER)

    table.setFocus()
    table.setCurrentIndex(panel.model.index(row, STATUS))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(ActionStatus.IN_PROGRESS.value))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_updates(demo_store, action_id)) == 1, timeout=1000)

    row = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).action_id == action_id)
    table.setCurrentIndex(panel.model.index(row, NOTE))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not table
    qtbot.keyClicks(editor, "Draft heat maps shown; final version in October")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(_updates(demo_store, action_id)) == 2, timeout=1000)

    status_change, note = _updates(demo_store, action_id)
    assert (status_change.status_from, status_change.status_to) == (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    assert note.note == "Draft heat maps shown; final version in October" and note.status_to is None
    assert status_change.meeting_id == note.meeting_id == september
    with demo_store.session() as session:
        assert session.get(Action, action_id).status is ActionStatus.IN_PROGRESS  # type: ignore[union-attr]
    shown = next(r for r in range(panel.model.rowCount()) if panel.model.row_at(r).action_id == action_id)
    assert panel.model.index(shown, STATUS).data() == "In progress"
    assert panel.model.index(shown, NOTE).data() == "Draft heat maps shown; final version in October"


def test_approving_the_previous_minutes_is_one_click_and_a_yes(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = _september_arising(make_workspace)
    button = workspace.editor.matters.approve
    assert button.text() == "Approve the minutes of 1 August 2017" and button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(workspace, "confirm", lambda _title, text: asked.append(text) or False)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "1 August 2017" in asked[0]
    assert stored_meeting(demo_store, AUGUST).status is MeetingStatus.HELD  # "No": nothing changed
    assert button.isEnabled()

    monkeypatch.setattr(workspace, "confirm", lambda _title, _text: True)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    august = stored_meeting(demo_store, AUGUST)
    assert august.status is MeetingStatus.MINUTES_APPROVED
    assert august.minutes_approved_at_id == meeting_id(demo_store, SEPTEMBER)
    with demo_store.session() as session:
        decisions = session.exec(
            select(Decision.text).where(Decision.agenda_item_id == item_ids(demo_store, SEPTEMBER)[1])
        ).all()
    assert decisions == ["The minutes of the meeting held on 1 August 2017 were approved as an accurate record."]
    assert workspace.editor.decision_model.rowCount() == 1  # shown under "Resolved:" straight away
    assert button.text() == "Minutes of 1 August 2017 approved at this meeting" and not button.isEnabled()
