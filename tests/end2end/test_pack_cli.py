"""`boardapp export pack` and `boardapp export calendar` run as a user would, on the demo."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from icalendar import Calendar
from pypdf import PdfReader

from tests.helpers.e2e import AppRunner, describe


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages).split())


def test_export_packs_and_record_them(demo_cli: AppRunner, tmp_path: Path) -> None:
    full = tmp_path / "pack.pdf"
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-09-12", "-o", str(full))
    assert result.returncode == 0, describe(result)
    assert "Wrote the reports pack (full, confidential), " in result.stdout and str(full) in result.stdout
    assert "Recorded as published" not in result.stdout  # a confidential pack is recorded only when asked
    assert "Not recorded as published (it is confidential); add --record to record it." in result.stdout
    assert "It holds Part II (exempt) papers, marked CONFIDENTIAL: do not publish it." in result.stdout
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-09-12", "--record", "-o", str(full))
    assert result.returncode == 0 and "Recorded as published" in result.stdout, describe(result)
    public = tmp_path / "public.pdf"
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-09-12", "--public", "-o", str(public))
    assert result.returncode == 0, describe(result)
    text = pdf_text(public)
    assert "Confidential report" not in text and "casework practice" not in text
    assert "paragraph 1 of Part 1 of Schedule 12A" in text
    secret = tmp_path / "part2.pdf"
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-09-12", "--part-ii", "--record", "-o",
                      str(secret))  # fmt: skip
    assert result.returncode == 0, describe(result)
    assert all("CONFIDENTIAL" in (p.extract_text() or "") for p in PdfReader(str(secret)).pages)
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-09-12", "--supplement", "-o",
                      str(tmp_path / "s.pdf"))  # fmt: skip
    assert result.returncode == 1
    assert "No papers were added to this meeting since its last published pack." in result.stderr
    assert not (tmp_path / "s.pdf").exists()
    with sqlite3.connect(demo_cli.db_path) as db:
        rows = db.execute("SELECT kind, file_name, sha256, size FROM publication ORDER BY id").fetchall()
    assert [row[:2] for row in rows] == [
        ("pack", "pack.pdf"), ("public pack", "public.pdf"), ("part ii supplement", "part2.pdf")
    ]  # fmt: skip
    assert rows[0][2] == hashlib.sha256(full.read_bytes()).hexdigest() and rows[0][3] == full.stat().st_size


def test_export_pack_refusals(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-08-01", "--part-ii", "-o",
                      str(tmp_path / "p.pdf"))  # fmt: skip
    assert result.returncode == 1 and "no exempt (Part II) papers" in result.stderr
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-08-01", "-o", str(tmp_path / "p.docx"))
    assert result.returncode == 1 and "the reports pack is a PDF" in result.stderr
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-08-02", "-o", str(tmp_path / "p.pdf"))
    assert result.returncode == 1 and "no meeting on 2017-08-02" in result.stderr
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-08-01", "-o", str(demo_cli.db_path))
    assert result.returncode == 1
    assert not list(tmp_path.glob("p.*"))


def test_export_calendar(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("meeting", "cancel", "--board", "IB", "--date", "2017-10-10", "--reason", "Chair unavailable")
    assert result.returncode == 0, describe(result)
    target = tmp_path / "board.ics"
    uids = []
    for _ in range(2):
        result = demo_cli("export", "calendar", "--board", "IB", "-o", str(target))
        assert result.returncode == 0, describe(result)
        assert "Wrote 4 meetings (1 cancelled) of Lancashire Children's Services Improvement Board" in result.stdout
        calendar = Calendar.from_ical(target.read_bytes())
        uids.append([str(event["UID"]) for event in calendar.walk("VEVENT")])
    assert uids[0] == uids[1] and len(set(uids[0])) == 4
    statuses = [str(event["STATUS"]) for event in calendar.walk("VEVENT")]
    assert statuses == ["CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED"]
    result = demo_cli("export", "calendar", "--board", "IB", "-o", str(tmp_path / "board.txt"))
    assert result.returncode == 1 and "ends .ics" in result.stderr


def test_publication_deadline_record_and_a_newer_holiday_list(demo_cli: AppRunner, tmp_path: Path) -> None:
    result = demo_cli("publication", "--board", "IB", "--date", "2017-08-01", "--today", "2017-07-20")
    assert result.returncode == 0, describe(result)
    assert "Publish the agenda by Monday 24 July 2017" in result.stdout
    assert "Nothing has been published" in result.stdout
    result = demo_cli("export", "pack", "--board", "IB", "--date", "2017-08-01", "--public", "-o",
                      str(tmp_path / "public.pdf"))  # fmt: skip
    assert result.returncode == 0, describe(result)
    result = demo_cli("publication", "--board", "IB", "--date", "2017-08-01", "--today", "2017-07-28")
    assert "– published" in result.stdout and "public pack: public.pdf" in result.stdout
    newer = tmp_path / "bank-holidays.json"
    newer.write_text('{"england-and-wales": {"events": [{"title": "Invented", "date": "2017-07-31"}]}}')
    result = demo_cli("holidays", "load", str(newer))
    assert result.returncode == 0, describe(result)
    assert "Loaded 1 bank holidays for 2017–2017" in result.stdout
    result = demo_cli("holidays", "show", "--year", "2017")
    assert result.stdout.splitlines() == ["2017-07-31  Monday 31 July 2017"]
    result = demo_cli("publication", "--board", "IB", "--date", "2017-08-01", "--today", "2017-07-20")
    assert "Publish the agenda by Friday 21 July 2017" in result.stdout
    newer.write_text("{}")
    result = demo_cli("holidays", "load", str(newer))
    assert result.returncode == 1 and "no 'events'" in result.stderr
    result = demo_cli("board", "edit", "IB", "--publication-days", "3")
    assert result.returncode == 0, describe(result)
    result = demo_cli("publication", "--board", "IB", "--date", "2017-08-01", "--today", "2017-07-20")
    assert "Publish the agenda by Tuesday 25 July 2017" in result.stdout
