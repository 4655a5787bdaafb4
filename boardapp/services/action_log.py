"""The action log as the chair reviews it: filtered, sorted, grouped, counted and paged in SQL.

    query = ActionLogQuery(board_id=1, statuses=OPEN_STATUSES, sort=SortColumn.DUE, group_by=GroupBy.OWNER)
    summary = action_log_summary(session, query, today=today)   # counts, and the groups in order
    rows = action_log_page(session, query, offset=0, limit=200, today=today)

Every filter, the sort and the grouping are SQL, so a page of a 30,000-action log costs what a
page costs (the GUI's table model fetches the pages it shows; see benchmarks/action_log.py).
Rows come in a total order (the chosen sort, then the log's own order, then id), so pages never
overlap. Grouped by owner, an action with two owners is listed under each of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, or_
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
    Plan,
    PlanItem,
    PlanItemRecommendation,
    Recommendation,
    ReviewSource,
    Role,
)
from boardapp.services.actions import (
    ACTION_STATUS_LABELS,
    DUE,
    LOG_ORDER,
    NO_OWNER,
    OPEN_STATUSES,
    RAISED,
    ActionRow,
    action_rows_by_id,
    due_sort_expression,
    like_pattern,
    long_date,
    overdue_clause,
    row_select,
    rows_from,
    short_date,
)
from boardapp.services.errors import NotFound


class SortColumn(StrEnum):
    LOG = "log"  # the log's own order: board, then as raised
    REF = "ref"
    TEXT = "text"
    OWNERS = "owners"  # by the first owner written
    RAISED = "raised"
    DUE = "due"
    STATUS = "status"
    LAST_UPDATE = "last_update"
    PLAN_LINKS = "plan_links"


class GroupBy(StrEnum):
    NONE = "none"
    OWNER = "owner"
    DUE_MEETING = "due_meeting"


@dataclass(frozen=True)
class OwnerKey:
    """A person or a role (exactly one set)."""

    person_id: int | None = None
    role_id: int | None = None

    @property
    def key(self) -> str:
        return f"p{self.person_id}" if self.person_id is not None else f"r{self.role_id}"


@dataclass(frozen=True)
class ActionLogQuery:
    """What the log shows. Empty `statuses` means any status."""

    board_id: int | None = None
    owner: OwnerKey | None = None
    owner_text: str = ""  # part of an owner's name, when no one person or role is meant
    statuses: frozenset[ActionStatus] = frozenset()
    overdue_only: bool = False
    due_meeting_id: int | None = None
    raised_meeting_id: int | None = None
    plan_id: int | None = None
    plan_item_id: int | None = None  # the plan item or anything under it
    recommendation_id: int | None = None
    linked: bool | None = None  # True: serves some plan action; False: serves none
    text: str = ""  # every word in the ref, the text or an owner's name
    sort: SortColumn = SortColumn.LOG
    descending: bool = False
    group_by: GroupBy = GroupBy.NONE

    def __post_init__(self) -> None:
        # Values that went through a GUI list come back as plain strings: make them the enums again.
        object.__setattr__(self, "sort", SortColumn(self.sort))
        object.__setattr__(self, "group_by", GroupBy(self.group_by))
        object.__setattr__(self, "statuses", frozenset(ActionStatus(s) for s in self.statuses))

    def with_sort(self, sort: SortColumn, descending: bool = False) -> ActionLogQuery:
        return replace(self, sort=sort, descending=descending)


@dataclass(frozen=True)
class LogGroup:
    key: str  # "p12" / "r3" / "none" for owners; "m45" / "date" / "future" / "none" for due points
    label: str
    count: int
    overdue: int


@dataclass(frozen=True)
class ActionLogSummary:
    total: int  # actions the filters let through
    overdue: int
    by_status: dict[ActionStatus, int]
    scope_total: int  # actions of the board (or all boards), before any other filter
    groups: tuple[LogGroup, ...] = ()  # in display order; empty unless grouped
    grouped: bool = False

    @property
    def row_count(self) -> int:
        """Rows of the log: actions (one per owner when grouped by owner), plus a header per group."""
        if not self.grouped:
            return self.total
        return sum(group.count for group in self.groups) + len(self.groups)

    @property
    def is_filtered(self) -> bool:
        return self.total != self.scope_total


# -- the filter ------------------------------------------------------------------------------------

_LINKED_ITEM = aliased(PlanItem, name="linked_item")
_OWNER_PERSON = aliased(Person, name="owner_person")
_OWNER_ROLE = aliased(Role, name="owner_role")


def _link_exists(*conditions: Any) -> ColumnElement[bool]:
    """The action serves a plan item meeting `conditions` (on `_LINKED_ITEM`).

    Written as `id IN (subquery)`, not EXISTS: SQLite then reads the few matching links through
    their index instead of probing the links of every action.
    """
    return col(Action.id).in_(
        select(ActionPlanLink.action_id)
        .join(_LINKED_ITEM, col(_LINKED_ITEM.id) == ActionPlanLink.plan_item_id)
        .where(*conditions)
    )


def _owned_by(person_ids: Iterable[int], role_ids: Iterable[int]) -> ColumnElement[bool]:
    """One of the people or roles owns the action (`id IN (subquery)`, for the same reason)."""
    people, roles = sorted(set(person_ids)), sorted(set(role_ids))
    if not people and not roles:
        return literal(False)
    owners = []
    if people:
        owners.append(col(ActionOwner.person_id).in_(people))
    if roles:
        owners.append(col(ActionOwner.role_id).in_(roles))
    return col(Action.id).in_(select(ActionOwner.action_id).where(or_(*owners)))


def _owner_ids_named(session: Session, word: str) -> tuple[list[int], list[int]]:
    """People (by name or alias) and roles whose name contains `word`; these tables are small."""
    pattern = like_pattern(word)
    people = list(session.exec(select(Person.id).where(col(Person.name).ilike(pattern, escape="\\"))).all())
    folded = word.casefold()
    for person_id, aliases in session.exec(select(Person.id, Person.aliases)).all():
        if any(folded in alias.casefold() for alias in aliases or ()):
            people.append(person_id)
    roles = list(session.exec(select(Role.id).where(col(Role.name).ilike(pattern, escape="\\"))).all())
    return [p for p in people if p is not None], [r for r in roles if r is not None]


def _plan_item_and_below(plan_item_id: int) -> Select[Any]:
    tree = select(PlanItem.id).where(PlanItem.id == plan_item_id).cte("plan_subtree", recursive=True)
    below = aliased(PlanItem, name="below")
    tree = tree.union_all(select(below.id).join(tree, col(below.parent_id) == tree.c.id))
    return wide_select(tree.c.id)


def filter_conditions(session: Session, query: ActionLogQuery, *, today: dt.date) -> list[ColumnElement[bool]]:
    """The WHERE clauses of `query` over `row_select()` (Action, Board, DUE, RAISED, AgendaItem)."""
    where: list[ColumnElement[bool]] = []
    if query.board_id is not None:
        where.append(col(Action.board_id) == query.board_id)
    if query.statuses and set(query.statuses) != set(ActionStatus):
        where.append(col(Action.status).in_(sorted(query.statuses)))
    if query.overdue_only:
        where.append(overdue_clause(today))
    if query.due_meeting_id is not None:
        where.append(col(Action.due_meeting_id) == query.due_meeting_id)
    if query.raised_meeting_id is not None:
        where.append(col(Action.raised_meeting_id) == query.raised_meeting_id)
    if query.owner is not None:
        where.append(
            _owned_by(
                [query.owner.person_id] if query.owner.person_id is not None else [],
                [query.owner.role_id] if query.owner.role_id is not None else [],
            )
        )
    for word in query.owner_text.split():
        where.append(_owned_by(*_owner_ids_named(session, word)))
    if query.plan_id is not None:
        where.append(_link_exists(col(_LINKED_ITEM.plan_id) == query.plan_id))
    if query.plan_item_id is not None:
        where.append(_link_exists(col(_LINKED_ITEM.id).in_(_plan_item_and_below(query.plan_item_id))))
    if query.recommendation_id is not None:
        addressed = select(PlanItemRecommendation.plan_item_id).where(
            PlanItemRecommendation.recommendation_id == query.recommendation_id
        )
        where.append(_link_exists(col(_LINKED_ITEM.id).in_(addressed)))
    if query.linked is not None:
        linked = _link_exists()
        where.append(linked if query.linked else ~linked)
    for word in query.text.split():
        pattern = like_pattern(word)
        where.append(
            or_(
                col(Action.text).ilike(pattern, escape="\\"),
                col(Action.ref).ilike(pattern, escape="\\"),
                _owned_by(*_owner_ids_named(session, word)),
            )
        )
    return where


# -- sorting ---------------------------------------------------------------------------------------

_STATUS_ORDER = case(*((col(Action.status) == status, order) for order, status in enumerate(ActionStatus)))
"""Open, in progress, completed, closed, cancelled (compared through the column, so by stored name)."""
_FIRST_OWNER = aliased(ActionOwner, name="first_owner")


def _sort_keys(column: SortColumn, today: dt.date) -> list[Any]:
    """The ORDER BY of one column, before ties are broken."""
    if column is SortColumn.REF:
        return [col(Action.ref)]
    if column is SortColumn.TEXT:
        return [func.lower(col(Action.text))]  # SQLite's NOCASE (ASCII) is lower(); PostgreSQL has no NOCASE
    if column is SortColumn.OWNERS:  # the first owner written (position 0): what the column shows first
        name = func.coalesce(col(_OWNER_PERSON.name), col(_OWNER_ROLE.name))
        return [name.is_(None), func.lower(name)]
    if column is SortColumn.RAISED:
        return [col(RAISED.date), col(AgendaItem.position), col(Action.position)]
    if column is SortColumn.DUE:
        due = due_sort_expression()
        return [due.is_(None), due]
    if column is SortColumn.STATUS:
        return [_STATUS_ORDER, ~overdue_clause(today)]
    if column is SortColumn.LAST_UPDATE:
        return [
            wide_select(func.max(ActionUpdate.recorded_on))
            .where(col(ActionUpdate.action_id) == Action.id)
            .scalar_subquery()
        ]
    if column is SortColumn.PLAN_LINKS:
        return [
            wide_select(func.count(col(ActionPlanLink.id)))
            .where(col(ActionPlanLink.action_id) == Action.id)
            .scalar_subquery()
        ]
    return list(LOG_ORDER[:-1])


def _order_by(query: ActionLogQuery, today: dt.date) -> list[Any]:
    """The chosen column, then the id: a total order, so pages never overlap.

    Ties therefore come in the order the actions were entered (for the log's own order: its order).
    """
    keys = _sort_keys(query.sort, today)
    if query.descending:
        keys = [key.desc() for key in keys]
    return [*keys, col(Action.id).desc() if query.descending and query.sort is SortColumn.LOG else col(Action.id)]


def _log_from(
    *columns: Any, due: bool = False, raised: bool = False, board: bool = False, first_owner: bool = False
) -> Select[Any]:
    """`columns` over actions, joined to only what a statement needs (SQLite 3.40 makes every join
    it is given, used or not, and a join per row is most of the cost of a 30,000-row count)."""
    statement = wide_select(*columns).select_from(Action)
    if board:
        statement = statement.outerjoin(Board, col(Board.id) == Action.board_id)
    if due:
        statement = statement.outerjoin(DUE, col(DUE.id) == Action.due_meeting_id)
    if raised:
        statement = statement.outerjoin(RAISED, col(RAISED.id) == Action.raised_meeting_id).outerjoin(
            AgendaItem, col(AgendaItem.id) == Action.raised_item_id
        )
    return _with_first_owner(statement) if first_owner else statement


def _with_first_owner(statement: Select[Any]) -> Select[Any]:
    return (
        statement.outerjoin(
            _FIRST_OWNER, and_(col(_FIRST_OWNER.action_id) == Action.id, col(_FIRST_OWNER.position) == 0)
        )
        .outerjoin(_OWNER_PERSON, col(_OWNER_PERSON.id) == _FIRST_OWNER.person_id)
        .outerjoin(_OWNER_ROLE, col(_OWNER_ROLE.id) == _FIRST_OWNER.role_id)
    )


def _filter_from(*columns: Any, query: ActionLogQuery, due: bool = False) -> Select[Any]:
    """`_log_from` with the joins the filters of `query` need (plus the due meeting if asked)."""
    return _log_from(*columns, due=due or query.overdue_only)


def _sorted_from(*columns: Any, query: ActionLogQuery) -> Select[Any]:
    """`_log_from` with the joins the filters and the sort of `query` need."""
    sort = query.sort
    return _log_from(
        *columns,
        due=query.overdue_only or sort in (SortColumn.DUE, SortColumn.STATUS),
        raised=sort in (SortColumn.LOG, SortColumn.RAISED),
        board=sort is SortColumn.LOG,
        first_owner=sort is SortColumn.OWNERS,
    )


# -- grouping ----------------------------------------------------------------------------------------


def _due_group_rank() -> ColumnElement[int]:
    """Due meetings (a deleted meeting sets due_meeting_id to NULL), then by a date, a future meeting, none."""
    return case(
        (and_(col(Action.due_kind) == DueKind.MEETING, col(Action.due_meeting_id).is_not(None)), 0),
        (col(Action.due_kind) == DueKind.DATE, 1),
        (col(Action.due_kind) == DueKind.FUTURE_MEETING, 2),
        else_=3,
    )


_DUE_GROUPS = {1: ("date", "Due by a date"), 2: ("future", "At a future meeting"), 3: ("none", "No due point")}
_DUE_GROUP_RANKS = {key: rank for rank, (key, _) in _DUE_GROUPS.items()}


def _has_owner() -> ColumnElement[bool]:
    return col(Action.id).in_(select(ActionOwner.action_id))


def group_condition(group_by: GroupBy, key: str) -> ColumnElement[bool]:
    """The actions of one group (a `LogGroup.key`), as a WHERE clause."""
    if group_by is GroupBy.OWNER:
        if key == "none":
            return ~_has_owner()
        number = int(key[1:])
        return _owned_by([number], []) if key.startswith("p") else _owned_by([], [number])
    if group_by is GroupBy.DUE_MEETING:
        if key.startswith("m"):
            return and_(col(Action.due_kind) == DueKind.MEETING, col(Action.due_meeting_id) == int(key[1:]))
        return _due_group_rank() == _DUE_GROUP_RANKS[key]
    raise ValueError(f"the log is not grouped, so there is no group {key!r}")


# -- the services -------------------------------------------------------------------------------------


def action_log_summary(session: Session, query: ActionLogQuery, *, today: dt.date) -> ActionLogSummary:
    """Counts of what the filters let through (total, overdue, by status), and the groups in order.

    Overdue is counted by a query of its own: restricted to open and in-progress actions, it reads a
    few rows through the status index, where a per-row overdue test would join every action to its
    due meeting.
    """
    connection = session.connection()
    conditions = filter_conditions(session, query, today=today)
    counted = _filter_from(col(Action.status), func.count(), query=query).where(*conditions)
    by_status = {status: 0 for status in ActionStatus}
    for status, count in connection.execute(counted.group_by(col(Action.status))).all():
        by_status[status] = count
    overdue = overdue_clause(today)
    late = connection.execute(_log_from(func.count(), due=True).where(*conditions, overdue)).scalar_one()
    scope = wide_select(func.count()).select_from(Action)
    if query.board_id is not None:
        scope = scope.where(col(Action.board_id) == query.board_id)
    groups: tuple[LogGroup, ...] = ()
    if query.group_by is GroupBy.OWNER:
        groups = _owner_groups(session, query, conditions, today)
    elif query.group_by is GroupBy.DUE_MEETING:
        groups = _due_groups(session, query, conditions, today)
    return ActionLogSummary(
        total=sum(by_status.values()),
        overdue=late,
        by_status=by_status,
        scope_total=connection.execute(scope).scalar_one(),
        groups=groups,
        grouped=query.group_by is not GroupBy.NONE,
    )


def _owner_groups(
    session: Session, query: ActionLogQuery, conditions: list[ColumnElement[bool]], today: dt.date
) -> tuple[LogGroup, ...]:
    """One group per owner (person or role) with their count, by name, and "No owner" last.

    Counted from the owners' side, people and roles apart, so each count walks one index; the
    filters come in as the set of action ids they let through. Filtered to one owner, only that
    owner's group: their co-owners are not what was asked for.
    """
    connection = session.connection()

    def counted(column: Any, wanted: int | None, *extra: ColumnElement[bool], due: bool = False) -> dict[int, int]:
        statement = wide_select(column, func.count(func.distinct(ActionOwner.action_id))).where(column.is_not(None))
        if conditions or extra:
            ids = _filter_from(col(Action.id), query=query, due=due).where(*conditions, *extra)
            statement = statement.where(col(ActionOwner.action_id).in_(ids))
        if wanted is not None:
            statement = statement.where(column == wanted)
        return {number: count for number, count in connection.execute(statement.group_by(column)).all()}

    overdue = overdue_clause(today)
    owner = query.owner
    entries: list[tuple[tuple[str, bool, int], LogGroup]] = []
    for column, names, is_role in (
        (col(ActionOwner.person_id), wide_select(col(Person.id), col(Person.name)), False),
        (col(ActionOwner.role_id), wide_select(col(Role.id), col(Role.name)), True),
    ):
        wanted = None
        if owner is not None:
            wanted = owner.role_id if is_role else owner.person_id
            if wanted is None:
                continue
        counts = counted(column, wanted)
        late = counted(column, wanted, overdue, due=True)
        labels = dict(connection.execute(names).all())
        for number, count in counts.items():
            key = OwnerKey(role_id=number).key if is_role else OwnerKey(person_id=number).key
            name = labels.get(number, "?")
            entries.append(((name.casefold(), is_role, number), LogGroup(key, name, count, late.get(number, 0))))
    groups = [group for _, group in sorted(entries, key=lambda entry: entry[0])]
    if owner is None:
        count = connection.execute(
            _filter_from(func.count(), query=query).where(*conditions, ~_has_owner())
        ).scalar_one()
        if count:
            late_count = connection.execute(
                _log_from(func.count(), due=True).where(*conditions, overdue, ~_has_owner())
            ).scalar_one()
            groups.append(LogGroup(key="none", label=NO_OWNER, count=count, overdue=late_count))
    return tuple(groups)


def _due_groups(
    session: Session, query: ActionLogQuery, conditions: list[ColumnElement[bool]], today: dt.date
) -> tuple[LogGroup, ...]:
    """One group per due meeting in date order, then "Due by a date", "At a future meeting", "No due point"."""
    connection = session.connection()
    keys = (_due_group_rank(), col(Action.due_meeting_id))

    def grouped(*extra: ColumnElement[bool], due: bool = False) -> dict[tuple[int, int | None], int]:
        statement = _filter_from(*keys, func.count(), query=query, due=due).where(*conditions, *extra)
        return {(rank, meeting): count for rank, meeting, count in connection.execute(statement.group_by(*keys))}

    counts = grouped()
    late = grouped(overdue_clause(today), due=True)
    meeting_ids = sorted(meeting for rank, meeting in counts if rank == 0 and meeting is not None)
    meetings: dict[int, tuple[dt.date, MeetingStatus, str]] = {}
    label = func.coalesce(func.nullif(Board.short_name, ""), Board.name)
    for start in range(0, len(meeting_ids), 500):
        chunk = meeting_ids[start : start + 500]
        statement = (
            wide_select(col(Meeting.id), col(Meeting.date), col(Meeting.status), label)
            .join(Board, col(Board.id) == Meeting.board_id)
            .where(col(Meeting.id).in_(chunk))
        )
        meetings.update(
            (meeting_id, (day, status, board)) for meeting_id, day, status, board in connection.execute(statement)
        )
    entries = []
    for (rank, meeting_id), count in counts.items():
        overdue = late.get((rank, meeting_id), 0)
        if rank == 0 and meeting_id in meetings:
            day, status, board = meetings[meeting_id]
            text = f"{long_date(day)} meeting"
            if query.board_id is None:
                text += f" – {board}"
            if status is MeetingStatus.CANCELLED:
                text += " (cancelled)"
            entries.append(((0, day, meeting_id), LogGroup(f"m{meeting_id}", text, count, overdue)))
        elif rank in _DUE_GROUPS:
            key, text = _DUE_GROUPS[rank]
            entries.append(((rank, dt.date.min, 0), LogGroup(key, text, count, overdue)))
    return tuple(group for _, group in sorted(entries, key=lambda entry: entry[0]))


def action_log_ids(
    session: Session,
    query: ActionLogQuery,
    *,
    offset: int = 0,
    limit: int | None = None,
    group: str | None = None,
    today: dt.date,
) -> list[int]:
    """Action ids of rows `offset`.. of the log (of one group when `group` is a `LogGroup.key`), in order."""
    statement = _sorted_from(col(Action.id), query=query)
    conditions = filter_conditions(session, query, today=today)
    if group is not None:
        conditions.append(group_condition(query.group_by, group))
    statement = statement.where(*conditions).order_by(*_order_by(query, today))
    if offset:
        statement = statement.offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.connection().execute(statement).scalars().all())


def action_log_page(
    session: Session,
    query: ActionLogQuery,
    *,
    offset: int = 0,
    limit: int = 100,
    group: str | None = None,
    today: dt.date,
) -> list[ActionRow]:
    """Rows `offset` to `offset + limit` of the log, or of one of its groups, in display order.

    Two steps: the ids of the page (filtered and sorted with only the joins that needs), then the
    rows of just those ids.
    """
    ids = action_log_ids(session, query, offset=offset, limit=limit, group=group, today=today)
    rows = action_rows_by_id(session, ids, today=today)
    return [rows[action_id] for action_id in ids if action_id in rows]


def action_log_rows(session: Session, query: ActionLogQuery, *, today: dt.date) -> list[ActionRow]:
    """Every action the filters let through, once each, in the query's sort order (for exports)."""
    statement = row_select()
    if query.sort is SortColumn.OWNERS:
        statement = _with_first_owner(statement)
    conditions = filter_conditions(session, query, today=today)
    statement = statement.where(*conditions).order_by(*_order_by(query, today))
    return rows_from(session, statement, today=today)


# -- what the filter bar offers ------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """An entry of a filter list: what it shows and what it means."""

    label: str
    value: Any
    detail: str = ""


@dataclass(frozen=True)
class MeetingChoice:
    id: int
    board_id: int
    date: dt.date
    status: MeetingStatus
    label: str  # "12 Sep 2017", with the board's short name when several boards are listed

    @property
    def is_cancelled(self) -> bool:
        return self.status is MeetingStatus.CANCELLED


@dataclass(frozen=True)
class FilterChoices:
    boards: tuple[Choice, ...] = ()  # value: board id
    owners: tuple[Choice, ...] = ()  # value: OwnerKey; detail: "person" or "role"
    meetings: tuple[MeetingChoice, ...] = ()  # newest first
    links: tuple[Choice, ...] = ()  # value: ("plan", id) / ("recommendation", id) / ("linked", bool)


def meeting_choices(session: Session, board_ids: Iterable[int] | None = None) -> tuple[MeetingChoice, ...]:
    """Meetings of the boards (all boards when None), newest first, labelled for a list."""
    wanted = None if board_ids is None else sorted(set(board_ids))
    statement = wide_select(
        col(Meeting.id), col(Meeting.board_id), col(Meeting.date), col(Meeting.status), col(Board.short_name),
        col(Board.name),
    ).join(Board, col(Board.id) == Meeting.board_id)  # fmt: skip
    if wanted is not None:
        statement = statement.where(col(Meeting.board_id).in_(wanted))
    several = wanted is None or len(wanted) > 1
    return tuple(
        MeetingChoice(
            id=meeting_id,
            board_id=board_id,
            date=day,
            status=status,
            label=short_date(day)
            + (f" – {short or name}" if several else "")
            + (" (cancelled)" if status is MeetingStatus.CANCELLED else ""),
        )
        for meeting_id, board_id, day, status, short, name in session.execute(
            statement.order_by(col(Meeting.date).desc(), col(Meeting.id))
        ).all()
    )


def filter_choices(session: Session, board_id: int | None = None) -> FilterChoices:
    """Boards, owners of actions, meetings and plans/recommendations to filter the log by."""
    boards = tuple(
        Choice(label=name, value=board)
        for board, name in session.exec(select(Board.id, Board.name).order_by(Board.name))
    )
    scope = select(Action.id) if board_id is None else select(Action.id).where(Action.board_id == board_id)
    owner_rows = session.exec(
        select(ActionOwner.person_id, ActionOwner.role_id, Person.name, Role.name)
        .outerjoin(Person, col(Person.id) == ActionOwner.person_id)
        .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
        .where(col(ActionOwner.action_id).in_(scope))
        .distinct()
    ).all()
    owners = sorted(
        (
            Choice(
                label=person_name or role_name or "?",
                value=OwnerKey(person_id=person_id, role_id=role_id),
                detail="role" if role_id is not None else "person",
            )
            for person_id, role_id, person_name, role_name in owner_rows
        ),
        key=lambda choice: (choice.label.casefold(), choice.detail),
    )
    meetings = meeting_choices(session, None if board_id is None else [board_id])
    plan_query = select(Plan.id, Plan.name).order_by(Plan.name)
    if board_id is not None:
        plan_query = plan_query.where(or_(col(Plan.board_id) == board_id, col(Plan.board_id).is_(None)))
    plans = session.exec(plan_query).all()
    links: list[Choice] = [
        Choice(label="Linked to a plan action", value=("linked", True)),
        Choice(label="Not linked to any plan action", value=("linked", False)),
    ]
    links += [Choice(label=f"Plan: {name}", value=("plan", plan_id)) for plan_id, name in plans]
    recommendations = session.exec(
        select(Recommendation.id, Recommendation.ref, Recommendation.text, ReviewSource.title)
        .join(ReviewSource, col(ReviewSource.id) == Recommendation.source_id)
        .where(col(Recommendation.plan_id).in_([plan_id for plan_id, _ in plans]))
        .order_by(col(ReviewSource.title), col(Recommendation.id))
    ).all()
    links += [
        Choice(label=f"Recommendation {ref}: {_shorten(text)}", value=("recommendation", rec_id), detail=source)
        for rec_id, ref, text, source in recommendations
    ]
    return FilterChoices(boards=boards, owners=tuple(owners), meetings=meetings, links=tuple(links))


def _shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def find_owner(session: Session, name: str) -> tuple[OwnerKey | None, str]:
    """The person or role called `name` (or with that alias), else (None, name) to match as part of names.

    Raises NotFound when no person or role name even contains it.
    """
    wanted = " ".join(name.split())
    folded = wanted.casefold()
    for person_id, person_name, aliases in session.exec(select(Person.id, Person.name, Person.aliases)).all():
        if person_name.casefold() == folded or any(alias.casefold() == folded for alias in aliases or ()):
            return OwnerKey(person_id=person_id), person_name
    for role_id, role_name in session.exec(select(Role.id, Role.name)).all():
        if role_name.casefold() == folded:
            return OwnerKey(role_id=role_id), role_name
    people, roles = _owner_ids_named(session, wanted)
    if not people and not roles:
        raise NotFound(f"No person or role is called {wanted!r}.")
    return None, wanted


def describe_query(session: Session, query: ActionLogQuery, *, today: dt.date) -> str:
    """The selection in words, for export titles: "Open actions of Amanda Hatton, due at ...".

    Returns the parts joined with " · " (without the board, which exports show as their title).
    """
    parts: list[str] = []
    statuses = set(query.statuses) or set(ActionStatus)
    if query.overdue_only:
        parts.append(f"Overdue on {long_date(today)}")
    elif statuses == set(OPEN_STATUSES):
        parts.append("Open actions")
    elif statuses != set(ActionStatus):
        parts.append("Status: " + ", ".join(ACTION_STATUS_LABELS[s] for s in ActionStatus if s in statuses))
    else:
        parts.append("All actions")
    if query.owner is not None:
        if query.owner.person_id is not None:
            person = session.get(Person, query.owner.person_id)
            parts.append(f"Owner: {person.name if person else '?'}")
        else:
            role = session.get(Role, query.owner.role_id)
            parts.append(f"Owner: {role.name if role else '?'}")
    elif query.owner_text.strip():
        parts.append(f"Owner: {query.owner_text.strip()}")
    for label, meeting_id in (("Due at", query.due_meeting_id), ("Raised at", query.raised_meeting_id)):
        if meeting_id is not None:
            meeting = session.get(Meeting, meeting_id)
            parts.append(f"{label} the {long_date(meeting.date)} meeting" if meeting else f"{label} a meeting")
    if query.plan_id is not None:
        plan = session.get(Plan, query.plan_id)
        parts.append(f"Serving {plan.name if plan else 'a plan'}")
    if query.plan_item_id is not None:
        item = session.get(PlanItem, query.plan_item_id)
        parts.append(f"Serving plan action {item.ref or item.text if item else '?'}")
    if query.recommendation_id is not None:
        recommendation = session.get(Recommendation, query.recommendation_id)
        parts.append(f"Addressing recommendation {recommendation.ref if recommendation else '?'}")
    if query.linked is not None:
        parts.append("Linked to the plan" if query.linked else "Not linked to the plan")
    if query.text.strip():
        parts.append(f"Matching “{query.text.strip()}”")
    return " · ".join(parts)


def board_label(session: Session, board_id: int | None) -> str:
    if board_id is None:
        return "All boards"
    board = session.get(Board, board_id)
    if board is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    return board.name


__all__ = [
    "ActionLogQuery",
    "ActionLogSummary",
    "Choice",
    "FilterChoices",
    "GroupBy",
    "LogGroup",
    "MeetingChoice",
    "OwnerKey",
    "SortColumn",
    "action_log_ids",
    "action_log_page",
    "action_log_rows",
    "action_log_summary",
    "board_label",
    "describe_query",
    "filter_choices",
    "filter_conditions",
    "find_owner",
    "meeting_choices",
]
