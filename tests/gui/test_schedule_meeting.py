"""The schedule-meetings dialog, driven by keyboard and mouse, from a database with one new board."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Meeting
from boardapp.gui.dialogs.schedule_meeting import ScheduleMeetingsDialog, schedule_meetings
from boardapp.gui.operations import Operations
from boardapp.store.database import Store
from tests.helpers.calendar_helpers import STANDING, new_board

TODAY = dt.date(2025, 12, 1)


@pytest.fixture
def board_id(store: Store) -> int:
    with store.transaction() as session:
        return new_board(session)


def _stored(store: Store) -> list[tuple[Meeting, int]]:
    with store.session() as session:
        meetings = session.exec(select(Meeting).order_by(col(Meeting.date))).all()
        return [
            (m, len(session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == m.id)).all())) for m in meetings
        ]


def _type(qtbot: QtBot, widget: QWidget | None, text: str) -> None:
    """Replace what a field holds, as a clerk would: click in it, select all, type."""
    assert widget is not None
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def _dialog(qtbot: QtBot, store: Store, board_id: int) -> ScheduleMeetingsDialog:
    dialog = ScheduleMeetingsDialog(Operations(store, show_errors=False), board_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _ok(dialog: ScheduleMeetingsDialog) -> QWidget:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button


def test_a_series_from_the_rule_with_a_live_preview(qtbot: QtBot, store: Store, board_id: int) -> None:
    dialog = _dialog(qtbot, store, board_id)
    assert (dialog.time.text(), dialog.venue.text()) == ("10:00", "Room 2, County Hall")  # the board's defaults
    assert dialog.build.isChecked() and not dialog.rule.isEnabled()
    assert dialog.preview.count() == 1 and dialog.preview.item(0).text() == "Monday 1 December 2025 at 10.00 am"

    qtbot.mouseClick(dialog.series, Qt.MouseButton.LeftButton)
    assert dialog.series.isChecked() and dialog.rule.isEnabled()
    _type(qtbot, dialog.date, "01/01/2026")
    _type(qtbot, dialog.rule.lineEdit(), "first tuesday")
    _type(qtbot, dialog.count, "3")
    assert [dialog.preview.item(i).text() for i in range(dialog.preview.count())] == [
        "Tuesday 6 January 2026 at 10.00 am",
        "Tuesday 3 February 2026 at 10.00 am",
        "Tuesday 3 March 2026 at 10.00 am",
    ]
    assert dialog.summary.text() == "3 meetings will be scheduled, the first Tuesday of each month."
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    stored = _stored(store)
    assert [(m.date, m.start_time, m.venue, n) for m, n in stored] == [
        (dt.date(2026, 1, 6), dt.time(10, 0), "Room 2, County Hall", len(STANDING)),
        (dt.date(2026, 2, 3), dt.time(10, 0), "Room 2, County Hall", len(STANDING)),
        (dt.date(2026, 3, 3), dt.time(10, 0), "Room 2, County Hall", len(STANDING)),
    ]
    assert len(dialog.meeting_ids) == 3 and not dialog.isVisible()


def test_a_series_until_a_date(qtbot: QtBot, store: Store, board_id: int) -> None:
    dialog = _dialog(qtbot, store, board_id)
    qtbot.mouseClick(dialog.series, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.date, "08/01/2026")
    _type(qtbot, dialog.rule.lineEdit(), "every 6 weeks")
    qtbot.mouseClick(dialog.by_until, Qt.MouseButton.LeftButton)
    assert dialog.until.isEnabled() and not dialog.count.isEnabled()
    _type(qtbot, dialog.until, "01/06/2026")
    assert dialog.preview.count() == 4
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert [m.date for m, _ in _stored(store)] == [
        dt.date(2026, 1, 8), dt.date(2026, 2, 19), dt.date(2026, 4, 2), dt.date(2026, 5, 14),
    ]  # fmt: skip


def test_a_rule_not_understood_says_why_and_cannot_be_scheduled(qtbot: QtBot, store: Store, board_id: int) -> None:
    dialog = _dialog(qtbot, store, board_id)
    qtbot.mouseClick(dialog.series, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.rule.lineEdit(), "whenever the chair likes")
    assert "is not a meeting pattern BoardApp understands" in dialog.summary.text()
    assert dialog.preview.count() == 0 and not _ok(dialog).isEnabled()
    _type(qtbot, dialog.rule.lineEdit(), "monthly")
    _type(qtbot, dialog.date, "31/02/2026")
    assert "is not a date" in dialog.summary.text() and not _ok(dialog).isEnabled()
    _type(qtbot, dialog.date, "14 January 2026")
    assert dialog.preview.item(0).text() == "Wednesday 14 January 2026 at 10.00 am"
    _type(qtbot, dialog.time, "25:00")
    _type(qtbot, dialog.rule.lineEdit(), "monthly")
    assert "not a time" in dialog.summary.text() and not _ok(dialog).isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert _stored(store) == []


def test_one_meeting_with_its_own_time_and_venue_and_no_agenda(qtbot: QtBot, store: Store, board_id: int) -> None:
    dialog = _dialog(qtbot, store, board_id)
    _type(qtbot, dialog.date, "14/01/2026")
    _type(qtbot, dialog.time, "2.30 pm")
    _type(qtbot, dialog.venue, "Council Chamber")
    qtbot.mouseClick(dialog.build, Qt.MouseButton.LeftButton)
    assert not dialog.build.isChecked()
    assert dialog.preview.item(0).text() == "Wednesday 14 January 2026 at 2.30 pm"
    qtbot.keyClick(dialog.venue, Qt.Key.Key_Return)
    [(meeting, items)] = _stored(store)
    assert (meeting.date, meeting.start_time, meeting.end_time, meeting.venue, items) == (
        dt.date(2026, 1, 14), dt.time(14, 30), dt.time(16, 0), "Council Chamber", 0,
    )  # fmt: skip


def test_dates_the_board_already_has_are_marked(qtbot: QtBot, store: Store, board_id: int) -> None:
    first = _dialog(qtbot, store, board_id)
    _type(qtbot, first.date, "03/02/2026")
    qtbot.mouseClick(_ok(first), Qt.MouseButton.LeftButton)
    dialog = _dialog(qtbot, store, board_id)
    qtbot.mouseClick(dialog.series, Qt.MouseButton.LeftButton)
    _type(qtbot, dialog.date, "01/01/2026")
    _type(qtbot, dialog.rule.lineEdit(), "first tuesday")
    _type(qtbot, dialog.count, "3")
    assert dialog.preview.item(1).text().endswith("the board already meets then")
    assert dialog.summary.text() == "1 of these dates clash with meetings the board already has."
    assert not _ok(dialog).isEnabled()
    _type(qtbot, dialog.time, "15:00")  # the same day at another time is allowed
    assert _ok(dialog).isEnabled()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert len(_stored(store)) == 4


def test_schedule_meetings_returns_the_new_ids(qtbot: QtBot, store: Store, board_id: int) -> None:
    operations = Operations(store, show_errors=False)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ScheduleMeetingsDialog)
        _type(qtbot, dialog.date, "06/01/2026")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill)
    ids = schedule_meetings(None, operations, board_id, today=TODAY)
    assert [m.id for m, _ in _stored(store)] == ids and len(ids) == 1

    QTimer.singleShot(0, lambda: qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Escape))
    assert schedule_meetings(None, operations, board_id, today=TODAY) == []
    assert len(_stored(store)) == 1


def test_the_date_offered_follows_the_boards_pattern(qtbot: QtBot, demo_store: Store) -> None:
    dialog = ScheduleMeetingsDialog(Operations(demo_store, show_errors=False), 1, today=dt.date(2017, 9, 1))
    qtbot.addWidget(dialog)
    assert dialog.date.text() == "14/11/2017"  # after the second Tuesdays of September and October
    assert dialog.preview.item(0).text() == "Tuesday 14 November 2017 at 2.30 pm"


def test_an_archived_board_says_so(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        archived = new_board(session, archived=True)
    dialog = _dialog(qtbot, store, archived)
    assert "archived" in dialog.summary.text() and not _ok(dialog).isEnabled()
