"""Text of a written file read back, for the exempt-text guard's last look before a public file is kept.

Any format BoardApp writes: .docx (python-docx), .pdf (pypdf, a dev dependency: without it the
file is not read back and only the document model was checked), .xlsx (openpyxl: every cell of
every sheet, the header and footer, and the workbook properties).
"""

from __future__ import annotations

from pathlib import Path


def read_xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    with Path(path).open("rb") as file:  # a file object: openpyxl refuses names not ending .xlsx (".part")
        workbook = load_workbook(file)
    props = workbook.properties
    parts = [props.title or "", props.subject or "", props.keywords or "", props.description or ""]
    for sheet in workbook.worksheets:
        for header in (sheet.oddHeader, sheet.oddFooter):
            parts += [part.text or "" for part in (header.left, header.center, header.right)]
        for row in sheet.iter_rows(values_only=True):
            parts += [str(value) for value in row if isinstance(value, str)]
    return "\n".join(parts)


def read_back(path: Path, fmt: str) -> str:
    """All text of the file as a reader's tools get it ("" when the PDF reader is missing)."""
    if fmt == "xlsx":
        return read_xlsx_text(path)
    if fmt == "docx":
        from boardapp.exporting.backends.docx_backend import read_docx_text

        return read_docx_text(path)
    try:
        from boardapp.exporting.backends.pdf_backend import read_pdf_text

        return read_pdf_text(path)
    except ImportError:  # pypdf missing: the document model was checked before rendering
        return ""
