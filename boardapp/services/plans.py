"""An improvement plan as a tree of plain nodes, for the plan view and the plan report.

One query per table (items, leads, levels, recommendation links, board-action links) and the
tree assembled in Python: a 200-action plan costs the same few queries as a 5-action one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from boardapp.core.enums import PlanDueKind, PlanItemKind, ScaleKind
from boardapp.core.models import (
    ActionPlanLink,
    Board,
    Person,
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    Recommendation,
    Role,
    StatusLevel,
    StatusScale,
)

KIND_LABELS: dict[PlanItemKind, str] = {
    PlanItemKind.KEY_AREA: "Key area",
    PlanItemKind.WORKSTREAM: "Workstream",
    PlanItemKind.OBJECTIVE: "Objective",
    PlanItemKind.ACTION: "Action",
}


@dataclass(frozen=True)
class Level:
    """A point on a plan's status scale, with the colour the plan paints it."""

    id: int
    scale_id: int
    position: int  # 0 = worst
    code: str
    label: str
    colour: str
    meaning: str
    means_complete: bool


@dataclass(frozen=True)
class PlanNode:
    id: int
    kind: PlanItemKind
    ref: str
    text: str
    due_text: str
    due_kind: PlanDueKind
    due_date: dt.date | None
    due_note: str
    lead_text: str
    leads: tuple[str, ...]
    progress: Level | None
    impact: Level | None
    recommendation_refs: tuple[str, ...]
    board_action_count: int
    outcomes: str
    evidence_of_impact: str
    oversight_group: str
    children: tuple[PlanNode, ...] = ()
    parent_id: int | None = None
    description: str = ""
    kpi_refs_text: str = ""
    recommendation_refs_text: str = ""
    version: int = 1  # the entry's edit version: its editors save against it (services/conflicts.py)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, str(self.kind))

    @property
    def lead_label(self) -> str:
        """The lead cell as the plan wrote it, or the parsed leads when no text was kept."""
        return self.lead_text or " / ".join(self.leads)


@dataclass(frozen=True)
class PlanTree:
    id: int
    name: str
    board_id: int | None
    board_name: str
    period_text: str
    progress_scale: tuple[Level, ...]
    impact_scale: tuple[Level, ...]
    roots: tuple[PlanNode, ...]
    progress_scale_name: str = ""  # "RAG with Blue for completed": the reports name the scale in their key

    def walk(self) -> Iterator[PlanNode]:
        """Every node, depth first in plan order."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def find(self, node_id: int) -> PlanNode | None:
        return next((node for node in self.walk() if node.id == node_id), None)

    @property
    def uses_refs(self) -> bool:
        """Whether the plan numbers its entries ("1.2.3"); the 12 week plan, for one, does not."""
        return any(node.ref for node in self.walk())

    def scale(self, kind: ScaleKind) -> tuple[Level, ...]:
        return self.progress_scale if kind is ScaleKind.PROGRESS else self.impact_scale


def plan_tree(session: Session, plan_id: int) -> PlanTree:
    """The whole plan, children in position order; LookupError if there is no such plan."""
    found = session.exec(
        select(Plan, Board.name, StatusScale.name)
        .outerjoin(Board, col(Board.id) == Plan.board_id)
        .outerjoin(StatusScale, col(StatusScale.id) == Plan.progress_scale_id)
        .where(Plan.id == plan_id)
    ).first()
    if found is None:
        raise LookupError(f"There is no plan with id {plan_id}; it may have been deleted.")
    plan, board_name, scale_name = found
    items = session.exec(
        select(PlanItem).where(PlanItem.plan_id == plan_id).order_by(col(PlanItem.position), col(PlanItem.id))
    ).all()
    item_ids = select(PlanItem.id).where(PlanItem.plan_id == plan_id)
    levels = _levels(session, plan, plan_id)
    leads: dict[int, list[str]] = defaultdict(list)
    for item_id, person, role in session.exec(
        select(PlanItemLead.plan_item_id, Person.name, Role.name)
        .outerjoin(Person, col(Person.id) == PlanItemLead.person_id)
        .outerjoin(Role, col(Role.id) == PlanItemLead.role_id)
        .where(col(PlanItemLead.plan_item_id).in_(item_ids))
        .order_by(col(PlanItemLead.position), col(PlanItemLead.id))
    ).all():
        leads[item_id].append(person or role or "?")
    recommendations: dict[int, list[str]] = defaultdict(list)
    for item_id, ref in session.exec(
        select(PlanItemRecommendation.plan_item_id, Recommendation.ref)
        .join(Recommendation, col(Recommendation.id) == PlanItemRecommendation.recommendation_id)
        .where(col(PlanItemRecommendation.plan_item_id).in_(item_ids))
    ).all():
        recommendations[item_id].append(ref)
    action_counts = dict(
        session.exec(
            select(ActionPlanLink.plan_item_id, func.count())
            .where(col(ActionPlanLink.plan_item_id).in_(item_ids))
            .group_by(col(ActionPlanLink.plan_item_id))
        ).all()
    )

    children: dict[int | None, list[PlanItem]] = defaultdict(list)
    ids = {item.id for item in items}
    for item in items:
        # An item whose parent is missing (or in another plan) is shown at the top, never dropped.
        children[item.parent_id if item.parent_id in ids else None].append(item)

    def build(item: PlanItem, ancestors: frozenset[int]) -> PlanNode:
        item_id = item.id or 0
        below = ancestors | {item_id}
        return PlanNode(
            id=item_id,
            kind=item.kind,
            ref=item.ref,
            text=item.text,
            due_text=item.due_text,
            due_kind=item.due_kind,
            due_date=item.due_date,
            due_note=item.due_note,
            lead_text=item.lead_text,
            leads=tuple(leads.get(item_id, ())),
            progress=levels.get(item.progress_level_id) if item.progress_level_id else None,
            impact=levels.get(item.impact_level_id) if item.impact_level_id else None,
            recommendation_refs=tuple(sorted(recommendations.get(item_id, ()), key=natural_key)),
            board_action_count=action_counts.get(item_id, 0),
            outcomes=item.outcomes,
            evidence_of_impact=item.evidence_of_impact,
            oversight_group=item.oversight_group,
            children=tuple(build(child, below) for child in children.get(item_id, ()) if child.id not in below),
            parent_id=item.parent_id if item.parent_id in ids else None,
            description=item.description,
            kpi_refs_text=item.kpi_refs_text,
            recommendation_refs_text=item.recommendation_refs_text,
            version=item.version,
        )

    def scale(scale_id: int | None) -> tuple[Level, ...]:
        return tuple(level for level in levels.values() if level.scale_id == scale_id)

    return PlanTree(
        id=plan_id,
        name=plan.name,
        board_id=plan.board_id,
        board_name=board_name or "",
        period_text=plan.period_text,
        progress_scale=scale(plan.progress_scale_id),
        impact_scale=scale(plan.impact_scale_id),
        roots=tuple(build(item, frozenset()) for item in children[None]),
        progress_scale_name=scale_name or "",
    )


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort "Recommendation 2" before "Recommendation 10" and "1.2" before "1.10"."""
    parts = re.findall(r"\d+|\D+", text)
    return tuple((0, int(part)) if part.isdigit() else (1, part.lower()) for part in parts)


def _levels(session: Session, plan: Plan, plan_id: int) -> dict[int, Level]:
    """The plan's scale levels, in scale order, plus any level an item points at outside them."""
    scale_ids = [sid for sid in (plan.progress_scale_id, plan.impact_scale_id) if sid is not None]
    used = (
        select(PlanItem.progress_level_id)
        .where(PlanItem.plan_id == plan_id)
        .union(select(PlanItem.impact_level_id).where(PlanItem.plan_id == plan_id))
    )
    rows = session.exec(
        select(StatusLevel)
        .where(or_(col(StatusLevel.scale_id).in_(scale_ids), col(StatusLevel.id).in_(used)))
        .order_by(col(StatusLevel.scale_id), col(StatusLevel.position))
    ).all()
    return {row.id or 0: level_of(row) for row in rows}


def level_of(row: StatusLevel) -> Level:
    """The plain `Level` of a status level row."""
    return Level(
        id=row.id or 0,
        scale_id=row.scale_id,
        position=row.position,
        code=row.code,
        label=row.label,
        colour=row.colour,
        meaning=row.meaning,
        means_complete=row.means_complete,
    )
