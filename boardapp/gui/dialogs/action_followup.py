"""Follow-up of actions from the GUI: the small dialogs (status and note, close at a meeting,
reassign, change due) and `FollowUp`, which opens them for the chosen actions and runs the
service through `Operations.run` (one transaction, one `changed` broadcast).

Dialogs open window-modal but without blocking (`open()`); the operation runs when one is
accepted. `FollowUp.dialog` is the one showing, so tests can fill it in and press its buttons.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.gui.operations import Operations
from boardapp.services.action_log import MeetingChoice, meeting_choices
from boardapp.services.actions import ACTION_STATUS_LABELS, ActionRow
from boardapp.services.followup import (
    DueChoice,
    FollowUpResult,
    carry_forward,
    change_due,
    close_actions,
    reassign,
    update_status,
)
from boardapp.services.parties import party_candidates

BETWEEN_MEETINGS = "Between meetings (no meeting)"


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _describe(rows: Sequence[ActionRow]) -> str:
    if len(rows) == 1:
        row = rows[0]
        text = row.text if len(row.text) <= 90 else row.text[:89] + "…"
        return f"<b>{_escape(row.ref)}</b> – {_escape(text)}"
    return f"<b>{len(rows)} actions</b> ({_escape(', '.join(r.ref for r in rows[:4]))}{'…' if len(rows) > 4 else ''})"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Dialog(QDialog):
    def __init__(self, title: str, rows: Sequence[ActionRow], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        about = QLabel(_describe(rows), self)
        about.setTextFormat(Qt.TextFormat.RichText)
        about.setWordWrap(True)
        self.layout_.addWidget(about)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self, ok_text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.layout_.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _meeting_combo(parent: QWidget, meetings: Sequence[MeetingChoice], *, none_label: str | None) -> QComboBox:
    combo = QComboBox(parent)
    if none_label is not None:
        combo.addItem(none_label, None)
    for meeting in meetings:
        combo.addItem(meeting.label, meeting.id)
    return combo


def _latest_on_or_before(meetings: Sequence[MeetingChoice], today: dt.date) -> MeetingChoice | None:
    """The meeting most likely meant by "at the meeting": the latest one not after today, not cancelled."""
    held = [m for m in meetings if m.date <= today and not m.is_cancelled]
    return max(held, key=lambda m: (m.date, m.id)) if held else None


class StatusDialog(_Dialog):
    """A new status and/or a progress note, reported at a meeting or between meetings."""

    def __init__(self, rows: Sequence[ActionRow], meetings: Sequence[MeetingChoice], today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Update status", rows, parent)
        self.status = QComboBox(self)
        self.status.addItem("(no change – add a note)", None)
        for status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.COMPLETED, ActionStatus.CANCELLED):
            self.status.addItem(ACTION_STATUS_LABELS[status], status)
        current = {row.status for row in rows}
        if len(current) == 1 and (only := next(iter(current))) is ActionStatus.OPEN:
            self.status.setCurrentIndex(self.status.findData(ActionStatus.IN_PROGRESS))
        elif len(current) == 1 and only is ActionStatus.IN_PROGRESS:
            self.status.setCurrentIndex(self.status.findData(ActionStatus.COMPLETED))
        self.meeting = _meeting_combo(self, meetings, none_label=BETWEEN_MEETINGS)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("Progress reported (optional with a new status)")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.form.addRow("&Status:", self.status)
        self.form.addRow("Reported &at:", self.meeting)
        self.form.addRow("&Note:", self.note)
        hint = QLabel("To close an action as agreed by the board, use Close.", self)
        hint.setStyleSheet("color: #6B6B6B;")
        self.form.addRow("", hint)
        self.finish("Record")

    def values(self) -> dict[str, Any]:
        return {
            "status": self.status.currentData(),
            "note": self.note.toPlainText(),
            "meeting_id": self.meeting.currentData(),
        }


class CloseDialog(_Dialog):
    """Closed as agreed by the board at one of its meetings."""

    def __init__(self, rows: Sequence[ActionRow], meetings: Sequence[MeetingChoice], today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Close actions", rows, parent)
        usable = [m for m in meetings if not m.is_cancelled and m.date <= today]
        self.meeting = _meeting_combo(self, usable, none_label=None)
        latest = _latest_on_or_before(usable, today)
        if latest is not None:
            self.meeting.setCurrentIndex(self.meeting.findData(latest.id))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("The Board agreed to close this action at the meeting.")
        self.form.addRow("Agreed at the &meeting of:", self.meeting)
        self.form.addRow("&Note:", self.note)
        if not usable:
            self.form.addRow("", QLabel("This board has held no meeting yet at which it could agree this.", self))
        self.finish("Close actions")
        self.ok_button.setEnabled(bool(usable))

    def values(self) -> dict[str, Any]:
        return {"meeting_id": self.meeting.currentData(), "note": self.note.text()}


class ReassignDialog(_Dialog):
    """New owners: people or roles, chosen with a completer; a new name becomes a new person or role."""

    def __init__(self, rows: Sequence[ActionRow], names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__("Reassign", rows, parent)
        current = list(dict.fromkeys(name for row in rows for name in row.owner_names))
        self.owners = QListWidget(self)
        self.owners.addItems(current if len(rows) == 1 else [])
        self.owners.setFixedHeight(110)
        self.add = QLineEdit(self)
        self.add.setPlaceholderText("Type a name or role, then Enter")
        completer = QCompleter(sorted(set(names), key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.add.setCompleter(completer)
        self.add.returnPressed.connect(self.add_owner)
        remove = QPushButton("&Remove", self)
        remove.clicked.connect(self.remove_owner)
        row = QHBoxLayout()
        row.addWidget(self.add, 1)
        row.addWidget(remove)
        self.form.addRow("&Owners:", self.owners)
        self.form.addRow("&Add:", row)
        self.note = QLineEdit(self)
        self.form.addRow("&Note:", self.note)
        self.finish("Reassign")

    def add_owner(self) -> None:
        name = " ".join(self.add.text().split())
        existing = [self.owners.item(i).text() for i in range(self.owners.count())]
        if name and name.casefold() not in (e.casefold() for e in existing):
            self.owners.addItem(name)
        self.add.clear()

    def remove_owner(self) -> None:
        for item in self.owners.selectedItems():
            self.owners.takeItem(self.owners.row(item))

    def names(self) -> list[str]:
        return [self.owners.item(i).text() for i in range(self.owners.count())]

    def accept(self) -> None:
        if self.add.text().strip():  # typed but Enter not pressed: take it
            self.add_owner()
        super().accept()

    def values(self) -> dict[str, Any]:
        return {"owners": " / ".join(self.names()), "note": self.note.text()}


class DueDialog(_Dialog):
    """At a meeting of the board, by a date, at a future meeting, or no set due point."""

    def __init__(self, rows: Sequence[ActionRow], meetings: Sequence[MeetingChoice], today: dt.date,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Change due", rows, parent)
        self.kinds = QButtonGroup(self)
        self.at_meeting = QRadioButton("At the &meeting of", self)
        self.by_date = QRadioButton("By a &date", self)
        self.future = QRadioButton("At a &future meeting (not yet named)", self)
        self.no_due = QRadioButton("&No set due point", self)
        for button in (self.at_meeting, self.by_date, self.future, self.no_due):
            self.kinds.addButton(button)
        upcoming = sorted(
            (m for m in meetings if not m.is_cancelled), key=lambda m: (m.date < today, abs((m.date - today).days))
        )
        self.meeting = _meeting_combo(self, upcoming, none_label=None)
        self.date = QDateEdit(_qdate(today + dt.timedelta(days=28)), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        self.note = QLineEdit(self)
        self.form.addRow(self.at_meeting, self.meeting)
        self.form.addRow(self.by_date, self.date)
        self.form.addRow(self.future)
        self.form.addRow(self.no_due)
        self.form.addRow("&Why:", self.note)
        (self.at_meeting if upcoming else self.by_date).setChecked(True)
        self.at_meeting.setEnabled(bool(upcoming))
        self.meeting.currentIndexChanged.connect(lambda _: self.at_meeting.setChecked(True))
        self.date.dateChanged.connect(lambda _: self.by_date.setChecked(True))
        self.finish("Change due")

    def values(self) -> dict[str, Any]:
        if self.at_meeting.isChecked():
            due = DueChoice(kind=DueKind.MEETING, meeting_id=self.meeting.currentData())
        elif self.by_date.isChecked():
            due = DueChoice(kind=DueKind.DATE, date=_pydate(self.date.date()))
        elif self.future.isChecked():
            due = DueChoice(kind=DueKind.FUTURE_MEETING)
        else:
            due = DueChoice(kind=DueKind.NONE)
        return {"due": due, "note": self.note.text()}


class FollowUp(QObject):
    """Runs follow-up operations on chosen actions: the page's toolbar and the detail dialog use it."""

    done = Signal(str)  # what was done, for the status line

    def __init__(self, operations: Operations, today: Callable[[], dt.date], parent: QWidget) -> None:
        super().__init__(parent)
        self.operations = operations
        self.today = today
        self.window = parent
        self.dialog: QDialog | None = None

    def _meetings(self, rows: Sequence[ActionRow]) -> tuple[MeetingChoice, ...]:
        return self.operations.read(meeting_choices, {row.board_id for row in rows})

    def _one_board(self, rows: Sequence[ActionRow], what: str) -> bool:
        if len({row.board_id for row in rows}) > 1:
            self.operations.failed.emit(f"{what} actions of one board at a time: these belong to several boards.")
            if self.operations.show_errors:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.information(self.window, "BoardApp", f"{what} actions of one board at a time.")
            return False
        return True

    def _run(self, service: Callable[..., Any], *args: Any, **kwargs: Any) -> FollowUpResult | None:
        result = self.operations.run(service, *args, parent=self.window, on=self.today(), **kwargs)
        if isinstance(result, FollowUpResult):
            message = result.message
            if result.skipped:
                message += f" Left alone: {'; '.join(result.skipped[:3])}{'…' if len(result.skipped) > 3 else ''}."
            self.done.emit(message)
            return result
        return None

    def _show(self, dialog: QDialog, on_accept: Callable[[], object]) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def update_status(self, rows: Sequence[ActionRow]) -> QDialog | None:
        if not rows:
            return None
        meetings = self._meetings(rows) if len({r.board_id for r in rows}) == 1 else ()
        dialog = StatusDialog(rows, meetings, self.today(), self.window)
        ids = [row.id for row in rows]
        return self._show(dialog, lambda: self._run(update_status, ids, **dialog.values()))

    def close(self, rows: Sequence[ActionRow]) -> QDialog | None:
        if not rows or not self._one_board(rows, "Close"):
            return None
        dialog = CloseDialog(rows, self._meetings(rows), self.today(), self.window)
        ids = [row.id for row in rows]
        return self._show(dialog, lambda: self._run(close_actions, ids, **dialog.values()))

    def carry_forward(self, rows: Sequence[ActionRow]) -> FollowUpResult | None:
        if not rows:
            return None
        return self._run(carry_forward, [row.id for row in rows])

    def reassign(self, rows: Sequence[ActionRow]) -> QDialog | None:
        if not rows:
            return None
        names = [c.name for c in self.operations.read(party_candidates)]
        dialog = ReassignDialog(rows, names, self.window)
        ids = [row.id for row in rows]
        return self._show(dialog, lambda: self._run(reassign, ids, **dialog.values()))

    def change_due(self, rows: Sequence[ActionRow]) -> QDialog | None:
        if not rows or not self._one_board(rows, "Change the due point of"):
            return None
        dialog = DueDialog(rows, self._meetings(rows), self.today(), self.window)
        ids = [row.id for row in rows]
        return self._show(dialog, lambda: self._run(change_due, ids, **dialog.values()))
