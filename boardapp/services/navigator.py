"""What the main window's navigator shows: boards, their meetings, plans and action counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, MeetingStatus
from boardapp.core.models import Action, AgendaItem, Board, Meeting, Plan, PlanItem

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
        return f"{self.date:%-d %B %Y}"


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


def list_boards(session: Session) -> list[BoardRow]:
    meetings = select(Meeting.board_id, func.count().label("n")).group_by(col(Meeting.board_id)).subquery()
    actions = (
        select(Action.board_id, func.count().label("n"))
        .where(col(Action.status).in_(OPEN_STATUSES))
        .group_by(col(Action.board_id))
        .subquery()
    )
    rows = session.exec(
        select(Board.id, Board.name, func.coalesce(meetings.c.n, 0), func.coalesce(actions.c.n, 0))
        .outerjoin(meetings, meetings.c.board_id == Board.id)
        .outerjoin(actions, actions.c.board_id == Board.id)
        .order_by(Board.name)
    ).all()
    return [BoardRow(id=r[0], name=r[1], meeting_count=r[2], open_action_count=r[3]) for r in rows if r[0]]


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
