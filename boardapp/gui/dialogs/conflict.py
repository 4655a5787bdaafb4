"""Two clerks edited the same text: show both, let the clerk keep one or merge them (issue 16 point 2).

The dialog shows the other clerk's text (read-only), the clerk's own (editable) and a "merged" editor
prefilled with both, separated by a marker line. Keep mine / Keep theirs / Save merged; Escape means
"decide later" and writes nothing.

Nothing is lost, by two rules:

* minute notes: the clerk's text stays in memory and in F's recovery file (gui/recovery.py) from the
  moment of the conflict until the chosen text is saved; only that save removes the recovery file.
* every conflict, whatever the clerk chose (or if they cancelled), appends both texts to a plain
  "conflict copy" file beside the database (`<database>.conflict-copies.txt`), so the text not chosen
  can still be found afterwards. It is append-only and never read by the app.

`run_checked` is the generic wrapper for the other records (action text, agenda item title, plan item
text): it runs a service with `expected_version` and, on EditConflict, shows this dialog and saves
the choice with the version the conflict reported, repeating if yet another clerk saved meanwhile.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from boardapp.services.changes import Changes
from boardapp.services.conflicts import EditConflict

logger = logging.getLogger("boardapp")

MARKER = "======== above: your text · below: the text saved by someone else ========"
CONFLICT_COPIES_SUFFIX = ".conflict-copies.txt"


class Choice(Enum):
    MINE = "kept mine"
    THEIRS = "kept theirs"
    MERGED = "saved merged"
    LATER = "decided later"


def merged_text(mine: str, theirs: str) -> str:
    """Both texts, the clerk's first, with a marker line the clerk can see and delete."""
    return f"{mine.rstrip()}\n\n{MARKER}\n\n{theirs.lstrip()}"


class ConflictDialog(QDialog):
    """Theirs | mine side by side, the merge below; `chosen_text` once accepted."""

    def __init__(self, conflict: EditConflict, mine: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle("Someone else changed this text")
        self.conflict = conflict
        self.choice = Choice.LATER
        self.chosen_text = ""
        own = conflict.mine if mine is None else mine
        intro = QLabel(
            f"Someone else saved this {conflict.kind} while you were editing it. Both texts are below: "
            "keep yours, keep theirs, or edit the merged text and save that. Nothing is lost until you choose."
        )
        intro.setWordWrap(True)
        self.theirs = QPlainTextEdit(conflict.theirs, self)
        self.theirs.setObjectName("theirsText")
        self.theirs.setReadOnly(True)
        self.mine = QPlainTextEdit(own, self)
        self.mine.setObjectName("mineText")
        self.merged = QPlainTextEdit(merged_text(own, conflict.theirs), self)
        self.merged.setObjectName("mergedText")
        grid = QGridLayout()
        grid.addWidget(QLabel("Theirs (saved by someone else)", self), 0, 0)
        grid.addWidget(QLabel("Yours", self), 0, 1)
        grid.addWidget(self.theirs, 1, 0)
        grid.addWidget(self.mine, 1, 1)
        grid.addWidget(QLabel("Merged (edit it, then Save merged)", self), 2, 0, 1, 2)
        grid.addWidget(self.merged, 3, 0, 1, 2)
        self.keep_mine = self._button("Keep mine", "keepMine", Choice.MINE)
        self.keep_theirs = self._button("Keep theirs", "keepTheirs", Choice.THEIRS)
        self.save_merged = self._button("Save merged", "saveMerged", Choice.MERGED)
        later = QPushButton("Decide later", self)
        later.setObjectName("decideLater")
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.keep_mine, self.keep_theirs, self.save_merged, later):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        self.resize(900, 600)

    def _button(self, text: str, name: str, choice: Choice) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        texts = {Choice.MINE: self.mine, Choice.THEIRS: self.theirs, Choice.MERGED: self.merged}
        self.chosen_text = texts[choice].toPlainText()
        self.accept()


def conflict_copies_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + CONFLICT_COPIES_SUFFIX)


def keep_conflict_copy(db_path: Path, conflict: EditConflict, mine: str, choice: Choice) -> Path | None:
    """Append both texts of a conflict to the conflict copy file beside the database (fsync'd).

    None (after logging) if it cannot be written: the clerk's choice is still saved, and for notes the
    recovery file held their text until then.
    """
    path = conflict_copies_path(db_path)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    entry = (
        f"==== {stamp} · {conflict.kind} {conflict.record_id} ({conflict.field}) · {choice.value} ====\n"
        f"---- yours ----\n{mine.rstrip()}\n"
        f"---- theirs (version {conflict.current_version}) ----\n{conflict.theirs.rstrip()}\n\n"
    )
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(entry)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        logger.warning("conflict copy not written to %s: %s", path.name, exc)
        return None
    return path


def ask_about_conflict(
    conflict: EditConflict,
    mine: str,
    *,
    parent: QWidget | None,
    db_path: Path,
    exec_dialog: Callable[[QDialog], bool],
) -> str | None:
    """Show the dialog; the chosen text, or None (decide later). Both texts go to the conflict copy either way."""
    dialog = ConflictDialog(conflict, mine, parent)
    accepted = exec_dialog(dialog)
    choice = dialog.choice if accepted else Choice.LATER
    keep_conflict_copy(db_path, conflict, dialog.mine.toPlainText(), choice)
    return dialog.chosen_text if accepted and choice is not Choice.LATER else None


def _exec(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def run_checked(
    run: Callable[..., Any],
    service: Callable[..., Any],
    record_id: int,
    *,
    expected_version: int | None,
    field: str,
    text: str | None,
    parent: QWidget | None,
    db_path: Path,
    exec_dialog: Callable[[QDialog], bool] = _exec,
    versions: dict[int, int] | None = None,
    **kwargs: Any,
) -> Any:
    """`run(service, record_id, **{field: text}, expected_version=…, **kwargs)`, resolving edit conflicts.

    `run` is `Operations.run` or the workspace's `run`. On EditConflict nothing was written (the
    service checks first); the dialog asks, and the choice is saved with the version the conflict
    reported. Returns what `run` returned, or None if the clerk chose to decide later.

    `versions` (record id -> version) remembers the versions this view's own saves produced, for views
    that re-read their records later (the plan page refreshes after the event loop turns): a second
    field saved straight after the first is then no conflict with the clerk's own first save. A
    checked save that wrote something (truthy Changes) made exactly `expected + 1`.
    """
    caught: list[EditConflict] = []
    if versions is not None and expected_version is not None:
        expected_version = max(expected_version, versions.get(record_id, expected_version))

    def guarded(session: Any, *args: Any, **kw: Any) -> Any:  # a Session (gui does not import sqlmodel)
        try:
            return service(session, *args, **kw)
        except EditConflict as conflict:
            session.rollback()  # nothing was written; keep it so
            caught.append(conflict)
            return Changes()

    version = expected_version
    while True:
        caught.clear()
        values = dict(kwargs)
        if text is not None:
            values[field] = text
        result = run(guarded, record_id, expected_version=version, **values)
        if not caught:
            if versions is not None and version is not None and result:
                versions[record_id] = version + 1
            return result
        conflict = caught[0]
        chosen = ask_about_conflict(
            conflict,
            text if text is not None else conflict.mine,
            parent=parent,
            db_path=db_path,
            exec_dialog=exec_dialog,
        )
        if chosen is None:
            return None
        text, version = chosen, conflict.current_version
