"""The export use cases the GUI and the CLI call: build the document, check it, render, write.

    result = export_minutes(session, meeting_id, path, "pdf", public=True)
    result.path, result.warnings

The file is written atomically (`backends/output.py`): whatever goes wrong (a rendering error,
the exempt-text guard, a full disk), the target is left as it was and no partial file remains.
Failures the clerk can act on raise an `ExportError` subclass whose message says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from sqlmodel import Session

from boardapp.exporting.backends.output import ExportResult, write_atomically
from boardapp.exporting.backends.text import Warnings
from boardapp.exporting.errors import MeetingNotFound
from boardapp.exporting.exempt.guard import check_public_text
from boardapp.exporting.meetings.builders import build_agenda, build_minutes, collect_exempt_texts
from boardapp.exporting.meetings.documents import Document
from boardapp.services.meeting_documents import meeting_ref


class ExportFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    HTML = "html"  # issue 15: one self-contained, accessible page (html_backend.py)


class DocumentKind(StrEnum):
    MINUTES = "minutes"
    AGENDA = "agenda"


Renderer = Callable[[Document, Path, Warnings], None]


def _render_docx(document: Document, path: Path, warnings: Warnings, template: Path | None = None) -> None:
    from boardapp.exporting.backends.docx_backend import render_docx  # python-docx loads only when exporting

    render_docx(document, path, warnings, template)


def _render_pdf(document: Document, path: Path, warnings: Warnings) -> None:
    from boardapp.exporting.backends.pdf_backend import render_pdf  # reportlab loads only when exporting

    render_pdf(document, path, warnings)


def _render_html(document: Document, path: Path, warnings: Warnings) -> None:
    from boardapp.exporting.backends.html_backend import render_html

    render_html(document, path, warnings)


RENDERERS: dict[ExportFormat, Renderer] = {
    ExportFormat.DOCX: _render_docx,
    ExportFormat.PDF: _render_pdf,
    ExportFormat.HTML: _render_html,
}


def export_minutes(
    session: Session,
    meeting_id: int,
    path: str | Path,
    fmt: str | ExportFormat,
    *,
    public: bool,
    show_exempt_titles: bool = True,
    template: Path | None = None,
) -> ExportResult:
    """Write the minutes of a meeting to `path` as .docx, .pdf or .html; public leaves out exempt business."""
    document = build_minutes(session, meeting_id, public=public, show_exempt_titles=show_exempt_titles)
    return _export(session, meeting_id, document, Path(path), ExportFormat(fmt), template)


def export_agenda(
    session: Session,
    meeting_id: int,
    path: str | Path,
    fmt: str | ExportFormat,
    *,
    public: bool,
    show_exempt_titles: bool = True,
    template: Path | None = None,
) -> ExportResult:
    """Write the agenda of a meeting to `path` as .docx, .pdf or .html; public leaves out exempt business."""
    document = build_agenda(session, meeting_id, public=public, show_exempt_titles=show_exempt_titles)
    return _export(session, meeting_id, document, Path(path), ExportFormat(fmt), template)


def export_document(
    session: Session,
    kind: str | DocumentKind,
    meeting_id: int,
    path: str | Path,
    fmt: str | ExportFormat,
    *,
    public: bool,
    show_exempt_titles: bool = True,
    template: Path | None = None,
) -> ExportResult:
    """One entry point for menus and command lines that carry the kind as a value; `template` is the
    Word template (.docx) whose styles a Word export uses (None: BoardApp's own)."""
    export = export_minutes if DocumentKind(kind) is DocumentKind.MINUTES else export_agenda
    return export(
        session, meeting_id, path, fmt, public=public, show_exempt_titles=show_exempt_titles, template=template
    )


def suggested_filename(
    session: Session, meeting_id: int, kind: str | DocumentKind, fmt: str | ExportFormat, *, public: bool
) -> str:
    """A file name for a save dialog: "2017-08-01 Lancashire ... Board minutes (public).pdf"."""
    meeting = meeting_ref(session, meeting_id)
    if meeting is None:
        raise MeetingNotFound("", None, [], detail=f"There is no meeting with id {meeting_id}.")
    name = meeting.board_name
    version = " (public)" if public else ""
    stem = f"{meeting.date.isoformat()} {name} {DocumentKind(kind).value}{version}"
    stem = re.sub(r'[\x00-\x1f<>:"/\\|?*]+', " ", stem)
    stem = " ".join(stem.split())[:150].rstrip(" .")
    return f"{stem}.{ExportFormat(fmt).value}"


def _export(
    session: Session, meeting_id: int, document: Document, path: Path, fmt: ExportFormat, template: Path | None = None
) -> ExportResult:
    warnings = Warnings()
    warnings.extend(document.warnings)
    exempt = collect_exempt_texts(session, meeting_id) if document.public else None
    if exempt is not None:
        warnings.extend(check_public_text(document, exempt, where="the public document"))
    if fmt is ExportFormat.DOCX:  # the board's house template unless one is given (issue 15)
        from boardapp.exporting.backends.word_styles import meeting_template

        template = meeting_template(session, meeting_id, template)

    def write(temporary: Path) -> None:
        if fmt is ExportFormat.DOCX and template is not None:
            _render_docx(document, temporary, warnings, template)  # a house template (issue 15)
        else:
            RENDERERS[fmt](document, temporary, warnings)
        if exempt is not None:
            text = _read_back(temporary, fmt, warnings)
            if text is not None:
                check_public_text(text, exempt, where=f"the written {fmt.value} file")

    write_atomically(path, write)
    confidential = not document.public and document.has_exempt_items
    return ExportResult(path=path, warnings=warnings.as_tuple(), confidential=confidential)


def _read_back(path: Path, fmt: ExportFormat, warnings: Warnings) -> str | None:
    if fmt is ExportFormat.DOCX:
        from boardapp.exporting.backends.docx_backend import read_docx_text

        return read_docx_text(path)
    if fmt is ExportFormat.HTML:
        from boardapp.exporting.backends.html_backend import read_html_text

        return read_html_text(path)
    try:
        from boardapp.exporting.backends.pdf_backend import read_pdf_text

        return read_pdf_text(path)
    except ImportError:  # pypdf missing (it is a dev dependency): the model check above still ran
        warnings.add(
            "The PDF could not be read back for the final exempt-text check (the pypdf package is not "
            "installed); the document itself was checked before rendering."
        )
        return None


__all__ = [
    "DocumentKind",
    "ExportFormat",
    "export_agenda",
    "export_document",
    "export_minutes",
    "suggested_filename",
]
