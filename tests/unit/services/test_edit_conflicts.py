"""No lost updates (issue 16 point 2): two clerks, two stores on one SQLite file, the same record.

The second save, made from the version its editor loaded, is refused with both texts; saving again
with the version the conflict reports succeeds; a save without conflict bumps the version.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import select

from boardapp.core.enums import ActionStatus
from boardapp.core.models import Action, AgendaItem, Minute, PlanItem
from boardapp.services import agenda, followup, minuting, plan_editing
from boardapp.services.conflicts import EditConflict
from boardapp.store.database import Store, open_database
from tests.helpers.builders import AUGUST, Sample


@pytest.fixture
def second(store: Store, sample: Sample) -> Iterator[Store]:
    """The other clerk's copy: its own engine and sessions on the same file."""
    other = open_database(store.path, store.path.parent / "backups-2")
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


def test_minute_notes_second_save_conflicts_with_both_texts(store: Store, second: Store, sample: Sample) -> None:
    item_id = sample.items[3]
    with store.session() as session:
        loaded_text, loaded = minuting.notes_with_version(session, item_id)  # both clerks open the item
    assert loaded == 1
    with store.transaction() as session:
        version, _ = minuting.save_notes_versioned(session, item_id, loaded_text + " Mine.", expected_version=loaded)
    assert version == 2 == _version(store, Minute, item_id)
    with pytest.raises(EditConflict) as raised, second.transaction() as session:
        minuting.save_notes(session, item_id, loaded_text + " Theirs.", expected_version=loaded)
    conflict = raised.value
    assert (conflict.kind, conflict.record_id, conflict.current_version) == ("minute", item_id, 2)
    assert conflict.theirs == loaded_text + " Mine."
    assert conflict.mine == loaded_text + " Theirs."
    with store.session() as session:
        assert minuting.notes_of(session, item_id) == loaded_text + " Mine."  # the refused save wrote nothing
    with second.transaction() as session:
        minuting.save_notes(session, item_id, "Merged.", expected_version=conflict.current_version)
    with store.session() as session:
        assert minuting.notes_with_version(session, item_id) == ("Merged.", 3)


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


def test_action_text(store: Store, second: Store, sample: Sample) -> None:
    action_id = sample.actions["video"]
    loaded = _version(store, Action, action_id)
    with store.transaction() as session:
        minuting.update_action(session, action_id, text="Mine", expected_version=loaded)
    assert _version(store, Action, action_id) == loaded + 1
    with pytest.raises(EditConflict) as raised, second.transaction() as session:
        minuting.update_action(session, action_id, text="Theirs", expected_version=loaded)
    assert (raised.value.kind, raised.value.theirs, raised.value.mine) == ("action", "Mine", "Theirs")
    with second.transaction() as session:
        minuting.update_action(session, action_id, text="Theirs", expected_version=raised.value.current_version)
    with store.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        assert (action.text, action.version) == ("Theirs", loaded + 2)


def test_a_status_change_makes_an_open_action_editor_conflict(store: Store, second: Store, sample: Sample) -> None:
    action_id = sample.actions["video"]
    loaded = _version(store, Action, action_id)
    with store.transaction() as session:
        followup.update_status(session, [action_id], status=ActionStatus.COMPLETED, on=AUGUST)
    with pytest.raises(EditConflict), second.transaction() as session:
        minuting.update_action(session, action_id, text="Edited from the old version", expected_version=loaded)


def test_agenda_item_title(store: Store, second: Store, sample: Sample) -> None:
    item_id = sample.items[3]
    loaded = _version(store, AgendaItem, item_id)
    with store.transaction() as session:
        agenda.update_item(session, item_id, title="Mine", expected_version=loaded)
    assert _version(store, AgendaItem, item_id) == loaded + 1
    with pytest.raises(EditConflict) as raised, second.transaction() as session:
        agenda.update_item(session, item_id, title="Theirs", expected_version=loaded)
    assert (raised.value.kind, raised.value.theirs, raised.value.mine) == ("agenda item", "Mine", "Theirs")
    with second.transaction() as session:
        agenda.update_item(session, item_id, title="Merged", expected_version=raised.value.current_version)
    with store.session() as session:
        item = session.get(AgendaItem, item_id)
        assert item is not None
        assert (item.title, item.version) == ("Merged", loaded + 2)


def test_plan_item_text(store: Store, second: Store, sample: Sample) -> None:
    plan_item_id = sample.plan_items["1.1"]
    loaded = _version(store, PlanItem, plan_item_id)
    with store.transaction() as session:
        plan_editing.update_item(session, plan_item_id, text="Mine", expected_version=loaded)
    assert _version(store, PlanItem, plan_item_id) == loaded + 1
    with pytest.raises(EditConflict) as raised, second.transaction() as session:
        plan_editing.update_item(session, plan_item_id, text="Theirs", expected_version=loaded)
    assert (raised.value.kind, raised.value.theirs, raised.value.mine) == ("plan item", "Mine", "Theirs")
    with store.session() as session:
        item = session.get(PlanItem, plan_item_id)
        assert item is not None and item.text == "Mine"
    with second.transaction() as session:
        plan_editing.update_item(session, plan_item_id, text="Merged", expected_version=raised.value.current_version)
    assert _version(store, PlanItem, plan_item_id) == loaded + 2


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
