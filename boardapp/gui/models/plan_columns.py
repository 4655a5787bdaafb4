"""The columns of the plan views' tables, each a `RowColumn` over a service's plain rows."""

from __future__ import annotations

import datetime as dt

from boardapp.core.dates import short_date
from boardapp.gui import style
from boardapp.gui.models.plan_rows_model import RowColumn
from boardapp.gui.widgets.sparkline import SERIES_ROLE, Trend
from boardapp.gui.widgets.status_bar import COUNTS_ROLE, describe
from boardapp.services.golden_thread import BoardActionBrief, RecommendationBrief
from boardapp.services.kpis import KpiPoint, KpiRow, KpiStatus, format_value
from boardapp.services.plan_status import AreaSummary, StatusChangeRow
from boardapp.services.recommendations import RecommendationRow


def short(day: dt.date | None) -> str:
    return short_date(day) if day else ""


# -- status timeline ----------------------------------------------------------------------------------------

TIMELINE_COLUMNS: tuple[RowColumn[StatusChangeRow], ...] = (
    RowColumn("From", lambda r: short(r.changed_on), sort=lambda r: (r.changed_on, r.id)),
    RowColumn("Scale", lambda r: r.scale_label),
    RowColumn(
        "Status",
        lambda r: r.level.label,
        tooltip=lambda r: r.level.meaning or None,
        background=lambda r: r.level.colour,
        centred=True,
        sort=lambda r: r.level.position,
    ),
    RowColumn("Was", lambda r: r.previous.label if r.previous else "", foreground=lambda r: style.MUTED_TEXT),
    RowColumn("Reason", lambda r: r.reason.replace("\n", " "), tooltip=lambda r: r.reason or None),
    RowColumn("By", lambda r: r.changed_by),
    RowColumn(
        "Reported at",
        lambda r: short(r.meeting_date) + (" meeting" if r.meeting_date else ""),
        sort=lambda r: r.meeting_date,
    ),
)


# -- links of an entry ---------------------------------------------------------------------------------------

BOARD_ACTION_COLUMNS: tuple[RowColumn[BoardActionBrief], ...] = (
    RowColumn("Ref", lambda r: r.ref),
    RowColumn(
        "Board action", lambda r: r.text, tooltip=lambda r: r.text + (f"\nNote: {r.link_note}" if r.link_note else "")
    ),
    RowColumn("Owners", lambda r: " / ".join(r.owners)),
    RowColumn("Status", lambda r: r.status_label),
    RowColumn("Raised at", lambda r: r.raised_at, sort=lambda r: r.raised_on),
)

RECOMMENDATION_LINK_COLUMNS: tuple[RowColumn[RecommendationBrief], ...] = (
    RowColumn("Ref", lambda r: r.ref),
    RowColumn("Recommendation", lambda r: r.text, tooltip=lambda r: f"{r.text}\n{r.source_title}"),
)


# -- status summary ------------------------------------------------------------------------------------------

SUMMARY_COLUMNS: tuple[RowColumn[AreaSummary], ...] = (
    RowColumn("Key area", lambda r: r.label, bold=lambda r: r.item_id is None),
    RowColumn("Actions", lambda r: str(r.total), centred=True, sort=lambda r: r.total),
    RowColumn("Status", lambda r: "", tooltip=lambda r: describe(r.counts), roles={COUNTS_ROLE: lambda r: r.counts}),
    RowColumn("Breakdown", lambda r: r.describe()),
)
SUMMARY_BAR_COLUMN = 2


# -- recommendations register --------------------------------------------------------------------------------

PHASE_COLOURS = {True: "#C6EFCE", False: ""}


def _actions_text(row: RecommendationRow) -> str:
    if not row.actions:
        return "none yet"
    return ", ".join(
        f"{a.ref or a.text[:24]} ({a.progress.label if a.progress else 'not rated'})" for a in row.actions[:6]
    ) + (f" +{len(row.actions) - 6}" if len(row.actions) > 6 else "")


def _actions_tooltip(row: RecommendationRow) -> str:
    if not row.actions:
        return "No plan action addresses this recommendation yet. Link one from the Golden thread or the plan."
    return "\n".join(f"{a.label} – {a.progress.label if a.progress else 'not rated'}" for a in row.actions)


REGISTER_COLUMNS: tuple[RowColumn[RecommendationRow], ...] = (
    RowColumn("Source", lambda r: r.source_title, tooltip=lambda r: r.source_title),
    RowColumn("Ref", lambda r: r.ref, field="ref", sort=lambda r: (len(r.ref), r.ref)),
    RowColumn("Recommendation", lambda r: r.text, tooltip=lambda r: r.text, field="text"),
    RowColumn("Key area", lambda r: r.key_area, field="key_area"),
    RowColumn("Lead", lambda r: r.lead, field="lead"),
    RowColumn("Plan actions", _actions_text, tooltip=_actions_tooltip, sort=lambda r: len(r.actions)),
    RowColumn(
        "Complete",
        lambda r: r.actions_complete.label + (" ✎" if r.actions_complete.is_set_by_hand else ""),
        tooltip=lambda r: r.actions_complete.tooltip,
        centred=True,
        background=lambda r: PHASE_COLOURS[r.actions_complete.value] or None,
        sort=lambda r: r.actions_complete.value,
        header_tip="Phase 1: all the plan actions addressing it are complete (derived unless set by hand, ✎)",
    ),
    RowColumn(
        "Impact",
        lambda r: r.impact_evidenced.label + (" ✎" if r.impact_evidenced.is_set_by_hand else ""),
        tooltip=lambda r: r.impact_evidenced.tooltip,
        centred=True,
        background=lambda r: PHASE_COLOURS[r.impact_evidenced.value] or None,
        sort=lambda r: r.impact_evidenced.value,
        header_tip="Phase 2: the impact of those actions is evidenced (derived unless set by hand, ✎)",
    ),
    RowColumn(
        "Signed off",
        lambda r: r.signed_off_label or "–",
        tooltip=lambda r: (
            f"Signed off by the board: {r.signed_off_label}"
            if r.signed_off
            else "Not signed off by the board yet (Sign off…)"
        ),
        centred=True,
        background=lambda r: PHASE_COLOURS[r.signed_off] or None,
        sort=lambda r: r.signed_off_on,
        header_tip="Phase 3: the board has signed the recommendation off, at the meeting named",
    ),
)
REGISTER_INDEX = {column.title: number for number, column in enumerate(REGISTER_COLUMNS)}


# -- KPIs ----------------------------------------------------------------------------------------------------

KPI_STATUS_COLOURS = {
    KpiStatus.ON_TARGET: "#C6EFCE",
    KpiStatus.OFF_TARGET: "#FFC7CE",
    KpiStatus.NO_DATA: "#EDEDED",
    KpiStatus.NO_TARGET: "#EDEDED",
}
KPI_DOT_COLOURS = {
    KpiStatus.ON_TARGET: "#2E7D32",
    KpiStatus.OFF_TARGET: "#C00000",
    KpiStatus.NO_DATA: style.MUTED_TEXT,
    KpiStatus.NO_TARGET: style.ACCENT,
}


def trend_of(row: KpiRow) -> Trend:
    return Trend([(p.period_end, p.value) for p in row.values], row.target, KPI_DOT_COLOURS[row.status])


KPI_COLUMNS: tuple[RowColumn[KpiRow], ...] = (
    RowColumn("Ref", lambda r: r.ref, field="ref", sort=lambda r: (len(r.ref), r.ref)),
    RowColumn("Measure", lambda r: r.measure, tooltip=lambda r: r.measure, field="measure"),
    RowColumn("Responsible officer", lambda r: r.responsible_officer, field="responsible_officer"),
    RowColumn("Frequency", lambda r: r.frequency, field="frequency"),
    RowColumn(
        "Target",
        lambda r: r.target_label,
        edit_text=lambda r: format_value(r.target),
        field="target",
        tooltip=lambda r: "Higher is better" if r.higher_is_better else "Lower is better",
        sort=lambda r: r.target,
    ),
    RowColumn(
        "Target date",
        lambda r: short(r.target_date),
        field="target_date",
        sort=lambda r: r.target_date,
        edit_text=lambda r: r.target_date.strftime("%d/%m/%Y") if r.target_date else "",
    ),
    RowColumn(
        "Baseline",
        lambda r: format_value(r.baseline, r.unit),
        field="baseline",
        edit_text=lambda r: format_value(r.baseline),
        tooltip=lambda r: r.baseline_label or None,
        sort=lambda r: r.baseline,
    ),
    RowColumn(
        "Benchmark",
        lambda r: format_value(r.benchmark, r.unit),
        field="benchmark",
        edit_text=lambda r: format_value(r.benchmark),
        tooltip=lambda r: r.benchmark_label or None,
        sort=lambda r: r.benchmark,
    ),
    RowColumn(
        "Latest",
        lambda r: r.latest_label,
        sort=lambda r: r.latest.value if r.latest else None,
        tooltip=lambda r: r.latest.note if r.latest and r.latest.note else None,
    ),
    RowColumn(
        "Status",
        lambda r: r.status.label,
        tooltip=lambda r: r.status_explanation,
        background=lambda r: KPI_STATUS_COLOURS[r.status],
        centred=True,
        sort=lambda r: r.status.value,
    ),
    RowColumn(
        "Trend",
        lambda r: "" if r.values else "–",
        centred=True,
        tooltip=lambda r: " → ".join(format_value(p.value, r.unit) for p in r.values[-8:]) or None,
        roles={SERIES_ROLE: trend_of},
        sort=lambda r: len(r.values),
    ),
)
KPI_INDEX = {column.title: number for number, column in enumerate(KPI_COLUMNS)}

KPI_VALUE_COLUMNS: tuple[RowColumn[KpiPoint], ...] = (
    RowColumn(
        "Period ending",
        lambda r: short(r.period_end),
        field="period_end",
        sort=lambda r: r.period_end,
        edit_text=lambda r: r.period_end.strftime("%d/%m/%Y"),
    ),
    RowColumn("Value", lambda r: format_value(r.value), field="value", sort=lambda r: r.value),
    RowColumn("Note", lambda r: r.note, field="note"),
)
