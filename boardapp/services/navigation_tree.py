"""The navigator's data as plain rows: each board with its meetings and plans, the plans of no board,
and the archived boards.

A read model for the main window's navigator, here so that the GUI never holds a database session's
types itself (the GUI may not import sqlmodel): the window calls `operations.read(read_navigator)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlmodel import Session

from boardapp.core.models import Action, AgendaItem, Kpi, PlanItem, Recommendation
from boardapp.services.navigator import BoardRow, MeetingRow, PlanRow, list_boards, list_meetings, list_plans


@dataclass(frozen=True)
class BoardEntry:
    board: BoardRow
    meetings: tuple[MeetingRow, ...]
    plans: tuple[PlanRow, ...]


@dataclass(frozen=True)
class NavigatorData:
    boards: tuple[BoardEntry, ...] = ()  # the boards in use
    other_plans: tuple[PlanRow, ...] = ()
    archived: tuple[BoardEntry, ...] = ()  # archived boards, kept with their history

    def entry(self, board_id: int | None) -> BoardEntry | None:
        """The board's entry, archived or not."""
        return next((e for e in (*self.boards, *self.archived) if e.board.id == board_id), None)


def read_navigator(session: Session) -> NavigatorData:
    """Everything the navigator shows, in a few queries per board (it runs at start-up and after changes)."""
    boards = list_boards(session)
    entries = tuple(
        BoardEntry(board=b, meetings=tuple(list_meetings(session, b.id)), plans=tuple(list_plans(session, b.id)))
        for b in boards
    )
    placed = {plan.id for entry in entries for plan in entry.plans}
    others = tuple(plan for plan in list_plans(session) if plan.id not in placed)
    return NavigatorData(
        boards=tuple(e for e in entries if not e.board.archived),
        other_plans=others,
        archived=tuple(e for e in entries if e.board.archived),
    )


# -- where a record is filed (for "open this record" given its id alone) ---------------------------------------
PlanRecordKind = Literal["item", "recommendation", "kpi"]


def board_of_action(session: Session, action_id: int) -> int | None:
    """The board whose action log holds the action; None if it is gone."""
    action = session.get(Action, action_id)
    return action.board_id if action is not None else None


def meeting_of_item(session: Session, item_id: int) -> int | None:
    """The meeting an agenda item belongs to; None if it is gone."""
    item = session.get(AgendaItem, item_id)
    return item.meeting_id if item is not None else None


def plan_of(session: Session, kind: PlanRecordKind, record_id: int) -> int | None:
    """The plan a plan item, recommendation or KPI belongs to; None if it is gone (or in no plan)."""
    record: PlanItem | Recommendation | Kpi | None
    if kind == "item":
        record = session.get(PlanItem, record_id)
    elif kind == "recommendation":
        record = session.get(Recommendation, record_id)
    else:
        record = session.get(Kpi, record_id)
    return record.plan_id if record is not None else None


__all__ = [
    "BoardEntry",
    "NavigatorData",
    "PlanRecordKind",
    "board_of_action",
    "meeting_of_item",
    "plan_of",
    "read_navigator",
]
