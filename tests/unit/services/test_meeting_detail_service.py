"""meeting_detail: a meeting as its minutes read, from the sample board (no Qt)."""

from __future__ import annotations

import datetime as dt

import pytest

from boardapp.core.enums import ActionStatus, ItemPurpose, MeetingStatus, StandingKind
from boardapp.services.meetings import meeting_detail, time_label
from boardapp.store.database import Store
from tests.helpers.builders import BOARD_NAME, ITEM_TITLES, NOTES, VENUE, Sample
from tests.helpers.querycount import count_queries


def test_header(store: Store, sample: Sample) -> None:
    with store.session() as session:
        detail = meeting_detail(session, sample.meetings["august"])
    assert detail.board_name == BOARD_NAME
    assert detail.date == dt.date(2017, 8, 1)
    assert detail.start_time == dt.time(14, 30)
    assert detail.venue == VENUE
    assert detail.status is MeetingStatus.HELD
    assert detail.status_label == "Draft minutes"
    assert detail.when == "Tuesday 1 August 2017, 2.30 pm"


def test_attendance_grouped_in_minute_order_with_recorded_organisation(store: Store, sample: Sample) -> None:
    with store.session() as session:
        attendance = meeting_detail(session, sample.meetings["august"]).attendance
    assert [a.name for a in attendance.present] == [
        "County Councillor Geoff Driver CBE",
        "County Councillor Mrs Susie Charles",
        "Louise Storey",
    ]
    storey = attendance.present[2]
    assert storey.organisation == "Secondary Schools"  # as recorded on the attendance row, not the person's
    assert storey.substitute_for == "Stephen Cox"
    assert [a.name for a in attendance.apologies] == ["Stephen Cox"]
    assert [a.name for a in attendance.absent] == ["Chris Coyle"]
    (wright,) = attendance.in_attendance
    assert (wright.name, wright.capacity, wright.organisation) == (
        "Natasha Wright",
        "Care Leaver and LCC Apprentice",
        "",
    )


def test_items_in_position_order_with_minutes(store: Store, sample: Sample) -> None:
    with store.session() as session:
        items = meeting_detail(session, sample.meetings["august"]).items
    assert [(i.number, i.title) for i in items] == list(enumerate(ITEM_TITLES, start=1))
    welcome, previous, video, exempt = items
    assert welcome.standing_kind is StandingKind.WELCOME
    assert welcome.notes == "The Chair welcomed everyone to the meeting."
    assert previous.decisions == (
        "The minutes of the meeting held on 6 June 2017 were approved as an accurate record.",
        "The actions were noted.",
    )
    assert video.presenters == ("Natasha Wright", "Board Members")
    assert video.purpose is ItemPurpose.INFORMATION
    assert video.purpose_label == "For information"
    assert video.minutes_allowed == 20
    assert video.notes == NOTES
    assert [p.title for p in video.papers] == ["Corporate parent video (link)"]
    assert (exempt.is_exempt, exempt.exempt_paragraph) == (True, "1")
    assert exempt.exempt_reason == "Information relating to an individual"
    assert not welcome.is_exempt


def test_actions_under_their_items(store: Store, sample: Sample) -> None:
    with store.session() as session:
        detail = meeting_detail(session, sample.meetings["august"])
    previous, video = detail.items[1], detail.items[2]
    assert [(a.ref, a.owners, a.due_label) for a in previous.actions] == [
        ("IB-cse", "Amanda Hatton", "12 September 2017 meeting"),
        ("IB-profiles", "Chris Coyle/Amanda Hatton", "a future meeting"),
    ]
    assert [(a.ref, a.owner_names, a.due_label, a.status) for a in video.actions] == [
        ("IB-stats", ("Amanda Hatton",), "31 Oct 2017", ActionStatus.OPEN),
        ("IB-video", ("Natasha Wright", "Board Members"), "10 October 2017 meeting", ActionStatus.IN_PROGRESS),
    ]
    assert video.actions[1].status_label == "In progress"
    assert [a.ref for a in detail.other_actions] == ["IB-unfiled"]  # raised under no item: still shown


def test_meeting_without_items_or_attendance(store: Store, sample: Sample) -> None:
    with store.session() as session:
        detail = meeting_detail(session, sample.meetings["october"])
    assert detail.items == ()
    assert detail.attendance.present == ()
    assert detail.when == "Tuesday 10 October 2017"  # no start time recorded


def test_unknown_meeting_is_a_clear_lookup_error(store: Store) -> None:
    with store.session() as session, pytest.raises(LookupError, match="no meeting with id 999"):
        meeting_detail(session, 999)


def test_query_count_does_not_grow_with_items(store: Store, sample: Sample) -> None:
    with store.session() as session, count_queries(store.engine) as few:
        meeting_detail(session, sample.meetings["october"])
    with store.session() as session, count_queries(store.engine) as many:
        meeting_detail(session, sample.meetings["august"])
    assert many.count == few.count <= 12


@pytest.mark.parametrize(
    ("time", "label"),
    [
        (dt.time(14, 30), "2.30 pm"),
        (dt.time(10, 0), "10.00 am"),
        (dt.time(12, 0), "12 noon"),
        (dt.time(12, 15), "12.15 pm"),
        (dt.time(0, 5), "12.05 am"),
        (dt.time(9, 5), "9.05 am"),
    ],
)
def test_time_label(time: dt.time, label: str) -> None:
    assert time_label(time) == label
