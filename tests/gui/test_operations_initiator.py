"""`Operations.run(..., initiator=view)`: every view hears the change, marked with the view that made it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Meeting
from boardapp.gui.operations import Operations
from boardapp.gui.views.calendar_page import DATE, CalendarPage, RescheduleDialog
from boardapp.services import minuting
from boardapp.services.changes import Changes, of
from boardapp.store.database import Store

BOARD = 1  # the demo board
OCTOBER, MOVED_TO = dt.date(2017, 10, 10), dt.date(2017, 10, 17)


def _first_item(store: Store) -> int:
    with store.session() as session:
        meeting = session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 8, 1))).one()
        query = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id, AgendaItem.position == 1)
        return session.exec(query).one() or 0


def test_a_write_names_the_view_that_made_it(qtbot: QtBot, demo_store: Store) -> None:
    operations = Operations(demo_store, show_errors=False)
    item_id = _first_item(demo_store)
    view = QWidget()
    qtbot.addWidget(view)
    with qtbot.waitSignal(operations.changed, timeout=1000) as blocker:
        decision_id = operations.run(minuting.add_decision, item_id, "That the welcome be noted.", initiator=view)
    assert isinstance(decision_id, int) and decision_id > 0  # the value still comes back
    assert blocker.args == [of(minutes=item_id)] and blocker.args[0].initiator is view
    with qtbot.waitSignal(operations.changed, timeout=1000) as blocker:
        operations.run(minuting.save_notes, item_id, "The Chair welcomed everyone.")
    assert blocker.args[0].initiator is None  # a write that does not say who made it: every view refreshes


def test_broadcast_marks_writes_made_outside_run_and_skips_nothing_changed(qtbot: QtBot, demo_store: Store) -> None:
    operations = Operations(demo_store, show_errors=False)
    heard: list[Changes] = []
    operations.changed.connect(heard.append)
    view = QWidget()
    qtbot.addWidget(view)
    operations.broadcast(Changes(), initiator=view)
    operations.broadcast(of(minutes=3), initiator=view)
    operations.broadcast(of(actions=4))
    assert heard == [of(minutes=3), of(actions=4)]
    assert [c.initiator for c in heard] == [view, None]


def _page(qtbot: QtBot, operations: Operations) -> CalendarPage:
    page = CalendarPage(operations, lambda: dt.date(2017, 9, 1))
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.show_board(BOARD)
    return page


def _row_of(page: CalendarPage, day: dt.date) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.row_at(r).date == day)


def _answer_reschedule(qtbot: QtBot, problems: list[str]) -> Callable[[], None]:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RescheduleDialog):
            problems.append(f"expected the reschedule dialog, found {dialog!r}")
            return
        for widget, text in ((dialog.new_date, "17/10/2017"), (dialog.time, "10:00"), (dialog.reason, "LGA")):
            widget.setFocus()
            qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(widget, text)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    return answer


def test_the_calendar_reads_its_own_reschedule_once_and_another_calendar_still_refreshes(
    qtbot: QtBot, demo_store: Store
) -> None:
    operations = Operations(demo_store, show_errors=False)
    page, other = _page(qtbot, operations), _page(qtbot, operations)  # e.g. a second window on the board
    page.table.selectRow(_row_of(page, OCTOBER))
    page.table.setCurrentIndex(page.model.index(_row_of(page, OCTOBER), DATE))
    resets: list[str] = []
    page.model.modelReset.connect(lambda: resets.append("page"))
    other.model.modelReset.connect(lambda: resets.append("other"))
    problems: list[str] = []
    QTimer.singleShot(0, _answer_reschedule(qtbot, problems))
    assert page.reschedule_selected()
    assert problems == []
    assert resets.count("page") == 1  # its own write: one re-read, by the page itself (was two)
    assert resets.count("other") == 1  # the other view heard the broadcast and re-read
    moved = page.model.row_at(_row_of(page, MOVED_TO))
    assert page.selected_id() == moved.id  # the clerk's row stays chosen
    assert other.model.row_at(_row_of(other, MOVED_TO)).id == moved.id
