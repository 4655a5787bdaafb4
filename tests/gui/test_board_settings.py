"""The board settings dialog, driven by keyboard and mouse on an empty database; asserts on what was stored."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QTimeEdit
from pytestqt.qtbot import QtBot

from boardapp.core.enums import MinuteNumbering
from boardapp.gui.dialogs.board_settings import BoardSettingsDialog, edit_board
from boardapp.gui.operations import Operations
from boardapp.services import boards
from boardapp.store.database import Store

LEFT = Qt.MouseButton.LeftButton


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _select_item(dialog: BoardSettingsDialog, row: int) -> None:
    dialog.items_view.setFocus()
    dialog.items_view.setCurrentIndex(dialog.items_model.index(row))


def test_create_a_board_from_an_empty_database(qtbot: QtBot, store: Store) -> None:
    operations = Operations(store, show_errors=False)
    dialog = BoardSettingsDialog(operations)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.standing_items() == list(boards.DEFAULT_STANDING_ITEMS)
    assert dialog.archive_button is None
    qtbot.keyClicks(dialog.name_edit, "Corporate Parenting Board")
    qtbot.keyClicks(dialog.short_name_edit, "CPB")
    qtbot.keyClicks(dialog.venue_edit, "Committee Room B")
    qtbot.mouseClick(dialog.has_time, LEFT, pos=dialog.has_time.rect().center())
    assert dialog.time_edit.isEnabled()
    dialog.time_edit.setFocus()
    dialog.time_edit.setSelectedSection(QTimeEdit.Section.HourSection)
    qtbot.keyClicks(dialog.time_edit, "0930")
    dialog.length_spin.selectAll()
    qtbot.keyClicks(dialog.length_spin, "90")
    dialog.quorum_spin.selectAll()
    qtbot.keyClicks(dialog.quorum_spin, "3")
    assert not dialog.year_start.isEnabled()
    dialog.numbering.setFocus()
    qtbot.keyClick(dialog.numbering, Qt.Key.Key_Down)  # → continuous
    qtbot.keyClick(dialog.numbering, Qt.Key.Key_Down)  # → municipal year
    assert dialog.year_start.isEnabled() and dialog.year_start.currentText() == "May"
    dialog.year_start.setFocus()
    qtbot.keyClicks(dialog.year_start, "April")
    # Standing items: drop "Declarations of interest", move AOB above "Minutes...", add one at the end.
    _select_item(dialog, 1)
    qtbot.mouseClick(dialog.item_buttons["remove"], LEFT)
    _select_item(dialog, 2)  # "Any other business"
    qtbot.keyClick(dialog.items_view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.standing_items()[1] == "Any other business"
    _select_item(dialog, 3)
    qtbot.mouseClick(dialog.item_buttons["add"], LEFT)
    editors = dialog.items_view.viewport().findChildren(QLineEdit)
    assert len(editors) == 1  # the new item opens for typing its title
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, "Exempt business")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on its next turn of the event loop
    qtbot.waitUntil(lambda: dialog.standing_items()[-1] == "Exempt business", timeout=2000)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.saved_id is not None
    with store.session() as session:
        settings = boards.board_settings(session, dialog.saved_id)
    assert settings.name == "Corporate Parenting Board" and settings.short_name == "CPB"
    assert (settings.venue, settings.start_time) == ("Committee Room B", "09:30")
    assert (settings.usual_length_minutes, settings.quorum) == (90, 3)
    assert settings.minute_numbering is MinuteNumbering.MUNICIPAL_YEAR
    assert settings.municipal_year_start_month == 4
    assert settings.standing_items == (
        "Welcome, introductions and apologies",
        "Any other business",
        "Minutes and actions from the last meeting",
        "Date of next meeting",
        "Exempt business",
    )


def test_a_refusal_keeps_the_dialog_open_with_what_was_typed(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        boards.create_board(session, "MASH Board")
    operations = Operations(store, show_errors=False)
    dialog = BoardSettingsDialog(operations)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "mash board")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # the default button: Create board
    assert dialog.isVisible() and dialog.saved_id is None
    assert "already a board called “MASH Board”" in dialog.message.text()
    assert dialog.name_edit.text() == "mash board"
    with store.session() as session:
        assert [b.name for b in boards.list_boards(session)] == ["MASH Board"]


def test_edit_an_existing_board_then_archive_it_after_confirming(qtbot: QtBot, store: Store) -> None:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board", start_time="14:30", quorum=4)
    operations = Operations(store, show_errors=False)
    dialog = BoardSettingsDialog(operations, board_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.time_edit.time().toString("HH:mm") == "14:30" and dialog.quorum_spin.value() == 4
    _type(qtbot, dialog.venue_edit, "County Hall")
    _select_item(dialog, 0)
    qtbot.keyClick(dialog.items_view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    _select_item(dialog, 4)
    qtbot.mouseClick(dialog.item_buttons["up"], LEFT)
    qtbot.mouseClick(dialog.has_time, LEFT, pos=dialog.has_time.rect().center())  # no usual time any more
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.saved_id == board_id
    with store.session() as session:
        settings = boards.board_settings(session, board_id)
    assert settings.venue == "County Hall" and settings.start_time == ""
    assert settings.standing_items[:2] == ("Declarations of interest", "Welcome, introductions and apologies")
    assert settings.standing_items[3:] == ("Date of next meeting", "Any other business")

    answers: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        qtbot.mouseClick(box.button(button), LEFT)

    again = BoardSettingsDialog(operations, board_id)
    qtbot.addWidget(again)
    again.show()
    assert again.archive_button is not None
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(again.archive_button, LEFT)
    with store.session() as session:
        assert not boards.board_settings(session, board_id).archived
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(again.archive_button, LEFT)
    assert "Archive “Improvement Board”?" in answers[0] and len(answers) == 2
    with store.session() as session:
        assert boards.board_settings(session, board_id).archived
        assert boards.list_boards(session) == []


def test_edit_board_returns_none_when_cancelled(qtbot: QtBot, store: Store) -> None:
    operations = Operations(store, show_errors=False)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, BoardSettingsDialog)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Cancel), LEFT)

    QTimer.singleShot(0, cancel)
    assert edit_board(None, operations) is None
    with store.session() as session:
        assert boards.list_boards(session) == []
