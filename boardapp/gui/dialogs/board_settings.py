"""Board ▸ New board… and Board ▸ Board settings…: one dialog for a board and its defaults.

Name, short name, venue, usual start time and length, quorum, how minutes are numbered, and the
standing items every new agenda starts from, as an ordered list the clerk edits in place (Add,
Remove, Rename, Move up/down; Ctrl+Up/Ctrl+Down move the selected item), and the secretariat's
Word house template (Choose file… / Use BoardApp's own; checked when chosen, and the styles it
lacks are named, since BoardApp adds its own for them at export). An existing board also
has "Archive this board" (after a confirmation). Saving goes through `Operations.run`, so a
refusal (a duplicate name, a bad time) is a message and the dialog stays open with what was typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QStringListModel, Qt, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import MONTH_NAMES
from boardapp.core.enums import MinuteNumbering
from boardapp.gui import style
from boardapp.gui.operations import Operations
from boardapp.services import boards
from boardapp.services.boards import DEFAULT_STANDING_ITEMS, NUMBERING_LABELS, BoardSettings
from boardapp.services.errors import InvalidChange

NEW_ITEM = "New item"


class BoardSettingsDialog(QDialog):
    """Edits one board (or a new one when board_id is None); `saved_id` is set once it is saved."""

    def __init__(self, operations: Operations, board_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = operations
        self.board_id = board_id
        self.saved_id: int | None = None
        self.setObjectName("boardSettingsDialog")
        settings = operations.read(boards.board_settings, board_id) if board_id is not None else None
        self.setWindowTitle(f"Board settings – {settings.name}" if settings else "New board")
        self._build(settings)

    # -- layout ------------------------------------------------------------------------------------------
    def _build(self, settings: BoardSettings | None) -> None:
        self.name_edit = self._line("boardName", settings.name if settings else "", "Improvement Board")
        self.short_name_edit = self._line("boardShortName", settings.short_name if settings else "", "IB")
        self.venue_edit = self._line("boardVenue", settings.venue if settings else "", "Committee Room B, County Hall")
        self.has_time = QCheckBox("&Usual start time", self)
        self.has_time.setObjectName("boardHasTime")
        self.time_edit = QTimeEdit(self)
        self.time_edit.setObjectName("boardStartTime")
        self.time_edit.setDisplayFormat("HH:mm")
        start = QTime.fromString(settings.start_time, "HH:mm") if settings and settings.start_time else QTime(14, 0)
        self.time_edit.setTime(start)
        self.has_time.setChecked(bool(settings and settings.start_time))
        self.time_edit.setEnabled(self.has_time.isChecked())
        self.has_time.toggled.connect(self.time_edit.setEnabled)
        self.length_spin = self._spin("boardLength", 0, 24 * 60, " minutes", "Not set")
        self.length_spin.setSingleStep(15)
        self.length_spin.setValue(settings.usual_length_minutes or 0 if settings else 0)
        self.quorum_spin = self._spin("boardQuorum", 0, 999, " members", "No quorum")
        self.quorum_spin.setValue(settings.quorum or 0 if settings else 0)
        self.call_in_spin = self._spin("boardCallIn", 0, 60, " working days", "No call-in")
        self.call_in_spin.setValue(settings.call_in_days if settings else 5)
        self.call_in_spin.setToolTip("Working days a decision may be called in before it takes effect")
        self.publication_spin = self._spin("boardPublicationDays", 0, 60, " clear working days before", "")
        self.publication_spin.setValue(settings.publication_days if settings else 5)
        self.publication_spin.setToolTip(
            "How long before a meeting its agenda must be published: the meeting page counts down to it"
        )
        self.numbering = QComboBox(self)
        self.numbering.setObjectName("boardNumbering")
        for value, label in NUMBERING_LABELS.items():
            self.numbering.addItem(label, value.value)
        current = settings.minute_numbering if settings else MinuteNumbering.NONE
        self.numbering.setCurrentIndex(self.numbering.findData(current.value))
        self.year_start = QComboBox(self)
        self.year_start.setObjectName("boardYearStart")
        for number, month in enumerate(MONTH_NAMES, start=1):
            self.year_start.addItem(month, number)
        self.year_start.setCurrentIndex((settings.municipal_year_start_month if settings else 5) - 1)
        self.numbering.currentIndexChanged.connect(lambda _i: self._numbering_changed())
        self._numbering_changed()

        form = QFormLayout()
        form.addRow("&Name", self.name_edit)
        form.addRow("S&hort name", self.short_name_edit)
        form.addRow("&Venue", self.venue_edit)
        time_row = QHBoxLayout()
        time_row.addWidget(self.has_time)
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        form.addRow("Start time", time_row)
        form.addRow("Usual &length", self.length_spin)
        form.addRow("&Quorum", self.quorum_spin)
        form.addRow("&Call-in period (working days)", self.call_in_spin)
        form.addRow("Publish the a&genda", self.publication_spin)
        form.addRow("M&inute numbering", self.numbering)
        form.addRow("Municipal &year starts in", self.year_start)
        form.addRow("Word template", self._word_template_row(settings))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._standing_items_box(settings))
        self.message = QLabel(self)
        self.message.setObjectName("boardMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {style.OVERDUE_TEXT}")
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("boardSave")
        self.save_button.setText("Save" if settings else "Create board")
        self.archive_button: QPushButton | None = None
        if settings is not None:
            text = "Bring this board back into use" if settings.archived else "Archive this board…"
            self.archive_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ResetRole)
            self.archive_button.setObjectName("boardArchive")
            self.archive_button.clicked.connect(lambda: self.archive(not settings.archived))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name_edit.setFocus()
        self.resize(560, self.sizeHint().height())

    def _word_template_row(self, settings: BoardSettings | None) -> QVBoxLayout:
        self.loaded_template = settings.word_template if settings else ""
        self.template_edit = QLineEdit(self.loaded_template, self)
        self.template_edit.setObjectName("boardWordTemplate")
        self.template_edit.setReadOnly(True)
        self.template_edit.setPlaceholderText("BoardApp's own")
        self.template_edit.setToolTip("The .docx whose styles this board's Word agendas, minutes and notices use")
        self.template_note = QLabel(self)
        self.template_note.setObjectName("boardWordTemplateNote")
        self.template_note.setWordWrap(True)
        self.template_note.hide()
        if self.loaded_template and not Path(self.loaded_template).is_file():
            self.template_note.setText(
                "This file is missing: the board's Word exports stop with a message until it is back, "
                "or another template (or BoardApp's own) is chosen."
            )
            self.template_note.show()
        choose = QPushButton("Choose &file…", self)
        choose.setObjectName("boardWordTemplateChoose")
        choose.clicked.connect(self.choose_word_template)
        reset = QPushButton("Use &BoardApp's own", self)
        reset.setObjectName("boardWordTemplateReset")
        reset.clicked.connect(lambda: self.set_word_template(""))
        buttons = QHBoxLayout()
        buttons.addWidget(choose)
        buttons.addWidget(reset)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.template_edit)  # the full width: a path ends with the file's name
        column.addLayout(buttons)
        column.addWidget(self.template_note)
        return column

    def choose_word_template(self) -> None:
        start = self.template_edit.text()
        path, _ = QFileDialog.getOpenFileName(self, "Word house template", start, "Word documents (*.docx *.docm)")
        if path:
            self.set_word_template(path)

    def set_word_template(self, path: str) -> None:
        """Take `path` as the board's template if it can be used ("" = BoardApp's own); say which of
        BoardApp's styles it lacks, or why it cannot be used (the previous choice then stays)."""
        if not path:
            self.template_edit.setText("")
            self.template_note.hide()
            return
        try:
            check = boards.check_word_template(path)
        except InvalidChange as exc:
            self._show_refusal(str(exc))
            return
        self.message.hide()
        self.template_edit.setText(check.path)
        self.template_edit.setToolTip(check.path)
        self.template_note.setText(check.summary)
        self.template_note.show()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # room for the note

    def _numbering_changed(self) -> None:
        self.year_start.setEnabled(self.numbering.currentData() == MinuteNumbering.MUNICIPAL_YEAR.value)

    def _line(self, name: str, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setCursorPosition(0)  # a long venue shows its beginning
        return edit

    def _spin(self, name: str, low: int, high: int, suffix: str, unset: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setSpecialValueText(unset)  # shown at the minimum: nothing recorded
        return spin

    def _standing_items_box(self, settings: BoardSettings | None) -> QGroupBox:
        box = QGroupBox("Standing i&tems (every new agenda starts with these, in this order)", self)
        items = list(settings.standing_items) if settings else list(DEFAULT_STANDING_ITEMS)
        self.items_model = QStringListModel(items, self)
        self.items_view = QListView(box)
        self.items_view.setObjectName("boardStandingItems")
        self.items_view.setModel(self.items_model)
        self.items_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.items_view.setMinimumHeight(150)
        if items:
            self.items_view.setCurrentIndex(self.items_model.index(0))
        buttons = QVBoxLayout()
        self.item_buttons: dict[str, QPushButton] = {}
        for key, text, slot in (
            ("add", "&Add", self.add_item),
            ("rename", "Rena&me", self.rename_item),
            ("remove", "&Remove", self.remove_item),
            ("up", "Move u&p", lambda: self.move_item(-1)),
            ("down", "Move do&wn", lambda: self.move_item(1)),
        ):
            button = QPushButton(text, box)
            button.setObjectName(f"standingItem_{key}")
            if key in ("up", "down"):
                button.setToolTip(f"Ctrl+{'Up' if key == 'up' else 'Down'} in the list does the same")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.item_buttons[key] = button
        buttons.addStretch(1)
        self.items_view.installEventFilter(self)  # Ctrl+Up / Ctrl+Down move the selected item
        row = QHBoxLayout(box)
        row.addWidget(self.items_view, 1)
        row.addLayout(buttons)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.items_view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_item(-1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    # -- standing items ------------------------------------------------------------------------------------
    def standing_items(self) -> list[str]:
        return [text for text in self.items_model.stringList() if text.strip()]

    def _current_row(self) -> int:
        index = self.items_view.currentIndex()
        return index.row() if index.isValid() else -1

    def _finish_editing(self) -> None:
        """Commit a title being typed (moving the current item does that) before changing the list."""
        if self.items_view.state() == QAbstractItemView.State.EditingState:
            current = self.items_view.currentIndex()
            self.items_view.setCurrentIndex(QModelIndex())
            self.items_view.setCurrentIndex(current)

    def add_item(self) -> None:
        """A new item below the selected one (or at the end), ready to type its title."""
        self._finish_editing()
        row = self._current_row() + 1 if self._current_row() >= 0 else self.items_model.rowCount()
        self.items_model.insertRows(row, 1)
        index = self.items_model.index(row)
        self.items_model.setData(index, NEW_ITEM)
        self.items_view.setCurrentIndex(index)
        self.items_view.edit(index)

    def rename_item(self) -> None:
        self._finish_editing()
        index = self.items_view.currentIndex()
        if index.isValid():
            self.items_view.edit(index)

    def remove_item(self) -> None:
        self._finish_editing()
        row = self._current_row()
        if row < 0:
            return
        self.items_model.removeRows(row, 1)
        if self.items_model.rowCount():
            self.items_view.setCurrentIndex(self.items_model.index(min(row, self.items_model.rowCount() - 1)))

    def move_item(self, step: int) -> None:
        self._finish_editing()
        row = self._current_row()
        target = row + step
        if row < 0 or not 0 <= target < self.items_model.rowCount():
            return
        # moveRows' destination is "before this row" in the source's numbering.
        self.items_model.moveRows(QModelIndex(), row, 1, QModelIndex(), target + 1 if step > 0 else target)
        self.items_view.setCurrentIndex(self.items_model.index(target))

    # -- saving ----------------------------------------------------------------------------------------------
    def values(self) -> dict[str, object]:
        template = self.template_edit.text()
        # Sent only when changed: a template gone missing must not stop the board's other settings saving.
        changed = {"word_template": template} if template != self.loaded_template else {}
        return {
            "name": self.name_edit.text(),
            "short_name": self.short_name_edit.text(),
            "venue": self.venue_edit.text(),
            "start_time": self.time_edit.time().toString("HH:mm") if self.has_time.isChecked() else "",
            "usual_length_minutes": self.length_spin.value() or None,
            "quorum": self.quorum_spin.value() or None,
            "standing_items": self.standing_items(),
            "minute_numbering": MinuteNumbering(self.numbering.currentData()),
            "municipal_year_start_month": self.year_start.currentData(),
            "call_in_days": self.call_in_spin.value(),
            "publication_days": self.publication_spin.value(),
            **changed,
        }

    def save(self) -> None:
        """Create or update the board; on a refusal the dialog stays open and says why."""
        values = self.values()
        self.operations.failed.connect(self._show_refusal)
        try:
            if self.board_id is None:
                name, call_in = values.pop("name"), values.pop("call_in_days")
                later = {"call_in_days": call_in} if call_in != 5 else {}  # create_board takes the defaults
                if (days := values.pop("publication_days")) != 5:
                    later["publication_days"] = days
                if "word_template" in values:
                    later["word_template"] = values.pop("word_template")
                created = self.operations.run(boards.create_board, name, parent=self, **values)
                self.saved_id = created if isinstance(created, int) else None
                if self.saved_id is not None and later:
                    self.operations.run(boards.update_board, self.saved_id, parent=self, **later)
            else:
                done = self.operations.run(boards.update_board, self.board_id, parent=self, **values)
                self.saved_id = self.board_id if done is not None else None
        finally:
            self.operations.failed.disconnect(self._show_refusal)
        if self.saved_id is not None:
            self.accept()

    def _show_refusal(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def archive(self, archived: bool = True) -> None:
        """Archive (after a confirmation) or bring back the board; the dialog closes either way."""
        if self.board_id is None:
            return
        if archived:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Archive this board?",
                f"Archive “{self.name_edit.text()}”? It leaves the lists of boards in use; its meetings, minutes and "
                f"actions are all kept, and it can be brought back from these settings.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                self,
            )
            box.setObjectName("confirmArchive")
            box.button(QMessageBox.StandardButton.Yes).setText("Archive")
            box.setDefaultButton(QMessageBox.StandardButton.Cancel)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        if self.operations.run(boards.archive_board, self.board_id, archived, parent=self) is not None:
            self.saved_id = self.board_id
            self.accept()


def edit_board(parent: QWidget | None, operations: Operations, board_id: int | None = None) -> int | None:
    """Create a board (board_id None) or edit one, modally; the saved board's id, or None if cancelled."""
    dialog = BoardSettingsDialog(operations, board_id, parent)
    try:
        dialog.exec()
        return dialog.saved_id
    finally:
        dialog.deleteLater()
