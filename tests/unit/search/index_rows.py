"""Reading the search index directly, on either engine: SQLite's FTS5 table or PostgreSQL's tsvector table.

Both hold the same documents under the same rowid (`kind << 40 | id`); SQLite also has its `facets`
column (filter tokens), which PostgreSQL does not need (its filters are the board, date and exempt
columns), so `facets` is None there.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from boardapp.store import fts, pg_fts
from tests.helpers.search_world import IndexRow
from tests.helpers.search_world import index_contents as sqlite_contents
from tests.helpers.search_world import index_row as sqlite_row
from tests.helpers.search_world import matches as sqlite_matches

__all__ = ["IndexRow", "index_contents", "index_row", "is_postgres", "matches", "rebuild"]


def is_postgres(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def index_row(connection: Connection, kind: fts.IndexedKind, ref_id: int) -> IndexRow | None:
    if not is_postgres(connection):
        return sqlite_row(connection, kind, ref_id)
    row = connection.execute(
        text(
            f"SELECT title, body, NULL, board_id, meeting_date, exempt, kind, ref_id FROM {pg_fts.INDEX_TABLE} "
            "WHERE rowid = :rowid"
        ),
        {"rowid": kind.rowid(ref_id)},
    ).first()
    if row is None:
        return None
    assert (row[6], row[7]) == (kind.key, ref_id)
    return IndexRow(*row[:6])


def index_contents(connection: Connection) -> dict[int, tuple[Any, ...]]:
    """rowid -> (title, body, facets, kind, ref_id, board_id, meeting_date, exempt)."""
    if not is_postgres(connection):
        return sqlite_contents(connection)
    rows = connection.execute(
        text(f"SELECT rowid, title, body, NULL, kind, ref_id, board_id, meeting_date, exempt FROM {pg_fts.INDEX_TABLE}")
    ).all()
    return {row[0]: tuple(row[1:]) for row in rows}


def matches(connection: Connection, word: str) -> set[int]:
    """The rowids whose title or body holds `word`."""
    if not is_postgres(connection):
        return sqlite_matches(connection, f'"{word}"')
    rows = connection.execute(
        text(f"SELECT rowid FROM {pg_fts.INDEX_TABLE} WHERE document @@ to_tsquery('{pg_fts.CONFIG}', :word)"),
        {"word": f"'{word}'"},
    )
    return {row[0] for row in rows}


def rebuild(connection: Connection) -> None:
    if is_postgres(connection):
        pg_fts.rebuild_search_index(connection)
    else:
        fts.rebuild_search_index(connection)
