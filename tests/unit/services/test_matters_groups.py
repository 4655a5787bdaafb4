"""Matters arising lists every open action of the board raised before the meeting, in three groups."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.core.models import Action, AgendaItem, Meeting
from boardapp.services import calendar, lifecycle, minuting
from boardapp.services.matters_arising import DUE, NO_DATE, OVERDUE, matters_arising
from boardapp.store.database import Store
from tests.helpers.calendar_helpers import D, new_board


def _meeting_id(session: Session, day: dt.date) -> int:
    return session.exec(select(Meeting.id).where(col(Meeting.date) == day)).one() or 0


def test_seed_003_the_september_meeting_reviews_every_open_action(demo_store: Store) -> None:
    with demo_store.session() as session:
        rows = matters_arising(session, _meeting_id(session, D(2017, 9, 12)))
    groups = {r.ref[-2:]: r.group for r in rows}
    assert groups == {
        "01": DUE, "07": DUE,
        "02": NO_DATE, "03": NO_DATE, "04": NO_DATE, "06": NO_DATE, "08": NO_DATE,
        "09": NO_DATE, "10": NO_DATE, "11": NO_DATE, "12": NO_DATE,
    }  # fmt: skip
    assert [r.group for r in rows] == sorted((r.group for r in rows), key=(DUE, OVERDUE, NO_DATE).index)
    assert all(r.due_here == (r.group == DUE) for r in rows)
    future = next(r for r in rows if r.ref.endswith("06"))
    assert future.due_label == "a future meeting"
    # "05" is due at the October meeting: it waits for it.
    assert "IB-20170801-05" not in {r.ref for r in rows}


def test_seed_003_in_october_septembers_are_overdue(demo_store: Store) -> None:
    with demo_store.session() as session:
        rows = {r.ref[-2:]: r for r in matters_arising(session, _meeting_id(session, D(2017, 10, 10)))}
    assert rows["05"].group == DUE and rows["05"].due_here
    assert rows["01"].group == rows["07"].group == OVERDUE
    assert not rows["01"].due_here
    assert len(rows) == 12


def test_a_board_from_empty(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        ids, _ = calendar.schedule_series(session, board_id, start=D(2026, 1, 1), rule="first tuesday", count=3)
        january, february, march = ids
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == january)).first()
        assert item is not None
        lifecycle.mark_held(session, january)
        typed = {
            "next": "Revised terms of reference at the next meeting – Jo Bloggs",
            "march": "Sufficiency report for the March meeting – Jo Bloggs",
            "dated": "Circulate the audit by 20 January 2026 – Jo Bloggs",
            "future": "Visit a children's home and report at a future meeting – Jo Bloggs",
            "none": "Thank the foster carers – Jo Bloggs",
            "closed": "Book the room – Jo Bloggs",
        }
        actions = {}
        for key, line in typed.items():
            actions[key], _ = minuting.create_action(
                session, item.id or 0, minuting.draft_action(session, item.id or 0, line)
            )
        closed = session.get(Action, actions["closed"])
        assert closed is not None
        closed.status = ActionStatus.CLOSED
        assert session.get(Action, actions["dated"]).due_kind is DueKind.DATE  # type: ignore[union-attr]

        # At January itself: nothing raised there is a matter arising there.
        assert matters_arising(session, january) == []

        at_february = {r.action_id: r.group for r in matters_arising(session, february)}
        assert at_february == {
            actions["next"]: DUE,
            actions["dated"]: OVERDUE,
            actions["future"]: NO_DATE,
            actions["none"]: NO_DATE,
        }
        lifecycle.mark_held(session, february)
        at_march = {r.action_id: r.group for r in matters_arising(session, march)}
        assert at_march == {
            actions["march"]: DUE,
            actions["next"]: OVERDUE,
            actions["dated"]: OVERDUE,
            actions["future"]: NO_DATE,
            actions["none"]: NO_DATE,
        }


def test_an_action_due_on_the_meetings_own_date_is_due_there(store: Store) -> None:
    with store.transaction() as session:
        board_id = new_board(session)
        january, _ = calendar.schedule_meeting(session, board_id, D(2026, 1, 6))
        february, _ = calendar.schedule_meeting(session, board_id, D(2026, 2, 3))
        item = session.exec(select(AgendaItem).where(AgendaItem.meeting_id == january)).first()
        assert item is not None
        action_id, _ = minuting.create_action(
            session, item.id or 0, minuting.draft_action(session, item.id or 0, "Audit by 3 February 2026 – Jo Bloggs")
        )
        rows = matters_arising(session, february)
    assert [(r.action_id, r.group, r.due_here) for r in rows] == [(action_id, DUE, False)]
