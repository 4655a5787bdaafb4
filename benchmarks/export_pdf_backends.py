"""PDF backends compared on 10-item minutes: reportlab untagged (the layout alone), reportlab + tags
(the shipped render_pdf: marked content while drawing, then the structure tree written with pikepdf,
boardapp/exporting/backends/pdf_tags.py) and WeasyPrint (tagged PDF/UA-1 from the accessible HTML of
boardapp/exporting/backends/html_backend.py with its print CSS).

    .venv/bin/python benchmarks/export_pdf_backends.py [--repeat N]

The demo's 1 August 2017 minutes (8 items, ~8 pages) with two of its items repeated as items 9 and
10, rendered from the same document model by each backend after one warm-up run (imports, fonts);
prints the median and the fastest of N runs, the cold first run, and the page count and size of
each file. Rendering only: building the model and the exempt-text read-back are the same for both.
Target (docs/architecture.md section 7): ≤ 0.3 s per export. Not a test: it never fails a build.

WeasyPrint is not a BoardApp dependency (issue 15 point 3 stopped on this figure); to run its half:
`.venv/bin/pip install weasyprint` with Debian's libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
(and libharfbuzz-subset0, which makes its font subsetting about twice as fast).

Measured on the 2-core dev box, 6 Dec 2026 (WeasyPrint 70.0, Pango 1.50.12, load average ~2.5):
reportlab median 0.042 s (min 0.041); WeasyPrint median 0.610 s (min 0.416) with libharfbuzz-subset0,
median 0.947 s (min 0.844) without it (fontTools subsets the fonts then). Layout alone ~0.28-0.34 s.
Later the same day (load average ~4, pikepdf 10.18, 30 runs): reportlab untagged median 0.055 s (min
0.042), reportlab + tags median 0.059 s (min 0.055), WeasyPrint median 0.933 s (min 0.441). The pikepdf
step (structure tree, metadata, save with object streams) is ~0.02 s of it; the tagged file is smaller
(100 KB against 107 KB) because pikepdf compresses the objects reportlab leaves plain. So issue 15 point 3
is met with reportlab + pikepdf, not WeasyPrint.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from boardapp.exporting import build_minutes, find_meeting
from boardapp.exporting.backends.text import Warnings
from boardapp.exporting.meetings.documents import Document, MinutesDocument
from boardapp.home import AppHome
from boardapp.services.demo import load_demo
from boardapp.store.database import open_store

TARGET_S = 0.3
BOARD = "Lancashire Children's Services Improvement Board"


def ten_items(document: MinutesDocument) -> MinutesDocument:
    extra = [dataclasses.replace(item, number=str(9 + i)) for i, item in enumerate(document.items[3:5])]
    return dataclasses.replace(document, items=(*document.items, *extra))


def reportlab(document: Document, path: Path) -> None:
    """Today's layout without the structure tree (what render_pdf did before issue 15 point 3)."""
    from boardapp.exporting.backends import pdf_backend as rl

    text = rl._Text(Warnings())
    layout = rl._Layout(text, rl._styles())
    story = layout.minutes(document) if isinstance(document, MinutesDocument) else layout.agenda(document)
    rl._Doc(str(path), document, text).build(story, canvasmaker=rl._Canvas)


def reportlab_tagged(document: Document, path: Path) -> None:
    """The shipped backend: the same layout, marked content, then the structure tree written by pikepdf."""
    from boardapp.exporting.backends.pdf_backend import render_pdf

    render_pdf(document, path, Warnings())


def weasyprint(document: Document, path: Path) -> None:
    import logging

    import weasyprint as wp  # not a BoardApp dependency: see the docstring

    from boardapp.exporting.backends.html_backend import document_html

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it does not know (screen-only rules)
    html = document_html(document, Warnings(), print_css=True)
    wp.HTML(string=html).write_pdf(str(path), pdf_variant="pdf/ua-1", pdf_tags=True, custom_metadata=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    from pypdf import PdfReader

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(AppHome.from_options(basedir=Path(tmp) / "home"))
        with store.transaction() as session:
            load_demo(session)
        with store.session() as session:
            august = find_meeting(session, BOARD, dt.date(2017, 8, 1))
            document = ten_items(build_minutes(session, august, public=False))
        store.close()
        print(f"10-item minutes, {args.repeat} runs each (target ≤ {TARGET_S:.1f} s)")
        backends: list[tuple[str, Callable[[Document, Path], None]]] = [
            ("reportlab (untagged)", reportlab),
            ("reportlab + tags (pikepdf)", reportlab_tagged),
            ("WeasyPrint (tagged PDF/UA-1)", weasyprint),
        ]
        try:
            import weasyprint as _
        except (ImportError, OSError) as exc:  # OSError: Pango missing
            print(f"  WeasyPrint not measured: {exc}")
            backends = backends[:1]
        for label, render in backends:
            path = Path(tmp) / f"{render.__name__}.pdf"
            start = time.perf_counter()
            render(document, path)
            cold = time.perf_counter() - start
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                render(document, path)
                times.append(time.perf_counter() - start)
            pages = len(PdfReader(str(path)).pages)
            print(
                f"  {label:30} median {statistics.median(times):.3f} s  min {min(times):.3f} s  "
                f"cold {cold:.3f} s  {pages} pages  {path.stat().st_size / 1024:.0f} KB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
