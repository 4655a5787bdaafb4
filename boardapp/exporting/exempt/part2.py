"""What is Part II (exempt) business of some boards, and what the board also recorded in public.

The exempt-text guard (`guard.check_public_text`) looks for the text gathered here in every public
output. `collect_part2` classifies the rows `services/part2_record.part2_record` reads (a fixed
handful of queries) into:

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

from sqlmodel import Session

from boardapp.core.schedule12a import exclusion_resolution, public_statement
from boardapp.exporting.backends.text import long_date
from boardapp.services.part2_record import Part2Item, part2_record
from boardapp.services.part2_record import exempt_action_ids as part2_record_exempt_action_ids

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
    """The exempt and public texts of the given boards (all boards when None), from the services' record."""
    record = part2_record(session, board_ids)
    meetings = record.meetings
    items = record.items
    by_id: dict[int | None, Part2Item] = {item.id: item for item in items}

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
    for item_id, notes in record.notes:
        if item_id in exempt_ids:
            sources.append(ExemptSource(notes, item_label(item_id, "notes"), item_date(item_id)))
        else:
            public.append((notes, item_date(item_id)))
    for item_id, text, stamped in record.decisions:
        if stamped or item_id in exempt_ids:
            sources.append(ExemptSource(text, item_label(item_id, "decision"), item_date(item_id), True))
        else:
            public.append((text, item_date(item_id)))
    for item_id, title in record.papers:
        if item_id in exempt_ids:
            sources.append(ExemptSource(title, item_label(item_id, "paper"), item_date(item_id), True))
        else:
            public.append((title, item_date(item_id)))
    for item_id, name in record.presenters:
        if item_id in exempt_ids:
            sources.append(ExemptSource(name, item_label(item_id, "presenter"), item_date(item_id), True, True))
        else:
            public.append((name, item_date(item_id)))
            public_names.append((name, item_date(item_id)))
    for action in record.actions:
        ref, raised_item, raised_at = action.ref, action.raised_item_id, action.raised_meeting_id
        raised_on = meetings[raised_at][0] if raised_at in meetings else LATEST[0]
        when: Order = (raised_on, by_id[raised_item].position if raised_item in by_id else UNPLACED)
        if action.is_exempt or raised_item in exempt_ids:
            where = item_label(raised_item, f"action {ref}") if raised_item in by_id else f"action {ref} (exempt)"
            sources.append(ExemptSource(action.text, where, when, True))
        else:
            public.append((action.text, EARLIEST if raised_at is None else when))
    # Names and boards print in public documents (membership, attendance, owners): public from the start.
    for name, short in record.boards:
        public += [(name, EARLIEST), (short, EARLIEST)]
    # People printed by public documents: members, those attending, owners of public actions.
    public += [(role, EARLIEST) for role in record.owner_roles]
    for name, formal_name in record.people:
        public += [(name, EARLIEST), (formal_name, EARLIEST)]
    # Plans and recommendations are published documents: public from the start.
    public += [(text, EARLIEST) for text in record.published]
    return Part2Texts(
        sources=tuple(s for s in sources if s.text.strip()),
        allowed=tuple(dict.fromkeys(a for a in allowed if a)),
        public=tuple((text, day) for text, day in public if text and text.strip()),
        public_names=tuple((name, day) for name, day in public_names if name and name.strip()),
    )


def exempt_action_ids(session: Session, action_ids: Iterable[int]) -> set[int]:
    """Which of these actions are Part II: stamped, or (for safety) raised under an item that is exempt now."""
    return part2_record_exempt_action_ids(session, action_ids)
