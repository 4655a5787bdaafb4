"""No lost updates in the workspace (issue 16 point 2): another clerk saves the notes under the editor.

A second store on the same file changes the minute; the workspace's next autosave is refused as an
edit conflict, the conflict dialog shows both texts, and the clerk's choice is stored. Until then the
clerk's text is in the recovery file; afterwards both texts are in the conflict copy file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.models import Action, AgendaItem
from boardapp.gui.dialogs.conflict import MARKER, ConflictDialog, conflict_copies_path, run_checked
from boardapp.gui.operations import Operations
from boardapp.gui.recovery import recovery_dir
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.dialogs import ItemDialog
from boardapp.services import agenda, minuting
from boardapp.store.database import Store, open_database
from tests.gui.workspace.ws_helpers import AUGUST, meeting_id, stored_notes

SAVE_TIMEOUT_MS = 3000
THEIRS = "Minuted by the other clerk."


@pytest.fixture
def workspace(qtbot: QtBot, demo_store: Store) -> Iterator[MeetingWorkspace]:
    operations = Operations(demo_store, show_errors=False)
    ws = MeetingWorkspace(operations, debounce_ms=50, max_delay_ms=100)
    qtbot.addWidget(ws)
    ws.resize(1366, 740)
    ws.show()
    qtbot.waitExposed(ws)
    ws.open_meeting(meeting_id(demo_store, AUGUST))
    yield ws
    ws.close_meeting()


@pytest.fixture
def other_clerk(demo_store: Store, tmp_path: Path) -> Iterator[Store]:
    other = open_database(demo_store.path, tmp_path / "other-backups")
    yield other
    other.close()


def _recovered(store: Store, item_id: int) -> str | None:
    path = recovery_dir(store.path) / f"item-{item_id}.json"
    return str(json.loads(path.read_text(encoding="utf-8"))["text"]) if path.exists() else None


def _answer_with(
    qtbot: QtBot, button: str, seen: list[ConflictDialog], *, then: Callable[[ConflictDialog], None] | None = None
) -> Callable[[QDialog], bool]:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ConflictDialog)
        seen.append(dialog)
        if then is not None:
            then(dialog)
        qtbot.mouseClick(dialog.findChild(type(dialog.keep_mine), button), Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    return answer


def _type_mine(qtbot: QtBot, ws: MeetingWorkspace, words: str) -> str:
    editor = ws.editor.notes
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, words)
    return editor.toPlainText()


def test_save_merged_after_an_autosave_conflict(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, other_clerk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = workspace.current_item_id
    assert item is not None
    with other_clerk.transaction() as session:  # the other clerk saves while this editor is open
        minuting.save_notes(session, item, THEIRS)
    seen: list[ConflictDialog] = []
    held_while_asking: list[str | None] = []
    stored_while_asking: list[str] = []

    def edit_merge(dialog: ConflictDialog) -> None:
        held_while_asking.append(_recovered(demo_store, item))
        stored_while_asking.append(stored_notes(demo_store, item))
        dialog.merged.setFocus()
        dialog.merged.moveCursor(dialog.merged.textCursor().MoveOperation.End)
        qtbot.keyClicks(dialog.merged, " Both agreed.")

    monkeypatch.setattr(workspace, "exec_dialog", _answer_with(qtbot, "saveMerged", seen, then=edit_merge))
    mine = _type_mine(qtbot, workspace, " Cllr Charles gave her apologies.")

    qtbot.waitUntil(lambda: len(seen) == 1, timeout=SAVE_TIMEOUT_MS)
    dialog = seen[0]
    assert dialog.theirs.toPlainText() == THEIRS and dialog.theirs.isReadOnly()
    assert dialog.mine.toPlainText() == mine
    merged = f"{mine}\n\n{MARKER}\n\n{THEIRS} Both agreed."
    assert held_while_asking == [mine]  # the clerk's text was in the recovery file until the choice
    assert stored_while_asking == [THEIRS]  # and the other clerk's text was not overwritten
    qtbot.waitUntil(lambda: stored_notes(demo_store, item) == merged, timeout=SAVE_TIMEOUT_MS)
    assert workspace.editor.notes.toPlainText() == merged
    assert _recovered(demo_store, item) is None  # removed once the chosen text was saved
    copies = conflict_copies_path(demo_store.path).read_text(encoding="utf-8")
    assert mine in copies and THEIRS in copies and "saved merged" in copies
    qtbot.waitUntil(lambda: workspace.editor.save_label.text() == "Saved ✓", timeout=SAVE_TIMEOUT_MS)

    _type_mine(qtbot, workspace, " Later words.")  # the editor now edits from the merged version: no conflict
    qtbot.waitUntil(lambda: stored_notes(demo_store, item) == merged + " Later words.", timeout=SAVE_TIMEOUT_MS)
    assert len(seen) == 1


def test_keep_theirs_keeps_a_conflict_copy_of_mine(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, other_clerk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = workspace.current_item_id
    assert item is not None
    with other_clerk.transaction() as session:
        minuting.save_notes(session, item, THEIRS)
    seen: list[ConflictDialog] = []
    monkeypatch.setattr(workspace, "exec_dialog", _answer_with(qtbot, "keepTheirs", seen))
    mine = _type_mine(qtbot, workspace, " Words only I typed.")
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=SAVE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: workspace.editor.notes.toPlainText() == THEIRS, timeout=SAVE_TIMEOUT_MS)
    assert stored_notes(demo_store, item) == THEIRS
    assert mine in conflict_copies_path(demo_store.path).read_text(encoding="utf-8")


def test_decide_later_holds_the_text_and_asks_again(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, other_clerk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = workspace.current_item_id
    assert item is not None
    with other_clerk.transaction() as session:
        minuting.save_notes(session, item, THEIRS)
    seen: list[ConflictDialog] = []
    monkeypatch.setattr(workspace, "exec_dialog", _answer_with(qtbot, "decideLater", seen))
    _type_mine(qtbot, workspace, " First.")
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=SAVE_TIMEOUT_MS)
    qtbot.waitUntil(lambda: workspace.editor.save_label.text().startswith("Not saved"), timeout=SAVE_TIMEOUT_MS)
    assert workspace.autosaver is not None and not workspace.autosaver.flush()  # closing would ask
    assert stored_notes(demo_store, item) == THEIRS

    monkeypatch.setattr(workspace, "exec_dialog", _answer_with(qtbot, "keepMine", seen))
    mine = _type_mine(qtbot, workspace, " Second.")  # the next edit asks again
    assert _recovered(demo_store, item) is not None
    qtbot.waitUntil(lambda: stored_notes(demo_store, item) == mine, timeout=SAVE_TIMEOUT_MS)
    assert len(seen) == 2
    assert workspace.autosaver.flush()


def test_run_checked_resolves_an_action_conflict(
    qtbot: QtBot, demo_store: Store, other_clerk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generic wrapper for action, agenda item and plan item edits: same dialog, choice saved."""
    operations = Operations(demo_store, show_errors=False)
    with demo_store.session() as session:
        action = session.exec(select(Action)).first()
        assert action is not None
        action_id, loaded = action.id or 0, action.version
    with other_clerk.transaction() as session:
        minuting.update_action(session, action_id, text="Their wording")
    seen: list[ConflictDialog] = []
    run_checked(
        operations.run,
        minuting.update_action,
        action_id,
        expected_version=loaded,
        field="text",
        text="My wording",
        parent=None,
        db_path=demo_store.path,
        exec_dialog=_answer_with(qtbot, "keepMine", seen),
    )
    assert [(d.theirs.toPlainText(), d.mine.toPlainText()) for d in seen] == [("Their wording", "My wording")]
    with demo_store.session() as session:
        stored = session.get(Action, action_id)
        assert stored is not None and (stored.text, stored.version) == ("My wording", loaded + 2)


def test_agenda_item_title_edited_by_both_clerks(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, other_clerk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+E on an item the other clerk renamed since the workspace loaded it: the conflict dialog, then merged."""
    item = workspace.current_item_id
    assert item is not None
    with other_clerk.transaction() as session:
        agenda.update_item(session, item, title="Their title")
    seen: list[QDialog] = []

    def answer(dialog: QDialog) -> bool:
        seen.append(dialog)
        if isinstance(dialog, ItemDialog):
            dialog.title.selectAll()
            qtbot.keyClicks(dialog.title, "My title")
            return True
        assert isinstance(dialog, ConflictDialog)
        assert (dialog.theirs.toPlainText(), dialog.mine.toPlainText()) == ("Their title", "My title")
        dialog.merged.selectAll()
        qtbot.keyClicks(dialog.merged, "Our title")
        qtbot.mouseClick(dialog.save_merged, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert [type(d) for d in seen] == [ItemDialog, ConflictDialog]
    with demo_store.session() as session:
        stored = session.get(AgendaItem, item)
        assert stored is not None and stored.title == "Our title"
