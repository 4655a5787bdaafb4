"""The workspace's actions (menu items with their shortcuts) and its four menus.

Split from `MeetingWorkspace`: the actions stay attributes of the workspace (declared there), since
the main window shows `menus()` and tests trigger actions by name. Shortcuts are listed in the
workspace module's docstring.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from boardapp.core.enums import AttendanceKind

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["build_actions"]


def _action(
    ws: MeetingWorkspace,
    text: str,
    slot: Callable[[], object],
    shortcuts: Sequence[str | QKeySequence.StandardKey] = (),
    *,
    scope: QWidget | None = None,
) -> QAction:
    """A QAction whose shortcut works in the whole workspace, or only while `scope` has the focus."""
    action = QAction(text, ws)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.triggered.connect(lambda _checked=False: slot())
    if scope is None:
        ws.addAction(action)
    else:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        scope.addAction(action)
    return action


def build_actions(ws: MeetingWorkspace) -> None:
    """Make the workspace's actions and menus, and the buttons under its agenda and attendance lists."""
    agenda_view, attendance_view = ws.agenda.view, ws.attendance.view
    items, present, status = ws.agenda_commands, ws.attendance_commands, ws.lifecycle_commands
    notes = ws.editor.notes
    # Meeting
    ws.timer_action = _action(ws, "&Start or pause the item timer", ws.toggle_timer, ["F9"])
    ws.reset_timer_action = _action(ws, "Reset the item &timers", ws.timer.reset)
    ws.mark_held_action = _action(ws, "Mark as &held", status.mark_held)
    ws.approve_action = _action(ws, "&Approve minutes at a later meeting…", status.approve_minutes_at)
    ws.lock_action = _action(ws, "&Lock minutes…", status.lock_minutes)
    ws.reopen_action = _action(ws, "&Reopen minutes…", status.reopen_minutes)
    ws.close_action = _action(ws, "&Close workspace", ws.close_requested.emit, ["Ctrl+W"])
    # Agenda
    ws.next_action = _action(ws, "&Next item", ws.agenda_commands.next_item, ["Ctrl+PgDown", "Alt+Down"])
    ws.previous_action = _action(ws, "&Previous item", ws.agenda_commands.previous_item, ["Ctrl+PgUp", "Alt+Up"])
    ws.focus_agenda_action = _action(ws, "Go to the a&genda", ws.focus_agenda, ["Ctrl+1"])
    ws.add_item_action = _action(ws, "&Add item…", items.add_item, ["Ctrl+N"])
    ws.standing_action = _action(ws, "Add &standing items", items.add_standing_items)
    ws.edit_item_action = _action(ws, "&Edit item…", items.edit_item, ["Ctrl+E"])
    ws.move_up_action = _action(ws, "Move item &up", items.move_item_up, ["Ctrl+Shift+Up"], scope=agenda_view)
    ws.move_down_action = _action(ws, "Move item &down", items.move_item_down, ["Ctrl+Shift+Down"], scope=agenda_view)
    ws.delete_item_action = _action(ws, "&Delete item…", items.delete_item, ["Del"], scope=agenda_view)
    # Minute
    ws.focus_notes_action = _action(ws, "Go to the &notes", ws.focus_notes, ["Ctrl+2"])
    ws.undo_action = _action(ws, "&Undo typing", notes.undo, [QKeySequence.StandardKey.Undo], scope=notes)
    ws.redo_action = _action(ws, "&Redo typing", notes.redo, [QKeySequence.StandardKey.Redo], scope=notes)
    ws.decision_action = _action(ws, "New &decision", ws.minute_commands.new_decision, ["Ctrl+D"])
    ws.new_action_action = _action(ws, "New &action", ws.minute_commands.new_action, ["Ctrl+T", "Ctrl+Shift+A"])
    ws.edit_action_action = _action(
        ws, "&Correct the action…", ws.minute_commands.edit_action, ["F2", "Return"], scope=ws.editor.action_list
    )
    ws.delete_action_action = _action(
        ws, "Delete the actio&n…", ws.minute_commands.delete_action, ["Del"], scope=ws.editor.action_list
    )
    ws.delete_decision_action = _action(
        ws, "Delete the decisio&n…", ws.minute_commands.delete_decision, ["Del"], scope=ws.editor.decisions
    )
    # Attendance
    ws.focus_attendance_action = _action(ws, "Go to a&ttendance", ws.focus_attendance, ["Ctrl+3", "Ctrl+Shift+P"])
    ws.present_action = _action(
        ws, "Mark &present", lambda: present.mark(AttendanceKind.PRESENT, advance=True), ["P"], scope=attendance_view
    )
    ws.apologies_action = _action(
        ws,
        "Mark &apologies",
        lambda: present.mark(AttendanceKind.APOLOGIES, advance=True),
        ["A"],
        scope=attendance_view,
    )
    ws.absent_action = _action(
        ws, "Mark a&bsent", lambda: present.mark(AttendanceKind.ABSENT, advance=True), ["X"], scope=attendance_view
    )
    ws.clear_mark_action = _action(ws, "&Clear the mark", lambda: present.mark(None), ["Del"], scope=attendance_view)
    ws.add_attendee_action = _action(ws, "Add &in attendance…", present.add_attendee, ["Ctrl+Shift+I"])
    ws.substitute_action = _action(ws, "&Substitute for a member…", present.set_substitute)
    ws.arrived_action = _action(ws, "Arrived &after item…", lambda: present.note_time(arrived=True))
    ws.left_action = _action(ws, "&Left after item…", lambda: present.note_time(arrived=False))

    ws.meeting_menu = QMenu("&Meeting", ws)
    ws.meeting_menu.addActions([ws.timer_action, ws.reset_timer_action])
    ws.meeting_menu.addSeparator()
    ws.meeting_menu.addActions([ws.mark_held_action, ws.approve_action, ws.lock_action, ws.reopen_action])
    ws.meeting_menu.addSeparator()
    ws.meeting_menu.addAction(ws.close_action)
    ws.agenda_menu = QMenu("&Agenda", ws)
    ws.agenda_menu.addActions([ws.next_action, ws.previous_action, ws.focus_agenda_action])
    ws.agenda_menu.addSeparator()
    ws.agenda_menu.addActions([ws.add_item_action, ws.standing_action, ws.edit_item_action])
    ws.agenda_menu.addActions([ws.move_up_action, ws.move_down_action, ws.delete_item_action])
    ws.minute_menu = QMenu("M&inute", ws)
    ws.minute_menu.addActions([ws.focus_notes_action, ws.undo_action, ws.redo_action])
    ws.minute_menu.addSeparator()
    ws.minute_menu.addActions([ws.decision_action, ws.delete_decision_action])
    ws.minute_menu.addSeparator()
    ws.minute_menu.addActions([ws.new_action_action, ws.edit_action_action, ws.delete_action_action])
    ws.attendance_menu = QMenu("A&ttendance", ws)
    ws.attendance_menu.addAction(ws.focus_attendance_action)
    ws.attendance_menu.addSeparator()
    ws.attendance_menu.addActions([ws.present_action, ws.apologies_action, ws.absent_action, ws.clear_mark_action])
    ws.attendance_menu.addSeparator()
    ws.attendance_menu.addActions([ws.add_attendee_action, ws.substitute_action, ws.arrived_action, ws.left_action])

    ws.timer_button.setDefaultAction(ws.timer_action)
    ws.close_button.setDefaultAction(ws.close_action)
    ws.close_button.setText("Close")
    ws.close_button.setToolTip("Close the workspace (Ctrl+W)")
    ws.editor.edit_button.setDefaultAction(ws.edit_item_action)
    ws.editor.edit_button.setText("Edit item…")
    ws.editor.edit_button.setToolTip("Title, presenters, purpose, time, papers, Part II (Ctrl+E)")
    agenda_more = QMenu(ws)
    agenda_more.addActions([ws.standing_action, ws.move_up_action, ws.move_down_action])
    ws.agenda.add_buttons([(ws.add_item_action, "Add…"), (ws.delete_item_action, "Delete…")], agenda_more)
    attendance_more = QMenu(ws)
    attendance_more.addActions([ws.substitute_action, ws.arrived_action, ws.left_action, ws.clear_mark_action])
    ws.attendance.add_buttons([(ws.add_attendee_action, "Add in attendance…")], attendance_more)
    ws.record_commands.build_actions()  # declarations, votes, decision records (issue 17)
