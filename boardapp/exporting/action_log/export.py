"""The action log as a document: the Excel log, and the Word/PDF version circulated to owners.

    document = build_action_log(rows, board_name="Improvement Board", scope="Open actions", today=today)
    export_action_log(document, "log.xlsx", "xlsx")     # or "pdf" / "docx": one section per owner

`rows` are the rows the action log page shows (`services.action_log.action_log_rows`, each a
`services.actions.ActionRow`, its Part II stamp included): the GUI and `boardapp export actions`
pass the page's query, so the file holds what the page lists, in its order. Nothing here queries
the database. The document holds display-ready, cleaned text and real dates only; the backends
lay it out (`to_xlsx.py`, `to_pdf.py`, `to_docx.py`). Files are written atomically through
`backends.output.write_atomically`, like the agenda and minutes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path

from boardapp.core.enums import ActionStatus
from boardapp.exporting.backends.output import ExportResult
from boardapp.exporting.backends.text import Warnings, clean_text, long_date
from boardapp.exporting.exempt.guarded_write import write_checked
from boardapp.exporting.exempt.part2 import Part2Texts
from boardapp.exporting.meetings.documents import LANGUAGE, WITHHELD_TITLE, DocumentInfo, exempt_mark
from boardapp.services.actions import ActionRow

NO_OWNER = "No owner"
CONFIDENTIAL_MARK = "CONFIDENTIAL: contains exempt (Part II) information"
EXCEL_CELL_LIMIT = 32_767
"""Excel refuses longer text in a cell; longer text is cut there, with a warning."""


STATUS_LABELS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.COMPLETED: "Completed",
    ActionStatus.CLOSED: "Closed",
    ActionStatus.CANCELLED: "Cancelled",
}


@dataclass(frozen=True)
class LogEntry:
    ref: str
    board: str
    text: str
    owners: tuple[str, ...]
    raised_on: dt.date | None
    raised_item: str  # "Item 2: Minutes and actions from the last meeting", or ""
    due: str  # "12 September 2017 meeting", "31 Oct 2017", "a future meeting"
    due_date: dt.date | None
    status: ActionStatus
    overdue: bool
    last_update_on: dt.date | None
    last_update: str  # the newest note
    plan_links: str  # "1.1, 2.1"
    exempt: str = ""  # "Exempt – paragraph 1" for Part II business (only ever in a confidential log)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, str(self.status))

    @property
    def owner_text(self) -> str:
        return " / ".join(self.owners)

    @property
    def raised(self) -> str:
        """ "1 August 2017, item 2", as the owners' copy prints it."""
        if self.raised_on is None:
            return ""
        return long_date(self.raised_on) + (f", {self.raised_item.split(':')[0].lower()}" if self.raised_item else "")


@dataclass(frozen=True)
class OwnerSection:
    owner: str
    entries: tuple[LogEntry, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for entry in self.entries if entry.overdue)


@dataclass(frozen=True)
class ActionLogDocument:
    title: str  # "Action log"
    board_name: str  # the board, or "All boards"
    scope: str  # the selection in words: "Open actions · Owner: Amanda Hatton"
    as_of: dt.date
    entries: tuple[LogEntry, ...]
    info: DocumentInfo
    warnings: tuple[str, ...] = ()
    public: bool = False  # the public version: Part II business left out

    @property
    def confidential(self) -> bool:
        """A full log holding any exempt action: headed CONFIDENTIAL, and its exempt rows marked."""
        return not self.public and any(entry.exempt for entry in self.entries)

    @property
    def several_boards(self) -> bool:
        return len({entry.board for entry in self.entries}) > 1

    @property
    def overdue(self) -> int:
        return sum(1 for entry in self.entries if entry.overdue)

    @property
    def subtitle(self) -> str:
        parts = [self.board_name, self.scope, f"as at {long_date(self.as_of)}"]
        return " · ".join(part for part in parts if part)

    def sections(self) -> tuple[OwnerSection, ...]:
        """One section per owner, by name ("No owner" last); an action with two owners is in both."""
        by_owner: dict[str, list[LogEntry]] = {}
        for entry in self.entries:
            for owner in entry.owners or (NO_OWNER,):
                by_owner.setdefault(owner, []).append(entry)
        names = sorted(by_owner, key=lambda name: (name == NO_OWNER, name.casefold()))
        return tuple(OwnerSection(owner=name, entries=tuple(by_owner[name])) for name in names)


def build_action_log(
    rows: Iterable[ActionRow],
    *,
    board_name: str,
    scope: str,
    today: dt.date,
    title: str = "Action log",
    author: str = "BoardApp",
    public: bool = False,
) -> ActionLogDocument:
    """The document of the given rows (in their order), every text cleaned for every backend.

    Part II: a row is exempt when it says so (`is_exempt`: the action's own stamp, or its item exempt now). The public
    version leaves exempt rows out and never prints a withheld item title; the full version marks
    each exempt row ("[Exempt – paragraph 1]" before its text) and is headed CONFIDENTIAL.
    """
    warnings = Warnings()
    entries = []
    for row in rows:
        exempt = row.is_exempt
        if public and exempt:
            continue
        where = f"action {row.ref}" if row.ref else "an action"

        def clean(text: str | None, *, multiline: bool = False, where: str = where) -> str:
            cleaned = clean_text(text, where, warnings, multiline=multiline)
            if len(cleaned) > EXCEL_CELL_LIMIT:
                warnings.add(f"{where}: text longer than {EXCEL_CELL_LIMIT:,} characters was cut (Excel's limit).")
                cleaned = cleaned[: EXCEL_CELL_LIMIT - 1] + "…"
            return cleaned

        item = ""
        if row.raised_item_number is not None:
            item = f"Item {row.raised_item_number}"
            withheld = row.raised_item_withheld and (public or not exempt)
            if withheld:
                item += f": {WITHHELD_TITLE}"
            elif row.raised_item_title:
                item += f": {row.raised_item_title}"
        mark = exempt_mark(row.exempt_paragraph) if exempt else ""
        text = clean(row.text, multiline=True)
        entries.append(
            LogEntry(
                ref=clean(row.ref),
                board=clean(row.board_name),
                text=f"{mark} {text}" if mark else text,
                owners=tuple(clean(name) for name in row.owner_names),
                raised_on=row.raised_on,
                raised_item=clean(item),
                due=clean(row.due_label),
                due_date=row.due_sort,
                status=row.status,
                overdue=row.is_overdue,
                last_update_on=row.last_update_on,
                last_update=clean(row.last_update_note, multiline=True),
                plan_links=clean(", ".join(ref for ref in row.plan_refs if ref)),
                exempt=mark.strip("[]"),
            )
        )
    clean_board = clean_text(board_name, "the board's name", warnings)
    clean_scope = clean_text(scope, "the selection", warnings)
    if public:
        title = f"{title} (public version)"
    elif any(entry.exempt for entry in entries):
        title = f"{title} – {CONFIDENTIAL_MARK}"
    info = DocumentInfo(
        title=f"{title} – {clean_board}" if clean_board else title,
        author=author,
        subject=" · ".join(part for part in (clean_scope, f"as at {long_date(today)}") if part),
        keywords="action log, actions, owners",
        language=LANGUAGE,
    )
    return ActionLogDocument(
        title=title,
        board_name=clean_board,
        scope=clean_scope,
        as_of=today,
        entries=tuple(entries),
        info=info,
        warnings=warnings.as_tuple(),
        public=public,
    )


class ActionLogFormat(StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"
    DOCX = "docx"


def _renderer(
    fmt: ActionLogFormat, template: Path | None = None
) -> Callable[[ActionLogDocument, Path, Warnings], None]:
    # Imported when used: each backend pulls in its own heavy library.
    if fmt is ActionLogFormat.XLSX:
        from boardapp.exporting.action_log.to_xlsx import render_xlsx

        return render_xlsx
    if fmt is ActionLogFormat.PDF:
        from boardapp.exporting.action_log.to_pdf import render_pdf

        return render_pdf
    from boardapp.exporting.action_log.to_docx import render_docx

    return partial(render_docx, template=template)


def export_action_log(
    document: ActionLogDocument,
    path: str | Path,
    fmt: str | ActionLogFormat,
    *,
    exempt: Part2Texts | None = None,
    template: Path | None = None,
) -> ExportResult:
    """Write the log to `path` (atomically: on any failure the file is left as it was).

    A public log is checked by the exempt-text guard against `exempt` (`part2.collect_part2` of the
    boards it covers), before rendering and again on the file read back; nothing is written on a hit.
    `template`: the Word template whose styles a docx uses (`word_styles.board_template` resolves the
    board's; None: BoardApp's own); other formats ignore it.
    """
    chosen = ActionLogFormat(fmt)
    warnings = Warnings()
    warnings.extend(document.warnings)
    render = _renderer(chosen, template)
    checked = exempt if document.public else None
    return write_checked(path, document, render, chosen.value, warnings, checked, what="action log")


def suggested_log_filename(board_name: str, today: dt.date, fmt: str | ActionLogFormat) -> str:
    """ "2017-09-01 Improvement Board action log.xlsx" (owners' copy for PDF and Word)."""
    kind = "action log" if ActionLogFormat(fmt) is ActionLogFormat.XLSX else "actions by owner"
    stem = f"{today.isoformat()} {board_name} {kind}"
    stem = "".join(" " if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in stem)
    stem = " ".join(stem.split())[:150].rstrip(" .")
    return f"{stem}.{ActionLogFormat(fmt).value}"
