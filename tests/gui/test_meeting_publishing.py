"""Publishing from the main window: the get-started steps by Enter, the meeting page's publication line,
the Reports pack entry points, and File ▸ review copy entries reaching their dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.home import AppHome
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample


def test_enter_on_a_get_started_step_opens_it(
    qtbot: QtBot, store: Store, home: AppHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int | None] = []
    monkeypatch.setattr(
        "boardapp.gui.dialogs.board_settings.edit_board",
        lambda parent, operations, board_id=None: opened.append(board_id),
    )
    window = MainWindow(store, home, today=TODAY)  # an empty database: the get-started page
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    button = window.get_started_page.first_button
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert opened == [None]


def test_a_meeting_to_come_shows_when_its_agenda_must_be_published(window: MainWindow, sample: Sample) -> None:
    board = sample.board_id
    assert window.select(NavTarget(NodeKind.MEETING, sample.meetings["september"], board))
    label = window.meeting_page.deadline_label
    assert label.isVisibleTo(window.meeting_page)
    assert label.text().startswith("Publish the agenda by ")
    assert "September" not in label.text() or "2017" in label.text()

    assert window.select(NavTarget(NodeKind.MEETING, sample.meetings["august"], board))  # held, never published
    assert not window.meeting_page.deadline_label.isVisibleTo(window.meeting_page)


def test_the_reports_pack_from_the_meeting_page_and_the_export_menu(
    qtbot: QtBot, window: MainWindow, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []

    def fake_export_pack(parent: object, operations: object, meeting_id: int) -> Path:
        asked.append(meeting_id)
        return tmp_path / "pack.pdf"

    monkeypatch.setattr("boardapp.gui.dialogs.export_pack.export_pack", fake_export_pack)
    september = sample.meetings["september"]
    assert window.select(NavTarget(NodeKind.MEETING, september, sample.board_id))
    qtbot.mouseClick(window.meeting_page.export_buttons["pack"], Qt.MouseButton.LeftButton)
    assert asked == [september]
    assert "pack.pdf" in window.statusBar().currentMessage()

    pack_action = window.meeting_exports.pack_action
    assert pack_action.isEnabled() and pack_action in window.meeting_exports.menu.actions()
    pack_action.trigger()
    assert asked == [september, september]


def test_the_review_copy_entries_of_the_file_menu(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        "boardapp.gui.dialogs.review_copy.make_review_copy_dialog",
        lambda parent, operations, board_id: calls.append(f"make {board_id}"),
    )
    monkeypatch.setattr(
        "boardapp.gui.dialogs.review_copy.import_review_dialog",
        lambda parent, operations, *, today: calls.append(f"import {today}"),
    )
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert isinstance(file_menu, QMenu)
    texts = [action.text() for action in file_menu.actions()]
    assert {"Make a &review copy…", "Import a revie&w…", "Open a review &copy…"} <= set(texts)
    menus = window.board_menus
    menus.make_review_action.trigger()
    menus.import_review_action.trigger()
    assert calls == [f"make {menus.current_board_id()}", f"import {TODAY}"]
