"""What is Part II (exempt) business of some boards, and what the board also recorded in public.

The exempt-text guard (`guard.check_public_text`) looks for the text gathered here in every public
output. `collect_part2` reads, in a fixed handful of queries:

- the exempt texts, each with where it comes from (for the refusal message): the notes, reason,
  presenters and paper titles of exempt items, the title of an exempt item whose title may not be
  shown, every decision and action stamped exempt (wherever its item went);
- what a public version may show of them: the titles that may be shown, and the public statements
  and exclusion resolutions built from the Schedule 12A paragraphs;
- the public record: the text of non-exempt business, with the date the board recorded it, so a
  sentence the board first recorded in public is a warning, not a refusal, when exempt business
  repeats it later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_
from sqlalchemy import select as wide_select
from sqlmodel import Session, col, select

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
    Paper,
    Person,
    PlanItem,
    Recommendation,
    Role,
)
from boardapp.core.schedule12a import exclusion_resolution, public_statement
from boardapp.exporting.backends.text import long_date

Order = tuple[dt.date, int]
"""When the board recorded a text: its meeting's date, then the item's place on that agenda."""
EARLIEST: Order = (dt.date.min, 0)  # text with no meeting (names, boards, plans): public from the start
LATEST: Order = (dt.date.max, 0)  # exempt text with no meeting: nothing public can come after it
UNPLACED = 10**6  # an action no longer under an item: after every item of its meeting


@dataclass(frozen=True)
class ExemptSource:
    """One piece of exempt text and where it is from, as a refusal names it."""

    text: str
    label: str  # "item 5 “Staffing matter” of 12 September 2017 (notes)"
    on: Order  # when the board recorded it (LATEST when not known)
    whole: bool = False  # a short field (name, paper, action) looked for as a whole, not by sentences
    name: bool = False  # a presenter: public already if public business of the same meeting names them


@dataclass(frozen=True)
class Part2Texts:
    sources: tuple[ExemptSource, ...]
    allowed: tuple[str, ...]  # what a public version may show: shown titles, statements, resolutions
    public: tuple[tuple[str, Order], ...] = field(default=())  # text of public business, with when
    public_names: tuple[tuple[str, Order], ...] = field(default=())  # presenters of public items, with when

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(source.text for source in self.sources)


def collect_part2(session: Session, board_ids: Iterable[int] | None = None) -> Part2Texts:
    """The exempt and public texts of the given boards (all boards when None)."""
    boards = None if board_ids is None else sorted(set(board_ids))
    meeting_query = select(col(Meeting.id), col(Meeting.date), col(Meeting.board_id))
    if boards is not None:
        meeting_query = meeting_query.where(col(Meeting.board_id).in_(boards))
    meetings = {mid: (day, board) for mid, day, board in session.exec(meeting_query).all()}
    items = list(session.exec(select(AgendaItem).where(col(AgendaItem.meeting_id).in_(list(meetings)))).all())
    by_id = {item.id: item for item in items}
    item_ids = list(by_id)

    def item_date(item_id: int | None) -> Order:
        item = by_id.get(item_id)
        return (meetings[item.meeting_id][0], item.position) if item is not None else LATEST

    def item_label(item_id: int | None, what: str) -> str:
        item = by_id.get(item_id)
        if item is None:
            return what
        title = " ".join(item.title.split())[:60]
        return f"item {item.position} “{title}” of {long_date(meetings[item.meeting_id][0])} ({what})"

    sources: list[ExemptSource] = []
    allowed: list[str] = []
    public: list[tuple[str, Order]] = []
    public_names: list[tuple[str, Order]] = []
    exempt_ids = {item.id for item in items if item.is_exempt}
    for item in items:
        day = item_date(item.id)
        if item.is_exempt:
            if item.exempt_reason.strip():
                sources.append(ExemptSource(item.exempt_reason, item_label(item.id, "exemption reason"), day, True))
            if item.show_title_when_exempt:
                allowed.append(item.title)
            else:
                sources.append(ExemptSource(item.title, item_label(item.id, "withheld title"), day, True))
            allowed.append(public_statement(item.exempt_paragraph))
            allowed.append(exclusion_resolution([item.exempt_paragraph]))
        else:
            public.append((item.title, day))
    for item_id, notes in session.exec(
        select(Minute.agenda_item_id, Minute.notes).where(col(Minute.agenda_item_id).in_(item_ids))
    ).all():
        if item_id in exempt_ids:
            sources.append(ExemptSource(notes, item_label(item_id, "notes"), item_date(item_id)))
        else:
            public.append((notes, item_date(item_id)))
    for item_id, text, stamped in session.exec(
        select(Decision.agenda_item_id, Decision.text, Decision.is_exempt).where(
            col(Decision.agenda_item_id).in_(item_ids)
        )
    ).all():
        if stamped or item_id in exempt_ids:
            sources.append(ExemptSource(text, item_label(item_id, "decision"), item_date(item_id), True))
        else:
            public.append((text, item_date(item_id)))
    for item_id, title in session.exec(
        select(Paper.agenda_item_id, Paper.title).where(col(Paper.agenda_item_id).in_(item_ids))
    ).all():
        if item_id in exempt_ids:
            sources.append(ExemptSource(title, item_label(item_id, "paper"), item_date(item_id), True))
        else:
            public.append((title, item_date(item_id)))
    for item_id, person, role in session.exec(
        select(AgendaItemPresenter.agenda_item_id, Person.name, Role.name)
        .outerjoin(Person, col(Person.id) == AgendaItemPresenter.person_id)
        .outerjoin(Role, col(Role.id) == AgendaItemPresenter.role_id)
        .where(col(AgendaItemPresenter.agenda_item_id).in_(item_ids))
    ).all():
        name = person or role or ""
        if item_id in exempt_ids:
            sources.append(ExemptSource(name, item_label(item_id, "presenter"), item_date(item_id), True, True))
        else:
            public.append((name, item_date(item_id)))
            public_names.append((name, item_date(item_id)))
    columns: tuple[Any, ...] = (
        Action.ref, Action.text, Action.is_exempt, Action.raised_item_id, Action.raised_meeting_id,
    )  # fmt: skip
    action_query = wide_select(*columns)  # five columns: past sqlmodel's typed overloads
    if boards is not None:
        action_query = action_query.where(col(Action.board_id).in_(boards))
    for ref, text, stamped, item_id, meeting_id in session.execute(action_query).all():
        raised_on = meetings[meeting_id][0] if meeting_id in meetings else LATEST[0]
        when: Order = (raised_on, by_id[item_id].position if item_id in by_id else UNPLACED)
        if stamped or item_id in exempt_ids:
            where = item_label(item_id, f"action {ref}") if item_id in by_id else f"action {ref} (exempt)"
            sources.append(ExemptSource(text, where, when, True))
        else:
            public.append((text, EARLIEST if meeting_id is None else when))
    # Names and boards print in public documents (membership, attendance, owners): public from the start.
    board_query = select(Board.name, Board.short_name)
    if boards is not None:
        board_query = board_query.where(col(Board.id).in_(boards))
    for name, short in session.exec(board_query).all():
        public += [(name, EARLIEST), (short, EARLIEST)]
    # People printed by public documents: members, those attending, owners of public actions.
    member_query = select(Membership.person_id)
    if boards is not None:
        member_query = member_query.where(col(Membership.board_id).in_(boards))
    people: set[int | None] = set(session.exec(member_query).all())
    people |= set(
        session.exec(select(Attendance.person_id).where(col(Attendance.meeting_id).in_(list(meetings)))).all()
    )
    owner_query = (
        select(ActionOwner.person_id, Role.name)
        .join(Action, col(Action.id) == ActionOwner.action_id)
        .outerjoin(Role, col(Role.id) == ActionOwner.role_id)
        .where(col(Action.is_exempt).is_(False))
    )
    if boards is not None:
        owner_query = owner_query.where(col(Action.board_id).in_(boards))
    for person_id, role in session.exec(owner_query).all():
        people.add(person_id)
        public.append((role or "", EARLIEST))
    for someone in session.exec(select(Person).where(col(Person.id).in_([p for p in people if p]))).all():
        public += [(someone.name, EARLIEST), (someone.formal_name, EARLIEST)]
    # Plans and recommendations are published documents: public from the start.
    for texts in session.exec(select(PlanItem.text, PlanItem.description, PlanItem.outcomes)).all():
        public += [(text, EARLIEST) for text in texts]
    public += [(text, EARLIEST) for text in session.exec(select(Recommendation.text)).all()]
    return Part2Texts(
        sources=tuple(s for s in sources if s.text.strip()),
        allowed=tuple(dict.fromkeys(a for a in allowed if a)),
        public=tuple((text, day) for text, day in public if text and text.strip()),
        public_names=tuple((name, day) for name, day in public_names if name and name.strip()),
    )


def exempt_action_ids(session: Session, action_ids: Iterable[int]) -> set[int]:
    """Which of these actions are Part II: stamped, or (for safety) raised under an item that is exempt now."""
    ids = list(action_ids)
    found: set[int | None] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            session.exec(
                select(col(Action.id))
                .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
                .where(col(Action.id).in_(chunk))
                .where(or_(col(Action.is_exempt).is_(True), col(AgendaItem.is_exempt).is_(True)))
            ).all()
        )
    return {i for i in found if i is not None}

