"""The demo's formal record (issue 17): resources/demo/formal_record.json laid over the 12 September
2017 meeting through the real services, so the demo shows what a clerk would have recorded.

Run by `services.demo.load_demo` after the meetings are loaded. Every rule the services apply (a
declaration's nature, only members in the room vote, urgent business needs a reason) applies here too.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from boardapp.core.enums import AttendanceKind, ItemPurpose, MeetingStatus, MinuteNumbering
from boardapp.core.models import AgendaItem, Board, Meeting, Minute, Person
from boardapp.core.models.record import InterestAction, InterestKind, VoteChoice
from boardapp.services import agenda, attendance, boards, declarations, minute_numbers, minuting, urgent_items, votes

Json = dict[str, Any]


def _person_id(session: Session, name: str) -> int:
    person = session.exec(select(Person).where(Person.name == name)).first()
    if person is None or person.id is None:
        raise ValueError(f"demo record: {name!r} is not among the people")
    return person.id


def _item_id(session: Session, meeting_id: int, title: str) -> int:
    item = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, AgendaItem.title == title)
    ).first()
    if item is None or item.id is None:
        raise ValueError(f"demo record: no item {title!r}")
    return item.id


def _meeting(session: Session, data: Json) -> Meeting:
    return session.exec(select(Meeting).where(col(Meeting.date) == dt.date.fromisoformat(data["meeting"]))).one()


def load_board_settings(session: Session, path: Path) -> None:
    """The demo board's quorum, minute numbering and call-in period (formal_record.json "board")."""
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    board = session.get(Board, _meeting(session, data).board_id)
    assert board is not None and board.id is not None
    settings = dict(data.get("board", {}))
    if "minute_numbering" in settings:
        settings["minute_numbering"] = MinuteNumbering(settings["minute_numbering"])
    boards.update_board(session, board.id, **settings)


def load_formal_record(session: Session, path: Path) -> dict[str, int]:
    """The board's settings, then the record laid over its meeting; returns counts for the summary line."""
    load_board_settings(session, path)
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    meeting = _meeting(session, data)
    assert meeting.id is not None
    meeting_id = meeting.id

    urgent = data["urgent_item"]
    position = session.get(AgendaItem, _item_id(session, meeting_id, urgent["before"]))
    assert position is not None
    item_id, _ = agenda.add_item(
        session,
        meeting_id,
        urgent["title"],
        position=position.position,
        purpose=ItemPurpose(urgent.get("purpose", "unspecified")),
        minutes_allowed=urgent.get("minutes_allowed"),
    )
    urgent_items.mark_urgent(session, item_id, urgent["reason"])
    session.add(Minute(agenda_item_id=item_id, notes=urgent.get("notes", "")))
    session.flush()

    for entry in data.get("attendance", []):
        person_id = _person_id(session, entry["person"])
        attendance.set_attendance(session, meeting_id, person_id, AttendanceKind(entry["kind"]))
        if entry.get("left_after_item"):
            left = _item_id(session, meeting_id, entry["left_after_item"])
            attendance.note_departure(session, meeting_id, person_id, left)

    for entry in data.get("declarations", []):
        declarations.record_declaration(
            session,
            meeting_id,
            _person_id(session, entry["person"]),
            InterestKind(entry["kind"]),
            agenda_item_id=_item_id(session, meeting_id, entry["item"]) if entry.get("item") else None,
            nature=entry.get("nature", ""),
            nature_withheld=bool(entry.get("nature_withheld", False)),
            action=InterestAction(entry["action"]),
        )

    decision_id, _ = minuting.add_decision(session, item_id, urgent["decision"])
    vote = urgent["vote"]
    choices = {_person_id(session, name): VoteChoice.FOR for name in vote.get("for", [])}
    choices |= {_person_id(session, name): VoteChoice.AGAINST for name in vote.get("against", [])}
    choices |= {_person_id(session, name): VoteChoice.ABSTAIN for name in vote.get("abstain", [])}
    votes.record_named_vote(
        session,
        decision_id,
        choices,
        motion=vote.get("motion", ""),
        mover_id=_person_id(session, vote["mover"]) if vote.get("mover") else None,
        seconder_id=_person_id(session, vote["seconder"]) if vote.get("seconder") else None,
    )

    session.refresh(meeting)
    meeting.status = MeetingStatus(data.get("status", meeting.status))
    session.add(meeting)
    session.flush()
    minute_numbers.assign_minute_numbers(session, meeting_id)
    session.flush()
    return {"declarations": len(data.get("declarations", [])), "votes": 1, "urgent items": 1}
