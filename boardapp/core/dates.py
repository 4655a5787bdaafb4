"""How BoardApp writes dates and times for people: the one place that does.

Day and month names are spelt out in English, as the minutes are, whatever the machine's
LC_TIME says: `strftime("%B")` turns German once QApplication calls setlocale, so the GUI and
the CLI would print different months. Days are built from `date.day`, never `%-d` or `%#d`,
which Windows' and glibc's strftime disagree on. The code-quality test
(tests/unit/test_code_quality.py) bans locale-dependent format codes everywhere but here, and
this module uses none of them.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "DAY_NAMES",
    "MONTH_NAMES",
    "clock_time",
    "day_name",
    "heading_date",
    "long_date",
    "long_date_with_weekday",
    "month_name",
    "month_year",
    "ordinal",
    "ordinal_long_date",
    "padded_long_date",
    "padded_short_date",
    "parse_typed_date",
    "short_date",
    "short_month_name",
    "short_month_year",
    "timestamp",
]

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip


# -- names ----------------------------------------------------------------------------------------
def month_name(month: int) -> str:
    """ "August" for 8."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    return MONTH_NAMES[month - 1]


def short_month_name(month: int) -> str:
    """ "Aug" for 8: the first three letters, as clerks abbreviate (and as strftime's C locale does)."""
    return month_name(month)[:3]


def day_name(day: dt.date) -> str:
    """ "Tuesday"."""
    return DAY_NAMES[day.weekday()]


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 23rd, 31st."""
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# -- dates ----------------------------------------------------------------------------------------
def long_date(day: dt.date) -> str:
    """ "1 August 2017", as dates read in running text."""
    return f"{day.day} {month_name(day.month)} {day.year}"


def long_date_with_weekday(day: dt.date) -> str:
    """ "Tuesday 1 August 2017", for a meeting's own date."""
    return f"{day_name(day)} {long_date(day)}"


def short_date(day: dt.date) -> str:
    """ "1 Aug 2017", for narrow columns and action logs."""
    return f"{day.day} {short_month_name(day.month)} {day.year}"


def ordinal_long_date(day: dt.date) -> str:
    """ "Tuesday, 1st August, 2017", as the minutes' heading writes it."""
    return f"{day_name(day)}, {ordinal(day.day)} {month_name(day.month)}, {day.year}"


heading_date = ordinal_long_date
"""The name the exporters know it by."""


def month_year(day: dt.date) -> str:
    """ "August 2017"."""
    return f"{month_name(day.month)} {day.year}"


def short_month_year(day: dt.date) -> str:
    """ "Aug 2017"."""
    return f"{short_month_name(day.month)} {day.year}"


def padded_long_date(day: dt.date) -> str:
    """ "01 August 2017": what `%d %B %Y` printed, kept where a text was already written that way."""
    return f"{day.day:02d} {month_name(day.month)} {day.year}"


def padded_short_date(day: dt.date) -> str:
    """ "01 Aug 2017": what `%d %b %Y` printed, for aligned columns in the terminal."""
    return f"{day.day:02d} {short_month_name(day.month)} {day.year}"


def timestamp(moment: dt.datetime) -> str:
    """ "1 Aug 2017 14:03:05": when a backup was taken, to the second."""
    return f"{short_date(moment.date())} {moment:%H:%M:%S}"


# -- times ----------------------------------------------------------------------------------------
def clock_time(time: dt.time) -> str:
    """ "2.30 pm", "10.00 am", "12.00 noon": the council style, with a point and a spaced am/pm."""
    if time.hour == 12 and time.minute == 0:
        return "12.00 noon"
    hour = time.hour % 12 or 12
    return f"{hour}.{time.minute:02d} {'am' if time.hour < 12 else 'pm'}"


# -- reading dates as typed -----------------------------------------------------------------------
_MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, 1)} | {
    name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, 1)
}
_NUMERIC_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y")
_DAY = re.compile(r"3[01]|[12]\d|0[1-9]|[1-9]")
_YEAR = re.compile(r"\d{4}")


def parse_typed_date(text: str) -> dt.date | None:
    """A date as a clerk types it, or None: "31/03/2019", "31/03/19", "2019-03-31", "31 March 2019",
    "31 Mar 2019", "March 2019" or "Mar 2019" (a month alone is its last day).

    Month names are English whatever the locale (strptime's `%B` would want the locale's own).
    """
    text = " ".join(text.split())
    for fmt in _NUMERIC_FORMATS:  # digits only: strptime reads them the same in every locale
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    words = text.split(" ")
    try:
        if len(words) == 3 and _DAY.fullmatch(words[0]) and _YEAR.fullmatch(words[2]):
            month = _MONTH_NUMBERS.get(words[1].lower())
            return None if month is None else dt.date(int(words[2]), month, int(words[0]))
        if len(words) == 2 and _YEAR.fullmatch(words[1]):
            month = _MONTH_NUMBERS.get(words[0].lower())
            if month is None:
                return None
            following = dt.date(int(words[1]), month, 28) + dt.timedelta(days=4)
            return following - dt.timedelta(days=following.day)
    except ValueError:  # 31 February, year 0
        return None
    return None
