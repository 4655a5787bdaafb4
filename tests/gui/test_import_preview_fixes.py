"""Issue 14 point 2 in the import dialog: the clerk skips a row and edits a cell in the preview with the
keyboard and mouse, chooses to create the scale, and imports; the file itself is never changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.enums import PlanItemKind
from boardapp.core.models import Plan, PlanItem, StatusScale
from boardapp.gui.dialogs.import_dialog import ImportDialog
from boardapp.gui.main_window import MainWindow
from boardapp.importing.edits import CellEdit, RowSkip
from boardapp.services.plan_import import PlanImportPreview
from boardapp.store.database import Store
from tests.fixtures.actions import build as actions_build
from tests.helpers.builders import BOARD_NAME, Sample

SHEET = "Sheet 'Plan'"


def _plan(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    sheet.append(["1.1", "Agree the practice model", "Amanda Hatton", "May 2019", "Green"])  # row 2
    sheet.append(["", "", "Head of Service", "", "Yellow"])  # row 3: no action text: an error
    sheet.append(["1.2", "Audit the model's use", "Chris Coyle", "31 Sept 2019", "Yellow"])  # row 4
    workbook.save(path)
    return path


def _wait_preview(dialog: ImportDialog, qtbot: QtBot, before: int) -> None:
    qtbot.waitUntil(lambda: dialog.preview_count > before, timeout=5000)


def test_a_row_is_skipped_and_a_cell_edited_then_the_plan_imports(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    path = _plan(tmp_path / "Practice plan.xlsx")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    window.import_plan_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.set_path(path)
    assert dialog.preview is not None
    assert "Sheet 'Plan' row 3 column B ('Action')" in [e.where for e in dialog.preview.errors]
    assert not dialog.import_button.isEnabled()
    assert dialog.rows_model.rowCount() == 3

    # Skip row 3: click it, press Delete.
    view = dialog.rows_view
    found = dialog.rows_model.find(SHEET, 3)
    rect = view.visualRect(dialog.rows_model.index(found, 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.current_file_row() is not None and dialog.current_file_row().row == 3  # type: ignore[union-attr]
    count = dialog.preview_count
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    _wait_preview(dialog, qtbot, count)
    assert dialog.request() is not None and dialog.request().edits == (RowSkip(SHEET, 3),)  # type: ignore[union-attr]
    assert dialog.rows_model.rowCount() == 2 and dialog.rows_model.find(SHEET, 3) == -1

    # Edit the due of row 4 (column D): make it current, F2, type, Enter.
    dialog.select_file_row(SHEET, 4, 3)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "30 September 2019")
    count = dialog.preview_count
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_preview(dialog, qtbot, count)
    assert dialog.request().edits[-1] == CellEdit(SHEET, 4, 3, "30 September 2019")  # type: ignore[union-attr]
    assert not any("is not a date" in w.message for w in dialog.preview.warnings)

    # No scale of the sample holds Yellow: choose to create one from the file's ratings, with the keyboard.
    assert isinstance(dialog.preview, PlanImportPreview)
    assert dialog.preview.scale_offer is not None and dialog.preview.errors
    combo = dialog.scale_combo
    combo.setFocus()
    count = dialog.preview_count
    target = combo.findText("Create “Yellow / Green” from the file's ratings")
    assert target > 0
    for _ in range(target - combo.currentIndex()):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    _wait_preview(dialog, qtbot, count)
    assert dialog.preview is not None and not dialog.preview.errors
    assert dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    with store.session() as session:
        plan = session.exec(select(Plan).where(Plan.name == "Practice plan")).one()
        items = session.exec(select(PlanItem).where(PlanItem.plan_id == plan.id).order_by(col(PlanItem.id))).all()
        scale = session.get(StatusScale, plan.progress_scale_id)
    assert [i.text for i in items if i.ref] == ["Agree the practice model", "Audit the model's use"]
    assert [i.due_text for i in items if i.ref] == ["May 2019", "30 September 2019"]
    assert scale is not None and scale.name == "Yellow / Green"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "the file is never written"


def test_undo_takes_back_a_fix(window: MainWindow, qtbot: QtBot, sample: Sample, tmp_path: Path) -> None:
    path = _plan(tmp_path / "Practice plan.xlsx")
    window.import_plan_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    dialog.set_path(path)
    dialog.select_file_row(SHEET, 3)
    count = dialog.preview_count
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    _wait_preview(dialog, qtbot, count)
    assert dialog.rows_model.find(SHEET, 3) == -1 and dialog.undo_button.isEnabled()

    count = dialog.preview_count
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    _wait_preview(dialog, qtbot, count)

    assert dialog.rows_model.find(SHEET, 3) >= 0 and not dialog.undo_button.isEnabled()
    assert dialog.current_file_row() is not None and dialog.current_file_row().row == 3  # type: ignore[union-attr]


def test_the_action_log_preview_takes_the_same_fixes(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    window.import_actions_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.select_board(BOARD_NAME)
    dialog.set_path(actions_build.messy_log(tmp_path / "messy.xlsx"))
    assert dialog.preview is not None
    errors = {e.where for e in dialog.preview.errors}
    assert {"Sheet 'Actions' row 6 column F ('Status')", "Sheet 'Actions' row 7 column C ('Action')"} <= errors
    view = dialog.rows_view

    # Skip row 7 from the rows' context menu action, with its key.
    dialog.select_file_row("Sheet 'Actions'", 7, 2)
    view.setFocus()
    count = dialog.preview_count
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    _wait_preview(dialog, qtbot, count)

    # Type a status the log knows over "Purple" in row 6 (column F): typing starts the edit.
    dialog.select_file_row("Sheet 'Actions'", 6, 5)
    view.setFocus()
    qtbot.keyClicks(view, "O")  # typing starts the edit
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "pen")
    assert editor.text() == "Open", "typing over a cell replaces its text"
    count = dialog.preview_count
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_preview(dialog, qtbot, count)

    assert dialog.preview is not None
    left = {e.where for e in dialog.preview.errors}
    assert left == errors - {"Sheet 'Actions' row 6 column F ('Status')", "Sheet 'Actions' row 7 column C ('Action')"}
    assert dialog.request().edits == (  # type: ignore[union-attr]
        RowSkip("Sheet 'Actions'", 7),
        CellEdit("Sheet 'Actions'", 6, 5, "Open"),
    )
    assert [a.text() for a in view.actions()] == [
        "&Edit cell",
        "&Merge into the row above",
        "&Skip row",
        "&Undo last fix",
    ]


def test_ctrl_m_merges_a_row_into_the_one_above(
    window: MainWindow, qtbot: QtBot, sample: Sample, tmp_path: Path
) -> None:
    path = tmp_path / "Split plan.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Action", "Lead", "Due"])
    sheet.append(["1.1", "Train every team manager in", "Amanda Hatton", "May 2019"])
    sheet.append(["", "the new supervision policy", "", ""])
    workbook.save(path)
    window.import_plan_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.set_path(path)
    assert isinstance(dialog.preview, PlanImportPreview) and dialog.preview.counts[PlanItemKind.ACTION] == 2

    dialog.select_file_row(SHEET, 3, 1)
    dialog.rows_view.setFocus()
    count = dialog.preview_count
    qtbot.keyClick(dialog.rows_view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    _wait_preview(dialog, qtbot, count)

    assert isinstance(dialog.preview, PlanImportPreview)
    assert dialog.preview.counts[PlanItemKind.ACTION] == 1
    assert [n.text for n in dialog.preview.walk() if n.ref == "1.1"] == [
        "Train every team manager in\nthe new supervision policy"
    ]
    assert dialog.current_file_row() is not None and dialog.current_file_row().row == 2  # type: ignore[union-attr]
