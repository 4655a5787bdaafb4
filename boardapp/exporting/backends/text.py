"""Text helpers shared by the builders and both backends: house-style dates and times, cleaning
user text so no backend can choke on it, and splitting minute notes into blocks.

Nothing here depends on the locale: day and month names are spelt out in English, as the
minutes are, whatever the machine's LC_TIME says.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from boardapp.core import dates
from boardapp.exporting.meetings.documents import BlockKind, NoteBlock

# -- dates and times ------------------------------------------------------------------------------
# Dates and times come from boardapp.core.dates, the one module that writes them; the builders and
# backends import these names from here.
DAY_NAMES = dates.DAY_NAMES
MONTH_NAMES = dates.MONTH_NAMES
ordinal = dates.ordinal
heading_date = dates.heading_date
long_date = dates.long_date
month_year = dates.month_year
clock_time = dates.clock_time


def roman(n: int) -> str:
    """Lower-case roman numerals, for "(i)", "(ii)" in a list of resolutions."""
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out


# -- cleaning -------------------------------------------------------------------------------------
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# C0 controls but tab and newline, DEL, C1 controls, lone surrogates and the two non-characters XML
# forbids: none can be written to a .docx (lxml refuses them) and none means anything on paper.
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class Warnings:
    """Collects what an export had to change or leave out, once per kind and place."""

    def __init__(self) -> None:
        self._messages: list[str] = []

    def add(self, message: str) -> None:
        message = printable(message)  # a warning may quote user text: never raw control characters
        if message not in self._messages:
            self._messages.append(message)

    def extend(self, messages: Iterable[str]) -> None:
        for message in messages:
            self.add(message)

    def __iter__(self) -> Iterator[str]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def as_tuple(self) -> tuple[str, ...]:
        return tuple(self._messages)


def describe_chars(chars: Iterable[str], limit: int = 5) -> str:
    """ "U+0000, U+001B and 2 more" — how a warning names characters it dropped."""
    unique = sorted(set(chars))
    named = [f"U+{ord(c):04X}" + (f" ({c})" if c.isprintable() and not c.isspace() else "") for c in unique]
    shown = ", ".join(named[:limit])
    return shown + (f" and {len(named) - limit} more" if len(named) > limit else "")


_SPACES = re.compile(r"[^\S\u00a0\u2007\u202f]+")  # runs of white space, but not the no-break spaces


def squash(text: str) -> str:
    """Runs of spaces, tabs and line breaks made one space, ends trimmed; no-break spaces are kept
    (str.split() would treat them as spaces: "10\u00a0am" must not break, nor become "10 am")."""
    return _SPACES.sub(" ", text).strip(" \t\n\r\x0b\x0c")


def printable(text: str) -> str:
    """Text safe to show in a terminal or a message box: every control or unprintable character (but
    the ordinary space) written as a visible escape ("\\x1b", "\\u202e"). No-break spaces are kept."""
    out = []
    for char in text:
        if char.isprintable() or char in (" ", "\u00a0", "\u202f"):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def clean_text(text: str | None, where: str, warnings: Warnings, *, multiline: bool = False) -> str:
    """User text made safe for every backend; anything removed is reported once for `where`.

    Line breaks of every kind become "\\n" (or a space when `multiline` is false); characters that
    no document format can hold are removed with a warning; tabs become spaces.
    """
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    removed = _UNWRITABLE.findall(text)
    if removed:
        text = _UNWRITABLE.sub("", text)
        warnings.add(
            f"{where}: removed {len(removed)} control character(s) that cannot be printed ({describe_chars(removed)})."
        )
    if not multiline:
        text = squash(text)
    return text


def is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(is_rtl_char(c) for c in text)


# -- minute notes ---------------------------------------------------------------------------------
_BULLET = re.compile(r"^( *)- +(.*)$")
SUBHEADING_MAX = 70


def parse_notes(notes: str) -> tuple[NoteBlock, ...]:
    """Split a minute's plain-text notes into paragraphs and two levels of bullets.

    Paragraphs are separated by blank lines; a line "- text" is a bullet and "  - text" (indented
    by two or more spaces, or a tab) a bullet under it. Lines of one paragraph keep their breaks.
    An indented line straight after a bullet continues it. A short one-line paragraph with no
    closing punctuation that introduces bullets ("Ofsted", "Next Ofsted Visit"), directly or
    through a lead-in line ending in ":", is a sub-heading: the same text, given weight on paper.
    """
    blocks: list[NoteBlock] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(NoteBlock(BlockKind.PARAGRAPH, "\n".join(paragraph)))
            paragraph.clear()

    for raw in notes.split("\n"):
        line = raw.expandtabs(4).rstrip()
        if not line.strip():
            flush()
            continue
        bullet = _BULLET.match(line)
        if bullet:
            flush()
            kind = BlockKind.SUB_BULLET if len(bullet.group(1)) >= 2 else BlockKind.BULLET
            blocks.append(NoteBlock(kind, squash(bullet.group(2))))
        elif line[0] == " " and not paragraph and blocks and blocks[-1].kind is not BlockKind.PARAGRAPH:
            last = blocks[-1]
            blocks[-1] = NoteBlock(last.kind, f"{last.text} {squash(line)}")
        else:
            paragraph.append(squash(line))
    flush()
    return tuple(_mark_subheadings(blocks))


def _mark_subheadings(blocks: list[NoteBlock]) -> list[NoteBlock]:
    def is_bullet(index: int) -> bool:
        return index < len(blocks) and blocks[index].kind in (BlockKind.BULLET, BlockKind.SUB_BULLET)

    def lead_in(index: int) -> bool:  # "Developments since May 2017 include:" followed by bullets
        if index >= len(blocks) or blocks[index].kind is not BlockKind.PARAGRAPH:
            return False
        return blocks[index].text.endswith(":") and is_bullet(index + 1)

    marked = []
    for index, block in enumerate(blocks):
        if (
            block.kind is BlockKind.PARAGRAPH
            and (is_bullet(index + 1) or lead_in(index + 1))
            and "\n" not in block.text
            and len(block.text) <= SUBHEADING_MAX
            and not block.text.endswith((".", ",", ";", ":", "!", "?", ")", "]", '"', "”"))
        ):
            block = NoteBlock(BlockKind.SUBHEADING, block.text)
        marked.append(block)
    return marked
