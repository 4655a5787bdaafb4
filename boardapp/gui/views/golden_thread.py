"""The golden thread, shown: recommendation → plan actions → status history → board actions and minutes.

`*_html` turn the golden-thread service's plain data into HTML for QTextBrowser (every user
string escaped). `GoldenThreadView` follows the links inside a thread (a board action to the
plan actions it serves, a plan action to its board actions...) with Back. `GoldenThreadPage` is
the plan's "Golden thread" page: find a recommendation, plan action or board action as you type,
read its thread, and link or unlink from whichever end is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import escape

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.link_picker import LinkPickerDialog, PickRow
from boardapp.gui.models.plan_rows_model import RowColumn, RowsTableModel
from boardapp.gui.operations import Operations
from boardapp.gui.views.golden_thread_html import (
    THREAD_STYLESHEET,
    ThreadKind,
    ThreadTarget,
    action_detail,
    action_thread_html,
    history_html,
    item_detail,
    item_thread_html,
    parse_link,
    recommendation_thread_html,
)
from boardapp.services import golden_thread as thread_service
from boardapp.services import recommendations as rec_service
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound

__all__ = [  # the HTML helpers live in `golden_thread_html`; other pages import them from here too
    "FoundRow",
    "GoldenThreadDialog",
    "GoldenThreadPage",
    "GoldenThreadView",
    "ThreadKind",
    "ThreadTarget",
    "action_detail",
    "history_html",
    "item_detail",
    "parse_link",
]


class GoldenThreadView(QTextBrowser):
    """Shows one thread; following a link shows that end's thread, Back returns."""

    target_changed = Signal(object)  # ThreadTarget | None

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goldenThread")
        self.operations = operations
        self.document().setDefaultStyleSheet(THREAD_STYLESHEET)
        self.document().setDocumentMargin(14)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)
        self.target: ThreadTarget | None = None
        self.history: list[ThreadTarget] = []
        self.show_placeholder()

    def show_placeholder(self, text: str = "Choose a recommendation, a plan action or a board action.") -> None:
        self.target = None
        self.setHtml(f"<p class='meta'>{escape(text)}</p>")
        self.target_changed.emit(None)

    def show_target(self, target: ThreadTarget, *, remember: bool = True) -> None:
        if remember and self.target is not None and self.target != target:
            self.history.append(self.target)
        self.target = target
        self.refresh()
        self.target_changed.emit(target)

    def refresh(self) -> None:
        target = self.target
        if target is None:
            return
        try:
            if target.kind is ThreadKind.RECOMMENDATION:
                html = recommendation_thread_html(self.operations.read(thread_service.recommendation_thread, target.id))
            elif target.kind is ThreadKind.ITEM:
                html = item_thread_html(self.operations.read(thread_service.plan_item_thread, target.id), heading="h2")
            else:
                html = action_thread_html(self.operations.read(thread_service.action_thread, target.id))
        except NotFound as exc:  # deleted meanwhile
            html = f"<p class='meta'>{escape(str(exc))}</p>"
        scroll = self.verticalScrollBar().value()
        self.setHtml(html)
        self.verticalScrollBar().setValue(scroll)

    def back(self) -> bool:
        if not self.history:
            return False
        self.show_target(self.history.pop(), remember=False)
        return True

    def _follow(self, url: QUrl) -> None:
        target = parse_link(url)
        if target is not None:
            self.show_target(target)


class GoldenThreadDialog(QDialog):
    """A thread in its own window, for pages that want to show one (the action log, a meeting)."""

    def __init__(self, operations: Operations, target: ThreadTarget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goldenThreadDialog")
        self.setWindowTitle("Golden thread")
        self.view = GoldenThreadView(operations, self)
        back = QPushButton("← Back", self)
        back.clicked.connect(self.view.back)
        close = QPushButton("Close", self)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(760, 640)
        self.view.show_target(target)
        operations.changed.connect(self._changed)

    def _changed(self, _changes: Changes) -> None:
        self.view.refresh()


@dataclass(frozen=True)
class FoundRow:
    target: ThreadTarget
    kind_label: str
    ref: str
    text: str
    detail: str


class GoldenThreadPage(QWidget):
    """A plan's golden thread: search on the left, the thread on the right, linking from either end."""

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goldenThreadPage")
        self.operations = operations
        self.plan_id: int | None = None
        self.board_id: int | None = None
        self.plan_name = ""
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.kind_choice = QComboBox(self)
        self.kind_choice.setObjectName("threadKind")
        for kind, label in (
            (ThreadKind.RECOMMENDATION, "Recommendations"),
            (ThreadKind.ITEM, "Plan actions"),
            (ThreadKind.ACTION, "Board actions"),
        ):
            self.kind_choice.addItem(label, kind)
        kind_bar = QHBoxLayout()
        start_label = QLabel("&Start from", self)
        start_label.setBuddy(self.kind_choice)
        kind_bar.addWidget(start_label)
        kind_bar.addWidget(self.kind_choice, 1)
        self.query = QLineEdit(self)
        self.query.setObjectName("threadQuery")
        self.query.setClearButtonEnabled(True)
        self.query.setPlaceholderText("Type a ref or words to find it…")
        self.found: RowsTableModel[FoundRow] = RowsTableModel(
            [
                RowColumn("Ref", lambda r: r.ref),
                RowColumn("", lambda r: r.text, tooltip=lambda r: f"{r.text}\n{r.detail}"),
            ],
            self,
        )
        self.results = QTableView(self)
        self.results.setObjectName("threadResults")
        self.results.setModel(self.found)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().setVisible(False)
        self.results.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.horizontalHeader().setVisible(False)
        self.view = GoldenThreadView(operations, self)
        self.back_button = QPushButton("← Back", self)
        self.back_button.clicked.connect(self.view.back)
        self.link_button = QPushButton("Link…", self)
        self.link_button.setObjectName("threadLink")
        self.link_button.clicked.connect(self.link_from_shown)
        self.unlink_button = QPushButton("Unlink…", self)
        self.unlink_button.setObjectName("threadUnlink")
        self.unlink_button.clicked.connect(self.unlink_menu)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(kind_bar)
        left_layout.addWidget(self.query)
        left_layout.addWidget(self.results, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QToolBar(right)  # overflows in a narrow window instead of widening it
        buttons.addWidget(self.back_button)
        spacer = QWidget(right)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        buttons.addWidget(spacer)
        buttons.addWidget(self.link_button)
        buttons.addWidget(self.unlink_button)
        right_layout.addWidget(buttons)
        right_layout.addWidget(self.view, 1)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.kind_choice.currentIndexChanged.connect(lambda _index: self.search())
        self.results.selectionModel().currentRowChanged.connect(self._result_chosen)
        self.view.target_changed.connect(self._update_buttons)
        operations.changed.connect(self._changed)
        self._update_buttons(None)

    # -- showing ---------------------------------------------------------------------------------------
    def show_plan(self, plan_id: int, plan_name: str, board_id: int | None) -> None:
        changed = plan_id != self.plan_id
        self.plan_id, self.plan_name, self.board_id = plan_id, plan_name, board_id
        self.title.setText(
            f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>Golden thread</span>"
            f"<br><span style='color:{style.MUTED_TEXT};'>{escape(plan_name)}: from each inspection recommendation "
            "to the plan actions, their status over time and the board's actions and minutes.</span>"
        )
        if changed:
            self.view.history.clear()
            self.view.show_placeholder()
        self.search()

    def kind(self) -> ThreadKind:
        return self.kind_choice.currentData() or ThreadKind.RECOMMENDATION

    def set_kind(self, kind: ThreadKind) -> None:
        self.kind_choice.setCurrentIndex(max(self.kind_choice.findData(kind), 0))

    def search(self) -> None:
        self.timer.stop()
        if self.plan_id is None:
            return
        query, kind = self.query.text(), self.kind()
        rows: list[FoundRow] = []
        if kind is ThreadKind.RECOMMENDATION:
            for rec in self.operations.read(thread_service.search_recommendations, query, plan_id=self.plan_id):
                rows.append(FoundRow(ThreadTarget(kind, rec.id), "Recommendation", rec.ref, rec.text, rec.source_title))
        elif kind is ThreadKind.ITEM:
            for brief in self.operations.read(thread_service.search_plan_items, query, plan_id=self.plan_id):
                rows.append(
                    FoundRow(ThreadTarget(kind, brief.id), brief.kind.value, brief.ref, brief.text, item_detail(brief))
                )
        else:
            for action in self.operations.read(thread_service.search_board_actions, query, board_id=self.board_id):
                rows.append(
                    FoundRow(
                        ThreadTarget(kind, action.id), "Board action", action.ref, action.text, action_detail(action)
                    )
                )
        self.found.set_rows(rows)

    def show_thread(self, target: ThreadTarget) -> None:
        self.view.show_target(target)

    def _result_chosen(self) -> None:
        index = self.results.currentIndex()
        if index.isValid():
            self.view.show_target(self.found.row_at(index.row()).target)

    def _update_buttons(self, target: ThreadTarget | None) -> None:
        self.back_button.setEnabled(bool(self.view.history))
        self.link_button.setEnabled(target is not None)
        self.unlink_button.setEnabled(target is not None)
        labels = {
            ThreadKind.RECOMMENDATION: ("Link a plan action that addresses it", "Unlink a plan action"),
            ThreadKind.ITEM: ("Link a board action that serves it", "Unlink a board action"),
            ThreadKind.ACTION: ("Link to a plan action it serves", "Unlink from a plan action"),
        }
        link_tip, unlink_tip = labels[target.kind] if target else ("", "")
        self.link_button.setToolTip(link_tip)
        self.unlink_button.setToolTip(unlink_tip)

    def _changed(self, changes: Changes) -> None:
        if self.isVisible() and (changes.plans or changes.actions):
            self.view.refresh()

    # -- linking ---------------------------------------------------------------------------------------
    def link_from_shown(self) -> LinkPickerDialog | None:
        """Open the picker for the other end of the thread shown; the link is made when it is accepted."""
        target = self.view.target
        if target is None:
            return None
        dialog = self._picker(target)
        dialog.accepted.connect(lambda: self._link(target, dialog))
        dialog.open()
        self.active_dialog = dialog
        return dialog

    def _picker(self, target: ThreadTarget) -> LinkPickerDialog:
        if target.kind is ThreadKind.ITEM:
            linked = {a.id for a in self.operations.read(thread_service.linked_board_actions, target.id)}
            return LinkPickerDialog(
                "Link a board action",
                "Find a board action by ref or words…",
                self._search_actions,
                linked_ids=linked,
                with_note=True,
                parent=self,
            )
        if target.kind is ThreadKind.ACTION:
            linked = {i.item.id for i in self.operations.read(thread_service.action_thread, target.id).items}
            return LinkPickerDialog(
                "Link to a plan action",
                "Find a plan action by ref (1.2.3) or words…",
                self._search_items,
                linked_ids=linked,
                with_note=True,
                parent=self,
            )
        row = self.operations.read(rec_service.recommendation_row, target.id)
        return LinkPickerDialog(
            "Link a plan action",
            "Find a plan action by ref (1.2.3) or words…",
            self._search_items,
            linked_ids={a.id for a in row.actions},
            parent=self,
        )

    def _search_items(self, query: str) -> list[PickRow]:
        return [
            PickRow(b.id, b.ref, b.text, item_detail(b))
            for b in self.operations.read(thread_service.search_plan_items, query, plan_id=self.plan_id)
        ]

    def _search_actions(self, query: str) -> list[PickRow]:
        return [
            PickRow(a.id, a.ref, a.text, action_detail(a))
            for a in self.operations.read(thread_service.search_board_actions, query, board_id=self.board_id)
        ]

    def _link(self, target: ThreadTarget, dialog: LinkPickerDialog) -> None:
        chosen = dialog.chosen()
        if chosen is None:
            return
        note = dialog.note.text()
        if target.kind is ThreadKind.ITEM:
            self.operations.run(thread_service.link_action, chosen.id, target.id, note, parent=self)
        elif target.kind is ThreadKind.ACTION:
            self.operations.run(thread_service.link_action, target.id, chosen.id, note, parent=self)
        else:
            self.operations.run(rec_service.link_recommendation, chosen.id, target.id, parent=self)
        self.view.refresh()

    def unlink_choices(self) -> list[tuple[str, Callable[[], None]]]:
        """What can be unlinked from the thread shown, as (label, do it)."""
        target = self.view.target
        if target is None:
            return []
        choices: list[tuple[str, Callable[[], None]]] = []
        run = self.operations.run
        if target.kind is ThreadKind.ITEM:
            for action in self.operations.read(thread_service.linked_board_actions, target.id):
                choices.append(
                    (
                        f"{action.ref} {action.text[:70]}",
                        partial(run, thread_service.unlink_action, action.id, target.id, parent=self),
                    )
                )
        elif target.kind is ThreadKind.ACTION:
            for item in self.operations.read(thread_service.action_thread, target.id).items:
                choices.append(
                    (
                        item.item.label[:80],
                        partial(run, thread_service.unlink_action, target.id, item.item.id, parent=self),
                    )
                )
        else:
            for brief in self.operations.read(rec_service.recommendation_row, target.id).actions:
                choices.append(
                    (
                        brief.label[:80],
                        partial(run, rec_service.unlink_recommendation, brief.id, target.id, parent=self),
                    )
                )
        return choices

    def unlink_menu(self) -> None:
        choices = self.unlink_choices()
        menu = QMenu(self)
        if not choices:
            menu.addAction("Nothing is linked").setEnabled(False)
        for label, do in choices:
            menu.addAction(label, do)
        menu.exec(self.unlink_button.mapToGlobal(self.unlink_button.rect().bottomLeft()))
        self.view.refresh()
