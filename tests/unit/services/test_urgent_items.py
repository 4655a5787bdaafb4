"""Urgent business needs the chair's reason; an item added to a published agenda starts urgent."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import AgendaItem
from boardapp.services import urgent_items
from boardapp.services.errors import InvalidChange
from boardapp.store.database import Store
from tests.unit.services.record_builders import make_board, make_meeting


def test_marking_urgent_needs_a_reason_which_the_minutes_record(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        meeting_id, items = make_meeting(session, board.board_id, dt.date(2017, 9, 5))
    with pytest.raises(InvalidChange, match="reason"), store.transaction() as session:
        urgent_items.mark_urgent(session, items[3], "   ")
    with store.transaction() as session:
        changes = urgent_items.mark_urgent(session, items[3], "the grant deadline is before the next meeting.")
    assert changes.agenda == {meeting_id} and changes.minutes == {items[3]}
    with store.session() as session:
        item = session.get(AgendaItem, items[3])
        assert item is not None and item.is_urgent
        assert urgent_items.urgency_sentence(item.urgency_reason) == (
            "The chair agreed to take this item as urgent business because the grant deadline is before the next "
            "meeting."
        )
    with store.transaction() as session:
        urgent_items.clear_urgent(session, items[3])
    with store.session() as session:
        item = session.get(AgendaItem, items[3])
        assert item is not None and not item.is_urgent and item.urgency_reason == ""


def test_items_added_after_publication_are_urgent_by_default(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        draft, _ = make_meeting(session, board.board_id, dt.date(2017, 9, 5), status=MeetingStatus.SCHEDULED)
        published, _ = make_meeting(
            session, board.board_id, dt.date(2017, 10, 3), status=MeetingStatus.AGENDA_PUBLISHED
        )
    with store.session() as session:
        assert not urgent_items.urgent_by_default(session, draft)
        assert urgent_items.urgent_by_default(session, published)
