"""Part II business belongs to the business: actions and decisions are stamped exempt when made under
an exempt item (and when the item is flagged later), and keep the stamp whatever happens to the item;
deleting an item that holds anything asks first and names what it holds."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, col, select

from boardapp.core.models import Action, ActionUpdate, AgendaItem, AgendaItemPresenter, Decision, Meeting, Paper, Role
from boardapp.services import agenda, followup, minuting
from boardapp.services.errors import InvalidChange
from boardapp.services.exemption import ItemNotEmpty, item_contents, release_exempt_business
from boardapp.services.search import search
from boardapp.store.database import Store

SEPTEMBER = dt.date(2017, 9, 12)
OCTOBER = dt.date(2017, 10, 10)


def _meeting(session: Session, day: dt.date) -> Meeting:
    return session.exec(select(Meeting).where(col(Meeting.date) == day)).one()


def _exempt_item(session: Session) -> AgendaItem:
    return session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == _meeting(session, SEPTEMBER).id, col(AgendaItem.is_exempt))
    ).one()


def _public_item(session: Session) -> AgendaItem:
    return session.exec(
        select(AgendaItem).where(
            AgendaItem.meeting_id == _meeting(session, SEPTEMBER).id, AgendaItem.title == "CSE intelligence"
        )
    ).one()


def _new_action(session: Session, item_id: int, line: str) -> Action:
    action_id, _ = minuting.create_action(session, item_id, minuting.draft_action(session, item_id, line))
    action = session.get(Action, action_id)
    assert action is not None
    return action


def test_business_made_under_an_exempt_item_is_stamped(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _exempt_item(session)
        action = _new_action(session, item.id or 0, "Write to the family – Amanda Hatton")
        decision_id, _ = minuting.add_decision(session, item.id or 0, "That the hearing go ahead.")
        public_action = _new_action(session, _public_item(session).id or 0, "Circulate the CSE report – Ian Whitehead")
        public_decision_id, _ = minuting.add_decision(session, _public_item(session).id or 0, "That it be noted.")
        assert (action.is_exempt, action.exempt_paragraph) == (True, "1")
        assert session.get(Decision, decision_id).is_exempt  # type: ignore[union-attr]
        assert not public_action.is_exempt and public_action.exempt_paragraph == ""
        assert not session.get(Decision, public_decision_id).is_exempt  # type: ignore[union-attr]


def test_flagging_an_item_later_stamps_what_it_holds_and_clearing_the_flag_unstamps_nothing(
    demo_store: Store,
) -> None:
    with demo_store.transaction() as session:
        item = _public_item(session)
        action = _new_action(session, item.id or 0, "Bring the case file – Ian Whitehead")
        decision_id, _ = minuting.add_decision(session, item.id or 0, "That the case be reviewed.")
        changes = agenda.update_item(session, item.id or 0, is_exempt=True, exempt_paragraph="2")
        assert action.id in changes.actions
        assert (action.is_exempt, action.exempt_paragraph) == (True, "2")
        assert session.get(Decision, decision_id).is_exempt  # type: ignore[union-attr]
        agenda.update_item(session, item.id or 0, exempt_paragraph="1, 2")
        assert action.exempt_paragraph == "1, 2"
        agenda.update_item(session, item.id or 0, is_exempt=False)
        session.refresh(action)
        assert action.is_exempt and session.get(Decision, decision_id).is_exempt  # type: ignore[union-attr]


def test_release_unstamps_only_business_that_never_moved_on(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _public_item(session)
        agenda.update_item(session, item.id or 0, is_exempt=True, exempt_paragraph="1")
        stays = _new_action(session, item.id or 0, "Report back in private – Ian Whitehead")
        released = _new_action(session, item.id or 0, "Check the dates – Ian Whitehead")
        decision_id, _ = minuting.add_decision(session, item.id or 0, "That the report be noted.")
        with pytest.raises(InvalidChange, match="still exempt"):
            release_exempt_business(session, item.id or 0)
        followup.carry_forward(session, [stays.id or 0], on=SEPTEMBER)  # discussed again later: keeps its stamp
        agenda.update_item(session, item.id or 0, is_exempt=False)
        release_exempt_business(session, item.id or 0)
        session.refresh(stays)
        session.refresh(released)
        assert stays.is_exempt and not released.is_exempt
        assert not session.get(Decision, decision_id).is_exempt  # type: ignore[union-attr]
        assert session.exec(select(ActionUpdate).where(ActionUpdate.action_id == stays.id)).first() is not None


def test_deleting_an_item_that_holds_business_asks_first_and_keeps_the_exemption(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _exempt_item(session)
        item_id = item.id or 0
        action = session.exec(select(Action).where(Action.raised_item_id == item_id)).one()
        contents = item_contents(session, item_id)
        assert contents.is_exempt and contents.decisions == 1 and contents.note_words > 10
        assert contents.action_refs == (action.ref,) and contents.papers == 1
        with pytest.raises(ItemNotEmpty) as refused:
            agenda.delete_item(session, item_id)
        message = str(refused.value)
        assert "notes (" in message and "1 decision" in message and action.ref in message
        assert "still marked exempt" in message
        assert session.get(AgendaItem, item_id) is not None  # nothing was deleted
        changes = agenda.delete_item(session, item_id, confirm=True)
        assert session.get(AgendaItem, item_id) is None
        assert changes.agenda == {item.meeting_id}
        session.refresh(action)
        assert action.raised_item_id is None
        assert (action.is_exempt, action.exempt_paragraph) == (True, "1")  # the action stays Part II


def test_an_empty_item_is_deleted_without_asking(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item_id, _ = agenda.add_item(session, _meeting(session, SEPTEMBER).id or 0, "Spare item")
        assert item_contents(session, item_id).is_empty
        assert item_contents(session, item_id).describe() == "nothing"
        agenda.delete_item(session, item_id)
        assert session.get(AgendaItem, item_id) is None


def test_an_exempt_action_outliving_its_item_stays_confidential_in_search(demo_store: Store) -> None:
    with demo_store.transaction() as session:
        item = _exempt_item(session)
        agenda.delete_item(session, item.id or 0, confirm=True)
    with demo_store.session() as session:
        results = search(session, "Examplename", as_you_type=False)
        hits = [hit for group in results.groups for hit in group.hits]
        assert hits and all(hit.confidential for hit in hits)


def test_the_demo_exempt_item_holds_real_content(demo_store: Store) -> None:
    with demo_store.session() as session:
        item = _exempt_item(session)
        assert "Jordan Examplename" in item.exempt_reason  # the reason names an individual
        assert not item.show_title_when_exempt
        assert session.exec(select(Paper).where(Paper.agenda_item_id == item.id)).all()
        presenters = session.exec(
            select(AgendaItemPresenter).where(AgendaItemPresenter.agenda_item_id == item.id)
        ).all()
        assert [session.get(Role, p.role_id).name for p in presenters] == ["Head of HR (demo)"]  # type: ignore[union-attr]
        assert minuting.notes_of(session, item.id or 0).strip()
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == item.id)).one()
        action = session.exec(select(Action).where(Action.raised_item_id == item.id)).one()
        assert decision.is_exempt and action.is_exempt and action.exempt_paragraph == "1"
        assert action.due_meeting_id == _meeting(session, OCTOBER).id  # due at the following meeting


def test_matters_arising_mark_an_exempt_action_due_at_a_later_meeting(demo_store: Store) -> None:
    from boardapp.services.matters_arising import matters_arising

    with demo_store.session() as session:
        rows = matters_arising(session, _meeting(session, OCTOBER).id or 0)
        exempt = [row for row in rows if row.is_exempt]
        assert [row.text for row in exempt] == [
            "Report the outcome of the disciplinary hearing for Jordan Examplename at the October meeting"
        ]
        assert all(not row.is_exempt for row in rows if "Examplename" not in row.text)
