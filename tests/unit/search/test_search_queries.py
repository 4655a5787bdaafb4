"""What users type becomes a safe FTS5 expression; odd input never raises."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from boardapp.services.search import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Fragment,
    date_facets,
    fragments,
    parse_query,
    search,
)
from boardapp.store.database import Store
from boardapp.store.fts import FACET_MARK
from tests.helpers.search_world import World


@pytest.fixture
def world(shared_world: tuple[Store, World]) -> World:
    """These tests only read: one world per module and engine (see conftest.shared_world)."""
    return shared_world[1]


@pytest.fixture
def session(shared_world: tuple[Store, World]) -> Iterator[Session]:
    with shared_world[0].session() as opened:
        yield opened


def match(query: str, *, as_you_type: bool = True) -> str:
    parsed = parse_query(query, as_you_type=as_you_type)
    return parsed.match if parsed else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mash front door", '"mash" AND "front" AND "door"*'),
        ("mash front door ", '"mash" AND "front" AND "door"'),
        ('"front door" mash', '"front door" AND "mash"*'),
        ('"front door"', '"front door"'),
        ('"front do', '"front do"*'),
        ('"front door"*', '"front door"*'),
        ("perm* ofsted", '"perm"* AND "ofsted"*'),
        ("ofsted b", '"ofsted" AND "b"'),  # one letter: not yet a prefix
        ("NEAR(a b) AND c", '"NEAR(a" AND "b)" AND "AND" AND "c"'),
        ("-zebra OR ^x", '"-zebra" AND "OR" AND "^x"'),
        ("title:zebra", '"title:zebra"*'),
        ("IB-20170801-03", '"IB-20170801-03"*'),
        ("“curly quotes”", '"curly quotes"'),
        ("zebra zebra ZEBRA", '"zebra" AND "ZEBRA"*'),
        ("zebra.", '"zebra."'),  # ends with punctuation: finished
        ("'; DROP TABLE minute; --", '"DROP" AND "TABLE" AND "minute;"'),
    ],
)
def test_parsing(query: str, expected: str) -> None:
    assert match(query) == expected


@pytest.mark.parametrize("query", ["", "   ", '"', '""', '"""', "*", "- – —", "🙂😀", "!!!", "\x00\x01", "\u0301"])
def test_nothing_to_search_for(query: str) -> None:
    assert parse_query(query) is None


def test_private_use_characters_are_removed_so_facets_cannot_be_searched(session: Session, world: World) -> None:
    assert match(f"{FACET_MARK}b{world.board} ") == f'"b{world.board}"'
    assert parse_query(FACET_MARK) is None
    for facet in (f"b{world.board}", "x0", "y2017", "m201708", "d20170801"):
        assert search(session, FACET_MARK + facet).is_empty
        assert search(session, facet).is_empty  # users' words never reach the facets column


def test_long_input_is_cut() -> None:
    words = " ".join(f"word{n}" for n in range(5000))
    parsed = parse_query(words)
    assert parsed is not None and len(parsed.terms) == MAX_TERMS
    assert not parsed.terms[-1].endswith("*")
    assert len(parsed.match) < 2 * MAX_QUERY_CHARS
    assert len(match("x" * 10_000)) < 2 * MAX_QUERY_CHARS


def test_fragments() -> None:
    assert fragments("…the \x02MASH\x03 front\n\n- door…") == (
        Fragment("…the "), Fragment("MASH", True), Fragment(" front - door…"),
    )  # fmt: skip
    assert fragments("\x02a\x03\x02b\x03") == (Fragment("a", True), Fragment("b", True))
    assert fragments("unbalanced \x02marker") == (Fragment("unbalanced marker"),)
    assert fragments("") == () and fragments(None) == ()


def expand(tokens: list[str]) -> set[dt.date]:
    days: set[dt.date] = set()
    for token in tokens:
        value = token.strip('"').removeprefix(FACET_MARK)
        kind, digits = value[0], value[1:]
        if kind == "y":
            first, last = dt.date(int(digits), 1, 1), dt.date(int(digits), 12, 31)
        elif kind == "m":
            first = dt.date(int(digits[:4]), int(digits[4:]), 1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            first = last = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        days |= {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
    return days


def test_date_ranges_become_the_fewest_tokens_covering_exactly_those_days() -> None:
    rng = random.Random(7)
    for _ in range(200):
        first = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
        last = first + dt.timedelta(days=rng.randint(0, 1500))
        tokens = date_facets(first, last)
        assert expand(tokens) == {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
        assert len(tokens) <= 2 * (31 + 12) + (last.year - first.year)
    assert [t.strip('"').removeprefix(FACET_MARK) for t in date_facets(dt.date(2017, 1, 1), dt.date(2018, 2, 28))] == [
        "y2017", "m201801", "m201802",
    ]  # fmt: skip


ODD = [
    '"', '""', '"""', "'", "NEAR(", "NEAR(zebra crossings, 2)", "zebra AND", "AND", "OR OR", "NOT zebra", "-", "-zebra",
    "zebra -", "^zebra", "zebra:", ":zebra", "title:zebra", "facets:x1", "{title}: zebra", "{", "}", "(", ")", "()",
    "*", "**", "zebra**", "*zebra", '"zebra', 'zebra"', '"zebra" "', "\x00", "zebra\x00crossing",
    "\ud800", "\udcff zebra",
    f"{FACET_MARK}b1", f"{FACET_MARK}x0", "🙂", "😀 zebra", "👩‍👩‍👧", "a" * 10_000, " ".join(["zebra"] * 5000),
    "'; DROP TABLE minute; --", "%", "_", "\\", "\\\\\"", "zé", "zebra\u0301", "\u200b", "ﬁ", "İstanbul", "ß", "\t\n\r",
    "١٢٣", "中文搜索", "   zebra   ", "zebra*crossing", "z*", "zebra\u2028crossing", '"heat maps"* "', "rank MATCH 1",
    "rowid = 1", "%s %d {0}", "<b>zebra</b>", "&amp;", "zebra" + "\u0000" * 3,
]  # fmt: skip


@pytest.mark.parametrize("query", ODD)
def test_odd_queries_never_raise(session: Session, world: World, query: str) -> None:
    results = search(session, query)
    assert results.query == query
    search(session, query, board_id=world.board, date_from=dt.date(2017, 1, 1), include_confidential=False)


def test_random_input_never_raises(session: Session, world: World) -> None:
    rng = random.Random(2017)
    alphabet = "zebra \"*-^:(){}[]NEARANDORNOT\\'%_\x00\t\n🙂é\u0301" + FACET_MARK
    for _ in range(300):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        search(session, query)
