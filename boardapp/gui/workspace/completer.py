"""Autocomplete of people and roles inside a line edit, over `suggest_parties`.

Owners are typed as minutes write them ("Chris Coyle/Amanda Hatton", after " – " in an action line),
so only the name being typed is completed: the part after the last "/" (and, for action lines, after
the dash that starts the owners). Choosing a suggestion replaces just that part, and keeps the
clerk's own words when more than one was typed: "CC Dri" + "County Councillor Geoff Driver CBE"
leaves "CC Driver" in the line, and `chosen` remembers which person those words stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from boardapp.core.rules.matching import Candidate, suggest_parties

Segment = Callable[[str, int], tuple[int, int] | None]
MIN_PREFIX = 2
_OWNER_DASH = re.compile(r"\s[-–—]\s")


def whole_text(text: str, cursor: int) -> tuple[int, int] | None:
    """The whole line is one name (the "Add in attendance" name field)."""
    return (0, len(text))


def after_last_slash(text: str, cursor: int) -> tuple[int, int] | None:
    """The name being typed in an owners or presenters field: "Chris Coyle/Ama|"."""
    start = text.rfind("/", 0, cursor) + 1
    while start < cursor and text[start] == " ":
        start += 1
    end = text.find("/", cursor)
    return (start, len(text) if end < 0 else end)


def action_line_owner(text: str, cursor: int) -> tuple[int, int] | None:
    """In "text – Owner/Own|": the owner being typed; None while the action text itself is typed."""
    dashes = list(_OWNER_DASH.finditer(text, 0, cursor))
    if not dashes:
        return None
    owners_start = dashes[-1].end()
    start, end = after_last_slash(text[owners_start:], cursor - owners_start) or (0, 0)
    return (owners_start + start, owners_start + end)


def kept_as_written(typed: str, name: str) -> str:
    """What the line keeps when `name` is chosen for `typed`: the clerk's words with the last one completed.

    One word typed ("Aman") is only the start of a name, so the full name goes in.
    """
    words = typed.split()
    if len(words) < 2:
        return name
    last = words[-1].casefold()
    completed = next((w for w in name.split() if w.casefold().startswith(last)), None)
    return " ".join([*words[:-1], completed]) if completed is not None else name


class PartyCompleter(QObject):
    """Shows the people and roles whose name starts (or has a word starting) with what is being typed."""

    def __init__(
        self,
        line_edit: QLineEdit,
        candidates: Callable[[], Sequence[Candidate]],
        segment: Segment = after_last_slash,
        *,
        limit: int = 8,
    ) -> None:
        super().__init__(line_edit)
        self.line_edit = line_edit
        self.candidates = candidates
        self.segment = segment
        self.limit = limit
        self.chosen: dict[str, str] = {}  # words kept in the line (casefolded) -> the name chosen for them
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(line_edit)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(limit)
        self.completer.activated.connect(self.insert)
        line_edit.textEdited.connect(self._update)

    def suggestions(self) -> list[str]:
        return self.model.stringList()

    def _update(self, text: str) -> None:
        span = self.segment(text, self.line_edit.cursorPosition())
        prefix = text[span[0] : span[1]].strip() if span else ""
        names = []
        if len(prefix) >= MIN_PREFIX:
            names = [c.name for c in suggest_parties(prefix, self.candidates(), self.limit)]
        if not names or prefix.casefold() in (name.casefold() for name in names):  # nothing to add: Enter goes on
            self.model.setStringList([])
            popup = self.completer.popup()
            if popup is not None:
                popup.hide()
            return
        self.model.setStringList(names)
        self.completer.complete()

    def insert(self, name: str) -> None:
        text = self.line_edit.text()
        span = self.segment(text, self.line_edit.cursorPosition())
        if span is None:
            return
        start, end = span
        written = kept_as_written(text[start:end].strip(), name)
        if written != name:
            self.chosen[written.casefold()] = name
        self.line_edit.setText(text[:start] + written + text[end:])
        self.line_edit.setCursorPosition(start + len(written))

    def chosen_for(self, written: str) -> Candidate | None:
        """The person or role picked from the suggestions for `written`, if the clerk picked one."""
        name = self.chosen.get(written.strip().casefold())
        return next((c for c in self.candidates() if c.name == name), None) if name else None
