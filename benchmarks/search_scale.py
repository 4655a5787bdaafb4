"""Search at five times the reference scale (issue 13 point 5: first results within 50 ms).

    .venv/bin/python benchmarks/search_scale.py [--scale 5] [--db FILE | --db postgresql://…] [--regenerate]
                                                [--repeat 15] [--markdown]

Generates (once, cached beside run.py's reference in `$TMPDIR/boardapp-benchmarks/`) a reference
database at `--scale` with generate_reference.py: 10 boards with five times the meetings, minutes,
actions and plans (about 430 MB, 1–2 minutes to build). Then times the searches of run.py on it,
with the GUI's defaults (20 hits per kind, the last word a prefix while typing): what the search
panel waits for before it shows its first results. For comparison it also times what counting
every match of the common word costs (the count the service made before it stopped at
`COUNT_CAP`). Not a test: exit status 0 whatever the figures.

With `--db postgresql://…` (issue 16) the same searches run on that PostgreSQL database, as run.py
does: it is filled with the reference at `--scale` when it holds no board yet or with `--regenerate`
(about 2 minutes at scale 5), and the full count is that of the tsvector index. Nothing in the table
is SQLite-only; the header gives the database's size as the server reports it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # run.py is a script beside this one
    sys.path.insert(0, str(HERE))

from run import (  # noqa: E402
    CACHE_DIR,
    TARGET_SEARCH,
    Measure,
    ensure_reference,
    ensure_server_reference,
    measure_open,
    measure_searches,
    table,
    timed,
)
from sqlalchemy import text  # noqa: E402

from boardapp.services.search import COUNT_CAP, parse_query  # noqa: E402
from boardapp.services.search_pg import tsquery_text  # noqa: E402
from boardapp.store import pg_fts  # noqa: E402
from boardapp.store.database import Store  # noqa: E402
from boardapp.store.fts import INDEX_TABLE, KIND_SHIFT  # noqa: E402
from boardapp.store.postgres import is_server_url, shown_url  # noqa: E402

COMMON_WORD = "board"


def measure_full_count(store: Store, repeat: int) -> Measure:
    """What counting every match of the common word costs (no longer done by the service)."""
    parsed = parse_query(COMMON_WORD)
    assert parsed is not None
    if store.server_url:  # the tsvector index of store/pg_fts.py
        match = tsquery_text(parsed)
        where = f"document @@ to_tsquery('{pg_fts.CONFIG}', :m)"
        table_name = pg_fts.INDEX_TABLE
    else:
        match, where, table_name = parsed.match, f"{INDEX_TABLE} MATCH :m", INDEX_TABLE
    sql = text(f"SELECT rowid >> {KIND_SHIFT}, count(*) FROM {table_name} WHERE {where} GROUP BY 1")
    with store.session() as session:
        counts = session.execute(sql, {"m": match}).all()
        measure = Measure(
            f"count every match of {COMMON_WORD!r} (for comparison)",
            None,
            timed(lambda: session.execute(sql, {"m": match}).all(), repeat),
        )
    measure.note = f"{sum(n for _, n in counts):,} matches; the service now stops at {COUNT_CAP:,} per kind"
    return measure


def describe(store: Store, where: Path | str) -> str:
    """Which database, how big, and how many meetings (1,200 at scale 1): the scale it really holds."""
    with store.engine.connect() as connection:
        meetings = connection.execute(text("SELECT count(*) FROM meeting")).scalar_one()
        if isinstance(where, str):
            size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            version = connection.execute(text("SHOW server_version")).scalar_one()
            return f"{shown_url(where)} (PostgreSQL {version}, {size / 1e6:.1f} MB, {meetings:,} meetings)"
    return f"{where} ({where.stat().st_size / 1e6:.1f} MB, {meetings:,} meetings)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=5.0, help="scale of the generated reference (default 5)")
    parser.add_argument(
        "--db", help="use this file, or this PostgreSQL database (postgresql://…), instead of a cached file"
    )
    parser.add_argument("--regenerate", action="store_true", help="generate the database again")
    parser.add_argument("--repeat", type=int, default=15, help="runs per measure (default 15)")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args(argv)

    load = f"; load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    where: Path | str
    if args.db and is_server_url(args.db):
        where = str(args.db)
        ensure_server_reference(where, args.scale, args.regenerate)
    else:
        where = Path(args.db).expanduser().resolve() if args.db else CACHE_DIR / f"reference-scale{args.scale:g}.sqlite"
        if not args.db or args.regenerate:
            ensure_reference(where, args.scale, args.regenerate)
        elif not where.exists():
            parser.error(f"{where} does not exist")
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-") as tmp:
        store, _opened = measure_open(where, Path(tmp) / "backups")
        try:
            print(f"Database: {describe(store, where)}; {os.cpu_count()} CPUs{load}; Python {sys.version.split()[0]}")
            measures = measure_searches(store, args.repeat)
            measures.append(measure_full_count(store, args.repeat))
        finally:
            store.close()
    print(table(measures, args.markdown))
    common = measures[0]
    verdict = "within" if common.value is not None and common.value <= TARGET_SEARCH else "over"
    median = common.shown(common.value)
    print(f"\nCommon word at scale {args.scale:g}: first results in {median} median ({verdict} 50 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
