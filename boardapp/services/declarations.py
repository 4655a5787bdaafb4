"""Declarations of interest: made at a meeting on an item (or generally), kept as a register per person.

The register is the declarations themselves, over time: nothing is copied, so correcting a
declaration corrects the register. A sensitive interest keeps its nature but the public
wording leaves it out (Localism Act 2011 s.32).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from boardapp.core.models import AgendaItem, Board, Meeting, Person
from boardapp.core.models.record import Declaration, InterestAction, InterestKind
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.lifecycle import ensure_editable

KIND_LABELS: dict[InterestKind, str] = {
    InterestKind.DISCLOSABLE_PECUNIARY: "disclosable pecuniary interest",
    InterestKind.OTHER_REGISTRABLE: "other registrable interest",
    InterestKind.NON_REGISTRABLE: "non-registrable interest",
}
ACTION_LABELS: dict[InterestAction, str] = {
    InterestAction.LEFT_ROOM: "left the room for the item",
    InterestAction.SPOKE_THEN_LEFT: "spoke on the item and then left the room",
    InterestAction.TOOK_NO_PART: "took no part in the discussion or vote",
    InterestAction.DISPENSATION: "took part under a dispensation",
    InterestAction.REMAINED: "remained in the room",
}
LEFT_THE_ROOM = frozenset({InterestAction.LEFT_ROOM, InterestAction.SPOKE_THEN_LEFT})
"""Declarations after which the member was not in the room for the item (quorum, votes)."""

_FIELDS = ("agenda_item_id", "person_id", "kind", "nature", "nature_withheld", "action")


@dataclass(frozen=True)
class DeclarationRow:
    id: int
    meeting_id: int
    meeting_date: dt.date
    board_name: str
    agenda_item_id: int | None
    item_number: str  # the minute number when fixed, else the item's position; "" for a general declaration
    item_title: str
    person_id: int
    person_name: str
    kind: InterestKind
    nature: str
    nature_withheld: bool
    action: InterestAction

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    def nature_text(self, public: bool) -> str:
        """The nature as it may be printed: withheld from the public version when sensitive."""
        if self.nature_withheld and public:
            return "nature withheld (sensitive interest)"
        return self.nature

    def sentence(self, public: bool) -> str:
        """"Cllr Ann Able declared a disclosable pecuniary interest in item 5 (...) and left the room for the item.\""""
        where = f" in item {self.item_number}, {self.item_title}" if self.agenda_item_id is not None else ""
        nature = self.nature_text(public)
        nature_part = f" ({nature})" if nature else ""
        article = "an" if self.kind_label[0] in "aeiou" else "a"
        return f"{self.person_name} declared {article} {self.kind_label}{where}{nature_part} and {self.action_label}."


def _check(session: Session, declaration: Declaration) -> None:
    if session.get(Person, declaration.person_id) is None:
        raise NotFound("That person no longer exists.")
    if declaration.agenda_item_id is not None:
        item = session.get(AgendaItem, declaration.agenda_item_id)
        if item is None or item.meeting_id != declaration.meeting_id:
            raise InvalidChange("The item is not on this meeting's agenda.")
    if not declaration.nature.strip() and not declaration.nature_withheld:
        raise InvalidChange("Say what the interest is, or mark its nature as withheld.")
    if declaration.kind is InterestKind.DISCLOSABLE_PECUNIARY and declaration.action is InterestAction.REMAINED:
        raise InvalidChange(
            "A member with a disclosable pecuniary interest may not take part unless they have a dispensation: "
            "record that they left, took no part or had a dispensation."
        )


def _changes(declaration: Declaration) -> Changes:
    items = frozenset({declaration.agenda_item_id}) if declaration.agenda_item_id is not None else frozenset()
    return Changes(meetings=frozenset({declaration.meeting_id}), minutes=items)


def record_declaration(
    session: Session,
    meeting_id: int,
    person_id: int,
    kind: InterestKind,
    *,
    agenda_item_id: int | None = None,
    nature: str = "",
    nature_withheld: bool = False,
    action: InterestAction = InterestAction.REMAINED,
) -> tuple[int, Changes]:
    ensure_editable(session, meeting_id)
    declaration = Declaration(
        meeting_id=meeting_id,
        agenda_item_id=agenda_item_id,
        person_id=person_id,
        kind=InterestKind(kind),
        nature=nature.strip(),
        nature_withheld=nature_withheld,
        action=InterestAction(action),
    )
    _check(session, declaration)
    session.add(declaration)
    session.flush()
    assert declaration.id is not None
    return declaration.id, _changes(declaration)


def _get(session: Session, declaration_id: int) -> Declaration:
    declaration = session.get(Declaration, declaration_id)
    if declaration is None:
        raise NotFound("That declaration no longer exists.")
    return declaration


def update_declaration(session: Session, declaration_id: int, **fields: Any) -> Changes:
    declaration = _get(session, declaration_id)
    ensure_editable(session, declaration.meeting_id)
    before = _changes(declaration)
    values = {name: getattr(declaration, name) for name in _FIELDS}
    for name, value in fields.items():
        if name not in _FIELDS:
            raise TypeError(f"a declaration has no field {name!r}")
        if name == "kind":
            value = InterestKind(value)
        elif name == "action":
            value = InterestAction(value)
        elif name == "nature":
            value = str(value).strip()
        values[name] = value
    _check(session, Declaration(meeting_id=declaration.meeting_id, **values))  # checked before anything changes
    for name, value in values.items():
        setattr(declaration, name, value)
    session.add(declaration)
    return before | _changes(declaration)


def delete_declaration(session: Session, declaration_id: int) -> Changes:
    declaration = _get(session, declaration_id)
    ensure_editable(session, declaration.meeting_id)
    changes = _changes(declaration)
    session.delete(declaration)
    return changes


def _rows(session: Session, declarations: list[Declaration]) -> list[DeclarationRow]:
    rows = []
    for d in declarations:
        meeting = session.get(Meeting, d.meeting_id)
        person = session.get(Person, d.person_id)
        assert meeting is not None and person is not None
        board = session.get(Board, meeting.board_id)
        item = session.get(AgendaItem, d.agenda_item_id) if d.agenda_item_id is not None else None
        assert d.id is not None
        rows.append(
            DeclarationRow(
                id=d.id,
                meeting_id=d.meeting_id,
                meeting_date=meeting.date,
                board_name=board.name if board else "",
                agenda_item_id=d.agenda_item_id,
                item_number=(item.minute_number or str(item.position)) if item else "",
                item_title=item.title if item else "",
                person_id=d.person_id,
                person_name=person.formal_name,
                kind=d.kind,
                nature=d.nature,
                nature_withheld=d.nature_withheld,
                action=d.action,
            )
        )
    return rows


def declarations_for_meeting(session: Session, meeting_id: int) -> list[DeclarationRow]:
    """In agenda order (general declarations first), then in the order they were made."""
    declarations = list(session.exec(select(Declaration).where(Declaration.meeting_id == meeting_id)).all())
    positions = {
        i.id: i.position for i in session.exec(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)).all()
    }
    declarations.sort(
        key=lambda d: (positions.get(d.agenda_item_id, 0) if d.agenda_item_id is not None else 0, d.created_at, d.id)
    )
    return _rows(session, declarations)


def declarations_for_item(session: Session, item_id: int) -> list[DeclarationRow]:
    declarations = session.exec(
        select(Declaration).where(Declaration.agenda_item_id == item_id).order_by(col(Declaration.id))
    ).all()
    return _rows(session, list(declarations))


def register_for(session: Session, person_id: int) -> list[DeclarationRow]:
    """Every declaration the person has made, oldest meeting first: their register of declarations."""
    if session.get(Person, person_id) is None:
        raise NotFound("That person no longer exists.")
    declarations = session.exec(
        select(Declaration)
        .join(Meeting, col(Meeting.id) == Declaration.meeting_id)
        .where(Declaration.person_id == person_id)
        .order_by(col(Meeting.date), col(Declaration.created_at), col(Declaration.id))
    ).all()
    return _rows(session, list(declarations))
