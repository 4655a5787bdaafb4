"""Write a decision notice (docx or pdf) atomically; the file is read back before it is kept."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from boardapp.exporting.backends.output import ExportResult, write_atomically
from boardapp.exporting.backends.text import Warnings
from boardapp.exporting.decision_notice.document import TITLE, DecisionNotice, build_decision_notice
from boardapp.exporting.errors import ExportError
from boardapp.exporting.exempt.guard import normalise

NOTICE_FORMATS = ("docx", "pdf")


def _read_back(path: Path, fmt: str) -> str:
    if fmt == "docx":
        from boardapp.exporting.backends.docx_backend import read_docx_text

        return read_docx_text(path)
    from boardapp.exporting.backends.pdf_backend import read_pdf_text

    return read_pdf_text(path)


def export_decision_notice(session: Session, decision_id: int, path: str | Path, fmt: str) -> ExportResult:
    if fmt not in NOTICE_FORMATS:
        raise ExportError(f"A decision notice is written as docx or pdf, not {fmt}.")
    notice: DecisionNotice = build_decision_notice(session, decision_id)
    warnings = Warnings()
    warnings.extend(notice.warnings)
    template = None
    if fmt == "docx":  # the board's house template (issue 15), checked before anything is written
        from boardapp.exporting.backends.word_styles import template_for
        from boardapp.services.boards import word_template_of_decision

        template = template_for(word_template_of_decision(session, decision_id))

    def write(temporary: Path) -> None:
        if fmt == "docx":
            from boardapp.exporting.decision_notice.to_docx import render_notice_docx

            render_notice_docx(notice, temporary, warnings, template)
        else:
            from boardapp.exporting.decision_notice.to_pdf import render_notice_pdf

            render_notice_pdf(notice, temporary, warnings)
        if normalise(TITLE) not in normalise(_read_back(temporary, fmt)):  # an unreadable file is not kept
            raise ExportError("The decision notice could not be read back after writing; nothing was written.")

    write_atomically(Path(path), write)
    return ExportResult(path=Path(path), warnings=warnings.as_tuple())
