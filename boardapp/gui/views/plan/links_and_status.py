"""The plan page's dialogs: rating an entry (and deleting a rating), the plan's scales, and links.

Links join a plan entry to the board actions that serve it and the recommendations it addresses;
the golden thread dialog shows any of them with everything it is linked to. Each dialog is opened
modeless (`page.active_dialog`, so tests can answer it) and writes through `Operations.run` when accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl

from boardapp.core.dates import padded_long_date
from boardapp.core.enums import ScaleKind
from boardapp.gui.dialogs.link_picker import LinkPickerDialog, PickRow
from boardapp.gui.dialogs.plan_scales_dialog import PlanScalesDialog
from boardapp.gui.dialogs.plan_status_dialog import SetStatusDialog
from boardapp.gui.views.golden_thread import GoldenThreadDialog, ThreadKind, ThreadTarget, action_detail, parse_link
from boardapp.services import golden_thread as thread_service
from boardapp.services import plan_status
from boardapp.services import recommendations as rec_service

if TYPE_CHECKING:
    from boardapp.gui.views.plan_page import PlanPage

__all__ = ["PlanLinksAndStatus"]


class PlanLinksAndStatus:
    """Opens the status, scales, link and golden-thread dialogs for the page's chosen entry."""

    def __init__(self, page: PlanPage) -> None:
        self.page = page

    # -- status ----------------------------------------------------------------------------------------------
    def open_status_dialog(self, kind: ScaleKind = ScaleKind.PROGRESS) -> SetStatusDialog | None:
        """Open the Set status dialog for the chosen entry; the status is recorded when it is accepted."""
        page = self.page
        node = page.current_node()
        tree = page.tree_data
        if node is None or tree is None or page.plan_id is None:
            return None
        if not tree.scale(kind):
            what = "progress" if kind is ScaleKind.PROGRESS else "impact"
            page.inform("No status scale", f"This plan has no {what} scale yet. Choose one first (Scales…).")
            return None
        scales = {ScaleKind.PROGRESS: tree.progress_scale, ScaleKind.IMPACT: tree.impact_scale}
        meetings = page.operations.read(plan_status.board_meetings, page.plan_id)
        dialog = SetStatusDialog(
            f"{node.ref} {node.text.splitlines()[0] if node.text else ''}".strip(),
            scales,
            meetings,
            today=page.today(),
            kind=kind,
            current={ScaleKind.PROGRESS: node.progress, ScaleKind.IMPACT: node.impact},
            changed_by=page.last_changed_by,
            parent=page,
        )
        dialog.accepted.connect(lambda: self._apply_status(node.id, dialog))
        page.active_dialog = dialog
        dialog.open()
        return dialog

    def _apply_status(self, item_id: int, dialog: SetStatusDialog) -> None:
        page = self.page
        values = dialog.values()
        page.last_changed_by = values.changed_by
        page.operations.run(
            plan_status.set_status,
            item_id,
            values.level_id,
            changed_on=values.changed_on,
            scale_kind=values.scale_kind,
            changed_by=values.changed_by,
            reason=values.reason,
            meeting_id=values.meeting_id,
            parent=page,
        )
        page.refresh()

    def delete_status_change(self) -> bool:
        page = self.page
        index = page.history.currentIndex()
        if not index.isValid():
            page.inform("Delete status", "Choose the status entry to delete in the list first.")
            return False
        change = page.history_model.row_at(index.row())
        text = (
            f"Delete the rating {change.level.label} from {padded_long_date(change.changed_on)}? The entry's current "
            "status becomes the latest one left."
        )
        if not page.confirm("Delete status entry", text):
            return False
        done = page.operations.run(plan_status.delete_status_change, change.id, parent=page) is not None
        page.refresh()
        return done

    def open_scales_dialog(self) -> PlanScalesDialog | None:
        page = self.page
        if page.tree_data is None or page.plan_id is None:
            return None
        scales = page.operations.read(plan_status.list_scales)
        progress = page.tree_data.progress_scale[0].scale_id if page.tree_data.progress_scale else None
        impact = page.tree_data.impact_scale[0].scale_id if page.tree_data.impact_scale else None
        dialog = PlanScalesDialog(scales, progress, impact, page)
        plan_id = page.plan_id
        dialog.accepted.connect(lambda: self._apply_scales(plan_id, dialog))
        page.active_dialog = dialog
        dialog.open()
        return dialog

    def _apply_scales(self, plan_id: int, dialog: PlanScalesDialog) -> None:
        page = self.page
        for kind in (ScaleKind.PROGRESS, ScaleKind.IMPACT):
            choice = dialog.choice(kind)
            page.operations.run(
                plan_status.choose_plan_scale,
                plan_id,
                kind,
                scale_id=choice.scale_id,
                preset=choice.preset,
                parent=page,
            )
        page.refresh()

    # -- links -----------------------------------------------------------------------------------------------
    def open_link_board_action(self) -> LinkPickerDialog | None:
        page = self.page
        node = page.current_node()
        if node is None or page.tree_data is None:
            return None
        board_id = page.tree_data.board_id
        linked = {a.id for a in page.item_thread.board_actions} if page.item_thread else set()

        def search(query: str) -> list[PickRow]:
            found = page.operations.read(thread_service.search_board_actions, query, board_id=board_id)
            return [PickRow(a.id, a.ref, a.text, action_detail(a)) for a in found]

        dialog = LinkPickerDialog(
            "Link a board action",
            "Find a board action by ref or words…",
            search,
            linked_ids=linked,
            with_note=True,
            parent=page,
        )
        dialog.accepted.connect(lambda: self._link_board_action(node.id, dialog))
        page.active_dialog = dialog
        dialog.open()
        return dialog

    def _link_board_action(self, item_id: int, dialog: LinkPickerDialog) -> None:
        page = self.page
        chosen = dialog.chosen()
        if chosen is not None:
            page.operations.run(thread_service.link_action, chosen.id, item_id, dialog.note.text(), parent=page)
            page.refresh()

    def unlink_board_action(self) -> bool:
        page = self.page
        node = page.current_node()
        index = page.links.currentIndex()
        if node is None or not index.isValid():
            return False
        action = page.links_model.row_at(index.row())
        done = page.operations.run(thread_service.unlink_action, action.id, node.id, parent=page) is not None
        page.refresh()
        return done

    def open_link_recommendation(self) -> LinkPickerDialog | None:
        page = self.page
        node = page.current_node()
        if node is None or page.plan_id is None:
            return None
        plan_id = page.plan_id
        linked = {r.id for r in page.item_thread.recommendations} if page.item_thread else set()

        def search(query: str) -> list[PickRow]:
            found = page.operations.read(thread_service.search_recommendations, query, plan_id=plan_id)
            if not found:  # a plan with no recommendations of its own may still address any review's
                found = page.operations.read(thread_service.search_recommendations, query)
            return [PickRow(r.id, r.ref, r.text, r.source_title) for r in found]

        dialog = LinkPickerDialog(
            "Link a recommendation", "Find a recommendation by ref or words…", search, linked_ids=linked, parent=page
        )
        dialog.accepted.connect(lambda: self._link_recommendation(node.id, dialog))
        page.active_dialog = dialog
        dialog.open()
        return dialog

    def _link_recommendation(self, item_id: int, dialog: LinkPickerDialog) -> None:
        page = self.page
        chosen = dialog.chosen()
        if chosen is not None:
            page.operations.run(rec_service.link_recommendation, item_id, chosen.id, parent=page)
            page.refresh()

    def unlink_recommendation(self) -> bool:
        page = self.page
        node = page.current_node()
        index = page.rec_links.currentIndex()
        if node is None or not index.isValid():
            return False
        rec = page.rec_links_model.row_at(index.row())
        done = page.operations.run(rec_service.unlink_recommendation, node.id, rec.id, parent=page) is not None
        page.refresh()
        return done

    def show_thread_of_link(self) -> GoldenThreadDialog | None:
        page = self.page
        index = page.links.currentIndex()
        node = page.current_node()
        if index.isValid():
            target = ThreadTarget(ThreadKind.ACTION, page.links_model.row_at(index.row()).id)
        elif node is not None:
            target = ThreadTarget(ThreadKind.ITEM, node.id)
        else:
            return None
        dialog = GoldenThreadDialog(page.operations, target, page)
        page.active_dialog = dialog
        dialog.open()
        return dialog

    def detail_link(self, url: QUrl) -> None:
        page = self.page
        target = parse_link(url)
        if target is None:
            return
        if target.kind is ThreadKind.ITEM and page.select_node(target.id):
            return
        dialog = GoldenThreadDialog(page.operations, target, page)
        page.active_dialog = dialog
        dialog.open()
