"""File ▸ Import ▸ Minutes…: the preview dialog driven by mouse, from an empty board; asserts on what was stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func
from sqlmodel import select

from boardapp.core.enums import MeetingStatus
from boardapp.core.models import Action, Meeting
from boardapp.gui.dialogs.minutes_import import MinutesImportDialog, import_minutes_files
from boardapp.gui.main_window import MainWindow
from boardapp.gui.operations import Operations
from boardapp.services import boards
from boardapp.store.database import Store
from tests.fixtures.minutes import build
from tests.helpers.builders import Sample

LEFT = Qt.MouseButton.LeftButton


def _on_modal(handler: Callable[[QWidget], None]) -> None:
    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None, "no dialog opened"
        handler(widget)

    QTimer.singleShot(0, run)


@pytest.fixture
def board(store: Store) -> int:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, build.BOARD, short_name="IB")
    return board_id


def test_preview_then_import_and_the_second_time_everything_is_skipped(
    qtbot: QtBot, store: Store, board: int, tmp_path: Path
) -> None:
    operations = Operations(store, show_errors=False)
    paths = [
        build.august_docx(tmp_path / "august.docx"),
        build.october_pdf(tmp_path / "october.pdf"),
        build.scanned_pdf(tmp_path / "scan.pdf"),
    ]

    seen: dict[str, object] = {}

    def check_and_import(widget: QWidget) -> None:
        """Read what the preview shows, then click Import (asserted after, so a failure cannot hang the dialog)."""
        assert isinstance(widget, MinutesImportDialog)
        model = widget.files_view.model()
        seen["rows"] = [[model.index(r, c).data() for c in range(9)] for r in range(model.rowCount())]
        seen["first problem"] = widget.problems_view.model().index(0, 1).data()
        seen["summary"] = widget.summary.text()
        seen["enabled"] = widget.import_button.isEnabled()
        qtbot.mouseClick(widget.import_button, LEFT)
        if widget.isVisible():
            widget.reject()

    _on_modal(check_and_import)
    assert import_minutes_files(None, operations, board, paths)
    assert seen["rows"] == [
        ["august.docx", "1 August 2017", "imported as a held meeting", 15, 1, 0, 8, 2, 12],
        ["october.pdf", "10 October 2017", "imported as a held meeting", 5, 1, 1, 5, 2, 3],
        ["scan.pdf", "no date found", "not imported: 1 error(s)", 0, 0, 0, 0, 0, 0],
    ]
    assert seen["first problem"] == "scan.pdf"
    assert "2 to import, 0 already held (skipped), 1 cannot be imported" in str(seen["summary"])
    assert seen["enabled"] is True
    with store.session() as session:
        meetings = session.exec(select(Meeting).order_by(Meeting.date)).all()  # type: ignore[arg-type]
        assert [(m.date.isoformat(), m.status) for m in meetings] == [
            ("2017-08-01", MeetingStatus.HELD),
            ("2017-10-10", MeetingStatus.HELD),
        ]
        assert session.exec(select(func.count()).select_from(Action)).one() == 15
    assert list((store.path.parent / "backups").glob("*.sqlite")), "a backup is taken before the import"

    dialog = MinutesImportDialog(operations, board, paths[:2])
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.files_model.index(r, 2).data() for r in range(2)] == ["already held — will be skipped"] * 2
    assert not dialog.import_button.isEnabled()
    assert "Nothing here can be imported." in dialog.summary.text()


def test_file_import_minutes_from_the_main_window(
    window: MainWindow, qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    november = replace(build.october(), date=dt.date(2017, 11, 14))  # a day the sample board has no meeting
    path = build.write_pdf(november, tmp_path / "November minutes.pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_args, **_kw: ([str(path)], ""))

    def choose_board_and_import(widget: QWidget) -> None:
        assert isinstance(widget, MinutesImportDialog)
        widget.board_combo.setCurrentIndex(widget.board_combo.findData(sample.board_id))
        qtbot.mouseClick(widget.import_button, LEFT)
        if widget.isVisible():
            widget.reject()

    _on_modal(choose_board_and_import)
    window.import_minutes_action.trigger()

    with store.session() as session:
        meeting = session.exec(
            select(Meeting).where(Meeting.board_id == sample.board_id, Meeting.date == dt.date(2017, 11, 14))
        ).one()
        assert meeting.status is MeetingStatus.HELD and meeting.venue == november.venue
