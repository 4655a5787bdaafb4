"""The recommendations register: what inspectors asked for, the plan actions answering it, and how far each has got.

Progress runs in three phases. "Actions complete" and "evidence of impact" are derived from the
plan actions linked to the recommendation unless the user has set them (the override is stored
in `Recommendation.actions_complete` / `impact_evidenced`; None means "derive"). "Signed off by
the board" is always set by hand, with the meeting that agreed it. Each derived phase carries
the sentence that explains how it was worked out, for the register's tooltip.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from boardapp.core.enums import PlanItemKind, ReviewKind
from boardapp.core.models import (
    Meeting,
    Plan,
    PlanItem,
    PlanItemRecommendation,
    Recommendation,
    ReviewSource,
    StatusLevel,
)
from boardapp.services.actions import long_date
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.plan_editing import get_item
from boardapp.services.plans import Level, level_of, natural_key

PHASES = ("actions_complete", "impact_evidenced")
REVIEW_KIND_LABELS = {
    ReviewKind.INSPECTION: "Inspection",
    ReviewKind.MONITORING_VISIT: "Monitoring visit",
    ReviewKind.PEER_REVIEW: "Peer review",
    ReviewKind.SERIOUS_CASE_REVIEW: "Serious case review",
    ReviewKind.OTHER: "Other review",
}


@dataclass(frozen=True)
class PlanActionBrief:
    """A plan entry as the register and the golden thread show it."""

    id: int
    plan_id: int
    plan_name: str
    ref: str
    text: str  # first line
    kind: PlanItemKind
    progress: Level | None
    impact: Level | None
    impact_is_evidence: bool  # the impact level counts as evidence of impact (see `evidenced_level_ids`)
    evidence_of_impact: str

    @property
    def label(self) -> str:
        return f"{self.ref} {self.text}".strip()

    @property
    def is_complete(self) -> bool:
        return self.progress is not None and self.progress.means_complete

    @property
    def has_impact_information(self) -> bool:
        return self.impact is not None or bool(self.evidence_of_impact.strip())

    @property
    def shows_impact(self) -> bool:
        """Impact evidenced: an impact rating that counts, or (with no rating) evidence written down."""
        if self.impact is not None:
            return self.impact_is_evidence
        return bool(self.evidence_of_impact.strip())


@dataclass(frozen=True)
class Phase:
    """One phase of a recommendation's progress: the value used, and where it came from."""

    value: bool
    derived: bool | None  # None: nothing to derive it from
    override: bool | None  # set by hand; None: derived
    explanation: str

    @property
    def is_set_by_hand(self) -> bool:
        return self.override is not None

    @property
    def label(self) -> str:
        if self.override is None and self.derived is None:
            return "–"
        return "Yes" if self.value else "No"

    @property
    def tooltip(self) -> str:
        if self.override is None:
            return f"Derived: {self.explanation}"
        by_hand = f"Set by hand to {'yes' if self.override else 'no'}."
        if self.derived is None:
            return f"{by_hand} It cannot be derived from the plan actions: {self.explanation}"
        return (
            f"{by_hand} Derived from the plan actions it would be {'yes' if self.derived else 'no'}: {self.explanation}"
        )


def make_phase(derived: bool | None, explanation: str, override: bool | None) -> Phase:
    value = override if override is not None else bool(derived)
    return Phase(value=value, derived=derived, override=override, explanation=explanation)


def _labels(actions: Sequence[PlanActionBrief], limit: int = 4) -> str:
    shown = [a.ref or f"“{a.text[:40]}”" for a in actions[:limit]]
    more = len(actions) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def derive_actions_complete(actions: Sequence[PlanActionBrief]) -> tuple[bool | None, str]:
    """Complete when every linked plan action is at a level that means complete."""
    if not actions:
        return None, "no plan action addresses this recommendation yet."
    done = [a for a in actions if a.is_complete]
    if len(done) == len(actions):
        levels = sorted({a.progress.label for a in done if a.progress})
        noun = "the plan action is" if len(actions) == 1 else f"all {len(actions)} plan actions are"
        return True, f"{noun} at a completed status ({', '.join(levels)})."
    waiting = [a for a in actions if not a.is_complete]
    detail = "; ".join(f"{a.ref or a.text[:40]} {a.progress.label if a.progress else 'not rated'}" for a in waiting[:5])
    more = f" and {len(waiting) - 5} more" if len(waiting) > 5 else ""
    return False, f"{len(done)} of {len(actions)} plan actions complete; not yet: {detail}{more}."


def derive_impact_evidenced(actions: Sequence[PlanActionBrief]) -> tuple[bool | None, str]:
    """Evidenced when every linked plan action shows impact (a rating that counts, or evidence written)."""
    if not actions:
        return None, "no plan action addresses this recommendation yet."
    informed = [a for a in actions if a.has_impact_information]
    if not informed:
        return None, "no impact rating or evidence of impact is recorded on its plan actions."
    showing = [a for a in actions if a.shows_impact]
    if len(showing) == len(actions):
        return True, f"every plan action ({_labels(actions)}) has its impact evidenced."
    missing = [a for a in actions if not a.shows_impact]
    return False, f"{len(showing)} of {len(actions)} plan actions show impact; not yet: {_labels(missing)}."


@dataclass(frozen=True)
class RecommendationRow:
    id: int
    source_id: int
    source_title: str
    source_kind: ReviewKind
    ref: str
    text: str
    key_area: str
    lead: str
    plan_id: int | None
    actions: tuple[PlanActionBrief, ...]
    actions_complete: Phase
    impact_evidenced: Phase
    signed_off_meeting_id: int | None
    signed_off_meeting_date: dt.date | None
    signed_off_on: dt.date | None

    @property
    def signed_off(self) -> bool:
        return self.signed_off_meeting_id is not None or self.signed_off_on is not None

    @property
    def signed_off_label(self) -> str:
        if self.signed_off_meeting_date is not None:
            return f"{long_date(self.signed_off_meeting_date)} meeting"
        if self.signed_off_on is not None:
            return long_date(self.signed_off_on)
        return ""

    @property
    def phases_done(self) -> int:
        return sum((self.actions_complete.value, self.impact_evidenced.value, self.signed_off))

    @property
    def label(self) -> str:
        return f"Recommendation {self.ref}" if self.ref[:1].isdigit() else self.ref


def plan_action_briefs(session: Session, item_ids: Sequence[int]) -> dict[int, PlanActionBrief]:
    """Plan entries with their current levels, in a fixed number of queries."""
    if not item_ids:
        return {}
    rows = session.exec(
        select(PlanItem, Plan.name).join(Plan, col(Plan.id) == PlanItem.plan_id).where(col(PlanItem.id).in_(item_ids))
    ).all()
    level_ids = {i for item, _ in rows for i in (item.progress_level_id, item.impact_level_id) if i is not None}
    levels = {row.id: row for row in session.exec(select(StatusLevel).where(col(StatusLevel.id).in_(level_ids)))}
    evidence = evidenced_level_ids(session, {row.scale_id for row in levels.values()})
    found: dict[int, PlanActionBrief] = {}
    for item, plan_name in rows:
        progress = levels.get(item.progress_level_id) if item.progress_level_id else None
        impact = levels.get(item.impact_level_id) if item.impact_level_id else None
        found[item.id or 0] = PlanActionBrief(
            id=item.id or 0,
            plan_id=item.plan_id,
            plan_name=plan_name,
            ref=item.ref,
            text=item.text.strip().splitlines()[0] if item.text.strip() else "",
            kind=item.kind,
            progress=level_of(progress) if progress else None,
            impact=level_of(impact) if impact else None,
            impact_is_evidence=impact is not None and impact.id in evidence,
            evidence_of_impact=item.evidence_of_impact,
        )
    return found


def evidenced_level_ids(session: Session, scale_ids: set[int]) -> set[int | None]:
    """Levels that count as impact evidenced: those marked "means complete", else each scale's top level."""
    rows = session.exec(select(StatusLevel).where(col(StatusLevel.scale_id).in_(scale_ids))).all()
    by_scale: dict[int, list[StatusLevel]] = defaultdict(list)
    for row in rows:
        by_scale[row.scale_id].append(row)
    found: set[int | None] = set()
    for levels in by_scale.values():
        marked = [lv.id for lv in levels if lv.means_complete]
        found.update(marked or [max(levels, key=lambda lv: lv.position).id])
    return found


def sort_briefs(briefs: Sequence[PlanActionBrief]) -> list[PlanActionBrief]:
    return sorted(briefs, key=lambda b: (b.plan_name, natural_key(b.ref), b.id))


def recommendation_rows(session: Session, plan_id: int | None = None) -> list[RecommendationRow]:
    """The register: the plan's recommendations (mapped to it, or addressed by its entries); all without a plan."""
    query = select(Recommendation, ReviewSource).join(ReviewSource, col(ReviewSource.id) == Recommendation.source_id)
    if plan_id is not None:
        addressed = (
            select(PlanItemRecommendation.recommendation_id)
            .join(PlanItem, col(PlanItem.id) == PlanItemRecommendation.plan_item_id)
            .where(PlanItem.plan_id == plan_id)
        )
        query = query.where(or_(col(Recommendation.plan_id) == plan_id, col(Recommendation.id).in_(addressed)))
    rows = session.exec(query).all()
    return _rows(session, rows)


def recommendation_row(session: Session, recommendation_id: int) -> RecommendationRow:
    rows = session.exec(
        select(Recommendation, ReviewSource)
        .join(ReviewSource, col(ReviewSource.id) == Recommendation.source_id)
        .where(Recommendation.id == recommendation_id)
    ).all()
    if not rows:
        raise NotFound("That recommendation no longer exists; it may have been deleted.")
    return _rows(session, rows)[0]


def _rows(session: Session, rows: Sequence[Any]) -> list[RecommendationRow]:
    ids = [rec.id for rec, _ in rows]
    links: dict[int, list[int]] = defaultdict(list)
    for rec_id, item_id in session.exec(
        select(PlanItemRecommendation.recommendation_id, PlanItemRecommendation.plan_item_id).where(
            col(PlanItemRecommendation.recommendation_id).in_(ids)
        )
    ).all():
        links[rec_id].append(item_id)
    briefs = plan_action_briefs(session, sorted({i for items in links.values() for i in items}))
    meeting_ids = [rec.signed_off_at_meeting_id for rec, _ in rows if rec.signed_off_at_meeting_id is not None]
    meeting_dates: dict[int | None, dt.date] = dict(
        session.exec(select(col(Meeting.id), col(Meeting.date)).where(col(Meeting.id).in_(meeting_ids))).all()
    )
    found: list[RecommendationRow] = []
    for rec, source in rows:
        actions = tuple(sort_briefs([briefs[i] for i in links.get(rec.id, []) if i in briefs]))
        complete, complete_why = derive_actions_complete(actions)
        impact, impact_why = derive_impact_evidenced(actions)
        found.append(
            RecommendationRow(
                id=rec.id or 0,
                source_id=source.id or 0,
                source_title=source.title,
                source_kind=source.kind,
                ref=rec.ref,
                text=rec.text,
                key_area=rec.key_area,
                lead=rec.lead,
                plan_id=rec.plan_id,
                actions=actions,
                actions_complete=make_phase(complete, complete_why, rec.actions_complete),
                impact_evidenced=make_phase(impact, impact_why, rec.impact_evidenced),
                signed_off_meeting_id=rec.signed_off_at_meeting_id,
                signed_off_meeting_date=meeting_dates.get(rec.signed_off_at_meeting_id),
                signed_off_on=rec.signed_off_on,
            )
        )
    found.sort(key=lambda r: (r.source_title, natural_key(r.ref)))
    return found


# -- sources and recommendations ------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str
    kind: ReviewKind
    reported_on: dt.date | None


def list_sources(session: Session) -> list[SourceRow]:
    return [
        SourceRow(id=s.id or 0, title=s.title, kind=s.kind, reported_on=s.reported_on)
        for s in session.exec(select(ReviewSource).order_by(col(ReviewSource.title))).all()
    ]


def add_source(
    session: Session, title: str, kind: ReviewKind = ReviewKind.INSPECTION, reported_on: dt.date | None = None
) -> tuple[int, Changes]:
    title = " ".join(title.split())
    if not title:
        raise InvalidChange("A review needs its title (“Ofsted inspection, August 2018”).")
    source = ReviewSource(title=title, kind=kind, reported_on=reported_on)
    session.add(source)
    session.flush()
    return source.id or 0, Changes()


def _plans_touching(session: Session, rec: Recommendation) -> frozenset[int]:
    plans = set(
        session.exec(
            select(PlanItem.plan_id)
            .join(PlanItemRecommendation, col(PlanItemRecommendation.plan_item_id) == PlanItem.id)
            .where(PlanItemRecommendation.recommendation_id == rec.id)
        ).all()
    )
    if rec.plan_id is not None:
        plans.add(rec.plan_id)
    return frozenset(plans)


def _get(session: Session, recommendation_id: int) -> Recommendation:
    rec = session.get(Recommendation, recommendation_id)
    if rec is None:
        raise NotFound("That recommendation no longer exists; it may have been deleted.")
    return rec


def _ensure_ref_free(session: Session, source_id: int, ref: str, except_id: int | None = None) -> None:
    clash = session.exec(
        select(Recommendation.id).where(Recommendation.source_id == source_id, Recommendation.ref == ref)
    ).first()
    if clash is not None and clash != except_id:
        raise InvalidChange(f"This review already has a recommendation {ref}; give this one another ref.")


def add_recommendation(
    session: Session,
    *,
    source_id: int,
    ref: str,
    text: str,
    plan_id: int | None = None,
    key_area: str = "",
    lead: str = "",
) -> tuple[int, Changes]:
    if session.get(ReviewSource, source_id) is None:
        raise NotFound("That review no longer exists.")
    ref, text = " ".join(ref.split()), text.strip()
    if not ref or not text:
        raise InvalidChange("A recommendation needs its ref (“4”, “B12”) and its text.")
    _ensure_ref_free(session, source_id, ref)
    rec = Recommendation(
        source_id=source_id, plan_id=plan_id, ref=ref, text=text, key_area=key_area.strip(), lead=lead.strip()
    )
    session.add(rec)
    session.flush()
    return rec.id or 0, Changes(plans=frozenset({plan_id} if plan_id else set()))


def update_recommendation(session: Session, recommendation_id: int, **fields: str) -> Changes:
    """Change ref, text, key area or lead."""
    unknown = set(fields) - {"ref", "text", "key_area", "lead"}
    if unknown:
        raise ValueError(f"update_recommendation cannot change {', '.join(sorted(unknown))}")
    rec = _get(session, recommendation_id)
    changed = False
    for name, raw in fields.items():
        value = raw.strip() if name == "text" else " ".join(raw.split())
        if name in ("ref", "text") and not value:
            raise InvalidChange("A recommendation's ref and text cannot be blank.")
        if name == "ref":
            _ensure_ref_free(session, rec.source_id, value, rec.id)
        if getattr(rec, name) != value:
            setattr(rec, name, value)
            changed = True
    if not changed:
        return Changes()
    session.add(rec)
    session.flush()
    return Changes(plans=_plans_touching(session, rec))


def delete_recommendation(session: Session, recommendation_id: int) -> Changes:
    """Delete it and its links to plan actions (the plan actions stay)."""
    rec = _get(session, recommendation_id)
    plans = _plans_touching(session, rec)
    session.delete(rec)
    session.flush()
    return Changes(plans=plans)


def set_phase(session: Session, recommendation_id: int, phase: str, value: bool | None) -> Changes:
    """Set "actions_complete" or "impact_evidenced" by hand (True/False), or None to derive it again."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}")
    rec = _get(session, recommendation_id)
    if getattr(rec, phase) is value:
        return Changes()
    setattr(rec, phase, value)
    session.add(rec)
    session.flush()
    return Changes(plans=_plans_touching(session, rec))


def sign_off(session: Session, recommendation_id: int, *, meeting_id: int | None, on: dt.date | None = None) -> Changes:
    """Record the board's sign-off at a meeting (its date is taken unless `on` is given); both None clears it."""
    rec = _get(session, recommendation_id)
    if meeting_id is not None:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise NotFound("That meeting no longer exists.")
        on = on or meeting.date
    rec.signed_off_at_meeting_id = meeting_id
    rec.signed_off_on = on
    session.add(rec)
    session.flush()
    return Changes(plans=_plans_touching(session, rec))


# -- links between plan entries and recommendations ------------------------------------------------


def link_recommendation(session: Session, item_id: int, recommendation_id: int) -> Changes:
    """The plan entry addresses the recommendation (linking twice changes nothing)."""
    item = get_item(session, item_id)
    rec = _get(session, recommendation_id)
    exists = session.exec(
        select(PlanItemRecommendation.id).where(
            PlanItemRecommendation.plan_item_id == item_id,
            PlanItemRecommendation.recommendation_id == recommendation_id,
        )
    ).first()
    if exists is not None:
        return Changes()
    session.add(PlanItemRecommendation(plan_item_id=item_id, recommendation_id=recommendation_id))
    session.flush()
    return Changes(plans=_plans_touching(session, rec) | {item.plan_id})


def unlink_recommendation(session: Session, item_id: int, recommendation_id: int) -> Changes:
    item = get_item(session, item_id)
    rec = _get(session, recommendation_id)
    link = session.exec(
        select(PlanItemRecommendation).where(
            PlanItemRecommendation.plan_item_id == item_id,
            PlanItemRecommendation.recommendation_id == recommendation_id,
        )
    ).first()
    if link is None:
        return Changes()
    plans = _plans_touching(session, rec) | {item.plan_id}
    session.delete(link)
    session.flush()
    return Changes(plans=plans)


_REF_WORDS = re.compile(r"\b(?:recommendations?|recs?\.?|ofsted|ref)\b", re.IGNORECASE)
_REF_TOKEN = re.compile(r"[A-Za-z]{0,3}\d+[A-Za-z]?")


def parse_recommendation_refs(text: str) -> list[str] | None:
    """The refs a cell names, in order: "Recommendation 1,5,6" → ["1", "5", "6"]; "ALL" → None (all)."""
    cleaned = _REF_WORDS.sub(" ", text)
    if cleaned.strip().upper() in {"ALL", "ALL RECOMMENDATIONS"}:
        return None
    refs: list[str] = []
    for token in _REF_TOKEN.findall(cleaned):
        if token not in refs:
            refs.append(token)
    return refs


def set_item_recommendations(session: Session, item_id: int, refs_text: str) -> Changes:
    """Link the entry to exactly the recommendations a typed list names ("1, 5 and 10", "ALL").

    Refs are looked up among the recommendations of the entry's plan; an unknown ref refuses the
    whole change and names it.
    """
    item = get_item(session, item_id)
    candidates = recommendation_rows(session, item.plan_id)
    wanted_refs = parse_recommendation_refs(refs_text)
    if wanted_refs is None:
        wanted = {row.id for row in candidates}
    else:
        by_ref: dict[str, list[int]] = defaultdict(list)
        for row in candidates:
            by_ref[row.ref.casefold()].append(row.id)
        unknown = [ref for ref in wanted_refs if ref.casefold() not in by_ref]
        if unknown:
            raise InvalidChange(
                f"This plan has no recommendation {', '.join(unknown)}. Add it in the plan's recommendations "
                "register first, or check the ref."
            )
        ambiguous = [ref for ref in wanted_refs if len(by_ref[ref.casefold()]) > 1]
        if ambiguous:
            raise InvalidChange(
                f"More than one review has a recommendation {', '.join(ambiguous)}; link it from the "
                "recommendations register instead."
            )
        wanted = {by_ref[ref.casefold()][0] for ref in wanted_refs}
    current = set(
        session.exec(
            select(PlanItemRecommendation.recommendation_id).where(PlanItemRecommendation.plan_item_id == item_id)
        ).all()
    )
    changes = Changes()
    for rec_id in sorted(wanted - current):
        changes = changes | link_recommendation(session, item_id, rec_id)
    for rec_id in sorted(current - wanted):
        changes = changes | unlink_recommendation(session, item_id, rec_id)
    return changes
