"""Adding a KPI to a plan, and a value reported for a period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.plan_status_dialog import from_qdate, to_qdate


def month_end(day: dt.date) -> dt.date:
    following = day.replace(day=28) + dt.timedelta(days=4)
    return following - dt.timedelta(days=following.day)


class AddKpiDialog(QDialog):
    """The KPI table's columns as 002 lays them out; numbers and dates are checked by the service."""

    FIELDS = (
        ("ref", "&Ref", "1a"),
        ("measure", "&Measure", "Re-referrals within 12 months"),
        ("responsible_officer", "Responsible &officer", "Head of FARY"),
        ("frequency", "&Frequency", "Monthly"),
        ("unit", "&Unit", "% / days / children"),
        ("target", "&Target", "20"),
        ("target_date", "Target &due", "31/03/2019"),
        ("baseline", "&Baseline", "24.1"),
        ("baseline_label", "Baseline is", "2017/18 outturn"),
        ("benchmark", "Benchmar&k", "22"),
        ("benchmark_label", "Benchmark is", "2017/18 statistical neighbour average"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addKpiDialog")
        self.setWindowTitle("Add KPI")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name, label, example in self.FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"kpi_{name}")
            edit.setPlaceholderText(example)
            self.fields[name] = edit
            form.addRow(label, edit)
            if name == "target":
                self.direction = QComboBox(self)
                self.direction.setObjectName("kpiDirection")
                self.direction.addItem("Higher is better", True)
                self.direction.addItem("Lower is better", False)
                form.addRow("&Direction", self.direction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def values(self) -> dict[str, object]:
        found: dict[str, object] = {name: edit.text() for name, edit in self.fields.items()}
        found["higher_is_better"] = bool(self.direction.currentData())
        return found


@dataclass(frozen=True)
class ValueEntry:
    period_end: dt.date
    value_text: str
    note: str


class AddKpiValueDialog(QDialog):
    def __init__(self, kpi_label: str, *, today: dt.date, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addKpiValueDialog")
        self.setWindowTitle("Add value")
        heading = QLabel(kpi_label, self)
        heading.setWordWrap(True)
        heading.setStyleSheet(f"font-weight:600; color:{style.ACCENT};")
        previous_month = today.replace(day=1) - dt.timedelta(days=1)
        self.period = QDateEdit(to_qdate(month_end(previous_month)), self)
        self.period.setObjectName("kpiValuePeriod")
        self.period.setCalendarPopup(True)
        self.period.setDisplayFormat("d MMMM yyyy")
        self.value = QLineEdit(self)
        self.value.setObjectName("kpiValue")
        self.value.setPlaceholderText(f"the value{f' in {unit}' if unit else ''}")
        self.note = QLineEdit(self)
        self.note.setObjectName("kpiValueNote")
        self.note.setPlaceholderText("optional: source, caveat")
        form = QFormLayout()
        form.addRow("&Period ending", self.period)
        form.addRow("&Value", self.value)
        form.addRow("&Note", self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> ValueEntry:
        return ValueEntry(from_qdate(self.period.date()), self.value.text(), self.note.text())
