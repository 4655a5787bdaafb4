"""The last check before a public file is written: no sentence of exempt business may appear in it.

`check_public_text` is exact: it refuses text found only in exempt (Part II) business – notes,
decisions, actions, reasons, presenters, paper titles, withheld titles – naming the exempt item
and the sentence, and lets through with a warning text the board first recorded in public
business (an exempt action that repeats the wording of earlier public minutes does not stop them).

The builders already leave exempt business out of a public document; this guard does not trust
them. It runs on the document model's text before rendering and on the text read back from the
rendered file, and raises `ExemptTextLeak` (nothing is written) on any hit.

Texts are compared as lower-case words only, so punctuation, quotes, line wrapping, page breaks
and characters a backend had to replace cannot hide a sentence. Very short sentences (fewer than
`MIN_WORDS` words: "Noted.", "Agreed.") are not looked for: they say nothing on their own and
would stop legitimate public minutes that happen to use the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from boardapp.exporting.backends.text import printable
from boardapp.exporting.errors import ExemptTextLeak
from boardapp.exporting.exempt.part2 import ExemptSource, Order, Part2Texts
from boardapp.exporting.meetings.documents import Document, document_text, iter_text

MIN_WORDS = 4
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+|\s+[–—-]\s+(?=[A-Z])")
_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces: the form both sides are compared in."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_WORD.findall(text))


def sentences(text: str) -> list[str]:
    """The sentences (and bullet lines) of a text, as written."""
    pieces = []
    for piece in _SENTENCE_END.split(text):
        piece = re.sub(r"^\s*[-•·▪*]\s+", "", piece).strip()
        if piece:
            pieces.append(piece)
    return pieces


def leaked_sentences(haystack: str, exempt_texts: Iterable[str], allowed: Iterable[str] = ()) -> list[str]:
    """The sentences of `exempt_texts` that occur in `haystack`, minus those inside `allowed` texts."""
    body = f" {normalise(haystack)} "
    allowed_forms = [f" {normalise(a)} " for a in allowed if a]
    found: list[str] = []
    for text in exempt_texts:
        for sentence in sentences(text):
            form = normalise(sentence)
            if len(form.split()) < MIN_WORDS:
                continue
            padded = f" {form} "
            if any(padded in a for a in allowed_forms):
                continue
            if padded in body and sentence not in found:
                found.append(sentence)
    return found


WHOLE_MIN_WORDS = 2
"""A short exempt field (a presenter, a paper, an action) is looked for as a whole from two words."""


@dataclass(frozen=True)
class Finding:
    sentence: str  # as the exempt business wrote it
    source: ExemptSource
    public_since: Order | None  # when the board first recorded it in public business, if it did
    presented_since: Order | None = None  # a name: when it first presented a public item


RUN_WORDS = 8
"""Any run of this many consecutive words of exempt text is looked for too: a sentence copied in part
("... reported on the investigation into the casework of <name>") is caught, not only a whole one."""


def _grams(words: list[str]) -> list[str]:
    return [" ".join(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1)]


def _fragments(source: ExemptSource) -> list[tuple[str, str]]:
    """(sentence as written, normalised form) pairs to look for, long enough to mean something."""
    found = []
    for sentence in sentences(source.text):
        form = normalise(sentence)
        if len(form.split()) >= MIN_WORDS:
            found.append((sentence, form))
    whole = normalise(source.text)
    if source.whole and len(whole.split()) >= WHOLE_MIN_WORDS and all(whole != f for _s, f in found):
        found.append((" ".join(source.text.split()), whole))
    return found


def find_exempt_text(text: str, part2: Part2Texts) -> list[Finding]:
    """Every exempt sentence (or short exempt field, or run of RUN_WORDS words of exempt text) that
    occurs in `text`, except what a public version may show; each says whether the board first
    recorded it in public business."""
    normal = normalise(text)
    body = f" {normal} "
    body_grams = set(_grams(normal.split()))
    allowed = [f" {normalise(a)} " for a in part2.allowed if a]
    allowed_grams = {g for a in allowed for g in _grams(a.split())}
    public: list[tuple[str, Order]] | None = None
    findings: list[Finding] = []
    seen: set[str] = set()

    def found(sentence: str, form: str, source: ExemptSource) -> None:
        nonlocal public
        if sentence in seen:
            return
        seen.add(sentence)
        if public is None:
            public = [(f" {normalise(t)} ", day) for t, day in part2.public]
        padded = f" {form} "
        dates = [day for t, day in public if padded in t]
        named = [day for t, day in part2.public_names if source.name and normalise(t) == form]
        findings.append(Finding(sentence, source, min(dates) if dates else None, min(named) if named else None))

    for source in part2.sources:
        fragments = _fragments(source)
        for sentence, form in fragments:
            padded = f" {form} "
            if padded in body and not any(padded in a for a in allowed):
                found(sentence, form, source)
        words = normalise(source.text).split()
        if len(words) < RUN_WORDS:
            continue
        for gram in _grams(words):
            if gram in body_grams and gram not in allowed_grams:
                holder = next((s for s, f in fragments if gram in f), f"… {gram} …")
                found(holder, gram, source)
    return findings


def check_public_text(
    document: object, part2: Part2Texts, *, where: str = "the document"
) -> list[str]:
    """Refuse (ExemptTextLeak) a public output holding text found only in exempt business, naming the
    exempt item and the sentence; return warnings for exempt text the board first recorded in public
    business at an earlier meeting than the exempt business that repeats it, which is left in."""
    text = document if isinstance(document, str) else "\n".join(iter_text(document))
    findings = find_exempt_text(text, part2)
    # Public first means at an earlier meeting. The same wording in public and exempt business of one
    # meeting is refused even when the public item comes first on the agenda: notes are written after
    # the meeting, so the order cannot be trusted, and a breach costs more than a rewording.
    # A presenter of exempt business who also presents public business at the same meeting (an officer
    # presenting public and private items alike) is public already.
    refused = [
        f
        for f in findings
        if (f.public_since is None or f.public_since[0] >= f.source.on[0])
        and (f.presented_since is None or f.presented_since[0] > f.source.on[0])
    ]
    if refused:
        raise ExemptTextLeak(where, [f.sentence for f in refused], sources=[f.source.label for f in refused])
    return [
        f"{where}: “{_short(f.sentence)}” is also in exempt business ({f.source.label}), but the board "
        f"recorded it in public business first; it was left in."
        for f in findings
    ]


def _short(text: str, limit: int = 100) -> str:
    text = printable(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def assert_no_exempt_text(
    document: Document | str,
    exempt_texts: Iterable[str],
    *,
    allowed: Iterable[str] = (),
    where: str = "the document",
) -> None:
    """Raise ExemptTextLeak if any sentence of an exempt item appears in the document (a document
    model, or text read back from a rendered file)."""
    text = document if isinstance(document, str) else document_text(document)
    found = leaked_sentences(text, list(exempt_texts), list(allowed))
    if found:
        raise ExemptTextLeak(where, found)
