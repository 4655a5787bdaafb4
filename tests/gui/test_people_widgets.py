"""Every button and field of the People page, the board settings and the import dialog, on an empty
database and on the demo: each gets the focus and a click, with each line selected in turn. Dialogs the
clicks open are cancelled at once. Any exception in a slot fails the test (pytest-qt catches it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from boardapp.gui.dialogs.board_settings import BoardSettingsDialog
from boardapp.gui.dialogs.members_import import MembersImportDialog
from boardapp.gui.operations import Operations
from boardapp.gui.views.people_page import PeoplePage
from boardapp.services import boards
from boardapp.store.database import Store

LEFT = Qt.MouseButton.LeftButton
WRITES = {"boardSave", "boardArchive", "membersImportRun"}  # clicked by the dialog tests, not here


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every modal dialog returns at once, cancelled; the names of those opened are recorded."""
    seen: list[str] = []

    def cancelled(self: QDialog) -> int:
        seen.append(type(self).__name__)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", cancelled)
    monkeypatch.setattr(QMessageBox, "exec", cancelled)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *_a, **_k: seen.append("information")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: ("", "")))
    return seen


def _poke(qtbot: QtBot, root: QWidget) -> int:
    """Focus and click every visible, enabled widget under `root`; returns how many were clicked."""
    clicked = 0
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled() or widget.objectName() in WRITES:
            continue
        if isinstance(widget, QDialogButtonBox):
            continue
        widget.setFocus()
        if isinstance(widget, QAbstractButton):
            role = None
            box = widget.parent()
            if isinstance(box, QDialogButtonBox):
                role = box.buttonRole(widget)
            if role in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.RejectRole):
                continue
            qtbot.mouseClick(widget, LEFT, pos=widget.rect().center())
            clicked += 1
    return clicked


def _visit_page(qtbot: QtBot, page: PeoplePage) -> None:
    _poke(qtbot, page)
    for line in range(page.proxy.rowCount()):
        page.table.selectRow(line)
        for button in page.buttons.values():
            if button.isVisible() and button.isEnabled():
                qtbot.mouseClick(button, LEFT)


@pytest.mark.parametrize("with_demo", [False, True], ids=["empty", "demo"])
def test_every_widget_of_the_people_page_and_board_dialogs(
    qtbot: QtBot, request: pytest.FixtureRequest, opened: list[str], tmp_path: Path, with_demo: bool
) -> None:
    used: Store = request.getfixturevalue("demo_store" if with_demo else "store")
    operations = Operations(used, show_errors=False)
    page = PeoplePage(operations, today=lambda: dt.date(2017, 9, 1))
    qtbot.addWidget(page)
    page.show()
    _visit_page(qtbot, page)
    with used.session() as session:
        board_ids = [b.id for b in boards.list_boards(session)]
    if not with_demo:
        assert board_ids == []
        with used.transaction() as session:
            board_ids = [boards.create_board(session, "New Board")[0]]
    page.show_people(board_ids[0])
    _visit_page(qtbot, page)
    assert {"PersonDialog", "MergeDialog" if with_demo else "PersonDialog", "MemberDialog"} <= set(opened)
    assert ("EndMembershipDialog" in opened) is with_demo  # a new board has no member to end

    for board_id in (None, board_ids[0]):
        dialog = BoardSettingsDialog(operations, board_id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert _poke(qtbot, dialog) >= 6
        dialog.reject()
    csv = tmp_path / "m.csv"
    csv.write_text("Name,Role\nAnn Able,Chair\nBob Baker,Treasurer\n", encoding="utf-8")
    for path in (None, csv, tmp_path / "missing.xlsx"):
        dialog_i = MembersImportDialog(operations, board_ids[0], path)
        qtbot.addWidget(dialog_i)
        dialog_i.show()
        _poke(qtbot, dialog_i)
        dialog_i.reject()
