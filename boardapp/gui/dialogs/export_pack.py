"""Reports pack…: choose the variant and where to save, build the pack, record it, open it (issue 15).

    path = export_pack(parent, operations, meeting_id)   # None when cancelled or refused

The variants a meeting cannot have are disabled with the reason (no exempt items: no Part II
supplement; nothing published yet: no supplementary pack). The pack is built at once (a 300-page
pack takes about a second; the dialog shows "Building…" meanwhile) and, when "Record as
published" is ticked, recorded with its checksum through `Operations.run`, so the meeting's
publication record and the next supplement see it. The public pack is chosen at the start, with the box
ticked; choosing a confidential pack (full, Part II supplement) unticks it and says why, so recording a
confidential pack as published is always the clerk's explicit choice.
"""

from __future__ import annotations

import getpass
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.exporting.errors import ExportError
from boardapp.exporting.pack.contents import PACK_KINDS, PUBLICATION_KIND, PackVariant
from boardapp.exporting.pack.export import PackResult
from boardapp.exporting.pack.export import export_pack as build_pack
from boardapp.gui import desktop
from boardapp.gui.operations import Operations
from boardapp.services.meetings import MeetingDetail, meeting_detail
from boardapp.services.publication import publications, record_publication

LABELS = {  # the public pack first, and chosen at the start: what is published is public (issue 15)
    PackVariant.PUBLIC: "Public pack – Part II papers replaced by a notice of the exemption",
    PackVariant.FULL: "Full pack – every paper, Part II papers marked confidential",
    PackVariant.PART_II: "Part II supplement – only the exempt papers, marked CONFIDENTIAL",
    PackVariant.SUPPLEMENT: "Supplementary pack – papers added since the last published pack",
}
CONFIDENTIAL = frozenset({PackVariant.FULL, PackVariant.PART_II})
RECORD_LABEL = "Record as published (file, date and checksum)"
CONFIDENTIAL_NOTE = (
    "This pack holds confidential Part II papers: it is not recorded as published unless you tick the box "
    "(for a pack sent to members only)."
)
NAMES = {
    PackVariant.FULL: "reports pack",
    PackVariant.PUBLIC: "reports pack (public)",
    PackVariant.PART_II: "Part II supplement",
    PackVariant.SUPPLEMENT: "supplementary pack",
}


def _default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


class ExportPackDialog(QDialog):
    def __init__(self, operations: Operations, meeting_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPackDialog")
        self.setWindowTitle("Reports pack")
        self.operations = operations
        self.meeting_id = meeting_id
        self.pack_result: PackResult | None = None
        self.detail: MeetingDetail = operations.read(meeting_detail, meeting_id)
        published = [row for row in operations.read(publications, meeting_id) if row.kind in PACK_KINDS]
        has_exempt = any(item.is_exempt and item.papers for item in self.detail.items)  # a supplement needs papers

        heading = QLabel(f"{self.detail.title or self.detail.board_name} · {self.detail.when}", self)
        heading.setObjectName("packHeading")
        self.radios: dict[PackVariant, QRadioButton] = {}
        self.group = QButtonGroup(self)
        variants = QVBoxLayout()
        variants.setSpacing(2)
        for variant, label in LABELS.items():
            radio = QRadioButton(label, self)
            radio.setObjectName(f"pack{variant.value.title().replace(' ', '')}")
            self.group.addButton(radio)
            variants.addWidget(radio)
            self.radios[variant] = radio
        self.radios[PackVariant.PUBLIC].setChecked(True)
        if not has_exempt:
            self.radios[PackVariant.PART_II].setEnabled(False)
            self.radios[PackVariant.PART_II].setToolTip("This meeting has no exempt (Part II) papers.")
        if not published:
            self.radios[PackVariant.SUPPLEMENT].setEnabled(False)
            self.radios[PackVariant.SUPPLEMENT].setToolTip("No pack of this meeting has been published yet.")

        self.path_edit = QLineEdit(str(_default_folder() / self.suggested_name(PackVariant.PUBLIC)), self)
        self.path_edit.setObjectName("packPath")
        self.path_edit.setMinimumWidth(460)
        browse = QPushButton("Choose…", self)
        browse.setObjectName("packBrowse")
        browse.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(browse)
        self.record_check = QCheckBox(RECORD_LABEL, self)
        self.record_check.setObjectName("packRecord")
        self.record_check.setChecked(True)  # the public pack: recording it is what publishing it means
        self.record_note = QLabel("", self)  # says why a confidential pack is not recorded unless asked
        self.record_note.setObjectName("packRecordNote")
        self.record_note.setWordWrap(True)
        self.record_note.setVisible(False)
        self.open_check = QCheckBox("Open the file when done", self)
        self.open_check.setObjectName("packOpen")
        self.status = QLabel("", self)
        self.status.setObjectName("packStatus")
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.build_button = self.buttons.addButton("Build pack", QDialogButtonBox.ButtonRole.AcceptRole)
        self.build_button.setObjectName("packBuild")
        self.build_button.setDefault(True)
        self.buttons.accepted.connect(self.build)
        self.buttons.rejected.connect(self.reject)
        self.group.buttonToggled.connect(self._variant_changed)

        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.addRow("Pack:", variants)
        form.addRow("Save as:", where)
        form.addRow("", self.record_check)
        form.addRow("", self.record_note)
        form.addRow("", self.open_check)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def radio_for(self, variant: PackVariant | str) -> QRadioButton:
        return self.radios[PackVariant(variant)]

    @property
    def variant(self) -> PackVariant:
        return next(v for v, radio in self.radios.items() if radio.isChecked())

    def suggested_name(self, variant: PackVariant = PackVariant.PUBLIC) -> str:
        stem = f"{self.detail.date.isoformat()} {self.detail.board_name} {NAMES[variant]}"
        stem = " ".join(re.sub(r'[\x00-\x1f<>:"/\\|?*]+', " ", stem).split())[:150].rstrip(" .")
        return f"{stem}.pdf"

    def _variant_changed(self, *_args: object) -> None:
        confidential = self.variant in CONFIDENTIAL  # recording a confidential pack must be an explicit choice
        self.record_check.setChecked(not confidential)
        self.record_note.setText(CONFIDENTIAL_NOTE if confidential else "")
        self.record_note.setVisible(confidential)
        typed = Path(self.path_edit.text().strip())
        if typed.name in {self.suggested_name(v) for v in PackVariant}:
            self.path_edit.setText(str(typed.with_name(self.suggested_name(self.variant))))

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def browse(self) -> None:
        current = self.chosen_path() or (_default_folder() / self.suggested_name(self.variant))
        chosen, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), str(current), "PDF document (*.pdf)")
        if chosen:
            self.path_edit.setText(chosen)

    def build(self) -> PackResult | None:
        path = self.chosen_path()
        if path is None:
            self.show_error("Choose where to save the pack.")
            return None
        self.status.setText("Building the pack…")
        self.build_button.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents()
        try:
            result = self.operations.read(build_pack, self.meeting_id, path, self.variant)
        except ExportError as exc:
            self._done()
            self.show_error(str(exc))
            return None
        except OSError as exc:
            self._done()
            self.show_error(f"The pack could not be written: {exc.strerror or exc}.")
            return None
        self._done()
        self.pack_result = result
        if self.record_check.isChecked():
            self.operations.run(
                record_publication,
                self.meeting_id,
                PUBLICATION_KIND[result.variant],
                result.path,
                by=_user(),
                paper_ids=list(result.paper_ids),
                parent=self,
            )
        if result.not_included or result.warnings:
            self.show_notes(result)
        if self.open_check.isChecked():
            desktop.open_file(result.path, self.parentWidget())
        self.accept()
        return result

    def _done(self) -> None:
        QApplication.restoreOverrideCursor()
        self.build_button.setEnabled(True)
        self.status.setText("")

    # Messages go through these, so that tests can read them.
    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Pack not built", text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("packError")
        box.exec()

    def show_notes(self, result: PackResult) -> None:
        lines = [f"Not included: {line}" for line in result.not_included] + list(result.warnings)
        box = QMessageBox(QMessageBox.Icon.Information, "Pack built, with notes", "\n".join(lines[:12]),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.setObjectName("packNotes")
        box.exec()


def export_pack(parent: QWidget | None, operations: Operations, meeting_id: int) -> Path | None:
    """Modal: the pack's path once built (and recorded if asked), or None if cancelled."""
    dialog = ExportPackDialog(operations, meeting_id, parent)
    dialog.exec()
    return dialog.pack_result.path if dialog.pack_result is not None else None
