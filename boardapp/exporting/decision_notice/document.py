"""What a decision notice says: the board, the meeting, the minute, the decision, its reasons, the
alternatives rejected, conflicts and dispensations, and the date it takes effect after call-in.

Built as plain text (like the minutes' document model) so the Word and PDF writers only lay it out,
from the services' reads: the meeting as the workspace reads it (`meetings.meeting_detail`), the
board's settings, and the decision with its record (`meeting_documents.decision_fields`).
A decision of exempt business is marked confidential on every page: the notice is not for publication.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from boardapp.core.enums import MinuteNumbering
from boardapp.core.models.record import VoteKind
from boardapp.exporting.backends.text import Warnings, clean_text, clock_time, heading_date, long_date
from boardapp.exporting.errors import ExportError
from boardapp.exporting.meetings.documents import DocumentInfo
from boardapp.services.boards import BoardSettings, board_settings
from boardapp.services.declarations import declarations_for_item
from boardapp.services.meeting_documents import decision_fields, recorded_decision_ids
from boardapp.services.meetings import ItemDetail, MeetingDetail, meeting_detail
from boardapp.services.votes import motion_sentence, vote_sentence, votes_for_decision

TITLE = "Decision notice"
NONE_RECORDED = "None recorded."


class DecisionNotFound(ExportError):
    """The item named has no decision with a decision record (or there is no such item)."""


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DecisionNotice:
    board_name: str
    meeting: str  # "Meeting held on Tuesday, 1st August, 2017 at 2.30 pm"
    minute: str  # "Minute 7/17: 12 Week Improvement Plan"
    decision: str
    votes: tuple[str, ...]
    sections: tuple[NoticeSection, ...]  # reasons, alternatives rejected, conflicts and dispensations
    takes_effect: str  # "This decision takes effect on 8 August 2017, ..."
    meeting_date: dt.date
    confidential: bool  # exempt (Part II) business: not for publication
    info: DocumentInfo
    warnings: tuple[str, ...] = ()


def _item_number(board: BoardSettings, items: list[ItemDetail], item: ItemDetail) -> str:
    numbered = MinuteNumbering(board.minute_numbering) is not MinuteNumbering.NONE
    if numbered and item.minute_number.strip():
        return item.minute_number.strip()
    return str(items.index(item) + 1)


def _meeting(session: Session, meeting_id: int) -> tuple[MeetingDetail, BoardSettings] | None:
    """The meeting as the workspace reads it, and its board's settings; None when it is gone."""
    try:
        meeting = meeting_detail(session, meeting_id)
    except LookupError:
        return None
    return meeting, board_settings(session, meeting.board_id)


def find_decision(session: Session, meeting_id: int, item: str) -> int:
    """The decision with a record under the item `item` names: its minute number ("7/17", "Minute 7/17")
    or its number on the agenda ("7"). The first such decision when the item has several."""
    found_meeting = _meeting(session, meeting_id)
    if found_meeting is None:
        raise DecisionNotFound(f"There is no meeting with id {meeting_id}.")
    meeting, board = found_meeting
    items = list(meeting.items)
    wanted = "".join(item.split()).casefold().removeprefix("minute").removeprefix("item")
    found = next((i for i in items if i.minute_number.strip() and "".join(i.minute_number.split()) == wanted), None)
    if found is None and wanted.isdigit() and 1 <= int(wanted) <= len(items):
        found = items[int(wanted) - 1]
    if found is None:
        numbers = ", ".join(_item_number(board, items, i) for i in items) or "none"
        raise DecisionNotFound(f"The meeting of {long_date(meeting.date)} has no item {item!r} (its items: {numbers}).")
    decisions = recorded_decision_ids(session, found.id)
    if not decisions:
        raise DecisionNotFound(
            f"Item {_item_number(board, items, found)} ({found.title}) has no decision with a decision record: "
            f"give the decision its reasons first."
        )
    return decisions[0]


def build_decision_notice(session: Session, decision_id: int) -> DecisionNotice:
    decision = decision_fields(session, decision_id)
    found_meeting = _meeting(session, decision.meeting_id) if decision else None
    meeting, board = found_meeting if found_meeting else (None, None)
    item = next((i for i in meeting.items if i.id == decision.item_id), None) if meeting and decision else None
    if decision is None or item is None or meeting is None or board is None:
        raise DecisionNotFound("That decision no longer exists.")
    if not decision.needs_record:
        raise DecisionNotFound("That decision has no decision record: give it its reasons first.")
    warnings = Warnings()

    def clean(text: str, where: str) -> str:
        return clean_text(text, where, warnings, multiline=True)

    items = list(meeting.items)
    number = _item_number(board, items, item)
    title = clean(" ".join(item.title.split()), "Item title")
    board_name = clean(board.name, "Board name")
    when = heading_date(meeting.date)
    if meeting.start_time is not None:
        when += f" at {clock_time(meeting.start_time)}"
    kind = "Minute" if number != str(items.index(item) + 1) else "Item"
    votes: list[str] = []
    for vote in votes_for_decision(session, decision_id):
        if vote.kind is VoteKind.AMENDMENT and vote.motion.strip():
            votes.append(clean(f"Amendment: {vote.motion}", "Vote"))
        votes += [clean(s, "Vote") for s in (motion_sentence(vote), vote_sentence(vote)) if s]
    confidential = decision.is_exempt or item.is_exempt
    conflicts = [clean(decision.conflicts, "Conflicts")] if decision.conflicts.strip() else []
    for row in declarations_for_item(session, item.id):
        shown = dataclasses.replace(row, item_number=number, item_title=title)
        conflicts.append(clean(shown.sentence(public=not confidential), "Declaration"))
    sections = (
        NoticeSection("Reasons for the decision", (clean(decision.reasons, "Reasons") or NONE_RECORDED,)),
        NoticeSection(
            "Alternatives considered and rejected",
            (clean(decision.alternatives_rejected, "Alternatives rejected") or NONE_RECORDED,),
        ),
        NoticeSection("Conflicts of interest and dispensations", tuple(conflicts) or ("None declared.",)),
    )
    if decision.takes_effect_on is None:
        takes_effect = "The date this decision takes effect has not been set."
    elif board.call_in_days > 0:
        days = f"{board.call_in_days} working day{'s' if board.call_in_days != 1 else ''}"
        takes_effect = (
            f"This decision takes effect on {long_date(decision.takes_effect_on)}, when the call-in period of "
            f"{days} ends, unless it is called in before then."
        )
    else:
        takes_effect = f"This decision takes effect on {long_date(decision.takes_effect_on)}."
    return DecisionNotice(
        board_name=board_name,
        meeting=f"{clean(meeting.title.strip() or 'Meeting', 'Meeting title')} held on {when}",
        minute=f"{kind} {number}: {title}",
        decision=clean(decision.text, "Decision"),
        votes=tuple(votes),
        sections=sections,
        takes_effect=takes_effect,
        meeting_date=meeting.date,
        confidential=confidential,
        info=DocumentInfo(
            title=f"{board_name}: decision notice, {kind.lower()} {number}",
            author=board_name,
            subject=f"{TITLE}: {title} ({long_date(meeting.date)})",
            keywords=", ".join(("decision notice", "confidential" if confidential else "public")),
        ),
        warnings=warnings.as_tuple(),
    )
