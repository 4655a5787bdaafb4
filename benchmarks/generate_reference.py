"""Build the reference database of docs/architecture.md section 7, through the store the app uses.

    python benchmarks/generate_reference.py OUT.sqlite [--scale 0.1] [--seed 2017] [--force]
    python benchmarks/generate_reference.py postgresql://user@host/dbname [--scale 0.1] [--force]

At scale 1: 10 boards × 10 years of monthly meetings (1,200 meetings), 12,000 agenda items
with minutes (5 MB+ of notes made of the seeds' own phrases, names and dates), decisions,
30,000 actions with owners and a history of updates, 20 plans × 200 plan actions with leads,
RAG status levels and their history, Ofsted recommendations, KPIs with three years of values.
Smaller scales shrink everything in proportion (fewer boards and meetings, smaller plans).

The file is created with `open_database` (so it has every migration, the full-text index and
its triggers, exactly like a clerk's file), then filled with SQLAlchemy Core `insert()` of
lists of dicts inside one transaction; ids are assigned here so nothing is read back. The
triggers index the text as it goes in, as they do for the app. The output is deterministic
for a given seed and scale.

On PostgreSQL (issue 16) the same rows go into a server database through the same Core inserts: the
database must be empty, or hold only BoardApp's tables when --force asks to replace them. The ids'
sequences are then moved past the ids written here, and the tables analysed (the planner's word
statistics are what let a search choose between the GIN index and walking rowids).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, Table, insert  # noqa: E402

from boardapp.core.enums import (  # noqa: E402
    ActionStatus,
    AttendanceKind,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    MemberRole,
    PlanDueKind,
    PlanItemKind,
    ReviewKind,
    ScaleKind,
    StandingKind,
)
from boardapp.core.models import (  # noqa: E402
    Action,
    ActionOwner,
    ActionPlanLink,
    ActionUpdate,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Kpi,
    KpiValue,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Paper,
    Person,
    Plan,
    PlanItem,
    PlanItemKpi,
    PlanItemLead,
    PlanItemRecommendation,
    PlanStatusChange,
    Recommendation,
    ReviewSource,
    Role,
    StatusLevel,
    StatusScale,
)
from boardapp.core.rules.due_text import parse_due_text  # noqa: E402
from boardapp.core.rules.refs import action_ref  # noqa: E402
from boardapp.store.database import open_database  # noqa: E402
from boardapp.store.fts import optimize_search_index  # noqa: E402
from boardapp.store.postgres import is_server_url, shown_url  # noqa: E402

# -- the full-scale shape (docs/architecture.md section 7) ----------------------------------------

FULL_BOARDS = 10
FULL_MEETINGS = 1200  # 10 boards × 10 years × 12
FIRST_YEAR = 2015
ITEMS_PER_MEETING = 10  # 4 standing items + 6 for business → 12,000
ACTIONS_PER_MEETING = 25  # → 30,000
FULL_PLANS = 20
FULL_PLAN_ACTIONS = 4000  # 20 plans × 200
KEY_AREAS_PER_PLAN = 5
OBJECTIVES_PER_AREA = 4
RECOMMENDATIONS_PER_PLAN = 11
KPIS_PER_PLAN = 10
KPI_MONTHS = 36
MEMBERS_PER_BOARD = 14
PEOPLE = 160
EXEMPT_SHARE = 0.02
RARE_WORD = "Skylakes"  # in about one minute in 2,000: the benchmark's rare word
RARE_SHARE = 1 / 2000
UTC = dt.UTC

# -- vocabulary, copied from the seed documents (tests/fixtures/seeds) -----------------------------

FIRST_NAMES = (
    "Geoff", "Susie", "Alison", "Jane", "Richard", "Paul", "Louise", "Tony", "Jo", "Chris", "Natasha", "Bridgett",
    "Amanda", "Debbie", "Stephen", "Ian", "Simon", "Lee", "Sarah", "David", "Helen", "Mark", "Rachel", "Andrew",
    "Karen", "Peter", "Claire", "John", "Emma", "Michael",
)  # fmt: skip
SURNAMES = (
    "Driver", "Charles", "Aylott", "Booth", "Cooke", "Wilcox", "Storey", "Taylor", "Crane", "Turton", "Coyle", "Wright",
    "Welch", "Hatton", "Duffell", "Cox", "Whitehead", "Fisher", "Kearns", "Green", "Ashworth", "Barnes", "Holden",
    "Pickup", "Rigby", "Sutcliffe", "Entwistle", "Haworth", "Openshaw", "Tattersall",
)  # fmt: skip
ORGANISATIONS = (
    "Lancashire County Council", "Primary Schools", "Secondary Schools", "Lancashire Safeguarding Children's Board",
    "Voluntary Community Faith Sector", "Lancashire Care Foundation Trust", "Lancashire Constabulary",
    "NHS Clinical Commissioning Groups", "Independent Chair", "Department for Education",
)  # fmt: skip
ROLES = (
    "Heads of Service", "Board Members", "Executive Director of Education and Children's Services", "Head of SEND",
    "Chair of Lancashire Safeguarding Children's Board (LSCB)", "Principal Social Worker",
    "Head of Service, Children's Social Care (CSC), East Locality", "Director of Children's Services",
    "Head of Fostering and Adoption", "Head of Performance and Intelligence", "Virtual School Head",
    "Head of Wellbeing, Prevention and Early Help",
)  # fmt: skip
BOARDS = (
    ("Lancashire Children's Services Improvement Board", "IB"),
    ("Children's Services Improvement and Accountability Board", "IAB"),
    ("MASH Board", "MASH"),
    ("Corporate Parenting Board", "CPB"),
    ("Workforce Development Board", "WDB"),
    ("Early Help Partnership Board", "EHB"),
    ("Children's Safeguarding Assurance Partnership", "CSAP"),
    ("Education Improvement Board", "EIB"),
    ("Placement Sufficiency Board", "PSB"),
    ("Performance and Quality Assurance Board", "PQA"),
)
VENUES = (
    "Committee Room 'B' (The Diamond Jubilee Room) - County Hall, Preston",
    "Committee Room 'C' (The Duke of Lancaster Room) - County Hall, Preston",
    "Cabinet Room 'D' (The Henry Bolingbroke Room) - County Hall, Preston",
)
DISTRICTS = (
    "Lancaster", "Hyndburn", "Ribble Valley", "Burnley", "Pendle", "Rossendale", "Preston", "Chorley", "South Ribble",
    "West Lancashire", "Fylde", "Wyre",
)  # fmt: skip
STANDING = (
    ("Welcome and Introductions", StandingKind.WELCOME),
    ("Minutes and actions from the last meeting", StandingKind.PREVIOUS_MINUTES),
    ("Any other business", StandingKind.ANY_OTHER_BUSINESS),
    ("Date of next meeting", StandingKind.NEXT_MEETING),
)
TOPICS = (
    "Operational Improvement Group", "DCS Progress and update", "Early Help - reducing demand for statutory services",
    "12 Week Improvement Plan: progress", "Heat maps: recruitment and retention", "CSE intelligence",
    "Presentation of CSE themes, challenges and opportunities", "Being a Good Corporate Parent",
    "MASH front door redesign", "Ofsted monitoring visit feedback", "Performance report", "Workforce strategy",
    "Placement sufficiency strategy", "Permanence and care planning", "Neglect Strategy", "Social work academy",
    "Children in our Care teams", "Local Government Association Peer Review", "Practice Improvement Model",
    "Care Leavers: Education, Employment and Training", "Domestic abuse: partnership response",
    "Audit framework and findings", "Residential strategy", "Voice of the Child and their lived experience",
)  # fmt: skip
EXEMPT_TOPICS = (
    "Staffing matter in North Lancashire",
    "Commissioning of residential placements: contract award",
    "Legal advice on care proceedings",
)
EXEMPT_REASON = "Information relating to the financial or business affairs of any particular person"

BULLETS = (
    "Morale in the {district} area had improved since the restructure of the teams.",
    "Positive feedback from Social Workers of the local MASH.",
    "To focus on good practice and innovation – be an Innovation Group, plans afoot to change the governance of "
    "the {topic}.",
    "Caseloads in general feel manageable.",
    "Ofsted visit was positive, still some issues in the {district} area, however East and Central are fine.",
    "{person} has been carrying out small workshops with the workforce and found that the same issues are being "
    "raised throughout the areas which is good and can be worked on collectively.",
    "The workshops were a very good two-way process, good interaction with staff and positive feedback received.",
    "{district} and {district2} are trialling realigning work and this is felt to be going well so far and morale "
    "is raised.",
    "Other teams are wanting the Care Planning Structure now.",
    "The Performance Improvement Model is ongoing in the Central area – need to see where it needs rolling out to "
    "next.",
    "Staffing issues in one area of the North and stable in the other North team – recruitment and retention is "
    "being looked at and also to having a management culture to ensure they stay.",
    "Need to change the mind-set of the North being in crisis – some areas of it are good and the narrative needs "
    "to change.",
    "Significant improvement in the three months since the last visit – no cases referred back and no queries on "
    "cases – all cases compliant.",
    "Workers knew their children well and spoke with passion and had manageable caseloads.",
    "Some examples of good casework seen (especially in {district}).",
    "Young people were inspirational and positive about the access they have to senior officers and members.",
    "Audit is finding the right things.",
    "Reduce the changes of social worker and focus on effective career pathways and support to managers.",
    "Develop a clear social work model based on outcomes – purposeful practice and link to the Higher Education "
    "Institutes.",
    "Focus on effective permanence and challenge in relation to this – there is a section in the plan on "
    "permanence and corporate parenting.",
    "Focus on Child in Need – very concerned about this at the last full inspection.",
    "Children Looked After (CLA) with a PEP has seen a significant increase.",
    "% of audits that are graded inadequate are continuing to reduce.",
    "Ofsted happy that the audit framework is robust.",
    "Small number of districts responsible for worsening performance on assessments within 45 days, majority are "
    "areas where there are staffing issues (experience, vacancies, management) – additional resources are being "
    "put in place.",
    "Education, Employment and Training (EET) – {district} is the worst performing district (drop from {pct}% to "
    "{pct2}%) – this is being monitored.",
    "Care Leavers in EET on {date} was {pct}%, this is still not good enough, but is moving in the right direction.",
    "CLA – {n} have been discharged of care orders.  More work is being done on Public Law Outline (PLO).",
    "Going to look at the re-referral rates and will report this back at a future meeting, including step-down too.",
    "{person} will bring to the {month} Board meeting the heat maps on recruitment and retention.",
    "Three staff workshops have been carried out and the next one is in {month}.",
    "Proposing to refresh the Practitioners Guide.",
    "Identify early CYP & Families who need support to prevent their needs escalating and needing statutory service "
    "support.",
    "Contribute to reducing demand on high cost statutory social care services.",
    "Pre “front door” i.e. Common Assessment Framework (CAF) – identifying children, young people and families "
    "early before need for statutory intervention.",
    "Diversion of demand on “front door” i.e. MASH.",
    "De-escalation from District Children Social Care (CSC) teams.",
    "Jointly identify, manage and coordinate a response to identified risk for the safeguarding of children, young "
    "people, families and adults.",
    "Deliver best practice models of interventions, including strength based assessment/action planning and "
    "developing community based solutions for families.",
    "Risk Sensible training has been rolled out to {n} practitioners across the partnership.",
    "Chronologies/Case Summaries are improving in quality.",
    "Introduction of a SMART plan template.",
    "Staff are more positive generally and caseloads have remained steady over the last 12 months.",
)
PARAGRAPHS = (
    "{person} provided the Board with an update on the {topic}.",
    "{person} and {person2} presented data as an update on their response to each of the points below and also "
    "their current capacity to support step down cases from CSC.",
    "It was apparent that recording was a key factor and that skills need to be developed on this, writing less but "
    "more accurate.",
    "Issues around permanence where cases are left without proper assessment therefore management need to ensure "
    "that this does not happen and need to do what is best for the child – some permanence is by default.",
    "It was reported that LCC cannot keep resourcing this and that the Police are not using the Neighbourhood Action "
    "Centres.  This Board needs to check that the Police are delivering and that the evidence is produced on the "
    "impact it is having.",
    "Targets need to be set at the MASH Board and reported back to the Board.",
    "The Board noted the report and thanked {person} for the update; a further report will come to the {month} "
    "meeting.",
    "A suggestion from the workshops is to look at a jury service model for real opportunities to harness talent.",
)
ACTION_TEXTS = (
    "CSE intelligence input to be on the agenda for the {month} meeting",
    "To share some Social Worker profiles with the Board",
    "To ensure that the video is presented to all Elected Members as they are all corporate parents",
    "Young people who were involved in the video to be sent a letter on behalf of the Board",
    "Report to the Board at a future meeting, statistics on re-referrals including step-downs",
    "Heat maps report on recruitment and retention for the {month} meeting",
    "Evidence is produced on the impact the Neighbourhood Schemes are having",
    "MASH Board needs to set targets for de-escalation, processes and monitoring on a scorecard and report back to "
    "this meeting",
    "To circulate the {topic} report to Board members",
    "To bring the refreshed Practitioners Guide to the {month} meeting",
    "To report the {district} EET figures to the next meeting",
    "To arrange a workshop with Heads of Service on {topic}",
)
UPDATE_NOTES = (
    "Update provided at the meeting; work is ongoing.",
    "Report circulated to Board members on {date}.",
    "Deferred to the {month} meeting at the request of the Chair.",
    "Completed: the Board agreed to close this action.",
    "Presented to the Board; further detail requested on the {district} figures.",
)
KEY_AREAS = (
    (
        "Effective Partnership Working",
        "Effective, collaborative partnership working arrangements are in place which "
        "support the improvement of services to children and families.",
    ),
    (
        "Prevention",
        "We will continue to develop the Multi-Agency Safeguarding Hub (MASH) to ensure continued "
        "effective decision making and service provision at the front door.",
    ),
    (
        "Purposeful Practice",
        "We will improve the quality of assessments and plans and spell out for families what "
        "needs to change and how this is likely to be achieved.",
    ),
    (
        "Permanence and Corporate Parenting",
        "We will ensure that plans for permanence are developed at the earliest opportunity.",
    ),
    (
        "Effective Use of Performance Data",
        "We need to improve the use of data so that it is an effective tool to "
        "help manager's measure progress and examine trends.",
    ),
)
OBJECTIVES = (
    "Lead the development of effective collaborative partnership strategies and plans which support the improvement "
    "of services to children and families",
    "Embed an agreed approach to effectively identifying and managing neglect, in all its forms",
    "Strengthen the front door so that decisions are timely and proportionate",
    "Improve the quality and consistency of assessments and plans",
    "Reduce drift and delay for children looked after",
    "Improve the use of performance data by managers at every level",
)
PLAN_ACTIONS = (
    "Establish a multi-agency strategic governance board, with strategic responsibility and accountability for the "
    "Children's agenda.",
    "Develop a strategy for improving outcomes for CYP with SEND across the local area through co-production with "
    "stakeholders across the partnership.",
    "Develop a refreshed multi-agency Neglect Strategy, in consultation with a wide range of partners.",
    "Develop operational delivery plans to ensure effective and meaningful delivery of the updated strategy.",
    "Deliver refreshed training to support the delivery of the Neglect Strategy.",
    "MASH governance arrangements (Operational/Strategic) in place",
    "Multi agency Service Delivery Plan developed produced and agreed",
    "Regular review of north MASH pilot",
    "Multi-agency performance management framework implemented",
    "Review and revise Customer Access Services role within the MASH",
    "Revised Information Sharing Protocols, policy and procedures in place",
    "Agree a pan-Lancashire Continuum of Need and thresholds document",
    "Roll-out of multi-agency risk sensible training",
    "Front door redesign fully implemented",
    "Using data and intelligence available identify and target areas/teams where demand is highest",
    "Deliver training on permanence through care planning.",
    "Ensure that decisions are ratified at the Permanence Panel.",
    "Embed the use of the PLO Permanency Planning Tracker.",
    "Monthly monitoring and reporting to Children's Services SMT on the effectiveness of CiN/Early Help pathways",
)
DUE_TEXTS = (
    "November 2018", "January 2019", "March 2019", "Ongoing", "Monthly", "Quarterly Monitoring", "Spring Term 2019",
    "Pilot November 2018 Roll Out June 2019", "31 Sept 2017", "1 August 2017", "31 October 2017",
)  # fmt: skip
RECOMMENDATIONS = (
    "Work with partners to ensure that an effective range of early help services is in place to support children "
    "and families when they first need help.",
    "Ensure that assessments clearly articulate risks and protective factors, provide robust analysis and spell out "
    "what needs to change and how that is likely to be achieved.",
    "Ensure that all plans for children in need, children subject to child protection plans, looked after children "
    "and care leavers are specific, measureable and outcome-focused.",
    "Ensure that the quality of critical challenge provided by first line managers, IROs in looked after reviews and "
    "conference chairs within child protection conferences are effective in avoiding drift and delay.",
    "Ensure that the local authority and partners share a common understanding of the risks associated with neglect, "
    "in all its different forms.",
    "Improve the educational attainment and progress of children looked after at Key Stage 4.",
    "Ensure that permanence planning, including for those children who return home, is rigorously monitored and "
    "reviewed on a consistent basis across the county to reduce the likelihood of drift and delay.",
    "Ensure that when children successfully return home, timely revocation hearings are held to secure permanence "
    "plans for them to remain in the care of their parents.",
    "Ensure that care leavers receive timely and accessible support that meets their financial, educational and "
    "emotional health needs.",
    "Improve the use of performance data so that it is an effective tool to help managers measure progress and "
    "examine trends.",
    "Work with partners to ensure that responses for children and families living with domestic abuse are focused "
    "on delivering effective, preventative and targeted support.",
)
KPI_MEASURES = (
    ("% of assessments completed within 45 days", "%", True),
    ("Re-referral rate within 12 months", "%", False),
    ("% of Children Looked After with a PEP", "%", True),
    ("Care Leavers in Education, Employment and Training", "%", True),
    ("Children subject to a child protection plan", "children", False),
    ("Social worker vacancy rate", "%", False),
    ("Average caseload per social worker", "cases", False),
    ("% of audits graded inadequate", "%", False),
    ("Initial child protection conferences held within 15 days", "%", True),
    ("% of MASH contacts progressed within 24 hours", "%", True),
)
SCALES = (
    (
        "RAG + Blue (completed)",
        (
            ("RED", "Red", "#C00000", "Tasks and or outcomes have not been met or timescale slipped", False),
            (
                "AMBER",
                "Amber",
                "#FFC000",
                "Tasks and outcomes are on track, milestones met but full action(s) not completed",
                False,
            ),
            ("GREEN", "Green", "#00B050", "Tasks and outcomes are completed or performance is on target", False),
            ("BLUE", "Blue", "#0070C0", "Completed", True),
        ),
    ),
    (
        "Red / Yellow / Green",
        (
            ("RED", "Red", "#FF0000", "Not on track", False),
            ("YELLOW", "Yellow", "#FFFF00", "Some progress", False),
            ("GREEN", "Green", "#00B050", "Achieved", True),
        ),
    ),
)


# -- shape at a given scale ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    boards: int
    meetings_per_board: int
    plans: int
    actions_per_plan: int

    @classmethod
    def at(cls, scale: float) -> Shape:
        if scale <= 0:
            raise ValueError("scale must be above 0")
        boards = max(1, min(FULL_BOARDS, round(FULL_BOARDS * scale)))
        plans = max(1, round(FULL_PLANS * scale))
        return cls(
            boards=boards,
            meetings_per_board=max(2, round(FULL_MEETINGS * scale / boards)),
            plans=plans,
            actions_per_plan=max(1, round(FULL_PLAN_ACTIONS * scale / plans)),
        )


@dataclass
class Tables:
    """Rows waiting to be inserted, per table, in an order that satisfies every foreign key."""

    rows: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)
    next_ids: Counter[str] = field(default_factory=Counter)

    def add(self, model: Any, **values: Any) -> int:
        table: Table = model.__table__
        self.next_ids[table.name] += 1
        values["id"] = self.next_ids[table.name]
        self.rows.setdefault(table, []).append(values)
        return values["id"]


class Words:
    """Fills the seeds' phrases with names, places, months and figures."""

    def __init__(self, rng: random.Random, people: Sequence[str]) -> None:
        self.rng = rng
        self.people = people

    def fill(self, template: str, day: dt.date, topic: str = "") -> str:
        if "{" not in template:
            return template
        rng = self.rng
        next_month = (day.replace(day=1) + dt.timedelta(days=32)).strftime("%B")
        return template.format(
            person=rng.choice(self.people),
            person2=rng.choice(self.people),
            district=rng.choice(DISTRICTS),
            district2=rng.choice(DISTRICTS),
            topic=topic or rng.choice(TOPICS),
            month=next_month,
            date=long_date(day - dt.timedelta(days=rng.randint(5, 40))),
            pct=f"{rng.uniform(20, 90):.1f}",
            pct2=f"{rng.uniform(20, 90):.1f}",
            n=rng.randint(3, 120),
        )


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def meeting_day(year: int, month: int, board_index: int) -> dt.date:
    """Each board meets on its own weekday of the month (the nth Tuesday, Wednesday or Thursday)."""
    first = dt.date(year, month, 1)
    weekday = 1 + board_index % 3  # Tuesday, Wednesday, Thursday
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (board_index // 3 % 4))


@cache
def due(text: str) -> Any:
    return parse_due_text(text)


# -- the generator -------------------------------------------------------------------------------


def build(scale: float = 1.0, seed: int = 2017) -> Tables:
    rng = random.Random(seed)
    shape = Shape.at(scale)
    t = Tables()
    now = dt.datetime(2025, 1, 31, 12, 0, tzinfo=UTC)

    organisations = [t.add(Organisation, name=name) for name in ORGANISATIONS]
    roles = [t.add(Role, name=name, description="") for name in ROLES]
    names = [f"{first} {last}" for last in SURNAMES for first in FIRST_NAMES]
    rng.shuffle(names)
    people: list[tuple[int, str]] = []
    for name in names[:PEOPLE]:
        person_id = t.add(
            Person,
            name=name,
            title="",
            honours="",
            description="",
            organisation_id=rng.choice(organisations),
            email=f"{name.lower().replace(' ', '.')}@example.org.uk",
            aliases=[],
        )
        people.append((person_id, name))
    words = Words(rng, [name for _, name in people])

    scales = []
    for scale_name, levels in SCALES:
        scale_id = t.add(StatusScale, name=scale_name)
        level_ids = [
            t.add(
                StatusLevel,
                scale_id=scale_id,
                position=position,
                code=code,
                label=label,
                colour=colour,
                meaning=meaning,
                means_complete=complete,
            )
            for position, (code, label, colour, meaning, complete) in enumerate(levels)
        ]
        scales.append((scale_id, level_ids))

    boards = []
    for index in range(shape.boards):
        name, short = BOARDS[index % len(BOARDS)]
        if index >= len(BOARDS):
            name, short = f"{name} {index // len(BOARDS) + 1}", f"{short}{index // len(BOARDS) + 1}"
        board_id = t.add(
            Board,
            name=name,
            short_name=short,
            description="",
            default_venue=VENUES[index % len(VENUES)],
            default_start_time="14:30",
            standing_items=[title for title, _ in STANDING],
        )
        members = rng.sample(people, MEMBERS_PER_BOARD)
        for position, (person_id, _) in enumerate(members):
            role = MemberRole.CHAIR if position == 0 else MemberRole.VICE_CHAIR if position == 1 else MemberRole.MEMBER
            t.add(
                Membership,
                board_id=board_id,
                person_id=person_id,
                role=role,
                represents_id=rng.choice(organisations),
                start_date=dt.date(FIRST_YEAR, 1, 1),
                end_date=None,
            )
        boards.append((index, board_id, short, members))

    board_meetings: dict[int, list[tuple[int, dt.date]]] = {}
    for index, board_id, _, _ in boards:
        meetings = []
        for n in range(shape.meetings_per_board):
            year, month = FIRST_YEAR + n // 12, n % 12 + 1
            meetings.append((t.next_ids["meeting"] + len(meetings) + 1, meeting_day(year, month, index)))
        for n, (meeting_id, day) in enumerate(meetings):
            last = n == len(meetings) - 1
            held = n < len(meetings) - 1
            approved = n < len(meetings) - 2
            added = t.add(
                Meeting,
                board_id=board_id,
                date=day,
                start_time=dt.time(14, 30),
                end_time=None,
                venue=VENUES[index % len(VENUES)],
                title="",
                status=MeetingStatus.LOCKED if approved else MeetingStatus.HELD if held else MeetingStatus.SCHEDULED,
                minutes_approved_at_id=meetings[n + 1][0] if approved else None,
                minutes_approved_on=meetings[n + 1][1] if approved else None,
                rescheduled_from=None,
                cancelled_reason="",
                updated_at=dt.datetime.combine(day, dt.time(17), tzinfo=UTC) if not last else now,
            )
            assert added == meeting_id
        board_meetings[board_id] = meetings

    plans = _plans(t, rng, shape, boards, board_meetings, scales, people, roles, words)

    for _, board_id, short, members in boards:
        _meetings(t, rng, board_id, short, members, board_meetings[board_id], people, roles, words, plans)
    return t


def _plans(
    t: Tables,
    rng: random.Random,
    shape: Shape,
    boards: list[tuple[int, int, str, list[tuple[int, str]]]],
    board_meetings: dict[int, list[tuple[int, dt.date]]],
    scales: list[tuple[int, list[int]]],
    people: list[tuple[int, str]],
    roles: list[int],
    words: Words,
) -> dict[int, list[int]]:
    """Plans with their trees, leads, status history, recommendations and KPIs; returns plan actions per board."""
    actions_by_board: dict[int, list[int]] = {}
    for p in range(shape.plans):
        _, board_id, short, _ = boards[p % len(boards)]
        meetings = board_meetings[board_id]
        start = meetings[min(len(meetings) - 1, (p // len(boards)) * 12 * 2)][1]
        scale_id, level_ids = scales[p % len(scales)]
        plan_id = t.add(
            Plan,
            name=f"{short} Improvement Plan {p + 1}: {start.year}-{start.year + 2}",
            board_id=board_id,
            period_start=start,
            period_end=start.replace(year=start.year + 2),
            period_text=f"{start:%B %Y} – {start.replace(year=start.year + 2):%B %Y}",
            background="Overall, good progress has been made to implement the agreed actions detailed in the "
            "Lancashire Children's Services Improvement Plan.",
            governance="The Plan will be overseen by the Children's Services Improvement and Accountability Board.",
            progress_scale_id=scale_id,
            impact_scale_id=scales[0][0] if p % 3 == 0 else None,
        )
        source_id = t.add(
            ReviewSource,
            kind=ReviewKind.INSPECTION,
            reported_on=start,
            title=f"Ofsted inspection of children's social care services (report {start:%B %Y})",
        )
        recommendations = [
            t.add(
                Recommendation,
                source_id=source_id,
                plan_id=plan_id,
                ref=str(n + 1),
                text=text,
                key_area=KEY_AREAS[n % len(KEY_AREAS)][0],
                lead=rng.choice(ROLES),
                actions_complete=None,
                impact_evidenced=None,
                signed_off_at_meeting_id=None,
                signed_off_on=None,
            )
            for n, text in enumerate(RECOMMENDATIONS[:RECOMMENDATIONS_PER_PLAN])
        ]
        kpis = []
        for n in range(KPIS_PER_PLAN):
            measure, unit, higher = KPI_MEASURES[n % len(KPI_MEASURES)]
            kpi_id = t.add(
                Kpi,
                plan_id=plan_id,
                ref=f"KPI {n + 1}",
                measure=measure,
                responsible_officer=rng.choice(ROLES),
                frequency="Monthly",
                unit=unit,
                higher_is_better=higher,
                target=round(rng.uniform(40, 95), 1),
                target_date=start.replace(year=start.year + 2),
                baseline=round(rng.uniform(20, 80), 1),
                baseline_label=f"{start.year}/{(start.year + 1) % 100:02d} outturn",
                benchmark=round(rng.uniform(30, 90), 1),
                benchmark_label="statistical neighbour average",
            )
            kpis.append(kpi_id)
            value = rng.uniform(30, 80)
            for month in range(KPI_MONTHS):
                value = max(0.0, value + rng.uniform(-3, 3.5))
                period_end = _month_end(
                    start.year + (start.month - 1 + month) // 12, (start.month - 1 + month) % 12 + 1
                )
                t.add(KpiValue, kpi_id=kpi_id, period_end=period_end, value=round(value, 1), note="")

        per_objective = -(-shape.actions_per_plan // (KEY_AREAS_PER_PLAN * OBJECTIVES_PER_AREA))
        made = 0
        plan_actions: list[int] = []
        for a, (area, outcome) in enumerate(KEY_AREAS[:KEY_AREAS_PER_PLAN]):
            area_id = _plan_item(
                t,
                plan_id,
                None,
                PlanItemKind.KEY_AREA,
                a,
                f"{a + 1}",
                area,
                start,
                description=outcome,
                outcomes=outcome,
            )
            for o in range(OBJECTIVES_PER_AREA):
                objective_id = _plan_item(
                    t,
                    plan_id,
                    area_id,
                    PlanItemKind.OBJECTIVE,
                    o,
                    f"{a + 1}.{o + 1}",
                    OBJECTIVES[(a * OBJECTIVES_PER_AREA + o) % len(OBJECTIVES)],
                    start,
                )
                for n in range(per_objective):
                    if made >= shape.actions_per_plan:
                        break
                    made += 1
                    due_text = rng.choice(DUE_TEXTS)
                    lead_people = rng.sample(people, rng.choice((1, 1, 2)))
                    history = [rng.choice(level_ids) for _ in range(rng.randint(1, 5))]
                    item_id = _plan_item(
                        t,
                        plan_id,
                        objective_id,
                        PlanItemKind.ACTION,
                        n,
                        f"{a + 1}.{o + 1}.{n + 1}",
                        rng.choice(PLAN_ACTIONS),
                        start,
                        due_text=due_text,
                        lead_text="/".join(name for _, name in lead_people),
                        evidence_of_impact=words.fill(rng.choice(BULLETS), start),
                        progress_level_id=history[-1],
                    )
                    plan_actions.append(item_id)
                    for position, (person_id, _) in enumerate(lead_people):
                        t.add(PlanItemLead, plan_item_id=item_id, person_id=person_id, role_id=None, position=position)
                    if rng.random() < 0.3:
                        t.add(
                            PlanItemLead,
                            plan_item_id=item_id,
                            person_id=None,
                            role_id=rng.choice(roles),
                            position=len(lead_people),
                        )
                    t.add(PlanItemRecommendation, plan_item_id=item_id, recommendation_id=rng.choice(recommendations))
                    if rng.random() < 0.5:
                        t.add(PlanItemKpi, plan_item_id=item_id, kpi_id=rng.choice(kpis))
                    reported = [m for m in meetings if m[1] >= start][: len(history) * 2] or meetings[-1:]
                    for step, level_id in enumerate(history):
                        meeting_id, day = reported[min(step * 2, len(reported) - 1)]
                        t.add(
                            PlanStatusChange,
                            plan_item_id=item_id,
                            scale_kind=ScaleKind.PROGRESS,
                            level_id=level_id,
                            changed_on=day,
                            changed_by=rng.choice(people)[1],
                            reason="Reported to the Board",
                            reported_at_meeting_id=meeting_id,
                            created_at=dt.datetime.combine(day, dt.time(16), tzinfo=UTC),
                        )
        actions_by_board.setdefault(board_id, []).extend(plan_actions)
    return actions_by_board


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def _plan_item(
    t: Tables,
    plan_id: int,
    parent_id: int | None,
    kind: PlanItemKind,
    position: int,
    ref: str,
    text: str,
    start: dt.date,
    *,
    due_text: str = "",
    description: str = "",
    outcomes: str = "",
    lead_text: str = "",
    evidence_of_impact: str = "",
    progress_level_id: int | None = None,
) -> int:
    parsed = due(due_text) if due_text else None
    return t.add(
        PlanItem,
        plan_id=plan_id,
        parent_id=parent_id,
        kind=kind,
        position=position,
        ref=ref,
        text=text,
        description=description,
        due_text=due_text,
        due_kind=parsed.kind if parsed else PlanDueKind.NONE,
        due_date=parsed.date if parsed else None,
        due_note=parsed.note if parsed else "",
        lead_text=lead_text,
        outcomes=outcomes,
        evidence_of_impact=evidence_of_impact,
        oversight_group="Improvement Board",
        kpi_refs_text="",
        recommendation_refs_text="",
        progress_level_id=progress_level_id,
        impact_level_id=None,
        updated_at=dt.datetime.combine(start, dt.time(9), tzinfo=UTC),
    )


def _meetings(
    t: Tables,
    rng: random.Random,
    board_id: int,
    short: str,
    members: list[tuple[int, str]],
    meetings: list[tuple[int, dt.date]],
    people: list[tuple[int, str]],
    roles: list[int],
    words: Words,
    plan_actions: dict[int, list[int]],
) -> None:
    """Agenda, attendance, minutes, decisions and actions (with owners and updates) of one board's meetings."""
    linkable = plan_actions.get(board_id, [])
    officers = [p for p in people if p not in members]
    last = len(meetings) - 1
    for n, (meeting_id, day) in enumerate(meetings):
        held = n < last
        stamp = dt.datetime.combine(day, dt.time(17), tzinfo=UTC)
        for position, (person_id, _) in enumerate(members):
            kind = AttendanceKind.APOLOGIES if rng.random() < 0.15 else AttendanceKind.PRESENT
            t.add(
                Attendance,
                meeting_id=meeting_id,
                person_id=person_id,
                kind=kind,
                position=position,
                organisation_id=None,
                capacity="",
                substitute_for_id=None,
                arrived_after_item_id=None,
                left_after_item_id=None,
                note="",
            )
        for position, (person_id, _) in enumerate(rng.sample(officers, 2), start=len(members)):
            t.add(
                Attendance,
                meeting_id=meeting_id,
                person_id=person_id,
                kind=AttendanceKind.IN_ATTENDANCE,
                position=position,
                organisation_id=None,
                capacity="Officer",
                substitute_for_id=None,
                arrived_after_item_id=None,
                left_after_item_id=None,
                note="",
            )

        topics = rng.sample(TOPICS, ITEMS_PER_MEETING - len(STANDING))
        titles = [(STANDING[0][0], STANDING[0][1]), (STANDING[1][0], STANDING[1][1])]
        titles += [(topic, StandingKind.NONE) for topic in topics]
        titles += [(STANDING[2][0], STANDING[2][1]), (STANDING[3][0], STANDING[3][1])]
        items: list[tuple[int, str, StandingKind]] = []
        for position, (title, standing) in enumerate(titles, start=1):
            exempt = standing is StandingKind.NONE and rng.random() < EXEMPT_SHARE
            if exempt:
                title = rng.choice(EXEMPT_TOPICS)
            item_id = t.add(
                AgendaItem,
                meeting_id=meeting_id,
                position=position,
                title=title,
                purpose=ItemPurpose.DISCUSSION if standing is StandingKind.NONE else ItemPurpose.UNSPECIFIED,
                minutes_allowed=rng.choice((10, 15, 20, 30)) if standing is StandingKind.NONE else 5,
                standing_kind=standing,
                is_exempt=exempt,
                exempt_paragraph="3" if exempt else "",
                exempt_reason=EXEMPT_REASON if exempt else "",
                show_title_when_exempt=not exempt or rng.random() < 0.5,
                updated_at=stamp,
            )
            items.append((item_id, title, standing))
            if standing is StandingKind.NONE:
                presenter = rng.choice(people)[0]
                t.add(AgendaItemPresenter, agenda_item_id=item_id, person_id=presenter, role_id=None, position=0)
                if rng.random() < 0.4:
                    t.add(
                        Paper,
                        agenda_item_id=item_id,
                        position=0,
                        title=f"{title} report",
                        location=f"papers/{day.isoformat()}/{position}.pdf",
                    )
        if not held:
            continue
        for item_id, title, standing in items:
            notes = _notes(rng, words, title, standing, day, meetings, n)
            t.add(Minute, agenda_item_id=item_id, notes=notes, updated_at=stamp)
            if standing is StandingKind.PREVIOUS_MINUTES and n > 0:
                t.add(
                    Decision,
                    agenda_item_id=item_id,
                    position=0,
                    updated_at=stamp,
                    text=f"The minutes of the meeting held on {long_date(meetings[n - 1][1])} were approved as an "
                    "accurate record.",
                )
            elif standing is StandingKind.NONE and rng.random() < 0.25:
                t.add(
                    Decision,
                    agenda_item_id=item_id,
                    position=0,
                    updated_at=stamp,
                    text=f"The Board noted the {title} report and agreed the recommendations set out in it.",
                )

        business = [item for item in items if item[2] in (StandingKind.NONE, StandingKind.PREVIOUS_MINUTES)]
        for number in range(1, ACTIONS_PER_MEETING + 1):
            item_id, title, _ = business[(number - 1) * len(business) // ACTIONS_PER_MEETING]
            _action(t, rng, words, board_id, short, meetings, n, number, item_id, title, people, roles, linkable)


def _notes(
    rng: random.Random,
    words: Words,
    title: str,
    standing: StandingKind,
    day: dt.date,
    meetings: list[tuple[int, dt.date]],
    n: int,
) -> str:
    if standing is StandingKind.WELCOME:
        return (
            "The Chair welcomed everyone to the meeting and round table introductions were made.\n\n"
            f"Apologies were received from {words.fill('{person}', day)} and {words.fill('{person}', day)}."
        )
    if standing is StandingKind.PREVIOUS_MINUTES:
        previous = f"the meeting held on {long_date(meetings[n - 1][1])}" if n else "the last meeting"
        return (
            f"The minutes of {previous} were agreed. The action log was reviewed: "
            f"{words.fill(rng.choice(UPDATE_NOTES), day)}"
        )
    if standing is StandingKind.ANY_OTHER_BUSINESS:
        return "There was no other business." if rng.random() < 0.7 else words.fill(rng.choice(PARAGRAPHS), day)
    if standing is StandingKind.NEXT_MEETING:
        following = meetings[n + 1][1] if n + 1 < len(meetings) else day + dt.timedelta(days=28)
        return f"The next meeting will be held on {following:%A}, {long_date(following)} at 2.30 pm."
    lines = [words.fill(rng.choice(PARAGRAPHS[:2]), day, title), ""]
    lines += [f"- {words.fill(rng.choice(BULLETS), day, title)}" for _ in range(rng.randint(4, 9))]
    if rng.random() < 0.6:
        lines += ["", words.fill(rng.choice(PARAGRAPHS), day, title)]
    if rng.random() < RARE_SHARE * 6:
        lines += ["", f"Morale in the North had improved since the return of {RARE_WORD}."]
    return "\n".join(lines)


def _action(
    t: Tables,
    rng: random.Random,
    words: Words,
    board_id: int,
    short: str,
    meetings: list[tuple[int, dt.date]],
    n: int,
    number: int,
    item_id: int,
    title: str,
    people: list[tuple[int, str]],
    roles: list[int],
    linkable: list[int],
) -> None:
    meeting_id, day = meetings[n]
    later = meetings[n + 1 :]
    ahead = rng.choice((1, 1, 1, 2, 3))
    due_meeting = later[ahead - 1] if len(later) >= ahead else None
    # Held meetings: all but the last. Actions due at a meeting long past are closed, recent ones still open.
    remaining = len(meetings) - 2 - n
    if remaining > 4:
        status = ActionStatus.CANCELLED if rng.random() < 0.03 else ActionStatus.CLOSED
    else:
        status = rng.choice((ActionStatus.OPEN, ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED))
    closing = later[min(len(later) - 1, ahead + rng.randint(0, 2))] if status.is_open is False and later else None
    action_id = t.add(
        Action,
        board_id=board_id,
        ref=action_ref(short, day, number),
        text=words.fill(rng.choice(ACTION_TEXTS), day, title),
        raised_meeting_id=meeting_id,
        raised_item_id=item_id,
        position=number,
        due_kind=DueKind.MEETING if due_meeting else DueKind.FUTURE_MEETING,
        due_meeting_id=due_meeting[0] if due_meeting else None,
        due_date=None,
        due_text=f"for the {due_meeting[1]:%B} meeting" if due_meeting else "at a future meeting",
        status=status,
        closed_at_meeting_id=closing[0] if closing else None,
        created_at=dt.datetime.combine(day, dt.time(16), tzinfo=UTC),
        updated_at=dt.datetime.combine(closing[1] if closing else day, dt.time(16), tzinfo=UTC),
    )
    owners = rng.choice((1, 1, 1, 2))
    for position in range(owners):
        if rng.random() < 0.15:
            t.add(ActionOwner, action_id=action_id, person_id=None, role_id=rng.choice(roles), position=position)
        else:
            t.add(ActionOwner, action_id=action_id, person_id=rng.choice(people)[0], role_id=None, position=position)
    steps = _status_steps(status, rng)
    for step, (before, after) in enumerate(steps):
        at = later[min(step, len(later) - 1)] if later else meetings[n]
        t.add(
            ActionUpdate,
            action_id=action_id,
            meeting_id=at[0],
            recorded_on=at[1],
            status_from=before,
            status_to=after,
            note=words.fill(rng.choice(UPDATE_NOTES), at[1]),
            author="Clerk",
            created_at=dt.datetime.combine(at[1], dt.time(17), tzinfo=UTC),
        )
    if linkable and rng.random() < 0.1:
        t.add(ActionPlanLink, action_id=action_id, plan_item_id=rng.choice(linkable), note="")


def _status_steps(status: ActionStatus, rng: random.Random) -> list[tuple[ActionStatus, ActionStatus | None]]:
    """The updates that led to `status`: progress notes, then the changes of status."""
    path = {
        ActionStatus.OPEN: [],
        ActionStatus.IN_PROGRESS: [ActionStatus.IN_PROGRESS],
        ActionStatus.COMPLETED: [ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED],
        ActionStatus.CLOSED: [ActionStatus.COMPLETED, ActionStatus.CLOSED],
        ActionStatus.CANCELLED: [ActionStatus.CANCELLED],
    }[status]
    steps: list[tuple[ActionStatus, ActionStatus | None]] = []
    current = ActionStatus.OPEN
    if rng.random() < 0.3:
        steps.append((current, None))  # a progress note without a change of status
    for after in path:
        steps.append((current, after))
        current = after
    return steps


# -- writing it ----------------------------------------------------------------------------------

BATCH = 20_000


def _batches(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


def write(connection: Connection, tables: Tables) -> None:
    # Meetings point at the later meeting that approved their minutes: insert the later ones first.
    meeting_table: Table = Meeting.__table__  # type: ignore[attr-defined]
    for table, rows in tables.rows.items():
        ordered = list(reversed(rows)) if table is meeting_table else rows
        for batch in _batches(ordered):
            connection.execute(insert(table), batch)


@dataclass(frozen=True)
class Report:
    counts: dict[str, int]  # rows written per table
    minute_text_bytes: int  # UTF-8 size of all minute notes
    seconds: float
    size_bytes: int


def generate(out: Path, *, scale: float = 1.0, seed: int = 2017, force: bool = False) -> Report:
    """Create `out` (refusing to overwrite unless `force`) and say what went into it."""
    started = time.perf_counter()
    if out.exists():
        if not force:
            raise FileExistsError(f"{out} exists: choose another name or pass --force")
        for suffix in ("", "-wal", "-shm"):
            out.with_name(out.name + suffix).unlink(missing_ok=True)
    tables = build(scale, seed)
    store = open_database(out, out.parent / f"{out.stem}-backups")
    try:
        with store.engine.begin() as connection:
            write(connection, tables)
            optimize_search_index(connection)
        with store.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        store.close()
    return Report(
        counts={table.name: len(rows) for table, rows in tables.rows.items()},
        minute_text_bytes=minute_text_bytes(tables),
        seconds=time.perf_counter() - started,
        size_bytes=out.stat().st_size,
    )


def generate_on_server(url: str, *, scale: float = 1.0, seed: int = 2017, force: bool = False) -> Report:
    """Fill the PostgreSQL database at `url` (empty, or only BoardApp's tables with `force`)."""
    import tempfile

    from sqlalchemy import create_engine, make_url
    from sqlmodel import SQLModel

    from boardapp.home import AppHome
    from boardapp.store.database import open_store

    started = time.perf_counter()
    admin = create_engine(make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            tables = {
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                )
            }
            ours = set(SQLModel.metadata.tables) | {"alembic_version", "search_document"}
            if tables and not force:
                raise FileExistsError(f"{url} holds tables: choose an empty database or pass --force")
            if tables - ours:
                raise FileExistsError(f"{url} holds other programs' tables ({sorted(tables - ours)[:3]}): not touched")
            if tables:  # only BoardApp's, and --force: start again from an empty schema
                connection.exec_driver_sql("DROP SCHEMA public CASCADE")
                connection.exec_driver_sql("CREATE SCHEMA public")
    finally:
        admin.dispose()
    rows = build(scale, seed)
    with tempfile.TemporaryDirectory(prefix="boardapp-reference-") as tmp:
        store = open_store(AppHome.from_options(basedir=tmp, db=url))  # migrated to head, search index included
        try:
            with store.engine.begin() as connection:
                write(connection, rows)
                for table in rows.rows:
                    if "id" in table.c:
                        connection.exec_driver_sql(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'(SELECT coalesce(max(id), 0) + 1 FROM "{table.name}"), false)'
                        )
            with store.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
                size = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar_one()
        finally:
            store.close()
    return Report(
        counts={table.name: len(table_rows) for table, table_rows in rows.rows.items()},
        minute_text_bytes=minute_text_bytes(rows),
        seconds=time.perf_counter() - started,
        size_bytes=int(size),
    )


def minute_text_bytes(tables: Tables) -> int:
    minute_table: Table = Minute.__table__  # type: ignore[attr-defined]
    return sum(len(row["notes"].encode("utf-8")) for row in tables.rows.get(minute_table, []))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the database file to create, or a postgresql:// database to fill")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the full reference database (default)")
    parser.add_argument("--seed", type=int, default=2017, help="random seed (same seed and scale, same file)")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be above 0")
    try:
        if is_server_url(args.out):
            report = generate_on_server(args.out, scale=args.scale, seed=args.seed, force=args.force)
        else:
            report = generate(Path(args.out), scale=args.scale, seed=args.seed, force=args.force)
    except FileExistsError as exc:
        print(f"generate_reference: {exc}", file=sys.stderr)
        return 2
    width = max(len(name) for name in report.counts)
    for name, count in sorted(report.counts.items()):
        print(f"  {name:<{width}}  {count:>9,}")
    print(f"  {'minute text':<{width}}  {report.minute_text_bytes / 1e6:>7.1f} MB")
    written = shown_url(args.out) if is_server_url(args.out) else args.out
    print(
        f"Wrote {written} (scale {args.scale:g}, seed {args.seed}): {report.size_bytes / 1e6:.1f} MB "
        f"in {report.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
