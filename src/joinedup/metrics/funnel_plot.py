"""Geometry of a funnel plot: each area as a point (its size across, its value up), England's
value as a line, and the 95% and 99.8% limits as curves. The size axis is logarithmic, so that
the smallest areas and the largest are all readable.

Pure: numbers in, coordinates out; the page draws them as SVG, with a table alternative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from joinedup.metrics.charts import nice_ticks
from joinedup.metrics.funnel import Funnel, Place

WIDTH, HEIGHT = 720, 420
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 24, 56

#: Point styles by place: outside the 99.8% limits filled dark, outside 95% filled mid grey,
#: within them an open circle, so the reading never depends on colour.
STYLES: dict[Place, tuple[str, str]] = {
    Place.ABOVE_998: ("#0b0c0c", "#0b0c0c"),
    Place.BELOW_998: ("#0b0c0c", "#0b0c0c"),
    Place.ABOVE_95: ("#6f777b", "#0b0c0c"),
    Place.BELOW_95: ("#6f777b", "#0b0c0c"),
    Place.WITHIN: ("#ffffff", "#505a5f"),
}


@dataclass(frozen=True)
class PlotPoint:
    area_code: str
    area_name: str
    x: float
    y: float
    value: float
    denominator: float
    place: Place
    fill: str
    stroke: str


@dataclass(frozen=True)
class Tick:
    at: float  # pixels along its axis
    label: str


@dataclass(frozen=True)
class FunnelPlot:
    width: int
    height: int
    left: int
    top: int
    right_edge: int
    bottom_edge: int
    points: tuple[PlotPoint, ...]
    centre_y: float
    lines: dict[str, str]  # name to SVG polyline points: lower/upper 95 and 99.8
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


def _size_ticks(low: float, high: float) -> list[float]:
    """1, 2 and 5 times powers of ten between low and high (at most about eight)."""
    ticks = []
    for power in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for m in (1, 2, 5):
            tick = m * 10**power
            if low <= tick <= high:
                ticks.append(float(tick))
    while len(ticks) > 8:
        ticks = ticks[::2]
    return ticks


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:,.1f}".rstrip("0").rstrip(".")


def plot(funnel: Funnel, names: dict[str, str]) -> FunnelPlot:
    """Coordinates of every point, line and tick of ``funnel``."""
    curve = funnel.curve
    right_edge, bottom_edge = WIDTH - RIGHT, HEIGHT - BOTTOM
    low_n, high_n = float(curve.denominators.min()), float(curve.denominators.max())
    span_n = math.log10(high_n) - math.log10(low_n) or 1.0
    values = [p.value for p in funnel.points] + [funnel.england]
    limits = [float(v) for v in (*curve.lower_998, *curve.upper_998) if math.isfinite(v)]
    # The narrowest limits matter; the widest, at the smallest area, may dwarf every value.
    spread = max(values) - min(values) or 1.0
    low_y = max(min(values + limits), min(values) - spread * 0.25)
    high_y = min(max(values + limits), max(values) + spread * 0.25)
    y_ticks = nice_ticks(low_y, high_y)
    low_y, high_y = min(y_ticks[0], low_y), max(y_ticks[-1], high_y)

    def x_of(n: float) -> float:
        return LEFT + (math.log10(n) - math.log10(low_n)) / span_n * (right_edge - LEFT)

    def y_of(v: float, clip: bool = True) -> float:
        shown = min(max(v, low_y), high_y) if clip else v
        return bottom_edge - (shown - low_y) / (high_y - low_y) * (bottom_edge - TOP)

    def line(ys: object) -> str:
        # Not clamped: the page clips the curves to the plot, so they leave it where they end.
        return " ".join(
            f"{x_of(float(n)):.1f},{y_of(float(v), clip=False):.1f}"
            for n, v in zip(curve.denominators, ys, strict=True)  # type: ignore[call-overload]
            if math.isfinite(float(v))
        )

    points = tuple(
        PlotPoint(
            p.area_code,
            names.get(p.area_code, p.area_code),
            round(x_of(p.denominator), 1),
            round(y_of(p.value), 1),
            p.value,
            p.denominator,
            p.place,
            *STYLES[p.place],
        )
        for p in sorted(funnel.points, key=lambda p: names.get(p.area_code, p.area_code))
    )
    return FunnelPlot(
        WIDTH,
        HEIGHT,
        LEFT,
        TOP,
        right_edge,
        bottom_edge,
        points,
        round(y_of(funnel.england), 1),
        {
            "lower_95": line(curve.lower_95),
            "upper_95": line(curve.upper_95),
            "lower_998": line(curve.lower_998),
            "upper_998": line(curve.upper_998),
        },
        tuple(Tick(round(x_of(t), 1), _fmt(t)) for t in _size_ticks(low_n, high_n)),
        tuple(Tick(round(y_of(t), 1), _fmt(t)) for t in y_ticks if low_y <= t <= high_y),
    )
