"""The document model of the evidence pack: the golden thread an inspector asks to see.

recommendation → the plan actions that address it → the status each was given over time →
the board actions linked to them, with the meeting (and item) where the board raised them, the
decisions the board made there and every update since. Frozen, display-ready data filled by
`evidence_pack.py` and laid out by `evidence_pack_docx.py` and `evidence_pack_pdf.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from boardapp.exporting.backends.text import long_date
from boardapp.exporting.meetings.documents import DocumentInfo
from boardapp.exporting.plan_report.document import KpiLine, RecommendationSummary, StatusEvent, StatusMark


@dataclass(frozen=True)
class ActionUpdateLine:
    on: dt.date
    note: str  # "Letter sent", or the change of status when no note was made
    meeting_date: dt.date | None  # the meeting the update was made at


@dataclass(frozen=True)
class BoardActionEvidence:
    """A board action linked to a plan action, with where the board raised it and what came of it."""

    ref: str  # "IB-20170801-07"
    text: str
    owners: str  # "Chris Coyle/Amanda Hatton"
    board_name: str
    status: str  # "Open", "Closed"
    raised_on: dt.date | None  # the meeting's date
    item: str  # "item 5: Workforce"
    due: str  # "September 2017 meeting", "31 October 2017", "a future meeting"
    decisions: tuple[str, ...]  # "Resolved:" at the item where it was raised
    updates: tuple[ActionUpdateLine, ...]  # oldest first
    closed_on: dt.date | None  # the meeting at which the board agreed to close it
    link_note: str = ""
    exempt: bool = False  # raised under a Part II (exempt) item

    @property
    def raised_at(self) -> str:
        """ "the meeting of 1 August 2017, item 5: Workforce"."""
        if self.raised_on is None:
            return "not raised at a meeting"
        where = f"the meeting of {long_date(self.raised_on)}"
        return f"{where}, {self.item}" if self.item else where


@dataclass(frozen=True)
class PlanActionEvidence:
    ref: str
    text: str
    kind: str  # "Action", "Objective"
    plan_name: str  # named only when the action belongs to another plan than the pack's
    area: str  # "Key Area 3: Purposeful Practice"
    lead: str
    due_text: str
    due_date: dt.date | None
    progress: StatusMark | None
    progress_since: dt.date | None
    impact: StatusMark | None
    evidence_of_impact: str
    history: tuple[StatusEvent, ...]  # oldest first, both scales
    board_actions: tuple[BoardActionEvidence, ...]
    kpis: tuple[KpiLine, ...]

    @property
    def heading(self) -> str:
        first = self.text.splitlines()[0] if self.text else ""
        return f"{self.ref} {first}".strip()


@dataclass(frozen=True)
class RecommendationEvidence:
    summary: RecommendationSummary
    plan_actions: tuple[PlanActionEvidence, ...]

    @property
    def board_action_count(self) -> int:
        return len({a.ref for p in self.plan_actions for a in p.board_actions})

    @property
    def decision_count(self) -> int:
        return len({d for p in self.plan_actions for a in p.board_actions for d in a.decisions})


@dataclass(frozen=True)
class EvidencePackDocument:
    plan_name: str
    board_name: str
    sources: tuple[str, ...]  # the reviews whose recommendations the pack covers
    as_of: dt.date
    scale: tuple[StatusMark, ...]
    recommendations: tuple[RecommendationEvidence, ...]
    single: bool  # the pack covers one recommendation, asked for by name
    confidential: bool  # holds text of Part II (exempt) business
    info: DocumentInfo
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        if self.single and self.recommendations:
            return f"Evidence pack: {self.recommendations[0].summary.label}"
        return "Evidence pack"
