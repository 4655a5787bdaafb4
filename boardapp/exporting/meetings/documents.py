"""The document models: everything an agenda or minutes shows, as display-ready plain data.

Builders (`boardapp.exporting.meetings.builders`) fill them from the database; backends (docx, pdf) only
lay them out. No ORM object is reachable from here, so a backend cannot read more than the
document holds — which is what makes the public version safe: what a public document does not
contain, no backend can print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

LANGUAGE = "en-GB"
EXEMPT_BANNER = "PART II – EXEMPT"
WITHHELD_TITLE = "Exempt item"
DRAFT_MARK = "DRAFT"
DECLARATIONS_HEADING = "Declarations of interest"


def exempt_mark(paragraph: str = "") -> str:
    """How a confidential document marks one piece of exempt business outside a Part II item."""
    numbers = ", ".join(n.strip() for n in paragraph.replace(" and ", ",").split(",") if n.strip())
    return f"[Exempt – paragraph {numbers}]" if numbers else "[Exempt]"


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    SUBHEADING = "subheading"  # a short lead-in line ("Ofsted") shown with weight
    BULLET = "bullet"
    SUB_BULLET = "sub_bullet"


@dataclass(frozen=True)
class NoteBlock:
    kind: BlockKind
    text: str  # may hold "\n" line breaks (paragraphs only)


@dataclass(frozen=True)
class Attendee:
    name: str  # formal name: "County Councillor Geoff Driver CBE"
    organisation: str  # or, for those in attendance, their capacity
    note: str = ""  # "substituting for Stephen Cox", "from item 3"


@dataclass(frozen=True)
class ActionLine:
    text: str
    owners: str  # "Chris Coyle/Amanda Hatton"
    due: str = ""  # "September 2017 meeting", "31 October 2017", "a future meeting", or as minuted
    due_kind: str = "none"  # "meeting" | "date" | "future_meeting" | "none" (see DueKind)

    @property
    def due_phrase(self) -> str:
        """ "for the September 2017 meeting", "by 31 October 2017", "at a future meeting"."""
        if not self.due:
            return ""
        if self.due_kind == "meeting":
            return f"for the {self.due}"
        if self.due_kind == "date":
            return f"by {self.due}"
        if self.due_kind == "future_meeting":
            return f"at {self.due}"
        return self.due

    @property
    def line(self) -> str:
        """The action as minuted: "text – Owner/Owner (for the September 2017 meeting)"."""
        text = self.text.rstrip().rstrip(".")
        line = f"{text} – {self.owners}" if self.owners else text
        return f"{line} ({self.due_phrase})" if self.due_phrase else line


@dataclass(frozen=True)
class Exemption:
    paragraph: str  # "1", or "" when not recorded
    reason: str
    statement: str  # the full exemption paragraph as printed


@dataclass(frozen=True)
class MinutesItem:
    number: str
    title: str
    presenters: str = ""
    notes: tuple[NoteBlock, ...] = ()
    decisions: tuple[str, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    exemption: Exemption | None = None  # set for an exempt item, in both versions
    withheld: bool = False  # public version of an exempt item: nothing but title and exemption
    exclusion: str = ""  # the resolution excluding press and public, minuted before the first exempt item
    urgency: str = ""  # "The chair agreed to take this item as urgent business because ..."
    declarations: tuple[str, ...] = ()  # declarations of interest, as the minutes word them
    votes: tuple[tuple[str, ...], ...] = ()  # per decision (same order): mover/seconder and vote sentences
    movements: tuple[str, ...] = ()  # after the item: "Councillor X arrived." / "... left the meeting."

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"

    def votes_on(self, index: int) -> tuple[str, ...]:
        """The vote sentences printed under the decision at `index` (0-based)."""
        return self.votes[index] if index < len(self.votes) else ()


@dataclass(frozen=True)
class DocumentInfo:
    """Metadata both backends write into the file (core properties / PDF info)."""

    title: str
    author: str
    subject: str
    keywords: str = ""
    language: str = LANGUAGE


@dataclass(frozen=True)
class Approval:
    statement: str  # "Approved as an accurate record at the meeting held on 12 September 2017."
    chair: str = ""  # the chair's name, printed under the signature line when known


@dataclass(frozen=True)
class MinutesDocument:
    board_name: str
    heading: str  # "Minutes of the Meeting held on Tuesday, 1st August, 2017 at 2.30 pm in ..."
    meeting_date: dt.date
    present: tuple[Attendee, ...]
    apologies: tuple[Attendee, ...]
    in_attendance: tuple[Attendee, ...]
    items: tuple[MinutesItem, ...]
    approval: Approval | None  # None: draft, shown with a DRAFT mark
    public: bool
    has_exempt_items: bool  # exempt items or any exempt business (a stamped action or decision)
    info: DocumentInfo
    warnings: tuple[str, ...] = ()
    declarations: tuple[str, ...] = ()  # a "Declarations of interest" section after attendance (no standing item)

    @property
    def draft(self) -> bool:
        return self.approval is None


@dataclass(frozen=True)
class Member:
    name: str
    organisation: str
    role: str = ""  # "Chair", "Vice-chair" (core/rules/member_roles.py); blank for members


@dataclass(frozen=True)
class DueAction:
    """An open action reviewed under "Minutes and actions from the last meeting"."""

    text: str
    owners: str
    raised: str  # "1 August 2017"
    due: str  # "12 September 2017 meeting", "31 October 2017"
    status: str  # "Open", "In progress", "Completed"
    overdue: bool


@dataclass(frozen=True)
class AgendaEntry:
    number: str
    title: str
    start_time: str = ""  # "2.30 pm"; blank once an earlier item has no time allowed
    minutes_allowed: int | None = None
    presenters: str = ""
    purpose: str = ""  # "For decision"
    papers: tuple[str, ...] = ()
    previous_minutes: str = ""  # "To agree the minutes of the meeting held on 1 August 2017 ..."
    actions_due: tuple[DueAction, ...] = ()
    exemption: Exemption | None = None
    withheld: bool = False
    plan_reviews: tuple[str, ...] = ()  # "1.2.3 Heat maps – Louise Storey – due 30 September 2017 (Amber)"

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class AgendaDocument:
    board_name: str
    heading: str  # "Meeting to be held on Tuesday, 12th September, 2017 at 2.30 pm in ..."
    meeting_date: dt.date
    membership: tuple[Member, ...]
    items: tuple[AgendaEntry, ...]
    closing_time: str  # "4.30 pm" when every item has a time allowed, else ""
    public: bool
    has_exempt_items: bool  # exempt items or any exempt business (an exempt action due here)
    info: DocumentInfo
    warnings: tuple[str, ...] = ()


Document = MinutesDocument | AgendaDocument


def page_mark(document: Document) -> str:
    """What the page header says beside the board's name: DRAFT and/or CONFIDENTIAL, or nothing."""
    draft = isinstance(document, MinutesDocument) and document.draft
    confidential = not document.public and document.has_exempt_items
    if draft and confidential:
        return f"{DRAFT_MARK} · CONFIDENTIAL (exempt information)"
    if draft:
        return f"{DRAFT_MARK} – subject to approval"
    return "CONFIDENTIAL – contains exempt information" if confidential else ""


def iter_text(value: object) -> Iterator[str]:
    """Every string a document holds, metadata included, in document order.

    The exempt-text guard reads this, so a field added to a model later is checked without anyone
    having to remember it.
    """
    if isinstance(value, StrEnum):
        return
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, tuple | list):
        for element in value:
            yield from iter_text(element)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name != "warnings":
                yield from iter_text(getattr(value, field.name))
        if isinstance(value, ActionLine):
            yield value.line


def document_text(document: Document) -> str:
    return "\n".join(iter_text(document))
