"""Test-only start-up hook for tests/end2end/test_crash_recovery.py; not part of BoardApp.

Python imports `sitecustomize` at start-up from any folder on PYTHONPATH. The crash-recovery test
puts this folder there, so the real `python -m boardapp` it starts loads this module; nothing else
does (the app, its wheel and its frozen bundle never contain it). It acts only when
BOARDAPP_E2E_TYPE is set: after the main window is shown it opens the selected meeting in the
workspace and types into the notes editor with QTest, through the widgets, exactly as keystrokes:

* BOARDAPP_E2E_TYPE: text typed at once at the end of the first item's notes;
* BOARDAPP_E2E_DRIP: text then typed one character every 100 ms, for ever-typing-clerk timing;
* BOARDAPP_E2E_LOG: a file where each typed piece is logged with the wall-clock time it was typed
  ("<time> <json string>" per line), so the test knows what was typed how long before it killed the app.
"""

from __future__ import annotations

import json
import os
import time

_TEXT = os.environ.get("BOARDAPP_E2E_TYPE")

if _TEXT is not None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest

    import boardapp.gui.main_window as _main_window

    _LOG = open(os.environ["BOARDAPP_E2E_LOG"], "a", encoding="utf-8")  # noqa: SIM115 (lives as long as the app)
    _shown = _main_window.MainWindow.show

    def _log(piece: str) -> None:
        _LOG.write(f"{time.time():.3f} {json.dumps(piece)}\n")
        _LOG.flush()

    def _type(window: _main_window.MainWindow) -> None:
        if not window.open_workspace():
            raise RuntimeError("no meeting selected to minute")
        editor = window.workspace.editor.notes
        editor.setFocus()
        editor.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(editor, _TEXT)
        _log(_TEXT)
        drip = iter(os.environ.get("BOARDAPP_E2E_DRIP", ""))
        timer = QTimer(window)

        def one() -> None:
            char = next(drip, None)
            if char is None:
                timer.stop()
                return
            QTest.keyClicks(editor, char)
            _log(char)

        timer.timeout.connect(one)
        timer.start(100)

    def _show(self: _main_window.MainWindow) -> None:
        _shown(self)
        QTimer.singleShot(0, lambda: _type(self))

    _main_window.MainWindow.show = _show  # type: ignore[method-assign]
