"""Stand-ins for the board, people and calendar dialogs and pages the main window opens.

The main window imports them lazily (`from boardapp.gui.dialogs.board_settings import edit_board`
inside a method); `install_fakes` puts recording fakes where those imports look, so the wiring
(which entry point, which board, what happens after) is tested apart from the dialogs themselves.
Each fake writes through `Operations.run` like the real one, so the navigator refreshes as it would.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import types
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import Board, Meeting
from boardapp.gui.operations import Operations
from boardapp.services.changes import Changes


@dataclass
class Calls:
    """What the fakes were asked to do, in order: (entry point, its board argument)."""

    log: list[tuple[str, Any]] = field(default_factory=list)
    next_board_name: str = "Corporate Parenting Board"
    cancel: bool = False  # the dialogs answer as if the user cancelled
    meeting_day: dt.date = dt.date(2017, 10, 3)

    def names(self) -> list[str]:
        return [name for name, _ in self.log]


def add_board(session: Session, name: str, archived: bool = False) -> tuple[int, Changes]:
    board = Board(name=name, archived=archived)
    session.add(board)
    session.flush()
    assert board.id is not None
    return board.id, Changes(boards=frozenset({board.id}))


def add_meeting(session: Session, board_id: int, day: dt.date) -> tuple[int, Changes]:
    meeting = Meeting(board_id=board_id, date=day, status=MeetingStatus.SCHEDULED)
    session.add(meeting)
    session.flush()
    assert meeting.id is not None
    return meeting.id, Changes(meetings=frozenset({meeting.id}))


class FakeCalendarPage(QWidget):
    open_meeting_requested = Signal(int)

    def __init__(self, operations: Operations, today: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.shown: list[int] = []

    def show_board(self, board_id: int) -> None:
        self.shown.append(board_id)


class FakePeoplePage(QWidget):
    def __init__(self, operations: Operations, parent: QWidget | None = None, *, today: Any = None) -> None:
        super().__init__(parent)
        self.today = today
        self.shown: list[int | None] = []

    def show_people(self, board_id: int | None) -> None:
        self.shown.append(board_id)


def _patch(monkeypatch: pytest.MonkeyPatch, name: str, **attributes: Any) -> None:
    """Replace attributes of the real module, or stand in for a module that is not written yet."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        module = types.ModuleType(name)
        monkeypatch.setitem(sys.modules, name, module)
    for attribute, value in attributes.items():
        monkeypatch.setattr(module, attribute, value, raising=False)


def install_fakes(monkeypatch: pytest.MonkeyPatch) -> Calls:
    calls = Calls()

    def edit_board(parent: QWidget | None, operations: Operations, board_id: int | None = None) -> int | None:
        calls.log.append(("edit_board", board_id))
        if calls.cancel:
            return None
        if board_id is not None:
            return board_id
        new_id: int = operations.run(add_board, calls.next_board_name)
        return new_id

    def import_members(parent: QWidget | None, operations: Operations, board_id: int | None) -> bool:
        calls.log.append(("import_members", board_id))
        return not calls.cancel

    def schedule_meetings(
        parent: QWidget | None, operations: Operations, board_id: int, *, today: dt.date
    ) -> list[int]:
        calls.log.append(("schedule_meetings", (board_id, today)))
        if calls.cancel:
            return []
        meeting_id: int = operations.run(add_meeting, board_id, calls.meeting_day)
        return [meeting_id]

    _patch(monkeypatch, "boardapp.gui.dialogs.board_settings", edit_board=edit_board)
    _patch(monkeypatch, "boardapp.gui.dialogs.members_import", import_members=import_members)
    _patch(monkeypatch, "boardapp.gui.dialogs.schedule_meeting", schedule_meetings=schedule_meetings)
    _patch(monkeypatch, "boardapp.gui.views.calendar_page", CalendarPage=FakeCalendarPage)
    _patch(monkeypatch, "boardapp.gui.views.people_page", PeoplePage=FakePeoplePage)
    return calls
