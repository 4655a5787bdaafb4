"""Finding the meeting a command line names, and the messages when it is not there."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from boardapp.core.models import Board
from boardapp.exporting import BoardNotFound, MeetingNotFound, find_board, find_meeting
from tests.helpers.exporting_seed import BOARD_NAME, SeedIds


def test_board_by_name_case_short_name_or_unique_part(session: Session, seed_ids: SeedIds) -> None:
    for written in (BOARD_NAME, BOARD_NAME.upper(), "IB", "ib", "improvement board"):
        assert find_board(session, written).id == seed_ids.board_id


def test_unknown_board_lists_the_boards(session: Session, seed_ids: SeedIds) -> None:
    session.add(Board(name="Corporate Parenting Board"))
    session.flush()
    with pytest.raises(BoardNotFound) as caught:
        find_board(session, "MASH Board")
    message = str(caught.value)
    assert "No board is called 'MASH Board'" in message
    assert BOARD_NAME in message and "Corporate Parenting Board" in message
    with pytest.raises(BoardNotFound, match="Corporate Parenting Board"):
        find_board(session, "Board")  # ambiguous: both boards are named
    session.rollback()


def test_meeting_by_date_and_nearby_dates_when_missing(session: Session, seed_ids: SeedIds) -> None:
    assert find_meeting(session, "IB", dt.date(2017, 8, 1)) == seed_ids.meetings["2017-08-01"]
    assert find_meeting(session, "IB", dt.date(2017, 8, 1), dt.time(14, 30)) == seed_ids.meetings["2017-08-01"]
    with pytest.raises(MeetingNotFound) as caught:
        find_meeting(session, "IB", dt.date(2017, 8, 2))
    message = str(caught.value)
    assert f"{BOARD_NAME} has no meeting on 2017-08-02" in message
    assert "2017-08-01  Tuesday, 1st August, 2017 at 2.30 pm  (held)" in message
    assert "2017-09-12" in message and "2017-06-06" in message
