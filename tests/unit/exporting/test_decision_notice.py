"""The one-page decision notice (issue 17 point 6), written to Word and PDF and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MinuteNumbering
from boardapp.core.models import AgendaItem, Attendance, Board, Decision
from boardapp.core.models.record import Declaration, InterestAction, InterestKind
from boardapp.exporting import ExportError
from boardapp.exporting.decision_notice.document import DecisionNotFound, find_decision
from boardapp.exporting.decision_notice.export import export_decision_notice
from boardapp.services.minute_numbers import assign_minute_numbers
from boardapp.store.database import Store
from tests.helpers.exporting_readback import flat, in_order, read_back
from tests.helpers.exporting_seed import BOARD_NAME, SeedIds

DECISION = "the Board agreed the next 12 week improvement plan."
REASONS = "The plan addresses every recommendation of the Ofsted monitoring visit."
ALTERNATIVES = "Keeping the current plan was rejected because it ends in October."
CONFLICTS = "No dispensations were needed."


@pytest.fixture
def meeting(store: Store, seed_ids: SeedIds) -> int:
    august = seed_ids.meetings["2017-08-01"]
    with store.transaction() as session:
        item = session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == august, AgendaItem.title == "12 Week Improvement Plan")
        ).one()
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == item.id)).one()
        decision.needs_record = True
        decision.reasons = REASONS
        decision.alternatives_rejected = ALTERNATIVES
        decision.conflicts = CONFLICTS
        decision.takes_effect_on = dt.date(2017, 8, 8)
        session.add(decision)
        member = session.exec(
            select(Attendance)
            .where(Attendance.meeting_id == august, Attendance.kind == AttendanceKind.PRESENT)
            .order_by(col(Attendance.position))
        ).first()
        assert member is not None
        session.add(
            Declaration(
                meeting_id=august,
                agenda_item_id=item.id,
                person_id=member.person_id,
                kind=InterestKind.DISCLOSABLE_PECUNIARY,
                nature="Owns a property let to the council",
                action=InterestAction.DISPENSATION,
            )
        )
    return august


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_notice_says_everything_the_record_holds_on_one_page(
    store: Store, meeting: int, out_dir: Path, fmt: str
) -> None:
    path = out_dir / f"notice.{fmt}"
    with store.session() as session:
        export_decision_notice(session, find_decision(session, meeting, "7"), path, fmt)
    text = flat(read_back(path))
    assert in_order(
        text,
        [
            BOARD_NAME,
            "Decision notice – Meeting held on Tuesday, 1st August, 2017",
            "Item 7: 12 Week Improvement Plan",
            "Decision",
            DECISION,
            "Reasons for the decision",
            REASONS,
            "Alternatives considered and rejected",
            ALTERNATIVES,
            "Conflicts of interest and dispensations",
            CONFLICTS,
            "declared a disclosable pecuniary interest in item 7, 12 Week Improvement Plan (Owns a property let "
            "to the council) and took part under a dispensation.",
            "When the decision takes effect",
            "This decision takes effect on 8 August 2017, when the call-in period of 5 working days ends",
        ],
    )
    if fmt == "pdf":
        assert len(PdfReader(str(path)).pages) == 1
    else:
        styles = [(p.style.name if p.style else "", p.text) for p in docx.Document(str(path)).paragraphs]
        assert ("Item Heading", "Item 7: 12 Week Improvement Plan") in styles
        assert [style for style, text in styles if DECISION in text] == ["Resolution"]
    assert "CONFIDENTIAL" not in text


def test_a_numbered_board_names_the_minute_and_finds_the_item_by_it(
    store: Store, meeting: int, seed_ids: SeedIds, out_dir: Path
) -> None:
    with store.transaction() as session:
        board = session.get(Board, seed_ids.board_id)
        assert board is not None
        board.minute_numbering = MinuteNumbering.MUNICIPAL_YEAR
        session.add(board)
        session.flush()
        assign_minute_numbers(session, meeting)
    with store.session() as session:
        decision_id = find_decision(session, meeting, "Minute 7/17")
        assert find_decision(session, meeting, "7/17") == decision_id
        export_decision_notice(session, decision_id, out_dir / "notice.pdf", "pdf")
    assert "Minute 7/17: 12 Week Improvement Plan" in flat(read_back(out_dir / "notice.pdf"))


def test_an_item_without_a_decision_record_is_refused_and_nothing_is_written(
    session: Session, meeting: int, out_dir: Path
) -> None:
    with pytest.raises(DecisionNotFound, match=r"Item 3 \(Being a Good Corporate Parent\) has no decision"):
        find_decision(session, meeting, "3")
    with pytest.raises(DecisionNotFound, match=r"has no item '42' \(its items: 1, 2, 3"):
        find_decision(session, meeting, "42")
    with pytest.raises(ExportError, match="docx or pdf"):
        export_decision_notice(session, find_decision(session, meeting, "7"), out_dir / "n.html", "html")
    assert list(out_dir.iterdir()) == []


def test_a_decision_of_exempt_business_is_marked_confidential(store: Store, meeting: int, out_dir: Path) -> None:
    with store.transaction() as session:
        decision = session.get(Decision, find_decision(session, meeting, "7"))
        assert decision is not None
        decision.is_exempt = True
        session.add(decision)
    with store.session() as session:
        export_decision_notice(session, find_decision(session, meeting, "7"), out_dir / "notice.pdf", "pdf")
        export_decision_notice(session, find_decision(session, meeting, "7"), out_dir / "notice.docx", "docx")
    for name in ("notice.pdf", "notice.docx"):
        assert "PART II – EXEMPT – not for publication" in flat(read_back(out_dir / name))
