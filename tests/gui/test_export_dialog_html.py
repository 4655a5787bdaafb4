"""Issue 15 point 4: "HTML" in the export dialog writes the accessible web page, remembered next time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_export_dialog import click, open_export  # the `messages` fixture is in tests/gui/conftest.py

from boardapp.exporting.backends.html_backend import read_html_text
from boardapp.gui.main_window import MainWindow
from boardapp.home import AppHome
from tests.helpers.builders import BOARD_NAME, ITEM_TITLES


def test_public_html_through_the_widgets(
    qtbot: QtBot, window: MainWindow, home: AppHome, tmp_path: Path, messages: list[QMessageBox]
) -> None:
    dialog = open_export(window)
    click(qtbot, dialog.html_radio)
    click(qtbot, dialog.public_radio)
    dialog.show_titles_check.setChecked(False)
    assert Path(dialog.path_edit.text()).name == f"2017-08-01 {BOARD_NAME} minutes (public).html"
    dialog.path_edit.setText(str(tmp_path / "web.pdf"))  # a wrong extension is put right
    click(qtbot, dialog.export_button)

    written = tmp_path / "web.html"
    assert written.is_file() and not dialog.isVisible()
    page = written.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page and "<script" not in page
    text = read_html_text(written)
    assert ITEM_TITLES[2] in text
    assert "Staffing matter" not in text  # the exempt item left out of the public page
    assert messages == []

    again = open_export(window, "agenda")
    assert again.html_radio.isChecked()  # the format is remembered
    again.reject()
