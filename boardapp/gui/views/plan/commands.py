"""The plan page's toolbar and tree editing: add, move, indent, renumber and delete entries, edit cells.

A controller over the page's widgets: every write is one `Operations.run`, after which the page
re-reads the plan and selects the entry the clerk was working on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from boardapp.core.enums import ScaleKind
from boardapp.gui.dialogs.conflict import run_checked
from boardapp.gui.models.plan_tree_model import COLUMN_INDEX, IMPACT_COLUMN, STATUS_COLUMN, TEXT_COLUMN
from boardapp.gui.views.plan.widgets import NEW_ENTRY_TEXT
from boardapp.services import plan_editing
from boardapp.services import recommendations as rec_service

if TYPE_CHECKING:
    from boardapp.gui.views.plan_page import PlanPage

__all__ = ["PlanCommands"]


class PlanCommands:
    """The toolbar's actions (also the tree's context menu and keys) and what they do."""

    def __init__(self, page: PlanPage) -> None:
        self.page = page
        self._build_actions()

    # -- building --------------------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
        tip: str = "",
        *,
        tree_only: bool = False,
    ) -> QAction:
        """A toolbar action; `tree_only` shortcuts (Delete, Insert, Alt+arrows) act only where the tree has focus."""
        page = self.page
        action = QAction(text, page)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(
                Qt.ShortcutContext.WidgetShortcut if tree_only else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        if tip:
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})" if shortcut else tip
            )
        action.triggered.connect(lambda _checked=False: slot())
        (page.tree if tree_only else page).addAction(action)
        return action

    def _build_actions(self) -> None:
        dialogs = self.page.links_and_status
        self.add_sibling_action = self._action(
            "New entry", self.add_sibling, "Insert", "Add an entry below the one chosen", tree_only=True
        )
        self.add_child_action = self._action(
            "New sub-entry", self.add_child, "Ctrl+Insert", "Add an entry under the one chosen", tree_only=True
        )
        self.move_up_action = self._action("Up", lambda: self.move_item(-1), "Alt+Up", "Move up", tree_only=True)
        self.move_down_action = self._action(
            "Down", lambda: self.move_item(+1), "Alt+Down", "Move down", tree_only=True
        )
        self.indent_action = self._action(
            "Indent", self.indent, "Alt+Right", "Put under the entry above", tree_only=True
        )
        self.outdent_action = self._action(
            "Outdent", self.outdent, "Alt+Left", "Take out to the level above", tree_only=True
        )
        self.renumber_action = self._action("Renumber…", self.renumber, tip="Give every entry the ref its place says")
        self.delete_action = self._action(
            "Delete…",
            self.delete,
            QKeySequence.StandardKey.Delete,
            "Delete the entry and everything under it",
            tree_only=True,
        )
        self.status_action = self._action(
            "Set status…",
            lambda: dialogs.open_status_dialog(ScaleKind.PROGRESS),
            "Ctrl+Shift+S",
            "Rate the entry, with the reason and the meeting",
        )
        self.impact_action = self._action(
            "Rate impact…", lambda: dialogs.open_status_dialog(ScaleKind.IMPACT), tip="Rate the evidence of impact"
        )
        self.link_action_action = self._action(
            "Link board action…", dialogs.open_link_board_action, "Ctrl+L", "Link a board action that serves this entry"
        )
        self.scales_action = self._action("Scales…", dialogs.open_scales_dialog, tip="The plan's status scales")
        toolbar = self.page.toolbar
        for action in (self.add_sibling_action, self.add_child_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
            self.renumber_action,
            self.delete_action,
        ):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.status_action, self.impact_action, self.link_action_action, self.scales_action):
            toolbar.addAction(action)

    def update_actions(self) -> None:
        node = self.page.current_node()
        has = node is not None
        for action in (
            self.add_child_action,
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
            self.delete_action,
            self.link_action_action,
        ):
            action.setEnabled(has)
        tree = self.page.tree_data
        self.status_action.setEnabled(has)
        self.impact_action.setEnabled(has and bool(tree and tree.impact_scale))
        self.add_sibling_action.setEnabled(tree is not None)
        self.renumber_action.setEnabled(tree is not None)
        self.scales_action.setEnabled(tree is not None)

    def context_menu(self, position: QPoint) -> None:
        menu = QMenu(self.page)
        for action in (
            self.add_sibling_action,
            self.add_child_action,
            None,
            self.move_up_action,
            self.move_down_action,
            self.indent_action,
            self.outdent_action,
            None,
            self.status_action,
            self.impact_action,
            self.link_action_action,
            None,
            self.delete_action,
        ):
            if action is None:
                menu.addSeparator()
            elif action.isVisible():
                menu.addAction(action)
        menu.exec(self.page.tree.viewport().mapToGlobal(position))

    def double_clicked(self, index: QModelIndex) -> None:
        if index.column() == STATUS_COLUMN:
            self.page.links_and_status.open_status_dialog(ScaleKind.PROGRESS)
        elif index.column() == IMPACT_COLUMN:
            self.page.links_and_status.open_status_dialog(ScaleKind.IMPACT)
        elif index.column() == COLUMN_INDEX["board_actions"]:
            self.page.tabs.setCurrentIndex(3)

    # -- editing in the tree ---------------------------------------------------------------------------------
    def edit_cell(self, node_id: int, field: str, text: str) -> bool:
        page = self.page
        if field == "recommendations":
            result = page.operations.run(rec_service.set_item_recommendations, node_id, text, parent=page)
        else:
            node = page.tree_data.find(node_id) if page.tree_data is not None else None
            result = run_checked(  # against the version shown: another clerk's save meanwhile is a conflict
                functools.partial(page.operations.run, parent=page),
                plan_editing.update_item,
                node_id,
                expected_version=node.version if node is not None else None,
                field=field,
                text=text,
                parent=page,
                db_path=page.operations.store.path,
                versions=page.edit_versions,
            )
        return result is not None

    def move_by_drop(self, item_id: int, parent_id: int | None, row: int | None) -> bool:
        page = self.page
        moved = page.operations.run(plan_editing.move_item_to, item_id, parent_id, row, parent=page) is not None
        if moved:
            QTimer.singleShot(0, lambda: page.select_node(item_id))
        return moved

    # -- toolbar operations ----------------------------------------------------------------------------------
    def add_sibling(self) -> int | None:
        node = self.page.current_node()
        if self.page.plan_id is None:
            return None
        kwargs = {"after_id": node.id} if node else {}
        return self._add(**kwargs)

    def add_child(self) -> int | None:
        node = self.page.current_node()
        if node is None:
            return None
        return self._add(parent_id=node.id)

    def _add(self, **where: int) -> int | None:
        page = self.page
        if page.plan_id is None:
            return None
        new_id = page.operations.run(plan_editing.add_item, page.plan_id, text=NEW_ENTRY_TEXT, parent=page, **where)
        if new_id is None:
            return None
        page.refresh()
        if "parent_id" in where:
            page.collapsed.discard(where["parent_id"])
            page.tree.expand(page.model.index_of(where["parent_id"]))
        page.select_node(new_id)
        page.tree.edit(page.model.index_of(new_id, TEXT_COLUMN))
        return new_id

    def _run_on_current(self, service: Callable[..., object], *args: object) -> bool:
        page = self.page
        node = page.current_node()
        if node is None:
            return False
        done = page.operations.run(service, node.id, *args, parent=page) is not None
        if done:
            page.refresh()
            page.select_node(node.id)
        return done

    def move_item(self, offset: int) -> bool:
        return self._run_on_current(plan_editing.move_item, offset)

    def indent(self) -> bool:
        done = self._run_on_current(plan_editing.indent_item)
        if done:
            parent = self.page.model.parent(self.page.tree.currentIndex())
            if parent.isValid():
                self.page.tree.expand(parent)
        return done

    def outdent(self) -> bool:
        return self._run_on_current(plan_editing.outdent_item)

    def renumber(self) -> int:
        page = self.page
        if page.plan_id is None or page.tree_data is None:
            return 0
        planned = page.operations.read(plan_editing.renumber_preview, page.plan_id)
        if not planned:
            page.inform("Renumber", "Every ref already follows the order of the plan.")
            return 0
        if not page.tree_data.uses_refs:
            question = (
                f"This plan has no refs. Number all {len(planned)} entries from their places in the plan "
                "(1, 1.1, 1.1.1…)?"
            )
        else:
            sample = "\n".join(f"{c.old or '(none)'} → {c.new}  {c.text[:50]}" for c in planned[:8])
            more = f"\n… and {len(planned) - 8} more" if len(planned) > 8 else ""
            question = f"{len(planned)} refs will change to follow the order of the plan:\n\n{sample}{more}"
        if not page.confirm("Renumber the plan", question):
            return 0
        result = page.operations.run(plan_editing.renumber_plan, page.plan_id, parent=page)
        page.refresh()
        return result or 0

    def delete(self) -> bool:
        page = self.page
        node = page.current_node()
        if node is None:
            return False
        impact = page.operations.read(plan_editing.delete_impact, node.id)
        if not page.confirm("Delete plan entry", impact.describe()):
            return False
        siblings_above = page.tree.indexAbove(page.tree.currentIndex())
        neighbour = page.model.node(siblings_above)
        done = page.operations.run(plan_editing.delete_item, node.id, parent=page) is not None
        if done:
            page.refresh()
            if neighbour is not None:
                page.select_node(neighbour.id)
        return done
