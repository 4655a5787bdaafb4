"""Improvement plans as trees, their status scales and history, recommendations and KPIs."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field, SQLModel

from boardapp.core.enums import PlanDueKind, PlanItemKind, ReviewKind, ScaleKind
from boardapp.core.models._base import ONE_PARTY, utcnow


class StatusScale(SQLModel, table=True):
    """An ordered rating scale (RED/AMBER/GREEN/BLUE, Red/Yellow/Green...) that a plan uses."""

    id: int | None = Field(default=None, primary_key=True)
    name: str


class StatusLevel(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("scale_id", "code", name="code_per_scale"),)

    id: int | None = Field(default=None, primary_key=True)
    scale_id: int = Field(foreign_key="statusscale.id", ondelete="CASCADE", index=True)
    position: int  # 0 = worst
    code: str  # "RED"
    label: str  # "Red"
    colour: str  # "#C00000"
    meaning: str = ""  # "Tasks and or outcomes have not been met or timescale slipped"
    means_complete: bool = False


class Plan(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    board_id: int | None = Field(default=None, foreign_key="board.id", ondelete="SET NULL", index=True)
    period_start: date | None = None
    period_end: date | None = None
    period_text: str = ""  # "August – October 2017", as the plan states it
    background: str = ""
    governance: str = ""
    progress_scale_id: int | None = Field(default=None, foreign_key="statusscale.id", ondelete="SET NULL")
    impact_scale_id: int | None = Field(default=None, foreign_key="statusscale.id", ondelete="SET NULL")


class PlanItem(SQLModel, table=True):
    """A node of the plan tree: key area / workstream > objective > action."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    parent_id: int | None = Field(default=None, foreign_key="planitem.id", ondelete="CASCADE", index=True)
    kind: PlanItemKind
    position: int = 0  # order among siblings
    ref: str = ""  # "1.2.3"; empty where the plan numbers nothing
    text: str
    description: str = ""  # a key area's narrative, as the plan's introduction describes it
    due_text: str = ""  # verbatim: "Pilot November 2018 Roll Out June 2019"
    due_kind: PlanDueKind = PlanDueKind.NONE
    due_date: date | None = None
    due_note: str = ""  # why a due text was flagged or how it was read
    lead_text: str = ""  # verbatim lead cell, kept beside the parsed leads
    outcomes: str = ""  # outcome statements / measures of success (areas), one per line
    evidence_of_impact: str = ""
    oversight_group: str = ""
    kpi_refs_text: str = ""  # verbatim "KPI Ref" cell
    recommendation_refs_text: str = ""  # verbatim "Ofsted Ref" cell
    progress_level_id: int | None = Field(default=None, foreign_key="statuslevel.id", ondelete="SET NULL")
    impact_level_id: int | None = Field(default=None, foreign_key="statuslevel.id", ondelete="SET NULL")
    version: int = 1  # bumped on every edit: a save from an older version is an edit conflict
    updated_at: datetime = Field(default_factory=utcnow)


class PlanItemLead(SQLModel, table=True):
    __table_args__ = (CheckConstraint(ONE_PARTY, name="one_party"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_item_id: int = Field(foreign_key="planitem.id", ondelete="CASCADE", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="CASCADE", index=True)
    role_id: int | None = Field(default=None, foreign_key="role.id", ondelete="CASCADE", index=True)
    position: int = 0


class PlanStatusChange(SQLModel, table=True):
    """Each rating of a plan item: when, by whom, why, and the meeting it was reported at."""

    id: int | None = Field(default=None, primary_key=True)
    plan_item_id: int = Field(foreign_key="planitem.id", ondelete="CASCADE", index=True)
    scale_kind: ScaleKind = ScaleKind.PROGRESS
    level_id: int = Field(foreign_key="statuslevel.id", ondelete="RESTRICT")
    changed_on: date
    changed_by: str = ""
    reason: str = ""
    reported_at_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class ReviewSource(SQLModel, table=True):
    """An inspection or review that made recommendations ("Ofsted inspection, August 2018")."""

    id: int | None = Field(default=None, primary_key=True)
    kind: ReviewKind = ReviewKind.INSPECTION
    title: str
    reported_on: date | None = None


class Recommendation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("source_id", "ref", name="ref_per_source"),)

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="reviewsource.id", ondelete="CASCADE", index=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="SET NULL", index=True)
    ref: str  # "1", "B12"
    text: str
    key_area: str = ""  # the plan area it is mapped to, as the plan says
    lead: str = ""
    # Progress in phases; None means "derive it from the linked plan actions".
    actions_complete: bool | None = None
    impact_evidenced: bool | None = None
    signed_off_at_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    signed_off_on: date | None = None


class PlanItemRecommendation(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("plan_item_id", "recommendation_id", name="link_once"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_item_id: int = Field(foreign_key="planitem.id", ondelete="CASCADE", index=True)
    recommendation_id: int = Field(foreign_key="recommendation.id", ondelete="CASCADE", index=True)


class Kpi(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="SET NULL", index=True)
    ref: str
    measure: str
    responsible_officer: str = ""
    frequency: str = ""  # "Monthly"
    unit: str = ""  # "%", "days", "children"
    higher_is_better: bool = True
    target: float | None = None
    target_date: date | None = None
    baseline: float | None = None
    baseline_label: str = ""  # "2017/18 outturn"
    benchmark: float | None = None
    benchmark_label: str = ""  # "2017/18 statistical neighbour average"


class KpiValue(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("kpi_id", "period_end", name="one_value_per_period"),)

    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int = Field(foreign_key="kpi.id", ondelete="CASCADE", index=True)
    period_end: date
    value: float
    note: str = ""


class PlanItemKpi(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("plan_item_id", "kpi_id", name="link_once"),)

    id: int | None = Field(default=None, primary_key=True)
    plan_item_id: int = Field(foreign_key="planitem.id", ondelete="CASCADE", index=True)
    kpi_id: int = Field(foreign_key="kpi.id", ondelete="CASCADE", index=True)
