"""The demo's formal record (resources/demo/formal_record.json, services/demo_record.py) laid over the
12 September 2017 meeting: every part of issue 17 point 8 is there and reads as the minutes would print it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlmodel import Session, col, select

from boardapp.core.enums import MeetingStatus, MinuteNumbering
from boardapp.core.models import AgendaItem, Board, Decision, Meeting
from boardapp.core.models.record import Vote
from boardapp.home import AppHome
from boardapp.services import declarations, quorum, votes
from boardapp.services.demo import load_demo
from boardapp.store.database import Store, open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = open_store(AppHome.from_options(basedir=tmp_path_factory.mktemp("demo-record")))
    with opened.transaction() as session:
        load_demo(session)  # lays the formal record over September (services.demo calls load_formal_record)
    yield opened
    opened.close()


@pytest.fixture
def session(store: Store) -> Iterator[Session]:
    with store.session() as opened:
        yield opened


def _september(session: Session) -> Meeting:
    return session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 9, 12))).one()


def _items(session: Session, meeting: Meeting) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(col(AgendaItem.position))
        ).all()
    )


def test_load_demo_lays_the_record_once(session: Session) -> None:
    september = _september(session)
    assert september.id is not None
    assert len(declarations.declarations_for_meeting(session, september.id)) == 1
    assert [i.title for i in _items(session, september) if i.is_urgent] == [
        "Ofsted monitoring visit: the inspectors' letter (urgent item)"
    ]
    assert len(session.exec(select(Vote)).all()) == 1


def test_the_board_has_a_quorum_and_numbers_its_minutes_by_municipal_year(session: Session) -> None:
    board = session.exec(select(Board)).one()
    assert (board.quorum, board.minute_numbering, board.municipal_year_start_month) == (
        4,
        MinuteNumbering.MUNICIPAL_YEAR,
        5,
    )


def test_september_is_held_with_minute_numbers_and_an_urgent_item(session: Session) -> None:
    september = _september(session)
    assert september.status is MeetingStatus.HELD
    items = _items(session, september)
    assert [i.minute_number for i in items] == [f"{n}/17" for n in range(1, len(items) + 1)]
    [urgent] = [i for i in items if i.is_urgent]
    assert urgent.title.startswith("Ofsted monitoring visit")
    assert "after the agenda was published" in urgent.urgency_reason
    assert items[items.index(urgent) + 1].title == "Any other business"


def test_a_member_leaves_the_room_for_one_item_and_another_leaves_the_meeting(session: Session) -> None:
    september = _september(session)
    assert september.id is not None
    [row] = declarations.declarations_for_meeting(session, september.id)
    assert row.person_name == "Jane Booth" and row.item_number == "5/17"
    assert row.sentence(public=True).endswith("and left the room for the item.")
    present = {state.position: state.present for state in quorum.quorum_by_item(session, september.id)}
    assert present[4] == 7 and present[5] == 6 and present[6] == 7  # out for item 5 only
    assert present[8] == 6  # Paul Wilcox left after item 7
    assert all(state.quorate for state in quorum.quorum_by_item(session, september.id))
    notes = quorum.movement_notes(session, september.id)
    assert ["Paul Wilcox left the meeting."] in notes.values()


def test_the_urgent_item_has_a_recorded_vote(session: Session) -> None:
    september = _september(session)
    [urgent] = [i for i in _items(session, september) if i.is_urgent]
    decision = session.exec(select(Decision).where(Decision.agenda_item_id == urgent.id)).one()
    assert decision.id is not None
    [vote] = votes.votes_for_decision(session, decision.id)
    sentence = votes.vote_sentence(vote)
    assert sentence.startswith("On being put to the vote the motion was carried (5 for, 1 against).")
    assert "A recorded vote was taken." in sentence and "Against: County Councillor Mrs Susie Charles." in sentence
    assert votes.motion_sentence(vote) == "Moved by County Councillor Geoff Driver CBE, seconded by Alison Aylott."
