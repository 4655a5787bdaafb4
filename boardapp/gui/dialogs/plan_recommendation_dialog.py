"""Adding a recommendation to a plan's register, and recording the board's sign-off of one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
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

from boardapp.core.enums import ReviewKind
from boardapp.gui import style
from boardapp.gui.dialogs.plan_status_dialog import from_qdate, to_qdate
from boardapp.services.plan_status import MeetingBrief
from boardapp.services.recommendations import REVIEW_KIND_LABELS, SourceRow

NEW_SOURCE = -1


@dataclass(frozen=True)
class RecommendationValues:
    source_id: int | None  # None: a new review, named below
    new_source_title: str
    new_source_kind: ReviewKind
    ref: str
    text: str
    key_area: str
    lead: str


class AddRecommendationDialog(QDialog):
    def __init__(self, sources: Sequence[SourceRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addRecommendationDialog")
        self.setWindowTitle("Add recommendation")
        self.source = QComboBox(self)
        self.source.setObjectName("recSource")
        for source in sources:
            self.source.addItem(source.title, source.id)
        self.source.addItem("New review…", NEW_SOURCE)
        self.new_title = QLineEdit(self)
        self.new_title.setObjectName("recNewSource")
        self.new_title.setPlaceholderText("Ofsted monitoring visit, March 2019")
        self.new_kind = QComboBox(self)
        for kind, label in REVIEW_KIND_LABELS.items():
            self.new_kind.addItem(label, kind)
        self.ref = QLineEdit(self)
        self.ref.setObjectName("recRef")
        self.ref.setPlaceholderText("4, B12…")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("recText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.key_area = QLineEdit(self)
        self.key_area.setObjectName("recKeyArea")
        self.lead = QLineEdit(self)
        self.lead.setObjectName("recLead")
        form = QFormLayout()
        form.addRow("&Review", self.source)
        form.addRow("New review &title", self.new_title)
        form.addRow("New review &kind", self.new_kind)
        form.addRow("&Ref", self.ref)
        form.addRow("Recommendation &text", self.text)
        form.addRow("&Key area", self.key_area)
        form.addRow("&Lead", self.lead)
        self.form = form
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.source.currentIndexChanged.connect(lambda _i: self._source_changed())
        self._source_changed()
        self.resize(520, self.sizeHint().height())

    def _source_changed(self) -> None:
        new = self.source.currentData() == NEW_SOURCE
        for widget in (self.new_title, self.new_kind):
            widget.setVisible(new)
            label = self.form.labelForField(widget)
            if label is not None:
                label.setVisible(new)

    def values(self) -> RecommendationValues:
        source = self.source.currentData()
        return RecommendationValues(
            source_id=None if source == NEW_SOURCE else source,
            new_source_title=self.new_title.text(),
            new_source_kind=self.new_kind.currentData(),
            ref=self.ref.text(),
            text=self.text.toPlainText(),
            key_area=self.key_area.text(),
            lead=self.lead.text(),
        )


class SignOffDialog(QDialog):
    """The meeting at which the board agreed the recommendation has been met (or "not signed off")."""

    def __init__(
        self,
        label: str,
        meetings: Sequence[MeetingBrief],
        *,
        today: dt.date,
        current_meeting_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signOffDialog")
        self.setWindowTitle("Board sign-off")
        heading = QLabel(label, self)
        heading.setWordWrap(True)
        heading.setStyleSheet(f"font-weight:600; color:{style.ACCENT};")
        self.signed = QCheckBox("Signed off by the board", self)
        self.signed.setChecked(True)
        self.meeting = QComboBox(self)
        self.meeting.setObjectName("signOffMeeting")
        self.meeting.addItem("Not at a meeting (give the date)", None)
        for meeting in meetings:
            self.meeting.addItem(meeting.label, meeting.id)
        held = [m for m in meetings if m.date <= today]
        chosen = current_meeting_id or (held[0].id if held else None)
        if chosen is not None:
            self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
        self.date = QDateEdit(to_qdate(today), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        form = QFormLayout()
        form.addRow("", self.signed)
        form.addRow("&At the", self.meeting)
        form.addRow("&On", self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.meeting.currentIndexChanged.connect(lambda _i: self._update())
        self.signed.toggled.connect(lambda _on: self._update())
        self._update()

    def _update(self) -> None:
        signed = self.signed.isChecked()
        self.meeting.setEnabled(signed)
        self.date.setEnabled(signed and self.meeting.currentData() is None)

    def values(self) -> tuple[int | None, dt.date | None]:
        """(meeting id, date): both None to clear the sign-off; the meeting's date is used when one is chosen."""
        if not self.signed.isChecked():
            return None, None
        meeting = self.meeting.currentData()
        return meeting, None if meeting is not None else from_qdate(self.date.date())
