"""The first run on a new home: start a new secretariat, or open the demonstration in its own file.

The demonstration is loaded only into `AppHome.demo_db_path`, never into the user's database,
so trying the app out leaves nothing behind in the file the clerk's real records go into.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCursor, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCommandLinkButton,
    QDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.home import AppHome
from boardapp.store.database import Store

logger = logging.getLogger("boardapp")


class StartChoice(Enum):
    NEW = "new"  # the user's own, empty database
    DEMO = "demo"  # the demonstration, in demo.sqlite


Chooser = Callable[[], "StartChoice | None"]


def asks_on_start(home: AppHome, *, smoke: bool) -> bool:
    """Ask only on a new home and when no database file was named (`--db`); a smoke run never asks."""
    return not smoke and home.db_override is None and home.is_new()


def start_home(home: AppHome, choice: StartChoice) -> AppHome:
    """The home to open for the choice: the same one, or the same one pointed at the demo file."""
    return dataclasses.replace(home, db_override=home.demo_db_path) if choice is StartChoice.DEMO else home


class StartDialog(QDialog):
    """Two big choices; closing the dialog means quit (nothing has been created yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startDialog")
        self.setWindowTitle("Welcome to BoardApp")
        self.choice: StartChoice | None = None
        heading = QLabel("Welcome to BoardApp", self)
        heading.setStyleSheet(f"font-size: 18pt; font-weight: 600; color: {style.ACCENT};")
        intro = QLabel("How would you like to start? You can switch at any time from the File menu.", self)
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {style.MUTED_TEXT};")
        self.new_button = QCommandLinkButton(
            "Start a new secretariat", "An empty database for your own boards, members and meetings.", self
        )
        self.new_button.setObjectName("startNew")
        self.demo_button = QCommandLinkButton(
            "Open the demonstration",
            "A sample Improvement Board with minuted meetings, actions and plans, kept in its own file "
            "(demo.sqlite) so it never mixes with your records.",
            self,
        )
        self.demo_button.setObjectName("startDemo")
        self.status = QLabel(self)  # what happens once a choice is made (show_busy)
        self.status.setObjectName("startStatus")
        self.status.setStyleSheet(f"font-weight: 600; color: {style.ACCENT};")
        self.status.hide()
        self.new_button.clicked.connect(lambda: self._choose(StartChoice.NEW))
        self.demo_button.clicked.connect(lambda: self._choose(StartChoice.DEMO))
        self.new_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addWidget(self.new_button)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.status)
        self.setMinimumWidth(520)

    def showEvent(self, event: QShowEvent) -> None:
        """Keyboard focus from the start, on the default choice (also where no window manager gives it)."""
        super().showEvent(event)
        self.new_button.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        QTimer.singleShot(0, self.activateWindow)  # once it is on screen

    def _choose(self, choice: StartChoice) -> None:
        self.choice = choice
        self.accept()

    def show_busy(self) -> None:
        """Stay on screen, saying what is being made, with a busy cursor, until the main window's event loop
        runs (or a question about the file does): creating the database or loading the demonstration takes a
        second or more, and a screen with no window at all looks like a crash."""
        creating = "Opening the demonstration…" if self.choice is StartChoice.DEMO else "Creating your database…"
        self.status.setText(creating)
        self.status.show()
        for button in (self.new_button, self.demo_button):
            button.setEnabled(False)
        self.show()
        QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        self.repaint()  # painted now: no event loop runs until the window is up
        QApplication.processEvents()
        QTimer.singleShot(0, self._done_busy)  # the next event loop to run is the window's (or a question's)

    def _done_busy(self) -> None:
        QApplication.restoreOverrideCursor()
        self.close()


def ask_start_choice(parent: QWidget | None = None) -> StartChoice | None:
    """Show the chooser; None when it was closed (the app then quits without creating anything). After a
    choice the dialog stays up, busy, while the database is made (StartDialog.show_busy)."""
    dialog = StartDialog(parent)
    dialog.exec()
    if dialog.choice is None:
        return None
    dialog.show_busy()
    return dialog.choice


def load_demo_if_empty(store: Store, *, smoke: bool = False, parent: QWidget | None = None) -> bool:
    """Load the demonstration into `store` if it holds no board; False if that failed in smoke mode.

    Callers pass only the demo file's store. Interactively a failure only warns: the file stays empty.
    """
    if store.read_only:
        return True
    from boardapp.services.demo import database_is_empty, load_demo

    with store.session() as session:
        if not database_is_empty(session):
            return True
    try:
        with store.transaction() as session:
            summary = load_demo(session)
    except Exception as exc:
        logger.exception("loading the demo data failed")
        if smoke:
            print(f"boardapp: loading the demo data failed: {exc}", file=sys.stderr)
            return False
        QMessageBox.warning(
            parent, "Demo data not loaded", f"The demonstration data could not be loaded ({exc}). The file stays empty."
        )
        return True
    logger.info("demo data loaded into %s: %s", store.path, summary)
    return True
