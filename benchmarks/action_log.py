"""Speed of the action log on the 30,000-action reference database (docs/architecture.md section 7: ≤ 50 ms).

    .venv/bin/python benchmarks/action_log.py [--db FILE] [--repeat N] [--skip-gui]

Uses `--db FILE` if given, else a cached reference database made by generate_reference.py
(10 boards × 10 years, 29,750 actions, 37,030 owners, 65,858 updates) in
$TMPDIR/boardapp-benchmarks/, generated again when the schema has moved on. "Today" is the day
after the last held meeting, so the open actions of the last months are overdue as in real life.

Measures, each the median (and minimum) of N runs in a fresh session:
- query: what the log needs for its first screen: the summary (counts, groups) and the first
  page of 100 rows, for a set of filters, sorts and groupings;
- gui: building the table model and painting the first screen of an offscreen QTableView:
  `ActionTableModel.set_query` (summary) plus the page the view asks for when it paints.
Not a test: the exit status is 0 when every median meets the target, 1 when one does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from boardapp.core.models import Action, Meeting, Person  # noqa: E402
from boardapp.services.action_log import (  # noqa: E402
    ActionLogQuery,
    GroupBy,
    OwnerKey,
    SortColumn,
    action_log_page,
    action_log_summary,
)
from boardapp.services.actions import HELD_STATUSES, OPEN_STATUSES  # noqa: E402
from boardapp.store.database import Store, inspect_file, open_database  # noqa: E402
from boardapp.store.errors import StoreError  # noqa: E402
from boardapp.store.migrations import head_revision  # noqa: E402

TARGET_S = 0.050
PAGE = 100
CACHE = Path(tempfile.gettempdir()) / "boardapp-benchmarks" / "action-log-reference.sqlite"
_APP: Any = None


def reference(path: Path | None) -> Path:
    if path is not None:
        return path
    try:
        fresh = CACHE.exists() and inspect_file(CACHE).revision == head_revision()
    except StoreError:
        fresh = False
    if not fresh:
        print(f"generating the reference database into {CACHE} (about 30 s)…", flush=True)
        spec = importlib.util.spec_from_file_location(
            "generate_reference", ROOT / "benchmarks" / "generate_reference.py"
        )
        assert spec is not None and spec.loader is not None
        generator = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = generator
        spec.loader.exec_module(generator)
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        generator.generate(CACHE, scale=1.0, force=True)
    return CACHE


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    run()  # warm-up: statement compilation, SQLite's page cache
    samples = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), min(samples), result


def cases(store: Store) -> tuple[dt.date, list[tuple[str, ActionLogQuery]]]:
    with store.session() as session:
        last_held = session.exec(select(func.max(Meeting.date)).where(col(Meeting.status).in_(HELD_STATUSES))).one()
        total = session.exec(select(func.count()).select_from(Action)).one()
        board_id = session.exec(select(func.min(Action.board_id))).one()
        busiest = session.exec(select(Person.id).order_by(col(Person.id))).first()
    today = (last_held or dt.date.today()) + dt.timedelta(days=1)
    print(f"{total:,} actions; today = {today.isoformat()} (the day after the last held meeting)")
    open_ = frozenset(OPEN_STATUSES)
    return today, [
        ("outstanding, all boards, by due", ActionLogQuery(statuses=open_, sort=SortColumn.DUE)),
        ("outstanding, one board, log order", ActionLogQuery(board_id=board_id, statuses=open_)),
        ("outstanding, overdue only", ActionLogQuery(statuses=open_, overdue_only=True)),
        (
            "outstanding, one owner, by status",
            ActionLogQuery(statuses=open_, owner=OwnerKey(person_id=busiest), sort=SortColumn.STATUS),
        ),
        ("outstanding, grouped by owner", ActionLogQuery(statuses=open_, group_by=GroupBy.OWNER)),
        ("outstanding, words 'report board'", ActionLogQuery(statuses=open_, text="report board")),
        ("every action, log order", ActionLogQuery()),
        ("every action, by ref", ActionLogQuery(sort=SortColumn.REF)),
        ("every action, by text", ActionLogQuery(sort=SortColumn.TEXT)),
        ("every action, by owner", ActionLogQuery(sort=SortColumn.OWNERS)),
        ("every action, by last update (newest)", ActionLogQuery(sort=SortColumn.LAST_UPDATE, descending=True)),
        ("every action, by status", ActionLogQuery(sort=SortColumn.STATUS)),
        ("every action, words 'report'", ActionLogQuery(text="report")),
        ("every action, grouped by owner", ActionLogQuery(group_by=GroupBy.OWNER)),
        ("every action, grouped by due meeting", ActionLogQuery(group_by=GroupBy.DUE_MEETING)),
    ]


def first_screen(store: Store, query: ActionLogQuery, today: dt.date) -> int:
    with store.session() as session:
        summary = action_log_summary(session, query, today=today)
        group = summary.groups[0].key if summary.groups else None
        action_log_page(session, query, offset=0, limit=PAGE, group=group, today=today)
    return int(summary.total)


def gui_measures(store: Store, today: dt.date, queries: list[tuple[str, ActionLogQuery]], repeat: int) -> list[str]:
    """Two figures per query: building the model (the summary, then every role the view asks of the
    cells of the first screen: 20 rows × 8 columns, which reads the first page), and the whole first
    paint of an offscreen QTableView (Qt's text layout and drawing included)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from boardapp.gui.models.action_table_model import ActionTableModel, ReadSource

    global _APP  # the application must outlive every Qt object: kept until the process ends
    app = _APP = QApplication.instance() or QApplication([])
    role = Qt.ItemDataRole
    roles = (role.DisplayRole, role.ForegroundRole, role.FontRole, role.BackgroundRole, role.DecorationRole,
             role.TextAlignmentRole)  # fmt: skip

    def read(service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with store.session() as session:
            return service(session, *args, **kwargs)

    view = QTableView()
    model = ActionTableModel(ReadSource(read, lambda: today), view)  # owned by the view, as on the page
    view.setModel(model)
    view.resize(1200, 760)
    view.show()
    app.processEvents()
    lines = []
    for label, query in queries:

        def build(query: ActionLogQuery = query) -> int:
            model.set_query(query)
            for row in range(min(20, model.rowCount())):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    for role in roles:
                        model.data(index, role)
            return model.rowCount()

        def paint(query: ActionLogQuery = query) -> int:
            model.set_query(query)
            view.viewport().repaint()  # paints now: the view reads the rows it shows
            return model.rowCount()

        median, low, rows = timed(build, repeat)
        lines.append(_line(f"model: {label}", median, low, f"{rows:,} rows"))
        median, low, rows = timed(paint, repeat)
        lines.append(_line(f"model + first paint: {label}", median, low, "Qt drawing included"))
    view.close()
    return lines


def _line(label: str, median: float, low: float, note: str) -> str:
    verdict = "ok" if median <= TARGET_S else "OVER TARGET"
    return f"  {label:<58} {median * 1000:7.1f} ms  (min {low * 1000:6.1f})  {verdict:<11} {note}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a reference database (default: generated and cached)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--skip-gui", action="store_true", help="only the queries, no Qt")
    args = parser.parse_args()
    path = reference(args.db)
    with tempfile.TemporaryDirectory() as backups:
        store = open_database(path, Path(backups))
        try:
            today, queries = cases(store)
            print(f"median of {args.repeat} runs, target ≤ {TARGET_S * 1000:.0f} ms (summary + first page of {PAGE})")
            worst = 0.0
            for label, query in queries:
                median, low, total = timed(lambda query=query: first_screen(store, query, today), args.repeat)
                worst = max(worst, median)
                print(_line(f"query: {label}", median, low, f"{total:,} actions"), flush=True)
            if not args.skip_gui:
                for line in gui_measures(store, today, queries, args.repeat):
                    print(line, flush=True)
                    worst = max(worst, float(line.split(" ms")[0].split()[-1]) / 1000)
        finally:
            store.close()
    print(f"slowest median: {worst * 1000:.1f} ms ({'within' if worst <= TARGET_S else 'over'} the target)")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
