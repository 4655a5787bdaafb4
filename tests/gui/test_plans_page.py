"""The plan page driven through its real widgets: inline edits, toolbar operations, drag and drop, status dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.enums import PlanDueKind, ScaleKind
from boardapp.core.models import PlanItem, PlanItemLead, PlanStatusChange
from boardapp.gui.models.plan_tree_model import (
    COLUMN_INDEX,
    DUE_COLUMN,
    DUE_DATE_COLUMN,
    IMPACT_COLUMN,
    NODE_ROLE,
    STATUS_COLUMN,
    TEXT_COLUMN,
    PlanTreeModel,
    due_date_display,
    due_display,
)
from boardapp.gui.operations import Operations
from boardapp.gui.views.plan_page import PlanPage
from boardapp.gui.widgets.status_bar import COUNTS_ROLE
from boardapp.services import plan_status
from boardapp.services.plans import plan_tree
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample


@pytest.fixture
def operations(store: Store) -> Operations:
    return Operations(store, show_errors=False)


@pytest.fixture
def informed() -> list[str]:
    return []


@pytest.fixture
def page(qtbot: QtBot, operations: Operations, sample: Sample, informed: list[str]) -> Iterator[PlanPage]:
    widget = PlanPage(operations, today=lambda: TODAY)
    widget.confirm = lambda _title, _text: True
    widget.inform = lambda _title, text: informed.append(text)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_plan(sample.plan_id)
    yield widget


def stored(store: Store, item_id: int) -> PlanItem:
    with store.session() as session:
        item = session.get(PlanItem, item_id)
        assert item is not None
        return item


def refs(page: PlanPage) -> list[str]:
    assert page.tree_data is not None
    return [node.ref for node in page.tree_data.walk()]


def edit_cell(qtbot: QtBot, page: PlanPage, item_id: int, column: int, text: str) -> None:
    """Double-click-free editing as a keyboard user does it: F2 on the cell, type, Enter."""
    index = page.model.index_of(item_id, column)
    page.tree.setCurrentIndex(index)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_F2)
    editor = page.tree.focusWidget()
    assert isinstance(editor, QLineEdit | QPlainTextEdit), editor
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate stores a line edit's text on the next turn of the event loop.
    qtbot.waitUntil(lambda: page.tree.state() != QAbstractItemView.State.EditingState)


# -- the model ----------------------------------------------------------------------------------------------


def test_tree_model_passes_the_model_tester_and_updates_in_place(
    qtmodeltester: ModelTester, store: Store, sample: Sample
) -> None:
    model = PlanTreeModel()
    model.editor = lambda *_args: True
    model.mover = lambda *_args: True
    with store.session() as session:
        tree = plan_tree(session, sample.plan_id)
    assert model.set_tree(tree) is True
    qtmodeltester.check(model)
    one_one = model.index_of(sample.plan_items["1.1"])
    assert one_one.data(NODE_ROLE).ref == "1.1"
    assert model.flags(one_one.siblingAtColumn(DUE_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(one_one.siblingAtColumn(STATUS_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(one_one) & Qt.ItemFlag.ItemIsDragEnabled
    # The same shape again: updated in place, and persistent indexes stay valid.
    with store.transaction() as session:
        plan_status.set_status(session, sample.plan_items["1.1"], sample.levels["BLUE"], changed_on=TODAY)
        tree = plan_tree(session, sample.plan_id)
    kept = one_one.siblingAtColumn(STATUS_COLUMN)
    persistent = QPersistentModelIndex(kept)
    assert model.set_tree(tree) is False
    assert persistent.isValid() and persistent.data() == "Blue"
    qtmodeltester.check(model)


def test_due_cells_show_what_the_text_was_read_as(store: Store, sample: Sample) -> None:
    with store.session() as session:
        tree = plan_tree(session, sample.plan_id)
    nodes = {n.ref: n for n in tree.walk()}
    assert [due_display(nodes[r]) for r in ("1.1", "1.2", "2.1")] == ["1 August 2017", "Monthly", "31 Sept 2017"]
    assert [due_date_display(nodes[r]) for r in ("1.1", "1.2", "2.1")] == ["1 Aug 2017", "↻ recurring", "⚠ invalid"]
    model = PlanTreeModel()
    model.set_tree(tree)
    invalid = model.index_of(sample.plan_items["2.1"], DUE_COLUMN)
    assert "September has 30 days" in invalid.data(Qt.ItemDataRole.ToolTipRole)


# -- inline editing -----------------------------------------------------------------------------------------


def test_inline_edit_of_due_and_lead_is_stored_and_reparsed(
    qtbot: QtBot, page: PlanPage, store: Store, sample: Sample
) -> None:
    item_id = sample.plan_items["2.1"]
    edit_cell(qtbot, page, item_id, DUE_COLUMN, "Spring Term 2019")
    item = stored(store, item_id)
    assert (item.due_text, item.due_kind, item.due_date) == ("Spring Term 2019", PlanDueKind.DATE, dt.date(2019, 3, 31))
    qtbot.waitUntil(lambda: page.model.index_of(item_id, DUE_DATE_COLUMN).data() == "31 Mar 2019")
    assert page.model.index_of(item_id, DUE_COLUMN).data() == "Spring Term 2019"  # verbatim

    edit_cell(qtbot, page, item_id, COLUMN_INDEX["lead"], "Louise Storey / Heads of Service")
    with store.session() as session:
        leads = session.exec(select(PlanItemLead).where(PlanItemLead.plan_item_id == item_id)).all()
    assert [lead.person_id for lead in leads] == [sample.people["Louise Storey"], None]
    qtbot.waitUntil(lambda: getattr(page.current_node(), "leads", ()) == ("Louise Storey", "Heads of Service"))


def test_inline_edit_of_the_action_text_keeps_lines(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    item_id = sample.plan_items["1.2"]
    index = page.model.index_of(item_id, TEXT_COLUMN)
    page.tree.setCurrentIndex(index)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_F2)
    editor = page.tree.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "Monthly performance clinics:")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a new line, not the end
    qtbot.keyClicks(editor, "- with partners & <schools>")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored(store, item_id).text == "Monthly performance clinics:\n- with partners & <schools>"


def test_inline_edit_refused_by_the_service_writes_nothing(
    qtbot: QtBot, page: PlanPage, store: Store, sample: Sample
) -> None:
    messages: list[str] = []
    page.operations.failed.connect(messages.append)
    edit_cell(qtbot, page, sample.plan_items["2.1"], COLUMN_INDEX["recs"], "2, 99")
    assert messages and "no recommendation 99" in messages[0]
    edit_cell(qtbot, page, sample.plan_items["2.1"], COLUMN_INDEX["recs"], "2, 10")
    qtbot.waitUntil(lambda: page.model.index_of(sample.plan_items["2.1"], COLUMN_INDEX["recs"]).data() == "2, 10")


def test_form_fields_are_saved_when_left(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    page.select_node(sample.plan_items["1"])
    page.tabs.setCurrentIndex(1)
    outcomes = page.form_fields["outcomes"]
    outcomes.setFocus()
    outcomes.selectAll()
    qtbot.keyClicks(outcomes, "Partners held to account")
    page.form_fields["oversight_group"].setFocus()  # leaving the field stores it
    qtbot.keyClicks(page.form_fields["oversight_group"], "Improvement Board")
    page.tree.setFocus()
    item = stored(store, sample.plan_items["1"])
    assert (item.outcomes, item.oversight_group) == ("Partners held to account", "Improvement Board")
    qtbot.waitUntil(lambda: "Partners held to account" in page.detail.toPlainText())


# -- the toolbar -----------------------------------------------------------------------------------------------


def test_add_move_indent_outdent_renumber_delete(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    page.select_node(sample.plan_items["1.2"])
    new_id = page.add_sibling()
    assert new_id is not None
    editor = page.tree.focusWidget()
    assert isinstance(editor, QPlainTextEdit)  # typing the new entry's text straight away
    editor.selectAll()
    qtbot.keyClicks(editor, "Quarterly deep dives")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored(store, new_id).text == "Quarterly deep dives"
    assert refs(page) == ["1", "1.1", "1.1.1", "1.2", "1.3", "2", "2.1"]

    assert page.current_node() is not None and page.current_node().id == new_id
    assert page.move_item(-1)
    assert refs(page) == ["1", "1.1", "1.1.1", "1.3", "1.2", "2", "2.1"]
    assert page.indent()  # under 1.1, after 1.1.1
    assert stored(store, new_id).parent_id == sample.plan_items["1.1"]
    assert page.outdent()
    assert stored(store, new_id).parent_id == sample.plan_items["1"]
    assert page.current_node() is not None and page.current_node().id == new_id

    assert page.renumber() == 2  # the new entry becomes 1.2, the old 1.2 becomes 1.3
    assert refs(page) == ["1", "1.1", "1.1.1", "1.2", "1.3", "2", "2.1"]

    asked: list[str] = []
    page.confirm = lambda _title, text: asked.append(text) or True
    page.select_node(sample.plan_items["1"])
    assert page.delete()
    assert "and the 4 entries below it" in asked[0] and "links to board actions" in asked[0]
    assert refs(page) == ["2", "2.1"]
    with store.session() as session:
        assert session.get(PlanItem, new_id) is None


def test_delete_can_be_declined(page: PlanPage, store: Store, sample: Sample) -> None:
    page.confirm = lambda _title, _text: False
    page.select_node(sample.plan_items["2.1"])
    assert not page.delete()
    assert stored(store, sample.plan_items["2.1"]).text == "Recruitment campaign"


def test_keyboard_shortcuts_move_entries(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    page.select_node(sample.plan_items["1.2"])
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert stored(store, sample.plan_items["1.2"]).position == 0
    qtbot.keyClick(page.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert stored(store, sample.plan_items["1.2"]).position == 1


def test_drag_and_drop_moves_through_the_service(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    model = page.model
    dragged = model.mimeData([model.index_of(sample.plan_items["2.1"])])
    onto = model.index_of(sample.plan_items["1"])
    # Dropping an entry into its own subtree is refused before anything is written.
    own = model.mimeData([model.index_of(sample.plan_items["1"])])
    assert not model.canDropMimeData(own, Qt.DropAction.MoveAction, -1, 0, model.index_of(sample.plan_items["1.1"]))
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, 0, 0, onto)  # first under "1"
    item = stored(store, sample.plan_items["2.1"])
    assert (item.parent_id, item.position) == (sample.plan_items["1"], 0)
    qtbot.waitUntil(lambda: refs(page) == ["1", "2.1", "1.1", "1.1.1", "1.2", "2"])
    model.dropMimeData(
        model.mimeData([model.index_of(sample.plan_items["2.1"])]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    qtbot.waitUntil(lambda: refs(page) == ["1", "1.1", "1.1.1", "1.2", "2", "2.1"])
    assert stored(store, sample.plan_items["2.1"]).parent_id is None


# -- status ---------------------------------------------------------------------------------------------------


def test_set_status_through_the_dialog(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    page.select_node(sample.plan_items["2.1"])
    dialog = page.open_status_dialog()
    assert dialog is not None and dialog.isVisible()
    assert dialog.chosen_level() is not None and dialog.chosen_level().code == "RED"  # starts at the current level
    assert dialog.meeting.currentData() == sample.meetings["september"]  # the next meeting after today
    dialog.select_level("AMBER")
    assert "milestones" not in dialog.meaning.text()  # the sample's levels carry no meaning
    qtbot.keyClicks(dialog.by, "Louise Storey")
    qtbot.keyClicks(dialog.reason, "Campaign launched; 12 applicants")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    with store.session() as session:
        (change,) = session.exec(select(PlanStatusChange)).all()
    assert (change.plan_item_id, change.level_id, change.changed_on) == (
        sample.plan_items["2.1"],
        sample.levels["AMBER"],
        TODAY,
    )
    assert (change.changed_by, change.reason, change.reported_at_meeting_id) == (
        "Louise Storey",
        "Campaign launched; 12 applicants",
        sample.meetings["september"],
    )
    status = page.model.index_of(sample.plan_items["2.1"], STATUS_COLUMN)
    assert status.data() == "Amber"
    # The timeline tab lists it, newest first; the summary counts it.
    assert page.history_model.rowCount() == 1
    assert page.history_model.index(0, 3).data() == ""  # nothing recorded before it ("Was")
    page.tabs.setCurrentIndex(4)
    whole = page.summary_model.index(0, 2).data(COUNTS_ROLE)
    assert [(c.label, c.count) for c in whole if c.count] == [("Amber", 2), ("Green", 1), ("Not rated", 1)]
    assert page.last_changed_by == "Louise Storey"  # offered again next time


def test_impact_scale_chosen_and_rated(qtbot: QtBot, page: PlanPage, sample: Sample, informed: list[str]) -> None:
    page.select_node(sample.plan_items["1.1"])
    assert page.open_status_dialog(ScaleKind.IMPACT) is None  # no impact scale yet: a message, no dialog
    assert "no impact scale" in informed[0]
    assert page.tree.isColumnHidden(IMPACT_COLUMN)
    dialog = page.open_scales_dialog()
    assert dialog is not None
    dialog.choose(ScaleKind.IMPACT, "New: Evidence of impact")
    dialog.accept()
    qtbot.waitUntil(lambda: page.tree_data is not None and bool(page.tree_data.impact_scale))
    assert not page.tree.isColumnHidden(IMPACT_COLUMN)
    status = page.open_status_dialog(ScaleKind.IMPACT)
    assert status is not None and status.current_kind() is ScaleKind.IMPACT
    status.select_level("EVIDENCED")
    status.accept()
    assert page.model.index_of(sample.plan_items["1.1"], IMPACT_COLUMN).data() == "Evidenced"


def test_since_last_meeting_tab(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        plan_status.set_status(
            session, sample.plan_items["1.2"], sample.levels["GREEN"], changed_on=TODAY, reason="Clinics running"
        )
    page.refresh()
    page.tabs.setCurrentIndex(5)
    text = page.since_view.toPlainText()
    assert "Since the last meeting (1 August 2017 meeting)" in text
    assert "Monthly performance clinics" in text and "Clinics running" in text
    assert "IB-stats" in text and "IB-video" in text
    page.since_date.setDate(page.since_date.date().addYears(1))
    assert "No status changed" in page.since_view.toPlainText()


def test_links_tab_links_and_unlinks_a_board_action(qtbot: QtBot, page: PlanPage, store: Store, sample: Sample) -> None:
    page.select_node(sample.plan_items["1.2"])
    assert page.links_model.rowCount() == 0
    picker = page.open_link_board_action()
    assert picker is not None
    qtbot.keyClicks(picker.query, "profiles")
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
    qtbot.keyClicks(picker.note, "profiles show the clinics' effect")
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert [a.ref for a in page.links_model.rows()] == ["IB-profiles"]
    assert page.model.index_of(sample.plan_items["1.2"], COLUMN_INDEX["board_actions"]).data() == "1"
    assert "IB-profiles" in page.detail.toPlainText()
    page.links.setCurrentIndex(page.links_model.index(0, 0))
    assert page.unlink_board_action()
    assert page.links_model.rowCount() == 0
