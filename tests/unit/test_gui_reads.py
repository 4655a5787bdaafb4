"""The reads the main window makes through services (the GUI imports no sqlalchemy/sqlmodel): the
navigator's tree and the search box's results, on an empty database and on the sample board."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from boardapp.core.models import Action, Kpi, Recommendation
from boardapp.services import search_view
from boardapp.services.navigation_tree import (
    NavigatorData,
    board_of_action,
    meeting_of_item,
    plan_of,
    read_navigator,
)
from boardapp.services.search import SearchKind, SearchResults, search
from boardapp.services.search_view import SearchFailed, search_for_box
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def test_the_navigator_of_an_empty_database_is_empty(store: Store) -> None:
    with store.session() as session:
        data = read_navigator(session)
    assert data == NavigatorData()
    assert data.entry(None) is None


def test_the_navigator_lists_each_board_with_its_meetings_newest_first_and_its_plans(
    store: Store, sample: Sample
) -> None:
    with store.session() as session:
        data = read_navigator(session)
    entry = data.entry(sample.board_id)
    assert entry is not None and entry in data.boards
    dates = [meeting.date for meeting in entry.meetings]
    assert dates == sorted(dates, reverse=True)
    ours = {name: number for name, number in sample.meetings.items() if name != "other"}  # "other": other board's
    assert {meeting.id for meeting in entry.meetings} == set(ours.values())
    other = data.entry(sample.other_board_id)
    assert other is not None and [meeting.id for meeting in other.meetings] == [sample.meetings["other"]]
    assert [plan.id for plan in entry.plans] == [sample.plan_id]
    assert data.archived == () and data.other_plans == ()
    assert {e.board.id for e in data.boards} == {sample.board_id, sample.other_board_id}


def test_where_a_record_is_filed_for_opening_it_by_its_id_alone(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        session.add(Kpi(plan_id=sample.plan_id, ref="K1", measure="Re-referrals within 12 months"))
    with store.session() as session:
        kpi_id = session.exec(select(Kpi.id)).one()
        recommendation_id = session.exec(select(Recommendation.id).where(Recommendation.ref == "2")).one()
        assert kpi_id is not None and recommendation_id is not None
        assert board_of_action(session, sample.actions["stats"]) == sample.board_id
        assert meeting_of_item(session, sample.items[3]) == sample.meetings["august"]
        assert plan_of(session, "item", sample.plan_items["2.1"]) == sample.plan_id
        assert plan_of(session, "recommendation", recommendation_id) == sample.plan_id
        assert plan_of(session, "kpi", kpi_id) == sample.plan_id
        gone = 10_000  # deleted meanwhile: nothing to open
        assert board_of_action(session, gone) is None and meeting_of_item(session, gone) is None
        assert plan_of(session, "item", gone) is None and plan_of(session, "kpi", gone) is None


def add_actions(store: Store, sample: Sample, count: int) -> None:
    with store.transaction() as session:
        for number in range(count):
            session.add(Action(board_id=sample.board_id, ref=f"IB-extra-{number}", text=f"Gazebo repair {number}",
                               raised_meeting_id=sample.meetings["august"], position=10 + number))  # fmt: skip


def test_the_box_lists_a_kind_in_full_once_show_all_is_chosen(store: Store, sample: Sample) -> None:
    add_actions(store, sample, 25)
    with store.session() as session:
        first = search_for_box(session, "gazebo")
        assert first == search(session, "gazebo")  # nothing expanded: the plain search
        group = first.group(SearchKind.ACTION)
        assert group is not None and (len(group.hits), group.total) == (20, 25)
        shown = search_for_box(session, "gazebo", expanded={SearchKind.ACTION})
        capped = search_for_box(session, "gazebo", expanded={SearchKind.ACTION}, show_all_limit=22)
        filtered = search_for_box(
            session, "gazebo", expanded={SearchKind.ACTION}, board_id=sample.other_board_id, date_to=dt.date(2017, 1, 1)
        )
    full = shown.group(SearchKind.ACTION)
    assert full is not None and len(full.hits) == 25 and full.total == 25
    assert full.hits[:20] == group.hits  # the first twenty as before, the rest after them
    limited = capped.group(SearchKind.ACTION)
    assert limited is not None and len(limited.hits) == 22
    assert filtered.groups == ()  # the filters hold for the expanded kind too


def test_a_database_failure_is_a_plain_refusal(store: Store, sample: Sample, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(session: Session, query: str, **_: object) -> SearchResults:
        raise OperationalError("SELECT … FROM search_index", {}, Exception("database is locked"))

    monkeypatch.setattr(search_view, "search", locked)
    with store.session() as session, pytest.raises(SearchFailed) as refused:
        search_for_box(session, "gazebo")
    assert str(refused.value) == "The search could not run: OperationalError. Try again in a moment."
    assert "SELECT" not in str(refused.value)
