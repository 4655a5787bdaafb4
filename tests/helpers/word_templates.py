"""A secretariat's Word house template for the tests of issue 15: BoardApp's reference template
restyled as a clerk would (a house font for the body and the item headings), optionally without
some of BoardApp's named styles, with sample text left in its body."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from docx.shared import Pt

from boardapp.exporting.backends.word_styles import ITEM_HEADING, default_template

HOUSE_FONT = "Georgia"


def make_house_template(path: Path, *, drop: tuple[str, ...] = (), font: str = HOUSE_FONT) -> Path:
    shutil.copy(default_template(), path)
    word = docx.Document(str(path))
    word.styles["Normal"].font.name = font
    heading = word.styles[ITEM_HEADING]
    heading.font.name = font
    heading.font.size = Pt(14)
    for name in drop:
        element = word.styles[name].element
        element.getparent().remove(element)
    word.add_paragraph("Sample text the clerk left in the template")
    word.save(str(path))
    return path


def styles_xml(path: Path) -> str:
    """word/styles.xml of a .docx: where a style's font is defined."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("word/styles.xml").decode("utf-8")
