"""The speed and scale benchmark of docs/architecture.md section 7, on the reference database.

    .venv/bin/python benchmarks/run.py [--db FILE | --db postgresql://…] [--regenerate] [--scale 1] [--repeat 15]
                                       [--skip-gui | --startup-only] [--markdown]

Generates the reference database (benchmarks/generate_reference.py, in a child process) into
a cache file if it is missing or was made by an older schema, then prints each measure as the
median of several runs beside its target. Not a test: it never fails a build, and the exit
status is 0 even when something misses (1 only when the benchmark itself could not run).

Measures:
- open a meeting: `boardapp.services.meetings.meeting_detail` on held meetings, each in a fresh session
- search: a common word, a rare word, a prefix being typed, an explicit prefix, a phrase, and a
  common word with board and date filters (`boardapp.services.search.search`)
- peak resident memory of this process with the database open, searched and meetings opened
- HOOKS (functions named hook_*, to be completed as the features land):
  - hook_qt_import: `python -c "import PySide6.QtWidgets"` in a child process (wall time)
  - hook_gui_startup: `python -m boardapp --basedir X --db COPY --smoke` in a child process, --repeat
    times after a warm-up (wall time from spawn to the "main window idle" line the smoke run prints), and
    its peak memory; benchmarks/startup_profile.py says where that time goes
  - hook_action_log: `services.action_log` (summary + first page, outstanding, sorted by due) if it is
    there, else list_action_rows filtered and sorted in Python; align it with the GUI's view when it lands
  - hook_exports: `boardapp.exporting.export_minutes` of a 10-item meeting to DOCX and PDF, if present
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from sqlmodel import Session, col, select  # noqa: E402

from boardapp.core.enums import ActionStatus, MeetingStatus  # noqa: E402
from boardapp.core.models import AgendaItem, Board, Meeting  # noqa: E402
from boardapp.services.search import search  # noqa: E402
from boardapp.store.database import Store, inspect_file, open_database  # noqa: E402
from boardapp.store.errors import StoreError  # noqa: E402
from boardapp.store.migrations import head_revision  # noqa: E402
from boardapp.store.postgres import is_server_url, shown_url  # noqa: E402

GENERATOR = Path(__file__).with_name("generate_reference.py")
CACHE_DIR = Path(tempfile.gettempdir()) / "boardapp-benchmarks"

MS = 1e-3
TARGET_OPEN_MEETING = 50 * MS
TARGET_SEARCH = 50 * MS
TARGET_ACTION_LOG = 50 * MS
TARGET_STARTUP = 0.7  # issue 13 point 5: spawn to an interactive main window, median
TARGET_EXPORT = 0.3
TARGET_MEMORY_MB = 250.0

SEARCHES = (
    ("search: common word (board)", "board", {}),
    ("search: rare word (Skylakes)", "Skylakes", {}),
    ("search: prefix while typing (recrui)", "recrui", {}),
    ("search: explicit prefix (safeguard*)", "safeguard*", {"as_you_type": False}),
    ('search: phrase ("heat maps")', '"heat maps"', {}),
    ("search: common word, board + year", "board", {"board": True, "year": True}),
)


@dataclass
class Measure:
    name: str
    target: float | None  # seconds, or MB when unit == "MB"
    samples: list[float] = field(default_factory=list)
    unit: str = "s"
    note: str = ""

    @property
    def value(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def best(self) -> float | None:
        return min(self.samples) if self.samples else None

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        if self.target is None:
            return "info"
        return "OK" if self.value <= self.target else "MISS"

    def shown(self, amount: float | None) -> str:
        if amount is None:
            return "—"
        if self.unit == "MB":
            return f"{amount:.0f} MB"
        return f"{amount * 1000:.1f} ms" if amount < 1 else f"{amount:.2f} s"


# -- helpers -------------------------------------------------------------------------------------


def timed(action: Callable[[], Any], repeat: int, *, warm_up: int = 1) -> list[float]:
    for _ in range(warm_up):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process (ru_maxrss: KB on Linux, bytes on macOS)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_child(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int, float | None, str]:
    """(wall seconds, exit status, peak RSS in MB of that child alone or None, last line of stderr)."""
    elapsed, code, peak, lines, _ = run_child_with_output(argv, env)
    return elapsed, code, peak, (lines[-1][:200] if lines else "")


def run_child_with_output(
    argv: Sequence[str], env: dict[str, str] | None = None
) -> tuple[float, int, float | None, list[str], float]:
    """run_child's figures with every stderr line, and the wall-clock time (time.time()) of the spawn."""
    spawned_at = time.time()
    started = time.perf_counter()
    child = subprocess.Popen(
        list(argv), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak: float | None = None
    if hasattr(os, "wait4"):
        assert child.stderr is not None
        err = child.stderr.read()  # the child ends by closing it
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code
        peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    else:  # pragma: no cover - Windows
        _, err = child.communicate()
        elapsed = time.perf_counter() - started
        code = child.returncode
    lines = err.decode(errors="replace").strip().splitlines()
    return elapsed, code, peak, lines, spawned_at


def gui_env() -> dict[str, str]:
    env = dict(os.environ)
    # An installed app has its bytecode cached; measuring with compilation on every start would
    # time the Python compiler, not BoardApp. (Some shells here set PYTHONDONTWRITEBYTECODE.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


# -- the reference database ----------------------------------------------------------------------


def reference_path(args: argparse.Namespace) -> Path:
    if args.db:
        return Path(args.db).expanduser().resolve()
    return CACHE_DIR / f"reference-scale{args.scale:g}.sqlite"


def ensure_reference(path: Path, scale: float, regenerate: bool) -> None:
    stale = "regenerating on request" if regenerate else ""
    if not stale:
        try:
            revision = inspect_file(path).revision if path.exists() else None
        except StoreError as exc:
            revision, stale = None, f"unreadable ({exc})"
        if not path.exists():
            stale = "missing"
        elif revision != head_revision():
            stale = f"made by schema {revision}, the app is at {head_revision()}"
    if not stale:
        return
    print(f"Reference database {path}: {stale}; generating it (scale {scale:g})...", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, str(GENERATOR), str(path), "--scale", f"{scale:g}", "--force"], check=False, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"the generator failed (exit {result.returncode})")


# -- database-side measures ----------------------------------------------------------------------


def measure_open(path: Path | str, backups: Path) -> tuple[Store, Measure]:
    started = time.perf_counter()
    if isinstance(path, str):  # a PostgreSQL database (issue 16): connect, check the schema, first query
        from boardapp.home import AppHome
        from boardapp.store.database import open_store

        store = open_store(AppHome.from_options(basedir=backups.parent / "home", db=path))
    else:
        store = open_database(path, backups)
    with store.session() as session:
        session.exec(select(Board.id).limit(1)).first()
    return store, Measure("open the database file (first query)", None, [time.perf_counter() - started])


def held_meetings(store: Store, count: int) -> list[int]:
    with store.session() as session:
        ids = list(
            session.exec(
                select(Meeting.id).where(col(Meeting.status).in_([MeetingStatus.LOCKED, MeetingStatus.HELD]))
            ).all()
        )
    rng = random.Random(6)
    return [i for i in rng.sample(ids, min(count, len(ids))) if i is not None]


def measure_open_meeting(store: Store, repeat: int) -> Measure:
    measure = Measure("open a meeting", TARGET_OPEN_MEETING)
    try:
        from boardapp.services.meetings import meeting_detail
    except ImportError:  # the equivalent queries, until the service exists
        measure.note = "services.meetings.meeting_detail missing: equivalent queries timed instead"
        meeting_detail = _equivalent_meeting_queries
    meetings = held_meetings(store, repeat + 1)
    with store.session() as session:
        meeting_detail(session, meetings[-1])  # warm up
    for meeting_id in meetings[:repeat]:
        started = time.perf_counter()
        with store.session() as session:
            meeting_detail(session, meeting_id)
        measure.samples.append(time.perf_counter() - started)
    items = 0
    with store.session() as session:
        items = len(session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meetings[0])).all())
    measure.note = measure.note or f"meeting_detail, {len(measure.samples)} different meetings of ~{items} items"
    return measure


def _equivalent_meeting_queries(session: Session, meeting_id: int) -> None:
    from boardapp.core.models import Action, Attendance, Decision, Minute

    session.get(Meeting, meeting_id)
    items = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    item_ids = [item.id for item in items]
    session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
    session.exec(select(Minute).where(col(Minute.agenda_item_id).in_(item_ids))).all()
    session.exec(select(Decision).where(col(Decision.agenda_item_id).in_(item_ids))).all()
    session.exec(select(Action).where(Action.raised_meeting_id == meeting_id)).all()


def measure_searches(store: Store, repeat: int) -> list[Measure]:
    measures = []
    with store.session() as session:
        board_id = session.exec(select(Board.id).order_by(col(Board.id))).first()
        latest = session.exec(select(Meeting.date).order_by(col(Meeting.date).desc())).first() or dt.date.today()
        year_start = dt.date(latest.year - 1, 1, 1)
        for label, query, options in SEARCHES:
            kwargs: dict[str, Any] = {"as_you_type": options.get("as_you_type", True)}
            if options.get("board"):
                kwargs["board_id"] = board_id
            if options.get("year"):
                kwargs.update(date_from=year_start, date_to=dt.date(latest.year - 1, 12, 31))
            results = search(session, query, **kwargs)
            measure = Measure(label, TARGET_SEARCH, timed(lambda q=query, k=kwargs: search(session, q, **k), repeat))
            measure.note = f"{results.total_text} matches, {len(results.hits)} shown"
            measures.append(measure)
    return measures


# -- HOOKS: measures whose features are still being built ---------------------------------------


def hook_qt_import(runs: int = 3) -> Measure:
    """HOOK: bare `import PySide6.QtWidgets` in a fresh interpreter (wall time, median of 3)."""
    measure = Measure("python -c 'import PySide6.QtWidgets'", None, note="part of start-up the app cannot avoid")
    for _ in range(runs):
        elapsed, code, _, err = run_child([sys.executable, "-c", "import PySide6.QtWidgets"], gui_env())
        if code != 0:
            measure.samples.clear()
            measure.note = f"failed (exit {code}): {err}"
            break
        measure.samples.append(elapsed)
    return measure


def hook_interpreter(runs: int = 3) -> Measure:
    measure = Measure("python -c pass (interpreter alone)", None)
    measure.samples = [run_child([sys.executable, "-c", "pass"])[0] for _ in range(runs)]
    return measure


def hook_gui_startup(reference: Path, runs: int = 15) -> list[Measure]:
    """HOOK: `python -m boardapp --basedir X --db COPY --smoke` on a copy of the reference database.

    Wall time from spawn to the moment the smoke run reports the window shown and idle, median of
    `runs`, and the peak memory of that process. A copy, so nothing the GUI writes touches the cache.
    """
    startup = Measure("start-up to interactive main window", TARGET_STARTUP)
    memory = Measure("peak memory, GUI with the database", TARGET_MEMORY_MB, unit="MB")
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-gui-") as tmp:
        copy = Path(tmp) / "reference.sqlite"
        shutil.copy2(reference, copy)
        argv = [sys.executable, "-m", "boardapp", "--basedir", str(Path(tmp) / "home"), "--db", str(copy), "--smoke"]
        run_child(argv, gui_env())  # warm-up: bytecode caches, and the first integrity check of the copy
        for _ in range(runs):
            elapsed, code, peak, lines, spawned_at = run_child_with_output(argv, gui_env())
            if code != 0:
                startup.samples.clear()
                memory.samples.clear()
                startup.note = f"failed (exit {code}): {lines[-1][:200] if lines else ''}"
                break
            idle = [line for line in lines if "smoke: main window idle at" in line]
            # Spawn to the window shown and idle, as the app reports it; the whole run if it does not.
            startup.samples.append(float(idle[-1].rsplit(" ", 1)[1]) - spawned_at if idle else elapsed)
            if peak is not None:
                memory.samples.append(peak)
    if startup.samples:
        startup.note = "spawn to main window shown and idle (after one warm-up run)"
    return [startup, memory]


def hook_action_log(store: Store, repeat: int) -> Measure:
    """HOOK: the outstanding-actions view over all boards, filtered and sorted by due.

    Uses services.action_log (summary + first page of 200, all in SQL) when it is there; else,
    provisionally, services.actions.list_action_rows with the filter and sort done in Python.
    Replace it with exactly what the action-log view runs once that is settled.
    """
    measure = Measure("action log: all boards, outstanding, by due", TARGET_ACTION_LOG)
    today = dt.date.today()
    try:
        from boardapp.services import action_log

        query = action_log.ActionLogQuery(
            statuses=frozenset(s for s in ActionStatus if s.is_open), sort=action_log.SortColumn.DUE
        )

        def outstanding() -> int:
            with store.session() as session:
                summary = action_log.action_log_summary(session, query, today=today)
                action_log.action_log_page(session, query, offset=0, limit=200, today=today)
            return int(summary.total)

        how = "services.action_log: summary + first page of 200"
    except (ImportError, AttributeError, TypeError):
        try:
            from boardapp.services.actions import list_action_rows
        except ImportError as exc:
            measure.note = f"not measured: {exc}"
            return measure

        def outstanding() -> int:
            with store.session() as session:
                rows = list_action_rows(session, None, today=today)
            kept = [row for row in rows if row.status.is_open]
            kept.sort(key=lambda row: (row.due_sort is None, row.due_sort or dt.date.min, row.board_name, row.ref))
            return len(kept)

        how = "provisional: list_action_rows + Python filter/sort"
    try:
        shown = outstanding()
        measure.samples = timed(outstanding, max(3, repeat // 3))
        measure.note = f"{how}; {shown:,} outstanding"
    except Exception as exc:  # a hook must not stop the other measures
        measure.note = f"not measured: {type(exc).__name__}: {exc}"
    return measure


def hook_exports(store: Store, repeat: int) -> list[Measure]:
    """HOOK: export a 10-item minutes document to DOCX and PDF (boardapp.exporting.export_minutes)."""
    measures = [Measure(f"export 10-item minutes to {fmt.upper()}", TARGET_EXPORT) for fmt in ("docx", "pdf")]
    try:
        from boardapp.exporting import export_minutes
    except ImportError as exc:
        for measure in measures:
            measure.note = f"not measured: {exc}"
        return measures
    meeting_id = held_meetings(store, 1)[0]
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-export-") as tmp:
        for measure, fmt in zip(measures, ("docx", "pdf"), strict=True):
            target = Path(tmp) / f"minutes.{fmt}"

            def export(fmt: str = fmt, target: Path = target) -> None:
                with store.session() as session:
                    export_minutes(session, meeting_id, target, fmt, public=False)

            try:
                measure.samples = timed(export, max(3, repeat // 3))
                measure.note = "warm (fonts and imports loaded by a first export)"
            except Exception as exc:  # a hook must not stop the other measures
                measure.note = f"not measured: {type(exc).__name__}: {exc}"
    return measures


# -- report --------------------------------------------------------------------------------------


def table(measures: list[Measure], markdown: bool) -> str:
    header = ("measure", "median", "min", "target", "", "note")
    rows = [
        (
            m.name,
            m.shown(m.value),
            m.shown(m.best) if len(m.samples) > 1 else "",
            m.shown(m.target) if m.target is not None else "—",
            m.verdict,
            m.note,
        )
        for m in measures
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|--:|--:|--:|---|---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(5)]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), *(row[i].rjust(widths[i]) for i in (1, 2, 3)), row[4].ljust(widths[4])]
        lines.append("  ".join(cells) + ("  " + row[5] if row[5] else ""))
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def database_measures(path: Path | str, repeat: int) -> list[Measure]:
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-") as tmp:
        store, opened = measure_open(path, Path(tmp) / "backups")
        try:
            measures = [opened, measure_open_meeting(store, repeat), *measure_searches(store, repeat)]
            memory = Measure("peak memory, database open and searched", TARGET_MEMORY_MB, unit="MB")
            rss = peak_rss_mb()
            memory.samples = [rss] if rss is not None else []
            memory.note = "this process (no Qt), before the hooks below" if rss is not None else "no resource module"
            measures.append(memory)
            measures.append(hook_action_log(store, repeat))
            measures.extend(hook_exports(store, repeat))
        finally:
            store.close()
    return measures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="benchmark this reference file (default: a cached one, generated if needed)")
    parser.add_argument("--scale", type=float, default=1.0, help="scale of the generated reference (default 1)")
    parser.add_argument("--regenerate", action="store_true", help="generate the reference database again")
    parser.add_argument("--repeat", type=int, default=15, help="runs per database measure (default 15)")
    parser.add_argument("--skip-gui", action="store_true", help="leave out the child-process start-up measures")
    parser.add_argument("--startup-only", action="store_true", help="only the interpreter, Qt and start-up measures")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown (for the README)")
    args = parser.parse_args(argv)
    if args.db and is_server_url(args.db):  # PostgreSQL (issue 16): the same table, SQLite-only measures n/a
        return main_on_server(args)

    path = reference_path(args)
    if not args.db or args.regenerate:
        ensure_reference(path, args.scale, args.regenerate)
    elif not path.exists():
        parser.error(f"{path} does not exist")
    size = path.stat().st_size / 1e6
    load = f"; load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"Reference database: {path} ({size:.1f} MB); {os.cpu_count()} CPUs{load}; Python {sys.version.split()[0]}")

    measures: list[Measure] = [] if args.startup_only else database_measures(path, args.repeat)
    if not args.skip_gui:
        measures.append(hook_interpreter())
        measures.append(hook_qt_import())
        measures.extend(hook_gui_startup(path, args.repeat))

    print()
    print(table(measures, args.markdown))
    misses = [m.name for m in measures if m.verdict == "MISS"]
    print(f"\n{len(misses)} of {sum(m.verdict in ('OK', 'MISS') for m in measures)} measures miss their target" +
          (f": {', '.join(misses)}" if misses else "."))  # fmt: skip
    return 0


# -- on a PostgreSQL server (issue 16) ------------------------------------------------------------


def ensure_server_reference(url: str, scale: float, regenerate: bool) -> None:
    """Generate the reference into the server database when asked to, or when it holds no board yet."""
    from sqlalchemy import create_engine, make_url

    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            has_boards = connection.exec_driver_sql("SELECT to_regclass('board') IS NOT NULL").scalar_one()
            if has_boards:
                has_boards = connection.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM board)").scalar_one()
    finally:
        engine.dispose()
    if has_boards and not regenerate:
        return
    print(f"Reference database {shown_url(url)}: generating it (scale {scale:g})...", flush=True)
    argv = [sys.executable, str(GENERATOR), url, "--scale", f"{scale:g}", "--force"]
    if subprocess.run(argv, check=False, text=True).returncode != 0:
        raise SystemExit("the generator failed")


def main_on_server(args: argparse.Namespace) -> int:
    """The same table on a PostgreSQL database; the start-up measures need a file copy: n/a there."""
    url = str(args.db)
    ensure_server_reference(url, args.scale, args.regenerate)
    load = f"; load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    python = sys.version.split()[0]
    print(f"Reference database: {shown_url(url)} (PostgreSQL); {os.cpu_count()} CPUs{load}; Python {python}")
    measures: list[Measure] = [] if args.startup_only else database_measures(url, args.repeat)
    if not args.skip_gui:
        measures.append(hook_interpreter())
        measures.append(hook_qt_import())
        why = "n/a on PostgreSQL: measured on a copy of an SQLite file"
        measures.append(Measure("start-up to interactive main window", TARGET_STARTUP, note=why))
        measures.append(Measure("peak memory, GUI with the database", TARGET_MEMORY_MB, unit="MB", note=why))
    print()
    print(table(measures, args.markdown))
    misses = [m.name for m in measures if m.verdict == "MISS"]
    print(f"\n{len(misses)} of {sum(m.verdict in ('OK', 'MISS') for m in measures)} measures miss their target" +
          (f": {', '.join(misses)}" if misses else "."))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
