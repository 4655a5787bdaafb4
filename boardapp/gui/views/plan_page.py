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
from html import escape

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.dates import long_date, padded_long_date, short_date
from boardapp.core.enums import PlanDueKind, PlanItemKind, ScaleKind
from boardapp.gui import style
from boardapp.gui.dialogs.link_picker import LinkPickerDialog, PickRow
from boardapp.gui.dialogs.plan_scales_dialog import PlanScalesDialog
from boardapp.gui.dialogs.plan_status_dialog import SetStatusDialog, from_qdate, to_qdate
from boardapp.gui.models.plan_columns import (
    BOARD_ACTION_COLUMNS,
    RECOMMENDATION_LINK_COLUMNS,
    SUMMARY_BAR_COLUMN,
    SUMMARY_COLUMNS,
    TIMELINE_COLUMNS,
)
from boardapp.gui.models.plan_rows_model import RowsTableModel
from boardapp.gui.models.plan_tree_model import (
    COLUMN_INDEX,
    DUE_COLUMN,
    DUE_DATE_COLUMN,
    IMPACT_COLUMN,
    STATUS_COLUMN,
    TEXT_COLUMN,
    PlanTreeModel,
)
from boardapp.gui.navigator_model import PLAN_NODE_KINDS, NavTarget, NodeKind
from boardapp.gui.operations import Operations
from boardapp.gui.views.golden_thread import (
    GoldenThreadDialog,
    GoldenThreadPage,
    ThreadKind,
    ThreadTarget,
    action_detail,
    history_html,
    parse_link,
)
from boardapp.gui.views.kpi_page import KpiPage
from boardapp.gui.views.meeting_html import STYLESHEET, badge
from boardapp.gui.views.recommendations_page import RecommendationsPage
from boardapp.gui.widgets.status_bar import StatusBarDelegate, StatusCountBar
from boardapp.services import golden_thread as thread_service
from boardapp.services import plan_editing, plan_status
from boardapp.services import recommendations as rec_service
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound
from boardapp.services.golden_thread import BoardActionBrief, PlanItemThread, RecommendationBrief
from boardapp.services.plan_status import ChangesSince, StatusChangeRow
from boardapp.services.plans import PlanNode, PlanTree, plan_tree

COLUMN_WIDTHS = {
    "ref": 50,
    "text": 0,
    "lead": 140,
    "due": 122,
    "due_date": 92,
    "progress": 66,
    "recs": 56,
    "board_actions": 90,
    "impact": 74,
}
"""0: the action text takes what is left."""

NEW_ENTRY_TEXT = "New entry"
Confirm = Callable[[str, str], bool]


class _MultiLineDelegate(QStyledItemDelegate):
    """The action text is edited in a box of several lines: Enter stores it, Shift+Enter starts a new line."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        if index.column() != TEXT_COLUMN:
            return super().createEditor(parent, option, index)
        editor = QPlainTextEdit(parent)
        editor.setObjectName("planTextEditor")
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            rect = rect.adjusted(0, 0, 0, editor.fontMetrics().lineSpacing() * 4)
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            (
                isinstance(watched, QPlainTextEdit)
                and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
            )
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QStyledItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)


class _FieldText(QPlainTextEdit):
    """A long field of the edit form: stored when the focus leaves it."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def _scrollable(widget: QWidget) -> QScrollArea:
    """A tab whose content may need more room than the window gives: it scrolls instead of growing the window."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def _ask(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class PlanPage(QWidget):
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
        self.collapsed: set[int] = set()
        self.confirm: Confirm = lambda title, text: _ask(self, title, text)
        self.inform: Callable[[str, str], object] = lambda title, text: QMessageBox.information(self, title, text)
        self.last_changed_by = ""
        self.active_dialog: QWidget | None = None
        self._refresh_pending = False
        self._thread: PlanItemThread | None = None

        self.model = PlanTreeModel(self)
        self.model.editor = self._edit_cell
        self.model.mover = self._move_by_drop

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

        # -- the tree
        self.tree = QTreeView(self)
        self.tree.setObjectName("planTree")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(16)
        self.tree.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.tree.setItemDelegate(_MultiLineDelegate(self.tree))
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.collapsed.connect(lambda index: self._remember_expansion(index, collapsed=True))
        self.tree.expanded.connect(lambda index: self._remember_expansion(index, collapsed=False))
        tree_header = self.tree.header()
        tree_header.setStretchLastSection(False)
        for key, column in COLUMN_INDEX.items():
            width = COLUMN_WIDTHS[key]
            if width:
                tree_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                tree_header.resizeSection(column, width)
            else:
                tree_header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        tree_header.moveSection(IMPACT_COLUMN, STATUS_COLUMN + 1)  # impact reads beside progress
        tree_header.moveSection(DUE_DATE_COLUMN, DUE_COLUMN + 1)  # what the due text was read as, beside it
        self.tree.setTreePosition(TEXT_COLUMN)  # refs stay in a straight column; the text is indented

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("planToolbar")
        self._build_actions()

        # -- the tabs below the tree
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("planTabs")
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("planDetail")
        self.detail.document().setDefaultStyleSheet(STYLESHEET)
        self.detail.document().setDocumentMargin(14)
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._detail_link)
        self.tabs.addTab(self.detail, "Details")
        self.tabs.addTab(_scrollable(self._build_form()), "Edit")
        self.tabs.addTab(self._build_history(), "Status history")
        self.tabs.addTab(_scrollable(self._build_links()), "Links")
        self.tabs.addTab(self._build_summary(), "Summary")
        self.tabs.addTab(self._build_since(), "Since last meeting")
        self.tabs.currentChanged.connect(lambda _index: self._show_tab())

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
        self._update_actions()

    # -- building --------------------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        tip: str = "",
        *,
        tree_only: bool = False,
    ) -> QAction:
        """A toolbar action; `tree_only` shortcuts (Delete, Insert, Alt+arrows) act only where the tree has focus."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(
                Qt.ShortcutContext.WidgetShortcut if tree_only else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        if tip:
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip
            )
        action.triggered.connect(lambda _checked=False: slot())
        (self.tree if tree_only else self).addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_sibling_action = self._action(
            "New entry", self.add_sibling, "Insert", "Add an entry below the one chosen", tree_only=True
        )
        self.add_child_action = self._action(
            "New sub-entry", self.add_child, "Ctrl+Insert", "Add an entry under the one chosen", tree_only=True
        )
        self.move_up_action = self._action("Up", lambda: self.move_item(-1), "Alt+Up", "Move up", tree_only=True)
        self.move_down_action = self._action(
            "Down", lambda: self.move_item(+1), "Alt+Down", "Move down", tree_only=True
        )
        self.indent_action = self._action(
            "Indent", self.indent, "Alt+Right", "Put under the entry above", tree_only=True
        )
        self.outdent_action = self._action(
            "Outdent", self.outdent, "Alt+Left", "Take out to the level above", tree_only=True
        )
        self.renumber_action = self._action("Renumber…", self.renumber, tip="Give every entry the ref its place says")
        self.delete_action = self._action(
            "Delete…",
            self.delete,
            QKeySequence.StandardKey.Delete,
            "Delete the entry and everything under it",
            tree_only=True,
        )
        self.status_action = self._action(
            "Set status…",
            lambda: self.open_status_dialog(ScaleKind.PROGRESS),
            "Ctrl+Shift+S",
            "Rate the entry, with the reason and the meeting",
        )
        self.impact_action = self._action(
            "Rate impact…", lambda: self.open_status_dialog(ScaleKind.IMPACT), tip="Rate the evidence of impact"
        )
        self.link_action_action = self._action(
            "Link board action…", self.open_link_board_action, "Ctrl+L", "Link a board action that serves this entry"
        )
        self.scales_action = self._action("Scales…", self.open_scales_dialog, tip="The plan's status scales")
        for action in (self.add_sibling_action, self.add_child_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
            self.renumber_action,
            self.delete_action,
        ):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.status_action, self.impact_action, self.link_action_action, self.scales_action):
            self.toolbar.addAction(action)

    def _build_form(self) -> QWidget:
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_kind = QComboBox(form_widget)
        self.form_kind.setObjectName("formKind")
        for kind, label in (
            (PlanItemKind.KEY_AREA, "Key area"),
            (PlanItemKind.WORKSTREAM, "Workstream"),
            (PlanItemKind.OBJECTIVE, "Objective"),
            (PlanItemKind.ACTION, "Action"),
        ):
            self.form_kind.addItem(label, kind)
        self.form_kind.activated.connect(lambda _i: self._save_field("kind", self.form_kind.currentData()))
        self.form_fields: dict[str, QLineEdit | _FieldText] = {}
        rows = (
            ("text", "&Text", True),
            ("description", "&Description", True),
            ("outcomes", "&Outcomes / measures of success", True),
            ("evidence_of_impact", "&Evidence of impact", True),
            ("oversight_group", "O&verseen by", False),
            ("kpi_refs_text", "&KPI refs", False),
        )
        form.addRow("Kind", self.form_kind)
        for field, label, long in rows:
            widget: QLineEdit | _FieldText
            if long:
                widget = _FieldText(form_widget)
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * (3 if field != "outcomes" else 4) + 12)
                widget.editing_finished.connect(lambda f=field: self._save_form_field(f))
            else:
                widget = QLineEdit(form_widget)
                widget.editingFinished.connect(lambda f=field: self._save_form_field(f))
            widget.setObjectName(f"form_{field}")
            self.form_fields[field] = widget
            form.addRow(label, widget)
        self.form_fields["outcomes"].setPlaceholderText("One per line")
        self.form_fields["description"].setPlaceholderText("A key area's narrative, as the plan introduces it")
        hint = QLabel(
            "Ref, lead and due are edited in the tree (double-click a cell). Fields are saved as you leave them.",
            form_widget,
        )
        hint.setStyleSheet(f"color:{style.MUTED_TEXT};")
        hint.setWordWrap(True)
        form.addRow("", hint)
        return form_widget

    def _build_history(self) -> QWidget:
        widget = QWidget(self)
        self.history_model: RowsTableModel[StatusChangeRow] = RowsTableModel(TIMELINE_COLUMNS, self)
        self.history = self._table(self.history_model, "planHistory", stretch=4)
        set_button = QPushButton("Set status…", widget)
        set_button.clicked.connect(lambda: self.open_status_dialog(ScaleKind.PROGRESS))
        self.history_impact_button = QPushButton("Rate impact…", widget)
        self.history_impact_button.clicked.connect(lambda: self.open_status_dialog(ScaleKind.IMPACT))
        self.history_delete_button = QPushButton("Delete entry…", widget)
        self.history_delete_button.setToolTip("Remove a rating entered by mistake")
        self.history_delete_button.clicked.connect(self.delete_status_change)
        self.history_note = QLabel(widget)
        self.history_note.setStyleSheet(f"color:{style.MUTED_TEXT};")
        buttons = QHBoxLayout()
        buttons.addWidget(set_button)
        buttons.addWidget(self.history_impact_button)
        buttons.addWidget(self.history_delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.history_note)
        layout = QVBoxLayout(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.history, 1)
        return widget

    def _build_links(self) -> QWidget:
        widget = QWidget(self)
        self.links_model: RowsTableModel[BoardActionBrief] = RowsTableModel(BOARD_ACTION_COLUMNS, self)
        self.links = self._table(self.links_model, "planLinks", stretch=1)
        self.links.doubleClicked.connect(lambda _i: self.show_thread_of_link())
        self.rec_links_model: RecommendationLinks = RowsTableModel(RECOMMENDATION_LINK_COLUMNS, self)
        self.rec_links = self._table(self.rec_links_model, "planRecommendationLinks", stretch=1)
        actions_box = QGroupBox("Board actions serving this entry", widget)
        link_button = QPushButton("Link board action…", actions_box)
        link_button.clicked.connect(self.open_link_board_action)
        unlink_button = QPushButton("Unlink", actions_box)
        unlink_button.clicked.connect(self.unlink_board_action)
        thread_button = QPushButton("Golden thread…", actions_box)
        thread_button.setToolTip("The chosen board action (or this entry) with everything it is linked to")
        thread_button.clicked.connect(self.show_thread_of_link)
        bar = QHBoxLayout()
        for button in (link_button, unlink_button, thread_button):
            bar.addWidget(button)
        bar.addStretch(1)
        box_layout = QVBoxLayout(actions_box)
        box_layout.addLayout(bar)
        box_layout.addWidget(self.links, 1)
        recs_box = QGroupBox("Recommendations it addresses", widget)
        link_rec = QPushButton("Link recommendation…", recs_box)
        link_rec.clicked.connect(self.open_link_recommendation)
        unlink_rec = QPushButton("Unlink", recs_box)
        unlink_rec.clicked.connect(self.unlink_recommendation)
        rec_bar = QHBoxLayout()
        rec_bar.addWidget(link_rec)
        rec_bar.addWidget(unlink_rec)
        rec_bar.addStretch(1)
        rec_layout = QVBoxLayout(recs_box)
        rec_layout.addLayout(rec_bar)
        rec_layout.addWidget(self.rec_links, 1)
        layout = QHBoxLayout(widget)
        layout.addWidget(actions_box, 3)
        layout.addWidget(recs_box, 2)
        return widget

    def _build_summary(self) -> QWidget:
        widget = QWidget(self)
        self.summary_kind = QComboBox(widget)
        self.summary_kind.setObjectName("summaryKind")
        self.summary_kind.addItem("Progress", ScaleKind.PROGRESS)
        self.summary_kind.addItem("Evidence of impact", ScaleKind.IMPACT)
        self.summary_kind.currentIndexChanged.connect(lambda _i: self._show_summary())
        self.summary_model: RowsTableModel[plan_status.AreaSummary] = RowsTableModel(SUMMARY_COLUMNS, self)
        self.summary = self._table(self.summary_model, "planSummary", stretch=0, sortable=False)
        self.summary.setItemDelegateForColumn(SUMMARY_BAR_COLUMN, StatusBarDelegate(self.summary))
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 64)
        header.resizeSection(SUMMARY_BAR_COLUMN, 220)
        header.resizeSection(3, 300)
        self.summary_legend = QLabel(widget)
        self.summary_legend.setTextFormat(Qt.TextFormat.RichText)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Rating:", widget))
        bar.addWidget(self.summary_kind)
        bar.addSpacing(12)
        bar.addWidget(self.summary_legend, 1)
        layout = QVBoxLayout(widget)
        layout.addLayout(bar)
        layout.addWidget(self.summary, 1)
        return widget

    def _build_since(self) -> QWidget:
        widget = QWidget(self)
        self.since_meeting = QRadioButton("Since the last meeting", widget)
        self.since_meeting.setObjectName("sinceMeeting")
        self.since_meeting.setChecked(True)
        self.since_date_choice = QRadioButton("Since", widget)
        self.since_date = QDateEdit(widget)
        self.since_date.setObjectName("sinceDate")
        self.since_date.setCalendarPopup(True)
        self.since_date.setDisplayFormat("d MMMM yyyy")
        self.since_date.dateChanged.connect(self._since_date_changed)
        self.since_meeting.toggled.connect(lambda _on: self._show_since())
        self.since_view = QTextBrowser(widget)
        self.since_view.setObjectName("sinceView")
        self.since_view.document().setDefaultStyleSheet(STYLESHEET)
        self.since_view.setOpenLinks(False)
        self.since_view.anchorClicked.connect(self._detail_link)
        bar = QHBoxLayout()
        bar.addWidget(self.since_meeting)
        bar.addWidget(self.since_date_choice)
        bar.addWidget(self.since_date)
        bar.addStretch(1)
        layout = QVBoxLayout(widget)
        layout.addLayout(bar)
        layout.addWidget(self.since_view, 1)
        return widget

    def _table(self, model: RowsTableModel, name: str, *, stretch: int, sortable: bool = True) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.setSortingEnabled(sortable)
        if sortable:
            table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if model.columnCount():
            header.setSectionResizeMode(min(stretch, model.columnCount() - 1), QHeaderView.ResizeMode.Stretch)
        return table

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
        self.title.setText(_title_html(tree))
        self.tree.setColumnHidden(COLUMN_INDEX["ref"], not tree.uses_refs)
        self.tree.setColumnHidden(IMPACT_COLUMN, not tree.impact_scale and not any(n.impact for n in tree.walk()))
        self.impact_action.setVisible(bool(tree.impact_scale))
        self.history_impact_button.setVisible(bool(tree.impact_scale))
        self.summary_kind.setVisible(bool(tree.impact_scale))
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

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_node(self.current_node())

    def _show_node(self, node: PlanNode | None) -> None:
        self._thread = None
        if node is not None:
            try:
                self._thread = self.operations.read(thread_service.plan_item_thread, node.id)
            except NotFound:  # deleted meanwhile: the refresh that follows shows it gone
                self._thread = None
        self._update_actions()
        self._show_detail(node)
        self._fill_form(node)
        self._show_history()
        self._show_links()

    def _update_actions(self) -> None:
        node = self.current_node()
        has = node is not None
        for action in (
            self.add_child_action,
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
            self.delete_action,
            self.link_action_action,
        ):
            action.setEnabled(has)
        tree = self.tree_data
        self.status_action.setEnabled(has)
        self.impact_action.setEnabled(has and bool(tree and tree.impact_scale))
        self.add_sibling_action.setEnabled(tree is not None)
        self.renumber_action.setEnabled(tree is not None)
        self.scales_action.setEnabled(tree is not None)

    def _show_tab(self) -> None:
        tab = self.tabs.currentIndex()
        if tab == 4:
            self._show_summary()
        elif tab == 5:
            self._show_since()

    def _show_detail(self, node: PlanNode | None) -> None:
        if node is None:
            self.detail.setHtml(
                "<p class='meta'>Select an entry to see it in full: outcomes, leads, recommendations.</p>"
            )
            return
        self.detail.setHtml(node_html(node, self._thread))

    def _fill_form(self, node: PlanNode | None) -> None:
        enabled = node is not None
        self.form_kind.setEnabled(enabled)
        if node is not None:
            self.form_kind.setCurrentIndex(max(self.form_kind.findData(node.kind), 0))
        values = {
            "text": node.text if node else "",
            "description": node.description if node else "",
            "outcomes": node.outcomes if node else "",
            "evidence_of_impact": node.evidence_of_impact if node else "",
            "oversight_group": node.oversight_group if node else "",
            "kpi_refs_text": node.kpi_refs_text if node else "",
        }
        for field, widget in self.form_fields.items():
            widget.setEnabled(enabled)
            if widget.hasFocus() and widget.property("node_id") == (node.id if node else None):
                continue  # the user is typing in it: keep what they typed
            widget.setProperty("node_id", node.id if node else None)
            if isinstance(widget, QLineEdit):
                widget.setText(values[field])
            else:
                widget.setPlainText(values[field])

    def _show_history(self) -> None:
        history = self._thread.history if self._thread else ()
        self.history_model.set_rows(list(history))
        self.history_delete_button.setEnabled(bool(history))
        self.history_note.setText(f"{len(history)} recorded" if history else "No status recorded yet")

    def _show_links(self) -> None:
        self.links_model.set_rows(list(self._thread.board_actions) if self._thread else [])
        self.rec_links_model.set_rows(list(self._thread.recommendations) if self._thread else [])

    def _show_plan_summary(self) -> None:
        if self.tree_data is None:
            return
        summary = plan_status.summarise(self.tree_data, ScaleKind.PROGRESS)
        has_scale = bool(self.tree_data.progress_scale)
        self.plan_bar.set_counts(summary.whole.counts)
        self.plan_bar.setVisible(has_scale)
        self.plan_counts.setText(summary.whole.describe() if has_scale else "No status scale: Scales… to choose one")

    def _show_summary(self) -> None:
        if self.tree_data is None:
            return
        kind = ScaleKind(self.summary_kind.currentData() or ScaleKind.PROGRESS)
        summary = plan_status.summarise(self.tree_data, kind)
        self.summary_model.set_rows([summary.whole, *summary.areas])
        self.summary_legend.setText(
            " ".join(badge(level.label, level.colour) for level in summary.scale) + f" {badge('Not rated', '#D9D9D9')}"
        )

    def _since_date_changed(self) -> None:
        """Choosing a date means "since this date": tick its choice, then show the changes."""
        self.since_date_choice.setChecked(True)
        self._show_since()

    def _show_since(self) -> None:
        if self.plan_id is None:
            return
        since = None if self.since_meeting.isChecked() else from_qdate(self.since_date.date())
        result = self.operations.read(plan_status.changes_since, self.plan_id, today=self.today(), since=since)
        if since is None:
            self.since_date.blockSignals(True)
            self.since_date.setDate(to_qdate(result.since))
            self.since_date.blockSignals(False)
        self.since_view.setHtml(since_html(result))

    # -- editing in the tree ---------------------------------------------------------------------------------
    def _edit_cell(self, node_id: int, field: str, text: str) -> bool:
        if field == "recommendations":
            result = self.operations.run(rec_service.set_item_recommendations, node_id, text, parent=self)
        else:
            result = self.operations.run(plan_editing.update_item, node_id, parent=self, **{field: text})
        return result is not None

    def _save_field(self, field: str, value: object) -> None:
        node = self.current_node()
        if node is not None:
            self.operations.run(plan_editing.update_item, node.id, parent=self, **{field: value})

    def _save_form_field(self, field: str) -> None:
        widget = self.form_fields[field]
        node_id = widget.property("node_id")
        if node_id is None or self.tree_data is None:
            return
        node = self.tree_data.find(node_id)
        if node is None:
            return
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if text.strip() == str(getattr(node, field)).strip():
            return
        self.operations.run(plan_editing.update_item, node_id, parent=self, **{field: text})

    def _move_by_drop(self, item_id: int, parent_id: int | None, row: int | None) -> bool:
        moved = self.operations.run(plan_editing.move_item_to, item_id, parent_id, row, parent=self) is not None
        if moved:
            self._select_after_refresh(item_id)
        return moved

    def _select_after_refresh(self, item_id: int) -> None:
        QTimer.singleShot(0, lambda: self.select_node(item_id))

    # -- toolbar operations ----------------------------------------------------------------------------------
    def add_sibling(self) -> int | None:
        node = self.current_node()
        if self.plan_id is None:
            return None
        kwargs = {"after_id": node.id} if node else {}
        return self._add(**kwargs)

    def add_child(self) -> int | None:
        node = self.current_node()
        if node is None:
            return None
        return self._add(parent_id=node.id)

    def _add(self, **where: int) -> int | None:
        if self.plan_id is None:
            return None
        new_id = self.operations.run(plan_editing.add_item, self.plan_id, text=NEW_ENTRY_TEXT, parent=self, **where)
        if new_id is None:
            return None
        self.refresh()
        if "parent_id" in where:
            self.collapsed.discard(where["parent_id"])
            self.tree.expand(self.model.index_of(where["parent_id"]))
        self.select_node(new_id)
        self.tree.edit(self.model.index_of(new_id, TEXT_COLUMN))
        return new_id

    def _run_on_current(self, service: Callable[..., object], *args: object) -> bool:
        node = self.current_node()
        if node is None:
            return False
        done = self.operations.run(service, node.id, *args, parent=self) is not None
        if done:
            self.refresh()
            self.select_node(node.id)
        return done

    def move_item(self, offset: int) -> bool:
        return self._run_on_current(plan_editing.move_item, offset)

    def indent(self) -> bool:
        done = self._run_on_current(plan_editing.indent_item)
        if done:
            parent = self.model.parent(self.tree.currentIndex())
            if parent.isValid():
                self.tree.expand(parent)
        return done

    def outdent(self) -> bool:
        return self._run_on_current(plan_editing.outdent_item)

    def renumber(self) -> int:
        if self.plan_id is None or self.tree_data is None:
            return 0
        planned = self.operations.read(plan_editing.renumber_preview, self.plan_id)
        if not planned:
            self.inform("Renumber", "Every ref already follows the order of the plan.")
            return 0
        if not self.tree_data.uses_refs:
            question = (
                f"This plan has no refs. Number all {len(planned)} entries from their places in the plan "
                "(1, 1.1, 1.1.1…)?"
            )
        else:
            sample = "\n".join(f"{c.old or '(none)'} → {c.new}  {c.text[:50]}" for c in planned[:8])
            more = f"\n… and {len(planned) - 8} more" if len(planned) > 8 else ""
            question = f"{len(planned)} refs will change to follow the order of the plan:\n\n{sample}{more}"
        if not self.confirm("Renumber the plan", question):
            return 0
        result = self.operations.run(plan_editing.renumber_plan, self.plan_id, parent=self)
        self.refresh()
        return result or 0

    def delete(self) -> bool:
        node = self.current_node()
        if node is None:
            return False
        impact = self.operations.read(plan_editing.delete_impact, node.id)
        if not self.confirm("Delete plan entry", impact.describe()):
            return False
        siblings_above = self.tree.indexAbove(self.tree.currentIndex())
        neighbour = self.model.node(siblings_above)
        done = self.operations.run(plan_editing.delete_item, node.id, parent=self) is not None
        if done:
            self.refresh()
            if neighbour is not None:
                self.select_node(neighbour.id)
        return done

    # -- status ----------------------------------------------------------------------------------------------
    def open_status_dialog(self, kind: ScaleKind = ScaleKind.PROGRESS) -> SetStatusDialog | None:
        """Open the Set status dialog for the chosen entry; the status is recorded when it is accepted."""
        node = self.current_node()
        tree = self.tree_data
        if node is None or tree is None or self.plan_id is None:
            return None
        if not tree.scale(kind):
            what = "progress" if kind is ScaleKind.PROGRESS else "impact"
            self.inform("No status scale", f"This plan has no {what} scale yet. Choose one first (Scales…).")
            return None
        scales = {ScaleKind.PROGRESS: tree.progress_scale, ScaleKind.IMPACT: tree.impact_scale}
        meetings = self.operations.read(plan_status.board_meetings, self.plan_id)
        dialog = SetStatusDialog(
            f"{node.ref} {node.text.splitlines()[0] if node.text else ''}".strip(),
            scales,
            meetings,
            today=self.today(),
            kind=kind,
            current={ScaleKind.PROGRESS: node.progress, ScaleKind.IMPACT: node.impact},
            changed_by=self.last_changed_by,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._apply_status(node.id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _apply_status(self, item_id: int, dialog: SetStatusDialog) -> None:
        values = dialog.values()
        self.last_changed_by = values.changed_by
        self.operations.run(
            plan_status.set_status,
            item_id,
            values.level_id,
            changed_on=values.changed_on,
            scale_kind=values.scale_kind,
            changed_by=values.changed_by,
            reason=values.reason,
            meeting_id=values.meeting_id,
            parent=self,
        )
        self.refresh()

    def delete_status_change(self) -> bool:
        index = self.history.currentIndex()
        if not index.isValid():
            self.inform("Delete status", "Choose the status entry to delete in the list first.")
            return False
        change = self.history_model.row_at(index.row())
        text = (
            f"Delete the rating {change.level.label} from {padded_long_date(change.changed_on)}? The entry's current "
            "status becomes the latest one left."
        )
        if not self.confirm("Delete status entry", text):
            return False
        done = self.operations.run(plan_status.delete_status_change, change.id, parent=self) is not None
        self.refresh()
        return done

    def open_scales_dialog(self) -> PlanScalesDialog | None:
        if self.tree_data is None or self.plan_id is None:
            return None
        scales = self.operations.read(plan_status.list_scales)
        progress = self.tree_data.progress_scale[0].scale_id if self.tree_data.progress_scale else None
        impact = self.tree_data.impact_scale[0].scale_id if self.tree_data.impact_scale else None
        dialog = PlanScalesDialog(scales, progress, impact, self)
        plan_id = self.plan_id
        dialog.accepted.connect(lambda: self._apply_scales(plan_id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _apply_scales(self, plan_id: int, dialog: PlanScalesDialog) -> None:
        for kind in (ScaleKind.PROGRESS, ScaleKind.IMPACT):
            choice = dialog.choice(kind)
            self.operations.run(
                plan_status.choose_plan_scale,
                plan_id,
                kind,
                scale_id=choice.scale_id,
                preset=choice.preset,
                parent=self,
            )
        self.refresh()

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.column() == STATUS_COLUMN:
            self.open_status_dialog(ScaleKind.PROGRESS)
        elif index.column() == IMPACT_COLUMN:
            self.open_status_dialog(ScaleKind.IMPACT)
        elif index.column() == COLUMN_INDEX["board_actions"]:
            self.tabs.setCurrentIndex(3)

    # -- links -----------------------------------------------------------------------------------------------
    def open_link_board_action(self) -> LinkPickerDialog | None:
        node = self.current_node()
        if node is None or self.tree_data is None:
            return None
        board_id = self.tree_data.board_id
        linked = {a.id for a in self._thread.board_actions} if self._thread else set()

        def search(query: str) -> list[PickRow]:
            found = self.operations.read(thread_service.search_board_actions, query, board_id=board_id)
            return [PickRow(a.id, a.ref, a.text, action_detail(a)) for a in found]

        dialog = LinkPickerDialog(
            "Link a board action",
            "Find a board action by ref or words…",
            search,
            linked_ids=linked,
            with_note=True,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._link_board_action(node.id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _link_board_action(self, item_id: int, dialog: LinkPickerDialog) -> None:
        chosen = dialog.chosen()
        if chosen is not None:
            self.operations.run(thread_service.link_action, chosen.id, item_id, dialog.note.text(), parent=self)
            self.refresh()

    def unlink_board_action(self) -> bool:
        node = self.current_node()
        index = self.links.currentIndex()
        if node is None or not index.isValid():
            return False
        action = self.links_model.row_at(index.row())
        done = self.operations.run(thread_service.unlink_action, action.id, node.id, parent=self) is not None
        self.refresh()
        return done

    def open_link_recommendation(self) -> LinkPickerDialog | None:
        node = self.current_node()
        if node is None or self.plan_id is None:
            return None
        plan_id = self.plan_id
        linked = {r.id for r in self._thread.recommendations} if self._thread else set()

        def search(query: str) -> list[PickRow]:
            found = self.operations.read(thread_service.search_recommendations, query, plan_id=plan_id)
            if not found:  # a plan with no recommendations of its own may still address any review's
                found = self.operations.read(thread_service.search_recommendations, query)
            return [PickRow(r.id, r.ref, r.text, r.source_title) for r in found]

        dialog = LinkPickerDialog(
            "Link a recommendation", "Find a recommendation by ref or words…", search, linked_ids=linked, parent=self
        )
        dialog.accepted.connect(lambda: self._link_recommendation(node.id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _link_recommendation(self, item_id: int, dialog: LinkPickerDialog) -> None:
        chosen = dialog.chosen()
        if chosen is not None:
            self.operations.run(rec_service.link_recommendation, item_id, chosen.id, parent=self)
            self.refresh()

    def unlink_recommendation(self) -> bool:
        node = self.current_node()
        index = self.rec_links.currentIndex()
        if node is None or not index.isValid():
            return False
        rec = self.rec_links_model.row_at(index.row())
        done = self.operations.run(rec_service.unlink_recommendation, node.id, rec.id, parent=self) is not None
        self.refresh()
        return done

    def show_thread_of_link(self) -> GoldenThreadDialog | None:
        index = self.links.currentIndex()
        node = self.current_node()
        if index.isValid():
            target = ThreadTarget(ThreadKind.ACTION, self.links_model.row_at(index.row()).id)
        elif node is not None:
            target = ThreadTarget(ThreadKind.ITEM, node.id)
        else:
            return None
        dialog = GoldenThreadDialog(self.operations, target, self)
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _detail_link(self, url: QUrl) -> None:
        target = parse_link(url)
        if target is None:
            return
        if target.kind is ThreadKind.ITEM and self.select_node(target.id):
            return
        dialog = GoldenThreadDialog(self.operations, target, self)
        self.active_dialog = dialog
        dialog.open()

    def _context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for action in (
            self.add_sibling_action,
            self.add_child_action,
            None,
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
            None,
            self.status_action,
            self.impact_action,
            self.link_action_action,
            None,
            self.delete_action,
        ):
            if action is None:
                menu.addSeparator()
            elif action.isVisible():
                menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(position))


RecommendationLinks = RowsTableModel[RecommendationBrief]


def _title_html(tree: PlanTree) -> str:
    period = tree.period_text if tree.period_text not in tree.name else ""  # names often include it
    subtitle = " · ".join(escape(part) for part in (tree.board_name, period) if part)
    legend = " ".join(badge(level.label, level.colour) for level in tree.progress_scale)
    return (
        f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>{escape(tree.name)}</span>"
        f"<br><span style='color:{style.MUTED_TEXT};'>{subtitle}</span>"
        + (f"&nbsp;&nbsp;&nbsp;{legend}" if legend else "")
    )


def node_html(node: PlanNode, thread: PlanItemThread | None = None) -> str:
    """The whole of one plan entry, for the detail pane: its facts, texts and golden thread."""
    heading = f"{escape(node.ref)}&nbsp;&nbsp;" if node.ref else ""
    text_lines = [line for line in node.text.splitlines() if line.strip()]
    title = escape(text_lines[0]) if text_lines else ""
    parts = [f"<p class='meta'>{escape(node.kind_label)}</p><h3>{heading}{title}</h3>"]
    rest = text_lines[1:]
    if rest:
        parts.append("<ul>" + "".join(f"<li>{escape(line.lstrip('-•▪ ').strip())}</li>" for line in rest) + "</ul>")
    facts = []
    if node.lead_label:
        facts.append(("Lead", escape(node.lead_label)))
    if node.due_text or node.due_date:
        due = escape(node.due_text)
        if node.due_date and node.due_text:
            due += f" <span class='meta'>(read as {long_date(node.due_date)})</span>"
        if node.due_note:
            note_class = "exempt" if node.due_kind is PlanDueKind.INVALID else "meta"
            due += f" <span class='{note_class}'>({escape(node.due_note)})</span>"
        facts.append(("Due", due))
    if node.progress:
        meaning = f" – {escape(node.progress.meaning)}" if node.progress.meaning else ""
        facts.append(("Status", badge(node.progress.label, node.progress.colour) + meaning))
    if node.impact:
        facts.append(("Impact", badge(node.impact.label, node.impact.colour)))
    if node.recommendation_refs and not (thread and thread.recommendations):
        facts.append(("Recommendations", escape(", ".join(node.recommendation_refs))))
    if node.board_action_count and not (thread and thread.board_actions):
        facts.append(("Board actions", str(node.board_action_count)))
    if node.oversight_group:
        facts.append(("Overseen by", escape(node.oversight_group)))
    if node.kpi_refs_text:
        facts.append(("KPI refs", escape(node.kpi_refs_text)))
    if facts:
        rows = "".join(
            f"<tr><td class='label' style='padding-right:14px;'>{name}</td><td>{value}</td></tr>"
            for name, value in facts
        )
        parts.append(f"<table cellspacing=0 cellpadding=2>{rows}</table>")
    if node.description.strip():
        parts.append(f"<p>{escape(node.description).replace(chr(10), '<br>')}</p>")
    for title_text, text in (
        ("Outcomes / measures of success", node.outcomes),
        ("Evidence of impact", node.evidence_of_impact),
    ):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            parts.append(
                f"<p class='label'>{title_text}</p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines) + "</ul>"
            )
    if thread is not None:
        if thread.recommendations:
            parts.append("<p class='label'>Addresses</p><ul>")
            parts.extend(
                f"<li><a href='boardapp:rec/{rec.id}'>{escape(rec.label)}</a>: {escape(rec.text)}</li>"
                for rec in thread.recommendations
            )
            parts.append("</ul>")
        if thread.board_actions:
            parts.append("<p class='label'>Board actions</p><ul>")
            for action in thread.board_actions:
                owners = f" – {escape(' / '.join(action.owners))}" if action.owners else ""
                parts.append(
                    f"<li><a href='boardapp:action/{action.id}'>{escape(action.ref)}</a> {escape(action.text)}{owners}"
                    f" <span class='meta'>[{escape(action.status_label)}; "
                    f"raised {escape(action.raised_at)}]</span></li>"
                )
            parts.append("</ul>")
        if thread.history:
            parts.append("<p class='label'>Latest status</p>" + history_html(thread.history, limit=3))
    return "".join(parts)


def since_html(result: ChangesSince) -> str:
    if result.since_meeting is not None:
        heading = f"Since the last meeting ({result.since_meeting.label})"
    else:
        heading = f"Since {long_date(result.since)}"
    parts = [f"<h3>{escape(heading)}</h3>"]
    if result.is_empty:
        parts.append("<p class='meta'>No status changed and no linked board action was raised or updated.</p>")
        return "".join(parts)
    if result.status_changes:
        parts.append(f"<p class='label'>Status changes ({len(result.status_changes)})</p><ul>")
        for entry in result.status_changes:
            change = entry.change
            was = f"{escape(change.previous.label)} → " if change.previous else ""
            reason = f": {escape(change.reason)}" if change.reason else ""
            who = f" – {escape(change.changed_by)}" if change.changed_by else ""
            at = f" <span class='meta'>(for the {escape(change.meeting_label)})</span>" if change.meeting_label else ""
            label = f"{escape(entry.item_ref)} {escape(entry.item_text)}".strip()
            parts.append(
                f"<li><a href='boardapp:item/{change.plan_item_id}'>{label}</a>: {was}"
                f"{badge(change.level.label, change.level.colour)} on {short_date(change.changed_on)}"
                f"{who}{reason}{at}</li>"
            )
        parts.append("</ul>")
    if result.board_actions:
        parts.append(f"<p class='label'>Board actions linked to the plan ({len(result.board_actions)})</p><ul>")
        for action in result.board_actions:
            plan_items = "; ".join(action.plan_items)
            where = f", {escape(action.raised_item)}" if action.raised_item else ""
            parts.append(
                f"<li><a href='boardapp:action/{action.action_id}'>{escape(action.ref)}</a> {escape(action.text)} "
                f"<span class='meta'>[{escape(action.what)}{where}]</span><br>"
                f"<span class='meta'>serves: {escape(plan_items)}</span></li>"
            )
        parts.append("</ul>")
    return "".join(parts)


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
