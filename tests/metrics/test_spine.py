"""Spine charts: the range of every area's values, scaled about England, and the area on it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from sqlalchemy.orm import Session

from joinedup.access.rules import Grant, Principal, Role
from joinedup.errors import NotFound
from joinedup.metrics import service
from joinedup.metrics.comparison import NOT_COMPARED, SIMILAR
from joinedup.metrics.indicators import INDICATORS, Polarity
from joinedup.metrics.spine import SpineRow, spread
from joinedup.metrics.stored import StoredValue
from joinedup.metrics.trend import Trend, TrendLabel
from tests.conftest import COVENTRY, OXFORDSHIRE

VALUES = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0]


def test_the_range_is_worst_quartiles_and_best_by_polarity() -> None:
    # Nine values 10 to 90: the 25th percentile by linear interpolation is the value at rank
    # 0.25 × 8 = 2, that is 30; the 75th, at rank 6, is 70.
    higher = spread([*VALUES, None], Polarity.HIGHER_IS_BETTER)
    assert higher is not None
    assert (higher.worst, higher.q25, higher.q75, higher.best) == (10, 30, 70, 90)
    assert higher.areas == 9
    lower = spread(VALUES, Polarity.LOWER_IS_BETTER)
    assert lower is not None
    assert (lower.worst, lower.q25, lower.q75, lower.best) == (90, 70, 30, 10)
    assert spread([None], Polarity.LOWER_IS_BETTER) is None


def test_percentiles_agree_with_numpy_on_uneven_values() -> None:
    values = [3.2, 7.7, 1.5, 9.9, 4.4, 6.1, 2.8]
    made = spread(values, Polarity.HIGHER_IS_BETTER)
    assert made is not None
    assert made.q25 == pytest.approx(float(np.quantile(values, 0.25)))
    assert made.q75 == pytest.approx(float(np.quantile(values, 0.75)))


def _row(polarity: Polarity, value: float, england: float = 40.0) -> SpineRow:
    item = replace(INDICATORS[0], polarity=polarity)
    stored = StoredValue("E06000001", item.id, date(2019, 4, 1), date(2019, 6, 30),
                         None, None, value, None, None, None, None)  # fmt: skip
    return SpineRow(item, "x", 3, date(2019, 4, 1), stored, england,
                    spread(VALUES, polarity), SIMILAR,
                    Trend(TrendLabel.CANNOT, (), None, "n/a"))  # fmt: skip


def test_england_is_the_centre_and_the_furthest_end_touches_the_edge() -> None:
    # England 40: the furthest end is 90 (50 away), so the half-width is 50.
    row = _row(Polarity.HIGHER_IS_BETTER, 65.0)
    g = row.geometry
    assert g["best"] == pytest.approx(1.0)  # 90: right edge
    assert g["worst"] == pytest.approx(0.5 - 30 / 100)  # 10 is 30 below England
    assert g["value"] == pytest.approx(0.5 + 25 / 100)
    # Lower is better: better still to the right, so 10 is the right end.
    row = _row(Polarity.LOWER_IS_BETTER, 65.0)
    g = row.geometry
    assert g["best"] == pytest.approx(0.8)  # 10: 30 below England, to the right
    assert g["worst"] == pytest.approx(0.0)  # 90: the furthest, the left edge
    assert g["value"] == pytest.approx(0.25)


def test_the_marker_shape_follows_the_comparison() -> None:
    row = _row(Polarity.HIGHER_IS_BETTER, 65.0)
    assert row.shape == "circle"
    assert replace(row, comparison=NOT_COMPARED).shape == "diamond"


def _actor(role: Role, area: str | None = None) -> Principal:
    return Principal(1, "x@example.org", "X", (Grant(role, area),))


def test_an_areas_spine_chart_from_the_demo_world(session: Session) -> None:
    chart = service.area_spine(
        session, actor=_actor(Role.ANALYST), area_code=OXFORDSHIRE, months=12
    )
    assert chart.area_name == "Oxfordshire"
    assert [r.indicator.id for r in chart.rows] == [i.id for i in INDICATORS]
    weekend = next(r for r in chart.rows if r.indicator.id == "weekend_discharges_emergency")
    assert weekend.spread is not None
    assert weekend.spread.areas == 152
    assert weekend.spread.worst <= weekend.spread.q25 <= weekend.spread.q75 <= weekend.spread.best
    assert weekend.value is not None
    assert weekend.england is not None
    assert 0 <= (weekend.geometry["value"] or 0) <= 1
    # Yearly periods: the demo has too few whole years before the latest for five points.
    los = next(r for r in chart.rows if r.indicator.id == "los_p90_emergency_65plus")
    assert los.trend.label is TrendLabel.CANNOT
    monthly = service.area_spine(
        session, actor=_actor(Role.ANALYST), area_code=OXFORDSHIRE, months=1
    )
    weekend = next(r for r in monthly.rows if r.indicator.id == "weekend_discharges_emergency")
    assert weekend.trend.label is not TrendLabel.CANNOT
    assert len(weekend.trend.points) == 5


def test_a_systems_people_see_their_own_areas_spine_chart_only(session: Session) -> None:
    lead = _actor(Role.SYSTEM_LEAD, OXFORDSHIRE)
    assert service.area_spine(session, actor=lead, area_code=OXFORDSHIRE, months=3).rows
    with pytest.raises(NotFound):
        service.area_spine(session, actor=lead, area_code=COVENTRY, months=3)
