"""The publication deadline of a meeting's agenda and the record of what was published.

"What did we publish, and when?" is answered from `Publication` rows: each pack or agenda file
written for publication with its SHA-256 checksum and size, so a file found later can be proved
to be (or not to be) the one published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlmodel import Session, col, select

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import Board, Meeting, Publication
from boardapp.core.rules.working_days import (
    clear_working_days_between,
    last_working_day_on_or_before,
    latest_publication_date,
)
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.holidays import bank_holidays
from boardapp.services.lifecycle import publish_agenda

KINDS = ("agenda", "pack", "public pack", "part ii supplement", "supplementary pack", "minutes")
# What counts as "the agenda was published" for the deadline (minutes and supplements do not).
AGENDA_KINDS = ("agenda", "pack", "public pack")
# Recording one of these moves a still-scheduled meeting to "Agenda published" (a full pack holds Part II
# papers: publishing it is not publishing the agenda to the public).
PUBLIC_AGENDA_KINDS = ("agenda", "public pack")
NEAR_WORKING_DAYS = 2  # warn when the deadline is this many working days away or fewer

DeadlineState = Literal["ok", "near", "missed", "published"]


@dataclass(frozen=True)
class PublicationRow:
    id: int
    kind: str
    file_name: str
    sha256: str
    size: int
    published_at: dt.datetime
    published_by: str
    note: str
    paper_ids: tuple[int, ...] = ()


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"There is no meeting with id {meeting_id}.")
    return meeting


def publication_deadline(
    session: Session, meeting_id: int, holidays: frozenset[dt.date] | None = None
) -> dt.date:
    """The last working day the agenda may be published and still leave the board's clear working
    days before the meeting (a legal deadline on a weekend becomes the Friday before: offices
    publish on working days)."""
    meeting = _meeting(session, meeting_id)
    board = session.get(Board, meeting.board_id)
    days = board.publication_days if board is not None else 5
    holidays = bank_holidays() if holidays is None else holidays
    return last_working_day_on_or_before(latest_publication_date(meeting.date, days, holidays), holidays)


def deadline_state(
    session: Session, meeting_id: int, today: dt.date, holidays: frozenset[dt.date] | None = None
) -> tuple[dt.date, DeadlineState]:
    """(deadline, state): "published" once an agenda or pack is recorded, else "missed" after the
    deadline, "near" within NEAR_WORKING_DAYS working days of it, otherwise "ok"."""
    holidays = bank_holidays() if holidays is None else holidays
    deadline = publication_deadline(session, meeting_id, holidays)
    published = session.exec(
        select(Publication.id).where(
            Publication.meeting_id == meeting_id, col(Publication.kind).in_(AGENDA_KINDS)
        )
    ).first()
    if published is not None:
        return deadline, "published"
    if today > deadline:
        return deadline, "missed"
    # Working days left before the deadline, counting the deadline itself.
    if clear_working_days_between(today - dt.timedelta(days=1), deadline + dt.timedelta(days=1), holidays) <= (
        NEAR_WORKING_DAYS
    ):
        return deadline, "near"
    return deadline, "ok"


def file_checksum(path: Path) -> tuple[str, int]:
    """(SHA-256 hex, size in bytes), read in blocks so a large pack does not fill memory."""
    digest = hashlib.sha256()
    size = 0
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def record_publication(
    session: Session,
    meeting_id: int,
    kind: str,
    path: str | Path,
    by: str = "",
    note: str = "",
    *,
    when: dt.datetime | None = None,
    paper_ids: list[int] | None = None,
) -> Changes:
    """Record that `path` was published for the meeting, with its checksum and size; a public agenda or pack
    moves a meeting still "Scheduled" to "Agenda published", as the meeting's statuses say it now is."""
    if kind not in KINDS:
        raise InvalidChange(f"{kind!r} is not a kind of publication; use one of: {', '.join(KINDS)}.")
    meeting = _meeting(session, meeting_id)
    path = Path(path)
    try:
        sha256, size = file_checksum(path)
    except OSError as exc:
        raise InvalidChange(f"Cannot read the published file {path}: {exc.strerror or exc}.") from None
    row = Publication(
        meeting_id=meeting_id,
        kind=kind,
        file_name=path.name,
        sha256=sha256,
        size=size,
        published_by=by,
        note=note,
        paper_ids=list(paper_ids or []),
    )
    if when is not None:
        row.published_at = when
    session.add(row)
    session.flush()
    if kind in PUBLIC_AGENDA_KINDS and meeting.status == MeetingStatus.SCHEDULED:
        publish_agenda(session, meeting_id, by)
    return Changes(meetings=frozenset({meeting_id}))


def publications(session: Session, meeting_id: int) -> list[PublicationRow]:
    """What was published for the meeting, oldest first."""
    rows = session.exec(
        select(Publication)
        .where(Publication.meeting_id == meeting_id)
        .order_by(col(Publication.published_at), col(Publication.id))
    ).all()
    return [
        PublicationRow(
            id=row.id or 0,
            kind=row.kind,
            file_name=row.file_name,
            sha256=row.sha256,
            size=row.size,
            published_at=row.published_at,
            published_by=row.published_by,
            note=row.note,
            paper_ids=tuple(row.paper_ids or ()),
        )
        for row in rows
    ]


def last_publication_time(session: Session, meeting_id: int) -> dt.datetime | None:
    """When the agenda or a pack was last published (the line a supplementary pack starts after)."""
    row = session.exec(
        select(Publication.published_at)
        .where(Publication.meeting_id == meeting_id, col(Publication.kind) != "minutes")
        .order_by(col(Publication.published_at).desc())
    ).first()
    return row


def deadline_notice(
    session: Session, meeting_id: int, today: dt.date, holidays: frozenset[dt.date] | None = None
) -> tuple[DeadlineState, str]:
    """(state, one line for the meeting page): "Publish the agenda by Monday 24 July 2017 (3 working
    days left)", "... the deadline was ... (missed)", or what was published last and when."""
    from boardapp.core.dates import long_date_with_weekday, timestamp

    holidays = bank_holidays() if holidays is None else holidays
    deadline, state = deadline_state(session, meeting_id, today, holidays)
    when = long_date_with_weekday(deadline)
    if state == "published":
        last = [row for row in publications(session, meeting_id) if row.kind in AGENDA_KINDS][-1]
        return state, f"Agenda published {timestamp(last.published_at)} UTC ({last.kind}: {last.file_name})"
    if state == "missed":
        return state, f"The agenda should have been published by {when}: the deadline is missed"
    left = clear_working_days_between(today - dt.timedelta(days=1), deadline + dt.timedelta(days=1), holidays)
    days = "1 working day" if left == 1 else f"{left} working days"
    return state, f"Publish the agenda by {when} ({days} left)"


def meeting_page_notice(
    session: Session, meeting_id: int, today: dt.date, newer_holidays: Path | None = None
) -> tuple[str, str] | None:
    """The meeting page's publication line: for a meeting still to come, when its agenda must be published
    (or that the deadline is missed); for any meeting, what was published and when. None when there is
    nothing to say (a meeting held long ago that never went through BoardApp's publication)."""
    meeting = _meeting(session, meeting_id)
    upcoming = meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)
    if not upcoming and not publications(session, meeting_id):
        return None
    state, text = deadline_notice(session, meeting_id, today, bank_holidays(newer_holidays))
    return str(state), text
