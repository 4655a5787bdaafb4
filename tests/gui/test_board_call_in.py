"""The board settings dialog's call-in period (issue 17): typed by keyboard, stored on the board."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boardapp.gui.dialogs.board_settings import BoardSettingsDialog
from boardapp.gui.operations import Operations
from boardapp.services import boards
from boardapp.services.errors import InvalidChange
from boardapp.store.database import Store


def test_change_the_call_in_period_of_a_board(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Cabinet")
    dialog = BoardSettingsDialog(Operations(store, show_errors=False), board_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.call_in_spin.value() == 5
    dialog.call_in_spin.selectAll()
    qtbot.keyClicks(dialog.call_in_spin, "10")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        assert boards.board_settings(session, board_id).call_in_days == 10


def test_a_new_board_keeps_the_call_in_period_typed(qtbot: QtBot, store: Store) -> None:
    dialog = BoardSettingsDialog(Operations(store, show_errors=False))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Cabinet")
    dialog.call_in_spin.selectAll()
    qtbot.keyClicks(dialog.call_in_spin, "3")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved_id is not None
    with store.session() as session:
        assert boards.board_settings(session, dialog.saved_id).call_in_days == 3


def test_the_service_refuses_an_impossible_call_in_period(store: Store) -> None:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Cabinet")
        with pytest.raises(InvalidChange):
            boards.update_board(session, board_id, call_in_days=-1)
