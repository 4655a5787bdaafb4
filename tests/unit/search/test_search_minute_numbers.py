"""Search finds an agenda item by its minute number (issue 17 point 4): "23/17", "Minute 23/17"."""

from __future__ import annotations

from sqlmodel import Session

from boardapp.core.models import AgendaItem
from boardapp.services.search import search
from boardapp.store.database import Store
from boardapp.store.fts import IndexedKind
from tests.helpers.search_world import World

ITEM = IndexedKind.AGENDA_ITEM


def _number(store: Store, item_id: int, number: str) -> None:
    with store.transaction() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        item.minute_number = number
        session.add(item)


def _items(session: Session, query: str) -> list[int]:
    group = search(session, query, as_you_type=False).group(ITEM)
    return [hit.id for hit in group.hits] if group else []


def test_a_numbered_item_is_found_by_its_number_in_any_usual_spelling(store: Store, world: World) -> None:
    _number(store, world.items["heat"], "23/17")
    _number(store, world.items["zebra"], "17/23")  # the same digits the other way round: not a match
    with store.session() as session:
        for query in ("23/17", "Minute 23/17", "minute 23/17", '"23/17"'):
            assert _items(session, query) == [world.items["heat"]], query
        hit = search(session, "23/17").group(ITEM).hits[0]  # type: ignore[union-attr]
        assert (hit.title, hit.context) == ("Heat maps: recruitment and retention", "Minute 23/17")
        assert _items(session, "24/17") == []


def test_a_renumbered_item_is_found_by_its_new_number_only(store: Store, world: World) -> None:
    _number(store, world.items["heat"], "23/17")
    _number(store, world.items["heat"], "4")  # continuous numbering
    with store.session() as session:
        assert _items(session, "23/17") == []
        assert _items(session, "minute 4") == [world.items["heat"]]
        # An item without a number is still named by its place on the agenda.
        spare = search(session, "spare item", as_you_type=False).group(ITEM)
        assert spare is not None and {h.context for h in spare.hits} == {"Item 2", "Item 3"}
