"""Bounds on a .xlsx/.docx checked on the zip itself, before openpyxl or python-docx load anything.

Why (issue 11 point 6): a 2 KB workbook with one merged range A3:XFD1048576 made openpyxl allocate
a cell object for each of its 17 billion cells; a 511 KB file unpacked to one 500 MB cell; a corrupt
deflate stream gave a `zlib.error` traceback. Everything here reads the archive as a stream, in
bounded chunks, so checking a hostile file costs little memory and time linear in its unpacked size:

* the unpacked size of the whole archive, and the compression ratio of each large member (zip bomb);
* every part is decompressed once and its CRC checked (a corrupt stream is "damaged", not a traceback);
* a sheet's declared `<dimension ref=...>` and each `<mergeCell ref=...>` (the merged cells openpyxl
  would create), against the row, column and cell limits of tables.py;
* the longest run of text in a sheet, the shared strings or a Word document (one 500 MB cell);
* the number of table rows of a Word document.

`check_import_file` raises `ImportFileError` with a sentence naming the file; it also returns what the
scan learnt about each sheet (merged ranges, frozen rows), so the reader need not ask openpyxl's
full-load mode for them. `Progress` is the callback type the readers accept: `progress(done, total)`
returns False to cancel, which raises `ImportCancelled` (nothing has been written at that point).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from boardapp.importing.problems import ImportFileError

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_MERGED_CELLS",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_TEXT_BYTES",
    "MAX_UNPACKED_BYTES",
    "ImportCancelled",
    "Progress",
    "SheetFacts",
    "WorkbookFacts",
    "check_import_file",
    "check_table_size",
    "parse_range",
]

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a real plan or action log unpacks to a few megabytes
MAX_RATIO = 150  # unpacked / packed, for members over RATIO_FLOOR; real sheets compress 5-40 times
RATIO_FLOOR = 1024 * 1024
MAX_ROWS = 200_000
MAX_COLUMNS = 500
MAX_CELLS = 5_000_000
MAX_MERGED_CELLS = 1_000_000  # openpyxl makes an object for each merged cell
MAX_TEXT_BYTES = 512 * 1024  # of XML text in one run; Excel's own limit is 32,767 characters a cell
CHUNK = 1024 * 1024
EXCEL_MAX_ROWS, EXCEL_MAX_COLUMNS = 1_048_576, 16_384

Progress = Callable[[int, int], bool]  # (done, total) -> False to cancel


class ImportCancelled(ImportFileError):
    """The clerk cancelled while the file was read: nothing was imported."""


@dataclass
class SheetFacts:
    """What the scan of one worksheet part found (rows 1-based, columns 1-based as in Excel)."""

    part: str
    title: str
    dimension: tuple[int, int, int, int] | None = None  # min_row, min_col, max_row, max_col
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    frozen_rows: int = 0
    has_formulas: bool = False  # any <f> element: only then is the formula pass of tables.py needed
    rows: int = 0  # the last row number written (its <row r=...>), whatever <dimension> claims


@dataclass
class WorkbookFacts:
    kind: Literal["docx", "xlsx"]
    sheets: dict[str, SheetFacts] = field(default_factory=dict)  # by sheet title
    table_rows: int = 0  # a Word document's <w:tr> count


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_TAG_WITH_REF = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(dimension|mergeCell)\b[^>]{0,200}?\bref=\"([^\"]{1,64})\"")
_PANE = re.compile(rb"<(?:[A-Za-z0-9_]+:)?pane\b[^>]{0,400}>")
_Y_SPLIT = re.compile(rb"\bySplit=\"(\d+(?:\.\d+)?)\"")
_WORD_ROW = re.compile(rb"<w:tr[ >/]")
_FORMULA = re.compile(rb"<(?:[A-Za-z0-9_]+:)?f[ >/]")
_ROW = re.compile(rb"<(?:[A-Za-z0-9_]+:)?row\b([^>]{0,400})>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d{1,9})\"")
_OVERLAP = 512  # bytes kept from the previous chunk so a tag split across two chunks is still seen


def parse_range(ref: str) -> tuple[int, int, int, int] | None:
    """ "A3:XFD1048576" -> (3, 1, 1048576, 16384); a single cell "B2" -> (2, 2, 2, 2); None if not a range."""
    parts = ref.split(":")
    if not 1 <= len(parts) <= 2:
        return None
    cells = []
    for part in parts:
        match = _CELL_REF.match(part.strip())
        if match is None:
            return None
        column = 0
        for letter in match.group(1).upper():
            column = column * 26 + ord(letter) - 64
        cells.append((int(match.group(2)), column))
    (r1, c1), (r2, c2) = cells[0], cells[-1]
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def check_import_file(path: Path, kind: Literal["docx", "xlsx"]) -> WorkbookFacts:
    """Refuse, with a message naming the file, what would take unbounded memory or time to load."""
    facts = WorkbookFacts(kind=kind)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_sizes(path, infos)
            titles = _sheet_titles(archive) if kind == "xlsx" else {}
            for info in infos:
                _scan_member(path, archive, info, kind, facts, titles)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ImportFileError(
            f"{path.name} is damaged (a compressed part cannot be unpacked: {_first_line(exc)}). "
            f"Open it in {'Word' if kind == 'docx' else 'Excel'}, save it again and retry."
        ) from exc
    except (OSError, RuntimeError, NotImplementedError) as exc:
        raise ImportFileError(f"{path.name} cannot be unpacked ({_first_line(exc)}).") from exc
    return facts


def check_table_size(file_name: str, rows: int, columns: int) -> None:
    """For a reader that builds its own grid (a CSV): refuse before allocating rows × columns cells."""
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise ImportFileError(
            f"{file_name} is too large to import ({rows:,} rows × {columns:,} columns; the limits are "
            f"{MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and {MAX_CELLS:,} cells)."
        )


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ImportFileError(
            f"{path.name} unpacks to {total / 1024 / 1024:,.0f} MB (the limit is "
            f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB); it is not a plan or an action log."
        )
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFileError(
                f"{path.name} looks like a “zip bomb”: its part {info.filename} packs "
                f"{info.file_size / 1024 / 1024:,.0f} MB into {max(info.compress_size, 1) / 1024:,.0f} KB. "
                f"It was not opened."
            )


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """{"xl/worksheets/sheet1.xml": "Actions"}, best effort (the member name stands in otherwise)."""
    try:
        workbook = _read_small(archive, "xl/workbook.xml")
        rels = _read_small(archive, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for match in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = match.group(0)
        rid, target = re.search(rb'\bId="([^"]+)"', tag), re.search(rb'\bTarget="([^"]+)"', tag)
        if rid and target:
            name = target.group(1).decode("utf-8", "replace")
            part = name.lstrip("/") if name.startswith("/") else posixpath.normpath(posixpath.join("xl", name))
            targets[rid.group(1)] = part
    titles = {}
    for match in re.finditer(rb"<(?:[A-Za-z0-9_]+:)?sheet\b[^>]*>", workbook):
        tag = match.group(0)
        name, rid = re.search(rb'\bname="([^"]*)"', tag), re.search(rb'\br:id="([^"]+)"', tag)
        if name and rid and rid.group(1) in targets:
            titles[targets[rid.group(1)]] = _unescape(name.group(1).decode("utf-8", "replace"))
    return titles


def _read_small(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > 10 * 1024 * 1024:
        return b""
    return archive.read(info)


def _unescape(text: str) -> str:
    from html import unescape

    return unescape(text)


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            yield chunk


def _scan_member(
    path: Path,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    kind: Literal["docx", "xlsx"],
    facts: WorkbookFacts,
    titles: dict[str, str],
) -> None:
    """Unpack one part as a stream (its CRC is checked at the end); look inside the parts that hold text."""
    name = info.filename
    is_sheet = kind == "xlsx" and name.startswith("xl/worksheets/") and name.endswith(".xml")
    has_text = (
        is_sheet
        or name in ("xl/sharedStrings.xml", "word/document.xml")
        or (kind == "docx" and name.startswith("word/") and name.endswith(".xml"))
    )
    if not has_text:
        for _chunk in _chunks(archive, info):
            pass  # unpacked (bounded by its declared size) only to check it is intact
        return
    sheet = SheetFacts(part=name, title=titles.get(name, posixpath.basename(name))) if is_sheet else None
    where = f"sheet '{sheet.title}'" if sheet is not None else f"part {name}"
    run = 0  # bytes of text since the last "<"
    merged_cells = 0
    tail = b""
    for chunk in _chunks(archive, info):
        pieces = chunk.split(b"<")
        run += len(pieces[0])
        longest = max(run, max((len(p) for p in pieces[1:-1]), default=0))
        if len(pieces) > 1:
            run = len(pieces[-1])
            longest = max(longest, run)
        if longest > MAX_TEXT_BYTES:
            raise ImportFileError(
                f"{path.name}: {where} holds a cell or paragraph of more than {MAX_TEXT_BYTES // 1024} KB of text "
                f"(Excel allows 32,767 characters in a cell). It was not imported."
            )
        buffer = tail + chunk
        if sheet is not None:
            for match in _TAG_WITH_REF.finditer(buffer):
                if match.end() <= len(tail):
                    continue  # seen with the previous chunk
                merged_cells += _check_ref(path, sheet, match.group(1), match.group(2).decode("ascii", "replace"))
                if merged_cells > MAX_MERGED_CELLS:
                    raise ImportFileError(
                        f"{path.name}: sheet '{sheet.title}' merges more than {MAX_MERGED_CELLS:,} cells in all; "
                        f"it is not a plan or an action log. Unmerge the cells in Excel, save and retry."
                    )
            for match in _ROW.finditer(buffer):
                if match.end() > len(tail):
                    number = _ROW_NUMBER.search(match.group(1))
                    sheet.rows = max(sheet.rows + 1, int(number.group(1))) if number else sheet.rows + 1
            if sheet.rows > MAX_ROWS:
                raise ImportFileError(
                    f"{path.name}: sheet '{sheet.title}' has more than {MAX_ROWS:,} rows; it is not a plan or an "
                    f"action log."
                )
            if not sheet.has_formulas and _FORMULA.search(buffer) is not None:
                sheet.has_formulas = True
            for match in _PANE.finditer(buffer):
                if match.end() > len(tail) and b'state="frozen"' in match.group(0):
                    split = _Y_SPLIT.search(match.group(0))
                    sheet.frozen_rows = int(float(split.group(1))) if split else 0
        elif kind == "docx" and name == "word/document.xml":
            facts.table_rows += sum(1 for m in _WORD_ROW.finditer(buffer) if m.end() > len(tail))
            if facts.table_rows > MAX_ROWS:
                raise ImportFileError(
                    f"{path.name} has more than {MAX_ROWS:,} table rows; it is not a plan or an action log."
                )
        tail = buffer[-_OVERLAP:]
    if sheet is not None:
        facts.sheets[sheet.title] = sheet


def _check_ref(path: Path, sheet: SheetFacts, tag: bytes, ref: str) -> int:
    """Check a <dimension> or <mergeCell>; returns the number of cells a merge covers."""
    bounds = parse_range(ref)
    if bounds is None:
        if tag == b"mergeCell":
            raise ImportFileError(f"{path.name}: sheet '{sheet.title}' has a damaged merged range “{ref[:40]}”.")
        return 0  # a strange dimension: openpyxl recomputes it
    r1, c1, r2, c2 = bounds
    rows, columns = r2 - r1 + 1, c2 - c1 + 1
    if r2 > EXCEL_MAX_ROWS or c2 > EXCEL_MAX_COLUMNS:
        raise ImportFileError(f"{path.name}: sheet '{sheet.title}' refers to cells beyond Excel's own limits ({ref}).")
    if tag == b"dimension":
        sheet.dimension = bounds
        if r2 > MAX_ROWS or c2 > MAX_COLUMNS or r2 * c2 > MAX_CELLS:
            raise ImportFileError(
                f"{path.name}: sheet '{sheet.title}' is too large to import: it declares {r2:,} rows × {c2:,} "
                f"columns ({ref}); the limits are {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and "
                f"{MAX_CELLS:,} cells."
            )
        return 0
    sheet.merges.append(bounds)
    if r2 > MAX_ROWS or c2 > MAX_COLUMNS or rows * columns > MAX_MERGED_CELLS:
        raise ImportFileError(
            f"{path.name}: sheet '{sheet.title}' merges the cells {ref} ({rows:,} rows × {columns:,} columns), "
            f"far beyond any plan or action log. Unmerge them in Excel, save and retry."
        )
    return rows * columns


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:160] if lines else type(exc).__name__
