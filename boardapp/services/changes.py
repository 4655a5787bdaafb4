"""What an operation changed, so the GUI refreshes exactly that (the Anki `OpChanges` idea).

Every write service returns a `Changes`; the GUI broadcasts it once and each view decides
whether it cares, instead of re-reading everything after every keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
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

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, Any] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = (mine or theirs) if isinstance(mine, bool) else mine | theirs
        return Changes(**merged)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def of(**ids: int | bool) -> Changes:
    """Shorthand: `of(minutes=item_id)` → Changes(minutes=frozenset({item_id}))."""
    return Changes(**{k: v if isinstance(v, bool) else frozenset({v}) for k, v in ids.items()})  # type: ignore[arg-type]
