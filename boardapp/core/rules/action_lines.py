"""Turn an action typed the way minutes write it into text, owners and a due point.

"CSE intelligence input to be on the agenda for the September meeting – Ian Whitehead."
becomes the text (due phrase kept), the owner Ian Whitehead and "due at the September
meeting". Choices made here:

* Owners follow the LAST " – ", " - " or " — " whose tail reads as an owner list
  (``leads.looks_like_parties``); a dash inside prose ("innovation – be an Innovation
  Group, ...") is left alone, and a hyphen inside a word ("step-down") is never a separator.
* "at the next meeting" is MEETING with no month: the board's next meeting after the one
  that raised it. "report back to this meeting" means this board at a later meeting, so it
  is FUTURE_MEETING, like "at a future meeting".
* DATE is returned only for a complete date ("by 31 October 2017", "by 31/10/2017") or a
  month with its year ("in December 2017", "by the end of October 2017": the month's last
  day). A month with no year ("by the end of October") gives no due point: the words stay
  in the text for the clerk rather than a guessed year. An impossible date gives none too.
* When a text holds several due phrases the last one wins: deadlines end the sentence.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from boardapp.core.enums import DueKind, PlanDueKind
from boardapp.core.rules.due_text import (
    DAY_MONTH_YEAR_RE,
    ISO_RE,
    MONTH_DAY_YEAR_RE,
    MONTH_RE,
    MONTH_YEAR_RE,
    NUMERIC_DMY_RE,
    make_date,
    month_number,
    parse_due_text,
)
from boardapp.core.rules.leads import PartyName, looks_like_parties, split_parties

__all__ = ["DuePhrase", "ParsedActionLine", "find_due_phrase", "parse_action_line", "resolve_due_meeting"]


@dataclass(frozen=True)
class DuePhrase:
    """When an action is due, as the minutes put it."""

    kind: DueKind
    phrase: str
    month: int | None = None
    year: int | None = None
    date: datetime.date | None = None


@dataclass(frozen=True)
class ParsedActionLine:
    """One action bullet split into its parts; ``text`` keeps the due phrase."""

    text: str
    owners: list[PartyName] = field(default_factory=list)
    due: DuePhrase | None = None


_BULLET = re.compile(r"^(?:[·•▪▫◦‣●○■□∙⁃]\s*|[-*–—]\s+)+")
# En/em dash with space on at least one side; a hyphen needs space on both.
_OWNER_SEPARATOR = re.compile(r"\s+[–—]\s*|\s*[–—]\s+|\s+-\s+")
_TRAILING = " \t.,;:"

_PREP = r"(?:(?:for|at|to|by|until|before|in)\s+)"
_MID = r"(?:[A-Za-z][\w'’&-]*\s+){0,3}?"  # "Board", "Improvement Board"
_MONTH_MEETING = re.compile(
    rf"\b{_PREP}?the\s+(?P<month>{MONTH_RE})(?:\s+(?P<year>[0-9]{{4}}))?\s+{_MID}meeting\b",
    re.IGNORECASE,
)
_MEETING_IN_MONTH = re.compile(
    rf"\b{_PREP}?the\s+(?:next\s+)?{_MID}meeting\s+(?:in|on)\s+"
    rf"(?:(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTH_RE})(?:\s+(?P<year>[0-9]{{4}}))?",
    re.IGNORECASE,
)
_NEXT_MEETING = re.compile(rf"\b{_PREP}?the\s+next\s+{_MID}meeting\b", re.IGNORECASE)
_FUTURE_MEETING = re.compile(
    rf"\b{_PREP}?a\s+(?:future|later|subsequent)\s+{_MID}meeting\b|\bto\s+this\s+meeting\b",
    re.IGNORECASE,
)
_DATE_EXPR = "|".join(f"(?:{p})" for p in (ISO_RE, NUMERIC_DMY_RE, DAY_MONTH_YEAR_RE, MONTH_DAY_YEAR_RE, MONTH_YEAR_RE))
# Named groups may appear once per pattern, so the date alternatives are matched unnamed.
_DATE_EXPR = re.sub(r"\(\?P<\w+>", "(?:", _DATE_EXPR)
_BY_DATE = re.compile(
    r"\b(?:by\s+(?:the\s+)?end\s+of|at\s+the\s+end\s+of|end\s+of|no\s+later\s+than|by|before|until|till"
    rf"|in|during)\s+(?:the\s+)?(?P<when>{_DATE_EXPR})",
    re.IGNORECASE,
)


def _meeting_phrase(m: re.Match[str]) -> DuePhrase:
    month = month_number(m.group("month"))
    year = int(m.group("year")) if m.group("year") else None
    date = None
    day = m.groupdict().get("day")
    if day and year is not None:
        date, _ = make_date(int(day), month, year)
    return DuePhrase(DueKind.MEETING, m.group(0), month=month, year=year, date=date)


def _date_phrase(m: re.Match[str]) -> DuePhrase | None:
    parsed = parse_due_text(m.group("when"))
    if parsed.kind is not PlanDueKind.DATE or parsed.date is None:
        return None
    date = parsed.date
    return DuePhrase(DueKind.DATE, m.group(0), month=date.month, year=date.year, date=date)


def find_due_phrase(text: str) -> DuePhrase | None:
    """The due point named in an action's text, or None when it names none."""
    # Most specific first; a later pattern may not reuse text an earlier one claimed.
    readers = (
        (_MEETING_IN_MONTH, _meeting_phrase),
        (_MONTH_MEETING, _meeting_phrase),
        (_NEXT_MEETING, lambda m: DuePhrase(DueKind.MEETING, m.group(0))),
        (_FUTURE_MEETING, lambda m: DuePhrase(DueKind.FUTURE_MEETING, m.group(0))),
        (_BY_DATE, _date_phrase),
    )
    claimed: list[tuple[int, int]] = []
    found: list[tuple[int, DuePhrase]] = []
    for pattern, read in readers:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in claimed):
                continue
            phrase = read(m)
            if phrase is not None:
                claimed.append(m.span())
                found.append((m.start(), phrase))
    if not found:
        return None
    return max(found, key=lambda item: item[0])[1]


_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _tidy(line: str) -> str:
    """One line of single spaces, without a leading bullet; dashes and quotes kept as typed."""
    return _BULLET.sub("", " ".join(line.translate(_ZERO_WIDTH).split()), count=1)


def parse_action_line(line: str) -> ParsedActionLine:
    """Split "text – Owner/Owner." into text, owners and due point."""
    clean = _tidy(line).rstrip(_TRAILING)
    text, owners = clean, []
    for m in reversed(list(_OWNER_SEPARATOR.finditer(clean))):
        head, tail = clean[: m.start()].rstrip(_TRAILING), clean[m.end() :]
        if head and looks_like_parties(tail):
            text, owners = head, split_parties(tail)
            break
    return ParsedActionLine(text=text, owners=owners, due=find_due_phrase(text))


def resolve_due_meeting(
    due: DuePhrase, raised_on: datetime.date, meeting_dates: Sequence[datetime.date]
) -> datetime.date | None:
    """The calendar meeting a MEETING due point means, or None if it is not in the calendar.

    A named month is the first meeting in that month after ``raised_on``: this year if the
    month is still to come (or under way), otherwise next year; a year in the phrase fixes it.
    """
    if due.kind is not DueKind.MEETING:
        return None
    later = sorted(d for d in set(meeting_dates) if d > raised_on)
    if due.date is not None:
        return due.date if due.date in later else None
    if due.month is None:
        return later[0] if later else None
    years = [due.year] if due.year is not None else [raised_on.year, raised_on.year + 1]
    for year in years:
        for d in later:
            if (d.year, d.month) == (year, due.month):
                return d
    return None
