"""The main window on the sample board: navigator, pages, menus and remembered window state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.home import AppHome
from boardapp.store.backups import list_backups
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, ITEM_TITLES, OTHER_BOARD_NAME, PLAN_NAME, TODAY, Sample


def click(qtbot: QtBot, window: MainWindow, index: QModelIndex) -> None:
    """Click a navigator row as a user would, at the centre of where it is drawn."""
    assert index.isValid()
    window.navigator.scrollTo(index)
    rect = window.navigator.visualRect(index)
    assert rect.isValid(), "the row must be visible (its parents expanded) to be clicked"
    qtbot.mouseClick(window.navigator.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_window_shows_the_boards(window: MainWindow, store: Store) -> None:
    assert window.windowTitle() == f"BoardApp — {store.path.name}"
    model = window.navigator_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())][:2] == [BOARD_NAME, OTHER_BOARD_NAME]
    assert str(store.path) in window.path_label.text()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Board", "&View", "&Help"]
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"


def test_starts_on_the_latest_held_meeting(window: MainWindow, sample: Sample) -> None:
    assert window.current_target == NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)
    assert window.pages.currentWidget() is window.meeting_page
    assert window.navigator.isExpanded(window.navigator_model.index(0, 0))


def test_clicking_a_meeting_shows_its_minutes(qtbot: QtBot, window: MainWindow, sample: Sample) -> None:
    model = window.navigator_model
    click(qtbot, window, model.find(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id)))
    assert window.pages.currentWidget() is window.action_log_page
    click(qtbot, window, model.find(NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)))
    assert window.pages.currentWidget() is window.meeting_page
    text = window.meeting_page.text()
    for title in ITEM_TITLES:
        assert title in text  # escaped in the HTML, shown as typed
    assert "Tuesday 1 August 2017, 2.30 pm" in text
    assert "Resolved:" in text
    assert "Draft minutes" in text
    assert "County Councillor Geoff Driver CBE" in text
    assert "To show the video & report back – Natasha Wright/Board Members" in text


def test_plan_page(window: MainWindow, sample: Sample) -> None:
    assert window.select(NavTarget(NodeKind.PLAN, sample.plan_id, sample.board_id))
    assert window.pages.currentWidget() is window.plan_page
    assert PLAN_NAME in window.plan_page.title.text()
    assert window.plan_page.model.count() == 6
    # The first entry is selected and shown in full below the tree.
    assert "Board holds partners to account" in window.plan_page.detail.toPlainText()


def test_board_and_folder_rows_explain_themselves(window: MainWindow, sample: Sample) -> None:
    window.select(NavTarget(NodeKind.BOARD, sample.board_id, sample.board_id))
    assert window.pages.currentWidget() is window.welcome_page
    assert "6 open actions" in window.welcome_page.label.text()


def test_window_state_is_saved_and_restored(qtbot: QtBot, store: Store, home: AppHome, sample: Sample) -> None:
    first = MainWindow(store, home, today=TODAY)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(760, 540)
    first.splitter.setSizes([220, 540])
    first.close()
    assert home.settings_path.exists()
    assert "geometry" in home.settings_path.read_text()

    second = MainWindow(store, home, today=TODAY)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(760, 540)
    assert second.splitter.sizes()[0] == 220


def test_default_size_fits_the_screen(window: MainWindow) -> None:
    available = window.screen().availableGeometry()
    assert window.width() <= min(1280, available.width())
    assert window.height() <= min(800, available.height())
    assert window.splitter.sizes()[0] > 200


def test_backup_now(window: MainWindow, store: Store, home: AppHome) -> None:
    window.backup_action.trigger()
    assert len(list_backups(store.path, home.backups_dir)) == 1
    assert "Backup saved" in window.statusBar().currentMessage()


def test_open_another_database(window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "empty.sqlite"
    assert window.open_database(other)
    assert window.windowTitle() == "BoardApp — empty.sqlite"
    model = window.navigator_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Get started", "People and organisations"]
    assert window.pages.currentWidget() is window.get_started_page
    assert "empty" in window.get_started_page.intro.text()
    window.store.close()


def test_open_a_file_that_is_not_a_database_keeps_the_current_one(
    window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "minutes.docx"
    bad.write_bytes(b"PK\x03\x04 not a database")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    assert not window.open_database(bad)
    assert "not a BoardApp database" in warnings[0]
    assert window.store is store
    assert bad.read_bytes() == b"PK\x03\x04 not a database"
