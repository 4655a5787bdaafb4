"""Reports pack…: the public pack is the default; a confidential pack is recorded as published only on request."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas

from boardapp.core.models import Paper
from boardapp.gui.dialogs.export_pack import ExportPackDialog
from boardapp.gui.operations import Operations
from boardapp.services.publication import publications
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def click(qtbot: QtBot, widget: QWidget) -> None:
    at = QPoint(12, widget.height() // 2) if isinstance(widget, QAbstractButton) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)


def _paper(store: Store, sample: Sample, tmp_path: Path) -> None:
    paper_file = tmp_path / "report.pdf"
    canvas = Canvas(str(paper_file))
    canvas.drawString(72, 700, "Corporate parenting report text")
    canvas.showPage()
    canvas.save()
    with store.transaction() as session:
        session.add(Paper(agenda_item_id=sample.items[3], title="Corporate parenting report", location=str(paper_file)))


def _dialog(qtbot: QtBot, store: Store, sample: Sample, target: Path) -> ExportPackDialog:
    dialog = ExportPackDialog(Operations(store, show_errors=False), sample.meetings["august"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(target))
    return dialog


def test_the_public_pack_is_chosen_and_recorded_by_default(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path, messages: list[QMessageBox]
) -> None:
    _paper(store, sample, tmp_path)
    dialog = ExportPackDialog(Operations(store, show_errors=False), sample.meetings["august"])
    qtbot.addWidget(dialog)
    assert dialog.radio_for("public").isChecked() and dialog.record_check.isChecked()
    assert dialog.path_edit.text().endswith("reports pack (public).pdf")
    dialog.close()
    dialog = _dialog(qtbot, store, sample, tmp_path / "public.pdf")
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        assert [row.kind for row in publications(session, sample.meetings["august"])] == ["public pack"]


def test_a_full_pack_is_not_recorded_as_published_unless_the_clerk_ticks_it(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path, messages: list[QMessageBox]
) -> None:
    _paper(store, sample, tmp_path)
    dialog = _dialog(qtbot, store, sample, tmp_path / "full.pdf")
    click(qtbot, dialog.radio_for("full"))
    assert not dialog.record_check.isChecked()
    assert dialog.record_note.isVisible() and "confidential" in dialog.record_note.text()
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "full.pdf").exists()
    with store.session() as session:
        assert publications(session, sample.meetings["august"]) == []  # built, not recorded
    dialog = _dialog(qtbot, store, sample, tmp_path / "full again.pdf")
    click(qtbot, dialog.radio_for("full"))
    click(qtbot, dialog.record_check)  # the explicit choice
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
    with store.session() as session:
        assert [row.kind for row in publications(session, sample.meetings["august"])] == ["pack"]
    click_back = _dialog(qtbot, store, sample, tmp_path / "x.pdf")
    click(qtbot, click_back.radio_for("full"))
    click(qtbot, click_back.radio_for("public"))
    assert click_back.record_check.isChecked() and not click_back.record_note.isVisible()
