"""The two items the agenda builder fills in itself, as the workspace shows them (issue 10 points 4 and 5).

The demo's 10 October 2017 meeting has no agenda; its agenda is built here, which gives it a
"Date of next meeting" item (the board has no meeting after it) and an "Improvement plan: actions
due for review" item with the 17 plan actions that fell due since 12 September.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Board, Meeting, PlanItem, StatusLevel
from boardapp.gui.dialogs.schedule_meeting import ScheduleMeetingsDialog
from boardapp.gui.operations import Operations
from boardapp.gui.style import MUTED_TEXT
from boardapp.gui.workspace import MeetingWorkspace
from boardapp.services import agenda_builder, boards, calendar
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import OCTOBER, SEPTEMBER, meeting_id

MakeWorkspace = Callable[..., MeetingWorkspace]
FOSTERING = "Initial planning and development of a step down into fostering provision"


@pytest.fixture
def october(demo_store: Store, make_workspace: MakeWorkspace) -> MeetingWorkspace:
    """The October meeting's agenda built (one plan action rated first), open in the workspace."""
    with demo_store.transaction() as session:
        action = session.exec(select(PlanItem).where(PlanItem.text == FOSTERING)).one()
        red = session.exec(  # the demo plan has no progress scale of its own: any scale's worst level
            select(StatusLevel).where(col(StatusLevel.means_complete).is_(False)).order_by(col(StatusLevel.position))
        ).first()
        assert red is not None
        action.progress_level_id = red.id
        session.add(action)
        agenda_builder.build_agenda(session, meeting_id(demo_store, OCTOBER))
    return make_workspace(OCTOBER)


def select_titled(workspace: MeetingWorkspace, title: str) -> None:
    row = next(r for r in workspace.rows if r.title == title)
    workspace.select_item(row.id)


def meetings_after(store: Store, day: str) -> list[Meeting]:
    with store.session() as session:
        return list(
            session.exec(
                select(Meeting).where(col(Meeting.date) > dt.date.fromisoformat(day)).order_by(col(Meeting.date))
            ).all()
        )


def agenda_titles(store: Store, meeting: int) -> list[str]:
    with store.session() as session:
        return list(
            session.exec(
                select(AgendaItem.title).where(AgendaItem.meeting_id == meeting).order_by(col(AgendaItem.position))
            ).all()
        )


def test_date_of_next_meeting_offers_the_next_meeting_and_schedules_it_by_keyboard(
    october: MeetingWorkspace, demo_store: Store, qtbot: QtBot
) -> None:
    select_titled(october, "Date of next meeting")
    offer = october.editor.next_meeting
    assert offer.isVisible()
    assert "Schedule the next meeting:</b> Tuesday 14 November 2017, 2.30 pm at Committee Room" in offer.label.text()
    assert offer.schedule_button.isVisible() and offer.choose_button.isVisible()
    assert offer.schedule_button.focusPolicy() & Qt.FocusPolicy.TabFocus

    offer.schedule_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(offer.schedule_button, Qt.Key.Key_Space)

    [new] = meetings_after(demo_store, OCTOBER)
    with demo_store.session() as session:
        board = session.get(Board, new.board_id)
        assert board is not None
        venue, standing = board.default_venue, list(board.standing_items)
    assert (new.date, new.start_time, new.venue) == (dt.date(2017, 11, 14), dt.time(14, 30), venue)
    titles = agenda_titles(demo_store, new.id or 0)
    assert titles[0] == standing[0] and titles[-1] == standing[-1] == "Date of next meeting"
    assert "Minutes of the meeting held on 10 October 2017 and matters arising" in titles
    assert "Next meeting:</b> Tuesday 14 November 2017, 2.30 pm" in offer.label.text()
    assert not offer.schedule_button.isVisible() and not offer.choose_button.isVisible()
    assert new.id in {m.id for m in october.board_meetings}  # offered as a due meeting from now on


def test_choose_another_date_schedules_through_the_scheduling_dialog(
    october: MeetingWorkspace, demo_store: Store
) -> None:
    answered: list[ScheduleMeetingsDialog] = []

    def answer(dialog: QDialog) -> bool:
        assert isinstance(dialog, ScheduleMeetingsDialog)
        answered.append(dialog)
        assert dialog.date.text() == "14/11/2017"  # opened on the suggested date
        dialog.date.setText("21/11/2017")
        button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        button.click()
        return dialog.result() == QDialog.DialogCode.Accepted

    october.exec_dialog = answer  # type: ignore[method-assign]
    select_titled(october, "Date of next meeting")
    october.editor.next_meeting.choose_button.click()

    assert len(answered) == 1
    [new] = meetings_after(demo_store, OCTOBER)
    assert (new.date, new.start_time) == (dt.date(2017, 11, 21), dt.time(14, 30))
    titles = agenda_titles(demo_store, new.id or 0)
    assert titles[1] == "Minutes of the meeting held on 10 October 2017 and matters arising"
    assert titles[-1] == "Date of next meeting"
    assert "Next meeting:</b> Tuesday 21 November 2017" in october.editor.next_meeting.label.text()


def test_a_meeting_with_a_later_meeting_shows_its_date_and_offers_nothing(make_workspace: MakeWorkspace) -> None:
    september = make_workspace(SEPTEMBER)
    select_titled(september, "Date of next meeting")
    offer = september.editor.next_meeting
    assert offer.isVisible()
    assert "Next meeting:</b> Tuesday 10 October 2017, 2.30 pm" in offer.label.text()
    assert not offer.schedule_button.isVisible()
    select_titled(september, "Any other business")
    assert not offer.isVisible()


def test_plan_actions_due_for_review_are_listed_read_only_in_the_scale_colour(october: MeetingWorkspace) -> None:
    panel = october.editor.plan_reviews
    select_titled(october, "Date of next meeting")
    assert not panel.isVisible()
    select_titled(october, agenda_builder.PLAN_REVIEW_TITLE)
    assert panel.isVisible()
    table, model = panel.table, panel.model
    assert table.model() is model and model.rowCount() == 17
    texts = [model.index(r, 1).data() for r in range(model.rowCount())]
    first = texts.index(FOSTERING)
    lead, due, status = (model.index(first, c) for c in (2, 3, 4))
    assert lead.data() == "Barbara Bath / Annette McNeill"
    assert due.data() == "21 September 2017"
    assert status.data() not in ("", "Not rated")
    background = status.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor) and background.isValid()
    assert isinstance(status.data(Qt.ItemDataRole.ForegroundRole), QColor)  # readable on the plan's colour
    other = model.index(texts.index("Recruit additional ART capacity"), 4)
    assert other.data() == "Not rated" and other.data(Qt.ItemDataRole.ForegroundRole) == QColor(MUTED_TEXT)
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert "17 from 12 Week Improvement Plan" in panel.note.text()


def test_a_new_board_with_one_meeting_is_offered_a_date_to_choose(qtbot: QtBot, store: Store) -> None:
    """From an empty database: one meeting gives no pattern, so only "Choose a date…" is offered."""
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Schools Forum", venue="Room 1", start_time="10:00")
        first, _ = calendar.schedule_meeting(session, board_id, dt.date(2026, 1, 13))
    workspace = MeetingWorkspace(Operations(store, show_errors=False))
    qtbot.addWidget(workspace)
    workspace.open_meeting(first)
    try:
        select_titled(workspace, "Date of next meeting")
        offer = workspace.editor.next_meeting
        assert offer.isVisibleTo(workspace) and offer.suggestion is None
        assert "no pattern of meetings yet" in offer.label.text()
        assert offer.schedule_button.isHidden() and offer.choose_button.text() == "Choose a date…"
        assert workspace.editor.plan_reviews.isHidden()
    finally:
        workspace.close_meeting()
