"""Import a board's membership list from .xlsx or .csv: preview, then write every row or none.

1. `preview(session, path, board=...)` reads the file (importing/members.py) and matches each
   name against the people already known through `PartyDirectory` (so "Cllr Geoff Driver" in the
   list is the Geoff Driver of the minutes); names nobody matches are new people. A row whose
   person is already a member of the board over the same dates is left out with a warning (so
   importing the same list twice changes nothing). Nothing is written.
2. `write(session, preview)` refuses (InvalidChange) when the preview has errors or nothing to
   import; otherwise it creates the new people (with their organisation and email), fills in a
   known person's blank organisation and email, and adds every membership, in the caller's
   transaction: a failure part-way raises and the caller rolls back, so the list goes in whole or
   not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from boardapp.core.enums import MemberRole
from boardapp.core.models import Board, Membership, Person
from boardapp.core.rules.member_roles import ROLE_LABELS
from boardapp.importing.members import MEMBER_FIELDS, MemberDraft, read_member_list
from boardapp.importing.problems import ImportFileError, Problem, Severity
from boardapp.services.boards import find_board_id
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.memberships import add_member
from boardapp.services.parties import PartyDirectory, organisation_id, split_title

__all__ = ["ImportFileError", "MemberImportPreview", "MemberPreview", "preview", "write"]


@dataclass(frozen=True)
class MemberPreview:
    """One row as it would be written."""

    draft: MemberDraft
    person_id: int | None  # an existing person; None: a new one is created
    matched_name: str = ""  # the existing person's name, when it differs from the list's
    skipped: bool = False  # already a member over these dates: nothing to write

    @property
    def role(self) -> MemberRole:
        return self.draft.role or MemberRole.MEMBER

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role] if self.draft.role is not None else f"? {self.draft.role_text}"

    @property
    def status(self) -> str:
        if self.skipped:
            return "already a member"
        if self.person_id is None:
            return "new person"
        return f"known as {self.matched_name}" if self.matched_name else "known person"


@dataclass(frozen=True)
class MemberImportPreview:
    path: Path
    file_kind: str
    board_id: int
    board_name: str
    rows: tuple[MemberPreview, ...]
    problems: tuple[Problem, ...]
    columns: tuple[str, ...] = ()  # "'Full name' → Name", one per column read
    skipped_tables: tuple[str, ...] = ()
    blank_rows: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def to_write(self) -> tuple[MemberPreview, ...]:
        return tuple(r for r in self.rows if not r.skipped)

    @property
    def new_people(self) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for row in self.to_write:
            if row.person_id is None:
                names.setdefault(row.draft.name.casefold(), row.draft.name)
        return tuple(names.values())

    @property
    def can_write(self) -> bool:
        return not self.errors and bool(self.to_write)

    def summary_lines(self, max_problems: int = 30) -> list[str]:
        """The preview as text: what the CLI prints and the dialog shows above its tables."""
        count = len(self.to_write)
        lines = [
            f"Membership list {self.path.name} for “{self.board_name}”: {count} membership"
            f"{'' if count == 1 else 's'} to add ({len(self.new_people)} new people, "
            f"{count - sum(1 for r in self.to_write if r.person_id is None)} known)."
        ]
        already = len(self.rows) - count
        if already:
            lines.append(f"{already} row(s) left out: already members over those dates.")
        if self.blank_rows:
            lines.append(f"{self.blank_rows} blank row(s) skipped.")
        if self.columns:
            lines.append("Columns: " + "; ".join(self.columns))
        if self.skipped_tables:
            lines.append("Left out: " + "; ".join(self.skipped_tables))
        if self.problems:
            errors, warnings = len(self.errors), len(self.problems) - len(self.errors)
            lines.append(f"Problems: {errors} error(s), {warnings} warning(s)")
            ordered = sorted(self.problems, key=lambda p: (not p.is_error, p.table, p.row or 0, p.column))
            lines.extend(f"  {p}" for p in ordered[:max_problems])
            if len(ordered) > max_problems:
                lines.append(f"  ... and {len(ordered) - max_problems} more")
        return lines


def _board(session: Session, board: str | int) -> Board:
    board_id = board if isinstance(board, int) else find_board_id(session, board)
    found = session.get(Board, board_id)
    if found is None:
        raise NotFound(f"There is no board with id {board_id}; it may have been deleted.")
    return found


def _overlaps(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> bool:
    low, high = dt.date.min, dt.date.max
    return (a[0] or low) <= (b[1] or high) and (b[0] or low) <= (a[1] or high)


def preview(session: Session, path: str | Path, *, board: str | int) -> MemberImportPreview:
    """What importing `path` onto `board` (name, short name or id) would write; nothing is written.

    Raises ImportFileError when the file cannot be read at all, NotFound for an unknown board.
    """
    board_row = _board(session, board)
    board_id = board_row.id or 0
    read = read_member_list(path)
    directory = PartyDirectory(session)
    people = {p.id: p for p in session.exec(select(Person)).all()}
    existing: dict[int, list[tuple[dt.date | None, dt.date | None]]] = {}
    for m in session.exec(select(Membership).where(Membership.board_id == board_id)).all():
        existing.setdefault(m.person_id, []).append((m.start_date, m.end_date))
    rows = []
    problems = list(read.problems)
    in_file: dict[int | str, list[MemberDraft]] = {}
    for draft in read.members:
        found = directory.find(draft.name)
        person_id = found.person_id if found is not None else None
        person = people.get(person_id)
        matched = person.name if person is not None and person.name.casefold() != draft.name.casefold() else ""
        span = (draft.start_date, draft.end_date)
        skipped = person_id is not None and any(_overlaps(span, other) for other in existing.get(person_id, []))
        if skipped:
            problems.append(
                Problem(
                    Severity.WARNING,
                    draft.where,
                    f"{person.name if person else draft.name} is already a member of {board_row.name} over these "
                    f"dates: the row is left out",
                    table=draft.table,
                    row=draft.row,
                )
            )
        rows.append(MemberPreview(draft, person_id, matched, skipped))
        key: int | str = person_id if person_id is not None else draft.name.casefold()
        twin = next((d for d in in_file.get(key, []) if _overlaps(span, (d.start_date, d.end_date))), None)
        if twin is not None:
            problems.append(
                Problem(
                    Severity.ERROR,
                    draft.where,
                    f"“{draft.name}” is listed twice over the same dates (also at {twin.where}): remove one row, or "
                    f"give each its own from/to dates",
                    table=draft.table,
                    row=draft.row,
                )
            )
        in_file.setdefault(key, []).append(draft)
    columns = tuple(
        line for mapping in read.mappings for line in mapping.describe(MEMBER_FIELDS) if "→ not imported" not in line
    )
    return MemberImportPreview(
        path=read.path,
        file_kind=read.file_kind,
        board_id=board_id,
        board_name=board_row.name,
        rows=tuple(rows),
        problems=tuple(problems),
        columns=columns,
        skipped_tables=read.skipped_tables,
        blank_rows=read.blank_rows,
    )


def write(session: Session, preview: MemberImportPreview) -> tuple[list[int], Changes]:
    """Write every previewed membership in the caller's transaction; returns (membership ids, changes).

    Refuses with nothing written when the preview has errors or adds nobody. Roll back on any error.
    """
    if preview.errors:
        shown = "\n".join(f"  {p.where}: {p.message}" for p in preview.errors[:5])
        more = f"\n  ... and {len(preview.errors) - 5} more" if len(preview.errors) > 5 else ""
        raise InvalidChange(
            f"The membership list was not imported: {len(preview.errors)} problem(s) in {preview.path.name} must be "
            f"fixed first:\n{shown}{more}"
        )
    if not preview.to_write:
        raise InvalidChange(f"The membership list was not imported: {preview.path.name} adds nobody to the board.")
    if session.get(Board, preview.board_id) is None:
        raise NotFound(f"There is no board with id {preview.board_id}; it may have been deleted.")
    directory = PartyDirectory(session)
    created: dict[str, int] = {}
    ids: list[int] = []
    try:
        for row in preview.to_write:
            draft = row.draft
            person_id = row.person_id
            if person_id is None:
                person_id = created.get(draft.name.casefold())
            if person_id is None:
                title, name = (draft.title, draft.name) if draft.title else split_title(draft.name)
                person_id = directory.add_person(
                    Person(
                        name=name,
                        title=title,
                        organisation_id=organisation_id(session, draft.organisation),
                        email=draft.email,
                    )
                )
                created[draft.name.casefold()] = person_id
            else:
                _fill_blanks(session, person_id, draft)
            try:
                membership_id, _ = add_member(
                    session, preview.board_id, person_id, row.role, draft.start_date, draft.end_date
                )
            except InvalidChange as exc:  # a membership added since the preview: say which row
                raise InvalidChange(
                    f"The membership list was not imported ({draft.where}: {exc}). Preview the file again."
                ) from exc
            ids.append(membership_id)
    except SQLAlchemyError as exc:
        raise InvalidChange(
            f"The membership list could not be written ({str(exc).splitlines()[0][:200]}); nothing was imported."
        ) from exc
    return ids, Changes(boards=frozenset({preview.board_id}), people=True)


def _fill_blanks(session: Session, person_id: int, draft: MemberDraft) -> None:
    """A known person's blank email or organisation is filled from the list; nothing is overwritten."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}; they may have been merged since the preview.")
    if not person.email and draft.email:
        person.email = draft.email
    if person.organisation_id is None and draft.organisation:
        person.organisation_id = organisation_id(session, draft.organisation)
    if not person.title and draft.title:
        person.title = draft.title
    session.add(person)
