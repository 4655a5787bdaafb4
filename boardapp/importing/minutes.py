"""Read past minutes (Word .docx or a text PDF) written in the committee-system layout (seed 003).

Why: a clerk adopting BoardApp has years of minutes; issue 14 point 3 brings them in as held
meetings. This module only reads: it turns one document into a `MinutesDocument` (board name,
date, time, venue, attendance, numbered items with presenters, notes, "Resolved:" blocks and
"Actions:" bullets) plus the problems found, each named by paragraph, table row or page and
line. Matching people and writing meetings is services/minutes_import.py.

The layout read (what seed 003 shows):

* a first line with the board's name, then "Minutes of the Meeting held on Tuesday, 1st August,
  2017 at 2.30 pm in Committee Room 'B' …";
* "Present:", "Apologies:" and "In attendance:" followed by people: table rows (name | organisation)
  or lines "Name – Organisation" / "Name (Organisation)";
* numbered items: a table row "1." | "Title" or a line "1. Title" (the next number only, so a
  numbered list inside the notes is not taken for an item);
* under an item: paragraphs and bullets (Word list styles or "·", "•", "-" glyphs; a second list
  level is a nested bullet), "Resolved:" then the resolution, "Actions:" then one bullet per action
  ("text – Owner/Owner", read by core/rules/action_lines.py).

Presenters are those the item's first paragraph says presented ("Amanda Hatton provided an update
…", "Debbie Duffell and Lee Kearns, Wellbeing …, presented …") and those named after a dash in a
sub-heading ("What is Audit Telling Us – Sally Allen").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardapp.core.enums import AttendanceKind
from boardapp.core.rules.action_lines import DuePhrase, parse_action_line
from boardapp.core.rules.due_text import make_date, month_number
from boardapp.core.rules.leads import PartyName, looks_like_parties, split_parties
from boardapp.importing.limits import check_import_file
from boardapp.importing.problems import ImportFileError, Problem, Severity

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_PDF_PAGES",
    "MinutesAction",
    "MinutesAttendee",
    "MinutesDocument",
    "MinutesItem",
    "read_minutes",
]

MAX_PDF_BYTES = 50 * 1024 * 1024  # minutes of one meeting are a few hundred KB
MAX_PDF_PAGES = 500


@dataclass
class MinutesAttendee:
    name: str  # as written: "County Councillor Geoff Driver CBE"
    organisation: str
    kind: AttendanceKind
    where: str


@dataclass
class MinutesAction:
    line: str  # the bullet as written, without its glyph
    text: str
    owners: list[PartyName]
    due: DuePhrase | None
    where: str


@dataclass
class MinutesItem:
    number: int
    title: str
    where: str
    presenters: list[str] = field(default_factory=list)
    notes: str = ""  # Minute.notes layout: blocks separated by blank lines, bullets "- ", nested "  - "
    decisions: list[str] = field(default_factory=list)
    actions: list[MinutesAction] = field(default_factory=list)


@dataclass
class MinutesDocument:
    path: Path
    board_name: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    venue: str = ""
    attendees: list[MinutesAttendee] = field(default_factory=list)
    items: list[MinutesItem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


@dataclass(frozen=True)
class _Line:
    """One paragraph (Word), table row (cells) or joined PDF paragraph, with where it came from."""

    text: str
    where: str
    level: int = 0  # 0 paragraph, 1 bullet, 2 nested bullet
    cells: tuple[str, ...] | None = None


# -- reading the file into lines ------------------------------------------------------------------------
def read_minutes(path: Path) -> MinutesDocument:
    """Read one minutes document; ImportFileError when it cannot be read at all."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix == ".pdf":
        lines = _pdf_lines(path)
    else:
        raise ImportFileError(f"{path.name} is not a Word (.docx) or PDF file; save the minutes as one and retry.")
    return _Parser(path, lines).parse()


def _docx_lines(path: Path) -> list[_Line]:
    check_import_file(path, "docx")
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a file that is not a Word document
        raise ImportFileError(f"{path.name} cannot be read as a Word document ({_first_line(exc)}).") from exc
    lines: list[_Line] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            level = _docx_level(block)
            lines.append(_Line(block.text, f"paragraph {paragraphs}", level))
        elif isinstance(block, Table):
            tables += 1
            for number, row in enumerate(block.rows, start=1):
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(p.text for p in cell.paragraphs).strip())
                lines.append(_Line(" ".join(c for c in cells if c), f"table {tables} row {number}", 0, tuple(cells)))
    return lines


def _docx_level(paragraph: Any) -> int:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("List Bullet") or style.startswith("List Number"):
        return 2 if style.rstrip().endswith(("2", "3", "4")) else 1
    num = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if num is not None and num.ilvl is not None:
        return min(int(num.ilvl.val) + 1, 2)
    if num is not None:
        return 1
    return 0


def _pdf_lines(path: Path) -> list[_Line]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be opened ({_first_line(exc)}).") from exc
    if size > MAX_PDF_BYTES:
        raise ImportFileError(
            f"{path.name} is {size / 1024 / 1024:,.0f} MB (the limit is {MAX_PDF_BYTES // 1024 // 1024} MB); "
            f"it is not the minutes of one meeting."
        )
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFileError(
                f"{path.name} is password-protected. Open it, save a copy without the password and retry."
            )
        pages = len(reader.pages)
        if pages > MAX_PDF_PAGES:
            raise ImportFileError(f"{path.name} has {pages:,} pages; minutes of one meeting have far fewer.")
        lines: list[_Line] = []
        for number, page in enumerate(reader.pages, start=1):
            lines.extend(_page_lines(page, number))
    except ImportFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as exc:
        message = str(exc)
        if "decrypt" in message.lower() or "password" in message.lower() or "crypt" in message.lower():
            raise ImportFileError(
                f"{path.name} is password-protected. Open it, save a copy without the password and retry."
            ) from exc
        raise ImportFileError(f"{path.name} cannot be read as a PDF ({_first_line(exc)}).") from exc
    if not any(line.text.strip() for line in lines):
        raise ImportFileError(
            f"{path.name} holds no text that can be read: it is probably a scan (pictures of pages). "
            f"Import the Word original, or a PDF saved from Word."
        )
    return lines


def _page_lines(page: Any, page_number: int) -> list[_Line]:
    """The page's paragraphs: printed lines joined unless a wider gap, a bullet or an item number parts them."""
    pieces: list[tuple[float, float, float, str]] = []  # y, x, font size, text

    def visit(text: str, cm: Any, tm: Any, _font: Any, size: float) -> None:
        if text.strip():
            y = float(tm[5]) * float(cm[3]) + float(cm[5])
            x = float(tm[4]) * float(cm[0]) + float(cm[4])
            pieces.append((y, x, float(size or 10) * abs(float(tm[3]) or 1), text))

    page.extract_text(visitor_text=visit)
    printed: list[tuple[float, float, list[str]]] = []  # one per printed line: y, size, its columns' text
    last_end = 0.0  # where the previous piece on the line ends, roughly (half an em a character)
    for y, x, size, text in pieces:
        if printed and abs(printed[-1][0] - y) < 1.0:
            py, psize, columns = printed[-1]
            if x > last_end + 2 * max(psize, size):  # a wide gap: the next cell of a table row
                columns.append(text)
            else:
                columns[-1] += text
            printed[-1] = (py, max(psize, size), columns)
        else:
            printed.append((y, size, [text]))
        last_end = x + 0.5 * size * len(text)
    lines: list[_Line] = []
    previous_y: float | None = None
    for index, (y, size, columns) in enumerate(printed, start=1):
        where = f"page {page_number} line {index}"
        cells = tuple(" ".join(c.split()) for c in columns)
        if len([c for c in cells if c]) > 1:  # a table row: name | organisation, "1." | title
            lines.append(_Line(" ".join(c for c in cells if c), where, 0, cells))
            previous_y = y
            continue
        clean = " ".join(" ".join(columns).split())
        level, body = _glyph_level(clean)
        strong_bullet = level > 0 and clean[:1] not in _WEAK_GLYPHS  # "- County Hall" may be a wrapped line
        starts_new = (
            not lines
            or lines[-1].cells is not None
            or previous_y is None
            or previous_y - y > 1.5 * size
            or previous_y < y
            or strong_bullet
            or _STARTS_BLOCK.match(clean) is not None
        )
        if starts_new:
            lines.append(_Line(body, where, level))
        else:
            last = lines[-1]
            lines[-1] = _Line(f"{last.text} {clean}", last.where, last.level)
        previous_y = y
    return lines


# -- parsing --------------------------------------------------------------------------------------------
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_HEADER = re.compile(
    r"^Minutes\s+of\s+(?:the\s+|an?\s+)?(?:[A-Za-z]+\s+)?Meeting(?:\s+of\s+(?:the\s+)?(?P<board>.+?))?\s+"
    r"held\s+on\s+(?:[A-Za-z]+day,?\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<month>{_MONTHS}),?\s+(?P<year>\d{{4}}),?"
    r"(?:\s+(?:at|from)\s+(?P<time>\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.?\s?m\.?)?|noon))?"
    r"(?:,?\s+(?:in|at)\s+(?P<venue>.+?))?\s*\.?$",
    re.IGNORECASE,
)
_SECTION = re.compile(
    r"^(?P<name>Present|Apologies(?:\s+for\s+absence)?|In\s+attendance|Also\s+(?:present|in\s+attendance)"
    r"|Officers\s+in\s+attendance)\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_SECTION_KIND = {
    "present": AttendanceKind.PRESENT,
    "apologies": AttendanceKind.APOLOGIES,
}
_NUMBERED = re.compile(r"^(?P<number>\d{1,3})\.?(?:\s+(?P<title>\S.*))?$")
# On a printed page only these start a paragraph whatever the spacing ("present at …" may be a wrapped line).
_STARTS_BLOCK = re.compile(
    r"^(?:(?:Present|Apologies(?:\s+for\s+absence)?|In\s+attendance|Resolved|Actions?)\s*:|\d{1,3}\.\s+[A-Z])"
)
_ITEM_NUMBER = re.compile(r"^(?:Item\s+)?(?P<number>\d{1,3})\.?$", re.IGNORECASE)
_RESOLVED = re.compile(r"^(?:It\s+was\s+)?Resolved\s*(?::|–|—|-|\bthat\b)?\s*(?P<rest>.*)$", re.IGNORECASE)
_ACTIONS = re.compile(r"^Actions?\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_MARKER = re.compile(r"</?AI\d+>", re.IGNORECASE)
# \uf0b7/\uf0a7: Word's Symbol/Wingdings bullets as PDF text gives them; \x7f: a WinAnsi "•" some readers give.
_GLYPHS = "·•▪▫◦‣●○■□∙⁃\uf0b7\uf0a7\x7fo-*–"
_NESTED_GLYPHS = "◦○▫□o"
_WEAK_GLYPHS = "o-*–"  # letters and dashes: a bullet only where a new paragraph starts anyway
_LETTERED = re.compile(r"^\(?(?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s+\S")
_PRESENTING = re.compile(r"\b(?:presented|provided|gave|introduced|delivered|took\s+the\s+Board\s+through)\b")
_DASH = re.compile(r"\s+[–—-]\s+")
_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[.:](?P<m>\d{2}))?\s*(?P<ampm>[ap])?", re.IGNORECASE)


def _glyph_level(text: str) -> tuple[int, str]:
    """(1, "text") for "· text", (2, "text") for "◦ text"; (0, text) for anything else."""
    if len(text) >= 2 and text[0] in _GLYPHS and text[1] in " \t\u00a0":
        if text[0] in "o-*–" and len(text) < 3:
            return 0, text
        return (2 if text[0] in _NESTED_GLYPHS else 1), text[2:].strip()
    if text[:1] in "·•▪●∙\uf0b7\x7f" and len(text) > 1:
        return 1, text[1:].strip()
    return 0, text


def _clean(text: str) -> str:
    """Markers and line breaks out; spaces inside a line are kept as typed (two after a full stop)."""
    return re.sub(r"[\t\r\n\v]+", " ", _MARKER.sub(" ", text).replace("\u00a0", " ")).strip()


def _parse_time(text: str | None) -> dt.time | None:
    if not text:
        return None
    if text.strip().lower() == "noon":
        return dt.time(12, 0)
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group("h")), int(match.group("m") or 0)
    ampm = (match.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    if ampm == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class _Parser:
    def __init__(self, path: Path, lines: list[_Line]) -> None:
        self.doc = MinutesDocument(path=path)
        self.lines = lines
        self.section: AttendanceKind | None = None
        self.item: MinutesItem | None = None
        self.mode = "notes"  # notes | resolved | actions
        self.block_taken = False  # the "Resolved:" block has its resolution
        self.blocks: list[list[str]] = []  # notes of the current item
        self.paragraphs: list[str] = []  # non-bullet note paragraphs of the current item, for presenters
        self.header_found = False
        self.blank_before = False  # an empty paragraph came just before this line
        self.pair_open = False  # the last attendee was a bare name that began a block: its organisation may follow
        self.awaiting_title = False  # an item number stood alone ("1."): its title is the next paragraph

    def problem(self, severity: Severity, where: str, message: str) -> None:
        self.doc.problems.append(Problem(severity, where, message))

    def parse(self) -> MinutesDocument:
        for line in self.lines:
            text = _clean(line.text)
            cells = tuple(_clean(c) for c in line.cells) if line.cells is not None else None
            if not text:
                self.blank_before = True
                continue
            level, text = (line.level, text) if line.level else _glyph_level(text)
            if self.awaiting_title and self.item is not None and cells is None:
                self.item.title, self.awaiting_title = text.rstrip(".").strip(), False
                continue
            self.awaiting_title = False
            if not self.header_found and self._header(text, line.where):
                continue
            if not self.header_found and self.item is None and self.section is None:
                self.doc.board_name = text  # the line above the header names the board
                continue
            if self._item_start(text, cells, level, line.where):
                continue
            if self.item is None:
                self._attendance_line(text, cells, level, line.where)
            else:
                self._item_line(text, level, line.where)
            self.blank_before = False
        self._close_item()
        if not self.header_found:
            self.problem(
                Severity.ERROR,
                "",
                "no meeting date found: the minutes should start “Minutes of the Meeting held on …” "
                "with the day, month and year.",
            )
        if not self.doc.items:
            self.problem(Severity.ERROR, "", "no numbered items (“1. Welcome and Introductions”) were found.")
        return self.doc

    def _header(self, text: str, where: str) -> bool:
        match = _HEADER.match(text)
        if match is None:
            return False
        self.header_found = True
        date, reason = make_date(int(match.group("day")), month_number(match.group("month")), int(match.group("year")))
        if date is None:
            self.problem(Severity.ERROR, where, f"the meeting date cannot be read: {reason}.")
        self.doc.date = date
        if match.group("board"):
            self.doc.board_name = match.group("board").strip()
        self.doc.start_time = _parse_time(match.group("time"))
        if match.group("time") and self.doc.start_time is None:
            self.problem(Severity.WARNING, where, f"the start time “{match.group('time')}” cannot be read; left out.")
        self.doc.venue = (match.group("venue") or "").strip().rstrip(".")
        return True

    # -- attendance
    def _attendance_line(self, text: str, cells: tuple[str, ...] | None, level: int, where: str) -> None:
        section = _SECTION.match(text) if cells is None or len([c for c in cells if c]) == 1 else None
        if section is not None:
            name = section.group("name").casefold().split()[0]
            self.section = _SECTION_KIND.get(name, AttendanceKind.IN_ATTENDANCE)
            rest = section.group("rest").strip()
            if rest and rest.casefold() not in ("none", "nil", "none received"):
                for part in re.split(r"\s*[;]\s*|,\s+(?=[A-Z])", rest) if cells is None else [rest]:
                    self._attendee(part, None, where)
            return
        if self.section is None:
            self.problem(Severity.WARNING, where, f"“{_short(text)}” comes before “Present:”; left out.")
            return
        self._attendee(text, cells, where)

    def _attendee(self, text: str, cells: tuple[str, ...] | None, where: str) -> None:
        assert self.section is not None
        filled = [c for c in cells if c] if cells is not None else []
        if cells is not None and len(filled) >= 2:
            name, organisation = filled[0], filled[1]
        elif cells is not None and len(filled) == 1:
            name, organisation = filled[0], ""
        else:
            name, organisation = _split_name_organisation(text)
            if self._organisation_of_last(text, organisation):
                return
        opens_pair = cells is None and not organisation and (self.blank_before or not self.doc.attendees)
        self.pair_open = False
        if name.casefold() in ("none", "nil", "none received"):
            return
        if not looks_like_parties(name) or len(name) > 80:
            self.problem(
                Severity.WARNING, where, f"“{_short(text)}” under the attendance does not read as a name; left out."
            )
            return
        self.doc.attendees.append(MinutesAttendee(name, organisation, self.section, where))
        self.pair_open = opens_pair

    def _organisation_of_last(self, text: str, organisation: str) -> bool:
        """Seed 003 as plain text: a name, its organisation on the next line, an empty line before the next.

        The line is taken as the organisation only in that shape, and only when it does not read as a name.
        """
        if not self.pair_open or self.blank_before or organisation or not self.doc.attendees:
            return False
        if _people(text) and not any(p.is_role for p in split_parties(text)) and len(text.split()) <= 3:
            return False  # "Tony Crane": the next person, not an organisation
        last = self.doc.attendees[-1]
        if last.kind is not self.section:
            return False
        last.organisation, self.pair_open = text.rstrip("."), False
        return True

    # -- items
    def _item_start(self, text: str, cells: tuple[str, ...] | None, level: int, where: str) -> bool:
        expected = len(self.doc.items) + (1 if self.item is not None else 0) + 1
        number: int | None = None
        title = ""
        if cells is not None:
            filled = [c for c in cells if c]
            first = _ITEM_NUMBER.match(filled[0]) if filled else None
            if first is not None:
                number, title = int(first.group("number")), " ".join(filled[1:])
        elif level == 0:
            match = _NUMBERED.match(text)
            if match is not None and (match.group("title") is None or not match.group("title")[:1].isdigit()):
                number, title = int(match.group("number")), (match.group("title") or "").strip()
        if number is None or number != expected:
            return False
        if self.item is None and number != 1 and not self.doc.items:
            return False
        self._close_item()
        self.item = MinutesItem(number=number, title=title.rstrip(".").strip(), where=where)
        self.awaiting_title = not self.item.title and cells is None
        return True

    def _item_line(self, text: str, level: int, where: str) -> None:
        assert self.item is not None
        if level == 0 and (resolved := _RESOLVED.match(text)) is not None and _is_resolved_heading(text):
            self.mode, self.block_taken = "resolved", False
            rest = resolved.group("rest").strip()
            if rest:
                if text.casefold().startswith(("resolved that", "it was resolved that")):
                    rest = "that " + rest
                self.item.decisions.append(rest)
                self.block_taken = True
            return
        if level == 0 and (actions := _ACTIONS.match(text)) is not None:
            self.mode, self.block_taken = "actions", False
            if actions.group("rest").strip():
                self._action(actions.group("rest").strip(), where)
                self.block_taken = True
            return
        if self.mode == "actions" and (level > 0 or not self.block_taken):
            self._action(text, where)
            self.block_taken = True
            return
        if self.mode == "resolved" and (not self.block_taken or level > 0 or _LETTERED.match(text)):
            self.item.decisions.append(text)
            self.block_taken = True
            return
        self.mode = "notes"
        self._note(text, level)

    def _action(self, text: str, where: str) -> None:
        assert self.item is not None
        parsed = parse_action_line(text)
        if not parsed.owners:
            self.problem(
                Severity.WARNING,
                where,
                f"the action “{_short(parsed.text)}” names no owner (write “– Name” at its end); imported without one.",
            )
        self.item.actions.append(MinutesAction(text, parsed.text, parsed.owners, parsed.due, where))

    def _note(self, text: str, level: int) -> None:
        assert self.item is not None
        if level == 0:
            self.blocks.append([text])
            self.paragraphs.append(text)
            return
        line = ("  - " if level > 1 else "- ") + text
        if self.blocks and self.blocks[-1][0].startswith(("- ", "  - ")):
            self.blocks[-1].append(line)
        else:
            self.blocks.append([line])

    def _close_item(self) -> None:
        item = self.item
        if item is None:
            return
        if not item.title:
            self.problem(Severity.ERROR, item.where, f"item {item.number} has no title.")
        item.notes = "\n\n".join("\n".join(block) for block in self.blocks)
        first_block = self.blocks[0][0] if self.blocks else ""
        presenters: list[str] = []
        if first_block and not first_block.startswith(("- ", "  - ")):
            presenters.extend(_presenters_of_opening(first_block))
        for paragraph in self.paragraphs:
            presenters.extend(_presenter_of_heading(paragraph))
        item.presenters = list(dict.fromkeys(presenters))
        self.doc.items.append(item)
        self.item, self.mode, self.block_taken = None, "notes", False
        self.blocks, self.paragraphs = [], []


def _is_resolved_heading(text: str) -> bool:
    """ "Resolved:" or "RESOLVED – that …", not a sentence that merely starts "Resolved issues were …"."""
    return re.match(r"^(?:It\s+was\s+)?Resolved\s*(?::|–|—|-|$|\s+that\b)", text, re.IGNORECASE) is not None


def _split_name_organisation(text: str) -> tuple[str, str]:
    """ "Jane Booth – Lancashire Safeguarding Children's Board" or "Jane Booth (LSCB)"."""
    parts = _DASH.split(text, maxsplit=1)
    if len(parts) == 2:
        return parts[0].strip(), parts[1].strip().rstrip(".")
    bracket = re.match(r"^(?P<name>[^()]+?)\s*\((?P<org>[^()]+)\)\.?$", text)
    if bracket is not None:
        return bracket.group("name").strip(), bracket.group("org").strip()
    return text.strip().rstrip("."), ""


def _people(written: str) -> list[str]:
    written = written.strip()
    if not written or written.casefold().startswith("the ") or not looks_like_parties(written):
        return []
    return [p.text for p in split_parties(written) if not p.is_role]


def _presenters_of_opening(paragraph: str) -> list[str]:
    """Who the first paragraph says presented: the names before the first comma and the verb."""
    sentence = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
    verb = _PRESENTING.search(sentence)
    if verb is None:
        return []
    return _people(sentence[: verb.start()].split(",")[0])


def _presenter_of_heading(paragraph: str) -> list[str]:
    """ "What is Audit Telling Us – Sally Allen": a short sub-heading with a name after a dash."""
    if len(paragraph) > 120 or paragraph.endswith((".", ":", ";", "?")):
        return []
    parts = _DASH.split(paragraph)
    if len(parts) < 2 or not parts[0].strip():
        return []
    return _people(parts[-1])


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:160] if lines else type(exc).__name__
