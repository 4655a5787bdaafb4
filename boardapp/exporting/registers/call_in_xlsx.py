"""Decisions still within their call-in period, as a workbook (issue 17 point 6).

Written with the registers' conventions (registers/to_xlsx.py): one bold frozen header row with an
autofilter, real dates, text never a formula, and an atomic write that never goes over the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from boardapp.core.dates import long_date
from boardapp.exporting.registers.to_xlsx import Cell, _save, _sheet
from boardapp.services.decision_records import DecisionRecordRow


def write_call_in_list(board_name: str, today: dt.date, rows: Sequence[DecisionRecordRow], path: Path) -> None:
    """One row per decision not yet in effect, the soonest first."""
    workbook = Workbook()
    headers = [
        ("Meeting date", 13.0),
        ("Item", 34.0),
        ("Decision", 50.0),
        ("Reasons", 44.0),
        ("Alternatives rejected", 34.0),
        ("Conflicts and dispensations", 30.0),
        ("Takes effect on", 14.0),
    ]
    body: list[list[Cell]] = [
        [r.meeting_date, r.item_title, r.text, r.reasons, r.alternatives_rejected, r.conflicts, r.takes_effect_on]
        for r in rows
    ]
    _sheet(workbook, "Within call-in", headers, body)
    _save(workbook, f"Decisions within call-in: {board_name}, {long_date(today)}", path)
