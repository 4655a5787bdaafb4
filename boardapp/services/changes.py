"""What an operation changed, so the GUI refreshes exactly that (the Anki `OpChanges` idea).

Every write service returns a `Changes`; the GUI broadcasts it once and each view decides
whether it cares, instead of re-reading everything after every keystroke. The GUI also says which
view made the change (`initiator`, Anki's `handler`), so that view can skip re-reading what it has
just written and keep its cursor and selection; services never set it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any


@dataclass(frozen=True)
class Changes:
    boards: frozenset[int] = field(default_factory=frozenset)  # a board's own fields, settings or membership
    meetings: frozenset[int] = field(default_factory=frozenset)  # a meeting's own fields or status
    agenda: frozenset[int] = field(default_factory=frozenset)  # meeting ids whose agenda changed
    attendance: frozenset[int] = field(default_factory=frozenset)  # meeting ids
    minutes: frozenset[int] = field(default_factory=frozenset)  # agenda item ids (notes, decisions)
    actions: frozenset[int] = field(default_factory=frozenset)  # action ids
    people: bool = False  # people, roles or organisations were added or changed
    plans: frozenset[int] = field(default_factory=frozenset)  # plan ids
    # The view (a GUI object) whose write this was; not part of what changed: ignored by ==, bool and |.
    initiator: object | None = field(default=None, compare=False, repr=False)

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, Any] = {}
        for f in _WHAT_CHANGED:
            mine, theirs = getattr(self, f), getattr(other, f)
            merged[f] = (mine or theirs) if isinstance(mine, bool) else mine | theirs
        same = self.initiator if self.initiator is other.initiator else None  # two views' writes: nobody's alone
        return Changes(**merged, initiator=same)

    def __bool__(self) -> bool:
        return any(getattr(self, f) for f in _WHAT_CHANGED)

    def made_by(self, initiator: object | None) -> Changes:
        """The same changes, marked as made by `initiator` (the GUI does this; services never do)."""
        return replace(self, initiator=initiator)


_WHAT_CHANGED = tuple(f.name for f in fields(Changes) if f.name != "initiator")


def of(**ids: int | bool) -> Changes:
    """Shorthand: `of(minutes=item_id)` → Changes(minutes=frozenset({item_id}))."""
    return Changes(**{k: v if isinstance(v, bool) else frozenset({v}) for k, v in ids.items()})  # type: ignore[arg-type]
