"""Issue 15 point 3: the action-log PDF is tagged like the minutes (structure tree, artifacts, /Lang).

The demo's action log is exported as PDF and read back with the helpers of test_tagged_pdf: the title
is the H1, each owner's section an H2, the contents and every owner's table a Table whose header
row is TH with column scope, the page furniture artifacts, and every MCID in the parent tree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pikepdf
import pytest
from sqlmodel import Session

from boardapp.exporting.action_log.export import ActionLogDocument, build_action_log, export_action_log
from boardapp.services.actions import list_action_rows
from tests.helpers.pdf_structure import marked_texts, read_tree, squash

TODAY = dt.date(2017, 9, 20)
HEADERS = ["Ref", "Action", "Raised at", "Due", "Status", "Last update"]


@pytest.fixture
def log(demo: Session) -> ActionLogDocument:
    return build_action_log(list_action_rows(demo, today=TODAY), board_name="IB", scope="All actions", today=TODAY)


@pytest.fixture
def log_pdf(log: ActionLogDocument, out_dir: Path) -> Path:
    result = export_action_log(log, out_dir / "log.pdf", "pdf")
    assert result.warnings == ()
    return result.path


def test_action_log_pdf_is_marked_with_language_and_title(log: ActionLogDocument, log_pdf: Path) -> None:
    with pikepdf.open(log_pdf) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == (log.info.language or "en-GB")
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
        assert all(page.obj.Tabs == pikepdf.Name.S for page in pdf.pages)


def test_owner_sections_are_headings_and_tables_have_column_headers(log: ActionLogDocument, log_pdf: Path) -> None:
    sections = log.sections()
    assert len(sections) > 1
    with pikepdf.open(log_pdf) as pdf:
        tree = read_tree(pdf, log_pdf)
    assert tree.role == "Document"
    assert [h.text for h in tree.all("H1")] == [squash(log.title)]
    assert [h.text for h in tree.all("H2")] == [squash(section.owner) for section in sections]
    tables = tree.all("Table")
    assert len(tables) == 1 + len(sections)  # the contents, then one per owner
    contents_header = tables[0].kids[0]
    assert [cell.text for cell in contents_header.kids] == ["Owner", "Actions", "Overdue"]
    for table, section in zip(tables[1:], sections, strict=True):
        header, *rows = table.kids
        assert [cell.role for cell in header.kids] == ["TH"] * len(HEADERS)
        assert [cell.text for cell in header.kids] == HEADERS
        assert {cell.attributes["Scope"] for cell in header.kids} == {"/Column"}
        assert len(rows) == len(section.entries)
        assert [row.kids[0].text for row in rows] == [squash(e.ref) for e in section.entries]
        assert all(cell.role == "TD" for row in rows for cell in row.kids)


def test_page_furniture_is_an_artifact_and_no_text_is_unmarked(log: ActionLogDocument, log_pdf: Path) -> None:
    texts = marked_texts(log_pdf)
    for drawn in texts:
        assert not drawn.get(-1, "").strip()  # no text outside marked content or artifacts
        assert "Page " in drawn[None] and "circulated to owners" in drawn[None]
    with pikepdf.open(log_pdf) as pdf:
        tree = read_tree(pdf, log_pdf)
    assert "circulated to owners, as at" not in tree.full_text()


def test_parent_tree_maps_every_mcid_of_every_page_once(log_pdf: Path) -> None:
    with pikepdf.open(log_pdf) as pdf:
        tree = read_tree(pdf, log_pdf)
        owners = {mcr: elem for elem in tree.walk() for mcr in elem.content}
        assert len(owners) == sum(len(elem.content) for elem in tree.walk())
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages):
            props = [i.operands[1] for i in pikepdf.parse_content_stream(page, "BDC")]
            mcids = [int(p.MCID) for p in props if isinstance(p, pikepdf.Dictionary) and "/MCID" in p]
            assert mcids == list(range(len(mcids))) and mcids
            elems = parent_tree[int(page.obj.StructParents)]
            assert len(elems) == len(mcids)
            for mcid, elem in enumerate(elems):
                assert owners[(number, mcid)].objgen == elem.objgen


def test_an_empty_log_is_still_tagged(out_dir: Path) -> None:
    empty = build_action_log([], board_name="", scope="", today=TODAY)
    path = export_action_log(empty, out_dir / "empty.pdf", "pdf").path
    with pikepdf.open(path) as pdf:
        tree = read_tree(pdf, path)
        assert pdf.Root.MarkInfo.Marked is True
    assert [h.text for h in tree.all("H1")] == [squash(empty.title)]
    assert not tree.all("Table")
