"""boardapp.core.dates: the same English text in every locale, and the same text strftime gave in "C".

Every function is compared, for every day of a leap year, with the strftime format its call
sites used before (in the "C" locale, where those formats were right), and then again with
LC_TIME switched to a real German locale, where strftime itself says "März" and "Dienstag".
"""

from __future__ import annotations

import datetime as dt
import locale
from collections.abc import Callable, Iterator

import pytest

from boardapp.core import dates
from tests.helpers.foreign_locale import GERMAN, german_lc_time

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]  # fmt: skip
LEAP_YEAR = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(366)]

# What each call site wrote before boardapp.core.dates existed (right only while LC_TIME is "C").
STRFTIME_BEFORE: dict[str, Callable[[dt.date], str]] = {
    "long_date": lambda d: f"{d.day} {d:%B %Y}",
    "long_date_with_weekday": lambda d: f"{d:%A} {d.day} {d:%B %Y}",
    "short_date": lambda d: f"{d.day} {d:%b %Y}",
    "month_year": lambda d: f"{d:%B %Y}",
    "short_month_year": lambda d: f"{d:%b %Y}",
    "padded_long_date": lambda d: f"{d:%d %B %Y}",
    "padded_short_date": lambda d: f"{d:%d %b %Y}",
    "day_name": lambda d: f"{d:%A}",
}


@pytest.fixture
def c_time_locale() -> Iterator[None]:
    saved = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, "C")
    yield
    locale.setlocale(locale.LC_TIME, saved)


@pytest.fixture
def german_time_locale(german_env: dict[str, str]) -> Iterator[None]:
    with german_lc_time(german_env):
        yield


def formatter(name: str) -> Callable[[dt.date], str]:
    function: Callable[[dt.date], str] = getattr(dates, name)
    return function


# -- the same text as before ----------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(STRFTIME_BEFORE))
def test_same_text_as_strftime_gave_in_the_c_locale(name: str, c_time_locale: None) -> None:
    before = STRFTIME_BEFORE[name]
    assert [formatter(name)(d) for d in LEAP_YEAR] == [before(d) for d in LEAP_YEAR]


def test_timestamp_is_what_backups_print(c_time_locale: None) -> None:
    for moment in (dt.datetime(2017, 8, 1, 9, 5, 7), dt.datetime(2024, 12, 31, 23, 59, 59, 999999)):
        assert dates.timestamp(moment) == f"{moment.day} {moment:%b %Y %H:%M:%S}"
    assert dates.timestamp(dt.datetime(2017, 8, 1, 14, 3, 5)) == "1 Aug 2017 14:03:05"


# -- English in a German locale -------------------------------------------------------------------
def test_the_german_locale_is_real(german_time_locale: None) -> None:
    """Without this, the test below could pass on a machine that silently fell back to "C"."""
    assert locale.setlocale(locale.LC_TIME) == GERMAN
    assert f"{dt.date(2017, 3, 7):%A %B}" == "Dienstag März"


@pytest.mark.parametrize("name", sorted(STRFTIME_BEFORE))
def test_english_whatever_the_locale(name: str, german_time_locale: None) -> None:
    with_german = [formatter(name)(d) for d in LEAP_YEAR]
    locale.setlocale(locale.LC_TIME, "C")
    assert with_german == [STRFTIME_BEFORE[name](d) for d in LEAP_YEAR]


def test_minutes_heading_and_times_in_a_german_locale(german_time_locale: None) -> None:
    assert dates.ordinal_long_date(dt.date(2017, 3, 7)) == "Tuesday, 7th March, 2017"
    assert dates.long_date_with_weekday(dt.date(2017, 3, 7)) == "Tuesday 7 March 2017"
    assert dates.clock_time(dt.time(14, 30)) == "2.30 pm"
    assert dates.parse_typed_date("31 March 2019") == dt.date(2019, 3, 31)
    assert dates.parse_typed_date("März 2019") is None


# -- each function --------------------------------------------------------------------------------
@pytest.mark.parametrize("month", range(1, 13))
def test_every_month(month: int) -> None:
    name = ENGLISH_MONTHS[month - 1]
    day = dt.date(2017, month, 3)
    assert dates.month_name(month) == name
    assert dates.short_month_name(month) == name[:3]
    assert dates.MONTH_NAMES[month - 1] == name
    assert dates.long_date(day) == f"3 {name} 2017"
    assert dates.short_date(day) == f"3 {name[:3]} 2017"
    assert dates.month_year(day) == f"{name} 2017"
    assert dates.short_month_year(day) == f"{name[:3]} 2017"
    assert dates.padded_long_date(day) == f"03 {name} 2017"
    assert dates.padded_short_date(day) == f"03 {name[:3]} 2017"


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_name_refuses_a_month_that_does_not_exist(month: int) -> None:
    with pytest.raises(ValueError, match=r"month must be 1\.\.12"):
        dates.month_name(month)


def test_single_digit_days_have_no_leading_zero_or_space() -> None:
    day = dt.date(2017, 8, 1)
    assert dates.long_date(day) == "1 August 2017"
    assert dates.long_date_with_weekday(day) == "Tuesday 1 August 2017"
    assert dates.short_date(day) == "1 Aug 2017"
    assert dates.ordinal_long_date(day) == "Tuesday, 1st August, 2017"
    assert dates.heading_date(day) == "Tuesday, 1st August, 2017"
    assert dates.day_name(day) == "Tuesday"
    assert dates.long_date(dt.date(2017, 9, 12)) == "12 September 2017"


def test_weekdays() -> None:
    week = [dt.date(2017, 7, 31) + dt.timedelta(days=n) for n in range(7)]  # Monday to Sunday
    assert [dates.day_name(d) for d in week] == list(dates.DAY_NAMES)
    assert dates.DAY_NAMES == ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"), (21, "21st"),
     (22, "22nd"), (23, "23rd"), (31, "31st"), (101, "101st"), (111, "111th")],
)  # fmt: skip
def test_ordinal(n: int, text: str) -> None:
    assert dates.ordinal(n) == text


def test_ordinal_long_date_is_the_minutes_heading() -> None:
    assert dates.ordinal_long_date(dt.date(2017, 8, 1)) == "Tuesday, 1st August, 2017"
    assert dates.ordinal_long_date(dt.date(2017, 9, 12)) == "Tuesday, 12th September, 2017"
    assert dates.ordinal_long_date(dt.date(2017, 10, 22)) == "Sunday, 22nd October, 2017"


@pytest.mark.parametrize(
    ("time", "text"),
    [
        (dt.time(14, 30), "2.30 pm"),
        (dt.time(9, 5), "9.05 am"),
        (dt.time(10, 0), "10.00 am"),
        (dt.time(12, 0), "12.00 noon"),
        (dt.time(12, 15), "12.15 pm"),
        (dt.time(0, 0), "12.00 am"),
        (dt.time(23, 59), "11.59 pm"),
    ],
)
def test_clock_time(time: dt.time, text: str) -> None:
    assert dates.clock_time(time) == text


# -- reading typed dates --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("31/03/2019", dt.date(2019, 3, 31)),
        ("1/3/2019", dt.date(2019, 3, 1)),
        ("31/03/19", dt.date(2019, 3, 31)),
        ("2019-03-31", dt.date(2019, 3, 31)),
        ("31 March 2019", dt.date(2019, 3, 31)),
        ("  31   march   2019 ", dt.date(2019, 3, 31)),
        ("1 Mar 2019", dt.date(2019, 3, 1)),
        ("01 SEP 2019", dt.date(2019, 9, 1)),
        ("March 2019", dt.date(2019, 3, 31)),
        ("Feb 2020", dt.date(2020, 2, 29)),
        ("February 2019", dt.date(2019, 2, 28)),
        ("december 2019", dt.date(2019, 12, 31)),
        ("31 February 2019", None),
        ("31 Sept 2017", None),
        ("Marchy 2019", None),
        ("3 4 2019", None),
        ("32 March 2019", None),
        ("March 19", None),
        ("", None),
        ("soon", None),
    ],
)
def test_parse_typed_date(typed: str, date: dt.date | None) -> None:
    assert dates.parse_typed_date(typed) == date


def _strptime_before(text: str) -> dt.date | None:
    """services.kpis.parse_date as it was, with strptime's locale-dependent %B and %b."""
    text = " ".join(text.split())
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b %Y"):
        try:
            parsed = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if "%d" not in fmt:
            following = parsed.replace(day=28) + dt.timedelta(days=4)
            parsed = following - dt.timedelta(days=following.day)
        return parsed
    return None


def test_parse_typed_date_reads_what_strptime_read_in_the_c_locale(c_time_locale: None) -> None:
    typed: list[str] = []
    for day in [*LEAP_YEAR[::7], dt.date(2019, 2, 28), dt.date(1999, 12, 31)]:
        name = ENGLISH_MONTHS[day.month - 1]
        typed += [
            f"{day.day} {name} {day.year}",
            f"{day.day:02d} {name[:3].upper()} {day.year}",
            f"{name.lower()} {day.year}",
            f"{name[:3]} {day.year}",
            f"{day.day}/{day.month}/{day.year}",
            f"{day.day:02d}/{day.month:02d}/{day.year % 100:02d}",
            day.isoformat(),
            f"31 {name} {day.year}",
            f"{day.day} {name}",
        ]
    assert [dates.parse_typed_date(t) for t in typed] == [_strptime_before(t) for t in typed]
