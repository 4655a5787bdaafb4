"""The chair's Meetings tab in a review copy: the board's meetings, read-only, with filters that work.

A list of meetings on the left (filtered by the words typed, the meeting's status and its year) and the
chosen meeting on the right as its minutes read: agenda items in order with their minutes, decisions and
actions. Nothing here can be edited; the reads are services/review_reading.py.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import clock_time, long_date, long_date_with_weekday
from boardapp.core.enums import MeetingStatus
from boardapp.gui.operations import Operations
from boardapp.services.actions import ACTION_STATUS_LABELS
from boardapp.services.meetings import MEETING_STATUS_LABELS, ItemDetail, MeetingDetail
from boardapp.services.review_reading import MeetingLine, filter_meetings, review_meeting, review_meetings

ID_ROLE = Qt.ItemDataRole.UserRole


class ReviewMeetingsPanel(QWidget):
    """Read the copy's meetings: filter the list, choose a meeting, read its agenda and minutes."""

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.lines: tuple[MeetingLine, ...] = ()
        self.text = QLineEdit()
        self.text.setPlaceholderText("Filter by words in titles, items, minutes or decisions…")
        self.status = QComboBox()
        self.year = QComboBox()
        self.count = QLabel()
        self.meetings = QListWidget()
        self.meetings.setSpacing(3)
        self.reader = QTextBrowser()
        self.reader.setOpenLinks(False)
        filters = QHBoxLayout()
        filters.addWidget(self.text, 3)
        filters.addWidget(QLabel("Status:"))
        filters.addWidget(self.status, 1)
        filters.addWidget(QLabel("Year:"))
        filters.addWidget(self.year, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.meetings)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.refresh()
        self.text.textChanged.connect(lambda _text: self.apply_filters())
        self.status.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.year.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.meetings.currentItemChanged.connect(lambda _new, _old: self._show_current())

    def refresh(self) -> None:
        """Read the meetings again and offer the statuses and years there are (nothing to offer when empty)."""
        self.lines = self.operations.read(review_meetings)
        self.status.blockSignals(True)
        self.year.blockSignals(True)
        self.status.clear()
        self.status.addItem("All statuses", None)
        for status in MeetingStatus:
            if any(line.status == status for line in self.lines):
                self.status.addItem(MEETING_STATUS_LABELS[status], status.value)
        self.year.clear()
        self.year.addItem("All years", None)
        for year in sorted({line.date.year for line in self.lines}, reverse=True):
            self.year.addItem(str(year), year)
        self.status.blockSignals(False)
        self.year.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        status = self.status.currentData()
        shown = filter_meetings(
            self.lines,
            text=self.text.text(),
            status=MeetingStatus(status) if status else None,
            year=self.year.currentData(),
        )
        current = self.meetings.currentItem()
        keep = current.data(ID_ROLE) if current is not None else None
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for line in shown:
            heading = f"{long_date(line.date)} — {line.title}" if line.title else long_date(line.date)
            item = QListWidgetItem(f"{heading}\n{line.status_label} · {_items(line.item_count)}")
            item.setData(ID_ROLE, line.id)
            self.meetings.addItem(item)
            if line.id == keep:
                self.meetings.setCurrentItem(item)
        self.meetings.blockSignals(False)
        if not self.lines:
            self.count.setText("This review copy holds no meetings.")
        else:
            self.count.setText(f"{len(shown)} of {len(self.lines)} meetings")
        if self.meetings.currentItem() is None and self.meetings.count():
            self.meetings.setCurrentRow(0)
        self._show_current()

    def shown_meeting_ids(self) -> list[int]:
        return [int(self.meetings.item(row).data(ID_ROLE)) for row in range(self.meetings.count())]

    def _show_current(self) -> None:
        item = self.meetings.currentItem()
        if item is None:
            self.reader.setHtml(
                "<p>No meeting matches the filters.</p>" if self.lines else "<p>There are no meetings to read.</p>"
            )
            return
        detail: MeetingDetail = self.operations.read(review_meeting, int(item.data(ID_ROLE)))
        self.reader.setHtml(meeting_html(detail, self.text.text()))


def _items(count: int) -> str:
    return "1 item" if count == 1 else f"{count} items"


def meeting_html(detail: MeetingDetail, filter_text: str = "") -> str:
    """The meeting as the chair reads it: heading, attendance, then each item with its minutes."""
    when = long_date_with_weekday(detail.date)
    if detail.start_time is not None:
        when += f", {clock_time(detail.start_time)}"
    parts = [
        f"<h2>{escape(detail.title or 'Meeting of ' + detail.board_name)}</h2>",
        f"<p><b>{escape(when)}</b>{' · ' + escape(detail.venue) if detail.venue else ''}"
        f" · {escape(detail.status_label)}</p>",
    ]
    if detail.cancelled_reason:
        parts.append(f"<p><i>Cancelled: {escape(detail.cancelled_reason)}</i></p>")
    present = ", ".join(a.name for a in detail.attendance.present)
    apologies = ", ".join(a.name for a in detail.attendance.apologies)
    if present:
        parts.append(f"<p><b>Present:</b> {escape(present)}</p>")
    if apologies:
        parts.append(f"<p><b>Apologies:</b> {escape(apologies)}</p>")
    if not detail.items:
        parts.append("<p><i>No agenda items yet.</i></p>")
    words = filter_text.casefold().split()
    parts.extend(_item_html(item, words) for item in detail.items)
    return "".join(parts)


def _item_html(item: ItemDetail, words: list[str]) -> str:
    number = item.minute_number or str(item.number)
    title = escape(item.title)
    if words and all(w in " ".join([item.title, item.notes, *item.decisions]).casefold() for w in words):
        title = f'<span style="background: #fff2a8">{title}</span>'  # the item the filter found
    part2 = " <i>(Part II — confidential)</i>" if item.is_exempt else ""
    parts = [f"<h3>{escape(number)}. {title}{part2}</h3>"]
    if item.notes.strip():
        parts.extend(f"<p>{escape(paragraph)}</p>" for paragraph in item.notes.split("\n") if paragraph.strip())
    elif not item.decisions and not item.actions:
        parts.append("<p><i>No minutes recorded.</i></p>")
    if item.decisions:
        parts.append("<p><b>Resolved:</b></p><ul>")
        parts.extend(f"<li>{escape(text)}</li>" for text in item.decisions)
        parts.append("</ul>")
    if item.actions:
        parts.append("<p><b>Actions:</b></p><ul>")
        parts.extend(
            f"<li>{escape(a.ref)} {escape(a.text)} — {escape(a.owners)}"
            f"{' · ' + escape(a.due_label) if a.due_label else ''} · {escape(ACTION_STATUS_LABELS[a.status])}</li>"
            for a in item.actions
        )
        parts.append("</ul>")
    return "".join(parts)
