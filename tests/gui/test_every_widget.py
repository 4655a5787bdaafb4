"""Every page of the main window, and the workspace on a draft, an approved and a locked meeting:
each visible, enabled widget gets the focus and, where a click is harmless, a click.

The test knows no page by name. It walks the navigator's tree (one node of each kind) and then
`findChildren(QWidget)` of the window, so pages added later are visited too. Any exception that
reaches `sys.excepthook` (what the clerk would see as "Something went wrong") fails it, and so
does any critical message box. Modal dialogs, message boxes and file choosers answer "cancel".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NAV_TARGET_ROLE, NavTarget, NodeKind
from boardapp.home import AppHome
from boardapp.services import lifecycle
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, meeting_id

TODAY = dt.date(2017, 9, 1)
JUNE = "2017-06-06"  # the demo's approved meeting
SEPTEMBER = "2017-09-12"  # the demo's held meeting with its formal record (issue 17); 10 October is scheduled


@dataclass
class Answers:
    """What the patched dialogs were asked; every one of them answered "cancel"."""

    critical: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Modal dialogs return at once, as if cancelled; nothing opens another application."""
    seen = Answers()

    def cancelled_exec(self: QDialog) -> int:
        seen.asked.append(type(self).__name__)
        if isinstance(self, QMessageBox) and self.icon() is QMessageBox.Icon.Critical:
            seen.critical.append(self.text())
        return int(QDialog.DialogCode.Rejected)

    def message(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def answer(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
            text = " ".join(str(a) for a in args[1:3])
            seen.asked.append(f"QMessageBox.{kind}: {text}")
            if kind == "critical":
                seen.critical.append(text)
            return QMessageBox.StandardButton.Cancel

        return answer

    monkeypatch.setattr(QDialog, "exec", cancelled_exec)
    monkeypatch.setattr(QMessageBox, "exec", cancelled_exec)
    for kind in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(message(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *_a, **_k: None))
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *_a, **_k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([], "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: ""))
    for name in ("getText", "getMultiLineText", "getItem"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *_a, **_k: ("", False)))
    for name in ("getInt", "getDouble"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(lambda *_a, **_k: (0, False)))
    monkeypatch.setattr(QMenu, "exec", lambda *_a, **_k: None)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda *_a: False))
    return seen


@pytest.fixture
def main(qtbot: QtBot, demo_store: Store, home: AppHome, answers: Answers) -> Iterator[MainWindow]:
    window = MainWindow(demo_store, home, today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)  # focus changes only reach an active window
    yield window
    if window.minuting_workspace() is not None:
        window.close_workspace()


def _nodes(window: MainWindow) -> list[NavTarget]:
    """One navigator node of each kind, in tree order (so a new kind of page is visited too)."""
    model = window.navigator_model
    found: dict[NodeKind, NavTarget] = {}
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop(0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            target = index.data(NAV_TARGET_ROLE)
            if isinstance(target, NavTarget):
                found.setdefault(target.kind, target)
            pending.append(index)
    return list(found.values())


def _close_popups() -> None:
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
        QApplication.processEvents()


def _alive_and_shown(widget: QWidget) -> bool:
    return shiboken6.isValid(widget) and widget.isVisible() and widget.isEnabled()


def _click_point(widget: QWidget) -> tuple[QWidget, QPoint] | None:
    """Where a click is harmless: buttons without a drop-down menu, the first row of a view, a tab."""
    if isinstance(widget, QAbstractButton):
        if getattr(widget, "menu", lambda: None)() is not None:
            return None  # its menu would run a nested event loop in C++
        return widget, widget.rect().center()
    if isinstance(widget, QAbstractItemView):
        model = widget.model()
        if model is None or model.rowCount() == 0:
            return widget.viewport(), QPoint(4, 4)
        rect = widget.visualRect(model.index(0, 0))
        return widget.viewport(), rect.center() if rect.isValid() else QPoint(4, 4)
    if isinstance(widget, QTabBar) and widget.count():
        return widget, widget.tabRect(widget.count() - 1).center()
    return None


def _describe(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    return f"{type(widget).__name__}#{widget.objectName()} {text!r}"


def visit(qtbot: QtBot, window: MainWindow, place: str, reopen: Callable[[], None]) -> list[str]:
    """Focus, then click, every visible enabled widget of the window; reopen the page after a click left it."""
    failures: list[str] = []
    reopen()
    page = window.pages.currentWidget()
    widgets = [w for w in window.findChildren(QWidget) if _alive_and_shown(w) and not isinstance(w, QMenuBar | QMenu)]
    assert len(widgets) > 5, f"{place}: nothing to visit"
    for widget in widgets:
        for action in ("focus", "click"):
            if not _alive_and_shown(widget):
                break
            where = _click_point(widget) if action == "click" else None
            if action == "click" and where is None:
                break
            with qtbot.capture_exceptions() as exceptions:
                if where is None:
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                else:
                    qtbot.mouseClick(where[0], Qt.MouseButton.LeftButton, pos=where[1])
                QApplication.processEvents()
                _close_popups()
            for _type, exc, _tb in exceptions:
                failures.append(f"{place}: {action} on {_describe(widget)}: {type(exc).__name__}: {exc}")
            if window.pages.currentWidget() is not page or not window.isActiveWindow():
                window.activateWindow()
                reopen()
    return failures


def _show(window: MainWindow, target: NavTarget) -> Callable[[], None]:
    def reopen() -> None:
        if window.minuting_workspace() is not None:
            window.close_workspace()
        assert window.select(target), target
        window.show_target(target)
        QApplication.processEvents()

    return reopen


def _workspace_on(window: MainWindow, store: Store, day: str) -> Callable[[], None]:
    board_id = window.navigator_data.boards[0].board.id
    target = NavTarget(NodeKind.MEETING, meeting_id(store, day), board_id)

    def reopen() -> None:
        if window.minuting_workspace() is not None and window.workspace.meeting_id == target.id:
            window.pages.setCurrentWidget(window.workspace)
            return
        _show(window, target)()
        assert window.open_workspace()
        QApplication.processEvents()

    return reopen


def test_every_page_survives_focus_and_clicks_on_every_widget(
    qtbot: QtBot, main: MainWindow, demo_store: Store, answers: Answers
) -> None:
    failures: list[str] = []
    kinds = set()
    for target in _nodes(main):
        kinds.add(target.kind)
        failures += visit(qtbot, main, f"{target.kind.value} page", _show(main, target))
    assert {NodeKind.BOARD, NodeKind.MEETING, NodeKind.PLAN, NodeKind.ACTION_LOG} <= kinds
    assert not failures, "\n".join(failures)
    assert not answers.critical, answers.critical


@pytest.mark.parametrize("state", ["draft", "approved", "locked"])
def test_the_workspace_survives_focus_and_clicks_on_every_widget(
    qtbot: QtBot, main: MainWindow, demo_store: Store, answers: Answers, state: str
) -> None:
    day = AUGUST if state == "draft" else JUNE  # the demo: August held with draft minutes, June approved
    if state == "locked":
        with demo_store.transaction() as session:
            lifecycle.lock_minutes(session, meeting_id(demo_store, JUNE))
    failures = visit(qtbot, main, f"workspace on the {state} meeting", _workspace_on(main, demo_store, day))
    assert main.pages.currentWidget() is main.workspace
    assert not failures, "\n".join(failures)
    assert not answers.critical, answers.critical
