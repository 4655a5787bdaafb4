"""What two built agenda items show beside their notes (issue 10 points 4 and 5).

- "Date of next meeting": when the board has no later meeting, an offer to schedule it on the date
  its pattern of meetings suggests, with this meeting's time and venue (one `operations.run` of
  `calendar.schedule_next_meeting`, which builds its agenda), or on another date through the
  scheduling dialog; when a later meeting exists, its date.
- "Improvement plan: actions due for review": the plan actions the agenda builder put before the
  meeting (`agenda_builder.plan_reviews`), read-only, their progress in the plan's own colour.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import clock_time, long_date_with_weekday
from boardapp.core.enums import MeetingStatus, StandingKind
from boardapp.gui.models.plan_review_model import PlanReviewModel
from boardapp.gui.workspace.widgets import muted_label, section_label
from boardapp.services import agenda_builder, calendar
from boardapp.services.agenda_builder import PlanReviewRow
from boardapp.services.meetings import ItemDetail
from boardapp.services.navigator import MeetingRow, list_meetings

if TYPE_CHECKING:
    from boardapp.gui.workspace.workspace import MeetingWorkspace

__all__ = ["NextMeetingOffer", "PlanReviewPanel", "meeting_when"]

OFFER_BOX = "QFrame#nextMeetingOffer { background:#F3F7FB; border:1px solid #C9D6E3; border-radius:3px; }"
REVIEW_ROWS_SHOWN = 5
REVIEW_WIDTHS = (50, 0, 150, 135, 90)  # 0: the action text takes what is left


def meeting_when(day: dt.date, start: dt.time | None, venue: str) -> str:
    """ "Tuesday 3 October 2017, 2.30 pm at County Hall", as the offer reads."""
    text = long_date_with_weekday(day)
    if start is not None:
        text += f", {clock_time(start)}"
    return f"{text} at {venue}" if venue else text


class NextMeetingOffer(QFrame):
    """Shown on the "Date of next meeting" item: the next meeting's date, or an offer to schedule it."""

    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextMeetingOffer")
        self.setStyleSheet(OFFER_BOX)
        self.workspace = workspace
        self.suggestion: dt.date | None = None
        self.label = QLabel(self)
        self.label.setObjectName("nextMeetingText")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.schedule_button = QPushButton("Schedule", self)
        self.schedule_button.setObjectName("scheduleNextMeeting")
        self.schedule_button.setToolTip("Schedule the next meeting on this date, with its agenda built")
        self.schedule_button.clicked.connect(self.schedule)
        self.choose_button = QPushButton("Choose another date…", self)
        self.choose_button.setObjectName("chooseNextMeetingDate")
        self.choose_button.clicked.connect(self.choose_date)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.schedule_button)
        layout.addWidget(self.choose_button)
        self.hide()

    def show_for(self, item: ItemDetail | None) -> None:
        detail = self.workspace.detail
        if item is None or detail is None or item.standing_kind is not StandingKind.NEXT_MEETING:
            self.hide()
            return
        later = self.later_meeting()
        if later is not None:
            self.suggestion = None
            when = meeting_when(later.date, later.start_time, later.venue)
            self.label.setText(f"<b>Next meeting:</b> {escape(when)}")
            self.schedule_button.hide()
            self.choose_button.hide()
        else:
            self.suggestion = self.workspace.read(calendar.next_meeting_suggestion, detail.id)
            if self.suggestion is None:
                self.label.setText("<b>Schedule the next meeting:</b> no pattern of meetings yet to suggest a date.")
            else:
                when = meeting_when(self.suggestion, detail.start_time, detail.venue)
                self.label.setText(f"<b>Schedule the next meeting:</b> {escape(when)}")
            self.schedule_button.setVisible(self.suggestion is not None)
            self.choose_button.setText("Choose another date…" if self.suggestion is not None else "Choose a date…")
            self.choose_button.show()
        self.show()

    def later_meeting(self) -> MeetingRow | None:
        """The board's first meeting after this one that is not cancelled, read afresh."""
        detail = self.workspace.detail
        if detail is None:
            return None
        rows = self.workspace.read(list_meetings, detail.board_id)
        later = [r for r in rows if r.date > detail.date and r.status is not MeetingStatus.CANCELLED]
        return min(later, key=lambda r: r.date) if later else None

    def schedule(self) -> None:
        detail = self.workspace.detail
        if detail is None or self.suggestion is None:
            return
        if self.workspace.run(calendar.schedule_next_meeting, detail.id, date=self.suggestion) is not None:
            self.show_for(self.workspace.item_detail(self.workspace.current_item_id))

    def choose_date(self) -> None:
        """The scheduling dialog, opened on the suggested date (today when there is none)."""
        detail = self.workspace.detail
        if detail is None:
            return
        self.workspace.flush()
        today = self.workspace.timer.now().date()
        if self.workspace.schedule_dialog(detail.board_id, today=today, first_date=self.suggestion):
            self.show_for(self.workspace.item_detail(self.workspace.current_item_id))


class PlanReviewPanel(QWidget):
    """The plan actions up for review at this item: ref, text, leads, due and status, read-only."""

    def __init__(self, workspace: MeetingWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planReviewPanel")
        self.workspace = workspace
        self.rows: list[PlanReviewRow] = []
        self.title = section_label("Plan actions due for review", self)
        self.note = muted_label("", self)
        self.model = PlanReviewModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("planReviewTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate(REVIEW_WIDTHS):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        row_height = self.table.fontMetrics().lineSpacing() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        # enough rows to read on a 1366×768 screen: the notes below give up the height
        header_height = header.sizeHint().height()
        self.table.setMinimumHeight(header_height + REVIEW_ROWS_SHOWN * row_height + 2 * self.table.frameWidth() + 2)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.hide()

    def show_for(self, item: ItemDetail | None) -> None:
        """Shown only on an item with plan actions attached (the one the agenda builder adds)."""
        self.rows = self.workspace.read(agenda_builder.plan_reviews, item.id) if item is not None else []
        self.model.set_rows(self.rows)
        self.table.setColumnHidden(0, not any(r.ref for r in self.rows))  # a plan that numbers nothing
        plans = sorted({r.plan_name for r in self.rows})
        self.note.setText(f"{len(self.rows)} from {', '.join(plans)}" if self.rows else "")
        self.setVisible(bool(self.rows))
