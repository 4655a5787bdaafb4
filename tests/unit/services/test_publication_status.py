"""Recording a public agenda or pack as published moves a scheduled meeting to "Agenda published" (issue 15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session, select

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import Board, Meeting, MeetingStatusChange
from boardapp.services.publication import record_publication
from boardapp.store.database import Store


def _meeting(session: Session, status: MeetingStatus = MeetingStatus.SCHEDULED, name: str = "Audit") -> int:
    board = Board(name=name)
    session.add(board)
    session.flush()
    meeting = Meeting(board_id=board.id or 0, date=dt.date(2026, 4, 9), status=status)
    session.add(meeting)
    session.flush()
    return meeting.id or 0


def _status(store: Store, meeting_id: int) -> MeetingStatus:
    with store.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return MeetingStatus(meeting.status)


def test_a_public_pack_recorded_as_published_publishes_the_agenda(store: Store, tmp_path: Path) -> None:
    pack = tmp_path / "public.pdf"
    pack.write_bytes(b"%PDF-1.4 public")
    with store.transaction() as session:
        meeting_id = _meeting(session)
        changes = record_publication(session, meeting_id, "public pack", pack, by="clerk")
    assert meeting_id in changes.meetings
    assert _status(store, meeting_id) is MeetingStatus.AGENDA_PUBLISHED
    with store.session() as session:
        [change] = session.exec(select(MeetingStatusChange)).all()
        assert (change.from_status, change.to_status, change.changed_by) == (
            MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED, "clerk"
        )  # fmt: skip


def test_an_agenda_publishes_too_but_a_confidential_pack_does_not(store: Store, tmp_path: Path) -> None:
    document = tmp_path / "document.pdf"
    document.write_bytes(b"%PDF-1.4")
    with store.transaction() as session:
        full, agenda = _meeting(session), _meeting(session, name="Scrutiny")
        record_publication(session, full, "pack", document)
        record_publication(session, full, "part ii supplement", document)
        record_publication(session, agenda, "agenda", document)
    assert _status(store, full) is MeetingStatus.SCHEDULED
    assert _status(store, agenda) is MeetingStatus.AGENDA_PUBLISHED


def test_a_meeting_already_held_keeps_its_status(store: Store, tmp_path: Path) -> None:
    pack = tmp_path / "public.pdf"
    pack.write_bytes(b"%PDF-1.4 public")
    with store.transaction() as session:
        held = _meeting(session, MeetingStatus.HELD)
        record_publication(session, held, "public pack", pack)
        record_publication(session, held, "public pack", pack)  # again: still nothing to move
    assert _status(store, held) is MeetingStatus.HELD
