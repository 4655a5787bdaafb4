"""The workspace's top line and what it says: the meeting and its status, the item timer, the lock banner,
and the agenda's footer (items, time allowed, planned and predicted finish).

Split from `MeetingWorkspace`, which keeps the widgets as its attributes (tests and the menus use
them) and calls `update_*` when it has read the meeting again or the timer ticked.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton

from boardapp.core.enums import MeetingStatus
from boardapp.gui.workspace import theme
from boardapp.gui.workspace.agenda_model import duration_label
from boardapp.gui.workspace.quorum_line import QuorumLine
from boardapp.gui.workspace.timer import clock_label, predicted_end
from boardapp.gui.workspace.widgets import banner, muted_label
from boardapp.services import lifecycle
from boardapp.services.errors import ServiceError
from boardapp.services.meetings import MEETING_STATUS_LABELS, time_label

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["WorkspaceHeader"]


class WorkspaceHeader:
    """Makes the header's widgets (owned by the workspace) and keeps them up to date."""

    def __init__(self, ws: MeetingWorkspace) -> None:
        self.ws = ws
        self.heading = QLabel(ws)
        self.heading.setObjectName("workspaceHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.quorum_label = QuorumLine(ws, ws)
        self.timer_label = muted_label("", ws)
        self.timer_label.setObjectName("timerLabel")
        self.timer_button = QToolButton(ws)
        self.timer_button.setAutoRaise(True)
        self.close_button = QToolButton(ws)
        self.close_button.setAutoRaise(True)
        self.lock_banner = banner(theme.LOCK_BANNER, ws)
        self.lock_banner.setObjectName("lockBanner")
        self.lock_banner.linkActivated.connect(lambda _link: ws.lifecycle_commands.reopen_minutes())

    def layout(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setContentsMargins(12, 6, 8, 2)
        header.setSpacing(8)
        header.addWidget(self.heading, 1)
        header.addWidget(self.quorum_label)
        header.addWidget(self.timer_label)
        header.addWidget(self.timer_button)
        header.addWidget(self.close_button)
        return header

    def update_header(self) -> None:
        ws = self.ws
        detail = ws.detail
        if detail is None:
            return
        status = MEETING_STATUS_LABELS.get(detail.status, str(detail.status))
        colour = {MeetingStatus.HELD: theme.APOLOGIES, MeetingStatus.LOCKED: theme.MUTED_TEXT}.get(
            detail.status, theme.ACCENT
        )
        board = detail.title or detail.board_name
        self.heading.setText(
            f"<span style='{theme.HEADER_TITLE}'>{escape(board)}</span>"
            f"&nbsp;&nbsp;<span style='{theme.MUTED}'>{escape(detail.when)}</span>"
            f"&nbsp;&nbsp;<span style='color:{colour}; font-weight:600;'>{escape(status)}</span>"
        )
        held = detail.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)
        ws.mark_held_action.setEnabled(held)
        ws.approve_action.setEnabled(detail.status is MeetingStatus.HELD)
        ws.lock_action.setEnabled(detail.status is MeetingStatus.MINUTES_APPROVED)
        ws.reopen_action.setEnabled(detail.status in lifecycle.LOCKED_STATES)

    def update_lock(self) -> None:
        """Read whether the minutes may be edited; a locked meeting's notes turn read-only, with the reason."""
        ws = self.ws
        message = ""
        if ws.meeting_id is not None:
            try:
                ws.read(lifecycle.ensure_editable, ws.meeting_id)
            except ServiceError as refusal:
                message = str(refusal)
        if message != ws.lock_message:
            ws.refusal_shown = False
        ws.lock_message = message
        if message:
            self.lock_banner.setText(
                f"<b>🔒 Read-only.</b> {escape(message)} &nbsp;<a href='reopen'>Reopen minutes…</a>"
            )
        self.lock_banner.setVisible(bool(message))
        ws.editor.notes.setReadOnly(bool(message))

    def update_footer(self) -> None:
        ws = self.ws
        timing = ws.timing
        if timing is None:
            return
        parts = [f"{len(ws.rows)} items"]
        if timing.total_minutes:
            parts.append(f"{duration_label(timing.total_minutes)} allowed")
        if timing.predicted_finish is not None and timing.total_minutes:
            parts.append(f"planned finish {time_label(timing.predicted_finish)}")
        if ws.timer.item_id is not None and timing.total_minutes:
            end = predicted_end(ws.rows, ws.timer.item_id, ws.timer.elapsed(), ws.timer.now())
            if end is not None:
                parts.append(f"<b>predicted end {time_label(end.time())}</b>")
        ws.agenda.footer.setText(" · ".join(parts))

    def show_timer(self) -> None:
        ws = self.ws
        timer = ws.timer
        ws.agenda.model.set_timed_item(timer.item_id if timer.running else None)
        self.timer_button.setText("Pause timer" if timer.running else "Start timer")
        self.timer_button.setToolTip("Start or pause the item timer (F9)")
        row = next((r for r in ws.rows if r.id == timer.item_id), None)
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
        self.update_footer()
