"""File ▸ Export ▸ Minutes… / Agenda…: the export dialog, and the menu that opens it (issue 4).

The dialog asks what a clerk decides before publishing: Word or PDF, the full version or the
public one (and, for the public one, whether exempt items keep their titles), where to save it
(the suggested name, in the folder used last time) and whether to open the file afterwards.
Export runs `boardapp.exporting.meetings.export.export_document` at once (it takes well under a second),
then shows the exporter's warnings, or its message when it refused (nothing is written then).

Remembered in the settings file: the folder (`export/last_folder`), "open when done"
(`export/open_when_done`) and the format (`export/format`). The version is not remembered: it
is chosen afresh each time, so that a full version is never published by habit.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction
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
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.exporting.backends.output import ExportResult
from boardapp.exporting.errors import ExportError
from boardapp.gui import desktop, style
from boardapp.gui.operations import Operations
from boardapp.services.meetings import MeetingDetail, meeting_detail

if TYPE_CHECKING:
    from boardapp.exporting.meetings.export import DocumentKind, ExportFormat
    from boardapp.gui.main_window import MainWindow

SETTINGS_FOLDER = "export/last_folder"
SETTINGS_OPEN = "export/open_when_done"
SETTINGS_FORMAT = "export/format"
FILE_FILTERS = {  # by ExportFormat (a StrEnum: its members look up as their values)
    "docx": "Word document (*.docx)",
    "pdf": "PDF document (*.pdf)",
    "html": "Web page (*.html)",
}
MAX_WARNINGS_SHOWN = 12


def export_document(session: Any, *args: Any, **kwargs: Any) -> ExportResult:
    """exporting.meetings.export.export_document, imported at the first export: the document builders are
    not needed to show the main window (issue 13: start-up within 0.7 s)."""
    from boardapp.exporting.meetings import export

    return export.export_document(session, *args, **kwargs)


def suggested_filename(session: Any, *args: Any, **kwargs: Any) -> str:
    """exporting.meetings.export.suggested_filename, imported when first used (see export_document)."""
    from boardapp.exporting.meetings import export

    return export.suggested_filename(session, *args, **kwargs)


def _formats() -> type[ExportFormat]:
    from boardapp.exporting.meetings.export import ExportFormat

    return ExportFormat


def _default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        operations: Operations,
        settings_path: Path,
        meeting_id: int,
        kind: str | DocumentKind,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.operations = operations
        self.settings_path = settings_path
        self.meeting_id = meeting_id
        from boardapp.exporting.meetings.export import DocumentKind

        self.kind = DocumentKind(kind)
        self.export_result: ExportResult | None = None
        self.detail: MeetingDetail = operations.read(meeting_detail, meeting_id)
        self.exempt_count = sum(1 for item in self.detail.items if item.is_exempt)
        settings = self.settings()
        self.setWindowTitle(f"Export the {self.kind.value}")

        heading = QLabel(self)
        heading.setObjectName("exportHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setText(
            f"<span style='font-size:13pt; font-weight:600; color:{style.ACCENT};'>"
            f"{escape(self.kind.value.capitalize())}</span><br>"
            f"<span style='color:{style.MUTED_TEXT};'>{escape(self.detail.title or self.detail.board_name)}"
            f" · {escape(self.detail.when)}</span>"
        )

        self.word_radio = QRadioButton("Word (.docx) – to keep editing", self)
        self.word_radio.setObjectName("exportWord")
        self.pdf_radio = QRadioButton("PDF – ready to publish", self)
        self.pdf_radio.setObjectName("exportPdf")
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.word_radio)
        self.format_group.addButton(self.pdf_radio)
        self.html_radio = QRadioButton("HTML – an accessible web page to publish online", self)
        self.html_radio.setObjectName("exportHtml")
        self.format_group.addButton(self.html_radio)
        remembered = str(settings.value(SETTINGS_FORMAT, "docx", type=str))
        radios = {"pdf": self.pdf_radio, "html": self.html_radio}
        radios.get(remembered, self.word_radio).setChecked(True)
        formats = QVBoxLayout()
        formats.setSpacing(2)
        formats.addWidget(self.word_radio)
        formats.addWidget(self.pdf_radio)
        formats.addWidget(self.html_radio)

        self.full_radio = QRadioButton("Full – Part II items included, marked confidential", self)
        self.full_radio.setObjectName("exportFull")
        self.public_radio = QRadioButton("Public – Part II items left out", self)
        self.public_radio.setObjectName("exportPublic")
        self.version_group = QButtonGroup(self)
        self.version_group.addButton(self.full_radio)
        self.version_group.addButton(self.public_radio)
        self.full_radio.setChecked(True)
        self.show_titles_check = QCheckBox("Show the titles of exempt items", self)
        self.show_titles_check.setObjectName("exportShowTitles")
        self.show_titles_check.setToolTip(
            "Only the title and the exemption paragraph; never the item's text, actions or papers"
        )
        self.show_titles_check.setChecked(True)
        self.exempt_note = QLabel(self)
        self.exempt_note.setObjectName("exportExemptNote")
        self.exempt_note.setWordWrap(True)
        self.exempt_note.setStyleSheet(f"color: {style.MUTED_TEXT};")
        self.exempt_note.setText(self._exempt_text())
        versions = QVBoxLayout()
        versions.setSpacing(2)
        versions.addWidget(self.full_radio)
        versions.addWidget(self.public_radio)
        titles = QHBoxLayout()
        titles.setContentsMargins(22, 0, 0, 0)
        titles.addWidget(self.show_titles_check)
        versions.addLayout(titles)
        versions.addWidget(self.exempt_note)

        folder = Path(str(settings.value(SETTINGS_FOLDER, "", type=str)) or _default_folder())
        if not folder.is_dir():
            folder = _default_folder()
        self._suggested = self.suggested_name()
        self.path_edit = QLineEdit(str(folder / self._suggested), self)
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setMinimumWidth(460)
        self.browse_button = QPushButton("Choose…", self)
        self.browse_button.setObjectName("exportBrowse")
        self.browse_button.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse_button)

        self.open_check = QCheckBox("Open the file when done", self)
        self.open_check.setObjectName("exportOpen")
        self.open_check.setChecked(bool(settings.value(SETTINGS_OPEN, False, type=bool)))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setVerticalSpacing(12)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow("Format:", formats)
        form.addRow("Version:", versions)
        form.addRow("Save as:", where)
        form.addRow("", self.open_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.format_group.buttonToggled.connect(self._choice_changed)
        self.version_group.buttonToggled.connect(self._choice_changed)
        self._choice_changed()

    def settings(self) -> QSettings:
        return QSettings(str(self.settings_path), QSettings.Format.IniFormat)

    # -- choices ---------------------------------------------------------------------------------------------
    @property
    def fmt(self) -> ExportFormat:
        formats = _formats()
        if self.html_radio.isChecked():
            return formats.HTML
        return formats.PDF if self.pdf_radio.isChecked() else formats.DOCX

    @property
    def public(self) -> bool:
        return self.public_radio.isChecked()

    def suggested_name(self) -> str:
        return self.operations.read(suggested_filename, self.meeting_id, self.kind, self.fmt, public=self.public)

    def _exempt_text(self) -> str:
        if not self.exempt_count:
            return "This meeting has no exempt (Part II) items: both versions hold the same business."
        items = "item" if self.exempt_count == 1 else "items"
        return f"This meeting has {self.exempt_count} exempt (Part II) {items}."

    def _choice_changed(self, *_args: object) -> None:
        """Keep the file name in step with the choices, unless the clerk typed one of their own."""
        self.show_titles_check.setEnabled(self.public)
        suggested = self.suggested_name()
        typed = Path(self.path_edit.text().strip())
        if not typed.name or typed.name == self._suggested:
            self.path_edit.setText(str(typed.with_name(suggested)) if typed.name else suggested)
        elif typed.suffix.lower() in {f".{f.value}" for f in _formats()}:
            self.path_edit.setText(str(typed.with_suffix(f".{self.fmt.value}")))
        self._suggested = suggested

    def chosen_path(self) -> Path | None:
        """The path typed, with the format's extension (added, or put right)."""
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        suffix = f".{self.fmt.value}"
        if path.suffix.lower() == suffix:
            return path
        if path.suffix.lower() in {f".{f.value}" for f in _formats()}:
            return path.with_suffix(suffix)
        return path.with_name(path.name + suffix)

    def browse(self) -> Path | None:
        """The save dialog, starting at the path shown."""
        current = self.chosen_path() or (_default_folder() / self._suggested)
        chosen, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), str(current), FILE_FILTERS[self.fmt])
        if not chosen:
            return None
        self.path_edit.setText(chosen)
        self._suggested = Path(chosen).name  # the clerk's own choice: kept when the format changes (bar the extension)
        return Path(chosen)

    # -- exporting -------------------------------------------------------------------------------------------
    def export(self) -> ExportResult | None:
        """Write the file; on success remember the choices, show warnings, open it if asked, and close."""
        path = self.chosen_path()
        if path is None:
            self.show_error("Choose where to save the file.")
            return None
        if path.exists() and not path.is_dir() and not self.confirm_replace(path):
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self.operations.read(
                export_document,
                self.kind,
                self.meeting_id,
                path,
                self.fmt,
                public=self.public,
                show_exempt_titles=self.show_titles_check.isChecked(),
            )
        except ExportError as exc:
            QApplication.restoreOverrideCursor()
            self.show_error(str(exc))
            return None
        except OSError as exc:
            QApplication.restoreOverrideCursor()
            self.show_error(f"The file could not be written: {exc.strerror or exc}.")
            return None
        QApplication.restoreOverrideCursor()
        self.export_result = result
        settings = self.settings()
        settings.setValue(SETTINGS_FOLDER, str(result.path.parent))
        settings.setValue(SETTINGS_OPEN, self.open_check.isChecked())
        settings.setValue(SETTINGS_FORMAT, self.fmt.value)
        settings.sync()
        if result.warnings:
            self.show_warnings(result)
        if self.open_check.isChecked():
            desktop.open_file(result.path, self.parentWidget())
        self.exported.emit(result)
        self.accept()
        return result

    # Messages go through these, so that tests can read them.
    def show_error(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Export failed", text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("exportError")
        box.exec()

    def show_warnings(self, result: ExportResult) -> None:
        shown = result.warnings[:MAX_WARNINGS_SHOWN]
        more = len(result.warnings) - len(shown)
        box = QMessageBox(self)
        box.setObjectName("exportWarnings")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Exported, with warnings")
        verb = "were" if self.kind == "minutes" else "was"
        box.setText(f"The {self.kind.value} {verb} saved to {result.path.name}, but note:")
        lines = "\n".join(f"• {warning}" for warning in shown)
        box.setInformativeText(lines + (f"\n… and {more} more (see the details)." if more else ""))
        if more:
            box.setDetailedText("\n".join(result.warnings))
        box.exec()

    def confirm_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, "Replace the file?", f"{path.name} already exists in {path.parent}. Replace it?"
        )
        return answer == QMessageBox.StandardButton.Yes


class MeetingExports(QObject):
    """The File ▸ Export menu and the meeting page's export buttons, for the meeting shown."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExportDialog | None = None
        self.minutes_action = QAction("&Minutes…", window)
        self.minutes_action.setObjectName("exportMinutesAction")
        self.minutes_action.triggered.connect(lambda: self.open_dialog("minutes"))
        self.agenda_action = QAction("&Agenda…", window)
        self.agenda_action.setObjectName("exportAgendaAction")
        self.agenda_action.triggered.connect(lambda: self.open_dialog("agenda"))
        self.pack_action = QAction("&Reports pack…", window)  # issue 15: the agenda and its papers as one PDF
        self.pack_action.setObjectName("exportPackAction")
        self.pack_action.triggered.connect(self.open_pack)
        self.menu = QMenu("&Export", window)
        self.menu.setObjectName("exportMenu")
        self.menu.addActions([self.minutes_action, self.agenda_action, self.pack_action])
        window.pages.currentChanged.connect(self.update_actions)  # the meeting page's buttons: pages.py connects
        self.update_actions()

    def meeting_id(self) -> int | None:
        """The meeting shown (its minutes page or its workspace), if any."""
        window = self.window
        page = window.pages.currentWidget()
        shown = window.page_registry.built("meeting")
        if page is not None and page is shown and window.meeting_page.detail is not None:
            return window.meeting_page.detail.id
        workspace = window.minuting_workspace()
        if workspace is not None and page is workspace:
            return workspace.meeting_id
        return None

    def update_actions(self, *_args: object) -> None:
        shown = self.meeting_id() is not None
        self.minutes_action.setEnabled(shown)
        self.agenda_action.setEnabled(shown)
        self.pack_action.setEnabled(shown)

    def open_pack(self) -> Path | None:
        """File ▸ Export ▸ Reports pack… and the meeting page's button: the agenda and its papers as one PDF."""
        from boardapp.gui.dialogs.export_pack import export_pack

        meeting_id = self.meeting_id()
        if meeting_id is None:
            return None
        path = export_pack(self.window, self.window.operations, meeting_id)
        if path is not None:
            self.window.statusBar().showMessage(f"Saved {path}", 10000)
            self.window.refresh_meeting_page()  # the publication record and deadline line changed
        return path

    def open_dialog(self, kind: str | DocumentKind) -> ExportDialog | None:
        if kind == "pack":
            self.open_pack()
            return None
        meeting_id = self.meeting_id()
        if meeting_id is None:
            return None
        workspace = self.window.minuting_workspace()
        if workspace is not None and self.window.pages.currentWidget() is workspace:
            workspace.flush()  # the words typed a moment ago are in the export
        try:
            dialog = ExportDialog(self.window.operations, self.window.home.settings_path, meeting_id, kind, self.window)
        except LookupError as exc:  # deleted meanwhile (e.g. by another copy of the app)
            self.window.statusBar().showMessage(f"Nothing to export: {exc}", 8000)
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._exported)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _exported(self, result: ExportResult) -> None:
        self.window.statusBar().showMessage(f"Saved {result.path}", 10000)

    def _forget(self, *_args: object) -> None:
        self.dialog = None


__all__ = ["SETTINGS_FOLDER", "SETTINGS_FORMAT", "SETTINGS_OPEN", "ExportDialog", "MeetingExports"]
