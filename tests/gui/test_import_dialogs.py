"""File ▸ Import ▸ Improvement plan… / Action log…: the shared preview dialog driven as a clerk would,
with the file set through the dialog's API instead of the native file dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import ActionStatus, PlanItemKind
from boardapp.core.models import Action, Plan, PlanItem
from boardapp.gui.dialogs.import_dialog import ImportDialog
from boardapp.gui.dialogs.imports.mapping import NOT_IMPORTED
from boardapp.gui.dialogs.imports.preview_models import ProblemsModel
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NodeKind
from boardapp.importing.problems import Problem, Severity
from boardapp.store.database import Store
from tests.fixtures.actions import build
from tests.helpers.builders import BOARD_NAME, Sample


def _open(window: MainWindow, qtbot: QtBot, which: str) -> ImportDialog:
    action = window.import_actions_action if which == "actions" else window.import_plan_action
    action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _refs(store: Store, board_id: int) -> list[str]:
    with store.session() as session:
        return list(
            session.exec(
                select(Action.ref).where(Action.board_id == board_id, col(Action.ref).startswith("IB-17"))
            ).all()
        )


def test_the_file_menu_offers_both_imports(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    (import_menu,) = [a.menu() for a in file_menu.actions() if a.menu() is not None and a.text() == "&Import"]

    assert [a.text() for a in import_menu.actions()] == [
        "Improvement &plan…",
        "&Action log…",
        "&Membership list…",
        "M&inutes…",
    ]


def test_a_clean_action_log_is_previewed_then_imported(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    log = build.clean_log(tmp_path / "Board Action Log.xlsx")
    dialog = _open(window, qtbot, "actions")
    assert not dialog.import_button.isEnabled(), "nothing to import before a file is chosen"

    dialog.set_path(log)
    dialog.select_board(BOARD_NAME)

    assert dialog.windowTitle() == "Import an action log"
    assert dialog.problems_model.rowCount() == 0 and dialog.problems_box.title() == "Problems: 0 errors, 0 warnings"
    assert "7 actions (3 open, 1 in progress, 1 completed, 1 closed, 1 cancelled)" in dialog.summary_label.text()
    assert "Jane Booth" in dialog.summary_label.text()
    assert dialog.mapping_keys() == tuple(build.CLEAN_HEADER)
    assert dialog.mapping_combo("Owner").currentText() == "Owner(s)"
    assert _refs(store, sample.board_id) == [], "a preview writes nothing"
    assert dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert sorted(_refs(store, sample.board_id)) == [f"IB-17-0{n}" for n in range(1, 8)]
    with store.session() as session:
        closed = session.exec(select(Action).where(Action.ref == "IB-17-01")).one()
        assert closed.status is ActionStatus.CLOSED and closed.raised_meeting_id == sample.meetings["june"]
    target = window.current_target
    assert target is not None and (target.kind, target.id) == (NodeKind.ACTION_LOG, sample.board_id)
    assert "Imported 7 action(s)" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None)


def test_a_messy_log_shows_its_problems_errors_first_and_cannot_be_imported(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    dialog = _open(window, qtbot, "actions")

    dialog.set_path(build.messy_log(tmp_path / "messy.xlsx"))

    model = dialog.problems_model
    rows = [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]
    assert rows[:6] == [
        ("Error", "Sheet 'Actions' row 6 column F ('Status')"),
        ("Error", "Sheet 'Actions' row 7 column C ('Action')"),
        ("Error", "Sheet 'Actions' row 13 column C ('Action')"),
        ("Error", "Sheet 'Actions' row 18 column A ('Ref')"),
        ("Error", "Sheet 'Actions' row 19 column A ('Ref')"),
        ("Error", "Sheet 'Actions' row 20 column E ('Due')"),
    ]
    assert {severity for severity, _where in rows[6:]} == {"Warning"}
    assert dialog.problems_box.title() == "Problems: 6 errors, 13 warnings"
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    assert "“Purple” is not a status" in model.index(0, 2).data()
    assert not dialog.import_button.isEnabled()

    dialog.run_import()  # even asked directly, it refuses

    assert _refs(store, sample.board_id) == []
    with store.session() as session:
        assert session.exec(select(Action).where(Action.ref == "M-1")).first() is None


def test_wrong_headers_are_mapped_with_the_keyboard(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    dialog = _open(window, qtbot, "actions")
    dialog.set_path(build.wrong_headers_log(tmp_path / "tracker.xlsx"))
    assert dialog.preview is not None and len(dialog.preview.errors) == 1
    assert dialog.mapping_keys() == ("No.", "What", "Who", "When", "RAG", "Latest position")
    what = dialog.mapping_combo("What")
    assert what.currentText() == NOT_IMPORTED

    what.setFocus()
    with qtbot.waitSignal(dialog.previewed):
        qtbot.keyClick(what, Qt.Key.Key_A)  # the first field beginning with A: Action

    assert dialog.mapping_combo("What").currentText() == "Action"
    assert dialog.preview is not None and dialog.preview.errors == ()
    assert dialog.mapping_combo("Who").currentText() == "Owner(s)", "the rest recognised once a header row is"
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    with store.session() as session:
        texts = session.exec(select(Action.text).where(col(Action.ref).in_(["T-1", "T-2"]))).all()
    assert sorted(texts) == ["Agree the front door model", "Test the model"]


def test_a_mapping_changed_to_a_taken_field_previews_again(
    window: MainWindow, qtbot: QtBot, sample: Sample, tmp_path: Path
) -> None:
    dialog = _open(window, qtbot, "actions")
    dialog.set_path(build.clean_log(tmp_path / "log.xlsx"))
    update: QComboBox = dialog.mapping_combo("Update")

    update.setFocus()
    with qtbot.waitSignal(dialog.previewed):
        qtbot.keyClick(update, Qt.Key.Key_Home)  # (not imported)

    assert dialog.mapping_combo("Update").currentText() == NOT_IMPORTED
    assert dialog.preview is not None and all(a.update_note == "" for a in dialog.preview.actions)
    assert dialog.import_button.isEnabled(), "leaving a column out is the clerk's choice, not an error"


def test_a_plan_is_imported_through_the_same_dialog(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    path = tmp_path / "Front door plan.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Action", "Lead", "By When"])
    sheet.append(["1", "Front door"])
    sheet.append(["1.1", "Agree the model", "Amanda Hatton", "September 2017"])
    sheet.append(["1.2", "Test the model", "Chris Coyle / Heads of Service", "Ongoing"])
    workbook.save(path)
    dialog = _open(window, qtbot, "plan")

    dialog.set_path(path)

    assert dialog.windowTitle() == "Import an improvement plan"
    assert dialog.plan_name_edit.text() == "Front door plan", "named after the file until the clerk says otherwise"
    assert dialog.board_combo.currentText() == BOARD_NAME, "the board the window shows"
    assert "1 key area" in dialog.summary_label.text() and "2 actions" in dialog.summary_label.text()
    dialog.set_plan_name("Front door improvement plan")
    assert dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    with store.session() as session:
        plan = session.exec(select(Plan).where(Plan.name == "Front door improvement plan")).one()
        kinds = session.exec(select(PlanItem.kind).where(PlanItem.plan_id == plan.id)).all()
    assert plan.board_id == sample.board_id
    assert sorted(kinds) == sorted([PlanItemKind.KEY_AREA, PlanItemKind.ACTION, PlanItemKind.ACTION])
    target = window.current_target
    assert target is not None and (target.kind, target.id) == (NodeKind.PLAN, plan.id)


def test_a_plan_name_in_use_blocks_the_import(window: MainWindow, qtbot: QtBot, sample: Sample, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    workbook = Workbook()
    workbook.active.append(["Ref", "Action"])
    workbook.active.append(["1.1", "Agree the model"])
    workbook.save(path)
    dialog = _open(window, qtbot, "plan")
    dialog.set_path(path)
    assert dialog.import_button.isEnabled()

    dialog.plan_name_edit.setFocus()
    dialog.plan_name_edit.selectAll()
    with qtbot.waitSignal(dialog.previewed, timeout=3000):
        qtbot.keyClicks(dialog.plan_name_edit, "12 Week Improvement Plan")

    assert dialog.preview is not None and [p.where for p in dialog.preview.errors] == ["plan name"]
    assert not dialog.import_button.isEnabled()


def test_a_file_that_cannot_be_read_is_a_clear_message(
    window: MainWindow, qtbot: QtBot, sample: Sample, tmp_path: Path
) -> None:
    notes = tmp_path / "actions.xlsx"
    notes.write_text("Ref,Action\n1,Do it\n", encoding="utf-8")
    dialog = _open(window, qtbot, "actions")

    dialog.set_path(notes)

    assert dialog.message_label.isVisible()
    assert "actions.xlsx is not a Word (.docx) or Excel (.xlsx) file" in dialog.message_label.text()
    assert "Nothing can be imported from it." in dialog.message_label.text()
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert dialog.problems_model.rowCount() == 0 and dialog.mapping_keys() == ()

    dialog.set_path(build.clean_log(tmp_path / "log.xlsx"))

    assert not dialog.message_label.isVisible() and dialog.import_button.isEnabled()


@pytest.mark.parametrize("count", [0, 3])
def test_the_problems_model_passes_the_model_tester(qtmodeltester: ModelTester, count: int) -> None:
    model = ProblemsModel()
    problems = [
        Problem(Severity.WARNING, "Sheet 'A' row 2", "a warning", table="Sheet 'A'", row=2),
        Problem(Severity.ERROR, "Sheet 'A' row 9", "an error", table="Sheet 'A'", row=9),
        Problem(Severity.ERROR, "Sheet 'A' row 3", "an earlier error", table="Sheet 'A'", row=3),
    ][:count]
    model.set_problems(problems)

    qtmodeltester.check(model)
    assert [model.problem(r).message for r in range(model.rowCount())] == (
        ["an earlier error", "an error", "a warning"] if count else []
    )
