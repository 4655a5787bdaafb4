"""The workspace's item models pass pytest-qt's model tester with the demo meetings' rows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from sqlmodel import Session

from boardapp.core.enums import AttendanceKind
from boardapp.gui.workspace.agenda_model import ROW_ROLE, AgendaModel, AgendaRow, agenda_rows, duration_label
from boardapp.gui.workspace.attendance_model import MARK, NAME, AttendanceModel
from boardapp.gui.workspace.matters_panel import ArisingModel
from boardapp.gui.workspace.minute_models import ActionListModel, DecisionListModel
from boardapp.services import agenda, attendance, matters_arising, minuting
from boardapp.services.meetings import meeting_detail
from boardapp.store.database import Store
from tests.gui.workspace.ws_helpers import AUGUST, SEPTEMBER, item_ids, meeting_id


def _rows(session: Session, store: Store, day: str) -> list[AgendaRow]:
    mid = meeting_id(store, day)
    return agenda_rows(meeting_detail(session, mid), agenda.agenda_timing(session, mid))


def test_agenda_model(qtmodeltester: ModelTester, demo_store: Store) -> None:
    model = AgendaModel()
    with demo_store.session() as session:
        model.set_rows(_rows(session, demo_store, SEPTEMBER))
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "1. Welcome and Introductions"
    assert isinstance(model.index(0, 0).data(ROW_ROLE), AgendaRow)
    model.set_timed_item(model.rows()[2].id)
    qtmodeltester.check(model)
    assert model.flags(model.index(-1, 0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert [duration_label(m) for m in (40, 60, 125)] == ["40 min", "1 h", "2 h 5 min"]


def test_attendance_model(qtmodeltester: ModelTester, demo_store: Store) -> None:
    model = AttendanceModel()
    with demo_store.session() as session:
        model.set_rows(attendance.roster(session, meeting_id(demo_store, AUGUST)))
    qtmodeltester.check(model)
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Member or attendee"
    assert model.index(0, MARK).data() == "Present"
    assert model.counts()[AttendanceKind.PRESENT] >= 10


def test_minute_models(qtmodeltester: ModelTester, demo_store: Store) -> None:
    with demo_store.session() as session:
        minute = minuting.minute_of(session, item_ids(demo_store, AUGUST)[1])
    decisions, actions = DecisionListModel(), ActionListModel()
    decisions.set_rows(minute.decisions)
    actions.set_rows(minute.actions)
    qtmodeltester.check(decisions)
    qtmodeltester.check(actions)
    assert actions.index(0, 0).data().startswith("CSE intelligence input")
    assert "Ian Whitehead" in actions.index(0, 0).data()


def test_arising_model(qtmodeltester: ModelTester, demo_store: Store) -> None:
    model = ArisingModel()
    with demo_store.session() as session:
        model.set_rows(matters_arising.matters_arising(session, meeting_id(demo_store, SEPTEMBER)))
    qtmodeltester.check(model)
    due_here = [model.row_at(r).text[:9] for r in range(model.rowCount()) if model.row_at(r).due_here]
    assert sorted(due_here) == ["CSE intel", "Heat maps"]
