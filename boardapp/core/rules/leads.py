"""Split a plan's "Lead" cell or an action's owners into people and roles.

Cells are typed by hand: names joined by "/", names separated by spaces only
("Tracy Poole-Nandy Julie Cross DCI Dominic Blackburn Louise Burton"), role titles run
together ("Head of FARY Head of CFW Service"). The rules are heuristics tuned on real plans
and minutes; ``known_names`` (the board's people) beats them when given. Rules, in order:

1. "/" always separates parties. Line breaks are plain spaces.
2. ",", ";", "&" and "and" separate parties only when every part is a person's name of
   two or more words ("Debbie Duffell and Lee Kearns"); otherwise they belong to a role
   ("Heads of Service and panel", "Head of Health, Equity and Partnerships").
3. A new role starts at "Head(s) of", "Chair of", "Director of", "Manager of", unless only
   modifiers come before it ("Executive Director of", "Locality Heads of") or a dash does:
   "Chair of Data, Quality and Performance Group - Head of CSC (North)" is one post
   described twice.
4. A bracketed qualifier that is not an acronym closes a role: "Head of CSC (East) Skills,
   Learning and Development" is two, "Head of Children, Family and Wellbeing (CFW) Service"
   is one.
5. A part made only of capitalised name words and titles is one or more people; a run of
   more than three words is split into two-word names, each title (DCI, CC, Dr, County
   Councillor...) starting a new name and staying with it as written.
6. Anything else is a role. Exact duplicates are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

__all__ = ["PartyName", "looks_like_parties", "split_parties"]


@dataclass(frozen=True)
class PartyName:
    """A person's name or a role, cleaned but otherwise as written."""

    text: str
    is_role: bool


# Titles that come before a person's name. Compared case-insensitively, without a final ".".
TITLES = frozenset(
    {
        "cc",
        "cllr",
        "councillor",
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "sir",
        "dame",
        "lord",
        "lady",
        "baroness",
        "rev",
        "revd",
        "canon",
        "dci",
        "di",
        "ds",
        "dc",
        "dsu",
        "supt",
        "insp",
        "sgt",
        "pc",
    }
)
MULTI_WORD_TITLES = (
    ("detective", "chief", "inspector"),
    ("detective", "inspector"),
    ("detective", "sergeant"),
    ("chief", "inspector"),
    ("chief", "superintendent"),
    ("county", "councillor"),
)
POST_NOMINALS = frozenset({"cbe", "obe", "mbe", "bem", "kbe", "dbe", "qc", "kc", "jp", "mp"})
_PARTICLES = frozenset({"de", "da", "di", "du", "del", "der", "den", "van", "von", "le", "la", "bin", "ter"})

# Words that make a capitalised phrase a role rather than somebody's name.
ROLE_WORDS = frozenset(
    {
        "head",
        "heads",
        "chair",
        "chairs",
        "chairman",
        "chairperson",
        "vice-chair",
        "director",
        "directors",
        "manager",
        "managers",
        "officer",
        "officers",
        "lead",
        "leads",
        "leader",
        "leaders",
        "team",
        "teams",
        "service",
        "services",
        "board",
        "boards",
        "member",
        "members",
        "group",
        "groups",
        "panel",
        "panels",
        "worker",
        "workers",
        "headteacher",
        "headteachers",
        "auditor",
        "auditors",
        "coordinator",
        "co-ordinator",
        "commissioner",
        "commissioners",
        "adviser",
        "advisers",
        "advisor",
        "advisors",
        "secretary",
        "secretariat",
        "clerk",
        "chief",
        "executive",
        "partnership",
        "partners",
        "council",
        "committee",
        "staff",
        "all",
        "everyone",
        "unit",
        "school",
        "schools",
        "academy",
        "police",
        "ofsted",
        "nhs",
        "trust",
        "agency",
        "agencies",
        "governors",
        "practitioner",
        "practitioners",
        "consultant",
        "analyst",
        "administrator",
        "locality",
    }
)
# Words that may come before "Head of" etc. as part of the same role.
_MODIFIERS = frozenset(
    {
        "executive",
        "deputy",
        "assistant",
        "acting",
        "interim",
        "locality",
        "senior",
        "joint",
        "vice",
        "area",
        "strategic",
        "associate",
        "corporate",
        "principal",
        "district",
        "service",
        "county",
        "regional",
        "operational",
    }
)
_CONNECTORS = frozenset({"of", "and", "for", "the", "&", "in", "on", "to"})

_ROLE_START = re.compile(r"\b(?:Heads?|Chair(?:man|person)?|Directors?|Managers?)\s+of\b")
_QUALIFIER_END = re.compile(r"\(([^()]*)\)\s+(?=[A-Z])")
_LIST_SEPARATOR = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_TRIM = " \t.,;:&/-–—"


def _clean(text: str) -> str:
    """One line of single spaces with no trailing full stops or dangling separators."""
    text = " ".join(text.translate(_ZERO_WIDTH).split())
    text = text.strip(_TRIM)
    # "Head of X and" left over after a split: the connector belongs to neither part.
    return re.sub(r"\s+(?:and|&)$", "", text).strip(_TRIM)


def _key(word: str) -> str:
    """How a word compares: case, final full stop and apostrophe style do not matter."""
    return word.rstrip(".").casefold().replace("’", "'").replace("‘", "'")


def _is_name_word(word: str) -> bool:
    """A capitalised word such as "McNeill", "Poole-Nandy", "O’Brien" or the initial "J."."""
    core = word.rstrip(".")
    if not core or not core[0].isupper():
        return False
    if len(core) == 1:
        return core.isalpha()
    if not all(ch.isalpha() or ch in "-'’" for ch in core):
        return False
    # All capitals is an acronym (CSC, SEND, FARY), not a name.
    return any(ch.islower() for ch in core)


@dataclass(frozen=True)
class _Token:
    kind: str  # "title", "name", "post"
    text: str


def _person_tokens(text: str) -> list[_Token] | None:
    """The words of ``text`` typed as titles, names and post-nominals, or None if not a name."""
    words = _PARENTHETICAL.sub("", text).split()
    if not words:
        return None
    tokens: list[_Token] = []
    i = 0
    while i < len(words):
        keys = [_key(w) for w in words[i : i + 3]]
        multi = next((t for t in MULTI_WORD_TITLES if tuple(keys[: len(t)]) == t), None)
        if multi is not None:
            tokens.append(_Token("title", " ".join(words[i : i + len(multi)])))
            i += len(multi)
            continue
        word, key = words[i], keys[0]
        if key in ROLE_WORDS:
            return None
        if key in TITLES:
            tokens.append(_Token("title", word))
        elif key in POST_NOMINALS and word.rstrip(".").isupper():
            tokens.append(_Token("post", word))
        elif key in _PARTICLES and tokens and i + 1 < len(words):
            # "de" in "Ana de Souza" joins the next word into one surname.
            nxt = words[i + 1]
            if not _is_name_word(nxt):
                return None
            tokens.append(_Token("name", f"{word} {nxt}"))
            i += 1
        elif _is_name_word(word):
            tokens.append(_Token("name", word))
        else:
            return None
        i += 1
    if not any(t.kind == "name" for t in tokens):
        return None
    return tokens


def _chunk_sizes(count: int, titled: bool) -> list[int]:
    """How many name words each person gets when several people share one run of words."""
    if count <= 3:
        return [count]
    sizes = [2] * (count // 2)
    if count % 2:
        if titled:
            sizes.insert(0, 1)  # "CC Charles Louise Burton ..." - a title often takes a surname only
        else:
            sizes[-1] += 1
    return sizes


def _heuristic_people(tokens: Sequence[_Token]) -> list[str]:
    """People in a run of name words with no list of known names to go by."""
    groups: list[list[_Token]] = []
    current: list[_Token] = []
    for token in tokens:
        has_name = any(t.kind == "name" for t in current)
        ended = bool(current) and current[-1].kind == "post"
        if (token.kind == "title" and has_name) or (token.kind != "post" and ended):
            groups.append(current)
            current = []
        current.append(token)
    if current:
        groups.append(current)

    people: list[str] = []
    for group in groups:
        titles = [t.text for t in group if t.kind == "title"]
        names = [t.text for t in group if t.kind == "name"]
        posts = [t.text for t in group if t.kind == "post"]
        if not names:
            if people:  # a stray title or post-nominal: keep it with the previous name
                people[-1] = " ".join([people[-1], *titles, *posts])
            continue
        start = 0
        for n, size in enumerate(_chunk_sizes(len(names), bool(titles))):
            words = names[start : start + size]
            start += size
            if n == 0:
                words = titles + words
            people.append(" ".join(words))
        people[-1] = " ".join([people[-1], *posts])
    return people


def _known_index(known_names: Collection[str]) -> dict[tuple[str, ...], int]:
    return {tuple(_key(w) for w in name.split()): 1 for name in known_names if name.split()}


def _split_people(tokens: list[_Token], known: dict[tuple[str, ...], int]) -> list[str]:
    """People in a run of name words: known names first, the heuristic for what is left."""
    if not known:
        return _heuristic_people(tokens)
    longest = max(len(k) for k in known)
    people: list[str] = []
    leftover: list[_Token] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].kind == "title":
            j += 1
        match = 0
        # A token may hold two words ("de Souza"), so compare word by word.
        for size in range(min(longest, len(tokens) - j), 0, -1):
            span = tokens[j : j + size]
            if all(t.kind == "name" for t in span):
                words = tuple(_key(w) for t in span for w in t.text.split())
                if words in known:
                    match = size
                    break
        if match:
            if leftover:
                people.extend(_heuristic_people(leftover))
                leftover = []
            end = j + match
            while end < len(tokens) and tokens[end].kind == "post":
                end += 1
            people.append(" ".join(t.text for t in tokens[i:end]))
            i = end
        else:
            leftover.append(tokens[i])
            i += 1
    if leftover:
        people.extend(_heuristic_people(leftover))
    return people


def _split_listed_people(chunk: str) -> list[str]:
    """Split "A B, C D and E F" into names, but only when every part is a full name."""
    parts = [p for p in (_clean(p) for p in _LIST_SEPARATOR.split(chunk)) if p]
    if len(parts) > 1:
        typed = [_person_tokens(p) for p in parts]
        if all(t is not None and len(t) >= 2 for t in typed):
            return parts
    return [chunk]


def _split_roles(chunk: str) -> list[str]:
    """Cut a chunk where a new role title starts or a bracketed qualifier closes one."""
    cuts = {0}
    last = 0
    for m in _ROLE_START.finditer(chunk):
        before = chunk[last : m.start()].rstrip()
        if not before:
            continue
        if before[-1] in "-–—":
            continue
        if all(_key(w) in _MODIFIERS for w in before.split()):
            continue
        cuts.add(m.start())
        last = m.start()
    for m in _QUALIFIER_END.finditer(chunk):
        inner = m.group(1)
        if any(ch.islower() for ch in inner):
            cuts.add(m.end())
    ordered = [*sorted(cuts), len(chunk)]
    pieces = (_clean(chunk[a:b]) for a, b in itertools.pairwise(ordered))
    return [p for p in pieces if p]


def split_parties(text: str, known_names: Collection[str] = ()) -> list[PartyName]:
    """The people and roles named in one lead or owner cell, in the order written."""
    known = _known_index(known_names)
    result: list[PartyName] = []
    for chunk in (_clean(c) for c in _clean(text).split("/")):
        if not chunk:
            continue
        for listed in _split_listed_people(chunk):
            for piece in _split_roles(listed):
                words = tuple(_key(w) for w in piece.split())
                tokens = _person_tokens(piece)
                if words in known:
                    result.append(PartyName(piece, is_role=False))
                elif tokens is not None:
                    people = _split_people(tokens, known)
                    if len(people) == 1:
                        people = [piece]  # as written, with any "(LSCB)" after the name
                    result.extend(PartyName(name, is_role=False) for name in people)
                else:
                    result.append(PartyName(piece, is_role=True))
    unique: list[PartyName] = []
    for party in result:
        if party not in unique:
            unique.append(party)
    return unique


def _looks_like_role(text: str) -> bool:
    """Capitalised words, connectors and at least one role word or acronym: "Board Members"."""
    words = re.findall(r"[^\s,()]+", text)
    if not words or not (words[0][0].isupper() or words[0] == "&"):
        return False
    has_role = False
    for word in words:
        key = _key(word)
        if key in ROLE_WORDS or (word.isupper() and len(word) > 1 and word.isalpha()):
            has_role = True
        elif not (word[0].isupper() or key in _CONNECTORS):
            return False
    return has_role


def looks_like_parties(text: str) -> bool:
    """Whether ``text`` reads as an owner list ("Chris Coyle/Amanda Hatton"), not as prose.

    Used to find where an action ends and its owners begin in "text – Owner(s)".
    """
    clean = _clean(text)
    if not clean or len(clean) > 120 or len(clean.split()) > 16:
        return False
    for part in (p.strip() for p in clean.split("/")):
        if not part:
            return False
        listed = len(_split_listed_people(part)) > 1  # "Chris Coyle and Louise Storey": two full names
        if _person_tokens(part) is None and not _looks_like_role(part) and not listed:
            return False
    return True
