"""Meetings, who attended, the agenda and the minute of each item."""

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from boardapp.core.enums import AttendanceKind, ItemPurpose, MeetingStatus, StandingKind
from boardapp.core.models._base import ONE_PARTY, utcnow


class Meeting(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("board_id", "date", "start_time", name="one_slot"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    date: dt.date = Field(index=True)
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str = ""
    title: str = ""  # only when it differs from the board's name ("Extraordinary meeting")
    status: MeetingStatus = MeetingStatus.SCHEDULED
    # The later meeting at which these minutes were "approved as an accurate record".
    minutes_approved_at_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    minutes_approved_on: dt.date | None = None
    rescheduled_from: dt.date | None = None
    cancelled_reason: str = ""
    updated_at: dt.datetime = Field(default_factory=utcnow)


class MeetingStatusChange(SQLModel, table=True):
    """Every lifecycle step, including reopening locked minutes, is kept with who and why."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    from_status: MeetingStatus
    to_status: MeetingStatus
    changed_at: dt.datetime = Field(default_factory=utcnow)
    changed_by: str = ""
    reason: str = ""


class AgendaItem(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int  # 1-based order; the printed number is derived from it
    title: str
    purpose: ItemPurpose = ItemPurpose.UNSPECIFIED
    minutes_allowed: int | None = None
    standing_kind: StandingKind = StandingKind.NONE
    # Part II business (Local Government (Access to Information) Act 1985, Schedule 12A).
    is_exempt: bool = False
    exempt_paragraph: str = ""  # "3"
    exempt_reason: str = ""
    show_title_when_exempt: bool = True  # may the public version name the item?
    is_urgent: bool = False  # urgent business the chair agreed to take (an item added late)
    urgency_reason: str = ""  # the chair's reason, which the minutes record
    minute_number: str = ""  # "23/17": fixed when the minutes are approved
    version: int = 1  # bumped on every edit: a save from an older version is an edit conflict
    updated_at: dt.datetime = Field(default_factory=utcnow)


class AgendaItemPresenter(SQLModel, table=True):
    __table_args__ = (CheckConstraint(ONE_PARTY, name="one_party"),)

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE")
    role_id: int | None = Field(default=None, foreign_key="role.id", ondelete="CASCADE")
    position: int = 0


class Paper(SQLModel, table=True):
    """A paper or appendix that goes with an agenda item; `location` is a path or URL."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", index=True)
    position: int = 0
    title: str
    location: str = ""


class Attendance(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("meeting_id", "person_id", name="once_per_meeting"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    kind: AttendanceKind
    position: int = 0  # order in which the minutes list them
    # Organisation shown against the name in these minutes (people move on; minutes must not change).
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", ondelete="SET NULL")
    capacity: str = ""  # "Care Leaver and LCC Apprentice", for those in attendance
    substitute_for_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    arrived_after_item_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    left_after_item_id: int | None = Field(default=None, foreign_key="agendaitem.id", ondelete="SET NULL")
    note: str = ""


class Minute(SQLModel, table=True):
    """The notes taken on one agenda item.

    `notes` is plain text: paragraphs separated by blank lines; a line starting with "- " is a
    bullet and "  - " a bullet under it. Plain text keeps live typing fast and exports exact.
    """

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", unique=True)
    notes: str = ""
    version: int = 1  # bumped on every save: two clerks cannot silently overwrite each other
    updated_at: dt.datetime = Field(default_factory=utcnow)


class Decision(SQLModel, table=True):
    """A "Resolved:" block of an item's minute."""

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", index=True)
    position: int = 0
    text: str
    is_exempt: bool = False  # stamped from the item when made: stays exempt whatever happens to the item
    needs_record: bool = False  # a formal decision record (reasons, call-in) is required
    reasons: str = ""
    alternatives_rejected: str = ""
    conflicts: str = ""  # conflicts of interest declared and dispensations granted
    takes_effect_on: dt.date | None = None  # after the call-in period
    updated_at: dt.datetime = Field(default_factory=utcnow)


class AgendaPlanReview(SQLModel, table=True):
    """A plan action put before a meeting for review, by the agenda builder or by hand."""

    __table_args__ = (UniqueConstraint("agenda_item_id", "plan_item_id", name="review_once"),)

    id: int | None = Field(default=None, primary_key=True)
    agenda_item_id: int = Field(foreign_key="agendaitem.id", ondelete="CASCADE", index=True)
    plan_item_id: int = Field(foreign_key="planitem.id", ondelete="CASCADE", index=True)
    position: int = 0


class Publication(SQLModel, table=True):
    """What was published for a meeting, when, and its checksum: "what did we publish, and when?"."""

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    kind: str  # "agenda", "pack", "public pack", "part ii supplement", "supplementary pack", "minutes"
    file_name: str = ""
    sha256: str = ""
    size: int = 0
    published_at: dt.datetime = Field(default_factory=utcnow)
    published_by: str = ""
    note: str = ""
    # The papers a pack held (Paper ids): a supplementary pack holds the papers no earlier pack did.
    paper_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
