"""A plan's tree (`PlanTree` from the plans service) as an editable Qt item model for a QTreeView.

Internal ids index a flat list of nodes, so Qt never holds pointers to Python objects that the
garbage collector could move or free. The model never writes to the database itself: an edit
(`setData`) or a drop (`dropMimeData`) is handed to the callbacks the page sets (`editor`,
`mover`), which run a service through `Operations`; the page then gives the model the re-read
tree. When only values changed, `set_tree` updates the rows in place (selection, expansion and
any open editor survive); when the shape changed it resets the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QByteArray, QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from boardapp.core.dates import long_date, short_date, short_month_year
from boardapp.core.enums import PlanDueKind, PlanItemKind
from boardapp.gui import style
from boardapp.services.plans import Level, PlanNode, PlanTree

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole
MIME_TYPE = "application/x-boardapp-plan-items"

AnyIndex = QModelIndex | QPersistentModelIndex
Editor = Callable[[int, str, str], bool]
"""editor(item id, field, typed text) -> whether the change was stored."""
Mover = Callable[[int, int | None, int | None], bool]
"""mover(item id, new parent id or None for the top, row there or None for last) -> whether it moved."""

AREA_BACKGROUND = "#DCE6F1"


@dataclass
class _Entry:
    node: PlanNode
    parent: int  # -1 for top-level nodes
    row: int
    children: list[int] = field(default_factory=list)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= 200 else line[:199] + "…"


DUE_MARKERS = {
    PlanDueKind.ONGOING: "∞",
    PlanDueKind.RECURRING: "↻",
    PlanDueKind.INVALID: "⚠",
    PlanDueKind.UNPARSED: "?",
}


def due_display(node: PlanNode) -> str:
    """The due text exactly as the plan wrote it ("Pilot November 2018 Roll Out June 2019")."""
    if not node.due_text:
        return short_date(node.due_date) if node.due_date else ""
    return node.due_text


DUE_KIND_WORDS = {
    PlanDueKind.ONGOING: "ongoing",
    PlanDueKind.RECURRING: "recurring",
    PlanDueKind.INVALID: "invalid",
    PlanDueKind.UNPARSED: "not a date",
}


def due_date_display(node: PlanNode) -> str:
    """What the due text was read as: its date ("30 Jun 2019"), or a marker: "∞ ongoing", "↻ recurring", "⚠ invalid"."""
    if node.due_kind is PlanDueKind.DATE and node.due_date:
        return short_date(node.due_date)
    if node.due_kind is PlanDueKind.RECURRING and node.due_date:
        return f"↻ from {short_month_year(node.due_date)}"
    word = DUE_KIND_WORDS.get(node.due_kind)
    return f"{DUE_MARKERS[node.due_kind]} {word}" if word else ""


def due_tooltip(node: PlanNode) -> str | None:
    if not node.due_text:
        return None
    read = {
        PlanDueKind.DATE: f"Read as {long_date(node.due_date)}" if node.due_date else "",
        PlanDueKind.ONGOING: "Ongoing: no end date",
        PlanDueKind.RECURRING: "Recurring",
        PlanDueKind.INVALID: "Not a valid date",
        PlanDueKind.UNPARSED: "Kept as written; no date could be read from it",
    }.get(node.due_kind, "")
    lines = [f"Due: {node.due_text}", read]
    if node.due_note:
        lines.append(node.due_note[0].upper() + node.due_note[1:])
    return "\n".join(line for line in lines if line)


def _level_text(level: Level | None) -> str:
    return level.label if level else ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    text: Callable[[PlanNode], str]
    field: str = ""  # what an edit of the cell changes ("" = not editable inline)
    edit_text: Callable[[PlanNode], str] | None = None


COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", lambda n: n.ref, "ref", lambda n: n.ref),
    Column("text", "Action", lambda n: _first_line(n.text), "text", lambda n: n.text),
    Column("lead", "Lead", lambda n: n.lead_label, "lead_text", lambda n: n.lead_label),
    Column("due", "Due", due_display, "due_text", lambda n: n.due_text),
    Column("progress", "Status", lambda n: _level_text(n.progress)),
    Column(
        "recs",
        "Recs",
        lambda n: ", ".join(n.recommendation_refs),
        "recommendations",
        lambda n: ", ".join(n.recommendation_refs),
    ),
    Column("board_actions", "Board actions", lambda n: str(n.board_action_count) if n.board_action_count else ""),
    Column("impact", "Impact", lambda n: _level_text(n.impact)),
    Column("due_date", "Date", due_date_display),
)
COLUMN_INDEX = {column.key: number for number, column in enumerate(COLUMNS)}
STATUS_COLUMN = COLUMN_INDEX["progress"]
IMPACT_COLUMN = COLUMN_INDEX["impact"]
TEXT_COLUMN = COLUMN_INDEX["text"]
DUE_COLUMN = COLUMN_INDEX["due"]
DUE_DATE_COLUMN = COLUMN_INDEX["due_date"]
HEADER_TIPS = {
    "recs": "Inspection recommendations the entry addresses",
    "board_actions": "Board actions linked to the entry",
    "due": "Due, as the plan wrote it",
    "due_date": "The date the due text was read as, or what kind of due it is",
}
CENTRED_COLUMNS = {STATUS_COLUMN, COLUMN_INDEX["recs"], COLUMN_INDEX["board_actions"], IMPACT_COLUMN}


def _shape(tree: PlanTree | None) -> list[tuple[int, int | None]]:
    """The tree's structure: each node's id and its parent's, depth first."""
    if tree is None:
        return []
    found: list[tuple[int, int | None]] = []

    def walk(nodes: Sequence[PlanNode], parent: int | None) -> None:
        for node in nodes:
            found.append((node.id, parent))
            walk(node.children, node.id)

    walk(tree.roots, None)
    return found


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[_Entry] = []
        self._roots: list[int] = []
        self._by_id: dict[int, int] = {}
        self.tree: PlanTree | None = None
        self.editor: Editor | None = None
        self.mover: Mover | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_tree(self, tree: PlanTree | None) -> bool:
        """Show `tree`; returns True if the model was reset (the shape changed), False if updated in place."""
        if tree is not None and self.tree is not None and tree.id == self.tree.id and _shape(tree) == _shape(self.tree):
            self.tree = tree
            nodes = list(tree.walk())
            for number, node in enumerate(nodes):  # same depth-first order as `_add` numbered them
                self._entries[number].node = node
            for parent in [-1, *range(len(self._entries))]:
                siblings = self._roots if parent < 0 else self._entries[parent].children
                if siblings:
                    first, last = siblings[0], siblings[-1]
                    self.dataChanged.emit(
                        self.createIndex(self._entries[first].row, 0, first),
                        self.createIndex(self._entries[last].row, len(COLUMNS) - 1, last),
                    )
            return False
        self.beginResetModel()
        self.tree = tree
        self._entries = []
        self._roots = [self._add(node, -1, row) for row, node in enumerate(tree.roots)] if tree else []
        self._by_id = {entry.node.id: number for number, entry in enumerate(self._entries)}
        self.endResetModel()
        return True

    def _add(self, node: PlanNode, parent: int, row: int) -> int:
        number = len(self._entries)
        entry = _Entry(node=node, parent=parent, row=row)
        self._entries.append(entry)
        entry.children = [self._add(child, number, child_row) for child_row, child in enumerate(node.children)]
        return number

    def node(self, index: AnyIndex) -> PlanNode | None:
        return self._entries[index.internalId()].node if index.isValid() else None

    def index_of(self, node_id: int, column: int = 0) -> QModelIndex:
        number = self._by_id.get(node_id)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._entries[number].row, column, number)

    def count(self) -> int:
        """Number of nodes in the whole tree."""
        return len(self._entries)

    def is_descendant(self, node_id: int, ancestor_id: int) -> bool:
        """Whether `node_id` is `ancestor_id` or lies below it."""
        number = self._by_id.get(node_id, -1)
        while number >= 0:
            if self._entries[number].node.id == ancestor_id:
                return True
            number = self._entries[number].parent
        return False

    # -- QAbstractItemModel --------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        siblings = self._entries[parent.internalId()].children if parent.isValid() else self._roots
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
        if horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS.get(COLUMNS[section].key)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        level = node.progress if column == STATUS_COLUMN else node.impact if column == IMPACT_COLUMN else None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[column].text(node)
        if role == Qt.ItemDataRole.EditRole:
            edit = COLUMNS[column].edit_text
            return edit(node) if edit else COLUMNS[column].text(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if level is not None:
                return QBrush(QColor(level.colour))
            if node.kind is not PlanItemKind.ACTION and not node.parent_id:
                return QBrush(QColor(AREA_BACKGROUND))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if level is not None:
                return QBrush(QColor(style.readable_text_on(level.colour)))
            if column in (DUE_COLUMN, DUE_DATE_COLUMN) and node.due_kind is PlanDueKind.INVALID:
                return QBrush(QColor(style.OVERDUE_TEXT))
            if column == DUE_DATE_COLUMN and node.due_kind is PlanDueKind.DATE and not node.due_note:
                return QBrush(QColor(style.MUTED_TEXT))  # the due text says it already: only a reminder
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind is not PlanItemKind.ACTION:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column in CENTRED_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            if column in (DUE_COLUMN, DUE_DATE_COLUMN):
                return node.due_date.isoformat() if node.due_date else ""
            if level is not None:
                return level.position
            return COLUMNS[column].text(node)
        if role == NODE_ROLE:
            return node
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or self.editor is None:
            return False
        column = COLUMNS[index.column()]
        if not column.field:
            return False
        text = "" if value is None else str(value)
        if column.edit_text is not None and text == column.edit_text(node):
            return False  # nothing changed: nothing written
        return self.editor(node.id, column.field, text)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self.mover is not None else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editor is not None and COLUMNS[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        if self.mover is not None:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # -- drag and drop -------------------------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in indexes:
            node = self.node(index)
            if node is not None and node.id not in ids:
                ids.append(node.id)
        data = QMimeData()
        data.setData(MIME_TYPE, QByteArray(",".join(map(str, ids)).encode()))
        return data

    @staticmethod
    def dragged_ids(data: QMimeData) -> list[int]:
        if not data.hasFormat(MIME_TYPE):
            return []
        raw = bytes(data.data(MIME_TYPE).data()).decode()
        return [int(part) for part in raw.split(",") if part.strip().isdigit()]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        ids = self.dragged_ids(data)
        if action != Qt.DropAction.MoveAction or len(ids) != 1 or self.mover is None:
            return False
        target = self.node(parent)
        return target is None or not self.is_descendant(target.id, ids[0])

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        """Hand the move to `mover`; returns False so the view never removes rows itself (the tree is re-read)."""
        if not self.canDropMimeData(data, action, row, column, parent) or self.mover is None:
            return False
        target = self.node(parent)
        self.mover(self.dragged_ids(data)[0], target.id if target else None, row if row >= 0 else None)
        return False

    @staticmethod
    def _tooltip(node: PlanNode, column: int) -> str | None:
        key = COLUMNS[column].key
        if key == "text":
            return node.text
        if key in ("due", "due_date"):
            return due_tooltip(node)
        if key in ("progress", "impact"):
            level = node.progress if key == "progress" else node.impact
            if level is None:
                return "Not rated yet. Double-click to set a status." if node.kind is PlanItemKind.ACTION else None
            meaning = f": {level.meaning}" if level.meaning else ""
            return f"{level.label}{meaning}\nDouble-click to set a new status."
        if key == "lead" and node.leads:
            return "Leads: " + " / ".join(node.leads)
        if key == "recs":
            listed = f"Recommendations {', '.join(node.recommendation_refs)}\n" if node.recommendation_refs else ""
            return f"{listed}Type the refs of the recommendations it addresses: “2, 10” (or ALL)."
        if key == "board_actions" and node.board_action_count:
            noun = "board action" if node.board_action_count == 1 else "board actions"
            return f"{node.board_action_count} {noun} linked; see the Links tab."
        return None
