"""The workspace's small forms: an agenda item's details, correcting an action, adding someone in attendance.

Each dialog only collects what the clerk typed and returns it as plain data; the workspace turns
that into service calls, in one transaction per dialog.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import long_date
from boardapp.core.enums import DueKind, ItemPurpose
from boardapp.core.rules.matching import Candidate
from boardapp.gui.paper_names import paper_label
from boardapp.gui.workspace import theme
from boardapp.gui.workspace.completer import PartyCompleter, after_last_slash, whole_text
from boardapp.gui.workspace.urgent_box import UrgentBox
from boardapp.services.agenda import PaperRow
from boardapp.services.meetings import PURPOSE_LABELS, ItemDetail
from boardapp.services.minuting import DueChoice, MinuteAction, OwnerDraft
from boardapp.services.navigator import MeetingRow

# Local Government Act 1972, Schedule 12A, Part 1 (England): why business may be taken in private.
EXEMPT_PARAGRAPHS = {
    "1": "Information relating to any individual",
    "2": "Information which is likely to reveal the identity of an individual",
    "3": "Information relating to the financial or business affairs of any particular person",
    "4": "Information relating to consultations or negotiations on a labour relations matter",
    "5": "Information in respect of which a claim to legal professional privilege could be maintained",
    "6": "Information which reveals that the authority proposes to give a notice or make an order",
    "7": "Information relating to the prevention, investigation or prosecution of crime",
}

Candidates = Callable[[], Sequence[Candidate]]


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _muted(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet(theme.MUTED)
    label.setWordWrap(True)
    return label


# -- agenda item ---------------------------------------------------------------------------------------


@dataclass
class ItemEdit:
    """What the item dialog returns: the fields, the presenters as typed, papers added and removed."""

    fields: dict[str, object]
    presenters: str | None  # None: unchanged
    papers_added: list[tuple[str, str]] = field(default_factory=list)  # (title, location)
    papers_removed: list[int] = field(default_factory=list)
    urgent: tuple[bool, str] | None = None  # (urgent, the chair's reason); None: unchanged


class ItemDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        candidates: Candidates,
        item: ItemDetail | None = None,
        papers: Sequence[PaperRow] = (),
        *,
        start_dir: str = "",
        urgent: tuple[bool, str] = (False, ""),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("itemDialog")
        self.item = item
        self.start_dir = start_dir
        self.setWindowTitle(f"Agenda item {item.number}" if item else "New agenda item")
        self.title = QLineEdit(item.title if item else "", self)
        self.title.setPlaceholderText("Title as the agenda prints it")
        self.purpose = QComboBox(self)
        for purpose in (ItemPurpose.UNSPECIFIED, ItemPurpose.DECISION, ItemPurpose.DISCUSSION, ItemPurpose.INFORMATION):
            self.purpose.addItem(PURPOSE_LABELS[purpose] or "Not stated", purpose)
        if item:
            self.purpose.setCurrentIndex(self.purpose.findData(item.purpose))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, 600)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" min")
        self.minutes.setSpecialValueText("not set")
        self.minutes.setValue(item.minutes_allowed or 0 if item else 0)
        self.presenters = QLineEdit("/".join(item.presenters) if item else "", self)
        self.presenters.setPlaceholderText("Names or roles, separated by /")
        PartyCompleter(self.presenters, candidates, after_last_slash)

        self.papers = QListWidget(self)
        self.papers.setObjectName("papersList")
        self.papers.setMaximumHeight(90)
        for paper in papers:
            entry = QListWidgetItem(paper_label(paper.title, paper.location))  # the full location: its tooltip
            entry.setData(Qt.ItemDataRole.UserRole, paper.id)
            entry.setToolTip(paper.location)
            self.papers.addItem(entry)
        self._removed: list[int] = []
        add_paper = QPushButton("Add &paper…", self)
        add_paper.clicked.connect(self._choose_paper)
        remove_paper = QPushButton("&Remove", self)
        remove_paper.clicked.connect(self._remove_paper)
        paper_buttons = QHBoxLayout()
        paper_buttons.addWidget(add_paper)
        paper_buttons.addWidget(remove_paper)
        paper_buttons.addStretch(1)

        self.exempt = QGroupBox("E&xempt business (Part II): kept out of public agendas and minutes", self)
        self.exempt.setCheckable(True)
        self.exempt.setChecked(bool(item and item.is_exempt))
        self.paragraph = QComboBox(self.exempt)
        for number, text in EXEMPT_PARAGRAPHS.items():
            self.paragraph.addItem(f"Paragraph {number} – {text}", number)
        if item and item.exempt_paragraph:
            found = self.paragraph.findData(item.exempt_paragraph)
            if found < 0:
                self.paragraph.addItem(f"Paragraph {item.exempt_paragraph}", item.exempt_paragraph)
                found = self.paragraph.count() - 1
            self.paragraph.setCurrentIndex(found)
        self.reason = QLineEdit(item.exempt_reason if item else "", self.exempt)
        self.reason.setPlaceholderText("Why the public is excluded for this item")
        self.show_title = QCheckBox("Name the item in public versions", self.exempt)
        self.show_title.setChecked(item.show_title_when_exempt if item else True)
        exempt_form = QFormLayout(self.exempt)
        exempt_form.addRow("Schedule 12A", self.paragraph)
        exempt_form.addRow("Reason", self.reason)
        exempt_form.addRow("", self.show_title)

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("P&urpose", self.purpose)
        form.addRow("Time &allowed", self.minutes)
        form.addRow("Pr&esenters", self.presenters)
        form.addRow("Papers", self.papers)
        form.addRow("", paper_buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.exempt)
        self.urgent = UrgentBox(*urgent, parent=self)
        layout.addWidget(self.urgent)
        layout.addWidget(_buttons(self, "Save item" if item else "Add item"))
        self.resize(560, self.sizeHint().height())
        self.title.setFocus()

    def accept(self) -> None:
        problem = self.urgent.problem()
        if problem:
            QMessageBox.information(self, "Urgent item", problem)
            self.urgent.reason.setFocus()
            return
        super().accept()

    def _choose_paper(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a paper for this item", self.start_dir)
        if path:
            self.add_paper(Path(path).stem.replace("_", " "), path)

    def add_paper(self, title: str, location: str) -> None:
        entry = QListWidgetItem(paper_label(title, location))
        entry.setData(Qt.ItemDataRole.UserRole, None)
        entry.setData(Qt.ItemDataRole.UserRole + 1, (title, location))
        entry.setToolTip(location)
        self.papers.addItem(entry)

    def _remove_paper(self) -> None:
        row = self.papers.currentRow()
        if row < 0:
            return
        entry = self.papers.takeItem(row)
        paper_id = entry.data(Qt.ItemDataRole.UserRole)
        if paper_id is not None:
            self._removed.append(int(paper_id))

    def result_edit(self) -> ItemEdit:
        exempt = self.exempt.isChecked()
        fields: dict[str, object] = {
            "title": self.title.text().strip(),
            "purpose": self.purpose.currentData(),
            "minutes_allowed": self.minutes.value() or None,
            "is_exempt": exempt,
            "exempt_paragraph": self.paragraph.currentData() if exempt else "",
            "exempt_reason": self.reason.text().strip() if exempt else "",
            "show_title_when_exempt": self.show_title.isChecked(),
        }
        if self.item is not None:
            current = {
                "title": self.item.title,
                "purpose": self.item.purpose,
                "minutes_allowed": self.item.minutes_allowed,
                "is_exempt": self.item.is_exempt,
                "exempt_paragraph": self.item.exempt_paragraph,
                "exempt_reason": self.item.exempt_reason,
                "show_title_when_exempt": self.item.show_title_when_exempt,
            }
            fields = {k: v for k, v in fields.items() if current[k] != v}
        presenters = self.presenters.text().strip()
        unchanged = presenters == ("/".join(self.item.presenters) if self.item else "")
        added = [
            self.papers.item(i).data(Qt.ItemDataRole.UserRole + 1)
            for i in range(self.papers.count())
            if self.papers.item(i).data(Qt.ItemDataRole.UserRole) is None
        ]
        return ItemEdit(fields, None if unchanged else presenters, added, list(self._removed), self.urgent.changed())


# -- action ----------------------------------------------------------------------------------------------


@dataclass
class ActionEdit:
    text: str | None  # None: unchanged
    owners: str | None
    due: DueChoice | None


def owners_preview(owners: Sequence[OwnerDraft]) -> str:
    """ "Louise Storey · Priya Natarajan (new person) · Practice Leads (new role)"."""
    parts = []
    for owner in owners:
        if owner.is_new:
            parts.append(f"{owner.name} (new {'role' if owner.is_role else 'person'})")
        else:
            parts.append(owner.name)
    return " · ".join(parts)


class ActionDialog(QDialog):
    FUTURE, BY_DATE, NONE = "future", "date", "none"  # the combo's data; a meeting is "meeting:<id>"

    def __init__(
        self,
        parent: QWidget | None,
        action: MinuteAction,
        meetings: Sequence[MeetingRow],
        candidates: Candidates,
        preview: Callable[[str], Sequence[OwnerDraft]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle(f"Action {action.ref}")
        self.action = action
        self._preview = preview
        self.text = QLineEdit(action.text, self)
        self.owners = QLineEdit(action.owners, self)
        self.owners.setPlaceholderText("People or roles, separated by /")
        self.owner_completer = PartyCompleter(self.owners, candidates, after_last_slash)
        self.owners_seen = _muted("", self)
        self.owners.textChanged.connect(self._show_owners)
        self.due = QComboBox(self)
        for meeting in sorted(meetings, key=lambda m: m.date):
            self.due.addItem(f"{long_date(meeting.date)} meeting", f"meeting:{meeting.id}")
        self.due.addItem("A future meeting (not yet named)", self.FUTURE)
        self.due.addItem("By a date", self.BY_DATE)
        self.due.addItem("No due date", self.NONE)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        day = action.due_date or dt.date.today()
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.due.setCurrentIndex(self.due.findData(self._current_due()))
        self.due.currentIndexChanged.connect(self._due_changed)
        self._due_changed()
        form = QFormLayout()
        form.addRow("&Action", self.text)
        form.addRow("&Owners", self.owners)
        form.addRow("", self.owners_seen)
        form.addRow("&Due", self.due)
        form.addRow("Due &by", self.date)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Save action"))
        self.resize(600, self.sizeHint().height())
        self._show_owners(self.owners.text())
        self.owners.setFocus()

    def _current_due(self) -> str:
        kind = self.action.due_kind
        if kind is DueKind.MEETING and self.action.due_meeting_id is not None:
            return f"meeting:{self.action.due_meeting_id}"
        if kind is DueKind.DATE:
            return self.BY_DATE
        if kind is DueKind.FUTURE_MEETING or kind is DueKind.MEETING:
            return self.FUTURE
        return self.NONE

    def _due_changed(self) -> None:
        self.date.setEnabled(self.due.currentData() == self.BY_DATE)

    def _show_owners(self, text: str) -> None:
        try:
            self.owners_seen.setText(owners_preview(self._preview(text)) if text.strip() else "No owner")
        except Exception as exc:  # a preview must never stop the clerk typing
            self.owners_seen.setText(str(exc))

    def due_choice(self) -> DueChoice:
        kind = str(self.due.currentData())
        if kind.startswith("meeting:"):
            return DueChoice(DueKind.MEETING, meeting_id=int(kind.removeprefix("meeting:")))
        if kind == self.BY_DATE:
            return DueChoice(DueKind.DATE, date=self.date.date().toPython())  # type: ignore[arg-type]
        if kind == self.FUTURE:
            return DueChoice(DueKind.FUTURE_MEETING)
        return DueChoice(DueKind.NONE)

    def result_edit(self) -> ActionEdit:
        text = self.text.text().strip()
        owners = self.owners.text().strip()
        due = self.due_choice()
        current = self.action
        due_unchanged = (due.kind, due.meeting_id, due.date) == (
            current.due_kind,
            current.due_meeting_id if current.due_kind is DueKind.MEETING else None,
            current.due_date if current.due_kind is DueKind.DATE else None,
        )
        return ActionEdit(
            text=None if text == current.text else text,
            owners=None if owners == current.owners else owners,
            due=None if due_unchanged else due,
        )


# -- someone in attendance -------------------------------------------------------------------------------


@dataclass
class AttendeeEdit:
    name: str
    organisation: str
    capacity: str
    substitute_for: int | None


class AttendeeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        candidates: Candidates,
        organisations: Sequence[str],
        members: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendeeDialog")
        self.setWindowTitle("Add someone in attendance")
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Name, e.g. Sally Allen (new people are added)")
        self.name_completer = PartyCompleter(self.name, candidates, whole_text)
        self.organisation = QLineEdit(self)
        self.organisation.setPlaceholderText("Organisation, e.g. Lancashire County Council")
        organisation_completer = QCompleter(list(organisations), self.organisation)
        organisation_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        organisation_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.organisation.setCompleter(organisation_completer)
        self.capacity = QLineEdit(self)
        self.capacity.setPlaceholderText("Capacity, e.g. Head of Service, Audit (optional)")
        self.substitute = QComboBox(self)
        self.substitute.addItem("Not a substitute", None)
        for person_id, name in members:
            self.substitute.addItem(f"Substitute for {name}", person_id)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Capacity", self.capacity)
        form.addRow("&Substitute", self.substitute)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Add"))
        self.resize(480, self.sizeHint().height())
        self.name.setFocus()

    def result_edit(self) -> AttendeeEdit:
        return AttendeeEdit(
            name=self.name.text().strip(),
            organisation=self.organisation.text().strip(),
            capacity=self.capacity.text().strip(),
            substitute_for=self.substitute.currentData(),
        )
