"""Comparison with England and peers, as PHE Fingertips does, on hand-made intervals."""

from __future__ import annotations

import math

import pytest
from ranking_examples import AT_HOME, EMERGENCY, A, B, C, D, make_values

from joinedup.ranking.benchmarking import (
    FiveLevel,
    ThreeLevel,
    benchmark_values,
    compare_five,
    compare_three,
)

NAN = math.nan


@pytest.mark.parametrize(
    ("lower", "upper", "lower_is_better", "higher_is_better"),
    [
        (80, 95, ThreeLevel.BETTER, ThreeLevel.WORSE),  # wholly below England's 100
        (105, 120, ThreeLevel.WORSE, ThreeLevel.BETTER),  # wholly above
        (90, 110, ThreeLevel.SIMILAR, ThreeLevel.SIMILAR),  # contains it
        (100, 120, ThreeLevel.SIMILAR, ThreeLevel.SIMILAR),  # touches it: not significant
        (NAN, NAN, ThreeLevel.NOT_COMPARED, ThreeLevel.NOT_COMPARED),  # no interval
    ],
)
def test_three_levels_respect_polarity(
    lower: float, upper: float, lower_is_better: ThreeLevel, higher_is_better: ThreeLevel
) -> None:
    assert compare_three(lower, upper, 100.0, higher_is_better=False) is lower_is_better
    assert compare_three(lower, upper, 100.0, higher_is_better=True) is higher_is_better


@pytest.mark.parametrize(
    ("interval_95", "interval_998", "lower_is_better", "higher_is_better"),
    [
        ((80, 95), (70, 99), FiveLevel.BETTER_998, FiveLevel.WORSE_998),
        ((80, 95), (75, 101), FiveLevel.BETTER_95, FiveLevel.WORSE_95),
        ((90, 110), (85, 115), FiveLevel.SIMILAR, FiveLevel.SIMILAR),
        ((105, 120), (100.5, 125), FiveLevel.WORSE_998, FiveLevel.BETTER_998),
        ((105, 120), (98, 125), FiveLevel.WORSE_95, FiveLevel.BETTER_95),
        # Only the 95% interval known: significant at 95%, no claim about 99.8%.
        ((80, 95), (NAN, NAN), FiveLevel.BETTER_95, FiveLevel.WORSE_95),
        ((NAN, NAN), (70, 99), FiveLevel.NOT_COMPARED, FiveLevel.NOT_COMPARED),
    ],
)
def test_five_levels_use_both_intervals(
    interval_95: tuple[float, float],
    interval_998: tuple[float, float],
    lower_is_better: FiveLevel,
    higher_is_better: FiveLevel,
) -> None:
    args = (*interval_95, *interval_998, 100.0)
    assert compare_five(*args, higher_is_better=False) is lower_is_better
    assert compare_five(*args, higher_is_better=True) is higher_is_better


def test_benchmark_values_against_england_and_peers() -> None:
    values = make_values(
        {
            A: {EMERGENCY: (80, 70, 90), AT_HOME: 70},
            B: {EMERGENCY: (120, 110, 130), AT_HOME: 80},
            C: {EMERGENCY: (100, 90, 110), AT_HOME: 90},
            D: {EMERGENCY: (140, 130, 150), AT_HOME: None},
        },
        england={EMERGENCY: 100.0, AT_HOME: 75.0},
    )
    found = {
        (b.area_code, b.indicator): b
        for b in benchmark_values(values, {A: [B, C], B: [A, D], C: [A, B, D]})
    }
    a = found[A, EMERGENCY]
    assert a.vs_england is ThreeLevel.BETTER  # emergency admissions: lower is better
    # Peers B (120) and C (100): mean 110, above A's interval 70-90: better than peers too.
    assert a.peer_mean == pytest.approx(110.0)
    assert a.vs_peers is ThreeLevel.BETTER
    assert (a.position_among_peers, a.group_size) == (1, 3)
    b = found[B, EMERGENCY]
    assert b.vs_england is ThreeLevel.WORSE
    # Peers A (80) and D (140): mean 110, inside B's 110-130 (touching): similar.
    assert b.vs_peers is ThreeLevel.SIMILAR
    assert (b.position_among_peers, b.group_size) == (2, 3)
    # At home has no interval: not compared, but the position among peers is still given.
    c = found[C, AT_HOME]
    assert c.vs_england is ThreeLevel.NOT_COMPARED
    assert c.peer_mean == pytest.approx(75.0)  # A 70 and B 80; D has no value
    assert (c.position_among_peers, c.group_size, c.peers_with_value) == (1, 3, 2)
    # D has no peers listed and no at-home value.
    d = found[D, AT_HOME]
    assert d.vs_peers is ThreeLevel.NOT_COMPARED
    assert d.position_among_peers is None
