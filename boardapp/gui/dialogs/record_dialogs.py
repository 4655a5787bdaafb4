"""Dialogs for the formal record (issue 17): a declaration of interest, a vote, a decision record.

Each dialog only gathers what the clerk chose; the caller stores it through `Operations.run` with
the services in `services/declarations.py`, `services/votes.py` and `services/decision_records.py`,
which make the final checks. The few rules a clerk can break by typing are checked here too, so
that a refusal never throws away what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import long_date
from boardapp.core.models.record import CastingVote, InterestAction, InterestKind, VoteChoice, VoteKind, VoteResult
from boardapp.gui.models.vote_model import CHOICE, CHOICE_LABELS, VoteTableModel
from boardapp.services.declarations import ACTION_LABELS, KIND_LABELS, DeclarationRow

__all__ = ["DecisionRecordDialog", "DeclarationDialog", "VoteDialog", "VoteEdit"]

Choice = tuple[int, str]  # (id, label)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _refuse(dialog: QDialog, title: str, text: str) -> None:
    QMessageBox.information(dialog, title, text)


def _person_combo(parent: QWidget, people: Sequence[Choice], name: str, none_label: str | None = None) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    if none_label is not None:
        combo.addItem(none_label, None)
    for person_id, label in people:
        combo.addItem(label, person_id)
    return combo


class DeclarationDialog(QDialog):
    """Who declared what kind of interest in which item, its nature (or that it is withheld), and what they did."""

    def __init__(
        self,
        parent: QWidget | None,
        people: Sequence[Choice],
        items: Sequence[Choice],
        *,
        item_id: int | None = None,
        existing: DeclarationRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("declarationDialog")
        self.setWindowTitle("Correct the declaration" if existing else "Declare an interest")
        self.person = _person_combo(self, people, "declPerson")
        self.item = QComboBox(self)
        self.item.setObjectName("declItem")
        self.item.addItem("No particular item (a general declaration)", None)
        for choice_id, label in items:
            self.item.addItem(label, choice_id)
        self.kind = QComboBox(self)
        self.kind.setObjectName("declKind")
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(_capital(label), kind.value)
        self.nature = QLineEdit(self)
        self.nature.setObjectName("declNature")
        self.nature.setPlaceholderText("e.g. owns land next to the site; spouse employed by the applicant")
        self.withheld = QCheckBox("&Withhold the nature from public minutes (a sensitive interest)", self)
        self.withheld.setObjectName("declWithheld")
        self.action = QComboBox(self)
        self.action.setObjectName("declAction")
        for action, label in ACTION_LABELS.items():
            self.action.addItem(_capital(label), action.value)
        if existing is not None:
            self._select(self.person, existing.person_id)
            self._select(self.item, existing.agenda_item_id)
            self._select(self.kind, existing.kind.value)
            self.nature.setText(existing.nature)
            self.withheld.setChecked(existing.nature_withheld)
            self._select(self.action, existing.action.value)
        else:
            self._select(self.item, item_id)
            self._select(self.action, InterestAction.LEFT_ROOM.value)
        if self.person.count() == 0:
            self.person.addItem("(nobody is on this meeting's attendance yet)", None)
            self.person.setEnabled(False)
        form = QFormLayout()
        form.addRow("&Person", self.person)
        form.addRow("&Item", self.item)
        form.addRow("&Kind of interest", self.kind)
        form.addRow("&Nature", self.nature)
        form.addRow("", self.withheld)
        form.addRow("What they &did", self.action)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "Save declaration"))

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def accept(self) -> None:
        if self.person.currentData() is None:
            _refuse(self, "Declare an interest", "Add the person to the meeting's attendance first.")
            return
        if not self.nature.text().strip() and not self.withheld.isChecked():
            _refuse(self, "Declare an interest", "Say what the interest is, or tick “Withhold the nature”.")
            return
        if (
            self.kind.currentData() == InterestKind.DISCLOSABLE_PECUNIARY.value
            and self.action.currentData() == InterestAction.REMAINED.value
        ):
            _refuse(
                self,
                "Declare an interest",
                "A member with a disclosable pecuniary interest may not take part unless they have a dispensation.",
            )
            return
        super().accept()

    def fields(self) -> dict[str, object]:
        return {
            "person_id": self.person.currentData(),
            "agenda_item_id": self.item.currentData(),
            "kind": InterestKind(self.kind.currentData()),
            "nature": self.nature.text().strip(),
            "nature_withheld": self.withheld.isChecked(),
            "action": InterestAction(self.action.currentData()),
        }


@dataclass
class VoteEdit:
    """What the vote dialog gathered: counts (a show of hands) or `choices` (a recorded vote)."""

    motion: str
    kind: VoteKind
    mover_id: int | None
    seconder_id: int | None
    result: VoteResult
    casting_vote: CastingVote
    recorded: bool
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    choices: dict[int, VoteChoice] = field(default_factory=dict)


class VoteDialog(QDialog):
    """The motion, its mover and seconder, and either the counts or each member's vote."""

    def __init__(
        self, parent: QWidget | None, motion: str, attendees: Sequence[Choice], in_room: Sequence[Choice]
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voteDialog")
        self.setWindowTitle("Record a vote")
        self.motion = QLineEdit(motion, self)
        self.motion.setObjectName("voteMotion")
        self.kind = QComboBox(self)
        self.kind.setObjectName("voteKind")
        self.kind.addItem("Motion", VoteKind.MOTION.value)
        self.kind.addItem("Amendment", VoteKind.AMENDMENT.value)
        self.mover = _person_combo(self, attendees, "voteMover", "(not recorded)")
        self.seconder = _person_combo(self, attendees, "voteSeconder", "(not recorded)")
        self.by_counts = QRadioButton("By a &show of hands (counts)", self)
        self.by_counts.setObjectName("voteByCounts")
        self.by_name = QRadioButton("A &recorded vote (each member's vote)", self)
        self.by_name.setObjectName("voteByName")
        self.by_counts.setChecked(True)
        self.votes_for = self._spin("voteFor")
        self.votes_against = self._spin("voteAgainst")
        self.abstentions = self._spin("voteAbstentions")
        self.vote_model = VoteTableModel(self)
        self.vote_model.set_members(in_room)
        self.table = QTableView(self)
        self.table.setObjectName("voteTable")
        self.table.setModel(self.vote_model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.choice_combos: dict[int, QComboBox] = {}  # each sets its row's choice in the model
        for row, (person_id, _name) in enumerate(in_room):
            combo = QComboBox(self.table)
            for label, choice in CHOICE_LABELS:
                combo.addItem(label, choice.value if choice else None)
            combo.currentIndexChanged.connect(lambda _i, row=row, box=combo: self._choice_made(row, box))
            self.table.setIndexWidget(self.vote_model.index(row, CHOICE), combo)
            self.choice_combos[person_id] = combo
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("voteResult")
        for result in VoteResult:
            self.outcome.addItem(_capital(result.value), result.value)
        self.casting = QComboBox(self)
        self.casting.setObjectName("voteCasting")
        self.casting.addItem("No casting vote", CastingVote.NONE.value)
        self.casting.addItem("Chair's casting vote for", CastingVote.FOR.value)
        self.casting.addItem("Chair's casting vote against", CastingVote.AGAINST.value)
        for spin in (self.votes_for, self.votes_against):
            spin.valueChanged.connect(lambda _v: self._suggest_result())
        self.casting.currentIndexChanged.connect(lambda _i: self._suggest_result())
        self.by_counts.toggled.connect(lambda _on: self._mode_changed())

        form = QFormLayout()
        form.addRow("&Motion", self.motion)
        form.addRow("&Kind", self.kind)
        form.addRow("M&over", self.mover)
        form.addRow("S&econder", self.seconder)
        form.addRow(self.by_counts)
        form.addRow("&For", self.votes_for)
        form.addRow("&Against", self.votes_against)
        form.addRow("A&bstentions", self.abstentions)
        form.addRow(self.by_name)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        bottom = QFormLayout()
        bottom.addRow("&Result", self.outcome)
        bottom.addRow("&Casting vote", self.casting)
        layout.addLayout(bottom)
        layout.addWidget(_buttons(self, "Record vote"))
        self._mode_changed()

    def _spin(self, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0, 999)
        return spin

    def _mode_changed(self) -> None:
        counts = self.by_counts.isChecked()
        for spin in (self.votes_for, self.votes_against, self.abstentions):
            spin.setEnabled(counts)
        self.table.setEnabled(not counts)
        self._suggest_result()

    def _choice_made(self, row: int, combo: QComboBox) -> None:
        value = combo.currentData()
        self.vote_model.set_choice(row, VoteChoice(value) if value else None)
        self._suggest_result()

    def _tally(self) -> tuple[int, int]:
        if self.by_counts.isChecked():
            return self.votes_for.value(), self.votes_against.value()
        return self.vote_model.tally()

    def _suggest_result(self) -> None:
        """The result follows from the counts and any casting vote; "withdrawn" is left alone."""
        if self.outcome.currentData() == VoteResult.WITHDRAWN.value:
            return
        votes_for, votes_against = self._tally()
        casting = self.casting.currentData()
        carried = casting == CastingVote.FOR.value if casting != CastingVote.NONE.value else votes_for > votes_against
        self.outcome.setCurrentIndex(self.outcome.findData((VoteResult.CARRIED if carried else VoteResult.LOST).value))

    def accept(self) -> None:
        mover, seconder = self.mover.currentData(), self.seconder.currentData()
        if mover is not None and mover == seconder:
            _refuse(self, "Record a vote", "The seconder must be someone other than the mover.")
            return
        if self.by_name.isChecked() and not self.vote_model.choices():
            _refuse(self, "Record a vote", "Choose For, Against or Abstain for the members who voted.")
            return
        super().accept()

    def result_edit(self) -> VoteEdit:
        edit = VoteEdit(
            motion=self.motion.text().strip(),
            kind=VoteKind(self.kind.currentData()),
            mover_id=self.mover.currentData(),
            seconder_id=self.seconder.currentData(),
            result=VoteResult(self.outcome.currentData()),
            casting_vote=CastingVote(self.casting.currentData()),
            recorded=self.by_name.isChecked(),
        )
        if edit.recorded:
            edit.choices = self.vote_model.choices()
        else:
            edit.votes_for, edit.votes_against = self.votes_for.value(), self.votes_against.value()
            edit.abstentions = self.abstentions.value()
        return edit


class DecisionRecordDialog(QDialog):
    """Reasons, alternatives rejected, conflicts and dispensations; when the decision takes effect after call-in."""

    def __init__(
        self,
        parent: QWidget | None,
        decision_text: str,
        *,
        needs_record: bool,
        reasons: str,
        alternatives: str,
        conflicts: str,
        takes_effect_on: dt.date | None,
        call_in_days: int,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("decisionRecordDialog")
        self.setWindowTitle("Decision record")
        heading = QLabel(f"Resolved: {decision_text}", self)
        heading.setWordWrap(True)
        self.needs_record = QCheckBox("This decision &needs a formal decision record", self)
        self.needs_record.setObjectName("recordNeeded")
        self.needs_record.setChecked(needs_record or not reasons)
        self.reasons = self._text("recordReasons", reasons)
        self.alternatives = self._text("recordAlternatives", alternatives)
        self.conflicts = self._text("recordConflicts", conflicts)
        when = long_date(takes_effect_on) if takes_effect_on is not None else "not yet worked out"
        self.effect = QLabel(
            f"Takes effect on: <b>{when}</b> (after the call-in period of {call_in_days} working days; "
            "worked out again when saved)",
            self,
        )
        self.effect.setObjectName("recordTakesEffect")
        self.effect.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.needs_record)
        form.addRow("&Reasons", self.reasons)
        form.addRow("&Alternatives rejected", self.alternatives)
        form.addRow("&Conflicts and dispensations", self.conflicts)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.effect)
        layout.addWidget(_buttons(self, "Save record"))

    def _text(self, name: str, text: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(text, self)
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        return edit

    def accept(self) -> None:
        if self.needs_record.isChecked() and not self.reasons.toPlainText().strip():
            _refuse(self, "Decision record", "A decision record gives the reasons for the decision.")
            return
        super().accept()

    def fields(self) -> dict[str, object]:
        return {
            "needs_record": self.needs_record.isChecked(),
            "reasons": self.reasons.toPlainText().strip(),
            "alternatives_rejected": self.alternatives.toPlainText().strip(),
            "conflicts": self.conflicts.toPlainText().strip(),
        }
