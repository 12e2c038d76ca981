"""Funnel plot limits against values worked out by hand from the published formulas."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy.orm import Session

from joinedup.errors import InvalidInput
from joinedup.metrics.funnel import Place, funnel_limits, place
from joinedup.metrics.indicators import Statistic


def test_proportion_limits_are_wilson_around_england_at_each_size() -> None:
    # England 25%; an area of 100 people: 25 expected events. By hand, z = 1.959964:
    # (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)) = 17.5452% and 34.3045%.
    limits = funnel_limits(25.0, [100, 10_000], Statistic.PROPORTION, 100)
    assert limits.lower_95[0] == pytest.approx(17.545211, abs=1e-5)
    assert limits.upper_95[0] == pytest.approx(34.304464, abs=1e-5)
    # The funnel narrows as areas grow, and 99.8% limits lie outside 95% ones.
    assert limits.upper_95[1] - limits.lower_95[1] < limits.upper_95[0] - limits.lower_95[0]
    assert limits.lower_998[0] < limits.lower_95[0]
    assert limits.upper_998[0] > limits.upper_95[0]


def test_rate_limits_are_byars_around_england_at_each_size() -> None:
    # England 500 per 100,000; an area of 2,000 people: 10 expected events. Byar's by hand:
    # 10(1 - 1/90 - z/(3 sqrt 10))^3 = 4.78745 and 11(1 - 1/99 + z/(3 sqrt 11))^3 = 18.39146
    # events, that is 239.3725 and 919.5729 per 100,000.
    limits = funnel_limits(500.0, [2_000], Statistic.RATE, 100_000)
    assert limits.lower_95[0] == pytest.approx(239.372496, abs=1e-4)
    assert limits.upper_95[0] == pytest.approx(919.572930, abs=1e-4)


def test_areas_are_placed_against_their_own_limits() -> None:
    limits = funnel_limits(25.0, [100], Statistic.PROPORTION, 100)
    assert place(25.0, limits, 0) is Place.WITHIN
    assert place(36.0, limits, 0) is Place.ABOVE_95
    assert place(60.0, limits, 0) is Place.ABOVE_998
    assert place(16.0, limits, 0) is Place.BELOW_95
    assert place(2.0, limits, 0) is Place.BELOW_998


def test_a_funnel_needs_a_rate_or_a_proportion_and_real_sizes() -> None:
    with pytest.raises(InvalidInput, match="not percentile"):
        funnel_limits(18.0, [10], Statistic.PERCENTILE, 1)
    with pytest.raises(InvalidInput, match="positive sizes"):
        funnel_limits(25.0, [0], Statistic.PROPORTION, 100)


def test_the_demo_worlds_areas_on_a_funnel(session: Session) -> None:
    from joinedup.metrics import service

    start = service.latest_period_start(session, months=12)
    made = service.funnel(
        session, indicator_id="weekend_discharges_emergency", period_start=start, months=12
    )
    assert len(made.points) == 152  # every area, England being the centre
    places = Counter(p.place for p in made.points)
    # Synthetic areas really differ: some lie outside the 99.8% limits, most do not.
    assert places[Place.WITHIN] > 0
    assert places[Place.ABOVE_998] + places[Place.BELOW_998] > 0
    curve = made.curve
    assert curve.lower_998[0] < curve.lower_998[-1] <= made.england <= curve.upper_998[-1]
    with pytest.raises(InvalidInput, match="needs a rate or a proportion"):
        service.funnel(
            session, indicator_id="los_p90_emergency_65plus", period_start=start, months=12
        )
