"""Boards and their defaults, from an empty database: create, edit, archive, list."""

from __future__ import annotations

import pytest

from boardapp.core.enums import MinuteNumbering
from boardapp.services import boards
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.store.database import Store


def test_a_new_board_gets_its_defaults_and_the_usual_standing_items(store: Store) -> None:
    with store.transaction() as session:
        board_id, changes = boards.create_board(
            session, "  Corporate   Parenting Board ", short_name="CPB", venue="Room 1", start_time="9.30",
            usual_length_minutes=120, quorum=3, minute_numbering=MinuteNumbering.MUNICIPAL_YEAR,
        )  # fmt: skip
    assert changes.boards == frozenset({board_id})
    with store.session() as session:
        settings = boards.board_settings(session, board_id)
    assert settings.name == "Corporate Parenting Board"
    assert (settings.short_name, settings.venue, settings.start_time) == ("CPB", "Room 1", "09:30")
    assert (settings.usual_length_minutes, settings.quorum) == (120, 3)
    assert settings.minute_numbering is MinuteNumbering.MUNICIPAL_YEAR
    assert settings.standing_items == boards.DEFAULT_STANDING_ITEMS
    assert settings.standing_items[1] == "Declarations of interest"
    assert not settings.archived


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "  "}, "needs a name"),
        ({"name": "MASH board"}, "already a board called “MASH Board”"),
        ({"name": "B", "start_time": "25:00"}, "not a time"),
        ({"name": "B", "start_time": "half two"}, "HH:MM"),
        ({"name": "B", "quorum": 0}, "at least 1"),
        ({"name": "B", "usual_length_minutes": 0}, "usual length"),
        ({"name": "B", "short_name": "mb"}, "already has the short name"),
        ({"name": "B", "short_name": "TWO WORDS"}, "one word"),
    ],
)
def test_mistakes_are_refused_with_a_clear_message(store: Store, kwargs: dict[str, object], message: str) -> None:
    with store.transaction() as session:
        boards.create_board(session, "MASH Board", short_name="MB")
    kwargs = dict(kwargs)  # the parametrize dict is shared by the sqlite and pg runs: never change it
    name = str(kwargs.pop("name"))
    with pytest.raises(InvalidChange, match=message), store.transaction() as session:
        boards.create_board(session, name, **kwargs)  # type: ignore[arg-type]
    with store.session() as session:
        assert [b.name for b in boards.list_boards(session)] == ["MASH Board"]


def test_editing_settings_and_standing_items_in_order(store: Store) -> None:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board")
    with store.transaction() as session:
        boards.update_board(
            session, board_id, name="Improvement and Accountability Board", quorum=None, start_time="14:30",
            standing_items=["Apologies", " ", "Minutes of the last meeting", "Date of next meeting"],
            minute_numbering=MinuteNumbering.CONTINUOUS,
        )  # fmt: skip
    with store.session() as session:
        settings = boards.board_settings(session, board_id)
    assert settings.name == "Improvement and Accountability Board"
    assert settings.standing_items == ("Apologies", "Minutes of the last meeting", "Date of next meeting")
    assert settings.start_time == "14:30" and settings.minute_numbering is MinuteNumbering.CONTINUOUS
    with pytest.raises(InvalidChange, match="no setting called colour"), store.transaction() as session:
        boards.update_board(session, board_id, colour="red")
    with pytest.raises(InvalidChange, match="needs a name"), store.transaction() as session:
        boards.update_board(session, board_id, name="")


def test_archived_boards_leave_the_list_but_keep_their_name(store: Store) -> None:
    with store.transaction() as session:
        first, _ = boards.create_board(session, "Alpha Board")
        boards.create_board(session, "Beta Board")
        boards.archive_board(session, first)
    with store.session() as session:
        assert [b.name for b in boards.list_boards(session)] == ["Beta Board"]
        listed = boards.list_boards(session, include_archived=True)
        assert [(b.name, b.archived) for b in listed] == [("Alpha Board", True), ("Beta Board", False)]
    with pytest.raises(InvalidChange, match=r"\(archived\)"), store.transaction() as session:
        boards.create_board(session, "alpha board")
    with store.transaction() as session:
        boards.archive_board(session, first, archived=False)
        assert len(boards.list_boards(session)) == 2


def test_find_board_by_name_or_short_name_lists_the_boards_when_unknown(store: Store) -> None:
    with store.session() as session, pytest.raises(NotFound, match="there are no boards yet"):
        boards.find_board_id(session, "IB")
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board", short_name="IB")
    with store.session() as session:
        assert boards.find_board_id(session, "ib") == board_id
        assert boards.find_board_id(session, "improvement  board") == board_id
        with pytest.raises(NotFound, match=r"\(Improvement Board\)"):
            boards.find_board_id(session, "MASH")
        with pytest.raises(NotFound):
            boards.board_settings(session, 999)
