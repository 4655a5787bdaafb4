"""The GUI's one way to write: a transaction, a broadcast of what changed, refusals shown not raised."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Meeting
from boardapp.gui.operations import Operations
from boardapp.services import lifecycle, minuting
from boardapp.services.changes import Changes
from boardapp.store.database import Store


def _item_id(store: Store) -> int:
    with store.session() as session:
        meeting = session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 8, 1))).one()
        item = session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.position == 1)
        ).one()
        return item.id or 0


def test_a_write_commits_and_broadcasts_once(qtbot: QtBot, demo_store: Store) -> None:
    operations = Operations(demo_store, show_errors=False)
    item_id = _item_id(demo_store)
    with qtbot.waitSignal(operations.changed, timeout=1000) as blocker:
        operations.run(minuting.save_notes, item_id, "The Chair welcomed everyone.")
    assert blocker.args == [Changes(minutes=frozenset({item_id}))]
    assert operations.read(minuting.notes_of, item_id) == "The Chair welcomed everyone."


def test_a_refusal_is_reported_and_nothing_is_written(qtbot: QtBot, demo_store: Store) -> None:
    operations = Operations(demo_store, show_errors=False)
    item_id = _item_id(demo_store)
    with demo_store.transaction() as session:
        august = session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 8, 1))).one()
        september = session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 9, 12))).one()
        lifecycle.approve_minutes(session, august.id or 0, september.id or 0)
    before = operations.read(minuting.notes_of, item_id)
    with qtbot.waitSignal(operations.failed, timeout=1000) as blocker:
        assert operations.run(minuting.save_notes, item_id, "edited after approval") is None
    assert "locked" in blocker.args[0]
    assert operations.read(minuting.notes_of, item_id) == before


def test_returned_values_come_back_to_the_caller(qtbot: QtBot, demo_store: Store) -> None:
    operations = Operations(demo_store, show_errors=False)
    item_id = _item_id(demo_store)
    with qtbot.waitSignal(operations.changed, timeout=1000):
        decision_id = operations.run(minuting.add_decision, item_id, "That the welcome be noted.")
    assert isinstance(decision_id, int) and decision_id > 0
