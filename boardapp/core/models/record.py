"""The formal record of a meeting: declarations of interest and votes (issue 17).

Enums live here, with the tables, because only the record uses them.
"""

import datetime as dt
from enum import StrEnum

from sqlmodel import Field, SQLModel

from boardapp.core.models._base import utcnow


class InterestKind(StrEnum):
    DISCLOSABLE_PECUNIARY = "disclosable_pecuniary"
    OTHER_REGISTRABLE = "other_registrable"
    NON_REGISTRABLE = "non_registrable"


class InterestAction(StrEnum):
    """What the member did about the item they declared an interest in."""

    LEFT_ROOM = "left_room"
    SPOKE_THEN_LEFT = "spoke_then_left"
    TOOK_NO_PART = "took_no_part"
    DISPENSATION = "dispensation"
    REMAINED = "remained"


class VoteKind(StrEnum):
    MOTION = "motion"
    AMENDMENT = "amendment"


class VoteResult(StrEnum):
    CARRIED = "carried"
    LOST = "lost"
    WITHDRAWN = "withdrawn"


class CastingVote(StrEnum):
    FOR = "for"
    AGAINST = "against"
    NONE = "none"


class VoteChoice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Declaration(SQLModel, table=True):
    """A declaration of interest made at a meeting, on an item or (item None) generally."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    kind: InterestKind
    nature: str = ""
    nature_withheld: bool = False  # sensitive: the public minutes say only that an interest was declared
    action: InterestAction = InterestAction.REMAINED
    created_at: dt.datetime = Field(default_factory=utcnow)


class Vote(SQLModel, table=True):
    """A motion or amendment put to the vote under a decision."""

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", ondelete="CASCADE", index=True)
    motion: str = ""
    kind: VoteKind = VoteKind.MOTION
    position: int = 0
    mover_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    seconder_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    result: VoteResult = VoteResult.CARRIED
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    recorded: bool = False  # a named vote: each member's choice is in VoteRecord
    casting_vote: CastingVote = CastingVote.NONE


class VoteRecord(SQLModel, table=True):
    """One member's choice in a recorded (named) vote."""

    id: int | None = Field(default=None, primary_key=True)
    vote_id: int = Field(foreign_key="vote.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    choice: VoteChoice
