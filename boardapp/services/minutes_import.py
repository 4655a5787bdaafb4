"""Bring past minutes in as held meetings: preview many files at once, then write each whole or not at all.

Why (issue 14 point 3): years of minutes in Word or PDF are what a secretariat already has; once in,
their open actions come up in matters arising and every word is searchable (the FTS triggers index
what is written here, nothing more is needed).

1. `preview_minutes_import(session, paths, board_id)` reads every file (importing/minutes.py) and
   says, per file, the meeting it would create, or that the board already has a held meeting that
   day ("already held — will be skipped": recognised, never duplicated), who is matched to people
   already known and who would be new, the counts and the problems. Nothing is written.
2. `apply_minutes_import(session, preview)` writes each importable file inside its own SAVEPOINT
   (`session.begin_nested()`): a file that fails part-way leaves nothing behind, and the others go
   in. The caller commits (and takes a backup first: `Store.backup`, which the command and the GUI do).

What a file becomes: a HELD meeting (a scheduled meeting of that date with no agenda yet is used
instead of a second one; one with an agenda is an error the clerk must settle), its attendance with
the organisation shown against each name, the items in order with their presenters, the notes as
`Minute.notes` ("- " bullets), each resolution as a Decision and each action with its owners, the due
phrase verbatim (`due_text`) and the due meeting found in the board's calendar where the phrase names
one. Minutes that approve an earlier meeting's minutes mark that meeting's minutes approved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from boardapp.core.dates import long_date, long_date_with_weekday
from boardapp.core.enums import AttendanceKind, DueKind, MeetingStatus, StandingKind
from boardapp.core.models import (
    Action,
    ActionOwner,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Decision,
    Meeting,
    MeetingStatusChange,
    Minute,
    Person,
)
from boardapp.core.rules.action_lines import find_due_phrase, resolve_due_meeting
from boardapp.core.rules.due_text import make_date, month_number
from boardapp.core.rules.leads import MULTI_WORD_TITLES, POST_NOMINALS, TITLES, PartyName
from boardapp.core.rules.matching import Candidate, match_party
from boardapp.core.rules.refs import action_ref
from boardapp.importing.minutes import MinutesDocument, read_minutes
from boardapp.importing.problems import ImportFileError, Problem, Severity
from boardapp.services.changes import Changes
from boardapp.services.errors import NotFound, ServiceError
from boardapp.services.parties import PartyDirectory, organisation_id, party_candidates
from boardapp.services.plan_import import find_board_id

__all__ = [
    "MinutesFilePreview",
    "MinutesImportPreview",
    "MinutesImportResult",
    "apply_minutes_import",
    "preview_minutes_import",
]

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.LOCKED)
NEW, SKIPPED, REFUSED = "new", "skipped", "refused"

_STANDING = (
    (re.compile(r"^(?:welcome|apologies|introductions)\b", re.I), StandingKind.WELCOME),
    (re.compile(r"^(?:minutes|matters arising)\b", re.I), StandingKind.PREVIOUS_MINUTES),
    (re.compile(r"^any other (?:business|urgent business)\b", re.I), StandingKind.ANY_OTHER_BUSINESS),
    (re.compile(r"^date (?:and time )?of (?:the )?next meeting\b", re.I), StandingKind.NEXT_MEETING),
)
_APPROVED = re.compile(
    r"minutes of the (?:last )?meeting held on (?:[A-Za-z]+day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"(?P<month>[A-Za-z]+),?\s+(?P<year>\d{4}),?\s+(?:were|be)\s+(?:approved|agreed|confirmed)",
    re.IGNORECASE,
)


@dataclass
class MinutesFilePreview:
    """What one file would become; `status` is NEW (imported), SKIPPED (already held) or REFUSED (errors)."""

    path: Path
    document: MinutesDocument | None
    problems: list[Problem] = field(default_factory=list)
    status: str = NEW
    held_meeting_id: int | None = None  # the meeting already held that day (SKIPPED)
    scheduled_meeting_id: int | None = None  # a scheduled meeting of that day, used for these minutes
    matched: list[str] = field(default_factory=list)  # "County Councillor Geoff Driver CBE → Geoff Driver"
    new_people: list[str] = field(default_factory=list)
    new_roles: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def will_import(self) -> bool:
        return self.status == NEW and self.document is not None and not self.errors

    @property
    def meeting_date(self) -> dt.date | None:
        return self.document.date if self.document else None

    def counts(self) -> dict[str, int]:
        doc = self.document
        if doc is None:
            return {"attending": 0, "items": 0, "decisions": 0, "actions": 0}
        return {
            "present": sum(1 for a in doc.attendees if a.kind is AttendanceKind.PRESENT),
            "apologies": sum(1 for a in doc.attendees if a.kind is AttendanceKind.APOLOGIES),
            "in attendance": sum(1 for a in doc.attendees if a.kind is AttendanceKind.IN_ATTENDANCE),
            "items": len(doc.items),
            "decisions": sum(len(i.decisions) for i in doc.items),
            "actions": sum(len(i.actions) for i in doc.items),
        }

    def headline(self) -> str:
        doc = self.document
        if doc is None or doc.date is None:
            return f"{self.path.name}: cannot be imported"
        when = long_date_with_weekday(doc.date)
        if doc.start_time is not None:
            when += f" at {doc.start_time.hour:02d}:{doc.start_time.minute:02d}"
        if self.status == SKIPPED:
            return f"{self.path.name}: meeting of {when} — already held — will be skipped"
        counts = ", ".join(f"{n} {what}" for what, n in self.counts().items())
        verb = "will be imported" if self.will_import else "cannot be imported"
        venue = f", {doc.venue}" if doc.venue else ""
        return f"{self.path.name}: meeting of {when}{venue} — {verb}: {counts}"

    def summary_lines(self, max_problems: int = 20) -> list[str]:
        lines = [self.headline()]
        if self.status != SKIPPED and self.document is not None:
            if self.matched:
                lines.append(f"  people matched ({len(self.matched)}): {'; '.join(self.matched)}")
            if self.new_people:
                lines.append(f"  new people ({len(self.new_people)}): {'; '.join(self.new_people)}")
            if self.new_roles:
                lines.append(f"  new roles ({len(self.new_roles)}): {'; '.join(self.new_roles)}")
        if self.problems:
            lines.append(f"  problems: {len(self.errors)} error(s), {len(self.warnings)} warning(s)")
            for problem in (self.errors + self.warnings)[:max_problems]:
                where = f"{problem.where}: " if problem.where else ""
                lines.append(f"    {problem.severity.value:<7} {where}{problem.message}")
            if len(self.problems) > max_problems:
                lines.append(f"    … and {len(self.problems) - max_problems} more")
        return lines


@dataclass
class MinutesImportPreview:
    board_id: int
    board_name: str
    files: list[MinutesFilePreview]

    @property
    def importable(self) -> list[MinutesFilePreview]:
        return [f for f in self.files if f.will_import]

    @property
    def skipped(self) -> list[MinutesFilePreview]:
        return [f for f in self.files if f.status == SKIPPED]

    @property
    def refused(self) -> list[MinutesFilePreview]:
        return [f for f in self.files if f.status != SKIPPED and not f.will_import]

    def summary_lines(self, max_problems: int = 20) -> list[str]:
        lines = [
            f"Minutes for “{self.board_name}”: {len(self.files)} file(s): {len(self.importable)} to import, "
            f"{len(self.skipped)} already held (skipped), {len(self.refused)} cannot be imported."
        ]
        for file in self.files:
            lines.extend(file.summary_lines(max_problems))
        return lines


@dataclass
class MinutesImportResult:
    imported: list[tuple[Path, int]] = field(default_factory=list)  # (file, meeting id)
    skipped: list[Path] = field(default_factory=list)  # already held, or refused in the preview
    failed: list[tuple[Path, str]] = field(default_factory=list)  # failed while writing: nothing kept


# -- people ----------------------------------------------------------------------------------------------
def person_parts(written: str) -> tuple[str, str, str]:
    """("County Councillor Mrs", "Susie Charles", "") from "County Councillor Mrs Susie Charles"."""
    words = written.split()
    titles: list[str] = []
    while len(words) > 2:
        keys = [w.rstrip(".").casefold() for w in words]
        multi = next((t for t in MULTI_WORD_TITLES if tuple(keys[: len(t)]) == t), None)
        size = len(multi) if multi else (1 if keys[0] in TITLES else 0)
        if not size or len(words) - size < 2:
            break
        titles.extend(words[:size])
        words = words[size:]
    honours: list[str] = []
    while len(words) > 2 and words[-1].rstrip(".,").casefold() in POST_NOMINALS:
        honours.insert(0, words[-1].rstrip(","))
        words = words[:-1]
    return " ".join(titles), " ".join(words), " ".join(honours)


class _Matcher:
    """Matches names against known people and roles plus those the preview would already create."""

    def __init__(self, session: Session) -> None:
        self.candidates: list[Candidate] = party_candidates(session)
        self.names = {(c.id, c.is_role): c.name for c in self.candidates}
        self.next_new = -1

    def match(self, written: str, *, is_role: bool) -> tuple[Candidate, bool]:
        """(candidate, is new)."""
        pools = [c for c in self.candidates if c.is_role == is_role] + [
            c for c in self.candidates if c.is_role != is_role
        ]
        found = match_party(written, pools)
        if found is not None:
            return found, found.id < 0
        name = written if is_role else person_parts(written)[1]
        new = Candidate(id=self.next_new, name=name, aliases=(written,), is_role=is_role)
        self.next_new -= 1
        self.candidates.append(new)
        return new, True


def _board(session: Session, board: int | str) -> Board:
    board_id = board if isinstance(board, int) else find_board_id(session, board)
    found = session.get(Board, board_id)
    if found is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    return found


def _meetings_on(session: Session, board_id: int, date: dt.date) -> list[Meeting]:
    return list(session.exec(select(Meeting).where(Meeting.board_id == board_id, Meeting.date == date)).all())


# -- preview ---------------------------------------------------------------------------------------------
def preview_minutes_import(session: Session, paths: Sequence[Path | str], board_id: int | str) -> MinutesImportPreview:
    """What importing these files onto the board would write; nothing is written.

    A file that cannot be read at all is listed with its problem, not raised: the others still preview.
    NotFound for an unknown board (the message lists the boards).
    """
    board = _board(session, board_id)
    matcher = _Matcher(session)
    files: list[MinutesFilePreview] = []
    dates_seen: dict[dt.date, str] = {}
    for raw in paths:
        path = Path(raw)
        try:
            document = read_minutes(path)
        except ImportFileError as exc:
            files.append(MinutesFilePreview(path, None, [Problem(Severity.ERROR, path.name, str(exc))], status=REFUSED))
            continue
        except OSError as exc:
            message = f"{path.name} cannot be opened ({exc.strerror or exc})."
            files.append(MinutesFilePreview(path, None, [Problem(Severity.ERROR, path.name, message)], REFUSED))
            continue
        file = MinutesFilePreview(path, document, list(document.problems))
        files.append(file)
        if document.board_name and _key(document.board_name) not in (_key(board.name), _key(board.short_name)):
            file.problems.append(
                Problem(
                    Severity.WARNING,
                    "",
                    f"the minutes are headed “{document.board_name}”; they will be imported onto “{board.name}”.",
                )
            )
        if document.date is not None:
            _place_meeting(session, board, file, document.date, dates_seen)
        if file.status == SKIPPED or document.date is None:
            if file.errors:
                file.status = REFUSED if file.status != SKIPPED else SKIPPED
            continue
        _match_people(matcher, file, document)
        if file.errors:
            file.status = REFUSED
    return MinutesImportPreview(board.id or 0, board.name, files)


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def _place_meeting(
    session: Session, board: Board, file: MinutesFilePreview, date: dt.date, dates_seen: dict[dt.date, str]
) -> None:
    existing = _meetings_on(session, board.id or 0, date)
    held = [m for m in existing if m.status in HELD]
    if held:
        file.status, file.held_meeting_id = SKIPPED, held[0].id
        return
    if date in dates_seen:
        file.status = SKIPPED
        file.problems.append(
            Problem(
                Severity.WARNING, "", f"{dates_seen[date]} holds the minutes of the same day; this file is skipped."
            )
        )
        return
    dates_seen[date] = file.path.name
    scheduled = [m for m in existing if m.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)]
    for meeting in scheduled:
        items = session.exec(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id)).all()
        if items:
            file.problems.append(
                Problem(
                    Severity.ERROR,
                    "",
                    f"{board.name} already has a meeting on {long_date(date)} with an agenda of {len(items)} "
                    f"item(s) that has not been minuted. Delete or cancel that meeting first, or minute it in "
                    f"BoardApp.",
                )
            )
            return
        file.scheduled_meeting_id = meeting.id
        return


def _match_people(matcher: _Matcher, file: MinutesFilePreview, document: MinutesDocument) -> None:
    seen: dict[str, str] = {}  # written name -> matched name
    written: list[tuple[str, bool]] = [(a.name, False) for a in document.attendees]
    for item in document.items:
        written.extend((name, False) for name in item.presenters)
        for action in item.actions:
            written.extend((o.text, o.is_role) for o in action.owners)
    attendee_people: dict[int, str] = {}
    for attendee in document.attendees:
        found, _new = matcher.match(attendee.name, is_role=False)
        if found.id in attendee_people:
            file.problems.append(
                Problem(
                    Severity.WARNING,
                    attendee.where,
                    f"“{attendee.name}” is listed twice in the attendance (as {attendee_people[found.id]} too); "
                    f"recorded once.",
                )
            )
        attendee_people.setdefault(found.id, attendee.name)
    listed: set[tuple[int, bool]] = set()
    for name, is_role in written:
        if name in seen:
            continue
        found, new = matcher.match(name, is_role=is_role)
        seen[name] = found.name
        if new:  # new to the database (each file is written on its own, so it may be new in several)
            if (found.id, found.is_role) in listed:
                continue
            listed.add((found.id, found.is_role))
            target = file.new_roles if found.is_role else file.new_people
            target.append(found.name if found.name == name else f"{found.name} (“{name}”)")
        else:
            file.matched.append(name if found.name == name else f"{name} → {found.name}")


# -- apply -----------------------------------------------------------------------------------------------
def apply_minutes_import(
    session: Session, preview: MinutesImportPreview, *, by: str = ""
) -> tuple[MinutesImportResult, Changes]:
    """Write every importable file, each in its own SAVEPOINT; the caller commits.

    A file whose meeting has been held since the preview is skipped; one that fails while being
    written is rolled back to its savepoint (nothing of it kept) and listed in `failed`.
    ServiceError when nothing at all could be imported although files were offered.
    """
    board = session.get(Board, preview.board_id)
    if board is None:
        raise NotFound(f"There is no board with id {preview.board_id}; it may have been deleted.")
    result = MinutesImportResult()
    changes = Changes()
    pending_due: list[tuple[int, dt.date]] = []  # (action id, raised on): resolve once every file is in
    files = sorted(preview.importable, key=lambda f: f.meeting_date or dt.date.min)
    result.skipped.extend(f.path for f in preview.files if not f.will_import)
    directory = PartyDirectory(session)
    for file in files:
        assert file.document is not None and file.document.date is not None
        if any(m.status in HELD for m in _meetings_on(session, board.id or 0, file.document.date)):
            result.skipped.append(file.path)
            continue
        try:
            with session.begin_nested():
                meeting_id, step, due = _write_file(session, board, file, directory, by)
        except (SQLAlchemyError, ServiceError, ValueError) as exc:
            result.failed.append((file.path, f"{file.path.name} was not imported ({_first_line(exc)})."))
            directory = PartyDirectory(session)  # people added inside the rolled-back savepoint are gone
            continue
        result.imported.append((file.path, meeting_id))
        changes = changes | step
        pending_due.extend(due)
    _resolve_due_meetings(session, board.id or 0, pending_due)
    if not result.imported and preview.importable:
        raise ServiceError(
            "No minutes were imported: " + " ".join(message for _, message in result.failed)
            if result.failed
            else "No minutes were imported: every file's meeting has been held since the preview."
        )
    return result, changes


def _write_file(
    session: Session, board: Board, file: MinutesFilePreview, directory: PartyDirectory, by: str
) -> tuple[int, Changes, list[tuple[int, dt.date]]]:
    doc = file.document
    assert doc is not None and doc.date is not None
    author = by or f"Imported from {file.path.name}"
    meeting = session.get(Meeting, file.scheduled_meeting_id) if file.scheduled_meeting_id else None
    if meeting is None:
        meeting = Meeting(board_id=board.id or 0, date=doc.date, status=MeetingStatus.SCHEDULED)
    before = meeting.status
    meeting.start_time = doc.start_time or meeting.start_time
    meeting.venue = doc.venue or meeting.venue
    meeting.status = MeetingStatus.HELD
    session.add(meeting)
    session.flush()
    meeting_id = meeting.id or 0
    session.add(
        MeetingStatusChange(
            meeting_id=meeting_id,
            from_status=before,
            to_status=MeetingStatus.HELD,
            changed_by=author,
            reason=f"Minutes imported from {file.path.name}",
        )
    )
    people_before = len(directory.known_names())
    item_ids: list[int] = []
    action_ids: list[int] = []
    due_later: list[tuple[int, dt.date]] = []
    attending: set[int] = set()
    for position, attendee in enumerate(doc.attendees, start=1):
        person_id = _person(session, directory, attendee.name, attendee.organisation)
        if person_id in attending:
            continue
        attending.add(person_id)
        session.add(
            Attendance(
                meeting_id=meeting_id,
                person_id=person_id,
                kind=attendee.kind,
                position=position,
                organisation_id=organisation_id(session, attendee.organisation),
            )
        )
    calendar = _calendar(session, board.id or 0)
    refs = _RefNumbers(board.short_name, list(session.exec(select(Action.ref).where(Action.board_id == board.id))))
    for position, entry in enumerate(doc.items, start=1):
        item = AgendaItem(
            meeting_id=meeting_id, position=position, title=entry.title, standing_kind=_standing_kind(entry.title)
        )
        session.add(item)
        session.flush()
        item_id = item.id or 0
        item_ids.append(item_id)
        for order, name in enumerate(entry.presenters):
            ref = directory.resolve(PartyName(name, is_role=False))
            session.add(
                AgendaItemPresenter(
                    agenda_item_id=item_id, person_id=ref.person_id, role_id=ref.role_id, position=order
                )
            )
        if entry.notes:
            session.add(Minute(agenda_item_id=item_id, notes=entry.notes))
        for order, text in enumerate(entry.decisions):
            session.add(Decision(agenda_item_id=item_id, position=order, text=text))
            _mark_approved(session, board.id or 0, meeting, text)
        for order, line in enumerate(entry.actions, start=1):
            due = line.due
            due_meeting = resolve_due_meeting(due, doc.date, list(calendar)) if due is not None else None
            action = Action(
                board_id=board.id or 0,
                ref=refs.next(doc.date),
                text=line.text,
                raised_meeting_id=meeting_id,
                raised_item_id=item_id,
                position=order,
                due_kind=due.kind if due is not None else DueKind.NONE,
                due_meeting_id=calendar.get(due_meeting) if due_meeting else None,
                due_date=due.date if due is not None and due.kind is DueKind.DATE else None,
                due_text=due.phrase if due is not None else "",
            )
            session.add(action)
            session.flush()
            action_ids.append(action.id or 0)
            if due is not None and due.kind is DueKind.MEETING and due_meeting is None:
                due_later.append((action.id or 0, doc.date))
            for owner_position, owner in enumerate(line.owners):
                ref = directory.resolve(owner)
                session.add(
                    ActionOwner(
                        action_id=action.id or 0,
                        person_id=ref.person_id,
                        role_id=ref.role_id,
                        position=owner_position,
                    )
                )
    session.flush()
    people_added = len(directory.known_names()) != people_before
    changes = Changes(
        meetings=frozenset({meeting_id}),
        agenda=frozenset({meeting_id}),
        attendance=frozenset({meeting_id}),
        minutes=frozenset(item_ids),
        actions=frozenset(action_ids),
        people=people_added or bool(file.new_roles),
        boards=frozenset({board.id or 0}),
    )
    return meeting_id, changes, due_later


def _person(session: Session, directory: PartyDirectory, written: str, organisation: str) -> int:
    found = directory.find(written)
    if found is not None and found.person_id is not None:
        return found.person_id
    title, name, honours = person_parts(written)
    return directory.add_person(
        Person(name=name, title=title, honours=honours, organisation_id=organisation_id(session, organisation))
    )


def _standing_kind(title: str) -> StandingKind:
    for pattern, kind in _STANDING:
        if pattern.search(title):
            return kind
    return StandingKind.NONE


def _calendar(session: Session, board_id: int) -> dict[dt.date, int]:
    rows = session.exec(
        select(col(Meeting.date), col(Meeting.id))
        .where(Meeting.board_id == board_id, Meeting.status != MeetingStatus.CANCELLED)
        .order_by(col(Meeting.date), col(Meeting.start_time))
    ).all()
    found: dict[dt.date, int] = {}
    for date, meeting_id in rows:
        if meeting_id is not None:
            found.setdefault(date, meeting_id)
    return found


def _resolve_due_meetings(session: Session, board_id: int, pending: Iterable[tuple[int, dt.date]]) -> None:
    """Actions due at a meeting whose minutes came later in the same import: link them now."""
    pending = list(pending)
    if not pending:
        return
    calendar = _calendar(session, board_id)
    for action_id, raised_on in pending:
        action = session.get(Action, action_id)
        if action is None or action.due_meeting_id is not None:
            continue
        due = find_due_phrase(action.due_text)
        found = resolve_due_meeting(due, raised_on, list(calendar)) if due is not None else None
        if found is not None:
            action.due_meeting_id = calendar[found]
            session.add(action)
    session.flush()


def _mark_approved(session: Session, board_id: int, meeting: Meeting, text: str) -> None:
    """ "The minutes of the meeting held on 6 June 2017 were approved": that meeting's minutes are approved."""
    match = _APPROVED.search(text)
    if match is None:
        return
    try:
        month = month_number(match.group("month"))
    except ValueError:
        return
    date, _ = make_date(int(match.group("day")), month, int(match.group("year")))
    if date is None or date >= meeting.date:
        return
    for earlier in _meetings_on(session, board_id, date):
        if earlier.status is MeetingStatus.HELD and earlier.minutes_approved_at_id is None:
            earlier.minutes_approved_at_id = meeting.id
            earlier.minutes_approved_on = meeting.date
            session.add(
                MeetingStatusChange(
                    meeting_id=earlier.id or 0,
                    from_status=MeetingStatus.HELD,
                    to_status=MeetingStatus.MINUTES_APPROVED,
                    changed_by=f"Imported minutes of {long_date(meeting.date)}",
                    reason=text,
                )
            )
            earlier.status = MeetingStatus.MINUTES_APPROVED
            session.add(earlier)


class _RefNumbers:
    """Refs as live minuting numbers them ("IB-20170801-03"), past every ref the board already uses."""

    def __init__(self, short_name: str, taken: Sequence[str]) -> None:
        self.short_name = short_name
        self.taken = {ref.casefold() for ref in taken}

    def next(self, raised_on: dt.date) -> str:
        number = 1
        while (ref := action_ref(self.short_name, raised_on, number)).casefold() in self.taken:
            number += 1
        self.taken.add(ref.casefold())
        return ref


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
