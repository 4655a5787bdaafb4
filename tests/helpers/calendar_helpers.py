"""A board built from nothing, for calendar, agenda-builder and matters-arising tests."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from boardapp.core.models import Board

STANDING = (
    "Welcome, introductions and apologies",
    "Declarations of interest",
    "Minutes and actions from the last meeting",
    "Any other business",
    "Date of next meeting",
)


def new_board(session: Session, **fields: object) -> int:
    """A board as a clerk sets one up on day one: defaults, standing items, nothing else in the file."""
    values: dict[str, object] = {
        "name": "Corporate Parenting Board",
        "short_name": "CPB",
        "default_venue": "Room 2, County Hall",
        "default_start_time": "10:00",
        "usual_length_minutes": 90,
        "standing_items": list(STANDING),
    }
    values.update(fields)
    board = Board(**values)  # type: ignore[arg-type]
    session.add(board)
    session.flush()
    return board.id or 0


D = dt.date
