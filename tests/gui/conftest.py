"""GUI fixtures: a main window on the sample board with a fixed "today", message boxes and fake board dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from boardapp.gui.main_window import MainWindow
from boardapp.home import AppHome
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample

if TYPE_CHECKING:
    from tests.gui.board_fakes import Calls


@pytest.fixture(autouse=True)
def _no_dialog_outlives_its_test(qapp: QApplication) -> Iterator[None]:
    """A dialog a test left open (shown with open(), or waiting in its own event loop) is closed, so that
    the next test's dialog helpers never find it and act on it instead of their own."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


@pytest.fixture
def window(qtbot: QtBot, store: Store, home: AppHome, sample: Sample) -> Iterator[MainWindow]:
    main = MainWindow(store, home, today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes shown (answered at once instead of waiting for a click)."""
    shown: list[QMessageBox] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """The board, people and calendar entry points replaced by fakes that record their calls (board_fakes.py)."""
    from tests.gui.board_fakes import install_fakes  # only the tests that use the fakes depend on them

    return install_fakes(monkeypatch)
