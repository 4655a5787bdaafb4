"""The golden thread, shown: recommendation → plan actions → status history → board actions and minutes.

`*_html` turn the golden-thread service's plain data into HTML for QTextBrowser (every user
string escaped). `GoldenThreadView` follows the links inside a thread (a board action to the
plan actions it serves, a plan action to its board actions...) with Back. `GoldenThreadPage` is
the plan's "Golden thread" page: find a recommendation, plan action or board action as you type,
read its thread, and link or unlink from whichever end is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
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

from boardapp.core.dates import short_date
from boardapp.gui import style
from boardapp.gui.dialogs.link_picker import LinkPickerDialog, PickRow
from boardapp.gui.models.plan_rows_model import RowColumn, RowsTableModel
from boardapp.gui.operations import Operations
from boardapp.gui.views.meeting_html import STYLESHEET, badge
from boardapp.services import golden_thread as thread_service
from boardapp.services import recommendations as rec_service
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound
from boardapp.services.golden_thread import (
    ActionThread,
    BoardActionBrief,
    PlanItemThread,
    RecommendationBrief,
    RecommendationThread,
)
from boardapp.services.plan_status import StatusChangeRow
from boardapp.services.recommendations import PlanActionBrief, RecommendationRow

SCHEME = "boardapp"
THREAD_STYLESHEET = (
    STYLESHEET
    + f"a {{ color: {style.ACCENT}; text-decoration: none; }}\n"
    + ".item { font-weight: 600; font-size: 11pt; margin-top: 14px; border-top: 1px solid #D0D7DE; }\n"
)


class ThreadKind(Enum):
    RECOMMENDATION = "rec"
    ITEM = "item"
    ACTION = "action"


@dataclass(frozen=True)
class ThreadTarget:
    kind: ThreadKind
    id: int


def link(kind: ThreadKind, target_id: int, text: str) -> str:
    return f"<a href='{SCHEME}:{kind.value}/{target_id}'>{text}</a>"


def parse_link(url: QUrl | str) -> ThreadTarget | None:
    text = url.toString() if isinstance(url, QUrl) else url
    if not text.startswith(f"{SCHEME}:"):
        return None
    kind, _, number = text[len(SCHEME) + 1 :].partition("/")
    try:
        return ThreadTarget(ThreadKind(kind), int(number))
    except ValueError:
        return None


def level_badge(brief: PlanActionBrief) -> str:
    parts = []
    if brief.progress:
        parts.append(badge(brief.progress.label, brief.progress.colour))
    else:
        parts.append("<span class='meta'>not rated</span>")
    if brief.impact:
        parts.append("impact " + badge(brief.impact.label, brief.impact.colour))
    return " ".join(parts)


def item_label(brief: PlanActionBrief) -> str:
    ref = f"<b>{escape(brief.ref)}</b> " if brief.ref else ""
    return ref + escape(brief.text)


def history_html(history: Sequence[StatusChangeRow], limit: int | None = None) -> str:
    if not history:
        return "<p class='meta'>No status recorded yet.</p>"
    rows = []
    for change in history[:limit] if limit else history:
        facts = [short_date(change.changed_on)]
        if change.scale_label != "Progress":
            facts.append(change.scale_label.lower())
        label = badge(change.level.label, change.level.colour)
        was = f"<span class='meta'>was {escape(change.previous.label)}</span> " if change.previous else ""
        who = f" – {escape(change.changed_by)}" if change.changed_by else ""
        reason = f"<br><span>{escape(change.reason)}</span>" if change.reason else ""
        at = (
            f" <span class='meta'>(reported to the {escape(change.meeting_label)})</span>"
            if change.meeting_label
            else ""
        )
        rows.append(f"<li>{' · '.join(facts)}: {was}{label}{who}{at}{reason}</li>")
    more = len(history) - limit if limit and len(history) > limit else 0
    tail = f"<li class='meta'>and {more} earlier</li>" if more else ""
    return f"<ul>{''.join(rows)}{tail}</ul>"


def action_line(action: BoardActionBrief) -> str:
    owners = f" – {escape(' / '.join(action.owners))}" if action.owners else ""
    note = f"<br><span class='meta'>Link note: {escape(action.link_note)}</span>" if action.link_note else ""
    return (
        f"<li>{link(ThreadKind.ACTION, action.id, escape(action.ref))} {escape(action.text)}{owners} "
        f"<span class='meta'>[{escape(action.status_label)}]</span><br>"
        f"<span class='meta'>Raised at the {escape(action.board_name)}: {escape(action.raised_at)}</span>{note}</li>"
    )


def recommendation_line(rec: RecommendationBrief) -> str:
    return (
        f"<li>{link(ThreadKind.RECOMMENDATION, rec.id, escape(rec.label))}: {escape(rec.text)} "
        f"<span class='meta'>({escape(rec.source_title)})</span></li>"
    )


def item_thread_html(item: PlanItemThread, *, heading: str = "item", with_recommendations: bool = True) -> str:
    """One plan action's part of the thread; `heading` is the class of its title ("item", or "h2" alone)."""
    brief = item.item
    title = link(ThreadKind.ITEM, brief.id, item_label(brief))
    parts = [
        f"<h2>{title}</h2>" if heading == "h2" else f"<p class='item'>{title}</p>",
        f"<p>{level_badge(brief)} <span class='meta'>· {escape(brief.plan_name)}</span></p>",
    ]
    if brief.evidence_of_impact.strip():
        parts.append(f"<p><span class='label'>Evidence of impact:</span> {escape(brief.evidence_of_impact)}</p>")
    if with_recommendations and item.recommendations:
        parts.append("<p class='label'>Addresses</p><ul>")
        parts.extend(recommendation_line(rec) for rec in item.recommendations)
        parts.append("</ul>")
    parts.append("<p class='label'>Status history</p>" + history_html(item.history))
    if item.board_actions:
        parts.append("<p class='label'>Board actions</p><ul>")
        parts.extend(action_line(action) for action in item.board_actions)
        parts.append("</ul>")
    else:
        parts.append("<p class='meta'>No board action is linked to it yet.</p>")
    return "".join(parts)


def phases_html(row: RecommendationRow) -> str:
    def phase(name: str, done: bool, how: str) -> str:
        mark = "✔" if done else "✘"
        colour = "#2E7D32" if done else style.MUTED_TEXT
        return f"<span style='color:{colour};'>{mark} {name}</span> <span class='meta'>({escape(how)})</span>"

    complete = row.actions_complete
    impact = row.impact_evidenced
    return "<br>".join(
        [
            phase("Actions complete", complete.value, "set by hand" if complete.is_set_by_hand else "derived"),
            phase("Evidence of impact", impact.value, "set by hand" if impact.is_set_by_hand else "derived"),
            phase("Signed off by the board", row.signed_off, row.signed_off_label or "not yet"),
        ]
    )


def recommendation_thread_html(result: RecommendationThread) -> str:
    row = result.recommendation
    lead = f"<p><span class='label'>Lead:</span> {escape(row.lead)}</p>" if row.lead else ""
    area = f"<p><span class='label'>Key area:</span> {escape(row.key_area)}</p>" if row.key_area else ""
    parts = [
        f"<p class='meta'>{escape(row.source_title)}</p>",
        f"<h2>{escape(row.label)}</h2><p>{escape(row.text)}</p>",
        area,
        lead,
        f"<p>{phases_html(row)}</p>",
    ]
    count = len(result.items)
    if not count:
        parts.append("<p class='meta'>No plan action addresses this recommendation yet.</p>")
    else:
        noun = "plan action addresses" if count == 1 else "plan actions address"
        board = result.board_action_count
        parts.append(f"<p class='meta'>{count} {noun} it; {board} board action{'s' if board != 1 else ''} linked.</p>")
    parts.extend(item_thread_html(item, with_recommendations=False) for item in result.items)
    return "".join(parts)


def action_thread_html(result: ActionThread) -> str:
    action = result.action
    owners = f" – {escape(' / '.join(action.owners))}" if action.owners else ""
    parts = [
        f"<p class='meta'>Board action {escape(action.ref)} · {escape(action.board_name)}</p>",
        f"<h2>{escape(action.text)}{owners}</h2>",
        f"<p><span class='label'>Status:</span> {escape(action.status_label)} · "
        f"<span class='label'>Raised:</span> {escape(action.raised_at)}</p>",
    ]
    recs = result.recommendations
    if recs:
        parts.append("<p class='label'>Serves the recommendations</p><ul>")
        parts.extend(recommendation_line(rec) for rec in recs)
        parts.append("</ul>")
    if not result.items:
        parts.append("<p class='meta'>Not linked to any plan action yet.</p>")
    else:
        parts.append("<p class='label'>Serves the plan actions</p>")
        parts.extend(item_thread_html(item) for item in result.items)
    return "".join(parts)


# -- widgets ------------------------------------------------------------------------------------------------


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


def item_detail(brief: PlanActionBrief) -> str:
    status = brief.progress.label if brief.progress else "not rated"
    return f"{brief.plan_name} · {status}"


def action_detail(action: BoardActionBrief) -> str:
    return f"{action.status_label} · raised {action.raised_at}"


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
