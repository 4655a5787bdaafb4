"""Opening a written file with the desktop's default application (Word, a PDF viewer...).

`open_file(path, parent)` asks the desktop through QDesktopServices. Where there is no desktop
to ask (a headless session, the offscreen platform of the tests and CI) or the desktop has no
application for the file, the clerk is told where the file is instead, so that an export never
ends in silence. Tests replace `open_file` (or `opener`) with a recorder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb"})


def has_desktop() -> bool:
    """Whether there is a desktop session that can open a file in another application."""
    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return False
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _open_url(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


opener: Callable[[Path], bool] = _open_url
"""What asks the desktop to open a file; returns False when nothing could open it."""


def open_file(path: str | Path, parent: QWidget | None = None) -> bool:
    """Open `path` in the application the desktop uses for its type; on failure say where the file is."""
    path = Path(path)
    if not has_desktop():
        _tell(parent, path, "There is no desktop here to open it with.")
        return False
    if not opener(path):
        kind = path.suffix.lower().lstrip(".").upper() or "this kind of"
        _tell(parent, path, f"No application is set up to open {kind} files on this computer.")
        return False
    return True


_open_messages: set[QMessageBox] = set()


def _tell(parent: QWidget | None, path: Path, reason: str) -> QMessageBox:
    """A non-blocking message: the file's whereabouts, selectable so that it can be copied."""
    box = QMessageBox(parent or QApplication.activeWindow())
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open_messages.add(box)  # a box with no parent lives only as long as a Python reference to it
    box.finished.connect(lambda _result: _open_messages.discard(box))
    box.setObjectName("fileNotOpened")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("File saved")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        f"<p>The file was saved, but could not be opened.</p><p>{escape(reason)}</p>"
        f"<p>It is here:<br><b>{escape(str(path))}</b></p>"
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


__all__ = ["has_desktop", "open_file", "opener"]
