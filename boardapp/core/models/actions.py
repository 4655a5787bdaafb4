"""Board actions: who owes what by when, and every update made on them at later meetings."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.core.models._base import ONE_PARTY, utcnow


class Action(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    ref: str = Field(index=True)  # "IB-2017-08-05", unique per board, shown everywhere
    text: str
    raised_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL", index=True)
    raised_item_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL", index=True)
    position: int = 0  # order within the item's minute
    due_kind: DueKind = DueKind.NONE
    due_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL", index=True)
    due_date: date | None = None
    due_text: str = ""  # the phrase as minuted: "for the September meeting"
    status: ActionStatus = Field(default=ActionStatus.OPEN, index=True)
    closed_at_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    # Part II: stamped when the action is raised under an exempt item, and kept whatever later happens
    # to that item (deleted, moved, its flag changed): exemption belongs to the business itself.
    is_exempt: bool = False
    exempt_paragraph: str = ""
    version: int = 1  # bumped on every edit: a save from an older version is an edit conflict
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    __table_args__ = (UniqueConstraint("board_id", "ref", name="ref_per_board"),)


class ActionOwner(SQLModel, table=True):
    __table_args__ = (CheckConstraint(ONE_PARTY, name="one_party"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE", index=True)
    role_id: int | None = Field(default=None, foreign_key="role.id", ondelete="CASCADE", index=True)
    position: int = 0


class ActionUpdate(SQLModel, table=True):
    """One entry in an action's history: a progress note and/or a change of status."""

    # An action's newest update is one index seek: the action log sorts 30,000 actions by it.
    __table_args__ = (Index("ix_actionupdate_action_id_recorded_on", "action_id", "recorded_on"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    recorded_on: date
    status_from: ActionStatus | None = None
    status_to: ActionStatus | None = None
    note: str = ""
    author: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class ActionPlanLink(SQLModel, table=True):
    """A board action serves a plan action: the golden thread from minute to plan."""

    __table_args__ = (UniqueConstraint("action_id", "plan_item_id", name="link_once"),)

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    plan_item_id: int = Field(foreign_key="planitem.id", ondelete="CASCADE", index=True)
    note: str = ""
