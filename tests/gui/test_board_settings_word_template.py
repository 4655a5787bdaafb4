"""Issue 15: the board settings dialog's Word template row (Choose file… / Use BoardApp's own),
driven with the mouse on an empty database; asserts on what was stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from boardapp.gui.dialogs.board_settings import BoardSettingsDialog
from boardapp.gui.operations import Operations
from boardapp.services import boards
from boardapp.store.database import Store
from tests.helpers.word_templates import make_house_template

LEFT = Qt.MouseButton.LeftButton


def stored(store: Store, board_id: int) -> str:
    with store.session() as session:
        return boards.board_settings(session, board_id).word_template


def open_dialog(qtbot: QtBot, store: Store, board_id: int | None) -> BoardSettingsDialog:
    dialog = BoardSettingsDialog(Operations(store, show_errors=False), board_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(
    qtbot: QtBot, dialog: BoardSettingsDialog, monkeypatch: pytest.MonkeyPatch, answer: Path | None
) -> list[str]:
    """Click Choose file…, the file dialog answering `answer` (None: cancelled); the folders it opened in."""
    asked: list[str] = []

    def pick(_parent: object, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return (str(answer) if answer else "", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    qtbot.mouseClick(dialog.findChild(QPushButton, "boardWordTemplateChoose"), LEFT)
    return asked


@pytest.fixture
def board_id(store: Store) -> int:
    with store.transaction() as session:
        created, _ = boards.create_board(session, "Cabinet")
    return created


def test_choose_a_house_template_and_save(
    qtbot: QtBot, store: Store, board_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    house = make_house_template(tmp_path / "house.docx", drop=("Resolved Label",))
    dialog = open_dialog(qtbot, store, board_id)
    assert dialog.template_edit.text() == "" and dialog.template_edit.placeholderText() == "BoardApp's own"
    choose(qtbot, dialog, monkeypatch, house)
    assert dialog.template_edit.text() == str(house)
    assert "no style named “Resolved Label”" in dialog.template_note.text()  # says which style BoardApp adds
    assert dialog.template_note.isVisible()
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert stored(store, board_id) == str(house)


def test_use_boardapps_own_again(
    qtbot: QtBot, store: Store, board_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    house = make_house_template(tmp_path / "house.docx")
    with store.transaction() as session:
        boards.update_board(session, board_id, word_template=str(house))
    dialog = open_dialog(qtbot, store, board_id)
    assert dialog.template_edit.text() == str(house)
    assert choose(qtbot, dialog, monkeypatch, None) == [str(house)]  # opens where the template is; cancelled
    assert dialog.template_edit.text() == str(house)
    qtbot.mouseClick(dialog.findChild(QPushButton, "boardWordTemplateReset"), LEFT)
    assert dialog.template_edit.text() == ""
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert stored(store, board_id) == ""


def test_an_unreadable_file_is_refused_with_its_name_and_the_choice_stays(
    qtbot: QtBot, store: Store, board_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_text("not a Word file")
    dialog = open_dialog(qtbot, store, board_id)
    choose(qtbot, dialog, monkeypatch, broken)
    assert dialog.message.isVisible()
    assert f"The Word template {broken} could not be read as a Word document" in dialog.message.text()
    assert dialog.template_edit.text() == ""
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert stored(store, board_id) == ""


def test_a_template_gone_missing_does_not_stop_other_settings_saving(
    qtbot: QtBot, store: Store, board_id: int, tmp_path: Path
) -> None:
    house = make_house_template(tmp_path / "house.docx")
    with store.transaction() as session:
        boards.update_board(session, board_id, word_template=str(house))
    house.unlink()
    dialog = open_dialog(qtbot, store, board_id)
    assert dialog.template_note.isVisible() and "This file is missing" in dialog.template_note.text()
    dialog.venue_edit.setFocus()
    qtbot.keyClicks(dialog.venue_edit, "Room 2")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.saved_id == board_id
    with store.session() as session:
        settings = boards.board_settings(session, board_id)
    assert (settings.venue, settings.word_template) == ("Room 2", str(house))


def test_a_new_board_keeps_the_template_chosen(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    house = make_house_template(tmp_path / "house.docx")
    dialog = open_dialog(qtbot, store, None)
    qtbot.keyClicks(dialog.name_edit, "Audit Committee")
    choose(qtbot, dialog, monkeypatch, house)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.saved_id is not None
    assert stored(store, dialog.saved_id) == str(house)
