"""Boards, the people who sit on them and the roles that can own work."""

from datetime import date

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from boardapp.core.enums import MemberRole, MinuteNumbering


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Person(SQLModel, table=True):
    """A named individual. `aliases` holds how minutes refer to them ("CC Driver")."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)  # as usually written: "Geoff Driver"
    title: str = ""  # prefix: "County Councillor", "Dr"
    honours: str = ""  # suffix: "CBE"
    description: str = ""  # "Care Leaver and LCC Apprentice"
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", ondelete="SET NULL")
    email: str = ""
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))

    @property
    def formal_name(self) -> str:
        return " ".join(part for part in (self.title, self.name, self.honours) if part)


class Role(SQLModel, table=True):
    """A role that can own an action or lead a plan item without naming anyone ("Heads of Service")."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""


class Board(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    short_name: str = ""  # used in action refs: "IB"
    description: str = ""
    default_venue: str = ""
    default_start_time: str = ""  # "14:30"
    # Standing items the agenda builder adds to every new meeting, in order.
    standing_items: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    usual_length_minutes: int | None = None  # a meeting's usual length: sets the default end time
    quorum: int | None = None  # members present needed for business to be transacted
    minute_numbering: MinuteNumbering = MinuteNumbering.NONE
    municipal_year_start_month: int = 5  # May, in English local government
    archived: bool = False  # kept with all its history, but hidden from new work
    publication_days: int = 5  # clear working days between publishing the agenda and the meeting
    call_in_days: int = 5  # working days a decision may be called in before it takes effect
    # The .docx whose styles the board's Word exports use (issue 15); "": the reference template in resources/.
    word_template: str = ""


class Membership(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("board_id", "person_id", "start_date", name="member_once"),)

    id: int | None = Field(default=None, primary_key=True)
    board_id: int = Field(foreign_key="board.id", ondelete="CASCADE", index=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    role: MemberRole = MemberRole.MEMBER
    # The organisation or interest the person represents on this board ("Primary Schools").
    represents_id: int | None = Field(default=None, foreign_key="organisation.id", ondelete="SET NULL")
    start_date: date | None = None
    end_date: date | None = None
