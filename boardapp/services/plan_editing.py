"""Editing a plan's tree: entries added, changed, moved, renumbered and deleted.

Every function takes a session and returns `Changes` (or `(value, Changes)`), so the GUI runs
it through `Operations.run` and every view hears once what changed. Positions among siblings
are kept dense (0, 1, 2...) after every operation, so "up", "down" and drag and drop need no
gaps. Due text is reparsed and the lead cell re-split into people and roles whenever they are
edited, exactly as an import would have read them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, delete, select

from boardapp.core.enums import PlanItemKind
from boardapp.core.models import (
    ActionPlanLink,
    Plan,
    PlanItem,
    PlanItemKpi,
    PlanItemLead,
    PlanItemRecommendation,
    PlanStatusChange,
    utcnow,
)
from boardapp.core.rules.due_text import parse_due_text
from boardapp.core.rules.leads import split_parties
from boardapp.services.changes import Changes
from boardapp.services.conflicts import claim_version, table_of
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.parties import PartyDirectory

TEXT_FIELDS = frozenset(
    {
        "text",
        "ref",
        "description",
        "due_text",
        "lead_text",
        "outcomes",
        "evidence_of_impact",
        "oversight_group",
        "kpi_refs_text",
        "recommendation_refs_text",
    }
)
"""What `update_item` may change besides `kind`."""

SINGLE_LINE_FIELDS = frozenset(
    {"ref", "due_text", "lead_text", "oversight_group", "kpi_refs_text", "recommendation_refs_text"}
)

CHILD_KIND: dict[PlanItemKind, PlanItemKind] = {
    PlanItemKind.KEY_AREA: PlanItemKind.ACTION,
    PlanItemKind.WORKSTREAM: PlanItemKind.ACTION,
    PlanItemKind.OBJECTIVE: PlanItemKind.ACTION,
    PlanItemKind.ACTION: PlanItemKind.ACTION,
}
"""The kind a new entry gets under a parent with no children to copy the kind from."""


def get_item(session: Session, item_id: int) -> PlanItem:
    item = session.get(PlanItem, item_id)
    if item is None:
        raise NotFound("That plan entry no longer exists; it may have been deleted.")
    return item


def _get_plan(session: Session, plan_id: int) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound("That plan no longer exists; it may have been deleted.")
    return plan


def _siblings(session: Session, plan_id: int, parent_id: int | None) -> list[PlanItem]:
    parent_clause = PlanItem.parent_id == parent_id if parent_id is not None else col(PlanItem.parent_id).is_(None)
    return list(
        session.exec(
            select(PlanItem)
            .where(PlanItem.plan_id == plan_id, parent_clause)
            .order_by(col(PlanItem.position), col(PlanItem.id))
        ).all()
    )


def _place(siblings: Sequence[PlanItem]) -> None:
    """Dense positions 0..n-1 in list order; only rows whose position changes are written."""
    for position, item in enumerate(siblings):
        if item.position != position:
            item.position = position
            item.updated_at = utcnow()


def _plan_uses_refs(session: Session, plan_id: int) -> bool:
    return (
        session.exec(select(PlanItem.id).where(PlanItem.plan_id == plan_id, PlanItem.ref != "").limit(1)).first()
        is not None
    )


def _last_number(ref: str) -> int | None:
    tail = ref.strip().rsplit(".", 1)[-1]
    return int(tail) if tail.isdigit() else None


def next_ref(parent_ref: str, sibling_refs: Iterable[str]) -> str:
    """The ref after the highest number among the siblings: "1.3.8" after "1.3.7" (gaps are left alone)."""
    numbers = [n for n in (_last_number(ref) for ref in sibling_refs) if n is not None]
    number = max(numbers, default=0) + 1
    return f"{parent_ref}.{number}" if parent_ref else str(number)


def add_item(
    session: Session,
    plan_id: int,
    *,
    text: str,
    parent_id: int | None = None,
    after_id: int | None = None,
    kind: PlanItemKind | None = None,
) -> tuple[int, Changes]:
    """A new entry: right after `after_id` (its sibling), else last under `parent_id`, else last at the top.

    The kind is copied from the entry it follows or the children already there; the ref (in a
    plan that numbers its entries) is the next free number at that level.
    """
    _get_plan(session, plan_id)
    text = text.strip()
    if not text:
        raise InvalidChange("A plan entry needs its text (what is to be done).")
    if after_id is not None:
        after = get_item(session, after_id)
        if after.plan_id != plan_id:
            raise InvalidChange("That entry belongs to another plan.")
        parent_id = after.parent_id
    parent = get_item(session, parent_id) if parent_id is not None else None
    if parent is not None and parent.plan_id != plan_id:
        raise InvalidChange("That entry belongs to another plan.")
    siblings = _siblings(session, plan_id, parent_id)
    if kind is None:
        if after_id is not None:
            kind = next(s.kind for s in siblings if s.id == after_id)
        elif siblings:
            kind = siblings[-1].kind
        else:
            kind = CHILD_KIND[parent.kind] if parent is not None else PlanItemKind.KEY_AREA
    ref = ""
    if _plan_uses_refs(session, plan_id):
        ref = next_ref(parent.ref if parent is not None else "", (s.ref for s in siblings))
    item = PlanItem(plan_id=plan_id, parent_id=parent_id, kind=kind, ref=ref, text=text)
    index = next((i + 1 for i, s in enumerate(siblings) if s.id == after_id), len(siblings))
    siblings.insert(index, item)
    _place(siblings)
    session.add_all(siblings)
    session.flush()
    return item.id or 0, Changes(plans=frozenset({plan_id}))


def update_item(session: Session, item_id: int, *, expected_version: int | None = None, **fields: Any) -> Changes:
    """Change text fields (and `kind`) of one entry; due text is reparsed and the lead cell re-split.

    Unchanged values write nothing and report no change. With `expected_version` (what the editor
    loaded), a save after someone else's raises EditConflict before anything is written.
    """
    unknown = set(fields) - TEXT_FIELDS - {"kind"}
    if unknown:
        raise ValueError(f"update_item cannot change {', '.join(sorted(unknown))}")
    item = get_item(session, item_id)
    changed = False
    people = False
    for name, value in fields.items():
        if name == "kind":
            value = PlanItemKind(value)
        else:
            value = _clean_text(name, str(value))
            if name == "text" and not value:
                raise InvalidChange("A plan entry cannot be blank; delete it instead.")
        if getattr(item, name) == value:
            continue
        if not changed:  # the check comes before the first change, so a conflict writes nothing
            item.version = claim_version(
                session, table_of(PlanItem), item_id, expected_version, kind="plan item", field=name,
                mine=str(value),
            )
        setattr(item, name, value)
        changed = True
        if name == "due_text":
            due = parse_due_text(value)
            item.due_kind, item.due_date, item.due_note = due.kind, due.date, due.note
        elif name == "lead_text":
            people = set_leads(session, item) or people
    if not changed:
        return Changes()
    item.updated_at = utcnow()
    session.add(item)
    session.flush()
    return Changes(plans=frozenset({item.plan_id}), people=people)


def _clean_text(name: str, value: str) -> str:
    if name in SINGLE_LINE_FIELDS:
        return " ".join(value.split())
    lines = [line.rstrip() for line in value.strip().splitlines()]
    return "\n".join(lines)


def set_leads(session: Session, item: PlanItem, directory: PartyDirectory | None = None) -> bool:
    """Replace the entry's leads by the people and roles its lead cell names; True if any was new."""
    directory = directory or PartyDirectory(session)
    session.exec(delete(PlanItemLead).where(col(PlanItemLead.plan_item_id) == item.id))
    created = False
    for position, party in enumerate(split_parties(item.lead_text, known_names=directory.known_names())):
        found = directory.find(party.text, prefer_role=party.is_role)
        ref = found or directory.resolve(party)
        created = created or found is None
        session.add(
            PlanItemLead(plan_item_id=item.id or 0, person_id=ref.person_id, role_id=ref.role_id, position=position)
        )
    session.flush()
    return created


# -- moving ------------------------------------------------------------------------------------


def move_item(session: Session, item_id: int, offset: int) -> Changes:
    """Up (offset -1) or down (+1) among its siblings; refused at either end."""
    item = get_item(session, item_id)
    siblings = _siblings(session, item.plan_id, item.parent_id)
    index = next(i for i, s in enumerate(siblings) if s.id == item_id)
    target = index + offset
    if not 0 <= target < len(siblings):
        raise InvalidChange(f"The entry is already the {'first' if offset < 0 else 'last'} at its level.")
    siblings.insert(target, siblings.pop(index))
    _place(siblings)
    session.add_all(siblings)
    session.flush()
    return Changes(plans=frozenset({item.plan_id}))


def indent_item(session: Session, item_id: int) -> Changes:
    """Make the entry the last child of the entry above it (at the same level)."""
    item = get_item(session, item_id)
    siblings = _siblings(session, item.plan_id, item.parent_id)
    index = next(i for i, s in enumerate(siblings) if s.id == item_id)
    if index == 0:
        raise InvalidChange("The first entry at a level has nothing above it to go under.")
    return _reparent(session, item, siblings[index - 1].id, None)


def outdent_item(session: Session, item_id: int) -> Changes:
    """Make the entry the next sibling of its parent."""
    item = get_item(session, item_id)
    if item.parent_id is None:
        raise InvalidChange("The entry is already at the top level.")
    parent = get_item(session, item.parent_id)
    grand_siblings = _siblings(session, item.plan_id, parent.parent_id)
    row = next(i for i, s in enumerate(grand_siblings) if s.id == parent.id) + 1
    return _reparent(session, item, parent.parent_id, row)


def move_item_to(session: Session, item_id: int, parent_id: int | None, row: int | None = None) -> Changes:
    """Drag and drop: put the entry under `parent_id` before what is now at `row` there (None: last)."""
    item = get_item(session, item_id)
    if parent_id is not None:
        parent = get_item(session, parent_id)
        if parent.plan_id != item.plan_id:
            raise InvalidChange("Entries can only be moved within their own plan.")
        ancestor: PlanItem | None = parent
        while ancestor is not None:
            if ancestor.id == item_id:
                raise InvalidChange("An entry cannot be moved under itself or one of its own entries.")
            ancestor = session.get(PlanItem, ancestor.parent_id) if ancestor.parent_id is not None else None
    return _reparent(session, item, parent_id, row)


def _reparent(session: Session, item: PlanItem, parent_id: int | None, row: int | None) -> Changes:
    old_parent = item.parent_id
    if old_parent == parent_id:
        siblings = _siblings(session, item.plan_id, parent_id)
        index = next(i for i, s in enumerate(siblings) if s.id == item.id)
        target = len(siblings) if row is None else max(0, min(row, len(siblings)))
        if target > index:
            target -= 1  # the row was counted with the entry still in place
        siblings.insert(target, siblings.pop(index))
        _place(siblings)
        session.add_all(siblings)
    else:
        old = [s for s in _siblings(session, item.plan_id, old_parent) if s.id != item.id]
        new = _siblings(session, item.plan_id, parent_id)
        target = len(new) if row is None else max(0, min(row, len(new)))
        new.insert(target, item)
        item.parent_id = parent_id
        item.updated_at = utcnow()
        _place(old)
        _place(new)
        session.add_all([*old, *new])
    session.flush()
    return Changes(plans=frozenset({item.plan_id}))


# -- renumbering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefChange:
    item_id: int
    old: str
    new: str
    text: str


def renumber_preview(session: Session, plan_id: int) -> list[RefChange]:
    """The refs every entry would get from its place in the tree ("1", "1.2", "1.2.3"), where they differ."""
    _get_plan(session, plan_id)
    items = session.exec(
        select(PlanItem).where(PlanItem.plan_id == plan_id).order_by(col(PlanItem.position), col(PlanItem.id))
    ).all()
    ids = {item.id for item in items}
    children: dict[int | None, list[PlanItem]] = defaultdict(list)
    for item in items:
        children[item.parent_id if item.parent_id in ids else None].append(item)
    found: list[RefChange] = []

    def walk(parent: int | None, prefix: str, seen: frozenset[int]) -> None:
        for number, item in enumerate(children.get(parent, ()), start=1):
            if item.id in seen:
                continue
            ref = f"{prefix}{number}"
            if item.ref != ref:
                found.append(RefChange(item_id=item.id or 0, old=item.ref, new=ref, text=item.text))
            walk(item.id, f"{ref}.", seen | {item.id or 0})

    walk(None, "", frozenset())
    return found


def renumber_plan(session: Session, plan_id: int) -> tuple[int, Changes]:
    """Give every entry the ref its place in the tree says; returns how many refs changed."""
    planned = renumber_preview(session, plan_id)
    if not planned:
        return 0, Changes()
    by_id = {change.item_id: change.new for change in planned}
    for item in session.exec(select(PlanItem).where(col(PlanItem.id).in_(list(by_id)))).all():
        item.ref = by_id[item.id or 0]
        item.updated_at = utcnow()
        session.add(item)
    session.flush()
    return len(planned), Changes(plans=frozenset({plan_id}))


# -- deleting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeleteImpact:
    """What deleting an entry takes with it, for the confirmation the user is asked."""

    item_id: int
    ref: str
    text: str
    descendants: int
    board_action_links: int
    recommendation_links: int
    kpi_links: int
    status_changes: int
    item_ids: tuple[int, ...]  # the entry and all below it
    action_ids: tuple[int, ...]  # board actions that lose a link

    def describe(self) -> str:
        """ "1.2 Embed an agreed approach… and its 5 entries below; 2 links to board actions…" """
        label = f"{self.ref} {self.text}".strip()
        if len(label) > 90:
            label = label[:89] + "…"
        parts = [f"“{label}”"]
        if self.descendants:
            parts.append(f"and the {_count(self.descendants, 'entry', 'entries')} below it")
        lines = [" ".join(parts) + " will be deleted."]
        goes: list[str] = []
        if self.board_action_links:
            goes.append(_count(self.board_action_links, "link to a board action", "links to board actions"))
        if self.recommendation_links:
            goes.append(_count(self.recommendation_links, "link to a recommendation", "links to recommendations"))
        if self.kpi_links:
            goes.append(_count(self.kpi_links, "link to a KPI", "links to KPIs"))
        if self.status_changes:
            goes.append(_count(self.status_changes, "recorded status", "recorded statuses"))
        if goes:
            lines.append("With it go " + _join(goes) + ". The board actions, recommendations and KPIs themselves stay.")
        return "\n".join(lines)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _join(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def subtree_ids(session: Session, item: PlanItem) -> list[int]:
    """The entry and every entry below it, in no particular order."""
    pairs = session.exec(select(PlanItem.id, PlanItem.parent_id).where(PlanItem.plan_id == item.plan_id)).all()
    children: dict[int | None, list[int]] = defaultdict(list)
    for child_id, parent_id in pairs:
        children[parent_id].append(child_id or 0)
    found: list[int] = []
    stack = [item.id or 0]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.append(current)
        stack.extend(children.get(current, ()))
    return found


def delete_impact(session: Session, item_id: int) -> DeleteImpact:
    item = get_item(session, item_id)
    ids = subtree_ids(session, item)

    def count(model: Any, column: Any) -> int:
        return int(session.exec(select(func.count()).select_from(model).where(col(column).in_(ids))).one())

    action_ids = session.exec(
        select(ActionPlanLink.action_id).where(col(ActionPlanLink.plan_item_id).in_(ids)).distinct()
    ).all()
    return DeleteImpact(
        item_id=item_id,
        ref=item.ref,
        text=item.text.splitlines()[0] if item.text else "",
        descendants=len(ids) - 1,
        board_action_links=count(ActionPlanLink, ActionPlanLink.plan_item_id),
        recommendation_links=count(PlanItemRecommendation, PlanItemRecommendation.plan_item_id),
        kpi_links=count(PlanItemKpi, PlanItemKpi.plan_item_id),
        status_changes=count(PlanStatusChange, PlanStatusChange.plan_item_id),
        item_ids=tuple(ids),
        action_ids=tuple(sorted(action_ids)),
    )


def delete_item(session: Session, item_id: int) -> Changes:
    """Delete the entry, everything below it and every link to them (the database cascades the links)."""
    impact = delete_impact(session, item_id)
    item = get_item(session, item_id)
    plan_id, parent_id = item.plan_id, item.parent_id
    session.expunge_all()  # the rows are about to go: nothing stale may be flushed back
    session.exec(delete(PlanItem).where(col(PlanItem.id).in_(impact.item_ids)))
    siblings = _siblings(session, plan_id, parent_id)
    _place(siblings)
    session.add_all(siblings)
    session.flush()
    return Changes(plans=frozenset({plan_id}), actions=frozenset(impact.action_ids))
