"""The search box when the database cannot answer (locked a moment by another program): a plain word in
the results, the typed text kept, and the next search works again."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from boardapp.gui.main_window import MainWindow
from boardapp.services import search_view
from boardapp.services.search import SearchKind
from tests.helpers.builders import Sample


def test_a_failed_search_says_so_plainly_and_the_next_one_works(
    qtbot: QtBot, window: MainWindow, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = window.search
    real_search = search_view.search

    def locked(*_args: object, **_kwargs: object) -> object:
        raise OperationalError("SELECT rowid FROM search_index", {}, Exception("database is locked"))

    monkeypatch.setattr(search_view, "search", locked)
    controller.activate()
    qtbot.keyClicks(controller.box, "corporate parent")
    controller.search_now()
    summary = controller.panel.summary.text()
    assert summary == "The search could not run: OperationalError. Try again in a moment."
    assert controller.box.text() == "corporate parent"  # nothing the clerk typed is lost
    assert controller.panel.model.hits() == []

    monkeypatch.setattr(search_view, "search", real_search)  # the lock is gone
    results = controller.search_now()
    minutes = results.group(SearchKind.MINUTE)
    assert minutes is not None and [hit.agenda_item_id for hit in minutes.hits] == [sample.items[3]]
    assert controller.panel.summary.text() != summary
