"""An indicator over time as an accessible SVG line chart: the area, England alongside, and the
area's 95% confidence interval as a band where it is defined.

Hand-written SVG with presentation attributes only (no CSS, no script), so it renders the same
in browsers and in documents. The chart is an image (``role="img"``) named by its ``<title>``
and described in words by its ``<desc>``; pages add a data table as the alternative.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from joinedup.periods import point_label

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 32, 72
AREA_COLOUR = "#1d70b8"  # GOV.UK blue
BAND_COLOUR = "#1d70b8"
ENGLAND_COLOUR = "#0b0c0c"
GRID = "#b1b4b6"
FONT = 'font-family="Arial, Helvetica, sans-serif"'


@dataclass(frozen=True)
class Point:
    period_start: date
    value: float | None
    lower_95: float | None = None
    upper_95: float | None = None


def _e(text: str) -> str:
    return escape(text, quote=True)


def _n(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _known(x: float | None) -> bool:
    return x is not None and not math.isnan(x)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (1, 2 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    tick = first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _path(points: Sequence[tuple[float, float] | None]) -> str:
    """An SVG path through the points, broken where a value is missing."""
    parts = []
    pen_up = True
    for point in points:
        if point is None:
            pen_up = True
            continue
        parts.append(f"{'M' if pen_up else 'L'}{_n(point[0])} {_n(point[1])}")
        pen_up = False
    return " ".join(parts)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    unit: str,
    area_name: str,
    area: Sequence[Point],
    england: Sequence[Point],
) -> str:
    """The SVG markup (escaped: safe to insert into a page)."""
    safe_id = re.sub(r"[^A-Za-z0-9_-]", "-", chart_id)
    starts = sorted({p.period_start for p in (*area, *england)})
    numbers = [
        x
        for p in (*area, *england)
        for x in (p.value, p.lower_95, p.upper_95)
        if x is not None and _known(x)
    ]
    low, high = (min(numbers), max(numbers)) if numbers else (0.0, 1.0)
    if low >= 0 and low <= (high - low):  # start from zero when it is close
        low = 0.0
    ticks = nice_ticks(low, high)
    y_min, y_max = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(starts) - 1, 1)
    place = {s: LEFT + i * slot for i, s in enumerate(starts)}

    def y(value: float) -> float:
        return TOP + plot_h - (value - y_min) / (y_max - y_min) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-labelledby="{safe_id}-title {safe_id}-desc" '
        f'class="app-chart">',
        f'<title id="{safe_id}-title">{_e(title)}</title>',
        f'<desc id="{safe_id}-desc">{_e(description)}</desc>',
    ]
    for tick in ticks:
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y(tick))}" y2="{_n(y(tick))}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{_n(y(tick) + 4)}" text-anchor="end" font-size="12" '
            f'fill="{ENGLAND_COLOUR}" {FONT}>{_e(f"{tick:,.{0 if tick == int(tick) else 1}f}")}'
            "</text>"
        )
    every = max(1, math.ceil(len(starts) / 6))
    for i, start in enumerate(starts):
        if i % every == 0:
            out.append(
                f'<text x="{_n(place[start])}" y="{TOP + plot_h + 18}" text-anchor="middle" '
                f'font-size="12" fill="{ENGLAND_COLOUR}" {FONT}>{point_label(start, True)}</text>'
            )
    # The area's 95% interval: one band per run of periods where it is defined.
    run: list[Point] = []
    for point in [*area, None]:
        if point is not None and _known(point.lower_95) and _known(point.upper_95):
            run.append(point)
            continue
        if run:
            upper = [f"{_n(place[p.period_start])},{_n(y(p.upper_95 or 0))}" for p in run]
            lower = [f"{_n(place[p.period_start])},{_n(y(p.lower_95 or 0))}" for p in run]
            out.append(
                f'<polygon points="{" ".join(upper + lower[::-1])}" fill="{BAND_COLOUR}" '
                'fill-opacity="0.18" stroke="none"/>'
            )
            run = []
    for points, colour, dash, width in (
        (england, ENGLAND_COLOUR, ' stroke-dasharray="6 4"', 2),
        (area, AREA_COLOUR, "", 3),
    ):
        coords = [
            (place[p.period_start], y(p.value)) if p.value is not None and _known(p.value) else None
            for p in points
        ]
        out.append(
            f'<path d="{_path(coords)}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}"{dash}/>'
        )
        if points is area:
            for c in coords:
                if c is not None:
                    out.append(f'<circle cx="{_n(c[0])}" cy="{_n(c[1])}" r="3" fill="{colour}"/>')
    legend_y = HEIGHT - 22
    out.append(
        f'<line x1="{LEFT}" x2="{LEFT + 28}" y1="{legend_y}" y2="{legend_y}" '
        f'stroke="{AREA_COLOUR}" stroke-width="3"/>'
        f'<text x="{LEFT + 34}" y="{legend_y + 4}" font-size="13" fill="{ENGLAND_COLOUR}" '
        f"{FONT}>{_e(area_name)}</text>"
        f'<rect x="{LEFT + 200}" y="{legend_y - 7}" width="28" height="14" '
        f'fill="{BAND_COLOUR}" fill-opacity="0.18"/>'
        f'<text x="{LEFT + 234}" y="{legend_y + 4}" font-size="13" fill="{ENGLAND_COLOUR}" '
        f"{FONT}>95% confidence interval</text>"
        f'<line x1="{LEFT + 420}" x2="{LEFT + 448}" y1="{legend_y}" y2="{legend_y}" '
        f'stroke="{ENGLAND_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{LEFT + 454}" y="{legend_y + 4}" font-size="13" fill="{ENGLAND_COLOUR}" '
        f"{FONT}>England</text>"
    )
    out.append(
        f'<text x="{LEFT}" y="{TOP - 14}" font-size="12" fill="{ENGLAND_COLOUR}" {FONT}>'
        f"{_e(unit)}</text>"
    )
    out.append("</svg>")
    return "".join(out)
