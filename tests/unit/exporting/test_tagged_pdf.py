"""Issue 15 point 3: the minutes and agenda PDFs are tagged (structure tree, artifacts, PDF/UA metadata).

The demo's 1 August 2017 minutes are exported and read back with pikepdf (the structure tree) and
pypdf (the text inside each marked-content sequence), so each heading, list item and table cell is
checked against the text drawn for it. veraPDF (Java) is not available here: PDF/UA-1 is checked
only as far as these tests go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from sqlmodel import Session

from boardapp.exporting import build_agenda, build_minutes, export_agenda, export_minutes, find_meeting
from boardapp.store.database import Store
from tests.helpers.exporting_seed import BOARD_NAME
from tests.helpers.pdf_structure import marked_texts, read_tree, squash

AUGUST = dt.date(2017, 8, 1)


@pytest.fixture
def demo_august(demo_store: Store) -> Iterator[tuple[Session, int]]:
    with demo_store.session() as session:
        yield session, find_meeting(session, BOARD_NAME, AUGUST)


@pytest.fixture
def minutes_pdf(demo_august: tuple[Session, int], tmp_path: Path) -> Path:
    result = export_minutes(*demo_august, tmp_path / "minutes.pdf", "pdf", public=False)
    assert result.warnings == ()
    return result.path


def test_minutes_pdf_is_marked_with_language_title_and_pdfua_claim(minutes_pdf: Path) -> None:
    with pikepdf.open(minutes_pdf) as pdf:
        assert pdf.pdf_version == "1.7"  # PDF/UA-1 is ISO 32000-1
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        title = str(pdf.docinfo.Title)
        assert title.startswith(BOARD_NAME)
        meta = pdf.open_metadata()
        assert meta["dc:title"] == title
        assert meta["pdfuaid:part"] == "1"
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)
        with pdf.open_outline() as outline:  # reportlab's bookmarks survive the rewrite
            assert [entry.title for entry in outline.root][:2] == [
                "1. Welcome and Introductions",
                "2. Minutes and actions from the last meeting",
            ]


def test_headings_lists_and_attendance_table_match_the_minutes(
    demo_august: tuple[Session, int], minutes_pdf: Path
) -> None:
    document = build_minutes(*demo_august, public=False)
    with pikepdf.open(minutes_pdf) as pdf:
        tree = read_tree(pdf, minutes_pdf)
    assert tree.role == "Document"
    assert [h.text for h in tree.all("H1")] == [squash(document.board_name)]
    assert [h.text for h in tree.all("H2")] == [squash(item.heading) for item in document.items]
    assert len(tree.all("H2")) == 8
    assert tree.all("H3")  # "Resolved:" and "Actions:" head their lists

    # Every action is a list item (LI > LBody), in order, and lists hold nothing but list items.
    action_items = [squash(f"• {a.text}") for item in document.items for a in item.actions]
    bodies = [body.text for body in tree.all("LBody")]
    assert all(any(body.startswith(line[:40]) for body in bodies) for line in action_items)
    for lst in tree.all("L"):
        assert lst.kids and all(kid.role == "LI" for kid in lst.kids)
        assert all([k.role for k in li.kids] == ["LBody"] for li in lst.kids)
    nested = [lst for body in tree.all("LBody") for lst in body.kids if lst.role == "L"]
    assert nested  # the sub-bullets of item 7 are a list inside their bullet's body

    tables = tree.all("Table")
    assert [t.kids[0].role for t in tables] == ["Caption", "Caption"]
    assert [t.kids[0].text for t in tables] == ["Present:", "Apologies:"]
    present = tables[0].kids[1:]
    assert [[cell.role for cell in row.kids] for row in present] == [["TH", "TD"]] * len(document.present)
    assert [row.kids[0].text for row in present] == [squash(p.name) for p in document.present]
    assert [row.kids[1].text for row in present] == [squash(p.organisation) for p in document.present]
    assert {row.kids[0].attributes["Scope"] for row in present} == {"/Row"}


def test_draft_watermark_and_page_furniture_are_artifacts(minutes_pdf: Path) -> None:
    with pikepdf.open(minutes_pdf) as pdf:
        tree = read_tree(pdf, minutes_pdf)
        watermarks = 0
        for page in pdf.pages:
            for instruction in pikepdf.parse_content_stream(page, "BDC"):
                tag, props = instruction.operands
                if tag == pikepdf.Name.Artifact and props.get("/Subtype") == "/Watermark":
                    watermarks += 1
        assert watermarks == len(pdf.pages)
    texts = marked_texts(minutes_pdf)
    for drawn in texts:
        assert not drawn.get(-1, "").strip()  # no text outside marked content or artifacts
        # The header's "DRAFT – subject to approval" is text; the big watermark is drawn as shapes.
        assert drawn[None].count("DRAFT") == 1
    assert "DRAFT" not in tree.full_text()  # a screen reader reading the tags never meets it


def test_parent_tree_maps_every_mcid_of_every_page_once(minutes_pdf: Path) -> None:
    with pikepdf.open(minutes_pdf) as pdf:
        tree = read_tree(pdf, minutes_pdf)
        owners = {mcr: elem for elem in tree.walk() for mcr in elem.content}
        assert len(owners) == sum(len(elem.content) for elem in tree.walk())  # each MCID in one element
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert int(pdf.Root.StructTreeRoot.ParentTreeNextKey) == len(pdf.pages)
        for number, page in enumerate(pdf.pages):
            props = [i.operands[1] for i in pikepdf.parse_content_stream(page, "BDC")]
            mcids = [int(p.MCID) for p in props if isinstance(p, pikepdf.Dictionary) and "/MCID" in p]
            assert mcids == list(range(len(mcids))) and mcids
            elems = parent_tree[int(page.obj.StructParents)]
            assert len(elems) == len(mcids)
            for mcid, elem in enumerate(elems):  # the parent tree names the element that holds the MCID
                assert owners[(number, mcid)].objgen == elem.objgen


def test_agenda_actions_table_has_column_headers(demo_store: Store, tmp_path: Path) -> None:
    with demo_store.session() as session:
        meeting_id = find_meeting(session, BOARD_NAME, dt.date(2017, 9, 12))  # August's actions fall due
        document = build_agenda(session, meeting_id, public=False)
        path = export_agenda(session, meeting_id, tmp_path / "agenda.pdf", "pdf", public=False).path
    with pikepdf.open(path) as pdf:
        tree = read_tree(pdf, path)
    assert [h.text for h in tree.all("H2")] == [squash(entry.heading) for entry in document.items]
    actions = [t for t in tree.all("Table") if t.kids[0].role == "TR" and t.kids[0].kids[0].role == "TH"]
    assert actions
    header = actions[0].kids[0]
    assert [cell.text for cell in header.kids] == ["Action", "Owner(s)", "Raised", "Due", "Status"]
    assert {cell.attributes["Scope"] for cell in header.kids} == {"/Column"}
    due = next(e for e in document.items if e.actions_due).actions_due
    assert [squash(row.kids[0].text) for row in actions[0].kids[1:]] == [squash(a.text) for a in due]


def test_split_paragraph_and_table_keep_one_element_and_repeated_header_is_an_artifact(tmp_path: Path) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    from boardapp.exporting.backends import pdf_tags

    long = Paragraph(" ".join(f"word{i}" for i in range(1500)), ParagraphStyle("Body"))
    cell = ParagraphStyle("Cell")
    table = Table([[Paragraph("Heading", cell)], *([Paragraph(f"row {i}", cell)] for i in range(90))], repeatRows=1)
    story = [long, table]
    tags = pdf_tags.Tags()
    pdf_tags.tag_story(story, tags)
    path = tmp_path / "split.pdf"
    pdf_tags.build_tagged(lambda buffer: SimpleDocTemplate(buffer).build(story), tags, "Split", "en-GB", path)

    with pikepdf.open(path) as pdf:
        pages = len(pdf.pages)
        tree = read_tree(pdf, path)
    assert pages >= 3
    [paragraph] = tree.all("P")
    assert len({page for page, _ in paragraph.content}) >= 2  # one P, its lines on two pages
    assert paragraph.text.startswith("word0 ") and paragraph.text.endswith(" word1499")
    [head] = tree.all("TH")
    assert head.text == "Heading" and len(head.content) == 1
    assert [td.text for td in tree.all("TD")] == [f"row {i}" for i in range(90)]
    table_pages = {page for td in tree.all("TD") for page, _ in td.content}
    assert len(table_pages) >= 2
    texts = marked_texts(path)
    assert all("Heading" in texts[page].get(None, "") for page in sorted(table_pages)[1:])  # repeats: artifacts
