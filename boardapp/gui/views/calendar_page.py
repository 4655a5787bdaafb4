"""A board's meetings as a table: schedule, reschedule, cancel, and open a meeting.

The table is a `QAbstractTableModel` over the plain `CalendarRow`s of `services.calendar`; every
write goes through `operations.run`, and the page refreshes itself when a broadcast `Changes`
names meetings, agendas or actions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import clock_time, long_date, long_date_with_weekday
from boardapp.core.enums import MeetingStatus
from boardapp.gui import style
from boardapp.gui.dialogs.schedule_meeting import clock_text, date_edit, schedule_meetings
from boardapp.gui.operations import Operations
from boardapp.services import calendar
from boardapp.services.calendar import CalendarRow
from boardapp.services.changes import Changes
from boardapp.services.errors import ServiceError

__all__ = ["CalendarModel", "CalendarPage", "CancelDialog", "RescheduleDialog"]

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Date", "Time", "Venue", "Status", "Items", "Actions due", "Note")
DATE, TIME, VENUE, STATUS, ITEMS, DUE, NOTE = range(len(COLUMNS))
NOT_HELD = (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)


class CalendarModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CalendarRow] = []

    def set_rows(self, rows: list[CalendarRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CalendarRow:
        return self.rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return (
                (row.date.toordinal(), row.start_time.isoformat() if row.start_time else "")
                if column == DATE
                else (self._text(row, column))
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QColor(style.MEETING_STATUS_COLOURS.get(row.status.value, style.MUTED_TEXT))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (ITEMS, DUE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE and row.note:
            return row.note
        return None

    @staticmethod
    def _text(row: CalendarRow, column: int) -> str:
        if column == DATE:
            return long_date_with_weekday(row.date)
        if column == TIME:
            return row.time_label
        if column == VENUE:
            return row.venue
        if column == STATUS:
            return row.status_label
        if column == ITEMS:
            return str(row.items)
        if column == DUE:
            return str(row.actions_due) if row.actions_due else ""
        return " · ".join(part for part in (row.title, row.note) if part)


class RescheduleDialog(QDialog):
    """The new date and time of a meeting, and why it moves (kept in its history)."""

    def __init__(self, row: CalendarRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rescheduleDialog")
        self.setWindowTitle("Reschedule meeting")
        when = long_date_with_weekday(row.date) + (f" at {clock_time(row.start_time)}" if row.start_time else "")
        self.new_date = date_edit(row.date, self, "rescheduleDate")
        self.time = QLineEdit(clock_text(row.start_time), self)
        self.time.setObjectName("rescheduleTime")
        self.time.setPlaceholderText("HH:MM")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("rescheduleReason")
        self.reason.setPlaceholderText("optional: why it moves")
        form = QFormLayout()
        form.addRow("Now", QLabel(when, self))
        form.addRow("New &date", self.new_date)
        form.addRow("New &time", self.time)
        form.addRow("&Reason", self.reason)
        self.problem = QLabel(self)
        self.problem.setObjectName("rescheduleProblem")
        self.problem.setStyleSheet(f"color:{style.OVERDUE_TEXT};")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class CancelDialog(QDialog):
    """Why the meeting is cancelled: required, kept with the meeting."""

    def __init__(self, row: CalendarRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelMeetingDialog")
        self.setWindowTitle("Cancel meeting")
        note = QLabel(
            f"Cancel the meeting of {long_date(row.date)}? Actions due at it move to the board's next meeting.", self
        )
        note.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("cancelReason")
        self.reason.setPlaceholderText("why it is cancelled (required)")
        self.buttons = QDialogButtonBox(self)
        self.confirm = self.buttons.addButton("Cancel &meeting", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("&Keep it", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda text: self.confirm.setEnabled(bool(text.strip())))
        self.confirm.setEnabled(False)
        form = QFormLayout()
        form.addRow("&Reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.buttons)


class CalendarPage(QWidget):
    """A board's meetings; `open_meeting_requested(meeting_id)` when the clerk opens one."""

    open_meeting_requested = Signal(int)

    def __init__(self, operations: Operations, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self.operations = operations
        self.today = today
        self.board_id: int | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("calendarHeading")
        self.heading.setStyleSheet(f"font-weight:600; font-size:14pt; color:{style.ACCENT};")
        self.empty = QLabel("No meetings yet. Schedule the first one, or a series for the year.", self)
        self.empty.setObjectName("calendarEmpty")
        self.empty.setStyleSheet(f"color:{style.MUTED_TEXT};")
        self.model = CalendarModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("calendarTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VENUE, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.activated.connect(self._open_index)  # double-click, or Enter
        self.schedule_button = self._button("&Schedule…", "scheduleMeetings", self.schedule)
        self.reschedule_button = self._button("&Reschedule…", "rescheduleMeeting", self.reschedule_selected)
        self.cancel_button = self._button("&Cancel meeting…", "cancelMeeting", self.cancel_selected)
        self.open_button = self._button("&Open", "openMeeting", self.open_selected)
        buttons = QHBoxLayout()
        for button in (self.schedule_button, self.reschedule_button, self.cancel_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        operations.changed.connect(self._changed)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- showing --------------------------------------------------------------------------------

    def show_board(self, board_id: int) -> None:
        self.board_id = board_id
        self.refresh()

    def refresh(self, keep: int | None = None) -> None:
        if self.board_id is None:
            return
        selected = keep if keep is not None else self.selected_id()
        try:
            defaults = self.operations.read(calendar.board_defaults, self.board_id)
            rows = self.operations.read(calendar.board_calendar, self.board_id)
        except ServiceError as gone:  # the board was deleted meanwhile (another window, an import)
            self.heading.setText(str(gone))
            self.model.set_rows([])
            self.empty.setVisible(False)
            self.schedule_button.setEnabled(False)
            self._update_buttons()
            return
        self.heading.setText(f"{defaults.name} — meetings" + (" (archived)" if defaults.archived else ""))
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.schedule_button.setEnabled(not defaults.archived)
        self.select_meeting(selected if selected is not None else self._next_meeting(rows))
        self._update_buttons()

    def _next_meeting(self, rows: list[CalendarRow]) -> int | None:
        today = self.today()
        upcoming = [r for r in rows if r.date >= today and r.status is not MeetingStatus.CANCELLED]
        return upcoming[0].id if upcoming else (rows[-1].id if rows else None)

    def select_meeting(self, meeting_id: int | None) -> None:
        for row, found in enumerate(self.model.rows):
            if found.id == meeting_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return

    def selected_row(self) -> CalendarRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        movable = row is not None and row.status in NOT_HELD
        self.reschedule_button.setEnabled(movable)
        self.cancel_button.setEnabled(movable)
        self.open_button.setEnabled(row is not None)

    def _changed(self, changes: Changes) -> None:
        if changes.initiator is self:
            return  # our own reschedule or cancel: we re-read once ourselves, keeping the row the clerk chose
        if self.board_id is not None and (changes.meetings or changes.agenda or changes.actions or changes.boards):
            self.refresh()

    # -- doing ----------------------------------------------------------------------------------

    def schedule(self) -> list[int]:
        if self.board_id is None:
            return []
        ids = schedule_meetings(self, self.operations, self.board_id, today=self.today())
        if ids:
            self.refresh(keep=ids[0])
        return ids

    def reschedule_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        dialog = RescheduleDialog(row, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                start = calendar.parse_clock(dialog.time.text())
                new_date = dialog.new_date.value()
            except ValueError as problem:
                dialog.problem.setText(str(problem))
                continue
            done = self.operations.run(
                calendar.reschedule_meeting, row.id, new_date,
                start_time=start, reason=dialog.reason.text(), parent=self, initiator=self,
            )  # fmt: skip
            if done is not None:
                self.refresh(keep=row.id)
                return True
        return False

    def cancel_selected(self) -> bool:
        row = self.selected_row()
        if row is None:
            return False
        dialog = CancelDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        done = self.operations.run(
            calendar.cancel_meeting, row.id, dialog.reason.text(), today=self.today(), parent=self, initiator=self
        )
        if done is None:
            return False
        self.refresh(keep=row.id)
        return True

    def open_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.open_meeting_requested.emit(meeting_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_meeting_requested.emit(self.model.row_at(index.row()).id)
