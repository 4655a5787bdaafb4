"""One meeting as its minutes read: header, attendance, and each agenda item with its minute.

A fixed set of queries (one per table) however many items the meeting has, so opening a
meeting stays well inside its 50 ms budget; the GUI and the exporters get plain frozen data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy import select as wide_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from boardapp.core.dates import long_date_with_weekday
from boardapp.core.enums import (
    ActionStatus,
    AttendanceKind,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    StandingKind,
)
from boardapp.core.models import (
    Action,
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
    Role,
)
from boardapp.services.actions import ACTION_STATUS_LABELS, due_label, owner_names_by_action

MEETING_STATUS_LABELS: dict[MeetingStatus, str] = {
    MeetingStatus.SCHEDULED: "Scheduled",
    MeetingStatus.AGENDA_PUBLISHED: "Agenda published",
    MeetingStatus.HELD: "Draft minutes",
    MeetingStatus.MINUTES_APPROVED: "Minutes approved",
    MeetingStatus.LOCKED: "Locked",
    MeetingStatus.CANCELLED: "Cancelled",
}

PURPOSE_LABELS: dict[ItemPurpose, str] = {
    ItemPurpose.DECISION: "For decision",
    ItemPurpose.DISCUSSION: "For discussion",
    ItemPurpose.INFORMATION: "For information",
    ItemPurpose.UNSPECIFIED: "",
}


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str  # formal: "County Councillor Geoff Driver CBE"
    organisation: str  # as recorded for this meeting, not the person's organisation today
    capacity: str
    substitute_for: str
    note: str
    own_organisation: str = ""  # the person's organisation today: what documents print when none was recorded
    arrived_after_item_id: int | None = None  # late arrival: present from the item after this one
    left_after_item_id: int | None = None


@dataclass(frozen=True)
class AttendanceGroups:
    present: tuple[Attendee, ...] = ()
    apologies: tuple[Attendee, ...] = ()
    absent: tuple[Attendee, ...] = ()
    in_attendance: tuple[Attendee, ...] = ()


@dataclass(frozen=True)
class PaperLine:
    title: str
    location: str


@dataclass(frozen=True)
class ActionLine:
    id: int
    ref: str
    text: str
    owner_names: tuple[str, ...]
    due_kind: DueKind
    due_label: str
    status: ActionStatus

    @property
    def owners(self) -> str:
        return "/".join(self.owner_names)

    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS.get(self.status, str(self.status))


@dataclass(frozen=True)
class DecisionLine:
    """A decision with its id and Part II stamp: the minutes print its votes and keep it out of public copies."""

    id: int
    text: str
    is_exempt: bool


@dataclass(frozen=True)
class ItemDetail:
    id: int
    number: int
    title: str
    presenters: tuple[str, ...]
    purpose: ItemPurpose
    minutes_allowed: int | None
    standing_kind: StandingKind
    is_exempt: bool
    exempt_paragraph: str
    exempt_reason: str
    show_title_when_exempt: bool
    papers: tuple[PaperLine, ...]
    notes: str
    decisions: tuple[str, ...]
    actions: tuple[ActionLine, ...]
    version: int = 1  # the item's edit version: its editor saves against it (services/conflicts.py)
    minute_number: str = ""  # "23/17" once fixed (services/minute_numbers.py)
    is_urgent: bool = False
    urgency_reason: str = ""
    decision_lines: tuple[DecisionLine, ...] = ()  # `decisions` with their ids and stamps, for the documents

    @property
    def purpose_label(self) -> str:
        return PURPOSE_LABELS.get(self.purpose, "")


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    board_id: int
    board_name: str
    title: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    venue: str
    status: MeetingStatus
    minutes_approved_on: dt.date | None
    cancelled_reason: str
    attendance: AttendanceGroups
    items: tuple[ItemDetail, ...]
    other_actions: tuple[ActionLine, ...]  # raised at the meeting but under no item
    minutes_approved_at_id: int | None = None  # the meeting that approved these minutes

    @property
    def status_label(self) -> str:
        return MEETING_STATUS_LABELS.get(self.status, str(self.status))

    @property
    def when(self) -> str:
        """ "Tuesday 1 August 2017, 2.30 pm", as a heading or the minutes' first line reads it."""
        text = long_date_with_weekday(self.date)
        return f"{text}, {time_label(self.start_time)}" if self.start_time else text


def time_label(time: dt.time) -> str:
    """Council style: "2.30 pm", "10.00 am", "12 noon"."""
    if time.hour == 12 and time.minute == 0:
        return "12 noon"
    hour = time.hour % 12 or 12
    return f"{hour}.{time.minute:02d} {'am' if time.hour < 12 else 'pm'}"


def meeting_detail(session: Session, meeting_id: int) -> MeetingDetail:
    """Everything the minutes of one meeting show; LookupError if there is no such meeting."""
    found = session.exec(
        select(Meeting, Board.name).join(Board, col(Board.id) == Meeting.board_id).where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        raise LookupError(f"There is no meeting with id {meeting_id}; it may have been deleted.")
    meeting, board_name = found
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    item_ids = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
    presenters = _presenters(session, item_ids)
    papers: dict[int, list[PaperLine]] = defaultdict(list)
    for paper in session.exec(
        select(Paper).where(col(Paper.agenda_item_id).in_(item_ids)).order_by(col(Paper.position), col(Paper.id))
    ).all():
        papers[paper.agenda_item_id].append(PaperLine(title=paper.title, location=paper.location))
    notes = {
        item_id: text
        for item_id, text in session.exec(
            select(Minute.agenda_item_id, Minute.notes).where(col(Minute.agenda_item_id).in_(item_ids))
        ).all()
    }
    decisions: dict[int, list[DecisionLine]] = defaultdict(list)
    for decision_id, item_id, text, stamped in session.exec(
        select(Decision.id, Decision.agenda_item_id, Decision.text, Decision.is_exempt)
        .where(col(Decision.agenda_item_id).in_(item_ids))
        .order_by(col(Decision.position), col(Decision.id))
    ).all():
        decisions[item_id].append(DecisionLine(id=decision_id or 0, text=text, is_exempt=bool(stamped)))
    actions_by_item = _actions(session, meeting_id)
    known_items = {item.id for item in items}
    unfiled = [line for item_id, lines in actions_by_item.items() if item_id not in known_items for line in lines]
    return MeetingDetail(
        id=meeting_id,
        board_id=meeting.board_id,
        board_name=board_name,
        title=meeting.title,
        date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        venue=meeting.venue,
        status=meeting.status,
        minutes_approved_on=meeting.minutes_approved_on,
        cancelled_reason=meeting.cancelled_reason,
        attendance=_attendance(session, meeting_id),
        items=tuple(
            ItemDetail(
                id=item.id or 0,
                number=item.position,
                title=item.title,
                presenters=tuple(presenters.get(item.id or 0, ())),
                purpose=item.purpose,
                minutes_allowed=item.minutes_allowed,
                standing_kind=item.standing_kind,
                is_exempt=item.is_exempt,
                exempt_paragraph=item.exempt_paragraph,
                exempt_reason=item.exempt_reason,
                show_title_when_exempt=item.show_title_when_exempt,
                papers=tuple(papers.get(item.id or 0, ())),
                notes=notes.get(item.id or 0, ""),
                decisions=tuple(line.text for line in decisions.get(item.id or 0, ())),
                actions=tuple(actions_by_item.get(item.id, ())),
                version=item.version,
                minute_number=item.minute_number,
                is_urgent=bool(item.is_urgent),
                urgency_reason=item.urgency_reason,
                decision_lines=tuple(decisions.get(item.id or 0, ())),
            )
            for item in items
        ),
        other_actions=tuple(unfiled),
        minutes_approved_at_id=meeting.minutes_approved_at_id,
    )


def _attendance(session: Session, meeting_id: int) -> AttendanceGroups:
    substitute = aliased(Person, name="substitute")
    own = aliased(Organisation, name="own")
    columns: list[Any] = [
        Attendance.kind, Attendance.person_id, Person.title, Person.name, Person.honours, Organisation.name,
        Attendance.capacity, substitute.name, Attendance.note, own.name, Attendance.arrived_after_item_id,
        Attendance.left_after_item_id,
    ]  # fmt: skip
    rows = session.execute(
        wide_select(*columns)
        .join(Person, col(Person.id) == Attendance.person_id)
        .outerjoin(Organisation, col(Organisation.id) == Attendance.organisation_id)
        .outerjoin(own, col(own.id) == Person.organisation_id)
        .outerjoin(substitute, col(substitute.id) == Attendance.substitute_for_id)
        .where(col(Attendance.meeting_id) == meeting_id)
        .order_by(col(Attendance.position), col(Attendance.id))
    ).all()
    groups: dict[AttendanceKind, list[Attendee]] = defaultdict(list)
    for kind, person_id, title, name, honours, organisation, capacity, substitute_for, note, *more in rows:
        own_organisation, arrived_after, left_after = more
        groups[kind].append(
            Attendee(
                person_id=person_id,
                name=" ".join(part for part in (title, name, honours) if part),
                organisation=organisation or "",
                capacity=capacity,
                substitute_for=substitute_for or "",
                note=note,
                own_organisation=own_organisation or "",
                arrived_after_item_id=arrived_after,
                left_after_item_id=left_after,
            )
        )
    return AttendanceGroups(
        present=tuple(groups[AttendanceKind.PRESENT]),
        apologies=tuple(groups[AttendanceKind.APOLOGIES]),
        absent=tuple(groups[AttendanceKind.ABSENT]),
        in_attendance=tuple(groups[AttendanceKind.IN_ATTENDANCE]),
    )


def _presenters(session: Session, item_ids: Select[Any]) -> dict[int, list[str]]:
    rows = session.exec(
        select(AgendaItemPresenter.agenda_item_id, Person.name, Role.name)
        .outerjoin(Person, col(Person.id) == AgendaItemPresenter.person_id)
        .outerjoin(Role, col(Role.id) == AgendaItemPresenter.role_id)
        .where(col(AgendaItemPresenter.agenda_item_id).in_(item_ids))
        .order_by(col(AgendaItemPresenter.position), col(AgendaItemPresenter.id))
    ).all()
    names: dict[int, list[str]] = defaultdict(list)
    for item_id, person, role in rows:
        names[item_id].append(person or role or "?")
    return names


def _actions(session: Session, meeting_id: int) -> dict[int | None, list[ActionLine]]:
    """Actions raised at the meeting, by the item they were raised under (None: no item)."""
    due = aliased(Meeting, name="due")
    columns: list[Any] = [
        Action.id, Action.raised_item_id, Action.ref, Action.text, Action.due_kind, Action.due_date,
        Action.due_text, due.date, Action.status,
    ]  # fmt: skip
    rows = session.execute(
        wide_select(*columns)
        .outerjoin(due, col(due.id) == Action.due_meeting_id)
        .where(col(Action.raised_meeting_id) == meeting_id)
        .order_by(col(Action.position), col(Action.id))
    ).all()
    owners = owner_names_by_action(session, select(Action.id).where(Action.raised_meeting_id == meeting_id))
    by_item: dict[int | None, list[ActionLine]] = defaultdict(list)
    for action_id, item_id, ref, text, kind, due_date, due_text, due_meeting_date, status in rows:
        by_item[item_id].append(
            ActionLine(
                id=action_id or 0,
                ref=ref,
                text=text,
                owner_names=tuple(owners.get(action_id or 0, ())),
                due_kind=kind,
                due_label=due_label(kind, due_meeting_date, due_date, due_text),
                status=status,
            )
        )
    return by_item
