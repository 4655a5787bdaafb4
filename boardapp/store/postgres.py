"""A BoardApp database on a PostgreSQL server (issue 16): `boardapp --db postgresql://user@host/dbname`.

What differs from a file (database.py), and why:
- no file checks, pragmas, presence lock or copy-then-upgrade: the server does the locking, and its DDL
  is transactional, so an upgrade runs in one transaction (all or nothing) under an advisory lock that
  keeps two clerks' copies from upgrading at once;
- a database that holds tables but no BoardApp version record is another program's: never touched;
- backups are `pg_dump` archives when pg_dump is installed; otherwise the message names the command.

The driver is psycopg 3 (`pip install 'psycopg[binary]'`, the `postgres` extra): a plain `postgresql://`
URL is given to it, so a clerk never has to know driver names.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, nulls_first
from sqlalchemy.dialects.postgresql.psycopg import PGCompiler_psycopg
from sqlalchemy.engine import URL, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.sql import operators
from sqlalchemy.sql.compiler import OPERATORS
from sqlalchemy.sql.elements import UnaryExpression

from boardapp.store import migrations
from boardapp.store.errors import (
    MigrationFailed,
    NewerSchema,
    NotABoardAppDatabase,
    StoreError,
    StoreUnavailable,
    connection_lost,
    is_lost_server_connection,
)

__all__ = ["dump_backup", "is_server_url", "open_server_engine", "shown_url"]

_SCHEMES = ("postgresql", "postgres")
_MIGRATION_LOCK = 0x426F617264417070  # pg_advisory lock key ("BoardApp"): one upgrade at a time per database
PG_DUMP_TIMEOUT_S = 600


class _SQLiteNullOrder(PGCompiler_psycopg):
    """ORDER BY as SQLite sorts: NULL is the smallest value (first ascending, last descending).

    PostgreSQL sorts NULL as the largest value; every service's list would otherwise change order
    between engines wherever a sort key can be empty (a last update, a meeting date, ...).
    """

    def order_by_clause(self, select: Any, **kw: Any) -> str:
        clauses = [_nulls_as_sqlite(clause) for clause in select._order_by_clauses]
        order_by = self._generate_delimited_list(clauses, OPERATORS[operators.comma_op], **kw)
        return " ORDER BY " + order_by if order_by else ""


def _nulls_as_sqlite(clause: Any) -> Any:
    if isinstance(clause, UnaryExpression):
        if clause.modifier in (operators.nulls_first_op, operators.nulls_last_op):
            return clause  # the service said where NULLs go
        if clause.modifier is operators.desc_op:
            return clause.nulls_last()
        if clause.modifier is operators.asc_op:
            return clause.nulls_first()
    return nulls_first(clause)


def is_server_url(url: str) -> bool:
    """A PostgreSQL URL, with or without a driver (`postgresql+psycopg://`)."""
    return url.split("://", 1)[0].split("+", 1)[0].lower() in _SCHEMES


def _parse(url: str, label: Path) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreUnavailable(label, f"{shown_url(url)} is not a database address BoardApp understands.") from exc
    if parsed.get_backend_name() not in _SCHEMES:
        raise StoreUnavailable(
            label, f"{shown_url(url)}: BoardApp works with an SQLite file or a PostgreSQL server (postgresql://…)."
        )
    return parsed.set(drivername="postgresql+psycopg")


def shown_url(url: str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"//([^:/@]*):[^@]*@", r"//\1:***@", url)


def open_server_engine(url: str, label: Path, *, read_only: bool = False) -> Engine:
    """An engine on the server's database, upgraded to this version's schema (unless read-only).

    Raises a StoreError with a plain message: server unreachable, another program's database, a newer
    schema, or a failed upgrade (which changed nothing: PostgreSQL rolls DDL back with the transaction).
    """
    engine = create_engine(_parse(url, label), pool_pre_ping=True)
    engine.dialect.statement_compiler = _SQLiteNullOrder  # before the first statement: compiled forms are cached
    _drop_nul_characters(engine)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            revision = _check(connection, url, label)
            if revision != migrations.head_revision():
                if read_only:
                    raise StoreUnavailable(
                        label, f"{shown_url(url)} must be upgraded before it can be used, but it was opened read-only."
                    )
                try:  # one transaction: a failure rolls every step back, DDL included
                    migrations.upgrade_to_head(connection)
                except SQLAlchemyError as exc:
                    raise MigrationFailed(
                        label, f"{shown_url(url)} could not be upgraded ({_first_line(exc)}). It was not changed."
                    ) from exc
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = _first_line(getattr(exc, "orig", None) or exc)
        raise StoreUnavailable(label, f"The database server at {shown_url(url)} cannot be used: {reason}") from exc
    _report_lost_connections(engine, url, label)  # from now on: opening worked, so a failure is a lost connection
    return engine


def _drop_nul_characters(engine: Engine) -> None:
    """Text bound for the server loses its NUL characters, which PostgreSQL text cannot hold.

    Why: a NUL pasted into the notes (text copied out of some PDFs carries them) is kept by SQLite, but
    PostgreSQL refuses the whole statement, so the autosave would retry a save that can never succeed.
    The character means nothing in minutes and every exporter drops it anyway (exporting/backends/text.py),
    so both engines give the same documents.
    """

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _clean(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> tuple[str, Any]:
        return statement, _without_nul(parameters)


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_without_nul(item) for item in value)
    return value


def _report_lost_connections(engine: Engine, url: str, label: Path) -> None:
    """A server connection lost mid-session raises ConnectionLost (a plain message) wherever it happens.

    Why on the engine: reads run outside `Store.transaction` (the GUI's `Operations.read`, every CLI
    command), and a lost connection must never reach the clerk as SQL. SQLAlchemy still invalidates the
    dead connection, so the next use (the autosave's retry) connects afresh; pre-ping failures are left
    to the pool, which reconnects by itself.
    """

    where = _parse(url, label).set(drivername="postgresql").render_as_string(hide_password=True)  # no driver name

    @event.listens_for(engine, "handle_error")
    def _lost(context: ExceptionContext) -> None:
        if context.is_pre_ping:
            return
        reconnecting = context.connection is None  # the pool could not connect again (the server is down)
        if reconnecting or context.is_disconnect or is_lost_server_connection(context.original_exception):
            raise connection_lost(label, where) from context.original_exception


def _check(connection: Connection, url: str, label: Path) -> str | None:
    """This database's BoardApp revision (None: empty, to be created); refuses another program's or a newer one."""
    tables = {
        row[0]
        for row in connection.exec_driver_sql(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
    }
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise NotABoardAppDatabase(
            label, f"{shown_url(url)} holds another program's tables, not BoardApp's. It was not changed."
        )
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
    revision = row[0] if row else None
    if revision is not None and not migrations.is_known_revision(revision):
        raise NewerSchema(
            label,
            f"{shown_url(url)} was written by a newer version of BoardApp (schema {revision}). Install the "
            f"newer version to use it; this version will not change it.",
        )
    return revision


def dump_backup(url: str, backups_dir: Path, reason: str, *, now: datetime | None = None) -> Path:
    """A `pg_dump` archive of the database (restore with pg_restore); the command is named when pg_dump is missing."""
    parsed = _parse(url, backups_dir)
    when = now or datetime.now()
    name = re.sub(r"[^A-Za-z0-9]+", "-", f"{parsed.database or 'postgres'}").strip("-") or "postgres"
    target = backups_dir / f"{name}.{when:%Y%m%d-%H%M%S-%f}.{re.sub(r'[^a-z0-9]+', '-', reason.lower())}.dump"
    libpq = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    command = ["pg_dump", "--format=custom", f"--file={target}", libpq]
    executable = shutil.which("pg_dump")
    if executable is None:
        raise StoreUnavailable(
            backups_dir,
            f"pg_dump is not installed, so BoardApp cannot back up {shown_url(url)} itself. Run: "
            f"pg_dump --format=custom --file=boardapp.dump '{libpq}' (install PostgreSQL's client tools).",
        )
    environment = dict(os.environ)
    if parsed.password is not None:  # through the environment: a command line is visible to other users
        environment["PGPASSWORD"] = str(parsed.password)
    partial = target.with_name(target.name + ".partial")
    command[2] = f"--file={partial}"
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [executable, *command[1:]], capture_output=True, text=True, env=environment,
            timeout=PG_DUMP_TIMEOUT_S, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise StoreUnavailable(
                backups_dir, f"pg_dump could not back up {shown_url(url)}: {_first_line(done.stderr or 'failed')}"
            )
        os.replace(partial, target)
    except (OSError, subprocess.SubprocessError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreUnavailable(backups_dir, f"The backup of {shown_url(url)} failed: {_first_line(exc)}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _first_line(exc: BaseException | str) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
