"""The "Urgent item" part of the agenda item dialog (issue 17 point 5).

An item taken although it was not on the published agenda is urgent business: the chair must give
a reason, which the minutes record (services/urgent_items.py), so the tick needs the reason.
A new item on a meeting whose agenda is already published starts ticked (`urgent_by_default`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from boardapp.gui.operations import Operations
from boardapp.services.record_views import urgency_of

__all__ = ["UrgentBox", "urgent_state"]


def urgent_state(operations: Operations, item_id: int) -> tuple[bool, str]:
    """(is urgent, the chair's reason) as stored for the item."""
    return operations.read(urgency_of, item_id)


class UrgentBox(QGroupBox):
    def __init__(self, urgent: bool, reason: str, parent: QWidget | None = None) -> None:
        super().__init__("U&rgent item: not on the published agenda, taken at the chair's discretion", parent)
        self.setObjectName("urgentBox")
        self.setCheckable(True)
        self.setChecked(urgent)
        self.initial = (urgent, reason.strip())
        self.reason = QLineEdit(reason, self)
        self.reason.setObjectName("urgencyReason")
        self.reason.setPlaceholderText("The chair's reason for urgency, as the minutes will record it")
        form = QFormLayout(self)
        form.addRow("Chair's reason", self.reason)

    def problem(self) -> str:
        """Why the dialog cannot be saved yet ("" when it can)."""
        if self.isChecked() and not self.reason.text().strip():
            return "Give the chair's reason for taking the item as urgent business: the minutes record it."
        return ""

    def value(self) -> tuple[bool, str]:
        return (self.isChecked(), self.reason.text().strip() if self.isChecked() else "")

    def changed(self) -> tuple[bool, str] | None:
        """The new (urgent, reason), or None when unchanged."""
        value = self.value()
        return None if value == self.initial or (not value[0] and not self.initial[0]) else value
