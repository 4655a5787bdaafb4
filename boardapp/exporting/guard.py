"""The last check before a public file is written: no sentence of an exempt item may appear in it.

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

from boardapp.exporting.documents import Document, document_text
from boardapp.exporting.errors import ExemptTextLeak

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
