"""Build resources/templates/boardapp-minutes.docx, the reference Word template of agendas and minutes.

    .venv/bin/python resources/templates/make_template.py

A4 with 2.5 cm margins, Arial, the header and footer styles with a right tab at the text's edge,
spell-checking in British English, and every named style of boardapp/exporting/word_styles.py
(Item Heading based on Heading 2, so Word's navigation pane lists the items). A secretariat can
open the result in Word, change the styles to its house style, and give the file to
`boardapp export minutes --template FILE.docx`. The body is left empty: exports replace it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from boardapp.exporting.backends.docx_backend import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, _Writer  # noqa: E402
from boardapp.exporting.backends.text import Warnings  # noqa: E402
from boardapp.exporting.backends.word_styles import TEMPLATE_NAME, define_styles  # noqa: E402


def build(path: Path) -> Path:
    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.2)
    writer = _Writer(word, Warnings())
    writer._styles()  # Normal, Title, Headings, List Bullet, Header and Footer as the exports always had them
    writer._set_language("en-GB")
    define_styles(word)
    props = word.core_properties
    props.title = "BoardApp agenda and minutes template"
    props.author = "BoardApp"
    props.comments = "Change the styles (Home ▸ Styles) to your house style; keep their names."
    props.language = "en-GB"
    for paragraph in list(word.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    word.save(str(path))
    return path


if __name__ == "__main__":
    print(build(Path(__file__).resolve().parent / TEMPLATE_NAME))
