"""Status over time: each rating of a plan entry kept with its date, author, reason and meeting.

`set_status` adds a `PlanStatusChange` and moves the entry's current level to the latest rating
(by the date it applies from, then by when it was entered), so a rating back-dated behind a
newer one joins the history without overturning the current status. Summaries count the
plan's actions per level, per key area and for the whole plan; `changes_since` answers "what
changed since the last meeting" for the clerk preparing the next one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, PlanItemKind, ScaleKind
from boardapp.core.models import (
    Action,
    ActionPlanLink,
    ActionUpdate,
    AgendaItem,
    Meeting,
    Plan,
    PlanItem,
    PlanStatusChange,
    StatusLevel,
    StatusScale,
    utcnow,
)
from boardapp.services.actions import HELD_STATUSES, long_date, short_date
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.plan_editing import get_item
from boardapp.services.plans import Level, PlanNode, PlanTree, level_of

SCALE_KIND_LABELS = {ScaleKind.PROGRESS: "Progress", ScaleKind.IMPACT: "Impact"}


# -- setting a status ---------------------------------------------------------------------------


def scale_id_of(plan: Plan, kind: ScaleKind) -> int | None:
    return plan.progress_scale_id if kind is ScaleKind.PROGRESS else plan.impact_scale_id


def set_status(
    session: Session,
    item_id: int,
    level_id: int,
    *,
    changed_on: dt.date,
    scale_kind: ScaleKind = ScaleKind.PROGRESS,
    changed_by: str = "",
    reason: str = "",
    meeting_id: int | None = None,
) -> tuple[int, Changes]:
    """Record a rating of the entry on the plan's progress or impact scale; returns the change's id."""
    scale_kind = ScaleKind(scale_kind)
    item = get_item(session, item_id)
    plan = session.get(Plan, item.plan_id)
    if plan is None:  # pragma: no cover - the foreign key forbids it
        raise NotFound("That plan no longer exists.")
    scale_id = scale_id_of(plan, scale_kind)
    label = SCALE_KIND_LABELS[scale_kind].lower()
    if scale_id is None:
        raise InvalidChange(f"This plan has no {label} scale yet. Choose one for the plan first (Scales…).")
    level = session.get(StatusLevel, level_id)
    if level is None or level.scale_id != scale_id:
        raise InvalidChange(f"That status is not on this plan's {label} scale.")
    if meeting_id is not None and session.get(Meeting, meeting_id) is None:
        raise NotFound("That meeting no longer exists.")
    change = PlanStatusChange(
        plan_item_id=item_id,
        scale_kind=scale_kind,
        level_id=level_id,
        changed_on=changed_on,
        changed_by=" ".join(changed_by.split()),
        reason=reason.strip(),
        reported_at_meeting_id=meeting_id,
    )
    session.add(change)
    session.flush()
    _refresh_current(session, item, scale_kind)
    return change.id or 0, Changes(plans=frozenset({item.plan_id}))


def delete_status_change(session: Session, change_id: int) -> Changes:
    """Remove a rating entered by mistake; the entry's current status falls back to the latest left."""
    change = session.get(PlanStatusChange, change_id)
    if change is None:
        raise NotFound("That status entry no longer exists.")
    item = get_item(session, change.plan_item_id)
    kind = change.scale_kind
    session.delete(change)
    session.flush()
    _refresh_current(session, item, kind)
    return Changes(plans=frozenset({item.plan_id}))


def _refresh_current(session: Session, item: PlanItem, kind: ScaleKind) -> None:
    latest = session.exec(
        select(PlanStatusChange.level_id)
        .where(PlanStatusChange.plan_item_id == item.id, PlanStatusChange.scale_kind == kind)
        .order_by(
            col(PlanStatusChange.changed_on).desc(),
            col(PlanStatusChange.created_at).desc(),
            col(PlanStatusChange.id).desc(),
        )
    ).first()
    if kind is ScaleKind.PROGRESS:
        item.progress_level_id = latest
    else:
        item.impact_level_id = latest
    item.updated_at = utcnow()
    session.add(item)
    session.flush()


# -- the timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusChangeRow:
    id: int
    plan_item_id: int
    scale_kind: ScaleKind
    level: Level
    previous: Level | None  # the rating before this one on the same scale, if any
    changed_on: dt.date
    changed_by: str
    reason: str
    meeting_id: int | None
    meeting_date: dt.date | None

    @property
    def meeting_label(self) -> str:
        return f"{long_date(self.meeting_date)} meeting" if self.meeting_date else ""

    @property
    def scale_label(self) -> str:
        return SCALE_KIND_LABELS[self.scale_kind]

    @property
    def change_label(self) -> str:
        """ "Amber → Green", or "Green" for a first rating."""
        return f"{self.previous.label} → {self.level.label}" if self.previous else self.level.label


def status_timeline(session: Session, item_id: int) -> list[StatusChangeRow]:
    """Every rating of one entry, newest first (by the date it applies from, then by entry)."""
    return timelines(session, [item_id]).get(item_id, [])


def timelines(session: Session, item_ids: Sequence[int]) -> dict[int, list[StatusChangeRow]]:
    rows = session.exec(
        select(PlanStatusChange, StatusLevel, col(Meeting.date))
        .join(StatusLevel, col(StatusLevel.id) == PlanStatusChange.level_id)
        .outerjoin(Meeting, col(Meeting.id) == PlanStatusChange.reported_at_meeting_id)
        .where(col(PlanStatusChange.plan_item_id).in_(list(item_ids)))
        .order_by(
            col(PlanStatusChange.changed_on),
            col(PlanStatusChange.created_at),
            col(PlanStatusChange.id),
        )
    ).all()
    previous: dict[tuple[int, ScaleKind], Level] = {}
    found: dict[int, list[StatusChangeRow]] = defaultdict(list)
    for change, level_row, meeting_date in rows:
        level = level_of(level_row)
        key = (change.plan_item_id, change.scale_kind)
        found[change.plan_item_id].append(
            StatusChangeRow(
                id=change.id or 0,
                plan_item_id=change.plan_item_id,
                scale_kind=change.scale_kind,
                level=level,
                previous=previous.get(key),
                changed_on=change.changed_on,
                changed_by=change.changed_by,
                reason=change.reason,
                meeting_id=change.reported_at_meeting_id,
                meeting_date=meeting_date,
            )
        )
        previous[key] = level
    return {item_id: list(reversed(changes)) for item_id, changes in found.items()}


# -- summaries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusCount:
    level: Level | None  # None: not rated yet
    count: int

    @property
    def label(self) -> str:
        return self.level.label if self.level else "Not rated"


@dataclass(frozen=True)
class AreaSummary:
    item_id: int | None  # None for the whole plan
    ref: str
    text: str
    counts: tuple[StatusCount, ...]  # in scale order, "not rated" last; zero counts included

    @property
    def total(self) -> int:
        return sum(c.count for c in self.counts)

    @property
    def label(self) -> str:
        return f"{self.ref} {self.text}".strip()

    def describe(self) -> str:
        """ "3 Green, 1 Amber, 2 not rated" (zero counts left out)."""
        parts = [f"{c.count} {c.label if c.level else 'not rated'}" for c in self.counts if c.count]
        return ", ".join(parts) if parts else "no actions"


@dataclass(frozen=True)
class PlanSummary:
    plan_id: int
    scale_kind: ScaleKind
    scale: tuple[Level, ...]
    whole: AreaSummary
    areas: tuple[AreaSummary, ...]


def _rated(node: PlanNode, kind: ScaleKind) -> bool:
    level = node.progress if kind is ScaleKind.PROGRESS else node.impact
    return node.kind is PlanItemKind.ACTION or level is not None


def summarise(tree: PlanTree, kind: ScaleKind = ScaleKind.PROGRESS) -> PlanSummary:
    """Counts per status of the plan's actions (and any other entry that carries a rating), per key area."""
    kind = ScaleKind(kind)
    scale = tree.scale(kind)

    def counts_of(nodes: Sequence[PlanNode]) -> tuple[StatusCount, ...]:
        counter: Counter[int | None] = Counter()
        extra: dict[int, Level] = {}
        for node in nodes:
            if not _rated(node, kind):
                continue
            level = node.progress if kind is ScaleKind.PROGRESS else node.impact
            counter[level.id if level else None] += 1
            if level is not None and level not in scale:
                extra[level.id] = level  # a level of a scale the plan no longer uses
        levels = [*scale, *sorted(extra.values(), key=lambda lv: lv.position)]
        return (*(StatusCount(lv, counter[lv.id]) for lv in levels), StatusCount(None, counter[None]))

    def below(node: PlanNode) -> list[PlanNode]:
        found = [node]
        for child in node.children:
            found.extend(below(child))
        return found

    areas = tuple(
        AreaSummary(
            item_id=root.id,
            ref=root.ref,
            text=root.text.splitlines()[0] if root.text else "",
            counts=counts_of(below(root)),
        )
        for root in tree.roots
    )
    whole = AreaSummary(item_id=None, ref="", text="Whole plan", counts=counts_of(list(tree.walk())))
    return PlanSummary(plan_id=tree.id, scale_kind=kind, scale=scale, whole=whole, areas=areas)


# -- what changed since the last meeting -------------------------------------------------------


@dataclass(frozen=True)
class MeetingBrief:
    id: int
    board_id: int
    date: dt.date

    @property
    def label(self) -> str:
        return f"{long_date(self.date)} meeting"


@dataclass(frozen=True)
class ItemStatusChange:
    """A rating with the entry it is about, for the "since" list."""

    item_ref: str
    item_text: str
    change: StatusChangeRow


@dataclass(frozen=True)
class LinkedBoardAction:
    action_id: int
    ref: str
    text: str
    status: ActionStatus
    raised_on: dt.date | None
    raised_item: str  # "item 5: Workforce"
    plan_items: tuple[str, ...]  # "1.2 Monthly performance clinics"
    what: str  # "raised 1 Aug 2017", "updated 14 Aug 2017: Letter sent"


@dataclass(frozen=True)
class ChangesSince:
    plan_id: int
    since: dt.date
    since_meeting: MeetingBrief | None
    status_changes: tuple[ItemStatusChange, ...]  # newest first
    board_actions: tuple[LinkedBoardAction, ...]

    @property
    def is_empty(self) -> bool:
        return not self.status_changes and not self.board_actions


def last_held_meeting(session: Session, board_id: int | None, today: dt.date) -> MeetingBrief | None:
    """The board's latest meeting that has taken place on or before `today`."""
    if board_id is None:
        return None
    meeting = session.exec(
        select(Meeting)
        .where(Meeting.board_id == board_id, col(Meeting.date) <= today, col(Meeting.status).in_(HELD_STATUSES))
        .order_by(col(Meeting.date).desc())
    ).first()
    return MeetingBrief(id=meeting.id or 0, board_id=meeting.board_id, date=meeting.date) if meeting else None


def changes_since(session: Session, plan_id: int, *, today: dt.date, since: dt.date | None = None) -> ChangesSince:
    """Ratings dated, and linked board actions raised or updated, on or after `since`.

    Without `since`, the date of the board's last held meeting (so what that meeting asked for is
    included); with no such meeting, the last four weeks.
    """
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("That plan no longer exists; it may have been deleted.")
    meeting = None
    if since is None:
        meeting = last_held_meeting(session, plan.board_id, today)
        since = meeting.date if meeting else today - dt.timedelta(days=28)
    items = {item.id: item for item in session.exec(select(PlanItem).where(PlanItem.plan_id == plan_id)).all()}
    histories = timelines(session, [i for i in items if i is not None])
    status_changes = sorted(
        (
            ItemStatusChange(item_ref=items[item_id].ref, item_text=_first_line(items[item_id].text), change=change)
            for item_id, changes in histories.items()
            for change in changes
            if change.changed_on >= since
        ),
        key=lambda c: (c.change.changed_on, c.change.id),
        reverse=True,
    )
    return ChangesSince(
        plan_id=plan_id,
        since=since,
        since_meeting=meeting,
        status_changes=tuple(status_changes),
        board_actions=tuple(_board_actions_since(session, items, since)),
    )


def _board_actions_since(
    session: Session, items: dict[int | None, PlanItem], since: dt.date
) -> list[LinkedBoardAction]:
    links = session.exec(
        select(ActionPlanLink.action_id, ActionPlanLink.plan_item_id).where(
            col(ActionPlanLink.plan_item_id).in_([i for i in items if i is not None])
        )
    ).all()
    by_action: dict[int, list[int]] = defaultdict(list)
    for action_id, item_id in links:
        by_action[action_id].append(item_id)
    if not by_action:
        return []
    updates: dict[int, tuple[dt.date, str]] = {}
    for action_id, recorded_on, note in session.exec(
        select(col(ActionUpdate.action_id), col(ActionUpdate.recorded_on), col(ActionUpdate.note))
        .where(col(ActionUpdate.action_id).in_(list(by_action)), col(ActionUpdate.recorded_on) >= since)
        .order_by(col(ActionUpdate.recorded_on), col(ActionUpdate.id))
    ).all():
        updates[action_id] = (recorded_on, note)  # the latest wins
    rows = session.exec(
        select(Action, col(Meeting.date), col(AgendaItem.position), col(AgendaItem.title))
        .outerjoin(Meeting, col(Meeting.id) == Action.raised_meeting_id)
        .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
        .where(col(Action.id).in_(list(by_action)))
        .where(or_(col(Meeting.date) >= since, col(Action.id).in_(list(updates))))
        .order_by(col(Meeting.date).desc(), col(Action.position), col(Action.id))
    ).all()
    found: list[LinkedBoardAction] = []
    for action, raised_on, item_number, item_title in rows:
        action_id = action.id or 0
        whats: list[str] = []
        if raised_on is not None and raised_on >= since:
            whats.append(f"raised {short_date(raised_on)}")
        if action_id in updates:
            on, note = updates[action_id]
            whats.append(f"updated {short_date(on)}" + (f": {note}" if note else ""))
        found.append(
            LinkedBoardAction(
                action_id=action_id,
                ref=action.ref,
                text=action.text,
                status=action.status,
                raised_on=raised_on,
                raised_item=f"item {item_number}: {item_title}" if item_number is not None else "",
                plan_items=tuple(f"{items[i].ref} {_first_line(items[i].text)}".strip() for i in by_action[action_id]),
                what="; ".join(whats),
            )
        )
    return found


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


# -- scales ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelSpec:
    code: str
    label: str
    colour: str
    meaning: str = ""
    means_complete: bool = False


PRESET_SCALES: dict[str, tuple[LevelSpec, ...]] = {
    "RAG with Blue for completed": (
        LevelSpec("RED", "Red", "#C00000", "Tasks and or outcomes have not been met or timescale slipped"),
        LevelSpec(
            "AMBER",
            "Amber",
            "#FFC000",
            "Tasks and outcomes are on track, milestones met but full action(s) not completed",
        ),
        LevelSpec("GREEN", "Green", "#00B050", "Tasks and outcomes are completed or performance is on target"),
        LevelSpec("BLUE", "Blue", "#2F5597", "Completed", means_complete=True),
    ),
    "Red / Yellow / Green": (
        LevelSpec("RED", "Red", "#C00000", "Not on track"),
        LevelSpec("YELLOW", "Yellow", "#FFD966", "Some progress; concerns remain"),
        LevelSpec("GREEN", "Green", "#00B050", "Achieved", means_complete=True),
    ),
    "Evidence of impact": (
        LevelSpec("NONE", "No evidence", "#C00000", "No evidence of impact yet"),
        LevelSpec("EMERGING", "Emerging", "#FFC000", "Some evidence of impact"),
        LevelSpec("EVIDENCED", "Evidenced", "#00B050", "Impact is evidenced", means_complete=True),
    ),
}
"""Scales a plan can start from when it has none (the 12 week plan, or a new plan)."""


@dataclass(frozen=True)
class ScaleRow:
    id: int
    name: str
    levels: tuple[Level, ...]


def list_scales(session: Session) -> list[ScaleRow]:
    scales = session.exec(select(StatusScale).order_by(col(StatusScale.name))).all()
    levels: dict[int, list[Level]] = defaultdict(list)
    for row in session.exec(select(StatusLevel).order_by(col(StatusLevel.scale_id), col(StatusLevel.position))):
        levels[row.scale_id].append(level_of(row))
    return [ScaleRow(id=s.id or 0, name=s.name, levels=tuple(levels.get(s.id or 0, ()))) for s in scales]


def create_scale(session: Session, name: str, levels: Sequence[LevelSpec]) -> tuple[int, Changes]:
    """A new scale, worst level first."""
    name = " ".join(name.split())
    if not name:
        raise InvalidChange("A scale needs a name.")
    if not levels:
        raise InvalidChange("A scale needs at least one level.")
    codes = [spec.code.strip().upper() for spec in levels]
    if len(set(codes)) != len(codes) or not all(codes):
        raise InvalidChange("Each level of a scale needs its own code.")
    scale = StatusScale(name=name)
    session.add(scale)
    session.flush()
    for position, (code, spec) in enumerate(zip(codes, levels, strict=True)):
        session.add(
            StatusLevel(
                scale_id=scale.id or 0,
                position=position,
                code=code,
                label=spec.label or code.title(),
                colour=spec.colour,
                meaning=spec.meaning,
                means_complete=spec.means_complete,
            )
        )
    session.flush()
    return scale.id or 0, Changes()


def create_preset_scale(session: Session, preset: str) -> tuple[int, Changes]:
    """The preset scale of that name, created unless a scale of that name exists already."""
    existing = session.exec(select(StatusScale).where(StatusScale.name == preset)).first()
    if existing is not None:
        return existing.id or 0, Changes()
    return create_scale(session, preset, PRESET_SCALES[preset])


def set_plan_scale(session: Session, plan_id: int, kind: ScaleKind, scale_id: int | None) -> Changes:
    """Which scale the plan rates progress (or impact) on; ratings already given stay in the history."""
    kind = ScaleKind(kind)
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("That plan no longer exists; it may have been deleted.")
    if scale_id is not None and session.get(StatusScale, scale_id) is None:
        raise NotFound("That scale no longer exists.")
    if scale_id_of(plan, kind) == scale_id:
        return Changes()
    if kind is ScaleKind.PROGRESS:
        plan.progress_scale_id = scale_id
    else:
        plan.impact_scale_id = scale_id
    session.add(plan)
    session.flush()
    return Changes(plans=frozenset({plan_id}))


def choose_plan_scale(
    session: Session, plan_id: int, kind: ScaleKind, *, scale_id: int | None = None, preset: str | None = None
) -> Changes:
    """Rate the plan on an existing scale, on a standard one (created on first use), or on none."""
    if preset is not None:
        if preset not in PRESET_SCALES:
            raise InvalidChange(f"There is no standard scale called {preset}.")
        scale_id, _ = create_preset_scale(session, preset)
    return set_plan_scale(session, plan_id, kind, scale_id)


def board_meetings(session: Session, plan_id: int) -> list[MeetingBrief]:
    """The meetings of the plan's board, newest first: where a rating can be reported."""
    plan = session.get(Plan, plan_id)
    if plan is None or plan.board_id is None:
        return []
    meetings = session.exec(
        select(Meeting).where(Meeting.board_id == plan.board_id).order_by(col(Meeting.date).desc())
    ).all()
    return [MeetingBrief(id=m.id or 0, board_id=m.board_id, date=m.date) for m in meetings]
