"""File ▸ Export ▸ Minutes… / Agenda…: the dialog's choices, the file written, the folder and the
"open when done" remembered, warnings and refusals shown, the file opened through gui/desktop."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from boardapp.exporting.backends.output import ExportResult
from boardapp.gui import desktop
from boardapp.gui.dialogs import export_meeting
from boardapp.gui.dialogs.export_meeting import SETTINGS_FOLDER, SETTINGS_OPEN, ExportDialog
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.home import AppHome
from tests.helpers.builders import BOARD_NAME, ITEM_TITLES, Sample


def settings(home: AppHome) -> QSettings:
    return QSettings(str(home.settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """What the dialog asked the desktop to open (nothing is really opened)."""
    calls: list[Path] = []
    monkeypatch.setattr(desktop, "open_file", lambda path, parent=None: calls.append(Path(path)) or True)
    return calls


def open_export(window: MainWindow, kind: str = "minutes") -> ExportDialog:
    action = window.meeting_exports.minutes_action if kind == "minutes" else window.meeting_exports.agenda_action
    assert action.isEnabled()
    action.trigger()
    dialog = window.meeting_exports.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def click(qtbot: QtBot, widget: QWidget) -> None:
    """Click as a user would: a radio button or check box on its label, a button in its middle."""
    at = QPoint(12, widget.height() // 2) if isinstance(widget, QAbstractButton) else widget.rect().center()
    if isinstance(widget, QPushButton):
        at = widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)


def test_public_pdf_through_the_widgets(
    qtbot: QtBot, window: MainWindow, home: AppHome, tmp_path: Path, opened: list[Path], messages: list[QMessageBox]
) -> None:
    last = tmp_path / "last time"
    last.mkdir()
    settings(home).setValue(SETTINGS_FOLDER, str(last))
    dialog = open_export(window)
    assert dialog.windowTitle() == "Export the minutes"
    assert Path(dialog.path_edit.text()) == last / f"2017-08-01 {BOARD_NAME} minutes.docx"
    assert not dialog.show_titles_check.isEnabled()
    assert dialog.exempt_note.text() == "This meeting has 1 exempt (Part II) item."

    click(qtbot, dialog.pdf_radio)
    click(qtbot, dialog.public_radio)
    assert dialog.show_titles_check.isEnabled()
    assert Path(dialog.path_edit.text()) == last / f"2017-08-01 {BOARD_NAME} minutes (public).pdf"
    target = tmp_path / "published"
    target.mkdir()
    dialog.path_edit.setText(str(target / "August minutes"))  # no extension: the format's is added
    dialog.open_check.setChecked(True)
    click(qtbot, dialog.export_button)

    written = target / "August minutes.pdf"
    assert written.is_file()
    assert dialog.export_result is not None and dialog.export_result.path == written
    assert not dialog.isVisible()
    text = "\n".join(page.extract_text() for page in PdfReader(written).pages)
    assert ITEM_TITLES[2] in text
    assert "Staffing matter" in text  # the exempt item's title, which the clerk allowed (the default)
    assert settings(home).value(SETTINGS_FOLDER) == str(target)
    assert settings(home).value(SETTINGS_OPEN, type=bool) is True
    assert opened == [written]
    assert messages == []  # no warnings, no errors
    assert str(written) in window.statusBar().currentMessage()

    again = open_export(window, "agenda")  # the folder, "open when done" and PDF are remembered
    assert Path(again.path_edit.text()).parent == target
    assert again.open_check.isChecked()
    assert again.pdf_radio.isChecked()
    assert again.full_radio.isChecked()  # the version is chosen afresh every time
    again.reject()


def test_the_public_version_leaves_out_the_exempt_item(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, opened: list[Path], messages: list[QMessageBox]
) -> None:
    dialog = open_export(window)
    click(qtbot, dialog.pdf_radio)
    click(qtbot, dialog.public_radio)
    dialog.show_titles_check.setChecked(False)
    dialog.path_edit.setText(str(tmp_path / "public.pdf"))
    click(qtbot, dialog.export_button)
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "public.pdf").pages)
    assert "Staffing matter" not in text
    assert opened == []  # not asked to open it


def test_not_ticked_no_opening_and_word_by_default(
    qtbot: QtBot, window: MainWindow, home: AppHome, tmp_path: Path, opened: list[Path], messages: list[QMessageBox]
) -> None:
    dialog = open_export(window, "agenda")
    assert dialog.word_radio.isChecked() and not dialog.open_check.isChecked()
    dialog.path_edit.setText(str(tmp_path / "agenda.docx"))
    click(qtbot, dialog.export_button)
    assert (tmp_path / "agenda.docx").is_file()
    assert opened == []
    assert settings(home).value(SETTINGS_OPEN, type=bool) is False


def test_a_refusal_is_shown_and_the_dialog_stays(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, opened: list[Path], messages: list[QMessageBox]
) -> None:
    dialog = open_export(window)
    dialog.open_check.setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "minutes.docx"))
    click(qtbot, dialog.export_button)
    assert [box.windowTitle() for box in messages] == ["Export failed"]
    assert "does not exist" in messages[0].text()
    assert dialog.isVisible() and dialog.export_result is None
    assert opened == []
    dialog.path_edit.setText("")
    click(qtbot, dialog.export_button)
    assert messages[-1].text() == "Choose where to save the file."
    dialog.reject()


def test_warnings_are_listed(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    opened: list[Path],
    messages: list[QMessageBox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warnings = tuple(f"Warning number {n}" for n in range(15))

    def fake_export(
        _session: object, _kind: object, _meeting: int, path: Path, *_a: object, **_k: object
    ) -> ExportResult:
        Path(path).write_bytes(b"x")
        return ExportResult(path=Path(path), warnings=warnings)

    monkeypatch.setattr(export_meeting, "export_document", fake_export)
    dialog = open_export(window)
    dialog.path_edit.setText(str(tmp_path / "m.docx"))
    click(qtbot, dialog.export_button)
    assert len(messages) == 1
    box = messages[0]
    assert box.windowTitle() == "Exported, with warnings"
    assert box.text() == "The minutes were saved to m.docx, but note:"
    assert "• Warning number 0" in box.informativeText()
    assert "and 3 more" in box.informativeText()
    assert "Warning number 14" in box.detailedText()


def test_replacing_a_file_asks_first(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    opened: list[Path],
    messages: list[QMessageBox],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    existing = tmp_path / "minutes.docx"
    existing.write_bytes(b"keep me")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: answers.pop(0))
    dialog = open_export(window)
    dialog.path_edit.setText(str(existing))
    click(qtbot, dialog.export_button)
    assert existing.read_bytes() == b"keep me" and dialog.isVisible()
    click(qtbot, dialog.export_button)
    assert existing.read_bytes() != b"keep me" and not dialog.isVisible()


def test_export_needs_a_meeting_shown(window: MainWindow, sample: Sample) -> None:
    exports = window.meeting_exports
    file_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    export_menu = next(a.menu() for a in file_menu.actions() if a.text() == "&Export")
    assert [a.text() for a in export_menu.actions()] == ["&Minutes…", "&Agenda…", "&Reports pack…"]
    assert exports.minutes_action.isEnabled()
    window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    assert not exports.minutes_action.isEnabled() and not exports.agenda_action.isEnabled()
    assert not exports.pack_action.isEnabled()
    assert exports.open_dialog("minutes") is None
    window.select(NavTarget(NodeKind.MEETING, sample.meetings["september"], sample.board_id))
    assert exports.agenda_action.isEnabled()


def test_the_meeting_page_buttons_open_the_dialog(qtbot: QtBot, window: MainWindow, sample: Sample) -> None:
    click(qtbot, window.meeting_page.export_buttons["agenda"])
    dialog = window.meeting_exports.dialog
    assert dialog is not None and dialog.windowTitle() == "Export the agenda"
    assert dialog.meeting_id == sample.meetings["august"]
    assert Path(dialog.path_edit.text()).name == f"2017-08-01 {BOARD_NAME} agenda.docx"
    dialog.reject()


def test_the_workspace_exports_its_meeting_with_the_last_words_typed(
    window: MainWindow, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_workspace()
    flushed: list[bool] = []
    monkeypatch.setattr(window.workspace, "flush", lambda: flushed.append(True) or True)
    dialog = window.meeting_exports.open_dialog("minutes")
    assert dialog is not None and dialog.meeting_id == sample.meetings["august"]
    assert flushed == [True]
    dialog.reject()


def test_a_typed_name_survives_a_change_of_format(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_export(window)
    dialog.path_edit.setText(str(tmp_path / "For the chair.docx"))
    click(qtbot, dialog.pdf_radio)
    assert Path(dialog.path_edit.text()) == tmp_path / "For the chair.pdf"
    click(qtbot, dialog.public_radio)
    assert Path(dialog.path_edit.text()) == tmp_path / "For the chair.pdf"
    dialog.reject()


# -- opening the file --------------------------------------------------------------------------------------------
def test_with_no_desktop_the_clerk_is_told_where_the_file_is(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "minutes & more.pdf"
    path.write_bytes(b"%PDF")
    assert not desktop.has_desktop()  # the tests run on the offscreen platform
    assert desktop.open_file(path) is False
    box = next(w for w in qtbot_top_levels() if w.objectName() == "fileNotOpened")
    qtbot.addWidget(box)
    assert "minutes &amp; more.pdf" in box.text()
    assert "no desktop" in box.text()


def test_a_desktop_that_cannot_open_the_file_says_so(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Path] = []
    monkeypatch.setattr(desktop, "has_desktop", lambda: True)
    monkeypatch.setattr(desktop, "opener", lambda path: asked.append(path) or False)
    assert desktop.open_file(tmp_path / "a.pdf") is False
    assert asked == [tmp_path / "a.pdf"]
    box = next(w for w in qtbot_top_levels() if w.objectName() == "fileNotOpened")
    qtbot.addWidget(box)
    assert "No application is set up to open PDF files" in box.text()
    monkeypatch.setattr(desktop, "opener", lambda path: True)
    assert desktop.open_file(tmp_path / "a.pdf") is True


def qtbot_top_levels() -> list:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]
