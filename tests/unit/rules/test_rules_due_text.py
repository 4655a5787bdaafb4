"""parse_due_text against every "By When" of the 12 week plan (seed 000) and every "Due" of
the development plan (seed 002), copied here, plus the formats clerks type by hand."""

from __future__ import annotations

import datetime
import random
import string

import pytest

from boardapp.core.enums import PlanDueKind
from boardapp.core.rules import ParsedDue, parse_due_text
from boardapp.core.rules.due_text import MAX_DUE_TEXT, MONTH_NAMES

D = datetime.date
DATE, ONGOING, RECURRING = PlanDueKind.DATE, PlanDueKind.ONGOING, PlanDueKind.RECURRING
INVALID, UNPARSED, NONE = PlanDueKind.INVALID, PlanDueKind.UNPARSED, PlanDueKind.NONE

# Every distinct "By When" value of seed 000 (12 Week Improvement Plan, Aug-Oct 2017).
SEED_000_BY_WHEN = [
    ("1 August 2017", DATE, D(2017, 8, 1), ""),
    ("11 August 2017", DATE, D(2017, 8, 11), ""),
    ("1 September 2017", DATE, D(2017, 9, 1), ""),
    ("31 October 2017", DATE, D(2017, 10, 31), ""),
    ("Ongoing", ONGOING, None, ""),
    ("18 August 2017", DATE, D(2017, 8, 18), ""),
    ("31 August 2017", DATE, D(2017, 8, 31), ""),
    ("20 October 2017", DATE, D(2017, 10, 20), ""),
    ("29 September 2017", DATE, D(2017, 9, 29), ""),
    ("September 2017", DATE, D(2017, 9, 30), ""),
    ("August 2017", DATE, D(2017, 8, 31), ""),
    ("Monthly", RECURRING, None, "monthly"),
    ("14 August 2017", DATE, D(2017, 8, 14), ""),
    ("16 October 2017", DATE, D(2017, 10, 16), ""),
    ("22 September 2017", DATE, D(2017, 9, 22), ""),
    ("10 October 2017", DATE, D(2017, 10, 10), ""),
    ("30 September 2017", DATE, D(2017, 9, 30), ""),
    ("21 September 2017", DATE, D(2017, 9, 21), ""),
    ("Sept 2017 and ongoing 31 Sept 2017 31 Sept 2017 19 October 2017", INVALID, None, ""),
    ("12 September 2017", DATE, D(2017, 9, 12), ""),
    ("12 October 2017", DATE, D(2017, 10, 12), ""),
    ("1 October 2017", DATE, D(2017, 10, 1), ""),
    ("31 September 2017", INVALID, None, ""),
    ("11 August 2017 / ongoing", DATE, D(2017, 8, 11), ""),
    ("25 August 2017", DATE, D(2017, 8, 25), ""),
]

# Every distinct "Due" value of seed 002 (Children's Services Development Plan 2018-19),
# including the pieces left in the next row when a cell was split by the extraction.
SEED_002_DUE = [
    ("November 2018", DATE, D(2018, 11, 30), ""),
    ("January 2019", DATE, D(2019, 1, 31), ""),
    ("March 2019", DATE, D(2019, 3, 31), ""),
    ("October 2019", DATE, D(2019, 10, 31), ""),
    ("April 2019", DATE, D(2019, 4, 30), ""),
    ("Quarterly Monitoring", RECURRING, None, "quarterly"),
    ("Initial Report January 2019", DATE, D(2019, 1, 31), ""),
    ("June 2019", DATE, D(2019, 6, 30), ""),
    ("November 2019", DATE, D(2019, 11, 30), ""),
    ("September 2019", DATE, D(2019, 9, 30), ""),
    ("February 2019", DATE, D(2019, 2, 28), ""),
    ("Plan In Place By January 2019", DATE, D(2019, 1, 31), ""),
    ("New Programme To Be Delivered From March 2019", DATE, D(2019, 3, 31), ""),
    ("Pilot November 2018 Roll Out June 2019", DATE, D(2019, 6, 30), ""),
    ("Pilot November 2018 Roll Out June", DATE, D(2019, 6, 30), ""),
    ("December 2018", DATE, D(2018, 12, 31), ""),
    ("Pilot Nov 2018 Roll Out June 2019", DATE, D(2019, 6, 30), ""),
    ("From January 2019", DATE, D(2019, 1, 31), ""),
    ("Monthly", RECURRING, None, "monthly"),
    ("Service to Commence September 2019", DATE, D(2019, 9, 30), ""),
    ("Quarterly", RECURRING, None, "quarterly"),
    ("Monitoring", UNPARSED, None, ""),
    ("Spring Term 2019", DATE, D(2019, 3, 31), ""),
    ("Monthly Monitoring", RECURRING, None, "monthly"),
    ("Work Experience - January 2019", DATE, D(2019, 1, 31), ""),
    ("CEAIG – Y11 – Sept 2018 Y10 - Sept 2019", DATE, D(2019, 9, 30), ""),
    ("Work Experience - January 2019 CEAIG – Y11 – Sept 2018 Y10 - Sept 2019", DATE, D(2019, 9, 30), ""),
    ("July 2019", DATE, D(2019, 7, 31), ""),
    ("February", UNPARSED, None, ""),
    ("2019", DATE, D(2019, 12, 31), ""),
    ("December 2019", DATE, D(2019, 12, 31), ""),
]

# Formats typed by hand, and the conventions the module documents.
TYPED = [
    ("", NONE, None, ""),
    ("   \u00a0\t\n", NONE, None, ""),
    ("Sept 2017", DATE, D(2017, 9, 30), ""),
    ("Sep 2017", DATE, D(2017, 9, 30), ""),
    ("Sept. 2017", DATE, D(2017, 9, 30), ""),
    ("Sep-17", DATE, D(2017, 9, 30), ""),
    ("Sept 2017 and ongoing", DATE, D(2017, 9, 30), ""),
    ("31 Sept 2017", INVALID, None, ""),
    ("TBC", UNPARSED, None, ""),
    ("tba", UNPARSED, None, ""),
    ("To be confirmed", UNPARSED, None, ""),
    ("29/02/2019", INVALID, None, ""),
    ("29/02/2020", DATE, D(2020, 2, 29), ""),
    ("31/10/2017", DATE, D(2017, 10, 31), ""),
    ("31/10/17", DATE, D(2017, 10, 31), ""),
    ("31.10.2017", DATE, D(2017, 10, 31), ""),
    ("31-10-2017", DATE, D(2017, 10, 31), ""),
    ("01/02/2019", DATE, D(2019, 2, 1), ""),  # day first: 1 February, not 2 January
    ("10/31/2017", INVALID, None, ""),  # month 31: US order is refused, not swapped
    ("2017-10-31", DATE, D(2017, 10, 31), ""),
    ("2017-02-30", INVALID, None, ""),
    ("1st August 2017", DATE, D(2017, 8, 1), ""),
    ("22nd of September, 2017", DATE, D(2017, 9, 22), ""),
    ("August 1, 2017", DATE, D(2017, 8, 1), ""),
    ("by 31 October 2017", DATE, D(2017, 10, 31), ""),
    ("Q3 2019", DATE, D(2019, 9, 30), ""),
    ("Q1 2019", DATE, D(2019, 3, 31), ""),
    ("Quarter 3 2019-20", DATE, D(2019, 12, 31), ""),
    ("Q4 2019/20", DATE, D(2020, 3, 31), ""),
    ("Q1 2019/2020", DATE, D(2019, 6, 30), ""),
    ("Q2 2019/21", INVALID, None, ""),
    ("2019/20", DATE, D(2020, 3, 31), ""),
    ("end of March 2019", DATE, D(2019, 3, 31), ""),
    ("End March 2019", DATE, D(2019, 3, 31), ""),
    ("w/c 4 March 2019", DATE, D(2019, 3, 4), ""),
    ("week commencing 4 March 2019", DATE, D(2019, 3, 4), ""),
    ("Autumn 2018", DATE, D(2018, 11, 30), ""),
    ("Spring 2019", DATE, D(2019, 5, 31), ""),
    ("Summer 2019", DATE, D(2019, 8, 31), ""),
    ("Winter 2018", DATE, D(2019, 2, 28), ""),
    ("Winter 2019/20", DATE, D(2020, 2, 29), ""),
    ("Autumn Term 2018", DATE, D(2018, 12, 31), ""),
    ("Summer Term 2019", DATE, D(2019, 7, 31), ""),
    ("summer term 2019", DATE, D(2019, 7, 31), ""),
    ("Autumn Term 2018/19", DATE, D(2018, 12, 31), ""),
    ("Spring Term 2018/19", DATE, D(2019, 3, 31), ""),
    ("Spring Term 2018/20", INVALID, None, ""),
    ("March 3019", INVALID, None, ""),
    ("On-going", ONGOING, None, ""),
    ("on going", ONGOING, None, ""),
    ("Continuous", ONGOING, None, ""),
    ("Weekly", RECURRING, None, "weekly"),
    ("Annually", RECURRING, None, "annually"),
    ("Annual review", RECURRING, None, "annually"),
    ("Every quarter", RECURRING, None, "quarterly"),
    ("Ongoing monthly monitoring", RECURRING, None, "monthly"),
    ("Monthly from March 2019", RECURRING, D(2019, 3, 31), "monthly"),
    ("Quarterly: June 2019, first review March 2019", RECURRING, D(2019, 3, 31), "quarterly"),
    ("Six monthly", UNPARSED, None, ""),
    ("Six-monthly", UNPARSED, None, ""),
    ("bi-monthly", UNPARSED, None, ""),
    ("Fortnightly", UNPARSED, None, ""),
    ("4 March", UNPARSED, None, ""),
    ("ASAP", UNPARSED, None, ""),
    ("ALL", UNPARSED, None, ""),
    ("Staff may attend", UNPARSED, None, ""),
    ("June and December 2019", DATE, D(2019, 12, 31), ""),
    ("1 March 2019 then 4 April", DATE, D(2019, 4, 4), ""),
    ("30 November 2018 then 31 February", INVALID, None, ""),
]

# Look-alike characters pasted from Word and the web.
UNICODE = [
    ("31\u00a0October\u00a02017", DATE, D(2017, 10, 31), ""),  # non-breaking spaces
    ("31\u202fOctober 2017", DATE, D(2017, 10, 31), ""),  # narrow no-break space
    ("31 Oct\u200bober 2017", DATE, D(2017, 10, 31), ""),  # zero-width space inside a word
    ("\ufeff1 August 2017", DATE, D(2017, 8, 1), ""),  # byte order mark
    ("３１ October ２０１７", DATE, D(2017, 10, 31), ""),  # full-width digits
    ("Pilot November 2018 \u2013 Roll Out June 2019", DATE, D(2019, 6, 30), ""),  # en dash
    ("Quarter 3 2019\u201320", DATE, D(2019, 12, 31), ""),  # en dash between years
    ("Q3 2019\u201420", DATE, D(2019, 12, 31), ""),  # em dash between years
    ("  Ongoing \n", ONGOING, None, ""),
    ("ONGOING", ONGOING, None, ""),
    ("SEPTEMBER 2017", DATE, D(2017, 9, 30), ""),
]


@pytest.mark.parametrize(("text", "kind", "date", "recurrence"), SEED_000_BY_WHEN + SEED_002_DUE + TYPED + UNICODE)
def test_parse_due_text(text: str, kind: PlanDueKind, date: datetime.date | None, recurrence: str) -> None:
    parsed = parse_due_text(text)
    assert (parsed.kind, parsed.date, parsed.recurrence) == (kind, date, recurrence)


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("31 Sept 2017", "31 September does not exist"),
        ("31 September 2017", "31 September does not exist"),
        ("Sept 2017 and ongoing 31 Sept 2017 31 Sept 2017 19 October 2017", "31 September does not exist"),
        ("29/02/2019", "29 February 2019 does not exist (2019 is not a leap year)"),
        ("30 Feb 2020", "30 February does not exist"),
        ("10/31/2017", "month 31 does not exist (dates are read day first)"),
        ("0 March 2019", "day 0 does not exist"),
        ("March 3019", "year 3019 is out of range"),
        ("TBC", "to be confirmed"),
        ("February", "February: no year given"),
        ("4 March", "4 March: no year given"),
        ("Monitoring", "no date found"),
        ("Six monthly", "Six monthly is not a supported recurrence"),
        ("1 August 2017", ""),
        ("Ongoing", ""),
        ("Quarterly Monitoring", ""),
        ("", ""),
        ("end of March 2019", ""),
        ("31/10/2017", ""),
    ],
)
def test_note_exact(text: str, note: str) -> None:
    assert parse_due_text(text).note == note


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("September 2017", ["approximate", "end of September 2017"]),
        ("Sept 2017", ["approximate", "end of September 2017"]),
        ("Sept 2017 and ongoing", ["approximate", "then ongoing"]),
        ("11 August 2017 / ongoing", ["then ongoing"]),
        ("Pilot November 2018 Roll Out June 2019", ["several dates", "November 2018", "June 2019", "latest"]),
        ("Pilot Nov 2018 Roll Out June 2019", ["November 2018", "June 2019"]),
        ("Pilot November 2018 Roll Out June", ["June has no year", "June 2019", "November 2018"]),
        ("Work Experience - January 2019 CEAIG – Y11 – Sept 2018 Y10 - Sept 2019", ["January 2019", "September 2018"]),
        ("Spring Term 2019", ["approximate", "Spring term 2019", "31 March 2019"]),
        ("Autumn 2018", ["approximate", "calendar season", "30 November 2018"]),
        ("Q3 2019", ["approximate", "calendar quarter"]),
        ("Quarter 3 2019-20", ["approximate", "financial year"]),
        ("2019/20", ["approximate", "financial year 2019/20"]),
        ("2019", ["approximate", "end of 2019"]),
        ("From January 2019", ["a start date", "from January 2019"]),
        ("New Programme To Be Delivered From March 2019", ["a start date", "from March 2019"]),
        ("Service to Commence September 2019", ["a start date", "from September 2019"]),
        ("w/c 4 March 2019", ["week commencing 4 March 2019"]),
        ("Monthly from March 2019", ["monthly from March 2019"]),
        ("Quarterly: June 2019, first review March 2019", ["quarterly from March 2019"]),
        ("June and December 2019", ["June has no year and was ignored"]),
    ],
)
def test_note_explains(text: str, fragments: list[str]) -> None:
    note = parse_due_text(text).note
    for fragment in fragments:
        assert fragment in note


def test_exact_date_plus_month_names_both_in_note() -> None:
    """A month-level milestone is approximate even when another milestone is exact."""
    parsed = parse_due_text("1 March 2019 then June 2019")
    assert parsed.date == D(2019, 6, 30)
    assert "1 March 2019" in parsed.note
    assert "approximate: end of June 2019" in parsed.note


def test_invalid_never_carries_a_date() -> None:
    """An impossible date must not be silently moved to a neighbour."""
    for text in ("31 Sept 2017", "29/02/2019", "Sept 2017 and ongoing 31 Sept 2017 19 October 2017"):
        parsed = parse_due_text(text)
        assert parsed.kind is INVALID
        assert parsed.date is None


def test_result_is_frozen() -> None:
    parsed = parse_due_text("1 August 2017")
    with pytest.raises(AttributeError):
        parsed.date = None  # type: ignore[misc]
    assert parsed == ParsedDue(DATE, D(2017, 8, 1), "", "")


def _every_day(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]


def test_every_day_2016_to_2020_in_every_format() -> None:
    """Exhaustive over five years, leap days included: no date is misread in any format."""
    for day in _every_day(D(2016, 1, 1), D(2020, 12, 31)):
        month = MONTH_NAMES[day.month - 1]
        for text in (
            f"{day.day} {month} {day.year}",
            f"{day.day} {month[:3]} {day.year}",
            f"{day:%d/%m/%Y}",
            f"{day:%d/%m/%y}",
            day.isoformat(),
            f"by {day.day} {month} {day.year}",
        ):
            assert parse_due_text(text) == ParsedDue(DATE, day, "", ""), text


@pytest.mark.parametrize("month", range(1, 13))
def test_day_after_month_end_is_invalid(month: int) -> None:
    for year in (2017, 2019, 2020):
        last = (D(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)).day
        parsed = parse_due_text(f"{last + 1} {MONTH_NAMES[month - 1]} {year}")
        assert parsed.kind is INVALID
        assert parsed.note == f"{last + 1} {MONTH_NAMES[month - 1]} does not exist" or (
            month == 2 and last + 1 == 29 and "not a leap year" in parsed.note
        )


@pytest.mark.parametrize("month", range(1, 13))
def test_month_and_year_mean_last_day(month: int) -> None:
    for year in (2019, 2020):
        expected = D(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
        assert parse_due_text(f"{MONTH_NAMES[month - 1]} {year}").date == expected


def test_long_text_is_not_read() -> None:
    at_limit = "1 August 2017".ljust(MAX_DUE_TEXT)
    assert parse_due_text(at_limit).date == D(2017, 8, 1)
    over = "1 August 2017 " + "x" * MAX_DUE_TEXT
    assert parse_due_text(over) == ParsedDue(UNPARSED, None, "", "too long to be a due date")


@pytest.mark.parametrize("seed", range(8))
def test_garbage_never_raises(seed: int) -> None:
    """10,000 characters of anything, including look-alike dates, come back UNPARSED."""
    rng = random.Random(seed)
    alphabet = string.printable + "–—·•\u00a0\u200b’“”ÆØ日本/-.0123456789 JanMaySeptQ"
    garbage = "".join(rng.choice(alphabet) for _ in range(10_000))
    parsed = parse_due_text(garbage)
    assert parsed.kind is UNPARSED
    assert parsed.date is None


@pytest.mark.parametrize("seed", range(40))
def test_short_garbage_never_raises(seed: int) -> None:
    """Under the length limit the scanner really runs; it must always return a coherent result."""
    rng = random.Random(seed)
    pieces = ["31", "29", "/", "-", " ", "Sept", "May", "2019", "20", "Q3", "Term", "Spring", "ongoing", "w/c"]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
    parsed = parse_due_text(text)
    if parsed.kind is DATE:
        assert parsed.date is not None
    elif parsed.kind is not RECURRING:
        assert parsed.date is None
    if parsed.kind in (INVALID, UNPARSED):
        assert parsed.note  # flagged results always say why
