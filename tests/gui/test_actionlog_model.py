"""The action log's table model: checked by qtmodeltester, read a page at a time, sorted in SQL,
grouped with header rows; overdue rows stand out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from boardapp.core.models import Action
from boardapp.gui import style
from boardapp.gui.models.action_table_model import (
    COLUMN_INDEX,
    GROUP_ROLE,
    OVERDUE_BACKGROUND,
    PAGE_SIZE,
    ROW_ROLE,
    SORT_ROLE,
    ActionTableModel,
    ReadSource,
)
from boardapp.services.action_log import ActionLogQuery, GroupBy, LogGroup, SortColumn
from boardapp.services.actions import OPEN_STATUSES, ActionRow
from boardapp.store.database import Store
from tests.helpers.builders import TODAY, Sample


def reader(store: Store) -> Callable[..., Any]:
    def read(query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with store.session() as session:
            return query(session, *args, **kwargs)

    return read


@pytest.fixture
def model(qapp: QApplication, store: Store, sample: Sample) -> ActionTableModel:
    made = ActionTableModel(ReadSource(reader(store), lambda: TODAY))
    made.set_query(ActionLogQuery())
    return made


def refs(model: ActionTableModel) -> list[str | None]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_model_tester_flat_sorted_and_grouped(qtmodeltester: ModelTester, model: ActionTableModel) -> None:
    qtmodeltester.check(model)
    model.sort(COLUMN_INDEX["Due"], Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
    for group_by in (GroupBy.OWNER, GroupBy.DUE_MEETING):
        model.set_query(ActionLogQuery(group_by=group_by))
        qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_headers_columns_and_roles(model: ActionTableModel, sample: Sample) -> None:
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Ref", "Action", "Owners", "Raised at", "Due", "Status", "Last update", "Plan links",
    ]  # fmt: skip
    late = refs(model).index("IB-late")
    row = model.index(late, 0).data(ROW_ROLE)
    assert isinstance(row, ActionRow) and row.is_overdue
    status = model.index(late, COLUMN_INDEX["Status"])
    assert status.data() == "Open – overdue"
    assert isinstance(status.data(Qt.ItemDataRole.DecorationRole), QIcon)  # the red "!" mark
    background = status.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == QColor(OVERDUE_BACKGROUND)
    assert QColor(model.index(late, 1).data(Qt.ItemDataRole.ForegroundRole)) == QColor(style.OVERDUE_TEXT)
    font = model.index(late, 1).data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    stats = refs(model).index("IB-stats")
    assert model.index(stats, 1).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(stats, COLUMN_INDEX["Status"]).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index(stats, COLUMN_INDEX["Plan links"]).data() == "1.1, 2.1"
    assert model.index(stats, COLUMN_INDEX["Last update"]).data() == "10 Oct 2017 – Report drafted"
    assert model.index(stats, COLUMN_INDEX["Due"]).data(SORT_ROLE) == (False, dt.date(2017, 10, 31))
    closed = refs(model).index("IB-closed")
    assert QColor(model.index(closed, 1).data(Qt.ItemDataRole.ForegroundRole)) == QColor(style.MUTED_TEXT)


def test_clicked_sort_is_a_query(model: ActionTableModel) -> None:
    model.sort(COLUMN_INDEX["Due"], Qt.SortOrder.AscendingOrder)
    assert model.query.sort is SortColumn.DUE and not model.query.descending
    assert refs(model)[:3] == ["MASH-1", "IB-late", "IB-closed"]
    assert model.sort_state() == (COLUMN_INDEX["Due"], Qt.SortOrder.AscendingOrder)
    model.sort(COLUMN_INDEX["Ref"], Qt.SortOrder.DescendingOrder)
    assert refs(model)[0] == "MASH-1" and refs(model)[-1] == "IB-closed"
    model.sort(-1)
    assert model.query.sort is SortColumn.LOG
    assert refs(model)[0] == "IB-late"


def test_grouped_rows_and_headers(model: ActionTableModel, sample: Sample) -> None:
    model.set_query(ActionLogQuery(board_id=sample.board_id, statuses=OPEN_STATUSES, group_by=GroupBy.OWNER))
    texts = refs(model)
    assert texts[0] == "Amanda Hatton  (3 actions)"
    assert texts[1:4] == ["IB-cse", "IB-profiles", "IB-stats"]
    assert model.header_rows() == [0, 4, 6, 8, 10, 12]
    header = model.index(0, 0)
    assert isinstance(header.data(GROUP_ROLE), LogGroup) and header.data(ROW_ROLE) is None
    assert not model.flags(header) & Qt.ItemFlag.ItemIsSelectable
    assert model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsSelectable
    storey = model.index(model.header_rows()[4], 0)
    assert storey.data() == "Louise Storey  (1 action, 1 overdue)"
    assert QColor(storey.data(Qt.ItemDataRole.ForegroundRole)) == QColor(style.OVERDUE_TEXT)
    # Ids of a selection skip the headers and name an action once even when it is under two owners.
    everything = range(model.rowCount())
    assert len(model.action_ids(everything)) == 6


def test_reads_one_page_at_a_time(qapp: QApplication, store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        for number in range(PAGE_SIZE * 3):
            session.add(Action(board_id=sample.board_id, ref=f"IB-P{number:03d}", text=f"Generated {number}"))
    model = ActionTableModel(ReadSource(reader(store), lambda: TODAY))
    model.set_query(ActionLogQuery(text="generated", sort=SortColumn.REF))
    assert model.rowCount() == PAGE_SIZE * 3 and model.fetches == 0  # counted, nothing read yet
    assert model.index(5, 0).data() == "IB-P005"
    assert model.index(PAGE_SIZE - 1, 0).data() == f"IB-P{PAGE_SIZE - 1:03d}"
    assert model.fetches == 1
    assert model.index(PAGE_SIZE * 3 - 1, 0).data() == f"IB-P{PAGE_SIZE * 3 - 1:03d}"
    assert model.fetches == 2
    # A selection over pages never read is resolved with one ids-only query.
    ids = model.action_ids(range(PAGE_SIZE, PAGE_SIZE * 2))
    assert len(ids) == PAGE_SIZE and model.fetches == 2
    assert model.rows_of(ids[:3], near=[PAGE_SIZE]) == [PAGE_SIZE, PAGE_SIZE + 1, PAGE_SIZE + 2]
