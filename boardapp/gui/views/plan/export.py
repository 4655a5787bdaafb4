"""The plan page's exports: the plan progress report (Excel/PDF) and the evidence pack (Word/PDF),
each in the version the clerk chooses (issue 12 point 3): public, leaving out Part II business and
checked by the exempt-text guard, or full, headed CONFIDENTIAL when it holds any.

The same exporting functions as `boardapp export plan|evidence` (`export_plan_report`,
`export_evidence_pack`), with the same `public` flag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QToolBar, QWidget

from boardapp.exporting.errors import ExportError
from boardapp.exporting.evidence_pack.export import export_evidence_pack
from boardapp.exporting.plan_report.export import export_plan_report
from boardapp.gui.operations import Operations
from boardapp.gui.views.action_log_export import version_choice

__all__ = ["KINDS", "PlanExport"]

# kind -> (what it is, {format: file filter})
KINDS: dict[str, tuple[str, dict[str, str]]] = {
    "plan": ("plan progress report", {"xlsx": "Excel workbook (*.xlsx)", "pdf": "PDF (*.pdf)"}),
    "evidence": ("evidence pack", {"docx": "Word document (*.docx)", "pdf": "PDF (*.pdf)"}),
}


class PlanExport:
    """The version choice and the export actions, added to the end of a plan page's toolbar.

    Used by the plan page (plan report and evidence pack) and the recommendations page (the evidence
    pack of the chosen recommendation, or of all when none is chosen: `recommendation`).
    """

    def __init__(
        self,
        page: QWidget,
        toolbar: QToolBar,
        operations: Operations,
        plan_id: Callable[[], int | None],
        today: Callable[[], dt.date],
        *,
        kinds: tuple[str, ...] = ("plan", "evidence"),
        recommendation: Callable[[], int | None] | None = None,
        inform: Callable[[str, str], object] | None = None,
    ) -> None:
        self.page = page
        self.operations = operations
        self.plan_id = plan_id
        self.today = today
        self.recommendation = recommendation
        self.inform: Callable[[str, str], object] = inform or (
            lambda title, text: QMessageBox.information(page, title, text)
        )
        toolbar.addSeparator()
        self.version = version_choice(page)
        toolbar.addWidget(self.version)
        self.actions: dict[str, QAction] = {}
        for kind, text, tip in (
            ("plan", "Plan report…", "Export the plan progress report (Excel or PDF)"),
            ("evidence", "Evidence pack…", "Export the evidence pack for the inspectors (Word or PDF)"),
        ):
            if kind not in kinds:
                continue
            action = QAction(text, page)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, kind=kind: self.export(kind))
            toolbar.addAction(action)
            self.actions[kind] = action

    def ask_path(self, kind: str) -> tuple[Path, str] | None:
        """The save dialog; the format is the chosen file's suffix, else the chosen filter's."""
        what, filters = KINDS[kind]
        path, chosen_filter = QFileDialog.getSaveFileName(
            self.page, f"Export the {what}", str(Path.home() / what.capitalize()), ";;".join(filters.values())
        )
        if not path:
            return None
        chosen = Path(path)
        suffix = chosen.suffix.lower().lstrip(".")
        if suffix in filters:
            return chosen, suffix
        fmt = next((f for f, label in filters.items() if label == chosen_filter), next(iter(filters)))
        return chosen.with_name(f"{chosen.name}.{fmt}"), fmt

    def export(
        self, kind: str, path: Path | None = None, fmt: str | None = None, public: bool | None = None
    ) -> Path | None:
        """Write the shown plan's report or evidence pack; `public` None: the version chosen on the page."""
        plan_id = self.plan_id()
        if plan_id is None:
            self.inform("Nothing to export", "Choose a plan first.")
            return None
        if public is None:
            public = bool(self.version.currentData())
        what, filters = KINDS[kind]
        if path is None:
            asked = self.ask_path(kind)
            if asked is None:
                return None
            path, fmt = asked
        fmt = fmt or path.suffix.lower().lstrip(".") or next(iter(filters))
        as_of = self.today()
        rec_id = self.recommendation() if self.recommendation is not None else None
        read = self.operations.read
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == "plan":
                result = read(export_plan_report, plan_id, path, fmt, as_of=as_of, public=public)
            else:
                result = read(export_evidence_pack, plan_id, path, fmt, recommendation_id=rec_id, as_of=as_of,
                              public=public)  # fmt: skip
        except (ExportError, OSError) as exc:
            QApplication.restoreOverrideCursor()
            self.inform("Export failed", str(exc))
            return None
        QApplication.restoreOverrideCursor()
        version = "public version: Part II business left out" if public else "full version: confidential"
        lines = [f"Wrote the {what} ({version}) to {result.path}", *result.warnings[:10]]
        self.inform("Exported", "\n".join(lines))
        return result.path
