"""Issue 15: the reports pack is tagged PDF. The contents, the agenda and the Part II notices keep
their structure trees through the merge (one Document, a Sect per part); the papers' pages go in
untagged; every page's footer stamp is a pagination artifact.

Read back with pikepdf (the tree, the parent tree, the content streams) and pypdf (the text drawn
inside each marked-content sequence), as tests/unit/exporting/test_tagged_pdf.py reads the agenda.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from sqlmodel import Session

from boardapp.core.schedule12a import public_statement
from boardapp.exporting.lookup import find_meeting
from boardapp.exporting.meetings.builders import build_agenda
from boardapp.exporting.pack.contents import PackVariant
from boardapp.exporting.pack.export import PackResult, export_pack
from boardapp.store.database import Store
from tests.helpers.pdf_structure import marked_texts, read_tree, squash

BOARD = "Improvement Board"
AUGUST = dt.date(2017, 8, 1)


@pytest.fixture
def demo(demo_store: Store) -> Iterator[tuple[Session, int]]:
    with demo_store.session() as session:
        yield session, find_meeting(session, BOARD, AUGUST)


def build(demo: tuple[Session, int], target: Path, variant: PackVariant) -> PackResult:
    return export_pack(*demo, target, variant)


def test_the_pack_is_marked_with_language_and_title(demo: tuple[Session, int], tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    result = build(demo, target, PackVariant.FULL)
    with pikepdf.open(target) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        title = str(pdf.docinfo.Title)
        assert title.startswith("Reports pack: Lancashire Children")
        assert pdf.open_metadata()["dc:title"] == title
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)
        assert len(pdf.pages) == result.pages
        with pdf.open_outline() as outline:  # bookmarks and page labels as before
            assert [entry.title for entry in outline.root][:3] == [
                "Contents",
                "Agenda",
                "3. Being a Good Corporate Parent",
            ]
    assert PdfReader(str(target)).page_labels == [str(n) for n in range(1, result.pages + 1)]


def test_the_tree_holds_the_contents_table_and_the_agendas_headings(demo: tuple[Session, int], tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    build(demo, target, PackVariant.FULL)
    agenda = build_agenda(*demo, public=False)
    with pikepdf.open(target) as pdf:
        tree = read_tree(pdf, target)
    assert tree.role == "Document"
    assert [kid.role for kid in tree.kids] == ["Sect", "Sect"]  # the contents, then the agenda
    contents, agenda_part = tree.kids

    assert [h.text for h in contents.all("H1")] == ["Reports pack"]
    assert [h.text for h in contents.all("H2")] == ["Contents"]
    (table,) = contents.all("Table")
    rows = table.kids
    assert rows and all([cell.role for cell in row.kids] == ["TH", "TD"] for row in rows)
    assert {row.kids[0].attributes["Scope"] for row in rows} == {"/Row"}
    assert [row.kids[0].text for row in rows[:3]] == [
        "Agenda",
        "1. Welcome and Introductions",
        "2. Minutes and actions from the last meeting",
    ]
    assert [row.kids[1].text for row in rows[:2]] == ["pages 2–3", "no papers"]

    assert [h.text for h in agenda_part.all("H1")] == [squash(agenda.board_name)]
    assert [h.text for h in agenda_part.all("H2")] == [squash(item.heading) for item in agenda.items]
    assert agenda_part.all("LBody")  # the papers lists
    assert agenda_part.all("TH")  # the membership table


def test_parent_tree_maps_every_mcid_of_the_tagged_pages(demo: tuple[Session, int], tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    build(demo, target, PackVariant.FULL)
    texts = marked_texts(target)
    with pikepdf.open(target) as pdf:
        tree = read_tree(pdf, target)
        owners = {mcr: elem for elem in tree.walk() for mcr in elem.content}
        root = pdf.Root.StructTreeRoot
        nums = root.ParentTree.Nums
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        tagged = [number for number, page in enumerate(pdf.pages) if "/StructParents" in page.obj]
        assert tagged == [0, 1, 2]  # the contents and the two agenda pages; the papers are not tagged
        assert int(root.ParentTreeNextKey) == len(parent_tree) == 3
        for number in tagged:
            page = pdf.pages[number]
            props = [i.operands[1] for i in pikepdf.parse_content_stream(page, "BDC")]
            mcids = [int(p.MCID) for p in props if isinstance(p, pikepdf.Dictionary) and "/MCID" in p]
            assert mcids == list(range(len(mcids))) and mcids
            elems = parent_tree[int(page.obj.StructParents)]
            assert len(elems) == len(mcids)
            for mcid, elem in enumerate(elems):
                assert owners[(number, mcid)].role == str(elem.S)[1:]
            assert not texts[number].get(-1, "").strip()  # every word of the cover is tagged or an artifact


def test_every_page_stamp_is_a_pagination_artifact(demo: tuple[Session, int], tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    result = build(demo, target, PackVariant.FULL)
    texts = marked_texts(target)
    with pikepdf.open(target) as pdf:
        tree = read_tree(pdf, target)
        for number, page in enumerate(pdf.pages):
            stack: list[tuple[pikepdf.Object, pikepdf.Object | None]] = []
            stamps = 0
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC":
                    stack.append((operands[0], operands[1]))
                elif str(operator) == "BMC":
                    stack.append((operands[0], None))
                elif str(operator) == "EMC":
                    stack.pop()
                elif str(operator) == "Do" and str(operands[0]).startswith("/Stamp"):
                    ((tag, props),) = stack  # the stamp is inside one artifact, outside any tagged content
                    assert tag == pikepdf.Name.Artifact
                    assert (props.Type, props.Subtype) == (pikepdf.Name.Pagination, pikepdf.Name.Footer)
                    stamps += 1
            assert stamps == 1
            assert f"Page {number + 1} of {result.pages}" in squash(texts[number].get(None, ""))
    words = " ".join(elem.text for elem in tree.walk())
    assert "Page 1 of" not in words and "Item 3:" not in words  # a screen reader never reads a stamp


def test_a_public_packs_notice_is_tagged_too(demo_store: Store, tmp_path: Path) -> None:
    from sqlmodel import select

    from boardapp.core.models import AgendaItem

    with demo_store.transaction() as session:
        meeting_id = find_meeting(session, BOARD, AUGUST)
        item = session.exec(
            select(AgendaItem).where(
                AgendaItem.meeting_id == meeting_id, AgendaItem.title == "12 Week Improvement Plan"
            )
        ).one()
        item.is_exempt, item.exempt_paragraph, item.show_title_when_exempt = True, "3", False
        session.add(item)
    target = tmp_path / "public.pdf"
    with demo_store.session() as session:
        export_pack(session, meeting_id, target, PackVariant.PUBLIC)
    with pikepdf.open(target) as pdf:
        tree = read_tree(pdf, target)
    assert [kid.role for kid in tree.kids] == ["Sect", "Sect", "Sect"]
    notice = tree.kids[2]
    assert [h.text for h in notice.all("H1")] == ["Item 7: Exempt item (Part II)"]
    assert [h.text for h in notice.all("H2")] == ["Not for publication"]
    assert [p.text for p in notice.all("P")] == [squash(public_statement("3"))]


def test_rotated_and_tagged_papers_go_in_upright_and_untagged(store: Store, tmp_path: Path) -> None:
    """A landscape scan saved as a rotated page gets its stamp at the foot of the page as shown; a
    paper tagged by its author keeps its pages but not its parent-tree keys (its tree is not merged)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from boardapp.core.models import AgendaItem, Board, Meeting, Paper

    rotated, tagged = tmp_path / "rotated.pdf", tmp_path / "tagged.pdf"
    for path in (rotated, tagged):
        canvas = Canvas(str(path), pagesize=A4)
        canvas.drawString(72, 700, f"{path.stem} paper text")
        canvas.showPage()
        canvas.save()
    with pikepdf.open(rotated, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.Rotate = 90
        pdf.save(rotated)
    with pikepdf.open(tagged, allow_overwriting_input=True) as pdf:
        pdf.pages[0].obj.StructParents = 0
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.save(tagged)
    with store.transaction() as session:
        board = Board(name="Audit Committee")
        session.add(board)
        session.flush()
        meeting = Meeting(board_id=board.id or 0, date=dt.date(2026, 3, 20), start_time=dt.time(14, 0))
        session.add(meeting)
        session.flush()
        item = AgendaItem(meeting_id=meeting.id or 0, position=1, title="Accounts")
        session.add(item)
        session.flush()
        for position, path in enumerate((rotated, tagged)):
            session.add(Paper(agenda_item_id=item.id or 0, position=position, title=path.stem, location=str(path)))
        meeting_id = meeting.id or 0
    target = tmp_path / "pack.pdf"
    with store.session() as session:
        result = export_pack(session, meeting_id, target, PackVariant.FULL)
    texts = marked_texts(target)
    with pikepdf.open(target) as pdf:
        scan, authored = pdf.pages[-2], pdf.pages[-1]
        assert "/Rotate" not in scan.obj or int(scan.obj.Rotate) == 0
        width, height = float(scan.mediabox[2]), float(scan.mediabox[3])
        assert width > height  # shown as landscape, as it was
        assert "/StructParents" not in authored.obj and "/StructParents" not in scan.obj
        assert pdf.Root.MarkInfo.Marked is True
        read_tree(pdf, target)  # the tree still reads: every element and page reference resolves
    assert f"Page {result.pages - 1} of {result.pages}" in texts[-2].get(None, "")
    assert "rotated paper text" in texts[-2].get(-1, "")  # a paper's own text stays untagged
