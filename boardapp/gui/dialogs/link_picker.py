"""Pick something to link by typing: plan entries by ref or text, board actions by ref or text.

Search-as-you-type: every pause in typing (150 ms) runs the search function the caller gives
(a read service through `Operations.read`) and lists what it found; Enter or a double-click
takes the highlighted row. Rows already linked are shown but cannot be chosen twice.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.models.plan_rows_model import RowColumn, RowsTableModel

SEARCH_DELAY_MS = 150


@dataclass(frozen=True)
class PickRow:
    id: int
    ref: str
    text: str
    detail: str = ""  # "Open · raised 1 Aug 2017, item 5" / "12 Week Improvement Plan · Amber"
    linked: bool = False


class LinkPickerDialog(QDialog):
    def __init__(
        self,
        title: str,
        prompt: str,
        search: Callable[[str], Sequence[PickRow]],
        *,
        linked_ids: Collection[int] = (),
        with_note: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkPicker")
        self.setWindowTitle(title)
        self._search = search
        self._linked = set(linked_ids)
        self.query = QLineEdit(self)
        self.query.setObjectName("linkQuery")
        self.query.setPlaceholderText(prompt)
        self.query.setClearButtonEnabled(True)
        self.query.installEventFilter(self)
        self.model: RowsTableModel[PickRow] = RowsTableModel(
            [
                RowColumn("Ref", lambda r: r.ref),
                RowColumn(
                    "Text",
                    lambda r: r.text,
                    tooltip=lambda r: r.text,
                    foreground=lambda r: style.MUTED_TEXT if r.linked else None,
                ),
                RowColumn(
                    "",
                    lambda r: "linked already" if r.linked else r.detail,
                    tooltip=lambda r: r.detail or None,
                    foreground=lambda r: style.MUTED_TEXT,
                ),
            ],
            self,
        )
        self.results = QTableView(self)
        self.results.setObjectName("linkResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.setWordWrap(False)
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 230)
        self.results.doubleClicked.connect(lambda _index: self._accept_current())
        self.count = QLabel(self)
        self.count.setStyleSheet(f"color:{style.MUTED_TEXT};")
        self.note = QLineEdit(self)
        self.note.setObjectName("linkNote")
        self.note.setPlaceholderText("Note on the link (optional): how the board action serves the plan")
        self.note.setVisible(with_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Link")
        self.buttons.accepted.connect(self._accept_current)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.results.selectionModel().currentRowChanged.connect(lambda *_args: self._update_ok())
        self.resize(820, 460)
        self.run_search()

    def run_search(self) -> None:
        rows = [
            PickRow(r.id, r.ref, r.text, r.detail, linked=r.id in self._linked) for r in self._search(self.query.text())
        ]
        self.model.set_rows(rows)
        self.count.setText(f"{len(rows)} found" if rows else "Nothing matches; try fewer words.")
        first = next((n for n, r in enumerate(rows) if not r.linked), -1)
        if first >= 0:
            self.results.setCurrentIndex(self.model.index(first, 1))
        self._update_ok()

    def chosen(self) -> PickRow | None:
        index = self.results.currentIndex()
        if not index.isValid():
            return None
        row = self.model.row_at(index.row())
        return None if row.linked else row

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.chosen() is not None)

    def _accept_current(self) -> None:
        if self.chosen() is not None:
            self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and down in the search box move through the results, so the hands stay on the keyboard."""
        if watched is self.query and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                current = self.results.currentIndex().row()
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                target = max(0, min(self.model.rowCount() - 1, current + step))
                if self.model.rowCount():
                    self.results.setCurrentIndex(self.model.index(target, 1))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.timer.isActive():  # typed and pressed Enter at once: search first
                    self.timer.stop()
                    self.run_search()
                self._accept_current()
                return True
        return super().eventFilter(watched, event)
