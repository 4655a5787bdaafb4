"""Working days and the "clear days" before a meeting (pure: no files, no clock).

Section 100B of the Local Government Act 1972 asks that an agenda be open to inspection at least
five clear days before the meeting. "Clear days" leave out both the day the agenda is published
and the day of the meeting; weekends and bank holidays are not working days. The holiday list is
passed in (see boardapp/services/holidays.py) so that a newer official list can replace the one
shipped with the app.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

_DAY = dt.timedelta(days=1)


def is_working_day(day: dt.date, holidays: frozenset[dt.date] | set[dt.date]) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and day not in holidays


def clear_working_days_between(first: dt.date, last: dt.date, holidays: frozenset[dt.date] | set[dt.date]) -> int:
    """Working days strictly after `first` and strictly before `last` (both ends excluded)."""
    count = 0
    day = first + _DAY
    while day < last:
        if is_working_day(day, holidays):
            count += 1
        day += _DAY
    return count


def latest_publication_date(meeting: dt.date, clear_days: int, holidays: frozenset[dt.date] | set[dt.date]) -> dt.date:
    """The last day on which publishing still leaves `clear_days` clear working days before `meeting`.

    A Tuesday meeting with 5 clear days: Tue, Wed, Thu, Fri, Mon before it are the clear days, so
    the agenda must be out on the Monday a week before (one day earlier per bank holiday in between).
    The answer may fall on a weekend when the clear days start on a Monday; publishing on the Friday
    before is then what an office does, and `last_working_day_on_or_before` gives it.
    """
    if clear_days < 0:
        raise ValueError("the number of clear days cannot be negative")
    day = meeting - _DAY
    counted = 0
    while counted < clear_days:
        if is_working_day(day, holidays):
            counted += 1
        day -= _DAY
    return day


def last_working_day_on_or_before(day: dt.date, holidays: frozenset[dt.date] | set[dt.date]) -> dt.date:
    while not is_working_day(day, holidays):
        day -= _DAY
    return day


def parse_bank_holidays(data: Any, division: str = "england-and-wales") -> frozenset[dt.date]:
    """Dates from a holiday list: the shipped file ({"division", "events"}) or GOV.UK's
    https://www.gov.uk/bank-holidays.json ({"england-and-wales": {"division", "events"}, ...}).
    Raises ValueError naming what is wrong, so a bad file is refused rather than half-read."""
    if isinstance(data, (str, bytes)):
        try:
            data = json.loads(data)
        except json.JSONDecodeError as exc:
            raise ValueError(f"the holiday list is not JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, dict) and division in data and isinstance(data[division], dict):
        data = data[division]
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ValueError(f"the holiday list has no 'events' for {division} (expected GOV.UK's bank-holidays.json)")
    return frozenset(_event_dates(data["events"]))


def _event_dates(events: Iterable[Any]) -> Iterable[dt.date]:
    for number, event in enumerate(events, start=1):
        text = event.get("date") if isinstance(event, dict) else None
        try:
            yield dt.date.fromisoformat(str(text))
        except ValueError:
            raise ValueError(f"event {number} of the holiday list has no date written YYYY-MM-DD ({text!r})") from None
