"""Issue 10 point 7: the workspace at 1366×768, and the small things a clerk meets every meeting.

The matters-arising table shows five rows and the Approve button fits its label on a laptop screen;
the Resolved list shows its text; Ctrl+2 goes to the end of the notes; "A and B" gives two owners;
a "Resolved:" or "Action:" line in the notes offers to become a decision or an action; choosing a
suggested owner keeps the clerk's words ("CC Driver") and links the person.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import Action, ActionOwner, Decision, Person
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.home import AppHome
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, SEPTEMBER, item_ids, meeting_id, stored_notes, type_text


@pytest.fixture
def laptop(qtbot: QtBot, demo_store: Store, home: AppHome) -> Iterator[MainWindow]:
    """The main window at 1366×768, minuting 12 September 2017 on its matters-arising item."""
    window = MainWindow(demo_store, home)
    window.operations.show_errors = False
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    assert window.select(NavTarget(NodeKind.MEETING, meeting_id(demo_store, SEPTEMBER), 1))
    assert window.open_workspace()
    window.workspace.select_item(window.workspace.rows[1].id)
    qtbot.wait(10)  # layouts settle
    yield window
    window.workspace.close_meeting()


def _owners(store: Store, item_id: int) -> list[list[str]]:
    with store.session() as session:
        found = []
        for action in session.exec(select(Action).where(Action.raised_item_id == item_id).order_by(col(Action.id))):
            owners = session.exec(
                select(Person.name)
                .join(ActionOwner, col(ActionOwner.person_id) == Person.id)
                .where(ActionOwner.action_id == action.id)
                .order_by(col(ActionOwner.position))
            ).all()
            found.append(list(owners))
        return found


def test_matters_arising_shows_five_whole_rows_at_1366_by_768(laptop: MainWindow) -> None:
    table = laptop.workspace.editor.matters.table
    assert table.isVisible() and table.model().rowCount() >= 5
    viewport = table.viewport().rect()
    rows = range(table.model().rowCount())
    whole = [r for r in rows if viewport.contains(table.visualRect(table.model().index(r, 0)))]
    assert len(whole) >= 5


def test_the_approve_button_fits_its_label(laptop: MainWindow) -> None:
    button = laptop.workspace.editor.matters.approve
    assert button.isVisible() and button.text() == "Approve the minutes of 1 August 2017"
    assert button.width() >= button.sizeHint().width()
    assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()
    count = laptop.workspace.editor.matters.count
    assert count.fontMetrics().boundingRect(count.geometry(), Qt.TextFlag.TextWordWrap, count.text()).height() <= (
        count.height()
    )  # the count is not cut off beside the button


def test_the_resolved_list_shows_its_text(
    qtbot: QtBot, laptop: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = laptop.workspace
    monkeypatch.setattr(workspace, "confirm", lambda _title, _text: True)
    qtbot.mouseClick(workspace.editor.matters.approve, Qt.MouseButton.LeftButton)  # adds the approval decision
    decisions = workspace.editor.decisions
    assert decisions.isVisible() and decisions.model().rowCount() == 1
    index = decisions.model().index(0, 0)
    assert index.data().startswith("The minutes of the meeting held on 1 August 2017")
    rect = decisions.visualRect(index)
    assert decisions.viewport().rect().contains(rect)
    assert rect.height() >= decisions.fontMetrics().height()  # a whole line of text, not a sliver
    assert rect.width() > decisions.fontMetrics().horizontalAdvance("The minutes of the meeting")


def test_ctrl_2_puts_the_cursor_at_the_end_of_the_notes(
    qtbot: QtBot, make_workspace: object, demo_store: Store
) -> None:
    workspace: MeetingWorkspace = make_workspace(item=7)  # type: ignore[operator]
    notes = workspace.editor.notes
    assert len(notes.toPlainText()) > 100
    cursor = notes.textCursor()
    cursor.setPosition(5)
    notes.setTextCursor(cursor)
    workspace.focus_agenda()
    qtbot.keyClick(workspace.agenda.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert notes.hasFocus()
    assert notes.textCursor().atEnd()


def test_two_people_joined_by_and_are_two_owners(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    line = workspace.editor.action_input
    line.setFocus()
    type_text(qtbot, line, "Share the social worker profiles – Chris Coyle and Louise Storey")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert workspace.editor.draft is not None
    assert [o.name for o in workspace.editor.draft.owners] == ["Chris Coyle", "Louise Storey"]
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert _owners(demo_store, item_ids(demo_store, AUGUST)[0]) == [["Chris Coyle", "Louise Storey"]]


def test_a_resolved_line_in_the_notes_becomes_a_decision(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    editor = workspace.editor
    notes = editor.notes
    item = item_ids(demo_store, AUGUST)[0]
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(qtbot, notes, "Resolved: that the terms of reference be agreed")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert editor.offer.isVisible() and "Make this a decision?" in editor.offer.label.text()
    assert notes.hasFocus()  # non-modal: typing could go on
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert not editor.offer.isVisible()
    assert "Resolved:" not in notes.toPlainText()
    assert notes.hasFocus()  # minuting goes on
    assert [editor.decision_model.row_at(r).text for r in range(editor.decision_model.rowCount())][-1] == (
        "that the terms of reference be agreed"
    )
    with demo_store.session() as session:
        texts = session.exec(select(Decision.text).where(Decision.agenda_item_id == item)).all()
    assert "that the terms of reference be agreed" in texts
    qtbot.waitUntil(lambda: "Resolved:" not in stored_notes(demo_store, item), timeout=2000)


def test_an_action_line_in_the_notes_becomes_an_action_draft_and_esc_keeps_it_in_the_notes(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    editor = workspace.editor
    notes = editor.notes
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(qtbot, notes, "Action: circulate the notes – Louise Storey")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert "Make this an action?" in editor.offer.label.text()
    qtbot.keyClick(notes, Qt.Key.Key_Escape)
    assert not editor.offer.isVisible()
    assert "Action: circulate the notes – Louise Storey" in notes.toPlainText()

    type_text(qtbot, notes, "Action: send the video link – Chris Coyle")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.mouseClick(editor.offer.accept_button, Qt.MouseButton.LeftButton)
    assert editor.draft_frame.isVisible() and editor.draft is not None
    assert [o.name for o in editor.draft.owners] == ["Chris Coyle"]
    assert editor.action_input.hasFocus()
    assert "send the video link" in notes.toPlainText()  # until the action exists
    qtbot.keyClick(editor.action_input, Qt.Key.Key_Return)
    assert _owners(demo_store, item_ids(demo_store, AUGUST)[0]) == [["Chris Coyle"]]
    assert "send the video link" not in notes.toPlainText()
    assert "Action: circulate the notes – Louise Storey" in notes.toPlainText()


def test_typing_on_after_the_offer_declines_it(qtbot: QtBot, workspace: MeetingWorkspace) -> None:
    notes = workspace.editor.notes
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(qtbot, notes, "Resolved: to note the report")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    type_text(qtbot, notes, "Next")
    assert not workspace.editor.offer.isVisible()
    assert notes.toPlainText().endswith("Resolved: to note the report\nNext")


def test_a_chosen_owner_keeps_the_clerks_words_and_links_the_person(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    line = workspace.editor.action_input
    line.setFocus()
    type_text(qtbot, line, "Report back – CC Dri")
    completer = workspace.editor.owner_completer
    assert completer.suggestions() == ["Geoff Driver"]
    qtbot.keyClick(completer.completer.popup(), Qt.Key.Key_Down)
    qtbot.keyClick(completer.completer.popup(), Qt.Key.Key_Return)
    assert line.text() == "Report back – CC Driver"  # as the minutes write it
    qtbot.keyClick(line, Qt.Key.Key_Return)
    draft = workspace.editor.draft
    assert draft is not None and [(o.written, o.name, o.is_new) for o in draft.owners] == [
        ("CC Driver", "Geoff Driver", False)
    ]
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert _owners(demo_store, item_ids(demo_store, AUGUST)[0]) == [["Geoff Driver"]]


def test_one_word_typed_takes_the_whole_name() -> None:
    from boardapp.gui.workspace.completer import kept_as_written

    assert kept_as_written("Aman", "Amanda Hatton") == "Amanda Hatton"
    assert kept_as_written("CC Dri", "Geoff Driver") == "CC Driver"
    assert kept_as_written("Cllr X", "Geoff Driver") == "Geoff Driver"  # nothing of it matches: the name
