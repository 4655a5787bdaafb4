"""A board's meeting pattern, as a clerk says it, turned into dates.

Understood (case and extra words such as "the", "of each month", "on" are ignored):

* the nth weekday of the month: "first tuesday", "First Tuesday of each month", "2nd Wed",
  "last thursday of the month", "third monday of every other month", "first tuesday every 2 months";
* a fixed gap in weeks: "weekly", "every week", "fortnightly", "every 2 weeks", "every six weeks";
* the same day of the month: "monthly", "every month", "every 2 months", "bi-monthly", "quarterly".
  A day the month lacks (the 31st in June) becomes that month's last day, never the next month.

Dates start on or after ``start``: for a weekday rule the first matching day from ``start``; for
the others ``start`` itself is the first meeting. A ``count`` or an ``until`` (or both) is required
and a series is capped at ``MAX_MEETINGS`` so that a slip (until 2062) cannot flood the calendar.
Anything not understood raises ValueError with a message that lists what is understood.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

__all__ = [
    "MAX_MEETINGS",
    "RuleKind",
    "SeriesRule",
    "describe_rule",
    "generate_dates",
    "nth_weekday",
    "parse_rule",
    "suggest_next",
]

MAX_MEETINGS = 60
COMMON_RULES = (
    "first Tuesday of each month",
    "second Wednesday of each month",
    "last Thursday of each month",
    "every 6 weeks",
    "every 4 weeks",
    "every 2 weeks",
    "weekly",
    "monthly",
    "quarterly",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_WORDS = {
    **{name.lower(): n for n, name in enumerate(WEEKDAYS)},
    **{name.lower()[:3]: n for n, name in enumerate(WEEKDAYS)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": -1, "final": -1,
}  # fmt: skip
_ORDINAL_NAMES = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "other": 2,
}  # fmt: skip
_NUMBER = r"(?P<n>[0-9]{1,2}|" + "|".join(_NUMBERS) + r")"
_UNDERSTOOD = (
    'Say, for example, "first Tuesday of each month", "last Thursday", "every 6 weeks", '
    '"every 2 weeks", "weekly", "monthly" or "quarterly".'
)


class RuleKind(StrEnum):
    NTH_WEEKDAY = "nth_weekday"  # the nth (or last) weekday of every `months` months
    WEEKS = "weeks"  # every `weeks` weeks from the start
    MONTH_DAY = "month_day"  # the start's day of the month, every `months` months


@dataclass(frozen=True)
class SeriesRule:
    kind: RuleKind
    weeks: int = 0
    months: int = 1
    nth: int = 0  # 1..4, or -1 for the last
    weekday: int = 0  # Monday = 0


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _clean(text: str) -> str:
    words = re.sub(r"[,.;:]", " ", text.casefold()).split()
    return " ".join(w for w in words if w not in ("the", "a", "on", "meeting", "meetings", "held"))


def parse_rule(text: str) -> SeriesRule:
    """The rule a clerk typed; ValueError naming what was not understood."""
    said = _clean(text)
    if not said:
        raise ValueError(f"Say how often the board meets. {_UNDERSTOOD}")
    simple = {
        "weekly": SeriesRule(RuleKind.WEEKS, weeks=1),
        "every week": SeriesRule(RuleKind.WEEKS, weeks=1),
        "each week": SeriesRule(RuleKind.WEEKS, weeks=1),
        "fortnightly": SeriesRule(RuleKind.WEEKS, weeks=2),
        "every fortnight": SeriesRule(RuleKind.WEEKS, weeks=2),
        "monthly": SeriesRule(RuleKind.MONTH_DAY, months=1),
        "every month": SeriesRule(RuleKind.MONTH_DAY, months=1),
        "each month": SeriesRule(RuleKind.MONTH_DAY, months=1),
        "bi-monthly": SeriesRule(RuleKind.MONTH_DAY, months=2),
        "bimonthly": SeriesRule(RuleKind.MONTH_DAY, months=2),
        "quarterly": SeriesRule(RuleKind.MONTH_DAY, months=3),
        "every quarter": SeriesRule(RuleKind.MONTH_DAY, months=3),
    }
    if said in simple:
        return simple[said]
    m = re.fullmatch(rf"every {_NUMBER} (?P<unit>weeks?|months?)", said)
    if m:
        n = _number(m.group("n"))
        if n < 1:
            raise ValueError(f"{text.strip()!r}: the gap between meetings must be at least one.")
        if m.group("unit").startswith("week"):
            return SeriesRule(RuleKind.WEEKS, weeks=n)
        return SeriesRule(RuleKind.MONTH_DAY, months=n)
    m = re.fullmatch(r"(?P<nth>\S+) (?P<day>[a-z]+)(?: (?P<rest>.+))?", said)
    if m and m.group("day") in _WEEKDAY_WORDS:
        return _nth_weekday_rule(text.strip(), m.group("nth"), m.group("day"), m.group("rest") or "")
    raise ValueError(f"{text.strip()!r} is not a meeting pattern BoardApp understands. {_UNDERSTOOD}")


def _nth_weekday_rule(text: str, ordinal: str, day: str, rest: str) -> SeriesRule:
    if ordinal in ("fifth", "5th"):
        raise ValueError(f'{text!r}: not every month has a fifth {day}; say "last {day}".')
    if ordinal not in _ORDINALS:
        raise ValueError(f"{text!r}: {ordinal!r} is not first, second, third, fourth or last. {_UNDERSTOOD}")
    months = 1
    gap = re.fullmatch(rf"(?:(?:of|in) )?every {_NUMBER} months?", rest)
    if gap:
        months = _number(gap.group("n"))
        if months < 1:
            raise ValueError(f"{text!r}: the gap between meetings must be at least one month.")
    elif rest and not re.fullmatch(r"(?:(?:of|in) )?(?:(?:each|every) )?month|monthly", rest):
        raise ValueError(f"{text!r}: {rest!r} is not understood after the day. {_UNDERSTOOD}")
    return SeriesRule(RuleKind.NTH_WEEKDAY, months=months, nth=_ORDINALS[ordinal], weekday=_WEEKDAY_WORDS[day])


def describe_rule(rule: SeriesRule) -> str:
    """The rule in plain words: "the first Tuesday of each month", "every 6 weeks"."""
    if rule.kind is RuleKind.WEEKS:
        return "every week" if rule.weeks == 1 else f"every {rule.weeks} weeks"
    every = "each month" if rule.months == 1 else f"every {rule.months} months"
    if rule.kind is RuleKind.MONTH_DAY:
        return f"the same day of {every}" if rule.months == 1 else f"the same day {every}"
    return f"the {_ORDINAL_NAMES[rule.nth]} {WEEKDAYS[rule.weekday]} of {every}"


def nth_weekday(year: int, month: int, nth: int, weekday: int) -> dt.date:
    """The nth (1..4) or last (-1) given weekday of a month."""
    if nth == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def generate_dates(
    rule: SeriesRule | str,
    start: dt.date,
    *,
    count: int | None = None,
    until: dt.date | None = None,
    limit: int = MAX_MEETINGS,
) -> list[dt.date]:
    """The meeting dates of a series from `start`: `count` of them, or those up to `until` (inclusive)."""
    parsed = parse_rule(rule) if isinstance(rule, str) else rule
    if count is None and until is None:
        raise ValueError("Say how many meetings to schedule, or the date the series ends.")
    if count is not None and count < 1:
        raise ValueError("The number of meetings must be at least 1.")
    if count is not None and count > limit:
        raise ValueError(f"At most {limit} meetings can be scheduled at once ({count} asked for).")
    if until is not None and until < start:
        raise ValueError(f"The series ends ({until.isoformat()}) before it starts ({start.isoformat()}).")
    found: list[dt.date] = []
    step = 0
    while True:
        day = _nth_date(parsed, start, step)
        step += 1
        if until is not None and day > until:
            break
        found.append(day)
        if count is not None and len(found) == count:
            break
        if len(found) > limit:
            raise ValueError(
                f"{describe_rule(parsed).capitalize()} until {until.isoformat() if until else '?'} would make more "
                f"than {limit} meetings; choose an earlier end date or a number of meetings."
            )
    return found


def _nth_date(rule: SeriesRule, start: dt.date, step: int) -> dt.date:
    """The `step`-th (from 0) date of the rule on or after `start`."""
    if rule.kind is RuleKind.WEEKS:
        return start + dt.timedelta(weeks=rule.weeks * step)
    if rule.kind is RuleKind.MONTH_DAY:
        year, month = _add_months(start.year, start.month, rule.months * step)
        return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    # The first month is the start's own if its nth weekday is still to come, else the next one.
    first = 0 if nth_weekday(start.year, start.month, rule.nth, rule.weekday) >= start else 1
    year, month = _add_months(start.year, start.month, first + rule.months * step)
    return nth_weekday(year, month, rule.nth, rule.weekday)


# -- the next date in a board's pattern -------------------------------------------------------


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _nth(day: dt.date) -> set[int]:
    """Which of its weekday in the month a date is: {2} for the second, {4, -1} for a fourth that is last."""
    found = {(day.day - 1) // 7 + 1}
    if (day + dt.timedelta(days=7)).month != day.month:
        found.add(-1)
    return found


def suggest_next(dates: list[dt.date]) -> dt.date | None:
    """The next date in the pattern of `dates` (sorted, oldest first); None with fewer than two.

    The last three meetings are tried first, then the last two (a board that moved from first to
    second Tuesdays follows its new pattern).
    """
    if len(dates) < 2:
        return None
    for window in (3, 2):
        if len(dates) >= window:
            found = _pattern_next(dates[-window:])
            if found is not None:
                return found
    return dates[-1] + (dates[-1] - dates[-2])


def _pattern_next(dates: list[dt.date]) -> dt.date | None:
    last = dates[-1]
    month_gaps = {_month_index(b) - _month_index(a) for a, b in pairwise(dates)}
    day_gaps = {(b - a).days for a, b in pairwise(dates)}
    monthly = len(month_gaps) == 1 and min(month_gaps) > 0
    if monthly and len({d.weekday() for d in dates}) == 1:
        common = set.intersection(*(_nth(d) for d in dates))
        if common:
            nth = -1 if common == {-1} else max(common)
            index = _month_index(last) + min(month_gaps)
            return nth_weekday(index // 12, index % 12 + 1, nth, last.weekday())
    if len(day_gaps) == 1 and min(day_gaps) % 7 == 0:
        return last + dt.timedelta(days=min(day_gaps))
    if monthly and len({d.day for d in dates}) == 1:
        index = _month_index(last) + min(month_gaps)
        year, month = index // 12, index % 12 + 1
        return dt.date(year, month, min(last.day, _month_length(year, month)))
    return None


def _month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]
