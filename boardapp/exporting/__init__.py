"""Word, PDF, HTML, Excel and iCalendar output, grouped by document over shared backends.

    meetings/       agendas and minutes: document models, builders, export_minutes / export_agenda
    action_log/     the action log (xlsx, docx, pdf)
    plan_report/    the plan progress report (xlsx, pdf)
    evidence_pack/  the evidence pack (docx, pdf)
    pack/           the reports pack (one PDF of agenda and papers)
    registers/      declarations and attendance registers (xlsx)
    calendar/       a board's meetings as .ics
    exempt/         Part II business and the guard that keeps it out of public files
    backends/       docx, pdf and html backends, Word styles, fonts and metadata, text helpers,
                    the atomic write (output.py), reading a written file back
    errors.py, lookup.py  what can stop an export; finding the board or meeting a command names

The GUI and the CLI use `export_minutes` / `export_agenda` (and `suggested_filename` for a save
dialog); every failure the clerk can act on is an `ExportError` with a readable message.
"""

from importlib import import_module
from typing import Any

# Names resolve on first use (PEP 562), so importing one light module of this package (errors,
# documents) does not pull in python-docx and reportlab at app start-up.
_HOMES = {
    "build_agenda": "meetings.builders",
    "build_minutes": "meetings.builders",
    "collect_exempt_texts": "meetings.builders",
    "AgendaDocument": "meetings.documents",
    "MinutesDocument": "meetings.documents",
    "BoardNotFound": "errors",
    "ExemptTextLeak": "errors",
    "ExportError": "errors",
    "MeetingNotFound": "errors",
    "OutputNotWritable": "errors",
    "assert_no_exempt_text": "exempt.guard",
    "find_board": "lookup",
    "find_meeting": "lookup",
    "DocumentKind": "meetings.export",
    "ExportFormat": "meetings.export",
    "ExportResult": "backends.output",
    "export_agenda": "meetings.export",
    "export_document": "meetings.export",
    "export_minutes": "meetings.export",
    "suggested_filename": "meetings.export",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)


__all__ = [
    "AgendaDocument",
    "BoardNotFound",
    "DocumentKind",
    "ExemptTextLeak",
    "ExportError",
    "ExportFormat",
    "ExportResult",
    "MeetingNotFound",
    "MinutesDocument",
    "OutputNotWritable",
    "assert_no_exempt_text",
    "build_agenda",
    "build_minutes",
    "collect_exempt_texts",
    "export_agenda",
    "export_document",
    "export_minutes",
    "find_board",
    "find_meeting",
    "suggested_filename",
]
