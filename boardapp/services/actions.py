"""Board actions as the log shows them: one plain `ActionRow` per action, the overdue rule, and the
detail of one action (its owners, history and plan links).

Rows are built with a fixed handful of queries (the actions, then owners, latest updates and plan
links of exactly those actions), never one per row. `boardapp.services.action_log` filters, sorts,
groups and pages the log in SQL and builds its rows here.

Overdue (one rule, in Python here and in SQL in `overdue_clause`): an action still being worked on
(open or in progress) that was due at a meeting that has been held (held, minutes approved or
locked) and is dated before today, or due by a date before today. "Completed" is not overdue: the
owner reported it done and it only awaits the board agreeing to close it; it stays on the log (it
is still open) until then. `today` is always passed in, never read from the clock here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_
from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from boardapp.core.dates import long_date, short_date
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
    Plan,
    PlanItem,
    Role,
    StatusLevel,
)
from boardapp.services.errors import NotFound

ACTION_STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Completed",
    ActionStatus.CLOSED: "Closed",
    ActionStatus.CANCELLED: "Cancelled",
}
STATUS_BY_LABEL = {label.casefold(): status for status, label in ACTION_STATUS_LABELS.items()}

OPEN_STATUSES = frozenset(s for s in ActionStatus if s.is_open)
"""Still on the log and reviewed at meetings: open, in progress, completed (awaiting closure)."""

HELD_STATUSES = frozenset({MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED})
"""A meeting in one of these states has taken place, so what was due at it is now late if still open."""

LATE_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
"""Statuses that can be overdue. "Completed" is reported done and only awaits the board's closing it,
so it is no longer late even though it is still reviewed under matters arising."""

OWNER_SEPARATOR = " / "
NO_OWNER = "No owner"

# The two meetings an action row joins: where it was raised and where it is due.
RAISED = aliased(Meeting, name="raised")
DUE = aliased(Meeting, name="due")


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
    raised_item_id: int | None = None
    plan_refs: tuple[str, ...] = ()  # "1.1" of each linked plan action, in plan order
    board_short_name: str = ""
    is_exempt: bool = False  # Part II: the action's own stamp (or its item is exempt now)
    exempt_paragraph: str = ""
    raised_item_withheld: bool = False  # raised under an exempt item whose title a public version withholds

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

    @property
    def plan_links(self) -> str:
        return (
            ", ".join(self.plan_refs) if self.plan_refs else (str(self.plan_link_count) if self.plan_link_count else "")
        )


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


def overdue_clause(today: dt.date) -> ColumnElement[bool]:
    """`is_overdue` as SQL, over `Action` joined to its due meeting as `DUE`."""
    return and_(
        col(Action.status).in_(sorted(LATE_STATUSES)),
        or_(
            and_(
                col(Action.due_kind) == DueKind.MEETING,
                col(DUE.date) < today,
                col(DUE.status).in_(sorted(HELD_STATUSES)),
            ),
            and_(col(Action.due_kind) == DueKind.DATE, col(Action.due_date) < today),
        ),
    )


def due_sort_expression() -> ColumnElement[Any]:
    """The date an action is due by (its meeting's date, or its date), NULL when none is known."""
    return case(
        (col(Action.due_kind) == DueKind.MEETING, col(DUE.date)),
        (col(Action.due_kind) == DueKind.DATE, col(Action.due_date)),
        else_=None,
    )


# -- building rows ------------------------------------------------------------------------------------

ROW_COLUMNS: tuple[Any, ...] = (
    Action.id, Action.board_id, Board.name, Board.short_name, Action.ref, Action.text, Action.status,
    Action.due_kind, Action.due_meeting_id, Action.due_date, Action.due_text, DUE.date, DUE.status,
    Action.raised_meeting_id, RAISED.date, Action.raised_item_id, AgendaItem.position, AgendaItem.title,
    Action.is_exempt, Action.exempt_paragraph, AgendaItem.is_exempt, AgendaItem.show_title_when_exempt,
)  # fmt: skip

LOG_ORDER: tuple[Any, ...] = (
    col(Board.name), col(RAISED.date), col(AgendaItem.position), col(Action.position), col(Action.id),
)  # fmt: skip
"""The order a log lists actions in: board, then as raised (meeting, item, position in the minute)."""

ID_LIST_LIMIT = 500
"""Side queries name up to this many ids; beyond, they repeat the main query's filter as a subquery."""


def row_select(*extra: Any) -> Select[Any]:
    """Every column a row needs, with the joins its labels and the filters use (nothing filtered yet)."""
    return (
        wide_select(*ROW_COLUMNS, *extra)
        .join(Board, col(Board.id) == Action.board_id)
        .outerjoin(DUE, col(DUE.id) == Action.due_meeting_id)
        .outerjoin(RAISED, col(RAISED.id) == Action.raised_meeting_id)
        .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
    )


def rows_from(session: Session, query: Select[Any], *, today: dt.date) -> list[ActionRow]:
    """Run a `row_select()` query (filtered, ordered, maybe paged) and build its rows: four queries."""
    connection = session.connection()  # Core execution: rows are tuples, no ORM bookkeeping per row
    results = connection.execute(query).all()
    if not results:
        return []
    ids = [result[0] for result in results]
    scope: Select[Any] | list[int]
    if len(ids) <= ID_LIST_LIMIT:
        scope = ids
    else:  # the same filter as a subquery: no statement with tens of thousands of parameters
        scope = query.with_only_columns(col(Action.id)).order_by(None).limit(None).offset(None)
    owners = owner_names_by_action(session, scope)
    updates = latest_updates(session, scope)
    links = plan_refs_by_action(session, scope)
    rows = []
    for (
        action_id, board_id, board_name, short_name, ref, text, status, kind, due_meeting_id, due_date, due_text,
        due_meeting_date, due_meeting_status, raised_meeting_id, raised_on, raised_item_id, item_position,
        item_title, stamped, paragraph, item_exempt, title_shown, *_,
    ) in results:  # fmt: skip
        last_on, last_note = updates.get(action_id, (None, ""))
        plan_refs = links.get(action_id, ())
        rows.append(
            ActionRow(
                id=action_id,
                board_id=board_id,
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
                plan_link_count=len(plan_refs),
                raised_item_id=raised_item_id,
                plan_refs=tuple(ref for ref in plan_refs if ref),
                board_short_name=short_name or "",
                is_exempt=bool(stamped or item_exempt),
                exempt_paragraph=paragraph or "",
                raised_item_withheld=bool(item_exempt) and not title_shown,
            )
        )
    return rows


def list_action_rows(session: Session, board_id: int | None = None, *, today: dt.date) -> list[ActionRow]:
    """Every action (of one board, or all), in the order a log lists them: board, then as raised."""
    query = row_select().order_by(*LOG_ORDER)
    if board_id is not None:
        query = query.where(col(Action.board_id) == board_id)
    return rows_from(session, query, today=today)


def action_rows_by_id(session: Session, action_ids: Sequence[int], *, today: dt.date) -> dict[int, ActionRow]:
    if not action_ids:
        return {}
    query = row_select().where(col(Action.id).in_(list(action_ids)))
    return {row.id: row for row in rows_from(session, query, today=today)}


def owner_names_by_action(session: Session, action_ids: Select[Any] | list[int]) -> dict[int, list[str]]:
    """Owner names (person or role) of the given actions, in the order they were written."""
    query = (
        select(ActionOwner.action_id, Person.name, Role.name)
        .outerjoin(Person, col(Person.id) == ActionOwner.person_id)
        .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
        .where(col(ActionOwner.action_id).in_(action_ids))
        .order_by(col(ActionOwner.action_id), col(ActionOwner.position), col(ActionOwner.id))
    )
    names: dict[int, list[str]] = defaultdict(list)
    for action_id, person, role in session.connection().execute(query).all():
        names[action_id].append(person or role or "?")
    return names


def latest_updates(session: Session, action_ids: Select[Any] | list[int]) -> dict[int, tuple[dt.date, str]]:
    """Each action's newest update (date and note), picked by a window function in one query."""
    newest_first = func.row_number().over(
        partition_by=col(ActionUpdate.action_id),
        order_by=(col(ActionUpdate.recorded_on).desc(), col(ActionUpdate.id).desc()),
    )
    columns: list[Any] = [ActionUpdate.action_id, ActionUpdate.recorded_on, ActionUpdate.note]
    ranked = (
        wide_select(*columns, newest_first.label("rank")).where(col(ActionUpdate.action_id).in_(action_ids)).subquery()
    )
    query = wide_select(ranked.c.action_id, ranked.c.recorded_on, ranked.c.note).where(ranked.c.rank == 1)
    return {action_id: (on, note) for action_id, on, note in session.connection().execute(query).all()}


def plan_refs_by_action(session: Session, action_ids: Select[Any] | list[int]) -> dict[int, tuple[str, ...]]:
    """The refs of the plan actions each action serves ("" for an unnumbered one), in plan order."""
    query = (
        select(ActionPlanLink.action_id, PlanItem.ref)
        .join(PlanItem, col(PlanItem.id) == ActionPlanLink.plan_item_id)
        .where(col(ActionPlanLink.action_id).in_(action_ids))
        .order_by(col(ActionPlanLink.action_id), col(PlanItem.plan_id), col(PlanItem.ref), col(PlanItem.id))
    )
    refs: dict[int, list[str]] = defaultdict(list)
    for action_id, ref in session.connection().execute(query).all():
        refs[action_id].append(ref)
    return {action_id: tuple(found) for action_id, found in refs.items()}


# -- one action in full ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One dated line of an action's history: a note and/or a change of status, maybe at a meeting."""

    id: int
    recorded_on: dt.date
    meeting_id: int | None
    meeting_label: str  # "12 September 2017 meeting", or "" when recorded between meetings
    status_from: ActionStatus | None
    status_to: ActionStatus | None
    note: str
    author: str

    @property
    def change(self) -> str:
        """ "Open → Closed", or "" for a progress note."""
        if self.status_to is None:
            return ""
        before = ACTION_STATUS_LABELS.get(self.status_from, "") if self.status_from else ""
        after = ACTION_STATUS_LABELS.get(self.status_to, str(self.status_to))
        return f"{before} → {after}" if before and before != after else after


@dataclass(frozen=True)
class OwnerEntry:
    name: str
    person_id: int | None
    role_id: int | None

    @property
    def is_role(self) -> bool:
        return self.role_id is not None


@dataclass(frozen=True)
class PlanLinkEntry:
    link_id: int
    plan_item_id: int
    plan_id: int
    plan_name: str
    ref: str
    text: str
    level_label: str  # the plan action's progress rating ("Green"), or ""
    level_colour: str

    @property
    def label(self) -> str:
        ref = f"{self.ref} " if self.ref else ""
        return f"{ref}{self.text}"


@dataclass(frozen=True)
class ActionDetail:
    row: ActionRow
    due_text: str  # the phrase as minuted
    due_date: dt.date | None
    closed_at_label: str  # "12 September 2017 meeting" once the board agreed to close it
    owners: tuple[OwnerEntry, ...]
    history: tuple[HistoryEntry, ...]  # oldest first
    links: tuple[PlanLinkEntry, ...]


def action_detail(session: Session, action_id: int, *, today: dt.date) -> ActionDetail:
    """Everything known about one action: its row, owners, full history and plan links."""
    rows = action_rows_by_id(session, [action_id], today=today)
    action = session.get(Action, action_id)
    if action is None or action_id not in rows:
        raise NotFound("That action no longer exists; it may have been deleted.")
    owners = tuple(
        OwnerEntry(name=person or role or "?", person_id=person_id, role_id=role_id)
        for person_id, role_id, person, role in session.exec(
            select(ActionOwner.person_id, ActionOwner.role_id, Person.name, Role.name)
            .outerjoin(Person, col(Person.id) == ActionOwner.person_id)
            .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
            .where(ActionOwner.action_id == action_id)
            .order_by(col(ActionOwner.position), col(ActionOwner.id))
        ).all()
    )
    history = tuple(
        HistoryEntry(
            id=update.id or 0,
            recorded_on=update.recorded_on,
            meeting_id=update.meeting_id,
            meeting_label=f"{long_date(meeting_date)} meeting" if meeting_date else "",
            status_from=update.status_from,
            status_to=update.status_to,
            note=update.note,
            author=update.author,
        )
        for update, meeting_date in session.exec(
            select(ActionUpdate, col(Meeting.date))
            .outerjoin(Meeting, col(Meeting.id) == ActionUpdate.meeting_id)
            .where(ActionUpdate.action_id == action_id)
            .order_by(col(ActionUpdate.recorded_on), col(ActionUpdate.id))
        ).all()
    )
    closed_at = session.get(Meeting, action.closed_at_meeting_id) if action.closed_at_meeting_id else None
    return ActionDetail(
        row=rows[action_id],
        due_text=action.due_text,
        due_date=action.due_date,
        closed_at_label=f"{long_date(closed_at.date)} meeting" if closed_at else "",
        owners=owners,
        history=history,
        links=plan_links_of(session, action_id),
    )


def plan_links_of(session: Session, action_id: int) -> tuple[PlanLinkEntry, ...]:
    rows = session.execute(
        wide_select(col(ActionPlanLink.id), PlanItem, col(Plan.name), col(StatusLevel.label), col(StatusLevel.colour))
        .join(PlanItem, col(PlanItem.id) == ActionPlanLink.plan_item_id)
        .join(Plan, col(Plan.id) == PlanItem.plan_id)
        .outerjoin(StatusLevel, col(StatusLevel.id) == PlanItem.progress_level_id)
        .where(col(ActionPlanLink.action_id) == action_id)
        .order_by(col(Plan.name), col(PlanItem.ref), col(PlanItem.id))
    ).all()
    return tuple(
        PlanLinkEntry(
            link_id=link_id,
            plan_item_id=item.id or 0,
            plan_id=item.plan_id,
            plan_name=plan_name,
            ref=item.ref,
            text=item.text,
            level_label=level_label or "",
            level_colour=level_colour or "",
        )
        for link_id, item, plan_name, level_label, level_colour in rows
    )


@dataclass(frozen=True)
class PlanItemChoice:
    """A plan item offered while typing in the "link to plan action" box."""

    id: int
    plan_id: int
    plan_name: str
    ref: str
    text: str
    kind: str

    @property
    def label(self) -> str:
        ref = f"{self.ref}  " if self.ref else ""
        return f"{ref}{self.text}"


def search_plan_items(
    session: Session, text: str, *, board_id: int | None = None, limit: int = 30
) -> list[PlanItemChoice]:
    """Plan items whose ref starts with, or whose text contains, every typed word; the board's plans first.

    Refs match from their start ("1.2" finds 1.2, 1.2.1 but not 11.2); words match anywhere in the text.
    """
    words = text.split()
    query = select(PlanItem, Plan.name).join(Plan, col(Plan.id) == PlanItem.plan_id)
    for word in words:
        pattern = like_pattern(word)
        query = query.where(
            or_(
                col(PlanItem.ref).ilike(f"{escape_like(word)}%", escape="\\"),
                col(PlanItem.text).ilike(pattern, escape="\\"),
            )
        )
    own_board = col(Plan.board_id) == board_id if board_id is not None else false()
    query = query.order_by(case((own_board, 0), else_=1), col(Plan.name), col(PlanItem.ref), col(PlanItem.id))
    return [
        PlanItemChoice(
            id=item.id or 0, plan_id=item.plan_id, plan_name=name, ref=item.ref, text=item.text, kind=item.kind.value
        )
        for item, name in session.exec(query.limit(limit)).all()
    ]


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_pattern(word: str) -> str:
    """ "%word%" with LIKE's own wildcards in the word escaped (use with escape="\\")."""
    return f"%{escape_like(word)}%"
