"""The People page and its dialogs, driven by keyboard and mouse from an empty database; asserts on what was stored."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlmodel import select

from boardapp.core.enums import AttendanceKind, MemberRole
from boardapp.core.models import Attendance, Meeting, Person
from boardapp.gui.dialogs.members_import import MembersImportDialog, import_members_file
from boardapp.gui.dialogs.person_dialog import (
    EditMembershipDialog,
    EndMembershipDialog,
    MemberDialog,
    MergeDialog,
    PersonDialog,
)
from boardapp.gui.dialogs.roles_dialog import RolesDialog
from boardapp.gui.operations import Operations
from boardapp.gui.views.people_page import PeoplePage
from boardapp.services import boards, memberships, people
from boardapp.store.database import Store

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date(2017, 9, 1)


def _on_modal(handler: Callable[[QWidget], None]) -> None:
    """Run `handler` on the modal window that the next click opens."""

    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None, "no dialog opened"
        handler(widget)

    QTimer.singleShot(0, run)


def _page(qtbot: QtBot, store: Store, operations: Operations | None = None) -> PeoplePage:
    page = PeoplePage(operations or Operations(store, show_errors=False), today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def board(store: Store) -> int:
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board")
    return board_id


def test_add_and_edit_people_from_an_empty_database(qtbot: QtBot, store: Store) -> None:
    page = _page(qtbot, store)
    assert page.empty.isVisible() and "No people yet" in page.empty.text()
    assert page.proxy.rowCount() == 0 and not page.buttons["edit"].isEnabled()

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, PersonDialog)
        qtbot.keyClicks(widget.title_edit, "Cllr")
        qtbot.keyClicks(widget.name_edit, "Jane Smith")
        qtbot.keyClicks(widget.organisation.lineEdit(), "Lancashire County Council")
        qtbot.keyClicks(widget.email_edit, "jane@example.org")
        qtbot.mouseClick(widget.ok_button, LEFT)

    _on_modal(fill)
    qtbot.mouseClick(page.buttons["add_person"], LEFT)
    assert page.proxy.rowCount() == 1 and not page.empty.isVisible()
    with store.session() as session:
        [row] = people.list_people(session)
    assert (row.title, row.name, row.organisation, row.email) == (
        "Cllr", "Jane Smith", "Lancashire County Council", "jane@example.org",
    )  # fmt: skip

    assert page.select("Jane Smith") and page.buttons["edit"].isEnabled()

    def edit(widget: QWidget) -> None:
        assert isinstance(widget, PersonDialog)
        assert widget.name_edit.text() == "Jane Smith"
        widget.email_edit.selectAll()
        qtbot.keyClicks(widget.email_edit, "not an address")
        qtbot.mouseClick(widget.ok_button, LEFT)
        assert widget.isVisible() and "not an email address" in widget.message.text()  # refused: still open
        widget.email_edit.selectAll()
        qtbot.keyClicks(widget.email_edit, "j.smith@example.org")
        qtbot.keyClicks(widget.aliases_edit, "CC Smith; J Smith")
        qtbot.keyClick(widget.email_edit, Qt.Key.Key_Return)

    _on_modal(edit)
    qtbot.mouseClick(page.buttons["edit"], LEFT)
    with store.session() as session:
        [row] = people.list_people(session)
    assert row.email == "j.smith@example.org" and row.aliases == ("CC Smith", "J Smith")
    assert page.proxy.index(0, 3).data() == "j.smith@example.org"


def test_a_boards_members_added_ended_and_shown_as_on_a_date(qtbot: QtBot, store: Store, board: int) -> None:
    page = _page(qtbot, store)
    page.show_people(board)
    assert page.heading.text() == "Members of Improvement Board (0 current)"
    assert page.buttons["add_member"].isVisible() and not page.buttons["merge"].isVisible()

    def add(widget: QWidget) -> None:
        assert isinstance(widget, MemberDialog)
        qtbot.keyClicks(widget.name_combo.lineEdit(), "Tom Jones")
        widget.role.setFocus()
        qtbot.keyClicks(widget.role, "Chair")  # type-ahead chooses the role
        qtbot.keyClicks(widget.organisation.lineEdit(), "NHS")
        qtbot.mouseClick(widget.ok_button, LEFT)

    _on_modal(add)
    qtbot.mouseClick(page.buttons["add_member"], LEFT)
    with store.session() as session:
        [row] = memberships.board_members(session, board)
    assert (row.name, row.role, row.organisation, row.start_date, row.end_date) == (
        "Tom Jones", MemberRole.CHAIR, "NHS", TODAY, None,
    )  # fmt: skip
    assert page.proxy.index(0, 1).data() == "Chair" and page.proxy.index(0, 3).data() == "01/09/2017"

    def twice(widget: QWidget) -> None:
        assert isinstance(widget, MemberDialog)
        qtbot.keyClicks(widget.name_combo.lineEdit(), "Tom Jones")
        qtbot.mouseClick(widget.ok_button, LEFT)
        assert "already a chair of this board" in widget.message.text()
        qtbot.mouseClick(widget.buttons.button(widget.buttons.StandardButton.Cancel), LEFT)

    _on_modal(twice)
    qtbot.mouseClick(page.buttons["add_member"], LEFT)

    assert page.select("Tom Jones") and page.buttons["end_membership"].isEnabled()

    def end(widget: QWidget) -> None:
        assert isinstance(widget, EndMembershipDialog)
        widget.date_edit.setFocus()
        widget.date_edit.setSelectedSection(widget.date_edit.Section.DaySection)
        qtbot.keyClicks(widget.date_edit, "30112017")  # each section fills and moves on
        qtbot.mouseClick(widget.ok_button, LEFT)

    _on_modal(end)
    qtbot.mouseClick(page.buttons["end_membership"], LEFT)
    with store.session() as session:
        assert memberships.board_members(session, board)[0].end_date == dt.date(2017, 11, 30)
        assert memberships.members_on(session, board, dt.date(2018, 1, 1)) == []
    assert page.proxy.index(0, 4).data() == "30/11/2017"
    assert not page.buttons["end_membership"].isEnabled()  # already ended


def test_merge_into_names_what_moves_and_keeps_one_row_per_meeting(qtbot: QtBot, store: Store, board: int) -> None:
    with store.transaction() as session:
        keep, _ = people.add_person(session, "Geoff Driver")
        merge, _ = people.add_person(session, "G Driver")
        people.add_person(session, "Amanda Hatton")
        meeting = Meeting(board_id=board, date=dt.date(2017, 8, 1))
        session.add(meeting)
        session.flush()
        for person in (keep, merge):
            session.add(Attendance(meeting_id=meeting.id or 0, person_id=person, kind=AttendanceKind.PRESENT))
        memberships.add_member(session, board, merge, MemberRole.CHAIR)
    page = _page(qtbot, store)
    assert page.select("G Driver") and page.buttons["merge"].isEnabled()
    confirmations: list[str] = []

    def choose(widget: QWidget) -> None:
        assert isinstance(widget, MergeDialog)
        widget.keep.setFocus()
        qtbot.keyClicks(widget.keep, "Geoff")
        assert widget.keep.currentData() == keep

        def confirm(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            confirmations.append(box.text())
            qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

        _on_modal(confirm)
        qtbot.mouseClick(widget.ok_button, LEFT)

    _on_modal(choose)
    qtbot.mouseClick(page.buttons["merge"], LEFT)
    assert confirmations and "1 board memberships will move to “Geoff Driver”" in confirmations[0]
    assert "1 already recorded" in confirmations[0]
    with store.session() as session:
        assert session.get(Person, merge) is None
        assert [a.person_id for a in session.exec(select(Attendance)).all()] == [keep]
        assert [r.person_id for r in memberships.board_members(session, board)] == [keep]
    listed = [page.proxy.index(n, 0).data() for n in range(page.proxy.rowCount())]
    assert listed == ["Geoff Driver", "Amanda Hatton"]  # by surname


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_import_a_membership_list_with_its_preview(qtbot: QtBot, store: Store, board: int, tmp_path: Path) -> None:
    operations = Operations(store, show_errors=False)
    bad = _csv(tmp_path / "bad.csv", [["Name", "Role", "From"], ["Ann Able", "Treasurer", "01/09/2017"]])
    dialog = MembersImportDialog(operations, board, bad)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()
    assert dialog.problems_model.rowCount() == 1
    assert dialog.problems_view.model().index(0, 1).data() == "Sheet 'bad.csv' row 2 column B ('Role')"
    assert "must be fixed" in dialog.summary.text()

    good = _csv(
        tmp_path / "members.csv",
        [["Name", "Organisation", "Role", "From"], ["Ann Able", "Police", "Vice-chair", "01/09/2017"],
         ["Bob Baker", "NHS", "", ""]],
    )  # fmt: skip
    page = _page(qtbot, store, operations)
    page.show_people(board)

    def accept(widget: QWidget) -> None:
        assert isinstance(widget, MembersImportDialog)
        assert widget.rows_model.rowCount() == 2 and widget.import_button.isEnabled()
        assert widget.rows_view.model().index(0, 7).data() == "new person"
        qtbot.mouseClick(widget.import_button, LEFT)

    _on_modal(accept)
    assert import_members_file(page, operations, board, good)
    with store.session() as session:
        rows = memberships.board_members(session, board)
    assert [(r.name, r.role, r.organisation, r.start_date) for r in rows] == [
        ("Ann Able", MemberRole.VICE_CHAIR, "Police", dt.date(2017, 9, 1)),
        ("Bob Baker", MemberRole.MEMBER, "NHS", None),
    ]
    assert page.proxy.rowCount() == 2  # the page heard about the change

    def cancel(widget: QWidget) -> None:
        assert isinstance(widget, QDialog)
        widget.reject()

    _on_modal(cancel)
    assert not import_members_file(page, operations, board, good)  # nothing new, and cancelled


def test_merge_the_demo_lscb_roles_from_the_roles_dialog(qtbot: QtBot, demo_store: Store) -> None:
    long_name = "Chair of Lancashire Safeguarding Children's Board (LSCB)"
    page = _page(qtbot, demo_store)
    confirmations: list[str] = []

    def merge(dialog: QWidget) -> None:
        assert isinstance(dialog, RolesDialog)
        assert dialog.select("Chair of LSCB") and dialog.buttons["merge"].isEnabled()

        def choose(widget: QWidget) -> None:
            assert isinstance(widget, MergeDialog)
            widget.keep.setCurrentIndex(widget.keep.findText(long_name))

            def confirm(box: QWidget) -> None:
                assert isinstance(box, QMessageBox)
                confirmations.append(box.text())
                qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)

            _on_modal(confirm)
            qtbot.mouseClick(widget.ok_button, LEFT)

        _on_modal(choose)
        qtbot.mouseClick(dialog.buttons["merge"], LEFT)
        names = [dialog.model.row_at(n).name for n in range(dialog.model.rowCount())]
        assert "Chair of LSCB" not in names and long_name in names
        dialog.reject()

    _on_modal(merge)
    qtbot.mouseClick(page.buttons["roles"], LEFT)
    assert confirmations and "5 plan item leads will move" in confirmations[0]
    with demo_store.session() as session:
        assert [r.name for r in people.list_roles(session) if "LSCB" in r.name] == [long_name]
        assert list(session.execute(text("PRAGMA foreign_key_check")).all()) == []


def test_the_table_models_pass_the_model_tester(
    qtmodeltester: ModelTester, qtbot: QtBot, demo_store: Store, tmp_path: Path
) -> None:
    page = _page(qtbot, demo_store)
    qtmodeltester.check(page.people_model)
    qtmodeltester.check(page.proxy)
    with demo_store.session() as session:
        board_id = boards.list_boards(session)[0].id
    page.show_people(board_id)
    qtmodeltester.check(page.members_model)
    assert page.members_model.rowCount() == 16
    operations = Operations(demo_store, show_errors=False)
    roles = RolesDialog(operations)
    qtbot.addWidget(roles)
    qtmodeltester.check(roles.model)
    path = _csv(tmp_path / "m.csv", [["Name", "Role"], ["Tony Crane", "Chair"], ["New Person", "Adviser"]])
    dialog = MembersImportDialog(operations, board_id, path)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.rows_model)
    assert [dialog.rows_model.index(n, 7).data() for n in range(2)] == ["already a member", "new person"]


def test_the_import_button_chooses_a_file_and_imports_it(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, store)
    notes: list[str] = []

    def no_boards(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        notes.append(box.text())
        qtbot.mouseClick(box.buttons()[0], LEFT)

    _on_modal(no_boards)
    qtbot.mouseClick(page.buttons["import"], LEFT)  # an empty database: no board to import onto
    assert notes and "There are no boards yet" in notes[0]

    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Improvement Board")
    path = _csv(tmp_path / "members.csv", [["Member", "Position"], ["Ann Able", "Co-opted"]])
    monkeypatch.setattr(
        "boardapp.gui.dialogs.members_import.QFileDialog.getOpenFileName", lambda *_args: (str(path), "")
    )
    page.show_people(board_id)

    def accept(widget: QWidget) -> None:
        assert isinstance(widget, MembersImportDialog)
        qtbot.mouseClick(widget.import_button, LEFT)

    _on_modal(accept)
    qtbot.mouseClick(page.buttons["import"], LEFT)
    assert page.proxy.index(0, 0).data() == "Ann Able" and page.proxy.index(0, 1).data() == "Co-opted member"


def test_edit_a_membership_role_and_dates(qtbot: QtBot, store: Store, board: int) -> None:
    with store.transaction() as session:
        person_id, _ = people.add_person(session, "Ann Able")
        memberships.add_member(session, board, person_id, MemberRole.MEMBER)
    page = _page(qtbot, store)
    page.show_people(board)
    assert page.select("Ann Able")

    def edit(widget: QWidget) -> None:
        assert isinstance(widget, EditMembershipDialog)
        widget.role.setFocus()
        qtbot.keyClicks(widget.role, "Vice")
        qtbot.mouseClick(widget.start.check, LEFT, pos=widget.start.check.rect().center())
        widget.start.edit.setSelectedSection(widget.start.edit.Section.DaySection)
        qtbot.keyClicks(widget.start.edit, "17052017")
        qtbot.mouseClick(widget.ok_button, LEFT)

    _on_modal(edit)
    cell = page.table.visualRect(page.proxy.index(0, 0)).center()
    qtbot.mousePress(page.table.viewport(), LEFT, pos=cell)
    qtbot.mouseDClick(page.table.viewport(), LEFT, pos=cell)  # a double click edits the line
    with store.session() as session:
        [row] = memberships.board_members(session, board)
    assert (row.role, row.start_date, row.end_date) == (MemberRole.VICE_CHAIR, dt.date(2017, 5, 17), None)
