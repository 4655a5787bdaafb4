"""People and roles as owners, leads and presenters: find the one meant, or create it.

Used by the demo loader, live minuting and imports alike, so "CC Driver" typed in a meeting
and "Geoff Driver" in a plan end up as the same person.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from boardapp.core.models import Organisation, Person, Role
from boardapp.core.rules.leads import PartyName
from boardapp.core.rules.matching import Candidate, match_party


@dataclass(frozen=True)
class PartyRef:
    """Exactly one of person_id / role_id is set."""

    person_id: int | None = None
    role_id: int | None = None


class PartyDirectory:
    """A session-bound cache of every person and role, for matching many names quickly."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._people: list[Candidate] = []
        self._roles: list[Candidate] = []
        for person in session.exec(select(Person)).all():
            self._people.append(_person_candidate(person))
        for role in session.exec(select(Role)).all():
            self._roles.append(Candidate(id=role.id or 0, name=role.name, is_role=True))

    def find(self, written: str, *, prefer_role: bool = False) -> PartyRef | None:
        pools = (self._roles, self._people) if prefer_role else (self._people, self._roles)
        for pool in pools:
            found = match_party(written, pool)
            if found is not None:
                return PartyRef(role_id=found.id) if found.is_role else PartyRef(person_id=found.id)
        return None

    def name_of(self, ref: PartyRef) -> str:
        pool, wanted = (self._roles, ref.role_id) if ref.role_id is not None else (self._people, ref.person_id)
        return next((c.name for c in pool if c.id == wanted), "")

    def known_names(self) -> list[str]:
        """Every person's name and alias, to split cells that run names together without separators."""
        return [name for c in self._people for name in (c.name, *c.aliases)]

    def resolve(self, party: PartyName, organisation_id: int | None = None) -> PartyRef:
        """The person or role a written name means, created when nobody matches."""
        found = self.find(party.text, prefer_role=party.is_role)
        if found is not None:
            return found
        if party.is_role:
            return PartyRef(role_id=self.add_role(party.text))
        title, name = split_title(party.text)
        return PartyRef(person_id=self.add_person(Person(name=name, title=title, organisation_id=organisation_id)))

    def add_person(self, person: Person) -> int:
        self._session.add(person)
        self._session.flush()
        self._people.append(_person_candidate(person))
        return person.id or 0

    def add_role(self, name: str) -> int:
        role = Role(name=name)
        self._session.add(role)
        self._session.flush()
        self._roles.append(Candidate(id=role.id or 0, name=name, is_role=True))
        return role.id or 0


TITLES = (
    "County Councillor",
    "Councillor",
    "Cllr",
    "CC",
    "DCI",
    "DI",
    "DS",
    "Dr",
    "Prof",
    "Mrs",
    "Mr",
    "Ms",
    "Miss",
)


def split_title(written: str) -> tuple[str, str]:
    """("DCI", "Dominic Blackburn") from "DCI Dominic Blackburn": the name is what others write."""
    words = written.split()
    for title in TITLES:
        size = len(title.split())
        if len(words) > size + 1 and words[:size] == title.split():
            return title, " ".join(words[size:])
    return "", written.strip()


def party_candidates(session: Session) -> list[Candidate]:
    """Every person and role as a candidate for autocomplete (`suggest_parties`) and matching."""
    people = [_person_candidate(person) for person in session.exec(select(Person)).all()]
    roles = [Candidate(id=role.id or 0, name=role.name, is_role=True) for role in session.exec(select(Role)).all()]
    return people + roles


def organisation_names(session: Session) -> list[str]:
    """Organisations already known, alphabetical: the choices offered when someone is added."""
    return sorted(session.exec(select(Organisation.name)).all(), key=str.casefold)


def organisation_id(session: Session, name: str) -> int | None:
    """The id of the organisation with this name, created if new; None for a blank name."""
    name = name.strip()
    if not name:
        return None
    existing = session.exec(select(Organisation).where(Organisation.name == name)).first()
    if existing is not None:
        return existing.id
    organisation = Organisation(name=name)
    session.add(organisation)
    session.flush()
    return organisation.id


def _person_candidate(person: Person) -> Candidate:
    aliases = tuple(person.aliases) + ((person.formal_name,) if person.formal_name != person.name else ())
    return Candidate(id=person.id or 0, name=person.name, aliases=aliases)
