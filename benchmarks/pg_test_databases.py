"""What one test's private PostgreSQL database costs (issue 16: the services and export suites on both engines).

    .venv/bin/python benchmarks/pg_test_databases.py [--repeat N]

Starts a private server as the tests do (tests/helpers/postgres.py), makes the "empty" and "demo"
templates once, then times N rounds of what tests/helpers/engines.py does per test on PostgreSQL: copy
a template (`CREATE DATABASE ... TEMPLATE`), open a store on it, close it, drop the copy. For comparison
it times the SQLite fixtures' work: a new file (created and migrated) and a copy of the demo file.
Prints the median (and minimum) of each, in milliseconds, and for PostgreSQL the server's own CPU time
per round (every server process, read from /proc on Linux): on a loaded machine the wall time mostly
measures waiting, the CPU time is what a CI runner will have to spend. Not a test: the exit status is 0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boardapp.home import AppHome
from boardapp.services.demo import load_demo
from boardapp.store.database import open_store
from tests.helpers.postgres import PgTemplates, PostgresServer, start_server


def _server_cpu_s(server: PostgresServer) -> float:
    """CPU seconds of the postmaster, its finished backends and its live processes (checkpointer, ...)."""

    def fields(pid: str) -> list[str]:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()

    postmaster = (server.data_dir / "postmaster.pid").read_text().split()[0]
    ticks = sum(int(fields(postmaster)[i]) for i in (11, 12, 13, 14))
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and fields(entry.name)[1] == postmaster:
                ticks += int(fields(entry.name)[11]) + int(fields(entry.name)[12])
        except OSError:
            continue  # ended meanwhile: counted by its parent
    return ticks / os.sysconf("SC_CLK_TCK")


def _timed(repeat: int, work: Callable[[int], None]) -> tuple[float, float]:
    seconds = []
    for round_ in range(repeat):
        started = time.perf_counter()
        work(round_)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds) * 1000, min(seconds) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    base = Path(tempfile.mkdtemp(prefix="boardapp-bench-pg-"))
    server = start_server()
    try:
        templates = PgTemplates(server, base / "templates")
        for name in ("empty", "demo"):
            started = time.perf_counter()
            templates.copy(name)  # the first copy also makes the template
            print(f"template {name}: made in {(time.perf_counter() - started) * 1000:.0f} ms (once per run)")

        def pg_round(template: str) -> Callable[[int], None]:
            def work(round_: int) -> None:
                url = templates.copy(template)
                open_store(AppHome.from_options(basedir=base / f"pg-{template}-{round_}", db=url)).close()
                templates.drop(url)

            return work

        demo_file = base / "demo-template"
        demo = open_store(AppHome.from_options(basedir=demo_file))
        with demo.transaction() as session:
            load_demo(session)
        demo.close()
        demo_db = AppHome.from_options(basedir=demo_file).db_path

        def sqlite_new(round_: int) -> None:
            open_store(AppHome.from_options(basedir=base / f"new-{round_}")).close()

        def sqlite_demo(round_: int) -> None:
            home = AppHome.from_options(basedir=base / f"demo-{round_}")
            home.ensure()
            shutil.copy2(demo_db, home.db_path)
            open_store(home).close()

        for label, work in (
            ("pg: copy the empty template, open, close, drop", pg_round("empty")),
            ("pg: copy the demo template, open, close, drop", pg_round("demo")),
            ("sqlite: create a new file, open, close", sqlite_new),
            ("sqlite: copy the demo file, open, close", sqlite_demo),
        ):
            cpu_before = _server_cpu_s(server)
            median, best = _timed(repeat, work)
            server_ms = (_server_cpu_s(server) - cpu_before) / repeat * 1000
            cpu = f", server CPU {server_ms:.0f} ms a round" if label.startswith("pg") else ""
            print(f"{label}: median {median:.0f} ms, min {best:.0f} ms{cpu} ({repeat} rounds)")
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
