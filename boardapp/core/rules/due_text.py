"""Derive a sortable date from the free "Due" / "By When" text of a plan action.

The caller keeps the text verbatim; this only derives a kind, a date to sort and chase
by, a recurrence and a note for the clerk. Conventions (all approximations are named in
``note`` so nothing is guessed silently):

* A month alone ("September 2017", "Sept 2017", "Sep-17") means its last day.
* Terms follow the English school year: Autumn term ends 31 December, Spring term
  31 March, Summer term 31 July. "Autumn Term 2018/19" takes the term in that school year.
* A bare season is a calendar (meteorological) season: Spring ends 31 May, Summer
  31 August, Autumn 30 November, Winter the end of February of the following year.
* "Q3 2019" is a calendar quarter (ends 30 September 2019); "Q3 2019-20" or "Quarter 3
  2019/20" is a financial-year quarter, April first (Q3 ends 31 December 2019).
* "2019/20" alone is a financial year (ends 31 March 2020); a year alone ends 31 December.
* Several dates ("Pilot November 2018 Roll Out June 2019") resolve to the latest one.
* A date plus "ongoing" is DATE (the first deliverable) with "then ongoing" in the note.
* A recurrence plus a date is RECURRING with the date as its start.
* "w/c 4 March 2019" (week commencing) is the Monday given.
* A month with no year is dated only after a dated milestone in the same text (the next
  such month after it); alone it stays UNPARSED.
* Any impossible date ("31 Sept 2017", "29/02/2019") makes the whole text INVALID.
* Numeric dates are read day first (UK): "31/10/2017".
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from boardapp.core.dates import MONTH_NAMES, month_year, padded_long_date
from boardapp.core.enums import PlanDueKind

__all__ = ["ParsedDue", "parse_due_text"]

# Due cells are a few words; anything much longer is prose or garbage, not a due date.
MAX_DUE_TEXT = 300

# One alternative per month, longest spelling first, then ``\b`` so "Marching" never matches.
MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<year>[0-9]{4})"

# Expressions that name a complete date or month; shared with action_lines.
DAY_MONTH_YEAR_RE = rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+{_YEAR4}\b"
MONTH_DAY_YEAR_RE = rf"\b(?P<month>{MONTH_RE})\s+{_DAY}\b,?\s+{_YEAR4}\b"
NUMERIC_DMY_RE = r"\b(?P<day>[0-9]{1,2})[/.](?P<mnum>[0-9]{1,2})[/.](?P<year>[0-9]{4}|[0-9]{2})\b"
DASHED_DMY_RE = r"\b(?P<day>[0-9]{1,2})-(?P<mnum>[0-9]{1,2})-(?P<year>[0-9]{4})\b"
ISO_RE = r"\b(?P<year>[0-9]{4})-(?P<mnum>[0-9]{1,2})-(?P<day>[0-9]{1,2})\b"
MONTH_YEAR_RE = rf"\b(?P<month>{MONTH_RE}),?\s+{_YEAR4}\b"
MONTH_YY_RE = rf"\b(?P<month>{MONTH_RE})-(?P<yy>[0-9]{{2}})\b"

_SPAN_YEAR = r"(?P<year>[0-9]{4})(?:\s*[/-]\s*(?P<year2>[0-9]{4}|[0-9]{2}))?\b"
_TERM_RE = rf"\b(?P<season>autumn|spring|summer|winter)(?P<term>\s+term)?,?\s+{_SPAN_YEAR}"
_QUARTER_RE = rf"\b(?:q|quarter\s*)(?P<q>[1-4])\b,?\s*{_SPAN_YEAR}"
_FINANCIAL_YEAR_RE = r"\b(?P<year>[0-9]{4})\s*[/-]\s*(?P<year2>[0-9]{4}|[0-9]{2})\b"
_YEAR_ONLY_RE = r"\b(?P<year>(?:19|20|21)[0-9]{2})\b"
_YEARLESS_DAY_MONTH_RE = rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{MONTH_RE})"
# Capitalised only, so the verbs "may" and "march" in prose are not taken for months.
_YEARLESS_MONTH_RE = (
    r"\b(?P<month>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL"
    r"|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b)\.?"
)

_END_OF_BEFORE = re.compile(r"\bend\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
_WEEK_COMMENCING_BEFORE = re.compile(r"\b(?:w/c|wc|w\.c\.|week\s+commencing|week\s+beginning)\s*$", re.I)
_FROM_BEFORE = re.compile(r"\b(?:from|commencing|commence|starting|start)\s+(?:in\s+)?$", re.IGNORECASE)

_ONGOING = re.compile(r"\b(?:on[- ]?going|continuous(?:ly)?|continual(?:ly)?)\b", re.IGNORECASE)
_TBC = re.compile(r"\b(?:tbc|tba|tbd|to\s+be\s+(?:confirmed|agreed|determined|decided|arranged))\b", re.I)
# Recurrences we cannot express; checked first so "six-monthly" is never read as "monthly".
_UNSUPPORTED_RECURRENCE = re.compile(
    r"\b(?:fortnightly|bi-?weekly|bi-?monthly|bi-?annual(?:ly)?|half[- ]?yearly|twice\s+yearly"
    r"|(?:six|6|two|2|three|3)[- ]?(?:monthly|weekly|yearly))\b",
    re.IGNORECASE,
)
_RECURRENCE = re.compile(
    r"\b(?:(?P<weekly>weekly|every\s+week|each\s+week)|(?P<monthly>monthly|every\s+month|each\s+month)"
    r"|(?P<quarterly>quarterly|every\s+quarter|each\s+quarter)"
    r"|(?P<annually>annually|annual|yearly|every\s+year|each\s+year))\b",
    re.IGNORECASE,
)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})

_TERM_ENDS = {"autumn": (12, 31), "spring": (3, 31), "summer": (7, 31)}
_SEASON_ENDS = {"spring": 5, "summer": 8, "autumn": 11}  # winter: February of the next year
_QUARTER_END_MONTH = {1: 3, 2: 6, 3: 9, 4: 12}  # calendar quarters
_FIN_QUARTER_END = {1: (0, 6), 2: (0, 9), 3: (0, 12), 4: (1, 3)}  # (years after start, month)

MIN_YEAR = 1900
MAX_YEAR = 2199


@dataclass(frozen=True)
class ParsedDue:
    """What a due text was understood to mean; ``note`` explains anything not exact."""

    kind: PlanDueKind
    date: datetime.date | None
    recurrence: str
    note: str


@dataclass(frozen=True)
class _Found:
    """One date expression found in the text, resolved or rejected."""

    start: int
    end: int
    label: str  # how the clerk would say it: "September 2017"
    date: datetime.date | None = None
    error: str = ""  # why it cannot be a date
    remark: str = ""  # what the clerk should know: approximate, week commencing, inferred year
    yearless_month: int = 0  # a month named without a year
    yearless_day: int = 0


def normalise(text: str) -> str:
    """One line, plain spaces and hyphens: what people paste from Word is full of look-alikes."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_DASHES)
    return " ".join(text.split())


def month_number(name: str) -> int:
    """1-12 for any spelling matched by MONTH_RE ("Sept", "sep.", "September")."""
    return [m[:3].casefold() for m in MONTH_NAMES].index(name.rstrip(".")[:3].casefold()) + 1


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year_error(year: int) -> str:
    return "" if MIN_YEAR <= year <= MAX_YEAR else f"year {year} is out of range"


def _second_year(year: int, year2: str | None) -> int | None:
    """The year after a "/" in "2019/20", or None when it is not the following year."""
    if year2 is None:
        return None
    value = int(year2) if len(year2) == 4 else (year // 100) * 100 + int(year2)
    return value if value == year + 1 else None


def make_date(day: int, month: int, year: int) -> tuple[datetime.date | None, str]:
    """A real date, or None with the reason in words ("31 September does not exist")."""
    if error := _year_error(year):
        return None, error
    if not 1 <= month <= 12:
        return None, f"month {month} does not exist (dates are read day first)"
    name = MONTH_NAMES[month - 1]
    last = calendar.monthrange(year, month)[1]
    if day < 1:
        return None, f"day {day} does not exist"
    if day > last:
        if month == 2 and day == 29:
            return None, f"29 February {year} does not exist ({year} is not a leap year)"
        return None, f"{day} {name} does not exist"
    return datetime.date(year, month, day), ""


_Handler = Callable[[re.Match[str], str], _Found | None]


def _prefix(text: str, start: int) -> str:
    """The few words before a match, where "end of", "w/c" or "from" would be."""
    return text[max(0, start - 40) : start]


def _full_date(m: re.Match[str], text: str) -> _Found:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else month_number(groups["month"])
    year = int(groups["year"])
    if len(groups["year"]) == 2:
        year += 2000
    day = int(groups["day"])
    date, error = make_date(day, month, year)
    label = m.group(0)
    note = ""
    if date is not None:
        label = f"{date.day} {MONTH_NAMES[date.month - 1]} {date.year}"
        if _WEEK_COMMENCING_BEFORE.search(_prefix(text, m.start())):
            note = f"week commencing {label}"
    return _Found(m.start(), m.end(), label, date=date, error=error, remark=note)


def _month_year(m: re.Match[str], text: str) -> _Found:
    month = month_number(m.group("month"))
    year = int(m.group("year")) if "year" in m.groupdict() and m.group("year") else 2000 + int(m.group("yy"))
    label = f"{MONTH_NAMES[month - 1]} {year}"
    if error := _year_error(year):
        return _Found(m.start(), m.end(), label, error=error)
    explicit_end = _END_OF_BEFORE.search(_prefix(text, m.start())) is not None
    return _Found(
        m.start(),
        m.end(),
        label,
        date=_month_end(year, month),
        remark="" if explicit_end else f"approximate: end of {label}",
    )


def _term(m: re.Match[str], text: str) -> _Found:
    season = m.group("season").casefold()
    year = int(m.group("year"))
    school_year_end = _second_year(year, m.group("year2"))
    if m.group("year2") is not None and school_year_end is None:
        return _Found(m.start(), m.end(), m.group(0), error=f"{m.group(0)} is not a single school year")
    if error := _year_error(year):
        return _Found(m.start(), m.end(), m.group(0), error=error)
    if m.group("term") and season in _TERM_ENDS:
        month, day = _TERM_ENDS[season]
        # In a school year "2018/19" autumn is in 2018, spring and summer in 2019.
        if school_year_end is not None and season != "autumn":
            year = school_year_end
        date = datetime.date(year, month, day)
        label = f"{season.capitalize()} term {m.group('year')}" + (f"/{m.group('year2')}" if m.group("year2") else "")
        return _Found(
            m.start(),
            m.end(),
            label,
            date=date,
            remark=f"approximate: end of {label} taken as {padded_long_date(date)}",
        )
    if season == "winter":
        # Winter 2018 (or 2018/19) runs December 2018 to February 2019.
        end_year = year + 1
        date = _month_end(end_year, 2)
    else:
        if school_year_end is not None:
            year = school_year_end if season != "autumn" else year
        date = _month_end(year, _SEASON_ENDS[season])
    label = f"{season.capitalize()} {m.group('year')}" + (f"/{m.group('year2')}" if m.group("year2") else "")
    return _Found(
        m.start(),
        m.end(),
        label,
        date=date,
        remark=f"approximate: end of {label} (calendar season) taken as {padded_long_date(date)}",
    )


def _quarter(m: re.Match[str], text: str) -> _Found:
    q = int(m.group("q"))
    year = int(m.group("year"))
    if error := _year_error(year):
        return _Found(m.start(), m.end(), m.group(0), error=error)
    if m.group("year2") is None:
        date = _month_end(year, _QUARTER_END_MONTH[q])
        label = f"Q{q} {year}"
        return _Found(
            m.start(),
            m.end(),
            label,
            date=date,
            remark=f"approximate: end of {label} (calendar quarter)",
        )
    if _second_year(year, m.group("year2")) is None:
        return _Found(m.start(), m.end(), m.group(0), error=f"{m.group(0)} is not a single financial year")
    extra_years, month = _FIN_QUARTER_END[q]
    date = _month_end(year + extra_years, month)
    label = f"Q{q} {year}/{m.group('year2')}"
    return _Found(
        m.start(),
        m.end(),
        label,
        date=date,
        remark=f"approximate: end of {label} (financial year from April)",
    )


def _financial_year(m: re.Match[str], text: str) -> _Found | None:
    year = int(m.group("year"))
    end_year = _second_year(year, m.group("year2"))
    if end_year is None or _year_error(year):
        return None
    label = f"{year}/{m.group('year2')}"
    return _Found(
        m.start(),
        m.end(),
        label,
        date=datetime.date(end_year, 3, 31),
        remark=f"approximate: end of financial year {label}",
    )


def _year_only(m: re.Match[str], text: str) -> _Found:
    year = int(m.group("year"))
    return _Found(
        m.start(),
        m.end(),
        str(year),
        date=datetime.date(year, 12, 31),
        remark=f"approximate: end of {year}",
    )


def _yearless_day_month(m: re.Match[str], text: str) -> _Found:
    month = month_number(m.group("month"))
    return _Found(
        m.start(),
        m.end(),
        f"{int(m.group('day'))} {MONTH_NAMES[month - 1]}",
        yearless_month=month,
        yearless_day=int(m.group("day")),
    )


def _yearless_month(m: re.Match[str], text: str) -> _Found:
    month = month_number(m.group("month"))
    return _Found(m.start(), m.end(), MONTH_NAMES[month - 1], yearless_month=month)


# Order matters: each pattern sees the text with earlier matches blanked out, so the most
# specific reading of any stretch of text wins ("31 Sept 2017" is never also "Sept 2017").
_HANDLERS: tuple[tuple[str, _Handler, int], ...] = (
    (ISO_RE, _full_date, re.IGNORECASE),
    (NUMERIC_DMY_RE, _full_date, re.IGNORECASE),
    (DASHED_DMY_RE, _full_date, re.IGNORECASE),
    (DAY_MONTH_YEAR_RE, _full_date, re.IGNORECASE),
    (MONTH_DAY_YEAR_RE, _full_date, re.IGNORECASE),
    (_TERM_RE, _term, re.IGNORECASE),
    (_QUARTER_RE, _quarter, re.IGNORECASE),
    (MONTH_YEAR_RE, _month_year, re.IGNORECASE),
    (MONTH_YY_RE, _month_year, re.IGNORECASE),
    (_FINANCIAL_YEAR_RE, _financial_year, re.IGNORECASE),
    (_YEAR_ONLY_RE, _year_only, re.IGNORECASE),
    (_YEARLESS_DAY_MONTH_RE, _yearless_day_month, re.IGNORECASE),
    (_YEARLESS_MONTH_RE, _yearless_month, 0),
)


def _infer_year(item: _Found, after: datetime.date) -> _Found:
    """Date a yearless month by the first such month after an earlier milestone, and say so."""
    year = after.year if item.yearless_month > after.month else after.year + 1
    if item.yearless_day:
        date, error = make_date(item.yearless_day, item.yearless_month, year)
        if date is None:
            return _Found(item.start, item.end, item.label, error=error)
    else:
        date = _month_end(year, item.yearless_month)
    return _Found(
        item.start,
        item.end,
        item.label,
        date=date,
        remark=f"{item.label} has no year; taken as {item.label} {year}, the next after {month_year(after)}",
    )


def _find_dates(text: str) -> list[_Found]:
    """Every date expression in normalised ``text``, in reading order, each read once."""
    masked = text
    found: list[_Found] = []
    for pattern, handler, flags in _HANDLERS:
        for m in list(re.finditer(pattern, masked, flags)):
            item = handler(m, text)
            if item is not None:
                found.append(item)
                masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    return sorted(found, key=lambda f: f.start)


def _recurrence(text: str) -> str:
    m = _RECURRENCE.search(text)
    if m is None:
        return ""
    return next(name for name, value in m.groupdict().items() if value)


def _join(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        if part and part not in seen:
            seen.append(part)
    return "; ".join(seen)


def parse_due_text(text: str) -> ParsedDue:
    """Kind, chase-by date, recurrence and an explanation for one due text."""
    clean = normalise(text)
    if not clean:
        return ParsedDue(PlanDueKind.NONE, None, "", "")
    if len(clean) > MAX_DUE_TEXT:
        return ParsedDue(PlanDueKind.UNPARSED, None, "", "too long to be a due date")

    unsupported = _UNSUPPORTED_RECURRENCE.search(clean)
    found = _find_dates(clean)

    errors = [f.error for f in found if f.error]
    if errors:
        return ParsedDue(PlanDueKind.INVALID, None, "", _join(*errors))

    resolved: list[_Found] = []
    ignored: list[str] = []
    for item in found:
        if item.date is not None:
            resolved.append(item)
        elif resolved:
            inferred = _infer_year(item, resolved[-1].date or datetime.date.min)
            if inferred.error:
                return ParsedDue(PlanDueKind.INVALID, None, "", inferred.error)
            resolved.append(inferred)
        else:
            ignored.append(item.label)

    if unsupported is not None:
        return ParsedDue(PlanDueKind.UNPARSED, None, "", f"{unsupported.group(0)} is not a supported recurrence")

    recurrence = _recurrence(clean)
    ongoing = _ONGOING.search(clean) is not None

    if resolved:
        dates = [f.date for f in resolved if f.date is not None]
        latest = max(dates)
        notes: list[str] = []
        if len(resolved) > 1:
            labels = ", ".join(f.label for f in resolved)
            notes.append(f"several dates ({labels}); the latest is used")
        notes.extend(f.remark for f in resolved if f.remark)
        if ignored:
            notes.append(", ".join(ignored) + " has no year and was ignored")
        first = resolved[0]
        if recurrence:
            # The work repeats, so the earliest date is when it starts, not when it ends.
            start = min(resolved, key=lambda f: f.date or datetime.date.max)
            return ParsedDue(
                PlanDueKind.RECURRING,
                start.date,
                recurrence,
                _join(f"{recurrence} from {start.label}", *notes),
            )
        if _FROM_BEFORE.search(_prefix(clean, first.start)):
            notes.append(f"a start date: from {first.label}")
        if ongoing:
            notes.append("then ongoing")
        return ParsedDue(PlanDueKind.DATE, latest, "", _join(*notes))

    if recurrence:
        return ParsedDue(PlanDueKind.RECURRING, None, recurrence, "")
    if ongoing:
        return ParsedDue(PlanDueKind.ONGOING, None, "", "")
    if _TBC.search(clean):
        return ParsedDue(PlanDueKind.UNPARSED, None, "", "to be confirmed")
    if ignored:
        return ParsedDue(PlanDueKind.UNPARSED, None, "", ", ".join(ignored) + ": no year given")
    return ParsedDue(PlanDueKind.UNPARSED, None, "", "no date found")
