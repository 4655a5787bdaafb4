"""Search across everything from the main window (issue 7): the box, the results dock, "go to".

`SearchController(window)` adds the toolbar box, the results dock and the Ctrl+K / Ctrl+F
shortcuts; `open_hit(window, hit)` shows a result at its exact place. The search itself is the
service `boardapp.services.search.search`; these modules only show it.
"""

from __future__ import annotations

from boardapp.gui.search.controller import SearchController
from boardapp.gui.search.model import SearchResultsModel
from boardapp.gui.search.navigate import open_hit
from boardapp.gui.search.panel import SearchPanel

__all__ = ["SearchController", "SearchPanel", "SearchResultsModel", "open_hit"]
