"""The two importers behind File ▸ Import (an improvement plan, an action log).

Why a protocol: the preview dialog (`import_dialog.py`) does not know which service it drives; each
importer says its title, its fields, whether it needs a plan name or a board, and how to preview,
apply and summarise through the services.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

from boardapp.gui.operations import Operations
from boardapp.importing.actions import ACTION_FIELDS
from boardapp.importing.edits import RowEdit
from boardapp.importing.limits import Progress
from boardapp.importing.mapping import PLAN_FIELDS, FieldSpec
from boardapp.services.action_import import ActionImportPreview, apply_action_import, preview_action_import
from boardapp.services.errors import ServiceError
from boardapp.services.plan_import import PlanImportPreview, apply_plan_import, preview_plan_import


@dataclass(frozen=True)
class ImportRequest:
    path: Path
    board_id: int | None
    plan_name: str = ""
    review_source: str = ""
    overrides: tuple[tuple[str, str], ...] = ()  # (header or letter, field), in the order chosen
    edits: tuple[RowEdit, ...] = ()  # the clerk's fixes to the rows, in the order made
    scale: str = ""  # an existing scale's name; "" the best fit
    create_scale: bool = False  # accept the offered new scale


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, for the window to show: "plan" with its id, or "actions" with theirs."""

    kind: str
    ids: tuple[int, ...]
    board_id: int | None
    message: str


Preview = PlanImportPreview | ActionImportPreview


class Importer(Protocol):
    kind: str
    title: str
    fields: tuple[FieldSpec, ...]
    needs_plan_name: bool
    board_required: bool

    def preview(
        self, operations: Operations, request: ImportRequest, today: dt.date, progress: Progress | None = None
    ) -> Preview: ...

    def apply(
        self,
        operations: Operations,
        preview: Preview,
        request: ImportRequest,
        parent: QWidget,
        progress: Progress | None = None,
    ) -> ImportResult | None: ...

    def summary(self, preview: Preview) -> list[str]: ...


class PlanImporter:
    kind = "plan"
    title = "Import an improvement plan"
    fields = PLAN_FIELDS
    needs_plan_name = True
    board_required = False

    def preview(
        self, operations: Operations, request: ImportRequest, today: dt.date, progress: Progress | None = None
    ) -> Preview:
        return operations.read(
            preview_plan_import,
            request.path,
            plan_name=request.plan_name,
            mapping_overrides=dict(request.overrides),
            review_source=request.review_source or None,
            progress=progress,
            edits=request.edits,
            scale=request.scale or None,
            create_scale=request.create_scale,
        )

    def apply(
        self,
        operations: Operations,
        preview: Preview,
        request: ImportRequest,
        parent: QWidget,
        progress: Progress | None = None,
    ) -> ImportResult | None:
        assert isinstance(preview, PlanImportPreview)  # a plan is small: written without progress
        if not operations.backup_before("importing a plan", parent=parent):
            return None
        plan_id = operations.run(apply_plan_import, preview, board_id=request.board_id, parent=parent)
        if plan_id is None:
            return None
        return ImportResult("plan", (plan_id,), request.board_id, f"Imported the plan “{preview.plan_name}”.")

    def summary(self, preview: Preview) -> list[str]:
        assert isinstance(preview, PlanImportPreview)
        lines = preview.summary_lines(0)
        columns = lines.index("Columns:") if "Columns:" in lines else len(lines)
        after = [line for line in lines[columns:] if not line.startswith(("  ", "Columns:", "Problems:"))]
        return lines[:columns] + after


class ActionLogImporter:
    kind = "actions"
    title = "Import an action log"
    fields = ACTION_FIELDS
    needs_plan_name = False
    board_required = True

    def preview(
        self, operations: Operations, request: ImportRequest, today: dt.date, progress: Progress | None = None
    ) -> Preview:
        if request.board_id is None:
            raise ServiceError("Choose the board whose actions these are.")
        return operations.read(
            preview_action_import,
            request.path,
            board=request.board_id,
            mapping_overrides=dict(request.overrides),
            today=today,
            progress=progress,
            edits=request.edits,
        )

    def apply(
        self,
        operations: Operations,
        preview: Preview,
        request: ImportRequest,
        parent: QWidget,
        progress: Progress | None = None,
    ) -> ImportResult | None:
        assert isinstance(preview, ActionImportPreview)
        if not operations.backup_before("importing an action log", parent=parent):
            return None
        ids = operations.run(apply_action_import, preview, parent=parent, progress=progress)
        if ids is None:
            return None
        return ImportResult(
            "actions", tuple(ids), preview.board_id, f"Imported {len(ids)} action(s) onto “{preview.board_name}”."
        )

    def summary(self, preview: Preview) -> list[str]:
        assert isinstance(preview, ActionImportPreview)
        lines = [f"{preview.counts_line()} from {preview.path.name}"]
        read = []
        if preview.blank_rows:
            read.append(f"{preview.blank_rows} blank row(s) skipped")
        if preview.repeated_headers:
            read.append(f"{preview.repeated_headers} repeated header row(s) skipped")
        if preview.headings:
            read.append(f"{preview.headings} heading row(s) skipped")
        if read:
            lines.append("; ".join(read).capitalize() + ".")
        if preview.skipped_tables:
            lines.append("Left out (not action sheets): " + "; ".join(preview.skipped_tables))
        if preview.actions:
            lines.extend(preview.detail_lines())
        lines.extend(preview.notes)
        return lines


PLAN_IMPORT = PlanImporter()
ACTION_LOG_IMPORT = ActionLogImporter()
