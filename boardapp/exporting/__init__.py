"""Agendas and minutes to Word and PDF: one document model per output, separate backends.

The GUI and the CLI use `export_minutes` / `export_agenda` (and `suggested_filename` for a save
dialog); every failure the clerk can act on is an `ExportError` with a readable message.
"""

from importlib import import_module
from typing import Any

# Names resolve on first use (PEP 562), so importing one light module of this package (errors,
# documents) does not pull in python-docx and reportlab at app start-up.
_HOMES = {
    "build_agenda": "builders",
    "build_minutes": "builders",
    "collect_exempt_texts": "builders",
    "AgendaDocument": "documents",
    "MinutesDocument": "documents",
    "BoardNotFound": "errors",
    "ExemptTextLeak": "errors",
    "ExportError": "errors",
    "MeetingNotFound": "errors",
    "OutputNotWritable": "errors",
    "assert_no_exempt_text": "guard",
    "find_board": "lookup",
    "find_meeting": "lookup",
    "DocumentKind": "render",
    "ExportFormat": "render",
    "ExportResult": "render",
    "export_agenda": "render",
    "export_document": "render",
    "export_minutes": "render",
    "suggested_filename": "render",
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
