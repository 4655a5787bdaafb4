"""Words the agenda and minutes print: minutes of a meeting not yet held, and one spelling of "Vice-chair"."""

from __future__ import annotations

import datetime as dt

from boardapp.core.enums import MemberRole
from boardapp.core.models import Membership, Person
from boardapp.core.rules.member_roles import ROLE_LABELS
from boardapp.exporting import build_minutes
from boardapp.exporting.meetings.builders import build_agenda
from boardapp.store.database import Store
from tests.helpers.builders import Sample


def test_minutes_of_a_meeting_not_yet_held_are_draft_minutes_of_a_meeting_to_be_held(
    store: Store, sample: Sample
) -> None:
    with store.session() as session:
        october = build_minutes(session, sample.meetings["october"], public=True)  # scheduled
        september = build_minutes(session, sample.meetings["september"], public=True)  # agenda published
        august = build_minutes(session, sample.meetings["august"], public=True)  # held
    assert october.heading.startswith("Draft minutes of the Meeting to be held on ")
    assert september.heading.startswith("Draft minutes of the Meeting to be held on ")
    assert september.info.subject.startswith("Draft minutes of the Meeting to be held on ")
    assert august.heading.startswith("Minutes of the Meeting held on ")
    assert " held on " in august.info.subject and "to be held" not in august.info.subject


def test_the_agenda_spells_vice_chair_as_the_app_does(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        person = Person(name="Ben Okafor")
        session.add(person)
        session.flush()
        session.add(
            Membership(
                board_id=sample.board_id, person_id=person.id or 0, role=MemberRole.VICE_CHAIR,
                start_date=dt.date(2017, 1, 1),
            )
        )  # fmt: skip
    with store.session() as session:
        agenda = build_agenda(session, sample.meetings["october"], public=True)
    [member] = [m for m in agenda.membership if "Ben Okafor" in m.name]
    assert member.role == ROLE_LABELS[MemberRole.VICE_CHAIR] == "Vice-chair"
