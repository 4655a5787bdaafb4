"""The workspace's side columns: the agenda (left) and attendance (right)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListView,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import AttendanceKind
from boardapp.gui.workspace.agenda_model import ITEM_ID_ROLE, AgendaDelegate, AgendaModel
from boardapp.gui.workspace.attendance_model import MARK, NAME, AttendanceModel, MarkDelegate, NameDelegate
from boardapp.gui.workspace.widgets import muted_label, section_label

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace


def tool_button(action: QAction, parent: QWidget, text: str | None = None) -> QToolButton:
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setAutoRaise(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    if text is not None:
        button.setText(text)
    shortcut = action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)
    button.setToolTip(f"{action.text().replace('&', '').rstrip('…')} ({shortcut})" if shortcut else action.toolTip())
    return button


class AgendaView(QListView):
    """The agenda list; Enter goes to the selected item's notes."""

    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.workspace.focus_notes()
            event.accept()
            return
        super().keyPressEvent(event)


class AgendaPanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaPanel")
        self.workspace = workspace
        self.model = AgendaModel(self)
        self.view = AgendaView(workspace, self)
        self.view.setObjectName("agendaList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(AgendaDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(False)
        self.view.setSpacing(0)
        self.footer = muted_label("", self)
        self.footer.setObjectName("agendaTiming")
        self.footer.setWordWrap(True)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 6)
        layout.setSpacing(4)
        layout.addWidget(section_label("Agenda", self))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer)
        layout.addLayout(self.buttons)

    def add_buttons(self, actions: list[tuple[QAction, str]], more: QMenu) -> None:
        for action, text in actions:
            self.buttons.addWidget(tool_button(action, self, text))
        self.buttons.addStretch(1)
        button = QToolButton(self)
        button.setText("More")
        button.setAutoRaise(True)
        button.setMenu(more)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.buttons.addWidget(button)

    def current_item_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ITEM_ID_ROLE) if index.isValid() else None

    def select(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)


class AttendanceView(QTableView):
    pass


class AttendancePanel(QWidget):
    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendancePanel")
        self.workspace = workspace
        self.model = AttendanceModel(self)
        self.view = AttendanceView(self)
        self.view.setObjectName("attendanceTable")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(NAME, NameDelegate(self.view))
        self.mark_delegate = MarkDelegate(self.view)
        self.view.setItemDelegateForColumn(MARK, self.mark_delegate)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setTabKeyNavigation(False)
        self.view.horizontalHeader().setVisible(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MARK, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(MARK, 3 * MarkDelegate.SEGMENT + 2 * MarkDelegate.GAP + 18)
        self.counts = muted_label("", self)
        self.counts.setObjectName("attendanceCounts")
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(0)
        top = QHBoxLayout()
        top.addWidget(section_label("Attendance", self))
        top.addStretch(1)
        top.addWidget(self.counts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(muted_label("P present · A apologies · X absent · Del clears", self))
        layout.addLayout(self.buttons)

    def add_buttons(self, actions: list[tuple[QAction, str]], more: QMenu) -> None:
        for action, text in actions:
            self.buttons.addWidget(tool_button(action, self, text))
        self.buttons.addStretch(1)
        button = QToolButton(self)
        button.setText("More")
        button.setAutoRaise(True)
        button.setMenu(more)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.buttons.addWidget(button)

    def update_counts(self) -> None:
        counts = self.model.counts()
        parts = [
            f"{counts.get(AttendanceKind.PRESENT, 0)} present",
            f"{counts.get(AttendanceKind.APOLOGIES, 0)} sent apologies",
        ]
        if counts.get(AttendanceKind.ABSENT):
            parts.append(f"{counts[AttendanceKind.ABSENT]} absent")
        if counts.get(AttendanceKind.IN_ATTENDANCE):
            parts.append(f"{counts[AttendanceKind.IN_ATTENDANCE]} in attendance")
        if counts.get(None):
            parts.append(f"{counts[None]} to mark")
        self.counts.setText(" · ".join(parts))

    def current_person_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()).person_id if index.isValid() else None

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, NAME))
