"""Clear working days before a meeting, with the shipped England and Wales bank holidays."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from boardapp.core.rules.working_days import (
    clear_working_days_between,
    is_working_day,
    last_working_day_on_or_before,
    latest_publication_date,
    parse_bank_holidays,
)
from boardapp.services.holidays import bank_holidays, read_holiday_file, shipped_holidays

D = dt.date
NONE: frozenset[dt.date] = frozenset()


def test_a_tuesday_meeting_needs_the_agenda_out_by_the_monday_a_week_before() -> None:
    # Clear days Wed 26 .. Mon 31 July 2017 skipping the weekend: Tue 25, Wed 26, Thu 27, Fri 28, Mon 31.
    assert latest_publication_date(D(2017, 8, 1), 5, NONE) == D(2017, 7, 24)


def test_neither_the_publication_day_nor_the_meeting_day_is_clear() -> None:
    deadline = latest_publication_date(D(2026, 3, 20), 5, NONE)  # a Friday
    assert deadline == D(2026, 3, 12)
    assert clear_working_days_between(deadline, D(2026, 3, 20), NONE) == 5
    assert clear_working_days_between(deadline + dt.timedelta(days=1), D(2026, 3, 20), NONE) == 4


def test_easter_bank_holidays_push_the_deadline_back() -> None:
    holidays = shipped_holidays()
    assert {D(2026, 4, 3), D(2026, 4, 6)} <= holidays  # Good Friday, Easter Monday 2026
    # Thursday 9 April 2026: clear days Wed 8, Tue 7, Thu 2, Wed 1, Tue 31 March.
    assert latest_publication_date(D(2026, 4, 9), 5, holidays) == D(2026, 3, 30)
    assert latest_publication_date(D(2026, 4, 9), 5, NONE) == D(2026, 4, 1)


@pytest.mark.parametrize(
    ("year", "good_friday", "easter_monday"),
    [(2017, D(2017, 4, 14), D(2017, 4, 17)), (2019, D(2019, 4, 19), D(2019, 4, 22)),
     (2024, D(2024, 3, 29), D(2024, 4, 1)), (2027, D(2027, 3, 26), D(2027, 3, 29))],
)  # fmt: skip
def test_easter_dates_are_right(year: int, good_friday: dt.date, easter_monday: dt.date) -> None:
    holidays = {day for day in shipped_holidays() if day.year == year}
    assert good_friday in holidays and easter_monday in holidays


def test_substitute_days_and_special_holidays() -> None:
    holidays = shipped_holidays()
    expected = {
        D(2017, 1, 2),  # New Year's Day on a Sunday
        D(2022, 1, 3),  # New Year's Day on a Saturday
        D(2020, 5, 8),  # early May moved to VE day
        D(2020, 12, 28),  # Boxing Day on a Saturday
        D(2021, 12, 27), D(2021, 12, 28),  # Christmas on a Saturday
        D(2022, 6, 2), D(2022, 6, 3),  # Spring holiday moved, Platinum Jubilee
        D(2022, 9, 19),  # State Funeral
        D(2022, 12, 27),  # Christmas on a Sunday
        D(2023, 5, 8),  # Coronation
        D(2026, 12, 28),  # Boxing Day on a Saturday
    }
    assert expected <= holidays
    assert D(2020, 5, 4) not in holidays and D(2022, 5, 30) not in holidays
    assert all(day.weekday() < 5 for day in holidays)
    assert len(holidays) == 99


def test_the_deadline_crosses_the_year_boundary_over_christmas() -> None:
    holidays = shipped_holidays()
    # Thursday 7 January 2027: clear days Wed 6, Tue 5, Mon 4, (Fri 1 Jan holiday), Thu 31, Wed 30 Dec;
    # 28 Dec 2026 is the Boxing Day substitute.
    assert latest_publication_date(D(2027, 1, 7), 5, holidays) == D(2026, 12, 29)


def test_working_day_helpers() -> None:
    holidays = shipped_holidays()
    assert not is_working_day(D(2026, 12, 5), holidays)  # Saturday
    assert not is_working_day(D(2026, 12, 25), holidays)
    assert is_working_day(D(2026, 12, 24), holidays)
    assert last_working_day_on_or_before(D(2026, 12, 28), holidays) == D(2026, 12, 24)
    with pytest.raises(ValueError, match="negative"):
        latest_publication_date(D(2026, 12, 1), -1, holidays)


def test_a_newer_list_in_gov_uk_format_replaces_the_years_it_covers(tmp_path: Path) -> None:
    newer = tmp_path / "bank-holidays.json"
    events = [{"title": "Invented holiday", "date": "2027-06-07"}, {"title": "New Year", "date": "2027-01-01"}]
    newer.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": events}}))
    merged = bank_holidays(newer)
    assert D(2027, 6, 7) in merged
    assert D(2027, 3, 26) not in merged  # 2027 now comes from the newer list only
    assert D(2026, 4, 3) in merged  # other years keep the shipped dates
    assert bank_holidays(tmp_path / "absent.json") == shipped_holidays()


def test_a_bad_holiday_list_is_refused_with_the_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"events": [{"date": "31/12/2027"}]}')
    with pytest.raises(ValueError, match=r"event 1 .* YYYY-MM-DD"):
        read_holiday_file(bad)
    bad.write_text("not json")
    with pytest.raises(ValueError, match="not JSON"):
        read_holiday_file(bad)
    with pytest.raises(ValueError, match="no 'events'"):
        parse_bank_holidays({"scotland": {}})
