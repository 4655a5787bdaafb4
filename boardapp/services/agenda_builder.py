"""A new meeting's agenda, mostly built before the clerk starts.

The board's standing items in their order; "Minutes and actions from the last meeting" named after
the meeting whose minutes are to be approved (its matters arising are listed live by
`services.matters_arising`); and, when plan actions fell due since the last meeting and are not
complete, an item "Improvement plan: actions due for review" with those plan actions attached
(`AgendaPlanReview`). Building never touches an agenda that already has items.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, or_, select

from boardapp.core.dates import long_date
from boardapp.core.enums import ItemPurpose, MeetingStatus, PlanItemKind, StandingKind
from boardapp.core.models import AgendaItem, AgendaPlanReview, Board, Meeting, Plan, PlanItem, StatusLevel
from boardapp.services.agenda import add_item, standing_kind_for
from boardapp.services.changes import Changes, of
from boardapp.services.errors import NotFound
from boardapp.services.lifecycle import ensure_editable

__all__ = [
    "DEFAULT_STANDING_ITEMS",
    "PLAN_REVIEW_TITLE",
    "PlanReviewRow",
    "build_agenda",
    "plan_reviews",
    "plan_reviews_of_meeting",
    "previous_minutes_title",
    "retitle_previous_minutes",
]

# For a board whose settings list no standing items: what nearly every board has.
DEFAULT_STANDING_ITEMS = (
    "Welcome, introductions and apologies",
    "Minutes and actions from the last meeting",
    "Any other business",
    "Date of next meeting",
)
PLAN_REVIEW_TITLE = "Improvement plan: actions due for review"
_BUILT_TITLE = re.compile(r"^Minutes of the meeting held on .+ and matters arising$")
NOT_HELD = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)


def previous_meeting_of(session: Session, meeting: Meeting) -> Meeting | None:
    """The board's meeting before this one (not cancelled): the one whose minutes come up here.

    Not only held meetings: a series is scheduled ahead, and the meeting before is the one whose
    minutes will be approved here once it has been held.
    """
    return session.exec(
        select(Meeting)
        .where(
            Meeting.board_id == meeting.board_id,
            col(Meeting.date) < meeting.date,
            Meeting.status != MeetingStatus.CANCELLED,
        )
        .order_by(col(Meeting.date).desc(), col(Meeting.start_time).desc())
    ).first()


def previous_minutes_title(previous: Meeting) -> str:
    return f"Minutes of the meeting held on {long_date(previous.date)} and matters arising"


def build_agenda(session: Session, meeting_id: int, *, today: dt.date | None = None) -> Changes:
    """Fill an empty agenda from the board's standing items and the plan actions due for review.

    `today` is accepted so callers can pass the GUI's day; the agenda depends only on what is stored.
    """
    meeting = ensure_editable(session, meeting_id)
    if session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)).first() is not None:
        return Changes()
    board = session.get(Board, meeting.board_id)
    if board is None:
        raise NotFound("That meeting's board no longer exists.")
    previous = previous_meeting_of(session, meeting)
    changes = Changes()
    titles = list(board.standing_items) or list(DEFAULT_STANDING_ITEMS)
    for position, title in enumerate(titles, start=1):
        kind = standing_kind_for(title)
        if kind is StandingKind.PREVIOUS_MINUTES and previous is not None:
            title = previous_minutes_title(previous)
        _, step = add_item(session, meeting_id, title, position=position, standing_kind=kind)
        changes = changes | step
    due = _plan_actions_due(session, board.id or 0, meeting.date, previous.date if previous else None)
    if due:
        item_id, step = add_item(session, meeting_id, PLAN_REVIEW_TITLE, purpose=ItemPurpose.DISCUSSION)
        changes = changes | step
        for position, plan_item_id in enumerate(due):
            session.add(AgendaPlanReview(agenda_item_id=item_id, plan_item_id=plan_item_id, position=position))
        session.flush()
    return changes | of(agenda=meeting_id)


def _plan_actions_due(session: Session, board_id: int, on: dt.date, after: dt.date | None) -> list[int]:
    """Plan actions of the board's plans due on or before `on` (and after `after`) that are not complete."""
    query = (
        select(PlanItem.id)
        .join(Plan, col(Plan.id) == PlanItem.plan_id)
        .outerjoin(StatusLevel, col(StatusLevel.id) == PlanItem.progress_level_id)
        .where(
            Plan.board_id == board_id,
            PlanItem.kind == PlanItemKind.ACTION,
            col(PlanItem.due_date).is_not(None),
            col(PlanItem.due_date) <= on,
            or_(col(StatusLevel.means_complete).is_(None), col(StatusLevel.means_complete).is_(False)),
        )
        .order_by(col(Plan.id), col(PlanItem.due_date), col(PlanItem.ref), col(PlanItem.id))
    )
    if after is not None:
        query = query.where(col(PlanItem.due_date) > after)
    return [i for i in session.exec(query).all() if i is not None]


def retitle_previous_minutes(session: Session, board_id: int) -> set[int]:
    """After the calendar changed, make each built "Minutes of the meeting held on ..." title name the
    right meeting again. Titles the clerk wrote are left alone. Returns the meeting ids changed."""
    changed: set[int] = set()
    rows = session.exec(
        select(AgendaItem, Meeting)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .where(
            Meeting.board_id == board_id,
            col(Meeting.status).in_(NOT_HELD),
            AgendaItem.standing_kind == StandingKind.PREVIOUS_MINUTES,
        )
    ).all()
    for item, meeting in rows:
        if not _BUILT_TITLE.match(item.title):
            continue
        previous = previous_meeting_of(session, meeting)
        if previous is None:
            continue
        title = previous_minutes_title(previous)
        if item.title != title:
            item.title = title
            session.add(item)
            changed.add(meeting.id or 0)
    session.flush()
    return changed


@dataclass(frozen=True)
class PlanReviewRow:
    """A plan action put before a meeting, with what the agenda shows of it."""

    plan_item_id: int
    plan_name: str
    ref: str
    text: str
    due_text: str
    due_date: dt.date | None
    lead_text: str
    status: str  # the progress level's label, "" when unrated
    colour: str


def plan_reviews(session: Session, agenda_item_id: int) -> list[PlanReviewRow]:
    """The plan actions an agenda item puts up for review, in order (the item editor's panel)."""
    return _plan_reviews_where(session, col(AgendaPlanReview.agenda_item_id) == agenda_item_id).get(agenda_item_id, [])


def plan_reviews_of_meeting(session: Session, meeting_id: int) -> dict[int, list[PlanReviewRow]]:
    """Every item's plan actions up for review, by agenda item id, in one query: the agenda lists
    them under each item and must not read them once per item."""
    of_meeting = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
    return _plan_reviews_where(session, col(AgendaPlanReview.agenda_item_id).in_(of_meeting))


def _plan_reviews_where(session: Session, condition: ColumnElement[bool]) -> dict[int, list[PlanReviewRow]]:
    """The plan actions up for review under the items `condition` picks, by item id, each item's in order."""
    rows = session.exec(
        select(AgendaPlanReview.agenda_item_id, PlanItem, Plan.name, StatusLevel)
        .join(PlanItem, col(PlanItem.id) == AgendaPlanReview.plan_item_id)
        .join(Plan, col(Plan.id) == PlanItem.plan_id)
        .outerjoin(StatusLevel, col(StatusLevel.id) == PlanItem.progress_level_id)
        .where(condition)
        .order_by(col(AgendaPlanReview.agenda_item_id), col(AgendaPlanReview.position), col(AgendaPlanReview.id))
    ).all()
    found: dict[int, list[PlanReviewRow]] = {}
    for agenda_item_id, item, plan_name, level in rows:
        found.setdefault(agenda_item_id, []).append(
            PlanReviewRow(
                plan_item_id=item.id or 0,
                plan_name=plan_name,
                ref=item.ref,
                text=item.text,
                due_text=item.due_text,
                due_date=item.due_date,
                lead_text=item.lead_text,
                status=level.label if level else "",
                colour=level.colour if level else "",
            )
        )
    return found
