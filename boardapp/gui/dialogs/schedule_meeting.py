"""Scheduling one meeting or a series, with the board's defaults and a live preview of the dates.

The preview is computed by the same pure rule (`core.rules.recurrence`) the service uses, so what
the clerk sees is what gets stored; dates that clash with a meeting the board already has are
marked. Writing goes through `operations.run(calendar.schedule_meeting | schedule_series)`, all or
nothing: a refusal is shown and the dialog stays open to correct it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import clock_time, long_date_with_weekday, parse_typed_date
from boardapp.core.rules.recurrence import COMMON_RULES, MAX_MEETINGS, describe_rule, generate_dates, parse_rule
from boardapp.gui import style
from boardapp.gui.operations import Operations
from boardapp.services import calendar

__all__ = ["ScheduleMeetingsDialog", "schedule_meetings"]


class DateField(QLineEdit):
    """A date typed as clerks write it ("14/01/2026", "14 January 2026"): quicker than a spin box, and
    the preview spells out the weekday so a slip shows at once."""

    def __init__(self, day: dt.date, parent: QWidget, name: str) -> None:
        super().__init__(f"{day.day:02d}/{day.month:02d}/{day.year}", parent)
        self.setObjectName(name)
        self.setPlaceholderText("dd/mm/yyyy")

    def value(self) -> dt.date:
        found = parse_typed_date(self.text())
        if found is None:
            raise ValueError(f"“{self.text().strip()}” is not a date: write it as 14/01/2026 or 14 January 2026.")
        return found


def date_edit(day: dt.date, parent: QWidget, name: str) -> DateField:
    return DateField(day, parent, name)


class ScheduleMeetingsDialog(QDialog):
    """One dialog for one meeting or a series; `meeting_ids` holds what was scheduled once accepted."""

    def __init__(
        self,
        operations: Operations,
        board_id: int,
        *,
        today: dt.date,
        first_date: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleMeetingsDialog")
        self.operations = operations
        self.board_id = board_id
        self.meeting_ids: list[int] = []
        defaults = operations.read(calendar.board_defaults, board_id)
        self.archived = defaults.archived
        self.taken = {
            (row.date, row.start_time) for row in operations.read(calendar.board_calendar, board_id)
        }  # slots the board already has
        self.setWindowTitle(f"Schedule meetings — {defaults.name}")
        first_date = first_date or operations.read(calendar.suggested_date, board_id, today=today)

        heading = QLabel(defaults.name, self)
        heading.setWordWrap(True)
        heading.setStyleSheet(f"font-weight:600; color:{style.ACCENT};")
        self.one = QRadioButton("&One meeting", self)
        self.one.setObjectName("oneMeeting")
        self.series = QRadioButton("A &series of meetings", self)
        self.series.setObjectName("seriesOfMeetings")
        self.one.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.one)
        kinds.addButton(self.series)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.one)
        kind_row.addWidget(self.series)
        kind_row.addStretch(1)

        self.date = date_edit(first_date, self, "meetingDate")
        self.rule = QComboBox(self)
        self.rule.setObjectName("seriesRule")
        self.rule.setEditable(True)
        self.rule.addItems(COMMON_RULES)
        self.rule.setToolTip('Pick a pattern or type one: "second Wednesday", "every 8 weeks", "last Thursday"')
        self.by_count = QRadioButton("&Number of meetings", self)
        self.by_count.setObjectName("byCount")
        self.by_until = QRadioButton("&Until", self)
        self.by_until.setObjectName("byUntil")
        self.by_count.setChecked(True)
        ends = QButtonGroup(self)
        ends.addButton(self.by_count)
        ends.addButton(self.by_until)
        self.count = QSpinBox(self)
        self.count.setObjectName("seriesCount")
        self.count.setRange(1, MAX_MEETINGS)
        self.count.setValue(12)
        self.until = date_edit(first_date + dt.timedelta(days=365), self, "seriesUntil")
        end_row = QHBoxLayout()
        for widget in (self.by_count, self.count, self.by_until, self.until):
            end_row.addWidget(widget)
        end_row.addStretch(1)

        self.time = QLineEdit(clock_text(defaults.start_time), self)
        self.time.setObjectName("meetingTime")
        self.time.setPlaceholderText("HH:MM, e.g. 14:30")
        self.venue = QLineEdit(defaults.venue, self)
        self.venue.setObjectName("meetingVenue")
        self.venue.setPlaceholderText("where it meets")
        self.build = QCheckBox("&Build the agenda from the board's standing items", self)
        self.build.setObjectName("buildAgenda")
        self.build.setChecked(True)

        form = QFormLayout()
        self.date_label = QLabel("&Date", self)
        self.date_label.setBuddy(self.date)
        form.addRow(self.date_label, self.date)
        self.rule_label = QLabel("&Rule", self)
        self.rule_label.setBuddy(self.rule)
        form.addRow(self.rule_label, self.rule)
        form.addRow("Ends", end_row)
        time_label = QLabel("&Time", self)
        time_label.setBuddy(self.time)
        form.addRow(time_label, self.time)
        venue_label = QLabel("&Venue", self)
        venue_label.setBuddy(self.venue)
        form.addRow(venue_label, self.venue)

        self.summary = QLabel(self)
        self.summary.setObjectName("scheduleSummary")
        self.summary.setWordWrap(True)
        self.preview = QListWidget(self)
        self.preview.setObjectName("schedulePreview")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        schedule = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if schedule is not None:
            schedule.setText("Sc&hedule")
        self.buttons.accepted.connect(self._schedule)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(kind_row)
        layout.addLayout(form)
        layout.addWidget(self.build)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

        for radio in (self.one, self.series, self.by_count, self.by_until):
            radio.toggled.connect(self.update_preview)
        self.date.textChanged.connect(self.update_preview)
        self.until.textChanged.connect(self.update_preview)
        self.count.valueChanged.connect(self.update_preview)
        self.rule.editTextChanged.connect(self.update_preview)
        self.time.textChanged.connect(self.update_preview)
        self.resize(560, 520)
        self.update_preview()

    # -- reading the form -----------------------------------------------------------------------

    def planned_dates(self) -> list[dt.date]:
        """The dates the form asks for; ValueError with the reason when it cannot say."""
        start = self.date.value()
        if self.one.isChecked():
            return [start]
        count = self.count.value() if self.by_count.isChecked() else None
        until = self.until.value() if self.by_until.isChecked() else None
        return generate_dates(self.rule.currentText(), start, count=count, until=until)

    def start_time(self) -> dt.time | None:
        return calendar.parse_clock(self.time.text())

    def update_preview(self) -> None:
        is_series = self.series.isChecked()
        self.date_label.setText("&From" if is_series else "&Date")
        for widget in (self.rule, self.rule_label, self.by_count, self.by_until, self.count, self.until):
            widget.setEnabled(is_series)
        self.count.setEnabled(is_series and self.by_count.isChecked())
        self.until.setEnabled(is_series and self.by_until.isChecked())
        self.preview.clear()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            start = self.start_time()
            dates = self.planned_dates()
        except ValueError as problem:
            self.summary.setText(str(problem))
            self.summary.setStyleSheet(f"color:{style.OVERDUE_TEXT};")
            ok.setEnabled(False)
            return
        clashes = 0
        for day in dates:
            taken = any(d == day and (t is None or start is None or t == start) for d, t in self.taken)
            clashes += taken
            when = f"{long_date_with_weekday(day)}{f' at {clock_time(start)}' if start else ''}"
            self.preview.addItem(f"{when}  — the board already meets then" if taken else when)
        n = len(dates)
        pattern = f", {describe_rule(parse_rule(self.rule.currentText()))}" if is_series else ""
        if not dates:
            text, colour = "No date falls in that range.", style.OVERDUE_TEXT
        elif clashes:
            text, colour = f"{clashes} of these dates clash with meetings the board already has.", style.OVERDUE_TEXT
        else:
            text, colour = f"{n} meeting{'s' if n != 1 else ''} will be scheduled{pattern}.", style.MUTED_TEXT
        self.summary.setText(text)
        self.summary.setStyleSheet(f"color:{colour};")
        if self.archived:
            text, colour = (
                "This board is archived: restore it in Board settings to schedule meetings.",
                style.OVERDUE_TEXT,
            )
            self.summary.setStyleSheet(f"color:{colour};")
            self.summary.setText(text)
        ok.setEnabled(bool(dates) and not clashes and not self.archived)

    # -- writing --------------------------------------------------------------------------------

    def _schedule(self) -> None:
        try:
            start = self.start_time()
            day = self.date.value()
            until = self.until.value() if self.by_until.isChecked() else None
        except ValueError as problem:
            self.summary.setText(str(problem))
            return
        venue = self.venue.text()
        if self.one.isChecked():
            meeting_id = self.operations.run(
                calendar.schedule_meeting, self.board_id, day, start_time=start, venue=venue,
                build_agenda=self.build.isChecked(), parent=self,
            )  # fmt: skip
            ids = [meeting_id] if meeting_id is not None else None
        else:
            ids = self.operations.run(
                calendar.schedule_series, self.board_id, start=day, rule=self.rule.currentText(),
                count=self.count.value() if self.by_count.isChecked() else None,
                until=until,
                start_time=start, venue=venue, build_agenda=self.build.isChecked(), parent=self,
            )  # fmt: skip
        if ids is None:
            return  # refused: the message was shown; the clerk can correct the form
        self.meeting_ids = list(ids)
        self.accept()


def clock_text(time: dt.time | None) -> str:
    return f"{time.hour:02d}:{time.minute:02d}" if time else ""


def schedule_meetings(
    parent: QWidget | None,
    operations: Operations,
    board_id: int,
    *,
    today: dt.date,
    first_date: dt.date | None = None,
) -> list[int]:
    """Ask for one meeting or a series and schedule it; the new meetings' ids ([] if cancelled)."""
    dialog = ScheduleMeetingsDialog(operations, board_id, today=today, first_date=first_date, parent=parent)
    dialog.exec()
    return dialog.meeting_ids
