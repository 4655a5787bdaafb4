"""The action log's filter bar: board, owner, due and raised meeting, plan link, words, statuses, overdue, grouping.

Split from `ActionLogPage`, which runs the query this bar describes (`query`). The bar says when
to run it: `changed` for a choice (at once), `edited` for typed text (the page may wait for a
pause), `board_chosen` for another board (the lists are refilled). Nothing is signalled while the
bar fills itself (`loading`).
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import ActionStatus
from boardapp.services.action_log import ActionLogQuery, Choice, FilterChoices, GroupBy, OwnerKey, SortColumn
from boardapp.services.actions import ACTION_STATUS_LABELS, OPEN_STATUSES

__all__ = ["ActionLogFilters"]


class ActionLogFilters(QWidget):
    changed = Signal()
    edited = Signal()
    board_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = FilterChoices()
        self.loading = False
        self.board_combo = QComboBox(self)
        self.board_combo.setObjectName("boardFilter")
        self.board_combo.setMinimumContentsLength(12)
        self.board_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.board_combo.currentIndexChanged.connect(lambda _i: self._emit(self.board_chosen))
        self.owner = QLineEdit(self)
        self.owner.setObjectName("ownerFilter")
        self.owner.setPlaceholderText("Owner (person or role)…")
        self.owner.setClearButtonEnabled(True)
        self.owner.setMinimumWidth(140)
        self.owner_names = QStringListModel(self)
        self.owner_completer = QCompleter(self.owner_names, self)
        self.owner_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.owner_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(self.owner_completer)
        self.owner.textChanged.connect(lambda _text: self._emit(self.edited))
        self.owner_completer.activated.connect(lambda _text: self.changed.emit())
        self.due_combo = self._combo("dueFilter", "Due at any meeting")
        self.raised_combo = self._combo("raisedFilter", "Raised at any meeting")
        self.link_combo = self._combo("linkFilter", "Any plan link")
        self.filter = QLineEdit(self)
        self.filter.setObjectName("actionFilter")
        self.filter.setPlaceholderText("Words in the ref, action or owner…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(150)
        self.filter.textChanged.connect(lambda _text: self._emit(self.edited))
        first = QHBoxLayout()
        first.setSpacing(8)
        for widget, stretch in ((self.board_combo, 0), (self.owner, 1), (self.due_combo, 0), (self.raised_combo, 0),
                                (self.link_combo, 0), (self.filter, 2)):  # fmt: skip
            first.addWidget(widget, stretch)

        self.status_boxes: dict[ActionStatus, QCheckBox] = {}
        second = QHBoxLayout()
        second.setSpacing(10)
        second.addWidget(QLabel("Status:", self))
        for status in ActionStatus:
            box = QCheckBox(ACTION_STATUS_LABELS[status], self)
            box.setObjectName(f"status_{status.value}")
            box.setChecked(status in OPEN_STATUSES)
            box.toggled.connect(lambda _on: self._emit(self.changed))
            self.status_boxes[status] = box
            second.addWidget(box)
        self.overdue_only = QCheckBox("&Overdue only", self)
        self.overdue_only.setObjectName("overdueOnly")
        self.overdue_only.toggled.connect(lambda _on: self._emit(self.changed))
        second.addSpacing(12)
        second.addWidget(self.overdue_only)
        second.addStretch(1)
        group_label = QLabel("&Group by:", self)
        second.addWidget(group_label)
        self.group_combo = QComboBox(self)
        self.group_combo.setObjectName("groupBy")
        for label, value in (("Nothing", GroupBy.NONE), ("Owner", GroupBy.OWNER), ("Due meeting", GroupBy.DUE_MEETING)):
            self.group_combo.addItem(label, value)
        self.group_combo.currentIndexChanged.connect(lambda _i: self._emit(self.changed))
        group_label.setBuddy(self.group_combo)
        second.addWidget(self.group_combo)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        second.addWidget(self.clear_button)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        rows.addLayout(first)
        rows.addLayout(second)

    def _emit(self, signal: SignalInstance) -> None:
        if not self.loading:
            signal.emit()

    def _combo(self, name: str, any_label: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(any_label, None)
        combo.setMinimumContentsLength(10)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(lambda _i: self._emit(self.changed))
        return combo

    def scroll_area(self, parent: QWidget) -> QScrollArea:
        """The two filter rows, scrolling sideways on a window too narrow for them (a 1366×768 laptop is not)."""
        area = QScrollArea(parent)
        area.setObjectName("actionFilters")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self)
        area.setFixedHeight(self.sizeHint().height() + area.horizontalScrollBar().sizeHint().height() + 2)
        return area

    def set_choices(self, choices: FilterChoices, board_id: int | None) -> None:
        """Fill the lists (boards, owners, meetings, plan links) for the chosen board, keeping choices."""
        self.loading = True
        try:
            self.choices = choices
            self.board_combo.clear()
            self.board_combo.addItem("All boards", None)
            for choice in choices.boards:
                self.board_combo.addItem(choice.label, choice.value)
            self.board_combo.setCurrentIndex(max(0, self.board_combo.findData(board_id)))
            self.owner_names.setStringList(list(dict.fromkeys(choice.label for choice in choices.owners)))
            meetings = [Choice(label=m.label, value=m.id) for m in choices.meetings]
            self._refill(self.due_combo, meetings)
            self._refill(self.raised_combo, meetings)
            self._refill(self.link_combo, list(choices.links))
        finally:
            self.loading = False

    @staticmethod
    def _refill(combo: QComboBox, choices: list[Choice]) -> None:
        current = combo.currentData()
        while combo.count() > 1:
            combo.removeItem(1)
        for choice in choices:
            combo.addItem(choice.label, choice.value)
            if choice.detail:
                combo.setItemData(combo.count() - 1, choice.detail, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def query(self, board_id: int | None, *, sort: SortColumn, descending: bool) -> ActionLogQuery:
        owner, owner_text = self._owner()
        statuses = frozenset(status for status, box in self.status_boxes.items() if box.isChecked())
        link = self.link_combo.currentData()
        kind, value = tuple(link) if isinstance(link, tuple | list) else (None, None)
        return ActionLogQuery(
            board_id=board_id,
            owner=owner,
            owner_text=owner_text,
            statuses=statuses,
            overdue_only=self.overdue_only.isChecked(),
            due_meeting_id=self.due_combo.currentData(),
            raised_meeting_id=self.raised_combo.currentData(),
            plan_id=value if kind == "plan" else None,
            recommendation_id=value if kind == "recommendation" else None,
            linked=value if kind == "linked" else None,
            text=self.filter.text(),
            sort=sort,
            descending=descending,
            group_by=GroupBy(self.group_combo.currentData() or GroupBy.NONE),
        )

    def _owner(self) -> tuple[OwnerKey | None, str]:
        """The owner typed: one person or role when the name is exact, else part of names."""
        typed = " ".join(self.owner.text().split())
        if not typed:
            return None, ""
        exact = [c.value for c in self.choices.owners if c.label.casefold() == typed.casefold()]
        return (exact[0], "") if len(exact) == 1 else (None, typed)

    def reset(self) -> None:
        """Back to the open actions of every owner and meeting (the board and grouping stay), without signalling."""
        self.loading = True
        try:
            self.owner.clear()
            self.filter.clear()
            for status, box in self.status_boxes.items():
                box.setChecked(status in OPEN_STATUSES)
            self.overdue_only.setChecked(False)
            for combo in (self.due_combo, self.raised_combo, self.link_combo):
                combo.setCurrentIndex(0)
        finally:
            self.loading = False
