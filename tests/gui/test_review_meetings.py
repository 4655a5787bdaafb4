"""The chair reads the board's meetings in a review copy, read-only, with filters that work (issue 16 point 4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from boardapp.gui.review_copy_window import ReviewCopyWindow, open_review_copy_file
from boardapp.services.review_copy import make_review_copy
from boardapp.store.database import Store
from tests.helpers.builders import AUGUST, ITEM_TITLES, Sample

LEFT = Qt.MouseButton.LeftButton


def _window(qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path, *, part2: bool) -> ReviewCopyWindow:
    target = tmp_path / "chair.boardreview"
    with store.transaction() as session:
        make_review_copy(session, sample.board_id, target, include_part2=part2, passphrase=None)
    window = open_review_copy_file(target, None)
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentWidget(window.meetings)
    return window


def _dates(window: ReviewCopyWindow) -> list[str]:
    panel = window.meetings
    return [panel.meetings.item(row).text().split("\n")[0] for row in range(panel.meetings.count())]


def test_the_chair_lists_reads_and_filters_the_board_s_meetings(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    window = _window(qtbot, store, sample, tmp_path, part2=False)
    panel = window.meetings
    assert "read the board's meetings" in window.banner.text()
    assert _dates(window) == ["10 October 2017", "12 September 2017", "1 August 2017", "6 June 2017"]
    assert panel.count.text() == "4 of 4 meetings"  # the other board's meeting is not in the copy
    qtbot.keyClicks(panel.text, "corporate video")  # words of the August minutes, in any order
    assert len(panel.shown_meeting_ids()) == 1
    assert _dates(window) == ["1 August 2017"]
    reading = panel.reader.toPlainText()
    assert ITEM_TITLES[2] in reading and "presented the Being a Good Corporate Parent video" in reading
    assert "The minutes of the meeting held on 6 June 2017 were approved" in reading
    assert ITEM_TITLES[3] not in reading  # Part II was left out of this copy: its title is withheld too
    panel.text.clear()
    panel.status.setCurrentIndex(panel.status.findText("Scheduled"))
    assert _dates(window) == ["10 October 2017"]
    assert "No agenda items yet" in panel.reader.toPlainText()
    panel.status.setCurrentIndex(0)
    qtbot.keyClicks(panel.text, "nothing like this anywhere")
    assert _dates(window) == [] and panel.count.text() == "0 of 4 meetings"
    assert "No meeting matches" in panel.reader.toPlainText()
    assert panel.reader.isReadOnly()
    window.close()


def test_choosing_a_meeting_shows_it_and_part2_shows_only_when_the_copy_holds_it(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    window = _window(qtbot, store, sample, tmp_path, part2=True)
    panel = window.meetings
    assert panel.year.findText("2017") > 0
    august = _dates(window).index("1 August 2017")
    rect = panel.meetings.visualItemRect(panel.meetings.item(august))
    qtbot.mouseClick(panel.meetings.viewport(), LEFT, pos=rect.center())
    reading = panel.reader.toPlainText()
    assert f"{ITEM_TITLES[3]} (Part II — confidential)" in reading
    assert str(AUGUST.year) in reading and "Tuesday 1 August 2017" in reading
    assert len(_dates(window)) == 4  # choosing one filters nothing out
    window.close()


def test_the_action_text_gets_the_room_not_the_due_phrases(
    qtbot: QtBot, store: Store, sample: Sample, tmp_path: Path
) -> None:
    """At a laptop's width the chair reads each action's text; long due phrases and notes stay in their columns."""
    from sqlmodel import select

    from boardapp.core.models import Action

    with store.transaction() as session:  # the demo's due phrases run to 70 characters, and a clerk's can be longer
        for action in session.exec(select(Action)).all():
            action.due_text = "report back to the Board at the October meeting, after the MASH review is complete"
    window = _window(qtbot, store, sample, tmp_path, part2=False)
    window.tabs.setCurrentIndex(0)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.table.columnWidth(2) > 0)
    widths = [window.table.columnWidth(column) for column in range(window.model.columnCount())]
    assert widths[2] == max(widths), widths
    window.close()
