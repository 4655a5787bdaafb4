"""The reports pack: structure read back with pypdf, the variants, and papers that cannot go in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import Session, select

from boardapp.core.models import AgendaItem, Board, Meeting, Paper
from boardapp.exporting.pack import export as pack_module
from boardapp.exporting.pack.contents import NothingToPack, PackVariant
from boardapp.exporting.pack.export import PaperProblem, export_pack
from boardapp.services.publication import record_publication
from boardapp.store.database import Store

SECRET = "Zanzibar settlement figure"


def make_pdf(path: Path, words: str, pages: int) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(1, pages + 1):
        canvas.drawString(72, 700, f"{words} page {page}")
        canvas.showPage()
    canvas.save()
    return path


def build_meeting(session: Session, folder: Path) -> int:
    board = Board(name="Audit Committee", short_name="AC")
    session.add(board)
    session.flush()
    meeting = Meeting(board_id=board.id or 0, date=dt.date(2026, 3, 20), start_time=dt.time(14, 0), venue="Room 1")
    session.add(meeting)
    session.flush()
    items = [
        AgendaItem(meeting_id=meeting.id or 0, position=1, title="Apologies"),
        AgendaItem(meeting_id=meeting.id or 0, position=2, title="Internal audit report"),
        AgendaItem(meeting_id=meeting.id or 0, position=3, title="Treasury management"),
        AgendaItem(
            meeting_id=meeting.id or 0,
            position=4,
            title="Contract dispute",
            is_exempt=True,
            exempt_paragraph="3",
            show_title_when_exempt=False,
        ),
    ]
    for item in items:
        session.add(item)
    session.flush()
    papers = [
        Paper(agenda_item_id=items[1].id or 0, position=0, title="Audit report",
              location=str(make_pdf(folder / "audit.pdf", "Audit findings", 3))),
        Paper(agenda_item_id=items[1].id or 0, position=1, title="Audit appendix",
              location=str(make_pdf(folder / "appendix.pdf", "Appendix detail", 2))),
        Paper(agenda_item_id=items[2].id or 0, position=0, title="Treasury strategy",
              location=str(make_pdf(folder / "treasury.pdf", "Treasury strategy text", 4))),
        Paper(agenda_item_id=items[3].id or 0, position=0, title="Dispute briefing",
              location=str(make_pdf(folder / "dispute.pdf", SECRET, 2))),
    ]  # fmt: skip
    for paper in papers:
        session.add(paper)
    session.flush()
    return meeting.id or 0


@pytest.fixture
def meeting(store: Store, tmp_path: Path) -> int:
    folder = tmp_path / "papers"
    folder.mkdir()
    with store.transaction() as session:
        return build_meeting(session, folder)


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(entries: list) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(str(entry.title))

    walk(reader.outline)
    return titles


def page_texts(path: Path) -> list[str]:
    """Each page's text with runs of white space made one space (pypdf breaks lines between strings)."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(str(path)).pages]


def test_full_pack_structure(store: Store, meeting: int, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    with store.session() as session:
        result = export_pack(session, meeting, target, PackVariant.FULL)
    reader = PdfReader(str(target))
    texts = page_texts(target)
    agenda_pages = result.pages - 1 - (3 + 2 + 4 + 2)
    assert agenda_pages >= 1
    assert result.pages == len(reader.pages)
    assert reader.page_labels == [str(n) for n in range(1, result.pages + 1)]
    titles = outline_titles(reader)
    assert titles[:2] == ["Contents", "Agenda"]
    assert titles[2:] == [
        "2. Internal audit report", "Audit report", "Audit appendix",
        "3. Treasury management", "Treasury strategy",
        "4. Contract dispute", "Dispute briefing",
    ]  # fmt: skip
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {result.pages}" in text
    # "pages X–Y" on the contents point at the pages that hold the paper.
    contents = texts[0]
    first = 2 + agenda_pages
    assert f"Audit report pages {first}–{first + 2}" in contents
    assert f"2. Internal audit report pages {first}–{first + 4}" in contents
    assert "1. Apologies no papers" in contents
    assert "Audit findings page 1" in texts[first - 1] and "Audit findings page 3" in texts[first + 1]
    assert "Item 2: Internal audit report — Audit report" in texts[first - 1]
    treasury = first + 5
    assert f"Treasury strategy pages {treasury}–{treasury + 3}" in contents
    assert "Treasury strategy text page 1" in texts[treasury - 1]
    dispute = texts[treasury + 3]
    assert SECRET in dispute and "CONFIDENTIAL" in dispute
    assert result.paper_ids and len(result.paper_ids) == 4
    assert result.confidential and "CONFIDENTIAL · Contents" in contents
    # ... and on the agenda itself, against each item and paper.
    agenda = " ".join(texts[1 : 1 + agenda_pages])
    assert f"2. Internal audit report Pages {first}–{first + 4}" in agenda
    assert f"Audit report (pages {first}–{first + 2})" in agenda
    assert f"Treasury strategy (pages {treasury}–{treasury + 3})" in agenda


def test_public_pack_leaves_out_exempt_papers_with_a_notice(store: Store, meeting: int, tmp_path: Path) -> None:
    target = tmp_path / "public.pdf"
    with store.session() as session:
        result = export_pack(session, meeting, target, PackVariant.PUBLIC)
    text = "\n".join(page_texts(target))
    assert SECRET not in text
    assert "Dispute briefing" not in text and "Contract dispute" not in text
    assert "paragraph 3 of Part 1 of Schedule 12A" in text
    assert "financial or business affairs" in text  # the statutory description
    assert "4. Exempt item (Part II)" in outline_titles(PdfReader(str(target)))
    assert not result.confidential and "CONFIDENTIAL" not in text
    assert len(result.paper_ids) == 3


def test_part_ii_supplement_holds_only_exempt_papers(store: Store, meeting: int, tmp_path: Path) -> None:
    target = tmp_path / "part2.pdf"
    with store.session() as session:
        result = export_pack(session, meeting, target, PackVariant.PART_II)
    texts = page_texts(target)
    assert len(texts) == 1 + 2
    assert all("CONFIDENTIAL" in text for text in texts)
    assert SECRET in texts[1]
    joined = "\n".join(texts)
    assert "Audit findings" not in joined and "Treasury strategy text" not in joined
    assert "Part II supplement" in texts[0]
    assert len(result.paper_ids) == 1


def test_supplements_are_numbered_and_hold_only_new_papers(store: Store, meeting: int, tmp_path: Path) -> None:
    with store.transaction() as session:
        with pytest.raises(NothingToPack, match="publish the full pack first"):
            export_pack(session, meeting, tmp_path / "early.pdf", PackVariant.SUPPLEMENT)
        full = export_pack(session, meeting, tmp_path / "pack.pdf", PackVariant.FULL)
        record_publication(session, meeting, "pack", full.path, paper_ids=list(full.paper_ids))
        with pytest.raises(NothingToPack, match="No papers were added"):
            export_pack(session, meeting, tmp_path / "none.pdf", PackVariant.SUPPLEMENT)
        item = session.exec(select(AgendaItem).where(AgendaItem.position == 3)).one()
        late = make_pdf(tmp_path / "late.pdf", "Late treasury addendum", 1)
        session.add(Paper(agenda_item_id=item.id or 0, position=5, title="Addendum", location=str(late)))
        session.flush()
        first = export_pack(session, meeting, tmp_path / "s1.pdf", PackVariant.SUPPLEMENT)
        record_publication(session, meeting, "supplementary pack", first.path, paper_ids=list(first.paper_ids))
        session.add(Paper(agenda_item_id=item.id or 0, position=6, title="Second addendum", location=str(late)))
        session.flush()
        second = export_pack(session, meeting, tmp_path / "s2.pdf", PackVariant.SUPPLEMENT)
    assert (first.supplement_number, second.supplement_number) == (1, 2)
    texts = page_texts(tmp_path / "s1.pdf")
    assert len(texts) == 2
    assert "Supplement 1 to the reports pack" in texts[0]
    assert all("Supplement 1 · Page" in text for text in texts)
    assert "Late treasury addendum" in texts[1] and "Audit findings" not in "\n".join(texts)
    assert "Second addendum" in page_texts(tmp_path / "s2.pdf")[0]
    assert "Supplement 2 · Page 1 of 2" in page_texts(tmp_path / "s2.pdf")[0]


def _set_location(store: Store, title: str, location: Path) -> None:
    with store.transaction() as session:
        paper = session.exec(select(Paper).where(Paper.title == title)).one()
        paper.location = str(location)
        session.add(paper)


def _assert_refused(store: Store, meeting: int, tmp_path: Path, message: str) -> None:
    target = tmp_path / "out" / "pack.pdf"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(b"previous pack")
    with store.session() as session, pytest.raises(PaperProblem, match=message) as raised:
        export_pack(session, meeting, target, PackVariant.FULL)
    assert "Treasury strategy" in str(raised.value) and "item 3" in str(raised.value)
    assert target.read_bytes() == b"previous pack"
    assert sorted(p.name for p in target.parent.iterdir()) == ["pack.pdf"]  # no half-built file left


def test_a_missing_paper_is_named_and_nothing_is_written(store: Store, meeting: int, tmp_path: Path) -> None:
    _set_location(store, "Treasury strategy", tmp_path / "gone.pdf")
    _assert_refused(store, meeting, tmp_path, "is missing")


def test_an_encrypted_paper_is_refused(store: Store, meeting: int, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=str(make_pdf(tmp_path / "plain.pdf", "locked", 1)))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    _set_location(store, "Treasury strategy", locked)
    _assert_refused(store, meeting, tmp_path, "password-protected")


def test_a_file_that_is_not_a_pdf_is_refused(store: Store, meeting: int, tmp_path: Path) -> None:
    fake = tmp_path / "notes.pdf"
    fake.write_text("these are plain notes, not a PDF")
    _set_location(store, "Treasury strategy", fake)
    _assert_refused(store, meeting, tmp_path, "not a readable PDF")


def test_huge_papers_are_refused(
    store: Store, meeting: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pack_module, "MAX_PAPER_PAGES", 3)
    _assert_refused(store, meeting, tmp_path, re.escape("has 4 pages (the limit is 3)"))
    monkeypatch.setattr(pack_module, "MAX_PAPER_PAGES", 2000)
    monkeypatch.setattr(pack_module, "MAX_PAPER_BYTES", 1000)
    with store.session() as session, pytest.raises(PaperProblem, match="too large"):
        export_pack(session, meeting, tmp_path / "big.pdf", PackVariant.FULL)
    assert not (tmp_path / "big.pdf").exists()


def test_word_papers_without_a_converter_are_listed_as_not_included(
    store: Store, meeting: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docx import Document

    word = tmp_path / "report.docx"
    document = Document()
    document.add_paragraph("Word text")
    document.save(str(word))
    _set_location(store, "Treasury strategy", word)
    monkeypatch.setattr(pack_module, "_converter", lambda: None)
    with store.session() as session:
        result = export_pack(session, meeting, tmp_path / "pack.pdf", PackVariant.FULL)
    contents = page_texts(tmp_path / "pack.pdf")[0]
    assert "Treasury strategy (no converter for .docx files) not included" in contents
    assert "3. Treasury management no papers" in contents
    assert result.not_included == (
        "the paper “Treasury strategy” (item 3): not included (no converter for .docx files)",
    )


def test_the_demo_meeting_builds_a_pack_from_its_shipped_papers(demo_store: Store, tmp_path: Path) -> None:
    from boardapp.exporting.lookup import find_meeting

    with demo_store.session() as session:
        meeting_id = find_meeting(session, "Improvement Board", dt.date(2017, 8, 1))
        result = export_pack(session, meeting_id, tmp_path / "demo.pdf", PackVariant.PUBLIC)
    titles = outline_titles(PdfReader(str(tmp_path / "demo.pdf")))
    assert "3. Being a Good Corporate Parent" in titles
    assert result.pages >= 10 and len(result.paper_ids) == 4


def test_word_papers_are_converted_when_a_converter_is_installed(
    store: Store, meeting: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The LibreOffice command line, with a stand-in that writes the PDF LibreOffice would."""
    import shutil
    import subprocess

    word = tmp_path / "strategy.docx"
    word.write_bytes(b"stands for a Word file")
    _set_location(store, "Treasury strategy", word)
    converted = make_pdf(tmp_path / "converted.pdf", "Converted Word text", 2)
    commands: list[list[str]] = []

    def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        commands.append(command)
        out = Path(command[command.index("--outdir") + 1])
        shutil.copy(converted, out / (Path(command[-1]).stem + ".pdf"))
        return subprocess.CompletedProcess(command, 0, b"", b"")

    monkeypatch.setattr(pack_module, "_converter", lambda: "/opt/libreoffice/program/soffice")
    monkeypatch.setattr(pack_module.subprocess, "run", run)
    with store.session() as session:
        result = export_pack(session, meeting, tmp_path / "pack.pdf", PackVariant.FULL)
    [command] = commands
    assert command[0] == "/opt/libreoffice/program/soffice" and command[-1] == str(word)
    assert command[1].startswith("-env:UserInstallation=file:") and "--headless" in command
    assert command[command.index("--convert-to") + 1] == "pdf"
    texts = page_texts(tmp_path / "pack.pdf")
    assert result.not_included == ()
    assert any("Converted Word text page 2" in text and "Treasury strategy" in text for text in texts)
