"""The publication deadline of a meeting and the record of what was published."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.core.models import Board, Meeting
from boardapp.services.boards import update_board
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.publication import (
    deadline_state,
    last_publication_time,
    publication_deadline,
    publications,
    record_publication,
)
from boardapp.store.database import Store

NO_HOLIDAYS: frozenset[dt.date] = frozenset()


def _meeting(session: Session, day: dt.date, publication_days: int = 5) -> int:
    board = Board(name="Audit Committee", publication_days=publication_days)
    session.add(board)
    session.flush()
    meeting = Meeting(board_id=board.id or 0, date=day)
    session.add(meeting)
    session.flush()
    return meeting.id or 0


def test_deadline_uses_the_board_setting_and_bank_holidays(store: Store) -> None:
    with store.transaction() as session:
        meeting_id = _meeting(session, dt.date(2026, 4, 9))  # Thursday after Easter 2026
        assert publication_deadline(session, meeting_id) == dt.date(2026, 3, 30)
        assert publication_deadline(session, meeting_id, NO_HOLIDAYS) == dt.date(2026, 4, 1)
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        update_board(session, meeting.board_id, publication_days=3)
        assert publication_deadline(session, meeting_id, NO_HOLIDAYS) == dt.date(2026, 4, 3)


def test_publication_days_must_be_sensible(store: Store) -> None:
    with store.transaction() as session:
        meeting_id = _meeting(session, dt.date(2026, 4, 9))
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        with pytest.raises(InvalidChange):
            update_board(session, meeting.board_id, publication_days=-1)


def test_deadline_states(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        meeting_id = _meeting(session, dt.date(2026, 3, 20))  # Friday; deadline Thursday 12 March
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 2), NO_HOLIDAYS) == (dt.date(2026, 3, 12), "ok")
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 10), NO_HOLIDAYS)[1] == "ok"
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 11), NO_HOLIDAYS)[1] == "near"
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 12), NO_HOLIDAYS)[1] == "near"
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 13), NO_HOLIDAYS)[1] == "missed"
        minutes = tmp_path / "minutes.pdf"
        minutes.write_bytes(b"%PDF minutes")
        record_publication(session, meeting_id, "minutes", minutes)  # minutes do not publish the agenda
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 13), NO_HOLIDAYS)[1] == "missed"
        pack = tmp_path / "pack.pdf"
        pack.write_bytes(b"%PDF pack")
        record_publication(session, meeting_id, "public pack", pack)
        assert deadline_state(session, meeting_id, dt.date(2026, 3, 13), NO_HOLIDAYS)[1] == "published"


def test_a_publication_is_recorded_with_its_checksum_and_size(store: Store, tmp_path: Path) -> None:
    content = b"%PDF-1.7 the pack" * 1000
    path = tmp_path / "2026-03-20 pack.pdf"
    path.write_bytes(content)
    when = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)
    with store.transaction() as session:
        meeting_id = _meeting(session, dt.date(2026, 3, 20))
        changes = record_publication(session, meeting_id, "pack", path, by="clerk", when=when, paper_ids=[4, 5])
        assert changes.meetings == frozenset({meeting_id})
    with store.session() as session:
        [row] = publications(session, meeting_id)
        assert row.sha256 == hashlib.sha256(content).hexdigest()
        assert row.size == len(content)
        assert (row.kind, row.file_name, row.published_by, row.paper_ids) == ("pack", path.name, "clerk", (4, 5))
        assert row.published_at == when and row.published_at.tzinfo is not None
        assert last_publication_time(session, meeting_id) == when


def test_recording_refuses_unknown_kinds_missing_files_and_meetings(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        meeting_id = _meeting(session, dt.date(2026, 3, 20))
        with pytest.raises(InvalidChange, match="not a kind"):
            record_publication(session, meeting_id, "leaflet", tmp_path / "x.pdf")
        with pytest.raises(InvalidChange, match="Cannot read"):
            record_publication(session, meeting_id, "pack", tmp_path / "absent.pdf")
        with pytest.raises(NotFound):
            publication_deadline(session, 999)
        assert publications(session, meeting_id) == []


def test_deadline_notice_for_the_meeting_page(store: Store, tmp_path: Path) -> None:
    from boardapp.services.publication import deadline_notice

    with store.transaction() as session:
        meeting_id = _meeting(session, dt.date(2026, 3, 20))
        assert deadline_notice(session, meeting_id, dt.date(2026, 3, 9), NO_HOLIDAYS) == (
            "ok", "Publish the agenda by Thursday 12 March 2026 (4 working days left)"
        )  # fmt: skip
        state, text = deadline_notice(session, meeting_id, dt.date(2026, 3, 12), NO_HOLIDAYS)
        assert state == "near" and text.endswith("(1 working day left)")
        assert deadline_notice(session, meeting_id, dt.date(2026, 3, 13), NO_HOLIDAYS) == (
            "missed", "The agenda should have been published by Thursday 12 March 2026: the deadline is missed"
        )  # fmt: skip
        pack = tmp_path / "pack.pdf"
        pack.write_bytes(b"%PDF")
        record_publication(session, meeting_id, "pack", pack, when=dt.datetime(2026, 3, 11, 9, 0, tzinfo=dt.UTC))
        assert deadline_notice(session, meeting_id, dt.date(2026, 3, 13), NO_HOLIDAYS) == (
            "published", "Agenda published 11 Mar 2026 09:00:00 UTC (pack: pack.pdf)"
        )  # fmt: skip
