"""Find which known person or role a written name means, and suggest names as one types.

Minutes write "CC Driver" for the person a plan calls "Geoff Driver"; the clerk should
not have to link them by hand. But a guess that links the wrong person is worse than no
link, so anything ambiguous is left for the user:

* An exact match of name or alias wins; case, spacing, full stops after titles and
  apostrophes ("Children's" / "Children’s" / "Childrens") do not matter.
* Otherwise a title and surname ("CC Driver", "County Councillor Driver", "Cllr Charles",
  "Dr Smith"), or a full name with titles or post-nominals ("County Councillor Geoff
  Driver CBE"), matches the one person with that surname (or full name).
* A first name or surname alone ("David", "Driver") is never matched.
* Roles match by exact name or alias only, so "Head of Service" and "Heads of Service"
  stay different roles.
* Two candidates that both match exactly: no match (the user chooses).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from boardapp.core.rules.leads import MULTI_WORD_TITLES, POST_NOMINALS, TITLES

__all__ = ["Candidate", "match_party", "suggest_parties"]


@dataclass(frozen=True)
class Candidate:
    """A person or role that an owner, lead or presenter can be linked to."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()
    is_role: bool = False


_APOSTROPHES = re.compile(r"['’‘`ʼ]")


def _key(text: str) -> str:
    """Comparable form: case, spacing, apostrophes and full stops after words ignored."""
    text = _APOSTROPHES.sub("", text.casefold())
    return " ".join(word.rstrip(".") for word in text.split())


def _strip_titles(words: list[str]) -> tuple[bool, list[str]]:
    """(had a title, the words left) for keyed words such as ["county", "councillor", "geoff"]."""
    titled = False
    changed = True
    while words and changed:
        changed = False
        for title in MULTI_WORD_TITLES:
            if tuple(words[: len(title)]) == title:
                words, titled, changed = words[len(title) :], True, True
        if words and words[0] in TITLES:
            words, titled, changed = words[1:], True, True
    while words and words[-1] in POST_NOMINALS:
        words = words[:-1]
    return titled, words


def _bare_name(candidate: Candidate) -> list[str]:
    """A person's name without titles or post-nominals, as keyed words."""
    return _strip_titles(_key(candidate.name).split())[1]


def _unique(matches: list[Candidate]) -> Candidate | None:
    distinct = {c.id: c for c in matches}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def match_party(written: str, candidates: Sequence[Candidate]) -> Candidate | None:
    """The one candidate ``written`` surely means, or None when none or several could be."""
    key = _key(written)
    if not key:
        return None
    exact = [c for c in candidates if key in {_key(c.name), *(_key(a) for a in c.aliases)}]
    if exact:
        return _unique(exact)

    titled, rest = _strip_titles(key.split())
    if not rest or rest == key.split():
        return None  # nothing to strip, so nothing more to try: "David" stays unmatched
    people = [c for c in candidates if not c.is_role]
    if len(rest) == 1:
        if not titled:
            return None  # "Driver CBE" is a surname alone
        return _unique([c for c in people if (bare := _bare_name(c)) and bare[-1] == rest[0]])
    return _unique([c for c in people if _bare_name(c) == rest])


def _word_starts(text: str) -> list[int]:
    """Indices where a word begins: after a space, hyphen, slash or bracket."""
    return [i for i, ch in enumerate(text) if ch.isalnum() and (i == 0 or not text[i - 1].isalnum())]


def suggest_parties(prefix: str, candidates: Sequence[Candidate], limit: int = 10) -> list[Candidate]:
    """Autocomplete: names or aliases with a word starting with ``prefix``.

    Names (or aliases) that start with the prefix come first, then those where a later word
    does ("Dri" finds "Geoff Driver"); each group alphabetical. An empty prefix lists all.
    """
    if limit <= 0:
        return []
    wanted = _key(prefix)
    ranked: list[tuple[int, str, int, Candidate]] = []
    for candidate in candidates:
        texts = [_key(candidate.name), *(_key(a) for a in candidate.aliases)]
        rank = None
        if any(t.startswith(wanted) for t in texts):
            rank = 0
        elif any(t.startswith(wanted, i) for t in texts for i in _word_starts(t)):
            rank = 1
        if rank is not None:
            ranked.append((rank, _key(candidate.name), candidate.id, candidate))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[:limit]]
