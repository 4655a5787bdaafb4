"""No lost updates (issue 16 point 2): two clerks, two stores on one database, the same record.

The second save, made from the version its editor loaded, is refused with both texts; saving again
with the version the conflict reports succeeds; a save without conflict bumps the version. The same
scenario runs for each kind of record that carries a version (`KINDS`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from boardapp.core.enums import ActionStatus
from boardapp.core.models import Action, AgendaItem, Minute, PlanItem
from boardapp.services import agenda, followup, minuting, plan_editing
from boardapp.services.conflicts import EditConflict
from boardapp.store.database import Store, open_database, open_server_store
from tests.helpers.builders import AUGUST, Sample


@pytest.fixture
def second(store: Store, sample: Sample) -> Iterator[Store]:
    """The other clerk's copy: its own engine and sessions on the same file (or PostgreSQL database)."""
    backups = store.path.parent / "backups-2"
    if store.server_url is not None:
        other = open_server_store(store.server_url, store.path, backups)
    else:
        other = open_database(store.path, backups)
    yield other
    other.close()


def _version(store: Store, model: type[Minute | Action | AgendaItem | PlanItem], record_id: int) -> int:
    with store.session() as session:
        if model is Minute:
            minute = session.exec(select(Minute).where(Minute.agenda_item_id == record_id)).one()
            return minute.version
        found = session.get(model, record_id)
        assert isinstance(found, (Action, AgendaItem, PlanItem))
        return found.version


def _action_text(session: Session, action_id: int) -> tuple[str, int]:
    action = session.get(Action, action_id)
    assert action is not None
    return action.text, action.version


def _item_title(session: Session, item_id: int) -> tuple[str, int]:
    item = session.get(AgendaItem, item_id)
    assert item is not None
    return item.title, item.version


def _plan_item_text(session: Session, plan_item_id: int) -> tuple[str, int]:
    item = session.get(PlanItem, plan_item_id)
    assert item is not None
    return item.text, item.version


@dataclass(frozen=True)
class Kind:
    """One kind of versioned record: how a test finds one in the sample, reads its text and saves it."""

    name: str  # EditConflict.kind
    record: Callable[[Sample], int]
    read: Callable[[Session, int], tuple[str, int]]  # (text, version)
    save: Callable[[Session, int, str, int], object]  # (session, id, text, expected version)
    first_version: int | None = None  # the sample's version, where the test pins it


KINDS = [
    Kind(
        "minute",
        lambda sample: sample.items[3],
        minuting.notes_with_version,
        lambda session, id_, text, version: minuting.save_notes(session, id_, text, expected_version=version),
        first_version=1,
    ),
    Kind(
        "action",
        lambda sample: sample.actions["video"],
        _action_text,
        lambda session, id_, text, version: minuting.update_action(session, id_, text=text, expected_version=version),
    ),
    Kind(
        "agenda item",
        lambda sample: sample.items[3],
        _item_title,
        lambda session, id_, text, version: agenda.update_item(session, id_, title=text, expected_version=version),
    ),
    Kind(
        "plan item",
        lambda sample: sample.plan_items["1.1"],
        _plan_item_text,
        lambda session, id_, text, version: plan_editing.update_item(session, id_, text=text, expected_version=version),
    ),
]


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_second_save_conflicts_with_both_texts(store: Store, second: Store, sample: Sample, kind: Kind) -> None:
    record_id = kind.record(sample)
    with store.session() as session:
        loaded_text, loaded = kind.read(session, record_id)  # both clerks open the record
    if kind.first_version is not None:
        assert loaded == kind.first_version
    mine, theirs = loaded_text + " Mine.", loaded_text + " Theirs."
    with store.transaction() as session:
        kind.save(session, record_id, mine, loaded)
    with store.session() as session:
        assert kind.read(session, record_id) == (mine, loaded + 1)
    with pytest.raises(EditConflict) as raised, second.transaction() as session:
        kind.save(session, record_id, theirs, loaded)
    conflict = raised.value
    assert (conflict.kind, conflict.record_id, conflict.current_version) == (kind.name, record_id, loaded + 1)
    assert (conflict.theirs, conflict.mine) == (mine, theirs)
    with store.session() as session:
        assert kind.read(session, record_id) == (mine, loaded + 1)  # the refused save wrote nothing
    with second.transaction() as session:
        kind.save(session, record_id, "Merged.", conflict.current_version)
    with store.session() as session:
        assert kind.read(session, record_id) == ("Merged.", loaded + 2)


def test_save_notes_versioned_returns_the_new_version(store: Store, sample: Sample) -> None:
    item_id = sample.items[3]
    with store.session() as session:
        loaded_text, loaded = minuting.notes_with_version(session, item_id)
    with store.transaction() as session:
        version, _ = minuting.save_notes_versioned(session, item_id, loaded_text + " Mine.", expected_version=loaded)
    assert version == loaded + 1 == _version(store, Minute, item_id)
    with store.session() as session:
        assert minuting.notes_of(session, item_id) == loaded_text + " Mine."


def test_notes_created_by_both_clerks_conflict(store: Store, second: Store, sample: Sample) -> None:
    item_id = sample.items[2]  # no notes yet: version 0
    with store.session() as session:
        assert minuting.notes_with_version(session, item_id) == ("", 0)
    with store.transaction() as session:
        minuting.save_notes(session, item_id, "First clerk.", expected_version=0)
    with pytest.raises(EditConflict) as raised, second.transaction() as session:
        minuting.save_notes(session, item_id, "Second clerk.", expected_version=0)
    conflict = raised.value
    assert (conflict.theirs, conflict.mine, conflict.current_version) == ("First clerk.", "Second clerk.", 1)


def test_an_unchanged_text_is_no_conflict_and_writes_nothing(store: Store, second: Store, sample: Sample) -> None:
    item_id = sample.items[1]
    with store.transaction() as session:
        minuting.save_notes(session, item_id, "Changed.", expected_version=1)
    with second.transaction() as session:
        version, changes = minuting.save_notes_versioned(session, item_id, "Changed.", expected_version=1)
    assert (version, bool(changes)) == (2, False)


def test_a_status_change_makes_an_open_action_editor_conflict(store: Store, second: Store, sample: Sample) -> None:
    action_id = sample.actions["video"]
    loaded = _version(store, Action, action_id)
    with store.transaction() as session:
        followup.update_status(session, [action_id], status=ActionStatus.COMPLETED, on=AUGUST)
    with pytest.raises(EditConflict), second.transaction() as session:
        minuting.update_action(session, action_id, text="Edited from the old version", expected_version=loaded)


def test_internal_callers_skip_the_check_but_still_bump(store: Store, second: Store, sample: Sample) -> None:
    plan_item_id = sample.plan_items["1.1"]
    loaded = _version(store, PlanItem, plan_item_id)
    with second.transaction() as session:
        plan_editing.update_item(session, plan_item_id, text="Renamed by an import")
    assert _version(store, PlanItem, plan_item_id) == loaded + 1
    with pytest.raises(EditConflict), store.transaction() as session:
        plan_editing.update_item(session, plan_item_id, text="Edited from the old version", expected_version=loaded)


def test_the_item_read_model_gives_the_action_version(store: Store, sample: Sample) -> None:
    action_id = sample.actions["video"]
    with store.session() as session:
        action = session.get(Action, action_id)
        assert action is not None and action.raised_item_id is not None
        item_id = action.raised_item_id
        before = next(a for a in minuting.minute_of(session, item_id).actions if a.id == action_id)
    with store.transaction() as session:
        minuting.update_action(session, action_id, text="Changed")
    with store.session() as session:
        after = next(a for a in minuting.minute_of(session, item_id).actions if a.id == action_id)
    assert after.version == before.version + 1
