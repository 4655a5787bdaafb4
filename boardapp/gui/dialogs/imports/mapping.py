"""The column-mapping panel of the import preview: each column's header, an example value and a
combo of the fields it can be imported as.

Why a panel of its own: choosing a field is the clerk's `HEADER=field` (as `--map` on the command
line); the panel only says which column was given which field (`field_chosen`) and the dialog
previews again. When the same columns come back, only the combos' choices are updated, so the
focus stays where the clerk left it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from boardapp.gui import style
from boardapp.gui.dialogs.imports.preview_models import elided
from boardapp.importing.mapping import FieldSpec, TableMapping
from boardapp.importing.tables import RawDocument, RawTable, column_letter

NOT_IMPORTED = "(not imported)"
MAPPING_TITLE = "Columns: what each column of the file is imported as"


@dataclass(frozen=True)
class MappingRow:
    key: str  # what an override names: the header, or the column letter when it has none
    table: str  # "Sheet 'Actions'": the first table with this column
    column: str  # "B" in a sheet, "2" in a Word table
    header: str
    example: str
    field: str | None  # the field it is imported as now; None when not imported


def mapping_rows(mappings: Sequence[TableMapping], document: RawDocument | None) -> list[MappingRow]:
    """One row per distinct header (or headerless column) over the tables read.

    When no table was recognised (wrong headers), the first non-blank row of each table stands in
    for its header, so the clerk can say which column holds what.
    """
    rows: dict[str, MappingRow] = {}
    if mappings:
        for mapping in mappings:
            data = mapping.table.data_rows
            for column in mapping.columns:
                if not (column.header or column.field or column.has_data):
                    continue
                key = column.header or column.letter
                if key not in rows:
                    rows[key] = MappingRow(
                        key,
                        mapping.table.name,
                        _column_name(mapping.table, column.column),
                        column.header,
                        _example(data, column.column),
                        column.field,
                    )
        return list(rows.values())
    for table in document.tables if document is not None else ():
        header_index = next((i for i, row in enumerate(table.rows[:15]) if not row.is_blank), None)
        if header_index is None:
            continue
        header = table.rows[header_index]
        data = table.rows[header_index + 1 :]
        for cell in header.cells:
            if cell.is_merged_continuation:
                continue
            key = cell.text or column_letter(cell.column)
            if key not in rows and (cell.text or _example(data, cell.column)):
                rows[key] = MappingRow(
                    key,
                    table.name,
                    _column_name(table, cell.column),
                    cell.text,
                    _example(data, cell.column),
                    None,
                )
    return list(rows.values())


def _column_name(table: RawTable, column: int) -> str:
    """ "B" in a sheet, "2" in a Word table."""
    return column_letter(column) if table.kind == "sheet" else str(column + 1)


def _example(rows: Sequence[Any], column: int) -> str:
    for row in rows:
        if column < len(row.cells) and row.cells[column].text:
            return " ".join(row.cells[column].text.split())
    return ""


class MappingPanel(QGroupBox):
    """One line per column (column, header, example, imported as); `field_chosen(key, field)`, "" for none."""

    field_chosen = Signal(str, str)

    def __init__(self, fields: Sequence[FieldSpec], parent: QWidget | None = None) -> None:
        super().__init__(MAPPING_TITLE, parent)
        self.fields = tuple(fields)
        self._combos: dict[str, QComboBox] = {}
        self._keys: tuple[str, ...] = ()
        self.mapping_widget = QWidget(self)
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_grid.setContentsMargins(6, 6, 6, 6)
        self.mapping_grid.setHorizontalSpacing(14)
        self.mapping_scroll = QScrollArea(self)
        self.mapping_scroll.setWidgetResizable(True)
        self.mapping_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.mapping_scroll.setWidget(self.mapping_widget)
        self.mapping_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mapping_scroll)

    def combo(self, key: str) -> QComboBox:
        return self._combos[key]

    def keys(self) -> tuple[str, ...]:
        return self._keys

    def show_rows(self, rows: list[MappingRow], *, file_chosen: bool) -> None:
        """The columns read; with none, a line saying why (no file yet, or nothing readable)."""
        keys = tuple(row.key for row in rows)
        if keys == self._keys and keys:
            for row in rows:  # same columns: only what they are imported as may have changed
                _select_field(self._combos[row.key], row.field)
            return
        self._clear()
        self._keys = keys
        grid = self.mapping_grid
        if not rows:
            empty = QLabel(
                "No columns could be read from this file."
                if file_chosen
                else "Choose a file: its columns are listed here, each with what it will be imported as.",
                self.mapping_widget,
            )
            empty.setWordWrap(True)
            empty.setStyleSheet(f"color:{style.MUTED_TEXT};")
            grid.addWidget(empty, 0, 0, 1, 4, Qt.AlignmentFlag.AlignTop)
            return
        for column, title in enumerate(("Column", "Header", "Example", "Imported as")):
            label = QLabel(f"<b>{title}</b>", self.mapping_widget)
            grid.addWidget(label, 0, column)
        for number, row in enumerate(rows, start=1):
            self._add_row(number, row)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        grid.setRowStretch(len(rows) + 1, 1)

    def _add_row(self, number: int, row: MappingRow) -> None:
        grid = self.mapping_grid
        where = QLabel(row.column, self.mapping_widget)
        where.setToolTip(f"{row.table}, column {row.column}")
        grid.addWidget(where, number, 0)
        header = QLabel(elided(row.header, 28) or "(no header)", self.mapping_widget)
        header.setToolTip(row.header)
        if not row.header:
            header.setStyleSheet(f"color:{style.MUTED_TEXT};")
        grid.addWidget(header, number, 1)
        example = QLabel(elided(row.example), self.mapping_widget)
        example.setStyleSheet(f"color:{style.MUTED_TEXT};")
        example.setToolTip(row.example)
        for label in (header, example):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(60)
        grid.addWidget(example, number, 2)
        combo = QComboBox(self.mapping_widget)
        combo.setObjectName(f"mapping:{row.key}")
        combo.setAccessibleName(f"{row.header or row.column} is imported as")
        combo.addItem(NOT_IMPORTED, "")
        for spec in self.fields:
            combo.addItem(spec.label, spec.name)
        _select_field(combo, row.field)
        combo.currentIndexChanged.connect(
            lambda _index, key=row.key, box=combo: self.field_chosen.emit(key, box.currentData() or "")
        )
        grid.addWidget(combo, number, 3)
        self._combos[row.key] = combo

    def _clear(self) -> None:
        self._combos.clear()
        self._keys = ()
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()


def _select_field(combo: QComboBox, field: str | None) -> None:
    index = combo.findData(field or "")
    combo.blockSignals(True)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
