"""The formal record under an item in the workspace: its declarations of interest, and under its
decisions the votes (in the council's words) and decision records (issue 17).

The standing "Declarations of interest" item lists every declaration of the meeting. The panel is
read again whenever the item's minute is (`ItemEditor.set_minute`), so what is shown is always what
was stored; what the buttons do is in `record_commands.RecordCommands`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QToolButton, QVBoxLayout, QWidget

from boardapp.core.dates import long_date
from boardapp.gui.workspace.widgets import section_label
from boardapp.services import decision_records, declarations, votes
from boardapp.services.declarations import DeclarationRow
from boardapp.services.record_views import urgency_of
from boardapp.services.urgent_items import urgency_sentence

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["RecordLine", "RecordPanel", "is_declarations_item"]

LINE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
VISIBLE_ROWS = 3


def is_declarations_item(title: str) -> bool:
    """The standing item that collects the meeting's declarations (a board's standing items name it so)."""
    return "declarations of interest" in title.casefold()


@dataclass(frozen=True)
class RecordLine:
    """One line of the panel: what it is ("urgent", "declaration", "vote", "record") and the id it acts on."""

    kind: str
    id: int
    decision_id: int | None = None


class RecordPanel(QWidget):
    def __init__(self, ws: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordPanel")
        self.ws = ws
        self.declarations: list[DeclarationRow] = []
        self.title = section_label("Formal record:", self)
        self.list = QListWidget(self)
        self.list.setObjectName("recordList")
        self.list.setWordWrap(True)
        self.list.itemDoubleClicked.connect(lambda _item: ws.record_commands.edit_selected())
        self.declare_button = QToolButton(self)
        self.edit_button = QToolButton(self)
        self.delete_button = QToolButton(self)
        self.vote_button = QToolButton(self)
        self.record_button = QToolButton(self)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in (self.declare_button, self.vote_button, self.record_button, self.edit_button):
            button.setAutoRaise(True)
            buttons.addWidget(button)
        self.delete_button.setAutoRaise(True)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def selected_line(self) -> RecordLine | None:
        item = self.list.currentItem()
        line = item.data(LINE_ROLE) if item is not None else None
        return line if isinstance(line, RecordLine) else None

    def lines(self) -> list[tuple[str, RecordLine]]:
        return [(self.list.item(i).text(), self.list.item(i).data(LINE_ROLE)) for i in range(self.list.count())]

    def refresh(self) -> None:
        """Read the item's declarations, and its decisions' votes and records, again."""
        ws = self.ws
        item = ws.item_detail(ws.current_item_id)
        self.list.clear()
        self.declarations = []
        if item is None or ws.meeting_id is None:
            self._fit()
            return
        whole_meeting = is_declarations_item(item.title)
        if whole_meeting:
            self.declarations = ws.read(declarations.declarations_for_meeting, ws.meeting_id)
        else:
            self.declarations = ws.read(declarations.declarations_for_item, item.id)
        self.title.setText(
            "Declarations of interest at this meeting:" if whole_meeting else "Formal record:"
        )
        urgent, reason = ws.read(urgency_of, item.id)
        if urgent:
            self._add(urgency_sentence(reason), RecordLine("urgent", item.id))
        for row in self.declarations:
            self._add(row.sentence(public=False), RecordLine("declaration", row.id))
        model = ws.editor.decision_model
        decisions = [model.row_at(i) for i in range(model.rowCount())]
        for number, decision in enumerate(decisions, start=1):
            for vote in ws.read(votes.votes_for_decision, decision.id):
                moved = votes.motion_sentence(vote)
                text = f"Resolved {number}: {moved + ' ' if moved else ''}{votes.vote_sentence(vote)}"
                self._add(text, RecordLine("vote", vote.id, decision.id))
            record = ws.read(decision_records.decision_record, decision.id)
            if record.takes_effect_on is not None or record.reasons:
                when = f" Takes effect on {long_date(record.takes_effect_on)}." if record.takes_effect_on else ""
                text = f"Resolved {number}: decision record. Reasons: {record.reasons}{when}"
                self._add(text, RecordLine("record", decision.id, decision.id))
        self._fit()

    def _add(self, text: str, line: RecordLine) -> None:
        item = QListWidgetItem(text, self.list)
        item.setData(LINE_ROLE, line)
        item.setToolTip(text)

    def _fit(self) -> None:
        rows = self.list.count()
        self.list.setVisible(rows > 0)
        if rows:
            per_row = max(self.list.sizeHintForRow(0), self.list.fontMetrics().lineSpacing() + 4)
            self.list.setFixedHeight(min(rows, VISIBLE_ROWS) * per_row + 2 * self.list.frameWidth() + 2)
