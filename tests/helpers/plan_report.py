"""Test data of the plan report and evidence pack tests: the demo, given a history to report.

The demo holds the 2018–19 development plan (seed 002) with its RAG scale and 11 Ofsted
recommendations, but no ratings, KPIs or board business about it. `enrich_demo` adds them
through the ORM, as a clerk would have over the plan's first months:

- three meetings of the demo board (11 December 2018, 12 February and 9 April 2019) with an
  item each on the plan, a "Resolved:" decision, and board actions linked to plan actions
  (1.2.1, 1.3.6, 3.3.1 + 3.3.4), one of them updated and closed later; and an exempt (Part II)
  item whose action is linked to 4.7.5;
- ratings over time (PlanStatusChange rows, with the current level set on the item) for every
  plan action of recommendation 5 (all Blue by April, each with evidence of impact written
  down: the recommendation is complete, evidenced and signed off at the April meeting) and for
  1.3.6 (Red), 3.3.1 (Amber), 3.3.4 (Green);
- recommendation 11's "actions complete" set by hand;
- two KPIs with values over three months, linked to plan actions.

No file of this module holds tests; pytest collects it for its name only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind, ItemPurpose, MeetingStatus, ScaleKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    ActionPlanLink,
    ActionUpdate,
    AgendaItem,
    Board,
    Decision,
    Kpi,
    KpiValue,
    Meeting,
    Person,
    Plan,
    PlanItem,
    PlanItemKpi,
    PlanStatusChange,
    Recommendation,
    StatusLevel,
)

DEVELOPMENT_PLAN = "Better for Children: Lancashire's Children's Services Development Plan November 2018 - 19"
TWELVE_WEEK_PLAN = "12 Week Improvement Plan August – October 2017"
DECEMBER, FEBRUARY, APRIL = dt.date(2018, 12, 11), dt.date(2019, 2, 12), dt.date(2019, 4, 9)
AS_OF = dt.date(2019, 4, 30)

NEGLECT_DECISION = "That the Board approves the refreshed Neglect Strategy for consultation with partners."
NEGLECT_ACTION = "To circulate the Neglect Strategy consultation draft to all partner agencies"
ENCOMPASS_ACTION = "To report on the readiness of schools for Operation Encompass at the February meeting"
AUDIT_DECISION = "That the Board notes the assessment training delivered and asks for the audit findings in April."
AUDIT_ACTION = "To present the case audit findings on the quality of assessments to the April meeting"
AUDIT_UPDATE = "Audit findings presented: assessments judged good or better rose from 48% to 62%."
EXEMPT_ACTION = "To agree the staffing arrangements for the ASDAN accreditation programme"
EXEMPT_DECISION = "That the Board agrees the confidential staffing proposal for the care leavers service."
RED_REASON = "Consultation on the Neglect Strategy delayed by the LSCB review of thresholds"
ENCOMPASS_REASON = "Schools' sign-up to Operation Encompass behind schedule: 40% of schools signed up"
EVIDENCE_NEGLECT = "Neglect toolkit used in 310 assessments since launch; re-referrals for neglect down 8%."


@dataclass(frozen=True)
class Enriched:
    plan_id: int
    twelve_week_id: int
    board_id: int
    meetings: dict[dt.date, int]
    items: dict[str, int]  # plan item ref -> id
    recommendations: dict[str, int]  # ref -> id
    levels: dict[str, int]  # code -> id
    actions: dict[str, str]  # what -> board action ref


def plan_id_named(session: Session, name: str) -> int:
    return session.exec(select(Plan.id).where(Plan.name == name)).one() or 0


def enrich_demo(session: Session) -> Enriched:
    plan_id = plan_id_named(session, DEVELOPMENT_PLAN)
    plan = session.get(Plan, plan_id)
    assert plan is not None and plan.progress_scale_id is not None
    board = session.exec(select(Board).where(Board.short_name == "IB")).one()
    levels = {
        lv.code: lv.id or 0
        for lv in session.exec(select(StatusLevel).where(StatusLevel.scale_id == plan.progress_scale_id)).all()
    }
    items: dict[str, int] = {}
    for item in session.exec(select(PlanItem).where(PlanItem.plan_id == plan_id)).all():
        items.setdefault(item.ref, item.id or 0)  # 4.7.2 is used twice in 002: the first is kept
    recommendations = {r.ref: r.id or 0 for r in session.exec(select(Recommendation)).all()}
    people = {p.name: p.id for p in session.exec(select(Person)).all()}

    meetings: dict[dt.date, int] = {}
    for day in (DECEMBER, FEBRUARY, APRIL):
        meeting = Meeting(
            board_id=board.id or 0,
            date=day,
            start_time=dt.time(14, 30),
            venue="County Hall, Preston",
            status=MeetingStatus.MINUTES_APPROVED if day != APRIL else MeetingStatus.HELD,
        )
        session.add(meeting)
        session.flush()
        meetings[day] = meeting.id or 0

    def agenda_item(day: dt.date, position: int, title: str, decisions: list[str], *, exempt: bool = False) -> int:
        item = AgendaItem(
            meeting_id=meetings[day],
            position=position,
            title=title,
            purpose=ItemPurpose.DECISION,
            is_exempt=exempt,
            exempt_paragraph="1" if exempt else "",
            exempt_reason="staffing of named individuals" if exempt else "",
        )
        session.add(item)
        session.flush()
        for order, text in enumerate(decisions):
            session.add(Decision(agenda_item_id=item.id or 0, position=order, text=text))
        return item.id or 0

    def board_action(
        day: dt.date, item_id: int, number: int, text: str, owner: str, refs: list[str], status: ActionStatus
    ) -> str:
        ref = f"IB-{day:%Y%m%d}-{number:02d}"
        action = Action(
            board_id=board.id or 0,
            ref=ref,
            text=text,
            raised_meeting_id=meetings[day],
            raised_item_id=item_id,
            position=number,
            due_kind=DueKind.FUTURE_MEETING,
            status=status,
        )
        session.add(action)
        session.flush()
        session.add(ActionOwner(action_id=action.id or 0, person_id=people[owner]))
        for plan_ref in refs:
            session.add(ActionPlanLink(action_id=action.id or 0, plan_item_id=items[plan_ref]))
        return ref

    december = agenda_item(DECEMBER, 3, "Development Plan: Effective Partnership Working", [NEGLECT_DECISION])
    february = agenda_item(FEBRUARY, 4, "Development Plan: Purposeful Practice", [AUDIT_DECISION])
    exempt = agenda_item(FEBRUARY, 6, "Care leavers service staffing (Part II)", [EXEMPT_DECISION], exempt=True)
    actions = {
        "neglect": board_action(DECEMBER, december, 1, NEGLECT_ACTION, "Jane Booth", ["1.2.1"], ActionStatus.CLOSED),
        "encompass": board_action(
            DECEMBER, december, 2, ENCOMPASS_ACTION, "Amanda Hatton", ["1.3.6"], ActionStatus.OPEN
        ),
        "audit": board_action(
            FEBRUARY, february, 1, AUDIT_ACTION, "Louise Storey", ["3.3.1", "3.3.4"], ActionStatus.COMPLETED
        ),
        "exempt": board_action(FEBRUARY, exempt, 2, EXEMPT_ACTION, "Richard Cooke", ["4.7.5"], ActionStatus.OPEN),
    }
    neglect = session.exec(select(Action).where(Action.ref == actions["neglect"])).one()
    neglect.closed_at_meeting_id = meetings[FEBRUARY]
    session.add(neglect)
    audit = session.exec(select(Action).where(Action.ref == actions["audit"])).one()
    session.add(
        ActionUpdate(
            action_id=neglect.id or 0,
            meeting_id=meetings[FEBRUARY],
            recorded_on=FEBRUARY,
            status_from=ActionStatus.OPEN,
            status_to=ActionStatus.CLOSED,
            note="Draft circulated to 14 partner agencies; consultation closes 1 March.",
        )
    )
    session.add(
        ActionUpdate(
            action_id=audit.id or 0,
            meeting_id=meetings[APRIL],
            recorded_on=APRIL,
            status_from=ActionStatus.OPEN,
            status_to=ActionStatus.COMPLETED,
            note=AUDIT_UPDATE,
        )
    )

    def rate(ref: str, history: list[tuple[dt.date, str, str]]) -> None:
        item_id = items[ref]
        for day, code, reason in history:
            session.add(
                PlanStatusChange(
                    plan_item_id=item_id,
                    scale_kind=ScaleKind.PROGRESS,
                    level_id=levels[code],
                    changed_on=day,
                    changed_by="Sally Allen",
                    reason=reason,
                    reported_at_meeting_id=meetings.get(day),
                )
            )
        item = session.get(PlanItem, item_id)
        assert item is not None
        item.progress_level_id = levels[history[-1][1]]
        session.add(item)

    rate(
        "1.1.1",
        [
            (DECEMBER, "AMBER", "Terms of reference of the Children's Partnership Board drafted"),
            (FEBRUARY, "GREEN", "Children's Partnership Board established"),
            (APRIL, "BLUE", "Board meeting monthly with all partners"),
        ],
    )
    rate(
        "1.2.1",
        [
            (DECEMBER, "RED", RED_REASON),
            (FEBRUARY, "AMBER", "Consultation under way"),
            (APRIL, "BLUE", "Neglect Strategy launched by the LSCB"),
        ],
    )
    for ref in ("1.2.2", "1.2.3", "1.2.4", "1.2.5", "3.1.4"):
        rate(ref, [(FEBRUARY, "AMBER", "In progress"), (APRIL, "BLUE", "Completed")])
    rate("1.3.6", [(DECEMBER, "AMBER", "Training for schools booked"), (FEBRUARY, "RED", ENCOMPASS_REASON)])
    rate("3.3.1", [(FEBRUARY, "AMBER", "Programme under way: 6 of 10 sessions delivered")])
    rate("3.3.4", [(FEBRUARY, "AMBER", "Audits scheduled"), (APRIL, "GREEN", "Findings presented to the Board")])
    for ref in ("1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "3.1.4"):
        item = session.get(PlanItem, items[ref])
        assert item is not None
        item.evidence_of_impact = EVIDENCE_NEGLECT if ref == "1.2.1" else "Impact evidenced in the April audit."
        session.add(item)

    rec5 = session.get(Recommendation, recommendations["5"])
    rec11 = session.get(Recommendation, recommendations["11"])
    assert rec5 is not None and rec11 is not None
    rec5.signed_off_at_meeting_id = meetings[APRIL]
    rec5.signed_off_on = APRIL
    rec11.actions_complete = True
    session.add(rec5)
    session.add(rec11)

    re_referrals = Kpi(
        plan_id=plan_id,
        ref="1a",
        measure="Re-referrals to children's social care within 12 months",
        responsible_officer="Head of FARY",
        frequency="Monthly",
        unit="%",
        higher_is_better=False,
        target=22.0,
        target_date=dt.date(2019, 12, 31),
        baseline=26.5,
        baseline_label="2017/18 outturn",
        benchmark=23.1,
        benchmark_label="2017/18 statistical neighbour average",
    )
    assessments = Kpi(
        plan_id=plan_id,
        ref="1b",
        measure="Assessments completed within 45 working days",
        responsible_officer="Locality Heads of CSC",
        frequency="Monthly",
        unit="%",
        higher_is_better=True,
        target=85.0,
        baseline=79.0,
    )
    session.add(re_referrals)
    session.add(assessments)
    session.flush()
    for kpi, values in ((re_referrals, (25.0, 23.4, 21.9)), (assessments, (78.0, 80.5, 81.2))):
        for month, value in zip(
            (dt.date(2019, 1, 31), dt.date(2019, 2, 28), dt.date(2019, 3, 31)), values, strict=True
        ):
            session.add(KpiValue(kpi_id=kpi.id or 0, period_end=month, value=value))
    session.add(PlanItemKpi(plan_item_id=items["1.2.5"], kpi_id=re_referrals.id or 0))
    session.add(PlanItemKpi(plan_item_id=items["3.3.4"], kpi_id=assessments.id or 0))
    session.flush()
    twelve_week = plan_id_named(session, TWELVE_WEEK_PLAN)
    return Enriched(
        plan_id=plan_id,
        twelve_week_id=twelve_week,
        board_id=board.id or 0,
        meetings=meetings,
        items=items,
        recommendations=recommendations,
        levels=levels,
        actions=actions,
    )


def item_texts(session: Session, plan_id: int) -> dict[str, str]:
    """ref -> text of every action of a plan."""
    rows = session.exec(select(PlanItem.ref, PlanItem.text).where(PlanItem.plan_id == plan_id)).all()
    return {ref: text for ref, text in rows}


def first_action_text(session: Session, plan_id: int) -> str:
    return (
        session.exec(
            select(PlanItem.text).where(PlanItem.plan_id == plan_id).order_by(col(PlanItem.id)).offset(1)
        ).first()
        or ""
    )
