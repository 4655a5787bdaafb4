"""Where the desktop app's start-up goes (issue 13 point 5: spawn to an interactive window within 0.7 s).

    .venv/bin/python benchmarks/startup_profile.py [--db FILE] [--runs 15] [--tree DIR ...] [--importtime]
                                                   [--first-of-day]

Runs `python -m boardapp --basedir HOME --db COPY --smoke` on a copy of the reference database (the one
benchmarks/run.py caches, or --db) and prints, for each source tree, the median and best time from spawn
to "main window idle", and the median CPU time of the child (user + system), which a busy machine
disturbs far less than the wall time. Several --tree directories (e.g. a `git archive` of the previous
commit) are run interleaved, so they see the same load. With --importtime it also prints the modules
that take longest to import, and which heavy libraries (exporters) were loaded at all. With
--first-of-day every run is the first open of a day (the backups are removed before it), so the daily
backup is due: it must not lengthen start-up (it is taken once the window is shown).

Not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "boardapp-benchmarks" / "reference-scale1.sqlite"
HEAVY = ("reportlab", "openpyxl", "docx", "pikepdf", "pypdf", "lxml", "PIL", "cryptography", "psycopg")


@dataclass
class Tree:
    root: Path
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode cached
    if sys.platform.startswith("linux") and not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def smoke(tree: Path, home: Path, db: Path, extra: list[str] | None = None) -> tuple[float, float, list[str]]:
    """(spawn to idle in seconds, child CPU seconds, stderr lines) of one smoke run."""
    argv = [sys.executable, *(extra or []), "-m", "boardapp", "--basedir", str(home), "--db", str(db), "--smoke"]
    spawned = time.time()
    child = subprocess.Popen(argv, cwd=tree, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    err = child.stderr.read().decode(errors="replace").splitlines()
    cpu = float("nan")
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
    else:  # pragma: no cover - Windows
        child.wait()
    if child.returncode != 0:
        raise SystemExit(f"{tree}: the smoke run failed (exit {child.returncode}): {err[-1:] or ''}")
    idle = [line for line in err if "smoke: main window idle at" in line]
    wall = float(idle[-1].rsplit(" ", 1)[1]) - spawned if idle else float("nan")
    return wall, cpu, err


def import_report(tree: Path, home: Path, db: Path, top: int) -> None:
    _, _, err = smoke(tree, home, db, ["-X", "importtime"])
    rows = []
    for line in err:
        if line.startswith("import time:") and "|" in line:
            own, total, name = line[len("import time:") :].split("|")
            if own.strip().isdigit():
                rows.append((int(own), int(total), name.rstrip()))
    print(f"\n{tree}: {len(rows)} modules imported; the {top} slowest (own time, cumulative, module):")
    for own, total, name in sorted(rows, key=lambda row: -row[0])[:top]:
        print(f"  {own / 1000:7.1f} ms {total / 1000:7.1f} ms {name.strip()}")
    loaded = sorted({name.strip().split(".")[0] for _, _, name in rows} & set(HEAVY))
    print(f"  heavy libraries loaded: {', '.join(loaded) or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=CACHE, help=f"reference database (default {CACHE})")
    parser.add_argument("--runs", type=int, default=15, help="measured runs per tree (default 15)")
    parser.add_argument("--tree", type=Path, action="append", help="source tree to run (default: this checkout)")
    parser.add_argument("--importtime", action="store_true", help="also list the slowest imports")
    parser.add_argument("--top", type=int, default=25, help="how many imports to list (default 25)")
    parser.add_argument("--first-of-day", action="store_true", help="remove the backups before each run")
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db} does not exist: run benchmarks/run.py --skip-gui once to generate it")
    trees = [Tree(path.resolve()) for path in (args.tree or [ROOT])]
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"{args.db} ({args.db.stat().st_size / 1e6:.0f} MB), {args.runs} runs per tree, {os.cpu_count()} CPUs{load}")
    with tempfile.TemporaryDirectory(prefix="boardapp-startup-") as tmp:
        homes = []
        for index, tree in enumerate(trees):
            home, db = Path(tmp) / f"home{index}", Path(tmp) / f"copy{index}.sqlite"
            shutil.copy2(args.db, db)
            smoke(tree.root, home, db)  # warm-up: bytecode, the first full check of the copy, the daily backup
            homes.append((home, db))
        for _ in range(args.runs):
            for tree, (home, db) in zip(trees, homes, strict=True):
                if args.first_of_day:
                    for backup in (home / "backups").glob("*.sqlite"):
                        backup.unlink()
                wall, cpu, _ = smoke(tree.root, home, db)
                tree.walls.append(wall)
                tree.cpus.append(cpu)
        for tree in trees:
            print(
                f"{tree.root}: spawn to idle median {statistics.median(tree.walls):.3f} s "
                f"(best {min(tree.walls):.3f} s); child CPU median {statistics.median(tree.cpus):.3f} s"
            )
        if args.importtime:
            for tree, (home, db) in zip(trees, homes, strict=True):
                import_report(tree.root, home, db, args.top)
    end_load = f" (load average at the end {os.getloadavg()[0]:.1f})" if hasattr(os, "getloadavg") else ""
    print(f"done{end_load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
