"""preview_action_import / apply_action_import on the sample board: owners, meetings and refs matched
against the database, nothing written by a preview, and all rows or none by apply."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func
from sqlmodel import Session, col, select

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.core.models import Action, ActionOwner, ActionUpdate, Person, Role
from boardapp.importing.mapping import MappingError
from boardapp.importing.problems import ImportFileError, Severity
from boardapp.services.action_import import (
    ActionImportPreview,
    apply_action_import,
    import_choices,
    preview_action_import,
)
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound, ServiceError
from boardapp.store.database import Store
from tests.fixtures.actions import build
from tests.helpers.builders import AUGUST, BOARD_NAME, JUNE, OCTOBER, SEPTEMBER, TODAY, Sample

TABLES = (Action, ActionOwner, ActionUpdate, Person, Role)


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    return build.clean_log(tmp_path / "Board Action Log.xlsx")


def _counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {t.__name__: session.exec(select(func.count()).select_from(t)).one() for t in TABLES}


def _preview(store: Store, path: Path, board: str | int = BOARD_NAME, **kwargs: object) -> ActionImportPreview:
    with store.session() as session:
        return preview_action_import(session, path, board=board, today=TODAY, **kwargs)  # type: ignore[arg-type]


def _apply(store: Store, preview: ActionImportPreview) -> tuple[tuple[int, ...], Changes]:
    with store.transaction() as session:
        return apply_action_import(session, preview)


def _log(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Actions"
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def _action(session: Session, ref: str) -> Action:
    return session.exec(select(Action).where(Action.ref == ref)).one()


def _owners(session: Session, action_id: int) -> list[str]:
    names = []
    for owner in session.exec(
        select(ActionOwner).where(ActionOwner.action_id == action_id).order_by(col(ActionOwner.position))
    ).all():
        if owner.person_id is not None:
            person = session.get(Person, owner.person_id)
            names.append(person.name if person else "?")
        else:
            role = session.get(Role, owner.role_id)
            names.append(role.name if role else "?")
    return names


# -- preview ----------------------------------------------------------------------------------------------
def test_a_preview_writes_nothing(store: Store, sample: Sample, clean: Path) -> None:
    before = _counts(store)

    preview = _preview(store, clean)

    assert _counts(store) == before
    assert preview.problems == () and preview.can_apply
    assert preview.counts_line() == "7 actions (3 open, 1 in progress, 1 completed, 1 closed, 1 cancelled)"
    assert (preview.new_people, preview.new_roles, preview.matched_owners) == (
        ("Jane Booth",),
        ("Heads of Service",),
        5,
    )


def test_due_and_raised_cells_are_matched_to_the_boards_meetings(store: Store, sample: Sample, clean: Path) -> None:
    actions = {a.ref: a for a in _preview(store, clean).actions}
    meetings = sample.meetings

    due = {ref: (a.due_kind, a.due_meeting_id, a.due_date, a.due_text) for ref, a in actions.items()}
    assert due == {
        "IB-17-01": (DueKind.MEETING, meetings["august"], None, "1 Aug 2017"),  # a date that is a meeting
        "IB-17-02": (DueKind.MEETING, meetings["september"], None, "September meeting"),  # after June
        "IB-17-03": (DueKind.FUTURE_MEETING, None, None, "Future meeting"),
        "IB-17-04": (DueKind.DATE, None, dt.date(2017, 10, 31), "31 Oct 2017"),  # no meeting that day
        "IB-17-05": (DueKind.NONE, None, None, "Ongoing"),
        "IB-17-06": (DueKind.MEETING, meetings["september"], None, "Next meeting"),  # after 1 August
        "IB-17-07": (DueKind.MEETING, meetings["october"], None, "October Board"),
    }
    assert {a.raised_meeting_id for a in actions.values()} == {meetings["june"], meetings["august"]}
    assert actions["IB-17-01"].raised_on == JUNE and actions["IB-17-07"].raised_on == AUGUST
    assert actions["IB-17-06"].due_label == f"{SEPTEMBER.day} September 2017 meeting"


def test_a_raised_date_with_no_meeting_is_kept_in_the_history(store: Store, sample: Sample, tmp_path: Path) -> None:
    path = _log(
        tmp_path / "raised.xlsx",
        [
            ["Action", "Date raised", "Due", "Update"],
            ["Raised between meetings", dt.date(2017, 7, 3), "September meeting", "Chased"],
            ["Raised in a month the board met once", "October 2017", None, None],
            ["Raised somewhere", "Away day", None, None],
        ],
    )

    preview = _preview(store, path)
    between, october, away = preview.actions

    assert between.raised_meeting_id is None and between.raised_on == dt.date(2017, 7, 3)
    assert between.due_meeting_id == sample.meetings["september"], "September after the day it was raised"
    assert between.update_note == "Chased\n\nRaised: 3 July 2017 (no meeting of the board that day)"
    assert october.raised_meeting_id == sample.meetings["october"] and october.update_note == ""
    assert away.raised_meeting_id is None and away.update_note == "Raised: Away day"
    assert [(p.severity, p.where) for p in preview.problems] == [
        (Severity.WARNING, "Sheet 'Actions' row 2 column B ('Date raised')"),
        (Severity.WARNING, "Sheet 'Actions' row 4 column B ('Date raised')"),
    ]
    assert "has no meeting on 3 July 2017" in preview.problems[0].message
    assert "“Away day” does not say which meeting raised the action (it names no date)" in preview.problems[1].message


def test_a_meeting_the_calendar_cannot_name_is_a_warning(store: Store, sample: Sample, tmp_path: Path) -> None:
    path = _log(
        tmp_path / "due.xlsx",
        [
            ["Action", "Date raised", "Due"],
            ["Due at a month the board does not meet", AUGUST, "December meeting"],
            ["Next meeting after the last one", OCTOBER, "Next meeting"],
            ["Next meeting, raised when?", None, "next meeting"],
        ],
    )

    preview = _preview(store, path)

    assert [(a.due_kind, a.due_meeting_id, a.due_text) for a in preview.actions] == [
        (DueKind.MEETING, None, "December meeting"),
        (DueKind.MEETING, None, "Next meeting"),
        (DueKind.MEETING, None, "next meeting"),
    ]
    messages = [p.message for p in preview.problems]
    assert "has no December meeting after 1 August 2017 in its calendar" in messages[0]
    assert "has no meeting after 10 October 2017" in messages[1]
    assert "does not say when the action was raised, so the next meeting is unknown" in messages[2]
    assert all(p.severity is Severity.WARNING for p in preview.problems)


def test_refs_are_numbered_like_minuted_actions_when_the_file_has_none(
    store: Store, sample: Sample, tmp_path: Path
) -> None:
    with store.transaction() as session:
        session.add(Action(board_id=sample.board_id, ref="IB-20170801-01", text="Minuted earlier"))
    path = _log(
        tmp_path / "no-refs.xlsx",
        [
            ["Ref", "Action", "Date raised"],
            [None, "First of August", AUGUST],
            ["IB-20170801-07", "Given a ref", AUGUST],
            [None, "Second of August", AUGUST],
            [None, "Raised when?", None],
        ],
    )

    preview = _preview(store, path)

    assert [(a.ref, a.ref_given) for a in preview.actions] == [
        ("IB-20170801-08", False),
        ("IB-20170801-07", True),
        ("IB-20170801-09", False),
        ("IB-20170901-01", False),  # the import's date when the row does not say
    ]
    ids, _changes = _apply(store, preview)
    with store.session() as session:
        assert [session.get(Action, i).ref for i in ids] == [a.ref for a in preview.actions]  # type: ignore[union-attr]


def test_a_ref_the_board_already_uses_is_an_error(store: Store, sample: Sample, tmp_path: Path) -> None:
    path = _log(tmp_path / "clash.xlsx", [["Ref", "Action"], ["IB-CSE", "Clashes, whatever the case"], ["X", "Fine"]])

    preview = _preview(store, path)
    other_board = _preview(store, path, board=sample.other_board_id)

    (error,) = preview.errors
    assert error.where == "Sheet 'Actions' row 2 column A ('Ref')"
    assert f"the ref “IB-CSE” is already used by an action of {BOARD_NAME}" in error.message
    assert other_board.errors == (), "refs are per board"


def test_wrong_options_are_refused_before_anything_is_read(store: Store, sample: Sample, clean: Path) -> None:
    with pytest.raises(
        NotFound, match=f"No board is called “Corporate Parenting Board” \\({BOARD_NAME}, MASH Board\\)"
    ):
        _preview(store, clean, board="Corporate Parenting Board")
    with pytest.raises(MappingError, match="there is no field “colour”"):
        _preview(store, clean, mapping_overrides=["Status=colour"])
    (tmp := clean.with_suffix(".txt")).write_text("Ref,Action\n1,Do it\n")
    with pytest.raises(ImportFileError, match="is not a Word"):
        _preview(store, tmp)


def test_the_summary_says_what_would_be_imported(store: Store, sample: Sample, clean: Path) -> None:
    lines = _preview(store, clean).summary_lines()

    assert lines[0] == (
        f"Action log Board Action Log.xlsx for “{BOARD_NAME}”: 7 actions (3 open, 1 in progress, 1 completed, "
        f"1 closed, 1 cancelled)"
    )
    assert "    'Date raised' → Raised at" in lines
    assert (
        "Owners: 5 existing people/roles matched; new people (1): Jane Booth; new roles (1): Heads of Service" in lines
    )
    assert "Due: 4 at a meeting of the board, 1 by a date, 1 at a future meeting, 1 kept as written, 0 none" in lines
    assert "Refs: 7 kept from the file, 0 numbered" in lines
    assert lines[-1] == "Problems: 0 error(s), 0 warning(s)"


def test_import_choices_lists_boards_and_review_sources(store: Store, sample: Sample) -> None:
    with store.session() as session:
        choices = import_choices(session)
    assert [b.name for b in choices.boards] == [BOARD_NAME, "MASH Board"]
    assert choices.review_sources == ("Ofsted inspection",)


# -- apply ------------------------------------------------------------------------------------------------
def test_apply_writes_every_action_with_owners_and_history(store: Store, sample: Sample, clean: Path) -> None:
    preview = _preview(store, clean)
    before = _counts(store)

    ids, changes = _apply(store, preview)

    assert len(ids) == 7 and changes.actions == frozenset(ids) and changes.people
    after = _counts(store)
    assert after["Action"] - before["Action"] == 7
    assert (after["Person"] - before["Person"], after["Role"] - before["Role"]) == (1, 1)
    with store.session() as session:
        closed = _action(session, "IB-17-01")
        assert (closed.board_id, closed.status, closed.raised_meeting_id) == (
            sample.board_id,
            ActionStatus.CLOSED,
            sample.meetings["june"],
        )
        assert _owners(session, closed.id or 0) == ["Chris Coyle"]
        assert _owners(session, _action(session, "IB-17-03").id or 0) == ["Chris Coyle", "Amanda Hatton"]
        assert _owners(session, _action(session, "IB-17-05").id or 0) == ["Natasha Wright", "Board Members"]
        assert _owners(session, _action(session, "IB-17-06").id or 0) == ["Jane Booth"]
        assert len(session.exec(select(Person).where(Person.name == "Chris Coyle")).all()) == 1
        (update,) = session.exec(select(ActionUpdate).where(ActionUpdate.action_id == closed.id)).all()
        assert (update.note, update.author, update.recorded_on) == (
            "Circulated on 20 June",
            "Imported from Board Action Log.xlsx",
            TODAY,
        )
        assert (update.status_from, update.status_to) == (ActionStatus.OPEN, ActionStatus.CLOSED)
        opened = _action(session, "IB-17-03")
        assert session.exec(select(ActionUpdate).where(ActionUpdate.action_id == opened.id)).all() == [], (
            "an open action with no update has no history"
        )
        report = _action(session, "IB-17-04")
        assert (report.due_kind, report.due_date, report.status) == (
            DueKind.DATE,
            dt.date(2017, 10, 31),
            ActionStatus.COMPLETED,
        )


def test_apply_of_a_log_with_only_warnings_keeps_everything(store: Store, sample: Sample, tmp_path: Path) -> None:
    preview = _preview(store, build.messy_log(tmp_path / "warnings.xlsx", with_errors=False))
    assert preview.errors == () and len(preview.warnings) == 15

    ids, _changes = _apply(store, preview)

    assert len(ids) == 11
    with store.session() as session:
        long = _action(session, "M-5")
        (update,) = session.exec(select(ActionUpdate).where(ActionUpdate.action_id == long.id)).all()
        assert len(update.note) == 50_000 and update.status_to is ActionStatus.IN_PROGRESS
        assert _action(session, "M-6").text == "Review the log weekly"
        assert _owners(session, _action(session, "M-8").id or 0) == ["Louise Storey"]
        typed = _action(session, "M-1")
        assert (typed.raised_meeting_id, typed.due_meeting_id) == (
            sample.meetings["august"],
            sample.meetings["september"],
        )


def test_apply_refuses_a_preview_with_errors_and_writes_nothing(store: Store, sample: Sample, tmp_path: Path) -> None:
    preview = _preview(store, build.messy_log(tmp_path / "messy.xlsx"))
    before = _counts(store)

    with pytest.raises(ServiceError, match=r"not imported: 6 problem\(s\) in messy.xlsx must be fixed first"):
        _apply(store, preview)

    assert _counts(store) == before


def test_apply_refuses_refs_taken_since_the_preview(store: Store, sample: Sample, clean: Path) -> None:
    preview = _preview(store, clean)
    with store.transaction() as session:
        session.add(Action(board_id=sample.board_id, ref="IB-17-04", text="Minuted meanwhile"))
    before = _counts(store)

    with pytest.raises(ServiceError, match="now has actions with the refs IB-17-04"):
        _apply(store, preview)

    assert _counts(store) == before


def test_a_write_failing_midway_leaves_none_of_the_actions(store: Store, sample: Sample, clean: Path) -> None:
    preview = _preview(store, clean)
    broken = list(preview.actions)
    broken[5] = dataclasses.replace(broken[5], due_meeting_id=987654)  # no such meeting: the 6th insert fails
    preview = dataclasses.replace(preview, actions=tuple(broken))
    before = _counts(store)

    with pytest.raises(ServiceError, match=r"could not be written .*none of its actions are kept"):
        _apply(store, preview)

    assert _counts(store) == before
    with store.session() as session:
        assert session.exec(select(Action).where(Action.ref == "IB-17-01")).first() is None
        assert session.exec(select(Person).where(Person.name == "Jane Booth")).first() is None


def test_apply_refuses_a_board_that_is_gone(store: Store, sample: Sample, clean: Path) -> None:
    preview = dataclasses.replace(_preview(store, clean), board_id=999)

    with pytest.raises(NotFound, match="no board with id 999"):
        _apply(store, preview)


def test_owners_written_alike_are_read_once_and_warned_once(store: Store, sample: Sample, tmp_path: Path) -> None:
    """A log names the same few owners on thousands of rows: one reading is shared, one warning given."""
    rows: list[list[object]] = [["Action", "Owner"]]
    rows += [[f"Action {n}", "Chris Coyle"] for n in range(3)] + [["Another", "Gemma"], ["And another", "Gemma"]]
    preview = _preview(store, _log(tmp_path / "owners.xlsx", rows))

    first, second, third, fourth, fifth = preview.actions
    assert first.owners is second.owners is third.owners and fourth.owners is fifth.owners
    assert [o.text for o in first.owners] == ["Chris Coyle"] and [o.text for o in fourth.owners] == ["Gemma"]
    assert [(p.where, "single name" in p.message) for p in preview.problems] == [
        ("Sheet 'Actions' row 5 column B ('Owner')", True)
    ]
    assert (fifth.table, fifth.row, fifth.where) == ("Sheet 'Actions'", 6, "Sheet 'Actions' row 6")
