"""Votes on a decision: motions and amendments, counts or a recorded (named) vote, the casting vote.

Minutes print a vote the way councils do: "On being put to the vote the motion was carried
(8 for, 2 against, 1 abstention)." A recorded vote also names who voted which way. Only
members in the room for the item may vote, and only the chair has a casting vote, on a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import MemberRole
from boardapp.core.models import AgendaItem, Decision, Person
from boardapp.core.models.record import CastingVote, Vote, VoteChoice, VoteKind, VoteRecord, VoteResult
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.lifecycle import ensure_item_editable, get_meeting
from boardapp.services.memberships import members_on
from boardapp.services.quorum import members_in_room


@dataclass(frozen=True)
class VoteRow:
    id: int
    decision_id: int
    motion: str
    kind: VoteKind
    mover: str
    seconder: str
    result: VoteResult
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    casting_vote: CastingVote
    recorded: bool
    names_for: tuple[str, ...] = ()
    names_against: tuple[str, ...] = ()
    names_abstaining: tuple[str, ...] = ()


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _names(names: tuple[str, ...]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def vote_sentence(vote: VoteRow) -> str:
    """The sentence the minutes print for a vote."""
    what = "the amendment" if vote.kind is VoteKind.AMENDMENT else "the motion"
    if vote.result is VoteResult.WITHDRAWN:
        return f"{what[0].upper()}{what[1:]} was withdrawn."
    counts = []
    if vote.votes_for is not None:
        counts.append(f"{vote.votes_for} for")
    if vote.votes_against is not None:
        counts.append(f"{vote.votes_against} against")
    if vote.abstentions:
        counts.append(_plural(vote.abstentions, "abstention", "abstentions"))
    casting = ""
    if vote.casting_vote is not CastingVote.NONE:
        casting = " on the chair's casting vote"
    bracket = f" ({', '.join(counts)})" if counts else ""
    sentence = f"On being put to the vote {what} was {vote.result.value}{casting}{bracket}."
    if vote.recorded:
        named = (("For", vote.names_for), ("Against", vote.names_against), ("Abstaining", vote.names_abstaining))
        parts = [f"{label}: {_names(names)}." for label, names in named if names]
        sentence = " ".join([sentence, "A recorded vote was taken.", *parts])
    return sentence


def motion_sentence(vote: VoteRow) -> str:
    """"Moved by Cllr A, seconded by Cllr B." ("" when neither is recorded)."""
    if vote.mover and vote.seconder:
        return f"Moved by {vote.mover}, seconded by {vote.seconder}."
    if vote.mover:
        return f"Moved by {vote.mover}."
    return ""


def _decision(session: Session, decision_id: int) -> tuple[Decision, AgendaItem]:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("That decision no longer exists.")
    item = ensure_item_editable(session, decision.agenda_item_id)
    return decision, item


def _presiding_in_room(session: Session, item: AgendaItem) -> bool:
    """Is whoever chairs the item in the room: the chair, or in the chair's absence the vice-chair?"""
    assert item.id is not None
    meeting = get_meeting(session, item.meeting_id)
    in_room = members_in_room(session, item.meeting_id).get(item.id, set())
    roles = {r.person_id: r.role for r in members_on(session, meeting.board_id, meeting.date)}
    return any(roles.get(pid) in (MemberRole.CHAIR, MemberRole.VICE_CHAIR) for pid in in_room)


def _check_result(
    result: VoteResult, votes_for: int | None, votes_against: int | None, casting: CastingVote
) -> None:
    for count in (votes_for, votes_against):
        if count is not None and count < 0:
            raise InvalidChange("A number of votes cannot be negative.")
    if result is VoteResult.WITHDRAWN:
        if casting is not CastingVote.NONE:
            raise InvalidChange("A withdrawn motion has no casting vote.")
        return
    if votes_for is None or votes_against is None:
        if casting is not CastingVote.NONE:
            raise InvalidChange("A casting vote needs the votes for and against, to show they were equal.")
        return
    if casting is not CastingVote.NONE:
        if votes_for != votes_against:
            raise InvalidChange("The chair has a casting vote only when the votes are equal.")
        expected = VoteResult.CARRIED if casting is CastingVote.FOR else VoteResult.LOST
    elif votes_for > votes_against:
        expected = VoteResult.CARRIED
    elif votes_for < votes_against:
        expected = VoteResult.LOST
    else:
        expected = VoteResult.LOST  # equal votes and no casting vote: the motion falls
    if result is not expected:
        raise InvalidChange(f"With {votes_for} for and {votes_against} against the motion was {expected.value}.")


def _next_position(session: Session, decision_id: int) -> int:
    positions = session.exec(select(Vote.position).where(Vote.decision_id == decision_id)).all()
    return max(positions, default=0) + 1


def record_vote(
    session: Session,
    decision_id: int,
    result: VoteResult,
    *,
    motion: str = "",
    kind: VoteKind = VoteKind.MOTION,
    mover_id: int | None = None,
    seconder_id: int | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    casting_vote: CastingVote = CastingVote.NONE,
) -> tuple[int, Changes]:
    """A vote taken by show of hands: the counts (or none, "carried" alone)."""
    decision, item = _decision(session, decision_id)
    result, casting_vote = VoteResult(result), CastingVote(casting_vote)
    if abstentions is not None and abstentions < 0:
        raise InvalidChange("A number of abstentions cannot be negative.")
    _check_result(result, votes_for, votes_against, casting_vote)
    if casting_vote is not CastingVote.NONE and not _presiding_in_room(session, item):
        raise InvalidChange("Only the chair has a casting vote, and neither the chair nor the vice-chair was present.")
    if mover_id is not None and mover_id == seconder_id:
        raise InvalidChange("The seconder must be someone other than the mover.")
    vote = Vote(
        decision_id=decision_id,
        motion=motion.strip(),
        kind=VoteKind(kind),
        position=_next_position(session, decision_id),
        mover_id=mover_id,
        seconder_id=seconder_id,
        result=result,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        casting_vote=casting_vote,
    )
    session.add(vote)
    session.flush()
    assert vote.id is not None and decision.agenda_item_id is not None
    return vote.id, of(minutes=decision.agenda_item_id)


def record_named_vote(
    session: Session,
    decision_id: int,
    choices: dict[int, VoteChoice],
    *,
    motion: str = "",
    kind: VoteKind = VoteKind.MOTION,
    mover_id: int | None = None,
    seconder_id: int | None = None,
    withdrawn: bool = False,
    casting_vote: CastingVote = CastingVote.NONE,
) -> tuple[int, Changes]:
    """A recorded vote: each member's choice; the counts and (unless withdrawn) the result follow from them."""
    _, item = _decision(session, decision_id)
    assert item.id is not None
    in_room = members_in_room(session, item.meeting_id).get(item.id, set())
    strangers = [pid for pid in choices if pid not in in_room]
    if strangers:
        names = ", ".join(p.formal_name for pid in strangers if (p := session.get(Person, pid)) is not None)
        raise InvalidChange(f"Only members present for this item may vote: {names or 'unknown person'} cannot.")
    casting_vote = CastingVote(casting_vote)
    tally = {choice: sum(1 for c in choices.values() if VoteChoice(c) is choice) for choice in VoteChoice}
    votes_for, votes_against = tally[VoteChoice.FOR], tally[VoteChoice.AGAINST]
    if withdrawn:
        result = VoteResult.WITHDRAWN
    elif casting_vote is not CastingVote.NONE:
        result = VoteResult.CARRIED if casting_vote is CastingVote.FOR else VoteResult.LOST
    else:
        result = VoteResult.CARRIED if votes_for > votes_against else VoteResult.LOST
    vote_id, changes = record_vote(
        session,
        decision_id,
        result,
        motion=motion,
        kind=kind,
        mover_id=mover_id,
        seconder_id=seconder_id,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=tally[VoteChoice.ABSTAIN],
        casting_vote=casting_vote,
    )
    vote = session.get(Vote, vote_id)
    assert vote is not None
    vote.recorded = True
    session.add(vote)
    for person_id, choice in choices.items():
        session.add(VoteRecord(vote_id=vote_id, person_id=person_id, choice=VoteChoice(choice)))
    session.flush()
    return vote_id, changes


def delete_vote(session: Session, vote_id: int) -> Changes:
    vote = session.get(Vote, vote_id)
    if vote is None:
        raise NotFound("That vote no longer exists.")
    decision, _ = _decision(session, vote.decision_id)
    session.delete(vote)
    return of(minutes=decision.agenda_item_id)


def _name(session: Session, person_id: int | None) -> str:
    person = session.get(Person, person_id) if person_id is not None else None
    return person.formal_name if person is not None else ""


def votes_for_decision(session: Session, decision_id: int) -> list[VoteRow]:
    rows = []
    for vote in session.exec(select(Vote).where(Vote.decision_id == decision_id).order_by(col(Vote.position))).all():
        assert vote.id is not None
        records = session.exec(select(VoteRecord).where(VoteRecord.vote_id == vote.id)).all()
        by_choice: dict[VoteChoice, list[str]] = {choice: [] for choice in VoteChoice}
        for record in records:
            by_choice[record.choice].append(_name(session, record.person_id))
        rows.append(
            VoteRow(
                id=vote.id,
                decision_id=vote.decision_id,
                motion=vote.motion,
                kind=vote.kind,
                mover=_name(session, vote.mover_id),
                seconder=_name(session, vote.seconder_id),
                result=vote.result,
                votes_for=vote.votes_for,
                votes_against=vote.votes_against,
                abstentions=vote.abstentions,
                casting_vote=vote.casting_vote,
                recorded=vote.recorded,
                names_for=tuple(sorted(by_choice[VoteChoice.FOR])),
                names_against=tuple(sorted(by_choice[VoteChoice.AGAINST])),
                names_abstaining=tuple(sorted(by_choice[VoteChoice.ABSTAIN])),
            )
        )
    return rows
