"""Reports pack…: the variant chosen with the mouse, the pack written and recorded as published."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from reportlab.pdfgen.canvas import Canvas
from sqlmodel import select

from boardapp.core.models import Paper
from boardapp.gui import desktop
from boardapp.gui.dialogs.export_pack import ExportPackDialog
from boardapp.gui.operations import Operations
from boardapp.services.publication import publications
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def click(qtbot: QtBot, widget: QWidget) -> None:
    at = QPoint(12, widget.height() // 2) if isinstance(widget, QAbstractButton) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)


def test_build_a_public_pack_through_the_widgets(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    messages: list[QMessageBox],
) -> None:  # fmt: skip
    paper_file = tmp_path / "report.pdf"
    canvas = Canvas(str(paper_file))
    canvas.drawString(72, 700, "Corporate parenting report text")
    canvas.showPage()
    canvas.save()
    with store.transaction() as session:
        session.add(Paper(agenda_item_id=sample.items[3], title="Corporate parenting report", location=str(paper_file)))
    opened: list[Path] = []

    def open_file(path: Path, parent: QWidget | None = None) -> bool:
        opened.append(Path(path))
        return True

    monkeypatch.setattr(desktop, "open_file", open_file)
    operations = Operations(store, show_errors=False)
    dialog = ExportPackDialog(operations, sample.meetings["august"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.radios[next(iter(dialog.radios))].isChecked()
    assert not dialog.radio_for("supplement").isEnabled()  # nothing published yet
    click(qtbot, dialog.radio_for("public"))
    assert dialog.path_edit.text().endswith("reports pack (public).pdf")
    target = tmp_path / "public pack.pdf"
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(target))
    click(qtbot, dialog.open_check)
    qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible() and opened == [target]
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(str(target)).pages).split())
    assert "Corporate parenting report text" in text and "Public reports pack" in text
    [note] = messages  # the video link is listed as not included
    assert "a web link" in note.text()
    with store.session() as session:
        [row] = publications(session, sample.meetings["august"])
        assert (row.kind, row.file_name) == ("public pack", "public pack.pdf")
        paper_ids = set(session.exec(select(Paper.id)).all())
        assert set(row.paper_ids) <= paper_ids
