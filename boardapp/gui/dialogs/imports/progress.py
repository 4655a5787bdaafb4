"""The progress window of a long import read or write, with Cancel.

Why: a 100,000-row file takes seconds; the reader and the writer call `report(done, total)`, which
shows the window once the work takes longer than the delay, lets the clerk press Cancel (the
window is modal) and answers False to stop. Cancelling a read writes nothing; cancelling a write
rolls the whole import back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

PROGRESS_DELAY_MS = 500  # a file read quicker than this shows no progress window


class ProgressRunner:
    """One progress window at a time over `parent`: `start`, then `report` from the work, then `close`."""

    def __init__(self, parent: QWidget, title: str) -> None:
        self.parent = parent
        self.title = title
        self.delay_ms = PROGRESS_DELAY_MS
        self.window: QProgressDialog | None = None

    def start(self, text: str = "Reading the file…", unit: str = "rows") -> QProgressDialog:
        """Shown once the work takes longer than `delay_ms`; Cancel stops it, nothing written."""
        self.close()
        window = QProgressDialog(text, "Cancel", 0, 0, self.parent)
        window.setProperty("unit", unit)
        window.setObjectName("importProgress")
        window.setWindowTitle(self.title)
        window.setWindowModality(Qt.WindowModality.WindowModal)
        window.setMinimumDuration(self.delay_ms)
        window.setAutoClose(False)
        window.setAutoReset(False)
        self.window = window
        return window

    def was_cancelled(self) -> bool:
        return self.window is not None and self.window.wasCanceled()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

    def report(self, done: int, total: int) -> bool:
        """The reader's (or writer's) progress callback: show it, take the Cancel click; False cancels."""
        window = self.window
        if window is None:
            return True
        if window.maximum() != total:
            window.setMaximum(total)
        unit = window.property("unit") or "rows"
        verb = "Read" if unit == "rows" else "Wrote"
        window.setLabelText(f"{verb} {done:,} of {total:,} {unit}…")
        window.setValue(done)
        QApplication.processEvents()  # paint, and take the Cancel click (the window is modal)
        return not window.wasCanceled()
