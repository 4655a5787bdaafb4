"""What the main window's navigator shows: boards, their meetings, plans and action counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from boardapp.core.dates import long_date
from boardapp.core.enums import ActionStatus, MeetingStatus
from boardapp.core.models import Action, AgendaItem, Board, Meeting, Membership, Plan, PlanItem

OPEN_STATUSES = [s for s in ActionStatus if s.is_open]


@dataclass(frozen=True)
class MeetingRow:
    id: int
    board_id: int
    date: dt.date
    start_time: dt.time | None
    venue: str
    status: MeetingStatus
    item_count: int

    @property
    def label(self) -> str:
        return long_date(self.date)


@dataclass(frozen=True)
class PlanRow:
    id: int
    name: str
    period_text: str
    item_count: int


@dataclass(frozen=True)
class BoardRow:
    id: int
    name: str
    meeting_count: int
    open_action_count: int
    member_count: int = 0  # people with a membership of the board (past or present)
    archived: bool = False  # kept with its history, shown apart from the boards in use


def list_boards(session: Session) -> list[BoardRow]:
    """Every board, archived ones too (the navigator shows those apart), with the counts its rows show."""
    meetings = select(Meeting.board_id, func.count().label("n")).group_by(col(Meeting.board_id)).subquery()
    actions = (
        select(Action.board_id, func.count().label("n"))
        .where(col(Action.status).in_(OPEN_STATUSES))
        .group_by(col(Action.board_id))
        .subquery()
    )
    members = (
        select(Membership.board_id, func.count(func.distinct(Membership.person_id)).label("n"))
        .group_by(col(Membership.board_id))
        .subquery()
    )
    rows = session.execute(
        sa_select(  # SQLModel's select types at most four columns
            col(Board.id),
            col(Board.name),
            func.coalesce(meetings.c.n, 0),
            func.coalesce(actions.c.n, 0),
            func.coalesce(members.c.n, 0),
            col(Board.archived),
        )
        .outerjoin(meetings, meetings.c.board_id == Board.id)
        .outerjoin(actions, actions.c.board_id == Board.id)
        .outerjoin(members, members.c.board_id == Board.id)
        .order_by(col(Board.name))
    ).all()
    return [
        BoardRow(
            id=board_id,
            name=name,
            meeting_count=meeting_count,
            open_action_count=open_actions,
            member_count=member_count,
            archived=bool(archived),
        )
        for board_id, name, meeting_count, open_actions, member_count, archived in rows
        if board_id
    ]


def list_meetings(session: Session, board_id: int) -> list[MeetingRow]:
    """Meetings of a board, newest first (plain columns and an indexed count: this runs at start-up)."""
    item_count = (
        select(func.count()).where(col(AgendaItem.meeting_id) == col(Meeting.id)).correlate(Meeting).scalar_subquery()
    )
    rows = session.execute(
        sa_select(  # SQLModel's select types at most four columns
            col(Meeting.id),
            col(Meeting.board_id),
            col(Meeting.date),
            col(Meeting.start_time),
            col(Meeting.venue),
            col(Meeting.status),
            item_count,
        )
        .where(col(Meeting.board_id) == board_id)
        .order_by(col(Meeting.date).desc())
    ).all()
    return [
        MeetingRow(
            id=meeting_id, board_id=board, date=date, start_time=start, venue=venue, status=status, item_count=count
        )
        for meeting_id, board, date, start, venue, status, count in rows
    ]


def list_plans(session: Session, board_id: int | None = None) -> list[PlanRow]:
    items = select(PlanItem.plan_id, func.count().label("n")).group_by(col(PlanItem.plan_id)).subquery()
    query = select(Plan, func.coalesce(items.c.n, 0)).outerjoin(items, items.c.plan_id == Plan.id)
    if board_id is not None:
        query = query.where(Plan.board_id == board_id)
    rows = session.exec(query.order_by(Plan.name)).all()
    return [PlanRow(id=p.id or 0, name=p.name, period_text=p.period_text, item_count=n) for p, n in rows]
