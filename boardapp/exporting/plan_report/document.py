"""The document models of the plan progress report and the pieces the evidence pack shares with it.

Like `documents.py` for agendas and minutes: frozen, display-ready plain data that the builder
(`plan_report.py`) fills from the database and the backends (`plan_report_xlsx.py`,
`plan_report_pdf.py`) only lay out. Dates stay dates, so the spreadsheet can hold real dates;
every string has already been cleaned for every backend.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from boardapp.core import dates
from boardapp.exporting.meetings.documents import DocumentInfo

NOT_RATED_LABEL = "Not rated"
NEUTRAL_COLOUR = "#D9D9D9"  # the grey of "not rated" cells and bars


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill` ("#RRGGBB"): WCAG relative luminance."""
    rgb = _rgb(fill)
    if rgb is None:
        return "#1A1A1A"

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast against white is (1.05) / (L + 0.05), against black (L + 0.05) / 0.05: pick the larger.
    return "#FFFFFF" if 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05 else "#1A1A1A"


def _rgb(colour: str) -> tuple[int, int, int] | None:
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if len(text) != 6:
        return None
    try:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except ValueError:
        return None


def short_date(day: dt.date) -> str:
    """ "9 Apr 2019", for narrow columns."""
    return dates.short_date(day)


def normal_colour(colour: str) -> str:
    """ "#C00000" from "c00000", "#c00", " #C00000 "; "" when it is not a colour."""
    rgb = _rgb(colour)
    return "" if rgb is None else "#{:02X}{:02X}{:02X}".format(*rgb)


@dataclass(frozen=True)
class StatusMark:
    """A point of a plan's status scale as printed: its label in its colour."""

    code: str  # "RED"; "" for not rated
    label: str  # "Red"
    colour: str  # "#C00000"; "" for not rated
    meaning: str = ""
    complete: bool = False  # the level means the action is complete (BLUE on the 002 scale)

    @property
    def rated(self) -> bool:
        return bool(self.code or self.colour)

    @property
    def fill(self) -> str:
        return self.colour or NEUTRAL_COLOUR

    @property
    def ink(self) -> str:
        return text_colour_on(self.fill)


NOT_RATED = StatusMark(code="", label=NOT_RATED_LABEL, colour="")


@dataclass(frozen=True)
class StatusCount:
    status: StatusMark
    count: int


@dataclass(frozen=True)
class StatusEvent:
    """One rating in a plan action's history."""

    on: dt.date
    scale: str  # "Progress" or "Impact"
    status: StatusMark
    previous: StatusMark | None  # the rating before it on the same scale
    by: str
    reason: str
    meeting_date: dt.date | None  # the meeting it was reported at

    @property
    def change(self) -> str:
        """ "Amber → Green", or "Green" for a first rating."""
        return f"{self.previous.label} → {self.status.label}" if self.previous else self.status.label


@dataclass(frozen=True)
class PlanRow:
    """A row of a key area's table: a section (objective, workstream) or a plan action."""

    is_section: bool
    depth: int  # 0 = directly under the key area
    kind: str  # "Objective", "Workstream", "Action"
    ref: str
    text: str
    lead: str = ""
    due_text: str = ""  # verbatim: "Pilot November 2018 Roll Out June 2019"
    due_date: dt.date | None = None  # where one could be derived
    due_note: str = ""  # "Ongoing", "Recurring", or why the due text was flagged
    overdue: bool = False
    progress: StatusMark | None = None  # None: the row is not rated on that scale (sections)
    progress_since: dt.date | None = None
    latest_update: str = ""  # the reason of the latest rating, with who and the meeting
    impact: StatusMark | None = None
    evidence_of_impact: str = ""
    recommendation_refs: tuple[str, ...] = ()
    kpi_refs: str = ""
    board_actions: tuple[str, ...] = ()  # "IB-20170801-07 (Open)"
    oversight_group: str = ""


def area_heading(kind: str, ref: str, title: str) -> str:
    """ "Key Area 1: Effective Partnership Working", or the title alone where nothing is numbered."""
    return f"{kind.title()} {ref}: {title}" if ref else title


@dataclass(frozen=True)
class KeyAreaSection:
    ref: str  # "1"; "" where the plan numbers nothing
    title: str  # "Effective Partnership Working"
    kind: str  # "Key area" or "Workstream"
    description: str
    outcomes: tuple[str, ...]  # outcome statements / measures of success, one per line
    rows: tuple[PlanRow, ...]
    counts: tuple[StatusCount, ...]  # in scale order, "not rated" last

    @property
    def heading(self) -> str:
        return area_heading(self.kind, self.ref, self.title)

    @property
    def action_count(self) -> int:
        return sum(c.count for c in self.counts)


@dataclass(frozen=True)
class PhaseMark:
    """One phase of a recommendation's progress (actions complete, evidence of impact)."""

    value: bool
    derived: bool | None  # None: nothing to derive it from
    set_by_hand: bool
    how: str  # how the value was arrived at: "Derived: all 7 plan actions are at a completed status (Blue)."

    @property
    def label(self) -> str:
        if not self.set_by_hand and self.derived is None:
            return "–"
        return "Yes" if self.value else "No"


@dataclass(frozen=True)
class RecommendationSummary:
    ref: str  # "4", "B12"
    text: str
    source: str  # "Ofsted inspection of children's social care services (report August 2018)"
    key_area: str
    lead: str
    plan_action_refs: tuple[str, ...]
    actions_complete: PhaseMark
    impact_evidenced: PhaseMark
    signed_off: str  # "12 March 2019 meeting", "12 March 2019", or ""

    @property
    def label(self) -> str:
        """ "Recommendation 4"; a ref that is not a number ("B12") stands on its own."""
        return f"Recommendation {self.ref}" if self.ref[:1].isdigit() else self.ref

    @property
    def phases_done(self) -> int:
        return sum((self.actions_complete.value, self.impact_evidenced.value, bool(self.signed_off)))


@dataclass(frozen=True)
class KpiLine:
    ref: str
    measure: str
    responsible_officer: str
    frequency: str
    unit: str  # "%", "days", ""
    higher_is_better: bool
    target: float | None
    target_date: dt.date | None
    baseline: float | None
    baseline_label: str
    benchmark: float | None
    benchmark_label: str
    values: tuple[tuple[dt.date, float], ...]  # oldest first
    status: str  # "On target", "Off target", "No data", "No target"
    plan_item_refs: tuple[str, ...]

    @property
    def latest(self) -> tuple[dt.date, float] | None:
        return self.values[-1] if self.values else None

    def format(self, value: float | None) -> str:
        return format_number(value, self.unit)

    @property
    def target_label(self) -> str:
        if self.target is None:
            return ""
        return f"{'≥' if self.higher_is_better else '≤'} {self.format(self.target)}"


def format_number(value: float | None, unit: str = "") -> str:
    """ "72.5%", "12 days", "1,204": no trailing ".0", thousands separated."""
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return text
    return f"{text}{unit}" if unit in {"%", "‰"} else f"{text} {unit}"


KPI_STATUS_COLOURS = {"On target": "#00B050", "Off target": "#C00000"}


@dataclass(frozen=True)
class PlanReportDocument:
    plan_name: str
    board_name: str
    period_text: str
    as_of: dt.date
    scale_name: str
    scale: tuple[StatusMark, ...]  # the progress scale, worst first
    impact_scale: tuple[StatusMark, ...]
    areas: tuple[KeyAreaSection, ...]
    whole: tuple[StatusCount, ...]  # the whole plan, in scale order, "not rated" last
    recommendations: tuple[RecommendationSummary, ...]
    kpis: tuple[KpiLine, ...]
    info: DocumentInfo
    shows_impact: bool  # the plan rates impact (it has an impact scale, or some entry an impact rating)
    shows_evidence: bool  # some action records evidence of impact
    shows_refs: bool  # the plan numbers its entries ("1.2.3"); the 12 week plan does not
    shows_updates: bool  # some action has been rated, so has a latest update to show
    shows_kpi_refs: bool
    shows_recommendations: bool  # some action addresses a recommendation
    shows_board_actions: bool  # some action has board actions linked to it
    shows_oversight: bool
    warnings: tuple[str, ...] = ()
    public: bool = False  # the public version: exempt (Part II) board actions left out
    confidential: bool = False  # a full report listing an exempt board action: headed CONFIDENTIAL

    @property
    def action_count(self) -> int:
        return sum(c.count for c in self.whole)

    @property
    def subtitle(self) -> str:
        """ "Lancashire Children's Services Improvement Board · August – October 2017"."""
        mark = "CONFIDENTIAL – contains exempt information" if self.confidential else ""
        return " · ".join(part for part in (self.board_name, self.period_text, mark) if part)
