"""Long and odd text never crashes an export: a 10,000-character title, action or decision exports to
PDF, docx and xlsx (long cells and headings split across pages), what a format cannot show is a
warning with printable escapes, and no-break spaces are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.core.enums import DueKind, StandingKind
from boardapp.core.models import Action, AgendaItem, Board, Decision, Meeting
from boardapp.exporting import export_agenda, export_minutes
from boardapp.exporting.action_log.export import build_action_log, export_action_log
from boardapp.exporting.backends.readback import read_xlsx_text
from boardapp.exporting.backends.text import printable
from boardapp.services.actions import list_action_rows
from boardapp.store.database import Store
from tests.helpers.exporting_readback import read_back

WORDS = " ".join(f"long{n:04d}" for n in range(1200))  # 10,799 characters, no sentence break
NBSP = "10\u00a0am"
DAY = dt.date(2020, 1, 14)


def _long(tag: str) -> str:
    text = f"{tag}start {WORDS} {tag}end"
    assert len(text) > 10_000
    return text


@pytest.fixture
def long_meeting(store: Store) -> int:
    with store.transaction() as session:
        board = Board(name="Long Board", short_name="LB")
        session.add(board)
        session.flush()
        meeting = Meeting(board_id=board.id or 0, date=DAY, start_time=dt.time(10))
        later = Meeting(board_id=board.id or 0, date=DAY + dt.timedelta(days=28), start_time=dt.time(10))
        session.add_all([meeting, later])
        session.flush()
        item = AgendaItem(meeting_id=meeting.id or 0, position=1, title=_long("title") + f" at {NBSP}")
        previous = AgendaItem(
            meeting_id=later.id or 0, position=1, title="Minutes and actions",
            standing_kind=StandingKind.PREVIOUS_MINUTES,
        )
        session.add_all([item, previous])
        session.flush()
        session.add(Decision(agenda_item_id=item.id or 0, text=_long("decision") + "\x1b[31m"))
        session.add(
            Action(
                board_id=board.id or 0, ref="LB-1", text=_long("action") + f" by {NBSP}", raised_meeting_id=meeting.id,
                raised_item_id=item.id, due_kind=DueKind.MEETING, due_meeting_id=later.id,
            )
        )  # fmt: skip
        return meeting.id or 0


def _text(path: Path) -> str:
    return read_xlsx_text(path) if path.suffix == ".xlsx" else read_back(path)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_10000_character_title_decision_and_action_export_as_minutes_and_agenda(
    store: Store, long_meeting: int, out_dir: Path, fmt: str
) -> None:
    with store.session() as session:
        minutes = export_minutes(session, long_meeting, out_dir / f"m.{fmt}", fmt, public=False)
        agenda = export_agenda(session, long_meeting, out_dir / f"a.{fmt}", fmt, public=False)
        later = long_meeting + 1
        due = export_agenda(session, later, out_dir / f"due.{fmt}", fmt, public=False)
    text = " ".join(_text(minutes.path).split())
    for tag in ("title", "decision", "action"):
        assert f"{tag}start" in text and f"{tag}end" in text, tag  # nothing cut off
    assert "titleend at 10\u00a0am" in _text(minutes.path) or fmt == "pdf"
    assert "titleend" in _text(agenda.path)
    assert "actionend" in _text(due.path)
    warning = next(w for w in minutes.warnings if "control character" in w)
    assert "U+001B" in warning and "\x1b" not in warning


@pytest.mark.parametrize("fmt", ["xlsx", "pdf", "docx"])
def test_a_10000_character_action_exports_in_the_action_log(
    store: Store, long_meeting: int, out_dir: Path, fmt: str
) -> None:
    with store.session() as session:
        rows = list_action_rows(session, today=DAY)
    document = build_action_log(rows, board_name="Long Board", scope="", today=DAY)
    result = export_action_log(document, out_dir / f"log.{fmt}", fmt)
    text = _text(result.path)
    assert "actionstart" in text and "actionend" in text
    if fmt != "pdf":  # pypdf gives a no-break space back as a space; Word and Excel keep the character
        assert f"by {NBSP}" in text


def test_no_break_spaces_survive_cleaning_and_warnings_are_printable(session: Session) -> None:
    from boardapp.exporting.backends.text import Warnings, clean_text, parse_notes

    warnings = Warnings()
    assert clean_text(f"  starts at\t{NBSP}\n", "x", warnings) == f"starts at {NBSP}"
    assert parse_notes(f"- at {NBSP}")[0].text == f"at {NBSP}"
    warnings.add("bad \x1b[2J\x07 text\u202e")
    (message,) = list(warnings)
    assert message == "bad \\x1b[2J\\x07 text\\u202e"
    assert printable(f"a{NBSP}b") == f"a{NBSP}b"
