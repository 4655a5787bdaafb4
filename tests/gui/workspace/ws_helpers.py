"""Helpers for the workspace tests: find demo rows, read back what was stored in a fresh session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Meeting
from boardapp.services.minuting import notes_of
from boardapp.store.database import Store

AUGUST = "2017-08-01"
SEPTEMBER = "2017-09-12"
OCTOBER = "2017-10-10"
SAVE_TIMEOUT_MS = 1000  # docs/architecture.md section 6.6: durable within a second of typing


@dataclass
class FakeClock:
    """Monotonic seconds and wall time that move only when a test says so."""

    seconds: float = 1000.0
    start: dt.datetime = field(default_factory=lambda: dt.datetime(2017, 9, 12, 14, 30))

    def monotonic(self) -> float:
        return self.seconds

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.seconds - 1000.0)

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def meeting_id(store: Store, day: str) -> int:
    with store.session() as session:
        found = session.exec(select(Meeting.id).where(col(Meeting.date) == dt.date.fromisoformat(day))).one()
        return int(found or 0)


def stored_meeting(store: Store, day: str) -> Meeting:
    with store.session() as session:
        return session.exec(select(Meeting).where(col(Meeting.date) == dt.date.fromisoformat(day))).one()


def item_ids(store: Store, day: str) -> list[int]:
    """The meeting's item ids in stored order (by position)."""
    with store.session() as session:
        return [
            i or 0
            for i in session.exec(
                select(AgendaItem.id)
                .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
                .where(col(Meeting.date) == dt.date.fromisoformat(day))
                .order_by(col(AgendaItem.position))
            ).all()
        ]


def stored_notes(store: Store, item_id: int) -> str:
    """Read in a fresh session, as a restarted app would."""
    with store.session() as session:
        return notes_of(session, item_id)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like `qtbot.keyClicks`, including characters QTest cannot (it asserts on non-ASCII ones)."""
    run = ""
    for char in text:
        if char.isascii():
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    if run:
        qtbot.keyClicks(widget, run)
