"""The clerk's fixes to a file's rows, made in the preview and never written back to the file.

Both importers read a `RawDocument`; `apply_edits` returns a copy with the clerk's edits made, so
the same reading rules run on the fixed rows and the preview is validated again from scratch.
Rows are named as the clerk sees them: the table's name ("Sheet 'Plan'", "Table 3") and the
row's number in the file, which stays the same whatever other rows are skipped or merged.

* `CellEdit`: the cell's text becomes `text` (a merged-down cell becomes a cell of its own).
* `RowSkip`: the row is left out, as if it were blank.
* `RowMerge`: the row joins the nearest row above that is still there: each of its cells with
  text is added to that row's cell on a new line, and the row itself is left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from boardapp.importing.tables import RawCell, RawDocument, RawParagraph, RawRow, RawTable, column_letter

__all__ = ["CellEdit", "RowEdit", "RowMerge", "RowSkip", "apply_edits", "describe_edit"]


@dataclass(frozen=True)
class CellEdit:
    table: str  # RawTable.name: "Sheet 'Plan'", "Table 3"
    row: int  # the row's number in the file
    column: int  # 0-based
    text: str


@dataclass(frozen=True)
class RowSkip:
    table: str
    row: int


@dataclass(frozen=True)
class RowMerge:
    table: str
    row: int


RowEdit = CellEdit | RowSkip | RowMerge


def describe_edit(edit: RowEdit) -> str:
    """ "Sheet 'Plan' row 7: skipped" — for the preview's list of the clerk's fixes."""
    where = f"{edit.table} row {edit.row}"
    if isinstance(edit, CellEdit):
        return f"{where} column {column_letter(edit.column)}: typed “{' '.join(edit.text.split())}”"
    if isinstance(edit, RowSkip):
        return f"{where}: skipped"
    return f"{where}: merged into the row above"


def apply_edits(document: RawDocument, edits: Sequence[RowEdit]) -> RawDocument:
    """A copy of `document` with `edits` made in order; edits naming no row are ignored."""
    if not edits:
        return document
    blocks: list[RawTable | RawParagraph] = []
    for block in document.blocks:
        if isinstance(block, RawTable):
            mine = [e for e in edits if e.table == block.name]
            blocks.append(_edit_table(block, mine) if mine else block)
        else:
            blocks.append(block)
    return dataclasses.replace(document, blocks=tuple(blocks))


def _edit_table(table: RawTable, edits: Sequence[RowEdit]) -> RawTable:
    rows: list[RawRow] = list(table.rows)
    for edit in edits:
        index = next((i for i, r in enumerate(rows) if r.row_number == edit.row), None)
        if index is None:
            continue
        row = rows[index]
        if isinstance(edit, CellEdit):
            if 0 <= edit.column < len(row.cells):
                rows[index] = _with_cell(row, edit.column, edit.text.strip())
        elif isinstance(edit, RowSkip):
            del rows[index]
        elif index > 0:
            above = rows[index - 1]
            for cell in row.cells:
                if cell.is_blank or cell.is_merged_continuation or cell.column >= len(above.cells):
                    continue
                target = above.cells[cell.column]
                joined = "\n".join(t for t in (target.text, cell.text) if t)
                above = _with_cell(above, cell.column, joined)
            rows[index - 1] = above
            del rows[index]
    header_row = table.header_row
    header_index = table.header_row_index
    if header_row is not None:
        header_index = next((i for i, r in enumerate(rows) if r.row_number == header_row.row_number), None)
    return dataclasses.replace(table, rows=tuple(rows), header_row_index=header_index)


def _with_cell(row: RawRow, column: int, text: str) -> RawRow:
    """The row with one cell's text replaced; the cell stands on its own (no longer part of a merge)."""
    old = row.cells[column]
    new = RawCell(text=text, column=column, original_value=text)
    if old.merge is not None and old.is_merge_anchor and not old.is_merged_continuation:
        new = dataclasses.replace(new, merge=old.merge, spans_row=old.spans_row)
    cells = list(row.cells)
    cells[column] = new
    return dataclasses.replace(row, cells=tuple(cells))
