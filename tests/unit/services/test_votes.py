"""Votes: counts, recorded (named) votes from the attendance, and the chair's casting vote."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import AttendanceKind
from boardapp.core.models.record import CastingVote, VoteChoice, VoteKind, VoteResult
from boardapp.services import minuting, votes
from boardapp.services.errors import InvalidChange
from boardapp.services.votes import VoteRow, vote_sentence
from boardapp.store.database import Store
from tests.unit.services.record_builders import RecordBoard, attend, make_board, make_meeting

DAY = dt.date(2017, 9, 5)


def _row(**fields: object) -> VoteRow:
    base: dict[str, object] = {
        "id": 1,
        "decision_id": 1,
        "motion": "",
        "kind": VoteKind.MOTION,
        "mover": "",
        "seconder": "",
        "result": VoteResult.CARRIED,
        "votes_for": None,
        "votes_against": None,
        "abstentions": None,
        "casting_vote": CastingVote.NONE,
        "recorded": False,
    }
    base.update(fields)
    return VoteRow(**base)  # type: ignore[arg-type]


def test_vote_sentences_get_singular_and_plural_right() -> None:
    assert vote_sentence(_row(votes_for=8, votes_against=2, abstentions=1)) == (
        "On being put to the vote the motion was carried (8 for, 2 against, 1 abstention)."
    )
    assert vote_sentence(_row(result=VoteResult.LOST, votes_for=1, votes_against=6, abstentions=2)) == (
        "On being put to the vote the motion was lost (1 for, 6 against, 2 abstentions)."
    )
    assert vote_sentence(_row(votes_for=5, votes_against=0, abstentions=0)) == (
        "On being put to the vote the motion was carried (5 for, 0 against)."
    )
    assert vote_sentence(_row(kind=VoteKind.AMENDMENT)) == "On being put to the vote the amendment was carried."
    assert vote_sentence(_row(result=VoteResult.WITHDRAWN)) == "The motion was withdrawn."
    assert vote_sentence(_row(votes_for=4, votes_against=4, casting_vote=CastingVote.FOR)) == (
        "On being put to the vote the motion was carried on the chair's casting vote (4 for, 4 against)."
    )


@pytest.fixture
def meeting(store: Store) -> tuple[RecordBoard, int, list[int], int]:
    with store.transaction() as session:
        board = make_board(session)
        p = board.people
        meeting_id, items = make_meeting(session, board.board_id, DAY)
        for name in ("Ann", "Bob", "Cat", "Dan"):
            attend(session, meeting_id, p[name], left_after=items[1] if name == "Dan" else None)
        attend(session, meeting_id, p["Eve"], AttendanceKind.APOLOGIES)
        decision_id, _ = minuting.add_decision(session, items[2], "That the budget be approved.")
    return board, meeting_id, items, decision_id


def test_a_recorded_vote_names_each_member_and_counts_follow(
    store: Store, meeting: tuple[RecordBoard, int, list[int], int]
) -> None:
    board, _, _, decision_id = meeting
    p = board.people
    with store.transaction() as session:
        votes.record_named_vote(
            session,
            decision_id,
            {p["Ann"]: VoteChoice.FOR, p["Bob"]: VoteChoice.FOR, p["Cat"]: VoteChoice.AGAINST},
            mover_id=p["Ann"],
            seconder_id=p["Bob"],
        )
    with store.session() as session:
        (row,) = votes.votes_for_decision(session, decision_id)
    assert (row.votes_for, row.votes_against, row.abstentions, row.result) == (2, 1, 0, VoteResult.CARRIED)
    assert vote_sentence(row) == (
        "On being put to the vote the motion was carried (2 for, 1 against). A recorded vote was taken. "
        "For: Cllr Ann Able and Cllr Bob Baker. Against: Cllr Cat Cole."
    )
    assert votes.motion_sentence(row) == "Moved by Cllr Ann Able, seconded by Cllr Bob Baker."


def test_only_members_present_for_the_item_may_vote(
    store: Store, meeting: tuple[RecordBoard, int, list[int], int]
) -> None:
    board, _, _, decision_id = meeting
    p = board.people
    with store.transaction() as session:
        with pytest.raises(InvalidChange, match="Cllr Eve Ellis"):  # sent apologies
            votes.record_named_vote(session, decision_id, {p["Ann"]: VoteChoice.FOR, p["Eve"]: VoteChoice.FOR})
        with pytest.raises(InvalidChange, match="Cllr Dan Dee"):  # left after item 2
            votes.record_named_vote(session, decision_id, {p["Dan"]: VoteChoice.AGAINST})


def test_the_casting_vote_is_the_chairs_and_only_on_a_tie(
    store: Store, meeting: tuple[RecordBoard, int, list[int], int]
) -> None:
    board, _, _, decision_id = meeting
    p = board.people
    with store.transaction() as session:
        vote_id, _ = votes.record_named_vote(
            session,
            decision_id,
            {p["Ann"]: VoteChoice.FOR, p["Bob"]: VoteChoice.AGAINST, p["Cat"]: VoteChoice.ABSTAIN},
            casting_vote=CastingVote.AGAINST,
        )
        with pytest.raises(InvalidChange, match="only when the votes are equal"):
            votes.record_vote(
                session, decision_id, VoteResult.CARRIED, votes_for=3, votes_against=1, casting_vote=CastingVote.FOR
            )
        with pytest.raises(InvalidChange, match="was carried"):
            votes.record_vote(session, decision_id, VoteResult.LOST, votes_for=3, votes_against=1)
    with store.session() as session:
        (row,) = votes.votes_for_decision(session, decision_id)
    assert row.id == vote_id and row.result is VoteResult.LOST
    assert vote_sentence(row) == (
        "On being put to the vote the motion was lost on the chair's casting vote (1 for, 1 against, 1 abstention). "
        "A recorded vote was taken. For: Cllr Ann Able. Against: Cllr Bob Baker. Abstaining: Cllr Cat Cole."
    )


def test_a_show_of_hands_and_an_amendment_are_kept_in_order(
    store: Store, meeting: tuple[RecordBoard, int, list[int], int]
) -> None:
    _, _, _, decision_id = meeting
    with store.transaction() as session:
        votes.record_vote(
            session, decision_id, VoteResult.LOST, kind=VoteKind.AMENDMENT, motion="Add 'subject to review'",
            votes_for=1, votes_against=2,
        )
        second, _ = votes.record_vote(session, decision_id, VoteResult.CARRIED, votes_for=3, votes_against=0)
        votes.delete_vote(session, second)
        votes.record_vote(session, decision_id, VoteResult.CARRIED, votes_for=3, votes_against=0, abstentions=1)
    with store.session() as session:
        rows = votes.votes_for_decision(session, decision_id)
    assert [vote_sentence(r) for r in rows] == [
        "On being put to the vote the amendment was lost (1 for, 2 against).",
        "On being put to the vote the motion was carried (3 for, 0 against, 1 abstention).",
    ]


def test_no_casting_vote_without_the_chair_or_vice_chair_in_the_room(store: Store) -> None:
    with store.transaction() as session:
        board = make_board(session)
        p = board.people
        meeting_id, items = make_meeting(session, board.board_id, DAY)
        for name in ("Bob", "Cat"):  # the chair (Ann) sent apologies; the board has no vice-chair
            attend(session, meeting_id, p[name])
        attend(session, meeting_id, p["Ann"], AttendanceKind.APOLOGIES)
        decision_id, _ = minuting.add_decision(session, items[2], "That the budget be approved.")
    with pytest.raises(InvalidChange, match="casting vote"), store.transaction() as session:
        votes.record_vote(
            session, decision_id, VoteResult.CARRIED, votes_for=1, votes_against=1, casting_vote=CastingVote.FOR
        )
    with store.session() as session:
        assert votes.votes_for_decision(session, decision_id) == []
