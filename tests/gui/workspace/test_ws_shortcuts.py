"""Every shortcut is discoverable in a menu, and none is ambiguous where it applies."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from boardapp.gui.workspace import MeetingWorkspace


def _menu_actions(menus: list[QMenu]) -> set[QAction]:
    found: set[QAction] = set()
    for menu in menus:
        for action in menu.actions():
            found.add(action)
            if action.menu() is not None:
                found |= _menu_actions([action.menu()])  # type: ignore[list-item]
    return found


def test_every_workspace_shortcut_is_in_a_menu(workspace: MeetingWorkspace) -> None:
    with_shortcuts = [a for a in workspace.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(with_shortcuts) >= 20
    in_menus = _menu_actions(workspace.menus())
    missing = [a.text() for a in with_shortcuts if a not in in_menus]
    assert not missing, f"shortcuts not shown in any menu: {missing}"
    for action in with_shortcuts:  # the menus print them
        assert action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def test_no_shortcut_is_ambiguous_in_its_scope(workspace: MeetingWorkspace) -> None:
    by_scope: dict[tuple[int, str], list[str]] = defaultdict(list)
    for action in workspace.findChildren(QAction):
        scope_widgets = action.associatedObjects()
        scope = 0
        if action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            scope = id(next(w for w in scope_widgets if not isinstance(w, QMenu)))
        for shortcut in action.shortcuts():
            by_scope[(scope, shortcut.toString())].append(action.text())
    clashes = {key: texts for key, texts in by_scope.items() if len(texts) > 1}
    assert not clashes
    # The single letters and Del act only inside their list, never while typing notes.
    for action in (workspace.present_action, workspace.delete_item_action, workspace.clear_mark_action):
        assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut


def test_the_menus_read_as_the_clerk_works(workspace: MeetingWorkspace) -> None:
    titles = [menu.title() for menu in workspace.menus()]
    assert titles == ["&Meeting", "&Agenda", "M&inute", "A&ttendance"]
    shortcut_of = {a.text(): a.shortcut().toString() for a in _menu_actions(workspace.menus())}
    assert shortcut_of["&Next item"] == "Ctrl+PgDown"
    assert shortcut_of["New &decision"] == "Ctrl+D"
    assert shortcut_of["New &action"] == "Ctrl+T"
    assert shortcut_of["Go to a&ttendance"] == "Ctrl+3"
    assert shortcut_of["Mark &present"] == "P"
    assert shortcut_of["Move item &up"] == "Ctrl+Shift+Up"
    assert shortcut_of["&Add item…"] == "Ctrl+N"


def test_alternative_shortcuts_work_too(qtbot: QtBot, workspace: MeetingWorkspace) -> None:
    notes = workspace.editor.notes
    first = workspace.current_item_id
    qtbot.keyClick(notes, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert workspace.current_item_id != first
    qtbot.keyClick(notes, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert workspace.current_item_id == first
    qtbot.keyClick(notes, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert workspace.editor.action_input.hasFocus()
    qtbot.keyClick(workspace.editor.action_input, Qt.Key.Key_P,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert workspace.attendance.view.hasFocus()
