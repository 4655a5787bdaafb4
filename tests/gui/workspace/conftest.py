"""Workspace fixtures: the demo database (1 August 2017 and 12 September 2017 meetings) open in a workspace.

Writes go through a real `Operations` with message boxes off (refusals arrive on `failed`), and
dialogs are answered by replacing the workspace's `exec_dialog` / `ask_*` / `confirm` hooks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from boardapp.gui.operations import Operations
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, FakeClock, meeting_id


@pytest.fixture
def operations(demo_store: Store) -> Operations:
    return Operations(demo_store, show_errors=False)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_workspace(qtbot: QtBot, operations: Operations, demo_store: Store, clock: FakeClock) -> Iterator[object]:
    opened: list[MeetingWorkspace] = []

    def make(day: str = AUGUST, *, item: int | None = None) -> MeetingWorkspace:
        workspace = MeetingWorkspace(operations, clock=clock.monotonic, now=clock.now)
        qtbot.addWidget(workspace)
        workspace.resize(1366, 740)
        workspace.show()
        qtbot.waitExposed(workspace)
        workspace.activateWindow()
        qtbot.waitUntil(workspace.isActiveWindow, timeout=2000)  # shortcuts need the active window
        workspace.open_meeting(meeting_id(demo_store, day))
        if item is not None:
            workspace.select_item(workspace.rows[item - 1].id)
        opened.append(workspace)
        return workspace

    yield make
    for workspace in opened:
        workspace.close_meeting()  # stops the autosave thread


@pytest.fixture
def workspace(make_workspace: object) -> MeetingWorkspace:
    """The 1 August 2017 meeting (held, draft minutes), item 1 selected."""
    return make_workspace()  # type: ignore[operator, no-any-return]
