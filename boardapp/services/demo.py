"""Demonstration data built from the seed documents (resources/demo/*.json).

The app loads it into the demonstration's own file (demo.sqlite in the home, never the user's
database) when the clerk opens the demonstration; `boardapp demo` loads it into an empty file:
the Improvement Board with the 1 August 2017 meeting fully minuted, the meetings either side
of it, the 12 week plan and the 2018–19 development plan with its Ofsted recommendations, and the links between them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from boardapp.bundled import resources_dir
from boardapp.core.enums import (
    ActionStatus,
    AttendanceKind,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    MemberRole,
    PlanItemKind,
    ReviewKind,
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
    Membership,
    Minute,
    Paper,
    Person,
    Plan,
    PlanItem,
    PlanItemLead,
    PlanItemRecommendation,
    Recommendation,
    ReviewSource,
    StatusLevel,
    StatusScale,
)
from boardapp.core.rules.due_text import parse_due_text
from boardapp.core.rules.leads import PartyName, split_parties
from boardapp.core.rules.refs import action_ref
from boardapp.services.demo_papers import attach_demo_papers
from boardapp.services.demo_record import load_formal_record
from boardapp.services.parties import PartyDirectory, organisation_id

Json = dict[str, Any]


class DemoAlreadyLoaded(Exception):
    """Loading twice would duplicate every record."""


def demo_dir() -> Path:
    return resources_dir() / "demo"


def database_is_empty(session: Session) -> bool:
    return session.exec(select(Board.id).limit(1)).first() is None


def load_demo(session: Session) -> str:
    """Load the demo into an empty database (the caller commits); returns a one-line summary."""
    if not database_is_empty(session):
        raise DemoAlreadyLoaded(
            "The database already holds boards, so the demo was not loaded. Use --basedir or --db to load it into "
            "a new file."
        )
    board_data = json.loads((demo_dir() / "improvement_board.json").read_text(encoding="utf-8"))
    plan_data = json.loads((demo_dir() / "plans.json").read_text(encoding="utf-8"))
    loader = _Loader(session)
    loader.load_people(board_data)
    board = loader.load_board(board_data["board"])
    loader.load_plans(plan_data)
    for meeting in board_data["meetings"]:
        loader.load_meeting(board, meeting)
    for meeting in board_data["meetings"]:
        loader.load_meeting_business(board, meeting)
    attach_demo_papers(session, loader.meetings)  # resources/demo/papers.json: the demo's paper files
    load_formal_record(session, demo_dir() / "formal_record.json")  # board settings, then September's record (issue 17)
    session.flush()
    return loader.summary()


class _Loader:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.parties = PartyDirectory(session)
        self.meetings: dict[str, Meeting] = {}
        self.plans: dict[str, Plan] = {}
        self.counts = {"people": 0, "meetings": 0, "items": 0, "actions": 0, "plan items": 0, "links": 0}

    def _add(self, row: Any) -> Any:
        self.session.add(row)
        self.session.flush()
        return row

    def _party_owner(self, name: str, is_role: bool) -> tuple[int | None, int | None]:
        ref = self.parties.resolve(PartyName(text=name, is_role=is_role))
        return ref.person_id, ref.role_id

    # -- people and board -------------------------------------------------------------------
    def load_people(self, data: Json) -> None:
        for name in data.get("organisations", []):
            organisation_id(self.session, name)
        for name in data.get("roles", []):
            if self.parties.find(name, prefer_role=True) is None:
                self.parties.add_role(name)
        for person in data["people"]:
            self.parties.add_person(
                Person(
                    name=person["name"],
                    title=person.get("title", ""),
                    honours=person.get("honours", ""),
                    description=person.get("description", ""),
                    organisation_id=organisation_id(self.session, person.get("organisation", "")),
                    aliases=list(person.get("aliases", [])),
                )
            )
            self.counts["people"] += 1
        self.role_names = set(data.get("roles", []))

    def load_board(self, data: Json) -> Board:
        board: Board = self._add(
            Board(
                name=data["name"],
                short_name=data.get("short_name", ""),
                default_venue=data.get("default_venue", ""),
                default_start_time=data.get("default_start_time", ""),
                standing_items=list(data.get("standing_items", [])),
            )
        )
        for member in data.get("members", []):
            ref = self.parties.find(member["person"])
            if ref is None or ref.person_id is None:
                raise ValueError(f"demo member {member['person']!r} is not among the people")
            self._add(
                Membership(
                    board_id=board.id or 0,
                    person_id=ref.person_id,
                    role=MemberRole(member.get("role", "member")),
                    represents_id=organisation_id(self.session, member.get("represents", "")),
                )
            )
        return board

    # -- meetings ---------------------------------------------------------------------------
    def load_meeting(self, board: Board, data: Json) -> None:
        start = dt.time.fromisoformat(data["start_time"]) if data.get("start_time") else None
        meeting: Meeting = self._add(
            Meeting(
                board_id=board.id or 0,
                date=dt.date.fromisoformat(data["date"]),
                start_time=start,
                venue=data.get("venue", ""),
                title=data.get("title", ""),
                status=MeetingStatus(data.get("status", "scheduled")),
            )
        )
        self.meetings[data["date"]] = meeting
        self.counts["meetings"] += 1

    def load_meeting_business(self, board: Board, data: Json) -> None:
        meeting = self.meetings[data["date"]]
        if data.get("minutes_approved_at"):
            approving = self.meetings[data["minutes_approved_at"]]
            meeting.minutes_approved_at_id = approving.id
            meeting.minutes_approved_on = approving.date
        for position, entry in enumerate(data.get("attendance", []), start=1):
            ref = self.parties.find(entry["person"])
            if ref is None or ref.person_id is None:
                raise ValueError(f"demo attendee {entry['person']!r} is not among the people")
            self._add(
                Attendance(
                    meeting_id=meeting.id or 0,
                    person_id=ref.person_id,
                    kind=AttendanceKind(entry["kind"]),
                    position=position,
                    organisation_id=organisation_id(self.session, entry.get("organisation", "")),
                    capacity=entry.get("capacity", ""),
                )
            )
        action_number = 0
        for position, entry in enumerate(data.get("items", []), start=1):
            item = self._load_item(meeting, position, entry)
            for action_position, action in enumerate(entry.get("actions", []), start=1):
                action_number += 1
                self._load_action(board, meeting, item, action_position, action_number, action)

    def _load_item(self, meeting: Meeting, position: int, data: Json) -> AgendaItem:
        exempt = data.get("exempt") or {}
        item: AgendaItem = self._add(
            AgendaItem(
                meeting_id=meeting.id or 0,
                position=position,
                title=data["title"],
                purpose=ItemPurpose(data.get("purpose") or "unspecified"),
                minutes_allowed=data.get("minutes_allowed"),
                standing_kind=StandingKind(data.get("standing_kind") or "none"),
                is_exempt=bool(exempt),
                exempt_paragraph=str(exempt.get("paragraph", "")),
                exempt_reason=exempt.get("reason", ""),
                show_title_when_exempt=bool(exempt.get("show_title_when_exempt", True)),
            )
        )
        self.counts["items"] += 1
        for order, name in enumerate(data.get("presenters", [])):
            person_id, role_id = self._party_owner(name, name in self.role_names)
            self._add(
                AgendaItemPresenter(agenda_item_id=item.id or 0, person_id=person_id, role_id=role_id, position=order)
            )
        for order, paper in enumerate(data.get("papers", [])):
            title = paper if isinstance(paper, str) else paper["title"]
            location = "" if isinstance(paper, str) else paper.get("location", "")
            self._add(Paper(agenda_item_id=item.id or 0, position=order, title=title, location=location))
        if data.get("notes"):
            self._add(Minute(agenda_item_id=item.id or 0, notes=data["notes"]))
        for order, text in enumerate(data.get("decisions", [])):
            self._add(Decision(agenda_item_id=item.id or 0, position=order, text=text, is_exempt=item.is_exempt))
        return item

    def _load_action(
        self, board: Board, meeting: Meeting, item: AgendaItem, position: int, number: int, data: Json
    ) -> None:
        due = data.get("due") or {"kind": "none"}
        due_kind = DueKind(due["kind"])
        due_meeting = self.meetings.get(due.get("meeting", "")) if due_kind is DueKind.MEETING else None
        action: Action = self._add(
            Action(
                board_id=board.id or 0,
                ref=action_ref(board.short_name, meeting.date, number),
                text=data["text"],
                raised_meeting_id=meeting.id,
                raised_item_id=item.id,
                position=position,
                due_kind=due_kind,
                due_meeting_id=due_meeting.id if due_meeting else None,
                due_date=dt.date.fromisoformat(due["date"]) if due.get("date") else None,
                due_text=due.get("phrase", ""),
                status=ActionStatus(data.get("status", "open")),
                is_exempt=item.is_exempt,  # Part II belongs to the action, whatever happens to the item
                exempt_paragraph=item.exempt_paragraph if item.is_exempt else "",
            )
        )
        self.counts["actions"] += 1
        for order, owner in enumerate(data.get("owners", [])):
            person_id, role_id = self._party_owner(owner, owner in self.role_names)
            self._add(ActionOwner(action_id=action.id or 0, person_id=person_id, role_id=role_id, position=order))
        for update in data.get("updates", []):
            status_to = ActionStatus(update["status"]) if update.get("status") else None
            at_meeting = self.meetings.get(update.get("meeting", ""))
            self._add(
                ActionUpdate(
                    action_id=action.id or 0,
                    meeting_id=at_meeting.id if at_meeting else None,
                    recorded_on=dt.date.fromisoformat(update["on"]),
                    status_from=action.status,
                    status_to=status_to,
                    note=update.get("note", ""),
                    author="Demo data",
                )
            )
            if status_to is not None:
                action.status = status_to
        for link in data.get("plan_links", []):
            plan = self.plans[link["plan"]]
            target = self.session.exec(
                select(PlanItem).where(
                    PlanItem.plan_id == plan.id,
                    col(PlanItem.text).startswith(link["action_text_starts"]),
                )
            ).first()
            if target is None:
                raise ValueError(f"demo link: no action of {plan.name!r} starts {link['action_text_starts']!r}")
            self._add(ActionPlanLink(action_id=action.id or 0, plan_item_id=target.id or 0))
            self.counts["links"] += 1

    # -- plans ------------------------------------------------------------------------------
    def load_plans(self, data: Json) -> None:
        scales: dict[str, StatusScale] = {}
        for scale_data in data.get("scales", []):
            scale: StatusScale = self._add(StatusScale(name=scale_data["name"]))
            scales[scale.name] = scale
            for position, level in enumerate(scale_data["levels"]):
                self._add(
                    StatusLevel(
                        scale_id=scale.id or 0,
                        position=position,
                        code=level["code"],
                        label=level.get("label", level["code"].title()),
                        colour=level["colour"],
                        meaning=level.get("meaning", ""),
                        means_complete=bool(level.get("means_complete", False)),
                    )
                )
        boards = {b.name: b for b in self.session.exec(select(Board)).all()}
        for plan_data in data["plans"]:
            board = boards.get(plan_data.get("board", ""))
            progress = scales.get(plan_data.get("progress_scale") or "")
            impact = scales.get(plan_data.get("impact_scale") or "")
            plan: Plan = self._add(
                Plan(
                    name=plan_data["name"],
                    board_id=board.id if board else None,
                    period_start=_date(plan_data.get("period_start")),
                    period_end=_date(plan_data.get("period_end")),
                    period_text=plan_data.get("period_text", ""),
                    background=plan_data.get("background", ""),
                    governance=plan_data.get("governance", ""),
                    progress_scale_id=progress.id if progress else None,
                    impact_scale_id=impact.id if impact else None,
                )
            )
            self.plans[plan.name] = plan
        recommendations = self._load_recommendations(data.get("review_sources", []))
        for plan_data in data["plans"]:
            plan = self.plans[plan_data["name"]]
            for position, node in enumerate(plan_data.get("items", [])):
                self._load_plan_item(plan, None, position, node, recommendations)
            if any(_mentions_recommendations(node) for node in plan_data.get("items", [])):
                for recommendation in recommendations.values():
                    recommendation.plan_id = plan.id

    def _load_recommendations(self, sources: list[Json]) -> dict[str, Recommendation]:
        found: dict[str, Recommendation] = {}
        for source_data in sources:
            source: ReviewSource = self._add(
                ReviewSource(
                    title=source_data["title"],
                    kind=ReviewKind(source_data.get("kind", "inspection")),
                    reported_on=_date(source_data.get("reported_on")),
                )
            )
            for entry in source_data.get("recommendations", []):
                found[str(entry["ref"])] = self._add(
                    Recommendation(
                        source_id=source.id or 0,
                        ref=str(entry["ref"]),
                        text=entry["text"],
                        key_area=entry.get("key_area", ""),
                        lead=entry.get("lead", ""),
                    )
                )
        return found

    def _load_plan_item(
        self,
        plan: Plan,
        parent: PlanItem | None,
        position: int,
        data: Json,
        recommendations: dict[str, Recommendation],
    ) -> None:
        due_text = data.get("due_text", "")
        due = parse_due_text(due_text)
        outcomes = data.get("outcomes", [])
        item: PlanItem = self._add(
            PlanItem(
                plan_id=plan.id or 0,
                parent_id=parent.id if parent else None,
                kind=PlanItemKind(data["kind"]),
                position=position,
                ref=data.get("ref", ""),
                text=data["text"],
                description=data.get("description", ""),
                due_text=due_text,
                due_kind=due.kind,
                due_date=due.date,
                due_note=due.note,
                lead_text=data.get("lead_text", ""),
                outcomes="\n".join(outcomes) if isinstance(outcomes, list) else str(outcomes),
                evidence_of_impact=data.get("evidence_of_impact", ""),
                oversight_group=data.get("oversight_group", ""),
                kpi_refs_text=data.get("kpi_refs_text", ""),
                recommendation_refs_text=data.get("recommendation_refs_text", ""),
            )
        )
        self.counts["plan items"] += 1
        for order, party in enumerate(split_parties(item.lead_text, known_names=self.parties.known_names())):
            ref = self.parties.resolve(party)
            self._add(
                PlanItemLead(plan_item_id=item.id or 0, person_id=ref.person_id, role_id=ref.role_id, position=order)
            )
        for ref_text in data.get("recommendations", []):
            recommendation = recommendations.get(str(ref_text))
            if recommendation is None:
                raise ValueError(f"demo plan item {item.ref} names unknown recommendation {ref_text!r}")
            self._add(PlanItemRecommendation(plan_item_id=item.id or 0, recommendation_id=recommendation.id or 0))
        for child_position, child in enumerate(data.get("children", [])):
            self._load_plan_item(plan, item, child_position, child, recommendations)

    def summary(self) -> str:
        return ", ".join(f"{n} {what}" for what, n in self.counts.items())


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _mentions_recommendations(node: Json) -> bool:
    return bool(node.get("recommendations")) or any(_mentions_recommendations(c) for c in node.get("children", []))
