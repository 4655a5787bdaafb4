"""Issue 15 point 5: Word exports use the named styles of a reference template a clerk can replace.

Every paragraph of the 1 August 2017 minutes (body and table cells) is in a named style that the
shipped template defines, with no direct formatting; item headings are outline level 2 (Word's
navigation pane lists them); a house template's own definition of a style is what the export uses.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from sqlmodel import Session
from test_minutes_export import TITLES

from boardapp.exporting import export_agenda, export_minutes, find_meeting
from boardapp.exporting.backends.docx_backend import TemplateUnusable
from boardapp.exporting.backends.word_styles import (
    ITEM_HEADING,
    ITEM_SUBHEADING,
    PARAGRAPH_STYLES,
    STYLES,
    default_template,
    outline_level,
)
from boardapp.store.database import Store
from tests.helpers.exporting_seed import BOARD_NAME

AUGUST = dt.date(2017, 8, 1)
SEPTEMBER = dt.date(2017, 9, 12)


@pytest.fixture
def august(store: Store, seed_ids: object) -> Iterator[tuple[Session, int]]:
    with store.session() as session:
        yield session, find_meeting(session, BOARD_NAME, AUGUST)


def all_paragraphs(word: docx.document.Document) -> list[docx.text.paragraph.Paragraph]:
    paragraphs = list(word.paragraphs)
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    return paragraphs


def test_the_shipped_template_defines_every_style_and_has_no_body_text() -> None:
    template = docx.Document(str(default_template()))
    names = {style.name for style in template.styles}
    assert {spec.name for spec in STYLES} <= names
    assert template.paragraphs == [] or all(not p.text for p in template.paragraphs)
    assert outline_level(template, ITEM_HEADING) == 2
    assert template.styles[ITEM_HEADING].base_style.name == "Heading 2"


def test_every_paragraph_of_the_minutes_has_a_named_style_from_the_template(
    august: tuple[Session, int], tmp_path: Path
) -> None:
    path = export_minutes(*august, tmp_path / "m.docx", "docx", public=False).path
    word = docx.Document(str(path))
    template_styles = {style.name for style in docx.Document(str(default_template())).styles}
    paragraphs = all_paragraphs(word)
    assert len(paragraphs) > 60
    for paragraph in paragraphs:
        assert paragraph.style.name in PARAGRAPH_STYLES, (paragraph.style.name, paragraph.text)
        assert paragraph.style.name in template_styles
        for run in paragraph.runs:  # no hand formatting: the look is the style's
            assert (run.bold, run.italic, run.font.size, run.font.color.rgb) == (None, None, None, None), run.text
            assert run.style.name in ("Default Paragraph Font", "Action Owner", "Action Due", "Overdue")
    used = {p.style.name for p in paragraphs}
    assert {"Board Name", "Meeting Details", "Section Heading", "Item Heading", "Minute Text", "Minute Bullet",
            "Resolved Label", "Resolution", "Actions Label", "Action", "Table Text"} <= used  # fmt: skip
    owners = [r.text for p in paragraphs if p.style.name == "Action" for r in p.runs if r.style.name == "Action Owner"]
    assert "Chris Coyle/Amanda Hatton" in owners


def test_item_headings_are_outline_level_2_and_listed_in_order(august: tuple[Session, int], tmp_path: Path) -> None:
    word = docx.Document(str(export_minutes(*august, tmp_path / "m.docx", "docx", public=False).path))
    levels = {p.style.name: outline_level(word, p.style.name) for p in word.paragraphs}
    navigation = [p.text for p in word.paragraphs if levels[p.style.name] == 2 and p.style.name == ITEM_HEADING]
    assert navigation == [f"{n}. {t}" for n, t in enumerate(TITLES, start=1)]
    assert levels["Board Name"] == 1
    assert outline_level(word, ITEM_SUBHEADING) == 3
    assert all(levels[name] is None for name in ("Minute Text", "Action", "Resolution") if name in levels)


def test_the_agenda_uses_the_same_styles(store: Store, seed_ids: object, tmp_path: Path) -> None:
    with store.session() as session:
        meeting_id = find_meeting(session, BOARD_NAME, SEPTEMBER)
        word = docx.Document(str(export_agenda(session, meeting_id, tmp_path / "a.docx", "docx", public=False).path))
    paragraphs = all_paragraphs(word)
    assert all(p.style.name in PARAGRAPH_STYLES for p in paragraphs)
    assert {"Item Heading", "Item Details", "Table Heading", "Table Text"} <= {p.style.name for p in paragraphs}


def house_template(tmp_path: Path, *, drop: str = "") -> Path:
    """A copy of the template restyled the way a secretariat would: Georgia 14 pt item headings."""
    copy = tmp_path / "house.docx"
    shutil.copy(default_template(), copy)
    word = docx.Document(str(copy))
    heading = word.styles[ITEM_HEADING]
    heading.font.name = "Georgia"
    heading.font.size = Pt(14)
    if drop:
        element = word.styles[drop].element
        element.getparent().remove(element)
    word.add_paragraph("Sample text the clerk left in the template")
    word.save(str(copy))
    return copy


def test_a_house_template_style_is_the_one_used(august: tuple[Session, int], tmp_path: Path) -> None:
    template = house_template(tmp_path)
    result = export_minutes(*august, tmp_path / "m.docx", "docx", public=False, template=template)
    assert result.warnings == ()
    word = docx.Document(str(result.path))
    heading = word.styles[ITEM_HEADING]
    assert heading.font.name == "Georgia" and heading.font.size == Pt(14)
    items = [p for p in word.paragraphs if p.style.name == ITEM_HEADING]
    assert len(items) == len(TITLES) and all(run.font.name is None for p in items for run in p.runs)
    assert "Sample text the clerk left in the template" not in "\n".join(p.text for p in word.paragraphs)
    default = docx.Document(str(export_minutes(*august, tmp_path / "d.docx", "docx", public=False).path))
    assert default.styles[ITEM_HEADING].font.name != "Georgia"


def test_a_template_missing_a_style_gets_boardapps_with_a_warning(august: tuple[Session, int], tmp_path: Path) -> None:
    template = house_template(tmp_path, drop="Resolved Label")
    result = export_minutes(*august, tmp_path / "m.docx", "docx", public=False, template=template)
    assert any("no style named 'Resolved Label'" in w for w in result.warnings)
    word = docx.Document(str(result.path))
    assert [p.text for p in word.paragraphs if p.style.name == "Resolved Label"] == ["Resolved:", "Resolved:"]


@pytest.mark.parametrize("name", ["missing.docx", "house.dotx", "not-a-zip.docx"])
def test_an_unusable_template_is_refused_and_nothing_written(
    august: tuple[Session, int], tmp_path: Path, name: str
) -> None:
    template = tmp_path / name
    if name != "missing.docx":
        template.write_text("not a Word file")
    out = tmp_path / "out"
    out.mkdir()
    expected = {"missing.docx": "does not exist", "house.dotx": "save", "not-a-zip.docx": "could not be read"}[name]
    with pytest.raises(TemplateUnusable, match=expected):
        export_minutes(*august, out / "m.docx", "docx", public=False, template=template)
    assert list(out.iterdir()) == []
