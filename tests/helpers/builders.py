"""A small, fully known database for service and GUI tests, built with the ORM.

Modelled on the 1 August 2017 Improvement Board minutes (seed 003) but cut down, with a few
traps on purpose: rows inserted out of order, markup and ampersands in user text, an exempt
item, an action owned by a role, an overdue action and one that is closed.

Use: `sample = build_sample(session)` inside `store.transaction()`; the returned ids say
where everything went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel

from boardapp.core.enums import (
    ActionStatus,
    AttendanceKind,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    PlanDueKind,
    PlanItemKind,
    StandingKind,
)
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionPlanLink,
    ActionUpdate,
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
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    Recommendation,
    ReviewSource,
    Role,
    StatusLevel,
    StatusScale,
)

BOARD_NAME = "Children's Services Improvement Board"
OTHER_BOARD_NAME = "MASH Board"
VENUE = "Committee Room 'B' <The Diamond Jubilee Room> & Annex"
AUGUST = dt.date(2017, 8, 1)
JUNE = dt.date(2017, 6, 6)
SEPTEMBER = dt.date(2017, 9, 12)
OCTOBER = dt.date(2017, 10, 10)
TODAY = dt.date(2017, 9, 1)  # a "today" after the August meeting and before September's
ITEM_TITLES = (
    "Welcome and Introductions",
    "Minutes and actions from the last meeting",
    "Being a Good Corporate Parent",
    "Staffing matter <confidential>",
)
NOTES = (
    "Natasha Wright presented the Being a Good Corporate Parent video to the Board.\n"
    "\n"
    "- Used as part of the training package for Social Workers\n"
    "  - including <b>newly qualified</b> staff\n"
    "- Shown at the Corporate Parenting Board & elsewhere"
)
PLAN_NAME = "12 Week Improvement Plan"
STANDING = {1: StandingKind.WELCOME, 2: StandingKind.PREVIOUS_MINUTES}

Row = TypeVar("Row", bound=SQLModel)


@dataclass
class Sample:
    board_id: int = 0
    other_board_id: int = 0
    meetings: dict[str, int] = field(default_factory=dict)  # "june", "august", "september", "october"
    items: dict[int, int] = field(default_factory=dict)  # August item number -> id
    actions: dict[str, int] = field(default_factory=dict)  # keys below
    people: dict[str, int] = field(default_factory=dict)  # name -> id
    role_id: int = 0
    plan_id: int = 0
    plan_items: dict[str, int] = field(default_factory=dict)  # ref -> id
    levels: dict[str, int] = field(default_factory=dict)  # code -> id


def build_sample(session: Session) -> Sample:
    """Insert the sample data in `session` (flushed, not committed) and return its ids."""
    sample = Sample()
    add = _adder(session)

    lcc = add(Organisation(name="Lancashire County Council"))
    schools = add(Organisation(name="Secondary Schools"))
    board = add(Board(name=BOARD_NAME, short_name="IB", default_venue=VENUE))
    other = add(Board(name=OTHER_BOARD_NAME, short_name="MASH"))
    sample.board_id, sample.other_board_id = board.id, other.id

    def person(name: str, **kwargs: Any) -> Person:
        created = add(Person(name=name, organisation_id=lcc.id, **kwargs))
        sample.people[name] = created.id
        return created

    driver = person("Geoff Driver", title="County Councillor", honours="CBE")
    charles = person("Susie Charles", title="County Councillor Mrs")
    hatton = person("Amanda Hatton")
    coyle = person("Chris Coyle")
    wright = person("Natasha Wright", description="Care Leaver and LCC Apprentice")
    cox = person("Stephen Cox")
    storey = person("Louise Storey")
    board_members = add(Role(name="Board Members"))
    sample.role_id = board_members.id

    june = add(Meeting(board_id=board.id, date=JUNE, start_time=dt.time(14, 0), status=MeetingStatus.MINUTES_APPROVED))
    august = add(
        Meeting(board_id=board.id, date=AUGUST, start_time=dt.time(14, 30), venue=VENUE, status=MeetingStatus.HELD)
    )
    september = add(
        Meeting(board_id=board.id, date=SEPTEMBER, start_time=dt.time(14, 30), status=MeetingStatus.AGENDA_PUBLISHED)
    )
    october = add(Meeting(board_id=board.id, date=OCTOBER, status=MeetingStatus.SCHEDULED))
    other_meeting = add(Meeting(board_id=other.id, date=dt.date(2017, 7, 20), status=MeetingStatus.HELD))
    sample.meetings = {"june": june.id, "august": august.id, "september": september.id,
                       "october": october.id, "other": other_meeting.id}  # fmt: skip

    # Attendance, deliberately inserted out of the order the minutes list it.
    add(
        Attendance(
            meeting_id=august.id, person_id=charles.id, kind=AttendanceKind.PRESENT, position=1, organisation_id=lcc.id
        )
    )
    add(
        Attendance(
            meeting_id=august.id, person_id=driver.id, kind=AttendanceKind.PRESENT, position=0, organisation_id=lcc.id
        )
    )
    add(
        Attendance(
            meeting_id=august.id,
            person_id=storey.id,
            kind=AttendanceKind.PRESENT,
            position=2,
            organisation_id=schools.id,
            substitute_for_id=cox.id,
        )
    )
    add(
        Attendance(
            meeting_id=august.id,
            person_id=cox.id,
            kind=AttendanceKind.APOLOGIES,
            position=3,
            organisation_id=schools.id,
        )
    )
    add(
        Attendance(
            meeting_id=august.id,
            person_id=wright.id,
            kind=AttendanceKind.IN_ATTENDANCE,
            position=4,
            capacity="Care Leaver and LCC Apprentice",
        )
    )
    add(Attendance(meeting_id=august.id, person_id=coyle.id, kind=AttendanceKind.ABSENT, position=5))

    # Agenda items, inserted last-first so ordering must come from `position`.
    items: dict[int, AgendaItem] = {}
    for number in (4, 3, 2, 1):
        items[number] = add(AgendaItem(
            meeting_id=august.id, position=number, title=ITEM_TITLES[number - 1],
            standing_kind=STANDING.get(number, StandingKind.NONE),
            purpose=ItemPurpose.INFORMATION if number == 3 else ItemPurpose.UNSPECIFIED,
            minutes_allowed=20 if number == 3 else 5,
            is_exempt=number == 4, exempt_paragraph="1" if number == 4 else "",
            exempt_reason="Information relating to an individual" if number == 4 else "",
        ))  # fmt: skip
    sample.items = {number: item.id for number, item in items.items()}
    add(AgendaItemPresenter(agenda_item_id=items[3].id, role_id=board_members.id, position=1))
    add(AgendaItemPresenter(agenda_item_id=items[3].id, person_id=wright.id, position=0))
    add(Paper(agenda_item_id=items[3].id, title="Corporate parent video (link)", location="https://example.org/v"))
    add(Minute(agenda_item_id=items[1].id, notes="The Chair welcomed everyone to the meeting."))
    add(Minute(agenda_item_id=items[3].id, notes=NOTES))
    add(Decision(agenda_item_id=items[2].id, position=1, text="The actions were noted."))
    add(
        Decision(
            agenda_item_id=items[2].id,
            position=0,
            text="The minutes of the meeting held on 6 June 2017 were approved as an accurate record.",
        )
    )

    def action(
        key: str,
        meeting: Meeting,
        item: AgendaItem | None,
        position: int,
        text: str,
        owners: list[Person | Role],
        **kwargs: Any,
    ) -> Action:
        created = add(
            Action(
                board_id=meeting.board_id,
                ref=f"IB-{key}",
                text=text,
                raised_meeting_id=meeting.id,
                raised_item_id=item.id if item else None,
                position=position,
                **kwargs,
            )
        )
        for order, owner in enumerate(owners):
            if isinstance(owner, Person):
                add(ActionOwner(action_id=created.id, person_id=owner.id, position=order))
            else:
                add(ActionOwner(action_id=created.id, role_id=owner.id, position=order))
        sample.actions[key] = created.id
        return created

    action(
        "cse",
        august,
        items[2],
        0,
        "CSE intelligence input to be on the agenda",
        [hatton],
        due_kind=DueKind.MEETING,
        due_meeting_id=september.id,
        due_text="for the September meeting",
    )
    action(
        "profiles",
        august,
        items[2],
        1,
        "To share some Social Worker profiles with the Board",
        [coyle, hatton],
        due_kind=DueKind.FUTURE_MEETING,
        due_text="at a future meeting",
    )
    action(
        "video",
        august,
        items[3],
        1,
        "To show the video & report back",
        [wright, board_members],
        due_kind=DueKind.MEETING,
        due_meeting_id=october.id,
        due_text="at the October meeting",
        status=ActionStatus.IN_PROGRESS,
    )
    stats = action(
        "stats",
        august,
        items[3],
        0,
        "Statistics on re-referrals including step-downs",
        [hatton],
        due_kind=DueKind.DATE,
        due_date=dt.date(2017, 10, 31),
        due_text="by 31 October 2017",
    )
    action(
        "late",
        june,
        None,
        0,
        "Workforce strategy to come to the August meeting",
        [storey],
        due_kind=DueKind.MEETING,
        due_meeting_id=august.id,
        due_text="for the August meeting",
    )
    action(
        "closed",
        june,
        None,
        1,
        "Circulate the terms of reference",
        [coyle],
        due_kind=DueKind.MEETING,
        due_meeting_id=august.id,
        status=ActionStatus.CLOSED,
    )
    action("unfiled", august, None, 2, "Thank the young people", [driver])
    add(
        Action(
            board_id=other.id,
            ref="MASH-1",
            text="Review MASH thresholds",
            raised_meeting_id=other_meeting.id,
            due_kind=DueKind.DATE,
            due_date=dt.date(2017, 7, 31),
        )
    )
    add(ActionUpdate(action_id=stats.id, recorded_on=dt.date(2017, 9, 12), note="Data requested"))
    add(
        ActionUpdate(
            action_id=stats.id,
            recorded_on=dt.date(2017, 10, 10),
            note="Report drafted",
            status_from=ActionStatus.OPEN,
            status_to=ActionStatus.IN_PROGRESS,
        )
    )
    add(ActionUpdate(action_id=stats.id, recorded_on=dt.date(2017, 9, 1), note="Older note"))

    _build_plan(session, sample, board, [hatton, coyle], board_members)
    add(ActionPlanLink(action_id=stats.id, plan_item_id=sample.plan_items["1.1"]))
    add(ActionPlanLink(action_id=sample.actions["video"], plan_item_id=sample.plan_items["1.1"]))
    add(ActionPlanLink(action_id=stats.id, plan_item_id=sample.plan_items["2.1"]))
    return sample


def _build_plan(session: Session, sample: Sample, board: Board, people: list[Person], role: Role) -> None:
    add = _adder(session)
    scale = add(StatusScale(name="RAG"))
    for position, (code, colour) in enumerate(
        (("RED", "#C00000"), ("AMBER", "#FFC000"), ("GREEN", "#00B050"), ("BLUE", "#0070C0"))
    ):
        level = add(
            StatusLevel(
                scale_id=scale.id,
                position=position,
                code=code,
                label=code.title(),
                colour=colour,
                means_complete=code == "BLUE",
            )
        )
        sample.levels[code] = level.id
    plan = add(Plan(name=PLAN_NAME, board_id=board.id, period_text="August – October 2017", progress_scale_id=scale.id))
    sample.plan_id = plan.id
    source = add(ReviewSource(title="Ofsted inspection"))
    rec10 = add(Recommendation(source_id=source.id, plan_id=plan.id, ref="10", text="Improve recording"))
    rec2 = add(Recommendation(source_id=source.id, plan_id=plan.id, ref="2", text="Reduce caseloads"))

    def item(
        ref: str, parent: PlanItem | None, position: int, kind: PlanItemKind, text: str, **kwargs: Any
    ) -> PlanItem:
        created = add(
            PlanItem(
                plan_id=plan.id,
                parent_id=parent.id if parent else None,
                kind=kind,
                position=position,
                ref=ref,
                text=text,
                **kwargs,
            )
        )
        sample.plan_items[ref] = created.id
        return created

    # Inserted out of order: the tree must follow `position`.
    second = item("2", None, 1, PlanItemKind.WORKSTREAM, "Workforce")
    first = item(
        "1",
        None,
        0,
        PlanItemKind.WORKSTREAM,
        "Leadership & governance",
        outcomes="Board holds partners to account\nClear line of sight",
    )
    item(
        "1.2",
        first,
        1,
        PlanItemKind.ACTION,
        "Monthly performance clinics",
        due_text="Monthly",
        due_kind=PlanDueKind.RECURRING,
        lead_text="Heads of Service",
        progress_level_id=sample.levels["AMBER"],
    )
    one_one = item(
        "1.1",
        first,
        0,
        PlanItemKind.ACTION,
        "Establish the Improvement Board",
        due_text="1 August 2017",
        due_kind=PlanDueKind.DATE,
        due_date=dt.date(2017, 8, 1),
        lead_text="Amanda Hatton/Chris Coyle",
        progress_level_id=sample.levels["GREEN"],
    )
    item(
        "2.1",
        second,
        0,
        PlanItemKind.ACTION,
        "Recruitment campaign",
        due_text="31 Sept 2017",
        due_kind=PlanDueKind.INVALID,
        due_note="September has 30 days",
        progress_level_id=sample.levels["RED"],
    )
    item("1.1.1", one_one, 0, PlanItemKind.ACTION, "Terms of reference agreed")
    for order, person in enumerate(people):
        session.add(PlanItemLead(plan_item_id=one_one.id, person_id=person.id, position=order))
    session.add(PlanItemLead(plan_item_id=sample.plan_items["1.2"], role_id=role.id))
    session.add(PlanItemRecommendation(plan_item_id=one_one.id, recommendation_id=rec10.id))
    session.add(PlanItemRecommendation(plan_item_id=one_one.id, recommendation_id=rec2.id))
    session.flush()


def _adder(session: Session) -> Callable[[Row], Row]:
    """`add(row)` inserts and flushes, so the row's id is known at once."""

    def add(row: Row) -> Row:
        session.add(row)
        session.flush()
        return row

    return add
