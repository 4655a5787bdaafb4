"""GUI fixtures: the sample board in a store, and a main window on it with a fixed "today"."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from boardapp.gui.main_window import MainWindow
from boardapp.home import AppHome
from boardapp.store.database import Store
from tests.unit.services.builders import TODAY, Sample, build_sample


@pytest.fixture
def sample(store: Store) -> Sample:
    with store.transaction() as session:
        return build_sample(session)


@pytest.fixture
def window(qtbot: QtBot, store: Store, home: AppHome, sample: Sample) -> Iterator[MainWindow]:
    main = MainWindow(store, home, today=TODAY)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
