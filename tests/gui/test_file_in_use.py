"""The file is open in another copy (issue 16): the clerk is told who and since when, and picks read-only,
wait or cancel. The other copy is a real OS lock held here (it conflicts within one process too), its owner
file saying alice on PC-12."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from boardapp.core.models import Board
from boardapp.gui.app import open_store_interactively
from boardapp.gui.dialogs import file_in_use
from boardapp.gui.dialogs.file_in_use import InUseChoice, ask_file_in_use, wait_for_release
from boardapp.gui.main_window import MainWindow
from boardapp.home import AppHome
from boardapp.store.database import open_database
from boardapp.store.errors import ReadOnlyDatabase
from boardapp.store.presence import FileInUse, Holder, PresenceLock, claim, holder_of, owner_path

ALICE = Holder(user="alice", machine="PC-12", pid=4242, since=datetime(2026, 12, 6, 14, 3, tzinfo=UTC))


@pytest.fixture
def other_db(tmp_path: Path) -> Path:
    path = tmp_path / "secretariat.sqlite"
    open_database(path, tmp_path / "backups").close()
    return path


def _held_by_alice(path: Path) -> PresenceLock:
    held = claim(path)
    owner_path(path).write_text(ALICE.to_json(), encoding="utf-8")
    return held


@pytest.fixture
def alice_has(other_db: Path) -> Iterator[PresenceLock]:
    held = _held_by_alice(other_db)
    yield held
    held.release()


ATTEMPTS = 500  # 20 ms apart: ten seconds for the dialog to come up before the test gives up on it


def _when_modal(
    qtbot: QtBot, act: Callable[[QMessageBox | QProgressDialog], None], *, button: str | None = None
) -> None:
    """Act on the modal dialog as soon as it is up (it runs its own event loop).

    Only a dialog showing `button` is acted on: a dialog some earlier test left open is not ours. If ours
    never comes up, every modal dialog is closed so that its event loop returns and the test fails instead
    of hanging the run.
    """
    left = [ATTEMPTS]

    def ours(dialog: QWidget | None) -> bool:
        if not isinstance(dialog, (QMessageBox, QProgressDialog)) or not dialog.isVisible():
            return False
        return button is None or any(b.text().replace("&", "") == button for b in dialog.findChildren(QPushButton))

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if ours(dialog):
            assert isinstance(dialog, (QMessageBox, QProgressDialog))
            act(dialog)
        elif left[0] > 0:
            left[0] -= 1
            QTimer.singleShot(20, attempt)
        else:
            for widget in QApplication.topLevelWidgets():
                if widget.isModal() and widget.isVisible():
                    widget.close()

    QTimer.singleShot(0, attempt)


def _click(qtbot: QtBot, text: str) -> Callable[[QMessageBox | QProgressDialog], None]:
    def click(dialog: QMessageBox | QProgressDialog) -> None:
        buttons = [b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text]
        assert len(buttons) == 1, [b.text() for b in dialog.findChildren(QPushButton)]
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)

    return click


def _answer(qtbot: QtBot, text: str) -> None:
    """Click `text` in the file-in-use question when it comes up."""
    _when_modal(qtbot, _click(qtbot, text), button=text)


@pytest.mark.parametrize(
    ("button", "choice"),
    [("Open read-only", InUseChoice.READ_ONLY), ("Wait", InUseChoice.WAIT), ("Cancel", InUseChoice.CANCEL)],
)
def test_the_question_names_who_and_offers_three_answers(
    qtbot: QtBot, tmp_path: Path, button: str, choice: InUseChoice
) -> None:
    seen: list[str] = []

    def answer(dialog: QMessageBox | QProgressDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text())
        _click(qtbot, button)(dialog)

    _when_modal(qtbot, answer, button=button)
    assert ask_file_in_use(FileInUse(tmp_path / "secretariat.sqlite", ALICE)) is choice
    assert seen and seen[0].startswith("secretariat.sqlite is open in BoardApp on PC-12 by alice since ")


def test_escape_cancels(qtbot: QtBot, tmp_path: Path) -> None:
    _when_modal(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape), button="Wait")
    assert ask_file_in_use(FileInUse(tmp_path / "secretariat.sqlite", ALICE)) is InUseChoice.CANCEL


def test_read_only_opens_it_read_only_and_refuses_edits(
    qtbot: QtBot, window: MainWindow, other_db: Path, alice_has: PresenceLock
) -> None:
    _answer(qtbot, "Open read-only")
    assert window.open_database(other_db)
    assert window.store.path == other_db and window.store.read_only
    assert "(read-only)" in window.windowTitle()
    with pytest.raises(ReadOnlyDatabase, match="on PC-12 by alice"), window.store.transaction() as session:
        session.add(Board(name="Audit Committee"))
    assert holder_of(other_db) == ALICE  # alice still has it


def test_cancel_keeps_the_current_file(
    qtbot: QtBot, window: MainWindow, other_db: Path, alice_has: PresenceLock
) -> None:
    before = window.store
    _answer(qtbot, "Cancel")
    assert not window.open_database(other_db)
    assert window.store is before and not before.read_only


def test_wait_opens_for_writing_once_the_other_copy_lets_go(
    qtbot: QtBot, window: MainWindow, other_db: Path, alice_has: PresenceLock
) -> None:
    def wait_then_alice_closes(dialog: QMessageBox | QProgressDialog) -> None:
        _click(qtbot, "Wait")(dialog)
        _when_modal(qtbot, lambda _progress: alice_has.release())  # while the waiting dialog is up

    _when_modal(qtbot, wait_then_alice_closes, button="Wait")
    assert window.open_database(other_db)
    assert window.store.path == other_db and not window.store.read_only
    held = holder_of(other_db)
    assert held is not None and held.pid == os.getpid() and held.user != "alice"
    with window.store.transaction() as session:
        session.add(Board(name="Audit Committee"))


def test_cancelling_the_wait_opens_nothing(qtbot: QtBot, other_db: Path, alice_has: PresenceLock) -> None:
    def opener(*, read_only: bool = False, claim: bool = False) -> object:
        return open_database(other_db, other_db.parent / "backups", read_only=read_only, claim=claim)

    _answer(qtbot, "Cancel")
    error = FileInUse(other_db, ALICE)
    assert wait_for_release(error, opener, interval_ms=10) is None  # type: ignore[arg-type]
    assert holder_of(other_db) == ALICE


def test_the_app_start_asks_too(home: AppHome, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(home.db_path, home.backups_dir).close()
    held = _held_by_alice(home.db_path)
    asked: list[str] = []

    def ask(error: FileInUse, _parent: object = None) -> InUseChoice:
        asked.append(str(error))
        return InUseChoice.READ_ONLY

    monkeypatch.setattr(file_in_use, "ask_file_in_use", ask)
    try:
        store = open_store_interactively(home)
        assert store is not None and store.read_only
        store.close()
        assert asked and "on PC-12 by alice" in asked[0]
    finally:
        held.release()
    store = open_store_interactively(home)
    assert store is not None and not store.read_only and store.presence is not None
    store.close()
