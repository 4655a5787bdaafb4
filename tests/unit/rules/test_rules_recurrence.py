"""Meeting patterns as clerks say them, and the dates they give."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.rules.recurrence import (
    COMMON_RULES,
    MAX_MEETINGS,
    RuleKind,
    SeriesRule,
    describe_rule,
    generate_dates,
    nth_weekday,
    parse_rule,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("first tuesday", SeriesRule(RuleKind.NTH_WEEKDAY, nth=1, weekday=1)),
        ("First Tuesday of each month", SeriesRule(RuleKind.NTH_WEEKDAY, nth=1, weekday=1)),
        ("the first Tuesday of the month", SeriesRule(RuleKind.NTH_WEEKDAY, nth=1, weekday=1)),
        ("1st Tue every month", SeriesRule(RuleKind.NTH_WEEKDAY, nth=1, weekday=1)),
        ("second wednesday", SeriesRule(RuleKind.NTH_WEEKDAY, nth=2, weekday=2)),
        ("2nd Weds monthly", SeriesRule(RuleKind.NTH_WEEKDAY, nth=2, weekday=2)),
        ("third Monday", SeriesRule(RuleKind.NTH_WEEKDAY, nth=3, weekday=0)),
        ("fourth friday", SeriesRule(RuleKind.NTH_WEEKDAY, nth=4, weekday=4)),
        ("last thursday", SeriesRule(RuleKind.NTH_WEEKDAY, nth=-1, weekday=3)),
        ("Last Thursday of every month.", SeriesRule(RuleKind.NTH_WEEKDAY, nth=-1, weekday=3)),
        ("first tuesday of every other month", SeriesRule(RuleKind.NTH_WEEKDAY, months=2, nth=1, weekday=1)),
        ("first tuesday every 3 months", SeriesRule(RuleKind.NTH_WEEKDAY, months=3, nth=1, weekday=1)),
        ("every 6 weeks", SeriesRule(RuleKind.WEEKS, weeks=6)),
        ("Every six weeks", SeriesRule(RuleKind.WEEKS, weeks=6)),
        ("every 2 weeks", SeriesRule(RuleKind.WEEKS, weeks=2)),
        ("fortnightly", SeriesRule(RuleKind.WEEKS, weeks=2)),
        ("weekly", SeriesRule(RuleKind.WEEKS, weeks=1)),
        ("every week", SeriesRule(RuleKind.WEEKS, weeks=1)),
        ("monthly", SeriesRule(RuleKind.MONTH_DAY, months=1)),
        ("every month", SeriesRule(RuleKind.MONTH_DAY, months=1)),
        ("every 2 months", SeriesRule(RuleKind.MONTH_DAY, months=2)),
        ("quarterly", SeriesRule(RuleKind.MONTH_DAY, months=3)),
    ],
)
def test_rules_are_understood(text: str, expected: SeriesRule) -> None:
    assert parse_rule(text) == expected


@pytest.mark.parametrize("text", COMMON_RULES)
def test_every_rule_offered_in_the_dialog_is_understood(text: str) -> None:
    assert generate_dates(text, D(2026, 1, 1), count=3)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "how often"),
        ("   ", "how often"),
        ("whenever the chair likes", "not a meeting pattern"),
        ("first funday", "not a meeting pattern"),
        ("fifth monday", 'say "last monday"'),
        ("sixth tuesday", "not first, second, third, fourth or last"),
        ("first tuesday of june", "'of june' is not understood"),
        ("every 0 weeks", "at least one"),
        ("every 0 months", "at least one"),
        ("every fortnight weeks", "not a meeting pattern"),
        ("daily", "not a meeting pattern"),
    ],
)
def test_rules_not_understood_say_why(text: str, words: str) -> None:
    with pytest.raises(ValueError, match="(?i)" + words.replace('"', '"')) as raised:
        parse_rule(text)
    assert "first Tuesday" in str(raised.value) or "fifth" in text or "0" in text


def test_first_tuesday_from_a_date_after_this_months() -> None:
    assert generate_dates("first tuesday", D(2026, 1, 15), count=4) == [
        D(2026, 2, 3), D(2026, 3, 3), D(2026, 4, 7), D(2026, 5, 5),
    ]  # fmt: skip


def test_first_tuesday_includes_the_start_when_it_is_one() -> None:
    assert generate_dates("first tuesday", D(2026, 2, 3), count=2) == [D(2026, 2, 3), D(2026, 3, 3)]


def test_first_tuesday_of_the_start_month_when_still_to_come() -> None:
    assert generate_dates("first tuesday", D(2026, 2, 1), count=1) == [D(2026, 2, 3)]


def test_last_thursday_crosses_the_year() -> None:
    assert generate_dates("last thursday", D(2026, 11, 1), count=3) == [
        D(2026, 11, 26),
        D(2026, 12, 31),
        D(2027, 1, 28),
    ]


def test_every_other_month_starts_with_the_next_possible_month() -> None:
    assert generate_dates("first tuesday of every other month", D(2026, 1, 15), count=3) == [
        D(2026, 2, 3), D(2026, 4, 7), D(2026, 6, 2),
    ]  # fmt: skip


def test_every_six_weeks_from_the_start() -> None:
    assert generate_dates("every 6 weeks", D(2017, 8, 1), count=3) == [D(2017, 8, 1), D(2017, 9, 12), D(2017, 10, 24)]


def test_until_is_inclusive() -> None:
    assert generate_dates("every 2 weeks", D(2026, 1, 5), until=D(2026, 2, 2)) == [
        D(2026, 1, 5), D(2026, 1, 19), D(2026, 2, 2),
    ]  # fmt: skip


def test_count_and_until_stop_at_whichever_comes_first() -> None:
    assert generate_dates("weekly", D(2026, 1, 5), count=10, until=D(2026, 1, 19)) == [
        D(2026, 1, 5), D(2026, 1, 12), D(2026, 1, 19),
    ]  # fmt: skip
    assert generate_dates("weekly", D(2026, 1, 5), count=2, until=D(2026, 12, 31)) == [D(2026, 1, 5), D(2026, 1, 12)]


def test_monthly_keeps_the_day_or_the_months_last_day() -> None:
    assert generate_dates("monthly", D(2026, 1, 31), count=4) == [
        D(2026, 1, 31),
        D(2026, 2, 28),
        D(2026, 3, 31),
        D(2026, 4, 30),
    ]
    assert generate_dates("monthly", D(2028, 1, 30), count=2) == [D(2028, 1, 30), D(2028, 2, 29)]


def test_quarterly() -> None:
    assert generate_dates("quarterly", D(2026, 5, 20), count=3) == [D(2026, 5, 20), D(2026, 8, 20), D(2026, 11, 20)]


def test_a_count_or_an_end_is_required() -> None:
    with pytest.raises(ValueError, match="how many meetings"):
        generate_dates("monthly", D(2026, 1, 1))


def test_bad_counts_and_ends_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate_dates("monthly", D(2026, 1, 1), count=0)
    with pytest.raises(ValueError, match=f"At most {MAX_MEETINGS}"):
        generate_dates("monthly", D(2026, 1, 1), count=MAX_MEETINGS + 1)
    with pytest.raises(ValueError, match="ends"):
        generate_dates("monthly", D(2026, 1, 1), until=D(2025, 12, 31))


def test_an_end_too_far_away_is_refused_not_truncated() -> None:
    assert len(generate_dates("monthly", D(2026, 1, 1), count=MAX_MEETINGS)) == MAX_MEETINGS
    with pytest.raises(ValueError, match="more than 60 meetings"):
        generate_dates("weekly", D(2026, 1, 1), until=D(2062, 1, 1))


def test_an_until_before_the_first_weekday_gives_no_dates() -> None:
    assert generate_dates("last friday", D(2026, 1, 1), until=D(2026, 1, 20)) == []


@pytest.mark.parametrize(
    ("year", "month", "nth", "weekday", "expected"),
    [
        (2026, 12, 1, 1, D(2026, 12, 1)),
        (2026, 12, -1, 1, D(2026, 12, 29)),
        (2026, 2, 4, 5, D(2026, 2, 28)),
        (2026, 3, -1, 1, D(2026, 3, 31)),
        (2017, 9, 2, 1, D(2017, 9, 12)),
    ],
)
def test_nth_weekday(year: int, month: int, nth: int, weekday: int, expected: D) -> None:
    assert nth_weekday(year, month, nth, weekday) == expected


def test_rules_are_described_in_plain_words() -> None:
    assert describe_rule(parse_rule("first tuesday")) == "the first Tuesday of each month"
    assert describe_rule(parse_rule("last thu every 2 months")) == "the last Thursday of every 2 months"
    assert describe_rule(parse_rule("every six weeks")) == "every 6 weeks"
    assert describe_rule(parse_rule("weekly")) == "every week"
    assert describe_rule(parse_rule("monthly")) == "the same day of each month"
