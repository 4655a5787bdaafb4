"""Exporting what the action log shows: Excel, or the owners' copy as PDF or Word (in the board's
house template when the log shows one board; BoardApp's own for all boards).

Split from `ActionLogPage`. The export folder and "open when done" are remembered in QSettings
(the page's own settings file in tests).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QMessageBox, QWidget

from boardapp.exporting.action_log.export import build_action_log, export_action_log, suggested_log_filename
from boardapp.exporting.errors import ExportError
from boardapp.exporting.exempt.part2 import collect_part2
from boardapp.services.action_log import GroupBy, action_log_rows, describe_query

if TYPE_CHECKING:
    from boardapp.gui.views.action_log_page import ActionLogPage

__all__ = [
    "EXPORT_FILTERS",
    "FULL_VERSION",
    "PUBLIC_VERSION",
    "SETTINGS_EXPORT_DIR",
    "SETTINGS_OPEN_AFTER",
    "ActionLogExport",
    "version_choice",
]

SETTINGS_EXPORT_DIR = "action_log/export_dir"
SETTINGS_OPEN_AFTER = "action_log/open_after_export"
EXPORT_FILTERS = {"xlsx": "Excel workbook (*.xlsx)", "pdf": "PDF (*.pdf)", "docx": "Word document (*.docx)"}
PUBLIC_VERSION = "Public version — leaves out Part II business"
FULL_VERSION = "Full version — confidential"


def version_choice(parent: QWidget, *, public: bool = False) -> QComboBox:
    """Which version an export writes (issue 12 point 3): item data is True for the public one.

    Shared by the action log and the plan pages so every GUI export offers the same two words.
    """
    combo = QComboBox(parent)
    combo.setObjectName("exportVersion")
    combo.addItem(FULL_VERSION, False)
    combo.addItem(PUBLIC_VERSION, True)
    combo.setCurrentIndex(1 if public else 0)
    combo.setToolTip(
        "The public version leaves out exempt (Part II) business and is checked for exempt text; "
        "the full version is headed CONFIDENTIAL when it holds any."
    )
    combo.setAccessibleName("Export version")
    return combo


class ActionLogExport:
    def __init__(self, page: ActionLogPage, settings_path: Path | None) -> None:
        self.page = page
        self.settings_path = settings_path

    def settings(self) -> QSettings:
        if self.settings_path is None:
            return QSettings()
        return QSettings(str(self.settings_path), QSettings.Format.IniFormat)

    def ask_export_path(self, fmt: str, suggested: str) -> Path | None:
        """The save dialog, starting in the folder used last time."""
        folder = str(self.settings().value(SETTINGS_EXPORT_DIR, str(Path.home()), type=str))
        path, _ = QFileDialog.getSaveFileName(self.page, "Export the action log", str(Path(folder) / suggested),
                                              EXPORT_FILTERS[fmt])  # fmt: skip
        if not path:
            return None
        chosen = Path(path)
        return chosen if chosen.suffix.lower() == f".{fmt}" else chosen.with_name(chosen.name + f".{fmt}")

    def export(self, fmt: str, path: Path | None = None, public: bool | None = None) -> Path | None:
        """Export what the log shows (its filters and order): Excel, or the owners' copy as PDF/Word.

        `public` None: the version chosen on the page (`export_version`).
        """
        page = self.page
        if public is None:
            public = bool(page.export_version.currentData())
        query = replace(page.current_query(), group_by=GroupBy.NONE)
        today = page.today()
        board = page.board_combo.currentText() if page.board_id is not None else "All boards"
        if path is None:
            path = self.ask_export_path(fmt, suggested_log_filename(board, today, fmt))
            if path is None:
                return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = page.operations.read(action_log_rows, query, today=today)
            scope = page.operations.read(describe_query, query, today=today)
            boards = None if page.board_id is None else [page.board_id]
            exempt = page.operations.read(collect_part2, boards) if public else None
            template = None
            if fmt == "docx":  # one board's log: its house template (issue 15); all boards: BoardApp's own
                from boardapp.exporting.backends.word_styles import board_template  # python-docx: when used

                template = page.operations.read(board_template, page.board_id)
            document = build_action_log(rows, board_name=board, scope=scope, today=today, public=public)
            result = export_action_log(document, path, fmt, exempt=exempt, template=template)
        except ExportError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(page, "Export failed", str(exc))
            return None
        QApplication.restoreOverrideCursor()
        self.settings().setValue(SETTINGS_EXPORT_DIR, str(path.parent))
        version = ""
        if public:
            version = " (public version: Part II business left out)"
        elif document.confidential:
            version = " (full version, CONFIDENTIAL: it holds Part II business)"
        page.show_message(f"Wrote {len(document.entries)} actions to {result.path}{version}")
        if result.warnings:
            QMessageBox.information(page, "Exported with warnings", "\n".join(result.warnings[:10]))
        if page.open_after.isChecked():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
        return result.path
