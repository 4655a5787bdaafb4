"""A common word shows "1,000+" (the service stopped counting), in the summary, the group and "show all"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from boardapp.core.models import Action
from boardapp.gui.main_window import MainWindow
from boardapp.gui.search.controller import SearchController
from boardapp.gui.search.model import GROUP_ROLE, ROW_KIND_ROLE, RowKind, SearchResultsModel
from boardapp.services.search import COUNT_CAP
from boardapp.store.database import Store
from tests.helpers.builders import Sample

NOW = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)


def type_query(qtbot: QtBot, controller: SearchController, text: str) -> SearchResultsModel:
    controller.box.setFocus()
    controller.box.clear()
    qtbot.keyClicks(controller.box, text)
    qtbot.waitUntil(lambda: controller.results.query == text and not controller.timer.isActive(), timeout=5000)
    return controller.panel.model


def test_a_flood_of_matches_reads_1000_plus(qtbot: QtBot, window: MainWindow, store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        session.execute(
            insert(Action.__table__),  # type: ignore[attr-defined]
            [
                {
                    "id": 100_000 + n,
                    "board_id": sample.board_id,
                    "ref": f"IB-gazebo-{n}",
                    "text": f"Gazebo repair {n}",
                    "raised_meeting_id": sample.meetings["august"],
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for n in range(COUNT_CAP + 20)
            ],
        )
    window.activateWindow()
    controller = window.search
    model = type_query(qtbot, controller, "gazebo")
    assert controller.panel.summary.text() == "1,000+ results"
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    header = next(i for i in rows if i.data(ROW_KIND_ROLE) is RowKind.HEADER)
    assert header.data(GROUP_ROLE).total_text == "1,000+"
    assert header.data(Qt.ItemDataRole.ToolTipRole) == "1,000+ actions, the best 20 shown"
    more = [i.data() for i in rows if i.data(ROW_KIND_ROLE) is RowKind.MORE]
    assert more == ["Show all 1,000+ actions"]
