"""People, their organisations and roles: add, edit, list, and merge two records of one.

Merging finds every column that refers to a person (or a role) from the tables' own foreign
keys, so a table added later is moved too. Where the two records would collide (both attended
one meeting, both own one action, both sit on a board from the same date) the kept record's
row stays and the other is dropped. The merged person's name and aliases become aliases of the
kept one, so "CC Driver" typed later still finds them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Column, Table, and_, delete, func, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from boardapp.core.models import (
    ActionOwner,
    AgendaItem,
    AgendaItemPresenter,
    Attendance,
    Board,
    Membership,
    Organisation,
    Person,
    PlanItem,
    PlanItemLead,
    Role,
)
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.memberships import surname_key
from boardapp.services.parties import organisation_id, split_title

__all__ = [
    "MergeSummary",
    "PersonRow",
    "RoleRow",
    "add_person",
    "add_role",
    "describe_merge",
    "find_person_id",
    "list_people",
    "list_roles",
    "merge_people",
    "merge_roles",
    "person_details",
    "rename_role",
    "update_person",
]

MAX_NAME = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Rows that list parties of one thing: after a merge one thing must not name the same party twice.
# table name -> the columns that identify "the same thing" besides the party column.
_ONE_PARTY_PER = {
    "attendance": ("meeting_id",),
    "membership": ("board_id", "start_date"),
    "actionowner": ("action_id",),
    "agendaitempresenter": ("agenda_item_id",),
    "planitemlead": ("plan_item_id",),
}
# Columns that point at a person but are not "who this row is about" (nothing to de-duplicate).
_SECONDARY = {("attendance", "substitute_for_id")}
_TABLE_LABELS = {
    "attendance": "attendance records",
    "membership": "board memberships",
    "actionowner": "action ownerships",
    "agendaitempresenter": "agenda item presenters",
    "planitemlead": "plan item leads",
}


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    title: str
    honours: str
    organisation: str
    email: str
    aliases: tuple[str, ...]
    boards: tuple[str, ...]  # boards they are a member of (now or in the past)

    @property
    def formal_name(self) -> str:
        return " ".join(part for part in (self.title, self.name, self.honours) if part)


@dataclass(frozen=True)
class RoleRow:
    id: int
    name: str
    description: str
    uses: int  # actions, presenters and plan items that name it


@dataclass(frozen=True)
class MergeSummary:
    """What a merge would move, in words a confirmation can show."""

    keep_name: str
    merge_name: str
    moves: tuple[tuple[str, int], ...]  # ("attendance records", 3)
    dropped: int  # rows the kept record already had (both attended one meeting...)

    def sentence(self) -> str:
        moved = ", ".join(f"{n} {label}" for label, n in self.moves if n) or "nothing else"
        text = f"“{self.merge_name}” will be merged into “{self.keep_name}”: {moved} will move to “{self.keep_name}”"
        if self.dropped:
            text += f" ({self.dropped} already recorded for “{self.keep_name}” are kept as they are)"
        return text + f", and “{self.merge_name}” will be removed."


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _check_email(email: str) -> str:
    email = (email or "").strip()
    if email and not _EMAIL.match(email):
        raise InvalidChange(f"“{email}” is not an email address (name@example.org).")
    return email


def _check_person_name(name: str) -> str:
    name = _clean(name)
    if not name:
        raise InvalidChange("A person needs a name.")
    if len(name) > MAX_NAME:
        raise InvalidChange(f"A name can be at most {MAX_NAME} characters.")
    return name


def _clean_aliases(aliases: Iterable[str], name: str) -> list[str]:
    seen = {name.casefold()}
    kept = []
    for alias in aliases:
        alias = _clean(alias)
        if alias and alias.casefold() not in seen:
            seen.add(alias.casefold())
            kept.append(alias)
    return kept


def find_person_id(session: Session, name: str) -> int | None:
    """The one person whose name or alias is `name` (case and spacing ignored); None if none or several."""
    wanted = _clean(name).casefold()
    found = [
        p.id
        for p in session.exec(select(Person)).all()
        if wanted in {p.name.casefold(), p.formal_name.casefold(), *(a.casefold() for a in p.aliases)}
    ]
    return found[0] if len(found) == 1 else None


def add_person(
    session: Session,
    name: str,
    *,
    title: str = "",
    organisation: str = "",
    email: str = "",
    aliases: Sequence[str] = (),
    honours: str = "",
) -> tuple[int, Changes]:
    """A new person; a title written into the name ("Cllr Jane Smith") is split off.

    Refuses a second person with exactly the same name: edit the first, or give a middle initial.
    """
    name = _check_person_name(name)
    if not title:
        title, name = split_title(name)
    for other in session.exec(select(Person)).all():
        if other.name.casefold() == name.casefold():
            raise InvalidChange(
                f"There is already a person called “{other.name}”: edit them instead, or add a middle initial to "
                f"tell the two apart."
            )
    person = Person(
        name=name,
        title=_clean(title),
        honours=_clean(honours),
        organisation_id=organisation_id(session, organisation),
        email=_check_email(email),
        aliases=_clean_aliases(aliases, name),
    )
    session.add(person)
    session.flush()
    return person.id or 0, Changes(people=True)


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}; they may have been merged or deleted.")
    return person


def update_person(
    session: Session,
    person_id: int,
    *,
    name: str | None = None,
    title: str | None = None,
    organisation: str | None = None,
    email: str | None = None,
    aliases: Sequence[str] | None = None,
    honours: str | None = None,
) -> Changes:
    """Change what is given; None leaves a field as it is ("" clears it)."""
    person = _person(session, person_id)
    if name is not None:
        name = _check_person_name(name)
        for other in session.exec(select(Person).where(Person.id != person_id)).all():
            if other.name.casefold() == name.casefold():
                raise InvalidChange(
                    f"There is already a person called “{other.name}”: if they are the same person, merge the two."
                )
        person.name = name
    if title is not None:
        person.title = _clean(title)
    if honours is not None:
        person.honours = _clean(honours)
    if organisation is not None:
        person.organisation_id = organisation_id(session, organisation)
    if email is not None:
        person.email = _check_email(email)
    if aliases is not None:
        person.aliases = _clean_aliases(aliases, person.name)
    session.add(person)
    session.flush()
    return Changes(people=True)


def list_people(session: Session) -> list[PersonRow]:
    """Everyone, by surname, with their organisation and the boards they sit (or sat) on."""
    organisations = {o.id: o.name for o in session.exec(select(Organisation)).all()}
    boards = {b.id: b.name for b in session.exec(select(Board)).all()}
    sits: dict[int, set[str]] = {}
    for membership in session.exec(select(Membership)).all():
        sits.setdefault(membership.person_id, set()).add(boards.get(membership.board_id, ""))
    people = session.exec(select(Person)).all()
    return sorted(
        (
            PersonRow(
                id=p.id or 0,
                name=p.name,
                title=p.title,
                honours=p.honours,
                organisation=organisations.get(p.organisation_id, ""),
                email=p.email,
                aliases=tuple(p.aliases),
                boards=tuple(sorted(sits.get(p.id or 0, set()), key=str.casefold)),
            )
            for p in people
        ),
        key=lambda row: (surname_key(row.name), row.id),
    )


def person_details(session: Session, person_id: int) -> PersonRow:
    _person(session, person_id)
    return next(row for row in list_people(session) if row.id == person_id)


# -- roles --------------------------------------------------------------------------------------------------
def _check_role_name(session: Session, name: str, role_id: int | None) -> str:
    name = _clean(name)
    if not name:
        raise InvalidChange("A role needs a name.")
    for other in session.exec(select(Role)).all():
        if other.id != role_id and other.name.casefold() == name.casefold():
            raise InvalidChange(f"There is already a role called “{other.name}”: if they are the same, merge them.")
    return name


def add_role(session: Session, name: str, description: str = "") -> tuple[int, Changes]:
    role = Role(name=_check_role_name(session, name, None), description=description.strip())
    session.add(role)
    session.flush()
    return role.id or 0, Changes(people=True)


def rename_role(session: Session, role_id: int, name: str, description: str | None = None) -> Changes:
    role = session.get(Role, role_id)
    if role is None:
        raise NotFound(f"There is no role with id {role_id}; it may have been merged.")
    role.name = _check_role_name(session, name, role_id)
    if description is not None:
        role.description = description.strip()
    session.add(role)
    session.flush()
    return Changes(people=True)


def list_roles(session: Session) -> list[RoleRow]:
    uses: Counter[int] = Counter()
    for _table, column in _references("role"):
        for (value,) in session.execute(sa_select(column).where(column.is_not(None))).all():
            uses[value] += 1
    return sorted(
        (RoleRow(r.id or 0, r.name, r.description, uses[r.id or 0]) for r in session.exec(select(Role)).all()),
        key=lambda row: row.name.casefold(),
    )


# -- merging ------------------------------------------------------------------------------------------------
def _references(target: str) -> list[tuple[Table, Column[int]]]:
    """Every (table, column) with a foreign key to `target`.id, from the models themselves."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(fk.column.table.name == target and fk.column.name == "id" for fk in column.foreign_keys):
                found.append((table, column))
    return found


def _twins(session: Session, table: Table, column: Column[int], keep_id: int, merge_id: int) -> list[int]:
    """Ids of the merged record's rows whose thing already names the kept record (they would collide)."""
    keys = _ONE_PARTY_PER.get(table.name)
    if keys is None or (table.name, column.name) in _SECONDARY:
        return []
    kept = table.alias("kept")
    same = [
        or_(kept.c[key] == table.c[key], and_(kept.c[key].is_(None), table.c[key].is_(None)))  # NULL-safe
        for key in keys
    ]
    twin = sa_select(kept.c.id).where(kept.c[column.name] == keep_id, *same).exists()
    query = sa_select(table.c.id).where(column == merge_id, twin)
    return [row[0] for row in session.execute(query).all()]


def _move(session: Session, target: str, keep_id: int, merge_id: int, *, dry_run: bool) -> tuple[dict[str, int], int]:
    """Point every reference to `merge_id` at `keep_id`; returns (moved rows by table, rows dropped)."""
    moved: Counter[str] = Counter()
    dropped = 0
    for table, column in _references(target):
        twins = _twins(session, table, column, keep_id, merge_id)
        count = session.execute(sa_select(func.count()).select_from(table).where(column == merge_id)).scalar_one()
        moved[table.name] += count - len(twins)
        dropped += len(twins)
        if dry_run:
            continue
        if twins:
            session.execute(delete(table).where(table.c.id.in_(twins)))
        session.execute(update(table).where(column == merge_id).values({column.name: keep_id}))
        if (table.name, column.name) in _SECONDARY and "person_id" in table.c:
            # Nobody substitutes for themselves: a substitute-for now naming the row's own person goes.
            session.execute(update(table).where(column == table.c.person_id).values({column.name: None}))
    return dict(moved), dropped


def _affected(session: Session, column: str, merge_id: int) -> Changes:
    """What a merge of `merge_id` touches, so every view showing it refreshes (column: person_id/role_id)."""
    owners = session.exec(select(ActionOwner.action_id).where(getattr(ActionOwner, column) == merge_id)).all()
    presented = session.exec(
        select(AgendaItem.meeting_id)
        .join(AgendaItemPresenter, col(AgendaItemPresenter.agenda_item_id) == col(AgendaItem.id))
        .where(getattr(AgendaItemPresenter, column) == merge_id)
    ).all()
    led = session.exec(
        select(PlanItem.plan_id)
        .join(PlanItemLead, col(PlanItemLead.plan_item_id) == col(PlanItem.id))
        .where(getattr(PlanItemLead, column) == merge_id)
    ).all()
    attended: list[int] = []
    boards: list[int] = []
    if column == "person_id":
        attended = list(
            session.exec(
                select(Attendance.meeting_id).where(
                    or_(col(Attendance.person_id) == merge_id, col(Attendance.substitute_for_id) == merge_id)
                )
            ).all()
        )
        boards = list(session.exec(select(Membership.board_id).where(col(Membership.person_id) == merge_id)).all())
    return Changes(
        people=True,
        actions=frozenset(owners),
        agenda=frozenset(presented),
        plans=frozenset(led),
        attendance=frozenset(attended),
        meetings=frozenset(attended),
        boards=frozenset(boards),
    )


def describe_merge(session: Session, keep_id: int, merge_id: int, *, roles: bool = False) -> MergeSummary:
    """What merging `merge_id` into `keep_id` would move: for the confirmation the clerk reads first."""
    keep: Person | Role | None
    merged: Person | Role | None
    if roles:
        keep, merged = session.get(Role, keep_id), session.get(Role, merge_id)
    else:
        keep, merged = session.get(Person, keep_id), session.get(Person, merge_id)
    if keep is None or merged is None:
        raise NotFound("One of the two records no longer exists; it may already have been merged.")
    if keep_id == merge_id:
        raise InvalidChange("Choose two different records to merge.")
    moved, dropped = _move(session, "role" if roles else "person", keep_id, merge_id, dry_run=True)
    moves = tuple((_TABLE_LABELS.get(name, f"{name} rows"), n) for name, n in sorted(moved.items()) if n)
    return MergeSummary(keep.name, merged.name, moves, dropped)


def merge_people(session: Session, keep_id: int, merge_id: int) -> Changes:
    """Merge `merge_id` into `keep_id`: every reference moves, the merged person is removed.

    The kept person's blank title, organisation and email are filled from the merged one; the
    merged one's name and aliases become aliases of the kept one.
    """
    if keep_id == merge_id:
        raise InvalidChange("Choose two different people to merge.")
    keep, merged = _person(session, keep_id), _person(session, merge_id)
    changes = _affected(session, "person_id", merge_id)
    keep.aliases = _clean_aliases([*keep.aliases, merged.name, merged.formal_name, *merged.aliases], keep.name)
    keep.title = keep.title or merged.title
    keep.honours = keep.honours or merged.honours
    keep.email = keep.email or merged.email
    keep.organisation_id = keep.organisation_id or merged.organisation_id
    keep.description = keep.description or merged.description
    session.add(keep)
    session.flush()
    _move(session, "person", keep_id, merge_id, dry_run=False)
    session.execute(delete(Person.__table__).where(Person.__table__.c.id == merge_id))  # type: ignore[attr-defined]
    session.flush()
    session.expire_all()
    return changes


def merge_roles(session: Session, keep_id: int, merge_id: int) -> Changes:
    """Merge role `merge_id` into `keep_id`: every action, presenter and plan lead moves; the other goes."""
    if keep_id == merge_id:
        raise InvalidChange("Choose two different roles to merge.")
    keep, merged = session.get(Role, keep_id), session.get(Role, merge_id)
    if keep is None or merged is None:
        raise NotFound("One of the two roles no longer exists; it may already have been merged.")
    if not keep.description and merged.description:
        keep.description = merged.description
        session.add(keep)
        session.flush()
    changes = _affected(session, "role_id", merge_id)
    _move(session, "role", keep_id, merge_id, dry_run=False)
    session.execute(delete(Role.__table__).where(Role.__table__.c.id == merge_id))  # type: ignore[attr-defined]
    session.flush()
    session.expire_all()
    return changes
