"""The item timer: elapsed against the time allowed, following the clerk from item to item, and the predicted end."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boardapp.gui.workspace import MeetingWorkspace
from boardapp.gui.workspace.timer import clock_label, predicted_end
from tests.gui.workspace.ws_helpers import SEPTEMBER, FakeClock


def test_f9_times_the_item_and_the_agenda_predicts_the_end(
    qtbot: QtBot, make_workspace: object, clock: FakeClock
) -> None:
    workspace: MeetingWorkspace = make_workspace(SEPTEMBER, item=3)  # type: ignore[operator]  # CSE, 15 min
    assert workspace.timer_label.text() == ""
    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_F9)
    assert workspace.timer.running
    clock.advance(7 * 60 + 5)
    workspace.timer.ticked.emit()
    assert workspace.timer_label.text() == "Item 3: 7:05 of 15 min"
    # 2.37 pm now, 7 min 55 s left on item 3, then 100 minutes for items 4 to 12 (90 for the agenda's
    # items 4 to 11 + 10 for the urgent item of the demo's formal record, issue 17).
    assert "predicted end 4.25 pm" in workspace.agenda.footer.text()
    assert workspace.agenda.model.timed_item_id == workspace.current_item_id

    clock.advance(10 * 60)
    workspace.timer.ticked.emit()
    assert workspace.timer_label.text() == "Item 3: 17:05 of 15 min"  # over time: shown in red, bold
    assert "font-weight:600" in workspace.timer_label.styleSheet()

    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert workspace.timer.item_id == workspace.current_item_id  # the running timer follows the clerk
    clock.advance(65)
    workspace.timer.ticked.emit()
    assert workspace.timer_label.text() == "Item 4: 1:05 of 15 min"

    qtbot.keyClick(workspace.editor.notes, Qt.Key.Key_F9)
    assert not workspace.timer.running
    clock.advance(600)
    assert workspace.timer_label.text() == "paused · Item 4: 1:05 of 15 min"
    assert workspace.timer.elapsed(workspace.rows[2].id) == 17 * 60 + 5  # kept per item


def test_predicted_end_and_labels() -> None:
    from boardapp.core.enums import StandingKind
    from boardapp.gui.workspace.agenda_model import AgendaRow

    def row(item_id: int, minutes: int | None) -> AgendaRow:
        return AgendaRow(item_id, item_id, "x", (), "", minutes, None, StandingKind.NONE, False, "", 0)

    rows = [row(1, 10), row(2, 20), row(3, None), row(4, 5)]
    now = dt.datetime(2017, 9, 12, 15, 0)
    assert predicted_end(rows, 2, 25 * 60, now) == dt.datetime(2017, 9, 12, 15, 5)  # over: only what follows
    assert predicted_end(rows, 1, 0, now) == dt.datetime(2017, 9, 12, 15, 35)
    assert predicted_end(rows, 99, 0, now) is None
    assert [clock_label(s) for s in (0, 65, 3729)] == ["0:00", "1:05", "1:02:09"]
