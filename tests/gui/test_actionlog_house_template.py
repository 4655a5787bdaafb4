"""Issue 15 point 5 from the action log page: the Word copy of one board's log wears the board's house
template, the log of all boards BoardApp's own; a house template gone missing is a plain message and
no file."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtWidgets import QApplication

from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.views.action_log_page import ActionLogPage
from boardapp.services import boards
from boardapp.store.database import Store
from tests.helpers.builders import Sample
from tests.helpers.word_templates import HOUSE_FONT, make_house_template, styles_xml


@pytest.fixture
def page(window: MainWindow, sample: Sample) -> ActionLogPage:
    window.operations.show_errors = False
    assert window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    assert window.pages.currentWidget() is window.action_log_page
    return window.action_log_page


def test_word_export_wears_the_boards_house_template(
    page: ActionLogPage, store: Store, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    house = make_house_template(tmp_path / "house.docx")
    with store.transaction() as session:
        boards.update_board(session, sample.board_id, word_template=str(house))
    shown: list[str] = []
    monkeypatch.setattr("boardapp.gui.views.action_log_export.QMessageBox.warning",
                        lambda _parent, _title, text: shown.append(text))  # fmt: skip

    assert page.board_id == sample.board_id
    board_log = page.export("docx", tmp_path / "board.docx")
    assert board_log is not None and f'w:ascii="{HOUSE_FONT}"' in styles_xml(board_log)
    assert docx.Document(str(board_log)).styles["Normal"].font.name == HOUSE_FONT

    page.board_combo.setCurrentIndex(page.board_combo.findText("All boards"))
    assert page.board_id is None
    all_log = page.export("docx", tmp_path / "all.docx")
    assert all_log is not None and HOUSE_FONT not in styles_xml(all_log)

    house.unlink()
    page.board_combo.setCurrentIndex(page.board_combo.findData(sample.board_id))
    assert page.export("docx", tmp_path / "again.docx") is None
    assert len(shown) == 1 and f"The board's Word house template {house} is missing" in shown[0]
    assert not (tmp_path / "again.docx").exists()
    assert QApplication.overrideCursor() is None
    assert page.export("xlsx", tmp_path / "log.xlsx") is not None  # Excel has no template to miss
    assert len(shown) == 1
