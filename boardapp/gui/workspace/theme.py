"""Colours and small style sheets of the meeting workspace, on top of `boardapp.gui.style`."""

from __future__ import annotations

from boardapp.gui.style import ACCENT, MUTED_TEXT, OVERDUE_TEXT

__all__ = ["ACCENT", "MUTED_TEXT", "OVERDUE_TEXT"]

TIMER_RUNNING = "#2E7D32"  # green: the item being timed
EXEMPT_BACKGROUND = "#FBE9E7"  # the pale red behind a "Part II" tag
PRESENT = "#2E7D32"
APOLOGIES = "#B26A00"
ABSENT = "#7A7A7A"
IN_ATTENDANCE = "#1F4E79"
SEGMENT_BORDER = "#C9CED6"
LOCK_BANNER = "background:#FFF4CE; border:1px solid #E0C46C; border-radius:3px; padding:6px 10px; color:#4A3B00;"
EXEMPT_BANNER = "background:#FBE9E7; border:1px solid #E8B4AC; border-radius:3px; padding:4px 8px; color:#8A1F11;"
DRAFT_BOX = "background:#F3F7FB; border:1px solid #C9D6E3; border-radius:3px; padding:6px 8px;"
SECTION_TITLE = f"font-weight:600; color:{ACCENT};"
HEADER_TITLE = f"font-size:13pt; font-weight:600; color:{ACCENT};"
ITEM_TITLE = f"font-size:12.5pt; font-weight:600; color:{ACCENT};"
MUTED = f"color:{MUTED_TEXT};"
