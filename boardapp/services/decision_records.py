"""Decision records: the reasons, alternatives rejected, conflicts, and when a decision takes effect.

A decision that may be called in takes effect once the call-in period (a board setting, in
working days after the decision) has passed; until then it is listed as "within call-in".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from boardapp.core.models import AgendaItem, Board, Decision, Meeting
from boardapp.core.rules.working_days import is_working_day
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.holidays import bank_holidays
from boardapp.services.lifecycle import ensure_item_editable

_DAY = dt.timedelta(days=1)


def add_working_days(day: dt.date, count: int, holidays: frozenset[dt.date]) -> dt.date:
    """The `count`-th working day after `day` (weekends and bank holidays skipped)."""
    if count < 0:
        raise ValueError("the number of working days cannot be negative")
    counted = 0
    while counted < count:
        day += _DAY
        if is_working_day(day, holidays):
            counted += 1
    return day


@dataclass(frozen=True)
class DecisionRecordRow:
    decision_id: int
    board_name: str
    meeting_date: dt.date
    item_title: str
    text: str
    reasons: str
    alternatives_rejected: str
    conflicts: str
    takes_effect_on: dt.date | None


def _context(session: Session, decision: Decision) -> tuple[AgendaItem, Meeting, Board]:
    item = session.get(AgendaItem, decision.agenda_item_id)
    meeting = session.get(Meeting, item.meeting_id) if item else None
    board = session.get(Board, meeting.board_id) if meeting else None
    if item is None or meeting is None or board is None:
        raise NotFound("That decision's meeting no longer exists.")
    return item, meeting, board


def call_in_ends(session: Session, decision_id: int, holidays: frozenset[dt.date] | None = None) -> dt.date:
    """The date the decision takes effect: its meeting date plus the board's call-in working days."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("That decision no longer exists.")
    _, meeting, board = _context(session, decision)
    return add_working_days(meeting.date, board.call_in_days, bank_holidays() if holidays is None else holidays)


def set_decision_record(
    session: Session,
    decision_id: int,
    *,
    needs_record: bool = True,
    reasons: str = "",
    alternatives_rejected: str = "",
    conflicts: str = "",
    holidays: frozenset[dt.date] | None = None,
) -> Changes:
    """Set the record fields; `takes_effect_on` follows from the call-in period (None when no record is needed)."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("That decision no longer exists.")
    ensure_item_editable(session, decision.agenda_item_id)
    if needs_record and not reasons.strip():
        raise InvalidChange("A decision record gives the reasons for the decision.")
    decision.needs_record = needs_record
    decision.reasons = reasons.strip()
    decision.alternatives_rejected = alternatives_rejected.strip()
    decision.conflicts = conflicts.strip()
    assert decision.id is not None
    decision.takes_effect_on = call_in_ends(session, decision.id, holidays) if needs_record else None
    session.add(decision)
    return of(minutes=decision.agenda_item_id)


def decision_record(session: Session, decision_id: int) -> DecisionRecordRow:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound("That decision no longer exists.")
    item, meeting, board = _context(session, decision)
    assert decision.id is not None
    return DecisionRecordRow(
        decision_id=decision.id,
        board_name=board.name,
        meeting_date=meeting.date,
        item_title=item.title,
        text=decision.text,
        reasons=decision.reasons,
        alternatives_rejected=decision.alternatives_rejected,
        conflicts=decision.conflicts,
        takes_effect_on=decision.takes_effect_on,
    )


def decisions_within_call_in(session: Session, today: dt.date) -> list[DecisionRecordRow]:
    """Decisions with a record that have not yet taken effect, the soonest first."""
    ids = session.exec(
        select(Decision.id)
        .where(
            Decision.needs_record == True,  # noqa: E712 (SQL comparison)
            col(Decision.takes_effect_on).is_not(None),
            col(Decision.takes_effect_on) > today,
        )
        .order_by(col(Decision.takes_effect_on), col(Decision.id))
    ).all()
    return [decision_record(session, decision_id) for decision_id in ids if decision_id is not None]
