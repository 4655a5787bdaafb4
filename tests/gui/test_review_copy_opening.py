"""Every way of opening a chair's review copy opens the chair's window, never the clerk's (issue 16 point 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from boardapp.gui import window_menus
from boardapp.gui.app import run_gui
from boardapp.gui.main_window import MainWindow
from boardapp.gui.review_copy_window import ReviewCopyWindow, open_review_copy_window
from boardapp.home import AppHome
from boardapp.services.review_copy import make_review_copy
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def _copy(store: Store, sample: Sample, path: Path) -> Path:
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, path, include_part2=False, passphrase=None)
    return path


def test_boardapp_db_on_a_review_copy_opens_the_chair_s_window(
    qapp: QApplication, store: Store, sample: Sample, tmp_path: Path
) -> None:
    copy = _copy(store, sample, tmp_path / "review.sqlite")  # any name: recognised by content
    seen: list[str] = []

    def look() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen.extend(type(w).__name__ for w in shown)
        for widget in shown:
            if isinstance(widget, ReviewCopyWindow):
                seen.append(widget.banner.text())
                widget.close()

    QTimer.singleShot(200, look)
    home = AppHome.from_options(basedir=tmp_path / "chair-home", db=copy)
    assert run_gui(home) == 0
    assert "ReviewCopyWindow" in seen and "MainWindow" not in seen
    assert any(text.startswith("REVIEW COPY") for text in seen)
    assert not (tmp_path / "chair-home" / "boardapp.sqlite").exists()  # no clerk's database was made


def test_a_smoke_run_on_a_review_copy_shows_the_chair_s_window(
    qapp: QApplication, store: Store, sample: Sample, tmp_path: Path
) -> None:
    copy = _copy(store, sample, tmp_path / "review.boardreview")
    home = AppHome.from_options(basedir=tmp_path / "chair-home", db=copy)
    assert run_gui(home, smoke=True) == 0
    assert not (tmp_path / "chair-home" / "boardapp.sqlite").exists()


def test_file_open_of_a_review_copy_opens_the_chair_s_window_and_keeps_the_clerk_s_file(
    window: MainWindow, store: Store, sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = _copy(store, sample, tmp_path / "from the clerk.sqlite")
    monkeypatch.setattr(window_menus, "choose_database_file", lambda *_args, **_kw: copy)
    window.menus.open_database_dialog()
    reviews = window.board_menus._review_windows
    assert len(reviews) == 1 and isinstance(reviews[0], ReviewCopyWindow)
    assert window.store.path == store.path  # the clerk's database is still the one open
    reviews[0].close()


def test_the_clerk_s_database_is_refused_as_a_review_copy(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: shown.append(text))
    assert open_review_copy_window(None, store.path) is None
    assert shown and "is not a BoardApp review copy" in shown[0]
