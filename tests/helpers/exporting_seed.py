"""Test data for the export tests, built straight into the tables (no services involved).

data/improvement_board.json holds the 1 August 2017 minutes of seed 003 (every person, item,
note, resolution and action) plus made-up June, September and October meetings around it: the
September agenda has an exempt item with notes, a decision, an action and a paper.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from boardapp.core.enums import (
    ActionStatus,
    AttendanceKind,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    MemberRole,
    StandingKind,
)
from boardapp.core.models import (
    Action,
    ActionOwner,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Meeting,
    Membership,
    Minute,
    Organisation,
    Paper,
    Person,
    Role,
)

DATA = Path(__file__).parents[1] / "unit" / "exporting" / "data" / "improvement_board.json"
BOARD_NAME = "Lancashire Children's Services Improvement Board"


def seed_data() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


@dataclass
class SeedIds:
    board_id: int
    meetings: dict[str, int]  # ISO date -> meeting id


def build_seed_board(session: Session) -> SeedIds:
    data = seed_data()
    orgs: dict[str, int] = {}

    def org(name: str) -> int | None:
        if not name:
            return None
        if name not in orgs:
            row = Organisation(name=name)
            session.add(row)
            session.flush()
            orgs[name] = row.id or 0
        return orgs[name]

    people: dict[str, int] = {}
    for entry in data["people"]:
        person = Person(
            name=entry["name"],
            title=entry.get("title", ""),
            honours=entry.get("honours", ""),
            organisation_id=org(entry.get("organisation", "")),
            aliases=entry.get("aliases", []),
        )
        session.add(person)
        session.flush()
        people[person.name] = person.id or 0
    roles: dict[str, int] = {}
    for name in data["roles"]:
        role = Role(name=name)
        session.add(role)
        session.flush()
        roles[name] = role.id or 0

    def party(name: str) -> dict[str, int | None]:
        return (
            {"role_id": roles[name], "person_id": None}
            if name in roles
            else {"person_id": people[name], "role_id": None}
        )

    board_data = data["board"]
    board = Board(
        name=board_data["name"], short_name=board_data["short_name"], default_venue=board_data["default_venue"]
    )
    session.add(board)
    session.flush()
    for member in board_data["members"]:
        session.add(
            Membership(
                board_id=board.id or 0,
                person_id=people[member["person"]],
                role=MemberRole(member["role"]),
                represents_id=org(member.get("represents", "")),
            )
        )
    meetings: dict[str, Meeting] = {}
    for entry in data["meetings"]:
        meeting = Meeting(
            board_id=board.id or 0,
            date=dt.date.fromisoformat(entry["date"]),
            start_time=dt.time.fromisoformat(entry["start_time"]),
            venue=entry["venue"],
            status=MeetingStatus(entry["status"]),
        )
        session.add(meeting)
        session.flush()
        meetings[entry["date"]] = meeting
    number = 0
    for entry in data["meetings"]:
        meeting = meetings[entry["date"]]
        if entry.get("minutes_approved_at"):
            approving = meetings[entry["minutes_approved_at"]]
            meeting.minutes_approved_at_id = approving.id
            meeting.minutes_approved_on = approving.date
        for position, att in enumerate(entry.get("attendance", []), start=1):
            session.add(
                Attendance(
                    meeting_id=meeting.id or 0,
                    person_id=people[att["person"]],
                    kind=AttendanceKind(att["kind"]),
                    position=position,
                    organisation_id=org(att.get("organisation", "")),
                    capacity=att.get("capacity", ""),
                )
            )
        for position, it in enumerate(entry.get("items", []), start=1):
            exempt = it.get("exempt") or {}
            item = AgendaItem(
                meeting_id=meeting.id or 0,
                position=position,
                title=it["title"],
                purpose=ItemPurpose(it.get("purpose", "unspecified")),
                minutes_allowed=it.get("minutes_allowed"),
                standing_kind=StandingKind(it.get("standing_kind", "none")),
                is_exempt=bool(exempt),
                exempt_paragraph=exempt.get("paragraph", ""),
                exempt_reason=exempt.get("reason", ""),
            )
            session.add(item)
            session.flush()
            for order, name in enumerate(it.get("presenters", [])):
                session.add(AgendaItemPresenter(agenda_item_id=item.id or 0, position=order, **party(name)))
            for order, title in enumerate(it.get("papers", [])):
                session.add(Paper(agenda_item_id=item.id or 0, position=order, title=title))
            if it.get("notes"):
                session.add(Minute(agenda_item_id=item.id or 0, notes=it["notes"]))
            for order, text in enumerate(it.get("decisions", [])):
                session.add(Decision(agenda_item_id=item.id or 0, position=order, text=text, is_exempt=item.is_exempt))
            for order, act in enumerate(it.get("actions", []), start=1):
                number += 1
                due = act.get("due") or {"kind": "none"}
                action = Action(
                    board_id=board.id or 0,
                    ref=f"IB-{meeting.date:%Y%m%d}-{number:02d}",
                    text=act["text"],
                    raised_meeting_id=meeting.id,
                    raised_item_id=item.id,
                    position=order,
                    due_kind=DueKind(due["kind"]),
                    due_meeting_id=meetings[due["meeting"]].id if due.get("meeting") else None,
                    due_text=due.get("phrase", ""),
                    status=ActionStatus(act.get("status", "open")),
                    is_exempt=item.is_exempt,  # stamped as the services stamp business of an exempt item
                    exempt_paragraph=item.exempt_paragraph if item.is_exempt else "",
                )
                session.add(action)
                session.flush()
                for owner_order, owner in enumerate(act["owners"]):
                    session.add(ActionOwner(action_id=action.id or 0, position=owner_order, **party(owner)))
    session.flush()
    return SeedIds(board_id=board.id or 0, meetings={day: m.id or 0 for day, m in meetings.items()})
