"""Agendas and minutes to Word and PDF: one document model per output, separate backends.

The GUI and the CLI use `export_minutes` / `export_agenda` (and `suggested_filename` for a save
dialog); every failure the clerk can act on is an `ExportError` with a readable message.
"""

from boardapp.exporting.builders import build_agenda, build_minutes, collect_exempt_texts
from boardapp.exporting.documents import AgendaDocument, MinutesDocument
from boardapp.exporting.errors import (
    BoardNotFound,
    ExemptTextLeak,
    ExportError,
    MeetingNotFound,
    OutputNotWritable,
)
from boardapp.exporting.guard import assert_no_exempt_text
from boardapp.exporting.lookup import find_board, find_meeting
from boardapp.exporting.render import (
    DocumentKind,
    ExportFormat,
    ExportResult,
    export_agenda,
    export_document,
    export_minutes,
    suggested_filename,
)

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
