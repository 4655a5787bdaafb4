"""Start-up (issue 13 point 5): the first-open-of-the-day backup is taken once the window is on screen,
not while the clerk waits for it, and it is still taken (issue 11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from boardapp.gui import app as gui_app
from boardapp.gui.main_window import MainWindow
from boardapp.home import AppHome
from boardapp.store import database
from boardapp.store.backups import list_backups
from boardapp.store.database import open_store


def a_database_without_todays_backup(home: AppHome) -> None:
    store = open_store(home)
    with store.transaction() as session:
        session.connection().exec_driver_sql("INSERT INTO organisation (name) VALUES ('Skylakes Trust')")
    store.close()
    for backup in home.backups_dir.glob("*.sqlite"):  # as if the last backup were from another day
        backup.unlink()
    assert list_backups(home.db_path, home.backups_dir) == []


def windows_shown() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_a_start_takes_the_daily_backup_after_the_window_is_shown(
    qapp: QApplication, home: AppHome, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_database_without_todays_backup(home)
    taken: list[tuple[str, int]] = []  # (reason, main windows on screen at that moment)
    real = database.take_backup

    def recording(db_path: Path, backups_dir: Path, reason: str, **kwargs: Any) -> Path:
        taken.append((reason, len(windows_shown())))
        return real(db_path, backups_dir, reason, **kwargs)

    monkeypatch.setattr(database, "take_backup", recording)
    assert gui_app.run_gui(home, smoke=True) == 0
    assert taken == [("daily", 1)]
    assert [b.reason for b in list_backups(home.db_path, home.backups_dir)] == ["daily"]


def test_the_shown_window_takes_the_backup_the_open_left_for_later(
    qapp: QApplication, qtbot: QtBot, home: AppHome
) -> None:
    a_database_without_todays_backup(home)
    store = open_store(home, daily_backup=False, claim=True)
    assert store.daily_backup_due
    assert list_backups(home.db_path, home.backups_dir) == []  # the open itself copied nothing
    window = MainWindow(store, home)
    qtbot.addWidget(window)
    window.show()
    gui_app._when_shown(qapp, window)  # what run_gui schedules once the window is shown
    assert [b.reason for b in list_backups(home.db_path, home.backups_dir)] == ["daily"]
    assert not store.daily_backup_due
    window.close()
    store.close()
