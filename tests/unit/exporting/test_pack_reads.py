"""Issue 13 point 3: the reports pack reads the services' read models (`services.pack_documents`, and the
agenda's plan reviews from `agenda_builder.plan_reviews_of_meeting`) in a fixed number of queries however
many items the meeting has, and works from a meeting with nothing on it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import Session, col, select

from boardapp.core.models import AgendaItem, Board, Meeting, Paper
from boardapp.exporting.errors import MeetingNotFound
from boardapp.exporting.pack.contents import NothingToPack, PackVariant, plan_pack
from boardapp.exporting.pack.export import export_pack
from boardapp.services import agenda_builder, calendar
from boardapp.services.pack_documents import pack_source
from boardapp.services.publication import record_publication
from boardapp.store.database import Store
from tests.helpers.exporting_readback import pdf_text
from tests.helpers.querycount import count_queries


def _paper(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(72, 700, "Paper text")
    canvas.showPage()
    canvas.save()
    return path


def _meeting_with(session: Session, items: int, paper: Path, board_name: str = "Audit Committee") -> int:
    """A meeting of a new board with `items` items, the first exempt, each with one paper."""
    board = Board(name=board_name)
    session.add(board)
    session.flush()
    meeting = Meeting(board_id=board.id or 0, date=dt.date(2026, 3, 20), start_time=dt.time(14, 0))
    session.add(meeting)
    session.flush()
    for number in range(1, items + 1):
        item = AgendaItem(meeting_id=meeting.id or 0, position=number, title=f"Report {number}",
                          is_exempt=number == 1, exempt_paragraph="3")  # fmt: skip
        session.add(item)
        session.flush()
        session.add(Paper(agenda_item_id=item.id or 0, position=0, title=f"Paper {number}", location=str(paper)))
    session.flush()
    return meeting.id or 0


@pytest.mark.parametrize("variant", [PackVariant.FULL, PackVariant.PUBLIC])
def test_a_pack_reads_the_same_number_of_queries_for_3_items_as_for_12(
    store: Store, tmp_path: Path, variant: PackVariant
) -> None:
    paper = _paper(tmp_path / "paper.pdf")
    with store.transaction() as session:
        small, large = _meeting_with(session, 3, paper), _meeting_with(session, 12, paper, "Finance Committee")
    counts = []
    with store.session() as session:
        for meeting_id in (small, large):
            with count_queries(store.engine) as queries:
                result = export_pack(session, meeting_id, tmp_path / f"{meeting_id}.pdf", variant)
            counts.append(queries.count)
            assert len(result.paper_ids) == (3 if meeting_id == small else 12) - (variant is PackVariant.PUBLIC)
    assert counts[0] == counts[1]


def test_the_pack_source_is_four_queries_and_holds_ids_order_and_exemptions(store: Store, tmp_path: Path) -> None:
    paper = _paper(tmp_path / "paper.pdf")
    with store.transaction() as session:
        meeting_id = _meeting_with(session, 5, paper)
        first = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, AgendaItem.position == 1))
        session.add(Paper(agenda_item_id=first.one().id or 0, position=1, title="Appendix", location="appendix.pdf"))
    with store.session() as session, count_queries(store.engine) as queries:
        source = pack_source(session, meeting_id)
    assert queries.count == 4
    assert source is not None
    assert (source.board_name, source.meeting_date) == ("Audit Committee", dt.date(2026, 3, 20))
    assert [item.title for item in source.items] == [f"Report {n}" for n in range(1, 6)]
    assert [item.is_exempt for item in source.items] == [True, False, False, False, False]
    assert [p.title for p in source.items[0].papers] == ["Paper 1", "Appendix"]
    assert source.items[0].papers[1].location == "appendix.pdf"
    with store.session() as session:
        stored = session.exec(select(Paper.id).order_by(col(Paper.id))).all()
    assert sorted(p.id for item in source.items for p in item.papers) == stored
    assert source.published == ()


def test_a_meeting_with_no_items_makes_a_pack_of_contents_and_agenda(store: Store, tmp_path: Path) -> None:
    with store.transaction() as session:
        board = Board(name="New Board")
        session.add(board)
        session.flush()
        meeting = Meeting(board_id=board.id or 0, date=dt.date(2027, 1, 12))
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id or 0
    with store.session() as session:
        source = pack_source(session, meeting_id)
        assert source is not None and source.items == ()
        result = export_pack(session, meeting_id, tmp_path / "pack.pdf")
        assert result.paper_ids == ()
        with pytest.raises(NothingToPack, match="no exempt"):
            plan_pack(session, meeting_id, PackVariant.PART_II)
        with pytest.raises(NothingToPack, match="publish the full pack first"):
            plan_pack(session, meeting_id, PackVariant.SUPPLEMENT)
    assert "New Board" in pdf_text(tmp_path / "pack.pdf")


def test_no_meeting_is_a_plain_message(store: Store) -> None:
    with store.session() as session:
        assert pack_source(session, 999) is None
        with pytest.raises(MeetingNotFound):
            plan_pack(session, 999, PackVariant.FULL)


def test_the_supplement_reads_the_publication_record_of_this_meeting_only(store: Store, tmp_path: Path) -> None:
    paper = _paper(tmp_path / "paper.pdf")
    with store.transaction() as session:
        meeting_id, other = _meeting_with(session, 3, paper), _meeting_with(session, 3, paper, "Finance Committee")
    with store.session() as session:
        full = export_pack(session, other, tmp_path / "other.pdf")
    with store.transaction() as session:
        record_publication(session, other, "pack", full.path, paper_ids=list(full.paper_ids))
        record_publication(session, meeting_id, "minutes", full.path)  # minutes are not a pack
    with store.session() as session:
        with pytest.raises(NothingToPack, match="publish the full pack first"):
            plan_pack(session, meeting_id, PackVariant.SUPPLEMENT)
        source = pack_source(session, meeting_id)
    assert source is not None and [row.kind for row in source.published] == ["minutes"]


def test_the_agenda_reads_every_items_plan_reviews_in_one_query(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        november, _ = calendar.schedule_meeting(session, 1, dt.date(2017, 11, 14))
    with demo_store.session() as session:
        item_ids = session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == november)).all()
        with count_queries(demo_store.engine) as queries:
            batched = agenda_builder.plan_reviews_of_meeting(session, november)
        one_by_one = {i: rows for i in item_ids if (rows := agenda_builder.plan_reviews(session, i or 0))}
    assert queries.count == 1
    assert batched == one_by_one
    assert sum(len(rows) for rows in batched.values()) == 18  # the demo's plan actions due for review
