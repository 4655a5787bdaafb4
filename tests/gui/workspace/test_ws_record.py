"""The formal record in the workspace (issue 17): live quorum, declarations by keyboard, votes, urgent
items and decision records, driven by keyboard and mouse and checked against what was stored.

The demo's 1 August 2017 meeting has seven voting members present (Stephen Cox sent apologies);
item 7 (12 Week Improvement Plan) has one decision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Board, Decision, Meeting, Person
from boardapp.core.models.record import (
    Declaration,
    InterestAction,
    InterestKind,
    Vote,
    VoteChoice,
    VoteRecord,
    VoteResult,
)
from boardapp.gui.dialogs.record_dialogs import DecisionRecordDialog, DeclarationDialog, VoteDialog
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.dialogs import ItemDialog
from boardapp.gui.workspace.quorum_line import quorum_line_text
from boardapp.services import workspace_edits
from boardapp.services.decision_records import add_working_days
from boardapp.services.holidays import bank_holidays
from boardapp.services.quorum import QuorumState
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, OCTOBER, meeting_id

MakeWorkspace = Callable[..., MeetingWorkspace]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _set_quorum(store: Store, quorum: int | None) -> None:
    with store.session() as session:
        board = session.exec(select(Board)).first()
        assert board is not None
        board.quorum = quorum
        session.add(board)
        session.commit()


def _person_id(store: Store, name: str) -> int:
    with store.session() as session:
        person = session.exec(select(Person).where(Person.name == name)).one()
        assert person.id is not None
        return person.id


def _choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def _declarations(store: Store) -> list[Declaration]:
    """The 1 August 2017 meeting's declarations (the demo's formal record, issue 17, has one in September)."""
    august = meeting_id(store, AUGUST)
    with store.session() as session:
        found = select(Declaration).where(Declaration.meeting_id == august).order_by(col(Declaration.id))
        return list(session.exec(found).all())


def _august_votes(store: Store) -> list[Vote]:
    """Votes on the 1 August 2017 meeting's decisions (the demo's formal record, issue 17, has one in September)."""
    august = meeting_id(store, AUGUST)
    with store.session() as session:
        found = (
            select(Vote)
            .join(Decision, col(Decision.id) == col(Vote.decision_id))
            .join(AgendaItem, col(AgendaItem.id) == col(Decision.agenda_item_id))
            .where(AgendaItem.meeting_id == august)
        )
        return list(session.exec(found).all())


# -- 1. quorum ---------------------------------------------------------------------------------------------


def test_quorum_text_names_the_item_where_the_meeting_became_inquorate() -> None:
    states = [QuorumState(i, i, f"Item {i}", present, 4) for i, present in ((1, 5), (2, 3), (3, 3), (4, 4))]
    numbers = {i: i for i in range(1, 5)}
    assert quorum_line_text(states, 1, numbers) == (
        "quorate: 5 of 4 needed · inquorate from item 2: 3 of 4 needed",
        True,
    )
    assert quorum_line_text(states, 3, numbers) == ("Inquorate from item 2: 3 of 4 needed", True)
    assert quorum_line_text(states, 4, numbers) == ("quorate: 4 of 4 needed", False)
    no_quorum = [QuorumState(1, 1, "Item", 5, None)]
    assert quorum_line_text(no_quorum, 1, {1: 1}) == ("", False)


def test_the_demo_board_shows_its_quorum(workspace: MeetingWorkspace) -> None:
    label = workspace.header.quorum_label
    assert label.isVisibleTo(workspace) and label.text() == "quorate: 7 of 4 needed"  # the demo's quorum is 4


def test_a_board_without_a_quorum_shows_nothing(demo_store: Store, make_workspace: MakeWorkspace) -> None:
    _set_quorum(demo_store, None)
    ws = make_workspace(AUGUST)
    assert not ws.header.quorum_label.isVisibleTo(ws)
    assert ws.header.quorum_label.text() == ""


def test_quorum_follows_departures_and_the_selected_item(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _set_quorum(demo_store, 7)
    ws = make_workspace(AUGUST)
    label = ws.header.quorum_label
    assert label.isVisibleTo(ws)
    assert label.text() == "quorate: 7 of 7 needed"

    # Geoff Driver leaves after item 2, chosen by keyboard in the attendance list.
    geoff = _person_id(demo_store, "Geoff Driver")
    ws.attendance.select_person(geoff)
    monkeypatch.setattr(ws, "ask_item", lambda _title, _label, items, current=0: 2)  # "2. Minutes and actions…"
    ws.left_action.trigger()
    assert "inquorate from item 3: 6 of 7 needed" in label.text()

    qtbot.keyClick(ws.editor.notes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(ws.editor.notes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert ws.current_item_id == ws.rows[2].id
    assert label.text() == "Inquorate from item 3: 6 of 7 needed"
    assert "background" in label.styleSheet()  # the red warning

    ws.attendance.select_person(geoff)
    monkeypatch.setattr(ws, "ask_item", lambda _title, _label, items, current=0: 0)  # stayed to the end
    ws.left_action.trigger()
    assert label.text() == "quorate: 7 of 7 needed"


# -- 2. declarations ---------------------------------------------------------------------------------------


def _declare(
    qtbot: QtBot, name_id: int, kind: InterestKind, action: InterestAction, nature: str, withhold: bool = False
) -> Callable[[QDialog], bool]:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, DeclarationDialog)
        _choose(dialog.person, name_id)
        _choose(dialog.kind, kind.value)
        _choose(dialog.action, action.value)
        dialog.nature.clear()
        qtbot.keyClicks(dialog.nature, nature)
        if withhold != dialog.withheld.isChecked():
            qtbot.mouseClick(dialog.withheld, Qt.MouseButton.LeftButton)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    return answer


def test_declare_an_interest_by_keyboard_then_correct_and_delete_it(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST, item=5)
    jane = _person_id(demo_store, "Jane Booth")
    seen: list[int | None] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, DeclarationDialog)
        seen.append(dialog.item.currentData())  # the selected item is offered first
        return _declare(qtbot, jane, InterestKind.OTHER_REGISTRABLE, InterestAction.LEFT_ROOM, "Trustee of a charity")(
            dialog
        )

    monkeypatch.setattr(ws, "exec_dialog", answer)
    qtbot.keyClick(ws.editor.notes, Qt.Key.Key_D, CTRL_SHIFT)
    assert seen == [ws.rows[4].id]
    [stored] = _declarations(demo_store)
    assert (stored.person_id, stored.agenda_item_id, stored.kind, stored.action, stored.nature) == (
        jane,
        ws.rows[4].id,
        InterestKind.OTHER_REGISTRABLE,
        InterestAction.LEFT_ROOM,
        "Trustee of a charity",
    )
    panel = ws.editor.record
    [(text, _line)] = panel.lines()
    assert text.startswith("Jane Booth declared an other registrable interest in item 5")
    assert "left the room" in text

    # Correct it: the nature is now withheld (double-click the line).
    monkeypatch.setattr(
        ws,
        "exec_dialog",
        _declare(qtbot, jane, InterestKind.OTHER_REGISTRABLE, InterestAction.LEFT_ROOM, "", withhold=True),
    )
    panel.list.setCurrentRow(0)
    ws.record_commands.edit_line_action.trigger()
    [stored] = _declarations(demo_store)
    assert stored.nature_withheld and stored.nature == ""

    monkeypatch.setattr(ws, "confirm", lambda _title, _text: True)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert _declarations(demo_store) == []
    assert panel.lines() == []


def test_the_declarations_item_lists_every_declaration_of_the_meeting(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST, item=3)
    tony = _person_id(demo_store, "Tony Crane")
    monkeypatch.setattr(
        ws,
        "exec_dialog",
        _declare(qtbot, tony, InterestKind.DISCLOSABLE_PECUNIARY, InterestAction.SPOKE_THEN_LEFT, "Owns a care home"),
    )
    ws.record_commands.declare_action.trigger()
    new_id = ws.run(
        workspace_edits.add_item_with_details,
        meeting_id(demo_store, AUGUST),
        fields={"title": "Declarations of interest"},
    )
    ws.select_item(new_id)
    [(text, _line)] = ws.editor.record.lines()
    assert "Tony Crane declared a disclosable pecuniary interest in item 3" in text
    assert ws.editor.record.title.text() == "Declarations of interest at this meeting:"


def test_the_declaration_dialog_refuses_a_missing_nature(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    monkeypatch.setattr(
        "boardapp.gui.dialogs.record_dialogs.QMessageBox.information", lambda _p, _t, text: told.append(text)
    )
    dialog = DeclarationDialog(None, [(1, "Cllr A")], [(10, "1. Item")], item_id=10)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert told and "Withhold the nature" in told[0]


# -- 3. votes ---------------------------------------------------------------------------------------------


def _decision_id(store: Store, item_id: int) -> int:
    with store.session() as session:
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == item_id)).one()
        assert decision.id is not None
        return decision.id


def test_a_recorded_vote_on_a_decision(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST, item=7)
    decisions = ws.editor.decisions
    qtbot.mouseClick(decisions.viewport(), Qt.MouseButton.LeftButton, pos=decisions.visualRect(
        ws.editor.decision_model.index(0, 0)).center())  # fmt: skip
    geoff, susie = _person_id(demo_store, "Geoff Driver"), _person_id(demo_store, "Susie Charles")
    jane = _person_id(demo_store, "Jane Booth")

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, VoteDialog)
        assert len(dialog.choice_combos) == 7  # the members present, officers not
        _choose(dialog.mover, geoff)
        _choose(dialog.seconder, susie)
        qtbot.mouseClick(dialog.by_name, Qt.MouseButton.LeftButton)
        for person_id, combo in dialog.choice_combos.items():
            _choose(combo, (VoteChoice.AGAINST if person_id == jane else VoteChoice.FOR).value)
        assert dialog.outcome.currentData() == VoteResult.CARRIED.value
        dialog.accept()
        return True

    monkeypatch.setattr(ws, "exec_dialog", answer)
    ws.record_commands.vote_action.trigger()
    [vote] = _august_votes(demo_store)
    assert (vote.recorded, vote.votes_for, vote.votes_against, vote.result) == (True, 6, 1, VoteResult.CARRIED)
    assert (vote.mover_id, vote.seconder_id) == (geoff, susie)
    with demo_store.session() as session:
        records = session.exec(select(VoteRecord).where(VoteRecord.vote_id == vote.id)).all()
        assert len(records) == 7
        assert {r.person_id for r in records if r.choice is VoteChoice.AGAINST} == {jane}
    [(text, line)] = ws.editor.record.lines()
    assert line.kind == "vote"
    assert "On being put to the vote the motion was carried (6 for, 1 against). A recorded vote was taken." in text
    assert "Against: Jane Booth." in text


def test_a_vote_by_counts(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST, item=7)

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, VoteDialog)
        dialog.votes_for.setValue(2)
        dialog.votes_against.setValue(4)
        dialog.abstentions.setValue(1)
        assert dialog.outcome.currentData() == VoteResult.LOST.value  # suggested from the counts
        dialog.accept()
        return True

    monkeypatch.setattr(ws, "exec_dialog", answer)
    ws.record_commands.vote_action.trigger()  # the item's only decision
    [(text, _line)] = ws.editor.record.lines()
    assert "the motion was lost (2 for, 4 against, 1 abstention)" in text


# -- 5. decision records ----------------------------------------------------------------------------------


def test_a_decision_record_shows_when_it_takes_effect(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST, item=7)
    decision_id = _decision_id(demo_store, ws.rows[6].id)
    expected = add_working_days(dt.date(2017, 8, 1), 5, bank_holidays())

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, DecisionRecordDialog)
        assert str(expected.day) in dialog.effect.text() and "August 2017" in dialog.effect.text()
        qtbot.keyClicks(dialog.reasons, "The plan must be delivered in twelve weeks")
        qtbot.keyClicks(dialog.alternatives, "A longer plan")
        dialog.accept()
        return True

    monkeypatch.setattr(ws, "exec_dialog", answer)
    ws.record_commands.decision_record_action.trigger()
    with demo_store.session() as session:
        decision = session.get(Decision, decision_id)
        assert decision is not None
        assert decision.needs_record and decision.reasons == "The plan must be delivered in twelve weeks"
        assert decision.alternatives_rejected == "A longer plan"
        assert decision.takes_effect_on == expected
    [(text, line)] = ws.editor.record.lines()
    assert line.kind == "record" and "Takes effect on" in text


def test_record_commands_with_no_decision_say_so(
    demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST, item=3)
    told: list[str] = []
    monkeypatch.setattr(
        "boardapp.gui.workspace.record_commands.QMessageBox.information", lambda _p, title, _t: told.append(title)
    )
    monkeypatch.setattr(ws, "exec_dialog", lambda _d: pytest.fail("no dialog without a decision"))
    ws.record_commands.vote_action.trigger()
    ws.record_commands.decision_record_action.trigger()
    assert told == ["Record the decision first"] * 2
    assert _august_votes(demo_store) == []
    with demo_store.session() as session:
        assert session.exec(select(Meeting).where(Meeting.id == ws.meeting_id)).one()
        assert session.get(AgendaItem, ws.rows[2].id) is not None


# -- 4. urgent items ---------------------------------------------------------------------------------------


def test_an_item_added_after_publication_is_urgent_with_the_chairs_reason(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(AUGUST)  # held: its agenda was published long ago
    told: list[str] = []
    monkeypatch.setattr(
        "boardapp.gui.workspace.dialogs.QMessageBox.information", lambda _p, _t, text: told.append(text)
    )

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        assert dialog.urgent.isChecked()  # suggested: the agenda is already published
        qtbot.keyClicks(dialog.title, "Flooding at the children's home")
        dialog.accept()  # refused: no reason yet
        assert dialog.result() != QDialog.DialogCode.Accepted and told
        qtbot.keyClicks(dialog.urgent.reason, "the home must be closed before the next meeting")
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(ws, "exec_dialog", answer)
    qtbot.keyClick(ws.editor.notes, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    with demo_store.session() as session:
        item = session.exec(select(AgendaItem).where(AgendaItem.title == "Flooding at the children's home")).one()
        assert item.is_urgent and item.urgency_reason == "the home must be closed before the next meeting"
        item_id = item.id
    assert ws.current_item_id == item_id
    [(text, line)] = ws.editor.record.lines()
    assert line.kind == "urgent"
    assert text == (
        "The chair agreed to take this item as urgent business because the home must be closed before the next meeting."
    )

    def untick(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        assert dialog.urgent.isChecked() and dialog.urgent.reason.text().startswith("the home")
        dialog.urgent.setChecked(False)
        dialog.accept()
        return True

    monkeypatch.setattr(ws, "exec_dialog", untick)
    qtbot.keyClick(ws.editor.notes, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    with demo_store.session() as session:
        edited = session.get(AgendaItem, item_id)
        assert edited is not None and not edited.is_urgent and edited.urgency_reason == ""
    assert ws.editor.record.lines() == []


def test_an_item_on_an_unpublished_agenda_is_not_urgent_by_default(
    qtbot: QtBot, demo_store: Store, make_workspace: MakeWorkspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(OCTOBER)  # scheduled, agenda not yet published (September's is held: issue 17's demo record)
    seen: list[bool] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        seen.append(dialog.urgent.isChecked())
        return False

    monkeypatch.setattr(ws, "exec_dialog", answer)
    ws.add_item_action.trigger()
    assert seen == [False]
