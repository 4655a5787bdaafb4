"""File ▸ Make a review copy… and File ▸ Import review… (issue 16 point 4): the chair's offline review.

Both dialogs only gather choices; the work is done by services/review_copy.py through `Operations.run`,
so a refusal (wrong passphrase, a copy from another database, a review already imported) is shown as a
message and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import long_date
from boardapp.gui.models.review_models import ProposalsToAcceptModel
from boardapp.gui.operations import Operations
from boardapp.services.boards import list_boards
from boardapp.services.errors import ServiceError
from boardapp.services.review_copy import (
    SUFFIX,
    ReviewDiff,
    apply_review,
    is_encrypted,
    make_review_copy,
    read_review,
    report_meetings,
)

FILTER = f"BoardApp review copies (*{SUFFIX});;All files (*)"
PART2_WARNING = (
    "Part II business is confidential (exempt information). Tick this only if the chair's laptop may hold it, "
    "and protect the copy with a passphrase."
)


class MakeReviewCopyDialog(QDialog):
    """Board, Part II tick (with its warning), passphrase twice, where to save."""

    def __init__(self, operations: Operations, board_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make a review copy")
        self.operations = operations
        self.board = QComboBox()
        for row in operations.read(list_boards):
            self.board.addItem(row.name, row.id)
        if board_id is not None and self.board.findData(board_id) >= 0:
            self.board.setCurrentIndex(self.board.findData(board_id))
        self.part2 = QCheckBox("Include Part II (exempt) business")
        warning = QLabel(PART2_WARNING)
        warning.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("leave empty for no passphrase")
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.path = QLineEdit()
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Board:", self.board)
        form.addRow("", self.part2)
        form.addRow("", warning)
        form.addRow("Passphrase:", self.passphrase)
        form.addRow("Passphrase again:", self.again)
        form.addRow("Save as:", where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.saved: Path | None = None

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the review copy", self.path.text(), FILTER)
        if name:
            self.path.setText(name if name.endswith(SUFFIX) else name + SUFFIX)

    def _save(self) -> None:
        if self.board.currentData() is None:
            QMessageBox.warning(self, "BoardApp", "There is no board to copy yet.")
            return
        if not self.path.text().strip():
            QMessageBox.warning(self, "BoardApp", "Choose where to save the review copy.")
            return
        if self.passphrase.text() != self.again.text():
            QMessageBox.warning(self, "BoardApp", "The two passphrases differ: type the same passphrase twice.")
            return
        if self.part2.isChecked() and not self.passphrase.text():
            answer = QMessageBox.question(
                self, "BoardApp", "The copy will hold Part II business without a passphrase. Save it anyway?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        target = Path(self.path.text().strip())
        info = self.operations.run(
            make_review_copy,
            int(self.board.currentData()),
            target,
            include_part2=self.part2.isChecked(),
            passphrase=self.passphrase.text() or None,
            parent=self,
        )
        if info is not None:
            self.saved = target
            self.accept()


def make_review_copy_dialog(parent: QWidget | None, operations: Operations, board_id: int | None) -> Path | None:
    """Modal; the written file, or None when cancelled or refused."""
    dialog = MakeReviewCopyDialog(operations, board_id, parent)
    dialog.exec()
    return dialog.saved


class ImportReviewDialog(QDialog):
    """Every proposal (record, old → proposed, comment, conflict), ticked to accept; Accept selected/all, Reject."""

    def __init__(self, operations: Operations, diff: ReviewDiff, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import review")
        self.operations, self.diff, self.today = operations, diff, today
        made = diff.made_at
        heading = QLabel(
            f"Review of {diff.board_name} made on {long_date(made.date())}"
            f"{' (includes Part II business)' if diff.includes_part2 else ''}: "
            f"{len(diff.proposals)} proposal{'s' if len(diff.proposals) != 1 else ''}."
        )
        heading.setWordWrap(True)
        self.model = ProposalsToAcceptModel(self)
        self.model.set_proposals(diff.proposals)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The proposals are the chair's: the name of whoever made the copy (the clerk) is not the default.
        chairs = (p.made_by for p in diff.proposals if p.made_by and p.made_by != diff.made_by)
        self.chair = QLineEdit(next(chairs, "") or "Chair")
        self.meeting = QComboBox()
        self.meeting.addItem("Not at a meeting", None)
        for meeting_id, label in operations.read(report_meetings, diff.board_id, today):
            self.meeting.addItem(label, meeting_id)
        form = QFormLayout()
        form.addRow("Recorded as made by:", self.chair)
        form.addRow("Reported at:", self.meeting)  # closing an action needs the meeting that agreed it
        self.accept_selected = QPushButton("Accept selected")
        self.accept_all = QPushButton("Accept all")
        self.reject_all = QPushButton("Reject all")
        cancel = QPushButton("Cancel")
        self.accept_selected.clicked.connect(lambda: self._apply(self.ticked()))
        self.accept_all.clicked.connect(lambda: self._apply([p.id for p in diff.proposals if not p.missing]))
        self.reject_all.clicked.connect(lambda: self._apply([]))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.accept_selected, self.accept_all, self.reject_all):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self.message = ""

    def ticked(self) -> list[int]:
        return self.model.ticked()

    def _apply(self, accepted: list[int]) -> None:
        result = self.operations.run(
            apply_review,
            self.diff,
            accepted,
            by=self.chair.text(),
            on=self.today,
            meeting_id=self.meeting.currentData(),
            parent=self,
        )
        if result is not None:
            self.message = result.message
            self.accept()


def import_review_file(
    parent: QWidget | None, operations: Operations, path: Path, passphrase: str | None, *, today: dt.date
) -> str | None:
    """Read the review at `path` and show its proposals; the import's message, or None if nothing was imported."""
    try:
        diff = operations.read(read_review, path, passphrase)
    except ServiceError as refusal:
        if operations.show_errors:
            QMessageBox.warning(parent, "BoardApp", str(refusal))
        operations.failed.emit(str(refusal))
        return None
    if diff.already_imported:
        if operations.show_errors:
            QMessageBox.information(parent, "BoardApp", diff.already_imported)
        operations.failed.emit(diff.already_imported)
        return None
    dialog = ImportReviewDialog(operations, diff, today, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.message


def import_review_dialog(parent: QWidget | None, operations: Operations, *, today: dt.date) -> str | None:
    """File ▸ Import review…: choose the file, give its passphrase if it has one, then review the proposals."""
    name, _ = QFileDialog.getOpenFileName(parent, "Import the chair's review", "", FILTER)
    if not name:
        return None
    path = Path(name)
    passphrase: str | None = None
    try:
        sealed = is_encrypted(path)
    except OSError as exc:
        QMessageBox.warning(parent, "BoardApp", f"{path.name} could not be read ({exc.strerror or exc}).")
        return None
    if sealed:
        text, ok = QInputDialog.getText(
            parent, "Import review", f"Passphrase of {path.name}:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        passphrase = text
    return import_review_file(parent, operations, path, passphrase, today=today)
