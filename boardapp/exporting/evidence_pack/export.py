"""Build the evidence pack from the golden-thread services, and write it to Word (.docx) or PDF.

    result = export_evidence_pack(session, plan_id, path, "docx", recommendation_id=None)

For each recommendation the plan addresses (or the one asked for): its phases as the register
derives them (`services.recommendations`), the plan actions that address it with every rating
they were given and the board actions linked to them (`services.golden_thread.recommendation_thread`,
the thread the GUI shows), completed with what a reader of the pack needs beside it: each plan
action's lead, due date and key area (`services.plans.plan_tree`), its KPIs, and for each board
action the decisions made at the item where the board raised it, its updates with their meetings
and the meeting that closed it (`services.plan_documents`: one batch of queries for all the board
actions of the pack). Nothing here queries the database itself except the Part II module.

Board business that is exempt (Part II: the action's or decision's own stamp, or its item) is
included in the full pack – for officers and inspectors – but marked as exempt, and the whole pack
is then marked CONFIDENTIAL. The public version leaves it out and is checked by the exempt-text
guard before and after it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from boardapp.core.enums import DueKind
from boardapp.exporting.backends.output import ExportResult
from boardapp.exporting.backends.text import Warnings, long_date, month_year
from boardapp.exporting.evidence_pack.document import (
    ActionUpdateLine,
    BoardActionEvidence,
    EvidencePackDocument,
    PlanActionEvidence,
    RecommendationEvidence,
)
from boardapp.exporting.exempt.guarded_write import write_checked
from boardapp.exporting.exempt.part2 import collect_part2, exempt_action_ids
from boardapp.exporting.meetings.builders import OWNER_JOIN, STATUS_LABELS
from boardapp.exporting.meetings.documents import DocumentInfo, exempt_mark
from boardapp.exporting.plan_report.document import area_heading
from boardapp.exporting.plan_report.export import (
    PlanNotFound,
    Reader,
    RecommendationNotFound,
    area_of,
    check_format,
    current_since,
    plan_names,
)
from boardapp.services.golden_thread import BoardActionBrief, PlanItemThread, recommendation_thread
from boardapp.services.plan_documents import BoardActionRecord, board_action_records, kpis_by_item
from boardapp.services.plans import KIND_LABELS, PlanNode, PlanTree, plan_tree
from boardapp.services.recommendations import recommendation_rows

EVIDENCE_PACK_FORMATS = ("docx", "pdf")


def build_evidence_pack(
    session: Session,
    plan_id: int,
    *,
    recommendation_id: int | None = None,
    as_of: dt.date | None = None,
    public: bool = False,
) -> EvidencePackDocument:
    """The golden thread of every recommendation of the plan, or of the one asked for; the public
    version leaves out exempt (Part II) board actions and decisions."""
    as_of = as_of or dt.date.today()
    warnings = Warnings()
    reader = Reader(warnings)
    try:
        tree = plan_tree(session, plan_id)
    except LookupError:
        raise PlanNotFound(str(plan_id), plan_names(session)) from None
    rows = recommendation_rows(session, plan_id)
    if recommendation_id is not None:
        chosen = [row for row in rows if row.id == recommendation_id]
        if not chosen:
            raise RecommendationNotFound(str(recommendation_id), tree.name, [row.ref for row in rows])
        rows = chosen
    threads = [recommendation_thread(session, row.id) for row in rows]
    entries = _Entries(session, tree)
    item_ids = sorted({t.item.id for thread in threads for t in thread.items})
    entries.load({t.item.plan_id for thread in threads for t in thread.items})
    kpis = reader.kpis_of_items(kpis_by_item(session, item_ids))
    details = _board_action_details(
        session, reader, [a for th in threads for t in th.items for a in t.board_actions], public=public
    )

    def plan_action(thread: PlanItemThread) -> PlanActionEvidence:
        brief = thread.item
        where = f"Plan entry {brief.ref}".strip()
        node = entries.node(brief.id)
        progress = reader.mark(brief.progress)
        history = reader.events(thread.history)
        return PlanActionEvidence(
            ref=reader.clean(brief.ref, where),
            text=reader.clean(node.text if node else brief.text, where, multiline=True),
            kind=KIND_LABELS.get(brief.kind, str(brief.kind)),
            plan_name="" if brief.plan_id == plan_id else reader.clean(brief.plan_name, "Plan name"),
            area=reader.clean(entries.area(brief.id), where),
            lead=reader.clean(node.lead_label if node else "", where),
            due_text=reader.clean(node.due_text if node else "", where),
            due_date=node.due_date if node else None,
            progress=progress,
            progress_since=current_since(history, progress),
            impact=reader.mark(brief.impact),
            evidence_of_impact=reader.clean(brief.evidence_of_impact, where, multiline=True),
            history=tuple(history),
            board_actions=tuple(
                evidence for evidence in (details(a) for a in thread.board_actions) if not (public and evidence.exempt)
            ),
            kpis=tuple(kpis.get(brief.id, ())),
        )

    recommendations = [
        RecommendationEvidence(
            summary=reader.recommendation(thread.recommendation),
            plan_actions=tuple(plan_action(t) for t in thread.items),
        )
        for thread in threads
    ]
    summaries = [r.summary for r in recommendations]
    plan_name = reader.clean(tree.name, "Plan name")
    board = reader.clean(tree.board_name, "Board name")
    single = recommendation_id is not None
    what = summaries[0].label if single and summaries else "recommendations"
    return EvidencePackDocument(
        plan_name=plan_name,
        board_name=board,
        sources=tuple(dict.fromkeys(s.source for s in summaries)),
        as_of=as_of,
        scale=reader.scale(tree.progress_scale),
        recommendations=tuple(recommendations),
        single=single,
        confidential=any(
            a.exempt or any(d.startswith(exempt_mark()[:-1]) for d in a.decisions)
            for r in recommendations
            for p in r.plan_actions
            for a in p.board_actions
        ),
        info=DocumentInfo(
            title=f"Evidence pack: {what} – {plan_name}" if single else f"Evidence pack – {plan_name}",
            author=board or "BoardApp",
            subject=f"From each {'recommendation' if not single else what} to the plan actions addressing it, their "
            f"status over time and the board's decisions and actions, as at {long_date(as_of)}",
            keywords="evidence pack, inspection recommendations, improvement plan, golden thread",
        ),
        warnings=warnings.as_tuple(),
    )


class _Entries:
    """The plan entries a pack shows, from the trees of their plans: text, lead, due, key area."""

    def __init__(self, session: Session, tree: PlanTree) -> None:
        self.session = session
        self.trees = {tree.id: tree}
        self.nodes: dict[int, PlanNode] = {}
        self.roots: dict[int, PlanNode] = {}

    def load(self, plan_ids: set[int]) -> None:
        for plan_id in sorted(plan_ids - set(self.trees)):
            try:
                self.trees[plan_id] = plan_tree(self.session, plan_id)
            except LookupError:  # deleted while the pack was read: its entries keep their briefs
                continue
        for tree in self.trees.values():
            self.nodes.update({node.id: node for node in tree.walk()})
            self.roots.update(area_of(tree))

    def node(self, item_id: int) -> PlanNode | None:
        return self.nodes.get(item_id)

    def area(self, item_id: int) -> str:
        root = self.roots.get(item_id)
        if root is None or root.id == item_id:
            return ""
        return area_heading(root.kind_label, root.ref, root.text.strip().splitlines()[0] if root.text.strip() else "")


@dataclass(frozen=True)
class _Extra:
    due: str
    decisions: tuple[str, ...]
    updates: tuple[ActionUpdateLine, ...]
    closed_on: dt.date | None
    exempt: bool


def _board_action_details(
    session: Session, reader: Reader, briefs: Sequence[BoardActionBrief], *, public: bool = False
) -> Callable[[BoardActionBrief], BoardActionEvidence]:
    """What the golden thread does not carry about each board action – its due point, the decisions
    at the item where it was raised, its updates and the meeting that closed it
    (`plan_documents.board_action_records`); returns the function that turns a brief into its evidence."""
    ids = sorted({b.id for b in briefs})
    records = board_action_records(session, ids)
    exempt_actions = exempt_action_ids(session, ids)
    withheld_titles = {r.raised_item_id for r in records.values() if r.raised_item_title_withheld}
    extra: dict[int, _Extra] = {}
    for action_id, record in records.items():
        where = f"Board action {record.ref}"
        lines = []
        for update in record.updates:
            note = update.note.strip()
            if not note and update.status_to is not None:
                note = f"Status changed to {STATUS_LABELS.get(update.status_to, str(update.status_to)).lower()}"
            lines.append(
                ActionUpdateLine(
                    on=update.recorded_on,
                    note=reader.clean(note, where, multiline=True),
                    meeting_date=update.meeting_date,
                )
            )
        extra[action_id] = _Extra(
            due=reader.clean(_due(record), where),
            decisions=tuple(reader.clean(d, where, multiline=True) for d in _decisions(record, public=public)),
            updates=tuple(lines),
            closed_on=record.closed_on,
            exempt=action_id in exempt_actions or record.raised_item_exempt,
        )

    def evidence(brief: BoardActionBrief) -> BoardActionEvidence:
        where = f"Board action {brief.ref}"
        more = extra.get(brief.id, _Extra("", (), (), None, False))
        item = ""
        if brief.raised_item_number is not None:
            title = "Exempt item" if public and brief.raised_item_id in withheld_titles else brief.raised_item_title
            item = f"item {brief.raised_item_number}: {' '.join(title.split())}".rstrip(": ")
        return BoardActionEvidence(
            ref=reader.clean(brief.ref, where),
            text=reader.clean(brief.text, where, multiline=True),
            owners=OWNER_JOIN.join(reader.clean(o, where) for o in brief.owners if o),
            board_name=reader.clean(brief.board_name, "Board name"),
            status=brief.status_label,
            raised_on=brief.raised_on,
            item=reader.clean(item, where),
            due=more.due,
            decisions=more.decisions,
            updates=more.updates,
            closed_on=more.closed_on,
            link_note=reader.clean(brief.link_note, where),
            exempt=more.exempt,
        )

    return evidence


def _decisions(record: BoardActionRecord, *, public: bool) -> list[str]:
    """The decisions at the item where the action was raised. Part II: the decision's own stamp (or
    its item) decides; left out of a public pack, and marked when only the decision is exempt."""
    found = []
    for decision in record.decisions:
        exempt = decision.is_exempt or record.raised_item_exempt
        if exempt and public:
            continue
        marked = exempt and not record.raised_item_exempt
        found.append(f"{exempt_mark()} {decision.text}" if marked else decision.text)
    return found


def _due(record: BoardActionRecord) -> str:
    if record.due_kind is DueKind.MEETING and record.due_meeting_date is not None:
        return f"{month_year(record.due_meeting_date)} meeting"
    if record.due_kind is DueKind.DATE and record.due_date is not None:
        return long_date(record.due_date)
    if record.due_kind is DueKind.FUTURE_MEETING:
        return "a future meeting"
    return record.due_text


def export_evidence_pack(
    session: Session,
    plan_id: int,
    path: str | Path,
    fmt: str,
    *,
    recommendation_id: int | None = None,
    as_of: dt.date | None = None,
    public: bool = False,
) -> ExportResult:
    """Write the evidence pack (all recommendations, or one) to `path` as .docx or .pdf, atomically; the
    public version leaves out Part II business and is checked by the exempt-text guard."""
    fmt = check_format("The evidence pack", fmt, EVIDENCE_PACK_FORMATS)
    document = build_evidence_pack(session, plan_id, recommendation_id=recommendation_id, as_of=as_of, public=public)
    warnings = Warnings()
    warnings.extend(document.warnings)
    exempt = collect_part2(session) if public else None
    if fmt == "docx":
        from boardapp.exporting.evidence_pack.to_docx import render_evidence_pack_docx as render
    else:
        from boardapp.exporting.evidence_pack.to_pdf import render_evidence_pack_pdf as render
    return write_checked(path, document, render, fmt, warnings, exempt, what="evidence pack")
