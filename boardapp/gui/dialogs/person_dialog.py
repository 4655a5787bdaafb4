"""Small forms of the People page: add or edit a person, add a member, end a membership, merge two people.

Each saves through `Operations.run`; a refusal (a duplicate name, overlapping dates) shows in the
form, which stays open with what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import MemberRole
from boardapp.core.rules.member_roles import ROLE_LABELS
from boardapp.gui import style
from boardapp.gui.operations import Operations
from boardapp.services import memberships, people
from boardapp.services.parties import organisation_names
from boardapp.services.people import PersonRow


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class FormDialog(QDialog):
    """A form with a message line for refusals and OK/Cancel; subclasses implement `save()`."""

    def __init__(self, operations: Operations, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.result_value: Any = None
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {style.OVERDUE_TEXT}")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("formOk")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def line(self, name: str, text: str = "", placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def run(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        """Run the service; True when it was done (the form then closes), False after a refusal shown here."""
        self.operations.failed.connect(self._refused)
        try:
            value = self.operations.run(service, *args, parent=self, **kwargs)
        finally:
            self.operations.failed.disconnect(self._refused)
        if value is None:
            return False
        self.result_value = value
        self.accept()
        return True

    def _refused(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def save(self) -> None:
        raise NotImplementedError


def _placeholder(combo: QComboBox, text: str) -> None:
    editor = combo.lineEdit()
    if editor is not None:
        editor.setPlaceholderText(text)


def _organisation_combo(parent: QWidget, names: Sequence[str], current: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("personOrganisation")
    combo.setEditable(True)
    combo.addItems(["", *names])
    combo.setCurrentText(current)
    _placeholder(combo, "Lancashire County Council")
    return combo


class PersonDialog(FormDialog):
    """Add a person (person_id None) or edit one: title, name, organisation, email and aliases."""

    def __init__(self, operations: Operations, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(operations, "Edit person" if person_id else "Add person", parent)
        self.setObjectName("personDialog")
        self.person_id = person_id
        row = operations.read(people.person_details, person_id) if person_id is not None else None
        self.title_edit = self.line("personTitle", row.title if row else "", "Cllr, Dr, County Councillor …")
        self.name_edit = self.line("personName", row.name if row else "", "Jane Smith")
        organisations = operations.read(organisation_names)
        self.organisation = _organisation_combo(self, organisations, row.organisation if row else "")
        self.email_edit = self.line("personEmail", row.email if row else "", "name@example.org")
        self.aliases_edit = self.line(
            "personAliases", "; ".join(row.aliases) if row else "", "how minutes write the name: CC Smith; J Smith"
        )
        self.form.addRow("&Title", self.title_edit)
        self.form.addRow("&Name", self.name_edit)
        self.form.addRow("&Organisation", self.organisation)
        self.form.addRow("&Email", self.email_edit)
        self.form.addRow("&Also written as", self.aliases_edit)
        self.name_edit.setFocus()
        self.resize(460, self.sizeHint().height())

    def save(self) -> None:
        aliases = [a for a in self.aliases_edit.text().split(";") if a.strip()]
        values = {
            "title": self.title_edit.text(),
            "organisation": self.organisation.currentText(),
            "email": self.email_edit.text(),
            "aliases": aliases,
        }
        if self.person_id is None:
            self.run(people.add_person, self.name_edit.text(), **values)
        else:
            self.run(people.update_person, self.person_id, name=self.name_edit.text(), **values)


class _OptionalDate(QWidget):
    """A check box that says whether a date is recorded, and the date."""

    def __init__(self, name: str, label: str, day: dt.date | None, default: dt.date, parent: QWidget) -> None:
        super().__init__(parent)
        self.check = QCheckBox(label, self)
        self.check.setObjectName(f"{name}Set")
        self.edit = QDateEdit(self)
        self.edit.setObjectName(name)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setDate(to_qdate(day or default))
        self.check.setChecked(day is not None)
        self.edit.setEnabled(day is not None)
        self.check.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None


def _role_combo(parent: QWidget, role: MemberRole) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("memberRole")
    for value, label in ROLE_LABELS.items():
        combo.addItem(label, value.value)
    combo.setCurrentIndex(combo.findData(role.value))
    return combo


class MemberDialog(FormDialog):
    """Add someone to a board: a known person chosen by name, or a new one typed in (created with them)."""

    def __init__(self, operations: Operations, board_id: int, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(operations, "Add member", parent)
        self.setObjectName("memberDialog")
        self.board_id = board_id
        self.name_combo = QComboBox(self)
        self.name_combo.setObjectName("memberName")
        self.name_combo.setEditable(True)
        self.name_combo.addItems(["", *(row.name for row in operations.read(people.list_people))])
        _placeholder(self.name_combo, "a known person, or a new name")
        self.organisation = _organisation_combo(self, operations.read(organisation_names), "")
        self.email_edit = self.line("memberEmail", "", "for a new person")
        self.role = _role_combo(self, MemberRole.MEMBER)
        self.start = _OptionalDate("memberFrom", "From", today, today, self)
        self.end = _OptionalDate("memberTo", "Until", None, today, self)
        self.form.addRow("&Name", self.name_combo)
        self.form.addRow("&Role", self.role)
        self.form.addRow("", self.start)
        self.form.addRow("", self.end)
        self.form.addRow("Or&ganisation (new person)", self.organisation)
        self.form.addRow("&Email (new person)", self.email_edit)
        self.name_combo.setFocus()
        self.resize(460, self.sizeHint().height())

    def save(self) -> None:
        self.run(
            memberships.join_board,
            self.board_id,
            self.name_combo.currentText(),
            MemberRole(self.role.currentData()),
            self.start.value(),
            self.end.value(),
            organisation=self.organisation.currentText(),
            email=self.email_edit.text(),
        )


class EditMembershipDialog(FormDialog):
    """Correct a membership's role and dates (ending one is giving it an "until" date)."""

    def __init__(
        self, operations: Operations, row: memberships.MemberRow, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(operations, f"Membership of {row.name}", parent)
        self.setObjectName("membershipDialog")
        self.membership_id = row.membership_id
        self.role = _role_combo(self, row.role)
        self.start = _OptionalDate("memberFrom", "From", row.start_date, today, self)
        self.end = _OptionalDate("memberTo", "Until", row.end_date, today, self)
        self.form.addRow("&Role", self.role)
        self.form.addRow("", self.start)
        self.form.addRow("", self.end)

    def save(self) -> None:
        self.run(
            memberships.update_membership,
            self.membership_id,
            role=MemberRole(self.role.currentData()),
            start_date=self.start.value(),
            end_date=self.end.value(),
        )


class EndMembershipDialog(FormDialog):
    """The last day someone was a member (they still count as a member on that day)."""

    def __init__(
        self, operations: Operations, row: memberships.MemberRow, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(operations, "End membership", parent)
        self.setObjectName("endMembershipDialog")
        self.membership_id = row.membership_id
        self.date_edit = QDateEdit(to_qdate(today), self)
        self.date_edit.setObjectName("membershipEnd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        since = row.start_date.isoformat() if row.start_date else "an unrecorded date"
        self.form.addRow(QLabel(f"{row.name}, {row.role_label.lower()} of the board since {since}.", self))
        self.form.addRow("&Last day", self.date_edit)

    def save(self) -> None:
        self.run(memberships.end_membership, self.membership_id, from_qdate(self.date_edit.date()))


class MergeDialog(FormDialog):
    """Merge one person (or role) into another: choose the record to keep, then confirm what will move."""

    def __init__(
        self,
        operations: Operations,
        merge_id: int,
        merge_name: str,
        choices: Sequence[tuple[int, str]],
        *,
        roles: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(operations, f"Merge {merge_name} into…", parent)
        self.setObjectName("mergeDialog")
        self.merge_id = merge_id
        self.roles = roles
        self.keep = QComboBox(self)
        self.keep.setObjectName("mergeKeep")
        for ident, label in choices:
            self.keep.addItem(label, ident)
        what = "role" if roles else "person"
        self.form.addRow(QLabel(f"“{merge_name}” is the same {what} as the one you choose here, which is kept:", self))
        self.form.addRow("&Keep", self.keep)
        self.ok_button.setText("Merge…")
        self.ok_button.setEnabled(self.keep.count() > 0)

    def confirm(self, sentence: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            f"Merge two {'roles' if self.roles else 'people'}?",
            sentence + "\n\nThis cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("confirmMerge")
        box.button(QMessageBox.StandardButton.Yes).setText("Merge")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def save(self) -> None:
        keep_id = self.keep.currentData()
        if keep_id is None:
            return
        summary = self.operations.read(people.describe_merge, keep_id, self.merge_id, roles=self.roles)
        if self.confirm(summary.sentence()):
            self.run(people.merge_roles if self.roles else people.merge_people, keep_id, self.merge_id)


def person_choices(rows: Sequence[PersonRow]) -> list[tuple[int, str]]:
    """(id, "Name (Organisation)") for a merge's list of people to keep."""
    return [(row.id, row.formal_name + (f" ({row.organisation})" if row.organisation else "")) for row in rows]
