"""The action log page driven as a clerk would: typing in the filters, ticking statuses, clicking
headers, selecting rows with mouse and keyboard, bulk operations through their dialogs, the detail
window, exports; and what was stored afterwards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from boardapp.core.enums import ActionStatus, DueKind
from boardapp.core.models import Action, ActionPlanLink, ActionUpdate
from boardapp.gui.dialogs.action_detail import ActionDetailDialog
from boardapp.gui.dialogs.action_followup import CloseDialog, DueDialog, ReassignDialog, StatusDialog
from boardapp.gui.main_window import MainWindow
from boardapp.gui.models.action_table_model import COLUMN_INDEX
from boardapp.gui.navigator_model import NavTarget, NodeKind
from boardapp.gui.views.action_log_page import SETTINGS_EXPORT_DIR, ActionLogPage
from boardapp.home import AppHome
from boardapp.services.action_log import GroupBy, SortColumn
from boardapp.services.followup import update_status
from boardapp.services.lifecycle import reschedule_meeting
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample


@pytest.fixture
def page(window: MainWindow, sample: Sample) -> ActionLogPage:
    window.operations.show_errors = False
    assert window.select(NavTarget(NodeKind.ACTION_LOG, sample.board_id, sample.board_id))
    assert window.pages.currentWidget() is window.action_log_page
    return window.action_log_page


def refs(page: ActionLogPage) -> list[str]:
    return [row.ref for row in (page.model.row_at(r) for r in range(page.model.rowCount())) if row is not None]


def click_row(
    qtbot: QtBot, page: ActionLogPage, row: int, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    page.table.scrollTo(page.model.index(row, 0))
    rect = page.table.visualRect(page.model.index(row, COLUMN_INDEX["Ref"]))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(widget.width() // 2, widget.height() // 2))


def tool_button(page: ActionLogPage, action: object) -> QAbstractButton:
    button = page.toolbar.widgetForAction(action)  # type: ignore[arg-type]
    assert isinstance(button, QAbstractButton)
    return button


def stored(store: Store, ref: str) -> Action:
    with store.session() as session:
        return session.exec(select(Action).where(Action.ref == ref)).one()


# -- filters -------------------------------------------------------------------------------------------------


def test_filter_bar(qtbot: QtBot, window: MainWindow, page: ActionLogPage, sample: Sample) -> None:
    assert page.count.text() == "6 of 7 actions (1 overdue)"  # open, in progress and completed ticked
    assert "Open 5" in page.status_counts.text()
    qtbot.keyClicks(page.filter, "hatton")
    qtbot.waitUntil(lambda: page.count.text() == "3 of 7 actions (0 overdue)")
    assert refs(page) == ["IB-cse", "IB-profiles", "IB-stats"]
    page.filter.clear()
    closed = page.status_boxes[ActionStatus.CLOSED]
    qtbot.mouseClick(closed, Qt.MouseButton.LeftButton, pos=QPoint(8, closed.height() // 2))
    assert closed.isChecked()
    assert page.count.text() == "7 actions (1 overdue)"
    page.overdue_only.setChecked(True)
    assert page.count.text() == "1 of 7 actions (1 overdue)"
    assert page.row_at(0).ref == "IB-late"
    page.overdue_only.setChecked(False)
    qtbot.keyClicks(page.owner, "Natasha Wright")
    # "Natasha W" already shows the same row: wait for the whole name, which is that person
    qtbot.waitUntil(lambda: page.model.query.owner is not None)  # an exact name is that person, not part of names
    assert refs(page) == ["IB-video"]
    page.owner.clear()
    page.due_combo.setCurrentIndex(page.due_combo.findData(sample.meetings["september"]))
    assert refs(page) == ["IB-cse"]
    page.due_combo.setCurrentIndex(0)
    page.raised_combo.setCurrentIndex(page.raised_combo.findData(sample.meetings["june"]))
    assert refs(page) == ["IB-late", "IB-closed"]
    page.raised_combo.setCurrentIndex(0)
    page.link_combo.setCurrentIndex(page.link_combo.findText("Plan: 12 Week Improvement Plan"))
    assert refs(page) == ["IB-stats", "IB-video"]
    page.clear_filters()
    assert page.count.text() == "6 of 7 actions (1 overdue)"
    page.board_combo.setCurrentIndex(page.board_combo.findText("All boards"))
    assert page.count.text() == "7 of 8 actions (2 overdue)"


def test_group_by_owner_shows_spanning_headers(qtbot: QtBot, page: ActionLogPage) -> None:
    page.group_combo.setCurrentIndex(page.group_combo.findData(GroupBy.OWNER))
    assert page.model.query.group_by is GroupBy.OWNER
    first = page.model.header_rows()[0]
    assert page.table.columnSpan(first, 0) == page.model.columnCount()
    assert page.model.index(first, 0).data() == "Amanda Hatton  (3 actions)"
    assert page.table.rowHeight(first) < page.table.rowHeight(first + 1)
    page.group_combo.setCurrentIndex(page.group_combo.findData(GroupBy.DUE_MEETING))
    assert page.model.index(0, 0).data() == "1 August 2017 meeting  (1 action, 1 overdue)"


def test_clicking_headers_sorts_in_sql(qtbot: QtBot, page: ActionLogPage) -> None:
    header = page.table.horizontalHeader()
    due = COLUMN_INDEX["Due"]
    centre = QPoint(header.sectionViewportPosition(due) + header.sectionSize(due) // 2, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert page.model.query.sort is SortColumn.DUE
    assert refs(page)[:3] == ["IB-late", "IB-cse", "IB-video"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert page.model.query.descending
    assert refs(page)[0] == "IB-profiles"  # undated first when reversed


# -- selection and bulk operations ---------------------------------------------------------------------------


def test_bulk_close_with_mouse_selection_and_keyboard(qtbot: QtBot, window: MainWindow, page: ActionLogPage,
                                                      store: Store, sample: Sample) -> None:  # fmt: skip
    click_row(qtbot, page, 0)  # IB-late
    click_row(qtbot, page, 2, Qt.KeyboardModifier.ShiftModifier)  # .. IB-cse
    assert [row.ref for row in page.selected_rows()] == ["IB-late", "IB-unfiled", "IB-cse"]
    assert page.close_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.follow_up.dialog
    assert isinstance(dialog, CloseDialog)
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(sample.meetings["august"]))
    click(qtbot, dialog.ok_button)
    for ref in ("IB-late", "IB-unfiled", "IB-cse"):
        action = stored(store, ref)
        assert (action.status, action.closed_at_meeting_id) == (ActionStatus.CLOSED, sample.meetings["august"])
    assert page.count.text() == "3 of 7 actions (0 overdue)"  # refreshed: the closed ones left the open view
    assert page.note.text() == "Closed 3 actions as agreed at the 1 August 2017 meeting."


def test_keyboard_selection_and_status_update(qtbot: QtBot, page: ActionLogPage, store: Store) -> None:
    click_row(qtbot, page, 3)  # IB-profiles
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # + IB-stats
    assert [row.ref for row in page.selected_rows()] == ["IB-profiles", "IB-stats"]
    qtbot.keyClick(page.table, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = page.follow_up.dialog
    assert isinstance(dialog, StatusDialog)
    dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.COMPLETED))
    qtbot.keyClicks(dialog.note, "Both reported done")
    click(qtbot, dialog.ok_button)
    with store.session() as session:
        notes = session.exec(select(ActionUpdate).where(ActionUpdate.note == "Both reported done")).all()
    assert [(n.recorded_on, n.status_to) for n in notes] == [(TODAY, ActionStatus.COMPLETED)] * 2
    assert stored(store, "IB-profiles").status is ActionStatus.COMPLETED
    # The selection survives the refresh.
    assert [row.ref for row in page.selected_rows()] == ["IB-profiles", "IB-stats"]


def test_carry_forward_reassign_and_change_due(qtbot: QtBot, page: ActionLogPage, store: Store, sample: Sample) -> None:
    click_row(qtbot, page, refs(page).index("IB-cse"))
    click(qtbot, tool_button(page, page.carry_button))
    assert stored(store, "IB-cse").due_meeting_id == sample.meetings["october"]
    assert page.note.text() == "Carried 1 action forward to the 10 October 2017 meeting."

    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = page.follow_up.dialog
    assert isinstance(dialog, ReassignDialog)
    assert dialog.names() == ["Amanda Hatton"]
    dialog.owners.setCurrentRow(0)
    dialog.remove_owner()
    qtbot.keyClicks(dialog.add, "Board Members")
    qtbot.keyClick(dialog.add, Qt.Key.Key_Return)
    click(qtbot, dialog.ok_button)
    assert page.model.row_at(refs(page).index("IB-cse")).owner_names == ("Board Members",)  # type: ignore[union-attr]

    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    due = page.follow_up.dialog
    assert isinstance(due, DueDialog)
    due.future.setChecked(True)
    click(qtbot, due.ok_button)
    assert stored(store, "IB-cse").due_kind is DueKind.FUTURE_MEETING
    with store.session() as session:
        cse = stored(store, "IB-cse").id
        assert len(session.exec(select(ActionUpdate).where(ActionUpdate.action_id == cse)).all()) == 3


def test_operations_elsewhere_refresh_the_page(qtbot: QtBot, window: MainWindow, page: ActionLogPage,
                                               sample: Sample) -> None:  # fmt: skip
    window.operations.run(update_status, [sample.actions["late"]], status=ActionStatus.CANCELLED, on=TODAY)
    assert page.count.text() == "5 of 7 actions (0 overdue)"
    window.operations.run(reschedule_meeting, sample.meetings["september"], dt.date(2017, 9, 26))
    cse = page.model.row_at(refs(page).index("IB-cse"))
    assert cse is not None and cse.due_short == "26 Sep 2017 meeting"  # moved with its meeting


# -- the detail window ------------------------------------------------------------------------------------------


def test_enter_opens_the_detail_which_links_plan_actions(qtbot: QtBot, page: ActionLogPage, store: Store,
                                                         sample: Sample) -> None:  # fmt: skip
    click_row(qtbot, page, refs(page).index("IB-stats"))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.detail_dialogs[sample.actions["stats"]]
    assert isinstance(dialog, ActionDetailDialog) and dialog.isVisible()
    history = dialog.history.toPlainText()
    assert history.index("Report drafted") < history.index("Data requested") < history.index("Older note")
    assert "10 October 2017" in history and "Open → In progress" in history
    assert dialog.links.count() == 2
    qtbot.keyClicks(dialog.search, "monthly")
    assert dialog.results.count() == 1 and "1.2" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    with store.session() as session:
        linked = session.exec(
            select(ActionPlanLink.plan_item_id).where(ActionPlanLink.action_id == sample.actions["stats"])
        ).all()
    assert sample.plan_items["1.2"] in linked
    assert dialog.links.count() == 3 and dialog.search.text() == ""
    assert "Linked to plan action 1.2" in dialog.history.toPlainText()
    dialog.links.setCurrentRow(0)
    click(qtbot, dialog.unlink)
    assert dialog.links.count() == 2
    plan_links = page.model.row_at(refs(page).index("IB-stats"))
    assert plan_links is not None and plan_links.plan_link_count == 2  # the log refreshed too


def test_detail_shows_overdue_and_opens_the_minute(qtbot: QtBot, window: MainWindow, page: ActionLogPage,
                                                    sample: Sample) -> None:  # fmt: skip
    dialog = page.open_detail(refs(page).index("IB-cse"))
    assert dialog is not None
    assert "OVERDUE" not in dialog.heading.text()
    late = page.open_detail(0)
    assert late is not None and "OVERDUE" in late.heading.text() and "overdue" in late.due.text()
    with qtbot.waitSignal(dialog.open_minute_requested) as signal:
        click(qtbot, dialog.open_minute)
    assert signal.args == [sample.board_id, sample.meetings["august"], sample.items[2]]
    assert window.current_target == NavTarget(NodeKind.MEETING, sample.meetings["august"], sample.board_id)
    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.shown_item_id == sample.items[2]  # scrolled to the item it was raised under


# -- export ---------------------------------------------------------------------------------------------------


def test_export_remembers_the_folder_and_opens_the_file(
    qtbot: QtBot, page: ActionLogPage, home: AppHome, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    asked: list[str] = []

    def save_dialog(_parent: QWidget, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(folder / "my log"), "Excel workbook (*.xlsx)"

    opened: list[QUrl] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    open_after = page.open_after
    assert isinstance(open_after, QCheckBox)
    open_after.setChecked(True)
    click(qtbot, tool_button(page, page.export_buttons["xlsx"]))
    written = folder / "my log.xlsx"
    assert written.exists()
    assert openpyxl.load_workbook(written)["Action log"].max_row == 7  # the six open actions shown, and the header
    assert opened == [QUrl.fromLocalFile(str(written))]
    settings = QSettings(str(home.settings_path), QSettings.Format.IniFormat)
    assert settings.value(SETTINGS_EXPORT_DIR) == str(folder)
    click(qtbot, tool_button(page, page.export_buttons["pdf"]))
    assert Path(asked[1]).parent == folder  # the next save dialog starts where the last file went
    assert Path(asked[1]).name == "2017-09-01 Children's Services Improvement Board actions by owner.pdf"
    assert page.note.text().startswith("Wrote 6 actions to ")


def test_export_failure_is_shown_not_raised(
    page: ActionLogPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr("boardapp.gui.views.action_log_export.QMessageBox.warning",
                        lambda _parent, _title, text: shown.append(text))  # fmt: skip
    assert page.export("docx", tmp_path / "no such folder" / "x.docx") is None
    assert shown and "does not exist" in shown[0]
    assert QApplication.overrideCursor() is None


# -- public or full version (issue 12 point 3) --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_export_offers_a_public_version_without_part_ii_business(
    qtbot: QtBot, window: MainWindow, page: ActionLogPage, store: Store, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, fmt: str,
) -> None:  # fmt: skip
    from boardapp.exporting.backends.readback import read_xlsx_text
    from boardapp.gui.views.action_log_export import FULL_VERSION, PUBLIC_VERSION
    from boardapp.services import agenda
    from tests.helpers.exporting_readback import flat, read_back

    secret = stored(store, "IB-cse")  # make the item it was raised under (and IB-profiles) exempt: Part II
    assert secret.raised_item_id is not None
    window.operations.run(agenda.update_item, secret.raised_item_id, is_exempt=True, exempt_paragraph="1",
                          exempt_reason="it names a child")  # fmt: skip
    assert stored(store, "IB-cse").is_exempt
    page.show_log(page.board_id, "Action log")
    choice = page.export_version
    assert [choice.itemText(i) for i in range(choice.count())] == [FULL_VERSION, PUBLIC_VERSION]
    assert choice.currentText() == FULL_VERSION

    def text_of(path: Path) -> str:
        return flat(read_xlsx_text(path) if path.suffix == ".xlsx" else read_back(path))

    target = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    click(qtbot, tool_button(page, page.export_buttons[fmt]))
    full = text_of(tmp_path / f"chosen.{fmt}")
    assert "CONFIDENTIAL" in full and flat(secret.text)[:40] in full
    assert "full version, CONFIDENTIAL" in page.note.text()

    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # the clerk picks the public version
    assert choice.currentText() == PUBLIC_VERSION
    target = tmp_path / "public"
    click(qtbot, tool_button(page, page.export_buttons[fmt]))
    public = text_of(tmp_path / f"public.{fmt}")
    assert flat(secret.text)[:40] not in public and "CONFIDENTIAL" not in public and "Exempt" not in public
    assert "IB-cse" not in public and "IB-profiles" not in public  # both raised under the exempt item
    assert "IB-video" in public and "IB-video" in full
    assert "public version" in page.note.text()
