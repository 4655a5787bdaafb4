"""The People page: everyone (name, title, organisation, email, boards) or one board's members.

`show_people(None)` lists every person; `show_people(board_id)` lists the board's memberships,
past and present, with role and dates (ended ones in grey). Buttons: Add person…, Edit…, Add
member… and End membership… (a board's list), Merge into… (two records of one person), Import
membership list…, and Roles… (rename and merge the roles that own work). Tables are
`QAbstractTableModel`s over the services' plain rows behind a filter; the page refreshes when an
operation says people or this board changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.person_dialog import (
    EditMembershipDialog,
    EndMembershipDialog,
    MemberDialog,
    MergeDialog,
    PersonDialog,
    person_choices,
)
from boardapp.gui.models.rows import RowTableModel
from boardapp.gui.operations import Operations
from boardapp.services import boards, memberships, people
from boardapp.services.changes import Changes
from boardapp.services.memberships import MemberRow, surname_key
from boardapp.services.people import PersonRow

AnyIndex = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole  # the plain row behind a table line
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class PeopleModel(RowTableModel[PersonRow]):
    HEADERS = ("Name", "Title", "Organisation", "Email", "Boards")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            values = (row.name, row.title, row.organisation, row.email, ", ".join(row.boards))
            text = values[index.column()]
            if role == SORT_ROLE:
                return " ".join(surname_key(text)) if index.column() == 0 else text.casefold()
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Also written as: {', '.join(row.aliases)}" if row.aliases and index.column() == 0 else None
            return text
        return None


class MembersModel(RowTableModel[MemberRow]):
    HEADERS = ("Name", "Role", "Organisation", "From", "To", "Email")

    def __init__(self, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(parent)
        self._today = today

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row(index)
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            start = row.start_date.strftime("%d/%m/%Y") if row.start_date else ""
            end = row.end_date.strftime("%d/%m/%Y") if row.end_date else ""
            return (row.formal_name, row.role_label, row.organisation, start, end, row.email)[column]
        if role == SORT_ROLE:
            keys: tuple[Any, ...] = (
                " ".join(surname_key(row.name)),
                list(memberships.ROLE_LABELS).index(row.role),
                row.organisation.casefold(),
                (row.start_date or dt.date.min).toordinal(),
                (row.end_date or dt.date.max).toordinal(),
                row.email.casefold(),
            )
            return keys[column]
        if role == Qt.ItemDataRole.ForegroundRole and row.end_date is not None and row.end_date < self._today():
            return QColor(style.MUTED_TEXT)
        return None


class PeoplePage(QWidget):
    """Everyone, or one board's members; see the module docstring."""

    def __init__(
        self,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("peoplePage")
        self.operations = operations
        self.today = today
        self.board_id: int | None = None
        self.people_model = PeopleModel(self)
        self.members_model = MembersModel(today, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self._build()
        operations.changed.connect(self._changed)
        self.show_people(None)

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("peopleHeading")
        self.heading.setStyleSheet(f"font-size: 14pt; color: {style.ACCENT}")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("peopleFilter")
        self.filter_edit.setPlaceholderText("Filter by name, organisation, email…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self)
        self.empty.setObjectName("peopleEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {style.MUTED_TEXT}")

        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add_person", "Add &person…", self.add_person),
            ("edit", "&Edit…", self.edit_selected),
            ("add_member", "Add &member…", self.add_member),
            ("end_membership", "E&nd membership…", self.end_membership),
            ("merge", "Mer&ge into…", self.merge_selected),
            ("import", "&Import membership list…", self.import_list),
            ("roles", "&Roles…", self.edit_roles),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"people_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter_edit)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)

    # -- showing -------------------------------------------------------------------------------------------
    def show_people(self, board_id: int | None) -> None:
        """None: everyone; a board: its members, past and present, with roles and dates."""
        self.board_id = board_id
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        if self.board_id is None:
            rows = self.operations.read(people.list_people)
            self.people_model.set_rows(rows)
            self.proxy.setSourceModel(self.people_model)
            self.heading.setText("People")
            self.empty.setText("" if rows else "No people yet. Add a person, or import a board's membership list.")
        else:
            settings = self.operations.read(boards.board_settings, self.board_id)
            rows_m = self.operations.read(memberships.board_members, self.board_id)
            self.members_model.set_rows(rows_m)
            self.proxy.setSourceModel(self.members_model)
            current = sum(1 for r in rows_m if r.end_date is None or r.end_date >= self.today())
            self.heading.setText(f"Members of {settings.name} ({current} current)")
            self.empty.setText("" if rows_m else "No members yet. Add a member, or import the board's membership list.")
        self.empty.setVisible(bool(self.empty.text()))
        self.table.sortByColumn(0 if self.board_id is None else 1, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        board_mode = self.board_id is not None
        self.buttons["add_member"].setVisible(board_mode)
        self.buttons["end_membership"].setVisible(board_mode)
        self.buttons["merge"].setVisible(not board_mode)
        self.buttons["roles"].setVisible(not board_mode)
        self._select(selected)
        self._update_buttons()

    def _changed(self, changes: Changes) -> None:
        if changes.people or (self.board_id is not None and self.board_id in changes.boards):
            self.refresh()

    def selected_row(self) -> PersonRow | MemberRow | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        row = self.proxy.data(indexes[0], ROW_ROLE)
        return row if isinstance(row, PersonRow | MemberRow) else None

    def selected_id(self) -> int | None:
        row = self.selected_row()
        if isinstance(row, MemberRow):
            return row.membership_id
        return row.id if isinstance(row, PersonRow) else None

    def select(self, name: str) -> bool:
        """Select the line whose name is `name` (as a click would); False if none."""
        for line in range(self.proxy.rowCount()):
            row = self.proxy.data(self.proxy.index(line, 0), ROW_ROLE)
            if getattr(row, "name", None) == name:
                self.table.selectRow(line)
                return True
        return False

    def _select(self, wanted: int | None) -> None:
        if wanted is None:
            return
        for line in range(self.proxy.rowCount()):
            row = self.proxy.data(self.proxy.index(line, 0), ROW_ROLE)
            ident = row.membership_id if isinstance(row, MemberRow) else getattr(row, "id", None)
            if ident == wanted:
                self.table.selectRow(line)
                return

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.buttons["edit"].setEnabled(row is not None)
        self.buttons["merge"].setEnabled(isinstance(row, PersonRow) and self.people_model.rowCount() > 1)
        ended = isinstance(row, MemberRow) and row.end_date is not None
        self.buttons["end_membership"].setEnabled(isinstance(row, MemberRow) and not ended)

    # -- actions -------------------------------------------------------------------------------------------
    def add_person(self) -> int | None:
        dialog = PersonDialog(self.operations, None, self)
        return dialog.result_value if dialog.exec() else None

    def edit_selected(self) -> bool:
        """The selected person (everyone) or membership (a board's list)."""
        row = self.selected_row()
        if isinstance(row, MemberRow):
            return bool(EditMembershipDialog(self.operations, row, self.today(), self).exec())
        if isinstance(row, PersonRow):
            return bool(PersonDialog(self.operations, row.id, self).exec())
        return False

    def add_member(self) -> int | None:
        if self.board_id is None:
            return None
        dialog = MemberDialog(self.operations, self.board_id, self.today(), self)
        return dialog.result_value if dialog.exec() else None

    def end_membership(self) -> bool:
        row = self.selected_row()
        if not isinstance(row, MemberRow):
            return False
        return bool(EndMembershipDialog(self.operations, row, self.today(), self).exec())

    def merge_selected(self) -> bool:
        row = self.selected_row()
        if not isinstance(row, PersonRow):
            return False
        others = [other for other in self.operations.read(people.list_people) if other.id != row.id]
        dialog = MergeDialog(self.operations, row.id, row.formal_name, person_choices(others), parent=self)
        return bool(dialog.exec())

    def edit_roles(self) -> None:
        from boardapp.gui.dialogs.roles_dialog import edit_roles

        edit_roles(self, self.operations)

    def import_list(self) -> bool:
        from boardapp.gui.dialogs.members_import import import_members

        return import_members(self, self.operations, self.board_id)
