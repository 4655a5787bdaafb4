"""A plan's tree (`PlanTree` from the plans service) as a Qt item model for a QTreeView.

Internal ids index a flat list of nodes, so Qt never holds pointers to Python objects that the
garbage collector could move or free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.gui import style
from boardapp.services.plans import PlanNode, PlanTree

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass
class _Entry:
    node: PlanNode
    parent: int  # -1 for top-level nodes
    row: int
    children: list[int] = field(default_factory=list)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 200 else line[:199] + "…"


def _due_text(node: PlanNode) -> str:
    return node.due_text or (f"{node.due_date.day} {node.due_date:%b %Y}" if node.due_date else "")


COLUMNS: tuple[tuple[str, Callable[[PlanNode], str]], ...] = (
    ("Ref", lambda n: n.ref),
    ("Action", lambda n: _first_line(n.text)),
    ("Lead", lambda n: n.lead_label),
    ("Due", _due_text),
    ("Status", lambda n: n.progress.label if n.progress else ""),
    ("Recs", lambda n: ", ".join(n.recommendation_refs)),
    ("Board actions", lambda n: str(n.board_action_count) if n.board_action_count else ""),
)
STATUS_COLUMN = 4
CENTRED_COLUMNS = {4, 5, 6}


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []
        self._roots: list[int] = []
        self.tree: PlanTree | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_tree(self, tree: PlanTree | None) -> None:
        self.beginResetModel()
        self.tree = tree
        self._entries = []
        self._roots = [self._add(node, -1, row) for row, node in enumerate(tree.roots)] if tree else []
        self.endResetModel()

    def _add(self, node: PlanNode, parent: int, row: int) -> int:
        number = len(self._entries)
        entry = _Entry(node=node, parent=parent, row=row)
        self._entries.append(entry)
        entry.children = [self._add(child, number, child_row) for child_row, child in enumerate(node.children)]
        return number

    def node(self, index: AnyIndex) -> PlanNode | None:
        return self._entries[index.internalId()].node if index.isValid() else None

    def index_of(self, node_id: int) -> QModelIndex:
        for number, entry in enumerate(self._entries):
            if entry.node.id == node_id:
                return self.createIndex(entry.row, 0, number)
        return QModelIndex()

    def count(self) -> int:
        """Number of nodes in the whole tree."""
        return len(self._entries)

    # -- QAbstractItemModel --------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self._entries[parent.internalId()].children if parent.isValid() else self._roots
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if not (0 <= row < len(siblings) and 0 <= column < len(COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: AnyIndex | None = None) -> Any:
        """The parent index of `index`; with no argument, QObject's parent (Qt overloads the name)."""
        if index is None:
            return QObject.parent(self)
        if not index.isValid():
            return QModelIndex()
        parent = self._entries[index.internalId()].parent
        if parent < 0:
            return QModelIndex()
        return self.createIndex(self._entries[parent].row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        return len(self._entries[parent.internalId()].children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section][0]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column][1](node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == STATUS_COLUMN and node.progress:
            return QBrush(QColor(node.progress.colour))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == STATUS_COLUMN and node.progress:
                return QBrush(QColor(style.readable_text_on(node.progress.colour)))
            if column == 3 and node.due_kind is PlanDueKind.INVALID:
                return QBrush(QColor(style.OVERDUE_TEXT))
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind is not PlanItemKind.ACTION:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in CENTRED_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return COLUMNS[column][1](node)
        if role == NODE_ROLE:
            return node
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _tooltip(node: PlanNode, column: int) -> str | None:
        if column == 1:
            return node.text
        if column == 3 and node.due_note:
            return f"{node.due_text}: {node.due_note}"
        if column == STATUS_COLUMN and node.progress:
            return f"{node.progress.label}: {node.progress.meaning}" if node.progress.meaning else node.progress.label
        if column == 2 and node.leads:
            return " / ".join(node.leads)
        return None
