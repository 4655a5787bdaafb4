"""The header's live quorum line: is the meeting quorate at the selected item? (issue 17 point 3)

Worked out from `services.quorum.quorum_by_item` (attendance, arrivals, departures, members out of
the room for an interest) every time attendance changes or another item is selected. A board with
no quorum set shows nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

from boardapp.gui.workspace import theme
from boardapp.services.errors import ServiceError
from boardapp.services.quorum import QuorumState, quorum_by_item

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["QuorumLine", "quorum_line_text"]


def quorum_line_text(
    states: Sequence[QuorumState], item_id: int | None, numbers: Mapping[int, int]
) -> tuple[str, bool]:
    """(text, is_warning) for the selected item; ("", False) when the board has no quorum or no item is selected.

    An inquorate item names the item where the run of inquorate items it belongs to began, since
    that is where the minutes must say the meeting became inquorate.
    """
    index = next((i for i, s in enumerate(states) if s.item_id == item_id), None)
    if index is None or states[index].needed is None:
        return "", False
    state = states[index]
    if state.quorate:
        later = next((s for s in states[index + 1 :] if not s.quorate), None)
        if later is not None:
            number = numbers.get(later.item_id, later.position)
            return f"{state.text} · inquorate from item {number}: {later.present} of {later.needed} needed", True
        return state.text, False
    start = index
    while start > 0 and not states[start - 1].quorate:
        start -= 1
    number = numbers.get(states[start].item_id, states[start].position)
    return f"Inquorate from item {number}: {state.present} of {state.needed} needed", True


class QuorumLine(QLabel):
    """A label in the workspace header, refreshed by the workspace (`update_quorum`)."""

    def __init__(self, ws: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("quorumLabel")
        self.hide()

    def update_quorum(self) -> None:
        ws = self.ws
        text, warning = "", False
        if ws.meeting_id is not None:
            try:
                states = ws.read(quorum_by_item, ws.meeting_id)
            except ServiceError:
                states = []
            numbers = {row.id: row.number for row in ws.rows}
            text, warning = quorum_line_text(states, ws.current_item_id, numbers)
        if warning:
            self.setStyleSheet(
                f"color:white; background:{theme.OVERDUE_TEXT}; font-weight:600; padding:2px 6px; border-radius:3px;"
            )
        else:
            self.setStyleSheet(f"color:{theme.PRESENT}; font-weight:600;")
        self.setText(text)
        self.setToolTip("Members in the room for the selected item, against the board's quorum" if text else "")
        self.setVisible(bool(text))
