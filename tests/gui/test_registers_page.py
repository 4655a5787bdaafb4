"""The registers page (issue 17): declarations per person, the attendance record, decisions within
call-in; each exported to Excel. Driven by keyboard and mouse; asserts on the workbooks written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from boardapp.core.models import AgendaItem, Board, Decision, Meeting, Person
from boardapp.core.models.record import InterestAction, InterestKind
from boardapp.gui.main_window import MainWindow
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.operations import Operations
from boardapp.gui.views.registers_page import RegistersPage
from boardapp.services import boards
from boardapp.services.decision_records import set_decision_record
from boardapp.services.declarations import record_declaration
from boardapp.store.database import Store
from tests.helpers.builders import Sample

LEFT = Qt.MouseButton.LeftButton
TODAY = dt.date(2017, 8, 2)


def _cell(table: QTableView, row: int, column: int) -> str:
    text = table.model().index(row, column).data()
    assert isinstance(text, str)
    return text


def _rows(table: QTableView) -> int:
    return table.model().rowCount()


def _page(qtbot: QtBot, store: Store, today: dt.date = TODAY) -> RegistersPage:
    page = RegistersPage(Operations(store, show_errors=False), lambda: today)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def test_an_empty_database_shows_nothing_and_exports_nothing(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, store)
    monkeypatch.setattr(page, "ask_save_path", lambda _title, _suggested: tmp_path / "x.xlsx")
    for button in (page.export_declarations_button, page.export_attendance_button, page.export_call_in_button):
        assert not button.isEnabled()
    assert page.export_declarations() is None and page.export_attendance() is None and page.export_call_in() is None
    with store.transaction() as session:
        board_id, _ = boards.create_board(session, "Cabinet")
    page.show_board(board_id)
    assert page.heading.text() == "Registers: Cabinet"
    assert page.person.count() == 0 and not page.export_declarations_button.isEnabled()
    assert _rows(page.attendance_table) == 0 and page.attendance_summary.text() == "0 meetings held in the period"
    assert _rows(page.call_in_table) == 0
    assert not (tmp_path / "x.xlsx").exists()


def _demo_record(store: Store) -> tuple[int, str]:
    """Jane Booth declares an interest at item 5 of 1 August 2017; item 7's decision gets a record."""
    with store.transaction() as session:
        august = session.exec(select(Meeting).where(col(Meeting.date) == dt.date(2017, 8, 1))).one()
        assert august.id is not None
        items = session.exec(
            select(AgendaItem).where(AgendaItem.meeting_id == august.id).order_by(col(AgendaItem.position))
        ).all()
        jane = session.exec(select(Person).where(Person.name == "Jane Booth")).one()
        assert jane.id is not None
        record_declaration(
            session,
            august.id,
            jane.id,
            InterestKind.OTHER_REGISTRABLE,
            agenda_item_id=items[4].id,
            nature="Governor of a school in the study",
            nature_withheld=True,
            action=InterestAction.LEFT_ROOM,
        )
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == items[6].id)).one()
        assert decision.id is not None
        set_decision_record(session, decision.id, reasons="Delivery in twelve weeks", holidays=frozenset())
        board = session.exec(select(Board)).one()
        assert board.id is not None
        return board.id, decision.text


def test_the_registers_of_the_demo_board_and_their_workbooks(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board_id, decision_text = _demo_record(demo_store)
    page = _page(qtbot, demo_store)
    written: list[str] = []

    def save_to(_title: str, suggested: str) -> Path:
        written.append(suggested)
        return tmp_path / suggested

    monkeypatch.setattr(page, "ask_save_path", save_to)
    page.show_board(board_id)

    # Declarations: choose Jane Booth by typing in the person box.
    page.tabs.setCurrentIndex(0)
    page.person.setFocus()
    qtbot.keyClicks(page.person, "Jane")
    assert page.person.currentText() == "Jane Booth"
    assert _rows(page.declarations_table) == 2  # the one made here (August) and the demo's in September
    assert _cell(page.declarations_table, 1, 0).endswith("2017") and "Sep" in _cell(page.declarations_table, 1, 0)
    assert _cell(page.declarations_table, 0, 5) == "Governor of a school in the study"  # the clerk sees it
    qtbot.mouseClick(page.export_declarations_button, LEFT)
    sheet = load_workbook(tmp_path / written[-1]).active
    assert sheet is not None
    assert sheet.cell(2, 1).value == dt.datetime(2017, 8, 1)
    assert sheet.cell(2, 6).value == "nature withheld (sensitive interest)"  # the public version
    assert sheet.cell(2, 7).value == "Left the room for the item"

    # Attendance: the municipal year so far (from 1 May 2017): the August meeting; June's held too.
    page.tabs.setCurrentIndex(1)
    assert page.start_edit.date() == QDate(2017, 5, 1) and page.end_edit.date() == QDate(2017, 8, 2)
    assert page.attendance_summary.text() == "2 meetings held in the period"
    names = [_cell(page.attendance_table, r, 0) for r in range(_rows(page.attendance_table))]
    assert "Stephen Cox" in names
    cox = names.index("Stephen Cox")
    # expected at both, apologies in August, no record of June (absent)
    assert [_cell(page.attendance_table, cox, c) for c in (1, 2, 3, 4)] == ["2", "0", "1", "1"]
    qtbot.mouseClick(page.export_attendance_button, LEFT)
    sheet = load_workbook(tmp_path / written[-1]).active
    assert sheet is not None
    assert sheet.cell(1, 1).value == "Member"
    assert "Stephen Cox" in [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]

    # Narrow the period to before the August meeting: only June's.
    page.end_edit.setDate(QDate(2017, 7, 31))
    assert page.attendance_summary.text() == "1 meeting held in the period"

    # Decisions within call-in: item 7's decision takes effect five working days after 1 August.
    page.tabs.setCurrentIndex(2)
    assert _rows(page.call_in_table) == 1
    assert _cell(page.call_in_table, 0, 2) == decision_text
    assert _cell(page.call_in_table, 0, 3) == "8 August 2017"
    qtbot.mouseClick(page.export_call_in_button, LEFT)
    sheet = load_workbook(tmp_path / written[-1]).active
    assert sheet is not None
    assert sheet.cell(2, 3).value == decision_text and sheet.cell(2, 7).value == dt.datetime(2017, 8, 8)


def test_after_call_in_the_list_is_empty(qtbot: QtBot, demo_store: Store) -> None:
    board_id, _ = _demo_record(demo_store)
    page = _page(qtbot, demo_store, today=dt.date(2017, 8, 8))
    page.show_board(board_id)
    assert _rows(page.call_in_table) == 0
    assert page.call_in_summary.text() == "0 decisions not yet in effect on 8 August 2017"


def test_board_menu_registers_opens_the_page_for_the_board(window: MainWindow, sample: Sample) -> None:
    """Board ▸ Registers… shows the registers of the board chosen in the navigator."""
    window.select(NavTarget(NodeKind.BOARD, sample.board_id, sample.board_id))
    window.board_menus.update_actions()
    assert window.board_menus.registers_action.isEnabled()
    window.board_menus.registers_action.trigger()
    assert window.pages.currentWidget() is window.board_menus.registers_page
