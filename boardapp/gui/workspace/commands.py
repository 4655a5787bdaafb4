"""What the workspace's menus do to the agenda, the attendance, the minutes' status and the minute's lists.

Split from `MeetingWorkspace` so that the page itself only lays out and refreshes: each class
here is a small controller over the workspace's read/run hooks and its dialogs (which tests
replace on the workspace: `exec_dialog`, `confirm`, `ask_item`, `ask_text`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from boardapp.core.dates import long_date
from boardapp.core.enums import AttendanceKind, MeetingStatus
from boardapp.gui.dialogs.conflict import run_checked
from boardapp.gui.workspace.dialogs import ActionDialog, AttendeeDialog, ItemDialog
from boardapp.gui.workspace.urgent_box import urgent_state
from boardapp.services import agenda, attendance, lifecycle, minuting, urgent_items, workspace_edits
from boardapp.services.attendance import AttendeeRow

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace


class AgendaCommands:
    """Add, edit, delete and move agenda items; step to the next or previous one."""

    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace

    def add_item(self) -> None:
        if self.ws.meeting_id is None:
            return
        urgent = (self.ws.read(urgent_items.urgent_by_default, self.ws.meeting_id), "")
        start_dir = str(self.ws.operations.store.path.parent)
        dialog = ItemDialog(self.ws, self.ws.candidates, start_dir=start_dir, urgent=urgent)
        if not self.ws.exec_dialog(dialog):
            return
        edit = dialog.result_edit()
        item_id = self.ws.run(
            workspace_edits.add_item_with_details,
            self.ws.meeting_id,
            fields=edit.fields,
            presenters=edit.presenters,
            papers_added=edit.papers_added,
        )
        if item_id is not None:
            self._set_urgent(item_id, edit.urgent)
            self.ws.select_item(item_id)

    def _set_urgent(self, item_id: int, urgent: tuple[bool, str] | None) -> None:
        if urgent is not None:
            if urgent[0]:
                self.ws.run(urgent_items.mark_urgent, item_id, urgent[1])
            else:
                self.ws.run(urgent_items.clear_urgent, item_id)

    def edit_item(self) -> None:
        item = self.ws.item_detail(self.ws.current_item_id)
        if item is None:
            return
        papers = self.ws.read(agenda.papers_of, item.id)
        start_dir = str(self.ws.operations.store.path.parent)
        urgent = urgent_state(self.ws.operations, item.id)
        dialog = ItemDialog(self.ws, self.ws.candidates, item, papers, start_dir=start_dir, urgent=urgent)
        if not self.ws.exec_dialog(dialog):
            return
        edit = dialog.result_edit()
        self._set_urgent(item.id, edit.urgent)
        if edit.fields or edit.presenters is not None or edit.papers_added or edit.papers_removed:
            title = edit.fields.get("title")
            run_checked(  # checked against the version the dialog edited from: no lost updates (issue 16)
                self.ws.run,
                _apply_item_edit,
                item.id,
                expected_version=item.version,
                field="title",
                text=str(title) if title is not None else None,
                parent=self.ws,
                db_path=self.ws.operations.store.path,
                exec_dialog=self.ws.exec_dialog,
                fields=edit.fields,
                presenters=edit.presenters,
                papers_added=edit.papers_added,
                papers_removed=edit.papers_removed,
            )

    def add_standing_items(self) -> None:
        if self.ws.meeting_id is not None:
            self.ws.run(agenda.add_standing_items, self.ws.meeting_id)

    def delete_item(self) -> None:
        item = self.ws.item_detail(self.ws.current_item_id)
        if item is None:
            return
        holds = self.ws.read(agenda.item_contents, item.id).describe()
        if not self.ws.confirm(
            "Delete agenda item",
            f"Delete item {item.number}, “{item.title}”, with its notes and decisions?\n\nIt holds {holds}. "
            "Actions raised under it stay in the action log (exempt ones stay exempt).",
        ):
            return
        row = self.ws.agenda.model.row_of(item.id)
        if self.ws.run(agenda.delete_item, item.id, confirm=True) is not None and self.ws.rows:
            self.ws.select_item(self.ws.rows[min(row, len(self.ws.rows) - 1)].id)

    def move_item_up(self) -> None:
        self._move_by(-1)

    def move_item_down(self) -> None:
        self._move_by(+1)

    def _move_by(self, delta: int) -> None:
        item = self.ws.item_detail(self.ws.current_item_id)
        if item is not None and 1 <= item.number + delta <= len(self.ws.rows):
            self.move_item_to(item.id, item.number + delta)

    def move_item_to(self, item_id: int, position: int) -> None:
        self.ws.run(agenda.move_item, item_id, position)
        self.ws.agenda.select(item_id)

    def next_item(self) -> None:
        self._step(+1)

    def previous_item(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        ws = self.ws
        row = ws.agenda.model.row_of(ws.current_item_id) if ws.current_item_id is not None else -1
        target = row + delta
        if 0 <= target < len(ws.rows):
            ws.select_item(ws.rows[target].id)


class AttendanceCommands:
    """Mark attendance, add someone in attendance, substitutes, arrivals and departures."""

    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace

    def mark(self, kind: AttendanceKind | None, *, advance: bool = False) -> None:
        person_id = self.ws.attendance.current_person_id()
        if person_id is None or self.ws.meeting_id is None:
            return
        row = self.ws.attendance.model.row_of(person_id)
        if self.ws.run(attendance.set_attendance, self.ws.meeting_id, person_id, kind) is None:
            return
        if advance and row + 1 < self.ws.attendance.model.rowCount():
            self.ws.attendance.select_person(self.ws.attendance.model.row_at(row + 1).person_id)

    def _roster(self) -> list[AttendeeRow]:
        model = self.ws.attendance.model
        return [model.row_at(i) for i in range(model.rowCount())]

    def mark_clicked(self, row: int, kind: AttendanceKind) -> None:
        person = self.ws.attendance.model.row_at(row)
        self.ws.attendance.select_person(person.person_id)
        self.mark(None if person.kind is kind else kind)  # a click on the current mark clears it

    def add_attendee(self) -> None:
        if self.ws.meeting_id is None:
            return
        members = [(r.person_id, r.name) for r in self._roster() if r.member_role is not None]
        dialog = AttendeeDialog(self.ws, self.ws.candidates, self.ws.organisations, members)
        if not self.ws.exec_dialog(dialog):
            return
        edit = dialog.result_edit()
        person_id = self.ws.run(
            workspace_edits.add_attendee,
            self.ws.meeting_id,
            edit.name,
            edit.organisation,
            edit.capacity,
            edit.substitute_for,
        )
        if person_id is not None:
            self.ws.attendance.select_person(person_id)

    def set_substitute(self) -> None:
        person_id = self.ws.attendance.current_person_id()
        if person_id is None or self.ws.meeting_id is None:
            return
        rows = self._roster()
        members = [r for r in rows if r.member_role is not None and r.person_id != person_id]
        name = next(r.name for r in rows if r.person_id == person_id)
        labels = ["Not a substitute", *(r.name for r in members)]
        choice = self.ws.ask_item("Substitute", f"{name} attends in place of:", labels)
        if choice is not None:
            for_id = members[choice - 1].person_id if choice > 0 else None
            self.ws.run(attendance.set_substitute, self.ws.meeting_id, person_id, for_id)

    def note_time(self, *, arrived: bool) -> None:
        person_id = self.ws.attendance.current_person_id()
        if person_id is None or self.ws.meeting_id is None:
            return
        name = self.ws.attendance.model.row_at(self.ws.attendance.model.row_of(person_id)).name
        first = "From the start" if arrived else "Stayed to the end"
        labels = [first, *(f"{r.number}. {r.title}" for r in self.ws.rows)]
        current = self.ws.agenda.model.row_of(self.ws.current_item_id) + 1 if self.ws.current_item_id is not None else 0
        question = f"{name} arrived after item:" if arrived else f"{name} left after item:"
        choice = self.ws.ask_item("Arrived" if arrived else "Left", question, labels, max(0, current))
        if choice is None:
            return
        item_id = self.ws.rows[choice - 1].id if choice > 0 else None
        service = attendance.note_arrival if arrived else attendance.note_departure
        self.ws.run(service, self.ws.meeting_id, person_id, item_id)


class LifecycleCommands:
    """Held, approved, locked and reopened: the minutes' status from the Meeting menu."""

    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace

    def mark_held(self) -> None:
        if self.ws.meeting_id is not None:
            self.ws.run(lifecycle.mark_held, self.ws.meeting_id)

    def approve_minutes_at(self) -> None:
        detail = self.ws.detail
        if self.ws.meeting_id is None or detail is None:
            return
        later = sorted(
            (m for m in self.ws.board_meetings if m.date > detail.date and m.status is not MeetingStatus.CANCELLED),
            key=lambda m: m.date,
        )
        if not later:
            QMessageBox.information(
                self.ws, "Approve minutes", "Minutes are approved at a later meeting: schedule the next meeting first."
            )
            return
        choice = self.ws.ask_item(
            "Approve minutes",
            f"The minutes of {long_date(detail.date)} were approved as an accurate record "
            "at the meeting of:",
            [long_date(m.date) for m in later],
        )
        if choice is not None:
            self.ws.run(lifecycle.approve_minutes, self.ws.meeting_id, later[choice].id)

    def lock_minutes(self) -> None:
        if self.ws.meeting_id is not None and self.ws.confirm(
            "Lock minutes", "Lock these approved minutes? Changing them afterwards needs a recorded reopening."
        ):
            self.ws.run(lifecycle.lock_minutes, self.ws.meeting_id)

    def reopen_minutes(self) -> None:
        if self.ws.meeting_id is None:
            return
        reason = self.ws.ask_text(
            "Reopen minutes", "Why are the approved minutes being reopened? The reason is kept in their history."
        )
        if reason is not None:
            self.ws.run(lifecycle.reopen_minutes, self.ws.meeting_id, reason)


class MinuteCommands:
    """Start a decision or an action; correct or delete the selected action; delete the selected decision."""

    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace

    def _selected_action(self) -> minuting.MinuteAction | None:
        index = self.ws.editor.action_list.currentIndex()
        return self.ws.editor.action_model.row_at(index.row()) if index.isValid() else None

    def edit_action(self) -> None:
        action = self._selected_action()
        if action is None:
            return
        dialog = ActionDialog(
            self.ws,
            action,
            self.ws.board_meetings,
            self.ws.candidates,
            lambda written: self.ws.read(minuting.draft_owners, written),
        )
        if not self.ws.exec_dialog(dialog):
            return
        edit = dialog.result_edit()
        if edit.text is not None or edit.owners is not None or edit.due is not None:
            run_checked(  # checked against the version the dialog edited from: no lost updates (issue 16)
                self.ws.run,
                minuting.update_action,
                action.id,
                expected_version=action.version,
                field="text",
                text=edit.text,
                parent=self.ws,
                db_path=self.ws.operations.store.path,
                exec_dialog=self.ws.exec_dialog,
                owners=edit.owners,
                due=edit.due,
            )

    def delete_action(self) -> None:
        action = self._selected_action()
        if action is not None and self.ws.confirm(
            "Delete action", f"Delete action {action.ref}, “{action.text}”? It leaves the action log too."
        ):
            self.ws.run(minuting.delete_action, action.id)

    def edit_decision(self, decision_id: int, text: str) -> None:
        """A decision edited in place: stored, then shown in its own row, so the list keeps its current row."""
        editor = self.ws.editor
        if self.ws.run(minuting.update_decision, decision_id, text, initiator=editor.decisions) is not None:
            editor.decision_model.set_text(decision_id, text.strip())

    def delete_decision(self) -> None:
        index = self.ws.editor.decisions.currentIndex()
        if not index.isValid():
            return
        decision = self.ws.editor.decision_model.row_at(index.row())
        if self.ws.confirm("Delete decision", f"Delete the decision “{decision.text}”?"):
            self.ws.run(minuting.delete_decision, decision.id)

    def new_decision(self) -> None:
        self.ws.editor.decision_input.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_action(self) -> None:
        self.ws.editor.action_input.setFocus(Qt.FocusReason.ShortcutFocusReason)


def _apply_item_edit(
    session: Any, item_id: int, *, fields: Mapping[str, Any], title: str | None = None, **rest: Any
) -> Any:
    """The item dialog's edit, with the title the clerk chose in a conflict (if any) in place of the typed one."""
    chosen = {**fields, "title": title} if title is not None else dict(fields)
    return workspace_edits.apply_item_edit(session, item_id, fields=chosen, **rest)
