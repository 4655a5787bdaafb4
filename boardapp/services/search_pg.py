"""Search on PostgreSQL: the same query, filters, ranking window and count cap as on SQLite.

`services/search.py` parses what the user typed and turns the rows found here into results; this
module only finds them in the tsvector index of `store/pg_fts.py`:

- the parsed terms become a tsquery of quoted lexemes: words ANDed (`&`), a phrase's words adjacent
  (`<->`), a prefix as `:*` (`'recrui':*` while typing), so nothing the user typed is tsquery syntax;
- each kind's newest COUNT_CAP + 1 matches are read newest first (a subquery per kind), which counts
  up to the cap ("1,000+") and gives the ranking window; the board, date and Part II filters are
  conditions on indexed columns; ranking and snippets follow in the same statement (one round trip);
- a phrase is found by its words first (ANDed: the GIN index answers that alone, once for all kinds),
  and its adjacency checked on each kind's newest of those rows only until the cap is reached
  (`_phrase_sql`);
- the window is ranked by ts_rank_cd with a title match worth ten body matches (weights A and B) and
  divided by 1 + log(length), so a passing mention in a long minute ranks below a short one; ties go
  to the newest;
- snippets come from ts_headline, marked as FTS5's are, with an ellipsis where the text was cut.

The tsquery is written into the SQL as a literal (escaped), not bound: PostgreSQL then plans each search
with the words' real frequencies (a rare word reads the GIN index; a common one walks rowids backwards),
where a reused generic plan would treat every word alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from boardapp.services.search import (
    COUNT_CAP,
    ELLIPSIS,
    MATCH_END,
    MATCH_START,
    RANK_WINDOW,
    SNIPPET_TOKENS,
    ParsedQuery,
    _parse_date,
    _Row,
    fragments,
)
from boardapp.store.fts import KIND_SHIFT, IndexedKind, split_rowid
from boardapp.store.pg_fts import CONFIG, INDEX_TABLE, RANK_NORMALIZATION, RANK_WEIGHTS, WORD_SEPARATORS


def tsquery_text(parsed: ParsedQuery, *, adjacent: bool = True) -> str:
    """The FTS5 strings of `parsed` as tsquery text: '"heat ma"*' -> "('heat' <-> 'ma':*)".

    With `adjacent=False` a phrase's words are only ANDed ("'heat' & 'ma':*"): a query the GIN index
    answers without rechecking a row (`_phrase_sql` checks the adjacency on the newest of those only).
    """
    terms: list[str] = []
    for term in parsed.terms:
        prefix = term.endswith("*")
        body = term.rstrip("*")[1:-1].replace('""', '"')
        words = [f"'{word}'" for word in WORD_SEPARATORS.split(body) if word]
        if not words:
            continue
        if prefix:
            words[-1] += ":*"
        if len(words) == 1:
            terms.append(words[0])
        else:
            terms.append("(" + (" <-> " if adjacent else " & ").join(words) + ")")
    return " & ".join(terms)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _tsquery(tsquery: str) -> str:
    return f"to_tsquery('{CONFIG}', {_literal(tsquery)})"


def _filters(
    board_id: int | None, date_from: dt.date | None, date_to: dt.date | None, include_confidential: bool
) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    bounds: dict[str, Any] = {}
    if board_id is not None:
        clauses.append("d.board_id = :board_id")
        bounds["board_id"] = int(board_id)
    if not include_confidential:
        clauses.append("d.exempt = 0")
    if date_from is not None:
        clauses.append("d.meeting_date >= :date_from")
        bounds["date_from"] = date_from.isoformat()
    if date_to is not None:
        clauses.append("d.meeting_date <= :date_to")
        bounds["date_to"] = date_to.isoformat()
    return "".join(f" AND {clause}" for clause in clauses), bounds


def find_on_postgres(
    session: Session,
    parsed: ParsedQuery,
    board_id: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    include_confidential: bool,
    wanted: list[IndexedKind],
    limit: int,
) -> tuple[str, dict[IndexedKind, int], list[_Row]]:
    """(the tsquery, matches of each kind counted up to COUNT_CAP + 1, the rows to show)."""
    match = tsquery_text(parsed)
    if not match or not wanted or (date_from is not None and date_to is not None and date_from > date_to):
        return match, {}, []
    query = _tsquery(match)
    words = tsquery_text(parsed, adjacent=False)
    filters, bounds = _filters(board_id, date_from, date_to, include_confidential)
    # `found`: each kind's newest COUNT_CAP + 1 matches with their scores. The rest runs on those few
    # thousand rows in the same statement: count, keep each kind's newest RANK_WINDOW, and cut snippets
    # (ts_headline) only for the `limit` best of each kind, each looked up by its key (LATERAL: a join
    # would be planned for thousands of rows, not the few shown).
    if words != match and _estimated_rows(session, _tsquery(words)) <= PHRASE_CANDIDATES:
        found = _phrase_sql(wanted, query, _tsquery(words), filters)
    else:
        found = "found AS (" + " UNION ALL ".join(_newest_sql(kind, query, filters) for kind in wanted) + ")"
    marks = f"StartSel=' || chr({ord(MATCH_START)}) || ', StopSel=' || chr({ord(MATCH_END)}) || '"
    title_options = f"'HighlightAll=true, {marks}'"
    body_options = f"'MaxWords={SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS // 2}, ShortWord=0, {marks}'"
    sql = f"""
        WITH {found},
        aged AS (
          SELECT rowid, score, count(*) OVER (PARTITION BY rowid >> {KIND_SHIFT}) AS total,
                 row_number() OVER (PARTITION BY rowid >> {KIND_SHIFT} ORDER BY rowid DESC) AS age
          FROM found
        ),
        placed AS (
          SELECT rowid, total, score,
                 row_number() OVER (PARTITION BY rowid >> {KIND_SHIFT} ORDER BY score DESC, rowid DESC) AS place
          FROM aged WHERE age <= {RANK_WINDOW}
        )
        SELECT p.rowid, p.total, -p.score, d.board_id, d.meeting_date, d.exempt, d.body,
               ts_headline('{CONFIG}', translate(d.title, :punctuation, :masked), {query}, {title_options}),
               ts_headline('{CONFIG}', translate(d.body, :punctuation, :masked), {query}, {body_options})
        FROM placed AS p
        CROSS JOIN LATERAL (SELECT * FROM {INDEX_TABLE} AS x WHERE x.rowid = p.rowid LIMIT 1) AS d
        WHERE p.place <= :limit OR (p.place = 1 AND :limit = 0)
        ORDER BY p.rowid >> {KIND_SHIFT}, p.place
    """
    bounds |= {"limit": limit, "punctuation": PUNCTUATION, "masked": MASKED}
    counts: dict[IndexedKind, int] = {}
    rows: list[_Row] = []
    for rowid, total, score, board_id, day, exempt, body, title, snippet in session.execute(text(sql), bounds):
        kind, ref_id = split_rowid(rowid)
        counts[kind] = int(total)
        if limit == 0:  # the kind's first row only says how many there are
            continue
        rows.append(
            _Row(
                kind=kind,
                ref_id=ref_id,
                board_id=board_id,
                date=_parse_date(day),
                exempt=bool(exempt),
                rank=float(score),  # minus ts_rank_cd: lower is better, as bm25
                title=fragments(_joined(title.translate(_UNMASK))),
                snippet=fragments(_with_ellipses(snippet.translate(_UNMASK), body)),
            )
        )
    return match, counts, rows


PHRASE_CANDIDATES = 20 * COUNT_CAP
"""Up to this many rows holding a phrase's words (as the planner estimates them), `_phrase_sql` finds it.

Beyond, reading every such row costs more than walking each kind's rowids backwards until COUNT_CAP + 1
of them hold the phrase ("the board" at five times the reference scale: 90,000 rows hold both words).
Asking the planner is one more round trip (planning only, well under a millisecond), for phrases only."""


def _estimated_rows(session: Session, tsquery: str) -> float:
    """The planner's estimate of the rows matching `tsquery` (planning only: nothing is read)."""
    plan = session.execute(
        text(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {INDEX_TABLE} AS d WHERE d.document @@ {tsquery}")
    )
    found = plan.scalar_one()
    return float((json.loads(found) if isinstance(found, str) else found)[0]["Plan"]["Plan Rows"])


def _rank(query: str) -> str:
    return f"ts_rank_cd({RANK_WEIGHTS}, w.document, {query}, {RANK_NORMALIZATION})"


def _newest_sql(kind: IndexedKind, query: str, filters: str) -> str:
    """The newest COUNT_CAP + 1 matches of one kind, newest first, each with its ts_rank_cd score.

    Its rowid range is written out, so each kind is planned for what it is: a common word walks the
    kind's rowids backwards and stops at the cap, a rare one reads the GIN index. The score is computed
    on the rows kept only, so the windows above sort small rows, not tsvectors.
    """
    scope = f"d.rowid BETWEEN {kind.first_rowid} AND {kind.last_rowid}{filters}"
    newest = f"SELECT d.rowid, d.document FROM {INDEX_TABLE} AS d WHERE d.document @@ {query} AND {scope}"
    return f"(SELECT w.rowid, {_rank(query)} AS score FROM ({newest} ORDER BY d.rowid DESC LIMIT {COUNT_CAP + 1}) AS w)"


def _phrase_sql(wanted: list[IndexedKind], query: str, words: str, filters: str) -> str:
    """`found` for a query with a phrase: what `_newest_sql` finds, in two steps (issue 16).

    Matching a phrase directly makes PostgreSQL recheck the word positions of every row holding its
    words, and read the GIN index once per kind (66 ms for "heat maps" at the reference scale, over
    the 50 ms). Instead the phrase's words, ANDed (`words`), which the GIN index answers by itself,
    are read once for all kinds (each row's place: its ctid); then, per kind and newest first, each
    row is fetched by its place and its adjacency checked, only until the kind's cap is reached.
    OFFSET 0 keeps the sort below the fetch: only the rows the cap needs are read again.
    """
    span = f"d.rowid BETWEEN {min(k.first_rowid for k in wanted)} AND {max(k.last_rowid for k in wanted)}"
    candidates = (
        f"candidates AS MATERIALIZED (SELECT d.rowid, d.ctid AS place FROM {INDEX_TABLE} AS d "
        f"WHERE d.document @@ {words} AND {span}{filters})"
    )
    newest = " UNION ALL ".join(
        f"(SELECT c.rowid, {_rank(query)} AS score FROM (SELECT rowid, place FROM candidates "
        f"WHERE rowid BETWEEN {kind.first_rowid} AND {kind.last_rowid} ORDER BY rowid DESC OFFSET 0) AS c "
        f"CROSS JOIN LATERAL (SELECT x.document FROM {INDEX_TABLE} AS x WHERE x.ctid = c.place) AS w "
        f"WHERE w.document @@ {query} LIMIT {COUNT_CAP + 1})"
        for kind in wanted
    )
    return f"{candidates}, found AS ({newest})"


PUNCTUATION = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())
MASKED = "".join(chr(0xE000 + ord(c)) for c in PUNCTUATION)
"""ASCII punctuation as private-use characters, which PostgreSQL's parser reads as spaces.

The index splits words at ASCII punctuation (pg_fts.SEPARATORS), but ts_headline parses the text
itself, and would keep "assessment/action" as a file name and never highlight "action" in it. The
snippet is cut from the masked text and unmasked after."""
_UNMASK = str.maketrans(MASKED, PUNCTUATION)


_NEXT_MATCH = re.compile(f"{MATCH_END}(\\s+){MATCH_START}")


def _joined(marked: str | None) -> str:
    """ts_headline marks each word of a phrase: "«Heat» «maps»" becomes "«Heat maps»", as FTS5 shows it."""
    return _NEXT_MATCH.sub(r"\1", marked or "")


def _with_ellipses(snippet: str | None, body: str) -> str:
    """An ellipsis where ts_headline cut the body, as FTS5's snippet() puts one."""
    snippet = _joined(snippet)
    if not snippet:
        return ""
    plain = " ".join(snippet.replace(MATCH_START, "").replace(MATCH_END, "").split())
    whole = " ".join(body.split())
    if not plain or plain == whole:
        return snippet
    start = "" if whole.startswith(plain) else ELLIPSIS
    end = "" if whole.endswith(plain) else ELLIPSIS
    return f"{start}{snippet.strip()}{end}"
