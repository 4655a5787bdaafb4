"""The calendar page: a board's meetings, scheduled, rescheduled, cancelled and opened by mouse and keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import DueKind, MeetingStatus
from boardapp.core.models import Action, Meeting, MeetingStatusChange
from boardapp.gui.dialogs.schedule_meeting import ScheduleMeetingsDialog
from boardapp.gui.operations import Operations
from boardapp.gui.views.calendar_page import DATE, CalendarModel, CalendarPage, CancelDialog, RescheduleDialog
from boardapp.services import calendar
from boardapp.store.database import Store
from tests.helpers.calendar_helpers import new_board

TODAY = dt.date(2017, 9, 1)
BOARD = 1  # the demo board


def _page(qtbot: QtBot, store: Store, board_id: int, today: dt.date = TODAY) -> CalendarPage:
    page = CalendarPage(Operations(store, show_errors=False), lambda: today)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.show_board(board_id)
    return page


def _row_of(page: CalendarPage, day: dt.date) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.row_at(r).date == day)


def _click_row(qtbot: QtBot, page: CalendarPage, day: dt.date) -> None:
    index = page.model.index(_row_of(page, day), DATE)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _type(qtbot: QtBot, widget: QWidget | None, text: str) -> None:
    assert widget is not None
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _in_modal(qtbot: QtBot, kind: type, act: Callable[[QWidget], None]) -> list[str]:
    """Run `act` on the next modal dialog of `kind` once it is open; returns problems seen."""
    problems: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            problems.append(f"expected a {kind.__name__}, found {dialog!r}")
            if dialog is not None:
                dialog.close()
            return
        assert dialog is not None
        act(dialog)

    QTimer.singleShot(0, run)
    return problems


def _meeting(store: Store, day: dt.date) -> Meeting:
    with store.session() as session:
        return session.exec(select(Meeting).where(col(Meeting.date) == day)).one()


def test_the_demo_boards_meetings(qtbot: QtBot, demo_store: Store) -> None:
    # "Today" is the day after September's meeting, so the next meeting is October's, still scheduled.
    page = _page(qtbot, demo_store, BOARD, today=dt.date(2017, 9, 13))
    assert page.model.rowCount() == 4 and not page.empty.isVisible()
    assert page.heading.text() == "Lancashire Children's Services Improvement Board — meetings"
    september = _row_of(page, dt.date(2017, 9, 12))
    cells = [page.model.index(september, c).data() for c in range(page.model.columnCount())]
    assert cells[:2] == ["Tuesday 12 September 2017", "2.30 pm"]
    # The demo's formal record (issue 17, resources/demo/formal_record.json) holds September's meeting:
    # it is held (draft minutes) and has its urgent item too, so 11 agenda items + 1.
    assert cells[3:6] == ["Draft minutes", "12", "2"]
    october = _row_of(page, dt.date(2017, 10, 10))
    assert page.model.index(october, 3).data() == "Scheduled"
    assert page.selected_id() == page.model.row_at(october).id  # the next meeting after "today"
    assert page.reschedule_button.isEnabled() and page.cancel_button.isEnabled()

    _click_row(qtbot, page, dt.date(2017, 8, 1))  # held: it can be opened, not moved
    assert page.model.index(_row_of(page, dt.date(2017, 8, 1)), 3).data() == "Draft minutes"
    assert not page.reschedule_button.isEnabled() and not page.cancel_button.isEnabled()
    assert page.open_button.isEnabled()


def test_open_by_button_double_click_and_enter(qtbot: QtBot, demo_store: Store) -> None:
    page = _page(qtbot, demo_store, BOARD)
    august = _meeting(demo_store, dt.date(2017, 8, 1)).id
    _click_row(qtbot, page, dt.date(2017, 8, 1))
    with qtbot.waitSignal(page.open_meeting_requested, timeout=1000) as opened:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [august]
    october = page.table.visualRect(page.model.index(_row_of(page, dt.date(2017, 10, 10)), DATE)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=october)  # a double-click's first press
    with qtbot.waitSignal(page.open_meeting_requested, timeout=1000) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=october)
    assert opened.args == [_meeting(demo_store, dt.date(2017, 10, 10)).id]
    page.table.setFocus()
    with qtbot.waitSignal(page.open_meeting_requested, timeout=1000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [_meeting(demo_store, dt.date(2017, 10, 10)).id]


def test_reschedule_by_keyboard(qtbot: QtBot, demo_store: Store) -> None:
    # September's demo meeting is held (issue 17's formal record), so October's, still scheduled, is moved.
    page = _page(qtbot, demo_store, BOARD)
    _click_row(qtbot, page, dt.date(2017, 10, 10))

    def move(dialog: QWidget) -> None:
        assert isinstance(dialog, RescheduleDialog)
        _type(qtbot, dialog.new_date, "17/10/2017")
        _type(qtbot, dialog.time, "10:00")
        _type(qtbot, dialog.reason, "Chair at the LGA conference")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    problems = _in_modal(qtbot, RescheduleDialog, move)
    qtbot.mouseClick(page.reschedule_button, Qt.MouseButton.LeftButton)
    assert problems == []
    moved = _meeting(demo_store, dt.date(2017, 10, 17))
    assert (moved.rescheduled_from, moved.start_time) == (dt.date(2017, 10, 10), dt.time(10, 0))
    with demo_store.session() as session:
        reasons = session.exec(select(MeetingStatusChange.reason).where(MeetingStatusChange.meeting_id == moved.id))
        assert list(reasons) == ["rescheduled from 10 October 2017 to 17 October 2017: Chair at the LGA conference"]
        video = session.exec(select(Action).where(col(Action.text).startswith("To show the video"))).one()
        assert video.due_meeting_id == moved.id
    row = _row_of(page, dt.date(2017, 10, 17))
    assert page.model.index(row, 6).data() == "Moved from 10 October 2017"
    assert page.selected_id() == moved.id


def test_a_refused_reschedule_keeps_the_dialog_open(qtbot: QtBot, demo_store: Store) -> None:
    page = _page(qtbot, demo_store, BOARD)
    _click_row(qtbot, page, dt.date(2017, 10, 10))  # September's is held (issue 17's record); October's is not
    seen: list[str] = []
    page.operations.failed.connect(seen.append)

    def clash(dialog: QWidget) -> None:
        assert isinstance(dialog, RescheduleDialog)
        _type(qtbot, dialog.new_date, "12/09/2017")  # the September meeting's date
        qtbot.keyClick(dialog.new_date, Qt.Key.Key_Return)
        QTimer.singleShot(0, lambda: close(dialog))

    def close(dialog: QWidget) -> None:
        assert isinstance(dialog, RescheduleDialog) and dialog.isVisible()  # shown again to correct
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    problems = _in_modal(qtbot, RescheduleDialog, clash)
    assert page.reschedule_selected() is False
    assert problems == [] and seen and "already has a meeting" in seen[0]
    assert _meeting(demo_store, dt.date(2017, 10, 10)).rescheduled_from is None


def test_cancel_asks_for_a_reason_and_moves_the_actions(qtbot: QtBot, demo_store: Store) -> None:
    # September's demo meeting is held (issue 17's record): cancel October's, after scheduling November's
    # for its actions to move to.
    october = _meeting(demo_store, dt.date(2017, 10, 10))
    with demo_store.transaction() as session:
        november_id, _ = calendar.schedule_meeting(session, BOARD, dt.date(2017, 11, 14))
        due_october = set(session.exec(select(Action.id).where(Action.due_meeting_id == october.id)))
        due_november = set(session.exec(select(Action.id).where(Action.due_meeting_id == november_id)))
    assert len(due_october) == 2  # the video action and the demo's Part II action (issue 12)
    page = _page(qtbot, demo_store, BOARD)
    _click_row(qtbot, page, dt.date(2017, 10, 10))

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, CancelDialog)
        assert not dialog.confirm.isEnabled()  # no reason yet
        qtbot.keyClicks(dialog.reason, "Not quorate")
        assert dialog.confirm.isEnabled()
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)

    problems = _in_modal(qtbot, CancelDialog, cancel)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert problems == []
    cancelled = _meeting(demo_store, dt.date(2017, 10, 10))
    assert cancelled.status is MeetingStatus.CANCELLED and cancelled.cancelled_reason == "Not quorate"
    with demo_store.session() as session:
        moved = session.exec(select(Action).where(Action.due_meeting_id == november_id)).all()
        assert session.exec(select(Action).where(Action.due_meeting_id == october.id)).all() == []
    # the 2 moved from October + any already due in November
    assert {a.id for a in moved} == due_october | due_november
    assert all(a.due_kind is DueKind.MEETING for a in moved)
    row = _row_of(page, dt.date(2017, 10, 10))
    assert page.model.index(row, 3).data() == "Cancelled"
    assert page.model.index(row, 6).data() == "Cancelled: Not quorate"
    assert page.model.index(_row_of(page, dt.date(2017, 11, 14)), 5).data() == str(len(moved))
    assert not page.cancel_button.isEnabled()


def test_keeping_the_meeting_changes_nothing(qtbot: QtBot, demo_store: Store) -> None:
    page = _page(qtbot, demo_store, BOARD)
    _click_row(qtbot, page, dt.date(2017, 10, 10))
    problems = _in_modal(qtbot, CancelDialog, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert page.cancel_selected() is False and problems == []
    assert _meeting(demo_store, dt.date(2017, 10, 10)).status is MeetingStatus.SCHEDULED


def test_from_an_empty_board_schedule_the_first_meetings(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
    page = _page(qtbot, store, board_id, today=dt.date(2025, 12, 1))
    assert page.model.rowCount() == 0 and page.empty.isVisible()
    assert not page.reschedule_button.isEnabled() and not page.open_button.isEnabled()

    def series(dialog: QWidget) -> None:
        assert isinstance(dialog, ScheduleMeetingsDialog)
        qtbot.mouseClick(dialog.series, Qt.MouseButton.LeftButton)
        _type(qtbot, dialog.date, "01/01/2026")
        _type(qtbot, dialog.rule.lineEdit(), "last thursday")
        _type(qtbot, dialog.count, "4")
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    problems = _in_modal(qtbot, ScheduleMeetingsDialog, series)
    qtbot.mouseClick(page.schedule_button, Qt.MouseButton.LeftButton)
    assert problems == []
    assert [page.model.row_at(r).date for r in range(page.model.rowCount())] == [
        dt.date(2026, 1, 29), dt.date(2026, 2, 26), dt.date(2026, 3, 26), dt.date(2026, 4, 30),
    ]  # fmt: skip
    assert not page.empty.isVisible()
    assert page.model.index(0, 1).data() == "10.00 am – 11.30 am"
    assert page.model.index(0, 4).data() == "5"
    assert page.selected_id() == page.model.row_at(0).id


def test_changes_made_elsewhere_show_at_once(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
    page = _page(qtbot, store, board_id)
    page.operations.run(calendar.schedule_meeting, board_id, dt.date(2026, 1, 6))
    assert page.model.rowCount() == 1


def test_an_archived_board_cannot_get_new_meetings(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session, archived=True)
    page = _page(qtbot, store, board_id)
    assert page.heading.text().endswith("(archived)") and not page.schedule_button.isEnabled()


def test_calendar_model(qtmodeltester: ModelTester, demo_store: Store) -> None:
    model = CalendarModel()
    with demo_store.session() as session:
        model.set_rows(calendar.board_calendar(session, BOARD))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and model.headerData(0, Qt.Orientation.Horizontal) == "Date"


def test_a_board_that_no_longer_exists(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store, 99)
    assert "no board with id 99" in page.heading.text()
    assert page.model.rowCount() == 0 and not page.schedule_button.isEnabled()
