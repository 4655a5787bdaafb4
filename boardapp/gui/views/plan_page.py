"""An improvement plan: its tree with RAG status colours, and the selected entry in full below."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.models.plan_tree_model import PlanTreeModel
from boardapp.gui.views.meeting_html import STYLESHEET, badge
from boardapp.services.plans import PlanNode, PlanTree

COLUMN_WIDTHS = (118, 0, 170, 140, 84, 70, 96)  # 0: the action text takes what is left


class PlanPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PlanTreeModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.tree = QTreeView(self)
        self.tree.setObjectName("planTree")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(16)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("planDetail")
        self.detail.document().setDefaultStyleSheet(STYLESHEET)
        self.detail.document().setDocumentMargin(14)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.splitter, 1)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)

    def set_tree(self, tree: PlanTree) -> None:
        self.model.set_tree(tree)
        self.title.setText(_title_html(tree))
        self.tree.expandAll()
        self.detail.setHtml(
            "<p class='meta'>Select an entry to see it in full: outcomes, leads, recommendations.</p>"
        )
        first = self.model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        node = self.model.node(indexes[0]) if indexes else None
        if node is not None:
            self.detail.setHtml(node_html(node))

    def select(self, index: QModelIndex) -> None:
        self.tree.setCurrentIndex(index)


def _title_html(tree: PlanTree) -> str:
    period = tree.period_text if tree.period_text not in tree.name else ""  # names often include it
    subtitle = " · ".join(escape(part) for part in (tree.board_name, period) if part)
    legend = " ".join(badge(level.label, level.colour) for level in tree.progress_scale)
    return (
        f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>{escape(tree.name)}</span>"
        f"<br><span style='color:{style.MUTED_TEXT};'>{subtitle}</span>"
        + (f"&nbsp;&nbsp;&nbsp;{legend}" if legend else "")
    )


def node_html(node: PlanNode) -> str:
    """The whole of one plan entry, for the detail pane."""
    heading = f"{escape(node.ref)}&nbsp;&nbsp;" if node.ref else ""
    parts = [f"<p class='meta'>{escape(node.kind_label)}</p><h3>{heading}{escape(node.text)}</h3>"]
    facts = []
    if node.lead_label:
        facts.append(("Lead", escape(node.lead_label)))
    if node.due_text or node.due_date:
        due = escape(node.due_text)
        if node.due_note:
            due += f" <span class='exempt'>({escape(node.due_note)})</span>"
        facts.append(("Due", due))
    if node.progress:
        meaning = f" – {escape(node.progress.meaning)}" if node.progress.meaning else ""
        facts.append(("Status", badge(node.progress.label, node.progress.colour) + meaning))
    if node.impact:
        facts.append(("Impact", badge(node.impact.label, node.impact.colour)))
    if node.recommendation_refs:
        facts.append(("Recommendations", escape(", ".join(node.recommendation_refs))))
    if node.board_action_count:
        facts.append(("Board actions", str(node.board_action_count)))
    if node.oversight_group:
        facts.append(("Overseen by", escape(node.oversight_group)))
    if facts:
        rows = "".join(
            f"<tr><td class='label' style='padding-right:14px;'>{name}</td><td>{value}</td></tr>"
            for name, value in facts
        )
        parts.append(f"<table cellspacing=0 cellpadding=2>{rows}</table>")
    for title, text in (("Outcomes / measures of success", node.outcomes), ("Evidence of impact",
                                                                             node.evidence_of_impact)):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines:
            parts.append(f"<p class='label'>{title}</p><ul>" + "".join(f"<li>{escape(x)}</li>" for x in lines)
                         + "</ul>")
    return "".join(parts)
