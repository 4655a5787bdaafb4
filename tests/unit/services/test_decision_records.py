"""Decision records: reasons required, the call-in period in working days, decisions still within call-in."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.models import Board
from boardapp.services import decision_records, minuting
from boardapp.services.decision_records import add_working_days
from boardapp.services.errors import InvalidChange
from boardapp.store.database import Store
from tests.unit.services.record_builders import make_board, make_meeting

D = dt.date
CHRISTMAS = frozenset({D(2017, 12, 25), D(2017, 12, 26), D(2018, 1, 1)})


def test_working_days_skip_weekends_and_bank_holidays() -> None:
    assert add_working_days(D(2017, 9, 5), 5, frozenset()) == D(2017, 9, 12)  # Tuesday → next Tuesday
    assert add_working_days(D(2017, 12, 21), 5, CHRISTMAS) == D(2018, 1, 2)  # Fri 22, Wed 27 … Fri 29, Tue 2
    assert add_working_days(D(2017, 12, 21), 0, CHRISTMAS) == D(2017, 12, 21)


def test_a_decision_record_takes_effect_after_call_in_over_christmas(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        meeting_id, items = make_meeting(session, board.board_id, D(2017, 12, 21))
        soon_meeting, soon_items = make_meeting(session, board.board_id, D(2017, 12, 14))
        decision_id, _ = minuting.add_decision(session, items[2], "To close the Town Hall library.")
        soon_id, _ = minuting.add_decision(session, soon_items[2], "To set the budget.")
        plain_id, _ = minuting.add_decision(session, items[3], "To note the report.")
        with pytest.raises(InvalidChange, match="reasons"):
            decision_records.set_decision_record(session, decision_id, reasons="  ")
        changes = decision_records.set_decision_record(
            session,
            decision_id,
            reasons="Falling use.",
            alternatives_rejected="Reduced hours.",
            conflicts="None declared.",
        )  # the shipped bank holidays
        decision_records.set_decision_record(session, soon_id, reasons="Statutory.", holidays=CHRISTMAS)
        decision_records.set_decision_record(session, plain_id, needs_record=False)
    assert changes.minutes == {items[2]}
    with store.session() as session:
        record = decision_records.decision_record(session, decision_id)
        assert record.takes_effect_on == D(2018, 1, 2)
        assert (record.reasons, record.alternatives_rejected) == ("Falling use.", "Reduced hours.")
        assert decision_records.decision_record(session, soon_id).takes_effect_on == D(2017, 12, 21)
        assert decision_records.decision_record(session, plain_id).takes_effect_on is None
        within = decision_records.decisions_within_call_in(session, D(2017, 12, 20))
        assert [r.decision_id for r in within] == [soon_id, decision_id]
        assert [r.decision_id for r in decision_records.decisions_within_call_in(session, D(2017, 12, 21))] == [
            decision_id
        ]
        assert decision_records.decisions_within_call_in(session, D(2018, 1, 2)) == []
    assert meeting_id and soon_meeting


def test_the_call_in_period_is_the_boards_setting(store: Store) -> None:
    with store.transaction() as session:
        built = make_board(session)
        board = session.get(Board, built.board_id)
        assert board is not None
        board.call_in_days = 2
        session.add(board)
        _, items = make_meeting(session, built.board_id, D(2017, 9, 8))  # a Friday
        decision_id, _ = minuting.add_decision(session, items[2], "To agree.")
        decision_records.set_decision_record(session, decision_id, reasons="Because.", holidays=frozenset())
    with store.session() as session:
        assert decision_records.decision_record(session, decision_id).takes_effect_on == D(2017, 9, 12)
