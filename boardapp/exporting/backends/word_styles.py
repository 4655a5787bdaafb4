"""The named Word styles of agendas and minutes: one for every kind of text, so a clerk who keeps
editing an exported file (or restyles it for a house template) changes a style, not each paragraph.

They live in the reference template `resources/templates/boardapp-minutes.docx` (built by
`resources/templates/make_template.py` from the definitions here). A secretariat may replace it
with its own house template: the export uses each style as that template defines it, and adds from
these definitions only the styles the template lacks. Which template a board's export uses is a
board setting (`Board.word_template`, resolved by `template_for`). Item headings are based on
Heading 2 (outline level 2) and item sub-headings on Heading 3, so Word's navigation pane lists
the business.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from sqlmodel import Session

from boardapp.exporting.errors import ExportError

TEMPLATE_NAME = "boardapp-minutes.docx"

INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x59, 0x59, 0x59)
RED = RGBColor(0xA0, 0x10, 0x10)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


@dataclass(frozen=True)
class StyleSpec:
    name: str
    base: str
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: RGBColor | None = None
    before: float | None = None
    after: float | None = None
    keep_with_next: bool = False
    left_indent: float | None = None  # cm
    outline_level: int | None = None  # 1-based, as Word's navigation pane counts
    fill: str = ""  # paragraph shading
    character: bool = False


# The names are what a clerk sees in Word's style gallery.
BOARD_NAME = "Board Name"
MEETING_DETAILS = "Meeting Details"
SECTION_HEADING = "Section Heading"
ITEM_HEADING = "Item Heading"
ITEM_SUBHEADING = "Item Subheading"
EXEMPT_BANNER = "Exempt Banner"
EXEMPTION_STATEMENT = "Exemption Statement"
EXCLUSION_RESOLUTION = "Exclusion Resolution"
ITEM_DETAILS = "Item Details"
MINUTE_TEXT = "Minute Text"
MINUTE_BULLET = "Minute Bullet"
MINUTE_BULLET_2 = "Minute Bullet 2"
RESOLVED_LABEL = "Resolved Label"
RESOLUTION = "Resolution"
ACTIONS_LABEL = "Actions Label"
ACTION = "Action"
PAPERS_LABEL = "Papers Label"
PAPER = "Paper"
ACTIONS_DUE_LABEL = "Actions Due Label"
TABLE_HEADING = "Table Heading"
TABLE_TEXT = "Table Text"
APPROVAL = "Approval"
SIGNATURE_LINE = "Signature Line"
CLOSING_TIME = "Closing Time"
ACTION_OWNER = "Action Owner"  # character styles, inside an action line / a table cell
ACTION_DUE = "Action Due"
OVERDUE = "Overdue"
PAGE_MARK = "Page Mark"
DECLARATION = "Declaration"  # a declaration of interest, under its item and in the declarations section
VOTE = "Vote"  # mover and seconder, and how the vote went, under the resolution
RECORD_NOTE = "Record Note"  # arrivals and departures after an item; the reason an item was urgent
LOG_NOTE = "Log Note"  # the action log: an owner's count of actions, "No actions match this selection."
TABLE_NOTE = "Table Note"  # the action log: a small line under a cell's text ("Owners: …", "OVERDUE")

STYLES: tuple[StyleSpec, ...] = (
    StyleSpec(BOARD_NAME, "Heading 1", size=17, bold=True, color=INK, before=0, after=4, outline_level=1),
    StyleSpec(MEETING_DETAILS, "Normal", size=11.5, after=14),
    StyleSpec(SECTION_HEADING, "Heading 2", size=11, bold=True, color=INK, before=10, after=4, keep_with_next=True),
    StyleSpec(
        ITEM_HEADING, "Heading 2", size=12.5, bold=True, color=INK, before=16, after=6, keep_with_next=True,
        outline_level=2,
    ),
    StyleSpec(
        ITEM_SUBHEADING, "Heading 3", size=11, bold=True, color=INK, before=4, after=4, keep_with_next=True,
        outline_level=3,
    ),
    StyleSpec(EXEMPT_BANNER, "Normal", bold=True, color=WHITE, before=14, after=2, keep_with_next=True, fill="8B1A1A"),
    StyleSpec(EXEMPTION_STATEMENT, "Normal", italic=True),
    StyleSpec(EXCLUSION_RESOLUTION, "Normal", before=8),
    StyleSpec(ITEM_DETAILS, "Normal", italic=True, color=GREY),
    StyleSpec(MINUTE_TEXT, "Normal"),
    StyleSpec(MINUTE_BULLET, "List Bullet", after=3),
    StyleSpec(MINUTE_BULLET_2, "List Bullet 2", after=3),
    StyleSpec(RESOLVED_LABEL, "Normal", bold=True, before=6, after=3, keep_with_next=True),
    StyleSpec(RESOLUTION, "Normal", left_indent=0.75),
    StyleSpec(ACTIONS_LABEL, "Normal", bold=True, before=6, after=3, keep_with_next=True),
    StyleSpec(ACTION, "List Bullet", after=3),
    StyleSpec(PAPERS_LABEL, "Normal", bold=True, before=6, after=3, keep_with_next=True),
    StyleSpec(PAPER, "List Bullet", after=3),
    StyleSpec(ACTIONS_DUE_LABEL, "Normal", bold=True, before=6, after=3, keep_with_next=True),
    StyleSpec(TABLE_HEADING, "Normal", size=9.5, bold=True, before=0, after=0),
    StyleSpec(TABLE_TEXT, "Normal", size=10, before=0, after=2),
    StyleSpec(APPROVAL, "Normal", before=18),
    StyleSpec(SIGNATURE_LINE, "Normal", before=20),
    StyleSpec(CLOSING_TIME, "Normal", bold=True, before=18),
    StyleSpec(DECLARATION, "Normal", left_indent=0.75, after=4),
    StyleSpec(VOTE, "Normal", italic=True, left_indent=0.75, after=4),
    StyleSpec(RECORD_NOTE, "Normal", italic=True, before=4),
    StyleSpec(LOG_NOTE, "Normal", color=GREY),
    StyleSpec(TABLE_NOTE, TABLE_TEXT, size=8, color=GREY, before=0, after=0),
    StyleSpec(ACTION_OWNER, "Default Paragraph Font", bold=True, character=True),
    StyleSpec(ACTION_DUE, "Default Paragraph Font", color=GREY, character=True),
    StyleSpec(OVERDUE, "Default Paragraph Font", color=RED, character=True),
    StyleSpec(PAGE_MARK, "Default Paragraph Font", bold=True, color=RED, character=True),
)
PARAGRAPH_STYLES = frozenset(s.name for s in STYLES if not s.character)


def default_template() -> Path:
    """The reference template shipped in resources/templates/."""
    from boardapp.bundled import resources_dir

    return resources_dir() / "templates" / TEMPLATE_NAME


class BoardTemplateMissing(ExportError):
    """The board's house template (a board setting) is not where the setting says."""


def template_for(board_setting: str, override: Path | None = None) -> Path | None:
    """The template a Word export uses: `override` (the CLI's --template) first, else the board's
    house template setting, else None (the reference template in resources/).

    The board's file is checked here, before anything is written, so a template that has gone
    missing since it was chosen stops the export with a message naming it, not half a file.
    """
    if override is not None:
        return override
    if not board_setting.strip():
        return None
    path = Path(board_setting).expanduser()
    if not path.is_file():
        raise BoardTemplateMissing(
            f"The board's Word house template {path} is missing (it is set in the board's settings). "
            f"Put the file back, or choose another template (or BoardApp's own) in Board settings; "
            f"nothing was written."
        )
    return path


def meeting_template(session: Session, meeting_id: int, override: Path | None = None) -> Path | None:
    """`template_for` the board of the meeting (minutes, agenda and decision notices are a meeting's)."""
    from boardapp.services.boards import word_template_of_meeting

    return template_for(word_template_of_meeting(session, meeting_id), override)


def define_styles(word: WordDocument, specs: tuple[StyleSpec, ...] = STYLES) -> list[str]:
    """Add to `word` every style of `specs` (BoardApp's named styles) it does not have yet; return
    the names added.

    A style the document (the house template) already has is left exactly as it is.
    """
    have = {style.name for style in word.styles}
    added = []
    for spec in specs:
        if spec.name in have:
            continue
        kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
        style = word.styles.add_style(spec.name, kind)
        style.quick_style = True  # shown in the Styles gallery
        if spec.base in have or spec.base == "Default Paragraph Font":
            with contextlib.suppress(KeyError):
                style.base_style = word.styles[spec.base]
        font = style.font
        if spec.size is not None:
            font.size = Pt(spec.size)
        if spec.bold is not None:
            font.bold = spec.bold
        if spec.italic is not None:
            font.italic = spec.italic
        if spec.color is not None:
            font.color.rgb = spec.color
        if not spec.character:
            fmt = style.paragraph_format
            if spec.before is not None:
                fmt.space_before = Pt(spec.before)
            if spec.after is not None:
                fmt.space_after = Pt(spec.after)
            if spec.keep_with_next:
                fmt.keep_with_next = True
            if spec.left_indent is not None:
                fmt.left_indent = Cm(spec.left_indent)
            ppr = style.element.get_or_add_pPr()
            if spec.fill:
                shade(ppr, spec.fill)
            if spec.outline_level is not None:
                set_outline_level(ppr, spec.outline_level)
            following = MINUTE_TEXT if MINUTE_TEXT in have or MINUTE_TEXT in added else "Normal"
            style.next_paragraph_style = word.styles[following]
        added.append(spec.name)
        have.add(spec.name)
    return added


_AFTER_SHD = (  # what follows <w:shd> in <w:pPr> (ECMA-376 order; Word refuses elements out of order)
    "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def shade(ppr: Any, fill: str) -> None:
    """Paragraph shading, in its schema place."""
    for old in ppr.findall(qn("w:shd")):
        ppr.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    ppr.insert_element_before(shading, *_AFTER_SHD)


def set_outline_level(ppr: Any, level: int) -> None:
    """<w:outlineLvl> (0-based in the file; `level` 1-based, as Word's navigation pane counts)."""
    ppr.get_or_add_outlineLvl().val = level - 1


def outline_level(word: WordDocument, style_name: str) -> int | None:
    """A paragraph style's outline level (1-based), following its basedOn chain; None: body text."""
    style = word.styles[style_name]
    while style is not None:
        ppr = style.element.pPr
        found = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if found is not None:
            value = int(found.get(qn("w:val")))
            return None if value >= 9 else value + 1
        style = style.base_style
    return None


# -- Word's own styles the action log uses (issue 15) ----------------------------------------------------
# BoardApp's reference template has them (python-docx's default document does), but a house template
# saved by Word holds only the styles it uses: one that lacks any of these gets them from here.
WORD_STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Title", "Normal", size=17, bold=True, color=INK, after=4),
    StyleSpec("Subtitle", "Normal", size=11.5, after=14),
    StyleSpec(
        "Heading 1", "Normal", size=12.5, bold=True, color=INK, before=16, after=6, keep_with_next=True,
        outline_level=1,
    ),
    StyleSpec("Header", "Normal", size=8.5, color=GREY, after=0),
    StyleSpec("Footer", "Normal", size=8.5, color=GREY, after=0),
)
TABLE_GRID = "Table Grid"


def define_word_styles(word: WordDocument) -> list[str]:
    """Add the WORD_STYLES and "Table Grid" a (house) template lacks; return the names added.

    Looked up by name as python-docx does, so a Word file's "heading 1" counts as "Heading 1".
    """
    added = define_styles(word, WORD_STYLES)
    if TABLE_GRID not in {style.name for style in word.styles}:
        grid = word.styles.add_style(TABLE_GRID, WD_STYLE_TYPE.TABLE)
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            line = OxmlElement(f"w:{edge}")
            line.set(qn("w:val"), "single")
            line.set(qn("w:sz"), "4")
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "auto")
            borders.append(line)
        tblpr = grid.element.find(qn("w:tblPr"))
        if tblpr is None:
            tblpr = OxmlElement("w:tblPr")
            grid.element.append(tblpr)
        tblpr.append(borders)
        added.append(TABLE_GRID)
    return added


def board_template(session: Session, board_id: int | None, override: Path | None = None) -> Path | None:
    """`template_for` the action log (issue 15): one board's log uses that board's house template;
    the log of all boards uses BoardApp's own (None), unless `override` (--template) is given."""
    if board_id is None:
        return override
    from boardapp.services.boards import word_template_of_board

    return template_for(word_template_of_board(session, board_id), override)
