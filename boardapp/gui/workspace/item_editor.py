"""The centre of the workspace: the selected item's heading, notes, decisions and actions.

Notes are typed into a `NotesEdit` whose text the autosaver stores; decisions and actions are
lists with a one-line input under each. An action line is understood in two steps: Enter shows
what was understood (owners matched or new, the due meeting), Enter again creates it.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import StandingKind
from boardapp.gui.workspace import theme
from boardapp.gui.workspace.agenda_model import AgendaRow
from boardapp.gui.workspace.completer import PartyCompleter, action_line_owner
from boardapp.gui.workspace.item_panels import NextMeetingOffer, PlanReviewPanel
from boardapp.gui.workspace.matters_panel import MattersPanel
from boardapp.gui.workspace.minute_models import ActionDelegate, ActionListModel, DecisionListModel
from boardapp.gui.workspace.minute_offer import MinuteLineOffer
from boardapp.gui.workspace.notes_edit import NotesEdit
from boardapp.gui.workspace.record_panel import RecordPanel
from boardapp.gui.workspace.widgets import CommandLine, banner, muted_label, section_label
from boardapp.services import minuting
from boardapp.services.errors import ServiceError
from boardapp.services.meetings import ItemDetail, time_label
from boardapp.services.minuting import ActionDraft, ItemMinute

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

LIST_ROWS = 3  # rows a decisions or actions list shows before it scrolls


def draft_html(draft: ActionDraft) -> str:
    owners = []
    for owner in draft.owners:
        name = escape(owner.name)
        if owner.is_new:
            kind = "new role" if owner.is_role else "new person"
            owners.append(f"{name} <span style='color:{theme.APOLOGIES};'>({kind})</span>")
        else:
            written = f" <span style='color:{theme.MUTED_TEXT};'>(“{escape(owner.written)}”)</span>"
            owners.append(name + (written if owner.written != owner.name else ""))
    owner_text = " · ".join(owners) or f"<span style='color:{theme.APOLOGIES};'>no owner – add “– Name”</span>"
    return (
        f"<b>Action:</b> {escape(draft.text)}<br><b>Owners:</b> {owner_text}<br><b>Due:</b> {escape(draft.due_label)}"
    )


class ItemEditor(QWidget):
    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemEditor")
        self.workspace = workspace
        self.item: ItemDetail | None = None
        self.draft: ActionDraft | None = None
        self._draft_line = ""

        # heading
        self.title = QLabel(self)
        self.title.setObjectName("itemTitle")
        self.title.setStyleSheet(theme.ITEM_TITLE)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = muted_label("", self)
        self.meta.setWordWrap(True)
        self.edit_button = QToolButton(self)
        self.edit_button.setAutoRaise(True)
        self.exempt_banner = banner(theme.EXEMPT_BANNER, self)
        self.exempt_banner.setObjectName("exemptBanner")
        self.next_meeting = NextMeetingOffer(workspace, self)  # the "Date of next meeting" item only

        # matters arising (the previous-minutes item only); plan actions due for review (the built item)
        self.top_panels = QWidget(self)
        self.matters = MattersPanel(workspace, self.top_panels)
        self.matters.hide()
        self.plan_reviews = PlanReviewPanel(workspace, self.top_panels)
        top_layout = QVBoxLayout(self.top_panels)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.matters, 1)
        top_layout.addWidget(self.plan_reviews, 1)
        self.top_panels.hide()

        # notes
        self.notes = NotesEdit(self)
        self.notes.minute_line_entered.connect(self.offer_minute_line)
        self.notes.offer_answered.connect(self._offer_answered)
        self.offer = MinuteLineOffer(self)
        self._notes_line: tuple[int, str] | None = None  # a notes line being made into an action
        self.offer.accept_button.clicked.connect(lambda: self._offer_answered(True))
        self.offer.decline_button.clicked.connect(lambda: self._offer_answered(False))
        self.save_label = muted_label("", self)
        self.save_label.setObjectName("saveState")

        # decisions
        self.decision_model = DecisionListModel(self)
        self.decisions = QListView(self)
        self.decisions.setObjectName("decisionList")
        self.decisions.setModel(self.decision_model)
        self.decisions.setWordWrap(False)
        self.decisions.setUniformItemSizes(True)
        self.decisions.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.decisions.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.decision_input = CommandLine(self)
        self.decision_input.setObjectName("decisionInput")
        self.decision_input.setPlaceholderText("Resolved: type what the board decided and press Enter")
        self.decision_input.submitted.connect(self.add_decision)
        self.decision_input.cancelled.connect(self.decision_input.clear)

        # actions
        self.action_model = ActionListModel(self)
        self.action_list = QListView(self)
        self.action_list.setObjectName("actionList")
        self.action_list.setModel(self.action_model)
        self.action_list.setItemDelegate(ActionDelegate(self.action_list))
        self.action_list.setUniformItemSizes(True)
        self.action_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.action_list.doubleClicked.connect(lambda _index: workspace.minute_commands.edit_action())
        self.action_input = CommandLine(self)
        self.action_input.setObjectName("actionInput")
        self.action_input.setPlaceholderText(
            "Action – Owner, e.g. Heat maps report for the September meeting – Louise Storey"
        )
        self.owner_completer = PartyCompleter(self.action_input, workspace.candidates, action_line_owner)
        self.action_input.completers.append(self.owner_completer.completer)
        self.action_input.submitted.connect(self.action_line_entered)
        self.action_input.cancelled.connect(self.cancel_draft)
        self.action_input.textEdited.connect(self._draft_stale)
        self.draft_frame = QFrame(self)
        self.draft_frame.setObjectName("actionDraft")
        self.draft_frame.setStyleSheet(f"QFrame#actionDraft {{ {theme.DRAFT_BOX} }}")
        self.draft_label = QLabel(self.draft_frame)
        self.draft_label.setObjectName("draftText")
        self.draft_label.setWordWrap(True)
        self.draft_label.setTextFormat(Qt.TextFormat.RichText)
        self.create_button = QPushButton("Create action (Enter)", self.draft_frame)
        self.create_button.setObjectName("createAction")
        self.create_button.clicked.connect(self.create_action)
        cancel = QPushButton("Cancel (Esc)", self.draft_frame)
        cancel.clicked.connect(self.cancel_draft)
        draft_buttons = QVBoxLayout()
        draft_buttons.addWidget(self.create_button)
        draft_buttons.addWidget(cancel)
        draft_buttons.addStretch(1)
        draft_layout = QHBoxLayout(self.draft_frame)
        draft_layout.setContentsMargins(8, 6, 8, 6)
        draft_layout.addWidget(self.draft_label, 1)
        draft_layout.addLayout(draft_buttons)
        self.draft_frame.hide()

        # layout
        heading = QHBoxLayout()
        heading.setSpacing(6)
        heading.addWidget(self.title, 1)
        heading.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        notes_layout.setSpacing(3)
        notes_top = QHBoxLayout()
        notes_top.addWidget(section_label("Notes", notes_box))
        notes_top.addStretch(1)
        notes_top.addWidget(self.save_label)
        notes_layout.addLayout(notes_top)
        notes_layout.addWidget(self.notes, 1)
        notes_layout.addWidget(self.offer)

        self.minute_box = minute_box = QWidget(self)
        minute_layout = QVBoxLayout(minute_box)
        minute_layout.setContentsMargins(0, 4, 0, 0)
        minute_layout.setSpacing(3)
        self.record = RecordPanel(workspace, minute_box)  # declarations, votes, decision records (issue 17)
        minute_layout.addWidget(self.record)
        self.decisions_title = section_label("Resolved:", minute_box)
        minute_layout.addWidget(self.decisions_title)
        minute_layout.addWidget(self.decisions)
        minute_layout.addWidget(self.decision_input)
        minute_layout.addSpacing(6)
        self.actions_title = section_label("Actions:", minute_box)
        minute_layout.addWidget(self.actions_title)
        minute_layout.addWidget(self.action_list)
        minute_layout.addWidget(self.action_input)
        minute_layout.addWidget(self.draft_frame)
        minute_layout.addStretch(1)  # room to spare goes below, not between "Resolved:" and "Actions:"
        minute_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("itemSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.top_panels)
        self.splitter.addWidget(notes_box)
        self.splitter.addWidget(minute_box)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 0)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.meta)
        layout.addWidget(self.exempt_banner)
        layout.addWidget(self.next_meeting)
        layout.addWidget(self.splitter, 1)

    # -- showing an item ------------------------------------------------------------------------------
    def show_item(self, item: ItemDetail, row: AgendaRow | None, minute: ItemMinute) -> None:
        changed = self.item is None or self.item.id != item.id
        self.item = item
        self.title.setText(f"{item.number}.  {escape(item.title)}")
        parts = []
        if item.presenters:
            parts.append(", ".join(item.presenters))
        if item.purpose_label:
            parts.append(item.purpose_label)
        if row is not None and row.starts is not None:
            parts.append(f"from {time_label(row.starts)}")
        if item.minutes_allowed:
            parts.append(f"{item.minutes_allowed} min allowed")
        if item.papers:
            parts.append("Papers: " + ", ".join(p.title for p in item.papers))
        self.meta.setText(" · ".join(parts) if parts else "No presenter or time set (Ctrl+E to edit the item)")
        if item.is_exempt:
            paragraph = (
                f" under paragraph {escape(item.exempt_paragraph)} of Schedule 12A" if item.exempt_paragraph else ""
            )
            reason = f": {escape(item.exempt_reason)}" if item.exempt_reason else ""
            self.exempt_banner.setText(
                f"<b>Part II – exempt business</b>{paragraph}{reason}. Left out of public agendas and minutes."
            )
        self.exempt_banner.setVisible(item.is_exempt)
        arising = item.standing_kind is StandingKind.PREVIOUS_MINUTES
        self.matters.setVisible(arising)
        if arising:
            self.matters.refresh()
        self.plan_reviews.show_for(item)
        self.top_panels.setVisible(arising or self.plan_reviews.isVisibleTo(self.top_panels))
        self.next_meeting.show_for(item)
        self.set_minute(minute)
        if changed:
            self.cancel_draft()
            self.decision_input.clear()
            self.offer.hide()
            self.notes.offer_pending = False
            self._notes_line = None

    def set_minute(self, minute: ItemMinute) -> None:
        self.decision_model.set_rows(minute.decisions)
        self.action_model.set_rows(minute.actions)
        self._fit(self.decisions, len(minute.decisions))
        self._fit(self.action_list, len(minute.actions))
        self.decisions_title.setText(f"Resolved: ({len(minute.decisions)})" if minute.decisions else "Resolved:")
        self.actions_title.setText(f"Actions: ({len(minute.actions)})" if minute.actions else "Actions:")
        self.record.refresh()
        self._fit_minute_box()

    def _fit_minute_box(self) -> None:
        """Give the decisions and actions the height they need, taken from the notes above them."""
        sizes = self.splitter.sizes()
        need = self.minute_box.sizeHint().height()
        if len(sizes) == 3 and sizes[1] > 0 and sizes[2] != need:
            delta = min(need - sizes[2], sizes[1] - 120)
            self.splitter.setSizes([sizes[0], sizes[1] - delta, sizes[2] + delta])

    def _fit(self, view: QListView, rows: int) -> None:
        view.setVisible(rows > 0)
        if rows:
            per_row = max(view.sizeHintForRow(0), view.fontMetrics().lineSpacing() + 4)
            view.setFixedHeight(min(rows, LIST_ROWS) * per_row + 2 * view.frameWidth() + 2)

    # -- "Resolved: …" and "Action: …" typed in the notes -----------------------------------------------
    def offer_minute_line(self, kind: str, block_number: int) -> None:
        """A notes line that reads as a decision or an action: offer, without a dialog, to make it one."""
        if self.item is None or self.notes.isReadOnly():
            return
        self.offer.show_offer(kind, block_number, self.notes.document().findBlockByNumber(block_number).text())
        self.notes.offer_pending = True

    def _offer_answered(self, accepted: bool) -> None:
        """Taken: the line leaves the notes only once its decision or action exists, so no word is lost."""
        kind, number, text = self.offer.kind, self.offer.block_number, self.offer.text
        self.notes.offer_pending = False
        self.offer.hide()
        if not accepted or self.item is None:
            self.notes.setFocus()
            return
        body = text.strip().lstrip("-•*").strip().split(":", 1)[1].strip()
        if kind == "decision":
            if self.workspace.run(minuting.add_decision, self.item.id, body) is not None:
                self._remove_notes_line(number, text)
            self.notes.setFocus()
            return
        self._notes_line = (number, text)  # removed when the action is created
        self.action_input.setText(body)
        self.action_input.setFocus()
        self.action_line_entered(body)  # the draft shows what was understood; Enter creates it

    def _remove_notes_line(self, number: int, text: str) -> None:
        """Take one line out of the notes (one undo step); the autosaver stores the notes without it."""
        document = self.notes.document()
        block = document.findBlockByNumber(number)
        if not block.isValid() or block.text() != text:  # lines were added above it meanwhile
            block = document.find(text).block() if text else block
            if not block.isValid() or block.text() != text:
                return
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        if block.next().isValid():
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()

    # -- decisions ------------------------------------------------------------------------------------
    def add_decision(self, text: str) -> None:
        if self.item is None or not text.strip():
            return
        if self.workspace.run(minuting.add_decision, self.item.id, text) is not None:
            self.decision_input.clear()

    # -- actions ---------------------------------------------------------------------------------------
    def action_line_entered(self, line: str) -> None:
        if self.item is None or not line.strip():
            return
        if self.draft is not None and line == self._draft_line:
            self.create_action()
            return
        try:
            draft = self.workspace.read(minuting.draft_action, self.item.id, line)
        except ServiceError as refusal:
            self.draft = None
            self.draft_label.setText(f"<span style='color:{theme.OVERDUE_TEXT};'>{escape(str(refusal))}</span>")
            self.create_button.setEnabled(False)
            self.draft_frame.show()
            self._fit_minute_box()
            return
        draft = self._with_chosen_owners(draft)
        self.draft, self._draft_line = draft, line
        self.draft_label.setText(draft_html(draft))
        self.create_button.setEnabled(True)
        self.draft_frame.show()
        self._fit_minute_box()

    def _with_chosen_owners(self, draft: ActionDraft) -> ActionDraft:
        """Owners written in the clerk's words but picked from the suggestions link to the one picked."""
        owners = []
        for owner in draft.owners:
            chosen = self.owner_completer.chosen_for(owner.written)
            if chosen is not None:
                person, role = (None, chosen.id) if chosen.is_role else (chosen.id, None)
                owner = replace(owner, name=chosen.name, is_role=chosen.is_role, person_id=person, role_id=role)
            owners.append(owner)
        return replace(draft, owners=tuple(owners))

    def create_action(self) -> None:
        if self.item is None or self.draft is None:
            return
        if self.workspace.run(minuting.create_action, self.item.id, self.draft) is not None:
            if self._notes_line is not None:
                self._remove_notes_line(*self._notes_line)
                self._notes_line = None
            self.action_input.clear()
            self.cancel_draft()

    def cancel_draft(self) -> None:
        self.draft, self._draft_line = None, ""
        if self.draft_frame.isVisible():
            self.draft_frame.hide()
            self._fit_minute_box()

    def _draft_stale(self, _text: str) -> None:
        if self.draft_frame.isVisible():
            self.cancel_draft()
