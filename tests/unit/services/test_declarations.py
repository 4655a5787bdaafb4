"""Declarations of interest: recorded from any item, a register per person, a withheld nature."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import Meeting
from boardapp.core.models.record import InterestAction, InterestKind
from boardapp.services import declarations
from boardapp.services.errors import InvalidChange, MinutesLocked
from boardapp.store.database import Store
from tests.unit.services.record_builders import make_board, make_meeting


def test_the_register_lists_every_declaration_over_time(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        ann = board.people["Ann"]
        later, later_items = make_meeting(session, board.board_id, dt.date(2017, 9, 5))
        earlier, earlier_items = make_meeting(session, board.board_id, dt.date(2017, 6, 6))
        declarations.record_declaration(
            session, later, ann, InterestKind.OTHER_REGISTRABLE, agenda_item_id=later_items[3], nature="library trustee"
        )
        declarations.record_declaration(
            session,
            earlier,
            ann,
            InterestKind.DISCLOSABLE_PECUNIARY,
            agenda_item_id=earlier_items[2],
            nature="owns a shop on the high street",
            action=InterestAction.LEFT_ROOM,
        )
        declarations.record_declaration(  # a general declaration, on no item
            session, earlier, board.people["Bob"], InterestKind.NON_REGISTRABLE, nature="governor of a school"
        )
    with store.session() as session:
        register = declarations.register_for(session, ann)
        june = declarations.declarations_for_meeting(session, earlier)
    assert [(r.meeting_date, r.item_title, r.kind) for r in register] == [
        (dt.date(2017, 6, 6), "Budget", InterestKind.DISCLOSABLE_PECUNIARY),
        (dt.date(2017, 9, 5), "Libraries", InterestKind.OTHER_REGISTRABLE),
    ]
    assert register[0].sentence(public=True) == (
        "Cllr Ann Able declared a disclosable pecuniary interest in item 3, Budget (owns a shop on the high street) "
        "and left the room for the item."
    )
    assert [r.person_name for r in june] == ["Cllr Bob Baker", "Cllr Ann Able"]  # general ones first
    assert june[0].sentence(public=True) == (
        "Cllr Bob Baker declared a non-registrable interest (governor of a school) and remained in the room."
    )


def test_a_withheld_nature_is_kept_but_left_out_of_the_public_wording(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        meeting_id, items = make_meeting(session, board.board_id, dt.date(2017, 9, 5))
        declaration_id, changes = declarations.record_declaration(
            session,
            meeting_id,
            board.people["Cat"],
            InterestKind.OTHER_REGISTRABLE,
            agenda_item_id=items[2],
            nature="a relative is under police protection",
            nature_withheld=True,
            action=InterestAction.TOOK_NO_PART,
        )
    assert changes.minutes == {items[2]} and changes.meetings == {meeting_id}
    with store.session() as session:
        (row,) = declarations.declarations_for_meeting(session, meeting_id)
    assert "police" not in row.sentence(public=True)
    assert "nature withheld (sensitive interest)" in row.sentence(public=True)
    assert "police" in row.sentence(public=False)
    with pytest.raises(InvalidChange, match="Say what the interest is"), store.transaction() as session:
        declarations.update_declaration(session, declaration_id, nature_withheld=False, nature="")
    with store.session() as session:
        assert declarations.register_for(session, board.people["Cat"])[0].nature_withheld


def test_mistakes_are_refused_and_locked_minutes_stay_locked(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        meeting_id, items = make_meeting(session, board.board_id, dt.date(2017, 9, 5))
        other_id, other_items = make_meeting(session, board.board_id, dt.date(2017, 10, 3))
        ann = board.people["Ann"]
        with pytest.raises(InvalidChange, match="Say what the interest is"):
            declarations.record_declaration(session, meeting_id, ann, InterestKind.NON_REGISTRABLE)
        with pytest.raises(InvalidChange, match="dispensation"):
            declarations.record_declaration(
                session, meeting_id, ann, InterestKind.DISCLOSABLE_PECUNIARY, nature="shares"
            )
        with pytest.raises(InvalidChange, match="not on this meeting's agenda"):
            declarations.record_declaration(
                session, meeting_id, ann, InterestKind.NON_REGISTRABLE, agenda_item_id=other_items[0], nature="x"
            )
        declaration_id, _ = declarations.record_declaration(
            session, other_id, ann, InterestKind.NON_REGISTRABLE, agenda_item_id=other_items[0], nature="x"
        )
        declarations.update_declaration(session, declaration_id, action=InterestAction.DISPENSATION)
    with store.transaction() as session:
        meeting = session.get(Meeting, other_id)
        assert meeting is not None
        meeting.status = MeetingStatus.LOCKED
        session.add(meeting)
    with store.transaction() as session, pytest.raises(MinutesLocked):
        declarations.delete_declaration(session, declaration_id)
    with store.session() as session:
        (row,) = declarations.declarations_for_meeting(session, other_id)
    assert row.action is InterestAction.DISPENSATION
    assert items  # the first meeting still has its agenda
