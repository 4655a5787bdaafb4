"""A plan's recommendations register: each inspection recommendation, the plan actions answering it, its phases.

The table shows source, ref, text, key area, lead, the plan actions with their statuses and the
three phases (actions complete, evidence of impact, signed off by the board), the first two
derived from the plan actions unless set by hand; the tooltip says how each was worked out.
Below, the selected recommendation's golden thread.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.link_picker import LinkPickerDialog, PickRow
from boardapp.gui.dialogs.plan_recommendation_dialog import AddRecommendationDialog, SignOffDialog
from boardapp.gui.models.plan_columns import REGISTER_COLUMNS, REGISTER_INDEX
from boardapp.gui.models.plan_rows_model import RowsTableModel
from boardapp.gui.operations import Operations
from boardapp.gui.views.golden_thread import GoldenThreadView, ThreadKind, ThreadTarget, item_detail
from boardapp.gui.views.plan.export import PlanExport
from boardapp.services import golden_thread as thread_service
from boardapp.services import plan_status
from boardapp.services import recommendations as rec_service
from boardapp.services.changes import Changes
from boardapp.services.recommendations import RecommendationRow

Confirm = Callable[[str, str], bool]

COLUMN_WIDTHS = {
    "Source": 84,
    "Ref": 36,
    "Key area": 104,
    "Lead": 96,
    "Plan actions": 170,
    "Complete": 70,
    "Impact": 62,
    "Signed off": 104,
}


class RecommendationsPage(QWidget):
    def __init__(
        self, operations: Operations, parent: QWidget | None = None, *, today: Callable[[], dt.date] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recommendationsPage")
        self.operations = operations
        self.today = today or dt.date.today
        self.plan_id: int | None = None
        self.plan_name = ""
        self.active_dialog: QWidget | None = None
        self.confirm: Confirm = self._ask
        self._refresh_pending = False

        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.model: RowsTableModel[RecommendationRow] = RowsTableModel(REGISTER_COLUMNS, self)
        self.model.editor = self._edit_cell
        self.table = QTableView(self)
        self.table.setObjectName("recommendationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for title, column in REGISTER_INDEX.items():
            if title in COLUMN_WIDTHS:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, COLUMN_WIDTHS[title])
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_args: self._show_thread())

        self.add_button = QPushButton("Add…", self)
        self.add_button.clicked.connect(self.open_add_dialog)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.clicked.connect(self.delete)
        self.complete_button = self._phase_button("Actions complete", "actions_complete")
        self.impact_button = self._phase_button("Impact evidenced", "impact_evidenced")
        self.sign_off_button = QPushButton("Sign off…", self)
        self.sign_off_button.setObjectName("signOffButton")
        self.sign_off_button.clicked.connect(self.open_sign_off_dialog)
        self.link_button = QPushButton("Link action…", self)
        self.link_button.setToolTip("Link a plan action that addresses the recommendation")
        self.link_button.clicked.connect(self.open_link_dialog)
        self.toolbar = QToolBar(self)  # overflows into a ▸ menu in a narrow window instead of widening it
        self.toolbar.setObjectName("recommendationToolbar")
        for widget in (
            self.add_button,
            self.delete_button,
            self.complete_button,
            self.impact_button,
            self.sign_off_button,
            self.link_button,
        ):
            self.toolbar.addWidget(widget)
        self.exporter = PlanExport(  # the chosen recommendation's evidence pack, public or full (issue 12 point 3)
            self, self.toolbar, operations, lambda: self.plan_id, self.today, kinds=("evidence",),
            recommendation=lambda: row.id if (row := self.current()) is not None else None,
        )  # fmt: skip
        self.counts = QLabel(self)
        self.counts.setObjectName("recommendationCounts")
        self.counts.setStyleSheet(f"color:{style.MUTED_TEXT};")
        self.counts.setWordWrap(True)

        self.thread_view = GoldenThreadView(operations, self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.thread_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        operations.changed.connect(self._changed)
        self._update_buttons()

    def _phase_button(self, label: str, phase: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(f"{phase}Button")
        button.setText(f"{label} ▾")
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        menu.addAction("Derive from the plan actions", lambda: self.set_phase(phase, None))
        menu.addAction("Yes (set by hand)", lambda: self.set_phase(phase, True))
        menu.addAction("No (set by hand)", lambda: self.set_phase(phase, False))
        button.setMenu(menu)
        return button

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    # -- showing ---------------------------------------------------------------------------------------
    def show_plan(self, plan_id: int, plan_name: str) -> None:
        if plan_id != self.plan_id:
            self.thread_view.history.clear()
        self.plan_id, self.plan_name = plan_id, plan_name
        self.refresh()

    def refresh(self) -> None:
        self._refresh_pending = False
        if self.plan_id is None:
            return
        current = self.current()
        rows = self.operations.read(rec_service.recommendation_rows, self.plan_id)
        self.model.set_rows(rows)
        complete = sum(1 for r in rows if r.actions_complete.value)
        evidenced = sum(1 for r in rows if r.impact_evidenced.value)
        signed = sum(1 for r in rows if r.signed_off)
        self.title.setText(
            f"<span style='font-size:15pt; font-weight:600; color:{style.ACCENT};'>Recommendations</span>"
            f"<br><span style='color:{style.MUTED_TEXT};'>{escape(self.plan_name)}</span>"
        )
        self.counts.setText(
            f"{len(rows)} recommendations · {complete} actions complete · {evidenced} impact evidenced · "
            f"{signed} signed off"
        )
        row = self.model.find_row(lambda r: current is not None and r.id == current.id)
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, REGISTER_INDEX["Recommendation"]))
        self._show_thread()

    def select_id(self, row_id: int | None) -> bool:
        """Make the row of that id current and put the focus on the table (a search result opened here)."""
        row = self.model.find_row(lambda r: r.id == row_id)
        if row >= 0:
            index = self.model.index(row, REGISTER_INDEX["Recommendation"])
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return row >= 0

    def _refresh_if_pending(self) -> None:
        """A refresh made directly after the write (by the page itself) has already shown it."""
        if self._refresh_pending:
            self.refresh()

    def current(self) -> RecommendationRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_ref(self, ref: str) -> bool:
        row = self.model.find_row(lambda r: r.ref == ref)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, REGISTER_INDEX["Recommendation"]))
        return row >= 0

    def _show_thread(self) -> None:
        current = self.current()
        self._update_buttons()
        if current is None:
            self.thread_view.show_placeholder(
                "This plan has no recommendations yet. Add the inspection's recommendations with Add…."
            )
            return
        self.thread_view.show_target(ThreadTarget(ThreadKind.RECOMMENDATION, current.id), remember=False)

    def _update_buttons(self) -> None:
        has = self.current() is not None
        for widget in (
            self.delete_button,
            self.complete_button,
            self.impact_button,
            self.sign_off_button,
            self.link_button,
        ):
            widget.setEnabled(has)
        self.add_button.setEnabled(self.plan_id is not None)

    def _changed(self, changes: Changes) -> None:
        if not self.isVisible():
            return  # a hidden page is read afresh when it is shown again (`show_plan`)
        if (
            self.plan_id is not None
            and (self.plan_id in changes.plans or changes.actions)
            and not self._refresh_pending
        ):
            self._refresh_pending = True
            QTimer.singleShot(0, self._refresh_if_pending)

    # -- editing ---------------------------------------------------------------------------------------
    def _edit_cell(self, row: RecommendationRow, field: str, text: str) -> bool:
        result = self.operations.run(rec_service.update_recommendation, row.id, parent=self, **{field: text})
        return result is not None

    def set_phase(self, phase: str, value: bool | None) -> bool:
        current = self.current()
        if current is None:
            return False
        done = self.operations.run(rec_service.set_phase, current.id, phase, value, parent=self) is not None
        self.refresh()
        return done

    def open_add_dialog(self) -> AddRecommendationDialog | None:
        if self.plan_id is None:
            return None
        dialog = AddRecommendationDialog(self.operations.read(rec_service.list_sources), self)
        plan_id = self.plan_id
        dialog.accepted.connect(lambda: self._add(plan_id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _add(self, plan_id: int, dialog: AddRecommendationDialog) -> None:
        values = dialog.values()
        source_id = values.source_id
        if source_id is None:
            source_id = self.operations.run(
                rec_service.add_source, values.new_source_title, values.new_source_kind, parent=self
            )
            if source_id is None:
                return
        new_id = self.operations.run(
            rec_service.add_recommendation,
            source_id=source_id,
            ref=values.ref,
            text=values.text,
            plan_id=plan_id,
            key_area=values.key_area,
            lead=values.lead,
            parent=self,
        )
        self.refresh()
        if new_id is not None:
            row = self.model.find_row(lambda r: r.id == new_id)
            self.table.setCurrentIndex(self.model.index(row, REGISTER_INDEX["Recommendation"]))

    def delete(self) -> bool:
        current = self.current()
        if current is None:
            return False
        links = len(current.actions)
        text = f"Delete {current.label} ({current.source_title})?"
        if links:
            text += f"\nIts {links} link{'s' if links != 1 else ''} to plan actions go with it; the plan actions stay."
        if not self.confirm("Delete recommendation", text):
            return False
        done = self.operations.run(rec_service.delete_recommendation, current.id, parent=self) is not None
        self.refresh()
        return done

    def open_sign_off_dialog(self) -> SignOffDialog | None:
        current = self.current()
        if current is None or self.plan_id is None:
            return None
        meetings = self.operations.read(plan_status.board_meetings, self.plan_id)
        dialog = SignOffDialog(
            f"{current.label}: {current.text}",
            meetings,
            today=self.today(),
            current_meeting_id=current.signed_off_meeting_id,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._sign_off(current.id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _sign_off(self, rec_id: int, dialog: SignOffDialog) -> None:
        meeting_id, on = dialog.values()
        self.operations.run(rec_service.sign_off, rec_id, meeting_id=meeting_id, on=on, parent=self)
        self.refresh()

    def open_link_dialog(self) -> LinkPickerDialog | None:
        current = self.current()
        if current is None:
            return None
        plan_id = self.plan_id

        def search(query: str) -> list[PickRow]:
            found = self.operations.read(thread_service.search_plan_items, query, plan_id=plan_id)
            return [PickRow(b.id, b.ref, b.text, item_detail(b)) for b in found]

        dialog = LinkPickerDialog(
            "Link a plan action",
            "Find a plan action by ref (1.2.3) or words…",
            search,
            linked_ids={a.id for a in current.actions},
            parent=self,
        )
        dialog.accepted.connect(lambda: self._link(current.id, dialog))
        self.active_dialog = dialog
        dialog.open()
        return dialog

    def _link(self, rec_id: int, dialog: LinkPickerDialog) -> None:
        chosen = dialog.chosen()
        if chosen is not None:
            self.operations.run(rec_service.link_recommendation, chosen.id, rec_id, parent=self)
            self.refresh()
