"""Minute numbers: continuous, or restarting each municipal year; fixed at approval; references resolve."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import col, select

from boardapp.core.enums import MinuteNumbering
from boardapp.core.models import AgendaItem
from boardapp.core.rules.minute_numbers import (
    find_minute_reference,
    format_minute_number,
    municipal_year,
    parse_minute_number,
)
from boardapp.services import lifecycle, minute_numbers
from boardapp.services.errors import InvalidChange, MinutesLocked
from boardapp.store.database import Store
from tests.unit.services.record_builders import make_board, make_meeting

M = MinuteNumbering


def test_the_municipal_year_turns_in_its_start_month() -> None:
    assert municipal_year(dt.date(2018, 4, 30), 5) == 2017
    assert municipal_year(dt.date(2018, 5, 1), 5) == 2018
    assert municipal_year(dt.date(2018, 3, 31), 4) == 2017
    assert format_minute_number(23, M.MUNICIPAL_YEAR, dt.date(2017, 9, 5), 5) == "23/17"
    assert format_minute_number(3, M.MUNICIPAL_YEAR, dt.date(2010, 1, 5), 5) == "3/09"
    assert format_minute_number(23, M.CONTINUOUS, dt.date(2017, 9, 5), 5) == "23"
    assert format_minute_number(23, M.NONE, dt.date(2017, 9, 5), 5) == ""
    with pytest.raises(ValueError, match="month"):
        municipal_year(dt.date(2018, 1, 1), 13)


def test_references_are_read_the_way_clerks_write_them() -> None:
    assert parse_minute_number("Minute 23/17") == (23, 17)
    assert parse_minute_number("minute no. 4") == (4, None)
    assert parse_minute_number(" 12 / 09 ") == (12, 9)
    assert parse_minute_number("Item three") is None


def _numbers(store: Store, meeting_id: int) -> list[str]:
    with store.session() as session:
        items = session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
        ).all()
        return [i.minute_number for i in items]


def test_municipal_numbering_restarts_in_may(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, numbering=M.MUNICIPAL_YEAR)
        march, _ = make_meeting(session, board.board_id, dt.date(2018, 3, 6), ("A", "B", "C"))
        april, _ = make_meeting(session, board.board_id, dt.date(2018, 4, 10), ("D", "E"))
        may, may_items = make_meeting(session, board.board_id, dt.date(2018, 5, 15), ("F", "G"))
        minute_numbers.assign_minute_numbers(session, march)
        minute_numbers.assign_minute_numbers(session, april)
        changes = minute_numbers.assign_minute_numbers(session, may)
        assert changes.agenda == {may}
        assert minute_numbers.assign_minute_numbers(session, may).agenda == frozenset()  # fixed: not renumbered
    assert _numbers(store, march) == ["1/17", "2/17", "3/17"]
    assert _numbers(store, april) == ["4/17", "5/17"]
    assert _numbers(store, may) == ["1/18", "2/18"]
    with store.session() as session:
        assert minute_numbers.resolve_reference(session, board.board_id, "Minute 1/18") == may_items[0]
        assert minute_numbers.resolve_reference(session, board.board_id, "Minute 9/18") is None
        assert minute_numbers.resolve_reference(session, board.board_id, "see above") is None


def test_continuous_numbering_carries_on_across_years(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, numbering=M.CONTINUOUS)
        first, _ = make_meeting(session, board.board_id, dt.date(2018, 4, 10), ("A", "B"))
        second, second_items = make_meeting(session, board.board_id, dt.date(2018, 6, 5), ("C", "D", "E"))
        minute_numbers.assign_minute_numbers(session, first)
        minute_numbers.assign_minute_numbers(session, second)
    assert _numbers(store, first) == ["1", "2"]
    assert _numbers(store, second) == ["3", "4", "5"]
    with store.session() as session:
        assert minute_numbers.resolve_reference(session, board.board_id, "Minute 4") == second_items[1]


def test_a_board_without_numbering_numbers_nothing(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, numbering=M.NONE)
        meeting_id, _ = make_meeting(session, board.board_id, dt.date(2018, 6, 5), ("A", "B"))
        assert not minute_numbers.assign_minute_numbers(session, meeting_id)
    assert _numbers(store, meeting_id) == ["", ""]


def test_numbers_carry_on_from_paper_records_and_are_fixed_at_approval(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, numbering=M.MUNICIPAL_YEAR)
        first, first_items = make_meeting(session, board.board_id, dt.date(2017, 9, 5), ("A", "B"))
        second, _ = make_meeting(session, board.board_id, dt.date(2017, 10, 3), ("C", "D"))
        minute_numbers.set_minute_number(session, first_items[0], "22/17")  # the paper minutes reached 21/17
        for wrong, message in (("22/16", "not a minute number"), ("22", "not a minute number"), ("x", "not a")):
            with pytest.raises(InvalidChange, match=message):
                minute_numbers.set_minute_number(session, first_items[1], wrong)
        with pytest.raises(InvalidChange, match="already another item"):
            minute_numbers.set_minute_number(session, first_items[1], "22/17")
        lifecycle.approve_minutes(session, first, second)
        minute_numbers.assign_minute_numbers(session, first)  # what approve_minutes will call
        with pytest.raises(MinutesLocked):
            minute_numbers.set_minute_number(session, first_items[0], "1/17")
    assert _numbers(store, first) == ["22/17", "23/17"]
    with store.session() as session:
        assert minute_numbers.resolve_reference(session, board.board_id, "Minute 23/17 refers") == first_items[1]
        assert minute_numbers.resolve_reference(session, board.board_id, "as agreed at minute no. 22/17.") == (
            first_items[0]
        )


def test_a_reference_is_found_in_running_text() -> None:
    assert find_minute_reference("Minute 23/17 refers.") == (23, 17)
    assert find_minute_reference("see minutes 4 and 5") == (4, None)
    assert find_minute_reference("12/09") == (12, 9)
    assert find_minute_reference("the 2017 budget") is None
