"""Reads the formal-record screens need (issue 17) that no single service gives: an item's urgency,
the people a board's register of declarations lists, and a board's decisions within call-in.

Kept here so the GUI never queries the database itself (import-linter: gui does not import sqlmodel).
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from boardapp.core.models import AgendaItem
from boardapp.services import boards, decision_records, declarations, memberships, navigator
from boardapp.services.decision_records import DecisionRecordRow
from boardapp.services.errors import NotFound


def urgency_of(session: Session, item_id: int) -> tuple[bool, str]:
    """(is urgent, the chair's reason) as stored for the item."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound(f"There is no agenda item with id {item_id}; it may have been deleted.")
    return bool(item.is_urgent), item.urgency_reason


def register_people(session: Session, board_id: int) -> list[tuple[int, str]]:
    """Everyone who is or was a member of the board, and anyone who declared an interest at its meetings."""
    people = {row.person_id: (row.formal_name, row.name) for row in memberships.board_members(session, board_id)}
    for meeting in navigator.list_meetings(session, board_id):
        for row in declarations.declarations_for_meeting(session, meeting.id):
            people.setdefault(row.person_id, (row.person_name, row.person_name))
    ordered = sorted(people.items(), key=lambda entry: memberships.surname_key(entry[1][1]))
    return [(person_id, names[0]) for person_id, names in ordered]


def board_call_in(session: Session, board_id: int, today: dt.date) -> list[DecisionRecordRow]:
    """The board's decisions with a record that have not yet taken effect on `today`, the soonest first."""
    name = boards.board_settings(session, board_id).name  # board names are unique
    return [row for row in decision_records.decisions_within_call_in(session, today) if row.board_name == name]
