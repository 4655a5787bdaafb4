"""Opening a search result at its exact place, through the main window's navigation API.

- a minute, decision or agenda item: the meeting's page scrolled to the item (or, when the
  clerk is minuting that very meeting in the workspace, the workspace on that item);
- an action: the board's action log with the action selected (its detail window when the log's
  filters hide it, e.g. a closed action while the log shows open ones);
- a plan item: the plan with the item selected;
- a recommendation or KPI: the plan's recommendations register or KPI page with it selected.

This module only says which of `window.navigation`'s `open_*` a kind of result goes to; how a
page shows the record is the page's own business.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from boardapp.services.search import SearchHit, SearchKind

if TYPE_CHECKING:
    from boardapp.gui.main_window import MainWindow

MEETING_KINDS = frozenset({SearchKind.MINUTE, SearchKind.DECISION, SearchKind.AGENDA_ITEM})


def open_hit(window: MainWindow, hit: SearchHit) -> bool:
    """Show `hit` where it lives; False (with a word in the status bar) when it cannot be shown."""
    navigation = window.navigation
    if hit.kind in MEETING_KINDS:
        opened = navigation.open_meeting_item(hit.meeting_id, hit.agenda_item_id)
    elif hit.kind is SearchKind.ACTION:
        opened = hit.action_id is not None and navigation.open_action(hit.action_id, hit.board_id)
    elif hit.kind is SearchKind.PLAN_ITEM:
        opened = navigation.open_plan_item(hit.plan_item_id, hit.plan_id)
    elif hit.kind is SearchKind.RECOMMENDATION:
        opened = hit.recommendation_id is not None and navigation.open_recommendation(
            hit.recommendation_id, hit.plan_id
        )
    elif hit.kind is SearchKind.KPI:
        opened = hit.kpi_id is not None and navigation.open_kpi(hit.kpi_id, hit.plan_id)
    else:  # pragma: no cover - every indexed kind is handled above
        opened = False
    if not opened:
        window.statusBar().showMessage(f"“{hit.title}” could not be opened: it is not in the navigator.", 6000)
    return opened


__all__ = ["MEETING_KINDS", "open_hit"]
