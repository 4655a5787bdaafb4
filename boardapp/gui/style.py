"""Colours and fonts shared by the views, in one place so the app looks like one product."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication

OVERDUE_TEXT = "#B3261E"  # red that stays readable on white and on a selection highlight
MUTED_TEXT = "#6B6B6B"
ACCENT = "#1F4E79"  # council navy, used for headings
BASE_POINT_SIZE = 10

MEETING_STATUS_COLOURS = {
    "scheduled": "#6B7B8C",
    "agenda_published": "#2E6DA4",
    "held": "#C77700",
    "minutes_approved": "#2E7D32",
    "locked": "#37474F",
    "cancelled": "#9E9E9E",
}


def readable_text_on(background: str) -> str:
    """Black or white, whichever reads better on a status colour the plan chose."""
    colour = QColor(background)
    if not colour.isValid():
        return "#000000"
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return "#000000" if luminance > 150 else "#FFFFFF"


def apply_base_font() -> None:
    """Make the default font at least 10 pt: some desktops default to 9 pt, too small for long minutes."""
    font = QFont(QGuiApplication.font())
    if 0 < font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
        QGuiApplication.setFont(font)
