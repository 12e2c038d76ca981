"""The recent trend of an area's indicator, as public-health profiles (PHE Fingertips) show it.

Over the five latest periods of a length that follow one another without overlapping (five
months, five quarters, five years), a test for a linear trend in the counts behind the values:

* proportions: the chi-squared test for trend in proportions (Armitage 1955; Altman 1991,
  section 10.7.4): N (N Σ rᵢtᵢ − R Σ nᵢtᵢ)² / (R (N − R) (N Σ nᵢtᵢ² − (Σ nᵢtᵢ)²)), with rᵢ
  events out of nᵢ in period tᵢ = 1 to 5, R = Σ rᵢ and N = Σ nᵢ;
* rates (events in a population): the score test for trend of a log-linear Poisson model,
  (N Σ rᵢtᵢ − R Σ nᵢtᵢ)² / (R (N Σ nᵢtᵢ² − (Σ nᵢtᵢ)²)), the same statistic without the
  binomial factor N / (N − R), which Fingertips' rule approaches when events are rare.

The statistic has one degree of freedom; the trend is significant when it exceeds the 99.8%
point, 9.5495, as on Fingertips. Its direction is the sign of N Σ rᵢtᵢ − R Σ nᵢtᵢ, worded
with the indicator's polarity: "Increasing and getting worse", "Decreasing and getting
better" and so on, or "No significant change". Other statistics (percentiles, means, per-day
rates of days), or fewer than five periods with a count and denominator, "Cannot be
calculated", with the reason. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from joinedup.metrics.indicators import Indicator, Polarity, Statistic
from joinedup.metrics.periods import add_months
from joinedup.metrics.stored import StoredValue
from joinedup.periods import period_label

POINTS = 5
#: The 99.8% point of the chi-squared distribution with one degree of freedom (3.0902²).
CRITICAL_998 = 9.549535706
SIGNIFICANCE = "99.8%"


class TrendLabel(StrEnum):
    INCREASING_WORSE = "Increasing and getting worse"
    INCREASING_BETTER = "Increasing and getting better"
    DECREASING_WORSE = "Decreasing and getting worse"
    DECREASING_BETTER = "Decreasing and getting better"
    NO_CHANGE = "No significant change"
    CANNOT = "Cannot be calculated"


# Shapes beside the words so the reading never depends on colour; GOV.UK tag colours.
_STYLE: dict[TrendLabel, tuple[str, str]] = {
    TrendLabel.INCREASING_WORSE: ("↑", "govuk-tag--red"),
    TrendLabel.INCREASING_BETTER: ("↑", "govuk-tag--green"),
    TrendLabel.DECREASING_WORSE: ("↓", "govuk-tag--red"),
    TrendLabel.DECREASING_BETTER: ("↓", "govuk-tag--green"),
    TrendLabel.NO_CHANGE: ("→", "govuk-tag--yellow"),
    TrendLabel.CANNOT: ("–", "govuk-tag--grey"),
}


@dataclass(frozen=True)
class TrendPoint:
    period_start: date
    numerator: float
    denominator: float
    value: float | None


@dataclass(frozen=True)
class Trend:
    label: TrendLabel
    points: tuple[TrendPoint, ...]  # oldest first; empty when it cannot be calculated
    chi_square: float | None
    method: str  # the test used, or why the trend cannot be calculated
    months: int = 0  # the length of each period

    @property
    def span(self) -> str:
        """The periods tested, in words: "April to June 2019 to April to June 2020"."""
        if not self.points:
            return ""
        first = period_label(self.points[0].period_start, self.months)
        return f"{first} to {period_label(self.points[-1].period_start, self.months)}"

    @property
    def significant(self) -> bool:
        return self.label not in (TrendLabel.NO_CHANGE, TrendLabel.CANNOT)

    @property
    def getting_worse(self) -> bool:
        return self.label in (TrendLabel.INCREASING_WORSE, TrendLabel.DECREASING_WORSE)

    @property
    def shape(self) -> str:
        return _STYLE[self.label][0]

    @property
    def tag(self) -> str:
        return _STYLE[self.label][1]

    @property
    def first_start(self) -> date | None:
        return self.points[0].period_start if self.points else None

    @property
    def last_start(self) -> date | None:
        return self.points[-1].period_start if self.points else None


def _sums(events: Sequence[float], totals: Sequence[float]) -> tuple[float, float, float, float]:
    """(N Σ rt − R Σ nt, R, N, N Σ nt² − (Σ nt)²) with scores t = 1, 2, ..."""
    big_r = sum(events)
    big_n = sum(totals)
    rt = sum(r * t for t, r in enumerate(events, start=1))
    nt = sum(n * t for t, n in enumerate(totals, start=1))
    ntt = sum(n * t * t for t, n in enumerate(totals, start=1))
    return big_n * rt - big_r * nt, big_r, big_n, big_n * ntt - nt * nt


def chi_square_for_trend(events: Sequence[float], totals: Sequence[float]) -> tuple[float, int]:
    """The chi-squared for trend in proportions ``events / totals`` over equally spaced
    periods, and the trend's sign (+1 increasing, -1 decreasing, 0 none); NaN when undefined
    (no events, or every one an event)."""
    difference, big_r, big_n, spread = _sums(events, totals)
    denominator = big_r * (big_n - big_r) * spread
    if denominator <= 0:
        return float("nan"), 0
    return float(big_n * difference**2 / denominator), _sign(difference)


def poisson_chi_square_for_trend(
    events: Sequence[float], exposures: Sequence[float]
) -> tuple[float, int]:
    """The score chi-squared for trend in rates ``events / exposures`` (log-linear Poisson
    model, periods equally spaced), and the trend's sign; NaN when there are no events."""
    difference, big_r, _, spread = _sums(events, exposures)
    denominator = big_r * spread
    if denominator <= 0:
        return float("nan"), 0
    return float(difference**2 / denominator), _sign(difference)


def _sign(x: float) -> int:
    return 1 if x > 0 else -1 if x < 0 else 0


def _usable(value: StoredValue | None) -> bool:
    return (
        value is not None
        and value.value is not None
        and value.numerator is not None
        and value.denominator is not None
        and value.denominator > 0
    )


def latest_points(series: Iterable[StoredValue], months: int) -> list[StoredValue]:
    """The latest period with a value and the four before it, each ``months`` earlier than the
    next (so that periods do not overlap), oldest first; fewer when one is missing."""
    by_start = {v.period_start: v for v in series if v.value is not None}
    if not by_start:
        return []
    start = max(by_start)
    found: list[StoredValue] = []
    while len(found) < POINTS:
        value = by_start.get(start)
        if value is None or not _usable(value):
            break
        found.append(value)
        start = add_months(start, -months)
    return found[::-1]


def _cannot(reason: str) -> Trend:
    return Trend(TrendLabel.CANNOT, (), None, reason)


def method_of(item: Indicator) -> str | None:
    """The test the indicator's recent trend uses; None when its statistic has none."""
    if item.statistic is Statistic.PROPORTION:
        return "chi-squared test for trend in proportions"
    if item.statistic is Statistic.RATE:
        return "Poisson test for trend in rates"
    return None


def recent_trend(item: Indicator, series: Iterable[StoredValue], months: int) -> Trend:
    """The recent trend of one area's values of ``item`` (periods of ``months`` months)."""
    method = method_of(item)
    if method is None:
        kind = item.statistic.value.replace("_", " ")
        return _cannot(f"a recent trend is tested for proportions and rates, not a {kind}")
    chosen = latest_points(series, months)
    if len(chosen) < POINTS:
        return _cannot(f"it needs {POINTS} periods in a row with a count and a denominator")
    points = tuple(
        TrendPoint(v.period_start, float(v.numerator or 0), float(v.denominator or 0), v.value)
        for v in chosen
    )
    events = [p.numerator for p in points]
    totals = [p.denominator for p in points]
    if item.statistic is Statistic.PROPORTION:
        statistic, sign = chi_square_for_trend(events, totals)
    else:
        statistic, sign = poisson_chi_square_for_trend(events, totals)
    if math.isnan(statistic) or statistic <= CRITICAL_998 or sign == 0:
        known = None if math.isnan(statistic) else statistic
        return Trend(TrendLabel.NO_CHANGE, points, known, method, months)
    better = (sign > 0) == (item.polarity is Polarity.HIGHER_IS_BETTER)
    if sign > 0:
        label = TrendLabel.INCREASING_BETTER if better else TrendLabel.INCREASING_WORSE
    else:
        label = TrendLabel.DECREASING_BETTER if better else TrendLabel.DECREASING_WORSE
    return Trend(label, points, statistic, method, months)
