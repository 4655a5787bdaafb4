"""Key performance indicators: the measure, its target, and the values reported over time.

A KPI is on target when its latest value reaches the target in the direction that is better
(`higher_is_better`); without a value it has no data, without a target it cannot be judged.
Values are dated by the end of the period they report (one per period).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from boardapp.core.dates import parse_typed_date
from boardapp.core.models import Kpi, KpiValue, Plan, PlanItem, PlanItemKpi
from boardapp.services.actions import short_date
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.plans import natural_key


class KpiStatus(enum.Enum):
    ON_TARGET = "on_target"
    OFF_TARGET = "off_target"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return {"on_target": "On target", "off_target": "Off target", "no_data": "No data", "no_target": "No target"}[
            self.value
        ]


def kpi_status(latest: float | None, target: float | None, higher_is_better: bool) -> KpiStatus:
    if latest is None:
        return KpiStatus.NO_DATA
    if target is None:
        return KpiStatus.NO_TARGET
    reached = latest >= target if higher_is_better else latest <= target
    return KpiStatus.ON_TARGET if reached else KpiStatus.OFF_TARGET


@dataclass(frozen=True)
class KpiPoint:
    id: int
    period_end: dt.date
    value: float
    note: str


@dataclass(frozen=True)
class KpiRow:
    id: int
    plan_id: int | None
    ref: str
    measure: str
    responsible_officer: str
    frequency: str
    unit: str
    higher_is_better: bool
    target: float | None
    target_date: dt.date | None
    baseline: float | None
    baseline_label: str
    benchmark: float | None
    benchmark_label: str
    values: tuple[KpiPoint, ...]  # oldest first
    plan_item_refs: tuple[str, ...]

    @property
    def latest(self) -> KpiPoint | None:
        return self.values[-1] if self.values else None

    @property
    def status(self) -> KpiStatus:
        latest = self.latest
        return kpi_status(latest.value if latest else None, self.target, self.higher_is_better)

    def format(self, value: float | None) -> str:
        return format_value(value, self.unit)

    @property
    def target_label(self) -> str:
        if self.target is None:
            return ""
        sign = "≥" if self.higher_is_better else "≤"
        return f"{sign} {self.format(self.target)}"

    @property
    def latest_label(self) -> str:
        latest = self.latest
        return f"{self.format(latest.value)} ({short_date(latest.period_end)})" if latest else ""

    @property
    def status_explanation(self) -> str:
        latest = self.latest
        if latest is None:
            return "No value has been entered yet."
        if self.target is None:
            return f"Latest {self.format(latest.value)}; no target is set, so it cannot be judged."
        better = "higher" if self.higher_is_better else "lower"
        verdict = "reaches" if self.status is KpiStatus.ON_TARGET else "misses"
        return (
            f"Latest {self.format(latest.value)} ({short_date(latest.period_end)}) {verdict} the target "
            f"{self.target_label}; {better} is better."
        )


def format_value(value: float | None, unit: str = "") -> str:
    """ "72.5%", "12 days", "1,204": no trailing ".0", thousands separated."""
    if value is None:
        return ""
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    if not unit:
        return text
    return f"{text}{unit}" if unit in {"%", "‰"} else f"{text} {unit}"


_NUMBER = re.compile(r"^[£$€]?\s*(-?[\d,]*\.?\d+)\s*(%|‰)?$")


def parse_number(text: str) -> float | None:
    """A value as typed: "72.5", "72.5%", "1,204", "£3.2"; blank is None; anything else is refused."""
    text = text.strip()
    if not text:
        return None
    match = _NUMBER.match(text.replace(" ", ""))
    if match is None:
        raise InvalidChange(f"“{text}” is not a number.")
    return float(match.group(1).replace(",", ""))


def parse_date(text: str) -> dt.date | None:
    """A date as typed ("31/03/2019", "31 March 2019", "2019-03-31", "March 2019" = its last day)."""
    if not text.strip():
        return None
    parsed = parse_typed_date(text)  # English month names in every locale, unlike strptime's %B
    if parsed is not None:
        return parsed
    raise InvalidChange(f"“{text}” is not a date; type it as 31/03/2019 or 31 March 2019.")


def kpi_rows(session: Session, plan_id: int | None) -> list[KpiRow]:
    """The plan's KPIs (or those of no plan) with every value, in ref order; three queries in all."""
    kpis = session.exec(
        select(Kpi).where(Kpi.plan_id == plan_id if plan_id is not None else col(Kpi.plan_id).is_(None))
    ).all()
    return _rows(session, list(kpis))


def kpi_row(session: Session, kpi_id: int) -> KpiRow:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFound("That KPI no longer exists; it may have been deleted.")
    return _rows(session, [kpi])[0]


def _rows(session: Session, kpis: list[Kpi]) -> list[KpiRow]:
    ids = [k.id for k in kpis]
    values: dict[int, list[KpiPoint]] = defaultdict(list)
    for value in session.exec(
        select(KpiValue).where(col(KpiValue.kpi_id).in_(ids)).order_by(col(KpiValue.period_end))
    ).all():
        values[value.kpi_id].append(
            KpiPoint(id=value.id or 0, period_end=value.period_end, value=value.value, note=value.note)
        )
    refs: dict[int, list[str]] = defaultdict(list)
    for kpi_id, ref in session.exec(
        select(PlanItemKpi.kpi_id, PlanItem.ref)
        .join(PlanItem, col(PlanItem.id) == PlanItemKpi.plan_item_id)
        .where(col(PlanItemKpi.kpi_id).in_(ids))
    ).all():
        refs[kpi_id].append(ref)
    rows = [
        KpiRow(
            id=k.id or 0,
            plan_id=k.plan_id,
            ref=k.ref,
            measure=k.measure,
            responsible_officer=k.responsible_officer,
            frequency=k.frequency,
            unit=k.unit,
            higher_is_better=k.higher_is_better,
            target=k.target,
            target_date=k.target_date,
            baseline=k.baseline,
            baseline_label=k.baseline_label,
            benchmark=k.benchmark,
            benchmark_label=k.benchmark_label,
            values=tuple(values.get(k.id or 0, ())),
            plan_item_refs=tuple(sorted(refs.get(k.id or 0, ()), key=natural_key)),
        )
        for k in kpis
    ]
    rows.sort(key=lambda r: (natural_key(r.ref), r.id))
    return rows


# -- changing KPIs -------------------------------------------------------------------------------

KPI_FIELDS = {
    "ref": str,
    "measure": str,
    "responsible_officer": str,
    "frequency": str,
    "unit": str,
    "higher_is_better": bool,
    "target": float,
    "target_date": dt.date,
    "baseline": float,
    "baseline_label": str,
    "benchmark": float,
    "benchmark_label": str,
}


def _get(session: Session, kpi_id: int) -> Kpi:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFound("That KPI no longer exists; it may have been deleted.")
    return kpi


def _changes(kpi: Kpi) -> Changes:
    return Changes(plans=frozenset({kpi.plan_id} if kpi.plan_id is not None else set()))


def add_kpi(session: Session, plan_id: int | None, *, ref: str, measure: str, **fields: Any) -> tuple[int, Changes]:
    if plan_id is not None and session.get(Plan, plan_id) is None:
        raise NotFound("That plan no longer exists.")
    ref, measure = " ".join(ref.split()), " ".join(measure.split())
    if not measure:
        raise InvalidChange("A KPI needs the measure it tracks.")
    kpi = Kpi(plan_id=plan_id, ref=ref, measure=measure)
    _apply(kpi, fields)
    session.add(kpi)
    session.flush()
    return kpi.id or 0, _changes(kpi)


def update_kpi(session: Session, kpi_id: int, **fields: Any) -> Changes:
    """Change any of `KPI_FIELDS`; numbers and dates may be given as typed text (blank clears them)."""
    kpi = _get(session, kpi_id)
    if not _apply(kpi, fields):
        return Changes()
    session.add(kpi)
    session.flush()
    return _changes(kpi)


def _apply(kpi: Kpi, fields: dict[str, Any]) -> bool:
    unknown = set(fields) - set(KPI_FIELDS)
    if unknown:
        raise ValueError(f"a KPI has no field {', '.join(sorted(unknown))}")
    changed = False
    for name, raw in fields.items():
        kind = KPI_FIELDS[name]
        value: Any = raw
        if kind is float and isinstance(raw, str):
            value = parse_number(raw)
        elif kind is dt.date and isinstance(raw, str):
            value = parse_date(raw)
        elif kind is str:
            value = " ".join(str(raw).split())
        elif kind is bool:
            value = bool(raw)
        if name == "measure" and not value:
            raise InvalidChange("A KPI's measure cannot be blank.")
        if getattr(kpi, name) != value:
            setattr(kpi, name, value)
            changed = True
    return changed


def delete_kpi(session: Session, kpi_id: int) -> Changes:
    """Delete the KPI with its values and links to plan entries."""
    kpi = _get(session, kpi_id)
    changes = _changes(kpi)
    session.delete(kpi)
    session.flush()
    return changes


def _typed_value(value: float | str) -> float:
    number = parse_number(value) if isinstance(value, str) else value
    if number is None:
        raise InvalidChange("Type the value reported for the period.")
    return float(number)


def add_value(
    session: Session, kpi_id: int, period_end: dt.date, value: float | str, note: str = ""
) -> tuple[int, Changes]:
    """A value reported for the period ending on `period_end`; typed text ("72.5%") is read as a number."""
    kpi = _get(session, kpi_id)
    number = _typed_value(value)
    _ensure_period_free(session, kpi_id, period_end)
    point = KpiValue(kpi_id=kpi_id, period_end=period_end, value=number, note=note.strip())
    session.add(point)
    session.flush()
    return point.id or 0, _changes(kpi)


def _ensure_period_free(session: Session, kpi_id: int, period_end: dt.date, except_id: int | None = None) -> None:
    clash = session.exec(
        select(KpiValue.id).where(KpiValue.kpi_id == kpi_id, KpiValue.period_end == period_end)
    ).first()
    if clash is not None and clash != except_id:
        raise InvalidChange(f"There is already a value for {short_date(period_end)}; change that one instead.")


def update_value(
    session: Session,
    value_id: int,
    *,
    period_end: dt.date | str | None = None,
    value: float | str | None = None,
    note: str | None = None,
) -> Changes:
    """Correct a reported value; the period and value may be given as typed text."""
    point = session.get(KpiValue, value_id)
    if point is None:
        raise NotFound("That value no longer exists.")
    if isinstance(period_end, str):
        period_end = parse_date(period_end)
        if period_end is None:
            raise InvalidChange("A value needs the date its period ends.")
    if value is not None:
        value = _typed_value(value)
    if period_end is not None and period_end != point.period_end:
        _ensure_period_free(session, point.kpi_id, period_end, value_id)
        point.period_end = period_end
    if value is not None:
        point.value = value
    if note is not None:
        point.note = note.strip()
    session.add(point)
    session.flush()
    return _changes(_get(session, point.kpi_id))


def delete_value(session: Session, value_id: int) -> Changes:
    point = session.get(KpiValue, value_id)
    if point is None:
        raise NotFound("That value no longer exists.")
    kpi = _get(session, point.kpi_id)
    session.delete(point)
    session.flush()
    return _changes(kpi)


def link_kpi(session: Session, item_id: int, kpi_id: int) -> Changes:
    item = session.get(PlanItem, item_id)
    kpi = _get(session, kpi_id)
    if item is None:
        raise NotFound("That plan entry no longer exists.")
    exists = session.exec(
        select(PlanItemKpi.id).where(PlanItemKpi.plan_item_id == item_id, PlanItemKpi.kpi_id == kpi_id)
    ).first()
    if exists is None:
        session.add(PlanItemKpi(plan_item_id=item_id, kpi_id=kpi_id))
        session.flush()
    return _changes(kpi) | Changes(plans=frozenset({item.plan_id}))


def unlink_kpi(session: Session, item_id: int, kpi_id: int) -> Changes:
    link = session.exec(
        select(PlanItemKpi).where(PlanItemKpi.plan_item_id == item_id, PlanItemKpi.kpi_id == kpi_id)
    ).first()
    if link is None:
        return Changes()
    kpi = _get(session, kpi_id)
    session.delete(link)
    session.flush()
    return _changes(kpi)
