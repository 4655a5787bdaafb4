"""The action log as a table model that reads the log a page at a time (the Anki browser's idea).

The model holds a query (`ActionLogQuery`: filters, sort, grouping) and its summary (counts, and
the groups in order); it knows how many rows there are without loading them. A row is loaded with
the page of `PAGE_SIZE` rows around it the first time the view asks for it, so showing a
30,000-action log costs one count and one page, and scrolling costs a page now and then.

Sorting is SQL: `sort()` (called by the view when a header is clicked) re-queries with the new
order. Grouped by owner or due meeting, a header row (spanning the table: the page sets the
spans) starts each group, and each group's rows are read by a query of their own, so a page
never spans two groups. There is no proxy model: filtering is SQL too.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from boardapp.core.enums import ActionStatus
from boardapp.gui import style
from boardapp.services.action_log import (
    ActionLogQuery,
    ActionLogSummary,
    GroupBy,
    LogGroup,
    SortColumn,
    action_log_ids,
    action_log_page,
    action_log_summary,
)
from boardapp.services.actions import ActionRow

SORT_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ActionRow (None on a group header)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # the LogGroup of a header row (None on an action)
PAGE_SIZE = 60
"""Rows read at a time: three screens of a laptop, so a first paint reads one page and scrolling reads few."""

AnyIndex = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.TextAlignmentRole, SORT_ROLE, ROW_ROLE, GROUP_ROLE,
    }
)  # fmt: skip

STATUS_BACKGROUNDS: dict[ActionStatus, str] = {  # the same colours as the Excel export
    ActionStatus.OPEN: "#DDEBF7",
    ActionStatus.IN_PROGRESS: "#FFEB9C",
    ActionStatus.COMPLETED: "#C6EFCE",
    ActionStatus.CLOSED: "#E7E6E6",
    ActionStatus.CANCELLED: "#F2F2F2",
}
OVERDUE_BACKGROUND = "#FFC7CE"
GROUP_BACKGROUND = "#E4ECF5"


@dataclass(frozen=True)
class Column:
    title: str
    sort: SortColumn
    text: Callable[[ActionRow], str]
    tooltip: Callable[[ActionRow], str] | None = None


def _status_text(row: ActionRow) -> str:
    return row.status_label + (" – overdue" if row.is_overdue else "")


def _links_tooltip(row: ActionRow) -> str:
    if not row.plan_link_count:
        return "Not linked to a plan action"
    return f"Serves plan action{'s' if row.plan_link_count != 1 else ''} {row.plan_links}"


COLUMNS: tuple[Column, ...] = (
    Column("Ref", SortColumn.REF, lambda r: r.ref, lambda r: f"{r.ref} · {r.board_name}"),
    Column("Action", SortColumn.TEXT, lambda r: r.text, lambda r: r.text),
    Column("Owners", SortColumn.OWNERS, lambda r: r.owners, lambda r: r.owners),
    Column("Raised at", SortColumn.RAISED, lambda r: r.raised_at, lambda r: f"{r.board_name}: {r.raised_at}"),
    Column("Due", SortColumn.DUE, lambda r: r.due_short, lambda r: r.due_label),
    Column("Status", SortColumn.STATUS, _status_text, _status_text),
    Column("Last update", SortColumn.LAST_UPDATE, lambda r: r.last_update, lambda r: r.last_update),
    Column("Plan links", SortColumn.PLAN_LINKS, lambda r: r.plan_links, _links_tooltip),
)
COLUMN_INDEX = {column.title: number for number, column in enumerate(COLUMNS)}
_STATUS, _LINKS = COLUMN_INDEX["Status"], COLUMN_INDEX["Plan links"]
COLUMN_OF_SORT = {column.sort: number for number, column in enumerate(COLUMNS)}


class ActionLogSource(Protocol):
    """Where the model reads the log from (a store, through short read sessions)."""

    def summary(self, query: ActionLogQuery) -> ActionLogSummary: ...
    def page(self, query: ActionLogQuery, offset: int, limit: int, group: str | None) -> list[ActionRow]: ...
    def ids(self, query: ActionLogQuery, offset: int, limit: int | None, group: str | None) -> list[int]: ...


class ReadSource:
    """An `ActionLogSource` over a read function such as `Operations.read` (a session per call)."""

    def __init__(self, read: Callable[..., Any], today: Callable[[], dt.date]) -> None:
        self.read = read
        self.today = today

    def summary(self, query: ActionLogQuery) -> ActionLogSummary:
        return self.read(action_log_summary, query, today=self.today())

    def page(self, query: ActionLogQuery, offset: int, limit: int, group: str | None) -> list[ActionRow]:
        return self.read(action_log_page, query, offset=offset, limit=limit, group=group, today=self.today())

    def ids(self, query: ActionLogQuery, offset: int, limit: int | None, group: str | None) -> list[int]:
        return self.read(action_log_ids, query, offset=offset, limit=limit, group=group, today=self.today())


def _overdue_icon() -> QIcon:
    """A small red disc with a white "!": the overdue mark next to the status."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(style.OVERDUE_TEXT))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 12, 12)
    painter.setPen(QColor("#FFFFFF"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(10)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


class ActionTableModel(QAbstractTableModel):
    summaryChanged = Signal(object)  # ActionLogSummary, after every (re)query

    def __init__(self, source: ActionLogSource | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.query = ActionLogQuery()
        self.summary: ActionLogSummary | None = None
        self._headers: list[int] = []  # rows of the group headers, ascending (grouped only)
        self._pages: dict[tuple[str | None, int], list[ActionRow]] = {}
        self._row_count = 0
        self._cells: dict[int, tuple[ActionRow, tuple[str, ...], QColor | None, QFont | None, QBrush]] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue_colour = QColor(style.OVERDUE_TEXT)
        self._muted_colour = QColor(style.MUTED_TEXT)
        self._brushes = {(status, False): QBrush(QColor(colour)) for status, colour in STATUS_BACKGROUNDS.items()}
        self._brushes[ActionStatus.OPEN, True] = QBrush(QColor(OVERDUE_BACKGROUND))
        self._icon: QIcon | None = None
        self.fetches = 0  # pages read so far (for tests and the benchmark)

    # -- the query -------------------------------------------------------------------------------------
    def set_query(self, query: ActionLogQuery) -> None:
        """Run `query` and show its first rows (the view fetches the pages it paints)."""
        if self.source is None:
            raise RuntimeError("the action log model has no source to read from")
        summary = self.source.summary(query)
        self.beginResetModel()
        self.query = query
        self.summary = summary
        self._pages.clear()
        self._cells.clear()
        self._headers = []
        if summary.grouped:
            row = 0
            for group in summary.groups:
                self._headers.append(row)
                row += group.count + 1
        self._row_count = summary.row_count
        self.endResetModel()
        self.summaryChanged.emit(summary)

    def refresh(self) -> None:
        """Read the same query again (after a change)."""
        self.set_query(self.query)

    def clear(self) -> None:
        self.beginResetModel()
        self.summary = None
        self._pages.clear()
        self._cells.clear()
        self._headers = []
        self._row_count = 0
        self.endResetModel()

    # -- rows ----------------------------------------------------------------------------------------------
    def _place(self, row: int) -> tuple[LogGroup | None, int]:
        """(group or None, offset within the group or the log); offset -1 for a group header."""
        if not self._headers or self.summary is None:
            return None, row
        at = bisect.bisect_right(self._headers, row) - 1
        group = self.summary.groups[at]
        start = self._headers[at]
        return group, (-1 if row == start else row - start - 1)

    def is_header(self, row: int) -> bool:
        return bool(self._headers) and self._place(row)[1] < 0

    def header_rows(self) -> list[int]:
        return list(self._headers)

    def group_at(self, row: int) -> LogGroup | None:
        group, offset = self._place(row)
        return group if offset < 0 else None

    def row_at(self, row: int) -> ActionRow | None:
        """The action on `row` (None for a group header, or a row that has gone since the count)."""
        if not (0 <= row < self._row_count) or self.source is None:
            return None
        group, offset = self._place(row)
        if offset < 0:
            return None
        key = group.key if group is not None else None
        number = offset // PAGE_SIZE
        page = self._pages.get((key, number))
        if page is None:
            page = self.source.page(self.query, number * PAGE_SIZE, PAGE_SIZE, key)
            self._pages[(key, number)] = page
            self.fetches += 1
        within = offset - number * PAGE_SIZE
        return page[within] if within < len(page) else None

    def action_ids(self, rows: Iterable[int]) -> list[int]:
        """The action ids on `rows` (headers left out, each id once, in row order).

        Rows on pages not read yet are resolved with one ids-only query per group, so selecting
        thousands of rows (Ctrl+A) does not load thousands of rows.
        """
        wanted: dict[str | None, list[int]] = {}
        order: list[tuple[str | None, int]] = []
        for row in sorted(set(rows)):
            if not (0 <= row < self._row_count):
                continue
            group, offset = self._place(row)
            if offset < 0:
                continue
            key = group.key if group is not None else None
            wanted.setdefault(key, []).append(offset)
            order.append((key, offset))
        found: dict[tuple[str | None, int], int] = {}
        for key, offsets in wanted.items():
            missing = []
            for offset in offsets:
                page = self._pages.get((key, offset // PAGE_SIZE))
                within = offset % PAGE_SIZE
                if page is not None and within < len(page):
                    found[(key, offset)] = page[within].id
                else:
                    missing.append(offset)
            if missing and self.source is not None:
                first, last = min(missing), max(missing)
                ids = self.source.ids(self.query, first, last - first + 1, key)
                for offset in missing:
                    if offset - first < len(ids):
                        found[(key, offset)] = ids[offset - first]
        result = [found[place] for place in order if place in found]
        return list(dict.fromkeys(result))

    def rows_of(self, action_ids: Sequence[int], near: Iterable[int] = ()) -> list[int]:
        """Rows showing these actions, looked for on the pages around the rows given (and those read)."""
        wanted = set(action_ids)
        for row in near:
            if 0 <= row < self._row_count:
                self.row_at(row)
        rows = []
        for (key, number), page in self._pages.items():
            start = self._group_start(key)
            for within, action in enumerate(page):
                if action.id in wanted:
                    rows.append(start + number * PAGE_SIZE + within)
        return sorted(rows)

    def _group_start(self, key: str | None) -> int:
        """The row of the first action of a group (of the log when ungrouped)."""
        if key is None or self.summary is None:
            return 0
        for at, group in enumerate(self.summary.groups):
            if group.key == key:
                return self._headers[at] + 1
        return 0

    # -- QAbstractTableModel -------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._row_count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Sort by {COLUMNS[section].title.lower()} (click again to reverse)"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # the view asks for a dozen roles per cell: answer the others at once
        row_number, column = index.row(), index.column()
        cells = self._cells.get(row_number)
        if cells is None:
            if not (0 <= row_number < self._row_count):
                return None
            group, offset = self._place(row_number)
            if offset < 0:
                return self._header_data(group, column, role)
            row = self.row_at(row_number)
            if row is None:
                return None
            cells = self._cells[row_number] = self._prepare(row)
        row, texts, foreground, font, status_background = cells
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return foreground
        if role == Qt.ItemDataRole.FontRole:
            return font
        if column == _STATUS:
            if role == Qt.ItemDataRole.BackgroundRole:
                return status_background
            if role == Qt.ItemDataRole.DecorationRole and row.is_overdue:
                if self._icon is None:
                    self._icon = _overdue_icon()
                return self._icon
        if role == Qt.ItemDataRole.TextAlignmentRole and column == _LINKS:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            tooltip = COLUMNS[column].tooltip
            return tooltip(row) if tooltip else None
        if role == SORT_ROLE:
            return self._sort_value(row, COLUMNS[column].sort)
        if role == ROW_ROLE:
            return row
        return None

    def _prepare(self, row: ActionRow) -> tuple[ActionRow, tuple[str, ...], QColor | None, QFont | None, QBrush]:
        """What a row shows, worked out once: painting asks for it cell by cell, role by role."""
        foreground = None
        if row.is_overdue:
            foreground = self._overdue_colour
        elif not row.status.is_open or row.status is ActionStatus.COMPLETED:
            foreground = self._muted_colour
        background = self._brushes[ActionStatus.OPEN if row.is_overdue else row.status, row.is_overdue]
        texts = tuple(column.text(row) for column in COLUMNS)
        return row, texts, foreground, self._bold if row.is_overdue else None, background

    def _header_data(self, group: LogGroup | None, column: int, role: int) -> Any:
        if group is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            count = f"{group.count} action{'s' if group.count != 1 else ''}"
            late = f", {group.overdue} overdue" if group.overdue else ""
            return f"{group.label}  ({count}{late})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(GROUP_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(style.OVERDUE_TEXT if group.overdue else style.ACCENT)
        if role == GROUP_ROLE:
            return group
        if role == SORT_ROLE and column == 0:
            return group.label
        return None

    @staticmethod
    def _sort_value(row: ActionRow, sort: SortColumn) -> Any:
        """The value a column is sorted on (the SQL sort's key, as Python sees it)."""
        return {
            SortColumn.REF: row.ref,
            SortColumn.TEXT: row.text.casefold(),
            SortColumn.OWNERS: row.owner_names[0].casefold() if row.owner_names else "",
            SortColumn.RAISED: (row.raised_on or dt.date.min, row.raised_item_number or 0),
            SortColumn.DUE: (row.due_sort is None, row.due_sort or dt.date.max),
            SortColumn.STATUS: (list(ActionStatus).index(row.status), not row.is_overdue),
            SortColumn.LAST_UPDATE: row.last_update_on or dt.date.min,
            SortColumn.PLAN_LINKS: row.plan_link_count,
        }.get(sort)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_header(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL: re-query with the column's order. Column -1 is the log's own order."""
        sort = COLUMNS[column].sort if 0 <= column < len(COLUMNS) else SortColumn.LOG
        descending = order == Qt.SortOrder.DescendingOrder and sort is not SortColumn.LOG
        if self.summary is None:  # nothing shown yet (the view sorts when sorting is switched on)
            self.query = replace(self.query, sort=sort, descending=descending)
            return
        if (sort, descending) != (self.query.sort, self.query.descending):
            self.set_query(replace(self.query, sort=sort, descending=descending))

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        column = COLUMN_OF_SORT.get(self.query.sort, -1)
        order = Qt.SortOrder.DescendingOrder if self.query.descending else Qt.SortOrder.AscendingOrder
        return column, order

    def grouped_by(self) -> GroupBy:
        return self.query.group_by
