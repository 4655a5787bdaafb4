"""Quorum item by item as members arrive, leave, and leave the room because of an interest."""

from __future__ import annotations

import datetime as dt

from boardapp.core.enums import AttendanceKind
from boardapp.core.models.record import InterestAction, InterestKind
from boardapp.services import declarations, quorum
from boardapp.store.database import Store
from tests.unit.services.record_builders import attend, make_board, make_meeting

DAY = dt.date(2017, 9, 5)


def test_quorum_follows_people_in_and_out_of_the_room(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, quorum=4)
        p = board.people
        meeting_id, items = make_meeting(session, board.board_id, DAY)
        attend(session, meeting_id, p["Ann"])
        attend(session, meeting_id, p["Bob"])
        attend(session, meeting_id, p["Cat"], arrived_after=items[1])  # here from item 3
        attend(session, meeting_id, p["Dan"], left_after=items[3])  # gone for item 5
        attend(session, meeting_id, p["Eve"], AttendanceKind.APOLOGIES)
        attend(session, meeting_id, p["Olive"], AttendanceKind.IN_ATTENDANCE)  # officers never count
        declarations.record_declaration(
            session,
            meeting_id,
            p["Bob"],
            InterestKind.DISCLOSABLE_PECUNIARY,
            agenda_item_id=items[2],
            nature="owns land next to the site",
            action=InterestAction.LEFT_ROOM,
        )
    with store.session() as session:
        states = quorum.quorum_by_item(session, meeting_id)
    assert [s.present for s in states] == [3, 3, 3, 4, 3]
    assert [s.quorate for s in states] == [False, False, False, True, False]
    assert states[3].text == "quorate: 4 of 4 needed"
    assert states[0].text == "inquorate: 3 of 4 needed"
    first = quorum.first_inquorate(states)
    assert first is not None and first.position == 1
    assert quorum.quorum_summary(states) == "inquorate at item 1 (Apologies): 3 of 4 needed"


def test_a_member_leaving_for_an_item_makes_that_item_inquorate(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, quorum=4)
        p = board.people
        meeting_id, items = make_meeting(session, board.board_id, DAY)
        for name in ("Ann", "Bob", "Cat", "Dan"):
            attend(session, meeting_id, p[name])
        declarations.record_declaration(
            session,
            meeting_id,
            p["Cat"],
            InterestKind.OTHER_REGISTRABLE,
            agenda_item_id=items[2],
            nature="trustee of the library friends",
            action=InterestAction.SPOKE_THEN_LEFT,
        )
        declarations.record_declaration(  # stays in the room: still counts
            session, meeting_id, p["Dan"], InterestKind.NON_REGISTRABLE, agenda_item_id=items[3], nature="a reader"
        )
    with store.session() as session:
        states = quorum.quorum_by_item(session, meeting_id)
    assert [s.quorate for s in states] == [True, True, False, True, True]
    assert quorum.quorum_summary(states) == "inquorate at item 3 (Budget): 3 of 4 needed"


def test_a_substitute_counts_and_no_quorum_set_is_said_plainly(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session, quorum=None)
        p = board.people
        meeting_id, _ = make_meeting(session, board.board_id, DAY, ("Only item",))
        attend(session, meeting_id, p["Ann"])
        attend(session, meeting_id, p["Eve"], AttendanceKind.APOLOGIES)
        attend(session, meeting_id, p["Olive"], substitute_for=p["Eve"])
    with store.session() as session:
        states = quorum.quorum_by_item(session, meeting_id)
    assert states[0].present == 2 and states[0].quorate
    assert states[0].text == "2 members present (no quorum set)"
    assert quorum.quorum_summary(states) == "2 members present (no quorum set)"


def test_the_minutes_note_who_arrived_and_left_after_which_item(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        p = board.people
        meeting_id, items = make_meeting(session, board.board_id, DAY)
        attend(session, meeting_id, p["Ann"])
        attend(session, meeting_id, p["Cat"], arrived_after=items[1], left_after=items[3])
        attend(session, meeting_id, p["Olive"], AttendanceKind.IN_ATTENDANCE, left_after=items[3])
    with store.session() as session:
        notes = quorum.movement_notes(session, meeting_id)
    assert notes == {
        items[1]: ["Cllr Cat Cole arrived."],
        items[3]: ["Cllr Cat Cole left the meeting.", "Olive Officer left the meeting."],
    }
