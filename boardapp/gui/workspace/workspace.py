"""The meeting workspace: agenda on the left, the selected item's minute in the centre, attendance on the right.

Built for minuting live at 1366×768 with the keyboard. Every write is a service call through
`Operations.run` (one transaction, one `changed` broadcast), made by `MeetingWorkspace.run`, which
first flushes the notes autosave so that the GUI thread and the save worker never write at once.
The workspace refreshes only what a broadcast names: the agenda and header for the meeting or its
agenda, attendance for attendance, the selected item's decisions and actions for its minute or
actions. Notes are never reloaded under the clerk's cursor: each item keeps its own text document
(and undo history) for as long as the meeting is open. The editor's own writes are marked with the
widget that made them (`initiator`, docs/architecture.md section 3): the workspace leaves that
widget alone (the notes' save, a decision edited in place) while other views refresh.

Shortcuts (all in the Meeting, Agenda, Minute and Attendance menus, shown while the workspace is):
Ctrl+PgDown / Ctrl+PgUp (or Alt+Down / Alt+Up) next / previous item; Ctrl+1 / Ctrl+2 / Ctrl+3 agenda,
notes, attendance; Ctrl+D new decision; Ctrl+T new action; Ctrl+Shift+D declare an interest;
Ctrl+N add item; Ctrl+E edit item;
in the agenda list Del delete and Ctrl+Shift+Up / Down move; in the attendance list P / A / X mark
present / apologies / absent and Del clears; F9 starts or pauses the item timer; Ctrl+W closes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QMessageBox,
    QPlainTextDocumentLayout,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.rules.matching import Candidate
from boardapp.gui.autosave import DEBOUNCE_MS, MAX_DELAY_MS, NotesAutosaver, SaveState
from boardapp.gui.operations import Operations
from boardapp.gui.workspace.agenda_model import AgendaRow, agenda_rows
from boardapp.gui.workspace.commands import AgendaCommands, AttendanceCommands, LifecycleCommands, MinuteCommands
from boardapp.gui.workspace.header import WorkspaceHeader
from boardapp.gui.workspace.item_editor import ItemEditor
from boardapp.gui.workspace.menus import build_actions
from boardapp.gui.workspace.notes_saving import NotesSaving
from boardapp.gui.workspace.panels import AgendaPanel, AttendancePanel
from boardapp.gui.workspace.record_commands import RecordCommands
from boardapp.gui.workspace.timer import ItemTimer
from boardapp.services import attendance, minuting, workspace_edits
from boardapp.services.agenda import AgendaTiming
from boardapp.services.changes import Changes
from boardapp.services.meetings import ItemDetail, MeetingDetail
from boardapp.services.navigator import MeetingRow
from boardapp.services.parties import organisation_names, party_candidates

T = TypeVar("T")
AGENDA_WIDTH, ATTENDANCE_WIDTH = 290, 320


class MeetingWorkspace(QWidget):
    close_requested = Signal()  # the clerk chose Meeting ▸ Close workspace
    # Made by `menus.build_actions`: the main window shows the menus, tests trigger the actions by name.
    timer_action: QAction
    reset_timer_action: QAction
    mark_held_action: QAction
    approve_action: QAction
    lock_action: QAction
    reopen_action: QAction
    close_action: QAction
    next_action: QAction
    previous_action: QAction
    focus_agenda_action: QAction
    add_item_action: QAction
    standing_action: QAction
    edit_item_action: QAction
    move_up_action: QAction
    move_down_action: QAction
    delete_item_action: QAction
    focus_notes_action: QAction
    undo_action: QAction
    redo_action: QAction
    decision_action: QAction
    new_action_action: QAction
    edit_action_action: QAction
    delete_action_action: QAction
    delete_decision_action: QAction
    focus_attendance_action: QAction
    present_action: QAction
    apologies_action: QAction
    absent_action: QAction
    clear_mark_action: QAction
    add_attendee_action: QAction
    substitute_action: QAction
    arrived_action: QAction
    left_action: QAction
    meeting_menu: QMenu
    agenda_menu: QMenu
    minute_menu: QMenu
    attendance_menu: QMenu

    def __init__(
        self,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        debounce_ms: int = DEBOUNCE_MS,
        max_delay_ms: int = MAX_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingWorkspace")
        self.setMinimumSize(1, 1)  # a page of the main window's stack: it must not widen the window's minimum
        self.operations = operations
        self.debounce_ms, self.max_delay_ms = debounce_ms, max_delay_ms
        self.meeting_id: int | None = None
        self.detail: MeetingDetail | None = None
        self.timing: AgendaTiming | None = None
        self.rows: list[AgendaRow] = []
        self.current_item_id: int | None = None
        self.lock_message = ""
        self.autosaver: NotesAutosaver | None = None
        self.board_meetings: list[MeetingRow] = []
        self._candidates: list[Candidate] = []
        self.organisations: list[str] = []
        self._documents: dict[int, QTextDocument] = {}
        self.switching_document = False
        self.refusal_shown = False
        self.timer = ItemTimer(self, clock=clock, now=now)
        self.timer.ticked.connect(lambda: self.header.show_timer())
        self.agenda_commands = AgendaCommands(self)
        self.attendance_commands = AttendanceCommands(self)
        self.lifecycle_commands: LifecycleCommands = LifecycleCommands(self)

        self.minute_commands: MinuteCommands = MinuteCommands(self)
        self.record_commands: RecordCommands = RecordCommands(self)
        self.notes_saving: NotesSaving = NotesSaving(self)
        self.header: WorkspaceHeader = WorkspaceHeader(self)
        self.heading, self.timer_label = self.header.heading, self.header.timer_label
        self.timer_button, self.close_button = self.header.timer_button, self.header.close_button
        self.lock_banner = self.header.lock_banner

        self.agenda = AgendaPanel(self, self)
        self.editor = ItemEditor(self, self)
        self.attendance = AttendancePanel(self, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("workspaceSplitter")
        self.splitter.addWidget(self.agenda)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.attendance)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([AGENDA_WIDTH, 700, ATTENDANCE_WIDTH])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.header.layout())
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(10, 2, 10, 2)
        banner_row.addWidget(self.lock_banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.splitter, 1)

        build_actions(self)
        self.agenda.view.selectionModel().selectionChanged.connect(self._agenda_selection_changed)
        self.agenda.model.move_requested.connect(self.agenda_commands.move_item_to)
        self.attendance.mark_delegate.mark_clicked.connect(self.attendance_commands.mark_clicked)
        self.editor.notes.textChanged.connect(self.notes_saving.notes_changed)
        self.editor.notes.edit_refused.connect(self.notes_saving.edit_refused)
        self.editor.decision_model.edit_requested.connect(self.minute_commands.edit_decision)
        operations.changed.connect(self._on_changed)
        self.header.show_timer()
        self.notes_saving.show_save_state(SaveState.SAVED)

    # -- menus ------------------------------------------------------------------------------------------------
    def menus(self) -> list[QMenu]:
        """The menus the main window shows while the workspace is open."""
        return [self.meeting_menu, self.agenda_menu, self.minute_menu, self.attendance_menu]

    # -- reading and writing -----------------------------------------------------------------------------
    def run(self, service: Callable[..., Any], *args: Any, initiator: object | None = None, **kwargs: Any) -> Any:
        """A write: the notes typed so far are saved first, then the service runs in its own transaction.

        `initiator`: the widget that shows the result already (see `_on_changed`)."""
        self.flush()
        return self.operations.run(service, *args, parent=self, initiator=initiator, **kwargs)

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return self.operations.read(query, *args, **kwargs)

    def flush(self) -> bool:
        return self.autosaver.flush() if self.autosaver is not None else True

    def candidates(self) -> list[Candidate]:
        return self._candidates

    # Dialogs go through these three, so that tests can answer them.
    def exec_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_item(self, title: str, label: str, items: list[str], current: int = 0) -> int | None:
        text, ok = QInputDialog.getItem(self, title, label, items, current, False)
        return items.index(text) if ok and text in items else None

    def ask_text(self, title: str, label: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, label)
        return text if ok else None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def schedule_dialog(self, board_id: int, *, today: dt.date, first_date: dt.date | None) -> bool:
        """B's scheduling dialog (as `schedule_meetings` opens it), through `exec_dialog` so tests can answer."""
        from boardapp.gui.dialogs.schedule_meeting import ScheduleMeetingsDialog

        dialog = ScheduleMeetingsDialog(self.operations, board_id, today=today, first_date=first_date, parent=self)
        return self.exec_dialog(dialog) and bool(dialog.meeting_ids)

    # -- opening and closing -----------------------------------------------------------------------------
    def open_meeting(self, meeting_id: int, item_id: int | None = None) -> None:
        self.close_meeting()
        self.meeting_id = meeting_id
        self.autosaver = NotesAutosaver(
            self.operations.store, self, debounce_ms=self.debounce_ms, max_delay_ms=self.max_delay_ms
        )
        self.notes_saving.connect(self.autosaver)
        self._reload_people()
        self._reload_meeting()
        self._reload_attendance()
        first = item_id if item_id is not None else (self.rows[0].id if self.rows else None)
        if first is not None:
            self.agenda.select(first)
        else:
            self._show_no_item()
        self.notes_saving.show_save_state(SaveState.SAVED)

    def close_meeting(self) -> None:
        """Save what was typed and let go of the meeting (the workspace can then be hidden or reused)."""
        if self.autosaver is not None:
            self.autosaver.close()
            self.autosaver.deleteLater()
            self.autosaver = None
        self.timer.reset()
        self.meeting_id = None
        self.current_item_id = None
        self._documents.clear()
        self.editor.item = None

    # -- loading -----------------------------------------------------------------------------------------
    def _reload_people(self) -> None:
        self._candidates = self.read(party_candidates)
        self.organisations = self.read(organisation_names)

    def _reload_meeting(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None:
            return

        shown = self.read(workspace_edits.workspace_meeting, meeting_id)
        self.detail, self.timing, self.board_meetings = shown.detail, shown.timing, shown.board_meetings
        self.rows = agenda_rows(self.detail, self.timing)
        current = self.current_item_id
        self.agenda.model.set_rows(self.rows)
        self.header.update_header()
        self.header.update_lock()
        self.header.update_footer()
        if current is not None and self.agenda.model.row_of(current) >= 0:
            self.agenda.select(current)
            self._show_current_item()
        elif self.rows:
            self.current_item_id = None
            self.agenda.select(self.rows[0].id)
        else:
            self._show_no_item()

    def _reload_attendance(self) -> None:
        if self.meeting_id is None:
            return
        person = self.attendance.current_person_id()
        numbers = {row.id: row.number for row in self.rows}
        self.attendance.model.set_rows(self.read(attendance.roster, self.meeting_id), numbers)
        self.attendance.update_counts()
        if person is not None:
            self.attendance.select_person(person)
        self.header.quorum_label.update_quorum()

    def _refresh_minute(self) -> None:
        if self.current_item_id is None:
            return
        self.editor.set_minute(self.read(minuting.minute_of, self.current_item_id))
        if self.editor.matters.isVisible():
            self.editor.matters.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.meeting_id is None or changes.initiator is self.editor.notes:
            return  # our own notes save: the editor already shows that text (cursor and undo history stay)
        meeting_id = self.meeting_id
        if changes.people:
            self._reload_people()
        if meeting_id in changes.agenda or changes.meetings:  # a new meeting of the board: due-meeting choices
            self._reload_meeting()
        elif changes.initiator is self.editor.decisions:
            pass  # a decision edited in place: its row shows the new text already, and keeps the current row
        elif self.current_item_id is not None and (self.current_item_id in changes.minutes or changes.actions):
            self._refresh_minute()
        elif changes.plans and self.editor.plan_reviews.isVisibleTo(self.editor):  # a plan action re-rated
            self.editor.plan_reviews.show_for(self.item_detail(self.current_item_id))
        if meeting_id in changes.attendance or meeting_id in changes.agenda:
            self._reload_attendance()

    @property
    def locked(self) -> bool:
        return bool(self.lock_message)

    def toggle_timer(self) -> None:
        if self.current_item_id is not None:
            self.timer.toggle(self.current_item_id)

    # -- items ---------------------------------------------------------------------------------------------
    def _agenda_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        item_id = self.agenda.current_item_id()
        if item_id is not None and item_id != self.current_item_id:
            self.select_item(item_id)

    def select_item(self, item_id: int) -> None:
        """Show an item's minute; what was typed on the previous item is saved first."""
        if self.agenda.current_item_id() != item_id:
            self.agenda.select(item_id)  # comes back here through the selection
            return
        self.flush()
        self.current_item_id = item_id
        self._show_current_item()
        self.timer.follow(item_id)

    def item_detail(self, item_id: int | None) -> ItemDetail | None:
        if self.detail is None or item_id is None:
            return None
        return next((i for i in self.detail.items if i.id == item_id), None)

    def _show_current_item(self) -> None:
        item = self.item_detail(self.current_item_id)
        if item is None:
            self._show_no_item()
            return
        document = self._documents.get(item.id)
        if document is None:
            document = QTextDocument(self)
            document.setDocumentLayout(QPlainTextDocumentLayout(document))
            document.setDefaultFont(self.editor.notes.font())
            notes, version = self.read(minuting.notes_with_version, item.id)  # what the editor edits from
            document.setPlainText(notes)  # resets the undo history: it starts here
            self._documents[item.id] = document
            if self.autosaver is not None:
                self.autosaver.loaded(item.id, version)  # saves are checked against it (edit conflicts)
        if self.editor.notes.document() is not document:
            self.switching_document = True
            try:
                self.editor.notes.setDocument(document)
            finally:
                self.switching_document = False
        self.editor.setEnabled(True)
        row = next((r for r in self.rows if r.id == item.id), None)
        self.editor.show_item(item, row, self.read(minuting.minute_of, item.id))
        self.header.show_timer()
        self.header.quorum_label.update_quorum()

    def _show_no_item(self) -> None:
        self.editor.item = None
        self.editor.next_meeting.hide()
        self.editor.top_panels.hide()
        self.editor.title.setText("No agenda items yet")
        self.editor.meta.setText("Add the board's standing items (Agenda ▸ Add standing items) or an item (Ctrl+N).")
        self.editor.setEnabled(False)

    def focus_agenda(self) -> None:
        self.agenda.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def notes_document(self, item_id: int) -> QTextDocument | None:
        """The notes being edited for an item, if the clerk has opened it in this meeting."""
        return self._documents.get(item_id)

    def focus_notes(self) -> None:
        """Ctrl+2: carry on typing where the notes end, not where a click last left the cursor."""
        notes = self.editor.notes
        notes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        notes.moveCursor(QTextCursor.MoveOperation.End)
        notes.ensureCursorVisible()

    def focus_attendance(self) -> None:
        view = self.attendance.view
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not view.currentIndex().isValid() and self.attendance.model.rowCount():
            view.selectRow(0)
