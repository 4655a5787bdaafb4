"""Counting stops at COUNT_CAP matches per kind ("1,000+"), and what is shown is ranked as before.

A common word must not cost a count of every match (issue 13 point 5), so beyond COUNT_CAP a
kind's total reads "1,000+". The best hits are still the best of that kind's newest
RANK_WINDOW matches. Rows are written with Core inserts (the search triggers index them) so a
few thousand cost well under a second.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import insert
from sqlmodel import Session

from boardapp.cli import main
from boardapp.core.models import Action, AgendaItem, Board, Meeting, Minute
from boardapp.home import AppHome
from boardapp.services.search import COUNT_CAP, RANK_WINDOW, count_text, search
from boardapp.store.database import Store
from boardapp.store.fts import IndexedKind

MINUTE, ACTION, KPI = IndexedKind.MINUTE, IndexedKind.ACTION, IndexedKind.KPI
NOW = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)


def _table(model: Any) -> Any:
    return model.__table__


def add_minutes(session: Session, count: int, *, strong: frozenset[int] = frozenset(), actions: int = 0) -> list[int]:
    """`count` minutes mentioning "walrus" once, oldest first; those in `strong` say it five times.

    Returns the minute ids in the order written (ids grow, so the last is the newest).
    """
    board_id, meeting_id = 1, 1
    session.execute(insert(_table(Board)).values(id=board_id, name="Test Board", short_name="TB"))
    session.execute(
        insert(_table(Meeting)).values(id=meeting_id, board_id=board_id, date=dt.date(2020, 1, 7), updated_at=NOW)
    )
    session.execute(
        insert(_table(AgendaItem)),
        [
            {"id": n, "meeting_id": meeting_id, "position": n, "title": f"Item {n}", "updated_at": NOW}
            for n in range(1, count + 1)
        ],
    )
    session.execute(
        insert(_table(Minute)),
        [
            {
                "id": n,
                "agenda_item_id": n,
                "notes": "The board heard about the walrus." + (" walrus" * 5 if n in strong else ""),
                "updated_at": NOW,
            }
            for n in range(1, count + 1)
        ],
    )
    if actions:
        session.execute(
            insert(_table(Action)),
            [
                {
                    "id": n,
                    "board_id": board_id,
                    "text": f"Count the walrus colony {n}",
                    "ref": f"TB-{n}",
                    "raised_meeting_id": meeting_id,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
                for n in range(1, actions + 1)
            ],
        )
    return list(range(1, count + 1))


def test_counting_stops_at_the_cap(store: Store) -> None:
    with store.transaction() as session:
        add_minutes(session, COUNT_CAP + 200, actions=3)
    with store.session() as session:
        results = search(session, "walrus")
    minutes, actions = results.group(MINUTE), results.group(ACTION)
    assert minutes is not None and actions is not None
    assert (minutes.total, minutes.total_is_capped, minutes.total_text) == (COUNT_CAP, True, "1,000+")
    assert (actions.total, actions.total_is_capped, actions.total_text) == (3, False, "3")
    assert results.total_is_capped and results.total_text == "1,003+"
    assert len(minutes.hits) == 20 and len(actions.hits) == 3


@pytest.mark.parametrize(("count", "capped"), [(COUNT_CAP, False), (COUNT_CAP + 1, True)])
def test_exactly_the_cap_is_counted_exactly(store: Store, count: int, capped: bool) -> None:
    with store.transaction() as session:
        add_minutes(session, count)
    with store.session() as session:
        group = search(session, "walrus", as_you_type=False).group(MINUTE)
    assert group is not None
    assert (group.total, group.total_is_capped) == (COUNT_CAP, capped)
    assert group.total_text == ("1,000+" if capped else "1,000")


def test_the_best_of_the_newest_matches_come_first(store: Store) -> None:
    count = COUNT_CAP + 200
    newest_window = range(count - RANK_WINDOW + 1, count + 1)
    strong = frozenset({newest_window[0], newest_window[500], count, 3})  # 3 is older than the window
    with store.transaction() as session:
        add_minutes(session, count, strong=strong)
    with store.session() as session:
        group = search(session, "walrus", limit_per_kind=5).group(MINUTE)
    assert group is not None and group.total_is_capped
    ranks = [hit.rank for hit in group.hits]
    assert ranks == sorted(ranks)
    assert {hit.id for hit in group.hits[:3]} == strong - {3}
    assert all(hit.id in newest_window for hit in group.hits)


def test_kinds_that_are_not_next_to_each_other(store: Store) -> None:
    with store.transaction() as session:
        add_minutes(session, COUNT_CAP + 5, actions=2)
    with store.session() as session:
        results = search(session, "walrus", kinds=[MINUTE, KPI])
        only_actions = search(session, "walrus", kinds=[ACTION])
    assert [g.kind for g in results.groups] == [MINUTE] and results.groups[0].total_is_capped
    assert [(g.kind, g.total) for g in only_actions.groups] == [(ACTION, 2)]


def test_count_text() -> None:
    assert count_text(7) == "7"
    assert count_text(1234) == "1,234"
    assert count_text(1000, capped=True) == "1,000+"


def test_the_cli_says_1000_plus(home: AppHome, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    with store.transaction() as session:
        add_minutes(session, COUNT_CAP + 50)
    store.close()
    server = ["--db", home.server_url] if home.server_url else []
    assert main(["--basedir", str(home.basedir), *server, "search", "walrus", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "1,000+ results for 'walrus'" in out
    assert "\nMinutes (2 of 1,000+)" in out
