"""The navigator's tree: board → Meetings, Plans, Action log, Members, built from the navigator service.

Below the boards in use: everyone ("People and organisations") and the archived boards, greyed,
in a group of their own; an empty database shows a "Get started" row instead of boards.

`read_navigator` (in `services/navigation_tree.py`) gathers the plain rows, a few queries per board;
`NavigatorModel` only shows them, so reloading after a change is one call with no Qt objects crossing
into services and no database types in the GUI. (`NavigatorData` and `read_navigator` are re-exported
here for the callers that know them by this module.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from boardapp.core.dates import long_date_with_weekday, short_date
from boardapp.core.enums import MeetingStatus
from boardapp.gui import style
from boardapp.services.meetings import MEETING_STATUS_LABELS
from boardapp.services.navigation_tree import BoardEntry, NavigatorData, read_navigator
from boardapp.services.navigator import MeetingRow, PlanRow

NAV_TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
AnyIndex = QModelIndex | QPersistentModelIndex


class NodeKind(Enum):
    BOARD = "board"
    MEETINGS = "meetings"
    MEETING = "meeting"
    PLANS = "plans"
    PLAN = "plan"
    ACTION_LOG = "action_log"  # one board's, or every board's when board_id is None
    OTHER_PLANS = "other_plans"  # plans that belong to no board
    RECOMMENDATIONS = "recommendations"  # a plan's recommendations register (id: the plan's)
    KPIS = "kpis"  # a plan's KPIs (id: the plan's)
    GOLDEN_THREAD = "golden_thread"  # a plan's golden thread (id: the plan's)
    MEMBERS = "members"  # a board's members (id: the board's)
    PEOPLE = "people"  # everyone: people and organisations of all boards
    ARCHIVED = "archived"  # the group of archived boards
    GET_STARTED = "get_started"  # the first steps, while the database holds no board
    REGISTERS = "registers"  # a board's registers (Board ▸ Registers…): a page with no navigator row


PLAN_NODE_KINDS = frozenset({NodeKind.PLAN, NodeKind.RECOMMENDATIONS, NodeKind.KPIS, NodeKind.GOLDEN_THREAD})
PLAN_SUBPAGES = ((NodeKind.RECOMMENDATIONS, "Recommendations"), (NodeKind.KPIS, "KPIs"),
                 (NodeKind.GOLDEN_THREAD, "Golden thread"))  # fmt: skip


@dataclass(frozen=True)
class NavTarget:
    """What a navigator row stands for; the main window turns it into a page."""

    kind: NodeKind
    id: int | None = None  # the meeting, plan or board id, as the kind says
    board_id: int | None = None
    label: str = field(default="", compare=False)


def meeting_label(meeting: MeetingRow) -> str:
    status = MEETING_STATUS_LABELS.get(meeting.status, str(meeting.status))
    return f"{short_date(meeting.date)} · {status}"


@dataclass(eq=False)
class _Node:
    target: NavTarget
    label: str
    parent: int  # -1 at the top
    row: int
    tooltip: str = ""
    status: MeetingStatus | None = None
    muted: bool = False  # greyed: an archived board and what is under it
    children: list[int] = field(default_factory=list)


class NavigatorModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[_Node] = []
        self._roots: list[int] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._icons: dict[str, QIcon] = {}

    def set_data(self, data: NavigatorData, *, in_place: bool = False) -> None:
        """The navigator's rows for `data`, after a reset (the view then chooses its row again, and its page
        follows). `in_place`: when only labels changed (an open-action count) the rows are updated where they
        are, so the tree keeps what the clerk expanded and chose and the page shown is left alone."""
        old_nodes, old_roots = self._nodes, self._roots
        self._nodes, self._roots = [], []
        self._build(data)
        same_rows = [(n.target, n.parent) for n in old_nodes] == [(n.target, n.parent) for n in self._nodes]
        if in_place and same_rows:
            for number, node in enumerate(self._nodes):
                index = self.createIndex(node.row, 0, number)
                self.dataChanged.emit(index, index)
            return
        built = self._nodes, self._roots
        self._nodes, self._roots = old_nodes, old_roots
        self.beginResetModel()
        self._nodes, self._roots = built
        self.endResetModel()

    def _build(self, data: NavigatorData) -> None:
        if not data.boards and not data.archived:
            self._add(NavTarget(NodeKind.GET_STARTED, label="Get started"), "Get started", -1,
                      tooltip="Add your first board, import its members, or open the demonstration")  # fmt: skip
        for entry in data.boards:
            self._add_board(entry, -1)
        if data.other_plans:
            folder = self._add(NavTarget(NodeKind.OTHER_PLANS), "Plans of no board", -1)
            for plan in data.other_plans:
                self._add_plan(plan, None, folder)
        if len(data.boards) > 1:
            self._add(NavTarget(NodeKind.ACTION_LOG, None, None, "All boards"), "Action log – all boards", -1)
        self._add(NavTarget(NodeKind.PEOPLE, label="People and organisations"), "People and organisations", -1,
                  tooltip="Everyone on any board, and their organisations")  # fmt: skip
        if data.archived:
            group = self._add(NavTarget(NodeKind.ARCHIVED, label="Archived boards"),
                              f"Archived boards ({len(data.archived)})", -1, muted=True,
                              tooltip="Boards kept with their history but no longer in use")  # fmt: skip
            for entry in data.archived:
                self._add_board(entry, group, muted=True)

    def _add_board(self, entry: BoardEntry, parent: int, *, muted: bool = False) -> None:
        board = entry.board
        top = self._add(
            NavTarget(NodeKind.BOARD, board.id, board.id, board.name),
            board.name,
            parent,
            tooltip=f"{board.name}{' (archived)' if muted else ''}\n"
            f"{board.meeting_count} meetings, {board.open_action_count} open actions",
            muted=muted,
        )
        meetings = self._add(
            NavTarget(NodeKind.MEETINGS, board.id, board.id, board.name), f"Meetings ({len(entry.meetings)})", top
        )
        for meeting in entry.meetings:
            label = meeting_label(meeting)
            self._add(
                NavTarget(NodeKind.MEETING, meeting.id, board.id, label),
                label,
                meetings,
                tooltip=_meeting_tooltip(meeting),
                status=meeting.status,
                muted=muted,
            )
        plans = self._add(NavTarget(NodeKind.PLANS, board.id, board.id, board.name), f"Plans ({len(entry.plans)})", top)
        for plan in entry.plans:
            self._add_plan(plan, board.id, plans)
        self._add(
            NavTarget(NodeKind.ACTION_LOG, board.id, board.id, board.name),
            f"Action log ({board.open_action_count} open)",
            top,
        )
        self._add(NavTarget(NodeKind.MEMBERS, board.id, board.id, board.name), f"Members ({board.member_count})", top,
                  tooltip=f"Members of {board.name}, with their roles and dates")  # fmt: skip
        if muted:
            self._mute_below(top)

    def _mute_below(self, number: int) -> None:
        for child in self._nodes[number].children:
            self._nodes[child].muted = True
            self._mute_below(child)

    def _add_plan(self, plan: PlanRow, board_id: int | None, parent: int) -> None:
        """A plan, with its recommendations register, KPIs and golden thread below it."""
        node = self._add(NavTarget(NodeKind.PLAN, plan.id, board_id, plan.name), plan.name, parent,
                         tooltip=_plan_tooltip(plan))  # fmt: skip
        for kind, label in PLAN_SUBPAGES:
            self._add(NavTarget(kind, plan.id, board_id, plan.name), label, node, tooltip=f"{label} of {plan.name}")

    def _add(self, target: NavTarget, label: str, parent: int, *, tooltip: str = "",
             status: MeetingStatus | None = None, muted: bool = False) -> int:  # fmt: skip
        siblings = self._nodes[parent].children if parent >= 0 else self._roots
        number = len(self._nodes)
        node = _Node(target=target, label=label, parent=parent, row=len(siblings), tooltip=tooltip, status=status)
        node.muted = muted
        self._nodes.append(node)
        siblings.append(number)
        return number

    # -- lookups -------------------------------------------------------------------------------------------
    def target(self, index: AnyIndex) -> NavTarget | None:
        return self._nodes[index.internalId()].target if index.isValid() else None

    def find(self, target: NavTarget) -> QModelIndex:
        for number, node in enumerate(self._nodes):
            if node.target == target:
                return self.createIndex(node.row, 0, number)
        return QModelIndex()

    def targets(self, kind: NodeKind | None = None) -> list[NavTarget]:
        return [n.target for n in self._nodes if kind is None or n.target.kind is kind]

    def board_indexes(self) -> list[QModelIndex]:
        boards = [n for n in self._roots if self._nodes[n].target.kind is NodeKind.BOARD]
        return [self.createIndex(self._nodes[n].row, 0, n) for n in boards]

    # -- QAbstractItemModel --------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        siblings = self._nodes[parent.internalId()].children if parent.isValid() else self._roots
        if column != 0 or not (0 <= row < len(siblings)):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: AnyIndex | None = None) -> Any:
        """The parent index of `index`; with no argument, QObject's parent (Qt overloads the name)."""
        if index is None:
            return QObject.parent(self)
        if not index.isValid():
            return QModelIndex()
        parent = self._nodes[index.internalId()].parent
        return QModelIndex() if parent < 0 else self.createIndex(self._nodes[parent].row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        return len(self._nodes[parent.internalId()].children) if parent.column() == 0 else 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if section == 0 and orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Boards"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.FontRole and node.target.kind in (NodeKind.BOARD, NodeKind.GET_STARTED):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and node.muted:
            return QColor(style.MUTED_TEXT)
        if role == Qt.ItemDataRole.DecorationRole and node.status is not None:
            return self._dot(style.MEETING_STATUS_COLOURS.get(node.status.value, style.MUTED_TEXT))
        if role == NAV_TARGET_ROLE:
            return node.target
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _dot(self, colour: str) -> QIcon:
        """A small coloured disc: a meeting's lifecycle state at a glance."""
        if colour not in self._icons:
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(QRectF(3, 3, 10, 10))
            painter.end()
            self._icons[colour] = QIcon(pixmap)
        return self._icons[colour]


def _meeting_tooltip(meeting: MeetingRow) -> str:
    status = MEETING_STATUS_LABELS.get(meeting.status, str(meeting.status))
    day = meeting.date
    lines = [long_date_with_weekday(day), status, f"{meeting.item_count} agenda items"]
    if meeting.venue:
        lines.insert(1, meeting.venue)
    return "\n".join(lines)


def _plan_tooltip(plan: PlanRow) -> str:
    return "\n".join(part for part in (plan.name, plan.period_text, f"{plan.item_count} items") if part)


__all__ = [
    "NAV_TARGET_ROLE",
    "PLAN_NODE_KINDS",
    "PLAN_SUBPAGES",
    "BoardEntry",
    "NavTarget",
    "NavigatorData",
    "NavigatorModel",
    "NodeKind",
    "meeting_label",
    "read_navigator",
]
