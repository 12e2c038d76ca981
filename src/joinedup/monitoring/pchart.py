"""p-charts: SPC for a proportion whose every point's denominator is known.

Making Data Count draws percentages on an XmR chart by default and offers the p-chart where the
denominators are known and differ from point to point: the centre line is the overall
proportion (all numerators over all denominators, p̄), and each point has its own limits,
p̄ ± 3 √(p̄ (1 − p̄) / nᵢ), which are wide for a month with few people and narrow for a busy one.
Limits are kept within 0% and 100%. The special-cause rules are those of the XmR chart, with
"close to a limit" meaning beyond two standard errors (two thirds of the way to the limit).

The normal approximation behind the limits needs enough people: a point whose n p̄ or
n (1 − p̄) is under 5 draws a warning (the same threshold as the small-numbers warning).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np

from joinedup.errors import InvalidInput
from joinedup.monitoring.spc import assurance_of, classify, variation_of
from joinedup.monitoring.spc_terms import (
    ChartKind,
    Direction,
    Segment,
    SpcChart,
    SpcPoint,
)
from joinedup.monitoring.targets import Target

SIGMAS = 3.0
NEAR = 2.0  # two thirds of the way from the centre to a limit
EXPECTED_AT_LEAST = 5.0  # n p̄ and n (1 - p̄) below this: too few for the normal approximation


def small(denominator: float, centre: float) -> bool:
    """Whether a point of `denominator` people is too small for limits around `centre` (0-1)."""
    return min(denominator * centre, denominator * (1 - centre)) < EXPECTED_AT_LEAST


def p_chart(
    dates: Sequence[date],
    numerators: Sequence[float],
    denominators: Sequence[float],
    *,
    direction: Direction,
    target: float | Target | None = None,
) -> SpcChart:
    """A p-chart in percent (a proportion of 0.25 is drawn as 25)."""
    if not len(dates) == len(numerators) == len(denominators):
        raise InvalidInput.of("values", "give a numerator and a denominator for every date")
    if len(dates) < 2:
        raise InvalidInput.of("values", f"an SPC chart needs at least 2 points; got {len(dates)}")
    for day, num, den in zip(dates, numerators, denominators, strict=True):
        if not (math.isfinite(num) and math.isfinite(den)) or den <= 0 or not 0 <= num <= den:
            raise InvalidInput.of(
                "values",
                f"{day.isoformat()}: {num!r} of {den!r} is not a proportion (a count of at "
                "most a positive denominator)",
            )
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    ds = [dates[i] for i in order]
    n = np.asarray([float(denominators[i]) for i in order], dtype=np.float64)
    x = np.asarray([float(numerators[i]) for i in order], dtype=np.float64)
    # Counts over the largest denominator first, so that huge counts cannot overflow a sum.
    largest = float(n.max())
    centre = float(np.sum(x / largest) / np.sum(n / largest))
    with np.errstate(over="ignore"):  # a denominator near 0: limits clipped to 0%-100% below
        se = np.sqrt(centre * (1 - centre) / n)
    y = x / n * 100
    lpl = np.clip(centre - SIGMAS * se, 0, 1) * 100
    upl = np.clip(centre + SIGMAS * se, 0, 1) * 100
    near = (
        np.clip(centre - NEAR * se, 0, 1) * 100,
        np.clip(centre + NEAR * se, 0, 1) * 100,
    )
    types, rules = classify(y, centre * 100, (lpl, upl), near, direction)
    points = tuple(
        SpcPoint(
            date=day,
            value=float(y[i]),
            mean=centre * 100,
            lpl=float(lpl[i]),
            upl=float(upl[i]),
            point_type=types[i],
            rules=rules[i],
            segment=0,
        )
        for i, day in enumerate(ds)
    )
    last = points[-1]
    segment = Segment(
        start=ds[0],
        end=ds[-1],
        points=len(ds),
        points_used=len(ds),
        mean=centre * 100,
        mean_moving_range=0.0,
        lpl=last.lpl,
        upl=last.upl,
        screened_moving_ranges=0,
        rebase=None,
    )
    few = [p.date for p, den in zip(points, n, strict=True) if small(float(den), centre)]
    warnings = (
        (
            f"{len(few)} of {len(points)} points rest on so few people that their limits are "
            f"only a rough guide (fewer than {EXPECTED_AT_LEAST:.0f} expected either way)",
        )
        if few
        else ()
    )
    return SpcChart(
        points=points,
        segments=(segment,),
        direction=direction,
        target=target,
        screen_outliers=False,
        fix_after=None,
        variation=variation_of(last.point_type, direction),
        assurance=assurance_of(target, lpl=last.lpl, upl=last.upl, direction=direction),
        warnings=warnings,
        kind=ChartKind.P,
    )
