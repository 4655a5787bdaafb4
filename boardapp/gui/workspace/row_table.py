"""Moved to boardapp.gui.models.rows (one row-model base); this re-export goes once no import is left."""

from boardapp.gui.models.rows import RowTableModel

__all__ = ["RowTableModel"]
