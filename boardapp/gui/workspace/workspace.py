"""The meeting workspace: agenda on the left, the selected item's minute in the centre, attendance on the right.

Built for minuting live at 1366×768 with the keyboard. Every write is a service call through
`Operations.run` (one transaction, one `changed` broadcast), made by `MeetingWorkspace.run`, which
first flushes the notes autosave so that the GUI thread and the save worker never write at once.
The workspace refreshes only what a broadcast names: the agenda and header for the meeting or its
agenda, attendance for attendance, the selected item's decisions and actions for its minute or
actions. Notes are never reloaded under the clerk's cursor: each item keeps its own text document
(and undo history) for as long as the meeting is open.

Shortcuts (all in the Meeting, Agenda, Minute and Attendance menus, shown while the workspace is):
Ctrl+PgDown / Ctrl+PgUp (or Alt+Down / Alt+Up) next / previous item; Ctrl+1 / Ctrl+2 / Ctrl+3 agenda,
notes, attendance; Ctrl+D new decision; Ctrl+T new action; Ctrl+N add item; Ctrl+E edit item;
in the agenda list Del delete and Ctrl+Shift+Up / Down move; in the attendance list P / A / X mark
present / apologies / absent and Del clears; F9 starts or pauses the item timer; Ctrl+W closes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextDocumentLayout,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import AttendanceKind, MeetingStatus
from boardapp.core.rules.matching import Candidate
from boardapp.gui.autosave import DEBOUNCE_MS, MAX_DELAY_MS, NotesAutosaver, SaveState
from boardapp.gui.operations import Operations
from boardapp.gui.workspace import theme
from boardapp.gui.workspace.agenda_model import AgendaRow, agenda_rows, duration_label
from boardapp.gui.workspace.commands import AgendaCommands, AttendanceCommands, LifecycleCommands
from boardapp.gui.workspace.dialogs import ActionDialog
from boardapp.gui.workspace.item_editor import ItemEditor
from boardapp.gui.workspace.panels import AgendaPanel, AttendancePanel
from boardapp.gui.workspace.timer import ItemTimer, clock_label, predicted_end
from boardapp.gui.workspace.widgets import banner, muted_label
from boardapp.services import attendance, lifecycle, minuting, workspace_edits
from boardapp.services.agenda import AgendaTiming
from boardapp.services.changes import Changes
from boardapp.services.errors import ServiceError
from boardapp.services.meetings import MEETING_STATUS_LABELS, ItemDetail, MeetingDetail, time_label
from boardapp.services.navigator import MeetingRow
from boardapp.services.parties import organisation_names, party_candidates

T = TypeVar("T")
AGENDA_WIDTH, ATTENDANCE_WIDTH = 290, 320


class MeetingWorkspace(QWidget):
    close_requested = Signal()  # the clerk chose Meeting ▸ Close workspace

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
        self._switching_document = False
        self._autosave_broadcast = False
        self._refusal_shown = False
        self.timer = ItemTimer(self, clock=clock, now=now)
        self.timer.ticked.connect(self._show_timer)
        self.agenda_commands = AgendaCommands(self)
        self.attendance_commands = AttendanceCommands(self)
        self.lifecycle_commands = LifecycleCommands(self)

        # header
        self.heading = QLabel(self)
        self.heading.setObjectName("workspaceHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.timer_label = muted_label("", self)
        self.timer_label.setObjectName("timerLabel")
        self.timer_button = QToolButton(self)
        self.timer_button.setAutoRaise(True)
        self.close_button = QToolButton(self)
        self.close_button.setAutoRaise(True)
        self.lock_banner = banner(theme.LOCK_BANNER, self)
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.linkActivated.connect(lambda _link: self.lifecycle_commands.reopen_minutes())

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

        header = QHBoxLayout()
        header.setContentsMargins(12, 6, 8, 2)
        header.setSpacing(8)
        header.addWidget(self.heading, 1)
        header.addWidget(self.timer_label)
        header.addWidget(self.timer_button)
        header.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(10, 2, 10, 2)
        banner_row.addWidget(self.lock_banner)
        layout.addLayout(banner_row)
        layout.addWidget(self.splitter, 1)

        self._build_actions()
        self.agenda.view.selectionModel().selectionChanged.connect(self._agenda_selection_changed)
        self.agenda.model.move_requested.connect(self.agenda_commands.move_item_to)
        self.attendance.mark_delegate.mark_clicked.connect(self.attendance_commands.mark_clicked)
        self.editor.notes.textChanged.connect(self._notes_changed)
        self.editor.notes.edit_refused.connect(self._edit_refused)
        self.editor.decision_model.edit_requested.connect(
            lambda decision_id, text: self.run(minuting.update_decision, decision_id, text)
        )
        operations.changed.connect(self._on_changed)
        self._show_timer()
        self._show_save_state(SaveState.SAVED)

    # -- actions and menus -------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: Sequence[str | QKeySequence.StandardKey] = (),
        *,
        scope: QWidget | None = None,
    ) -> QAction:
        """A QAction whose shortcut works in the whole workspace, or only while `scope` has the focus."""
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        if scope is None:
            self.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            scope.addAction(action)
        return action

    def _build_actions(self) -> None:
        agenda_view, attendance_view = self.agenda.view, self.attendance.view
        items, present, status = self.agenda_commands, self.attendance_commands, self.lifecycle_commands
        notes = self.editor.notes
        # Meeting
        self.timer_action = self._action("&Start or pause the item timer", self.toggle_timer, ["F9"])
        self.reset_timer_action = self._action("Reset the item &timers", self.timer.reset)
        self.mark_held_action = self._action("Mark as &held", status.mark_held)
        self.approve_action = self._action("&Approve minutes at a later meeting…", status.approve_minutes_at)
        self.lock_action = self._action("&Lock minutes…", status.lock_minutes)
        self.reopen_action = self._action("&Reopen minutes…", status.reopen_minutes)
        self.close_action = self._action("&Close workspace", self.close_requested.emit, ["Ctrl+W"])
        # Agenda
        self.next_action = self._action("&Next item", self.next_item, ["Ctrl+PgDown", "Alt+Down"])
        self.previous_action = self._action("&Previous item", self.previous_item, ["Ctrl+PgUp", "Alt+Up"])
        self.focus_agenda_action = self._action("Go to the a&genda", self.focus_agenda, ["Ctrl+1"])
        self.add_item_action = self._action("&Add item…", items.add_item, ["Ctrl+N"])
        self.standing_action = self._action("Add &standing items", items.add_standing_items)
        self.edit_item_action = self._action("&Edit item…", items.edit_item, ["Ctrl+E"])
        self.move_up_action = self._action("Move item &up", items.move_item_up, ["Ctrl+Shift+Up"], scope=agenda_view)
        self.move_down_action = self._action(
            "Move item &down", items.move_item_down, ["Ctrl+Shift+Down"], scope=agenda_view
        )
        self.delete_item_action = self._action("&Delete item…", items.delete_item, ["Del"], scope=agenda_view)
        # Minute
        self.focus_notes_action = self._action("Go to the &notes", self.focus_notes, ["Ctrl+2"])
        self.undo_action = self._action("&Undo typing", notes.undo, [QKeySequence.StandardKey.Undo], scope=notes)
        self.redo_action = self._action("&Redo typing", notes.redo, [QKeySequence.StandardKey.Redo], scope=notes)
        self.decision_action = self._action("New &decision", self.new_decision, ["Ctrl+D"])
        self.new_action_action = self._action("New &action", self.new_action, ["Ctrl+T", "Ctrl+Shift+A"])
        self.edit_action_action = self._action(
            "&Correct the action…", self.edit_action, ["F2", "Return"], scope=self.editor.action_list
        )
        self.delete_action_action = self._action(
            "Delete the actio&n…", self.delete_action, ["Del"], scope=self.editor.action_list
        )
        self.delete_decision_action = self._action(
            "Delete the decisio&n…", self.delete_decision, ["Del"], scope=self.editor.decisions
        )
        # Attendance
        self.focus_attendance_action = self._action(
            "Go to a&ttendance", self.focus_attendance, ["Ctrl+3", "Ctrl+Shift+P"]
        )
        self.present_action = self._action(
            "Mark &present", lambda: present.mark(AttendanceKind.PRESENT, advance=True), ["P"], scope=attendance_view
        )
        self.apologies_action = self._action(
            "Mark &apologies",
            lambda: present.mark(AttendanceKind.APOLOGIES, advance=True),
            ["A"],
            scope=attendance_view,
        )
        self.absent_action = self._action(
            "Mark a&bsent", lambda: present.mark(AttendanceKind.ABSENT, advance=True), ["X"], scope=attendance_view
        )
        self.clear_mark_action = self._action(
            "&Clear the mark", lambda: present.mark(None), ["Del"], scope=attendance_view
        )
        self.add_attendee_action = self._action("Add &in attendance…", present.add_attendee, ["Ctrl+Shift+I"])
        self.substitute_action = self._action("&Substitute for a member…", present.set_substitute)
        self.arrived_action = self._action("Arrived &after item…", lambda: present.note_time(arrived=True))
        self.left_action = self._action("&Left after item…", lambda: present.note_time(arrived=False))

        self.meeting_menu = QMenu("&Meeting", self)
        self.meeting_menu.addActions([self.timer_action, self.reset_timer_action])
        self.meeting_menu.addSeparator()
        self.meeting_menu.addActions([self.mark_held_action, self.approve_action, self.lock_action, self.reopen_action])
        self.meeting_menu.addSeparator()
        self.meeting_menu.addAction(self.close_action)
        self.agenda_menu = QMenu("&Agenda", self)
        self.agenda_menu.addActions([self.next_action, self.previous_action, self.focus_agenda_action])
        self.agenda_menu.addSeparator()
        self.agenda_menu.addActions([self.add_item_action, self.standing_action, self.edit_item_action])
        self.agenda_menu.addActions([self.move_up_action, self.move_down_action, self.delete_item_action])
        self.minute_menu = QMenu("M&inute", self)
        self.minute_menu.addActions([self.focus_notes_action, self.undo_action, self.redo_action])
        self.minute_menu.addSeparator()
        self.minute_menu.addActions([self.decision_action, self.delete_decision_action])
        self.minute_menu.addSeparator()
        self.minute_menu.addActions([self.new_action_action, self.edit_action_action, self.delete_action_action])
        self.attendance_menu = QMenu("A&ttendance", self)
        self.attendance_menu.addAction(self.focus_attendance_action)
        self.attendance_menu.addSeparator()
        self.attendance_menu.addActions(
            [self.present_action, self.apologies_action, self.absent_action, self.clear_mark_action]
        )
        self.attendance_menu.addSeparator()
        self.attendance_menu.addActions(
            [self.add_attendee_action, self.substitute_action, self.arrived_action, self.left_action]
        )

        self.timer_button.setDefaultAction(self.timer_action)
        self.close_button.setDefaultAction(self.close_action)
        self.close_button.setText("Close")
        self.close_button.setToolTip("Close the workspace (Ctrl+W)")
        self.editor.edit_button.setDefaultAction(self.edit_item_action)
        self.editor.edit_button.setText("Edit item…")
        self.editor.edit_button.setToolTip("Title, presenters, purpose, time, papers, Part II (Ctrl+E)")
        agenda_more = QMenu(self)
        agenda_more.addActions([self.standing_action, self.move_up_action, self.move_down_action])
        self.agenda.add_buttons([(self.add_item_action, "Add…"), (self.delete_item_action, "Delete…")], agenda_more)
        attendance_more = QMenu(self)
        attendance_more.addActions(
            [self.substitute_action, self.arrived_action, self.left_action, self.clear_mark_action]
        )
        self.attendance.add_buttons([(self.add_attendee_action, "Add in attendance…")], attendance_more)

    def menus(self) -> list[QMenu]:
        """The menus the main window shows while the workspace is open."""
        return [self.meeting_menu, self.agenda_menu, self.minute_menu, self.attendance_menu]

    # -- reading and writing -----------------------------------------------------------------------------
    def run(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A write: the notes typed so far are saved first, then the service runs in its own transaction."""
        self.flush()
        return self.operations.run(service, *args, parent=self, **kwargs)

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

    # -- opening and closing -----------------------------------------------------------------------------
    def open_meeting(self, meeting_id: int, item_id: int | None = None) -> None:
        self.close_meeting()
        self.meeting_id = meeting_id
        self.autosaver = NotesAutosaver(
            self.operations.store, self, debounce_ms=self.debounce_ms, max_delay_ms=self.max_delay_ms
        )
        self.autosaver.state_changed.connect(self._show_save_state)
        self.autosaver.saved.connect(self._autosaved)
        self.autosaver.refused.connect(self._autosave_refused)
        self._reload_people()
        self._reload_meeting()
        self._reload_attendance()
        first = item_id if item_id is not None else (self.rows[0].id if self.rows else None)
        if first is not None:
            self.agenda.select(first)
        else:
            self._show_no_item()
        self._show_save_state(SaveState.SAVED)

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
        self._update_header()
        self._update_lock()
        self._update_footer()
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

    def _refresh_minute(self) -> None:
        if self.current_item_id is None:
            return
        self.editor.set_minute(self.read(minuting.minute_of, self.current_item_id))
        if self.editor.matters.isVisible():
            self.editor.matters.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.meeting_id is None or self._autosave_broadcast:
            return  # a notes save: the editor already shows that text
        meeting_id = self.meeting_id
        if changes.people:
            self._reload_people()
        board_meetings = {m.id for m in self.board_meetings}
        if meeting_id in changes.agenda or changes.meetings & board_meetings:
            self._reload_meeting()
        elif self.current_item_id is not None and (self.current_item_id in changes.minutes or changes.actions):
            self._refresh_minute()
        if meeting_id in changes.attendance or meeting_id in changes.agenda:
            self._reload_attendance()

    # -- header, lock and timing ---------------------------------------------------------------------------
    def _update_header(self) -> None:
        detail = self.detail
        if detail is None:
            return
        status = MEETING_STATUS_LABELS.get(detail.status, str(detail.status))
        colour = {MeetingStatus.HELD: theme.APOLOGIES, MeetingStatus.LOCKED: theme.MUTED_TEXT}.get(
            detail.status, theme.ACCENT
        )
        board = detail.title or detail.board_name
        self.heading.setText(
            f"<span style='{theme.HEADER_TITLE}'>{_html(board)}</span>"
            f"&nbsp;&nbsp;<span style='{theme.MUTED}'>{_html(detail.when)}</span>"
            f"&nbsp;&nbsp;<span style='color:{colour}; font-weight:600;'>{_html(status)}</span>"
        )
        held = detail.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)
        self.mark_held_action.setEnabled(held)
        self.approve_action.setEnabled(detail.status is MeetingStatus.HELD)
        self.lock_action.setEnabled(detail.status is MeetingStatus.MINUTES_APPROVED)
        self.reopen_action.setEnabled(detail.status in lifecycle.LOCKED_STATES)

    def _update_lock(self) -> None:
        message = ""
        if self.meeting_id is not None:
            try:
                self.read(lifecycle.ensure_editable, self.meeting_id)
            except ServiceError as refusal:
                message = str(refusal)
        if message != self.lock_message:
            self._refusal_shown = False
        self.lock_message = message
        if message:
            self.lock_banner.setText(
                f"<b>🔒 Read-only.</b> {_html(message)} &nbsp;<a href='reopen'>Reopen minutes…</a>"
            )
        self.lock_banner.setVisible(bool(message))
        self.editor.notes.setReadOnly(bool(message))

    @property
    def locked(self) -> bool:
        return bool(self.lock_message)

    def _update_footer(self) -> None:
        timing = self.timing
        if timing is None:
            return
        parts = [f"{len(self.rows)} items"]
        if timing.total_minutes:
            parts.append(f"{duration_label(timing.total_minutes)} allowed")
        if timing.predicted_finish is not None and timing.total_minutes:
            parts.append(f"planned finish {time_label(timing.predicted_finish)}")
        if self.timer.item_id is not None and timing.total_minutes:
            end = predicted_end(self.rows, self.timer.item_id, self.timer.elapsed(), self.timer.now())
            if end is not None:
                parts.append(f"<b>predicted end {time_label(end.time())}</b>")
        self.agenda.footer.setText(" · ".join(parts))

    def _show_timer(self) -> None:
        timer = self.timer
        self.agenda.model.set_timed_item(timer.item_id if timer.running else None)
        self.timer_button.setText("Pause timer" if timer.running else "Start timer")
        self.timer_button.setToolTip("Start or pause the item timer (F9)")
        row = next((r for r in self.rows if r.id == timer.item_id), None)
        if row is None:
            self.timer_label.setText("")
        else:
            elapsed = timer.elapsed()
            allowed = f" of {row.minutes_allowed} min" if row.minutes_allowed else ""
            over = bool(row.minutes_allowed) and elapsed > (row.minutes_allowed or 0) * 60
            state = "" if timer.running else "paused · "
            colour = theme.OVERDUE_TEXT if over else (theme.TIMER_RUNNING if timer.running else theme.MUTED_TEXT)
            self.timer_label.setStyleSheet(f"color:{colour};" + (" font-weight:600;" if over else ""))
            self.timer_label.setText(f"{state}Item {row.number}: {clock_label(elapsed)}{allowed}")
        self._update_footer()

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
            document.setPlainText(item.notes)  # resets the undo history: it starts here
            self._documents[item.id] = document
        if self.editor.notes.document() is not document:
            self._switching_document = True
            try:
                self.editor.notes.setDocument(document)
            finally:
                self._switching_document = False
        self.editor.setEnabled(True)
        row = next((r for r in self.rows if r.id == item.id), None)
        self.editor.show_item(item, row, self.read(minuting.minute_of, item.id))
        self._show_timer()

    def _show_no_item(self) -> None:
        self.editor.item = None
        self.editor.title.setText("No agenda items yet")
        self.editor.meta.setText("Add the board's standing items (Agenda ▸ Add standing items) or an item (Ctrl+N).")
        self.editor.setEnabled(False)

    def next_item(self) -> None:
        self._step(+1)

    def previous_item(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        row = self.agenda.model.row_of(self.current_item_id) if self.current_item_id is not None else -1
        target = row + delta
        if 0 <= target < len(self.rows):
            self.select_item(self.rows[target].id)

    def focus_agenda(self) -> None:
        self.agenda.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

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

    def new_decision(self) -> None:
        self.editor.decision_input.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_action(self) -> None:
        self.editor.action_input.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- notes and autosave ----------------------------------------------------------------------------
    def _notes_changed(self) -> None:
        if self._switching_document or self.autosaver is None or self.current_item_id is None or self.locked:
            return
        document = self.editor.notes.document()
        self.autosaver.edited(self.current_item_id, document.toPlainText)

    def _autosaved(self, changes: Changes) -> None:
        self._autosave_broadcast = True
        try:
            self.operations.changed.emit(changes)
        finally:
            self._autosave_broadcast = False

    def _autosave_refused(self, message: str) -> None:
        self._update_lock()
        QMessageBox.warning(self, "Notes not saved", message) if self.operations.show_errors else None

    def _show_save_state(self, state: SaveState) -> None:
        label = self.editor.save_label
        if state is SaveState.FAILED and self.autosaver is not None:
            label.setStyleSheet(f"color:{theme.OVERDUE_TEXT};")
            label.setText(self.autosaver.last_error or "Not saved – retrying")  # plain words (F, issue 11)
        else:
            label.setStyleSheet(theme.MUTED)
            label.setText("Saving…" if state is SaveState.SAVING else "Saved ✓")

    def _edit_refused(self) -> None:
        if self.current_item_id is None:
            return
        if not self._refusal_shown:
            self._refusal_shown = True
            self.run(lifecycle.ensure_item_editable, self.current_item_id)  # refused, with the reason shown
        self.editor.save_label.setText("Read-only: the minutes are locked")

    # -- decisions and actions -----------------------------------------------------------------------------
    def _selected_action(self) -> minuting.MinuteAction | None:
        index = self.editor.action_list.currentIndex()
        return self.editor.action_model.row_at(index.row()) if index.isValid() else None

    def edit_action(self) -> None:
        action = self._selected_action()
        if action is None:
            return
        dialog = ActionDialog(
            self,
            action,
            self.board_meetings,
            self.candidates,
            lambda written: self.read(minuting.draft_owners, written),
        )
        if not self.exec_dialog(dialog):
            return
        edit = dialog.result_edit()
        if edit.text is not None or edit.owners is not None or edit.due is not None:
            self.run(minuting.update_action, action.id, text=edit.text, owners=edit.owners, due=edit.due)

    def delete_action(self) -> None:
        action = self._selected_action()
        if action is not None and self.confirm(
            "Delete action", f"Delete action {action.ref}, “{action.text}”? It leaves the action log too."
        ):
            self.run(minuting.delete_action, action.id)

    def delete_decision(self) -> None:
        index = self.editor.decisions.currentIndex()
        if not index.isValid():
            return
        decision = self.editor.decision_model.row_at(index.row())
        if self.confirm("Delete decision", f"Delete the decision “{decision.text}”?"):
            self.run(minuting.delete_decision, decision.id)


def _html(text: str) -> str:
    from html import escape

    return escape(text)
