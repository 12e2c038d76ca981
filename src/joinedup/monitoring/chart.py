"""SPC charts as SVG in the Making Data Count style, for web pages and PDF reports alike.

Hand-written SVG with presentation attributes only (no CSS, no scripts, no nested <svg>), so
the same markup renders in browsers and in WeasyPrint. Every chart is an image with a title and
a description in words, and `chart_table.data_table` gives the table alternative. Colours
(`icons`) are those of NHSRplotthedots: grey common cause, blue improvement, orange concern,
purple neutral; solid black mean, dashed grey process limits, dashed red target.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from joinedup.monitoring import plain_words
from joinedup.monitoring.icons import (
    COMMON,
    CONCERN,
    FONT,
    GRID,
    IMPROVEMENT,
    INK,
    LIMIT,
    MEAN,
    NEUTRAL,
    POINT_COLOURS,
    TARGET,
    assurance_icon_group,
    esc,
    num,
    variation_icon_group,
)
from joinedup.monitoring.spc import (
    ChartKind,
    Direction,
    SpcChart,
    SpcPoint,
)
from joinedup.monitoring.targets import Target
from joinedup.monitoring.withheld import finite, runs
from joinedup.periods import point_label


def _safe_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text) or "spc"


@dataclass(frozen=True)
class _Scale:
    """Maps values to the vertical pixel position and point index to the horizontal one."""

    low: float
    high: float
    top: float
    bottom: float
    left: float
    right: float
    count: int

    def y(self, value: float) -> float:
        # Halves first: the span of two huge values of opposite sign would overflow.
        span = self.high / 2 - self.low / 2
        return self.bottom - (value / 2 - self.low / 2) / span * (self.bottom - self.top)

    def x(self, index: float) -> float:
        if self.count == 1:
            return (self.left + self.right) / 2
        return self.left + index * (self.right - self.left) / (self.count - 1)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering low to high."""
    if high <= low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = high / count - low / count  # divided first: the span itself may overflow
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [first]
    while ticks[-1] < high - 1e-9 * step and len(ticks) <= 2 * count + 2:
        ticks.append(first + len(ticks) * step)
    finite = [t for t in ticks if math.isfinite(t)]
    if len(finite) < 2:  # the next round tick lies beyond the largest float: use the data's own
        return [low, high]
    return [round(t, 10) for t in finite]


# How far (in spans of the data and its limits) a target may lie from them and still be drawn:
# beyond it, the data would be squashed into a sliver of the chart.
TARGET_REACH = 0.5


def axis_range(
    values: list[float], target: float | Target | None, bounds: tuple[float, float] | None
) -> tuple[float, float, list[float]]:
    """The axis's range, scaled to the data and limits; the targets that fit on it."""
    low, high = min(values), max(values)
    if bounds is not None:  # a percentage: nothing below 0% or above 100% is possible
        low, high = max(low, bounds[0]), min(high, bounds[1])
        low, high = min(low, high), max(low, high)
    span = high / 2 - low / 2
    shown = [
        t
        for t in target_values(target)
        if low - TARGET_REACH * 2 * span <= t <= high + TARGET_REACH * 2 * span
        and (bounds is None or bounds[0] <= t <= bounds[1])
    ]
    return min([low, *shown]), max([high, *shown]), shown


def bounds_of(unit: str) -> tuple[float, float] | None:
    """What a measure can be: a percentage lies within 0% and 100%."""
    return (0.0, 100.0) if unit.strip() == "%" else None


def _clamped(value: float, bounds: tuple[float, float] | None) -> float:
    return value if bounds is None else min(max(value, bounds[0]), bounds[1])


def target_values(target: float | Target | None) -> list[float]:
    if target is None:
        return []
    if isinstance(target, Target):
        return [target.value] if target.upper is None else [target.value, target.upper]
    return [float(target)]


def _point_title(point: SpcPoint, unit: str, monthly: bool) -> str:
    words = plain_words.POINT_TYPES[point.point_type]
    rules = ", ".join(plain_words.RULE_NAMES[r] for r in point.rules)
    return (
        f"{point_label(point.date, monthly)}: {plain_words.number(point.value, unit)} ({words}"
        + (f"; {rules})" if rules else ")")
    )


def spc_chart_svg(
    chart: SpcChart,
    *,
    title: str,
    unit: str = "",
    width: int = 680,
    height: int = 360,
    chart_id: str = "spc",
    tooltips: bool = True,
) -> str:
    """The full chart with its icons and legend; `chart_id` must be unique on the page.

    `tooltips` gives each point and line a <title> that browsers show on hover; pictures for
    print leave them out.
    """
    cid = _safe_id(chart_id)
    points = chart.points
    monthly = all(p.date.day == 1 for p in points)
    values = [p.value for p in points]
    bounds = bounds_of(unit)
    limits = [v for p in points for v in (p.lpl, p.upl)]
    low, high, targets = axis_range(finite([*values, *limits]) or [0.0], chart.target, bounds)
    ticks = nice_ticks(low, high)
    if bounds is not None:
        ticks = [t for t in ticks if bounds[0] <= t <= bounds[1]] or ticks
    scale = _Scale(
        ticks[0],
        ticks[-1],
        top=56,
        bottom=height - 78,
        left=64,
        right=width - 36,
        count=len(points),
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'{FONT} font-size="12">',
        f'<title id="{cid}-title">{esc(title)}</title>',
        f'<desc id="{cid}-desc">{esc(plain_words.summary(chart, title=title, unit=unit))}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for tick in ticks:
        y = num(scale.y(tick))
        out.append(
            f'<line x1="{num(scale.left - 6)}" y1="{y}" x2="{num(scale.right)}" y2="{y}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        # Ticks carry "%" only; a longer unit is written once above the axis.
        out.append(
            f'<text x="{num(scale.left - 10)}" y="{y}" dy="4" text-anchor="end" fill="{INK}">'
            f"{esc(plain_words.number(tick, '%' if unit == '%' else ''))}</text>"
        )
    if unit and unit != "%":
        out.append(
            f'<text x="{num(scale.left - 50)}" y="{num(scale.top - 14)}" fill="{INK}">'
            f"{esc(unit)}</text>"
        )
    step = max(1, math.ceil(len(points) / 8))
    for i in range(0, len(points), step):
        out.append(
            f'<text x="{num(scale.x(i))}" y="{num(scale.bottom + 20)}" text-anchor="middle" '
            f'fill="{INK}">{esc(point_label(points[i].date, monthly))}</text>'
        )
    for t in targets:
        y = num(scale.y(t))
        out.append(
            f'<line x1="{num(scale.left)}" y1="{y}" x2="{num(scale.right)}" y2="{y}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="8 4">'
            f"<title>{esc(plain_words.target_words(chart.target, unit))}</title></line>"
        )
    if len(targets) < len(target_values(chart.target)):
        out.append(
            f'<text x="{num(scale.right)}" y="{num(scale.top - 6)}" text-anchor="end" '
            f'fill="{INK}" font-size="11">{esc(_off_chart(chart, unit, high))}</text>'
        )
    if chart.kind is ChartKind.P:
        out.extend(_stepped_limits(chart, scale, unit))
    else:
        out.extend(_segment_lines(chart, scale, unit, bounds))
    out.extend(_lines(scale, values, f'stroke="{COMMON}" stroke-width="2"'))
    for i, point in enumerate(points):
        if not math.isfinite(point.value):
            continue  # held back (disclosure control): a gap, never drawn at 0
        special = point.special_cause
        out.append(
            f'<circle cx="{num(scale.x(i))}" cy="{num(scale.y(point.value))}" '
            f'r="{4.5 if special else 3.5}" fill="{POINT_COLOURS[point.point_type]}" '
            f'stroke="#ffffff" stroke-width="1">'
            + (f"<title>{esc(_point_title(point, unit, monthly))}</title>" if tooltips else "")
            + "</circle>"
        )
    out.append(variation_icon_group(chart.variation, x=width - 96, y=6, size=40))
    out.append(assurance_icon_group(chart.assurance, x=width - 50, y=6, size=40))
    out.extend(_legend(chart, width, height, target_drawn=bool(targets)))
    out.append("</svg>")
    return "\n".join(out)


def _lines(scale: _Scale, values: list[float], stroke: str) -> list[str]:
    return [  # the line through the values, broken where one is held back
        f'<polyline points="{" ".join(f"{num(scale.x(i))},{num(scale.y(v))}" for i, v in run)}" '
        f'fill="none" {stroke}/>'
        for run in runs(list(enumerate(values)))
    ]


def _off_chart(chart: SpcChart, unit: str, high: float) -> str:
    """Said on the chart when the target lies too far from the data to be drawn."""
    where = "above" if target_values(chart.target)[0] > high else "below"
    return f"{plain_words.target_words(chart.target, unit).capitalize()}: {where} this chart"


def _stepped_limits(chart: SpcChart, scale: _Scale, unit: str) -> list[str]:
    """A p-chart's limits, one pair per point (wider where fewer people were counted)."""
    out: list[str] = []
    count = len(chart.points)
    for name, upper in (("lower process limit", False), ("upper process limit", True)):
        steps: list[str] = []
        for i, point in enumerate(chart.points):
            if not math.isfinite(limit := point.upl if upper else point.lpl):
                continue  # held back (joinedup.monitoring.withheld)
            x1, x2 = scale.x(max(i - 0.5, 0)), scale.x(min(i + 0.5, count - 1))
            y = num(scale.y(limit))
            steps.append(f"{num(x1)},{y} {num(x2)},{y}")
        if steps:
            out.append(
                f'<polyline points="{" ".join(steps)}" fill="none" stroke="{LIMIT}" '
                f'stroke-width="1.5" stroke-dasharray="6 4"><title>{esc(name)}, from each '
                "point's denominator</title></polyline>"
            )
    mean = chart.segments[0].mean
    if math.isfinite(mean):
        y = num(scale.y(mean))
        out.append(
            f'<line x1="{num(scale.x(0))}" y1="{y}" x2="{num(scale.x(count - 1))}" y2="{y}" '
            f'stroke="{MEAN}" stroke-width="1.2"><title>overall proportion '
            f"{esc(plain_words.number(mean, unit))}</title></line>"
        )
    return out


def _segment_lines(
    chart: SpcChart, scale: _Scale, unit: str, bounds: tuple[float, float] | None = None
) -> list[str]:
    out: list[str] = []
    start = 0
    for segment in chart.segments:
        stop = start + segment.points - 1
        x1, x2 = num(scale.x(start)), num(scale.x(stop))
        for value, colour, dash, name in (
            (segment.lpl, LIMIT, ' stroke-dasharray="6 4"', "lower process limit"),
            (segment.upl, LIMIT, ' stroke-dasharray="6 4"', "upper process limit"),
            (segment.mean, MEAN, "", "mean"),
        ):
            if not math.isfinite(value):
                continue
            y = num(scale.y(_clamped(value, bounds)))
            out.append(
                f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" '
                f'stroke-width="{1.5 if dash else 1.2}"{dash}>'
                f"<title>{esc(name)} {esc(plain_words.number(value, unit))}</title></line>"
            )
        if segment.rebase is not None:
            x = num(scale.x(start - 0.5))
            out.append(
                f'<line x1="{x}" y1="{num(scale.top)}" x2="{x}" y2="{num(scale.bottom)}" '
                f'stroke="{INK}" stroke-width="1" stroke-dasharray="2 3">'
                f"<title>Rebased: {esc(segment.rebase.reason)}</title></line>"
            )
            out.append(
                f'<text x="{x}" y="{num(scale.top - 6)}" text-anchor="middle" fill="{INK}" '
                f'font-size="11">rebased</text>'
            )
        start = stop + 1
    return out


def _legend(chart: SpcChart, width: int, height: int, *, target_drawn: bool) -> list[str]:
    items: list[tuple[str, str, str]] = [("dot", COMMON, "Common cause")]
    if chart.direction is Direction.NEUTRAL:
        items.append(("dot", NEUTRAL, "Special cause"))
    else:
        items += [("dot", IMPROVEMENT, "Improvement"), ("dot", CONCERN, "Concern")]
    items += [("line", MEAN, "Mean"), ("dash", LIMIT, "Process limits")]
    if target_drawn:
        items.append(("target", TARGET, "Target"))
    out: list[str] = []
    x, y = 64.0, height - 30.0
    for kind, colour, label in items:
        item_width = 26 + 6.2 * len(label) + 16
        if x + item_width > width - 10:
            x, y = 64.0, y + 18
        if kind == "dot":
            out.append(f'<circle cx="{num(x + 8)}" cy="{num(y - 4)}" r="4.5" fill="{colour}"/>')
        else:
            dash = {
                "line": "",
                "dash": ' stroke-dasharray="6 4"',
                "target": ' stroke-dasharray="8 4"',
            }[kind]
            out.append(
                f'<line x1="{num(x)}" y1="{num(y - 4)}" x2="{num(x + 20)}" y2="{num(y - 4)}" '
                f'stroke="{colour}" stroke-width="2"{dash}/>'
            )
        out.append(f'<text x="{num(x + 26)}" y="{num(y)}" fill="{INK}">{esc(label)}</text>')
        x += item_width
    return out


def sparkline_svg(
    chart: SpcChart, *, title: str, unit: str = "", width: int = 120, height: int = 32
) -> str:
    """A small chart for a table row: values, mean, limits, target and special-cause points."""
    values = [p.value for p in chart.points]
    bounds = bounds_of(unit)
    limits = [v for p in chart.points for v in (p.lpl, p.upl)]
    low, high, targets = axis_range(finite([*values, *limits]) or [0.0], chart.target, bounds)
    if high == low:
        low, high = low - 1, high + 1
    scale = _Scale(low, high, top=3, bottom=height - 3, left=3, right=width - 3, count=len(values))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}: '
        f'{esc(plain_words.VARIATION[chart.variation])}">',
        f"<title>{esc(title)}</title>",
        f"<desc>{esc(plain_words.summary(chart, title=title, unit=unit))}</desc>",
    ]
    for t in targets:
        y = num(scale.y(t))
        out.append(
            f'<line x1="{num(scale.left)}" y1="{y}" x2="{num(scale.right)}" y2="{y}" '
            f'stroke="{TARGET}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    start = 0
    for segment in chart.segments:
        stop = start + segment.points - 1
        x1, x2 = num(scale.x(start)), num(scale.x(stop))
        for value, colour, dash in (
            (segment.lpl, LIMIT, ' stroke-dasharray="2 2"'),
            (segment.upl, LIMIT, ' stroke-dasharray="2 2"'),
            (segment.mean, MEAN, ""),
        ):
            if not math.isfinite(value):
                continue
            y = num(scale.y(_clamped(value, bounds)))
            out.append(
                f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" '
                f'stroke-width="0.8"{dash}/>'
            )
        start = stop + 1
    out.extend(_lines(scale, values, f'stroke="{COMMON}" stroke-width="1.2"'))
    for i, point in enumerate(chart.points):
        shown = math.isfinite(point.value)  # a held-back point is a gap
        if shown and (point.special_cause or i == len(chart.points) - 1):
            out.append(
                f'<circle cx="{num(scale.x(i))}" cy="{num(scale.y(point.value))}" r="2" '
                f'fill="{POINT_COLOURS[point.point_type]}"/>'
            )
    out.append("</svg>")
    return "\n".join(out)
