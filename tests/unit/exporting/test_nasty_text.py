"""Any text exports: markup characters, seed-style HTML fragments, curly quotes, bullets, emoji,
right-to-left scripts, control characters and a 20,000-character note. Both formats export
without crashing, the text comes back, and whatever could not be represented is in the warnings."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.core.enums import AttendanceKind, DueKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Meeting,
    Minute,
    Organisation,
    Paper,
    Person,
)
from boardapp.exporting import build_minutes, export_agenda, export_minutes
from boardapp.store.database import Store
from tests.helpers.exporting_readback import flat, read_back

CONTROLS = "".join(chr(c) for c in range(0x20))
LONG_WORDS = 4000
LONG_NOTE = " ".join(f"w{n:04d}" for n in range(LONG_WORDS))  # 20,000 characters, one paragraph
assert len(LONG_NOTE) >= 20_000 - 1
NASTY_NOTES = "\n\n".join(
    [
        "Tom & Jerry said <b>bold</b> and 5 < 6 > 4 &amp; &lt;",
        '<ul style="list-style-type: none"> ▪ Agree peer team',
        "“Curly quotes”, ‘single’ — and an en dash – too",
        "- • a bullet that starts with a bullet\n  - · and a sub-point",
        "Emoji: party 🎉 and a smile 😀",
        "Arabic: مرحبا بالعالم",
        "Hebrew: שלום עולם",
        f"Controls:{CONTROLS}end of controls",
        "Greek Ωμέγα, Cyrillic Привет, symbols ∑ ≤ ≥ € £ ½",
        LONG_NOTE,
    ]
)
TITLE = "Finance & <Audit> “review” 🎉"


@pytest.fixture
def nasty_meeting(store: Store) -> int:
    with store.transaction() as session:
        organisation = Organisation(name="Schools & <Academies>")
        session.add(organisation)
        session.flush()
        person = Person(name="Zoë O’Brien-Łukasz", title="Dr", organisation_id=organisation.id)
        board = Board(name="Board <of> Trustees & Friends")
        session.add_all([person, board])
        session.flush()
        meeting = Meeting(
            board_id=board.id or 0, date=dt.date(2024, 2, 29), start_time=dt.time(12, 0), venue="Room <1> & \x07annex"
        )
        session.add(meeting)
        session.flush()
        session.add(
            Attendance(
                meeting_id=meeting.id or 0,
                person_id=person.id or 0,
                kind=AttendanceKind.PRESENT,
                organisation_id=organisation.id,
            )
        )
        item = AgendaItem(meeting_id=meeting.id or 0, position=1, title=TITLE, minutes_allowed=30)
        session.add(item)
        session.flush()
        session.add_all(
            [
                AgendaItemPresenter(agenda_item_id=item.id or 0, person_id=person.id),
                Paper(agenda_item_id=item.id or 0, title="Report <draft> & appendix\x01"),
                Minute(agenda_item_id=item.id or 0, notes=NASTY_NOTES),
                Decision(agenda_item_id=item.id or 0, text="That <the> report & “plan” be agreed"),
            ]
        )
        action = Action(
            board_id=board.id or 0,
            ref="X-1",
            text="Check <i>this</i> & that 😀",
            raised_item_id=item.id,
            raised_meeting_id=meeting.id,
            due_kind=DueKind.DATE,
            due_date=dt.date(2024, 3, 31),
        )
        session.add(action)
        session.flush()
        session.add(ActionOwner(action_id=action.id or 0, person_id=person.id))
        return meeting.id or 0


EXPECTED = [
    "Tom & Jerry said <b>bold</b> and 5 < 6 > 4 &amp; &lt;",
    '<ul style="list-style-type: none"> ▪ Agree peer team',
    "“Curly quotes”, ‘single’ — and an en dash – too",
    "• a bullet that starts with a bullet",
    "· and a sub-point",
    "Hebrew:",
    "Greek Ωμέγα, Cyrillic Привет, symbols ∑ ≤ ≥ € £ ½",
    "Controls:",
    "end of controls",
    "Check <i>this</i> & that",
    "That <the> report & “plan” be agreed",
    "Dr Zoë O’Brien-Łukasz",
    "Schools & <Academies>",
    "Board <of> Trustees & Friends",
    "Room <1> & annex",
    "Thursday, 29th February, 2024 at 12.00 noon",
    "1. Finance & <Audit> “review”",
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_nasty_minutes_export_and_read_back(store: Store, nasty_meeting: int, tmp_path: Path, fmt: str) -> None:
    with store.session() as session:
        result = export_minutes(session, nasty_meeting, tmp_path / f"nasty.{fmt}", fmt, public=False)
    text = read_back(result.path)
    folded = flat(text)
    for expected in EXPECTED:
        assert expected in folded, expected
    assert re.findall(r"\bw\d{4}\b", folded) == [f"w{n:04d}" for n in range(LONG_WORDS)]  # all, in order
    assert not any(c in text for c in CONTROLS if c not in "\t\n")
    warnings = "\n".join(result.warnings)
    if store.server_url is None:
        assert "notes: removed 27 control character(s)" in warnings and "(U+0000, U+0001" in warnings
    else:  # PostgreSQL text cannot hold NUL: the store dropped it on the way in (store/postgres.py)
        assert "notes: removed 26 control character(s)" in warnings and "(U+0001, U+0002" in warnings
    if fmt == "docx":
        for kept in ("🎉", "😀", "مرحبا بالعالم", "שלום עולם"):
            assert kept in folded
    else:
        assert "🎉" not in folded and "😀" not in folded and "\ufffd" in folded  # replaced, and said so
        assert "U+1F389" in warnings and "U+1F600" in warnings
        assert "right-to-left" in warnings
        assert "שלום" in folded or "םולש" in folded  # Hebrew comes back (order not guaranteed by extraction)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_nasty_agenda_exports(store: Store, nasty_meeting: int, tmp_path: Path, fmt: str) -> None:
    with store.session() as session:
        result = export_agenda(session, nasty_meeting, tmp_path / f"agenda.{fmt}", fmt, public=True)
    folded = flat(read_back(result.path))
    assert "Report <draft> & appendix" in folded
    assert "12.00 noon" in folded and "Close: 12.30 pm" in folded
    assert "Presented by Zoë O’Brien-Łukasz" in folded
    assert any("control character" in w for w in result.warnings)


def test_notes_become_paragraphs_and_two_levels_of_bullets(store: Store, nasty_meeting: int) -> None:
    with store.session() as session:
        document = build_minutes(session, nasty_meeting, public=False)
    kinds = [(block.kind.value, block.text[:20]) for block in document.items[0].notes]
    assert ("bullet", "• a bullet that star") in kinds
    assert ("sub_bullet", "· and a sub-point") in kinds
    assert kinds[0] == ("paragraph", "Tom & Jerry said <b>")
    assert document.items[0].notes[-1].text == LONG_NOTE


def test_a_session_is_not_needed_to_build_twice(store: Store, nasty_meeting: int) -> None:
    """Documents are plain frozen data: equal when built twice, and hashable."""
    with store.session() as session:
        first = build_minutes(session, nasty_meeting, public=True)
    with store.session() as session:
        second = build_minutes(session, nasty_meeting, public=True)
    assert first == second
    assert hash(first) == hash(second)
    assert not any(isinstance(v, Session) for v in vars(first).values())
