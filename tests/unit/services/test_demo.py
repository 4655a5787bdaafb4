"""The demo database holds every fact of the seed documents (tests/fixtures/seeds)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, MeetingStatus, PlanDueKind, PlanItemKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionPlanLink,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Meeting,
    Minute,
    Organisation,
    Person,
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    Recommendation,
    Role,
    StatusLevel,
)
from boardapp.services.demo import DemoAlreadyLoaded, database_is_empty, load_demo
from boardapp.store.database import Store

SEEDS = Path(__file__).parents[2] / "fixtures" / "seeds"
BOARD = "Lancashire Children's Services Improvement Board"
TWELVE_WEEK = "12 Week Improvement Plan August – October 2017"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from boardapp.home import AppHome
    from boardapp.store.database import open_store

    store = open_store(AppHome.from_options(basedir=tmp_path_factory.mktemp("demo")))
    with store.transaction() as session:
        load_demo(session)
    yield store
    store.close()


@pytest.fixture
def session(demo_store: Store) -> Iterator[Session]:
    with demo_store.session() as opened:
        yield opened


def _meeting(session: Session, iso: str) -> Meeting:
    return session.exec(select(Meeting).where(col(Meeting.date) == iso)).one()


def _names(session: Session, person_ids: list[int]) -> list[str]:
    people = {p.id: p.name for p in session.exec(select(Person)).all()}
    return [people[i] for i in person_ids]


def test_loading_twice_is_refused(demo_store: Store) -> None:
    with demo_store.session() as session:
        assert not database_is_empty(session)
        with pytest.raises(DemoAlreadyLoaded):
            load_demo(session)


def test_attendance_of_1_august_matches_the_minutes(session: Session) -> None:
    meeting = _meeting(session, "2017-08-01")
    rows = session.exec(
        select(Attendance, Person, Organisation)
        .join(Person, col(Person.id) == Attendance.person_id)
        .outerjoin(Organisation, col(Organisation.id) == Attendance.organisation_id)
        .where(Attendance.meeting_id == meeting.id)
        .order_by(col(Attendance.position))
    ).all()
    present = [(p.formal_name, o.name) for a, p, o in rows if a.kind is AttendanceKind.PRESENT]
    apologies = [(p.formal_name, o.name) for a, p, o in rows if a.kind is AttendanceKind.APOLOGIES]
    assert len(present) == 15
    assert present[0] == ("County Councillor Geoff Driver CBE", "Lancashire County Council")
    assert present[1] == ("County Councillor Mrs Susie Charles", "Lancashire County Council")
    assert ("Alison Aylott", "Primary Schools") in present
    assert ("Tony Crane", "Independent Chair") in present
    assert ("Bridgett Welch", "Lancashire Care Foundation Trust") in present
    assert apologies == [("Stephen Cox", "Secondary Schools")]
    assert meeting.venue == "Committee Room 'B' (The Diamond Jubilee Room) - County Hall, Preston"
    assert meeting.start_time is not None and meeting.start_time.strftime("%H:%M") == "14:30"


def test_the_eight_items_in_order(session: Session) -> None:
    meeting = _meeting(session, "2017-08-01")
    titles = session.exec(
        select(AgendaItem.title).where(AgendaItem.meeting_id == meeting.id).order_by(col(AgendaItem.position))
    ).all()
    assert titles == [
        "Welcome and Introductions",
        "Minutes and actions from the last meeting",
        "Being a Good Corporate Parent",
        "Operational Improvement Group",
        "DCS Progress and update",
        "Early Help - reducing demand for statutory services",
        "12 Week Improvement Plan",
        "Any other business",
    ]


EXPECTED_ACTIONS = [
    ("CSE intelligence input to be on the agenda for the September meeting", ["Ian Whitehead"]),
    ("To share some Social Worker profiles with the Board", ["Chris Coyle", "Amanda Hatton"]),
    ("To ensure that the video is presented to all Elected Members", ["Susie Charles", "Geoff Driver"]),
    ("Young people who were involved in the video to be sent a letter", ["Tony Crane"]),
    ("To show the video and Natasha to contact the members", ["Natasha Wright", "Board Members"]),
    ("Report to the Board at a future meeting, statistics on re-referrals", ["Amanda Hatton"]),
    ("Heat maps report on recruitment and retention for the September meeting", ["Louise Storey"]),
    ("Evidence is produced on the impact the Neighbourhood Schemes are having", ["Ian Whitehead"]),
    ("MASH Board needs to set targets for de-escalation", ["Jane Booth"]),
    ("To update the improvement plan to include additional actions", ["Richard Cooke"]),
    ("To discuss a stronger action plan around Governance", ["Debbie Duffell", "Richard Cooke"]),
    ("To discuss actions against their name", ["Jane Booth"]),
]


def test_every_action_with_its_owners(session: Session) -> None:
    meeting = _meeting(session, "2017-08-01")
    actions = session.exec(select(Action).where(Action.raised_meeting_id == meeting.id).order_by(col(Action.ref))).all()
    people = {p.id: p.name for p in session.exec(select(Person)).all()}
    roles = {r.id: r.name for r in session.exec(select(Role)).all()}
    found = []
    for action in actions:
        owners = session.exec(
            select(ActionOwner).where(ActionOwner.action_id == action.id).order_by(col(ActionOwner.position))
        ).all()
        names = [people[o.person_id] if o.person_id else roles[o.role_id or 0] for o in owners]
        found.append((action.text, names))
    assert len(found) == len(EXPECTED_ACTIONS)
    for (text, names), (expected_start, expected_owners) in zip(found, EXPECTED_ACTIONS, strict=True):
        assert text.startswith(expected_start)
        assert names == expected_owners


def test_due_meetings_are_the_board_meetings_named(session: Session) -> None:
    september = _meeting(session, "2017-09-12")
    october = _meeting(session, "2017-10-10")
    heat_maps = session.exec(select(Action).where(col(Action.text).startswith("Heat maps"))).one()
    video = session.exec(select(Action).where(col(Action.text).startswith("To show the video"))).one()
    assert heat_maps.due_meeting_id == september.id
    assert heat_maps.due_text == "for the September meeting"
    assert video.due_meeting_id == october.id


def test_the_resolutions(session: Session) -> None:
    decisions = session.exec(select(Decision.text)).all()
    assert "The minutes of the meeting held on 6 June 2017 were approved as an accurate record." in decisions
    assert "that the Board agreed the next 12 week improvement plan." in decisions


def test_meetings_either_side_and_their_states(session: Session) -> None:
    board = session.exec(select(Board).where(Board.name == BOARD)).one()
    meetings = session.exec(select(Meeting).where(Meeting.board_id == board.id).order_by(col(Meeting.date))).all()
    assert [m.date.isoformat() for m in meetings] == ["2017-06-06", "2017-08-01", "2017-09-12", "2017-10-10"]
    june, august, september, _ = meetings
    assert june.status is MeetingStatus.MINUTES_APPROVED and june.minutes_approved_at_id == august.id
    assert august.status is MeetingStatus.HELD
    exempt = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == september.id, col(AgendaItem.is_exempt))
    ).all()
    assert len(exempt) == 1
    assert exempt[0].title.startswith("Demo exempt item") and exempt[0].exempt_paragraph


def _seed_lines(name: str) -> list[str]:
    return [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]


def test_every_line_of_the_minutes_is_held(session: Session) -> None:
    """Each sentence of 003 after the attendance lists is somewhere in the stored minutes."""
    columns = (Minute.notes, Decision.text, AgendaItem.title, Action.text)
    held = "\n".join(text for column in columns for text in session.exec(select(column)).all())
    held = re.sub(r"\s+", " ", held)
    lines = _seed_lines("003_minutes_2017_08_01.txt")
    start = lines.index("<AI1>")
    missing = []
    for line in lines[start:]:
        text = re.sub(r"^[·•]\s*", "", line).strip()
        if not text or re.fullmatch(r"</?AI\d+>|\d+\.|Actions:|Resolved:", text):
            continue
        text = re.sub(r"\s+", " ", text)
        action_text = re.split(r"\s[–-]\s(?=[A-Z][^–]*$)", text)[0].rstrip(".")
        if text not in held and action_text not in held:
            missing.append(text)
    assert missing == []


def _plan(session: Session, name: str) -> Plan:
    return session.exec(select(Plan).where(col(Plan.name).startswith(name))).one()


def _kinds(session: Session, plan: Plan) -> Counter[PlanItemKind]:
    return Counter(session.exec(select(PlanItem.kind).where(PlanItem.plan_id == plan.id)).all())


def test_the_12_week_plan_is_whole(session: Session) -> None:
    plan = _plan(session, TWELVE_WEEK)
    assert _kinds(session, plan) == {
        PlanItemKind.KEY_AREA: 5,
        PlanItemKind.WORKSTREAM: 14,
        PlanItemKind.ACTION: 74,
    }
    due_texts = set(
        session.exec(
            select(PlanItem.due_text).where(PlanItem.plan_id == plan.id, PlanItem.kind == PlanItemKind.ACTION)
        ).all()
    )
    for line in _seed_lines("000_12_week_plan.txt"):
        cells = line.split("\t")
        if (
            len(cells) >= 3
            and cells[-2]
            and cells[-2] not in ("By When",)
            and re.search(r"\d{4}|Ongoing|Monthly", cells[-2])
        ):
            assert cells[-2].strip() in due_texts, cells[-2]
    impossible = session.exec(select(PlanItem).where(PlanItem.due_text == "31 September 2017")).all() + list(
        session.exec(select(PlanItem).where(col(PlanItem.due_text).contains("31 Sept 2017"))).all()
    )
    assert impossible and all(item.due_kind is PlanDueKind.INVALID and item.due_date is None for item in impossible)


def test_the_development_plan_is_whole(session: Session) -> None:
    plan = _plan(session, "Better for Children")
    assert _kinds(session, plan) == {
        PlanItemKind.KEY_AREA: 5,
        PlanItemKind.OBJECTIVE: 20,
        PlanItemKind.ACTION: 109,
    }
    refs = session.exec(
        select(PlanItem.ref).where(PlanItem.plan_id == plan.id, PlanItem.kind == PlanItemKind.ACTION)
    ).all()
    seed_refs = [
        m.group(1) for line in _seed_lines("002_development_plan.txt") if (m := re.match(r"^(\d\.\d+\.\d+)\t", line))
    ]
    assert sorted(refs) == sorted(seed_refs)
    levels = session.exec(
        select(StatusLevel.code)
        .where(StatusLevel.scale_id == plan.progress_scale_id)
        .order_by(col(StatusLevel.position))
    ).all()
    assert levels == ["RED", "AMBER", "GREEN", "BLUE"]


def test_recommendations_and_their_plan_actions(session: Session) -> None:
    recommendations = session.exec(select(Recommendation).order_by(col(Recommendation.id))).all()
    assert [r.ref for r in recommendations] == [str(n) for n in range(1, 12)]
    assert (
        recommendations[5].text
        == "Improve the educational attainment and progress of children looked after at Key Stage 4."
    )
    item = session.exec(select(PlanItem).where(PlanItem.ref == "1.1.1")).one()
    linked = session.exec(
        select(Recommendation.ref)
        .join(PlanItemRecommendation, col(PlanItemRecommendation.recommendation_id) == Recommendation.id)
        .where(PlanItemRecommendation.plan_item_id == item.id)
    ).all()
    assert sorted(linked, key=int) == ["1", "5", "6", "8", "11"]


def test_leads_are_people_and_roles(session: Session) -> None:
    item = session.exec(
        select(PlanItem).where(col(PlanItem.text).startswith("Maintain audit tracker across all services"))
    ).one()
    assert item.lead_text == "Chris Turner / Heads of Service"
    leads = session.exec(select(PlanItemLead).where(PlanItemLead.plan_item_id == item.id)).all()
    assert [lead.person_id is not None for lead in leads] == [True, False]
    assert _names(session, [leads[0].person_id or 0]) == ["Chris Turner"]


def test_board_actions_link_to_plan_actions(session: Session) -> None:
    links = session.exec(select(ActionPlanLink)).all()
    assert len(links) >= 5
    heat_maps = session.exec(select(Action).where(col(Action.text).startswith("Heat maps"))).one()
    targets = session.exec(
        select(PlanItem.text)
        .join(ActionPlanLink, col(ActionPlanLink.plan_item_id) == PlanItem.id)
        .where(ActionPlanLink.action_id == heat_maps.id)
    ).all()
    assert any(t.startswith("Workforce Strategy performance dashboard") for t in targets)


def test_presenters_are_recorded(session: Session) -> None:
    item = session.exec(select(AgendaItem).where(AgendaItem.title == "Operational Improvement Group")).first()
    assert item is not None
    ids = session.exec(
        select(AgendaItemPresenter.person_id)
        .where(AgendaItemPresenter.agenda_item_id == item.id)
        .order_by(col(AgendaItemPresenter.position))
    ).all()
    assert _names(session, [i or 0 for i in ids]) == ["Chris Coyle", "Louise Storey"]
