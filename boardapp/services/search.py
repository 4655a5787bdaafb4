"""Search across everything a secretariat keeps: "what did we decide about the MASH front door?".

`search(session, "mash front door")` returns the best matches of each kind (minutes,
decisions, actions, agenda items, plan items, recommendations, KPIs), ranked by bm25 with a
title match worth ten body matches, each with a highlighted snippet, its board and date,
whether it is confidential (it belongs to an exempt, Part II, agenda item) and where to go to
open it. The index is the FTS5 table of `boardapp.store.fts`, kept current by triggers; on
PostgreSQL it is the tsvector table of `boardapp.store.pg_fts`, searched by `services/search_pg.py`
with the same parsed query, filters, ranking window and count cap.

What the user types is never handed to FTS5 as syntax: it is split into words and "quoted
phrases", each becomes a quoted FTS5 string (so NEAR, AND, OR, NOT, -, ^, :, parentheses and
stray quotes are just text), and the terms are ANDed. A trailing `*` asks for a prefix match;
while typing (`as_you_type=True`, the default) the last word is a prefix too. Input that holds
no searchable word (empty, punctuation, most emoji) gives empty results, never an error.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Integer, Select, String, cast, literal_column, null, text, union_all
from sqlalchemy import select as wide_select
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session, col

from boardapp.core.models import (
    Action,
    AgendaItem,
    Board,
    Decision,
    Kpi,
    Minute,
    Plan,
    PlanItem,
    Recommendation,
    ReviewSource,
)
from boardapp.store.fts import (
    BODY_COLUMN,
    BODY_WEIGHT,
    FACETS_WEIGHT,
    INDEX_TABLE,
    KIND_SHIFT,
    TITLE_COLUMN,
    TITLE_WEIGHT,
    IndexedKind,
    facet,
    split_rowid,
)

SearchKind = IndexedKind  # what a result is: SearchKind.MINUTE, SearchKind.ACTION...

KIND_ORDER: tuple[IndexedKind, ...] = (  # the order results are grouped in
    IndexedKind.MINUTE,
    IndexedKind.DECISION,
    IndexedKind.ACTION,
    IndexedKind.AGENDA_ITEM,
    IndexedKind.PLAN_ITEM,
    IndexedKind.RECOMMENDATION,
    IndexedKind.KPI,
)

KIND_LABELS: dict[IndexedKind, str] = {
    IndexedKind.MINUTE: "Minutes",
    IndexedKind.DECISION: "Decisions",
    IndexedKind.ACTION: "Actions",
    IndexedKind.AGENDA_ITEM: "Agenda items",
    IndexedKind.PLAN_ITEM: "Plan items",
    IndexedKind.RECOMMENDATION: "Recommendations",
    IndexedKind.KPI: "KPIs",
}

CONFIDENTIAL_LABEL = "CONFIDENTIAL – Part II"

MAX_QUERY_CHARS = 500
"""Longer input is cut here: nobody types more, and a pasted page must not cost more than this."""
MAX_TERMS = 12
MAX_TERM_CHARS = 100
MIN_IMPLICIT_PREFIX = 2
"""The word being typed is a prefix once it has this many characters (prefix indexes exist for 2 and 3)."""
SNIPPET_TOKENS = 24
DEFAULT_LIMIT_PER_KIND = 20
MAX_LIMIT_PER_KIND = 1000

MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"


# -- results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A piece of a snippet: the GUI shows `is_match` pieces highlighted."""

    text: str
    is_match: bool = False


@dataclass(frozen=True)
class SearchHit:
    kind: IndexedKind
    id: int  # id of the minute, decision, action, agenda item, plan item, recommendation or KPI
    title: str  # the agenda item's title, the action's ref, the plan item's ref...
    snippet: tuple[Fragment, ...]
    board_id: int | None
    board_name: str
    date: dt.date | None  # of the meeting (raised at, for actions); of the review, for recommendations
    confidential: bool  # from an exempt (Part II) agenda item: never show it to the public
    rank: float  # lower is better: bm25 on SQLite, minus ts_rank_cd on PostgreSQL
    context: str = ""  # "Item 4", the plan's name, the review's title
    # Where to go to open it:
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    action_id: int | None = None
    plan_id: int | None = None
    plan_item_id: int | None = None
    recommendation_id: int | None = None
    kpi_id: int | None = None

    @property
    def snippet_text(self) -> str:
        """The snippet as one line with the matches in «guillemets» (for the CLI and logs)."""
        return "".join(f"«{f.text}»" if f.is_match else f.text for f in self.snippet)


@dataclass(frozen=True)
class SearchGroup:
    kind: IndexedKind
    label: str
    hits: tuple[SearchHit, ...]
    total: int  # matches of this kind (with the filters), counted up to COUNT_CAP
    total_is_capped: bool = False  # there are more than `total`: say "1,000+", not a number

    @property
    def total_text(self) -> str:
        """The count as people read it: "16", "1,000+"."""
        return count_text(self.total, self.total_is_capped)


@dataclass(frozen=True)
class SearchResults:
    query: str
    match: str = ""  # the FTS5 expression that ran ("" when the query held nothing to search for)
    groups: tuple[SearchGroup, ...] = field(default=())  # only kinds with matches, in KIND_ORDER

    @property
    def total(self) -> int:
        """Matches in all, at least: each kind is counted up to COUNT_CAP (see `total_is_capped`)."""
        return sum(group.total for group in self.groups)

    @property
    def total_is_capped(self) -> bool:
        return any(group.total_is_capped for group in self.groups)

    @property
    def total_text(self) -> str:
        """ "24", or "1,000+" when some kind has more matches than were counted."""
        return count_text(self.total, self.total_is_capped)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def hits(self) -> tuple[SearchHit, ...]:
        return tuple(hit for group in self.groups for hit in group.hits)

    def group(self, kind: IndexedKind) -> SearchGroup | None:
        return next((g for g in self.groups if g.kind is kind), None)


def count_text(count: int, capped: bool = False) -> str:
    """A number of matches for people: "1,000+" when counting stopped at the cap."""
    return f"{count:,}+" if capped else f"{count:,}"


# -- the query language --------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[str, ...]  # FTS5 strings: '"heat maps"', '"ofsted"*'

    @property
    def match(self) -> str:
        return " AND ".join(self.terms)


_QUOTES = str.maketrans(dict.fromkeys("“”„‟″＂«»", '"'))
_TERM = re.compile(r'"([^"]*)("?)(\*?)|([^\s"]+)')


def _is_token_char(ch: str) -> bool:
    """Characters the unicode61 tokenizer surely keeps in words: letters and digits."""
    return unicodedata.category(ch)[0] in "LN"


_BLANKED = frozenset(("Cc", "Cf", "Cs", "Co", "Zl", "Zp"))


def _clean(text: str) -> str:
    """Control, format, surrogate and private-use characters become spaces.

    A lone surrogate cannot even be encoded for SQLite, and private-use characters mark the
    index's facet tokens, which users' words must never match.
    """
    return "".join(" " if unicodedata.category(ch) in _BLANKED else ch for ch in text)


def _fts_string(words: str, prefix: bool) -> str:
    return '"' + words.replace('"', '""') + '"' + ("*" if prefix else "")


def parse_query(query: str, *, as_you_type: bool = True) -> ParsedQuery | None:
    """Turn what the user typed into a safe FTS5 expression; None when there is nothing to search for."""
    cut = len(query) > MAX_QUERY_CHARS
    cleaned = _clean(query[:MAX_QUERY_CHARS].translate(_QUOTES))
    found: list[tuple[str, bool, bool]] = []  # (text, prefix, may become a prefix while typing)
    for m in _TERM.finditer(cleaned):
        phrase, closing, star, word = m.groups()
        if word is not None:
            body = word.rstrip("*")
            found.append((body, word.endswith("*"), True))
        else:
            found.append((phrase, bool(star), not closing))
    terms: list[str] = []
    for position, (body, prefix, open_ended) in enumerate(found):
        body = body[:MAX_TERM_CHARS]
        if not any(_is_token_char(ch) for ch in body):
            continue
        is_last = position == len(found) - 1
        if (
            as_you_type
            and is_last
            and not cut
            and open_ended
            and not prefix
            and not cleaned[-1:].isspace()
            and _is_token_char(body[-1])
            and len(re.split(r"\W+", body)[-1]) >= MIN_IMPLICIT_PREFIX
        ):
            prefix = True
        term = _fts_string(" ".join(body.split()), prefix)
        if term not in terms:
            terms.append(term)
    return ParsedQuery(tuple(terms[:MAX_TERMS])) if terms else None


# -- running it ----------------------------------------------------------------------------------

RANK_WINDOW = 1000
"""bm25 is computed for at most this many matches of each kind: the most recent ones.

A word on every page ("board", "the") matches tens of thousands of rows, and scoring them all
costs more than the 50 ms budget. Of such a flood the recent part is what the user wants;
below this many matches of a kind (most real queries) every match is ranked."""

COUNT_CAP = RANK_WINDOW
"""Matches of a kind are counted up to this many, then shown as "1,000+".

Counting every match of a common word reads its whole doclist (103,000 rows, about 15 ms of a
50 ms search at five times the reference scale, issue 13); reading the newest COUNT_CAP + 1
rowids of each kind stops early and gives, at the same time, where that kind's ranking window
starts (which took one more query per flooded kind)."""

# Matches newest first (FTS5 walks its doclists backwards); `_newest` reads only as many as it needs.
_NEWEST_SQL = f"""
SELECT rowid FROM {INDEX_TABLE}
WHERE {INDEX_TABLE} MATCH :match AND rowid BETWEEN :first AND :last
ORDER BY rowid DESC
"""
_NEWEST_BATCH = 256

# One ranked query for every kind: bm25 (whose IDF part FTS5 recomputes for each query) runs
# once, on the rows of each kind's window only, and SQL keeps the best :limit of each kind.
_RANKED_SQL = f"""
SELECT rowid, score FROM (
  SELECT rowid, score, row_number() OVER (PARTITION BY rowid >> {KIND_SHIFT} ORDER BY score, rowid DESC) AS n
  FROM (
    SELECT rowid, bm25({INDEX_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}, {FACETS_WEIGHT}) AS score FROM {INDEX_TABLE}
    WHERE {INDEX_TABLE} MATCH :match AND rowid BETWEEN :first AND :last AND ({{windows}})
  )
)
WHERE n <= :limit
"""

# Snippets only for the rows shown; `+rowid` keeps SQLite from running the match once per id.
_SNIPPETS_SQL = f"""
SELECT rowid, board_id, meeting_date, exempt,
       highlight({INDEX_TABLE}, {TITLE_COLUMN}, char(2), char(3)),
       snippet({INDEX_TABLE}, {BODY_COLUMN}, char(2), char(3), '{ELLIPSIS}', {SNIPPET_TOKENS})
FROM {INDEX_TABLE}
WHERE {INDEX_TABLE} MATCH :match AND rowid BETWEEN :first AND :last AND +rowid IN ({{rowids}})
"""

_DATE_SPAN_SQL = """
SELECT min(d), max(d) FROM (
  SELECT min(date) AS d FROM meeting UNION ALL SELECT max(date) FROM meeting
  UNION ALL SELECT min(reported_on) FROM reviewsource UNION ALL SELECT max(reported_on) FROM reviewsource
)
"""


@dataclass(frozen=True)
class _Row:
    kind: IndexedKind
    ref_id: int
    board_id: int | None
    date: dt.date | None
    exempt: bool
    rank: float
    title: tuple[Fragment, ...]
    snippet: tuple[Fragment, ...]


def search(
    session: Session,
    query: str,
    *,
    board_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_confidential: bool = True,
    limit_per_kind: int = DEFAULT_LIMIT_PER_KIND,
    kinds: Iterable[IndexedKind] | None = None,
    as_you_type: bool = True,
) -> SearchResults:
    """The best `limit_per_kind` matches of each kind, with how many there are (up to COUNT_CAP).

    `board_id` keeps what belongs to that board (plan items, recommendations and KPIs through
    their plan's board). `date_from`/`date_to` (inclusive) keep what has a date in the range:
    minutes, decisions, agenda items and actions by their meeting, recommendations by their
    review; plan items and KPIs have no date and are left out when a date range is given.
    `include_confidential=False` leaves out everything of exempt (Part II) items.
    `kinds` limits the search to some kinds (e.g. "show more actions" with a higher limit).
    """
    parsed = parse_query(query, as_you_type=as_you_type)
    if parsed is None:
        return SearchResults(query=query)
    wanted = [k for k in KIND_ORDER if kinds is None or k in set(kinds)]
    limit = max(0, min(limit_per_kind, MAX_LIMIT_PER_KIND))
    if session.get_bind().dialect.name == "postgresql":  # tsvector and GIN instead of FTS5 (store/pg_fts.py)
        from boardapp.services.search_pg import find_on_postgres

        match, counts, rows = find_on_postgres(
            session, parsed, board_id, date_from, date_to, include_confidential, wanted, limit
        )
    else:
        match, counts, rows = _find_on_sqlite(
            session, parsed, board_id, date_from, date_to, include_confidential, wanted, limit
        )
    hits = _resolve(session, rows)
    groups = tuple(
        SearchGroup(
            kind=kind,
            label=KIND_LABELS[kind],
            hits=tuple(hits[kind]),
            total=min(counts[kind], COUNT_CAP),
            total_is_capped=counts[kind] > COUNT_CAP,
        )
        for kind in wanted
        if counts.get(kind)
    )
    return SearchResults(query=query, match=match, groups=groups)


def _find_on_sqlite(
    session: Session,
    parsed: ParsedQuery,
    board_id: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    include_confidential: bool,
    wanted: list[IndexedKind],
    limit: int,
) -> tuple[str, dict[IndexedKind, int], list[_Row]]:
    """(the FTS5 expression, matches of each kind counted up to COUNT_CAP + 1, the rows to show)."""
    facets = _facet_filters(session, board_id, date_from, date_to, include_confidential)
    if facets is None:  # an empty date range
        return parsed.match, {}, []
    match = " AND ".join([parsed.match, *facets])
    try:
        newest = _newest(session, match, wanted)
        rows = _rows(session, match, newest, limit)
    except OperationalError as exc:  # pragma: no cover - parse_query leaves FTS5 nothing to reject
        if "fts5" not in str(exc).lower():
            raise
        return match, {}, []
    return match, {kind: len(rowids) for kind, rowids in newest.items()}, rows


def _facet_filters(
    session: Session,
    board_id: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    include_confidential: bool,
) -> list[str] | None:
    """FTS5 clauses on the facets column; None when the date range holds no day at all."""
    clauses: list[str] = []
    if board_id is not None:
        clauses.append(f'facets : "{facet("b", int(board_id))}"')
    if not include_confidential:
        clauses.append(f'facets : "{facet("x", 0)}"')
    if date_from is not None or date_to is not None:
        if date_from is None or date_to is None:
            low, high = (_parse_date(v) for v in session.execute(text(_DATE_SPAN_SQL)).one())
            date_from = date_from or low
            date_to = date_to or high
        if date_from is None or date_to is None or date_from > date_to:
            return None
        clauses.append(f"facets : ({' OR '.join(date_facets(date_from, date_to))})")
    return clauses


def date_facets(first: dt.date, last: dt.date) -> list[str]:
    """The fewest facet tokens (as FTS5 strings) covering first..last: whole years, whole months, days."""
    last = min(last, dt.date(9998, 12, 31))
    tokens: list[str] = []
    day = first
    while day <= last:
        if day.month == 1 and day.day == 1 and dt.date(day.year, 12, 31) <= last:
            tokens.append(f'"{facet("y", f"{day.year:04d}")}"')
            day = dt.date(day.year + 1, 1, 1)
            continue
        month_end = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if day.day == 1 and month_end <= last:
            tokens.append(f'"{facet("m", f"{day:%Y%m}")}"')
            day = month_end + dt.timedelta(days=1)
            continue
        tokens.append(f'"{facet("d", f"{day:%Y%m%d}")}"')
        day += dt.timedelta(days=1)
    return tokens


def _newest(session: Session, match: str, kinds: Sequence[IndexedKind]) -> dict[IndexedKind, list[int]]:
    """Up to COUNT_CAP + 1 rowids of each kind in `kinds` that has matches, newest first.

    One backwards walk over the kinds' rowid ranges (kinds are contiguous ranges, KPIs on top).
    When a kind reaches COUNT_CAP + 1, or the walk meets a kind not wanted, the walk starts again
    below that kind. Every FTS5 query pays a fixed set-up (a prefix term merges the doclists of
    all its words), so a rare word costs one query and a common one a query per flooded kind.
    """
    if not kinds:
        return {}
    wanted = set(kinds)
    found: dict[IndexedKind, list[int]] = {}
    low, high = min(wanted).first_rowid, max(wanted).last_rowid
    while high >= low:
        result = session.execute(text(_NEWEST_SQL), {"match": match, "first": low, "last": high})
        stop: IndexedKind | None = None
        try:
            while stop is None and (batch := result.fetchmany(_NEWEST_BATCH)):
                for (rowid,) in batch:
                    kind = IndexedKind(rowid >> KIND_SHIFT)
                    rowids = found.setdefault(kind, []) if kind in wanted else None
                    if rowids is not None:
                        rowids.append(rowid)
                    if rowids is None or len(rowids) > COUNT_CAP:
                        stop = kind
                        break
        finally:
            result.close()
        if stop is None:
            break
        high = stop.first_rowid - 1
    return found


def _rows(session: Session, match: str, newest: dict[IndexedKind, list[int]], limit: int) -> list[_Row]:
    """The best `limit` rows of each kind in `newest`, best first, with their snippets.

    A kind is ranked over its newest RANK_WINDOW matches, so what is shown is the same whether
    or not its count was capped."""
    if limit == 0 or not newest:
        return []
    windows: list[tuple[int, int]] = []
    for kind in sorted(newest):
        rowids = newest[kind]
        first = rowids[RANK_WINDOW - 1] if len(rowids) > RANK_WINDOW else kind.first_rowid
        windows.append((first, kind.last_rowid))
    ranked_sql = _RANKED_SQL.format(windows=" OR ".join(f"rowid BETWEEN {a} AND {b}" for a, b in windows))
    bounds = {"match": match, "first": windows[0][0], "last": windows[-1][1], "limit": limit}
    ranked = session.execute(text(ranked_sql), bounds).all()
    if not ranked:
        return []
    rowids = [rowid for rowid, _ in ranked]
    snippets_sql = _SNIPPETS_SQL.format(rowids=", ".join(str(int(rowid)) for rowid in rowids))
    bounds = {"match": match, "first": min(rowids), "last": max(rowids)}
    labels = {row[0]: row[1:] for row in session.execute(text(snippets_sql), bounds).all()}
    rows = []
    for rowid, score in sorted(ranked, key=lambda r: (r[0] >> KIND_SHIFT, r[1])):
        if rowid not in labels:  # pragma: no cover - the same match found it a moment ago
            continue
        board_id, day, exempt, title, snippet = labels[rowid]
        kind, ref_id = split_rowid(rowid)
        rows.append(
            _Row(
                kind=kind,
                ref_id=ref_id,
                board_id=board_id,
                date=_parse_date(day),
                exempt=bool(exempt),
                rank=float(score),
                title=fragments(title),
                snippet=fragments(snippet),
            )
        )
    return rows


def _parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_MARKED = re.compile(f"{MATCH_START}(.*?){MATCH_END}", re.DOTALL)
_SPACES = re.compile(r"\s+")


def fragments(marked: str | None) -> tuple[Fragment, ...]:
    """Split an FTS5 snippet marked with STX/ETX into plain and matching pieces, on one line."""
    if not marked:
        return ()
    pieces: list[Fragment] = []

    def add(piece: str, is_match: bool) -> None:
        piece = _SPACES.sub(" ", piece.replace(MATCH_START, "").replace(MATCH_END, ""))
        if piece:
            pieces.append(Fragment(piece, is_match))

    position = 0
    for m in _MARKED.finditer(marked):
        add(marked[position : m.start()], False)
        add(m.group(1), True)
        position = m.end()
    add(marked[position:], False)
    if pieces and not pieces[0].is_match:
        pieces[0] = Fragment(pieces[0].text.lstrip(), False)
    if pieces and not pieces[-1].is_match:
        pieces[-1] = Fragment(pieces[-1].text.rstrip(), False)
    return tuple(p for p in pieces if p.text)


# -- from index rows to results the GUI can open -------------------------------------------------


@dataclass
class _Place:
    title: str | None = None
    context: str = ""
    exempt: bool = False
    where: dict[str, int | None] = field(default_factory=dict)


def _select(*columns: Any) -> Select[*tuple[Any, ...]]:
    """SQLAlchemy's select, of any number of model columns (rows unpack as plain tuples)."""
    return wide_select(*columns)


_BOARD_NAMES = -1
"""The `kind` of the look-up's rows that carry a board's name, not a hit's place."""


def _branch(
    kind: int,
    own_id: Any,
    *,
    title: Any,
    alt: Any = None,
    context: Any = None,
    position: Any = None,
    number: Any = None,
    exempt: Any = None,
    meeting_id: Any = None,
    item_id: Any = None,
    plan_id: Any = None,
) -> Select[*tuple[Any, ...]]:
    """One kind's part of the look-up: the same columns, in the same order and types, for every kind.

    A missing column is a typed NULL, so PostgreSQL can resolve the UNION's column types."""

    def typed(value: Any, type_: Any) -> Any:
        return cast(null(), type_) if value is None else value

    return _select(
        literal_column(str(int(kind)), Integer).label("kind"),
        own_id,
        typed(title, String),
        typed(alt, String),
        typed(context, String),
        typed(position, Integer),
        typed(number, String),
        typed(exempt, Boolean),
        typed(meeting_id, Integer),
        typed(item_id, Integer),
        typed(plan_id, Integer),
    )


def _item_branch(kind: IndexedKind, model: Any) -> Select[*tuple[Any, ...]]:
    """Minutes, decisions and agenda items: the item's title, number and Part II stamp."""
    # A decision carries its own Part II stamp; a minute (notes) is exempt with its item.
    exempt = (col(AgendaItem.is_exempt) | col(model.is_exempt)) if model is Decision else AgendaItem.is_exempt
    query = _branch(
        kind,
        model.id,
        title=AgendaItem.title,
        position=AgendaItem.position,
        number=AgendaItem.minute_number,
        exempt=exempt,
        meeting_id=AgendaItem.meeting_id,
        item_id=AgendaItem.id,
    )
    return query if model is AgendaItem else query.join(AgendaItem, col(AgendaItem.id) == model.agenda_item_id)


def _place_branches(ids: dict[IndexedKind, list[int]]) -> list[Select[*tuple[Any, ...]]]:
    """For each kind in `ids`, a SELECT of where those rows live, all with the same columns (`_branch`)."""

    def key(kind: IndexedKind, id_column: Any) -> Any:
        return col(id_column).in_(ids[kind])

    branches: list[Select[*tuple[Any, ...]]] = []
    for kind in (k for k in KIND_ORDER if k in ids):
        if kind is IndexedKind.MINUTE:
            branches.append(_item_branch(kind, Minute).where(key(kind, Minute.id)))
        elif kind is IndexedKind.DECISION:
            branches.append(_item_branch(kind, Decision).where(key(kind, Decision.id)))
        elif kind is IndexedKind.AGENDA_ITEM:
            branches.append(_item_branch(kind, AgendaItem).where(key(kind, AgendaItem.id)))
        elif kind is IndexedKind.ACTION:
            branches.append(
                _branch(
                    kind,
                    Action.id,
                    title=Action.ref,
                    position=AgendaItem.position,
                    exempt=Action.is_exempt,  # the action's own stamp: it outlives its item
                    meeting_id=Action.raised_meeting_id,
                    item_id=Action.raised_item_id,
                )
                .outerjoin(AgendaItem, col(AgendaItem.id) == Action.raised_item_id)
                .where(key(kind, Action.id))
            )
        elif kind is IndexedKind.PLAN_ITEM:
            branches.append(
                _branch(
                    kind,
                    PlanItem.id,
                    title=PlanItem.ref,
                    alt=PlanItem.text,
                    context=Plan.name,
                    plan_id=PlanItem.plan_id,
                )
                .join(Plan, col(Plan.id) == PlanItem.plan_id)
                .where(key(kind, PlanItem.id))
            )
        elif kind is IndexedKind.RECOMMENDATION:
            branches.append(
                _branch(
                    kind,
                    Recommendation.id,
                    title=Recommendation.ref,
                    context=ReviewSource.title,
                    plan_id=Recommendation.plan_id,
                )
                .join(ReviewSource, col(ReviewSource.id) == Recommendation.source_id)
                .where(key(kind, Recommendation.id))
            )
        elif kind is IndexedKind.KPI:
            branches.append(
                _branch(kind, Kpi.id, title=Kpi.ref, alt=Kpi.measure, context=Plan.name, plan_id=Kpi.plan_id)
                .outerjoin(Plan, col(Plan.id) == Kpi.plan_id)
                .where(key(kind, Kpi.id))
            )
    return branches


def _places_query(rows: Sequence[_Row]) -> Executable | None:
    """Where each shown row lives, of every kind, and its board's name: one statement (a UNION ALL).

    A search on a server pays a round trip per statement, and under load each one waits for the
    server process to be scheduled: a look-up per kind cost more than the look-ups themselves (issue 16).
    Not folded into PostgreSQL's search statement: there the planner costs the look-up for thousands of
    rows, not the few shown, and a "Show all" of 1,000 per kind crossed the JIT threshold (slower)."""
    ids: dict[IndexedKind, list[int]] = {}
    for row in rows:
        ids.setdefault(row.kind, []).append(row.ref_id)
    branches = _place_branches(ids)
    board_ids = sorted({row.board_id for row in rows if row.board_id is not None})
    if board_ids:
        branches.append(_branch(_BOARD_NAMES, Board.id, title=Board.name).where(col(Board.id).in_(board_ids)))
    if not branches:
        return None
    return branches[0] if len(branches) == 1 else union_all(*branches)


def _place(kind: IndexedKind, found: Sequence[Any]) -> _Place:
    """A look-up row of `_places_query` as what the hit shows and where it goes."""
    own_id, title, alt, context, position, number, exempt, meeting_id, item_id, plan_id = found
    if kind in (IndexedKind.MINUTE, IndexedKind.DECISION, IndexedKind.AGENDA_ITEM):
        return _Place(
            title=title,
            context=f"Minute {number}" if number else f"Item {position}",  # the fixed minute number, once given
            exempt=bool(exempt),
            where={"agenda_item_id": item_id, "meeting_id": meeting_id},
        )
    if kind is IndexedKind.ACTION:
        return _Place(
            title=title,
            context=f"Item {position}" if position is not None else "",
            exempt=bool(exempt),
            where={"action_id": own_id, "meeting_id": meeting_id, "agenda_item_id": item_id},
        )
    if kind is IndexedKind.PLAN_ITEM:
        return _Place(title=title or _shorten(alt), context=context, where={"plan_item_id": own_id, "plan_id": plan_id})
    if kind is IndexedKind.RECOMMENDATION:
        return _Place(
            title=title if title.lower().startswith("rec") else f"Recommendation {title}",
            context=context,
            where={"recommendation_id": own_id, "plan_id": plan_id},
        )
    return _Place(title=title or _shorten(alt), context=context or "", where={"kpi_id": own_id, "plan_id": plan_id})


def _shorten(value: str, width: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1].rstrip() + ELLIPSIS


def _resolve(session: Session, rows: list[_Row]) -> dict[IndexedKind, list[SearchHit]]:
    """Look up, for the few rows shown, where each one lives (one statement for all kinds).

    A row whose source has gone (possible only if the index was written around the triggers)
    is dropped. Confidential is true if either the index or the agenda item says exempt.
    """
    places: dict[IndexedKind, dict[int, _Place]] = {kind: {} for kind in KIND_ORDER}
    boards: dict[int, str] = {}
    query = _places_query(rows)
    for kind, *found in session.execute(query).all() if query is not None else ():
        if kind == _BOARD_NAMES:
            boards[found[0]] = found[1]
        else:
            places[IndexedKind(kind)][found[0]] = _place(IndexedKind(kind), found)
    hits: dict[IndexedKind, list[SearchHit]] = {kind: [] for kind in KIND_ORDER}
    for row in rows:
        place = places[row.kind].get(row.ref_id)
        if place is None:
            continue
        where = place.where
        hits[row.kind].append(
            SearchHit(
                kind=row.kind,
                id=row.ref_id,
                title=place.title if place.title is not None else "".join(f.text for f in row.title),
                snippet=row.snippet if any(f.is_match for f in row.snippet) else row.title,
                board_id=row.board_id,
                board_name=boards.get(row.board_id, "") if row.board_id is not None else "",
                date=row.date,
                confidential=row.exempt or place.exempt,
                rank=row.rank,
                context=place.context,
                meeting_id=where.get("meeting_id"),
                agenda_item_id=where.get("agenda_item_id"),
                action_id=where.get("action_id"),
                plan_id=where.get("plan_id"),
                plan_item_id=where.get("plan_item_id"),
                recommendation_id=where.get("recommendation_id"),
                kpi_id=where.get("kpi_id"),
            )
        )
    return hits


__all__ = [
    "CONFIDENTIAL_LABEL",
    "COUNT_CAP",
    "KIND_LABELS",
    "KIND_ORDER",
    "Fragment",
    "IndexedKind",
    "ParsedQuery",
    "SearchGroup",
    "SearchHit",
    "SearchKind",
    "SearchResults",
    "count_text",
    "fragments",
    "parse_query",
    "search",
]
