"""Readers that turn an exported .docx or .pdf back into text the export tests can search."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.table import Table
from pypdf import PdfReader


def flat(text: str) -> str:
    """Whitespace (line wraps, page breaks, tabs) folded to single spaces."""
    return " ".join(text.split())


def docx_text(path: Path) -> str:
    """Header, footer, then body paragraphs and table cells of a .docx, in order, one per line."""
    word = docx.Document(str(path))
    lines = [p.text for s in word.sections for part in (s.header, s.footer) for p in part.paragraphs]
    for block in word.iter_inner_content():
        if isinstance(block, Table):
            lines += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def read_back(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else pdf_text(path)


def attendance_rows(path: Path) -> list[tuple[str, str]]:
    """(name, organisation) pairs as laid out: table rows in Word, lines in the PDF."""
    if path.suffix == ".docx":
        word = docx.Document(str(path))
        return [
            (flat(row.cells[0].text), flat(row.cells[1].text))
            for table in word.tables
            if len(table.columns) == 2
            for row in table.rows
        ]
    rows = []
    for page in PdfReader(str(path)).pages:
        for line in page.extract_text(extraction_mode="layout").splitlines():
            cells = re.split(r"\s{2,}", line.strip(), maxsplit=1)
            if len(cells) == 2:
                rows.append((cells[0], cells[1]))
    return rows


def in_order(text: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        found = text.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
