"""Confidence intervals for indicator values, following PHE's ``PHEindicatormethods``.

* Proportions: Wilson score interval (Wilson 1927), as ``phe_proportion`` / ``wilson_lower``.
* Rates (events over a population): Byar's approximation (Breslow & Day 1987) when there are
  10 events or more, the exact Poisson interval (chi-square quantiles) below 10, as ``phe_rate``.

Every function is vectorised: engines hand over whole columns, and a scalar works too. A value
that cannot be defined (no denominator) comes back as NaN, which the output writes as blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt
from scipy.stats import chi2, norm

Array = npt.NDArray[np.float64]
ArrayLike = npt.ArrayLike

#: The two confidence levels of public-health comparison charts.
CONFIDENCE_LEVELS = (0.95, 0.998)
#: Below this many events a rate uses the exact Poisson interval instead of Byar's.
BYAR_MIN_EVENTS = 10


def z_score(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.96 for 95%, 3.09 for 99.8%."""
    if not 0.5 < confidence < 1:
        raise ValueError(f"confidence {confidence!r} must be between 0.5 and 1 (e.g. 0.95)")
    return float(norm.ppf(confidence + (1 - confidence) / 2))


def _counts(values: ArrayLike, name: str) -> Array:
    array = np.asarray(values, dtype=np.float64)
    if np.any(array < 0):
        raise ValueError(f"{name} must not be negative")
    return array


@dataclass(frozen=True)
class Interval:
    """Lower and upper limits, the same shape as the values they bound."""

    lower: Array
    upper: Array


def wilson_interval(events: ArrayLike, total: ArrayLike, confidence: float = 0.95) -> Interval:
    """Wilson score interval for the proportion ``events / total`` (as a fraction, 0 to 1).

    (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)); NaN where ``total`` is 0.
    """
    x = _counts(events, "events")
    n = _counts(total, "total")
    if np.any(x > n):
        raise ValueError("events must not exceed the total")
    z = z_score(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, x / np.where(n > 0, n, 1), np.nan)
        spread = z * np.sqrt(z * z + 4 * x * (1 - p))
        lower = (2 * x + z * z - spread) / (2 * (n + z * z))
        upper = (2 * x + z * z + spread) / (2 * (n + z * z))
    # x = 0 and x = n give exactly 0 and 1 in exact arithmetic; remove rounding dust.
    lower = np.where(x == 0, 0.0, lower)
    upper = np.where((x == n) & (n > 0), 1.0, upper)
    invalid = ~(n > 0)
    return Interval(np.where(invalid, np.nan, lower), np.where(invalid, np.nan, upper))


def byar_interval(events: ArrayLike, confidence: float = 0.95) -> Interval:
    """Byar's approximation to the Poisson interval for an observed count (events >= 1).

    lower = x(1 − 1/(9x) − z/(3√x))³, upper = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³.
    """
    x = _counts(events, "events")
    z = z_score(confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        y = x + 1
        upper = y * (1 - 1 / (9 * y) + z / (3 * np.sqrt(y))) ** 3
    return Interval(np.where(x > 0, lower, np.nan), upper)


def exact_poisson_interval(events: ArrayLike, confidence: float = 0.95) -> Interval:
    """Exact (Garwood) Poisson interval: χ²(α/2; 2x)/2 to χ²(1 − α/2; 2x + 2)/2 (lower 0 at 0)."""
    x = _counts(events, "events")
    alpha = 1 - confidence
    with np.errstate(invalid="ignore"):
        lower = np.where(x > 0, chi2.ppf(alpha / 2, 2 * np.where(x > 0, x, 1)) / 2, 0.0)
    upper = chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2
    return Interval(np.asarray(lower, dtype=np.float64), np.asarray(upper, dtype=np.float64))


def count_interval(events: ArrayLike, confidence: float = 0.95) -> Interval:
    """The interval ``phe_rate`` puts around a count: exact under 10 events, Byar's from 10."""
    x = _counts(events, "events")
    exact = exact_poisson_interval(np.where(x < BYAR_MIN_EVENTS, x, 0), confidence)
    byar = byar_interval(np.where(x >= BYAR_MIN_EVENTS, x, BYAR_MIN_EVENTS), confidence)
    small = x < BYAR_MIN_EVENTS
    return Interval(
        np.where(small, exact.lower, byar.lower), np.where(small, exact.upper, byar.upper)
    )


def rate_interval(
    events: ArrayLike, population: ArrayLike, confidence: float = 0.95, per: float = 100_000
) -> Interval:
    """Interval of ``events / population * per``; NaN where the population is 0 or missing."""
    count = count_interval(events, confidence)
    n = np.asarray(population, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(n > 0, per / np.where(n > 0, n, 1), np.nan)
    return Interval(count.lower * scale, count.upper * scale)


def proportion_interval(
    events: ArrayLike, total: ArrayLike, confidence: float = 0.95, per: float = 100
) -> Interval:
    """Wilson interval scaled to ``per`` (100 for a percentage)."""
    interval = wilson_interval(events, total, confidence)
    return Interval(interval.lower * per, interval.upper * per)


def histogram_percentile(
    group: npt.NDArray[np.int64],
    value: npt.NDArray[np.int64],
    count: ArrayLike,
    percentile: float,
    groups: int,
) -> tuple[Array, Array]:
    """Exact percentile (linear interpolation) of whole-number values given as counts.

    Rows are (group, value, how many records have it), in any order and possibly repeated.
    With a group's n records sorted x(0) <= ... <= x(n-1) and h = p(n - 1), the percentile is
    x(⌊h⌋) + (h − ⌊h⌋)(x(⌊h⌋+1) − x(⌊h⌋)): Hyndman and Fan's definition 7, as DuckDB
    ``quantile_cont``, Spark ``percentile`` and numpy compute it from the records. The rank
    is computed in integers (p as a fraction), so a rank that is whole is never rounded down.
    Returns (records per group, percentile per group; NaN where a group has none).
    """
    counts = np.asarray(count, dtype=np.float64).round().astype(np.int64)
    if np.any(counts < 0):
        raise ValueError("counts must not be negative")
    ratio = Fraction(percentile).limit_denominator(1_000_000)
    if not 0 <= ratio <= 1:
        raise ValueError(f"percentile {percentile!r} must be between 0 and 1")
    keep = counts > 0
    group, value, counts = group[keep], value[keep], counts[keep]
    if value.size and value.min() >= 0 and value.max() < 1 << 30:
        order = np.argsort((group.astype(np.int64) << 30) | value)  # one key sorts faster
    else:
        order = np.lexsort((value, group))
    group, value, counts = group[order], value[order], counts[order]
    totals = np.bincount(group, weights=counts, minlength=groups).astype(np.int64)
    cumulative = np.cumsum(counts)
    before = np.concatenate(([0], np.cumsum(totals)[:-1]))  # records in earlier groups
    scaled = (np.maximum(totals, 1) - 1) * ratio.numerator
    whole, part = np.divmod(scaled, ratio.denominator)
    low_at = np.searchsorted(cumulative, before + whole, side="right")
    high_at = np.searchsorted(cumulative, before + np.minimum(whole + 1, totals - 1), side="right")
    has = totals > 0
    if not has.any():
        return totals.astype(np.float64), np.full(groups, np.nan)
    # Groups without records point anywhere; they are masked below.
    low = value[np.minimum(low_at, value.size - 1)]
    high = value[np.minimum(high_at, value.size - 1)]
    result = low + part / ratio.denominator * (high - low)
    return totals.astype(np.float64), np.where(has, result, np.nan).astype(np.float64)
