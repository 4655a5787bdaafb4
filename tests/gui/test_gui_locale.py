"""The GUI writes English dates when the machine's locale is German.

QApplication calls setlocale(LC_ALL, "") when it starts, so on a German Windows or Linux desktop
every strftime("%B") in the GUI process said "Oktober" while the CLI said "October". Here LC_TIME
is switched to a real German locale (tests/helpers/foreign_locale.py) after the QApplication exists, and
the navigator, built from the services, must still read "10 Oct 2017" and "Tuesday".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from boardapp.gui.navigator_model import NavigatorModel, NavTarget, NodeKind, read_navigator
from boardapp.services.navigator import list_meetings
from boardapp.store.database import Store
from tests.helpers.builders import Sample
from tests.helpers.foreign_locale import german_lc_time

ENGLISH = {
    "june": ("6 Jun 2017", "Tuesday 6 June 2017", "6 June 2017"),
    "august": ("1 Aug 2017", "Tuesday 1 August 2017", "1 August 2017"),
    "september": ("12 Sep 2017", "Tuesday 12 September 2017", "12 September 2017"),
    "october": ("10 Oct 2017", "Tuesday 10 October 2017", "10 October 2017"),
}


@pytest.fixture
def german(german_env: dict[str, str]) -> Iterator[None]:
    with german_lc_time(german_env):
        assert f"{dt.date(2017, 10, 10):%A %B}" == "Dienstag Oktober"  # the locale is real, not "C"
        yield


def test_navigator_dates_are_english_in_a_german_locale(
    qapp: object, store: Store, sample: Sample, german: None
) -> None:
    with store.session() as session:
        data = read_navigator(session)
        rows = {row.id: row for row in list_meetings(session, sample.board_id)}
    model = NavigatorModel()
    model.set_data(data)

    for key, (short, with_weekday, long) in ENGLISH.items():
        meeting_id = sample.meetings[key]
        index = model.find(NavTarget(NodeKind.MEETING, meeting_id, sample.board_id))
        assert index.isValid(), key
        assert str(index.data()).startswith(f"{short} · "), index.data()
        assert str(index.data(Qt.ItemDataRole.ToolTipRole)).startswith(with_weekday), index.data(
            Qt.ItemDataRole.ToolTipRole
        )
        assert rows[meeting_id].label == long
