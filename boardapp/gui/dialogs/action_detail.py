"""One action in full: what, who, raised where, due when, its dated history (every update and change
of status, with the meeting), the plan actions it serves (link more by typing a ref or words;
unlink), the follow-up buttons, and "Open the minute" to jump to where it was raised.

Not modal: it stays open beside the log and re-reads itself when an operation changes the action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.action_followup import FollowUp
from boardapp.gui.operations import Operations
from boardapp.services.actions import (
    ActionDetail,
    PlanItemChoice,
    PlanLinkEntry,
    action_detail,
    long_date,
    search_plan_items,
)
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound
from boardapp.services.followup import link_plan_item, unlink_plan_item

LINK_ROLE = Qt.ItemDataRole.UserRole


def badge(text: str, colour: str) -> str:
    return (
        f"<span style='background:{colour}; color:{style.readable_text_on(colour)}; "
        f"font-weight:600;'>&nbsp;{escape(text)}&nbsp;</span>"
    )


STATUS_COLOURS = {"open": "#2E6DA4", "in_progress": "#C77700", "completed": "#2E7D32", "closed": "#6B6B6B",
                  "cancelled": "#9E9E9E"}  # fmt: skip


def history_html(detail: ActionDetail) -> str:
    if not detail.history:
        return f"<p style='color:{style.MUTED_TEXT}'><i>No updates recorded yet.</i></p>"
    rows = []
    for entry in reversed(detail.history):  # newest first, as a log is read
        change = escape(entry.change)
        if change:
            change = f"<b>{change}</b>"
        where = (
            escape(entry.meeting_label) if entry.meeting_label else f"<span style='color:{style.MUTED_TEXT}'>–</span>"
        )
        by = f"<br><span style='color:{style.MUTED_TEXT}'>{escape(entry.author)}</span>" if entry.author else ""
        rows.append(
            f"<tr><td style='white-space:nowrap'>{escape(long_date(entry.recorded_on))}</td>"
            f"<td>{where}</td><td>{change}</td><td>{escape(entry.note)}{by}</td></tr>"
        )
    head = "".join(f"<th align='left'>{h}</th>" for h in ("Date", "Meeting", "Status", "Note"))
    return (
        "<table cellspacing='0' cellpadding='4' width='100%' style='border-collapse:collapse'>"
        f"<tr style='background:#E7EEF6'>{head}</tr>{''.join(rows)}</table>"
    )


class ActionDetailDialog(QDialog):
    open_minute_requested = Signal(int, int, object)  # board id, meeting id, agenda item id (or None)

    def __init__(
        self,
        operations: Operations,
        action_id: int,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionDetail")
        self.operations = operations
        self.action_id = action_id
        self.today = today
        self.detail: ActionDetail | None = None
        self.follow_up = FollowUp(operations, today, self)
        self.setWindowTitle("Action")
        self.resize(820, 720)

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet("font-size: 11pt;")
        self.owners = QLabel(self)
        self.owners.setWordWrap(True)
        self.raised = QLabel(self)
        self.raised.setWordWrap(True)
        self.open_minute = QPushButton("Open the &minute", self)
        self.open_minute.clicked.connect(self._open_minute)
        raised_row = QHBoxLayout()
        raised_row.addWidget(self.raised, 1)
        raised_row.addWidget(self.open_minute)
        self.due = QLabel(self)
        self.due.setWordWrap(True)
        self.due.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        form.addRow("Owners:", self.owners)
        form.addRow("Raised at:", raised_row)
        form.addRow("Due:", self.due)

        self.history = QTextBrowser(self)
        self.history.setObjectName("actionHistory")
        self.history.setOpenLinks(False)
        history_box = QGroupBox("History", self)
        QVBoxLayout(history_box).addWidget(self.history)

        self.links = QListWidget(self)
        self.links.setObjectName("planLinks")
        self.links.setFixedHeight(80)
        self.unlink = QPushButton("&Unlink", self)
        self.unlink.clicked.connect(self.remove_selected_link)
        self.search = QLineEdit(self)
        self.search.setObjectName("planSearch")
        self.search.setPlaceholderText("Link to a plan action: type its ref (1.2) or words from it…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.search_plan)
        self.search.returnPressed.connect(self.link_current_result)
        self.results = QListWidget(self)
        self.results.setObjectName("planResults")
        self.results.setFixedHeight(100)
        self.results.itemActivated.connect(lambda _item: self.link_current_result())
        self.link = QPushButton("&Link", self)
        self.link.clicked.connect(self.link_current_result)
        links_box = QGroupBox("Plan actions this action serves", self)
        links_layout = QVBoxLayout(links_box)
        top = QHBoxLayout()
        top.addWidget(self.links, 1)
        top.addWidget(self.unlink, 0, Qt.AlignmentFlag.AlignTop)
        links_layout.addLayout(top)
        links_layout.addWidget(self.search)
        bottom = QHBoxLayout()
        bottom.addWidget(self.results, 1)
        bottom.addWidget(self.link, 0, Qt.AlignmentFlag.AlignTop)
        links_layout.addLayout(bottom)

        self.buttons = QHBoxLayout()
        self.status_button = self._button("Update &status…", lambda: self.follow_up.update_status(self._rows()))
        self.close_button = self._button("Close as &agreed…", lambda: self.follow_up.close(self._rows()))
        self.carry_button = self._button("Carry &forward", lambda: self.follow_up.carry_forward(self._rows()))
        self.reassign_button = self._button("&Reassign…", lambda: self.follow_up.reassign(self._rows()))
        self.due_button = self._button("Change &due…", lambda: self.follow_up.change_due(self._rows()))
        self.buttons.addStretch(1)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        done.rejected.connect(self.reject)
        self.message = QLabel(self)
        self.message.setStyleSheet(f"color: {style.MUTED_TEXT};")
        self.follow_up.done.connect(self.message.setText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addLayout(form)
        layout.addWidget(history_box, 1)
        layout.addWidget(links_box)
        layout.addLayout(self.buttons)
        layout.addWidget(self.message)
        layout.addWidget(done)
        operations.changed.connect(self._changed)
        self.reload()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        self.buttons.addWidget(button)
        return button

    def _rows(self) -> list:
        return [self.detail.row] if self.detail is not None else []

    # -- reading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            detail = self.operations.read(action_detail, self.action_id, today=self.today())
        except NotFound as exc:
            self.detail = None
            self.heading.setText(escape(str(exc)))
            for button in (self.status_button, self.close_button, self.carry_button, self.reassign_button,
                           self.due_button, self.open_minute, self.link, self.unlink):  # fmt: skip
                button.setEnabled(False)
            return
        self.detail = detail
        row = detail.row
        self.setWindowTitle(f"Action {row.ref}")
        marks = [badge(row.status_label, STATUS_COLOURS.get(row.status.value, style.MUTED_TEXT))]
        if row.is_overdue:
            marks.append(badge("OVERDUE", style.OVERDUE_TEXT))
        self.heading.setText(
            f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>{escape(row.ref)}</span>"
            f"&nbsp;&nbsp;{' '.join(marks)}<br><span style='color:{style.MUTED_TEXT};'>{escape(row.board_name)}</span>"
        )
        self.text.setText(row.text)
        self.owners.setText(", ".join(f"{o.name} (role)" if o.is_role else o.name for o in detail.owners) or "No owner")
        self.raised.setText(row.raised_at or "Not recorded")
        self.open_minute.setEnabled(row.raised_meeting_id is not None)
        due = escape(row.due_label or "No set due point")
        if detail.due_text and detail.due_text not in row.due_label:
            due += f" <span style='color:{style.MUTED_TEXT}'>(minuted: “{escape(detail.due_text)}”)</span>"
        if row.is_overdue:
            due = f"<span style='color:{style.OVERDUE_TEXT}; font-weight:600'>{due} – overdue</span>"
        if detail.closed_at_label:
            due += f"<br>Closed as agreed at the {escape(detail.closed_at_label)}"
        self.due.setText(due)
        self.history.setHtml(history_html(detail))
        self.links.clear()
        for link in detail.links:
            self._add_link_item(link)
        self.unlink.setEnabled(bool(detail.links))
        self.search_plan(self.search.text())

    def _add_link_item(self, link: PlanLinkEntry) -> None:
        level = f"  [{link.level_label}]" if link.level_label else ""
        item = QListWidgetItem(f"{link.label}{level} — {link.plan_name}", self.links)
        item.setData(LINK_ROLE, link)
        item.setToolTip(f"{link.plan_name}: {link.label}")

    def _changed(self, changes: Changes) -> None:
        if self.action_id in changes.actions or changes.people or changes.meetings or changes.plans:
            self.reload()

    # -- plan links ----------------------------------------------------------------------------------------
    def search_plan(self, text: str) -> None:
        self.results.clear()
        if not text.strip() or self.detail is None:
            self.link.setEnabled(False)
            return
        linked = {link.plan_item_id for link in self.detail.links}
        choices: list[PlanItemChoice] = self.operations.read(search_plan_items, text, board_id=self.detail.row.board_id)
        for choice in choices:
            if choice.id in linked:
                continue
            item = QListWidgetItem(f"{choice.label} — {choice.plan_name}", self.results)
            item.setData(LINK_ROLE, choice)
        if self.results.count():
            self.results.setCurrentRow(0)
        else:
            QListWidgetItem("No plan item matches", self.results).setFlags(Qt.ItemFlag.NoItemFlags)
        self.link.setEnabled(any(self.results.item(i).data(LINK_ROLE) for i in range(self.results.count())))

    def link_current_result(self) -> None:
        item = self.results.currentItem()
        choice = item.data(LINK_ROLE) if item is not None else None
        if not isinstance(choice, PlanItemChoice) or self.detail is None:
            return
        result = self.operations.run(link_plan_item, self.action_id, choice.id, on=self.today(), parent=self)
        if result is not None:
            self.message.setText(result.message)
            self.search.clear()

    def remove_selected_link(self) -> None:
        item = self.links.currentItem()
        link = item.data(LINK_ROLE) if item is not None else None
        if not isinstance(link, PlanLinkEntry):
            return
        result = self.operations.run(unlink_plan_item, self.action_id, link.plan_item_id, on=self.today(), parent=self)
        if result is not None:
            self.message.setText(result.message)

    # -- going to the minute -------------------------------------------------------------------------------
    def _open_minute(self) -> None:
        if self.detail is None or self.detail.row.raised_meeting_id is None:
            return
        row = self.detail.row
        self.open_minute_requested.emit(row.board_id, row.raised_meeting_id, row.raised_item_id)
