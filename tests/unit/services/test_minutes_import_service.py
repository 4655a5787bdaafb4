"""Past minutes imported as held meetings (services/minutes_import.py): every fact stored, duplicates
skipped, each file all-or-nothing, bad files refused, open actions in matters arising, all searchable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from boardapp.core.enums import DueKind, MeetingStatus, StandingKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Meeting,
    Minute,
    Organisation,
    Person,
    Role,
)
from boardapp.services import boards, calendar, minutes_import
from boardapp.services.matters_arising import DUE, NO_DATE, OVERDUE, matters_arising
from boardapp.services.minutes_import import apply_minutes_import, preview_minutes_import
from boardapp.services.search import SearchKind, search
from boardapp.store.database import Store
from tests.fixtures.minutes import build
from tests.fixtures.minutes.build import MinutesSpec

BOARD = build.BOARD
OWNER_NAMES = {
    "CC Charles": "Susie Charles",
    "CC Driver": "Geoff Driver",
    "Dr Sakthi Karunanithi": "Sakthi Karunanithi",
}
ROLES = {"Board Members", "Heads of Service"}
DUE_MEETINGS = {  # action text starts -> the meeting it is due at, once all three files are in
    "CSE intelligence input": dt.date(2017, 9, 12),
    "Heat maps report": dt.date(2017, 9, 12),
    "To show the video": dt.date(2017, 10, 10),
    "To circulate the heat maps": dt.date(2017, 10, 10),
    "Report on the Healthy Child": dt.date(2017, 10, 10),  # "at the next meeting"
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("minutes")
    return {
        "august": build.august_docx(folder / "2017-08-01.docx"),
        "september": build.september_docx(folder / "2017-09-12.docx"),
        "october": build.october_pdf(folder / "2017-10-10.pdf"),
        "letter": build.random_docx(folder / "letter.docx"),
        "locked": build.encrypted_pdf(folder / "locked.pdf"),
        "scan": build.scanned_pdf(folder / "scan.pdf"),
        "untitled": build.untitled_item_docx(folder / "untitled.docx"),
    }


def new_board(store: Store) -> int:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, BOARD, short_name="IB")
    return board_id


def import_files(store: Store, board_id: int, paths: list[Path]) -> minutes_import.MinutesImportResult:
    with store.transaction() as session:
        preview = preview_minutes_import(session, paths, board_id)
        result, _changes = apply_minutes_import(session, preview)
    return result


def count(session: Session, table: type) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def person_name(session: Session, person_id: int | None, role_id: int | None) -> str:
    if person_id is not None:
        person = session.get(Person, person_id)
        assert person is not None
        return person.name
    role = session.get(Role, role_id)
    assert role is not None
    return role.name


def assert_stored_as(session: Session, board_id: int, spec: MinutesSpec) -> None:
    meeting = session.exec(select(Meeting).where(Meeting.board_id == board_id, Meeting.date == spec.date)).one()
    assert (meeting.start_time, meeting.venue) == (spec.start_time, spec.venue)
    assert meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
    attendance = session.exec(
        select(Attendance).where(Attendance.meeting_id == meeting.id).order_by(col(Attendance.position))
    ).all()
    stored = []
    for row in attendance:
        organisation = session.get(Organisation, row.organisation_id) if row.organisation_id else None
        stored.append((person_name(session, row.person_id, None), organisation.name if organisation else "", row.kind))
    assert stored == [(a.name, a.organisation, a.kind) for a in spec.attendees]
    items = session.exec(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(col(AgendaItem.position))
    ).all()
    assert [i.title for i in items] == [i.title for i in spec.items]
    for item, expected in zip(items, spec.items, strict=True):
        presenters = session.exec(
            select(AgendaItemPresenter)
            .where(AgendaItemPresenter.agenda_item_id == item.id)
            .order_by(col(AgendaItemPresenter.position))
        ).all()
        assert [person_name(session, p.person_id, p.role_id) for p in presenters] == [
            OWNER_NAMES.get(n, n) for n in expected.presenters
        ]
        minute = session.exec(select(Minute).where(Minute.agenda_item_id == item.id)).first()
        assert (minute.notes if minute else "") == expected.all_notes
        decisions = session.exec(
            select(Decision.text).where(Decision.agenda_item_id == item.id).order_by(col(Decision.position))
        ).all()
        assert list(decisions) == list(expected.decisions)
        actions = session.exec(
            select(Action).where(Action.raised_item_id == item.id).order_by(col(Action.position))
        ).all()
        assert [a.text for a in actions] == [a.text for a in expected.actions]
        for action, wanted in zip(actions, expected.actions, strict=True):
            assert action.raised_meeting_id == meeting.id and action.board_id == board_id
            assert action.ref.startswith(f"IB-{spec.date:%Y%m%d}-")
            owners = session.exec(
                select(ActionOwner).where(ActionOwner.action_id == action.id).order_by(col(ActionOwner.position))
            ).all()
            assert [person_name(session, o.person_id, o.role_id) for o in owners] == [
                OWNER_NAMES.get(o, o) for o in wanted.owners
            ]
            assert [o.role_id is not None for o in owners] == [o in ROLES for o in wanted.owners]
            assert action.due_kind is DueKind(wanted.due_kind)
            assert (action.due_text in wanted.due_phrase) if wanted.due_phrase else action.due_text == ""
            due_meeting = session.get(Meeting, action.due_meeting_id) if action.due_meeting_id else None
            expected_due = next((d for start, d in DUE_MEETINGS.items() if action.text.startswith(start)), None)
            assert (due_meeting.date if due_meeting else None) == expected_due, action.text


def test_three_documents_become_held_meetings_with_every_fact(store: Store, files: dict[str, Path]) -> None:
    board_id = new_board(store)
    paths = [files["october"], files["august"], files["september"]]  # any order: written by date
    with store.session() as session:
        preview = preview_minutes_import(session, paths, board_id)
    assert [f.status for f in preview.files] == ["new", "new", "new"]
    assert [f.path.name for f in preview.importable] == ["2017-10-10.pdf", "2017-08-01.docx", "2017-09-12.docx"]
    august = preview.files[1]
    assert august.counts() == {
        "present": 15,
        "apologies": 1,
        "in attendance": 0,
        "items": 8,
        "decisions": 2,
        "actions": 12,
    }
    assert "Geoff Driver (“County Councillor Geoff Driver CBE”)" in august.new_people
    assert "Susie Charles (“CC Charles”)" not in august.new_people  # the same person as the Present entry
    assert august.new_roles == ["Board Members"]
    assert store.session().exec(select(func.count()).select_from(Meeting)).one() == 0  # a preview writes nothing

    result = import_files(store, board_id, paths)

    assert [p.name for p, _ in result.imported] == ["2017-08-01.docx", "2017-09-12.docx", "2017-10-10.pdf"]
    assert result.failed == [] and result.skipped == []
    with store.session() as session:
        for spec in (build.august(), build.september(), build.october()):
            assert_stored_as(session, board_id, spec)
        names = session.exec(select(Person.name)).all()
        assert len(names) == len(set(names))  # "CC Charles" and "Dr Sakthi Karunanithi" were matched, not added
        driver = session.exec(select(Person).where(Person.name == "Geoff Driver")).one()
        assert (driver.title, driver.honours) == ("County Councillor", "CBE")
        grant = session.exec(select(Person).where(Person.name == "Edwina Grant")).one()
        assert grant.honours == "OBE"
        statuses = {m.date: m.status for m in session.exec(select(Meeting)).all()}
        assert statuses == {  # each approved by the next one's "Resolved: The minutes … were approved"
            dt.date(2017, 8, 1): MeetingStatus.MINUTES_APPROVED,
            dt.date(2017, 9, 12): MeetingStatus.MINUTES_APPROVED,
            dt.date(2017, 10, 10): MeetingStatus.HELD,
        }
        kinds = session.exec(
            select(AgendaItem.title, AgendaItem.standing_kind).where(AgendaItem.standing_kind != StandingKind.NONE)
        ).all()
        assert ("Minutes and actions from the last meeting", StandingKind.PREVIOUS_MINUTES) in kinds
        assert ("Any other business", StandingKind.ANY_OTHER_BUSINESS) in kinds


def test_meetings_already_held_are_recognised_and_skipped(store: Store, files: dict[str, Path]) -> None:
    board_id = new_board(store)
    import_files(store, board_id, [files["august"]])
    with store.session() as session:
        before = (count(session, Meeting), count(session, Action), count(session, Person))
        preview = preview_minutes_import(session, [files["august"], files["september"], files["august"]], board_id)
    assert [f.status for f in preview.files] == ["skipped", "new", "skipped"]
    assert "already held — will be skipped" in preview.files[0].headline()
    assert preview.files[2].warnings == []  # the same day twice in one import: the second is skipped too
    assert preview.files[0].held_meeting_id is not None

    result = import_files(store, board_id, [files["august"], files["september"]])

    assert [p.name for p, _ in result.imported] == ["2017-09-12.docx"]
    assert [p.name for p in result.skipped] == ["2017-08-01.docx"]
    with store.session() as session:
        assert count(session, Meeting) == before[0] + 1
        assert count(session, Action) == before[1] + 4


def test_the_same_day_twice_in_one_import_is_imported_once(
    store: Store, files: dict[str, Path], tmp_path: Path
) -> None:
    board_id = new_board(store)
    copy = build.august_docx(tmp_path / "copy of August.docx")
    with store.session() as session:
        preview = preview_minutes_import(session, [files["august"], copy], board_id)
    assert [f.status for f in preview.files] == ["new", "skipped"]
    assert [p.message for p in preview.files[1].problems] == [
        "2017-08-01.docx holds the minutes of the same day; this file is skipped."
    ]


def test_each_file_is_all_or_nothing(store: Store, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    board_id = new_board(store)
    real = minutes_import._mark_approved

    def fail_in_october(session: Session, board: int, meeting: Meeting, text: str) -> None:
        if meeting.date == dt.date(2017, 10, 10):
            raise OperationalError("INSERT", {}, Exception("disk I/O error"))
        real(session, board, meeting, text)

    monkeypatch.setattr(minutes_import, "_mark_approved", fail_in_october)

    result = import_files(store, board_id, [files["august"], files["october"], files["september"]])

    assert [p.name for p, _ in result.imported] == ["2017-08-01.docx", "2017-09-12.docx"]
    assert [(p.name, "disk I/O error" in message) for p, message in result.failed] == [("2017-10-10.pdf", True)]
    with store.session() as session:
        assert sorted(m.date for m in session.exec(select(Meeting)).all()) == [
            dt.date(2017, 8, 1),
            dt.date(2017, 9, 12),
        ]
        assert session.exec(select(Person).where(Person.name == "Edwina Grant")).all() == []  # only October has her
        assert session.exec(select(Role).where(Role.name == "Heads of Service")).all() == []
        assert session.exec(select(Action).where(col(Action.text).contains("Sufficiency"))).all() == []
        # October's meeting is not there, so "at the October meeting" stays unlinked, its phrase kept
        video = session.exec(select(Action).where(col(Action.text).startswith("To show the video"))).one()
        assert video.due_meeting_id is None and video.due_text == "at the October meeting"


def test_bad_files_are_refused_with_clear_problems_and_the_good_one_imported(
    store: Store, files: dict[str, Path]
) -> None:
    board_id = new_board(store)
    bad = [files["letter"], files["locked"], files["scan"], files["untitled"]]
    with store.session() as session:
        preview = preview_minutes_import(session, [*bad, files["october"]], board_id)
    assert [f.status for f in preview.files] == ["refused", "refused", "refused", "refused", "new"]
    messages = [[p.message for p in f.errors] for f in preview.files[:4]]
    assert any("no meeting date found" in m for m in messages[0])
    assert messages[1] == ["locked.pdf is password-protected. Open it, save a copy without the password and retry."]
    assert "scan.pdf holds no text that can be read: it is probably a scan" in messages[2][0]
    assert messages[3] == ["item 4 has no title."] and preview.files[3].errors[0].where == "table 6 row 1"
    lines = preview.summary_lines()
    assert lines[0] == f"Minutes for “{BOARD}”: 5 file(s): 1 to import, 0 already held (skipped), 4 cannot be imported."
    assert "    error   table 6 row 1: item 4 has no title." in lines

    result = import_files(store, board_id, [*bad, files["october"]])

    assert [p.name for p, _ in result.imported] == ["2017-10-10.pdf"]
    with store.session() as session:
        assert count(session, Meeting) == 1


def test_only_bad_files_write_nothing(store: Store, files: dict[str, Path]) -> None:
    board_id = new_board(store)
    result = import_files(store, board_id, [files["letter"], files["scan"]])
    assert result.imported == [] and len(result.skipped) == 2
    with store.session() as session:
        assert (count(session, Meeting), count(session, Person)) == (0, 0)


def test_open_actions_arise_at_the_next_meeting_and_are_searchable(store: Store, files: dict[str, Path]) -> None:
    board_id = new_board(store)
    with store.transaction() as session:
        september_id, _ = calendar.schedule_meeting(session, board_id, dt.date(2017, 9, 12), build_agenda=False)
    import_files(store, board_id, [files["august"]])

    with store.session() as session:
        arising = matters_arising(session, september_id)
        assert len(arising) == 12
        due = [a for a in arising if a.group == DUE]
        assert [(a.text, a.owners) for a in due] == [
            ("CSE intelligence input to be on the agenda for the September meeting", "Ian Whitehead"),
            ("Heat maps report on recruitment and retention for the September meeting", "Louise Storey"),
        ]
        assert {a.group for a in arising} == {DUE, NO_DATE}

        skylakes = search(session, "Skylakes", board_id=board_id)
        minute_hits = skylakes.group(SearchKind.MINUTE)
        assert minute_hits is not None and minute_hits.hits[0].title == "Operational Improvement Group"
        assert minute_hits.hits[0].date == dt.date(2017, 8, 1)
        heat = search(session, "heat maps", board_id=board_id).group(SearchKind.ACTION)
        assert heat is not None and heat.total == 1
        plan = search(session, "agreed the next 12 week improvement plan").group(SearchKind.DECISION)
        assert plan is not None and plan.total == 1


def test_the_scheduled_meeting_of_that_day_becomes_the_held_one(store: Store, files: dict[str, Path]) -> None:
    board_id = new_board(store)
    with store.transaction() as session:
        september_id, _ = calendar.schedule_meeting(session, board_id, dt.date(2017, 9, 12), build_agenda=False)
        october_id, _ = calendar.schedule_meeting(session, board_id, dt.date(2017, 10, 10), build_agenda=True)
    with store.session() as session:
        preview = preview_minutes_import(session, [files["september"], files["october"]], board_id)
    assert preview.files[0].scheduled_meeting_id == september_id and preview.files[0].will_import
    assert preview.files[1].status == "refused"
    assert "already has a meeting on 10 October 2017 with an agenda" in preview.files[1].errors[0].message

    result = import_files(store, board_id, [files["september"], files["october"]])

    assert result.imported == [(files["september"], september_id)]
    with store.session() as session:
        september = session.get(Meeting, september_id)
        assert september is not None and september.status is MeetingStatus.HELD
        assert session.get(Meeting, october_id) is not None
        overdue = matters_arising(session, october_id)
        assert {a.group for a in overdue} >= {DUE, OVERDUE}


def test_onto_the_demo_board_people_are_matched(demo_store: Store, files: dict[str, Path]) -> None:
    with demo_store.session() as session:
        board_id = session.exec(select(Board.id).where(Board.name == BOARD)).one()
        assert board_id is not None
        people_before = count(session, Person)
        preview = preview_minutes_import(session, [files["august"], files["october"]], board_id)
    august, october = preview.files
    assert august.status == "skipped"  # the demo holds 1 August 2017 already
    assert october.will_import and october.scheduled_meeting_id is not None
    assert october.new_people == ["Edwina Grant (“Edwina Grant OBE”)"]
    assert "Tony Crane" in october.matched and "Sally Allen" in october.matched

    result = import_files(demo_store, board_id, [files["august"], files["october"]])

    assert [p.name for p, _ in result.imported] == ["2017-10-10.pdf"]
    with demo_store.session() as session:
        assert count(session, Person) == people_before + 1
        actions = session.exec(select(Action).where(col(Action.text).startswith("Publish the Sufficiency"))).one()
        assert actions.due_date == dt.date(2017, 10, 31) and actions.due_kind is DueKind.DATE
