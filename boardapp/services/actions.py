"""The action log as the chair reads it: one plain row per board action, across boards or for one.

Built with a fixed handful of queries (actions, owners, latest updates, plan-link counts) so the
log stays instant with tens of thousands of actions; nothing here is loaded per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind, MeetingStatus
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionPlanLink,
    ActionUpdate,
    AgendaItem,
    Board,
    Meeting,
    Person,
    Role,
)

ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Completed",
    ActionStatus.CLOSED: "Closed",
    ActionStatus.CANCELLED: "Cancelled",
}

HELD_STATUSES = frozenset({MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED})
"""A meeting in one of these states has taken place, so what was due at it is now late if still open."""

LATE_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
"""Statuses that can be overdue. "Completed" is reported done and only awaits the board's closing it,
so it is no longer late even though it is still reviewed under matters arising."""

OWNER_SEPARATOR = " / "


@dataclass(frozen=True)
class ActionRow:
    id: int
    board_id: int
    board_name: str
    ref: str
    text: str
    owner_names: tuple[str, ...]
    raised_meeting_id: int | None
    raised_on: dt.date | None
    raised_item_number: int | None
    raised_item_title: str
    due_kind: DueKind
    due_meeting_id: int | None
    due_label: str
    due_sort: dt.date | None  # None: no date known ("a future meeting"); sorts last
    status: ActionStatus
    is_overdue: bool
    last_update_on: dt.date | None
    last_update_note: str
    plan_link_count: int

    @property
    def owners(self) -> str:
        return OWNER_SEPARATOR.join(self.owner_names)

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS.get(self.status, str(self.status))

    @property
    def due_short(self) -> str:
        """The due label for narrow columns: "12 Sep 2017 meeting"."""
        if self.due_kind is DueKind.MEETING and self.due_sort is not None:
            return f"{short_date(self.due_sort)} meeting"
        return self.due_label

    @property
    def raised_at(self) -> str:
        """ "1 Aug 2017, item 2: Minutes and actions from the last meeting", or what is known of it."""
        if self.raised_on is None:
            return ""
        label = short_date(self.raised_on)
        if self.raised_item_number is not None:
            label += f", item {self.raised_item_number}"
            if self.raised_item_title:
                label += f": {self.raised_item_title}"
        return label

    @property
    def last_update(self) -> str:
        if self.last_update_on is None:
            return ""
        note = f" – {self.last_update_note}" if self.last_update_note else ""
        return f"{short_date(self.last_update_on)}{note}"


def long_date(day: dt.date) -> str:
    """ "1 August 2017": written out without platform-specific strftime flags (no %-d on Windows)."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """ "31 Oct 2017", the form clerks use in action logs."""
    return f"{day.day} {day:%b %Y}"


def due_label(kind: DueKind, meeting_date: dt.date | None, due_date: dt.date | None, due_text: str) -> str:
    """How a due point reads in a log or a minute: "12 September 2017 meeting", "a future meeting"."""
    if kind is DueKind.MEETING:
        if meeting_date is not None:
            return f"{long_date(meeting_date)} meeting"
        return due_text or "a meeting (not yet named)"
    if kind is DueKind.DATE and due_date is not None:
        return short_date(due_date)
    if kind is DueKind.FUTURE_MEETING:
        return "a future meeting"
    return due_text


def is_overdue(
    status: ActionStatus,
    kind: DueKind,
    meeting_date: dt.date | None,
    meeting_status: MeetingStatus | None,
    due_date: dt.date | None,
    today: dt.date,
) -> bool:
    """Late: still being worked on, and due at a meeting that has been held or by a date now past."""
    if status not in LATE_STATUSES:
        return False
    if kind is DueKind.MEETING:
        return meeting_date is not None and meeting_date < today and meeting_status in HELD_STATUSES
    if kind is DueKind.DATE:
        return due_date is not None and due_date < today
    return False


def list_action_rows(session: Session, board_id: int | None = None, *, today: dt.date) -> list[ActionRow]:
    """Every action (of one board, or all), in the order a log lists them: board, then as raised."""
    raised = aliased(Meeting, name="raised")
    due = aliased(Meeting, name="due")
    columns: list[Any] = [
        Action.id, Action.board_id, Board.name, Action.ref, Action.text, Action.status,
        Action.due_kind, Action.due_meeting_id, Action.due_date, Action.due_text, due.date, due.status,
        Action.raised_meeting_id, raised.date, AgendaItem.position, AgendaItem.title,
    ]  # fmt: skip
    query = (
        wide_select(*columns)
        .join(Board, col(Board.id) == Action.board_id)
        .outerjoin(due, col(due.id) == Action.due_meeting_id)
        .outerjoin(raised, col(raised.id) == Action.raised_meeting_id)
        .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
        .order_by(col(Board.name), col(raised.date), col(AgendaItem.position), col(Action.position), col(Action.id))
    )
    if board_id is not None:
        query = query.where(col(Action.board_id) == board_id)
    owners = _owner_names(session, board_id)
    updates = _latest_updates(session, board_id)
    links = _plan_link_counts(session, board_id)
    rows = []
    for (
        action_id,
        action_board_id,
        board_name,
        ref,
        text,
        status,
        kind,
        due_meeting_id,
        due_date,
        due_text,
        due_meeting_date,
        due_meeting_status,
        raised_meeting_id,
        raised_on,
        item_position,
        item_title,
    ) in session.execute(query).all():
        last_on, last_note = updates.get(action_id, (None, ""))
        rows.append(
            ActionRow(
                id=action_id,
                board_id=action_board_id,
                board_name=board_name,
                ref=ref,
                text=text,
                owner_names=tuple(owners.get(action_id, ())),
                raised_meeting_id=raised_meeting_id,
                raised_on=raised_on,
                raised_item_number=item_position,
                raised_item_title=item_title or "",
                due_kind=kind,
                due_meeting_id=due_meeting_id,
                due_label=due_label(kind, due_meeting_date, due_date, due_text),
                due_sort={DueKind.MEETING: due_meeting_date, DueKind.DATE: due_date}.get(kind),
                status=status,
                is_overdue=is_overdue(status, kind, due_meeting_date, due_meeting_status, due_date, today),
                last_update_on=last_on,
                last_update_note=last_note,
                plan_link_count=links.get(action_id, 0),
            )
        )
    return rows


def owner_names_by_action(session: Session, action_ids: Select | list[int]) -> dict[int, list[str]]:
    """Owner names (person or role) of the given actions, in the order they were written."""
    query = (
        select(ActionOwner.action_id, Person.name, Role.name)
        .outerjoin(Person, col(Person.id) == ActionOwner.person_id)
        .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
        .where(col(ActionOwner.action_id).in_(action_ids))
        .order_by(col(ActionOwner.action_id), col(ActionOwner.position), col(ActionOwner.id))
    )
    names: dict[int, list[str]] = defaultdict(list)
    for action_id, person, role in session.exec(query).all():
        names[action_id].append(person or role or "?")
    return names


def _action_ids(board_id: int | None) -> Select:
    query = select(Action.id)
    return query if board_id is None else query.where(Action.board_id == board_id)


def _owner_names(session: Session, board_id: int | None) -> dict[int, list[str]]:
    return owner_names_by_action(session, _action_ids(board_id))


def _latest_updates(session: Session, board_id: int | None) -> dict[int, tuple[dt.date, str]]:
    """Each action's newest update (date and note), picked by a window function in one query."""
    newest_first = func.row_number().over(
        partition_by=col(ActionUpdate.action_id),
        order_by=(col(ActionUpdate.recorded_on).desc(), col(ActionUpdate.id).desc()),
    )
    columns: list[Any] = [ActionUpdate.action_id, ActionUpdate.recorded_on, ActionUpdate.note]
    ranked = (
        wide_select(*columns, newest_first.label("rank"))
        .where(col(ActionUpdate.action_id).in_(_action_ids(board_id)))
        .subquery()
    )
    query = select(ranked.c.action_id, ranked.c.recorded_on, ranked.c.note).where(ranked.c.rank == 1)
    return {action_id: (on, note) for action_id, on, note in session.execute(query).all()}


def _plan_link_counts(session: Session, board_id: int | None) -> dict[int, int]:
    query = (
        select(ActionPlanLink.action_id, func.count())
        .where(col(ActionPlanLink.action_id).in_(_action_ids(board_id)))
        .group_by(col(ActionPlanLink.action_id))
    )
    return {action_id: count for action_id, count in session.exec(query).all()}
