"""The full-text search index: one SQLite FTS5 table kept current by SQL triggers.

`search_index` holds one row per searchable thing: the notes of a minute, a decision, an
action, an agenda item's title, a plan item (text, description, outcomes, evidence of impact),
a recommendation and a KPI's measure. An agenda item's title carries its minute number once it
has one ("Heat maps (Minute 23/17)"), so a search for "23/17" finds it. Three columns are indexed:

- `title` and `body`, what the user searches (bm25 weighs a title match ten times a body match);
- `facets`, tokens for the filters, so that FTS5 itself narrows a search by board and date
  (filtering on an UNINDEXED column would read every matching row): `b<board id>` (b0 when
  none), `y<yyyy> m<yyyymm> d<yyyymmdd>` of the date when there is one, and `x1`/`x0` for
  exempt or not, each preceded by FACET_MARK, a private-use character that the search service
  removes from what users type: their words (even prefixes) can never match a facet, and no
  column filter is needed (one would make every ranked query several times slower).

The UNINDEXED columns label results without going back to the tables: `kind`, `ref_id`,
`board_id`, `meeting_date` (ISO text; the meeting's for minutes, decisions, agenda items and
actions, the review's for recommendations, NULL for plan items and KPIs) and `exempt` (1 for
anything of a Part II agenda item).

The rowid encodes what a row is: `kind << 40 | id`. Triggers therefore find a row by its
primary key (an FTS5 table cannot look anything else up quickly), and a search restricted to
one kind is a rowid range, which FTS5 applies inside the index.

Triggers live in the database, so every writer keeps the index current: the ORM, SQLAlchemy
Core bulk inserts, raw SQL, cascades of foreign keys (which fire triggers). Besides each
table's own insert/update/delete, changes that alter other rows' labels cascade: an agenda
item's title, exempt flag or meeting (its minute, decisions and actions), a meeting's date
or board, a plan's board, a review source's date.

The schema of the index belongs to the migration that created it (db/versions/, frozen SQL);
this module is the live definition and `tests/unit/search/test_search_schema.py` checks that
the migrated database and this module agree. Everything named `search_*` is left out of the
models-versus-migrations comparison (see `include_name`, used by db/env.py).

Changing a table the index reads, in a later migration
------------------------------------------------------
Alembic's batch mode rebuilds an SQLite table by creating a copy, dropping the original and
renaming the copy. Dropping the original also drops its search triggers, and SQLite refuses the
rename while other search triggers still name the dropped table ("error in trigger search_...:
no such table"). Such a migration must drop the search triggers first and put them back after
(with SQL frozen in that migration, generated from this module at the time), then rebuild the
index: see `drop_search_triggers`, `trigger_statements` and `rebuild_search_index`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sqlalchemy import Connection

INDEX_TABLE = "search_index"
NAME_PREFIX = "search_"
"""Every object of the index (table, FTS5 shadow tables, triggers) is named with this prefix."""

KIND_SHIFT = 40
"""rowid = kind << KIND_SHIFT | id: ids up to a trillion, kinds up to 2**22."""

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0

FACETS_WEIGHT = 0.0
FACET_MARK = "\ue000"
"""Starts every facet token (U+E000, private use: unicode61 keeps it inside words)."""
_FACET_MARK_SQL = f"char({ord(FACET_MARK)})"

COLUMNS = ("title", "body", "facets", "kind", "ref_id", "board_id", "meeting_date", "exempt")
INDEXED_COLUMNS = 3  # title, body, facets; the rest are UNINDEXED
TITLE_COLUMN, BODY_COLUMN = 0, 1
RANK_FUNCTION = f"bm25({TITLE_WEIGHT}, {BODY_WEIGHT}, {FACETS_WEIGHT})"


class IndexedKind(IntEnum):
    """What a row of the index is; the value is the high part of its rowid."""

    MINUTE = 1
    DECISION = 2
    ACTION = 3
    AGENDA_ITEM = 4
    PLAN_ITEM = 5
    RECOMMENDATION = 6
    KPI = 7

    @property
    def key(self) -> str:
        """The value of the `kind` column: "minute", "agenda_item"..."""
        return self.name.lower()

    @property
    def first_rowid(self) -> int:
        return self.value << KIND_SHIFT

    @property
    def last_rowid(self) -> int:
        return ((self.value + 1) << KIND_SHIFT) - 1

    def rowid(self, ref_id: int) -> int:
        return self.first_rowid | ref_id


def split_rowid(rowid: int) -> tuple[IndexedKind, int]:
    """(kind, id of the source row) of an index rowid."""
    return IndexedKind(rowid >> KIND_SHIFT), rowid & ((1 << KIND_SHIFT) - 1)


# -- the live definition -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """How one table feeds the index: the row it indexes, and which column changes re-index it."""

    kind: IndexedKind
    table: str
    alias: str
    joins: str
    title: str
    body: str
    board_id: str
    meeting_date: str
    exempt: str
    watched: tuple[str, ...]

    def select(self, where: str | None = None) -> str:
        a = self.alias
        values = (
            f"{a}.id + {self.kind.first_rowid}",
            self.title,
            self.body,
            _facets(self.board_id, self.meeting_date, self.exempt),
            f"'{self.kind.key}'",
            f"{a}.id",
            self.board_id,
            self.meeting_date,
            self.exempt,
        )
        sql = f'SELECT {", ".join(values)} FROM "{self.table}" AS {a}{self.joins}'
        return f"{sql} WHERE {where}" if where else sql

    def insert(self, where: str | None = None) -> str:
        return f"INSERT INTO {INDEX_TABLE} (rowid, {', '.join(COLUMNS)}) {self.select(where)}"

    def delete_where(self, where: str) -> str:
        """Remove the index rows of the source rows matching `where` (by rowid: fast)."""
        return (
            f"DELETE FROM {INDEX_TABLE} WHERE rowid IN "
            f'(SELECT {self.alias}.id + {self.kind.first_rowid} FROM "{self.table}" AS {self.alias}{self.joins} '
            f"WHERE {where})"
        )


def _facets(board_id: str, day: str, exempt: str) -> str:
    """SQL for the facets column: 'b3 y2017 m201708 d20170801 x0', each token after FACET_MARK."""

    def token(letter: str, *values: str) -> str:
        return f"{_FACET_MARK_SQL} || '{letter}' || " + " || ".join(values)

    parts = [token("b", f"coalesce({board_id}, 0)")]
    if day != "NULL":
        y, m, d = f"substr({day}, 1, 4)", f"substr({day}, 6, 2)", f"substr({day}, 9, 2)"
        dated = " || ' ' || ".join((token("y", y), token("m", y, m), token("d", y, m, d)))
        parts.append(f"CASE WHEN {day} IS NULL THEN '' ELSE ' ' || {dated} END")
    parts.append("' ' || " + token("x", exempt))
    return " || ".join(parts)


def facet(letter: str, value: object) -> str:
    """A facet token as the index holds it: facet("b", 3) == FACET_MARK + "b3"."""
    return f"{FACET_MARK}{letter}{value}"


_ITEM_JOINS = ' JOIN "agendaitem" AS ai ON ai.id = {a}.agenda_item_id JOIN "meeting" AS mt ON mt.id = ai.meeting_id'
_NEWLINE = " || char(10) || "

SOURCES: tuple[_Source, ...] = (
    _Source(
        kind=IndexedKind.MINUTE,
        table="minute",
        alias="m",
        joins=_ITEM_JOINS.format(a="m"),
        title="ai.title",
        body="m.notes",
        board_id="mt.board_id",
        meeting_date="mt.date",
        exempt="ai.is_exempt",
        watched=("notes", "agenda_item_id"),
    ),
    _Source(
        kind=IndexedKind.DECISION,
        table="decision",
        alias="d",
        joins=_ITEM_JOINS.format(a="d"),
        title="ai.title",
        body="d.text",
        board_id="mt.board_id",
        meeting_date="mt.date",
        exempt="d.is_exempt",  # the decision's own Part II stamp (kept whatever happens to its item)
        watched=("text", "agenda_item_id", "is_exempt"),
    ),
    _Source(
        kind=IndexedKind.ACTION,
        table="action",
        alias="a",
        joins=' LEFT JOIN "meeting" AS mt ON mt.id = a.raised_meeting_id',
        title="a.ref",
        body="a.text",
        board_id="a.board_id",
        meeting_date="mt.date",
        exempt="a.is_exempt",  # the action's own Part II stamp: it outlives its item
        watched=("ref", "text", "board_id", "raised_meeting_id", "is_exempt"),
    ),
    _Source(
        kind=IndexedKind.AGENDA_ITEM,
        table="agendaitem",
        alias="ai",
        joins=' JOIN "meeting" AS mt ON mt.id = ai.meeting_id',
        # "Heat maps (Minute 23/17)": "23/17" and "minute 23/17" find the item by its number (issue 17).
        title="ai.title || CASE WHEN ai.minute_number <> '' THEN ' (Minute ' || ai.minute_number || ')' ELSE '' END",
        body="''",
        board_id="mt.board_id",
        meeting_date="mt.date",
        exempt="ai.is_exempt",
        watched=("title", "is_exempt", "meeting_id", "minute_number"),
    ),
    _Source(
        kind=IndexedKind.PLAN_ITEM,
        table="planitem",
        alias="pi",
        joins=' JOIN "plan" AS p ON p.id = pi.plan_id',
        title="pi.ref",
        body=_NEWLINE.join(("pi.text", "pi.description", "pi.outcomes", "pi.evidence_of_impact")),
        board_id="p.board_id",
        meeting_date="NULL",
        exempt="0",
        watched=("ref", "text", "description", "outcomes", "evidence_of_impact", "plan_id"),
    ),
    _Source(
        kind=IndexedKind.RECOMMENDATION,
        table="recommendation",
        alias="r",
        joins=' JOIN "reviewsource" AS rs ON rs.id = r.source_id LEFT JOIN "plan" AS p ON p.id = r.plan_id',
        title="r.ref",
        body="r.text",
        board_id="p.board_id",
        meeting_date="rs.reported_on",
        exempt="0",
        watched=("ref", "text", "plan_id", "source_id"),
    ),
    _Source(
        kind=IndexedKind.KPI,
        table="kpi",
        alias="k",
        joins=' LEFT JOIN "plan" AS p ON p.id = k.plan_id',
        title="k.ref",
        body="k.measure",
        board_id="p.board_id",
        meeting_date="NULL",
        exempt="0",
        watched=("ref", "measure", "plan_id"),
    ),
)

_BY_KIND = {source.kind: source for source in SOURCES}


@dataclass(frozen=True)
class _Cascade:
    """A change to `table` that alters the labels of index rows fed by other tables."""

    table: str
    watched: tuple[str, ...]
    dependents: tuple[tuple[IndexedKind, str], ...]  # (kind, condition on that source naming new.id)


CASCADES: tuple[_Cascade, ...] = (
    _Cascade(
        "agendaitem",
        ("title", "is_exempt", "meeting_id"),
        (
            (IndexedKind.MINUTE, "m.agenda_item_id = new.id"),
            (IndexedKind.DECISION, "d.agenda_item_id = new.id"),
        ),
    ),
    _Cascade(
        "meeting",
        ("date", "board_id"),
        (
            (IndexedKind.AGENDA_ITEM, "ai.meeting_id = new.id"),
            (IndexedKind.MINUTE, "ai.meeting_id = new.id"),
            (IndexedKind.DECISION, "ai.meeting_id = new.id"),
            (IndexedKind.ACTION, "a.raised_meeting_id = new.id"),
        ),
    ),
    _Cascade(
        "plan",
        ("board_id",),
        (
            (IndexedKind.PLAN_ITEM, "pi.plan_id = new.id"),
            (IndexedKind.RECOMMENDATION, "r.plan_id = new.id"),
            (IndexedKind.KPI, "k.plan_id = new.id"),
        ),
    ),
    _Cascade("reviewsource", ("reported_on",), ((IndexedKind.RECOMMENDATION, "r.source_id = new.id"),)),
)


def _changed(columns: Iterable[str]) -> str:
    return " OR ".join(f"old.{c} IS NOT new.{c}" for c in columns)


def _trigger(name: str, event: str, table: str, when: str | None, body: list[str]) -> str:
    when_sql = f"\nWHEN {when}" if when else ""
    statements = "".join(f"\n  {statement};" for statement in body)
    return f'CREATE TRIGGER {name} AFTER {event} ON "{table}"{when_sql}\nBEGIN{statements}\nEND'


def table_statement() -> str:
    """The FTS5 table (one statement)."""
    indexed = ", ".join(COLUMNS[:INDEXED_COLUMNS])
    unindexed = ", ".join(f"{c} UNINDEXED" for c in COLUMNS[INDEXED_COLUMNS:])
    return (
        f"CREATE VIRTUAL TABLE {INDEX_TABLE} USING fts5({indexed}, {unindexed}, "
        f"tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
    )


def rank_statement() -> str:
    """Make `ORDER BY rank` mean bm25 with a title match worth ten body matches (stored in the index)."""
    return f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}, rank) VALUES ('rank', '{RANK_FUNCTION}')"


def trigger_statements() -> dict[str, str]:
    """Every trigger of the index: name -> CREATE TRIGGER statement."""
    triggers: dict[str, str] = {}
    for s in SOURCES:
        own = f"{s.alias}.id = new.id"
        delete_old = f"DELETE FROM {INDEX_TABLE} WHERE rowid = old.id + {s.kind.first_rowid}"
        triggers[f"search_{s.table}_insert"] = _trigger(
            f"search_{s.table}_insert", "INSERT", s.table, None, [s.insert(own)]
        )
        triggers[f"search_{s.table}_update"] = _trigger(
            f"search_{s.table}_update",
            f"UPDATE OF {', '.join(s.watched)}",
            s.table,
            _changed(s.watched),
            [delete_old, s.insert(own)],
        )
        triggers[f"search_{s.table}_delete"] = _trigger(
            f"search_{s.table}_delete", "DELETE", s.table, None, [delete_old]
        )
    for c in CASCADES:
        body: list[str] = []
        for kind, where in c.dependents:
            body += [_BY_KIND[kind].delete_where(where), _BY_KIND[kind].insert(where)]
        name = f"search_{c.table}_cascade"
        triggers[name] = _trigger(name, f"UPDATE OF {', '.join(c.watched)}", c.table, _changed(c.watched), body)
    return triggers


def fill_statements() -> list[str]:
    """Index every row of every source table (into an empty index)."""
    return [source.insert() for source in SOURCES]


def schema_statements() -> list[str]:
    """Everything `create_search_index` runs, in order: table, rank setting, triggers."""
    return [table_statement(), rank_statement(), *trigger_statements().values()]


# -- operations ----------------------------------------------------------------------------------


def _run(connection: Connection, statements: Iterable[str]) -> None:
    for statement in statements:
        connection.exec_driver_sql(statement)


def create_search_index(connection: Connection) -> None:
    """Create the table and the triggers, then index what the database already holds."""
    _run(connection, schema_statements())
    _run(connection, fill_statements())


def drop_search_triggers(connection: Connection) -> None:
    names = [row[0] for row in connection.exec_driver_sql(_objects_sql("trigger")).all()]
    _run(connection, (f"DROP TRIGGER IF EXISTS {name}" for name in names))


def drop_search_index(connection: Connection) -> None:
    drop_search_triggers(connection)
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX_TABLE}")


def rebuild_search_index(connection: Connection) -> None:
    """Throw the index away and build it again from the tables (the triggers are kept).

    Dropping and recreating the FTS5 table is much faster than deleting its rows one by one.
    """
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {INDEX_TABLE}")
    _run(connection, (table_statement(), rank_statement()))
    _run(connection, fill_statements())
    optimize_search_index(connection)


def optimize_search_index(connection: Connection) -> None:
    """Merge the index's segments into one: after a bulk load, queries read fewer pages."""
    connection.exec_driver_sql(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}) VALUES ('optimize')")


def installed_objects(connection: Connection) -> dict[str, str]:
    """name -> SQL of the index's table and triggers as the database holds them."""
    rows = connection.exec_driver_sql(_objects_sql("table", "trigger")).all()
    return {name: sql for name, sql in rows if sql and (name == INDEX_TABLE or not name.startswith(INDEX_TABLE))}


def _objects_sql(*types: str) -> str:
    return (
        f"SELECT name, sql FROM sqlite_master WHERE type IN ({', '.join(repr(t) for t in types)}) "
        f"AND substr(name, 1, {len(NAME_PREFIX)}) = '{NAME_PREFIX}' ORDER BY name"
    )


# -- keeping the index out of the models-versus-migrations comparison ----------------------------


def is_search_object(name: str | None) -> bool:
    return bool(name) and str(name).startswith(NAME_PREFIX)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic `include_name` hook: skip the search index's tables (they are not models)."""
    return not (type_ == "table" and is_search_object(name))


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic `include_object` hook: the same rule, for objects reached another way."""
    if type_ == "table":
        return not is_search_object(name)
    table = getattr(obj, "table", None)
    return not is_search_object(getattr(table, "name", None))
