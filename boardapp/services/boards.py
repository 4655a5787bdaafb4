"""Boards and their defaults: what every new meeting of the board starts from.

A board keeps its venue, start time, usual length, quorum, how its minutes are numbered and its
standing items (in order: the agenda builder puts them on every new agenda). Boards are never
deleted from here, only archived: their meetings and minutes are the record.

A board may also name its secretariat's Word house template (issue 15): a .docx whose styles its
Word exports use. The setting is checked when it is made (`check_word_template`), and again by the
export, since a file can go missing later.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from boardapp.core.enums import MinuteNumbering
from boardapp.core.models import Board, Meeting, Membership
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound

__all__ = [
    "DEFAULT_STANDING_ITEMS",
    "NUMBERING_LABELS",
    "BoardSettings",
    "BoardSummary",
    "WordTemplateCheck",
    "archive_board",
    "board_settings",
    "check_word_template",
    "create_board",
    "find_board_id",
    "list_boards",
    "normalise_start_time",
    "update_board",
    "word_template_of_board",
    "word_template_of_decision",
    "word_template_of_meeting",
]

DEFAULT_STANDING_ITEMS: tuple[str, ...] = (
    "Welcome, introductions and apologies",
    "Declarations of interest",
    "Minutes and actions from the last meeting",
    "Any other business",
    "Date of next meeting",
)
NUMBERING_LABELS: dict[MinuteNumbering, str] = {
    MinuteNumbering.NONE: "Within each meeting (1, 2, 3 …)",
    MinuteNumbering.CONTINUOUS: "Continuously across meetings",
    MinuteNumbering.MUNICIPAL_YEAR: "Restarting each municipal year (23/17)",
}
MAX_NAME = 200
MAX_SHORT_NAME = 12  # it prefixes every action ref ("IB-20170801-03")
MAX_LENGTH_MINUTES = 24 * 60
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")
EDITABLE = frozenset(
    {
        "name",
        "short_name",
        "description",
        "venue",
        "start_time",
        "usual_length_minutes",
        "quorum",
        "standing_items",
        "minute_numbering",
        "municipal_year_start_month",
        "publication_days",  # issue 15: clear working days before a meeting its agenda is published
        "call_in_days",  # issue 17: working days a decision may be called in before it takes effect
        "word_template",  # issue 15: the house template's path; "" for BoardApp's own
    }
)
WORD_TEMPLATE_SUFFIXES = (".docx", ".docm")


@dataclass(frozen=True)
class BoardSettings:
    """A board's own fields, as the settings dialog and the CLI show them."""

    id: int
    name: str
    short_name: str
    description: str
    venue: str
    start_time: str  # "14:30" or ""
    usual_length_minutes: int | None
    quorum: int | None
    standing_items: tuple[str, ...]
    minute_numbering: MinuteNumbering
    municipal_year_start_month: int
    archived: bool
    call_in_days: int = 5  # issue 17
    word_template: str = ""  # issue 15: the house template's path; "": the reference template in resources/
    publication_days: int = 5  # clear working days between publishing the agenda and the meeting


@dataclass(frozen=True)
class BoardSummary:
    """One line of the list of boards."""

    id: int
    name: str
    short_name: str
    venue: str
    start_time: str
    current_members: int
    meetings: int
    archived: bool


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def normalise_start_time(text: str) -> str:
    """ "14:30" from "14:30", "2:30" → "02:30", "14.30" → "14:30"; "" stays ""; InvalidChange otherwise."""
    text = (text or "").strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidChange(f"“{text}” is not a time: write it as HH:MM on the 24-hour clock, for example 14:30.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _check_name(session: Session, name: str, board_id: int | None) -> str:
    name = _clean(name)
    if not name:
        raise InvalidChange("A board needs a name.")
    if len(name) > MAX_NAME:
        raise InvalidChange(f"A board's name can be at most {MAX_NAME} characters.")
    for other in session.exec(select(Board)).all():
        if other.id != board_id and other.name.casefold() == name.casefold():
            state = " (archived)" if other.archived else ""
            raise InvalidChange(f"There is already a board called “{other.name}”{state}: choose another name.")
    return name


def _check_short_name(session: Session, short_name: str, board_id: int | None) -> str:
    short_name = _clean(short_name)
    if not short_name:
        return ""
    if len(short_name) > MAX_SHORT_NAME or " " in short_name:
        raise InvalidChange(
            f"A short name is one word of at most {MAX_SHORT_NAME} characters (“IB”): it starts every action ref."
        )
    for other in session.exec(select(Board)).all():
        if other.id != board_id and other.short_name.casefold() == short_name.casefold():
            raise InvalidChange(f"“{other.name}” already has the short name “{other.short_name}”: choose another.")
    return short_name


def _check_length(minutes: int | None) -> int | None:
    if minutes is None:
        return None
    if not 0 < minutes <= MAX_LENGTH_MINUTES:
        raise InvalidChange(f"A meeting's usual length is between 1 and {MAX_LENGTH_MINUTES} minutes.")
    return minutes


def _check_quorum(quorum: int | None) -> int | None:
    if quorum is None:
        return None
    if quorum < 1:
        raise InvalidChange("A quorum is at least 1 member (leave it empty if the board has none).")
    return quorum


def _check_items(items: list[str] | tuple[str, ...]) -> list[str]:
    """Titles trimmed, blank ones dropped (an empty line in a list is not an item)."""
    return [title for title in (_clean(item) for item in items) if title]


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise InvalidChange("The municipal year starts in a month numbered 1 to 12 (May is 5).")
    return month


def _check_publication_days(days: int) -> int:
    if not isinstance(days, int) or not 0 <= days <= 60:
        raise InvalidChange("The agenda is published 0 to 60 clear working days before the meeting (5 is usual).")
    return days


@dataclass(frozen=True)
class WordTemplateCheck:
    """A house template that can be used, and BoardApp's named styles it lacks (each is added from
    BoardApp's own definitions when a document is exported, so a clerk knows what will not look "house")."""

    path: str
    missing_styles: tuple[str, ...]

    @property
    def summary(self) -> str:
        name = Path(self.path).name
        if not self.missing_styles:
            return f"The Word template {name} has every style BoardApp uses."
        listed = ", ".join(f"“{style}”" for style in self.missing_styles)
        return (
            f"The Word template {name} has no style named {listed}: BoardApp's own is added for "
            f"{'it' if len(self.missing_styles) == 1 else 'them'} when a document is exported."
        )


def _boardapp_style_names() -> frozenset[str]:
    """The named styles of BoardApp's reference template (resources/templates): its custom styles,
    without Word's linked "… Char" styles. Read from the shipped file, which exporting/backends/
    word_styles.py builds, since services may not import the exporting layer."""
    import docx
    from docx.oxml.ns import qn

    from boardapp.bundled import resources_dir

    reference = docx.Document(str(resources_dir() / "templates" / "boardapp-minutes.docx"))
    return frozenset(
        style.name or ""
        for style in reference.styles
        if style.element.get(qn("w:customStyle")) in ("1", "true") and style.element.find(qn("w:link")) is None
    )


def check_word_template(path: str | Path) -> WordTemplateCheck:
    """The house template at `path` checked as the Word export will open it; InvalidChange names the
    file and says what is wrong (missing, not a .docx, unreadable)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    chosen = Path(path).expanduser().absolute()
    if chosen.suffix.lower() not in WORD_TEMPLATE_SUFFIXES:
        raise InvalidChange(
            f"The Word template {chosen} cannot be used: choose a Word document (.docx). A Word template "
            f"(.dotx) can be saved as .docx from Word (File ▸ Save As)."
        )
    if not chosen.is_file():
        raise InvalidChange(f"The Word template {chosen} does not exist (or is not a file).")
    try:
        word = docx.Document(str(chosen))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise InvalidChange(f"The Word template {chosen} could not be read as a Word document ({exc}).") from None
    have = {style.name for style in word.styles}
    missing = tuple(sorted(_boardapp_style_names() - have))
    return WordTemplateCheck(str(chosen), missing)


def create_board(
    session: Session,
    name: str,
    *,
    short_name: str = "",
    venue: str = "",
    start_time: str = "",
    usual_length_minutes: int | None = None,
    quorum: int | None = None,
    standing_items: list[str] | tuple[str, ...] | None = None,
    minute_numbering: MinuteNumbering = MinuteNumbering.NONE,
    municipal_year_start_month: int = 5,
) -> tuple[int, Changes]:
    """A new board with its defaults; with no standing items given, the usual five."""
    board = Board(
        name=_check_name(session, name, None),
        short_name=_check_short_name(session, short_name, None),
        default_venue=_clean(venue),
        default_start_time=normalise_start_time(start_time),
        usual_length_minutes=_check_length(usual_length_minutes),
        quorum=_check_quorum(quorum),
        standing_items=_check_items(DEFAULT_STANDING_ITEMS if standing_items is None else standing_items),
        minute_numbering=MinuteNumbering(minute_numbering),
        municipal_year_start_month=_check_month(municipal_year_start_month),
    )
    session.add(board)
    session.flush()
    board_id = board.id or 0
    return board_id, Changes(boards=frozenset({board_id}))


def _board(session: Session, board_id: int) -> Board:
    board = session.get(Board, board_id)
    if board is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    return board


def update_board(session: Session, board_id: int, **fields: Any) -> Changes:
    """Change some of a board's settings: any of `EDITABLE` (venue and start_time are the defaults)."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise InvalidChange(f"A board has no setting called {', '.join(sorted(unknown))}.")
    board = _board(session, board_id)
    if "name" in fields:
        board.name = _check_name(session, fields["name"], board_id)
    if "short_name" in fields:
        board.short_name = _check_short_name(session, fields["short_name"], board_id)
    if "description" in fields:
        board.description = (fields["description"] or "").strip()
    if "venue" in fields:
        board.default_venue = _clean(fields["venue"])
    if "start_time" in fields:
        board.default_start_time = normalise_start_time(fields["start_time"])
    if "usual_length_minutes" in fields:
        board.usual_length_minutes = _check_length(fields["usual_length_minutes"])
    if "quorum" in fields:
        board.quorum = _check_quorum(fields["quorum"])
    if "standing_items" in fields:
        board.standing_items = _check_items(fields["standing_items"] or [])
    if "minute_numbering" in fields:
        board.minute_numbering = MinuteNumbering(fields["minute_numbering"])
    if "municipal_year_start_month" in fields:
        board.municipal_year_start_month = _check_month(fields["municipal_year_start_month"])
    if "publication_days" in fields:
        board.publication_days = _check_publication_days(fields["publication_days"])
    if "call_in_days" in fields:
        days = fields["call_in_days"]
        if not isinstance(days, int) or not 0 <= days <= 60:
            raise InvalidChange("The call-in period is a number of working days from 0 to 60.")
        board.call_in_days = days
    if "word_template" in fields:
        text = (fields["word_template"] or "").strip()
        board.word_template = check_word_template(text).path if text else ""
    session.add(board)
    session.flush()
    return Changes(boards=frozenset({board_id}))


def archive_board(session: Session, board_id: int, archived: bool = True) -> Changes:
    """Hide a board from new work (or bring it back); its meetings and minutes are all kept."""
    board = _board(session, board_id)
    board.archived = archived
    session.add(board)
    session.flush()
    return Changes(boards=frozenset({board_id}))


def board_settings(session: Session, board_id: int) -> BoardSettings:
    board = _board(session, board_id)
    return BoardSettings(
        id=board_id,
        name=board.name,
        short_name=board.short_name,
        description=board.description,
        venue=board.default_venue,
        start_time=board.default_start_time,
        usual_length_minutes=board.usual_length_minutes,
        quorum=board.quorum,
        standing_items=tuple(board.standing_items),
        minute_numbering=MinuteNumbering(board.minute_numbering),
        municipal_year_start_month=board.municipal_year_start_month,
        archived=board.archived,
        call_in_days=board.call_in_days,
        word_template=board.word_template,
        publication_days=board.publication_days,
    )


def word_template_of_board(session: Session, board_id: int) -> str:
    """The board's house template setting ("" when it has none, or no such board): its action log's."""
    board = session.get(Board, board_id)
    return board.word_template if board is not None else ""


def word_template_of_meeting(session: Session, meeting_id: int) -> str:
    """The house template setting of the meeting's board ("" when it has none, or no such meeting)."""
    meeting = session.get(Meeting, meeting_id)
    board = session.get(Board, meeting.board_id) if meeting is not None else None
    return board.word_template if board is not None else ""


def word_template_of_decision(session: Session, decision_id: int) -> str:
    """The house template setting of the board that made the decision ("" when there is none)."""
    from boardapp.core.models import AgendaItem, Decision

    decision = session.get(Decision, decision_id)
    item = session.get(AgendaItem, decision.agenda_item_id) if decision is not None else None
    return word_template_of_meeting(session, item.meeting_id) if item is not None else ""


def list_boards(
    session: Session, include_archived: bool = False, *, today: dt.date | None = None
) -> list[BoardSummary]:
    """Boards by name, with how many meetings they have and how many members they have on `today`."""
    from boardapp.services.memberships import is_current

    today = today or dt.date.today()
    query = select(Board).order_by(col(Board.name))
    boards = [b for b in session.exec(query).all() if include_archived or not b.archived]
    meetings = Counter(session.exec(select(Meeting.board_id)).all())
    members: Counter[int] = Counter()
    for membership in session.exec(select(Membership)).all():
        if is_current(membership, today):
            members[membership.board_id] += 1
    return [
        BoardSummary(
            id=b.id or 0,
            name=b.name,
            short_name=b.short_name,
            venue=b.default_venue,
            start_time=b.default_start_time,
            current_members=members[b.id or 0],
            meetings=meetings[b.id or 0],
            archived=b.archived,
        )
        for b in boards
    ]


def find_board_id(session: Session, name: str) -> int:
    """The board called `name` or with that short name (case and spacing ignored); NotFound lists them."""
    boards = session.exec(select(Board).order_by(col(Board.name))).all()
    wanted = _clean(name).casefold()
    for board in boards:
        if board.id is not None and wanted in (board.name.casefold(), board.short_name.casefold()):
            return board.id
    listed = ", ".join(b.name for b in boards) or "there are no boards yet"
    raise NotFound(f"No board is called “{name}” ({listed}).")
