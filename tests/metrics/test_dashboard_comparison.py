"""Comparison with England by the public-health convention, on cases worked out by hand."""

from __future__ import annotations

import itertools
import math

import pytest

from joinedup.metrics.comparison import Marker, Verdict, compare_with_england
from joinedup.metrics.indicators import Polarity
from joinedup.ranking.benchmarking import compare_five, compare_three

LOWER = Polarity.LOWER_IS_BETTER
HIGHER = Polarity.HIGHER_IS_BETTER


def compare(
    interval_95: tuple[float | None, float | None],
    interval_998: tuple[float | None, float | None],
    england: float | None,
    polarity: Polarity,
) -> tuple[Verdict, Marker]:
    result = compare_with_england(
        lower_95=interval_95[0],
        upper_95=interval_95[1],
        lower_998=interval_998[0],
        upper_998=interval_998[1],
        england=england,
        polarity=polarity,
    )
    return result.verdict, result.marker


# An area whose 95% interval is 50 to 60 and 99.8% interval 45 to 66.
AREA_95, AREA_998 = (50.0, 60.0), (45.0, 66.0)


@pytest.mark.parametrize(
    ("england", "polarity", "verdict", "marker"),
    [
        # Lower is better (emergency admissions): the area lies below England.
        (70.0, LOWER, Verdict.BETTER, Marker.BETTER_998),  # outside both intervals
        (64.0, LOWER, Verdict.BETTER, Marker.BETTER_95),  # outside 95%, inside 99.8%
        (55.0, LOWER, Verdict.SIMILAR, Marker.SIMILAR),  # inside both
        (60.0, LOWER, Verdict.SIMILAR, Marker.SIMILAR),  # touching the 95% interval
        (47.0, LOWER, Verdict.WORSE, Marker.WORSE_95),  # area above England
        (40.0, LOWER, Verdict.WORSE, Marker.WORSE_998),
        # Higher is better (weekend discharges): the same numbers, the other way round.
        (70.0, HIGHER, Verdict.WORSE, Marker.WORSE_998),
        (64.0, HIGHER, Verdict.WORSE, Marker.WORSE_95),
        (55.0, HIGHER, Verdict.SIMILAR, Marker.SIMILAR),
        (50.0, HIGHER, Verdict.SIMILAR, Marker.SIMILAR),
        (47.0, HIGHER, Verdict.BETTER, Marker.BETTER_95),
        (40.0, HIGHER, Verdict.BETTER, Marker.BETTER_998),
    ],
)
def test_england_outside_or_inside_the_areas_intervals(
    england: float, polarity: Polarity, verdict: Verdict, marker: Marker
) -> None:
    assert compare(AREA_95, AREA_998, england, polarity) == (verdict, marker)


def test_a_wilson_interval_worked_by_hand() -> None:
    # 30 weekend discharges of 100: Wilson 95% interval 21.90% to 39.59% (z = 1.96),
    # 99.8% interval 18.10% to 45.39% (z = 3.0902). England at 20%: better at 95% only.
    assert compare((21.90, 39.59), (18.10, 45.39), 20.0, HIGHER) == (
        Verdict.BETTER,
        Marker.BETTER_95,
    )
    # England at 17%: outside the 99.8% interval too.
    assert compare((21.90, 39.59), (18.10, 45.39), 17.0, HIGHER) == (
        Verdict.BETTER,
        Marker.BETTER_998,
    )


@pytest.mark.parametrize(
    ("interval_95", "interval_998", "england"),
    [
        ((None, None), (None, None), 50.0),  # an indicator without intervals
        ((50.0, 60.0), (45.0, 66.0), None),  # England has no value
        ((50.0, 60.0), (45.0, 66.0), math.nan),
        ((math.nan, math.nan), (45.0, 66.0), 70.0),  # the area has no interval
    ],
)
def test_not_compared_without_an_interval_or_englands_value(
    interval_95: tuple[float | None, float | None],
    interval_998: tuple[float | None, float | None],
    england: float | None,
) -> None:
    assert compare(interval_95, interval_998, england, LOWER) == (
        Verdict.NOT_COMPARED,
        Marker.NOT_COMPARED,
    )


def test_agrees_with_the_ranking_benchmarks() -> None:
    """The ranking's Fingertips comparison gives the same reading on every case."""
    three = {"better": Verdict.BETTER, "similar": Verdict.SIMILAR, "worse": Verdict.WORSE}
    five = {
        "better (99.8%)": Marker.BETTER_998,
        "better (95%)": Marker.BETTER_95,
        "similar": Marker.SIMILAR,
        "worse (95%)": Marker.WORSE_95,
        "worse (99.8%)": Marker.WORSE_998,
    }
    englands = [30.0, 45.0, 47.0, 50.0, 55.0, 60.0, 64.0, 66.0, 70.0]
    for england, polarity in itertools.product(englands, (LOWER, HIGHER)):
        higher = polarity is HIGHER
        verdict, marker = compare(AREA_95, AREA_998, england, polarity)
        assert three[compare_three(50.0, 60.0, england, higher_is_better=higher)] is verdict
        ranking_five = compare_five(50.0, 60.0, 45.0, 66.0, england, higher_is_better=higher)
        assert five[ranking_five] is marker
