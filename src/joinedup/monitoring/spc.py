"""XmR (individuals) charts as NHS England's "Making Data Count" asks boards to read them.

The calculation follows the R package NHSRplotthedots (nhs-r-community), which implements
Making Data Count, detail for detail:

* per period (the whole series, or each part between rebase dates): the mean and the mean moving
  range of the first `fix_after` points (all points when not fixed); moving ranges at or above
  3.267 x their mean are screened out and the mean moving range recomputed once (the mean of the
  values is not recomputed); limits at mean +/- 2.66 x mean moving range;
* special-cause rules, each applied within a period: a point outside the limits; 7 points in a
  row all rising or all falling (trend); 2 of 3 points in a row beyond two thirds of the way to a
  limit, with all 3 on the same side of the mean (only the 2 or 3 points beyond the two-thirds
  line are marked; points outside the limits do not count towards it); 7 points in a row on the
  same side of the mean (a point on the mean breaks the run) (shift);
* a point flagged by several rules takes its direction from the first of: outside the limits
  (its side of the mean), trend (its direction), two in three (its side), shift (its side); the
  direction and the improvement direction make it improvement, concern or neutral high/low.

One deliberate difference: NHSRplotthedots takes a trend point's direction from the step to the
next point, which labels the last point of a rising trend "decreasing" when the next value is
equal to it. Here a trend point takes the direction of the latest 7-point trend it belongs to,
which gives the same answer in every other case.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from joinedup.errors import InvalidInput
from joinedup.monitoring.spc_terms import (
    SHORT,
    Assurance,
    ChartKind,
    Direction,
    PointType,
    Rebase,
    Rule,
    Segment,
    SpcChart,
    SpcPoint,
    Variation,
)
from joinedup.monitoring.targets import Comparator, Target

__all__ = [
    "TOO_LARGE_FOR_LIMITS",
    "Assurance",
    "ChartKind",
    "Direction",
    "PointType",
    "Rebase",
    "Rule",
    "Segment",
    "SpcChart",
    "SpcPoint",
    "Variation",
    "all_finite",
    "xmr_chart",
]

LIMIT = 2.66  # 3 / 1.128, the d2 constant for moving ranges of 2
NEAR_LIMIT = 2 * (LIMIT / 3)  # two thirds of the way from the mean to a limit
SCREEN_AT = 3.267  # moving ranges at or above 3.267 x their mean are screened out
RUN = 7  # points in a trend or a shift
TOO_LARGE_FOR_LIMITS = (
    "the values are too large for process limits to be worked out (a limit would pass the "
    "largest number a computer holds)"
)

Floats = npt.NDArray[np.float64]


def xmr_chart(
    dates: Sequence[date],
    values: Sequence[float],
    *,
    direction: Direction,
    target: float | Target | None = None,
    screen_outliers: bool = True,
    fix_after: int | None = None,
    rebase: Sequence[Rebase] = (),
) -> SpcChart:
    """An XmR chart of one series; points are taken in date order."""
    order = _checked_order(dates, values)
    ds = [dates[i] for i in order]
    ys = np.asarray([float(values[i]) for i in order], dtype=np.float64)
    if fix_after is not None and fix_after < 2:
        raise InvalidInput.of(
            "fix_after", f"fix after {fix_after} points: limits need at least 2 points"
        )
    starts, rebases = _segment_starts(ds, rebase)
    segments: list[Segment] = []
    points: list[SpcPoint] = []
    for number, (start, stop) in enumerate(zip(starts, [*starts[1:], len(ds)], strict=True)):
        # Values near the largest float overflow to infinite limits: `all_finite` tells.
        with np.errstate(over="ignore", invalid="ignore"):
            segment, types, rules = _segment(
                ds[start:stop],
                ys[start:stop],
                direction,
                screen_outliers,
                fix_after,
                rebases[number],
            )
        segments.append(segment)
        for offset, day in enumerate(ds[start:stop]):
            points.append(
                SpcPoint(
                    date=day,
                    value=float(ys[start + offset]),
                    mean=segment.mean,
                    lpl=segment.lpl,
                    upl=segment.upl,
                    point_type=types[offset],
                    rules=rules[offset],
                    segment=number,
                )
            )
    last = segments[-1]
    return SpcChart(
        points=tuple(points),
        segments=tuple(segments),
        direction=direction,
        target=target,
        screen_outliers=screen_outliers,
        fix_after=fix_after,
        variation=variation_of(points[-1].point_type, direction),
        assurance=assurance_of(target, lpl=last.lpl, upl=last.upl, direction=direction),
        warnings=tuple(_short_warning(s) for s in segments if s.short),
    )


def all_finite(chart: SpcChart) -> bool:
    """Whether every number of the chart is finite (values near the largest float are, but
    their mean or limits may not be)."""
    numbers = [v for p in chart.points for v in (p.value, p.mean, p.lpl, p.upl)]
    numbers += [v for s in chart.segments for v in (s.mean, s.mean_moving_range, s.lpl, s.upl)]
    return all(math.isfinite(v) for v in numbers)


def variation_of(point_type: PointType, direction: Direction) -> Variation:
    """The variation icon for the latest point (high/low follows the improvement direction)."""
    if point_type is PointType.COMMON_CAUSE:
        return Variation.COMMON_CAUSE
    if point_type is PointType.SPECIAL_CAUSE_NEUTRAL_HIGH:
        return Variation.NEUTRAL_HIGH
    if point_type is PointType.SPECIAL_CAUSE_NEUTRAL_LOW:
        return Variation.NEUTRAL_LOW
    increasing = direction is Direction.INCREASE
    if point_type is PointType.SPECIAL_CAUSE_IMPROVEMENT:
        return Variation.IMPROVEMENT_HIGH if increasing else Variation.IMPROVEMENT_LOW
    return Variation.CONCERN_LOW if increasing else Variation.CONCERN_HIGH


def assurance_of(
    target: float | Target | None, *, lpl: float, upl: float, direction: Direction
) -> Assurance:
    """Whether every value the process is expected to produce (lpl to upl) meets the target.

    A bare number is read as NHSRplotthedots reads it: against the improvement direction, with
    no assurance for neutral measures, and a target on a limit is inconsistent. A `Target`
    decides by its own wording, so "between 80 and 90" works for any direction.
    """
    if target is None:
        return Assurance.NONE
    if isinstance(target, Target):
        return _assurance_for_target(target, lpl, upl)
    if direction is Direction.NEUTRAL:
        return Assurance.NONE
    increasing = direction is Direction.INCREASE
    if target > upl:
        return Assurance.CONSISTENT_FAIL if increasing else Assurance.CONSISTENT_PASS
    if target < lpl:
        return Assurance.CONSISTENT_PASS if increasing else Assurance.CONSISTENT_FAIL
    return Assurance.INCONSISTENT


def _assurance_for_target(target: Target, lpl: float, upl: float) -> Assurance:
    if target.met(lpl) and target.met(upl) and target.comparator is not Comparator.EQUAL:
        return Assurance.CONSISTENT_PASS
    t, c = target.value, target.comparator
    never = {
        Comparator.AT_MOST: lpl > t,
        Comparator.LESS_THAN: lpl >= t,
        Comparator.AT_LEAST: upl < t,
        Comparator.MORE_THAN: upl <= t,
        Comparator.EQUAL: t < lpl or t > upl,
        Comparator.BETWEEN: target.upper is not None and (upl < t or lpl > target.upper),
    }[c]
    if c is Comparator.EQUAL and lpl == upl == t:
        return Assurance.CONSISTENT_PASS
    return Assurance.CONSISTENT_FAIL if never else Assurance.INCONSISTENT


def _checked_order(dates: Sequence[date], values: Sequence[float]) -> list[int]:
    if len(dates) != len(values):
        raise InvalidInput.of(
            "values", f"{len(dates)} dates but {len(values)} values: give one of each"
        )
    if len(dates) < 2:
        raise InvalidInput.of("values", f"an SPC chart needs at least 2 points; got {len(dates)}")
    for day, value in zip(dates, values, strict=True):
        if not math.isfinite(value):
            raise InvalidInput.of(
                "values", f"value {value!r} on {day.isoformat()} is not a finite number"
            )
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    for a, b in pairwise(order):
        if dates[a] == dates[b]:
            raise InvalidInput.of(
                "values", f"two values for {dates[a].isoformat()}: give one per date"
            )
    return order


def _segment_starts(
    dates: list[date], rebase: Sequence[Rebase]
) -> tuple[list[int], list[Rebase | None]]:
    index = {day: i for i, day in enumerate(dates)}
    by_start: dict[int, Rebase] = {}
    for r in rebase:
        if r.at not in index:
            raise InvalidInput.of(
                "rebases",
                f"rebase at {r.at.isoformat()}: no point has that date; rebase at the date of the "
                f"first point of the new period (points run from {dates[0].isoformat()} to "
                f"{dates[-1].isoformat()})",
            )
        if index[r.at] == 0:
            raise InvalidInput.of(
                "rebases",
                f"rebase at {r.at.isoformat()}: that is the first point, so there is nothing "
                "before it to rebase from",
            )
        if index[r.at] in by_start:
            raise InvalidInput.of("rebases", f"rebase at {r.at.isoformat()} is given twice")
        by_start[index[r.at]] = r
    starts = [0, *sorted(by_start)]
    stops = [*starts[1:], len(dates)]
    for start, stop in zip(starts, stops, strict=True):
        if stop - start < 2:
            raise InvalidInput.of(
                "rebases",
                f"the period starting {dates[start].isoformat()} has only 1 point: limits need "
                "at least 2 points between rebases",
            )
    return starts, [None, *(by_start[s] for s in starts[1:])]


def _segment(
    dates: list[date],
    y: Floats,
    direction: Direction,
    screen_outliers: bool,
    fix_after: int | None,
    rebase: Rebase | None,
) -> tuple[Segment, list[PointType], list[tuple[Rule, ...]]]:
    used = len(y) if fix_after is None else min(fix_after, len(y))
    base = y[:used]
    mean = float(base.mean())
    moving_ranges = np.abs(np.diff(base))
    amr = float(moving_ranges.mean())
    screened = 0
    # All moving ranges are 0 for a flat series: nothing to screen, the limits sit on the mean.
    if screen_outliers and amr > 0:
        kept = moving_ranges[moving_ranges < SCREEN_AT * amr]
        screened = len(moving_ranges) - len(kept)
        # Never empty for finite values; only an overflowed mean leaves nothing below it.
        amr = float(kept.mean()) if len(kept) else math.inf
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    segment = Segment(
        start=dates[0],
        end=dates[-1],
        points=len(y),
        points_used=used,
        mean=mean,
        mean_moving_range=amr,
        lpl=lpl,
        upl=upl,
        screened_moving_ranges=screened,
        rebase=rebase,
    )
    types, rules = _classify(y, mean, amr, direction)
    return segment, types, rules


def _classify(
    y: Floats, mean: float, amr: float, direction: Direction
) -> tuple[list[PointType], list[tuple[Rule, ...]]]:
    lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
    near = NEAR_LIMIT * amr
    return classify(y, mean, (lpl, upl), (mean - near, mean + near), direction)


def classify(
    y: Floats,
    mean: float,
    limits: tuple[Floats | float, Floats | float],
    near: tuple[Floats | float, Floats | float],
    direction: Direction,
) -> tuple[list[PointType], list[tuple[Rule, ...]]]:
    """Each point's type and rules, given the limits and the two-thirds lines (one value for
    the whole chart, or one per point as a p-chart has)."""
    lpl, upl = limits
    outside = (y > upl) | (y < lpl)
    side = np.sign(y - mean).astype(np.int64)  # +1 above the mean, -1 below, 0 on it
    close = ~outside & ((y < near[0]) | (y > near[1]))
    trend = _trend_directions(y)
    two_in_three = _two_in_three(close, side)
    shift = _shift(side)

    types: list[PointType] = []
    rules: list[tuple[Rule, ...]] = []
    for i in range(len(y)):
        flagged = [
            rule
            for rule, on in (
                (Rule.OUTSIDE_LIMITS, bool(outside[i])),
                (Rule.TREND, trend[i] != 0),
                (Rule.TWO_IN_THREE, bool(two_in_three[i])),
                (Rule.SHIFT, bool(shift[i])),
            )
            if on
        ]
        rules.append(tuple(flagged))
        if not flagged:
            types.append(PointType.COMMON_CAUSE)
            continue
        # Direction of the special cause: trend points go the trend's way, others by their side.
        high = trend[i] > 0 if flagged[0] is Rule.TREND else side[i] > 0
        types.append(_point_type(high, direction))
    return types, rules


def _point_type(high: bool, direction: Direction) -> PointType:
    if direction is Direction.NEUTRAL:
        return PointType.SPECIAL_CAUSE_NEUTRAL_HIGH if high else PointType.SPECIAL_CAUSE_NEUTRAL_LOW
    improving = high == (direction is Direction.INCREASE)
    return PointType.SPECIAL_CAUSE_IMPROVEMENT if improving else PointType.SPECIAL_CAUSE_CONCERN


def _trend_directions(y: Floats) -> npt.NDArray[np.int64]:
    """+1 or -1 for points in a run of 7 all rising or all falling (ties break a run), else 0."""
    marks = np.zeros(len(y), dtype=np.int64)
    steps = np.sign(np.diff(y))
    for first in range(len(y) - RUN + 1):
        window = steps[first : first + RUN - 1]
        for way in (1, -1):
            if np.all(window == way):
                # A later run overrides an earlier one on shared points (a peak joins both).
                marks[first : first + RUN] = way
    return marks


def _two_in_three(
    close: npt.NDArray[np.bool_], side: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Points beyond two thirds of the way to a limit, 2 of them in 3, all 3 on one side."""
    marks = np.zeros(len(close), dtype=np.bool_)
    for first in range(len(close) - 2):
        window = slice(first, first + 3)
        if close[window].sum() >= 2 and abs(int(side[window].sum())) == 3:
            marks[window] |= close[window]
    return marks


def _shift(side: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Points in a run of 7 on the same side of the mean."""
    marks = np.zeros(len(side), dtype=np.bool_)
    for first in range(len(side) - RUN + 1):
        window = side[first : first + RUN]
        if window[0] != 0 and np.all(window == window[0]):
            marks[first : first + RUN] = True
    return marks


def _short_warning(segment: Segment) -> str:
    return (
        f"{segment.points} points from {segment.start.isoformat()} to {segment.end.isoformat()}: "
        f"limits from fewer than {SHORT} points are trial limits, useful but not robust; they "
        "will move as points are added"
    )
