"""People ▸ Roles…: the roles that own actions and lead plan items, with Add, Rename and Merge into….

A role is "Heads of Service" or "Chair of LSCB": work given to a post rather than a person. Two
spellings of one role ("Chair of LSCB" and "Chair of Lancashire Safeguarding Children's Board
(LSCB)") are merged here; every action, presenter and plan lead moves to the role kept.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui.dialogs.person_dialog import MergeDialog
from boardapp.gui.models.rows import RowTableModel
from boardapp.gui.operations import Operations
from boardapp.services import people
from boardapp.services.changes import Changes
from boardapp.services.people import RoleRow

AnyIndex = QModelIndex | QPersistentModelIndex


class RolesModel(RowTableModel[RoleRow]):
    HEADERS = ("Role", "Named in")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, f"{row.uses} action(s), presenter(s) or plan lead(s)")[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class RolesDialog(QDialog):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rolesDialog")
        self.setWindowTitle("Roles")
        self.operations = operations
        self.model = RolesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("rolesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add", "&Add role…", self.add_role),
            ("rename", "&Rename…", self.rename_selected),
            ("merge", "Mer&ge into…", self.merge_selected),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"roles_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        operations.changed.connect(self._changed)
        self.refresh()
        self.resize(640, 480)

    def refresh(self) -> None:
        self.model.set_rows(self.operations.read(people.list_roles))
        self._update_buttons()

    def _changed(self, changes: Changes) -> None:
        if changes.people:
            self.refresh()

    def selected(self) -> RoleRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, name: str) -> bool:
        for line in range(self.model.rowCount()):
            if self.model.row_at(line).name == name:
                self.table.selectRow(line)
                return True
        return False

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.buttons["rename"].setEnabled(chosen)
        self.buttons["merge"].setEnabled(chosen and self.model.rowCount() > 1)

    def add_role(self) -> None:
        name, ok = QInputDialog.getText(self, "Add role", "Role (a post, not a person):")
        if ok:
            self.operations.run(people.add_role, name, parent=self)

    def rename_selected(self) -> None:
        role = self.selected()
        if role is None:
            return
        name, ok = QInputDialog.getText(self, "Rename role", "Role:", QLineEdit.EchoMode.Normal, role.name)
        if ok and name != role.name:
            self.operations.run(people.rename_role, role.id, name, parent=self)

    def merge_selected(self) -> bool:
        role = self.selected()
        if role is None:
            return False
        choices = [(r.id, r.name) for r in self.operations.read(people.list_roles) if r.id != role.id]
        return bool(MergeDialog(self.operations, role.id, role.name, choices, roles=True, parent=self).exec())


def edit_roles(parent: QWidget | None, operations: Operations) -> None:
    dialog = RolesDialog(operations, parent)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
