"""The small table models that replaced QTableWidget (issue 13: a model over plain rows): each passes
Qt's model tester, and each holds what the dialog stores or shows, so a test can read it without cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import boardapp.gui
from boardapp.core.models.record import VoteChoice, VoteResult
from boardapp.gui.dialogs.imports.preview_models import FileRow, RowsModel
from boardapp.gui.dialogs.record_dialogs import VoteDialog
from boardapp.gui.models.plan_review_model import PlanReviewModel
from boardapp.gui.models.review_models import ChairProposalsModel, ProposalsToAcceptModel, ReviewRecordsModel
from boardapp.gui.models.text_rows import Cell, TextRowsModel
from boardapp.gui.models.vote_model import VoteTableModel
from boardapp.gui.style import MUTED_TEXT
from boardapp.importing.problems import Severity
from boardapp.services.agenda_builder import PlanReviewRow
from boardapp.services.review_copy import ProposalKind, ProposalLine, ProposalRow, ReviewField, ReviewRecord

MEMBERS = [(11, "Jane Booth"), (12, "Geoff Driver"), (13, "Susie Charles")]


def _proposal(number: int, *, conflict: str = "", missing: bool = False) -> ProposalRow:
    return ProposalRow(
        number, ProposalKind.ACTION, 100 + number, f"IB-{number} An action", ReviewField.STATUS, "Open",
        "Completed", "Open", f"comment {number}", "Cllr Chair", conflict=conflict, missing=missing,
    )  # fmt: skip


def _record(number: int) -> ReviewRecord:
    return ReviewRecord(
        ProposalKind.ACTION, number, f"IB-{number}", f"Action {number}", "Open", "open", "due October",
        "a note", (("open", "Open"), ("completed", "Completed")),
    )  # fmt: skip


def test_the_vote_model_holds_each_members_choice(qtmodeltester: ModelTester) -> None:
    model = VoteTableModel()
    model.set_members(MEMBERS)
    model.set_choice(0, VoteChoice.AGAINST)
    model.set_choice(1, VoteChoice.FOR)
    model.set_choice(2, VoteChoice.FOR)
    model.set_choice(2, None)  # changed her mind: not recorded

    qtmodeltester.check(model)
    assert model.choices() == {11: VoteChoice.AGAINST, 12: VoteChoice.FOR}
    assert model.tally() == (1, 1)
    assert [model.index(r, 1).data() for r in range(3)] == ["Against", "For", "—"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Member present"


def test_the_vote_dialog_stores_what_its_combos_chose_through_the_model(qtbot: QtBot) -> None:
    dialog = VoteDialog(None, "That the report be noted", MEMBERS, MEMBERS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert isinstance(dialog.table, QTableView) and dialog.table.model() is dialog.vote_model
    qtbot.mouseClick(dialog.by_name, Qt.MouseButton.LeftButton)
    combo = dialog.table.indexWidget(dialog.vote_model.index(1, 1))
    assert isinstance(combo, QComboBox) and combo is dialog.choice_combos[12]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "—" → "For", by keyboard as before
    dialog.choice_combos[11].setCurrentIndex(dialog.choice_combos[11].findData(VoteChoice.FOR.value))
    dialog.choice_combos[13].setCurrentIndex(dialog.choice_combos[13].findData(VoteChoice.AGAINST.value))

    assert dialog.vote_model.index(1, 1).data() == "For"
    assert dialog.outcome.currentData() == VoteResult.CARRIED.value
    edit = dialog.result_edit()
    assert edit.recorded and edit.choices == {11: VoteChoice.FOR, 12: VoteChoice.FOR, 13: VoteChoice.AGAINST}


@pytest.mark.parametrize("rows", [[], [("a", 1, None), ("b", None, "c")]])
def test_the_text_rows_model_shows_given_cells(qtmodeltester: ModelTester, rows: list[tuple[Cell, ...]]) -> None:
    model = TextRowsModel(["Name", "Count", "Note"])
    model.set_cells(rows)

    qtmodeltester.check(model)
    assert model.columnCount() == 3 and model.headerData(2, Qt.Orientation.Horizontal) == "Note"
    assert [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())] == [
        ["a", "1", ""],
        ["b", "", "c"],
    ][: len(rows)]


def test_the_plan_review_model_colours_the_status_cell(qtmodeltester: ModelTester) -> None:
    rows = [
        PlanReviewRow(1, "Plan", "1.1", "Recruit  two\nsocial workers", "", dt.date(2017, 9, 21), "Ann", "On track",
                      "#2E7D32"),
        PlanReviewRow(2, "Plan", "1.2", "Audit", "end of year", None, "", "", ""),
    ]  # fmt: skip
    model = PlanReviewModel()
    model.set_rows(rows)

    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(5)] == [
        "1.1", "Recruit two social workers", "Ann", "21 Sep 2017", "On track",
    ]  # fmt: skip
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "Recruit  two\nsocial workers"
    assert model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole) == QColor("#2E7D32")
    assert model.index(1, 3).data() == "end of year" and model.index(1, 4).data() == "Not rated"
    assert model.index(1, 4).data(Qt.ItemDataRole.ForegroundRole) == QColor(MUTED_TEXT)
    assert model.index(1, 4).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_proposals_model_ticks_all_but_conflicts_and_cannot_tick_a_missing_record(
    qtmodeltester: ModelTester,
) -> None:
    model = ProposalsToAcceptModel()
    model.set_proposals([_proposal(1), _proposal(2, conflict="Changed since"), _proposal(3, missing=True)])

    qtmodeltester.check(model)
    assert model.ticked() == [1]
    assert model.index(0, 3).data() == "Open → Completed"
    assert not model.flags(model.index(2, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(model.index(2, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(1, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked() == [2]


def test_the_chairs_window_models_show_records_with_their_proposals(qtmodeltester: ModelTester) -> None:
    records = [_record(1), _record(2)]
    lines = [ProposalLine(7, ProposalKind.ACTION, 2, ReviewField.STATUS, "Completed", "Shown")]
    model, proposals = ReviewRecordsModel(), ChairProposalsModel()
    model.set_contents(records, lines)
    proposals.set_proposals(lines, records)

    qtmodeltester.check(model)
    qtmodeltester.check(proposals)
    assert model.index(1, 6).data() == "Status: Completed" and model.index(0, 6).data() == ""
    assert "due october" in model.row_text(0).casefold()
    assert [proposals.index(0, c).data() for c in range(4)] == ["IB-2 Action 2", "Status", "Completed", "Shown"]


def test_the_file_rows_model_turns_an_edit_into_a_fix(qtmodeltester: ModelTester) -> None:
    model = RowsModel()
    model.set_file_rows(
        [FileRow("Sheet 'A'", 2, ("Act", "Jane")), FileRow("Sheet 'A'", 3, ("Do", ""), Severity.ERROR)],
        ["A · Action", "B · Owner"],
    )
    edits: list[tuple[str, int, int, str]] = []
    model.cell_edited.connect(lambda *args: edits.append(args))

    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "B · Owner"
    assert model.find("Sheet 'A'", 3) == 1 and model.find("Sheet 'A'", 9) == -1
    assert not model.setData(model.index(0, 1), "Act")  # unchanged: no fix
    assert model.setData(model.index(1, 2), "Geoff")
    assert edits == [("Sheet 'A'", 3, 1, "Geoff")] and model.index(1, 2).data() == "Geoff"


def test_no_gui_module_builds_a_qtablewidget() -> None:
    """DESIGN's rule: tables are views over a model of plain rows (the last QTableWidgets went in issue 13)."""
    gui = Path(boardapp.gui.__file__).parent
    users = sorted(str(p.relative_to(gui)) for p in gui.rglob("*.py") if "QTableWidget" in p.read_text("utf-8"))
    assert users == []
