"""What the workspace's formal-record commands do (issue 17): declare an interest from any item,
correct or delete a declaration, record a vote on a decision, and write its decision record.

Like `commands.py`, a small controller over the workspace's read/run hooks; dialogs open through
`ws.exec_dialog` so tests can answer them. Its actions join the Minute menu and the panel's buttons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from boardapp.core.enums import AttendanceKind
from boardapp.core.models.record import VoteResult
from boardapp.gui.dialogs.record_dialogs import DecisionRecordDialog, DeclarationDialog, VoteDialog
from boardapp.services import attendance, boards, decision_records, declarations, quorum, votes
from boardapp.services.minuting import DecisionLine

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["DECLARE_SHORTCUT", "RecordCommands"]

DECLARE_SHORTCUT = "Ctrl+Shift+D"  # Ctrl+Shift+I is "Add in attendance…"


class RecordCommands:
    def __init__(self, workspace: MeetingWorkspace) -> None:
        self.ws = workspace
        self.declare_action = QAction("Declare an &interest…", workspace)
        self.vote_action = QAction("Record a &vote…", workspace)
        self.decision_record_action = QAction("Decision &record…", workspace)
        self.edit_line_action = QAction("Correct the declaration…", workspace)
        self.delete_line_action = QAction("Delete the declaration or vote…", workspace)

    def build_actions(self) -> None:
        """Connect the actions, add them to the Minute menu and give the record panel its buttons."""
        ws = self.ws
        self.declare_action.setShortcut(QKeySequence(DECLARE_SHORTCUT))
        self.declare_action.setToolTip(f"Record a declaration of interest on this item ({DECLARE_SHORTCUT})")
        ws.addAction(self.declare_action)
        for action, slot in (
            (self.declare_action, self.declare),
            (self.vote_action, self.record_vote),
            (self.decision_record_action, self.edit_decision_record),
            (self.edit_line_action, self.edit_selected),
            (self.delete_line_action, self.delete_selected),
        ):
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        ws.minute_menu.addSeparator()
        ws.minute_menu.addActions([self.declare_action, self.vote_action, self.decision_record_action])
        panel = ws.editor.record
        for button, action, text in (
            (panel.declare_button, self.declare_action, "Declare an interest…"),
            (panel.vote_button, self.vote_action, "Record a vote…"),
            (panel.record_button, self.decision_record_action, "Decision record…"),
            (panel.edit_button, self.edit_line_action, "Edit…"),
            (panel.delete_button, self.delete_line_action, "Delete…"),
        ):
            button.setDefaultAction(action)
            button.setText(text)
        decisions = ws.editor.decisions
        decisions.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        decisions.addActions([self.vote_action, self.decision_record_action])

    # -- who can be chosen ----------------------------------------------------------------------------
    def _attendees(self) -> list[tuple[int, str]]:
        """Everyone on the meeting's roster, those marked present first."""
        if self.ws.meeting_id is None:
            return []
        rows = self.ws.read(attendance.roster, self.ws.meeting_id)
        present = [(r.person_id, r.name) for r in rows if r.kind is AttendanceKind.PRESENT]
        others = [(r.person_id, r.name) for r in rows if r.kind is not AttendanceKind.PRESENT]
        return present + others

    def _items(self) -> list[tuple[int, str]]:
        return [(row.id, f"{row.number}. {row.title}") for row in self.ws.rows]

    def _decision(self) -> DecisionLine | None:
        """The decision selected in the Resolved list, or the item's only one."""
        model = self.ws.editor.decision_model
        index = self.ws.editor.decisions.currentIndex()
        if index.isValid():
            return model.row_at(index.row())
        line = self.ws.editor.record.selected_line()
        if line is not None and line.decision_id is not None:
            rows = [model.row_at(i) for i in range(model.rowCount())]
            return next((row for row in rows if row.id == line.decision_id), None)
        return model.row_at(0) if model.rowCount() == 1 else None

    def _no_decision(self) -> None:
        self.ws.editor.decision_input.setFocus(Qt.FocusReason.OtherFocusReason)
        QMessageBox.information(
            self.ws,
            "Record the decision first",
            "Choose a decision in the Resolved list (or type one under it) to record its vote or decision record.",
        )

    # -- declarations ---------------------------------------------------------------------------------
    def declare(self) -> None:
        if self.ws.meeting_id is None:
            return
        dialog = DeclarationDialog(self.ws, self._attendees(), self._items(), item_id=self.ws.current_item_id)
        if self.ws.exec_dialog(dialog):
            fields = dialog.fields()
            person_id, kind = fields.pop("person_id"), fields.pop("kind")
            self.ws.run(declarations.record_declaration, self.ws.meeting_id, person_id, kind, **fields)

    def edit_selected(self) -> None:
        line = self.ws.editor.record.selected_line()
        if line is None:
            return
        if line.kind == "record":
            self.edit_decision_record()
            return
        if line.kind == "urgent":
            self.ws.agenda_commands.edit_item()
            return
        if line.kind != "declaration":
            return
        row = next((d for d in self.ws.editor.record.declarations if d.id == line.id), None)
        if row is None:
            return
        dialog = DeclarationDialog(self.ws, self._attendees(), self._items(), existing=row)
        if self.ws.exec_dialog(dialog):
            self.ws.run(declarations.update_declaration, row.id, **dialog.fields())

    def delete_selected(self) -> None:
        line = self.ws.editor.record.selected_line()
        if line is None:
            return
        if line.kind == "declaration" and self.ws.confirm("Delete declaration", "Delete this declaration of interest?"):
            self.ws.run(declarations.delete_declaration, line.id)
        elif line.kind == "vote" and self.ws.confirm("Delete vote", "Delete this vote from the minutes?"):
            self.ws.run(votes.delete_vote, line.id)
        elif line.kind == "record" and self.ws.confirm("Delete decision record", "Remove this decision record?"):
            self.ws.run(decision_records.set_decision_record, line.id, needs_record=False)

    # -- votes and decision records -------------------------------------------------------------------
    def record_vote(self) -> None:
        decision = self._decision()
        item_id = self.ws.current_item_id
        if decision is None or item_id is None or self.ws.meeting_id is None:
            self._no_decision()
            return
        attendees = self._attendees()
        names = dict(attendees)
        in_room = self.ws.read(quorum.members_in_room, self.ws.meeting_id).get(item_id, set())
        voters = [(pid, names[pid]) for pid, _ in attendees if pid in in_room]
        dialog = VoteDialog(self.ws, decision.text, attendees, voters)
        if not self.ws.exec_dialog(dialog):
            return
        edit = dialog.result_edit()
        common = {"motion": edit.motion, "kind": edit.kind, "mover_id": edit.mover_id, "seconder_id": edit.seconder_id}
        if edit.recorded:
            self.ws.run(
                votes.record_named_vote,
                decision.id,
                edit.choices,
                withdrawn=edit.result is VoteResult.WITHDRAWN,
                casting_vote=edit.casting_vote,
                **common,
            )
        else:
            self.ws.run(
                votes.record_vote,
                decision.id,
                edit.result,
                votes_for=edit.votes_for,
                votes_against=edit.votes_against,
                abstentions=edit.abstentions,
                casting_vote=edit.casting_vote,
                **common,
            )

    def edit_decision_record(self) -> None:
        decision = self._decision()
        detail = self.ws.detail
        if decision is None or detail is None:
            self._no_decision()
            return
        record = self.ws.read(decision_records.decision_record, decision.id)
        settings = self.ws.read(boards.board_settings, detail.board_id)
        takes_effect = record.takes_effect_on or self.ws.read(decision_records.call_in_ends, decision.id)
        dialog = DecisionRecordDialog(
            self.ws,
            decision.text,
            needs_record=record.takes_effect_on is not None,
            reasons=record.reasons,
            alternatives=record.alternatives_rejected,
            conflicts=record.conflicts,
            takes_effect_on=takes_effect,
            call_in_days=settings.call_in_days,
        )
        if self.ws.exec_dialog(dialog):
            self.ws.run(decision_records.set_decision_record, decision.id, **dialog.fields())
