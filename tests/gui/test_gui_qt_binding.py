"""The Qt binding must not leak or free references to None/True: PySide6 6.12.0 on Python 3.11 did,
and the app aborted ("none_dealloc") after some tens of thousands of widget calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    ping = Signal(int)


def test_wrapped_calls_keep_none_and_true_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    emitter = _Emitter()
    before_none, before_true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(2000):
        label.setText("Resolved:")
        emitter.ping.emit(1)
    assert abs(sys.getrefcount(None) - before_none) < 100
    assert abs(sys.getrefcount(True) - before_true) < 100
