"""KPIs: status against target (table-driven), values over time, typed numbers and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from boardapp.core.models import Kpi, KpiValue, PlanItemKpi
from boardapp.services import kpis
from boardapp.services.changes import Changes
from boardapp.services.errors import InvalidChange, NotFound
from boardapp.services.kpis import KpiStatus
from boardapp.store.database import Store
from tests.helpers.builders import Sample

D = dt.date


@pytest.mark.parametrize(
    ("latest", "target", "higher_is_better", "expected"),
    [
        (None, 80.0, True, KpiStatus.NO_DATA),
        (None, None, True, KpiStatus.NO_DATA),
        (75.0, None, True, KpiStatus.NO_TARGET),
        (80.0, 80.0, True, KpiStatus.ON_TARGET),  # reaching the target is on target
        (85.0, 80.0, True, KpiStatus.ON_TARGET),
        (79.9, 80.0, True, KpiStatus.OFF_TARGET),
        (18.0, 20.0, False, KpiStatus.ON_TARGET),  # re-referrals: lower is better
        (20.0, 20.0, False, KpiStatus.ON_TARGET),
        (22.5, 20.0, False, KpiStatus.OFF_TARGET),
        (0.0, 0.0, False, KpiStatus.ON_TARGET),
        (-1.0, 0.0, True, KpiStatus.OFF_TARGET),
    ],
)
def test_kpi_status(latest: float | None, target: float | None, higher_is_better: bool, expected: KpiStatus) -> None:
    assert kpis.kpi_status(latest, target, higher_is_better) is expected


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (72.5, "%", "72.5%"),
        (72.0, "%", "72%"),
        (1204.0, "", "1,204"),
        (12.0, "days", "12 days"),
        (0.125, "", "0.12"),
        (None, "%", ""),
    ],
)
def test_format_value(value: float | None, unit: str, text: str) -> None:
    assert kpis.format_value(value, unit) == text


@pytest.mark.parametrize(
    ("typed", "number"),
    [("72.5", 72.5), ("72.5%", 72.5), ("1,204", 1204.0), ("£3.2", 3.2), (" -4 ", -4.0), ("", None), (".5", 0.5)],
)
def test_parse_number(typed: str, number: float | None) -> None:
    assert kpis.parse_number(typed) == number


@pytest.mark.parametrize("typed", ["seventy", "12/3", "1.2.3", "5 days"])
def test_parse_number_refuses(typed: str) -> None:
    with pytest.raises(InvalidChange, match="not a number"):
        kpis.parse_number(typed)


@pytest.mark.parametrize(
    ("typed", "date"),
    [
        ("31/03/2019", D(2019, 3, 31)),
        ("31 March 2019", D(2019, 3, 31)),
        ("2019-03-31", D(2019, 3, 31)),
        ("March 2019", D(2019, 3, 31)),
        ("Feb 2020", D(2020, 2, 29)),
        ("", None),
    ],
)
def test_parse_date(typed: str, date: dt.date | None) -> None:
    assert kpis.parse_date(typed) == date


def test_parse_date_refuses_impossible_dates() -> None:
    with pytest.raises(InvalidChange, match="not a date"):
        kpis.parse_date("31 Sept 2017")


def test_kpi_with_values_over_time(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        kpi_id, changes = kpis.add_kpi(
            session,
            sample.plan_id,
            ref="3a",
            measure="Re-referrals within 12 months",
            responsible_officer="Head of FARY",
            frequency="Monthly",
            unit="%",
            higher_is_better=False,
            target="20",
            target_date="31/03/2019",
            baseline="24.1",
            baseline_label="2017/18 outturn",
            benchmark=22.0,
            benchmark_label="Stat neighbours",
        )
        assert changes == Changes(plans=frozenset({sample.plan_id}))
        row = kpis.kpi_row(session, kpi_id)
        assert row.status is KpiStatus.NO_DATA and row.status_explanation == "No value has been entered yet."
        kpis.add_value(session, kpi_id, D(2018, 11, 30), 23.0)
        kpis.add_value(session, kpi_id, D(2018, 10, 31), 24.5, note="first month")
        dec_id, _ = kpis.add_value(session, kpi_id, D(2018, 12, 31), 19.5)
        with pytest.raises(InvalidChange, match="already a value for 31 Dec 2018"):
            kpis.add_value(session, kpi_id, D(2018, 12, 31), 18.0)
    with store.session() as session:
        (row,) = kpis.kpi_rows(session, sample.plan_id)
    assert [(p.period_end, p.value) for p in row.values] == [
        (D(2018, 10, 31), 24.5),
        (D(2018, 11, 30), 23.0),
        (D(2018, 12, 31), 19.5),
    ]
    assert (row.target, row.target_date, row.baseline, row.benchmark) == (20.0, D(2019, 3, 31), 24.1, 22.0)
    assert row.status is KpiStatus.ON_TARGET
    assert row.target_label == "≤ 20%"
    assert row.latest_label == "19.5% (31 Dec 2018)"
    assert row.status_explanation == "Latest 19.5% (31 Dec 2018) reaches the target ≤ 20%; lower is better."
    with store.transaction() as session:
        kpis.update_value(session, dec_id, value=21.0, note="revised")
        with pytest.raises(InvalidChange):
            kpis.update_value(session, dec_id, period_end=D(2018, 11, 30))
        row = kpis.kpi_row(session, kpi_id)
        assert row.status is KpiStatus.OFF_TARGET and row.values[-1].note == "revised"
        kpis.delete_value(session, dec_id)
        assert kpis.kpi_row(session, kpi_id).latest_label == "23% (30 Nov 2018)"
        assert kpis.update_kpi(session, kpi_id, target="") == Changes(plans=frozenset({sample.plan_id}))
        assert kpis.kpi_row(session, kpi_id).status is KpiStatus.NO_TARGET
        assert kpis.update_kpi(session, kpi_id, target=None) == Changes()


def test_kpi_edits_are_checked(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        with pytest.raises(InvalidChange):
            kpis.add_kpi(session, sample.plan_id, ref="1a", measure="  ")
        kpi_id, _ = kpis.add_kpi(session, sample.plan_id, ref="1a", measure="Caseloads")
        with pytest.raises(InvalidChange, match="not a number"):
            kpis.update_kpi(session, kpi_id, target="about twenty")
        with pytest.raises(InvalidChange):
            kpis.update_kpi(session, kpi_id, measure="")
        with pytest.raises(ValueError):
            kpis.update_kpi(session, kpi_id, colour="red")
        with pytest.raises(NotFound):
            kpis.update_kpi(session, 999_999, ref="x")


def test_kpis_sort_by_ref_and_link_to_plan_items(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        for ref in ("10a", "2b", "2a"):
            kpis.add_kpi(session, sample.plan_id, ref=ref, measure=f"Measure {ref}")
        first = kpis.kpi_rows(session, sample.plan_id)[0]
        kpis.link_kpi(session, sample.plan_items["2.1"], first.id)
        kpis.link_kpi(session, sample.plan_items["2.1"], first.id)  # twice: once
    with store.session() as session:
        rows = kpis.kpi_rows(session, sample.plan_id)
        assert kpis.kpi_rows(session, None) == []
    assert [r.ref for r in rows] == ["2a", "2b", "10a"]
    assert rows[0].plan_item_refs == ("2.1",)
    with store.transaction() as session:
        kpis.unlink_kpi(session, sample.plan_items["2.1"], first.id)
        assert kpis.unlink_kpi(session, sample.plan_items["2.1"], first.id) == Changes()


def test_deleting_a_kpi_takes_its_values_and_links(store: Store, sample: Sample) -> None:
    with store.transaction() as session:
        kpi_id, _ = kpis.add_kpi(session, sample.plan_id, ref="1a", measure="Caseloads")
        kpis.add_value(session, kpi_id, D(2018, 1, 31), 18)
        kpis.link_kpi(session, sample.plan_items["1.1"], kpi_id)
    with store.transaction() as session:
        kpis.delete_kpi(session, kpi_id)
    with store.session() as session:
        assert session.exec(select(Kpi)).all() == []
        assert session.exec(select(KpiValue)).all() == []
        assert session.exec(select(PlanItemKpi)).all() == []
