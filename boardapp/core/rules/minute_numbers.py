"""Minute numbers under a board's scheme (pure: no database).

Councils number minutes either continuously across every meeting, or restarting each municipal
year (which starts in May in English local government): "23/17" is minute 23 of 2017/18.
References in later minutes ("Minute 23/17 refers") must resolve back to the item.
"""

from __future__ import annotations

import datetime as dt
import re

from boardapp.core.enums import MinuteNumbering

_REFERENCE = re.compile(r"^\s*(?:minute\s+(?:no\.?\s*)?)?(\d+)\s*(?:/\s*(\d{2}))?\s*$", re.IGNORECASE)
_IN_TEXT = re.compile(r"\bminutes?\s+(?:no\.?\s*)?(\d+)(?:\s*/\s*(\d{2}))?\b", re.IGNORECASE)


def municipal_year(day: dt.date, start_month: int) -> int:
    """The calendar year in which the municipal year holding `day` began (April 2018 → 2017 when it starts in May)."""
    if not 1 <= start_month <= 12:
        raise ValueError("the municipal year must start in a month from 1 to 12")
    return day.year if day.month >= start_month else day.year - 1


def numbering_scope(day: dt.date, scheme: MinuteNumbering, start_month: int) -> int | None:
    """Meetings in the same scope share one sequence: a municipal year, or (None) the board's whole life."""
    if scheme is MinuteNumbering.MUNICIPAL_YEAR:
        return municipal_year(day, start_month)
    return None


def format_minute_number(sequence: int, scheme: MinuteNumbering, day: dt.date, start_month: int) -> str:
    """"17" (continuous) or "17/23" style: minute `sequence` of the municipal year holding `day`."""
    if scheme is MinuteNumbering.NONE:
        return ""
    if scheme is MinuteNumbering.CONTINUOUS:
        return str(sequence)
    return f"{sequence}/{municipal_year(day, start_month) % 100:02d}"


def parse_minute_number(text: str) -> tuple[int, int | None] | None:
    """"Minute 23/17" → (23, 17); "23" → (23, None); anything else → None."""
    match = _REFERENCE.match(text)
    if match is None:
        return None
    return int(match.group(1)), (int(match.group(2)) if match.group(2) else None)


def find_minute_reference(text: str) -> tuple[int, int | None] | None:
    """The first reference in running text: "Minute 23/17 refers" → (23, 17); a bare number → (n, None)."""
    match = _IN_TEXT.search(text)
    if match is not None:
        return int(match.group(1)), (int(match.group(2)) if match.group(2) else None)
    return parse_minute_number(text)


def sequence_of(number: str) -> int | None:
    """The running number of a stored minute number ("23/17" → 23)."""
    parsed = parse_minute_number(number)
    return parsed[0] if parsed else None
