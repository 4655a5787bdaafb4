"""Build the agenda and minutes documents of one meeting from the services' read models.

The data comes from `services/meeting_documents.meeting_document` (the workspace's `meeting_detail`
plus what only a document prints) and the other services' reads, a fixed handful of queries, never
one per item; no query is written here. Each builder returns a frozen document holding
display-ready text only. The public version is decided here: an exempt item's notes,
decisions, actions, presenters and papers never enter a public document, so no backend can
print them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlmodel import Session

from boardapp.core.enums import (
    ActionStatus,
    DueKind,
    ItemPurpose,
    MeetingStatus,
    MemberRole,
    MinuteNumbering,
)
from boardapp.core.enums import StandingKind as Standing
from boardapp.core.models.record import VoteKind
from boardapp.core.rules.member_roles import ROLE_LABELS as MEMBER_ROLE_LABELS
from boardapp.core.schedule12a import PARAGRAPHS, exclusion_resolution, public_statement
from boardapp.exporting.backends.text import (
    Warnings,
    clean_text,
    clock_time,
    heading_date,
    long_date,
    month_year,
    parse_notes,
)
from boardapp.exporting.errors import MeetingNotFound
from boardapp.exporting.exempt.part2 import Part2Texts, collect_part2
from boardapp.exporting.meetings.documents import (
    WITHHELD_TITLE,
    ActionLine,
    AgendaDocument,
    AgendaEntry,
    Approval,
    Attendee,
    DocumentInfo,
    DueAction,
    Exemption,
    Member,
    MinutesDocument,
    MinutesItem,
    exempt_mark,
)
from boardapp.services.agenda_builder import PlanReviewRow, plan_reviews_of_meeting
from boardapp.services.declarations import DeclarationRow, declarations_for_meeting
from boardapp.services.meeting_documents import (
    DocumentAction,
    MemberLine,
    actions_due_at,
    meeting_document,
    meeting_ref,
    members_on,
)
from boardapp.services.meetings import Attendee as AttendeeRow
from boardapp.services.meetings import ItemDetail, MeetingDetail
from boardapp.services.navigator import MeetingRow
from boardapp.services.quorum import movement_notes
from boardapp.services.urgent_items import urgency_sentence
from boardapp.services.votes import motion_sentence, vote_sentence, votes_for_decision

OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED)
LATE_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
APPROVED_STATUSES = (MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED)
NOT_YET_HELD = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)  # the minutes "held on" would be untrue
STATUS_LABELS = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Completed",
    ActionStatus.CLOSED: "Closed",
    ActionStatus.CANCELLED: "Cancelled",
}
PURPOSE_LABELS = {
    ItemPurpose.DECISION: "For decision",
    ItemPurpose.DISCUSSION: "For discussion",
    ItemPurpose.INFORMATION: "For information",
    ItemPurpose.UNSPECIFIED: "",
}
ROLE_LABELS = {  # the app's own words (core/rules/member_roles.py): one spelling, "Vice-chair", everywhere
    MemberRole.CHAIR: MEMBER_ROLE_LABELS[MemberRole.CHAIR],
    MemberRole.VICE_CHAIR: MEMBER_ROLE_LABELS[MemberRole.VICE_CHAIR],
    MemberRole.CO_OPTED: "Co-opted",  # shorter than "Co-opted member" beside a name in the list of members
}
ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.MEMBER: 2, MemberRole.CO_OPTED: 3}

# Local Government Act 1972, Schedule 12A, Part 1: the table lives in boardapp.core.schedule12a.
SCHEDULE_12A_PART_1 = PARAGRAPHS


def exemption_statement(paragraph: str, reason: str = "") -> str:
    """The paragraph printed for an exempt item: in a public version only the Schedule 12A paragraph and
    its statutory description (the clerk's reason may name a person); the confidential version adds the
    reason, marked as not for publication."""
    text = public_statement(paragraph)
    reason = " ".join(reason.split())
    if reason:
        text += f" Reason (confidential, not for publication): {reason}"
        text = text if text.endswith((".", "!", "?")) else text + "."
    return text


def join_names(names: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C": presenters as a sentence names them."""
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


OWNER_JOIN = "/"  # "Chris Coyle/Amanda Hatton", as the minutes write several owners


# -- the meeting as the documents read it ---------------------------------------------------------
class _Context:
    """The meeting (the services' read model), its board's calendar and numbering, loaded once per document."""

    def __init__(self, session: Session, meeting_id: int) -> None:
        self.session = session
        try:
            data = meeting_document(session, meeting_id)
        except LookupError:
            raise MeetingNotFound("", None, [], detail=f"There is no meeting with id {meeting_id}.") from None
        self.meeting: MeetingDetail = data.detail
        self.actions = data.actions
        self.warnings = Warnings()
        self.exempt_business = False  # set when a confidential document shows exempt business
        self.board_name = clean_text(self.meeting.board_name, "Board name", self.warnings)
        self.calendar: dict[int | None, MeetingRow] = {m.id: m for m in data.calendar}
        self.per_month = Counter(
            (m.date.year, m.date.month) for m in self.calendar.values() if m.status is not MeetingStatus.CANCELLED
        )
        self.items: list[ItemDetail] = list(self.meeting.items)
        self.item_ids = [item.id for item in self.items]
        self.number = {item.id: str(index) for index, item in enumerate(self.items, start=1)}
        # The minutes print the fixed minute number ("23/17") when the board numbers its minutes.
        numbered = data.minute_numbering is not MinuteNumbering.NONE
        self.minute_no = {
            item.id: (item.minute_number.strip() if numbered and item.minute_number.strip() else self.number[item.id])
            for item in self.items
        }

    def clean(self, text: str | None, where: str, *, multiline: bool = False) -> str:
        return clean_text(text, where, self.warnings, multiline=multiline)

    def where(self, item: ItemDetail) -> str:
        return f"Item {self.number[item.id]} ({' '.join(item.title.split())[:60]})"

    def meeting_phrase(self) -> str:
        """ "Tuesday, 1st August, 2017 at 2.30 pm in <venue>"."""
        phrase = heading_date(self.meeting.date)
        if self.meeting.start_time is not None:
            phrase += f" at {clock_time(self.meeting.start_time)}"
        venue = self.clean(self.meeting.venue, "Venue")
        return f"{phrase} in {venue}" if venue else phrase

    def due_label(self, action: DocumentAction) -> tuple[str, str]:
        """(label, kind) of an action's due point: ("September 2017 meeting", "meeting")."""
        kind = action.due_kind
        due_text = self.clean(action.due_text, "Action due text")
        if kind is DueKind.MEETING:
            due = self.calendar.get(action.due_meeting_id) if action.due_meeting_id else None
            if due is None:
                return due_text, "none"
            if self.per_month[(due.date.year, due.date.month)] > 1:
                return f"{long_date(due.date)} meeting", "meeting"
            return f"{month_year(due.date)} meeting", "meeting"
        if kind is DueKind.DATE:
            return (long_date(action.due_date), "date") if action.due_date else (due_text, "none")
        if kind is DueKind.FUTURE_MEETING:
            return "a future meeting", "future_meeting"
        return due_text, "none"

    def owners(self, actions: Iterable[DocumentAction]) -> dict[int | None, list[str]]:
        """Each action's owner names, cleaned in the order the services list them (by action)."""
        return {
            action.id: [self.clean(name, "Action owner") for name in action.owner_names]
            for action in sorted(actions, key=lambda action: action.id)
        }

    def presenters(self) -> dict[int | None, list[str]]:
        return {item.id: [self.clean(name, "Presenter") for name in item.presenters] for item in self.items}

    def exemption(self, item: ItemDetail, public: bool) -> Exemption | None:
        """The exemption printed with an exempt item; a public version never holds the clerk's reason."""
        if not item.is_exempt:
            return None
        where = f"{self.where(item)} exemption reason"
        paragraph = self.clean(item.exempt_paragraph, where)
        reason = "" if public else self.clean(item.exempt_reason, where)
        return Exemption(paragraph=paragraph, reason=reason, statement=exemption_statement(paragraph, reason))

    def exclusions(self) -> dict[int | None, str]:
        """The exclusion resolution, minuted before the first item of each run of exempt items."""
        found: dict[int | None, str] = {}
        run: list[ItemDetail] = []
        for item in [*self.items, None]:
            if item is not None and item.is_exempt:
                run.append(item)
                continue
            if run:
                found[run[0].id] = exclusion_resolution([i.exempt_paragraph for i in run])
                run = []
        return found

    def shown_title(self, item: ItemDetail, public: bool, show_exempt_titles: bool) -> str:
        if public and item.is_exempt and not (show_exempt_titles and item.show_title_when_exempt):
            return WITHHELD_TITLE
        return self.clean(item.title, f"Item {self.number[item.id]} title")

    def active_members(self, on: dt.date) -> list[MemberLine]:
        active = list(members_on(self.session, self.meeting.board_id, on))
        active.sort(key=lambda row: ROLE_ORDER.get(row.role, 3))
        return active


# -- minutes --------------------------------------------------------------------------------------
def build_minutes(
    session: Session, meeting_id: int, *, public: bool, show_exempt_titles: bool = True
) -> MinutesDocument:
    """The minutes of one meeting; `public` leaves out everything of exempt items but the title
    (when the item and `show_exempt_titles` allow) and the exemption paragraph."""
    ctx = _Context(session, meeting_id)
    meeting = ctx.meeting
    present, apologies, in_attendance = _attendance(ctx)
    presenters = ctx.presenters()
    record = _Record(ctx, public, show_exempt_titles)
    actions_by_item: dict[int | None, list[DocumentAction]] = defaultdict(list)
    for action in ctx.actions:
        actions_by_item[action.raised_item_id or 0].append(action)
    owners = ctx.owners(ctx.actions)

    items = []
    exclusions = ctx.exclusions()
    exempt_business = False  # a stamped action or decision under an item that is not (or no longer) exempt
    for item in ctx.items:
        number = ctx.minute_no[item.id]
        exemption = ctx.exemption(item, public)
        title = ctx.shown_title(item, public, show_exempt_titles)
        exclusion = exclusions.get(item.id, "")
        movements = record.movements.get(item.id, ())
        if public and item.is_exempt:
            items.append(
                MinutesItem(
                    number=number,
                    title=title,
                    exemption=exemption,
                    withheld=True,
                    exclusion=exclusion,
                    movements=movements,
                )
            )
            continue
        where = ctx.where(item)
        item_actions = []
        for action in actions_by_item.get(item.id, []):
            stamped = action.is_exempt and not item.is_exempt
            if stamped and public:
                continue  # exempt business stays exempt wherever its item went
            exempt_business |= stamped
            due, due_kind = ctx.due_label(action)
            text = ctx.clean(action.text, f"{where} action")
            item_actions.append(
                ActionLine(
                    text=f"{exempt_mark(action.exempt_paragraph)} {text}" if stamped else text,
                    owners=OWNER_JOIN.join(owners.get(action.id, [])),
                    due=due,
                    due_kind=due_kind,
                )
            )
        item_decisions = []
        item_votes = []
        for line in item.decision_lines:
            decision_id, stamped = line.id, line.is_exempt and not item.is_exempt
            text = ctx.clean(line.text, f"{where} decision")
            if not text or (stamped and public):
                continue
            exempt_business |= stamped
            item_decisions.append(f"{exempt_mark()} {text}" if stamped else text)
            item_votes.append(record.votes(decision_id, where))
        items.append(
            MinutesItem(
                number=number,
                title=title,
                presenters=join_names(presenters.get(item.id, [])),
                notes=parse_notes(ctx.clean(item.notes, f"{where} notes", multiline=True)),
                decisions=tuple(item_decisions),
                actions=tuple(item_actions),
                exemption=exemption,
                exclusion=exclusion,
                urgency=ctx.clean(urgency_sentence(item.urgency_reason), f"{where} urgency") if item.is_urgent else "",
                declarations=record.under(item),
                votes=tuple(item_votes),
                movements=movements,
            )
        )

    approval = _approval(ctx)
    kind = meeting.title.strip() or "Meeting"
    date_text = long_date(meeting.date)
    # A meeting not yet held has no minutes "held on" a future date: its draft says so (notes made ahead).
    minutes_of = "Draft minutes of the" if meeting.status in NOT_YET_HELD else "Minutes of the"
    held = "to be held on" if meeting.status in NOT_YET_HELD else "held on"
    info = DocumentInfo(
        title=f"{ctx.board_name}: minutes of {date_text}",
        author=ctx.board_name,
        subject=f"{minutes_of} {kind} {held} {ctx.meeting_phrase()}",
        keywords=", ".join(
            ("minutes", "draft" if approval is None else "approved", "public" if public else "confidential")
        ),
    )
    return MinutesDocument(
        board_name=ctx.board_name,
        heading=f"{minutes_of} {ctx.clean(kind, 'Meeting title')} {held} {ctx.meeting_phrase()}",
        meeting_date=meeting.date,
        present=tuple(present),
        apologies=tuple(apologies),
        in_attendance=tuple(in_attendance),
        items=tuple(items),
        approval=approval,
        public=public,
        has_exempt_items=exempt_business or any(item.is_exempt for item in ctx.items),
        info=info,
        warnings=ctx.warnings.as_tuple(),
        declarations=() if record.standing_item is not None else record.all_sentences,
    )


def _is_declarations_item(item: ItemDetail) -> bool:
    """The standing "Declarations of interest" item (there is no standing kind for it: its title says)."""
    title = " ".join(item.title.casefold().split())
    return "declaration" in title and "interest" in title


class _Record:
    """The formal record of the meeting as the minutes word it: declarations, votes, arrivals and departures.

    The public version names an exempt item only as the public agenda does and never prints the
    nature of a declaration made on it, nor a nature the member asked to withhold.
    """

    def __init__(self, ctx: _Context, public: bool, show_exempt_titles: bool) -> None:
        self.ctx = ctx
        self.public = public
        by_id = {item.id: item for item in ctx.items}
        self.standing_item = next((item for item in ctx.items if _is_declarations_item(item)), None)
        assert ctx.meeting.id is not None
        self.by_item: dict[int | None, list[str]] = defaultdict(list)
        self.all_sentences: tuple[str, ...] = ()
        sentences = []
        for row in declarations_for_meeting(ctx.session, ctx.meeting.id):
            item = by_id.get(row.agenda_item_id) if row.agenda_item_id is not None else None
            shown = self._shown(row, item, show_exempt_titles)
            sentence = ctx.clean(shown.sentence(public), "Declaration of interest")
            sentences.append(sentence)
            if item is not None and not (public and item.is_exempt):
                self.by_item[item.id].append(sentence)
        self.all_sentences = tuple(sentences)
        self.movements: dict[int | None, tuple[str, ...]] = {
            item_id: tuple(ctx.clean(note, "Arrival or departure") for note in notes)
            for item_id, notes in movement_notes(ctx.session, ctx.meeting.id).items()
        }

    def _shown(self, row: DeclarationRow, item: ItemDetail | None, show_exempt_titles: bool) -> DeclarationRow:
        if item is None:
            return row
        number = self.ctx.minute_no[item.id]
        if self.public and item.is_exempt:
            # An exempt item's business stays out of public minutes: the nature may tell it.
            title = self.ctx.shown_title(item, True, show_exempt_titles)
            return dataclasses.replace(row, item_number=number, item_title=title, nature_withheld=True)
        return dataclasses.replace(row, item_number=number, item_title=" ".join(item.title.split()))

    def under(self, item: ItemDetail) -> tuple[str, ...]:
        """What is printed under an item: its own declarations, or every one under the standing item."""
        if self.standing_item is not None and item.id == self.standing_item.id:
            return self.all_sentences if self.all_sentences else ("No declarations of interest were made.",)
        return tuple(self.by_item.get(item.id, ()))

    def votes(self, decision_id: int | None, where: str) -> tuple[str, ...]:
        if decision_id is None:
            return ()
        lines: list[str] = []
        for vote in votes_for_decision(self.ctx.session, decision_id):
            if vote.kind is VoteKind.AMENDMENT and vote.motion.strip():
                lines.append(self.ctx.clean(f"Amendment: {vote.motion}", f"{where} amendment"))
            for sentence in (motion_sentence(vote), vote_sentence(vote)):
                if sentence:
                    lines.append(self.ctx.clean(sentence, f"{where} vote"))
        return tuple(lines)


def _attendance(ctx: _Context) -> tuple[list[Attendee], list[Attendee], list[Attendee]]:
    groups = ctx.meeting.attendance
    return (
        [_attendee(ctx, row) for row in groups.present],
        [_attendee(ctx, row) for row in groups.apologies],
        [_attendee(ctx, row, in_attendance=True) for row in groups.in_attendance],
    )


def _attendee(ctx: _Context, row: AttendeeRow, *, in_attendance: bool = False) -> Attendee:
    """One line of attendance: the organisation recorded for the meeting (else the person's own), or the
    capacity of someone in attendance; substitution, late arrival and early departure as notes."""
    notes = []
    if row.substitute_for:
        notes.append(f"substituting for {row.substitute_for}")
    if row.arrived_after_item_id in ctx.number:
        index = int(ctx.number[row.arrived_after_item_id])  # 1-based: the next item is items[index]
        if index < len(ctx.items):
            notes.append(f"from item {ctx.minute_no[ctx.items[index].id]}")
    if row.left_after_item_id in ctx.number:
        notes.append(f"left after item {ctx.minute_no[row.left_after_item_id]}")
    if row.note.strip():
        notes.append(row.note)
    organisation = row.organisation or row.own_organisation or ""
    if in_attendance and row.capacity.strip():
        organisation = row.capacity
    return Attendee(
        name=ctx.clean(row.name, "Attendance name"),
        organisation=ctx.clean(organisation, "Attendance organisation"),
        note=ctx.clean("; ".join(notes), "Attendance note"),
    )


def _approval(ctx: _Context) -> Approval | None:
    meeting = ctx.meeting
    approving = ctx.calendar.get(meeting.minutes_approved_at_id) if meeting.minutes_approved_at_id else None
    if approving is None and meeting.minutes_approved_on is None and meeting.status not in APPROVED_STATUSES:
        return None
    if approving is not None:
        statement = f"Approved as an accurate record at the meeting held on {long_date(approving.date)}."
    elif meeting.minutes_approved_on is not None:
        statement = f"Approved as an accurate record on {long_date(meeting.minutes_approved_on)}."
    else:
        statement = "Approved as an accurate record."
    on = approving.date if approving else meeting.minutes_approved_on or meeting.date
    chairs = [member.name for member in ctx.active_members(on) if member.role is MemberRole.CHAIR]
    return Approval(statement=statement, chair=ctx.clean(chairs[0], "Chair") if chairs else "")


# -- agenda ---------------------------------------------------------------------------------------
def build_agenda(session: Session, meeting_id: int, *, public: bool, show_exempt_titles: bool = True) -> AgendaDocument:
    """The agenda of one meeting, start times computed from the meeting's start and each item's
    time allowed; the previous-minutes item lists the open actions due at this meeting or late."""
    ctx = _Context(session, meeting_id)
    meeting = ctx.meeting
    presenters = ctx.presenters()
    plan_reviews = plan_reviews_of_meeting(session, meeting_id)  # one query, not one per item

    cursor = dt.datetime.combine(meeting.date, meeting.start_time) if meeting.start_time else None
    entries = []
    for item in ctx.items:
        number = ctx.number[item.id]
        start = clock_time(cursor.time()) if cursor else ""
        cursor = cursor + dt.timedelta(minutes=item.minutes_allowed) if cursor and item.minutes_allowed else None
        title = ctx.shown_title(item, public, show_exempt_titles)
        exemption = ctx.exemption(item, public)
        if public and item.is_exempt:
            entries.append(AgendaEntry(number=number, title=title, exemption=exemption, withheld=True))
            continue
        where = ctx.where(item)
        previous: str = ""
        due: tuple[DueAction, ...] = ()
        if _is_previous_minutes(item):
            previous, due = _previous_minutes(ctx, public)
        reviews = tuple(
            ctx.clean(line, f"{where} plan action") for line in _plan_review_lines(plan_reviews.get(item.id, []))
        )
        entries.append(
            AgendaEntry(
                number=number,
                title=title,
                start_time=start,
                minutes_allowed=item.minutes_allowed,
                presenters=join_names(presenters.get(item.id, [])),
                purpose=PURPOSE_LABELS.get(item.purpose, ""),
                papers=tuple(ctx.clean(paper.title, f"{where} paper") for paper in item.papers),
                previous_minutes=previous,
                actions_due=due,
                exemption=exemption,
                plan_reviews=reviews,
            )
        )
    membership = tuple(
        Member(
            name=ctx.clean(member.formal_name, "Member name"),
            organisation=ctx.clean(member.organisation, "Member organisation"),
            role=ROLE_LABELS.get(member.role, ""),
        )
        for member in ctx.active_members(meeting.date)
        if member.role in ROLE_ORDER
    )
    date_text = long_date(meeting.date)
    kind = meeting.title.strip() or "Meeting"
    return AgendaDocument(
        board_name=ctx.board_name,
        heading=f"{ctx.clean(kind, 'Meeting title')} to be held on {ctx.meeting_phrase()}",
        meeting_date=meeting.date,
        membership=membership,
        items=tuple(entries),
        closing_time=clock_time(cursor.time()) if cursor and ctx.items else "",
        public=public,
        has_exempt_items=ctx.exempt_business or any(item.is_exempt for item in ctx.items),
        info=DocumentInfo(
            title=f"{ctx.board_name}: agenda for {date_text}",
            author=ctx.board_name,
            subject=f"Agenda for the {kind} to be held on {ctx.meeting_phrase()}",
            keywords=", ".join(("agenda", "public" if public else "confidential")),
        ),
        warnings=ctx.warnings.as_tuple(),
    )


def _plan_review_lines(rows: list[PlanReviewRow]) -> list[str]:
    """The plan actions the item puts before the board (the agenda builder's read model), one line each."""
    lines = []
    for row in rows:
        parts = [f"{row.ref} {row.text}".strip()]
        if row.lead_text:
            parts.append(" ".join(row.lead_text.split()))
        if row.due_text:
            parts.append(f"due {' '.join(row.due_text.split())}")
        line = " – ".join(parts)
        lines.append(f"{line} ({row.status})" if row.status else line)
    return lines


def _is_previous_minutes(item: ItemDetail) -> bool:
    if item.standing_kind is Standing.PREVIOUS_MINUTES:
        return True
    title = item.title.casefold()
    return item.standing_kind is Standing.NONE and "minutes" in title and ("last" in title or "previous" in title)


def _previous_minutes(ctx: _Context, public: bool) -> tuple[str, tuple[DueAction, ...]]:
    earlier = [
        m for m in ctx.calendar.values() if m.date < ctx.meeting.date and m.status is not MeetingStatus.CANCELLED
    ]
    last = max(earlier, key=lambda m: (m.date, m.start_time or dt.time())) if earlier else None
    due = _actions_due(ctx, public)
    if last is None:
        return "", due
    text = f"To agree the minutes of the meeting held on {long_date(last.date)} as an accurate record"
    return text + (", and to review the actions due." if due else "."), due


def _actions_due(ctx: _Context, public: bool) -> tuple[DueAction, ...]:
    """The matters arising (services/matters_arising.py, the same rule): every open action of the board raised
    before this meeting that is due here, overdue (at an earlier meeting or by a date not after it), or has no
    date yet ("at a future meeting", or nothing said)."""
    this = ctx.meeting
    # The action's own stamp decides: an exempt action carried forward to a meeting with no Part II
    # item is still exempt, left out of the public agenda and marked in the confidential one. An
    # action raised under an item that is exempt now is treated as exempt too.
    found = actions_due_at(ctx.session, this.board_id, this.id, this.date)
    rows = [(a, a.is_exempt or a.item_exempt) for a in found]
    rows = [(a, exempt) for a, exempt in rows if not (public and exempt)]
    owners = ctx.owners(a for a, _ in rows)
    lines = []
    for action, exempt in rows:
        ctx.exempt_business |= exempt
        text = ctx.clean(action.text, f"Action {action.ref}")
        raised = ctx.calendar.get(action.raised_meeting_id) if action.raised_meeting_id else None
        due_on = action.due_date
        if action.due_kind is DueKind.MEETING and action.due_meeting_id in ctx.calendar:
            due_on = ctx.calendar[action.due_meeting_id].date
        overdue = action.status in LATE_STATUSES and due_on is not None and due_on < this.date
        due, _kind = ctx.due_label(action)
        lines.append(
            (
                (due_on or this.date, raised.date if raised else dt.date.min, action.position, action.id),
                DueAction(
                    text=f"{exempt_mark(action.exempt_paragraph)} {text}" if exempt else text,
                    owners=OWNER_JOIN.join(owners.get(action.id, [])),
                    raised=long_date(raised.date) if raised else "",
                    due=due,
                    status=STATUS_LABELS.get(action.status, str(action.status)),
                    overdue=overdue,
                ),
            )
        )
    lines.sort(key=lambda pair: pair[0])
    return tuple(line for _key, line in lines)


# -- what the guard looks for ---------------------------------------------------------------------
ExemptTexts = Part2Texts


def collect_exempt_texts(session: Session, meeting_id: int) -> Part2Texts:
    """The exempt business of the meeting's board (every meeting, every action stamped exempt,
    wherever its item went), what a public version may show of it, and the board's public record."""
    meeting = meeting_ref(session, meeting_id)
    if meeting is None:
        return Part2Texts((), ())
    return collect_part2(session, [meeting.board_id])
