"""The notes editor's bullets: Tab / Shift+Tab change a line's level, Enter continues or ends a list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boardapp.gui.workspace.notes_edit import NotesEdit, line_level


def _editor(qtbot: QtBot) -> NotesEdit:
    editor = NotesEdit()
    qtbot.addWidget(editor)
    editor.show()
    editor.setFocus()
    return editor


def test_tab_makes_bullets_and_enter_continues_them(qtbot: QtBot) -> None:
    editor = _editor(qtbot)
    qtbot.keyClicks(editor, "Amanda Hatton provided an update on:")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "Ofsted monitoring visit")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Caseloads")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, "down to 18 on average")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty sub-bullet: back to a bullet
    qtbot.keyClicks(editor, "Morale")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # empty bullet: the list ends
    qtbot.keyClicks(editor, "The Board noted the update.")
    assert editor.toPlainText() == (
        "Amanda Hatton provided an update on:\n"
        "- Ofsted monitoring visit\n"
        "- Caseloads\n"
        "  - down to 18 on average\n"
        "- Morale\n"
        "The Board noted the update."
    )


def test_shift_tab_outdents_every_selected_line_as_one_undo_step(qtbot: QtBot) -> None:
    editor = _editor(qtbot)
    editor.setPlainText("- one\n  - two\nthree")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.toPlainText() == "one\n- two\nthree"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "- one\n  - two\n- three"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == "  - one\n  - two\n  - three"  # two levels at most
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "- one\n  - two\n- three"


def test_the_cursor_stays_with_its_text(qtbot: QtBot) -> None:
    editor = _editor(qtbot)
    qtbot.keyClicks(editor, "Caseloads")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClicks(editor, " are falling")
    assert editor.toPlainText() == "- Caseloads are falling"
    assert [line_level(t) for t in ("para", "- b", "  - c", "-no space")] == [0, 1, 2, 0]


def test_read_only_notes_refuse_typing_but_allow_reading(qtbot: QtBot) -> None:
    editor = _editor(qtbot)
    editor.setPlainText("Approved text")
    editor.setReadOnly(True)
    with qtbot.waitSignal(editor.edit_refused, timeout=500):
        qtbot.keyClicks(editor, "x")
    with qtbot.assertNotEmitted(editor.edit_refused):
        qtbot.keyClick(editor, Qt.Key.Key_End)
        qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all, to copy
    assert editor.toPlainText() == "Approved text"
