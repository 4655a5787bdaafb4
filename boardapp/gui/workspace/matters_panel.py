"""Matters arising, shown with the "Minutes and actions from the last meeting" item.

Every action due at this meeting or overdue, with its status and a progress note editable in place
(each change is one `record_action_update` against this meeting, kept in the action's history), and
the one-step approval of the previous meeting's minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import ActionStatus
from boardapp.gui.models.rows import RowTableModel
from boardapp.gui.workspace import theme
from boardapp.gui.workspace.widgets import muted_label, section_label
from boardapp.services import matters_arising, workspace_edits
from boardapp.services.actions import ACTION_STATUS_LABELS, long_date
from boardapp.services.matters_arising import ArisingAction
from boardapp.services.workspace_edits import PreviousMinutes

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION, DUE, STATUS, NOTE = range(4)
HEADERS = ("Action – owner", "Due", "Status", "Progress note")
ARISING_ROWS_SHOWN = 5
AnyIndex = QModelIndex | QPersistentModelIndex


class ArisingModel(RowTableModel[ArisingAction]):
    update_requested = Signal(int, object, str)  # action id, new ActionStatus or None, note

    HEADERS = HEADERS

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ACTION:
                text = f"[Exempt] {row.text}" if row.is_exempt else row.text  # Part II, wherever it is shown
                return f"{text} – {row.owners}" if row.owner_names else text
            if column == DUE:
                return due_text(row)
            if column == STATUS:
                return ACTION_STATUS_LABELS.get(row.status, str(row.status))
            return row.last_note
        if role == Qt.ItemDataRole.EditRole:
            return row.status if column == STATUS else "" if column == NOTE else None
        if role == Qt.ItemDataRole.ToolTipRole:
            raised = f"raised {long_date(row.raised_on)}" if row.raised_on else ""
            hint = "F2 or double-click: change the status or add a progress note, recorded against this meeting"
            return "\n".join(p for p in (row.ref, raised, row.text, f"Latest note: {row.last_note}", hint) if p)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DUE and not row.due_here:
                return QColor(theme.OVERDUE_TEXT)
            if column == NOTE:
                return QColor(theme.MUTED_TEXT)
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        if index.column() == STATUS and str(value) in {s.value for s in ActionStatus}:
            status = ActionStatus(str(value))  # a combo's data comes back as a plain str
            if status is not row.status:
                self.update_requested.emit(row.action_id, status, "")
        elif index.column() == NOTE and str(value).strip():
            self.update_requested.emit(row.action_id, None, str(value).strip())
        return False  # the stored update comes back through the broadcast

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (STATUS, NOTE):  # locked minutes: the service refuses, with its reason
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


def due_text(row: ArisingAction) -> str:
    """The Due column: when it was due, and whether that has passed."""
    if row.due_here:
        return row.due_label
    if getattr(row, "group", "") == "no date":
        return row.due_label or "no date"
    return f"overdue ({row.due_label})" if row.due_label else "overdue"


def count_text(rows: list[ArisingAction]) -> str:
    """"11 open actions: 2 due at this meeting, 3 overdue, 6 with no date"."""
    if not rows:
        return "No open actions are due at this meeting."
    due_here = sum(1 for r in rows if r.due_here)
    undated = sum(1 for r in rows if not r.due_here and getattr(r, "group", "") == "no date")
    overdue = len(rows) - due_here - undated
    parts = [f"{due_here} due at this meeting", f"{overdue} overdue"] + ([f"{undated} with no date"] if undated else [])
    return f"{len(rows)} open action{'s' if len(rows) != 1 else ''}: {', '.join(parts)}"


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        combo = QComboBox(parent)
        for status, label in ACTION_STATUS_LABELS.items():
            combo.addItem(label, status.value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(str(index.data(Qt.ItemDataRole.EditRole)))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class MattersPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mattersArising")
        self.workspace = workspace
        self.model = ArisingModel(self)
        self.model.update_requested.connect(self._record)
        self.table = QTableView(self)
        self.table.setObjectName("arisingTable")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(STATUS, StatusDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        row_height = 2 * self.fontMetrics().lineSpacing() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(DUE, 150)
        header.resizeSection(STATUS, 100)
        header.resizeSection(NOTE, 190)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.count = muted_label("", self)
        self.approve = QPushButton(self)
        self.approve.setObjectName("approvePrevious")
        self.approve.clicked.connect(self.approve_previous)
        self.previous: PreviousMinutes | None = None
        # At least five rows show on a 1366×768 screen: the notes below give up the height.
        header_height = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumHeight(header_height + ARISING_ROWS_SHOWN * row_height + 2 * self.table.frameWidth() + 2)
        self.count.setWordWrap(True)
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(section_label("Matters arising", self))
        heading.addWidget(self.count)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.approve, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        meeting_id = self.workspace.meeting_id
        if meeting_id is None:
            return
        rows = self.workspace.read(matters_arising.matters_arising, meeting_id)
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.setMaximumHeight(16_777_215 if rows else self.count.sizeHint().height() + 12)
        self.count.setText(count_text(rows))
        self.count.setToolTip(self.count.text())
        self.previous = self.workspace.read(workspace_edits.previous_minutes, meeting_id)
        previous = self.previous
        self.approve.setVisible(previous is not None)
        if previous is not None:
            if previous.approved:
                where = " at this meeting" if previous.approved_here else ""
                self.approve.setText(f"Minutes of {previous.label} approved{where}")
                self.approve.setEnabled(False)
            else:
                self.approve.setText(f"Approve the minutes of {previous.label}")
                self.approve.setEnabled(True)

    def approve_previous(self) -> None:
        """Approving minutes cannot be undone by a click: the chair's agreement is asked for first."""
        meeting_id, previous = self.workspace.meeting_id, self.previous
        if meeting_id is None or previous is None or previous.approved:
            return
        question = (
            f"Record that the board approved the minutes of {previous.label} as an accurate record?\n\n"
            "They are then final: changing them means reopening them."
        )
        if self.workspace.confirm("Approve the minutes", question):
            self.workspace.run(matters_arising.approve_previous_minutes, meeting_id)

    def _record(self, action_id: int, status: ActionStatus | None, note: str) -> None:
        """Stored once the table's editor has closed: the change re-reads the rows, which ends every editor."""
        meeting_id = self.workspace.meeting_id

        def record() -> None:
            if self.workspace.meeting_id == meeting_id:
                self.workspace.run(
                    matters_arising.record_action_update, action_id, meeting_id, status=status, note=note
                )

        QTimer.singleShot(0, self, record)
