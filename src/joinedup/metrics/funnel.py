"""Funnel plots: each area's value against England's, with the limits within which the value of
an area of its size would fall by chance alone, at 95% and 99.8%.

The limits at a denominator n are the interval the indicator's own method puts around the
count England's value would give at that size: Wilson score limits for proportions, Byar's
(exact Poisson under 10 events) for rates, the methods ``PHEindicatormethods`` uses for its
confidence intervals. An area outside the 99.8% limits differs from England by more than
chance would explain; between 95% and 99.8%, it may.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from joinedup.errors import InvalidInput
from joinedup.metrics.indicators import Statistic
from joinedup.metrics.statistics import count_interval, wilson_interval

Floats = npt.NDArray[np.float64]


class Place(StrEnum):
    ABOVE_998 = "above the 99.8% limit"
    ABOVE_95 = "above the 95% limit"
    WITHIN = "within the 95% limits"
    BELOW_95 = "below the 95% limit"
    BELOW_998 = "below the 99.8% limit"


@dataclass(frozen=True)
class FunnelLimits:
    denominators: Floats
    centre: float
    lower_95: Floats
    upper_95: Floats
    lower_998: Floats
    upper_998: Floats


def funnel_limits(
    centre: float, denominators: npt.ArrayLike, statistic: Statistic, per: float
) -> FunnelLimits:
    """The limits around ``centre`` (England's value, on the indicator's scale) at each size."""
    n = np.asarray(denominators, dtype=np.float64)
    if np.any(n <= 0) or not np.isfinite(centre) or centre < 0:
        raise InvalidInput.of("denominators", "Funnel limits need positive sizes and a value")
    expected = centre / per * n
    bounds: list[Floats] = []
    for level in (0.95, 0.998):
        if statistic is Statistic.PROPORTION:
            interval = wilson_interval(expected, n, level)
            bounds += [interval.lower * per, interval.upper * per]
        elif statistic is Statistic.RATE:
            interval = count_interval(expected, level)
            bounds += [interval.lower / n * per, interval.upper / n * per]
        else:
            raise InvalidInput.of(
                "indicator", f"A funnel plot needs a rate or a proportion, not {statistic.value}"
            )
    return FunnelLimits(n, centre, *bounds)


def place(value: float, limits: FunnelLimits, index: int) -> Place:
    """Where the area at ``index`` of the limits (its own size) lies."""
    if value > limits.upper_998[index]:
        return Place.ABOVE_998
    if value > limits.upper_95[index]:
        return Place.ABOVE_95
    if value < limits.lower_998[index]:
        return Place.BELOW_998
    if value < limits.lower_95[index]:
        return Place.BELOW_95
    return Place.WITHIN


@dataclass(frozen=True)
class FunnelPoint:
    area_code: str
    value: float
    denominator: float
    place: Place


@dataclass(frozen=True)
class Funnel:
    """One indicator and period: every area placed against England, and the limits drawn at
    ``curve.denominators`` (from the smallest area to the largest)."""

    indicator: str
    england: float
    points: tuple[FunnelPoint, ...]
    curve: FunnelLimits


def funnel_of(
    indicator_id: str,
    statistic: Statistic,
    per: float,
    rows: list[tuple[str, float | None, float | None]],
    england: str,
) -> Funnel:
    """The funnel of one period from its rows (area, value, denominator), England's among them.
    For a rate the denominator is the population; areas with no value are left out."""
    known = [(a, v, d) for a, v, d in rows if v is not None and d is not None and d > 0]
    centre = next((v for a, v, _ in known if a == england), None)
    areas = [(a, v, d) for a, v, d in known if a != england]
    if centre is None or not areas:
        raise InvalidInput.of("period", f"{indicator_id} has no values for England and areas")
    sizes = np.array([d for _, _, d in areas], dtype=np.float64)
    at_areas = funnel_limits(centre, sizes, statistic, per)
    points = tuple(FunnelPoint(a, v, d, place(v, at_areas, i)) for i, (a, v, d) in enumerate(areas))
    curve = np.geomspace(sizes.min(), sizes.max(), 60)
    return Funnel(indicator_id, centre, points, funnel_limits(centre, curve, statistic, per))
