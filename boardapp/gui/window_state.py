"""The main window's size, position and navigator width, remembered in the home's settings file.

A first start (no settings yet) gets 1280×800, or as much of a small screen (1366×768) as is free.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

DEFAULT_SIZE = (1280, 800)
NAVIGATOR_WIDTH = 280
SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_STATE = "main_window/state"
SETTINGS_SPLITTER = "main_window/splitter"


def restore_window_state(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    geometry = settings.value(SETTINGS_GEOMETRY)
    if not (isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)):
        default_geometry(window)
    state = settings.value(SETTINGS_STATE)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    sizes = settings.value(SETTINGS_SPLITTER)
    if not (isinstance(sizes, QByteArray) and splitter.restoreState(sizes)):
        splitter.setSizes([NAVIGATOR_WIDTH, max(window.width() - NAVIGATOR_WIDTH, 400)])


def default_geometry(window: QMainWindow) -> None:
    """1280×800, or as much of a small screen (1366×768) as is free, centred."""
    width, height = DEFAULT_SIZE
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, available.width() - 20), min(height, available.height() - 40)
        window.resize(width, height)
        frame = window.frameGeometry()
        frame.moveCenter(available.center())
        window.move(frame.topLeft())
    else:
        window.resize(width, height)


def save_window_state(window: QMainWindow, splitter: QSplitter, settings: QSettings) -> None:
    settings.setValue(SETTINGS_GEOMETRY, window.saveGeometry())
    settings.setValue(SETTINGS_STATE, window.saveState())
    settings.setValue(SETTINGS_SPLITTER, splitter.saveState())
    settings.sync()
