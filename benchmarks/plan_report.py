"""Time of the whole plan progress report (docs/architecture.md section 7: ≤ 2 s), and of the evidence pack.

    .venv/bin/python benchmarks/plan_report.py [--db FILE] [--plan NAME] [--repeat N]

Without --db it builds a reference database at scale 0.05 with `generate_reference.py` (one
plan of 200 plan actions with leads, RAG ratings and their history, Ofsted recommendations,
KPIs with values, and board actions linked to it) in a temporary folder; with --db it uses that
file (the full reference database of `run.py`, say) and the plan with the most entries unless
--plan names one. Each export is the whole use case – read the plan, build the document,
render, write the file atomically – timed as the median of N runs after one warm-up (the first
run of a process also loads fonts and libraries: printed separately). Interpreter start is
excluded. Not a test: it never fails a build; the exit status is 1 only when a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from sqlalchemy import func  # noqa: E402
from sqlmodel import Session, col, select  # noqa: E402

from boardapp.core.enums import PlanItemKind  # noqa: E402
from boardapp.core.models import Plan, PlanItem, PlanItemRecommendation, PlanStatusChange  # noqa: E402
from boardapp.exporting.evidence_pack.export import export_evidence_pack  # noqa: E402
from boardapp.exporting.plan_report.export import build_plan_report, export_plan_report, find_plan  # noqa: E402
from boardapp.store.database import open_database  # noqa: E402

TARGET_S = 2.0
SCALE = 0.05  # one plan of 200 plan actions


def biggest_plan(session: Session) -> int:
    counts = session.exec(
        select(PlanItem.plan_id, func.count()).group_by(col(PlanItem.plan_id)).order_by(func.count().desc())
    ).first()
    if counts is None:
        raise SystemExit("plan_report: the database holds no plan")
    return counts[0]


def describe(session: Session, plan_id: int) -> str:
    plan = session.get(Plan, plan_id)
    entries = session.exec(select(func.count()).where(PlanItem.plan_id == plan_id)).one()
    actions = session.exec(
        select(func.count()).where(PlanItem.plan_id == plan_id, PlanItem.kind == PlanItemKind.ACTION)
    ).one()
    ids = select(PlanItem.id).where(PlanItem.plan_id == plan_id)
    ratings = session.exec(select(func.count()).where(col(PlanStatusChange.plan_item_id).in_(ids))).one()
    links = session.exec(select(func.count()).where(col(PlanItemRecommendation.plan_item_id).in_(ids))).one()
    name = plan.name if plan else plan_id
    return f"{name!r}: {entries} entries, {actions} actions, {ratings} ratings, {links} recommendation links"


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(first run, median, min) in seconds; the first run is the warm-up."""
    start = time.perf_counter()
    run()
    first = time.perf_counter() - start
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return first, statistics.median(samples), min(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a BoardApp database (default: a fresh reference at scale 0.05)")
    parser.add_argument("--plan", help="the plan to report on (default: the one with the most entries)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db
        if db is None:
            sys.path.insert(0, str(Path(__file__).parent))
            from generate_reference import generate

            db = folder / "reference.sqlite"
            report = generate(db, scale=SCALE)
            print(f"reference database at scale {SCALE:g} built in {report.seconds:.1f} s")
        store = open_database(db, folder / "backups")
        worst = 0.0
        try:
            with store.session() as session:
                plan_id = find_plan(session, args.plan) if args.plan else biggest_plan(session)
                print(f"plan {describe(session, plan_id)}")

                def plan(fmt: str) -> Callable[[], object]:
                    return lambda: export_plan_report(session, plan_id, folder / f"p.{fmt}", fmt)

                def pack(fmt: str) -> Callable[[], object]:
                    return lambda: export_evidence_pack(session, plan_id, folder / f"e.{fmt}", fmt)

                cases: list[tuple[str, Callable[[], object], bool]] = [
                    ("build the report (queries only)", lambda: build_plan_report(session, plan_id), False),
                    ("plan report → xlsx", plan("xlsx"), True),
                    ("plan report → pdf", plan("pdf"), True),
                    ("evidence pack → docx", pack("docx"), False),
                    ("evidence pack → pdf", pack("pdf"), False),
                ]
                print(f"median of {args.repeat} runs after one warm-up (target ≤ {TARGET_S:.1f} s for the plan report)")
                for label, run, has_target in cases:
                    first, median, fastest = timed(run, args.repeat)
                    verdict = ("ok" if median <= TARGET_S else "OVER TARGET") if has_target else "info"
                    if has_target:
                        worst = max(worst, median)
                    print(
                        f"  {label:<32} {median * 1000:8.1f} ms   (min {fastest * 1000:7.1f} ms, "
                        f"first {first * 1000:7.1f} ms)  {verdict}"
                    )
                for name in ("p.xlsx", "p.pdf", "e.docx", "e.pdf"):
                    print(f"  {name:<8} {(folder / name).stat().st_size / 1024:8.0f} KB")
        finally:
            store.close()
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
