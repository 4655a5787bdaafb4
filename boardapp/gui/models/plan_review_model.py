"""The plan actions an agenda item puts up for review, as the workspace lists them (read-only).

Why the colours live here: the status cell carries the plan's own colour for its progress level (with
text readable on it), and "Not rated" is muted, so the view needs no per-cell code.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from boardapp.core.dates import short_date
from boardapp.gui.models.rows import AnyIndex, RowTableModel
from boardapp.gui.style import MUTED_TEXT, readable_text_on
from boardapp.services.agenda_builder import PlanReviewRow

STATUS = 4


class PlanReviewModel(RowTableModel[PlanReviewRow]):
    HEADERS = ("Ref", "Plan action", "Lead", "Due", "Status")

    def cells(self, row: PlanReviewRow) -> tuple[str, str, str, str, str]:
        due = row.due_text or (short_date(row.due_date) if row.due_date else "")
        return (row.ref, " ".join(row.text.split()), row.lead_text, due, row.status or "Not rated")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.text if column == 1 else self.cells(row)[column]
        coloured = bool(row.colour) and QColor(row.colour).isValid()
        if column == STATUS and role == Qt.ItemDataRole.BackgroundRole and coloured:
            return QColor(row.colour)
        if column == STATUS and role == Qt.ItemDataRole.ForegroundRole:
            if coloured:
                return QColor(readable_text_on(row.colour))
            if not row.status:
                return QColor(MUTED_TEXT)
        return None
