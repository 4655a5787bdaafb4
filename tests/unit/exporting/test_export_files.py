"""Writing files: atomically (a failed export leaves no file and no temporary), clear errors for
paths that cannot be written, and a save-dialog file name."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from sqlmodel import Session

from boardapp.exporting import OutputNotWritable, export_agenda, export_minutes, suggested_filename
from boardapp.exporting.backends.output import write_atomically
from boardapp.exporting.meetings import export as render_module
from boardapp.exporting.meetings.export import ExportFormat
from tests.helpers.exporting_seed import BOARD_NAME, SeedIds

AUGUST = "2017-08-01"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_failed_rendering_leaves_no_file(
    session: Session, seed_ids: SeedIds, out_dir: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    real = render_module.RENDERERS[ExportFormat(fmt)]

    def half_then_crash(document, path, warnings):
        real(document, path, warnings)
        path.write_bytes(path.read_bytes()[:100])
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(render_module.RENDERERS, ExportFormat(fmt), half_then_crash)
    target = out_dir / f"minutes.{fmt}"
    with pytest.raises(RuntimeError, match="disk on fire"):
        export_minutes(session, seed_ids.meetings[AUGUST], target, fmt, public=False)
    assert list(out_dir.iterdir()) == []


def test_failed_rendering_keeps_the_previous_file(
    session: Session, seed_ids: SeedIds, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out_dir / "minutes.pdf"
    export_minutes(session, seed_ids.meetings[AUGUST], target, "pdf", public=False)
    before = target.read_bytes()

    def crash(document, path, warnings):
        path.write_bytes(b"%PDF-1.4 half")
        raise ValueError("boom")

    monkeypatch.setitem(render_module.RENDERERS, ExportFormat.PDF, crash)
    with pytest.raises(ValueError, match="boom"):
        export_minutes(session, seed_ids.meetings[AUGUST], target, "pdf", public=False)
    assert target.read_bytes() == before
    assert [p.name for p in out_dir.iterdir()] == ["minutes.pdf"]


def test_file_gets_normal_permissions(out_dir: Path) -> None:
    target = out_dir / "x.docx"
    write_atomically(target, lambda path: path.write_bytes(b"data"))
    mask = os.umask(0)
    os.umask(mask)
    assert target.read_bytes() == b"data"
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_unwritable_paths_are_refused_clearly(session: Session, seed_ids: SeedIds, out_dir: Path) -> None:
    meeting_id = seed_ids.meetings[AUGUST]
    with pytest.raises(OutputNotWritable, match="does not exist"):
        export_minutes(session, meeting_id, out_dir / "missing" / "m.pdf", "pdf", public=False)
    with pytest.raises(OutputNotWritable, match="is a folder"):
        export_agenda(session, meeting_id, out_dir, "docx", public=False)
    blocker = out_dir / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputNotWritable):
        export_minutes(session, meeting_id, blocker / "m.pdf", "pdf", public=False)


def test_unknown_format_is_refused(session: Session, seed_ids: SeedIds, out_dir: Path) -> None:
    with pytest.raises(ValueError, match="odt"):
        export_minutes(session, seed_ids.meetings[AUGUST], out_dir / "m.odt", "odt", public=False)


def test_suggested_filename(session: Session, seed_ids: SeedIds) -> None:
    meeting_id = seed_ids.meetings[AUGUST]
    assert suggested_filename(session, meeting_id, "minutes", "pdf", public=True) == (
        f"2017-08-01 {BOARD_NAME} minutes (public).pdf"
    )
    assert suggested_filename(session, meeting_id, "agenda", "docx", public=False).endswith("agenda.docx")
    assert dt.date(2017, 8, 1).isoformat() in suggested_filename(session, meeting_id, "agenda", "docx", public=False)
