"""The minutes print the formal record (issue 17): minute numbers, declarations of interest, votes,
arrivals and departures and urgent business, in Word, PDF and HTML, read back from the files.

The seed board's 1 August 2017 meeting is given the record straight into the tables (the
services that make it are tested in tests/unit/services); the September meeting holds the
exempt (Part II) item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MinuteNumbering
from boardapp.core.models import AgendaItem, Attendance, Board, Decision, Person
from boardapp.core.models.record import (
    Declaration,
    InterestAction,
    InterestKind,
    Vote,
    VoteChoice,
    VoteRecord,
    VoteResult,
)
from boardapp.exporting import build_minutes, export_minutes
from boardapp.exporting.backends.html_backend import read_html_text
from boardapp.services.minute_numbers import assign_minute_numbers
from boardapp.store.database import Store
from tests.helpers.exporting_readback import flat, in_order, read_back
from tests.helpers.exporting_seed import SeedIds

NATURE = "Her husband owns Brightwater Foster Care Limited"
EXEMPT_NATURE = "He is related to a senior practitioner in the Lancaster team"
FULL_VOTE = "On being put to the vote the motion was carried (2 for, 1 against, 1 abstention)."


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
        ).all()
    )


def _present(session: Session, meeting_id: int) -> list[Person]:
    rows = session.exec(
        select(Person)
        .join(Attendance, col(Attendance.person_id) == Person.id)
        .where(Attendance.meeting_id == meeting_id, Attendance.kind == AttendanceKind.PRESENT)
        .order_by(col(Attendance.position))
    ).all()
    return list(rows)


class Record:
    def __init__(self, august: int, september: int, names: list[str]) -> None:
        self.august = august
        self.september = september
        self.names = names  # formal names of the first four present in August


@pytest.fixture
def record(store: Store, seed_ids: SeedIds) -> Record:
    august, september = seed_ids.meetings["2017-08-01"], seed_ids.meetings["2017-09-12"]
    with store.transaction() as session:
        items = _items(session, august)
        people = _present(session, august)
        plan_item = next(i for i in items if i.title == "12 Week Improvement Plan")
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == plan_item.id)).first()
        assert decision is not None and decision.id is not None
        vote = Vote(
            decision_id=decision.id,
            mover_id=people[0].id,
            seconder_id=people[1].id,
            result=VoteResult.CARRIED,
            votes_for=2,
            votes_against=1,
            abstentions=1,
            recorded=True,
        )
        session.add(vote)
        session.flush()
        assert vote.id is not None
        for person, choice in zip(
            people[:4], (VoteChoice.FOR, VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN), strict=True
        ):
            assert person.id is not None
            session.add(VoteRecord(vote_id=vote.id, person_id=person.id, choice=choice))
        parent = next(i for i in items if i.title == "Being a Good Corporate Parent")
        assert people[2].id is not None and people[3].id is not None
        session.add(
            Declaration(
                meeting_id=august,
                agenda_item_id=parent.id,
                person_id=people[2].id,
                kind=InterestKind.OTHER_REGISTRABLE,
                nature=NATURE,
                nature_withheld=True,
                action=InterestAction.LEFT_ROOM,
            )
        )
        exempt = next(i for i in _items(session, september) if i.is_exempt)
        september_people = session.exec(select(Attendance).where(Attendance.meeting_id == september)).all()
        session.add(
            Declaration(
                meeting_id=september,
                agenda_item_id=exempt.id,
                person_id=september_people[0].person_id if september_people else people[3].id,
                kind=InterestKind.NON_REGISTRABLE,
                nature=EXEMPT_NATURE,
                action=InterestAction.TOOK_NO_PART,
            )
        )
        # Arrivals and departures: one member came after item 2, another left after item 5.
        late = session.exec(
            select(Attendance).where(Attendance.meeting_id == august, Attendance.person_id == people[4].id)
        ).one()
        late.arrived_after_item_id = items[1].id
        early = session.exec(
            select(Attendance).where(Attendance.meeting_id == august, Attendance.person_id == people[5].id)
        ).one()
        early.left_after_item_id = items[4].id
        session.add_all([late, early])
        items[-1].is_urgent = True
        items[-1].urgency_reason = "the grant offer must be accepted before the next meeting"
        session.add(items[-1])
        names = [p.formal_name for p in people[:6]]
    return Record(august, september, names)


@pytest.fixture
def session(store: Store, record: Record) -> Iterator[Session]:
    with store.session() as opened:
        yield opened


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    word = docx.Document(str(path))
    return [(p.style.name if p.style is not None else "", p.text) for p in word.paragraphs]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_recorded_vote_is_printed_under_its_resolution(
    session: Session, record: Record, out_dir: Path, fmt: str
) -> None:
    path = out_dir / f"minutes.{fmt}"
    export_minutes(session, record.august, path, fmt, public=True)
    text = flat(read_back(path))
    mover, seconder, against, abstaining = record.names[:4]
    named = (
        f"A recorded vote was taken. For: {' and '.join(sorted([mover, seconder]))}. "
        f"Against: {against}. Abstaining: {abstaining}."
    )
    assert in_order(
        text,
        [
            "12 Week Improvement Plan",
            "the Board agreed the next 12 week improvement plan.",
            f"Moved by {mover}, seconded by {seconder}.",
            FULL_VOTE,
            named,
            "Any other business",
        ],
    )
    if fmt == "docx":
        styles = {t: s for s, t in _paragraphs(path)}
        assert styles[f"Moved by {mover}, seconded by {seconder}."] == "Vote"
        assert styles[f"{FULL_VOTE} {named}"] == "Vote"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_withheld_nature_stays_out_of_public_minutes_and_is_in_full_ones(
    session: Session, record: Record, out_dir: Path, fmt: str
) -> None:
    declarer = record.names[2]
    readers = {"docx": read_back, "pdf": read_back, "html": read_html_text}
    public, full = out_dir / f"public.{fmt}", out_dir / f"full.{fmt}"
    export_minutes(session, record.august, public, fmt, public=True)
    export_minutes(session, record.august, full, fmt, public=False)
    public_text, full_text = flat(readers[fmt](public)), flat(readers[fmt](full))
    said = (
        f"{declarer} declared an other registrable interest in item 3, Being a Good Corporate Parent "
        "(nature withheld (sensitive interest)) and left the room for the item."
    )
    assert "Brightwater" not in public_text
    # In the declarations section after attendance (no standing item) and again under item 3.
    assert public_text.count(said) == 2
    assert in_order(public_text, ["Declarations of interest", said, "1. Welcome and Introductions"])
    assert in_order(public_text, ["3. Being a Good Corporate Parent", said, "4. Operational Improvement Group"])
    assert full_text.count(f"({NATURE}) and left the room for the item.") == 2


def test_a_declaration_on_an_exempt_item_keeps_its_nature_and_a_withheld_title_out_of_public_minutes(
    session: Session, record: Record, out_dir: Path
) -> None:
    public, full = out_dir / "public.pdf", out_dir / "full.pdf"
    export_minutes(session, record.september, public, "pdf", public=True)  # the Part II guard passes
    export_minutes(session, record.september, full, "pdf", public=False)
    public_text, full_text = flat(read_back(public)), flat(read_back(full))
    assert "Lancaster" not in public_text and "related to a senior practitioner" not in public_text
    # The item's title is public here (as on the public agenda); the nature never is.
    assert "in item 5, Social worker establishment in the North (nature withheld (sensitive interest))" in public_text
    hidden = out_dir / "hidden.html"
    export_minutes(session, record.september, hidden, "html", public=True, show_exempt_titles=False)
    hidden_text = flat(read_html_text(hidden))
    assert "in item 5, Exempt item (nature withheld (sensitive interest)) and took no part" in hidden_text
    assert "Social worker" not in hidden_text and "Lancaster" not in hidden_text
    assert f"Social worker establishment in the North ({EXEMPT_NATURE}) and took no part" in full_text


def test_the_standing_declarations_item_collects_them_and_there_is_no_second_section(
    store: Store, record: Record
) -> None:
    with store.transaction() as session:
        welcome = _items(session, record.august)[0]
        welcome.title = "Welcome and declarations of interest"
        session.add(welcome)
    with store.session() as session:
        minutes = build_minutes(session, record.august, public=True)
    assert minutes.declarations == ()
    assert len(minutes.items[0].declarations) == 1 and "nature withheld" in minutes.items[0].declarations[0]
    assert minutes.items[2].declarations == minutes.items[0].declarations


def test_minute_numbers_restart_across_a_municipal_year_and_are_printed(
    store: Store, record: Record, seed_ids: SeedIds, out_dir: Path
) -> None:
    june = seed_ids.meetings["2017-06-06"]
    with store.transaction() as session:
        board = session.get(Board, seed_ids.board_id)
        assert board is not None
        board.minute_numbering = MinuteNumbering.MUNICIPAL_YEAR
        board.municipal_year_start_month = 8  # the August meeting opens the 2017/18 year
        session.add(board)
        session.flush()
        assign_minute_numbers(session, june)
        assign_minute_numbers(session, record.august)
    with store.session() as session:
        export_minutes(session, june, out_dir / "june.pdf", "pdf", public=True)
        export_minutes(session, record.august, out_dir / "august.docx", "docx", public=True)
        export_minutes(session, record.august, out_dir / "august.pdf", "pdf", public=True)
    assert "1/16. Terms of reference" in flat(read_back(out_dir / "june.pdf"))
    for name in ("august.docx", "august.pdf"):
        text = flat(read_back(out_dir / name))
        assert in_order(text, ["1/17. Welcome and Introductions", "3/17. Being a Good Corporate Parent"])
        assert "8/17. Any other business" in text and "2/16" not in text
        # The declaration names the item by its minute number; attendance notes too.
        assert "interest in item 3/17, Being a Good Corporate Parent" in text
        assert "(from item 3/17" in text or "from item 3/17" in text


def test_arrivals_departures_and_urgency_are_minuted_after_and_under_their_items(
    session: Session, record: Record, out_dir: Path
) -> None:
    arrived, left = f"{record.names[4]} arrived.", f"{record.names[5]} left the meeting."
    urgency = (
        "The chair agreed to take this item as urgent business because the grant offer must be "
        "accepted before the next meeting."
    )
    for fmt in ("docx", "pdf"):
        path = out_dir / f"minutes.{fmt}"
        export_minutes(session, record.august, path, fmt, public=True)
        text = flat(read_back(path))
        assert in_order(text, ["2. Minutes and actions", arrived, "3. Being a Good Corporate Parent"])
        assert in_order(text, ["5. DCS Progress and update", left, "6. Early Help"])
        assert in_order(text, ["8. Any other business", urgency])
    styles = {t: s for s, t in _paragraphs(out_dir / "minutes.docx")}
    assert styles[arrived] == styles[left] == styles[urgency] == "Record Note"


def test_a_meeting_without_any_record_prints_no_record_sections(store: Store, seed_ids: SeedIds) -> None:
    with store.session() as session:
        minutes = build_minutes(session, seed_ids.meetings["2017-06-06"], public=True)
    assert minutes.declarations == ()
    assert all(not (i.declarations or i.votes_on(0) or i.movements or i.urgency) for i in minutes.items)
    assert minutes.meeting_date == dt.date(2017, 6, 6)
