"""All tables of the domain (DESIGN.md section 2). Import from here so every table is registered."""

from boardapp.core.models._base import utcnow
from boardapp.core.models.actions import Action, ActionOwner, ActionPlanLink, ActionUpdate
from boardapp.core.models.meetings import (
    AgendaItem,
    AgendaItemPresenter,
    AgendaPlanReview,
    Attendance,
    Decision,
    Meeting,
    MeetingStatusChange,
    Minute,
    Paper,
)
from boardapp.core.models.people import Board, Membership, Organisation, Person, Role
from boardapp.core.models.plans import (
    Kpi,
    KpiValue,
    Plan,
    PlanItem,
    PlanItemKpi,
    PlanItemLead,
    PlanItemRecommendation,
    PlanStatusChange,
    Recommendation,
    ReviewSource,
    StatusLevel,
    StatusScale,
)

__all__ = [
    "Action",
    "ActionOwner",
    "ActionPlanLink",
    "ActionUpdate",
    "AgendaItem",
    "AgendaItemPresenter",
    "AgendaPlanReview",
    "Attendance",
    "Board",
    "Decision",
    "Kpi",
    "KpiValue",
    "Meeting",
    "MeetingStatusChange",
    "Membership",
    "Minute",
    "Organisation",
    "Paper",
    "Person",
    "Plan",
    "PlanItem",
    "PlanItemKpi",
    "PlanItemLead",
    "PlanItemRecommendation",
    "PlanStatusChange",
    "Recommendation",
    "ReviewSource",
    "Role",
    "StatusLevel",
    "StatusScale",
    "utcnow",
]
