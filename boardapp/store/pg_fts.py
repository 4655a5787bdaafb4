"""The full-text search index on PostgreSQL: a tsvector column with a GIN index, kept current by triggers.

It holds the same documents as the SQLite FTS5 index (`store/fts.py`, whose `SOURCES` and `CASCADES`
it reuses): one row per minute, decision, action, agenda item (with its minute number in the title),
plan item, recommendation and KPI, with the same rowid (`kind << 40 | id`), title, body, board, date
(ISO text) and Part II flag. What differs, and why:

- **Filters are columns, not facet tokens**: PostgreSQL combines the GIN match with plain conditions on
  `board_id`, `meeting_date` and `exempt` by itself, so no `facets` column is needed.
- **The `search_words` text search configuration**: a copy of `simple` (no stemming, no stop words) that
  folds accents with the `unaccent` dictionary when that extension can be installed. Not `english`:
  stemming breaks prefix search while typing ("recruitm" is no prefix of the stem "recruit"), and its
  stop words would make "zebra NOT count" or "any other business" match what SQLite's unicode61 does
  not; `simple` finds what the SQLite index finds.
- **Words are letters and digits**, as for unicode61: ASCII punctuation is turned into spaces before
  the text is parsed, because PostgreSQL's parser would otherwise keep "23/17" as a file name and
  "IB-20170801-01" as a hyphenated number, which a search for "23/17" typed as two words never meets.
- **Weights**: the title is weight A, the body weight B; ranking (`ts_rank_cd` in the search service)
  counts an A match ten times a B match, as bm25 does with the SQLite index's column weights.
- **Triggers are statement-level with transition tables**: a bulk insert of a thousand rows indexes
  them with one INSERT ... SELECT, not a thousand.

The index belongs to migration d5b8e1f3a620 (frozen SQL); this module is the live definition, and
tests/unit/search/test_search_schema_postgres.py checks that the migrated database and this module agree.
Nothing here runs on SQLite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection

from boardapp.store.fts import CASCADES, SOURCES, IndexedKind, _Source

INDEX_TABLE = "search_document"
"""Not `search_index`: that name is SQLite's FTS5 table, and tools that look for it must not find this."""
CONFIG = "search_words"
COLUMNS = ("rowid", "title", "body", "kind", "ref_id", "board_id", "meeting_date", "exempt")
TITLE_WEIGHT, BODY_WEIGHT = 1.0, 0.1
RANK_WEIGHTS = f"'{{0, 0, {BODY_WEIGHT}, {TITLE_WEIGHT}}}'"  # {D, C, B, A}: body is B, title is A
RANK_NORMALIZATION = 1
"""ts_rank_cd divided by 1 + log(document length): a passing mention in a long minute ranks below it in a short one."""

SEPARATORS = r"[\x01-/:-@\[-`{-\x7f]+"
"""ASCII characters that are not letters or digits: they separate words (the query side uses the same set)."""
WORD_SEPARATORS = re.compile(r"[\x00-/:-@\[-`{-\x7f]+")


def words_sql(expression: str) -> str:
    return f"regexp_replace({expression}, '{SEPARATORS}', ' ', 'g')"


DOCUMENT_SQL = (
    f"setweight(to_tsvector('{CONFIG}'::regconfig, {words_sql('title')}), 'A') || "
    f"setweight(to_tsvector('{CONFIG}'::regconfig, {words_sql('body')}), 'B')"
)


def _date(expression: str) -> str:
    return "NULL::text" if expression == "NULL" else f"to_char({expression}, 'YYYY-MM-DD')"


def _flag(expression: str) -> str:
    return expression if expression == "0" else f"({expression})::int"


def _text(expression: str) -> str:
    return expression.replace("char(10)", "chr(10)")


def select_sql(source: _Source, where: str | None = None) -> str:
    a = source.alias
    values = (
        f"{a}.id + {source.kind.first_rowid}",
        _text(source.title),
        _text(source.body),
        f"'{source.kind.key}'",
        f"{a}.id",
        source.board_id,
        _date(source.meeting_date),
        _flag(source.exempt),
    )
    sql = f'SELECT {", ".join(values)} FROM "{source.table}" AS {a}{source.joins}'
    return f"{sql} WHERE {where}" if where else sql


def insert_sql(source: _Source, where: str | None = None) -> str:
    return f"INSERT INTO {INDEX_TABLE} ({', '.join(COLUMNS)}) {select_sql(source, where)}"


def _delete_where(source: _Source, where: str) -> str:
    return (
        f"DELETE FROM {INDEX_TABLE} WHERE rowid IN (SELECT {source.alias}.id + {source.kind.first_rowid} "
        f'FROM "{source.table}" AS {source.alias}{source.joins} WHERE {where})'
    )


def _changed_ids(columns: Iterable[str]) -> str:
    """The ids of the updated rows whose watched columns changed (transition tables old_rows, new_rows)."""
    changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in columns)
    return f"SELECT n.id FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id WHERE {changed}"


def _function(name: str, body: list[str]) -> str:
    statements = "".join(f"\n  {statement};" for statement in body)
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN{statements}\n  RETURN NULL;\nEND\n$$"
    )


def _trigger(name: str, event: str, table: str) -> str:
    tables = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows"}
    referencing = tables.get(event, "OLD TABLE AS old_rows NEW TABLE AS new_rows")
    return (
        f'CREATE TRIGGER {name} AFTER {event} ON "{table}" REFERENCING {referencing} '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
    )


def trigger_definitions() -> dict[str, tuple[str, str]]:
    """name -> (CREATE FUNCTION, CREATE TRIGGER): the function and its trigger share the name."""
    by_kind = {source.kind: source for source in SOURCES}
    found: dict[str, tuple[str, str]] = {}
    for s in SOURCES:
        first = s.kind.first_rowid
        changed = _changed_ids(s.watched)
        bodies = {
            "INSERT": [insert_sql(s, f"{s.alias}.id IN (SELECT id FROM new_rows)")],
            "UPDATE": [
                f"DELETE FROM {INDEX_TABLE} WHERE rowid IN (SELECT id + {first} FROM ({changed}) AS c)",
                insert_sql(s, f"{s.alias}.id IN ({changed})"),
            ],
            "DELETE": [f"DELETE FROM {INDEX_TABLE} WHERE rowid IN (SELECT id + {first} FROM old_rows)"],
        }
        for event, body in bodies.items():
            name = f"search_{s.table}_{event.lower()}"
            found[name] = (_function(name, body), _trigger(name, event, s.table))
    for c in CASCADES:
        changed = _changed_ids(c.watched)
        relabel: list[str] = []
        for kind, where in c.dependents:
            condition = where.replace("= new.id", f"IN ({changed})")
            relabel += [_delete_where(by_kind[kind], condition), insert_sql(by_kind[kind], condition)]
        name = f"search_{c.table}_cascade"
        found[name] = (_function(name, relabel), _trigger(name, "UPDATE", c.table))
    return found


def table_statements() -> list[str]:
    """The table and its indexes (the tsvector is a generated column: every writer gets it right)."""
    return [
        f"CREATE TABLE {INDEX_TABLE} (rowid bigint PRIMARY KEY, title text NOT NULL DEFAULT '', "
        f"body text NOT NULL DEFAULT '', kind text NOT NULL, ref_id bigint NOT NULL, board_id integer, "
        f"meeting_date text, exempt integer NOT NULL DEFAULT 0, "
        f"document tsvector GENERATED ALWAYS AS ({DOCUMENT_SQL}) STORED)",
        f"CREATE INDEX {INDEX_TABLE}_words ON {INDEX_TABLE} USING gin (document)",
        # The filters: PostgreSQL ANDs these bitmaps with the words', so a board or a year reads only its rows.
        f"CREATE INDEX {INDEX_TABLE}_date ON {INDEX_TABLE} (meeting_date)",
        f"CREATE INDEX {INDEX_TABLE}_board ON {INDEX_TABLE} (board_id, meeting_date)",
    ]


def config_statements(unaccent: bool) -> list[str]:
    """The text search configuration: `simple`, folding accents when the unaccent dictionary is there."""
    statements = [f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)"]
    if unaccent:
        statements.append(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
    return statements


def fill_statements() -> list[str]:
    return [insert_sql(source) for source in SOURCES]


def _run(connection: Connection, statements: Iterable[str]) -> None:
    for statement in statements:
        connection.exec_driver_sql(statement)


def install_unaccent(connection: Connection) -> bool:
    """CREATE EXTENSION unaccent if it is installed on the server and we may; False (accents then count) if not."""
    available = connection.exec_driver_sql(
        "SELECT installed_version IS NOT NULL, true FROM pg_available_extensions WHERE name = 'unaccent'"
    ).first()
    if available is None:
        return False
    if available[0]:
        return True
    savepoint = connection.begin_nested()  # a refusal (no privilege) must not abort the migration
    try:
        connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception:  # any refusal (no privilege...) leaves search working, only accent-sensitive
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def create_search_index(connection: Connection) -> None:
    """Configuration, table, triggers, then index what the database already holds."""
    _run(connection, config_statements(install_unaccent(connection)))
    _run(connection, table_statements())
    for function, trigger in trigger_definitions().values():
        _run(connection, (function, trigger))
    _run(connection, fill_statements())


def drop_search_index(connection: Connection) -> None:
    for name in trigger_definitions():
        table = name.removeprefix("search_").rsplit("_", 1)[0]
        connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
        connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX_TABLE}")
    connection.exec_driver_sql(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


def rebuild_search_index(connection: Connection) -> None:
    """Index every row again from the tables (the triggers are kept)."""
    connection.exec_driver_sql(f"TRUNCATE {INDEX_TABLE}")
    _run(connection, fill_statements())
    connection.exec_driver_sql(f"ANALYZE {INDEX_TABLE}")


def installed_functions(connection: Connection) -> dict[str, str]:
    """name -> body of the index's trigger functions as the database holds them."""
    rows = connection.exec_driver_sql(
        "SELECT p.proname, p.prosrc FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace "
        "WHERE n.nspname = current_schema() AND starts_with(p.proname, 'search_') ORDER BY p.proname"
    ).all()
    return {str(name): str(source) for name, source in rows}


def function_body(create_function: str) -> str:
    """What pg_proc.prosrc holds for one of `trigger_definitions`' CREATE FUNCTION statements."""
    return create_function.split("$$", 2)[1]


__all__ = [
    "CONFIG",
    "INDEX_TABLE",
    "IndexedKind",
    "create_search_index",
    "drop_search_index",
    "rebuild_search_index",
    "trigger_definitions",
]
