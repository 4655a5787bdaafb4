"""Tagged PDF (issue 15 point 3) for reportlab's platypus output, which has no structure tree.

Two steps around `doc.build`:

1. `tag_story(story, tags)` walks the finished story and gives every content flowable a structure
   element (H1, H2, H3, P, L/LI/LBody, Table/TR/TH/TD, Caption) chosen from its paragraph style's
   name. It patches the flowable's own `drawOn` (and `split`, so the pieces of a paragraph or table
   that runs over a page keep the element) to enclose the drawing in `/Role <</MCID n>> BDC … EMC`,
   recording which element each page's MCID belongs to. Rules and table backgrounds and grids are
   enclosed as `/Artifact`; the page furniture marks itself (`artifact_begin`/`artifact_end`).
   The patching is per instance, so the story's layout and everything reportlab draws stay as they were.
2. `finish(data, tags, title, language, path)` opens the built bytes with pikepdf and writes the
   `/StructTreeRoot`, its `/ParentTree`, `/MarkInfo`, `/Lang`, `/DisplayDocTitle`, page `/Tabs /S`
   and XMP metadata (dc:title, pdfuaid:part 1); reportlab's outline and info are kept.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import HRFlowable, NullDraw

# Paragraph style name → structure role (names from pdf_backend._styles; unknown styles are P).
HEADING_ROLES = {"Title": "H1", "Item": "H2", "ItemAfterBanner": "H2", "Subheading": "H3"}
LABEL_STYLES = {"Label", "ActionsDue"}  # "Resolved:", "Actions:", "Papers:": H3 when they head a list or table
SECTION_STYLES = {"Section"}  # "Present:", "Membership": the caption of the table that follows
BULLET_STYLES = {"Bullet", "Decision"}  # list items when they carry a bullet or number
SUB_BULLET_STYLES = {"SubBullet"}
_MARKED = "_boardapp_tagged"


@dataclass(frozen=True)
class Content:
    """One marked-content sequence: the MCID on a (1-based) page."""

    page: int
    mcid: int


@dataclass(eq=False)
class Node:
    """A structure element; `kids` holds child elements (in reading order) and marked content."""

    role: str
    kids: list[Node | Content] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    once: bool = False  # a table header row repeated on later pages: the repeats are artifacts

    def add(self, role: str, **attributes: str) -> Node:
        child = Node(role, attributes=dict(attributes))
        self.kids.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


class Tags:
    """The structure tree being built and, per page, which element each MCID belongs to."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self.pages: dict[int, list[Node]] = {}

    def begin(self, canvas: Canvas, node: Node) -> None:
        if node.once and any(isinstance(kid, Content) for kid in node.kids):
            artifact_begin(canvas, "/Pagination")
            return
        page = canvas.getPageNumber()
        owners = self.pages.setdefault(page, [])
        node.kids.append(Content(page, len(owners)))
        canvas.addLiteral(f"/{node.role} <</MCID {len(owners)}>> BDC")
        owners.append(node)

    @staticmethod
    def end(canvas: Canvas) -> None:
        canvas.addLiteral("EMC")


def artifact_begin(canvas: Canvas, kind: str = "", subtype: str = "") -> None:
    """Start decorative content that assistive technology skips (header, footer, watermark, rule)."""
    props = (f"/Type {kind} " if kind else "") + (f"/Subtype {subtype}" if subtype else "")
    canvas.addLiteral(f"/Artifact <<{props.strip()}>> BDC" if props else "/Artifact BMC")


def artifact_end(canvas: Canvas) -> None:
    canvas.addLiteral("EMC")


# -- marking flowables ----------------------------------------------------------------------------
def _mark(flowable: Flowable, node: Node, tags: Tags) -> None:
    """Enclose this flowable's drawing, and that of the pieces it splits into, in `node`'s content."""
    if getattr(flowable, _MARKED, False):
        return
    setattr(flowable, _MARKED, True)
    draw_on = flowable.drawOn
    split = flowable.split

    def marked_draw_on(canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        tags.begin(canvas, node)
        draw_on(canvas, x, y, _sW)
        tags.end(canvas)

    def marked_split(avail_width: float, avail_height: float) -> list[Flowable]:
        pieces: list[Flowable] = split(avail_width, avail_height)
        for piece in pieces:
            _mark(piece, node, tags)
        return pieces

    flowable.drawOn = marked_draw_on
    flowable.split = marked_split


def _mark_artifact(flowable: Flowable) -> None:
    draw_on = flowable.drawOn

    def artifact_draw_on(canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        artifact_begin(canvas)
        draw_on(canvas, x, y, _sW)
        artifact_end(canvas)

    flowable.drawOn = artifact_draw_on


def _table_artifacts(table: Table) -> None:
    """A table's backgrounds and grid lines are decoration (reportlab's render callback; kept by splits)."""

    def callback(_table: Table, event: str, *_args: Any) -> None:
        if event in ("startBG", "startLines"):
            artifact_begin(_table.canv)
        elif event in ("endBG", "endLines"):
            artifact_end(_table.canv)

    table._renderCB = callback


def _flatten(story: list[Flowable]) -> Iterator[Flowable]:
    """Content flowables in reading order; spacers, page breaks and template actions carry nothing."""
    for flowable in story:
        if isinstance(flowable, KeepTogether):
            yield from _flatten(list(flowable._content))
        elif isinstance(flowable, HRFlowable):
            _mark_artifact(flowable)
        elif not isinstance(flowable, (NullDraw, ActionFlowable)):
            yield flowable


def _style(flowable: Flowable) -> str:
    return flowable.style.name if isinstance(flowable, Paragraph) else ""


def tag_story(story: list[Flowable], tags: Tags) -> None:
    """Give every content flowable of `story` its structure element (see the module docstring)."""
    flowables = list(_flatten(story))
    root = tags.root
    top_list: Node | None = None
    sub_list: Node | None = None
    last_item: Node | None = None
    caption: Flowable | None = None

    def list_item(parent: Node, flowable: Flowable) -> Node:
        item = parent.add("LI")
        _mark(flowable, item.add("LBody"), tags)
        return item

    for index, flowable in enumerate(flowables):
        after = flowables[index + 1] if index + 1 < len(flowables) else None
        style = _style(flowable)
        bulleted = isinstance(flowable, Paragraph) and flowable.bulletText is not None
        if style in SUB_BULLET_STYLES and bulleted:
            if last_item is None:  # a sub-bullet with nothing above it: a list of its own
                top_list = top_list or root.add("L")
                last_item = list_item(top_list, flowable)
            else:
                sub_list = sub_list or _body(last_item).add("L")  # nested lists live in the LBody
                list_item(sub_list, flowable)
            continue
        if style in BULLET_STYLES and bulleted:
            top_list = top_list or root.add("L")
            sub_list = None
            last_item = list_item(top_list, flowable)
            continue
        top_list = sub_list = last_item = None
        if isinstance(flowable, Table):
            _tag_table(flowable, root, tags, caption)
            caption = None
        elif style in SECTION_STYLES and isinstance(after, Table) and _is_data_table(after):
            caption = flowable  # tagged inside the table that follows
        elif style in HEADING_ROLES:
            _mark(flowable, root.add(HEADING_ROLES[style]), tags)
        elif style in LABEL_STYLES and (isinstance(after, Table) or _style(after) in BULLET_STYLES):
            _mark(flowable, root.add("H3"), tags)
        else:
            _mark(flowable, root.add("P"), tags)


def _body(item: Node) -> Node:
    return next(kid for kid in item.kids if isinstance(kid, Node) and kid.role == "LBody")


def _is_data_table(table: Table) -> bool:
    return not (table._nrows == 1 and table._ncols == 1)


def _tag_table(table: Table, parent: Node, tags: Tags, caption: Flowable | None) -> None:
    """Table/TR/TH/TD; the header rows (repeatRows) are TH by column, else the first column is TH by row.

    A one-cell table is a box for layout (the exempt banner): its paragraph is tagged as a P.
    """
    _table_artifacts(table)
    rows: list[list[Any]] = table._cellvalues
    if not _is_data_table(table):
        _tag_cell(rows[0][0], parent, tags)
        return
    node = parent.add("Table")
    if caption is not None:
        _mark(caption, node.add("Caption"), tags)
    header_rows = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
    for r, row in enumerate(rows):
        tr = node.add("TR")
        for c, value in enumerate(row):
            if r < header_rows:
                cell = tr.add("TH", O="/Table", Scope="/Column")
                cell.once = True
            elif header_rows == 0 and c == 0:
                cell = tr.add("TH", O="/Table", Scope="/Row")
            else:
                cell = tr.add("TD")
            _tag_cell(value, cell, tags, own=True)


def _tag_cell(value: Any, node: Node, tags: Tags, own: bool = False) -> None:
    """A cell's flowables are the content of its TH/TD (`own`), or each its own P (layout cell)."""
    values = value if isinstance(value, (list, tuple)) else [value]
    for flowable in values:
        if isinstance(flowable, Flowable) and not isinstance(flowable, Spacer):
            _mark(flowable, node if own else node.add("P"), tags)


# -- the structure tree in the file ---------------------------------------------------------------
def finish(data: bytes, tags: Tags, title: str, language: str, path: Path) -> None:
    """Write the PDF reportlab built (`data`) to `path` with its structure tree and PDF/UA metadata."""
    with pikepdf.open(BytesIO(data)) as pdf:
        pages = [page.obj for page in pdf.pages]
        root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        parents: dict[int, list[pikepdf.Object | None]] = {
            page: [None] * len(owners) for page, owners in tags.pages.items()
        }
        has_content = _content_nodes(tags.root)

        def build(node: Node, parent: pikepdf.Object) -> pikepdf.Object:
            elem = pdf.make_indirect(
                pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + node.role), P=parent)
            )
            if node.attributes:
                elem.A = pikepdf.Dictionary({f"/{k}": pikepdf.Name(v) for k, v in node.attributes.items()})
            kids = pikepdf.Array()
            page_of_elem: int | None = None
            # An element's own text comes before its child elements (an LBody, then its nested list):
            # the content is recorded while drawing, the children while tagging, hence the sort.
            for kid in sorted(node.kids, key=lambda kid: isinstance(kid, Node)):
                if isinstance(kid, Node):
                    if kid in has_content:
                        kids.append(build(kid, elem))
                    continue
                if page_of_elem is None:
                    page_of_elem = kid.page
                    elem.Pg = pages[kid.page - 1]
                if kid.page == page_of_elem:
                    kids.append(kid.mcid)
                else:
                    kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[kid.page - 1], MCID=kid.mcid))
                parents[kid.page][kid.mcid] = elem
            elem.K = kids
            return elem

        root.K = build(tags.root, root)
        nums = pikepdf.Array()
        for number, page in enumerate(pages):
            page.Tabs = pikepdf.Name.S
            if number + 1 in parents:
                page.StructParents = number
                nums.append(number)
                nums.append(pdf.make_indirect(pikepdf.Array(parents[number + 1])))
        root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
        root.ParentTreeNextKey = len(pages)
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.Lang = pikepdf.String(language)
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        pdf.docinfo.Title = pikepdf.String(title)
        if "/Trapped" in pdf.docinfo:
            del pdf.docinfo.Trapped  # reportlab's /False has no XMP equivalent (pikepdf would warn)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(pdf.docinfo)
            meta["dc:title"] = title
            meta["pdfuaid:part"] = "1"
        # PDF/UA-1 is built on PDF 1.7 (ISO 32000-1); object streams compress the structure tree too.
        pdf.save(path, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate)


def _content_nodes(root: Node) -> set[Node]:
    """Elements that hold marked content somewhere below them (empty elements are left out)."""
    found: set[Node] = set()

    def visit(node: Node) -> bool:
        holds = False
        for kid in node.kids:
            holds = (visit(kid) if isinstance(kid, Node) else True) or holds
        if holds:
            found.add(node)
        return holds

    visit(root)
    return found


def build_tagged(build: Callable[[BytesIO], None], tags: Tags, title: str, language: str, path: Path) -> None:
    """Run `build` into memory, then write the tagged file to `path`."""
    buffer = BytesIO()
    build(buffer)
    finish(buffer.getvalue(), tags, title, language, path)


# -- the DRAFT watermark as outlines ---------------------------------------------------------------
def draw_outlined_text(canvas: Canvas, font_name: str, size: float, x: float, y: float, text: str) -> None:
    """Draw `text` centred on (x, y) as filled glyph outlines, so text extraction never reads it.

    The watermark is an artifact for screen readers either way; as shapes it also stays out of
    copy-and-paste and of naive extractors (pypdf). The outlines come from the embedded TrueType
    font's glyf table (simple glyphs); a composite glyph falls back to ordinary text.
    """
    face = pdfmetrics.getFont(font_name).face
    outlines = [_glyph_contours(face, face.charToGlyph.get(ord(char), 0)) for char in text]
    if any(contours is None for contours in outlines):
        canvas.setFont(font_name, size)
        canvas.drawCentredString(x, y, text)
        return
    scale = size / face.unitsPerEm
    pen = x - pdfmetrics.stringWidth(text, font_name, size) / 2
    path = canvas.beginPath()
    for char, contours in zip(text, outlines, strict=True):
        for contour in contours or []:
            _add_contour(path, [(pen + px * scale, y + py * scale, on) for px, py, on in contour])
        pen += pdfmetrics.stringWidth(char, font_name, size)
    canvas.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)


Point = tuple[float, float, bool]  # x, y, on the curve


def _glyph_contours(face: Any, glyph: int) -> list[list[Point]] | None:
    """The contours of a simple TrueType glyph in font units; None for a composite glyph."""
    data: bytes = face._ttf_data
    head = face.get_table_pos("head")[0]
    loca = face.get_table_pos("loca")[0]
    glyf = face.get_table_pos("glyf")[0]
    if struct.unpack_from(">h", data, head + 50)[0] == 0:
        start, end = (2 * v for v in struct.unpack_from(">HH", data, loca + 2 * glyph))
    else:
        start, end = struct.unpack_from(">LL", data, loca + 4 * glyph)
    if end <= start:
        return []  # an empty glyph (a space)
    pos = glyf + start
    (count,) = struct.unpack_from(">h", data, pos)
    if count < 0:
        return None
    ends = struct.unpack_from(f">{count}H", data, pos + 10)
    pos += 10 + 2 * count
    (instructions,) = struct.unpack_from(">H", data, pos)
    pos += 2 + instructions
    total = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < total:
        flag = data[pos]
        pos += 1
        flags.append(flag)
        if flag & 8:  # repeated
            flags += [flag] * data[pos]
            pos += 1

    def coordinates(short: int, same: int) -> list[int]:
        nonlocal pos
        values, value = [], 0
        for flag in flags[:total]:
            if flag & short:
                value += data[pos] if flag & same else -data[pos]
                pos += 1
            elif not flag & same:
                value += struct.unpack_from(">h", data, pos)[0]
                pos += 2
            values.append(value)
        return values

    xs = coordinates(2, 16)
    ys = coordinates(4, 32)
    points = [(float(px), float(py), bool(flag & 1)) for px, py, flag in zip(xs, ys, flags, strict=False)]
    contours, first = [], 0
    for last in ends:
        contours.append(points[first : last + 1])
        first = last + 1
    return contours


def _add_contour(path: Any, points: list[Point]) -> None:
    """Quadratic TrueType contour → PDF path (each quadratic segment as its exact cubic)."""
    if not points:
        return
    start = next((i for i, p in enumerate(points) if p[2]), None)
    if start is None:  # all off the curve: start at the midpoint of the first two
        a, b = points[0], points[1 % len(points)]
        points = [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, True), *points]
        start = 0
    points = points[start:] + points[:start]
    current = points[0]
    path.moveTo(current[0], current[1])
    control: Point | None = None
    for point in [*points[1:], points[0]]:
        if point[2]:
            if control is None:
                path.lineTo(point[0], point[1])
            else:
                _quad(path, current, control, point)
            current, control = point, None
        elif control is None:
            control = point
        else:
            middle = ((control[0] + point[0]) / 2, (control[1] + point[1]) / 2, True)
            _quad(path, current, control, middle)
            current, control = middle, point
    path.close()


def _quad(path: Any, p0: Point, q: Point, p2: Point) -> None:
    path.curveTo(
        p0[0] + 2 / 3 * (q[0] - p0[0]),
        p0[1] + 2 / 3 * (q[1] - p0[1]),
        p2[0] + 2 / 3 * (q[0] - p2[0]),
        p2[1] + 2 / 3 * (q[1] - p2[1]),
        p2[0],
        p2[1],
    )
