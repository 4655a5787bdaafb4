"""The chair's review copy as table models: the clerk's list of proposals to accept, and, in the
chair's window, the records and the chair's own proposals.

Why the ticks live in the model: what the clerk accepts is read from the model (`ticked`), never from
the view's cells; a proposal whose record is gone cannot be ticked at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from boardapp.gui.models.rows import AnyIndex, RowTableModel
from boardapp.services.review_copy import FIELD_LABELS, ProposalLine, ProposalRow, ReviewRecord

KIND_WORDS = {"action": "Action", "plan_item": "Plan item"}


class ProposalsToAcceptModel(RowTableModel[ProposalRow]):
    """Every proposal of an imported review: ticked to accept (a conflict starts unticked)."""

    HEADERS = ("Accept", "Record", "What", "Old → proposed", "Comment", "Conflict")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticks: set[int] = set()

    def set_proposals(self, proposals: Sequence[ProposalRow]) -> None:
        self._ticks = {p.id for p in proposals if not p.conflict and not p.missing}
        self.set_rows(proposals)

    def ticked(self) -> list[int]:
        """The ids of the ticked proposals, in the order shown."""
        return [p.id for p in self._rows if p.id in self._ticks]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        row = self._row(index)
        if row is None:
            return Qt.ItemFlag.NoItemFlags
        if index.column() == 0:
            if row.missing:
                return Qt.ItemFlag.NoItemFlags
            return Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if column == 0:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.id in self._ticks else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            change = f"{row.old_text} → {row.proposed_text}" if row.field.value == "status" else row.proposed_text
            return (row.record_label, FIELD_LABELS[row.field], change, row.comment, row.conflict)[column - 1]
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self._row(index)
        if row is None or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole or row.missing:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticks.add(row.id)
        else:
            self._ticks.discard(row.id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


@dataclass(frozen=True)
class RecordLine:
    """A record of the review copy with the chair's proposals on it, in words."""

    record: ReviewRecord
    proposed: str

    def cells(self) -> tuple[str, ...]:
        r = self.record
        return (KIND_WORDS[r.kind.value], r.ref, r.text, r.status, r.detail, r.latest_note, self.proposed)


class ReviewRecordsModel(RowTableModel[RecordLine]):
    """The board's actions and plan items in the chair's window."""

    HEADERS = ("Kind", "Ref", "Text", "Status", "Due / plan", "Latest note", "Proposed")

    def set_contents(self, records: Sequence[ReviewRecord], proposals: Sequence[ProposalLine]) -> None:
        proposed: dict[tuple[str, int], list[str]] = {}
        for line in proposals:
            proposed.setdefault((line.kind.value, line.record_id), []).append(
                f"{FIELD_LABELS[line.field]}: {line.proposed}"
            )
        self.set_rows([RecordLine(r, "; ".join(proposed.get((r.kind.value, r.record_id), []))) for r in records])

    def row_text(self, row: int) -> str:
        """Every cell of the row, for the filter."""
        return " ".join(self.row_at(row).cells())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return row.cells()[index.column()]


@dataclass(frozen=True)
class ShownProposal:
    line: ProposalLine
    label: str  # "IB-video To show the video & report back"


class ChairProposalsModel(RowTableModel[ShownProposal]):
    """The chair's own proposals, newest last; each can be withdrawn."""

    HEADERS = ("Record", "What", "Proposed", "Comment")

    def set_proposals(self, proposals: Sequence[ProposalLine], records: Sequence[ReviewRecord]) -> None:
        by_key = {(r.kind.value, r.record_id): r for r in records}
        shown = []
        for line in proposals:
            record = by_key.get((line.kind.value, line.record_id))
            shown.append(ShownProposal(line, f"{record.ref} {record.text}" if record else str(line.record_id)))
        self.set_rows(shown)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        line = row.line
        return (row.label, FIELD_LABELS[line.field], line.proposed, line.comment)[index.column()]
