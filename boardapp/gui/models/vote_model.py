"""A recorded vote: each member present and how they voted, as rows the vote dialog edits.

Why a model: the choices are held here (not read back from the combos), so the tally, the suggested
result and what is stored all come from one place; the dialog's combos only set a row's choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt

from boardapp.core.models.record import VoteChoice
from boardapp.gui.models.rows import AnyIndex, RowTableModel

CHOICE_LABELS: tuple[tuple[str, VoteChoice | None], ...] = (
    ("—", None),
    ("For", VoteChoice.FOR),
    ("Against", VoteChoice.AGAINST),
    ("Abstain", VoteChoice.ABSTAIN),
)
CHOICE = 1  # the column of the vote


@dataclass(frozen=True)
class MemberVote:
    person_id: int
    name: str
    choice: VoteChoice | None = None  # None: not voted (not recorded)


class VoteTableModel(RowTableModel[MemberVote]):
    HEADERS = ("Member present", "Vote")

    def set_members(self, members: Sequence[tuple[int, str]]) -> None:
        self.set_rows([MemberVote(person_id, name) for person_id, name in members])

    def set_choice(self, row: int, choice: VoteChoice | None) -> None:
        self._rows[row] = replace(self._rows[row], choice=choice)
        changed = self.index(row, CHOICE)
        self.dataChanged.emit(changed, changed)

    def choices(self) -> dict[int, VoteChoice]:
        """Who voted how; members left at "—" are not recorded."""
        return {row.person_id: row.choice for row in self._rows if row.choice is not None}

    def tally(self) -> tuple[int, int]:
        """(for, against)."""
        chosen = [row.choice for row in self._rows]
        return chosen.count(VoteChoice.FOR), chosen.count(VoteChoice.AGAINST)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name if index.column() == 0 else choice_label(row.choice)
        if role == Qt.ItemDataRole.UserRole and index.column() == CHOICE:
            return row.choice.value if row.choice is not None else None
        return None


def choice_label(choice: VoteChoice | None) -> str:
    return next(label for label, value in CHOICE_LABELS if value == choice)
