"""What the plan progress report and the evidence pack read beyond the plan view's own read models.

The plan view's models (`plans.plan_tree`, `golden_thread`, `recommendations`, `kpis`) give the
plan, its ratings and the board actions linked to it; a document printed for inspectors also
needs the KPIs of each entry, and for each board action what the action log's detail shows one
action at a time (`actions.action_detail`): its due point, its updates with their meetings, the
meeting that closed it and the decisions made at the item where the board raised it. Both are
read here for many entries or actions at once, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.core.models import Action, ActionUpdate, AgendaItem, Decision, Kpi, Meeting, PlanItemKpi
from boardapp.services.kpis import KpiRow, kpi_rows
from boardapp.services.plans import natural_key


def kpis_by_item(session: Session, item_ids: Sequence[int]) -> dict[int, list[KpiRow]]:
    """The KPIs linked to each plan entry, in ref order (as `kpis.kpi_rows` builds them: one read per
    plan the KPIs belong to, usually one)."""
    links = session.exec(
        select(PlanItemKpi.plan_item_id, PlanItemKpi.kpi_id).where(col(PlanItemKpi.plan_item_id).in_(list(item_ids)))
    ).all()
    kpi_ids = {kpi_id for _item, kpi_id in links}
    plan_ids = set(session.exec(select(Kpi.plan_id).where(col(Kpi.id).in_(kpi_ids))).all())
    rows = {
        row.id: row
        for plan_id in sorted(plan_ids, key=lambda p: (p is None, p or 0))
        for row in kpi_rows(session, plan_id)
        if row.id in kpi_ids
    }
    found: dict[int, list[KpiRow]] = defaultdict(list)
    for item_id, kpi_id in links:
        if kpi_id in rows:
            found[item_id].append(rows[kpi_id])
    for entries in found.values():
        entries.sort(key=lambda row: natural_key(row.ref))
    return dict(found)


@dataclass(frozen=True)
class UpdateLine:
    """One entry of a board action's history: its note, or the change of status it recorded."""

    recorded_on: dt.date
    note: str
    status_to: ActionStatus | None
    meeting_date: dt.date | None  # the meeting it was made at


@dataclass(frozen=True)
class ItemDecision:
    text: str
    is_exempt: bool  # Part II: the decision's own stamp (its item may be exempt as well)


@dataclass(frozen=True)
class BoardActionRecord:
    """A board action as an evidence pack prints it beside the golden thread's brief."""

    id: int
    ref: str
    due_kind: DueKind
    due_date: dt.date | None
    due_text: str  # the phrase as minuted
    due_meeting_date: dt.date | None  # the date of the meeting it is due at, when that meeting exists
    closed_on: dt.date | None  # the date of the meeting that agreed to close it
    raised_item_id: int | None
    raised_item_exempt: bool  # Part II: the item it was raised under is exempt now
    raised_item_title_withheld: bool  # ...and its title may not be shown in a public version
    decisions: tuple[ItemDecision, ...]  # made at the item where it was raised, in minute order
    updates: tuple[UpdateLine, ...]  # oldest first


def board_action_records(session: Session, action_ids: Sequence[int]) -> dict[int, BoardActionRecord]:
    """The records of these board actions (missing ones left out), in five queries whatever their number."""
    ids = sorted(set(action_ids))
    actions = session.exec(select(Action).where(col(Action.id).in_(ids))).all()
    item_ids = {a.raised_item_id for a in actions if a.raised_item_id is not None}
    items = {
        item_id: (bool(exempt), bool(exempt) and not show_title)
        for item_id, exempt, show_title in session.exec(
            select(AgendaItem.id, AgendaItem.is_exempt, AgendaItem.show_title_when_exempt).where(
                col(AgendaItem.id).in_(item_ids)
            )
        ).all()
    }
    decisions: dict[int, list[ItemDecision]] = defaultdict(list)
    for item_id, text, stamped in session.exec(
        select(Decision.agenda_item_id, Decision.text, Decision.is_exempt)
        .where(col(Decision.agenda_item_id).in_(item_ids))
        .order_by(col(Decision.position), col(Decision.id))
    ).all():
        decisions[item_id].append(ItemDecision(text=text, is_exempt=bool(stamped)))
    updates: dict[int, list[ActionUpdate]] = defaultdict(list)
    for update in session.exec(
        select(ActionUpdate)
        .where(col(ActionUpdate.action_id).in_(ids))
        .order_by(col(ActionUpdate.recorded_on), col(ActionUpdate.id))
    ).all():
        updates[update.action_id].append(update)
    meeting_ids = {m for a in actions for m in (a.due_meeting_id, a.closed_at_meeting_id) if m is not None} | {
        u.meeting_id for ups in updates.values() for u in ups if u.meeting_id is not None
    }
    meetings: dict[int | None, dt.date] = dict(
        session.exec(select(col(Meeting.id), col(Meeting.date)).where(col(Meeting.id).in_(meeting_ids))).all()
    )
    found: dict[int, BoardActionRecord] = {}
    for action in actions:
        action_id = action.id or 0
        exempt_item, withheld = items.get(action.raised_item_id or 0, (False, False))
        found[action_id] = BoardActionRecord(
            id=action_id,
            ref=action.ref,
            due_kind=action.due_kind,
            due_date=action.due_date,
            due_text=action.due_text,
            due_meeting_date=meetings.get(action.due_meeting_id),
            closed_on=meetings.get(action.closed_at_meeting_id),
            raised_item_id=action.raised_item_id,
            raised_item_exempt=exempt_item,
            raised_item_title_withheld=withheld,
            decisions=tuple(decisions.get(action.raised_item_id or 0, ())),
            updates=tuple(
                UpdateLine(
                    recorded_on=u.recorded_on,
                    note=u.note,
                    status_to=u.status_to,
                    meeting_date=meetings.get(u.meeting_id),
                )
                for u in updates.get(action_id, ())
            ),
        )
    return found
