"""Read every table of a Word file, or every sheet of an Excel file, into neutral `RawTable`s.

Nothing here knows what a plan or an action log is: the importers map headers to fields
(mapping.py) and turn rows into records. What this module guarantees:

* Every row has one `RawCell` per grid column, so column 3 is column 3 in every row. A merged
  area's text is in its first (top-left) cell; the cells it covers are `is_merged_continuation`
  with empty text, and every cell of the area carries the `MergeArea`. Word's horizontal spans
  (gridSpan) and vertical merges (vMerge) and Excel's merged ranges read the same way.
  `spans_row` marks a cell merged from its column to the right edge of the table: a section
  row such as "1.2 Embed an agreed approach..." written across the table.
* Text is verbatim except: characters XML cannot hold (control characters) are removed and
  counted, non-breaking spaces become spaces, line ends become "\\n", and the whole cell is
  trimmed. Word list paragraphs inside a cell read as "- item" lines. Excel dates are written
  as the cell's number format shows them ("1 August 2017"), numbers as shown ("1.10" for 0.00).
* Excel formulas: the workbook is read once for formulas (read-only) and once for the values
  Excel saved with them; a formula cell is marked `is_formula`, with its formula and the saved
  result (None when the file was never calculated, e.g. written by a script).
* A file that cannot be read at all (not Word or Excel, damaged, password-protected, an old
  .doc/.xls, too large) raises `ImportFileError` with a message for the clerk, never a traceback.

Per-cell problems (formulas, very long cells, removed characters, Excel error values) are not
raised here: an importer asks `cell_problems` only for the cells it actually imports, so a
formula in a column nobody imports does not block anything.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from boardapp.core.dates import DAY_NAMES, MONTH_NAMES
from boardapp.importing.limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    ImportCancelled,
    Progress,
    SheetFacts,
    WorkbookFacts,
    check_import_file,
)
from boardapp.importing.problems import ImportFileError, Problem, Severity, column_letter, place

__all__ = [
    "LONG_CELL_CHARACTERS",
    "MergeArea",
    "RawCell",
    "RawDocument",
    "RawParagraph",
    "RawRow",
    "RawTable",
    "cell_problems",
    "clean_text",
    "column_letter",
    "read_tables",
]

MAX_FILE_BYTES = 100 * 1024 * 1024  # a plan or an action log is a few hundred kilobytes
PROGRESS_EVERY = 1000  # rows between two progress reports
LONG_CELL_CHARACTERS = 5_000  # longer than any real cell of a plan or log: worth a look, still imported

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, and password-protected .docx/.xlsx
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"})

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except surrogates,
# U+FFFE and U+FFFF. The rest cannot reach a Word export, so it is removed on the way in.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})
# Excel writes a control character in a cell as "_x0007_" (ST_Xstring); openpyxl leaves it so.
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BULLETS = ("-", "•", "▪", "·", "◦", "‣", "○", "●", "■", "□", "–")


def clean_text(text: str) -> tuple[str, int]:
    """The text as stored: (cleaned, number of characters removed). See the module docstring."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    if not text.isascii():  # translate always copies: most cells are plain ASCII and are kept as they are
        text = text.translate(_SPACES)
    text, removed = _XML_INVALID.subn("", text)
    return text.strip(), removed


def _decode_excel_escapes(text: str) -> str:
    def replace(m: re.Match[str]) -> str:
        code = int(m.group(1), 16)
        return chr(code) if code < 0x20 or code in (0xFFFE, 0xFFFF) else m.group(0)

    return _EXCEL_ESCAPE.sub(replace, text) if "_x" in text else text


@dataclass(frozen=True, slots=True)
class MergeArea:
    """A merged block of cells: rows are 1-based row numbers, columns 0-based."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int

    @property
    def is_vertical(self) -> bool:
        return self.last_row > self.first_row

    @property
    def is_horizontal(self) -> bool:
        return self.last_column > self.first_column

    def describe(self) -> str:
        """ "A5:A9" in Excel's notation (Word tables use the same letters)."""
        first = f"{column_letter(self.first_column)}{self.first_row}"
        last = f"{column_letter(self.last_column)}{self.last_row}"
        return first if first == last else f"{first}:{last}"


@dataclass(frozen=True, slots=True)
class RawCell:
    text: str
    column: int  # 0-based grid column
    is_merged_continuation: bool = False  # covered by a merge that starts in another cell
    spans_row: bool = False  # merged from here to the table's right edge, over two columns or more
    is_formula: bool = False
    original_value: Any = None  # Excel: the saved value (str, float, datetime...); Word: the text
    formula: str = ""  # "=A1&B1"
    is_date: bool = False  # a real date cell in Excel (not a date typed as text)
    merge: MergeArea | None = None
    removed_characters: int = 0  # control characters cleaned out of the text
    is_error_value: bool = False  # Excel shows an error such as #REF!

    @property
    def column_letter(self) -> str:
        return column_letter(self.column)

    @property
    def is_blank(self) -> bool:
        return not self.text

    @property
    def is_merge_anchor(self) -> bool:
        return self.merge is not None and not self.is_merged_continuation


@dataclass(frozen=True, slots=True)
class RawRow:
    row_number: int  # 1-based, as the clerk sees it (Excel's row number; the row of the Word table)
    cells: tuple[RawCell, ...]

    @property
    def is_blank(self) -> bool:
        return all(cell.is_blank for cell in self.cells)

    def filled(self) -> list[RawCell]:
        return [cell for cell in self.cells if not cell.is_blank]


@dataclass(frozen=True, slots=True)
class RawParagraph:
    """A paragraph of a Word file outside any table: headings and bullets around the tables."""

    text: str
    style: str = ""
    is_heading: bool = False
    is_list: bool = False


@dataclass(frozen=True, slots=True)
class RawTable:
    source: str  # the file's name
    kind: Literal["table", "sheet"]
    sheet_or_table_name: str  # "Plan" for a sheet, "3" for the third table of a Word file
    rows: tuple[RawRow, ...]
    width: int
    header_row_index: int | None = None  # index into rows, set once the headers are found (mapping.py)
    frozen_rows: int = 0  # Excel: rows above the frozen pane (often the header)

    @property
    def name(self) -> str:
        """ "Sheet 'Plan'" or "Table 3", the way every message names it."""
        name = f"Sheet '{self.sheet_or_table_name}'" if self.kind == "sheet" else f"Table {self.sheet_or_table_name}"
        return sys.intern(name)  # kept in every Location and Problem: one copy, not one per cell

    @property
    def header_row(self) -> RawRow | None:
        return None if self.header_row_index is None else self.rows[self.header_row_index]

    @property
    def data_rows(self) -> tuple[RawRow, ...]:
        start = 0 if self.header_row_index is None else self.header_row_index + 1
        return self.rows[start:]

    def column_name(self, column: int, header: str = "") -> str:
        """ "column D ('By When')" in a sheet, "column 'By When'" in a Word table."""
        return place("", None, column, header, sheet=self.kind == "sheet")

    def where(self, row_number: int | None = None, column: int | None = None, header: str = "") -> str:
        """ "Sheet 'Plan' row 14 column D ('By When')" / "Table 3 row 5 column 'By When'"."""
        return place(self.name, row_number, column, header, sheet=self.kind == "sheet")

    def problem(
        self,
        severity: Severity,
        message: str,
        row_number: int | None = None,
        column: int | None = None,
        header: str = "",
    ) -> Problem:
        return Problem(
            severity=severity,
            where=self.where(row_number, column, header),
            message=message,
            table=self.name,
            row=row_number,
            column=column_letter(column) if column is not None else "",
        )


Block = RawParagraph | RawTable


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Everything read from one file, in document order (Word: paragraphs and tables; Excel: sheets)."""

    path: Path
    kind: Literal["docx", "xlsx"]
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = field(default=())  # what was left out on purpose: hidden sheets, charts...

    @property
    def tables(self) -> tuple[RawTable, ...]:
        return tuple(block for block in self.blocks if isinstance(block, RawTable))


def cell_problems(table: RawTable, row: RawRow, cell: RawCell, header: str = "") -> list[Problem]:
    """What the clerk should know about one cell an importer takes: formulas, error values,
    removed characters, very long text."""
    found: list[Problem] = []

    def add(severity: Severity, message: str) -> None:
        found.append(table.problem(severity, message, row.row_number, cell.column, header))

    if cell.is_formula:
        if cell.original_value is None:
            add(
                Severity.ERROR,
                f"holds a formula ({_shorten(cell.formula, 60)}) with no saved result, so its value is unknown: "
                f"open the file in Excel and save it, or type the value in",
            )
        else:
            add(
                Severity.WARNING,
                f"holds a formula ({_shorten(cell.formula, 60)}); its saved result “{_shorten(cell.text, 60)}” "
                f"was imported as text",
            )
    if cell.is_error_value:
        add(Severity.ERROR, f"shows the Excel error {cell.text}: correct the cell or clear it")
    if cell.removed_characters:
        add(
            Severity.WARNING,
            f"{cell.removed_characters} control character(s) that a document cannot hold were removed",
        )
    if len(cell.text) > LONG_CELL_CHARACTERS:
        add(
            Severity.WARNING,
            f"very long cell ({len(cell.text):,} characters): imported in full; check nothing was pasted in by mistake",
        )
    return found


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- opening the file -------------------------------------------------------------------------------------
def read_tables(path: str | Path, progress: Progress | None = None) -> RawDocument:
    """Every table of a .docx or every visible sheet of a .xlsx; ImportFileError if it cannot be read.

    The file is first checked as a zip (limits.py) so a hostile file is refused before it is loaded.
    `progress(rows read, rows in all)` is called every PROGRESS_EVERY rows; False cancels
    (`ImportCancelled`, an ImportFileError: nothing is read, so nothing can be written).
    """
    path = Path(path)
    kind = _sniff(path)
    facts = check_import_file(path, kind)
    try:
        return _read_docx(path, progress) if kind == "docx" else _read_xlsx(path, facts, progress)
    except ImportFileError:
        raise
    except MemoryError as exc:
        raise ImportFileError(f"{path.name} is too large to import.") from exc
    except Exception as exc:  # python-docx, openpyxl and lxml raise many kinds on a damaged file
        what = "a Word document" if kind == "docx" else "an Excel workbook"
        raise ImportFileError(
            f"{path.name} could not be read as {what}: the file looks damaged ({_first_line(exc)}). "
            f"Open it in {'Word' if kind == 'docx' else 'Excel'}, save it again and retry."
        ) from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return _shorten(text[0], 160) if text else type(exc).__name__


def _sniff(path: Path) -> Literal["docx", "xlsx"]:
    """Which reader can take the file, judged by its content rather than its name."""
    if not path.exists():
        raise ImportFileError(f"{path} does not exist.")
    if not path.is_file():
        raise ImportFileError(f"{path} is a folder, not a Word or Excel file.")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024 * 1024)
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be opened: {exc.strerror or exc}.") from exc
    if size == 0:
        raise ImportFileError(f"{path.name} is empty (0 bytes).")
    if size > MAX_FILE_BYTES:
        raise ImportFileError(
            f"{path.name} is too large to import ({size / 1024 / 1024:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB)."
        )
    if head.startswith(OLE_MAGIC):
        if _has_marker(path, "EncryptedPackage".encode("utf-16-le")):
            raise ImportFileError(
                f"{path.name} is password-protected. Open it in Word or Excel, remove the password "
                f"(File > Info > Protect > Encrypt with Password) and save it, then import it again."
            )
        raise ImportFileError(
            f"{path.name} is in the old Word 97-2003 (.doc) or Excel 97-2003 (.xls) format. Open it and "
            f"save it as a Word document (.docx) or Excel workbook (.xlsx), then import that."
        )
    if not head.startswith(b"PK"):
        raise ImportFileError(
            f"{path.name} is not a Word (.docx) or Excel (.xlsx) file{_guess_format(path, head)}. "
            f"Save the plan from Word or Excel in one of those formats."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise ImportFileError(
                    f"{path.name} unpacks to more than {MAX_UNPACKED_BYTES // 1024 // 1024} MB; "
                    f"it is not a plan or an action log."
                )
            # Each part's stream and checksum are checked by limits.check_import_file, which unpacks them anyway.
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            f"{path.name} is damaged (it is not a complete Word or Excel file: {_first_line(exc)}). "
            f"Open it in Word or Excel, save it again and retry."
        ) from exc
    except (OSError, RuntimeError, NotImplementedError) as exc:  # unsupported compression, encrypted zip
        raise ImportFileError(f"{path.name} cannot be unpacked ({_first_line(exc)}).") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        raise ImportFileError(
            f"{path.name} is an OpenDocument file (LibreOffice). Save it as a Word document (.docx) or "
            f"Excel workbook (.xlsx), then import that."
        )
    raise ImportFileError(f"{path.name} is not a Word (.docx) or Excel (.xlsx) file (it is some other zip archive).")


def _has_marker(path: Path, marker: bytes) -> bool:
    """Whether the file holds `marker` anywhere (an OLE directory entry can be far from the start)."""
    overlap = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            if marker in overlap + chunk:
                return True
            overlap = chunk[-len(marker) :]
    return False


def _guess_format(path: Path, head: bytes) -> str:
    if head.startswith(b"%PDF"):
        return " (it is a PDF)"
    if head.lstrip().startswith((b"<html", b"<!DOCTYPE", b"<?xml")):
        return " (it is a web page or an XML file)"
    if path.suffix.lower() in (".csv", ".txt"):
        return " (it is plain text)"
    return ""


# -- Word -------------------------------------------------------------------------------------------------
class _Rows:
    """Counts rows read and reports them to `progress` every PROGRESS_EVERY rows; a False answer cancels."""

    def __init__(self, path: Path, progress: Progress | None, total: int) -> None:
        self.path, self.progress, self.total, self.done = path, progress, max(total, 1), 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % PROGRESS_EVERY == 0:
            self.report()

    def report(self) -> None:
        if self.progress is not None and not self.progress(min(self.done, self.total), self.total):
            raise ImportCancelled(f"The import of {self.path.name} was cancelled; nothing was imported.")


def _read_docx(path: Path, progress: Progress | None = None) -> RawDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    counter = _Rows(path, progress, 0)
    counter.report()
    document = docx.Document(str(path))
    counter.total = max(1, sum(len(t._tbl.tr_lst) for t in document.tables))
    styles = _Styles(document)
    blocks: list[Block] = []
    notes: list[str] = []
    number = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text, _removed = clean_text(_paragraph_text(item._p))
            if text:
                style = styles.name_of(item._p)
                is_list = _is_list_paragraph(item._p, style)
                blocks.append(
                    RawParagraph(
                        text=text,
                        style=style,
                        is_heading=not is_list and _looks_like_heading(item, style, text),
                        is_list=is_list,
                    )
                )
        elif isinstance(item, Table):
            number += 1
            table = _docx_table(item, str(number), path.name, styles, counter)
            blocks.append(table)
            if any(item._tbl.xpath(".//w:tc//w:tbl")):
                notes.append(f"Table {number} has a table inside a cell; the inner table was not read.")
    counter.done = counter.total
    counter.report()
    return RawDocument(path=path, kind="docx", blocks=tuple(blocks), notes=tuple(notes))


class _Styles:
    """Paragraph style names by style id, looked up once (python-docx's lookup is slow per paragraph)."""

    def __init__(self, document: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self._names: dict[str, str] = {}
        self._default = "Normal"
        try:
            for style in document.styles:
                if style.style_id and style.name:
                    self._names[str(style.style_id)] = str(style.name)
            default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            if default is not None and default.name:
                self._default = str(default.name)
        except (KeyError, ValueError, AttributeError):
            pass

    def name_of(self, p: Any) -> str:
        p_pr = p.pPr
        style_id = p_pr.style if p_pr is not None else None
        if not style_id:
            return self._default
        return self._names.get(str(style_id), str(style_id))


def _paragraph_text(p: Any) -> str:
    """The visible text, including runs inside tracked insertions, fields and hyperlinks."""
    return "".join(run.text for run in p.xpath(".//w:r[not(ancestor::w:del) and not(ancestor::w:txbxContent)]"))


def _is_list_paragraph(p: Any, style: str) -> bool:
    p_pr = p.pPr
    if p_pr is not None and p_pr.numPr is not None:
        return True
    return style.lower().startswith(("list bullet", "list number", "list paragraph"))


def _looks_like_heading(paragraph: Any, style: str, text: str) -> bool:
    """A Heading/Title style, an outline level, or a short paragraph that is bold throughout."""
    if style.lower().startswith(("heading", "title", "subtitle")):
        return True
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.xpath("./w:outlineLvl"):
        return True
    if len(text) > 150 or "\n" in text:
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _cell_text(tc: Any, styles: _Styles) -> str:
    """A cell's paragraphs as lines; list paragraphs read as "- item" (bullets in plan cells)."""
    lines = []
    for p in tc.xpath("./w:p | ./w:sdt/w:sdtContent/w:p"):
        text = _paragraph_text(p)
        if text.strip() and _is_list_paragraph(p, styles.name_of(p)) and not text.lstrip().startswith(_BULLETS):
            text = f"- {text.strip()}"
        lines.append(text)
    return "\n".join(lines)


def _docx_table(table: Any, name: str, source: str, styles: _Styles, counter: _Rows | None = None) -> RawTable:
    tbl = table._tbl
    grid = tbl.tblGrid
    width = len(grid.gridCol_lst) if grid is not None else 0
    layout: list[list[tuple[int, int, Any]]] = []
    for tr in tbl.tr_lst:
        column = tr.grid_before
        entries = []
        for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
            span = max(1, tc.grid_span)
            entries.append((column, span, tc))
            column += span
        width = max(width, column)
        layout.append(entries)
    if width > MAX_COLUMNS or len(layout) > MAX_ROWS:
        raise ImportFileError(f"{source}: Table {name} is too large to import ({len(layout)} rows, {width} columns).")

    # Vertical merges: a "restart" cell and the "continue" cells below it in the same grid columns.
    vmerge: list[dict[int, str]] = [{col: tc.vMerge for col, _span, tc in entries if tc.vMerge} for entries in layout]
    spans: list[dict[int, int]] = [{col: span for col, span, _tc in entries} for entries in layout]

    # The first and last row of each cell's vertical merge, in one pass down and one up: linear in the
    # number of cells however tall a merge is (walking the merge from each of its cells was quadratic).
    tops: list[dict[int, int]] = []
    for row_index, entries in enumerate(layout):
        row_tops = {}
        for col, _span, _tc in entries:
            above = vmerge[row_index - 1].get(col) if row_index > 0 else None
            if vmerge[row_index].get(col) != "continue" or above is None:
                row_tops[col] = row_index
            elif above == "continue":
                row_tops[col] = tops[row_index - 1][col]
            else:  # "restart" above
                row_tops[col] = row_index - 1
        tops.append(row_tops)
    bottoms: list[dict[int, int]] = [{} for _ in layout]
    for row_index in range(len(layout) - 1, -1, -1):
        below = row_index + 1
        for col, _span, _tc in layout[row_index]:
            merged_below = below < len(layout) and vmerge[below].get(col) == "continue"
            bottoms[row_index][col] = bottoms[below][col] if merged_below else row_index

    def area(row_index: int, col: int) -> MergeArea | None:
        span = spans[row_index][col]
        top, bottom = tops[row_index][col], bottoms[row_index][col]
        if top == bottom and span == 1:
            return None
        return MergeArea(top + 1, col, bottom + 1, col + span - 1)

    rows = []
    for row_index, entries in enumerate(layout):
        if counter is not None:
            counter.tick()
        cells: list[RawCell | None] = [None] * width
        for col, span, tc in entries:
            merge = area(row_index, col)
            continuation = vmerge[row_index].get(col) == "continue"
            text, removed = ("", 0) if continuation else clean_text(_cell_text(tc, styles))
            cells[col] = RawCell(
                text=text,
                column=col,
                is_merged_continuation=continuation,
                spans_row=span >= 2 and col + span >= width,
                original_value=text,
                merge=merge,
                removed_characters=removed,
            )
            for extra in range(col + 1, col + span):
                cells[extra] = RawCell(text="", column=extra, is_merged_continuation=True, merge=merge)
        rows.append(
            RawRow(
                row_number=row_index + 1,
                cells=tuple(cell if cell is not None else RawCell(text="", column=i) for i, cell in enumerate(cells)),
            )
        )
    return RawTable(source=source, kind="table", sheet_or_table_name=name, rows=tuple(rows), width=width)


# -- Excel ------------------------------------------------------------------------------------------------
def _read_xlsx(path: Path, facts: WorkbookFacts | None = None, progress: Progress | None = None) -> RawDocument:
    """Streams the sheets (openpyxl's read-only mode): memory follows the rows kept, not openpyxl's cells.

    Merged ranges and frozen rows come from the limits scan (read-only mode does not keep them).
    """
    import warnings

    from openpyxl import load_workbook

    facts = facts if facts is not None else check_import_file(path, "xlsx")
    counter = _Rows(path, progress, sum(s.rows for s in facts.sheets.values()))
    counter.report()
    blocks: list[Block] = []
    notes: list[str] = []
    with warnings.catch_warnings():
        # openpyxl warns about data validation, conditional formatting and the like it does not keep.
        warnings.simplefilter("ignore")
        with_formulas = {title for title, sheet in facts.sheets.items() if sheet.has_formulas}
        formulas = _xlsx_formulas(path, with_formulas) if with_formulas else {}
        with path.open("rb") as handle:  # a file object: openpyxl would refuse a name not ending .xlsx
            workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    if sheet.sheet_state != "visible":
                        notes.append(f"Sheet '{sheet.title}' is hidden and was not read.")
                        continue
                    sheet_facts = facts.sheets.get(sheet.title)
                    blocks.append(_xlsx_sheet(sheet, formulas.get(sheet.title, {}), path.name, sheet_facts, counter))
                for chart in workbook.chartsheets:
                    notes.append(f"Sheet '{chart.title}' is a chart and was not read.")
            finally:
                workbook.close()
    counter.done = counter.total
    counter.report()
    if not blocks:
        raise ImportFileError(f"{path.name} has no visible sheets to import.")
    return RawDocument(path=path, kind="xlsx", blocks=tuple(blocks), notes=tuple(notes))


def _xlsx_formulas(path: Path, titles: set[str] | None = None) -> dict[str, dict[tuple[int, int], str]]:
    """{sheet title: {(row, column): formula}}, from a read-only pass that keeps formulas (of `titles` only)."""
    from openpyxl import load_workbook

    found: dict[str, dict[tuple[int, int], str]] = {}
    with path.open("rb") as handle:
        workbook = load_workbook(handle, read_only=True, data_only=False)
        try:
            for sheet in workbook.worksheets:
                if titles is not None and sheet.title not in titles:
                    continue
                sheet.reset_dimensions()  # every row written, whatever <dimension> says
                cells: dict[tuple[int, int], str] = {}
                for row in sheet.iter_rows():
                    for cell in row:
                        if getattr(cell, "data_type", None) == "f":
                            value = cell.value
                            cells[(cell.row, cell.column)] = str(getattr(value, "text", None) or value)
                if cells:
                    found[sheet.title] = cells
        finally:
            workbook.close()
    return found


def _xlsx_sheet(
    sheet: Any,
    formulas: dict[tuple[int, int], str],
    source: str,
    facts: SheetFacts | None = None,
    counter: _Rows | None = None,
) -> RawTable:
    merges: dict[tuple[int, int], MergeArea] = {}
    for min_row, min_col, last_row, last_col in facts.merges if facts is not None else []:
        area = MergeArea(min_row, min_col - 1, last_row, last_col - 1)
        for r in range(min_row, last_row + 1):
            for c in range(min_col, last_col + 1):
                merges[(r, c)] = area

    # The rows as written, not as <dimension> declares them (a writer may leave it out or get it wrong):
    # read-only mode then yields each row up to its last cell, and an empty tuple for a missing row.
    sheet.reset_dimensions()
    grid: list[list[RawCell]] = []
    max_col = cells_read = 0
    for r, row in enumerate(sheet.iter_rows(), start=1):
        if counter is not None:
            counter.tick()
        cells_read += len(row)
        if r > MAX_ROWS or len(row) > MAX_COLUMNS or cells_read > MAX_CELLS:
            raise ImportFileError(
                f"{source}: sheet '{sheet.title}' is too large to import (more than {MAX_ROWS:,} rows, "
                f"{MAX_COLUMNS:,} columns or {MAX_CELLS:,} cells)."
            )
        max_col = max(max_col, len(row))
        cells = []
        for c, cell in enumerate(row, start=1):
            cells.append(_xlsx_cell(cell, r, c, merges.get((r, c)), formulas.get((r, c))))
        grid.append(cells)
    for r, cells in enumerate(grid, start=1):  # one cell per grid column in every row
        for c in range(len(cells) + 1, max_col + 1):
            cells.append(_xlsx_cell(None, r, c, merges.get((r, c)), formulas.get((r, c))))

    # Trim the empty margin that styled but unused cells leave below and to the right.
    last_row = max((i for i, cells in enumerate(grid) if any(not c.is_blank for c in cells)), default=-1)
    grid = grid[: last_row + 1]
    last_col = max((c.column for cells in grid for c in cells if not c.is_blank), default=-1)
    width = last_col + 1
    rows = []
    for r, cells in enumerate(grid, start=1):
        trimmed = []
        for cell in cells[:width]:
            if cell.merge is not None and cell.merge.is_horizontal and cell.merge.first_column == cell.column:
                # Merged to the right edge of what is filled: a section row written across the table.
                spans = cell.merge.last_column >= width - 1
                cell = _replace(cell, spans_row=spans)
            trimmed.append(cell)
        rows.append(RawRow(row_number=r, cells=tuple(trimmed)))
    frozen = facts.frozen_rows if facts is not None else 0
    return RawTable(
        source=source, kind="sheet", sheet_or_table_name=sheet.title, rows=tuple(rows), width=width, frozen_rows=frozen
    )


def _replace(cell: RawCell, **changes: Any) -> RawCell:
    from dataclasses import replace

    return replace(cell, **changes)


def _xlsx_cell(cell: Any, r: int, c: int, merge: MergeArea | None, formula: str | None) -> RawCell:
    continuation = merge is not None and (merge.first_row, merge.first_column + 1) != (r, c)
    value = None if continuation else getattr(cell, "value", None)  # Excel shows only a merge's first cell
    formula = None if continuation else formula
    is_date = bool(getattr(cell, "is_date", False)) and isinstance(value, dt.date | dt.time)
    number_format = str(getattr(cell, "number_format", "General") or "General")
    # Only a real error cell: "#N/A" typed as text is how some clerks write "not applicable".
    is_error = getattr(cell, "data_type", None) == "e" and isinstance(value, str) and value in EXCEL_ERRORS
    if value is None:
        raw = ""
    elif isinstance(value, bool):
        raw = "TRUE" if value else "FALSE"
    elif isinstance(value, dt.datetime | dt.date | dt.time):
        raw = format_excel_date(value, number_format)
    elif isinstance(value, int | float):
        raw = format_number(value, number_format)
    else:
        raw = _decode_excel_escapes(str(value))
    text, removed = clean_text(raw)
    return RawCell(
        text=text,
        column=c - 1,
        is_merged_continuation=continuation,
        is_formula=formula is not None,
        original_value=value,
        formula=formula or "",
        is_date=is_date,
        merge=merge,
        removed_characters=removed,
        is_error_value=is_error,
    )


# -- Excel number formats ---------------------------------------------------------------------------------
_MONTHS = MONTH_NAMES
_DAYS = DAY_NAMES
_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|AM/PM|am/pm|A/P|a/p|y+|Y+|m+|M+|d+|D+|h+|H+|s+|S+|\.0+|.', re.DOTALL)
# Built-in formats Excel shows in the machine's own short date; BoardApp's clerks are in the UK.
_SHORT_DATE_FORMATS = frozenset({"mm-dd-yy", "m/d/yy", "m/d/yyyy", "general", ""})


def format_excel_date(value: dt.datetime | dt.date | dt.time, number_format: str) -> str:
    """The date as Excel shows it under `number_format`, with English names whatever the locale."""
    fmt = re.sub(r"\[[^\]]*\]", "", number_format.split(";")[0]).strip()
    if fmt.lower() in _SHORT_DATE_FORMATS or fmt.lower().startswith("m/d/yy"):
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        day = value.date() if isinstance(value, dt.datetime) else value
        text = f"{day.day:02d}/{day.month:02d}/{day.year}"
        if isinstance(value, dt.datetime) and (value.hour or value.minute):
            text += f" {value.hour:02d}:{value.minute:02d}"
        return text
    tokens = _DATE_TOKEN.findall(fmt)
    kinds = [t[0].lower() if t[0].lower() in "ymdhs" else "" for t in tokens]
    twelve_hour = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out = []
    for i, token in enumerate(tokens):
        lower = token.lower()
        kind = kinds[i]
        if token.startswith('"'):
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        elif lower in ("am/pm", "a/p"):
            hour = getattr(value, "hour", 0)
            label = "AM" if hour < 12 else "PM"
            out.append(label if lower == "am/pm" else label[0])
        elif kind == "y":
            year = getattr(value, "year", 1900)
            out.append(str(year) if len(token) > 2 else f"{year % 100:02d}")
        elif kind == "m":
            before = next((k for k in reversed(kinds[:i]) if k), "")
            after = next((k for k in kinds[i + 1 :] if k), "")
            if len(token) <= 2 and (before == "h" or after == "s"):
                out.append(_pad(getattr(value, "minute", 0), len(token)))
            else:
                month = getattr(value, "month", 1)
                name = _MONTHS[month - 1]
                if len(token) <= 2:
                    out.append(_pad(month, len(token)))
                else:
                    out.append({3: name[:3], 5: name[0]}.get(len(token), name))
        elif kind == "d":
            if len(token) >= 3 and isinstance(value, dt.date):
                name = _DAYS[value.weekday()]
                out.append(name if len(token) >= 4 else name[:3])
            else:
                out.append(_pad(getattr(value, "day", 1), len(token)))
        elif kind == "h":
            hour = getattr(value, "hour", 0)
            if twelve_hour:
                hour = hour % 12 or 12
            out.append(_pad(hour, len(token)))
        elif kind == "s":
            out.append(_pad(getattr(value, "second", 0), len(token)))
        elif lower.startswith(".0") or token in ("_", "*"):
            continue
        else:
            out.append(token)
    return "".join(out).strip()


def _pad(number: int, width: int) -> str:
    return f"{number:02d}" if width >= 2 else str(number)


def format_number(value: float, number_format: str) -> str:
    """A number as shown: "12" not "12.0", "1.10" under "0.00", "85%" under "0%"."""
    fmt = number_format.split(";")[0]
    fmt = re.sub(r'\[[^\]]*\]|"[^"]*"|\\.', "", fmt)
    match = re.search(r"[0#](?:[0#,]*)(?:\.([0#]+))?(%?)", fmt)
    if match and fmt.lower() != "general":
        decimals = len(match.group(1) or "")
        number = float(value) * (100 if match.group(2) else 1)
        text = f"{number:,.{decimals}f}" if "," in fmt.split(".")[0] else f"{number:.{decimals}f}"
        return text + match.group(2)
    if isinstance(value, int) or (float(value).is_integer() and abs(value) < 1e15):
        return str(int(value))
    return f"{value:.15g}"
