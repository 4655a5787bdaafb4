"""The agenda column: keyboard and drag reordering, adding, editing (Part II, papers), deleting, timings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import ItemPurpose, StandingKind
from boardapp.core.models import AgendaItem, AgendaItemPresenter, Paper, Person
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.dialogs import ItemDialog
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, OCTOBER, SEPTEMBER, item_ids


def test_items_move_with_the_keyboard_and_keep_their_numbers(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store
) -> None:
    before = item_ids(demo_store, AUGUST)
    view = workspace.agenda.view
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # Go to the agenda
    assert QApplication.focusWidget() is view
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Down)  # item 3, "Being a Good Corporate Parent"
    assert workspace.current_item_id == before[2]
    down = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Down, down)
    qtbot.keyClick(view, Qt.Key.Key_Down, down)
    after = item_ids(demo_store, AUGUST)
    assert after == [before[0], before[1], before[3], before[4], before[2], *before[5:]]
    assert workspace.current_item_id == before[2]  # still selected, now item 5
    assert workspace.editor.title.text().startswith("5.")
    assert [r.number for r in workspace.rows] == list(range(1, 9))
    qtbot.keyClick(view, Qt.Key.Key_Up, down)
    assert item_ids(demo_store, AUGUST)[3] == before[2]


def test_enter_in_the_agenda_goes_to_the_notes(qtbot: QtBot, workspace: MeetingWorkspace) -> None:
    workspace.focus_agenda()
    qtbot.keyClick(workspace.agenda.view, Qt.Key.Key_Down)
    qtbot.keyClick(workspace.agenda.view, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is workspace.editor.notes


def test_a_dropped_row_moves_the_item(qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store) -> None:
    before = item_ids(demo_store, AUGUST)
    model = workspace.agenda.model
    data = model.mimeData([model.index(6, 0)])  # "12 Week Improvement Plan", dragged...
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, model.index(-1, 0)) is False  # ...above item 3
    qtbot.waitUntil(lambda: item_ids(demo_store, AUGUST)[2] == before[6], timeout=1000)
    assert item_ids(demo_store, AUGUST) == [*before[:2], before[6], *before[2:6], before[7]]
    data = model.mimeData([model.index(0, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index(-1, 0))  # onto the empty space below
    qtbot.waitUntil(lambda: item_ids(demo_store, AUGUST)[-1] == before[0], timeout=1000)


def test_new_item_from_the_keyboard(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        qtbot.keyClicks(dialog.title, "Sufficiency Strategy")
        dialog.purpose.setCurrentIndex(dialog.purpose.findData(ItemPurpose.DECISION))
        dialog.minutes.setValue(20)
        qtbot.keyClicks(dialog.presenters, "Chris Coyle/Heads of Service")
        return True

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    ids = item_ids(demo_store, AUGUST)
    assert len(ids) == 9
    with demo_store.session() as session:
        added = session.get(AgendaItem, ids[7])  # before "Any other business"
        assert added is not None and added.title == "Sufficiency Strategy"
        assert (added.purpose, added.minutes_allowed) == (ItemPurpose.DECISION, 20)
        presenters = session.exec(
            select(AgendaItemPresenter).where(AgendaItemPresenter.agenda_item_id == added.id)
        ).all()
        assert len(presenters) == 2
    assert workspace.current_item_id == ids[7]
    assert workspace.editor.title.text() == "8.  Sufficiency Strategy"


def test_editing_an_item_marks_it_exempt_and_attaches_a_paper(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    workspace: MeetingWorkspace = make_workspace(SEPTEMBER, item=6)  # type: ignore[operator]
    item = item_ids(demo_store, SEPTEMBER)[5]
    paper = tmp_path / "Appendix_A_staffing.pdf"
    paper.write_bytes(b"%PDF-1.4")

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        dialog.exempt.setChecked(True)
        dialog.paragraph.setCurrentIndex(dialog.paragraph.findData("3"))
        qtbot.keyClicks(dialog.reason, "Commercial terms of a contract")
        dialog.show_title.setChecked(False)
        monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *_a, **_k: (str(paper), ""))
        add_paper = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add &paper…")
        qtbot.mouseClick(add_paper, Qt.MouseButton.LeftButton)
        return True

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    with demo_store.session() as session:
        stored = session.get(AgendaItem, item)
        assert stored is not None and stored.is_exempt
        assert (stored.exempt_paragraph, stored.exempt_reason) == ("3", "Commercial terms of a contract")
        assert stored.show_title_when_exempt is False
        papers = session.exec(select(Paper).where(Paper.agenda_item_id == item)).all()
        assert [(p.title, p.location) for p in papers] == [("Appendix A staffing", str(paper))]
    assert workspace.editor.exempt_banner.isVisible()
    assert "paragraph 3" in workspace.editor.exempt_banner.text()
    assert workspace.agenda.model.rows()[5].exempt_label == "Part II ¶3"
    assert "Papers: Appendix A staffing" in workspace.editor.meta.text()


def test_a_paper_is_removed(
    qtbot: QtBot, make_workspace: object, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace: MeetingWorkspace = make_workspace(SEPTEMBER, item=3)  # type: ignore[operator]
    item = item_ids(demo_store, SEPTEMBER)[2]
    with demo_store.transaction() as session:
        session.add(Paper(agenda_item_id=item, title="CSE data", location="papers/cse.xlsx"))

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        titles = [dialog.papers.item(row).text() for row in range(dialog.papers.count())]
        dialog.papers.setCurrentRow(next(r for r, t in enumerate(titles) if t.startswith("CSE data")))
        remove = next(b for b in dialog.findChildren(QPushButton) if b.text() == "&Remove")
        qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
        return True

    with demo_store.session() as session:
        others = [p.title for p in session.exec(select(Paper).where(Paper.agenda_item_id == item)).all()]
    monkeypatch.setattr(workspace, "exec_dialog", answer)
    workspace.edit_item_action.trigger()
    with demo_store.session() as session:  # the demo's own papers for the item stay
        left = [p.title for p in session.exec(select(Paper).where(Paper.agenda_item_id == item)).all()]
    assert "CSE data" in others and left == [t for t in others if t != "CSE data"]


def test_delete_asks_then_removes_the_item(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = item_ids(demo_store, AUGUST)
    questions: list[str] = []
    monkeypatch.setattr(workspace, "confirm", lambda _title, text: questions.append(text) or len(questions) > 1)
    workspace.select_item(before[3])
    view = workspace.agenda.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert item_ids(demo_store, AUGUST) == before  # "No" kept it
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "Operational Improvement Group" in questions[0]
    assert item_ids(demo_store, AUGUST) == [*before[:3], *before[4:]]
    assert workspace.current_item_id == before[4]  # the next item is shown
    assert [r.number for r in workspace.rows] == list(range(1, 8))


def test_delete_in_the_notes_deletes_text_not_the_item(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace, "confirm", lambda *_a: pytest.fail("no item may be deleted"))
    workspace.editor.notes.setFocus()
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_Delete)
    assert len(item_ids(demo_store, AUGUST)) == 8


def test_standing_items_fill_an_empty_agenda(qtbot: QtBot, make_workspace: object, demo_store: Store) -> None:
    workspace: MeetingWorkspace = make_workspace(OCTOBER)  # type: ignore[operator]
    assert not workspace.editor.isEnabled()  # nothing to minute yet
    workspace.standing_action.trigger()
    with demo_store.session() as session:
        kinds = session.exec(
            select(AgendaItem.standing_kind)
            .where(col(AgendaItem.id).in_(item_ids(demo_store, OCTOBER)))
            .order_by(col(AgendaItem.position))
        ).all()
    assert kinds == [StandingKind.WELCOME, StandingKind.PREVIOUS_MINUTES, StandingKind.ANY_OTHER_BUSINESS,
                     StandingKind.NEXT_MEETING]  # fmt: skip
    assert workspace.editor.isEnabled() and workspace.editor.title.text() == "1.  Welcome and Introductions"


def test_timings_add_up_in_the_agenda(qtbot: QtBot, make_workspace: object) -> None:
    workspace: MeetingWorkspace = make_workspace(SEPTEMBER)  # type: ignore[operator]
    rows = workspace.agenda.model.rows()
    assert [r.meta.split(" · ")[0] for r in rows[:4]] == ["2.30 pm", "2.35 pm", "2.45 pm", "3.00 pm"]
    # 11 agenda items + the urgent item of the demo's formal record (issue 17, 10 min, before Any other business)
    assert "12 items · 2 h 10 min allowed · planned finish 4.40 pm" in workspace.agenda.footer.text()
    exempt = next(r for r in rows if r.is_exempt)
    assert exempt.exempt_label == "Part II ¶1"
    assert "Part II" in workspace.agenda.model.index(rows.index(exempt), 0).data(Qt.ItemDataRole.ToolTipRole)


def test_presenters_typed_in_the_dialog_become_people(
    qtbot: QtBot, workspace: MeetingWorkspace, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ItemDialog)
        dialog.presenters.clear()
        qtbot.keyClicks(dialog.presenters, "Priya Natarajan")
        return True

    monkeypatch.setattr(workspace, "exec_dialog", answer)
    workspace.edit_item_action.trigger()
    with demo_store.session() as session:
        assert session.exec(select(Person).where(Person.name == "Priya Natarajan")).one()
    assert workspace.editor.meta.text().startswith("Priya Natarajan")
