"""Confidence intervals against values worked out by hand from the published formulas.

z for 95% is Φ⁻¹(0.975) = 1.959964 (z² = 3.841459); for 99.8% Φ⁻¹(0.999) = 3.090232
(z² = 9.549536). Exact Poisson limits are checked against Garwood's published table values.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from joinedup.metrics.statistics import (
    byar_interval,
    count_interval,
    exact_poisson_interval,
    histogram_percentile,
    proportion_interval,
    rate_interval,
    wilson_interval,
    z_score,
)


def test_z_scores_of_the_two_levels() -> None:
    assert z_score(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_score(0.998) == pytest.approx(3.090232, abs=1e-6)


def test_wilson_65_of_100() -> None:
    # x = 65, n = 100, p = 0.65, 95%:
    #   4x(1 - p) = 4 * 65 * 0.35 = 91;  z² + 91 = 94.841459;  √ = 9.738658;  z·√ = 19.087518
    #   2x + z² = 133.841459;  2(n + z²) = 207.682918
    #   lower = (133.841459 - 19.087518) / 207.682918 = 0.552544
    #   upper = (133.841459 + 19.087518) / 207.682918 = 0.736358
    # 99.8%: z² + 91 = 100.549536, √ = 10.027439, z·√ = 30.987117;
    #   2x + z² = 139.549536, 2(n + z²) = 219.099071
    #   lower = 108.562419 / 219.099071 = 0.495495, upper = 170.536653 / 219.099071 = 0.778354
    ci95 = wilson_interval(65, 100, 0.95)
    assert float(ci95.lower) == pytest.approx(0.552544, abs=2e-6)
    assert float(ci95.upper) == pytest.approx(0.736358, abs=2e-6)
    ci998 = wilson_interval(65, 100, 0.998)
    assert float(ci998.lower) == pytest.approx(0.495495, abs=2e-6)
    assert float(ci998.upper) == pytest.approx(0.778354, abs=2e-6)


def test_wilson_no_events_and_all_events() -> None:
    # x = 0: the square root is z, so lower = 0 and upper = 2z² / (2(n + z²)) = z² / (n + z²).
    #   n = 50, 95%: 3.841459 / 53.841459 = 0.071348;  99.8%: 9.549536 / 59.549536 = 0.160363
    # x = n: p = 1, the square root is z again: lower = 2n / (2(n + z²)) = n / (n + z²), upper 1.
    #   n = 50, 95%: 50 / 53.841459 = 0.928652;  99.8%: 50 / 59.549536 = 0.839637
    zero = proportion_interval(0, 50, 0.95)
    assert float(zero.lower) == 0.0
    assert float(zero.upper) == pytest.approx(7.1348, abs=1e-4)
    assert float(proportion_interval(0, 50, 0.998).upper) == pytest.approx(16.0363, abs=1e-4)
    full = proportion_interval(50, 50, 0.95)
    assert float(full.lower) == pytest.approx(92.8652, abs=1e-4)
    assert float(full.upper) == 100.0
    assert float(proportion_interval(50, 50, 0.998).lower) == pytest.approx(83.9637, abs=1e-4)


def test_wilson_is_undefined_without_a_denominator() -> None:
    ci = wilson_interval([0, 3], [0, 10])
    assert math.isnan(ci.lower[0])
    assert math.isnan(ci.upper[0])
    assert not math.isnan(ci.lower[1])


def test_wilson_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError, match="exceed"):
        wilson_interval(11, 10)
    with pytest.raises(ValueError, match="negative"):
        wilson_interval(-1, 10)


def test_byar_at_10_and_65_events() -> None:
    # x = 10, 95%: 1/(9x) = 0.011111, z/(3√10) = 1.959964 / 9.486833 = 0.206598
    #   lower = 10 (1 - 0.011111 - 0.206598)³ = 10 * 0.782291³ = 10 * 0.478745 = 4.78745
    #   upper: x + 1 = 11, 1/99 = 0.010101, z/(3√11) = 1.959964 / 9.949874 = 0.196984
    #   = 11 (1 - 0.010101 + 0.196984)³ = 11 * 1.186883³ = 11 * 1.671951 = 18.39146
    # x = 65, 95%: 1/585 = 0.001709, z/(3√65) = 1.959964 / 24.186773 = 0.081034
    #   lower = 65 * 0.917257³ = 65 * 0.771741 = 50.16319
    #   upper: 66, 1/594 = 0.001684, z/(3√66) = 0.080418; 66 * 1.078734³ = 66 * 1.255290 = 82.8491
    ci = byar_interval([10, 65], 0.95)
    assert ci.lower == pytest.approx([4.78745, 50.16319], abs=1e-4)
    assert ci.upper == pytest.approx([18.39146, 82.8491], abs=1e-3)
    # 99.8% at 65: z/(3√65) = 3.090232 / 24.186773 = 0.127765
    #   lower = 65 (1 - 0.001709 - 0.127765)³ = 65 * 0.870526³ = 65 * 0.659696 = 42.8803
    assert float(byar_interval(65, 0.998).lower) == pytest.approx(42.8803, abs=1e-3)


def test_exact_poisson_matches_garwood_table() -> None:
    # Garwood (1936) limits, as tabulated in standard texts: x = 0: (0, 3.689);
    # x = 1: (0.0253, 5.572); x = 5: (1.623, 11.668); x = 9: (4.115, 17.085) at 95%.
    # At 99.8% x = 0 has upper -ln(0.001) = 6.9078 (χ² with 2 df is exponential).
    ci = exact_poisson_interval([0, 1, 5, 9], 0.95)
    assert ci.lower == pytest.approx([0.0, 0.0253, 1.623, 4.115], abs=1e-3)
    assert ci.upper == pytest.approx([3.689, 5.572, 11.668, 17.085], abs=1e-3)
    assert float(exact_poisson_interval(0, 0.998).upper) == pytest.approx(6.9078, abs=1e-4)


def test_rate_switches_from_exact_to_byar_at_10_events() -> None:
    # 9 events in 10,000 people use the exact limits (4.115, 17.085) -> per 100,000: x10
    # 10 events use Byar's (4.78745, 18.39146) -> 47.8745, 183.9146 per 100,000
    ci = rate_interval([9, 10], [10_000, 10_000], 0.95)
    assert ci.lower == pytest.approx([41.15, 47.8745], abs=0.01)
    assert ci.upper == pytest.approx([170.85, 183.9146], abs=0.01)
    counts = count_interval([0, 9, 10])
    assert counts.lower[0] == 0.0


def test_rate_without_population_is_undefined() -> None:
    ci = rate_interval([5], [0])
    assert np.isnan(ci.lower).all()
    assert np.isnan(ci.upper).all()


def test_percentile_from_counts_interpolates_linearly() -> None:
    # Group 0: stays [1, 5, 15]: h = 0.9 x 2 = 1.8 -> 5 + 0.8 x (15 - 5) = 13.
    # Group 1: [2, 10]: h = 0.9 -> 2 + 0.9 x 8 = 9.2.  Group 2: no records -> undefined.
    # Group 3: four stays of 3 days and one of 7, given as counts: [3, 3, 3, 3, 7],
    #   h = 0.9 x 4 = 3.6 -> 3 + 0.6 x 4 = 5.4.
    group = np.array([0, 0, 0, 1, 1, 3, 3])
    value = np.array([15, 1, 5, 10, 2, 7, 3])
    count = np.array([1, 1, 1, 1, 1, 1, 4])
    totals, p90 = histogram_percentile(group, value, count, 0.9, groups=4)
    assert list(totals) == [3, 2, 0, 5]
    assert p90[[0, 1, 3]] == pytest.approx([13.0, 9.2, 5.4])
    assert math.isnan(p90[2])


def test_percentile_rank_that_is_whole_is_exact() -> None:
    # 71 stays of 0..70 days: h = 0.9 x 70 = 63 exactly, so the value is x(63) = 63, although
    # 0.9 x 70 in floating point is 63.00000000000001.
    _, p90 = histogram_percentile(np.zeros(71, np.int64), np.arange(71), np.ones(71), 0.9, 1)
    assert p90[0] == 63.0


def test_percentile_from_counts_equals_numpy_over_the_records() -> None:
    rng = np.random.default_rng(5)
    records = rng.integers(0, 60, 5_000)
    groups = rng.integers(0, 7, 5_000)
    value, where = np.unique(np.stack([groups, records]), axis=1, return_counts=True)
    _, p90 = histogram_percentile(value[0], value[1], where, 0.9, groups=7)
    expected = [np.percentile(records[groups == g], 90) for g in range(7)]
    assert p90 == pytest.approx(expected, abs=1e-9)
