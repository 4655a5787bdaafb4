"""Part II (exempt) business: the stamp an action or decision carries, and what an item holds.

Exemption belongs to the business itself. An action or decision made under an exempt item is
stamped exempt when it is made (and when the item is flagged exempt later), and the stamp is what
every export, search and log reads. Nothing un-stamps business by side effect: deleting, moving or
un-flagging the item, or carrying an action forward, leaves the stamp as it was. Only
`release_exempt_business`, an explicit step the clerk takes after deciding that the information is
no longer exempt, removes it — and then only from business still attached to the item and raised
at that meeting, never from an action already carried forward or updated at a later meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from boardapp.core.models import Action, ActionUpdate, AgendaItem, Decision, Minute, Paper
from boardapp.services.changes import Changes, of
from boardapp.services.errors import InvalidChange, NotFound


def stamp_for_item(item: AgendaItem | None) -> tuple[bool, str]:
    """(is_exempt, paragraph) that business raised under `item` is stamped with."""
    if item is None or not item.is_exempt:
        return False, ""
    return True, item.exempt_paragraph.strip()


def stamp_item_business(session: Session, item: AgendaItem) -> Changes:
    """Stamp every decision and action still attached to an exempt item (run when it becomes exempt
    or its paragraph changes). Already-stamped actions get the item's paragraph when they have none
    or the paragraph changes; business of a non-exempt item is left alone."""
    if not item.is_exempt or item.id is None:
        return Changes()
    paragraph = item.exempt_paragraph.strip()
    changes = Changes()
    for decision in session.exec(select(Decision).where(Decision.agenda_item_id == item.id)).all():
        if not decision.is_exempt:
            decision.is_exempt = True
            session.add(decision)
            changes = changes | of(minutes=item.id)
    for action in session.exec(select(Action).where(Action.raised_item_id == item.id)).all():
        if not action.is_exempt or action.exempt_paragraph != paragraph:
            action.is_exempt = True
            action.exempt_paragraph = paragraph
            session.add(action)
            changes = changes | of(actions=action.id or 0, minutes=item.id)
    session.flush()
    return changes


@dataclass(frozen=True)
class ItemContents:
    """What deleting an agenda item would take with it (and what would survive it)."""

    item_id: int
    title: str
    is_exempt: bool
    note_words: int  # words of the item's minute (notes); 0 when none
    decisions: int
    action_refs: tuple[str, ...]  # actions raised under it: they survive, unlinked, keeping their stamp
    papers: int

    @property
    def is_empty(self) -> bool:
        return not (self.note_words or self.decisions or self.action_refs)

    def describe(self) -> str:
        """ "notes (120 words), 2 decisions and 1 action (IB-2017-09-01)"."""
        parts = []
        if self.note_words:
            parts.append(f"notes ({self.note_words} word{'s' if self.note_words != 1 else ''})")
        if self.decisions:
            parts.append(f"{self.decisions} decision{'s' if self.decisions != 1 else ''}")
        if self.action_refs:
            count = len(self.action_refs)
            shown = ", ".join(self.action_refs[:5]) + (" …" if count > 5 else "")
            parts.append(f"{count} action{'s' if count != 1 else ''} ({shown})")
        if not parts:
            return "nothing"
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def item_contents(session: Session, item_id: int) -> ItemContents:
    """What an agenda item holds: its notes, decisions and the actions raised under it."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That agenda item no longer exists.")
    notes = session.exec(select(Minute.notes).where(Minute.agenda_item_id == item_id)).first() or ""
    decisions = session.exec(select(func.count()).select_from(Decision).where(Decision.agenda_item_id == item_id)).one()
    refs = session.exec(
        select(Action.ref).where(Action.raised_item_id == item_id).order_by(col(Action.position), col(Action.id))
    ).all()
    papers = session.exec(select(func.count()).select_from(Paper).where(Paper.agenda_item_id == item_id)).one()
    return ItemContents(
        item_id=item_id,
        title=item.title,
        is_exempt=item.is_exempt,
        note_words=len(notes.split()),
        decisions=int(decisions),
        action_refs=tuple(refs),
        papers=int(papers),
    )


class ItemNotEmpty(InvalidChange):
    """Deleting the item would delete its minute; the caller must ask first and pass confirm=True."""

    def __init__(self, contents: ItemContents) -> None:
        self.contents = contents
        kept = (
            " The actions stay in the action log"
            + (", still marked exempt (Part II)." if contents.is_exempt else ".")
            if contents.action_refs
            else ""
        )
        super().__init__(
            f"Item “{' '.join(contents.title.split())[:80]}” holds {contents.describe()}. Deleting it deletes "
            f"its notes and decisions.{kept} Confirm to delete it."
        )


def release_exempt_business(session: Session, item_id: int) -> Changes:
    """Un-stamp the business of an item that is no longer exempt, after the clerk decided so.

    Only the item's own decisions and the actions raised under it at that meeting that have no
    later history (not carried forward, not updated) lose the stamp: an action that has moved on
    to other meetings may have been discussed there in private, so it stays exempt.
    """
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("That agenda item no longer exists.")
    if item.is_exempt:
        raise InvalidChange("The item is still exempt (Part II): clear its exempt flag first.")
    changes = Changes()
    for decision in session.exec(
        select(Decision).where(Decision.agenda_item_id == item_id, col(Decision.is_exempt).is_(True))
    ).all():
        decision.is_exempt = False
        session.add(decision)
        changes = changes | of(minutes=item_id)
    moved_on = select(ActionUpdate.action_id)
    for action in session.exec(
        select(Action).where(
            Action.raised_item_id == item_id,
            Action.raised_meeting_id == item.meeting_id,
            col(Action.is_exempt).is_(True),
            col(Action.id).not_in(moved_on),
        )
    ).all():
        action.is_exempt = False
        action.exempt_paragraph = ""
        session.add(action)
        changes = changes | of(actions=action.id or 0, minutes=item_id)
    session.flush()
    return changes
