"""The chair's laptop: a review copy opened in BoardApp (issue 16 point 4).

A window of its own, not the clerk's main window: a banner says what it is, the chair filters and reads
the board's actions and plan items and, in the Meetings tab (gui/review_meetings.py), its meetings and
minutes; the only thing they can do is propose (a status, a progress note, a comment) or withdraw a
proposal. The copy itself refuses every other write (triggers made by services/review_copy.py), so nothing
else can change even by mistake. A sealed copy is decrypted to a
private temporary file while open and sealed again, with the same passphrase, when the window closes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import long_date
from boardapp.gui.models.review_models import ChairProposalsModel, ReviewRecordsModel
from boardapp.gui.operations import Operations
from boardapp.gui.review_meetings import ReviewMeetingsPanel
from boardapp.services.errors import ServiceError
from boardapp.services.review_copy import (
    FIELD_LABELS,
    READ_ONLY_MESSAGE,
    ReviewContents,
    ReviewField,
    ReviewRecord,
    is_encrypted,
    open_review_copy,
    propose,
    review_contents,
    seal_review_copy,
    withdraw_proposal,
)
from boardapp.services.review_file import is_review_copy_file
from boardapp.store.database import Store, open_database
from boardapp.store.errors import StoreError


class ReviewOperations(Operations):
    """Operations on a review copy: only proposing and withdrawing run; anything else is refused in words.

    (The copy's triggers refuse other writes too; this keeps the refusal a message, never an SQL error.)
    """

    ALLOWED: tuple[Callable[..., Any], ...] = (propose, withdraw_proposal)

    def run(self, service: Callable[..., Any], *args: Any, parent: QWidget | None = None, **kwargs: Any) -> Any:
        if service not in self.ALLOWED:
            self.failed.emit(READ_ONLY_MESSAGE)
            if self.show_errors:
                QMessageBox.information(parent, "BoardApp", READ_ONLY_MESSAGE)
            return None
        return super().run(service, *args, parent=parent, **kwargs)


BANNER_STYLE = "background: #7a1f1f; color: white; padding: 8px; font-weight: bold;"


class ReviewCopyWindow(QWidget):
    """Bannered, read-only but for proposals. `close()` saves (and seals) the copy."""

    def __init__(
        self, path: Path, plain: Path, store: Store, passphrase: str | None, folder: Path | None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.path, self.plain, self.store, self.passphrase, self.folder = path, plain, store, passphrase, folder
        self.operations = ReviewOperations(store, self)
        self.operations.changed.connect(lambda _changes: self.refresh())
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by ref, text, status or note…")
        self.filter.textChanged.connect(self._apply_filter)
        self.model = ReviewRecordsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # kind, ref, status: read whole
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the text gets the room that is left
        for column, width in ((4, 170), (5, 200), (6, 140)):  # long due texts and notes must not squeeze the text
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda _new, _old: self._selected())
        self.what = QComboBox()
        for field in ReviewField:
            self.what.addItem(FIELD_LABELS[field], field.value)
        self.what.currentIndexChanged.connect(self._field_changed)
        self.status = QComboBox()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("The progress note or comment")
        self.note.setFixedHeight(60)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Why (optional)")
        self.propose_button = QPushButton("Propose")
        self.propose_button.clicked.connect(self._propose)
        form = QFormLayout()
        form.addRow("Propose:", self.what)
        form.addRow("New status:", self.status)
        form.addRow("Text:", self.note)
        form.addRow("Comment:", self.comment)
        form.addRow("", self.propose_button)
        self.proposals_model = ChairProposalsModel(self)
        self.proposals = QTableView()
        self.proposals.setModel(self.proposals_model)
        self.proposals.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.proposals.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.proposals.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.withdraw_button = QPushButton("Withdraw proposal")
        self.withdraw_button.clicked.connect(self._withdraw)
        lower = QHBoxLayout()
        lower.addLayout(form, 1)
        side = QVBoxLayout()
        side.addWidget(QLabel("Your proposals:"))
        side.addWidget(self.proposals)
        side.addWidget(self.withdraw_button)
        lower.addLayout(side, 1)
        records = QWidget()
        records_layout = QVBoxLayout(records)
        records_layout.addWidget(self.filter)
        records_layout.addWidget(self.table, 2)
        records_layout.addLayout(lower, 1)
        self.meetings = ReviewMeetingsPanel(self.operations)  # read-only: the board's meetings and minutes
        self.tabs = QTabWidget()
        self.tabs.addTab(records, "Actions and plan items")
        self.tabs.addTab(self.meetings, "Meetings")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setWindowTitle(f"Review copy — {path.name}")
        self.resize(1000, 700)
        self.records: tuple[ReviewRecord, ...] = ()
        self.proposal_ids: list[int] = []
        self.refresh()
        self._field_changed()

    # -- showing ---------------------------------------------------------------------------------------

    def refresh(self) -> None:
        contents: ReviewContents = self.operations.read(review_contents)
        made = contents.made_at
        self.banner.setText(
            f"REVIEW COPY of {contents.board_name}, made on {long_date(made.date())}"
            f"{' by ' + contents.made_by if contents.made_by else ''}. You can read the board's meetings, actions and "
            "plan items and propose status changes, progress notes and comments; nothing else can be changed. "
            "Send the file back to the clerk."
            + (" It includes confidential Part II business." if contents.includes_part2 else "")
        )
        current = self.current_record()
        self.records = contents.records
        self.model.set_contents(contents.records, contents.proposals)
        if current is not None:
            found = self.model.find_row(
                lambda line: (line.record.kind, line.record.record_id) == (current.kind, current.record_id)
            )
            if found >= 0:
                self.table.selectRow(found)
        self.proposal_ids = [line.id for line in contents.proposals]
        self.proposals_model.set_proposals(contents.proposals, contents.records)
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        words = text.casefold().split()
        for r in range(self.model.rowCount()):
            line = self.model.row_text(r).casefold()
            self.table.setRowHidden(r, not all(w in line for w in words))

    def current_record(self) -> ReviewRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.records):
            return None
        return self.records[rows[0].row()]

    def _selected(self) -> None:
        record = self.current_record()
        self.status.clear()
        if record is None:
            return
        for value, words in record.choices:
            if value != record.status_value:
                self.status.addItem(words, value)

    def _field_changed(self) -> None:
        is_status = self.what.currentData() == ReviewField.STATUS.value
        self.status.setEnabled(is_status)
        self.note.setEnabled(not is_status)

    # -- proposing -------------------------------------------------------------------------------------

    def _propose(self) -> None:
        record = self.current_record()
        if record is None:
            QMessageBox.information(self, "BoardApp", "Choose an action or plan item in the list first.")
            return
        field = ReviewField(self.what.currentData())
        proposed = (self.status.currentData() or "") if field is ReviewField.STATUS else self.note.toPlainText()
        made = self.operations.run(
            propose, record.kind, record.record_id, field, proposed, self.comment.text(), parent=self
        )
        if made is not None:
            self.note.clear()
            self.comment.clear()

    def _withdraw(self) -> None:
        rows = self.proposals.selectionModel().selectedRows()
        if not rows:
            return
        self.operations.run(withdraw_proposal, self.proposal_ids[rows[0].row()], parent=self)
        self.refresh()

    # -- closing: save (and seal) ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_and_release()
        except (ServiceError, StoreError, OSError) as exc:
            QMessageBox.warning(self, "BoardApp", f"The review copy could not be saved: {exc}")
            event.ignore()
            return
        event.accept()

    def save_and_release(self) -> None:
        """Close the copy's database; a sealed copy is sealed again over the chair's file."""
        self.store.close()
        if self.passphrase is not None:
            seal_review_copy(self.plain, self.path, self.passphrase)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def open_review_copy_file(path: Path, passphrase: str | None, parent: QWidget | None = None) -> ReviewCopyWindow:
    """Open `path` as a review copy (decrypting it first when sealed); raises ServiceError/StoreError."""
    folder = Path(tempfile.mkdtemp(prefix="boardreview-"))
    try:
        plain = open_review_copy(path, passphrase, folder=folder)
        store = open_database(plain, folder / "backups")
        try:
            window = ReviewCopyWindow(path, plain, store, passphrase if plain != path else None, folder, parent)
        except BaseException:
            store.close()
            raise
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return window


def open_review_copy_window(parent: QWidget | None, path: Path) -> ReviewCopyWindow | None:
    """File ▸ Open a review copy… on the chair's laptop: ask the passphrase when sealed, then show the window."""
    passphrase: str | None = None
    if not is_review_copy_file(path):  # any name is accepted; the content decides (a clerk's database is not one)
        QMessageBox.warning(parent, "BoardApp", f"{path.name} is not a BoardApp review copy: nothing was opened.")
        return None
    try:
        if is_encrypted(path):
            text, ok = QInputDialog.getText(
                parent, "Open a review copy", f"Passphrase of {path.name}:", QLineEdit.EchoMode.Password
            )
            if not ok:
                return None
            passphrase = text
        window = open_review_copy_file(path, passphrase)
    except (ServiceError, StoreError, OSError) as exc:
        QMessageBox.warning(parent, "BoardApp", str(exc))
        return None
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
