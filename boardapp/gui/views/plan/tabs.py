"""The tabs below the plan tree: the edit form, status history, links, summary and "since the last meeting".

Each tab shows what the page has read (`page.tree_data`, the selected entry and its golden thread)
and sends what the clerk does to the page's controllers (`page.commands`, `page.links_and_status`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from boardapp.core.enums import PlanItemKind, ScaleKind
from boardapp.gui import style
from boardapp.gui.dialogs.conflict import run_checked
from boardapp.gui.dialogs.plan_status_dialog import from_qdate, to_qdate
from boardapp.gui.models.plan_columns import (
    BOARD_ACTION_COLUMNS,
    RECOMMENDATION_LINK_COLUMNS,
    SUMMARY_BAR_COLUMN,
    SUMMARY_COLUMNS,
    TIMELINE_COLUMNS,
)
from boardapp.gui.models.plan_rows_model import RowsTableModel
from boardapp.gui.views.meeting_html import STYLESHEET, badge
from boardapp.gui.views.plan.html import since_html
from boardapp.gui.views.plan.widgets import FieldText, make_table
from boardapp.gui.widgets.status_bar import StatusBarDelegate
from boardapp.services import plan_editing, plan_status
from boardapp.services.golden_thread import BoardActionBrief, RecommendationBrief
from boardapp.services.plan_status import StatusChangeRow
from boardapp.services.plans import PlanNode

if TYPE_CHECKING:
    from boardapp.gui.views.plan_page import PlanPage

__all__ = ["FormTab", "HistoryTab", "LinksTab", "SinceTab", "SummaryTab"]

RecommendationLinks = RowsTableModel[RecommendationBrief]
FORM_ROWS = (
    ("text", "&Text", True),
    ("description", "&Description", True),
    ("outcomes", "&Outcomes / measures of success", True),
    ("evidence_of_impact", "&Evidence of impact", True),
    ("oversight_group", "O&verseen by", False),
    ("kpi_refs_text", "&KPI refs", False),
)


class FormTab(QWidget):
    """The long fields of the selected entry, each stored when the focus leaves it."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__(page)
        self.page = page
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = QComboBox(self)
        self.kind.setObjectName("formKind")
        for kind, label in (
            (PlanItemKind.KEY_AREA, "Key area"),
            (PlanItemKind.WORKSTREAM, "Workstream"),
            (PlanItemKind.OBJECTIVE, "Objective"),
            (PlanItemKind.ACTION, "Action"),
        ):
            self.kind.addItem(label, kind)
        self.kind.activated.connect(lambda _i: self._save_kind())
        self.fields: dict[str, QLineEdit | FieldText] = {}
        form.addRow("Kind", self.kind)
        for field, label, long in FORM_ROWS:
            widget: QLineEdit | FieldText
            if long:
                widget = FieldText(self)
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * (3 if field != "outcomes" else 4) + 12)
                widget.editing_finished.connect(lambda f=field: self.save_field(f))
            else:
                widget = QLineEdit(self)
                widget.editingFinished.connect(lambda f=field: self.save_field(f))
            widget.setObjectName(f"form_{field}")
            self.fields[field] = widget
            form.addRow(label, widget)
        self.fields["outcomes"].setPlaceholderText("One per line")
        self.fields["description"].setPlaceholderText("A key area's narrative, as the plan introduces it")
        hint = QLabel(
            "Ref, lead and due are edited in the tree (double-click a cell). Fields are saved as you leave them.",
            self,
        )
        hint.setStyleSheet(f"color:{style.MUTED_TEXT};")
        hint.setWordWrap(True)
        form.addRow("", hint)

    def fill(self, node: PlanNode | None) -> None:
        enabled = node is not None
        self.kind.setEnabled(enabled)
        if node is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(node.kind), 0))
        for field, widget in self.fields.items():
            widget.setEnabled(enabled)
            if widget.hasFocus() and widget.property("node_id") == (node.id if node else None):
                continue  # the user is typing in it: keep what they typed
            widget.setProperty("node_id", node.id if node else None)
            value = str(getattr(node, field)) if node else ""
            if isinstance(widget, QLineEdit):
                widget.setText(value)
            else:
                widget.setPlainText(value)

    def _save_kind(self) -> None:
        node = self.page.current_node()
        if node is not None:
            self.page.operations.run(plan_editing.update_item, node.id, parent=self.page, kind=self.kind.currentData())

    def save_field(self, field: str) -> None:
        widget = self.fields[field]
        node_id = widget.property("node_id")
        tree = self.page.tree_data
        if node_id is None or tree is None:
            return
        node = tree.find(node_id)
        if node is None:
            return
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if text.strip() == str(getattr(node, field)).strip():
            return
        run_checked(  # against the version shown: another clerk's save meanwhile is a conflict, not lost
            functools.partial(self.page.operations.run, parent=self.page),
            plan_editing.update_item,
            node_id,
            expected_version=node.version,
            field=field,
            text=text,
            parent=self.page,
            db_path=self.page.operations.store.path,
            versions=self.page.edit_versions,
        )


class HistoryTab(QWidget):
    """The selected entry's ratings over time; ratings are set and deleted here too."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__(page)
        self.page = page
        controller = page.links_and_status
        self.model: RowsTableModel[StatusChangeRow] = RowsTableModel(TIMELINE_COLUMNS, self)
        self.table = make_table(self, self.model, "planHistory", stretch=4)
        set_button = QPushButton("Set status…", self)
        set_button.clicked.connect(lambda: controller.open_status_dialog(ScaleKind.PROGRESS))
        self.impact_button = QPushButton("Rate impact…", self)
        self.impact_button.clicked.connect(lambda: controller.open_status_dialog(ScaleKind.IMPACT))
        self.delete_button = QPushButton("Delete entry…", self)
        self.delete_button.setToolTip("Remove a rating entered by mistake")
        self.delete_button.clicked.connect(controller.delete_status_change)
        self.note = QLabel(self)
        self.note.setStyleSheet(f"color:{style.MUTED_TEXT};")
        buttons = QHBoxLayout()
        buttons.addWidget(set_button)
        buttons.addWidget(self.impact_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def show_history(self, history: tuple[StatusChangeRow, ...]) -> None:
        self.model.set_rows(list(history))
        self.delete_button.setEnabled(bool(history))
        self.note.setText(f"{len(history)} recorded" if history else "No status recorded yet")


class LinksTab(QWidget):
    """The board actions serving the selected entry and the recommendations it addresses."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__(page)
        controller = page.links_and_status
        self.links_model: RowsTableModel[BoardActionBrief] = RowsTableModel(BOARD_ACTION_COLUMNS, self)
        self.links = make_table(self, self.links_model, "planLinks", stretch=1)
        self.links.doubleClicked.connect(lambda _i: controller.show_thread_of_link())
        self.rec_links_model: RecommendationLinks = RowsTableModel(RECOMMENDATION_LINK_COLUMNS, self)
        self.rec_links = make_table(self, self.rec_links_model, "planRecommendationLinks", stretch=1)
        actions_box = QGroupBox("Board actions serving this entry", self)
        link_button = QPushButton("Link board action…", actions_box)
        link_button.clicked.connect(controller.open_link_board_action)
        unlink_button = QPushButton("Unlink", actions_box)
        unlink_button.clicked.connect(controller.unlink_board_action)
        thread_button = QPushButton("Golden thread…", actions_box)
        thread_button.setToolTip("The chosen board action (or this entry) with everything it is linked to")
        thread_button.clicked.connect(controller.show_thread_of_link)
        bar = QHBoxLayout()
        for button in (link_button, unlink_button, thread_button):
            bar.addWidget(button)
        bar.addStretch(1)
        box_layout = QVBoxLayout(actions_box)
        box_layout.addLayout(bar)
        box_layout.addWidget(self.links, 1)
        recs_box = QGroupBox("Recommendations it addresses", self)
        link_rec = QPushButton("Link recommendation…", recs_box)
        link_rec.clicked.connect(controller.open_link_recommendation)
        unlink_rec = QPushButton("Unlink", recs_box)
        unlink_rec.clicked.connect(controller.unlink_recommendation)
        rec_bar = QHBoxLayout()
        rec_bar.addWidget(link_rec)
        rec_bar.addWidget(unlink_rec)
        rec_bar.addStretch(1)
        rec_layout = QVBoxLayout(recs_box)
        rec_layout.addLayout(rec_bar)
        rec_layout.addWidget(self.rec_links, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(actions_box, 3)
        layout.addWidget(recs_box, 2)

    def show_links(self, actions: list[BoardActionBrief], recommendations: list[RecommendationBrief]) -> None:
        self.links_model.set_rows(actions)
        self.rec_links_model.set_rows(recommendations)


class SummaryTab(QWidget):
    """The plan's ratings counted per key area, by progress or by evidence of impact."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__(page)
        self.page = page
        self.kind = QComboBox(self)
        self.kind.setObjectName("summaryKind")
        self.kind.addItem("Progress", ScaleKind.PROGRESS)
        self.kind.addItem("Evidence of impact", ScaleKind.IMPACT)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_summary())
        self.model: RowsTableModel[plan_status.AreaSummary] = RowsTableModel(SUMMARY_COLUMNS, self)
        self.table = make_table(self, self.model, "planSummary", stretch=0, sortable=False)
        self.table.setItemDelegateForColumn(SUMMARY_BAR_COLUMN, StatusBarDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 64)
        header.resizeSection(SUMMARY_BAR_COLUMN, 220)
        header.resizeSection(3, 300)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Rating:", self))
        bar.addWidget(self.kind)
        bar.addSpacing(12)
        bar.addWidget(self.legend, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def show_summary(self) -> None:
        tree = self.page.tree_data
        if tree is None:
            return
        kind = ScaleKind(self.kind.currentData() or ScaleKind.PROGRESS)
        summary = plan_status.summarise(tree, kind)
        self.model.set_rows([summary.whole, *summary.areas])
        self.legend.setText(
            " ".join(badge(level.label, level.colour) for level in summary.scale) + f" {badge('Not rated', '#D9D9D9')}"
        )


class SinceTab(QWidget):
    """What changed in the plan since the board's last meeting, or since a chosen date."""

    def __init__(self, page: PlanPage) -> None:
        super().__init__(page)
        self.page = page
        self.since_meeting = QRadioButton("Since the last meeting", self)
        self.since_meeting.setObjectName("sinceMeeting")
        self.since_meeting.setChecked(True)
        self.since_date_choice = QRadioButton("Since", self)
        self.since_date = QDateEdit(self)
        self.since_date.setObjectName("sinceDate")
        self.since_date.setCalendarPopup(True)
        self.since_date.setDisplayFormat("d MMMM yyyy")
        self.since_date.dateChanged.connect(self._date_changed)
        self.since_meeting.toggled.connect(lambda _on: self.show_since())
        self.view = QTextBrowser(self)
        self.view.setObjectName("sinceView")
        self.view.document().setDefaultStyleSheet(STYLESHEET)
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(page.links_and_status.detail_link)
        bar = QHBoxLayout()
        bar.addWidget(self.since_meeting)
        bar.addWidget(self.since_date_choice)
        bar.addWidget(self.since_date)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _date_changed(self) -> None:
        """Choosing a date means "since this date": tick its choice, then show the changes."""
        self.since_date_choice.setChecked(True)
        self.show_since()

    def show_since(self) -> None:
        page = self.page
        if page.plan_id is None:
            return
        since = None if self.since_meeting.isChecked() else from_qdate(self.since_date.date())
        result = page.operations.read(plan_status.changes_since, page.plan_id, today=page.today(), since=since)
        if since is None:
            self.since_date.blockSignals(True)
            self.since_date.setDate(to_qdate(result.since))
            self.since_date.blockSignals(False)
        self.view.setHtml(since_html(result))
