"""An improvement plan: its tree, edited in place, with status over time, links and summaries below.

The tree (key area / workstream > objective > action) shows each entry's ref, text, leads, due
text (with what it was read as), status and impact in the scale's colours, recommendation refs
and linked board actions. Cells are edited in place; entries are added, moved (buttons, keys or
drag and drop), renumbered and deleted from the toolbar. Below, the tabs show the selected
entry in full with its golden thread, an edit form for the long fields, its status history,
its links, the status summary per key area, and what changed since the last meeting.

Every write is a service call through `Operations.run`; the page listens to `changed` and
re-reads the plan when it is named (a few queries), keeping the selection and expansion.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import ScaleKind
from boardapp.gui import style
from boardapp.gui.dialogs.link_picker import LinkPickerDialog
from boardapp.gui.dialogs.plan_scales_dialog import PlanScalesDialog
from boardapp.gui.dialogs.plan_status_dialog import SetStatusDialog
from boardapp.gui.models.plan_tree_model import COLUMN_INDEX, IMPACT_COLUMN, PlanTreeModel
from boardapp.gui.navigator_model import PLAN_NODE_KINDS, NavTarget, NodeKind
from boardapp.gui.operations import Operations
from boardapp.gui.views.golden_thread import GoldenThreadPage
from boardapp.gui.views.kpi_page import KpiPage
from boardapp.gui.views.meeting_html import STYLESHEET
from boardapp.gui.views.plan.commands import PlanCommands
from boardapp.gui.views.plan.export import PlanExport
from boardapp.gui.views.plan.html import node_html, since_html, title_html
from boardapp.gui.views.plan.links_and_status import PlanLinksAndStatus
from boardapp.gui.views.plan.tabs import FormTab, HistoryTab, LinksTab, SinceTab, SummaryTab
from boardapp.gui.views.plan.widgets import COLUMN_WIDTHS, Confirm, ask, make_tree, scrollable
from boardapp.gui.views.recommendations_page import RecommendationsPage
from boardapp.gui.widgets.status_bar import StatusCountBar
from boardapp.services import golden_thread as thread_service
from boardapp.services import plan_status
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound
from boardapp.services.golden_thread import PlanItemThread
from boardapp.services.plans import PlanNode, PlanTree, plan_tree

__all__ = ["COLUMN_WIDTHS", "PlanPage", "PlanPages", "node_html", "since_html"]

DETAIL_TAB, EDIT_TAB, HISTORY_TAB, LINKS_TAB, SUMMARY_TAB, SINCE_TAB = range(6)


class PlanPage(QWidget):
    """The view: header, tree and tabs. What the toolbar does lives in `commands`; the dialogs in
    `links_and_status`; each tab in its own widget (`boardapp.gui.views.plan`)."""

    def __init__(
        self,
        operations: Operations,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planPage")
        self.operations = operations
        self.today = today or dt.date.today
        self.plan_id: int | None = None
        self.tree_data: PlanTree | None = None
        self.edit_versions: dict[int, int] = {}  # versions made by this page's own saves (gui/dialogs/conflict.py)
        self.collapsed: set[int] = set()
        self.confirm: Confirm = lambda title, text: ask(self, title, text)
        self.inform: Callable[[str, str], object] = lambda title, text: QMessageBox.information(self, title, text)
        self.last_changed_by = ""
        self.active_dialog: QWidget | None = None
        self._refresh_pending = False
        self.item_thread: PlanItemThread | None = None  # the selected entry's golden thread

        self.model = PlanTreeModel(self)

        # -- header: title, legend and the whole plan's status bar
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.plan_bar = StatusCountBar(self)
        self.plan_bar.setObjectName("planStatusBar")
        self.plan_bar.setFixedWidth(220)
        self.plan_counts = QLabel(self)
        self.plan_counts.setObjectName("planCounts")
        self.plan_counts.setStyleSheet(f"color:{style.MUTED_TEXT};")
        summary_box = QVBoxLayout()
        summary_box.setSpacing(2)
        summary_box.addWidget(self.plan_bar)
        summary_box.addWidget(self.plan_counts, 0, Qt.AlignmentFlag.AlignRight)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addLayout(summary_box)

        # -- the tree, its toolbar and the controllers behind them
        self.tree = make_tree(self.model, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("planToolbar")
        self.links_and_status = PlanLinksAndStatus(self)
        self.commands = PlanCommands(self)
        self.exporter = PlanExport(  # plan report and evidence pack, public or full (issue 12 point 3)
            self, self.toolbar, operations, lambda: self.plan_id, self.today,
            inform=lambda title, text: self.inform(title, text),
        )  # fmt: skip
        self.model.editor = self.commands.edit_cell
        self.model.mover = self.commands.move_by_drop
        self.tree.customContextMenuRequested.connect(self.commands.context_menu)
        self.tree.doubleClicked.connect(self.commands.double_clicked)
        self.tree.collapsed.connect(lambda index: self._remember_expansion(index, collapsed=True))
        self.tree.expanded.connect(lambda index: self._remember_expansion(index, collapsed=False))

        # -- the tabs below the tree
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("planTabs")
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("planDetail")
        self.detail.document().setDefaultStyleSheet(STYLESHEET)
        self.detail.document().setDocumentMargin(14)
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self.links_and_status.detail_link)
        self.form_tab = FormTab(self)
        self.history_tab = HistoryTab(self)
        self.links_tab = LinksTab(self)
        self.summary_tab = SummaryTab(self)
        self.since_tab = SinceTab(self)
        self.tabs.addTab(self.detail, "Details")
        self.tabs.addTab(scrollable(self.form_tab), "Edit")
        self.tabs.addTab(self.history_tab, "Status history")
        self.tabs.addTab(scrollable(self.links_tab), "Links")
        self.tabs.addTab(self.summary_tab, "Summary")
        self.tabs.addTab(self.since_tab, "Since last meeting")
        self.tabs.currentChanged.connect(lambda _index: self._show_tab())
        # the tabs' widgets, by the names the page has always had
        self.form_kind, self.form_fields = self.form_tab.kind, self.form_tab.fields
        self.history, self.history_model = self.history_tab.table, self.history_tab.model
        self.links, self.links_model = self.links_tab.links, self.links_tab.links_model
        self.rec_links, self.rec_links_model = self.links_tab.rec_links, self.links_tab.rec_links_model
        self.summary, self.summary_model = self.summary_tab.table, self.summary_tab.model
        self.since_date, self.since_view = self.since_tab.since_date, self.since_tab.view

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 7)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([700, 400])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        operations.changed.connect(self._changed)
        self.commands.update_actions()

    # -- showing a plan ---------------------------------------------------------------------------------------
    def show_plan(self, plan_id: int) -> None:
        """Read and show the plan (LookupError if it has gone)."""
        if plan_id != self.plan_id:
            self.collapsed.clear()
        self.set_tree(self.operations.read(plan_tree, plan_id))

    def set_tree(self, tree: PlanTree, *, select_id: int | None = None) -> None:
        previous = self.current_node()
        same_plan = self.tree_data is not None and self.tree_data.id == tree.id
        self.plan_id = tree.id
        self.tree_data = tree
        reset = self.model.set_tree(tree)
        self.title.setText(title_html(tree))
        self.tree.setColumnHidden(COLUMN_INDEX["ref"], not tree.uses_refs)
        self.tree.setColumnHidden(IMPACT_COLUMN, not tree.impact_scale and not any(n.impact for n in tree.walk()))
        self.commands.impact_action.setVisible(bool(tree.impact_scale))
        self.history_tab.impact_button.setVisible(bool(tree.impact_scale))
        self.summary_tab.kind.setVisible(bool(tree.impact_scale))
        if reset:
            self.tree.expandAll()
            for node_id in self.collapsed:
                index = self.model.index_of(node_id)
                if index.isValid():
                    self.tree.collapse(index)
            wanted = select_id or (previous.id if previous and same_plan else None)
            index = self.model.index_of(wanted) if wanted else QModelIndex()
            if not index.isValid():
                index = self.model.index(0, 0)
            if index.isValid():
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
            else:
                self._show_node(None)
        elif select_id:
            self.select_node(select_id)
        else:
            self._show_node(self.current_node())
        self._show_plan_summary()
        self._show_tab()

    def refresh(self) -> None:
        self._refresh_pending = False
        if self.plan_id is None:
            return
        try:
            tree = self.operations.read(plan_tree, self.plan_id)
        except LookupError:
            self.plan_id = None
            self.tree_data = None
            self.model.set_tree(None)
            self.title.setText("<b>This plan has been deleted.</b>")
            return
        self.set_tree(tree)

    def _changed(self, changes: Changes) -> None:
        if self.plan_id is None or not self.isVisible():
            return  # a hidden page is read afresh when it is shown again (`show_plan`)
        if (self.plan_id in changes.plans or changes.actions or changes.meetings) and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_if_pending)

    def _refresh_if_pending(self) -> None:
        if self._refresh_pending:
            self.refresh()

    def _remember_expansion(self, index: QModelIndex, *, collapsed: bool) -> None:
        node = self.model.node(index)
        if node is not None:
            (self.collapsed.add if collapsed else self.collapsed.discard)(node.id)

    # -- selection -------------------------------------------------------------------------------------------
    def current_node(self) -> PlanNode | None:
        return self.model.node(self.tree.currentIndex())

    def select_node(self, node_id: int) -> bool:
        index = self.model.index_of(node_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def select(self, index: QModelIndex) -> None:
        self.tree.setCurrentIndex(index)

    def show_item(self, node_id: int | None) -> bool:
        """The item selected (when given), the focus on the plan's tree: a search result opened here."""
        found = node_id is not None and self.select_node(node_id)
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
        return found

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_node(self.current_node())

    def _show_node(self, node: PlanNode | None) -> None:
        self.item_thread = None
        if node is not None:
            try:
                self.item_thread = self.operations.read(thread_service.plan_item_thread, node.id)
            except NotFound:  # deleted meanwhile: the refresh that follows shows it gone
                self.item_thread = None
        thread = self.item_thread
        self.commands.update_actions()
        self._show_detail(node)
        self.form_tab.fill(node)
        self.history_tab.show_history(thread.history if thread else ())
        self.links_tab.show_links(
            list(thread.board_actions) if thread else [], list(thread.recommendations) if thread else []
        )

    def _show_tab(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == SUMMARY_TAB:
            self.summary_tab.show_summary()
        elif tab == SINCE_TAB:
            self.since_tab.show_since()

    def _show_detail(self, node: PlanNode | None) -> None:
        if node is None:
            self.detail.setHtml(
                "<p class='meta'>Select an entry to see it in full: outcomes, leads, recommendations.</p>"
            )
            return
        self.detail.setHtml(node_html(node, self.item_thread))

    def _show_plan_summary(self) -> None:
        if self.tree_data is None:
            return
        summary = plan_status.summarise(self.tree_data, ScaleKind.PROGRESS)
        has_scale = bool(self.tree_data.progress_scale)
        self.plan_bar.set_counts(summary.whole.counts)
        self.plan_bar.setVisible(has_scale)
        self.plan_counts.setText(summary.whole.describe() if has_scale else "No status scale: Scales… to choose one")

    # -- what the toolbar and the tabs do, by the names tests and other pages call ------------------------------
    def add_sibling(self) -> int | None:
        return self.commands.add_sibling()

    def move_item(self, offset: int) -> bool:
        return self.commands.move_item(offset)

    def indent(self) -> bool:
        return self.commands.indent()

    def outdent(self) -> bool:
        return self.commands.outdent()

    def renumber(self) -> int:
        return self.commands.renumber()

    def delete(self) -> bool:
        return self.commands.delete()

    def open_status_dialog(self, kind: ScaleKind = ScaleKind.PROGRESS) -> SetStatusDialog | None:
        return self.links_and_status.open_status_dialog(kind)

    def open_scales_dialog(self) -> PlanScalesDialog | None:
        return self.links_and_status.open_scales_dialog()

    def open_link_board_action(self) -> LinkPickerDialog | None:
        return self.links_and_status.open_link_board_action()

    def unlink_board_action(self) -> bool:
        return self.links_and_status.unlink_board_action()


class PlanPages:
    """The pages of a plan (the plan itself, its recommendations, KPIs and golden thread), for the main window.

    The main window adds `pages()` to its page stack and asks `show(target)` for the page of a navigator row.
    """

    def __init__(self, operations: Operations, stack: QStackedWidget, *, today: Callable[[], dt.date]) -> None:
        self.plan_page = PlanPage(operations, stack, today=today)
        self.recommendations_page = RecommendationsPage(operations, stack, today=today)
        self.kpi_page = KpiPage(operations, stack, today=today)
        self.golden_thread_page = GoldenThreadPage(operations, stack)

    def pages(self) -> tuple[QWidget, ...]:
        return (self.plan_page, self.recommendations_page, self.kpi_page, self.golden_thread_page)

    def show(self, target: NavTarget) -> QWidget | None:
        """Fill and return the page for a plan's navigator row; None for any other row."""
        if target.kind not in PLAN_NODE_KINDS or target.id is None:
            return None
        name = target.label
        if target.kind is NodeKind.PLAN:
            self.plan_page.show_plan(target.id)
            return self.plan_page
        if target.kind is NodeKind.RECOMMENDATIONS:
            self.recommendations_page.show_plan(target.id, name)
            return self.recommendations_page
        if target.kind is NodeKind.KPIS:
            self.kpi_page.show_plan(target.id, name)
            return self.kpi_page
        self.golden_thread_page.show_plan(target.id, name, target.board_id)
        return self.golden_thread_page
