"""Charts as shown where disclosure control holds figures back.

SPC limits and signals are computed from every stored value, unrounded. What is drawn and
printed leaves out each point held back, as a gap, and the mean and process limits of any
period of the chart (the whole chart, or from one rebase to the next) that holds one: a mean
of n points beside the other n - 1 gives the missing one back, and a limit is the mean and a
spread made from it. The icons (variation, assurance) are still shown: each gives a side, not
a value. A missing number reads as ``[c]`` in words and tables (see plain_words.number).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date

from joinedup.monitoring.spc import SpcChart

NAN = math.nan


def masked(chart: SpcChart, withheld: Collection[date]) -> SpcChart:
    """A copy of ``chart`` to show: the points dated in ``withheld`` and the mean and limits of
    each segment holding one made not-a-number (left out of pictures, ``[c]`` in words)."""
    hidden = {p.segment for p in chart.points if p.date in withheld}
    if not hidden:
        return chart
    points = tuple(
        replace(
            p,
            value=NAN if p.date in withheld else p.value,
            mean=NAN,
            lpl=NAN,
            upl=NAN,
        )
        if p.segment in hidden
        else p
        for p in chart.points
    )
    segments = tuple(
        replace(s, mean=NAN, mean_moving_range=NAN, lpl=NAN, upl=NAN) if i in hidden else s
        for i, s in enumerate(chart.segments)
    )
    return replace(chart, points=points, segments=segments)


def finite(values: Collection[float]) -> list[float]:
    """The values that can be drawn (a held-back one is not a number)."""
    return [v for v in values if math.isfinite(v)]


def runs(xy: Iterable[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A line's points split where a value is held back, so the line has a gap there."""
    out: list[list[tuple[float, float]]] = [[]]
    for x, y in xy:
        if math.isfinite(y):
            out[-1].append((x, y))
        elif out[-1]:
            out.append([])
    return [r for r in out if r]
