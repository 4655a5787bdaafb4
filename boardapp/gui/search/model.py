"""The search results as a flat list model: a header row per kind, its hits, and "show all" when cut.

The rows are plain data (`ResultRow` over the service's `SearchGroup`/`SearchHit`); the model
never queries. `HIT_ROLE` gives the `SearchHit` (the object role), `HTML_ROLE` the highlighted
snippet as rich text (matches in bold, every other character escaped), `CONFIDENTIAL_ROLE`
whether the row must wear the Part II badge. Header rows are enabled but not selectable, so the
view's keyboard moves from hit to hit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from boardapp.core import dates
from boardapp.services.search import CONFIDENTIAL_LABEL, Fragment, SearchGroup, SearchHit, SearchResults

AnyIndex = QModelIndex | QPersistentModelIndex

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit (None on headers and "show all" rows)
ROW_KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # RowKind
HTML_ROLE = Qt.ItemDataRole.UserRole + 3  # the snippet as rich text
CONFIDENTIAL_ROLE = Qt.ItemDataRole.UserRole + 4  # bool
META_ROLE = Qt.ItemDataRole.UserRole + 5  # "Item 4 · Board name" under the snippet
DATE_ROLE = Qt.ItemDataRole.UserRole + 6  # "1 Aug 2017" beside the title
GROUP_ROLE = Qt.ItemDataRole.UserRole + 7  # the SearchGroup of any row


class RowKind(Enum):
    HEADER = "header"
    HIT = "hit"
    MORE = "more"  # "Show all 57 actions"


@dataclass(frozen=True)
class ResultRow:
    kind: RowKind
    group: SearchGroup
    hit: SearchHit | None = None


def snippet_html(fragments: tuple[Fragment, ...]) -> str:
    """Rich text of a snippet: matches in bold, everything escaped (user text holds `<`, `&`...)."""
    return "".join(f"<b>{escape(f.text)}</b>" if f.is_match else escape(f.text) for f in fragments)


def snippet_plain(fragments: tuple[Fragment, ...]) -> str:
    return "".join(f.text for f in fragments)


def short_date(day: dt.date | None) -> str:
    return dates.short_date(day) if day else ""


def meta_text(hit: SearchHit) -> str:
    """Where a hit lives, under its snippet: "Item 4 · Improvement Board"."""
    return " · ".join(part for part in (hit.context, hit.board_name) if part)


def more_text(group: SearchGroup) -> str:
    return f"Show all {group.total_text} {group.label.lower()}"


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.results = SearchResults(query="")
        self._rows: list[ResultRow] = []

    def set_results(self, results: SearchResults) -> None:
        self.beginResetModel()
        self.results = results
        self._rows = []
        for group in results.groups:
            self._rows.append(ResultRow(RowKind.HEADER, group))
            self._rows.extend(ResultRow(RowKind.HIT, group, hit) for hit in group.hits)
            if group.total > len(group.hits):
                self._rows.append(ResultRow(RowKind.MORE, group))
        self.endResetModel()

    # -- lookups -------------------------------------------------------------------------------------------
    def row(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def hit_at(self, row: int) -> SearchHit | None:
        found = self.row(row)
        return found.hit if found is not None else None

    def hit_rows(self) -> list[int]:
        return [number for number, row in enumerate(self._rows) if row.kind is RowKind.HIT]

    def hits(self) -> list[SearchHit]:
        return [row.hit for row in self._rows if row.hit is not None]

    def is_selectable(self, row: int) -> bool:
        found = self.row(row)
        return found is not None and found.kind is not RowKind.HEADER

    # -- QAbstractListModel --------------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or index.column() != 0:
            return None
        row = self._rows[index.row()]
        if role == ROW_KIND_ROLE:
            return row.kind
        if role == GROUP_ROLE:
            return row.group
        if row.kind is RowKind.HEADER:
            return self._header_data(row.group, role)
        if row.kind is RowKind.MORE:
            return more_text(row.group) if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) else None
        assert row.hit is not None
        return self._hit_data(row.hit, role)

    @staticmethod
    def _header_data(group: SearchGroup, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return group.label
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = len(group.hits)
            best = f", the best {shown} shown" if shown < group.total else ""
            return f"{group.total_text} {group.label.lower()}{best}"
        return None

    @staticmethod
    def _hit_data(hit: SearchHit, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            badge = f"[{CONFIDENTIAL_LABEL}] " if hit.confidential else ""
            return f"{badge}{hit.title} — {snippet_plain(hit.snippet)}"
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:  # nothing when the snippet only repeats the title (a short plan item)
            return "" if snippet_plain(hit.snippet).strip() == hit.title.strip() else snippet_html(hit.snippet)
        if role == CONFIDENTIAL_ROLE:
            return hit.confidential
        if role == META_ROLE:
            return meta_text(hit)
        if role == DATE_ROLE:
            return short_date(hit.date)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [hit.title, meta_text(hit), short_date(hit.date)]
            if hit.confidential:
                lines.insert(0, f"{CONFIDENTIAL_LABEL}: exempt business, never for publication")
            return "\n".join(line for line in lines if line)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return SearchResultsModel._hit_data(hit, Qt.ItemDataRole.DisplayRole)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_selectable(index.row()):
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled


__all__ = [
    "CONFIDENTIAL_ROLE",
    "DATE_ROLE",
    "GROUP_ROLE",
    "HIT_ROLE",
    "HTML_ROLE",
    "META_ROLE",
    "ROW_KIND_ROLE",
    "ResultRow",
    "RowKind",
    "SearchResultsModel",
    "snippet_html",
]
