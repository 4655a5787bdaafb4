"""Search at five times the reference scale (issue 13 point 5: first results within 50 ms).

    .venv/bin/python benchmarks/search_scale.py [--scale 5] [--db FILE] [--regenerate] [--repeat 15]
                                                [--markdown]

Generates (once, cached beside run.py's reference in `$TMPDIR/boardapp-benchmarks/`) a reference
database at `--scale` with generate_reference.py: 10 boards with five times the meetings, minutes,
actions and plans (about 430 MB, 1–2 minutes to build). Then times the searches of run.py on it,
with the GUI's defaults (20 hits per kind, the last word a prefix while typing): what the search
panel waits for before it shows its first results. For comparison it also times what counting
every match of the common word costs (the count the service made before it stopped at
`COUNT_CAP`). Not a test: exit status 0 whatever the figures.
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
    measure_open,
    measure_searches,
    table,
    timed,
)
from sqlalchemy import text  # noqa: E402

from boardapp.services.search import COUNT_CAP, parse_query  # noqa: E402
from boardapp.store.database import Store  # noqa: E402
from boardapp.store.fts import INDEX_TABLE, KIND_SHIFT  # noqa: E402

COMMON_WORD = "board"


def measure_full_count(store: Store, repeat: int) -> Measure:
    """What counting every match of the common word costs (no longer done by the service)."""
    parsed = parse_query(COMMON_WORD)
    assert parsed is not None
    sql = text(f"SELECT rowid >> {KIND_SHIFT}, count(*) FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH :m GROUP BY 1")
    with store.session() as session:
        counts = session.execute(sql, {"m": parsed.match}).all()
        measure = Measure(
            f"count every match of {COMMON_WORD!r} (for comparison)",
            None,
            timed(lambda: session.execute(sql, {"m": parsed.match}).all(), repeat),
        )
    measure.note = f"{sum(n for _, n in counts):,} matches; the service now stops at {COUNT_CAP:,} per kind"
    return measure


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=5.0, help="scale of the generated reference (default 5)")
    parser.add_argument("--db", help="use this file instead of generating one")
    parser.add_argument("--regenerate", action="store_true", help="generate the database again")
    parser.add_argument("--repeat", type=int, default=15, help="runs per measure (default 15)")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    args = parser.parse_args(argv)

    path = Path(args.db).expanduser().resolve() if args.db else CACHE_DIR / f"reference-scale{args.scale:g}.sqlite"
    if not args.db or args.regenerate:
        ensure_reference(path, args.scale, args.regenerate)
    elif not path.exists():
        parser.error(f"{path} does not exist")
    load = f"; load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    size = path.stat().st_size / 1e6
    print(f"Database: {path} ({size:.1f} MB); {os.cpu_count()} CPUs{load}; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-") as tmp:
        store, _opened = measure_open(path, Path(tmp) / "backups")
        try:
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
