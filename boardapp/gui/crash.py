"""Unexpected errors in the GUI: logged to the home's log file and shown to the user, never silent.

Nothing typed can be lost by this: the store commits each operation as it happens, so the
dialog only has to explain and point to the log.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from boardapp.store.errors import StoreError

logger = logging.getLogger("boardapp")


def start_log(log_path: Path) -> logging.Handler:
    """Send the app's log records to `log_path`; returns the handler so it can be removed again.

    A home folder that cannot be written (read-only, full) must not stop the app: the log then goes
    to stderr only, and the app carries on (the database may still open read-only).
    """
    handler: logging.Handler
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_path, encoding="utf-8")
    except OSError as exc:
        handler = logging.StreamHandler(sys.stderr)
        print(f"boardapp: cannot write the log file {log_path} ({exc.strerror or exc}); logging to stderr only",
              file=sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return handler


def stop_log(handler: logging.Handler) -> None:
    logger.removeHandler(handler)
    handler.close()


class CrashReporter:
    """A `sys.excepthook` for the running GUI; installed by `run_gui`, removed when it returns."""

    def __init__(self, log_path: Path, *, smoke: bool = False) -> None:
        self.log_path = log_path
        self.smoke = smoke
        self.failures = 0
        self._showing = False
        self._previous = sys.excepthook

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self._previous

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous(exc_type, exc, tb)
            return
        if issubclass(exc_type, StoreError):
            self._known(exc)
            return
        self.failures += 1
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        logger.error("Unexpected error\n%s", details)
        if self.smoke or self._showing or QApplication.instance() is None:
            print(details, file=sys.stderr)
            return
        self._showing = True  # an error raised while the dialog is up is logged, not stacked
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle("BoardApp: something went wrong")
            box.setText(f"Something went wrong: {exc}")
            box.setInformativeText(
                "Your work is safe: every change is saved as you make it. You can carry on, or restart "
                f"BoardApp if something looks wrong.\n\nThe details were written to {self.log_path}."
            )
            box.setDetailedText(details)
            box.exec()
        finally:
            self._showing = False

    def _known(self, exc: BaseException) -> None:
        """A store error the user can act on (a lost server connection, a lock) that escaped a read: a plain
        message, not the crash dialog and its traceback (qutebrowser's split of known from bug errors).
        Nothing was written by a read, so nothing is lost; trying again once the cause is gone works."""
        logger.warning("store error outside an operation: %s", exc)
        if self.smoke or self._showing or QApplication.instance() is None:
            print(f"boardapp: {exc}", file=sys.stderr)
            return
        self._showing = True
        try:
            QMessageBox.warning(QApplication.activeWindow(), "BoardApp", str(exc))
        finally:
            self._showing = False
