"""Set a plan entry's status: the level, the date it applies from, who says so, why, and the meeting told.

The dialog only collects the answer (`values()`); the page runs `plan_status.set_status` with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import ScaleKind
from boardapp.gui import style
from boardapp.services.plan_status import SCALE_KIND_LABELS, MeetingBrief
from boardapp.services.plans import Level


@dataclass(frozen=True)
class StatusValues:
    scale_kind: ScaleKind
    level_id: int
    changed_on: dt.date
    changed_by: str
    reason: str
    meeting_id: int | None


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


def default_meeting(meetings: Sequence[MeetingBrief], on: dt.date) -> int | None:
    """The first meeting on or after the date (where the rating will be reported), else the latest before it."""
    upcoming = sorted((m for m in meetings if m.date >= on), key=lambda m: m.date)
    if upcoming:
        return upcoming[0].id
    past = sorted(meetings, key=lambda m: m.date, reverse=True)
    return past[0].id if past else None


class SetStatusDialog(QDialog):
    def __init__(
        self,
        item_label: str,
        scales: Mapping[ScaleKind, Sequence[Level]],
        meetings: Sequence[MeetingBrief],
        *,
        today: dt.date,
        kind: ScaleKind = ScaleKind.PROGRESS,
        current: Mapping[ScaleKind, Level | None] | None = None,
        changed_by: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setStatusDialog")
        self.setWindowTitle("Set status")
        self.scales = {k: tuple(v) for k, v in scales.items() if v}
        self.current = dict(current or {})
        self.meetings = list(meetings)

        heading = QLabel(item_label, self)
        heading.setWordWrap(True)
        heading.setStyleSheet(f"font-weight:600; color:{style.ACCENT};")
        self.kind = QComboBox(self)
        self.kind.setObjectName("statusKind")
        for scale_kind in (ScaleKind.PROGRESS, ScaleKind.IMPACT):
            if scale_kind in self.scales:
                self.kind.addItem(SCALE_KIND_LABELS[scale_kind], scale_kind)
        self.level = QComboBox(self)
        self.level.setObjectName("statusLevel")
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.meaning.setStyleSheet(f"color:{style.MUTED_TEXT};")
        self.date = QDateEdit(to_qdate(today), self)
        self.date.setObjectName("statusDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.by = QLineEdit(changed_by, self)
        self.by.setObjectName("statusBy")
        self.by.setPlaceholderText("Who rated it: the lead, or the board")
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("statusMeeting")
        self.meeting.addItem("Not reported at a meeting", None)
        for meeting in self.meetings:
            self.meeting.addItem(meeting.label, meeting.id)
        chosen = default_meeting(self.meetings, today)
        if chosen is not None:
            self.meeting.setCurrentIndex(self.meeting.findData(chosen))
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("statusReason")
        self.reason.setPlaceholderText("Why: what has been done, what slipped, what evidence there is")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        form = QFormLayout()
        if self.kind.count() > 1:
            form.addRow("&Scale", self.kind)
        else:
            self.kind.hide()  # one scale: nothing to choose
        form.addRow("&Status", self.level)
        form.addRow("", self.meaning)
        form.addRow("&From", self.date)
        form.addRow("&Reported at", self.meeting)
        form.addRow("&By", self.by)
        form.addRow("Re&ason", self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Set status")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._fill_levels)
        self.level.currentIndexChanged.connect(self._show_meaning)
        index = self.kind.findData(kind)
        self.kind.setCurrentIndex(max(index, 0))
        self._fill_levels()
        self.resize(460, self.sizeHint().height())

    def _fill_levels(self) -> None:
        kind = self.current_kind()
        self.level.blockSignals(True)
        self.level.clear()
        for level in self.scales.get(kind, ()):
            self.level.addItem(swatch(level.colour), level.label, level.id)
        current = self.current.get(kind)
        if current is not None and (found := self.level.findData(current.id)) >= 0:
            self.level.setCurrentIndex(found)
        self.level.blockSignals(False)
        self._show_meaning()

    def _show_meaning(self) -> None:
        level = self.chosen_level()
        self.meaning.setText(level.meaning if level else "")
        self.meaning.setVisible(bool(level and level.meaning))

    def current_kind(self) -> ScaleKind:
        """The scale chosen (Qt hands a string enum back as a plain string)."""
        return ScaleKind(self.kind.currentData() or ScaleKind.PROGRESS)

    def chosen_level(self) -> Level | None:
        level_id = self.level.currentData()
        return next((lv for lv in self.scales.get(self.current_kind(), ()) if lv.id == level_id), None)

    def select_level(self, code: str) -> None:
        """Choose the level with this code (as a test or a keyboard user would)."""
        for number in range(self.level.count()):
            level = next(lv for lv in self.scales[self.current_kind()] if lv.id == self.level.itemData(number))
            if level.code == code:
                self.level.setCurrentIndex(number)
                return
        raise KeyError(code)

    def values(self) -> StatusValues:
        level = self.chosen_level()
        if level is None:
            raise ValueError("no level chosen")
        return StatusValues(
            scale_kind=self.current_kind(),
            level_id=level.id,
            changed_on=from_qdate(self.date.date()),
            changed_by=self.by.text(),
            reason=self.reason.toPlainText(),
            meeting_id=self.meeting.currentData(),
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter sets the status from anywhere in the form, the reason box included."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return
        super().keyPressEvent(event)
