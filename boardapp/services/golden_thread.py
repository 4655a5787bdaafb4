"""The golden thread: recommendation → plan actions → their status history → board actions and minutes.

What an inspector asks to see, read from either end: from a recommendation, the plan actions
that address it with every rating they were given and every board action linked to them
(with the meeting and item where the board raised it); from a board action, the plan actions
and recommendations it serves. Links are made and broken here too, with the searches behind
the search-as-you-type boxes. Each thread is read in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlalchemy import select as wide_select
from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus
from boardapp.core.models import (
    Action,
    ActionPlanLink,
    AgendaItem,
    Board,
    Meeting,
    PlanItem,
    PlanItemRecommendation,
    Recommendation,
    ReviewSource,
)
from boardapp.services.actions import ACTION_STATUS_LABELS, owner_names_by_action, short_date
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound
from boardapp.services.plan_editing import get_item
from boardapp.services.plan_status import StatusChangeRow, timelines
from boardapp.services.plans import natural_key
from boardapp.services.recommendations import (
    PlanActionBrief,
    RecommendationRow,
    plan_action_briefs,
    recommendation_row,
    sort_briefs,
)

SEARCH_LIMIT = 40


@dataclass(frozen=True)
class BoardActionBrief:
    """A board action with where it was raised: the minute that is the board's side of the thread."""

    id: int
    board_id: int
    board_name: str
    ref: str
    text: str
    status: ActionStatus
    owners: tuple[str, ...]
    raised_meeting_id: int | None
    raised_on: dt.date | None
    raised_item_id: int | None
    raised_item_number: int | None
    raised_item_title: str
    link_note: str = ""
    position: int = 0  # its order within the minute of the item that raised it (the plan report sorts by it)
    exempt_paragraph: str = ""  # Part II: the Schedule 12A paragraph it was stamped with

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS.get(self.status, str(self.status))

    @property
    def raised_at(self) -> str:
        """ "1 Aug 2017, item 5: Workforce", or what is known of it."""
        if self.raised_on is None:
            return "not raised at a meeting"
        label = short_date(self.raised_on)
        if self.raised_item_number is not None:
            label += f", item {self.raised_item_number}"
            if self.raised_item_title:
                label += f": {self.raised_item_title}"
        return label

    @property
    def label(self) -> str:
        return f"{self.ref} {self.text}"


@dataclass(frozen=True)
class RecommendationBrief:
    id: int
    source_title: str
    ref: str
    text: str

    @property
    def label(self) -> str:
        return f"Recommendation {self.ref}" if self.ref[:1].isdigit() else self.ref


@dataclass(frozen=True)
class PlanItemThread:
    item: PlanActionBrief
    history: tuple[StatusChangeRow, ...]  # newest first
    board_actions: tuple[BoardActionBrief, ...]
    recommendations: tuple[RecommendationBrief, ...]


@dataclass(frozen=True)
class RecommendationThread:
    recommendation: RecommendationRow
    items: tuple[PlanItemThread, ...]

    @property
    def board_action_count(self) -> int:
        return len({a.id for item in self.items for a in item.board_actions})


@dataclass(frozen=True)
class ActionThread:
    action: BoardActionBrief
    items: tuple[PlanItemThread, ...]

    @property
    def recommendations(self) -> tuple[RecommendationBrief, ...]:
        """Every recommendation the action serves through its plan actions, once each."""
        seen: dict[int, RecommendationBrief] = {}
        for item in self.items:
            for rec in item.recommendations:
                seen.setdefault(rec.id, rec)
        return tuple(sorted(seen.values(), key=lambda r: (r.source_title, natural_key(r.ref))))


# -- reading threads -------------------------------------------------------------------------------


def _board_actions(
    session: Session, action_ids: Sequence[int], notes: dict[int, str] | None = None
) -> dict[int, BoardActionBrief]:
    if not action_ids:
        return {}
    owners = owner_names_by_action(session, list(action_ids))
    rows = session.execute(
        wide_select(Action, col(Board.name), col(Meeting.date), col(AgendaItem.position), col(AgendaItem.title))
        .join(Board, col(Board.id) == Action.board_id)
        .outerjoin(Meeting, col(Meeting.id) == Action.raised_meeting_id)
        .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
        .where(col(Action.id).in_(list(action_ids)))
    ).all()
    return {
        action.id or 0: BoardActionBrief(
            id=action.id or 0,
            board_id=action.board_id,
            board_name=board_name,
            ref=action.ref,
            text=action.text,
            status=action.status,
            owners=tuple(owners.get(action.id or 0, ())),
            raised_meeting_id=action.raised_meeting_id,
            raised_on=raised_on,
            raised_item_id=action.raised_item_id,
            raised_item_number=item_number,
            raised_item_title=item_title or "",
            link_note=(notes or {}).get(action.id or 0, ""),
            position=action.position,
            exempt_paragraph=action.exempt_paragraph,
        )
        for action, board_name, raised_on, item_number, item_title in rows
    }


def _sort_actions(actions: Sequence[BoardActionBrief]) -> tuple[BoardActionBrief, ...]:
    return tuple(sorted(actions, key=lambda a: (a.raised_on or dt.date.max, a.ref)))


def board_actions_by_item(session: Session, item_ids: Sequence[int]) -> dict[int, tuple[BoardActionBrief, ...]]:
    """The board actions linked to each plan entry (with the link's note), oldest raised first: the
    thread's board side for many entries at once (a whole plan for its report), in three queries."""
    links = session.exec(
        select(ActionPlanLink.plan_item_id, ActionPlanLink.action_id, ActionPlanLink.note).where(
            col(ActionPlanLink.plan_item_id).in_(list(item_ids))
        )
    ).all()
    actions = _board_actions(session, sorted({a for _, a, _ in links}))
    by_item: dict[int, list[BoardActionBrief]] = defaultdict(list)
    for item_id, action_id, note in links:
        if action_id in actions:
            brief = actions[action_id]
            if note:
                brief = BoardActionBrief(**{**brief.__dict__, "link_note": note})
            by_item[item_id].append(brief)
    return {item_id: _sort_actions(found) for item_id, found in by_item.items()}


def _item_threads(session: Session, item_ids: Sequence[int]) -> list[PlanItemThread]:
    briefs = plan_action_briefs(session, list(item_ids))
    histories = timelines(session, list(briefs))
    by_item = board_actions_by_item(session, list(briefs))
    recs: dict[int, list[RecommendationBrief]] = defaultdict(list)
    for item_id, rec, title in session.exec(
        select(PlanItemRecommendation.plan_item_id, Recommendation, ReviewSource.title)
        .join(Recommendation, col(Recommendation.id) == PlanItemRecommendation.recommendation_id)
        .join(ReviewSource, col(ReviewSource.id) == Recommendation.source_id)
        .where(col(PlanItemRecommendation.plan_item_id).in_(list(briefs)))
    ).all():
        recs[item_id].append(RecommendationBrief(id=rec.id or 0, source_title=title, ref=rec.ref, text=rec.text))
    return [
        PlanItemThread(
            item=brief,
            history=tuple(histories.get(brief.id, ())),
            board_actions=by_item.get(brief.id, ()),
            recommendations=tuple(sorted(recs.get(brief.id, ()), key=lambda r: (r.source_title, natural_key(r.ref)))),
        )
        for brief in sort_briefs(list(briefs.values()))
    ]


def recommendation_thread(session: Session, recommendation_id: int) -> RecommendationThread:
    row = recommendation_row(session, recommendation_id)
    return RecommendationThread(recommendation=row, items=tuple(_item_threads(session, [a.id for a in row.actions])))


def plan_item_thread(session: Session, item_id: int) -> PlanItemThread:
    get_item(session, item_id)
    return _item_threads(session, [item_id])[0]


def action_thread(session: Session, action_id: int) -> ActionThread:
    action = _board_actions(session, [action_id]).get(action_id)
    if action is None:
        raise NotFound("That board action no longer exists; it may have been deleted.")
    item_ids = session.exec(select(ActionPlanLink.plan_item_id).where(ActionPlanLink.action_id == action_id)).all()
    return ActionThread(action=action, items=tuple(_item_threads(session, list(item_ids))))


def linked_board_actions(session: Session, item_id: int) -> list[BoardActionBrief]:
    """The board actions linked to one plan entry, oldest raised first."""
    return list(plan_item_thread(session, item_id).board_actions)


# -- searching, for the link pickers ---------------------------------------------------------------


def _words(query: str) -> list[str]:
    return [w for w in query.casefold().split() if w]


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_plan_items(
    session: Session, query: str, *, plan_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[PlanActionBrief]:
    """Plan entries whose ref starts with, or whose ref/text contains, every word typed."""
    statement = select(PlanItem.id, PlanItem.ref)
    if plan_id is not None:
        statement = statement.where(PlanItem.plan_id == plan_id)
    for word in _words(query):
        pattern = _like(word)
        statement = statement.where(
            or_(
                func.lower(PlanItem.ref).like(pattern, escape="\\"),
                func.lower(PlanItem.text).like(pattern, escape="\\"),
            )
        )
    rows = session.exec(statement.order_by(col(PlanItem.plan_id), col(PlanItem.id)).limit(limit * 5)).all()
    first = _words(query)[0] if _words(query) else ""
    ranked = sorted(rows, key=lambda r: (not (first and r[1].casefold().startswith(first)), natural_key(r[1])))
    ids = [item_id for item_id, _ in ranked[:limit] if item_id is not None]
    briefs = plan_action_briefs(session, ids)
    return [briefs[i] for i in ids if i in briefs]


def search_board_actions(
    session: Session, query: str, *, board_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[BoardActionBrief]:
    """Board actions whose ref or text contains every word typed, newest raised first."""
    statement = select(Action.id).outerjoin(Meeting, col(Meeting.id) == Action.raised_meeting_id)
    if board_id is not None:
        statement = statement.where(Action.board_id == board_id)
    for word in _words(query):
        pattern = _like(word)
        statement = statement.where(
            or_(func.lower(Action.ref).like(pattern, escape="\\"), func.lower(Action.text).like(pattern, escape="\\"))
        )
    ids = [
        action_id
        for action_id in session.exec(
            statement.order_by(col(Meeting.date).desc(), col(Action.position), col(Action.id)).limit(limit)
        ).all()
        if action_id is not None
    ]
    found = _board_actions(session, ids)
    return [found[i] for i in ids if i in found]


def search_recommendations(
    session: Session, query: str, *, plan_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[RecommendationBrief]:
    statement = select(Recommendation, ReviewSource.title).join(
        ReviewSource, col(ReviewSource.id) == Recommendation.source_id
    )
    if plan_id is not None:
        addressed = (
            select(PlanItemRecommendation.recommendation_id)
            .join(PlanItem, col(PlanItem.id) == PlanItemRecommendation.plan_item_id)
            .where(PlanItem.plan_id == plan_id)
        )
        statement = statement.where(or_(col(Recommendation.plan_id) == plan_id, col(Recommendation.id).in_(addressed)))
    for word in _words(query):
        pattern = _like(word)
        statement = statement.where(
            or_(
                func.lower(Recommendation.ref).like(pattern, escape="\\"),
                func.lower(Recommendation.text).like(pattern, escape="\\"),
            )
        )
    rows = session.exec(statement).all()
    briefs = [RecommendationBrief(id=r.id or 0, source_title=t, ref=r.ref, text=r.text) for r, t in rows]
    briefs.sort(key=lambda r: (r.source_title, natural_key(r.ref)))
    return briefs[:limit]


# -- linking board actions and plan entries ------------------------------------------------------------


def link_action(session: Session, action_id: int, plan_item_id: int, note: str = "") -> Changes:
    """The board action serves the plan entry (linking twice changes nothing)."""
    item = get_item(session, plan_item_id)
    if session.get(Action, action_id) is None:
        raise NotFound("That board action no longer exists; it may have been deleted.")
    exists = session.exec(
        select(ActionPlanLink.id).where(
            ActionPlanLink.action_id == action_id, ActionPlanLink.plan_item_id == plan_item_id
        )
    ).first()
    if exists is not None:
        return Changes()
    session.add(ActionPlanLink(action_id=action_id, plan_item_id=plan_item_id, note=note.strip()))
    session.flush()
    return Changes(plans=frozenset({item.plan_id}), actions=frozenset({action_id}))


def unlink_action(session: Session, action_id: int, plan_item_id: int) -> Changes:
    link = session.exec(
        select(ActionPlanLink).where(ActionPlanLink.action_id == action_id, ActionPlanLink.plan_item_id == plan_item_id)
    ).first()
    if link is None:
        return Changes()
    item = get_item(session, plan_item_id)
    session.delete(link)
    session.flush()
    return Changes(plans=frozenset({item.plan_id}), actions=frozenset({action_id}))
