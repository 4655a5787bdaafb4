"""Minute numbers: given to a meeting's items when its minutes are approved, then fixed.

Numbering carries on from the highest number already given in the same scope (the board's
whole life, or the municipal year), so numbers never repeat even when meetings are approved
out of order. Items that already have a number keep it (a reopened and re-approved meeting).
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from boardapp.core.enums import MinuteNumbering
from boardapp.core.models import AgendaItem, Board, Meeting
from boardapp.core.rules.minute_numbers import (
    find_minute_reference,
    format_minute_number,
    numbering_scope,
    parse_minute_number,
    sequence_of,
)
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, NotFound


def _board(session: Session, board_id: int) -> Board:
    board = session.get(Board, board_id)
    if board is None:
        raise NotFound("That board no longer exists.")
    return board


def _numbered_in_scope(session: Session, board: Board, scope: int | None) -> list[tuple[Meeting, AgendaItem]]:
    rows = session.exec(
        select(Meeting, AgendaItem)
        .join(AgendaItem, col(AgendaItem.meeting_id) == Meeting.id)
        .where(Meeting.board_id == board.id, AgendaItem.minute_number != "")
    ).all()
    scheme = MinuteNumbering(board.minute_numbering)
    return [
        (m, i) for m, i in rows if numbering_scope(m.date, scheme, board.municipal_year_start_month) == scope
    ]


def assign_minute_numbers(session: Session, meeting_id: int) -> Changes:
    """Number the meeting's items that have no number yet, after the last number in their scope.

    Called once when the minutes are approved (services/lifecycle.approve_minutes).
    """
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("That meeting no longer exists.")
    board = _board(session, meeting.board_id)
    scheme = MinuteNumbering(board.minute_numbering)
    if scheme is MinuteNumbering.NONE:
        return Changes()
    scope = numbering_scope(meeting.date, scheme, board.municipal_year_start_month)
    taken = [sequence_of(i.minute_number) for _, i in _numbered_in_scope(session, board, scope)]
    last = max((n for n in taken if n is not None), default=0)
    items = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaItem.position))
    ).all()
    changed = False
    for item in items:
        if item.minute_number:
            continue
        last += 1
        item.minute_number = format_minute_number(last, scheme, meeting.date, board.municipal_year_start_month)
        session.add(item)
        changed = True
    if not changed:
        return Changes()
    session.flush()
    return of(agenda=meeting_id)


def resolve_reference(session: Session, board_id: int, reference: str) -> int | None:
    """The agenda item id a reference such as "Minute 23/17 refers" (or "23") names on this board, or None."""
    parsed = find_minute_reference(reference)
    if parsed is None:
        return None
    sequence, year = parsed
    board = _board(session, board_id)
    wanted = str(sequence) if year is None else f"{sequence}/{year:02d}"
    rows = session.exec(
        select(AgendaItem.id)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .where(Meeting.board_id == board.id, AgendaItem.minute_number == wanted)
        .order_by(col(Meeting.date).desc())
    ).all()
    return rows[0] if rows else None


def set_minute_number(session: Session, item_id: int, number: str) -> Changes:
    """Give one item a number by hand: the first meeting kept in BoardApp carries on from paper records.

    Later automatic numbers carry on after it. The number must fit the board's scheme and not be
    used by another item of the board. Locked minutes refuse the change (reopen them first).
    """
    from boardapp.services.lifecycle import ensure_item_editable  # lifecycle calls this module at approval

    item = ensure_item_editable(session, item_id)
    meeting = session.get(Meeting, item.meeting_id)
    assert meeting is not None
    board = _board(session, meeting.board_id)
    scheme = MinuteNumbering(board.minute_numbering)
    number = "".join(number.split())
    if number:
        if scheme is MinuteNumbering.NONE:
            raise InvalidChange("This board does not number its minutes (see the board's settings).")
        parsed = parse_minute_number(number)
        expected = (
            format_minute_number(parsed[0], scheme, meeting.date, board.municipal_year_start_month) if parsed else ""
        )
        if parsed is None or parsed[0] < 1 or expected != number:
            example = format_minute_number(23, scheme, meeting.date, board.municipal_year_start_month)
            raise InvalidChange(
                f"“{number}” is not a minute number of this meeting's scheme (for example “{example}”)."
            )
        if resolve_reference(session, board.id or 0, number) not in (None, item_id):
            raise InvalidChange(f"Minute {number} is already another item of this board.")
    item.minute_number = number
    session.add(item)
    return of(agenda=meeting.id or 0) | of(minutes=item_id)
