"""Bounded imports (issue 11 point 6): time and peak memory of reading a large action log, and of refusing
hostile files.

    .venv/bin/python benchmarks/import_bounds.py [--write] [ROWS ...]      (default: 10000 100000)

For each size it writes an action log of that many rows (openpyxl write-only), then reads it with
`read_action_log` reporting progress, and prints seconds, rows per second and the peak resident memory
of a child process that does only the read (so one size's memory does not hide another's). Time per row
should stay flat as the size grows (linear), and the peak under ~500 MB at 100,000 rows. It also times the
refusal of the merged-range bomb and a 150 MB shared string.
"""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HEADER = ["Ref", "Date raised", "Action", "Owner", "Due", "Status", "Update"]


def write_log(path: Path, rows: int) -> Path:
    """An action log as Excel writes it: openpyxl's write-only mode, plus the <dimension> Excel always writes."""
    from openpyxl import Workbook

    plain = path.with_suffix(".plain.xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Action Log")
    sheet.append(HEADER)
    raised = dt.date(2017, 8, 1)
    for n in range(rows):
        sheet.append(
            [
                f"IB-{n:06d}",
                raised,
                f"Report on the improvement work stream number {n} to the Board",
                "Chris Coyle",
                dt.date(2017, 10, 31),
                "Open",
                "Draft circulated to the working group",
            ]
        )
    workbook.save(plain)
    dimension = f'<dimension ref="A1:G{rows + 1}"/>'.encode()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml" and b"<dimension" not in data:
                data = data.replace(b"<sheetData>", dimension + b"<sheetData>", 1)
            target.writestr(info.filename, data)
    plain.unlink()
    return path


def write_tall_merge_docx(path: Path, rows: int) -> Path:
    """A Word table whose first column is one vertical merge over every row (the issue's 24,000-row case)."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=rows, cols=3)
    for r, tr in enumerate(table._tbl.tr_lst):
        tcs = tr.tc_lst
        tcs[1].p_lst[0].add_r().text = "Action" if r == 0 else f"Action {r}"
        if r:
            tcs[0].vMerge = "restart" if r == 1 else "continue"
    document.save(str(path))
    return path


def docx_seconds(path: Path) -> float:
    from boardapp.importing.tables import read_tables

    started = time.perf_counter()
    read_tables(path)
    return time.perf_counter() - started


def read_in_child(path: Path, *, write: bool = False) -> None:
    """Runs in a child process: read with progress, print seconds and peak memory.

    With `write`, the whole import instead: preview onto an empty board in a scratch database, then write
    every action in one transaction (what `boardapp import actions` does).
    """
    from boardapp.importing.actions import read_action_log

    if write:
        write_in_child(path)
        return

    reports: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        reports.append((done, total))
        return True

    started = time.perf_counter()
    draft = read_action_log(path, progress=progress)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f} {peak_mb:.0f} {len(draft.actions)} {len(reports)}")


def write_in_child(path: Path) -> None:
    from boardapp.services.action_import import apply_action_import, preview_action_import
    from boardapp.services.boards import create_board
    from boardapp.store.database import open_database

    with tempfile.TemporaryDirectory(prefix="boardapp-bench-db-") as scratch:
        store = open_database(Path(scratch) / "bench.sqlite", Path(scratch) / "backups")
        with store.transaction() as session:
            board_id, _changes = create_board(session, "Improvement Board", short_name="IB")
        started = time.perf_counter()
        with store.session() as session:
            preview = preview_action_import(session, path, board=board_id, today=dt.date(2017, 11, 1))
        with store.transaction() as session:
            ids, _changes = apply_action_import(session, preview, progress=lambda done, total: True)
        seconds = time.perf_counter() - started
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.2f} {peak_mb:.0f} {len(ids)} 0")


def refusal_seconds(folder: Path) -> list[tuple[str, float, str]]:
    from boardapp.importing.problems import ImportFileError
    from boardapp.importing.tables import read_tables

    small = write_log(folder / "small.xlsx", 5)
    bomb = folder / "merged-bomb.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</worksheet>", b'<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells></worksheet>'
                )
            target.writestr(info.filename, data)
    huge = folder / "huge-string.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/sharedStrings.xml":
                target.writestr(info.filename, source.read(info))
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:  # one 150 MB string, streamed
            out.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            out.write(b"<si><t>")
            block = b"x" * (1024 * 1024)
            for _ in range(150):
                out.write(block)
            out.write(b"</t></si></sst>")
    results = []
    for name, path in (("merged range A3:XFD1048576", bomb), ("150 MB shared string", huge)):
        started = time.perf_counter()
        try:
            read_tables(path)
            message = "NOT REFUSED"
        except ImportFileError as exc:
            message = str(exc)
        results.append((name, time.perf_counter() - started, message))
    return results


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        read_in_child(Path(argv[1]), write=argv[2:] == ["--write"])
        return 0
    write = "--write" in argv
    sizes = [int(a) for a in argv if a != "--write"] or [10_000, 100_000]
    with tempfile.TemporaryDirectory(prefix="boardapp-bench-") as scratch:
        folder = Path(scratch)
        print("read_action_log (file to draft)" + (", then preview and write every action" if write else ""))
        print(f"{'rows':>8} {'seconds':>8} {'µs/row':>8} {'peak MB':>8} {'rows out':>8} {'reports':>8}")
        for rows in sizes:
            path = write_log(folder / f"log-{rows}.xlsx", rows)
            command = [sys.executable, __file__, "--child", str(path), *(["--write"] if write else [])]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
            seconds, peak, read, reports = float(out[0]), out[1], out[2], out[3]
            print(f"{rows:>8} {seconds:>8.2f} {seconds / rows * 1e6:>8.0f} {peak:>8} {read:>8} {reports:>8}")
        print(f"{'docx rows':>9} {'seconds':>8} {'µs/row':>8}   (one vertical merge over the whole table)")
        for rows in (6_000, 24_000):
            seconds = docx_seconds(write_tall_merge_docx(folder / f"tall-{rows}.docx", rows))
            print(f"{rows:>9} {seconds:>8.2f} {seconds / rows * 1e6:>8.0f}")
        for name, seconds, message in refusal_seconds(folder):
            print(f"refused {name} in {seconds:.3f} s: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
