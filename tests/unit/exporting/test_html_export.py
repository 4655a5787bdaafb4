"""Issue 15 point 4: the minutes and agenda as one self-contained, semantic HTML page.

The structure is checked with the standard library's html.parser: language, title, headings in
order (h1 board, h2 per item), bullets as <ul>/<li>, tables with <th scope="col">, no script and
nothing loaded from elsewhere; the public version holds nothing of the exempt item.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from test_minutes_export import ACTIONS, PRESENT, TITLES

from boardapp.core.models import Meeting
from boardapp.exporting import ExemptTextLeak, export_agenda, export_minutes, find_meeting
from boardapp.exporting.backends.html_backend import read_html_text
from boardapp.store.database import Store
from tests.helpers.exporting_seed import BOARD_NAME

AUGUST = dt.date(2017, 8, 1)
SEPTEMBER = dt.date(2017, 9, 12)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    parents: tuple[str, ...] = ()


@dataclass
class Page(HTMLParser):
    """Every element with its text and its ancestors' tags; the doctype; any parse complaint."""

    elements: list[Element] = field(default_factory=list)
    doctype: str = ""
    open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, parents=tuple(e.tag for e in self.open))
        self.elements.append(element)
        if tag not in ("meta", "br", "link", "img", "hr", "input"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag if self.open else ''}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    def texts(self, tag: str) -> list[str]:
        return [" ".join(e.text.split()) for e in self.all(tag)]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    assert page.open == [], "every element is closed"
    return page


def assert_self_contained_and_accessible(page: Page) -> None:
    assert page.doctype.lower() == "doctype html"
    html = page.all("html")
    assert len(html) == 1 and html[0].attrs["lang"] == "en-GB"
    assert page.texts("title") and page.texts("title")[0]
    assert page.all("script") == [] and page.all("link") == [] and page.all("iframe") == []
    assert not [e for e in page.elements if e.attrs.get("src") or e.attrs.get("href")]
    assert not [e for e in page.elements if any(a.startswith("on") for a in e.attrs)]  # no event handlers
    assert "url(" not in " ".join(page.texts("style"))  # nothing fetched from CSS either
    assert len(page.all("h1")) == 1 and len(page.all("main")) == 1
    for table in page.all("table"):
        heads = [e for e in page.elements if e.tag == "th" and "table" in e.parents]
        assert heads and all(h.attrs.get("scope") == "col" for h in heads)
        assert table.attrs.get("class")


@pytest.fixture
def august(store: Store, seed_ids: object) -> Iterator[tuple[Session, int]]:
    with store.session() as session:
        yield session, find_meeting(session, BOARD_NAME, AUGUST)


def test_minutes_page_structure(august: tuple[Session, int], tmp_path: Path) -> None:
    result = export_minutes(*august, tmp_path / "m.html", "html", public=False)
    assert result.warnings == ()
    page = parse(result.path)
    assert_self_contained_and_accessible(page)
    assert page.texts("title") == [f"{BOARD_NAME}: minutes of 1 August 2017"]
    assert page.texts("h1") == [BOARD_NAME]
    # headings in document order: h1, the attendance sections, then one h2 per item in order
    headings = [(e.tag, " ".join(e.text.split())) for e in page.elements if e.tag in ("h1", "h2")]
    assert headings == [
        ("h1", BOARD_NAME),
        ("h2", "Present:"),
        ("h2", "Apologies:"),
        ("h2", "In attendance:"),
        *[("h2", f"{n}. {t}") for n, t in enumerate(TITLES, start=1)],
    ]
    first_h2 = page.elements.index(page.all("h2")[0])
    assert all(page.elements.index(h) > first_h2 for h in page.all("h3"))  # no h3 before the first h2
    # attendance: a table per group with column headers, one row per person
    heads = [e.text for e in page.elements if e.tag == "th"]
    assert heads == ["Name", "Organisation", "Name", "Organisation", "Name", "Organisation or role"]
    rows = [e for e in page.elements if e.tag == "tr" and "tbody" in e.parents]
    assert len(page.all("table")) == 3 and len(rows) > len(PRESENT) + 1
    data = page.texts("td")
    for name, organisation in PRESENT:
        assert any(name in d for d in data), name
        assert organisation in data
    # bullets and actions are list items; actions name their owners in <strong>
    items = page.texts("li")
    for action, owners in ACTIONS:
        assert any(i.startswith(f"{action} – {owners}") for i in items), action
    assert {e.attrs.get("class") for e in page.all("ul")} >= {"actions", None}
    assert len([e for e in page.all("li") if "ul" in e.parents]) > len(ACTIONS)  # note bullets as well
    assert page.texts("h3").count("Resolved:") == 2
    assert "Draft minutes, subject to approval by the board." in page.texts("p")


def test_agenda_page_structure(store: Store, seed_ids: object, tmp_path: Path) -> None:
    with store.session() as session:
        meeting_id = find_meeting(session, BOARD_NAME, SEPTEMBER)
        page = parse(export_agenda(session, meeting_id, tmp_path / "a.html", "html", public=False).path)
    assert_self_contained_and_accessible(page)
    assert page.texts("h1") == [BOARD_NAME]
    items = [t for t in page.texts("h2") if t[0].isdigit()]
    assert items and items == sorted(items, key=lambda t: int(t.split(".")[0]))
    assert page.all("h2")[0].text == "Membership"
    heads = [e.text for e in page.elements if e.tag == "th"]
    assert heads[:3] == ["Name", "Role", "Organisation"]
    assert heads[3:8] == ["Action", "Owner(s)", "Raised", "Due", "Status"]  # the actions due


@pytest.fixture
def demo(demo_store: Store) -> Iterator[Session]:
    with demo_store.session() as session:
        yield session


def _demo_meeting(session: Session, day: dt.date) -> int:
    return session.exec(select(Meeting.id).where(col(Meeting.date) == day)).one() or 0


def test_the_public_pages_hold_nothing_of_the_exempt_item(demo: Session, tmp_path: Path) -> None:
    september = _demo_meeting(demo, SEPTEMBER)
    for export in (export_minutes, export_agenda):
        full = read_html_text(export(demo, september, tmp_path / "full.html", "html", public=False).path)
        assert "Examplename" in full and "PART II – EXEMPT" in full  # the full version has it, marked
        path = export(demo, september, tmp_path / f"{export.__name__}.html", "html", public=True).path
        page = parse(path)
        assert_self_contained_and_accessible(page)
        text = read_html_text(path)
        assert "Examplename" not in text and "Head of HR" not in text and "North Lancashire team" not in text
        assert "Exempt item" in page.texts("h2")[-1] or any("Exempt item" in h for h in page.texts("h2"))
        assert "PART II" not in text and "Confidential" not in text


def test_the_guard_reads_the_written_page_back(demo: Session, out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A backend that printed exempt text anyway (here: in the page's metadata) is refused, nothing written."""
    from boardapp.exporting.backends import html_backend

    september = _demo_meeting(demo, SEPTEMBER)
    leak = "The Head of HR (demo) reported on the investigation into the casework of Jordan Examplename"
    real = html_backend.document_html
    meta = f"</title><meta name='x' content='{leak}'>"
    monkeypatch.setattr(html_backend, "document_html", lambda d, w, **k: real(d, w, **k).replace("</title>", meta))
    with pytest.raises(ExemptTextLeak):
        export_minutes(demo, september, out_dir / "public.html", "html", public=True)
    assert list(out_dir.iterdir()) == []
