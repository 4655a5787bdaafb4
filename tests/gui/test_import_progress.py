"""File ▸ Import ▸ Action log… on a long log: a progress window with Cancel; Cancel stops the read and nothing
is written (issue 11 point 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func
from sqlmodel import select

from boardapp.core.models import Action
from boardapp.gui.dialogs.import_dialog import ImportDialog
from boardapp.gui.main_window import MainWindow
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, Sample

HEADER = ["Ref", "Date raised", "Action", "Owner", "Due", "Status", "Update"]


@pytest.fixture(scope="module")
def long_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action Log"
    sheet.append(HEADER)
    for n in range(3000):
        sheet.append([f"IB-X{n:05d}", None, f"Report on work stream {n}", "Chris Coyle", None, "Open", None])
    path = tmp_path_factory.mktemp("log") / "Long log.xlsx"
    workbook.save(path)
    return path


def _actions(store: Store) -> int:
    with store.session() as session:
        return session.exec(select(func.count()).select_from(Action)).one()


def _dialog(window: MainWindow, qtbot: QtBot) -> ImportDialog:
    window.import_actions_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.select_board(BOARD_NAME)
    dialog.progress.delay_ms = 0  # show the progress window at once (a real file this size takes seconds)
    return dialog


def _watch(dialog: ImportDialog, seen: list[str], cancel_at: int | None, qtbot: QtBot) -> QTimer:
    """Runs while the file is read (the progress callback lets events through): notes the progress text and
    clicks Cancel once `cancel_at` rows are read."""
    timer = QTimer(dialog)
    timer.setInterval(0)

    def look() -> None:
        progress = dialog.progress.window
        if progress is None or not progress.isVisible():
            return
        seen.append(progress.labelText())
        if cancel_at is not None and progress.value() >= cancel_at:
            cancel = progress.findChild(QPushButton)
            assert cancel is not None and cancel.text() == "Cancel"
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
            timer.stop()

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_a_long_log_shows_progress_while_it_is_read(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, long_log: Path
) -> None:
    dialog = _dialog(window, qtbot)
    seen: list[str] = []
    timer = _watch(dialog, seen, None, qtbot)
    dialog.set_path(long_log)
    timer.stop()
    assert "Read 1,000 of 3,001 rows…" in seen and "Read 3,000 of 3,001 rows…" in seen
    assert dialog.progress.window is None  # gone once read
    assert "3000 actions" in dialog.summary_label.text()
    assert dialog.import_button.isEnabled()


def test_cancel_stops_the_read_and_nothing_is_written(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, long_log: Path
) -> None:
    before = _actions(store)
    dialog = _dialog(window, qtbot)
    seen: list[str] = []
    _watch(dialog, seen, 1000, qtbot)
    dialog.set_path(long_log)
    assert "Read 1,000 of 3,001 rows…" in seen
    assert not any("Read 3,000" in text for text in seen)  # stopped at the click
    assert dialog.message_label.text() == "The import of Long log.xlsx was cancelled; nothing was imported."
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # disabled: does nothing
    assert _actions(store) == before


def test_cancel_while_writing_rolls_back_and_keeps_the_preview(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, long_log: Path
) -> None:
    before = _actions(store)
    dialog = _dialog(window, qtbot)
    window.operations.show_errors = False  # the refusal's message box: its text is checked below instead
    dialog.set_path(long_log)
    assert dialog.import_button.isEnabled()
    previews = dialog.preview_count
    seen: list[str] = []
    _watch(dialog, seen, 1000, qtbot)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Wrote 1,000 of 3,000 actions…" in seen
    assert dialog.message_label.text() == "The import of Long log.xlsx was cancelled; nothing was written."
    assert _actions(store) == before  # the transaction was rolled back
    assert dialog.preview_count == previews and dialog.import_button.isEnabled()  # not read again; can retry
    assert dialog.isVisible()
