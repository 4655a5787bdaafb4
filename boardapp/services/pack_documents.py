"""What a meeting's reports pack reads: its items in agenda order with their Part II flags, each
item's papers with their ids and files, and the packs already published for the meeting.

`exporting/pack/contents.py` decides from this what each variant holds (the public pack's
notices, the Part II supplement, a numbered supplement) and writes no query of its own (issue 13
point 3, docs/architecture.md section 4). A fixed four queries however many items and papers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.models import AgendaItem, Board, Meeting, Paper
from boardapp.services.publication import PublicationRow, publications


@dataclass(frozen=True)
class PackPaper:
    id: int
    title: str
    location: str  # a file path as the clerk attached it (absolute, or relative to their folder), or a link


@dataclass(frozen=True)
class PackItem:
    id: int
    title: str
    is_exempt: bool
    exempt_paragraph: str  # Schedule 12A paragraph(s) as the clerk wrote them
    show_title_when_exempt: bool
    papers: tuple[PackPaper, ...]  # in the order the item lists them


@dataclass(frozen=True)
class PackSource:
    meeting_id: int
    board_name: str
    meeting_date: dt.date
    items: tuple[PackItem, ...]  # in agenda order, numbered by the agenda from 1
    published: tuple[PublicationRow, ...]  # every publication of the meeting, oldest first


def pack_source(session: Session, meeting_id: int) -> PackSource | None:
    """The meeting as its reports pack reads it; None when there is no such meeting."""
    found = session.exec(
        select(col(Meeting.date), col(Board.name))
        .join(Board, col(Board.id) == Meeting.board_id, isouter=True)
        .where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        return None
    meeting_date, board_name = found
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))  # as meeting_detail and the agenda order them
    ).all()
    item_ids = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
    papers: dict[int, list[PackPaper]] = defaultdict(list)
    for paper in session.exec(
        select(Paper).where(col(Paper.agenda_item_id).in_(item_ids)).order_by(col(Paper.position), col(Paper.id))
    ).all():
        papers[paper.agenda_item_id].append(PackPaper(id=paper.id or 0, title=paper.title, location=paper.location))
    return PackSource(
        meeting_id=meeting_id,
        board_name=board_name or "Board",
        meeting_date=meeting_date,
        items=tuple(
            PackItem(
                id=item.id or 0,
                title=item.title,
                is_exempt=bool(item.is_exempt),
                exempt_paragraph=item.exempt_paragraph,
                show_title_when_exempt=bool(item.show_title_when_exempt),
                papers=tuple(papers.get(item.id or 0, ())),
            )
            for item in items
        ),
        published=tuple(publications(session, meeting_id)),
    )
