"""The action log query service: every filter, sorting, paging, counts and grouping, in SQL (no Qt).

The sample (tests/helpers/builders.py), with TODAY = 1 September 2017:
  IB-late      June, due at the held August meeting, open            -> overdue
  IB-closed    June, due August, closed
  IB-cse       August item 2, Hatton, due at September (agenda published)
  IB-profiles  August item 2, Coyle / Hatton, at a future meeting
  IB-video     August item 3, Wright / Board Members (role), due October, in progress, linked to plan 1.1
  IB-stats     August item 3, Hatton, by 31 Oct 2017, three updates, linked to 1.1 and 2.1
  IB-unfiled   August (no item), Driver, no due point
  MASH-1       the other board, no owner, by 31 Jul 2017 -> overdue
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlmodel import Session

from boardapp.core.enums import ActionStatus
from boardapp.core.models import Action, ActionOwner
from boardapp.services.action_log import (
    ActionLogQuery,
    GroupBy,
    OwnerKey,
    SortColumn,
    action_log_ids,
    action_log_page,
    action_log_rows,
    action_log_summary,
    describe_query,
    filter_choices,
    find_owner,
    meeting_choices,
)
from boardapp.services.actions import OPEN_STATUSES, action_detail, search_plan_items
from boardapp.services.errors import NotFound
from boardapp.store.database import Store
from tests.helpers.builders import OTHER_BOARD_NAME, TODAY, Sample
from tests.helpers.querycount import count_queries

EVERYTHING = {"IB-late", "IB-closed", "IB-cse", "IB-profiles", "IB-video", "IB-stats", "IB-unfiled", "MASH-1"}


def refs(session: Session, query: ActionLogQuery, today: dt.date = TODAY) -> list[str]:
    return [row.ref for row in action_log_rows(session, query, today=today)]


def found(session: Session, **filters: object) -> set[str]:
    return set(refs(session, ActionLogQuery(**filters)))  # type: ignore[arg-type]


# -- filters, one by one ---------------------------------------------------------------------------------


def test_no_filter_is_every_action(session: Session) -> None:
    assert found(session) == EVERYTHING


def test_board(session: Session, sample: Sample) -> None:
    assert found(session, board_id=sample.other_board_id) == {"MASH-1"}
    assert found(session, board_id=sample.board_id) == EVERYTHING - {"MASH-1"}


def test_owner_person_role_and_part_of_a_name(session: Session, sample: Sample) -> None:
    hatton = OwnerKey(person_id=sample.people["Amanda Hatton"])
    assert found(session, owner=hatton) == {"IB-cse", "IB-profiles", "IB-stats"}
    assert found(session, owner=OwnerKey(role_id=sample.role_id)) == {"IB-video"}
    assert found(session, owner_text="hatt") == {"IB-cse", "IB-profiles", "IB-stats"}
    assert found(session, owner_text="board members") == {"IB-video"}  # a role, by words of its name
    assert found(session, owner_text="nobody") == set()


def test_statuses_any_several_or_one(session: Session) -> None:
    assert found(session, statuses=frozenset()) == EVERYTHING
    assert found(session, statuses=frozenset({ActionStatus.CLOSED})) == {"IB-closed"}
    assert found(session, statuses=frozenset({ActionStatus.IN_PROGRESS, ActionStatus.CLOSED})) == {
        "IB-closed",
        "IB-video",
    }
    assert found(session, statuses=OPEN_STATUSES) == EVERYTHING - {"IB-closed"}


def test_overdue_only(session: Session) -> None:
    assert found(session, overdue_only=True) == {"IB-late", "MASH-1"}


def test_due_meeting_and_raised_at(session: Session, sample: Sample) -> None:
    assert found(session, due_meeting_id=sample.meetings["august"]) == {"IB-late", "IB-closed"}
    assert found(session, due_meeting_id=sample.meetings["october"]) == {"IB-video"}
    assert found(session, raised_meeting_id=sample.meetings["june"]) == {"IB-late", "IB-closed"}
    assert found(session, raised_meeting_id=sample.meetings["other"]) == {"MASH-1"}


def test_linked_plan_item_recommendation(session: Session, sample: Sample) -> None:
    assert found(session, plan_id=sample.plan_id) == {"IB-video", "IB-stats"}
    assert found(session, plan_item_id=sample.plan_items["2.1"]) == {"IB-stats"}
    # A key area finds the actions linked to anything under it.
    assert found(session, plan_item_id=sample.plan_items["1"]) == {"IB-video", "IB-stats"}
    assert found(session, plan_item_id=sample.plan_items["1.2"]) == set()
    recommendation = _recommendation_id(session, "10")
    assert found(session, recommendation_id=recommendation) == {"IB-video", "IB-stats"}  # via plan action 1.1
    assert found(session, linked=True) == {"IB-video", "IB-stats"}
    assert found(session, linked=False) == EVERYTHING - {"IB-video", "IB-stats"}


def _recommendation_id(session: Session, ref: str) -> int:
    from sqlmodel import select

    from boardapp.core.models import Recommendation

    return session.exec(select(Recommendation.id).where(Recommendation.ref == ref)).one() or 0


def test_text_every_word_in_ref_text_or_owner(session: Session) -> None:
    assert found(session, text="video") == {"IB-video"}
    assert found(session, text="VIDEO report") == {"IB-video"}  # every word, any case, any order
    assert found(session, text="mash") == {"MASH-1"}  # in the ref and the text
    assert found(session, text="storey") == {"IB-late"}  # an owner's name
    assert found(session, text="wright show") == {"IB-video"}  # owner and text words together
    assert found(session, text="video storey") == set()


def test_text_wildcards_are_literal(session: Session, store: Store, sample: Sample) -> None:
    with store.transaction() as writing:
        writing.add(Action(board_id=sample.board_id, ref="IB-pct", text="Cut agency use by 10% (from 2_000)"))
    with store.session() as reading:
        assert found(reading, text="10%") == {"IB-pct"}
        assert found(reading, text="2_0") == {"IB-pct"}
        assert found(reading, text="%") == {"IB-pct"}  # not "anything"
        assert found(reading, text="_") == {"IB-pct"}


def test_filters_combine(session: Session, sample: Sample) -> None:
    hatton = OwnerKey(person_id=sample.people["Amanda Hatton"])
    assert found(session, owner=hatton, text="statistics") == {"IB-stats"}
    assert found(session, board_id=sample.board_id, overdue_only=True) == {"IB-late"}


# -- sorting and paging -----------------------------------------------------------------------------------


def test_the_log_order_is_board_then_as_raised(session: Session) -> None:
    assert refs(session, ActionLogQuery()) == [
        "IB-late", "IB-closed", "IB-unfiled", "IB-cse", "IB-profiles", "IB-stats", "IB-video", "MASH-1",
    ]  # fmt: skip
    assert refs(session, ActionLogQuery(descending=True))[0] == "MASH-1"


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (SortColumn.REF, "closed cse late profiles stats unfiled video MASH"),
        (SortColumn.TEXT, "closed cse MASH stats unfiled profiles video late"),  # Circulate, CSE, Review, ...
        # By the first owner written: Amanda Hatton, Chris Coyle, Geoff Driver, Louise Storey, Natasha Wright, none.
        (SortColumn.OWNERS, "cse stats profiles closed unfiled late video MASH"),
        (SortColumn.RAISED, "late closed MASH unfiled cse profiles stats video"),  # June, July, August by item
        (SortColumn.DUE, "MASH late closed cse video stats profiles unfiled"),  # 31 Jul ... 31 Oct, then undated
        (SortColumn.STATUS, "late MASH cse profiles stats unfiled video closed"),  # open (overdue first) .. closed
        (SortColumn.LAST_UPDATE, "cse profiles video late closed unfiled MASH stats"),  # never updated first
        (SortColumn.PLAN_LINKS, "cse profiles late closed unfiled MASH video stats"),
    ],
)
def test_each_column_sorts_both_ways(session: Session, column: SortColumn, expected: str) -> None:
    """Ties come in the order the actions were entered (the sample enters cse, profiles, video, stats, late...)."""
    order = [("MASH-1" if word == "MASH" else f"IB-{word}") for word in expected.split()]
    assert refs(session, ActionLogQuery(sort=column)) == order
    descending = refs(session, ActionLogQuery(sort=column, descending=True))
    assert descending[0] == order[-1] or column in (SortColumn.DUE, SortColumn.OWNERS)  # ties keep entry order
    assert sorted(descending) == sorted(order)


def test_owner_sort_uses_the_first_owner_written(session: Session) -> None:
    order = refs(session, ActionLogQuery(sort=SortColumn.OWNERS))
    # Chris Coyle / Amanda Hatton sorts under C; Natasha Wright / Board Members under N.
    assert order.index("IB-stats") < order.index("IB-profiles") < order.index("IB-unfiled") < order.index("IB-video")


def test_pages_cover_the_log_once_in_order(session: Session) -> None:
    for column in SortColumn:
        query = ActionLogQuery(sort=column)
        whole = refs(session, query)
        paged = [row.ref for offset in range(0, 8, 3) for row in action_log_page(session, query, offset=offset,
                                                                                 limit=3, today=TODAY)]  # fmt: skip
        assert paged == whole, column
        ids = action_log_ids(session, query, offset=2, limit=4, today=TODAY)
        assert [row.ref for row in action_log_rows(session, query, today=TODAY)][2:6] == [
            row.ref for row in action_log_page(session, query, offset=2, limit=4, today=TODAY)
        ]
        assert len(ids) == 4


def test_a_page_costs_a_fixed_number_of_queries(store: Store, sample: Sample) -> None:
    with store.transaction() as writing:
        for number in range(300):
            action = Action(board_id=sample.board_id, ref=f"IB-X{number:03d}", text=f"Generated {number}")
            writing.add(action)
            writing.flush()
            writing.add(ActionOwner(action_id=action.id or 0, role_id=sample.role_id))
    query = ActionLogQuery(sort=SortColumn.OWNERS, text="generated")
    with store.session() as session, count_queries(store.engine) as small:
        assert len(action_log_page(session, query, limit=5, today=TODAY)) == 5
    with store.session() as session, count_queries(store.engine) as large:
        assert len(action_log_page(session, query, limit=200, today=TODAY)) == 200
    assert small.count == large.count <= 8


# -- counts and groups --------------------------------------------------------------------------------------


def test_counts(session: Session, sample: Sample) -> None:
    summary = action_log_summary(session, ActionLogQuery(board_id=sample.board_id), today=TODAY)
    assert (summary.total, summary.overdue, summary.scope_total, summary.is_filtered) == (7, 1, 7, False)
    assert summary.by_status[ActionStatus.OPEN] == 5
    assert summary.by_status[ActionStatus.IN_PROGRESS] == 1
    assert summary.by_status[ActionStatus.CLOSED] == 1
    assert summary.row_count == 7
    opened = action_log_summary(session, ActionLogQuery(statuses=OPEN_STATUSES), today=TODAY)
    assert (opened.total, opened.overdue, opened.scope_total, opened.is_filtered) == (7, 2, 8, True)


def test_grouped_by_owner(session: Session, sample: Sample) -> None:
    query = ActionLogQuery(board_id=sample.board_id, group_by=GroupBy.OWNER)
    summary = action_log_summary(session, query, today=TODAY)
    labels = [(g.label, g.count, g.overdue) for g in summary.groups]
    assert labels == [
        ("Amanda Hatton", 3, 0),
        ("Board Members", 1, 0),  # a role, in name order with the people
        ("Chris Coyle", 2, 0),
        ("Geoff Driver", 1, 0),
        ("Louise Storey", 1, 1),
        ("Natasha Wright", 1, 0),
    ]
    assert summary.row_count == 9 + 6  # IB-profiles and IB-video twice (two owners each), plus 6 headers
    for group in summary.groups:
        rows = action_log_page(session, query, group=group.key, limit=50, today=TODAY)
        assert len(rows) == group.count
        assert all(group.label in row.owner_names for row in rows)
    everywhere = action_log_summary(session, ActionLogQuery(group_by=GroupBy.OWNER), today=TODAY)
    assert everywhere.groups[-1].label == "No owner"
    assert [r.ref for r in action_log_page(session, replace(query, board_id=None), group="none", today=TODAY)] == [
        "MASH-1"
    ]


def test_grouped_by_owner_when_filtered_to_one_owner(session: Session, sample: Sample) -> None:
    coyle = OwnerKey(person_id=sample.people["Chris Coyle"])
    summary = action_log_summary(session, ActionLogQuery(owner=coyle, group_by=GroupBy.OWNER), today=TODAY)
    assert [(g.label, g.count) for g in summary.groups] == [("Chris Coyle", 2)]  # not Amanda Hatton's group too


def test_grouped_by_due_meeting(session: Session, sample: Sample) -> None:
    query = ActionLogQuery(group_by=GroupBy.DUE_MEETING, sort=SortColumn.REF)
    summary = action_log_summary(session, query, today=TODAY)
    assert [(g.label, g.count, g.overdue) for g in summary.groups] == [
        ("1 August 2017 meeting – IB", 2, 1),
        ("12 September 2017 meeting – IB", 1, 0),
        ("10 October 2017 meeting – IB", 1, 0),
        ("Due by a date", 2, 1),
        ("At a future meeting", 1, 0),
        ("No due point", 1, 0),
    ]
    pages = {g.key: [r.ref for r in action_log_page(session, query, group=g.key, today=TODAY)] for g in summary.groups}
    assert pages[f"m{sample.meetings['august']}"] == ["IB-closed", "IB-late"]
    assert pages["date"] == ["IB-stats", "MASH-1"]
    assert pages["none"] == ["IB-unfiled"]
    one_board = action_log_summary(session, replace(query, board_id=sample.board_id), today=TODAY)
    assert one_board.groups[0].label == "1 August 2017 meeting"  # no board name when there is one board


# -- the overdue rule in SQL agrees with the one in Python ---------------------------------------------------


@pytest.mark.parametrize("today", [dt.date(2017, 7, 1), dt.date(2017, 8, 1), dt.date(2017, 8, 2), TODAY,
                                   dt.date(2017, 10, 11), dt.date(2017, 11, 1), dt.date(2018, 1, 1)])  # fmt: skip
def test_sql_and_python_overdue_agree(session: Session, today: dt.date) -> None:
    rows = action_log_rows(session, ActionLogQuery(), today=today)
    in_python = {row.ref for row in rows if row.is_overdue}
    in_sql = set(refs(session, ActionLogQuery(overdue_only=True), today=today))
    assert in_python == in_sql
    assert action_log_summary(session, ActionLogQuery(), today=today).overdue == len(in_sql)


# -- helpers for the filter bar, the CLI and the detail -----------------------------------------------------


def test_filter_choices(session: Session, sample: Sample) -> None:
    choices = filter_choices(session, sample.board_id)
    assert [c.label for c in choices.boards] == ["Children's Services Improvement Board", OTHER_BOARD_NAME]
    owners = [(c.label, c.detail) for c in choices.owners]
    assert ("Board Members", "role") in owners and ("Amanda Hatton", "person") in owners
    assert [m.date for m in choices.meetings][:2] == [dt.date(2017, 10, 10), dt.date(2017, 9, 12)]
    assert ("plan", sample.plan_id) in [c.value for c in choices.links]
    assert any(c.label.startswith("Recommendation 10") for c in choices.links)
    every_board = meeting_choices(session)
    assert any(m.label.endswith("– MASH") for m in every_board)


def test_find_owner(session: Session, sample: Sample) -> None:
    assert find_owner(session, "amanda  hatton") == (
        OwnerKey(person_id=sample.people["Amanda Hatton"]),
        "Amanda Hatton",
    )
    assert find_owner(session, "Board Members") == (OwnerKey(role_id=sample.role_id), "Board Members")
    assert find_owner(session, "hatt") == (None, "hatt")
    with pytest.raises(NotFound, match="No person or role is called 'Zed'"):
        find_owner(session, "Zed")


def test_describe_query(session: Session, sample: Sample) -> None:
    hatton = OwnerKey(person_id=sample.people["Amanda Hatton"])
    text = describe_query(
        session, ActionLogQuery(statuses=OPEN_STATUSES, owner=hatton, due_meeting_id=sample.meetings["september"],
                                text="cse"), today=TODAY)  # fmt: skip
    assert text == "Open actions · Owner: Amanda Hatton · Due at the 12 September 2017 meeting · Matching “cse”"
    assert describe_query(session, ActionLogQuery(overdue_only=True), today=TODAY) == "Overdue on 1 September 2017"
    assert describe_query(session, ActionLogQuery(), today=TODAY) == "All actions"


def test_search_plan_items_by_ref_start_or_words(session: Session, sample: Sample) -> None:
    assert [c.ref for c in search_plan_items(session, "1.1")] == ["1.1", "1.1.1"]
    assert [c.ref for c in search_plan_items(session, "RECRUITMENT")] == ["2.1"]
    assert [c.ref for c in search_plan_items(session, "board establish")] == ["1.1"]
    assert search_plan_items(session, "nothing like this") == []


def test_action_detail(session: Session, sample: Sample) -> None:
    detail = action_detail(session, sample.actions["stats"], today=TODAY)
    assert detail.row.ref == "IB-stats"
    assert [(h.recorded_on.isoformat(), h.note) for h in detail.history] == [
        ("2017-09-01", "Older note"), ("2017-09-12", "Data requested"), ("2017-10-10", "Report drafted"),
    ]  # fmt: skip
    assert detail.history[-1].change == "Open → In progress"
    assert [link.ref for link in detail.links] == ["1.1", "2.1"]
    assert detail.links[0].level_label == "GREEN".title()
    video = action_detail(session, sample.actions["video"], today=TODAY)
    assert [(o.name, o.is_role) for o in video.owners] == [("Natasha Wright", False), ("Board Members", True)]
    with pytest.raises(NotFound):
        action_detail(session, 999_999, today=TODAY)
