"""Recent trends against values worked out by hand, a published example and independent
derivations (a correlation over individual records; a Poisson likelihood differentiated
numerically)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from scipy.stats import chi2, poisson

from joinedup.metrics.indicators import INDICATORS, Polarity, Statistic
from joinedup.metrics.periods import add_months
from joinedup.metrics.stored import StoredValue
from joinedup.metrics.trend import (
    CRITICAL_998,
    TrendLabel,
    chi_square_for_trend,
    latest_points,
    poisson_chi_square_for_trend,
    recent_trend,
)
from joinedup.periods import period_end


def _indicator(statistic: Statistic, polarity: Polarity):  # type: ignore[no-untyped-def]
    return replace(INDICATORS[0], statistic=statistic, polarity=polarity)


def _series(
    events: list[float], totals: list[float], months: int = 3, first: date = date(2018, 4, 1)
) -> list[StoredValue]:
    out = []
    for k, (r, n) in enumerate(zip(events, totals, strict=True)):
        start = add_months(first, k * months)
        out.append(
            StoredValue(
                "E06000001",
                "x",
                start,
                period_end(start, months),
                r,
                n,
                100 * r / n,
                None,
                None,
                None,
                None,
            )
        )
    return out


def test_the_99_8_percent_point_is_chi_squared_with_one_degree_of_freedom() -> None:
    assert abs(CRITICAL_998 - chi2.ppf(0.998, 1)) < 1e-8


def test_chi_squared_for_trend_by_hand() -> None:
    # 30, 35, 41, 48, 55 events of 200 each period. N = 1000, R = 209, Σrt = 690,
    # Σnt = 3000, Σnt² = 11000: N(NΣrt - RΣnt)² / (R(N-R)(NΣnt² - (Σnt)²))
    # = 1000 × 63000² / (209 × 791 × 2,000,000) = 12.004065.
    statistic, sign = chi_square_for_trend([30, 35, 41, 48, 55], [200] * 5)
    assert statistic == pytest.approx(12.004065, abs=1e-6)
    assert sign == 1


def test_chi_squared_for_trend_matches_the_published_example() -> None:
    # R's prop.trend.test example (smokers among patients, four groups): X-squared = 8.2249.
    statistic, sign = chi_square_for_trend([83, 90, 129, 70], [86, 93, 136, 82])
    assert statistic == pytest.approx(8.2249, abs=1e-4)
    assert sign == -1


def test_chi_squared_for_trend_is_n_times_the_squared_correlation_of_the_records() -> None:
    # Armitage's statistic is N r², r the correlation of period and outcome over individuals.
    events, totals = [12, 19, 17, 26, 31], [140, 150, 135, 160, 155]
    scores = np.concatenate([np.full(n, t) for t, n in enumerate(totals, start=1)])
    outcome = np.concatenate(
        [np.r_[np.ones(r), np.zeros(n - r)] for r, n in zip(events, totals, strict=True)]
    )
    r = np.corrcoef(scores, outcome)[0, 1]
    assert chi_square_for_trend(events, totals)[0] == pytest.approx(len(scores) * r * r)


def test_poisson_trend_by_hand() -> None:
    # 120, 130, 150, 160, 185 events in 100,000 people each period: R = 745, N = 500,000,
    # Σrt = 2395, Σnt = 1.5e6, Σnt² = 5.5e6: (NΣrt - RΣnt)² / (R(NΣnt² - (Σnt)²))
    # = (8.0e7)² / (745 × 5e11) = 17.181208.
    statistic, sign = poisson_chi_square_for_trend([120, 130, 150, 160, 185], [100_000] * 5)
    assert statistic == pytest.approx(17.181208, abs=1e-6)
    assert sign == 1


def test_poisson_trend_is_the_score_test_of_the_log_linear_model() -> None:
    # log μ = a + b t + log n. At b = 0 the fitted a is log(R/N); the score test is U² / V,
    # U = dℓ/db and V = I_bb - I_ab² / I_aa, here from the likelihood differentiated numerically.
    events = np.array([40.0, 52, 47, 61, 70])
    people = np.array([52_000.0, 53_000, 53_500, 54_000, 55_000])
    t = np.arange(1, 6, dtype=float)

    def loglik(a: float, b: float) -> float:
        return float(poisson.logpmf(events, np.exp(a + b * t) * people).sum())

    a0, h = math.log(events.sum() / people.sum()), 1e-4
    u = (loglik(a0, h) - loglik(a0, -h)) / (2 * h)
    i_bb = -(loglik(a0, h) - 2 * loglik(a0, 0) + loglik(a0, -h)) / h**2
    i_aa = -(loglik(a0 + h, 0) - 2 * loglik(a0, 0) + loglik(a0 - h, 0)) / h**2
    i_ab = -(loglik(a0 + h, h) - loglik(a0 + h, -h) - loglik(a0 - h, h) + loglik(a0 - h, -h)) / (
        4 * h * h
    )
    score = u * u / (i_bb - i_ab**2 / i_aa)
    assert poisson_chi_square_for_trend(events, people)[0] == pytest.approx(score, rel=1e-3)


@pytest.mark.parametrize(
    ("polarity", "events", "label"),
    [
        (Polarity.HIGHER_IS_BETTER, [30, 35, 41, 48, 55], TrendLabel.INCREASING_BETTER),
        (Polarity.LOWER_IS_BETTER, [30, 35, 41, 48, 55], TrendLabel.INCREASING_WORSE),
        (Polarity.HIGHER_IS_BETTER, [55, 48, 41, 35, 30], TrendLabel.DECREASING_WORSE),
        (Polarity.LOWER_IS_BETTER, [55, 48, 41, 35, 30], TrendLabel.DECREASING_BETTER),
        (Polarity.LOWER_IS_BETTER, [30, 33, 31, 34, 32], TrendLabel.NO_CHANGE),
    ],
)
def test_labels_read_the_direction_with_the_polarity(
    polarity: Polarity, events: list[float], label: TrendLabel
) -> None:
    trend = recent_trend(_indicator(Statistic.PROPORTION, polarity), _series(events, [200] * 5), 3)
    assert trend.label is label
    assert len(trend.points) == 5
    assert trend.getting_worse == ("worse" in label.value)


def test_significance_is_at_99_8_percent_not_95() -> None:
    # Chi-squared about 6: significant at 95% (3.84), not at 99.8% (9.55).
    events = [30, 33, 37, 40, 44]
    statistic, _ = chi_square_for_trend(events, [200] * 5)
    assert 3.84 < statistic < CRITICAL_998
    item = _indicator(Statistic.PROPORTION, Polarity.HIGHER_IS_BETTER)
    assert recent_trend(item, _series(events, [200] * 5), 3).label is TrendLabel.NO_CHANGE


def test_rates_use_the_poisson_test() -> None:
    item = _indicator(Statistic.RATE, Polarity.LOWER_IS_BETTER)
    trend = recent_trend(item, _series([120, 130, 150, 160, 185], [100_000] * 5), 3)
    assert trend.label is TrendLabel.INCREASING_WORSE
    assert trend.chi_square == pytest.approx(17.181208, abs=1e-6)
    assert "Poisson" in trend.method


def test_only_the_last_five_periods_count() -> None:
    # A steep rise long ago, flat since: the latest five periods show no change.
    events = [5, 10, 20, 40, 41, 40, 42, 41, 40]
    item = _indicator(Statistic.PROPORTION, Polarity.HIGHER_IS_BETTER)
    trend = recent_trend(item, _series(events, [200] * 9, months=1), 1)
    assert trend.label is TrendLabel.NO_CHANGE
    assert [p.numerator for p in trend.points] == [41, 40, 42, 41, 40]


def test_overlapping_rolling_years_are_not_counted_twice() -> None:
    # Rolling years start every month; the trend takes the latest and the years before it.
    series = _series([50 + k for k in range(60)], [1000] * 60, months=12, first=date(2015, 1, 1))
    monthly_starts = [
        replace(v, period_start=add_months(date(2015, 1, 1), k)) for k, v in enumerate(series)
    ]
    chosen = latest_points(monthly_starts, 12)
    assert [v.period_start for v in chosen] == [
        date(2015, 12, 1),
        date(2016, 12, 1),
        date(2017, 12, 1),
        date(2018, 12, 1),
        date(2019, 12, 1),
    ]


@pytest.mark.parametrize("statistic", [Statistic.PERCENTILE, Statistic.MEAN])
def test_other_statistics_cannot_be_calculated(statistic: Statistic) -> None:
    item = _indicator(statistic, Polarity.LOWER_IS_BETTER)
    trend = recent_trend(item, _series([30, 35, 41, 48, 55], [200] * 5), 3)
    assert trend.label is TrendLabel.CANNOT
    assert statistic.value in trend.method


def test_a_gap_or_too_few_periods_cannot_be_calculated() -> None:
    item = _indicator(Statistic.PROPORTION, Polarity.HIGHER_IS_BETTER)
    assert recent_trend(item, _series([1, 2, 3, 4], [50] * 4), 3).label is TrendLabel.CANNOT
    gap = _series([1, 2, 3, 4, 5, 6], [50] * 6)
    del gap[2]  # the third period is missing: only three follow one another at the end
    trend = recent_trend(item, gap, 3)
    assert trend.label is TrendLabel.CANNOT
    assert "5 periods in a row" in trend.method


def test_no_events_at_all_is_no_significant_change() -> None:
    item = _indicator(Statistic.RATE, Polarity.LOWER_IS_BETTER)
    trend = recent_trend(item, _series([0] * 5, [2000] * 5), 3)
    assert trend.label is TrendLabel.NO_CHANGE
    assert trend.chi_square is None
