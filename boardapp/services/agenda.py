"""Building a meeting's agenda: items in order, standing items, presenters, papers, timings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, delete, select

from boardapp.core.enums import ItemPurpose, StandingKind
from boardapp.core.models import AgendaItem, AgendaItemPresenter, Board, Paper, utcnow
from boardapp.core.rules.leads import split_parties
from boardapp.services.changes import Changes, of
from boardapp.services.conflicts import claim_version, table_of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.exemption import ItemContents as ItemContents  # re-exported: callers ask agenda
from boardapp.services.exemption import ItemNotEmpty as ItemNotEmpty
from boardapp.services.exemption import item_contents as item_contents
from boardapp.services.exemption import stamp_item_business
from boardapp.services.lifecycle import ensure_editable, ensure_item_editable, get_meeting
from boardapp.services.parties import PartyDirectory

EDITABLE_FIELDS = {
    "title",
    "purpose",
    "minutes_allowed",
    "standing_kind",
    "is_exempt",
    "exempt_paragraph",
    "exempt_reason",
    "show_title_when_exempt",
}

_STANDING_KEYWORDS = (
    (StandingKind.WELCOME, ("welcome", "apologies", "introductions")),
    (StandingKind.PREVIOUS_MINUTES, ("minutes", "matters arising")),
    (StandingKind.ANY_OTHER_BUSINESS, ("any other business", "aob")),
    (StandingKind.NEXT_MEETING, ("next meeting",)),
)


def standing_kind_for(title: str) -> StandingKind:
    lowered = title.lower()
    for kind, words in _STANDING_KEYWORDS:
        if any(word in lowered for word in words):
            return kind
    return StandingKind.NONE


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
        ).all()
    )


def _renumber(session: Session, items: list[AgendaItem]) -> None:
    for position, item in enumerate(items, start=1):
        if item.position != position:
            item.position = position
            item.updated_at = utcnow()
            session.add(item)
    session.flush()


def add_item(
    session: Session,
    meeting_id: int,
    title: str,
    *,
    position: int | None = None,
    purpose: ItemPurpose = ItemPurpose.UNSPECIFIED,
    minutes_allowed: int | None = None,
    standing_kind: StandingKind = StandingKind.NONE,
) -> tuple[int, Changes]:
    """Add an item at `position` (1-based; default: before "Any other business" if there is one, else last)."""
    ensure_editable(session, meeting_id)
    if not title.strip():
        raise InvalidChange("An agenda item needs a title.")
    items = _items(session, meeting_id)
    if position is None:
        tail_kinds = (StandingKind.ANY_OTHER_BUSINESS, StandingKind.NEXT_MEETING)
        tail = [i for i in items if i.standing_kind in tail_kinds]
        position = tail[0].position if tail and standing_kind not in tail_kinds else len(items) + 1
    position = max(1, min(position, len(items) + 1))
    item = AgendaItem(
        meeting_id=meeting_id,
        position=0,
        title=title.strip(),
        purpose=purpose,
        minutes_allowed=minutes_allowed,
        standing_kind=standing_kind,
    )
    session.add(item)
    items.insert(position - 1, item)
    _renumber(session, items)
    return item.id or 0, of(agenda=meeting_id)


def add_standing_items(session: Session, meeting_id: int) -> Changes:
    """Fill in the board's standing items that the agenda does not have yet, in their usual places."""
    meeting = ensure_editable(session, meeting_id)
    board = session.get(Board, meeting.board_id)
    assert board is not None
    present = {i.standing_kind for i in _items(session, meeting_id)}
    changes = Changes()
    for title in board.standing_items:
        kind = standing_kind_for(title)
        if kind is not StandingKind.NONE and kind in present:
            continue
        head = kind in (StandingKind.WELCOME, StandingKind.PREVIOUS_MINUTES)
        position = (1 if kind is StandingKind.WELCOME else 2) if head else None
        _, step = add_item(session, meeting_id, title, position=position, standing_kind=kind)
        changes = changes | step
        present.add(kind)
    return changes


def update_item(session: Session, item_id: int, *, expected_version: int | None = None, **fields: Any) -> Changes:
    """Change an item's fields; with `expected_version`, a save after someone else's raises EditConflict."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise InvalidChange(f"Agenda items have no field {', '.join(sorted(unknown))}.")
    item = ensure_item_editable(session, item_id)
    if "title" in fields and not str(fields["title"]).strip():
        raise InvalidChange("An agenda item needs a title.")
    if fields.get("minutes_allowed") is not None and int(fields["minutes_allowed"]) < 0:
        raise InvalidChange("Time allowed cannot be negative.")
    item.version = claim_version(
        session, table_of(AgendaItem), item_id, expected_version, kind="agenda item", field="title",
        mine=str(fields.get("title", item.title)),
    )
    for name, value in fields.items():
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    item.updated_at = utcnow()
    session.add(item)
    session.flush()
    # Flagging an item exempt (or changing its paragraph) stamps the business it already holds;
    # clearing the flag un-stamps nothing (see services.exemption.release_exempt_business).
    stamped = stamp_item_business(session, item) if {"is_exempt", "exempt_paragraph"} & set(fields) else Changes()
    return of(agenda=item.meeting_id, minutes=item_id) | stamped


def delete_item(session: Session, item_id: int, *, confirm: bool = False) -> Changes:
    """Delete an item with its minute; actions raised under it stay in the log, unlinked from the item,
    and keep their Part II stamp.

    An item holding notes, decisions or actions is deleted only with `confirm=True`; without it the
    refusal (`ItemNotEmpty`, an InvalidChange) names what the item holds, for the question to ask.
    """
    item = ensure_item_editable(session, item_id)
    contents = item_contents(session, item_id)
    if not contents.is_empty and not confirm:
        raise ItemNotEmpty(contents)
    changes = stamp_item_business(session, item)  # whatever survives the item stays exempt
    meeting_id = item.meeting_id
    session.delete(item)
    session.flush()
    _renumber(session, _items(session, meeting_id))
    return of(agenda=meeting_id, minutes=item_id) | changes


def move_item(session: Session, item_id: int, new_position: int) -> Changes:
    item = ensure_item_editable(session, item_id)
    items = [i for i in _items(session, item.meeting_id) if i.id != item_id]
    new_position = max(1, min(new_position, len(items) + 1))
    items.insert(new_position - 1, item)
    _renumber(session, items)
    return of(agenda=item.meeting_id)


def set_presenters(session: Session, item_id: int, written: str) -> Changes:
    """Presenters as typed ("Chris Coyle and Louise Storey", "Amanda Hatton / Heads of Service")."""
    item = ensure_item_editable(session, item_id)
    directory = PartyDirectory(session)
    session.exec(delete(AgendaItemPresenter).where(col(AgendaItemPresenter.agenda_item_id) == item_id))
    text = written.replace(" and ", "/").replace(" & ", "/")
    for order, party in enumerate(split_parties(text, known_names=directory.known_names())):
        ref = directory.resolve(party)
        session.add(
            AgendaItemPresenter(agenda_item_id=item_id, person_id=ref.person_id, role_id=ref.role_id, position=order)
        )
    session.flush()
    return of(agenda=item.meeting_id, people=True)


def add_paper(session: Session, item_id: int, title: str, location: str = "") -> tuple[int, Changes]:
    item = ensure_item_editable(session, item_id)
    if not title.strip():
        raise InvalidChange("A paper needs a title.")
    count = len(session.exec(select(Paper.id).where(Paper.agenda_item_id == item_id)).all())
    paper = Paper(agenda_item_id=item_id, position=count, title=title.strip(), location=location.strip())
    session.add(paper)
    session.flush()
    return paper.id or 0, of(agenda=item.meeting_id)


@dataclass(frozen=True)
class PaperRow:
    id: int
    title: str
    location: str  # a path or URL


def papers_of(session: Session, item_id: int) -> list[PaperRow]:
    """An item's papers in order, with the ids `remove_paper` needs."""
    return [
        PaperRow(id=p.id or 0, title=p.title, location=p.location)
        for p in session.exec(
            select(Paper).where(Paper.agenda_item_id == item_id).order_by(col(Paper.position), col(Paper.id))
        ).all()
    ]


def remove_paper(session: Session, paper_id: int) -> Changes:
    paper = session.get(Paper, paper_id)
    if paper is None:
        raise NotFound("That paper is no longer on the agenda.")
    item = ensure_item_editable(session, paper.agenda_item_id)
    session.delete(paper)
    session.flush()
    return of(agenda=item.meeting_id)


@dataclass(frozen=True)
class ItemTiming:
    item_id: int
    number: int
    starts: dt.time | None
    minutes_allowed: int | None


@dataclass(frozen=True)
class AgendaTiming:
    items: tuple[ItemTiming, ...]
    total_minutes: int
    predicted_finish: dt.time | None


def agenda_timing(session: Session, meeting_id: int) -> AgendaTiming:
    """Start time of each item from the meeting start and the time allowed before it."""
    meeting = get_meeting(session, meeting_id)
    start = dt.datetime.combine(meeting.date, meeting.start_time) if meeting.start_time else None
    elapsed = 0
    timings = []
    for item in _items(session, meeting_id):
        starts = (start + dt.timedelta(minutes=elapsed)).time() if start else None
        timings.append(ItemTiming(item.id or 0, item.position, starts, item.minutes_allowed))
        elapsed += item.minutes_allowed or 0
    finish = (start + dt.timedelta(minutes=elapsed)).time() if start else None
    return AgendaTiming(tuple(timings), elapsed, finish)
