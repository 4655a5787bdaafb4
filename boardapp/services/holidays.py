"""Which bank holidays count when working out a publication deadline.

The app ships England and Wales bank holidays for 2017–2028 (resources/bank_holidays/). A newer
list in GOV.UK's format (https://www.gov.uk/bank-holidays.json) can be put in the BoardApp home as
`bank-holidays.json` (`boardapp holidays load FILE.json` copies and checks it): for every year the
newer list covers it replaces the shipped dates (so a moved or extra holiday is right), other
years keep the shipped ones.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from boardapp.bundled import resources_dir
from boardapp.core.rules.working_days import parse_bank_holidays

HOME_FILE_NAME = "bank-holidays.json"


def shipped_holidays() -> frozenset[dt.date]:
    path = resources_dir() / "bank_holidays" / "england-and-wales.json"
    return parse_bank_holidays(path.read_text(encoding="utf-8"))


def read_holiday_file(path: Path) -> frozenset[dt.date]:
    """The dates of a holiday file; ValueError (message names the file) if it cannot be used."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"Cannot read the holiday list {path}: {exc}") from None
    try:
        dates = parse_bank_holidays(text)
    except ValueError as exc:
        raise ValueError(f"{path} cannot be used: {exc}.") from None
    if not dates:
        raise ValueError(f"{path} lists no bank holidays.")
    return dates


def bank_holidays(newer: Path | None = None) -> frozenset[dt.date]:
    """Shipped holidays, with the years a newer list covers taken from that list instead."""
    shipped = shipped_holidays()
    if newer is None or not Path(newer).is_file():
        return shipped
    loaded = read_holiday_file(newer)
    years = {day.year for day in loaded}
    return frozenset({day for day in shipped if day.year not in years} | loaded)
